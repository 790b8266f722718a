// Package serviceargs is the command line the service examples share, as
// examples/c/service_args.c has it:
//
//	--device HOST --port N --user U --password P [--client-id ID]
//	[--ca FILE] [--clear-text] [--api auto|jnx|legacy]
package serviceargs

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"

	"libjet.dev/jet"
)

// Args are the options parsed so far; Rest holds the other arguments.
type Args struct {
	Options jet.ServiceOptions
	Rest    []string
}

// maxRest is how many other arguments are kept, as in C.
const maxRest = 16

// usageError prints "<message> <argument>" and the usage on stderr, then exits 2.
func usageError(usage, message, argument string) {
	fmt.Fprintf(os.Stderr, "%s %s\n%s", message, argument, usage)
	os.Exit(2)
}

// Parse reads argv (without the program name); it prints the usage and
// exits 0 for --help, and exits 2 on a usage error.
func Parse(argv []string, usage string) *Args {
	a := &Args{}
	for i := 0; i < len(argv); i++ {
		arg := argv[i]
		value := func() string {
			if i+1 >= len(argv) {
				usageError(usage, "missing value after", arg)
			}
			i++
			return argv[i]
		}
		switch arg {
		case "--help", "-h":
			fmt.Print(usage)
			os.Exit(0)
		case "--device":
			a.Options.Device = value()
		case "--port":
			a.Options.Port = parsePort(value(), usage)
		case "--user":
			a.Options.User = value()
		case "--password":
			a.Options.Password = value()
		case "--client-id":
			a.Options.ClientID = value()
		case "--ca":
			a.Options.TLSFiles.CAFile = value()
		case "--clear-text":
			a.Options.ClearText = true
		case "--api":
			a.Options.API = parseAPI(value(), usage)
		default:
			if len(a.Rest) >= maxRest {
				usageError(usage, "too many arguments at", arg)
			}
			a.Rest = append(a.Rest, arg)
		}
	}
	if a.Options.Password != "" && a.Options.User == "" {
		usageError(usage, "--password needs", "--user")
	}
	return a
}

func parsePort(text, usage string) uint16 {
	port, err := strconv.ParseUint(text, 10, 16)
	if err != nil || port < 1 {
		usageError(usage, "--port takes 1 to 65535, not", text)
	}
	return uint16(port)
}

func parseAPI(text, usage string) jet.API {
	switch text {
	case "auto":
		return jet.APIAuto
	case "jnx":
		return jet.APIJNX
	case "legacy":
		return jet.APILegacy
	}
	usageError(usage, "--api takes auto, jnx or legacy, not", text)
	return jet.APIAuto
}

// Open opens the session Args describe, or exits 1 with the error on stderr.
func (a *Args) Open(program string) *jet.Service {
	s, err := jet.OpenService(context.Background(), a.Options)
	if err != nil {
		Fail(program, "login", err)
	}
	return s
}

// Fail prints "<program>: <what>: <status name>: <message>" on stderr,
// shuts libjet down and exits 1.
func Fail(program, what string, err error) {
	Report(program, what, err)
	_ = jet.Shutdown()
	os.Exit(1)
}

// Report prints "<program>: <what>: <status name>: <message>" on stderr.
func Report(program, what string, err error) {
	var jetErr *jet.Error
	if errors.As(err, &jetErr) {
		fmt.Fprintf(os.Stderr, "%s: %s: %s: %s\n", program, what, jetErr.Status, jetErr.Message)
	} else {
		fmt.Fprintf(os.Stderr, "%s: %s: %v\n", program, what, err)
	}
}

// Generation is the generation service speaks in, as text ("jnx", "legacy", "unknown").
func Generation(s *jet.Service, service jet.ServiceKind) string {
	g, _ := s.Generation(service)
	return g.String()
}
