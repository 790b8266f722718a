// firewall installs a JET firewall filter on a Junos device, binds it to a
// logical interface, reads its counter, and removes it again: the Go twin
// of examples/c/firewall.c, with the same command line and output.
//
//	firewall --device HOST --port N --user U --password P [--client-id ID]
//	         [--ca FILE] [--clear-text] [--api auto|jnx|legacy]
//	         --interface IFL
package main

import (
	"context"
	"fmt"
	"os"

	"libjet.dev/jet"
	"libjet.dev/jet/examples/internal/serviceargs"
)

const usage = "usage: firewall --device HOST --port N --user U --password P [--client-id ID]\n" +
	"                [--ca FILE] [--clear-text] [--api auto|jnx|legacy] --interface IFL\n" +
	"example: firewall --device 198.51.100.1 --user lab --password lab123 --ca device.pem \\\n" +
	"                  --interface ge-0/0/0.0\n"

const filterName = "jet-demo-icmp"

// filter is jet-demo-icmp: t1 counts ICMP into icmp-count and discards it;
// t2 accepts everything else.
var filter = jet.Filter{Name: filterName, Family: jet.FamilyInet, Terms: []jet.Term{
	{Name: "t1", Matches: &jet.Matches{Protocols: jet.Values("icmp")},
		Actions: &jet.Actions{Count: "icmp-count", Discard: true}},
	{Name: "t2", Actions: &jet.Actions{Accept: true}},
}}

// demo is the session and what it installed so far.
type demo struct {
	session *jet.Service
	iface   string
	added   bool
	bound   bool
}

// step runs one call; on failure it reports it, removes what was
// installed and exits 1.
func (d *demo) step(what string, err error) {
	if err == nil {
		return
	}
	serviceargs.Report("firewall", what, err)
	ctx := context.Background()
	if d.bound {
		_ = d.session.UnbindFilter(ctx, filterName, jet.FamilyInet, d.iface, jet.DirectionInput)
	}
	if d.added {
		_ = d.session.DeleteFilter(ctx, filterName, jet.FamilyInet)
	}
	d.session.Close()
	_ = jet.Shutdown()
	os.Exit(1)
}

func main() {
	args := serviceargs.Parse(os.Args[1:], usage)
	if len(args.Rest) != 2 || args.Rest[0] != "--interface" {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	d := &demo{session: args.Open("firewall"), iface: args.Rest[1]}
	ctx := context.Background()
	user := args.Options.User
	if user == "" {
		user = "(none)"
	}
	fmt.Printf("logged in as %s (client %s, %s login)\n", user, d.session.ClientID(),
		serviceargs.Generation(d.session, jet.ServiceAuthentication))

	d.step("add filter", d.session.AddFilter(ctx, filter))
	d.added = true
	fmt.Printf("added filter %s (%s API)\n", filterName, serviceargs.Generation(d.session, jet.ServiceFirewall))

	d.step("bind filter", d.session.BindFilter(ctx, filterName, jet.FamilyInet, d.iface, jet.DirectionInput))
	d.bound = true
	fmt.Printf("bound %s to %s input\n", filterName, d.iface)

	counter, err := d.session.Counter(ctx, filterName, "icmp-count")
	d.step("read counter", err)
	fmt.Printf("counter icmp-count: %d packets, %d bytes\n", counter.Packets, counter.Bytes)

	d.bound = false // a failed unbind is not retried
	d.step("unbind filter", d.session.UnbindFilter(ctx, filterName, jet.FamilyInet, d.iface, jet.DirectionInput))
	fmt.Printf("unbound %s from %s\n", filterName, d.iface)

	d.added = false // nor a failed delete
	d.step("delete filter", d.session.DeleteFilter(ctx, filterName, jet.FamilyInet))
	fmt.Printf("deleted filter %s\n", filterName)

	d.session.Close()
	_ = jet.Shutdown()
}
