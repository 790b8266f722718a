// jet_sub is the Go twin of bench/c/jet_sub.c: the libjet subscriber of
// bench/README.md, through the Go binding.
//
//	jet_sub --host H --port P --topic FILTER --qos 0|1 --count N
//	        [--client-id ID --persistent] [--latency] [--idle-timeout-ms MS]
//	        [--mode callback|pull|inline]
//
// Every message gets the same work as in C: Event.ID and the attribute
// "name" (AttrString), a missing one counting in check_failures; with
// --latency, "sent-ns" (AttrInt) first. In callback mode the events arrive
// in a Go callback on a libjet thread and main waits; inline mode is
// callback mode with NotifyOptions.InlineCallbacks (the callback on libjet's
// network thread); in pull mode main calls Next.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"libjet.dev/bench/internal/bench"
	"libjet.dev/jet"
)

// run is the state shared by the handler (libjet's thread) and main.
type run struct {
	args  *bench.SubArgs
	tally *bench.Tally
	done  chan struct{} // closed when --count is reached
}

// handle counts one delivered event: latency first, then the checks.
func (r *run) handle(e *jet.Event) {
	now := bench.NowNS()
	if !r.tally.Wants() {
		return
	}
	ok := true
	if r.args.Latency {
		if sent, err := e.AttrInt("sent-ns"); err == nil {
			r.tally.Latency(now - sent)
		} else {
			ok = false
		}
	}
	if _, err := e.AttrString("name"); err != nil || e.ID() == "" {
		ok = false
	}
	if r.tally.Count(now, ok) {
		close(r.done)
	}
}

// waitCallbacks waits until --count is reached or no message came for
// --idle-timeout-ms (counted from start before the first message).
func (r *run) waitCallbacks(start int64) {
	idle := r.args.IdleTimeoutMS * int64(time.Millisecond)
	for {
		from := max(r.tally.LastNS(), start)
		left := from + idle - bench.NowNS()
		if left <= 0 {
			fmt.Fprintf(os.Stderr, "%s: no message for %d ms\n", bench.Program, r.args.IdleTimeoutMS)
			return
		}
		select {
		case <-r.done:
			return
		case <-time.After(time.Duration(left)):
		}
	}
}

// pullEvents takes events until --count is reached or one wait times out.
func (r *run) pullEvents(n *jet.Notifications) {
	idle := time.Duration(r.args.IdleTimeoutMS) * time.Millisecond
	for !r.tally.Complete() {
		ctx, cancel := context.WithTimeout(context.Background(), idle)
		e, err := n.Next(ctx)
		cancel()
		if err != nil && ctx.Err() != nil {
			fmt.Fprintf(os.Stderr, "%s: no message for %d ms\n", bench.Program, r.args.IdleTimeoutMS)
			return
		}
		bench.Check(err, "Next")
		r.handle(e)
		e.Close()
	}
}

// subscribe makes the session, subscribes it to --topic and connects it.
func (r *run) subscribe() *jet.Notifications {
	a := r.args
	opts := jet.NotifyOptions{
		Device: a.Host, Port: uint16(a.Port), QoS: uint8(a.QoS), ClientID: a.ClientID,
		Persistent: a.Persistent, Keepalive: 60 * time.Second,
		// Lossless: stop reading while the application is behind (the broker holds the rest).
		Overflow:        jet.OverflowWait,
		InlineCallbacks: a.Mode == "inline",
	}
	var n *jet.Notifications
	var err error
	if a.Persistent { // subscribed before connecting: kept events are routed from the start
		n, err = jet.CreateNotifications(opts)
		bench.Check(err, "CreateNotifications")
	} else {
		n, err = jet.OpenNotifications(context.Background(), opts)
		bench.Check(err, "OpenNotifications")
	}
	if a.Mode == "pull" {
		_, err = n.SubscribePull(a.Topic)
		bench.Check(err, "SubscribePull")
	} else {
		_, err = n.Subscribe(a.Topic, r.handle)
		bench.Check(err, "Subscribe")
	}
	if a.Persistent {
		bench.Check(n.Connect(context.Background()), "Connect")
	}
	fmt.Fprintf(os.Stderr, "%s: subscribed to %s (qos %d, %s mode, client id %s)\n", bench.Program,
		a.Topic, a.QoS, a.Mode, n.ClientID())
	return n
}

func main() {
	args := bench.ParseSub(os.Args[1:])
	r := &run{args: args, tally: bench.NewTally(args.Count, args.Latency), done: make(chan struct{})}
	n := r.subscribe()
	bench.Ready()
	start := bench.NowNS()
	if args.Mode == "pull" {
		r.pullEvents(n)
	} else {
		r.waitCallbacks(start)
	}
	stats, err := n.Stats()
	bench.Check(err, "Stats")
	n.Close() // no callback runs after this
	bench.Check(jet.Shutdown(), "Shutdown")

	var j bench.JSON
	r.tally.AddTo(&j, args.Latency)
	j.Int("dropped", int64(stats.Dropped))
	j.Int("parse_errors", int64(stats.ParseErrors))
	j.Print()
	if !r.tally.Complete() {
		os.Exit(bench.ExitShort)
	}
}
