// exitprog receives callbacks and returns from main without closing its
// session, for the exit test (B12).
//
//	exitprog PORT TOPIC COUNT shutdown|no-shutdown
//
// It prints "ready" once subscribed and "done" after COUNT events.
package main

import (
	"context"
	"fmt"
	"os"
	"strconv"

	"libjet.dev/jet"
)

func main() {
	port, _ := strconv.Atoi(os.Args[1])
	count, _ := strconv.Atoi(os.Args[3])
	n, err := jet.OpenNotifications(context.Background(), jet.NotifyOptions{Port: uint16(port)})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	events := make(chan struct{}, count)
	if _, err := n.Subscribe(os.Args[2], func(*jet.Event) { events <- struct{}{} }); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("ready")
	for i := 0; i < count; i++ {
		<-events
	}
	fmt.Println("done")
	if os.Args[4] == "shutdown" {
		if err := jet.Shutdown(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
