package jet_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"libjet.dev/jet"
)

// The README's quick start (compiled, not run: it needs a device).
func Example() {
	defer jet.Shutdown()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	n, err := jet.OpenNotifications(ctx, jet.NotifyOptions{Device: "198.51.100.1"})
	if err != nil {
		log.Fatal(err)
	}
	defer n.Close()
	topic, _ := jet.TopicIFA(jet.OpAll, "", jet.Any, "", "")
	sub, err := n.Subscribe(topic, func(e *jet.Event) {
		name, _ := e.AttrString("name")
		fmt.Println(e.ID(), name, e.AttributesJSON())
	})
	if err != nil {
		log.Fatal(err)
	}
	defer sub.Unsubscribe()

	s, err := jet.OpenService(ctx, jet.ServiceOptions{
		Device: "198.51.100.1", User: "lab", Password: "lab123",
		TLSFiles: jet.TLSFiles{CAFile: "device.pem"},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	if err := s.AddAddress(ctx, "ge-0/0/0", 0, jet.FamilyInet, "192.0.2.1/24"); err != nil {
		log.Fatal(err)
	}
}
