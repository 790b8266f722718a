// interfaces adds or deletes an address on a logical interface of a Junos
// device: the Go twin of examples/c/interfaces.c, with the same command
// line and output.
//
//	interfaces --device HOST --port N --user U --password P [--client-id ID]
//	           [--ca FILE] [--clear-text] [--api auto|jnx|legacy]
//	           --add|--delete IFL FAMILY ADDRESS/LEN
package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"

	"libjet.dev/jet"
	"libjet.dev/jet/examples/internal/serviceargs"
)

const usage = "usage: interfaces --device HOST --port N --user U --password P [--client-id ID]\n" +
	"                  [--ca FILE] [--clear-text] [--api auto|jnx|legacy]\n" +
	"                  --add|--delete IFL FAMILY ADDRESS/LEN\n" +
	"example: interfaces --device 198.51.100.1 --user lab --password lab123 --ca device.pem \\\n" +
	"                    --add ge-0/0/0.0 inet 192.0.2.1/24\n"

// splitIFL splits "ge-0/0/0.0" into "ge-0/0/0" and unit 0.
func splitIFL(ifl string) (string, uint32, bool) {
	dot := strings.LastIndexByte(ifl, '.')
	if dot <= 0 || dot == len(ifl)-1 || dot >= 256 {
		return "", 0, false
	}
	unit, err := strconv.ParseUint(ifl[dot+1:], 10, 32)
	if err != nil {
		return "", 0, false
	}
	return ifl[:dot], uint32(unit), true
}

// usageExit prints a problem on stderr and exits 2.
func usageExit(format string, arg string) {
	fmt.Fprintf(os.Stderr, format, arg)
	os.Exit(2)
}

func main() {
	args := serviceargs.Parse(os.Args[1:], usage)
	rest := args.Rest
	if len(rest) != 4 || (rest[0] != "--add" && rest[0] != "--delete") {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	add := rest[0] == "--add"
	ifd, unit, ok := splitIFL(rest[1])
	if !ok {
		usageExit("interfaces: '%s' is not a logical interface such as ge-0/0/0.0\n", rest[1])
	}
	var family jet.Family
	switch rest[2] {
	case "inet":
		family = jet.FamilyInet
	case "inet6":
		family = jet.FamilyInet6
	default:
		usageExit("interfaces: family must be inet or inet6, not '%s'\n", rest[2])
	}

	session := args.Open("interfaces")
	ctx := context.Background()
	what, done := "add address", "added"
	call := session.AddAddress
	if !add {
		what, done, call = "delete address", "deleted", session.DeleteAddress
	}
	if err := call(ctx, ifd, unit, family, rest[3]); err != nil {
		session.Close()
		serviceargs.Fail("interfaces", what, err)
	}
	fmt.Printf("%s %s %s on %s (%s API)\n", done, rest[2], rest[3], rest[1],
		serviceargs.Generation(session, jet.ServiceInterfaces))
	session.Close()
	_ = jet.Shutdown()
}
