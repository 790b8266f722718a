package jet_test

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"libjet.dev/jet"
)

func TestB11_DoubleCloseAndUseAfterClose(t *testing.T) {
	n := openMosquitto(t)
	sub, err := n.SubscribePull("/jet-go/b11")
	if err != nil {
		t.Fatal(err)
	}
	if err := sub.Close(); err != nil {
		t.Fatal(err)
	}
	if err := sub.Close(); err != nil {
		t.Fatalf("second unsubscribe: %v", err)
	}
	if err := n.Close(); err != nil {
		t.Fatal(err)
	}
	if err := n.Close(); err != nil {
		t.Fatalf("second close: %v", err)
	}
	if _, err := n.Subscribe("/x", func(*jet.Event) {}); !errors.Is(err, jet.ErrClosed) {
		t.Fatalf("subscribe after close: %v", err)
	}
	if _, err := n.Next(context.Background()); !errors.Is(err, jet.ErrClosed) {
		t.Fatalf("next after close: %v", err)
	}

	s := mustOpenSim(t)
	s.Close()
	s.Close()
	if err := s.AddAddress(context.Background(), "ge-0/0/0", 0, jet.FamilyInet, "192.0.2.9/24"); !errors.Is(err, jet.ErrClosed) {
		t.Fatalf("call after close: %v", err)
	}
	if _, err := s.Generation(jet.ServiceFirewall); !errors.Is(err, jet.ErrClosed) {
		t.Fatalf("generation after close: %v", err)
	}
}

func TestB11_EventLifetimes(t *testing.T) {
	samples := loadSamples(t)
	n := openMosquitto(t)
	m := newMarker(t, n)
	kept := make(chan *jet.Event, 1)
	clones := make(chan *jet.Event, 1)
	if _, err := n.Subscribe(samples[0].topic, func(e *jet.Event) {
		kept <- e
		c, _ := e.Clone()
		clones <- c
	}); err != nil {
		t.Fatal(err)
	}
	publish(t, mosquitto.port, samples[0].topic, samples[0].payload)
	borrowed := within(t, kept, 20*time.Second, "event")
	clone := within(t, clones, 5*time.Second, "clone")
	m.wait(t) // the callback has returned
	if borrowed.ID() != "" || borrowed.Topic() != "" {
		t.Fatal("a callback's event still reads after the callback")
	}
	if _, err := borrowed.AttrString("name"); !errors.Is(err, jet.ErrClosed) {
		t.Fatalf("borrowed event after its callback: %v", err)
	}
	checkEvent(t, samples[0], clone)
	clone.Close()
	clone.Close()
	if _, err := clone.Raw(); !errors.Is(err, jet.ErrClosed) {
		t.Fatalf("closed event: %v", err)
	}
}

func TestB11_DroppedObjectsAreCollected(t *testing.T) {
	dropEvents(t, 20)
	released := dropSessions(t, 5)
	deadline := time.After(20 * time.Second)
	for i, done := range released {
		for waiting := true; waiting; {
			runtime.GC()
			select {
			case <-done:
				waiting = false
			case <-time.After(50 * time.Millisecond):
			case <-deadline:
				t.Fatalf("session %d was never collected and released", i)
			}
		}
	}
}

// dropSessions opens sessions with a callback and a pull subscription each,
// forgets them, and returns the channels that say their callbacks were released.
func dropSessions(t *testing.T, count int) []<-chan struct{} {
	t.Helper()
	var released []<-chan struct{}
	for i := 0; i < count; i++ {
		n, err := jet.OpenNotifications(context.Background(), jet.NotifyOptions{Port: uint16(mosquitto.port)})
		if err != nil {
			t.Fatal(err)
		}
		sub, err := n.Subscribe("/jet-go/b11/dropped", func(*jet.Event) {})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := n.SubscribePull("/jet-go/b11/pulled"); err != nil {
			t.Fatal(err)
		}
		released = append(released, jet.SubscriptionReleased(sub))
	}
	publish(t, mosquitto.port, "/jet-go/b11/pulled", []byte("{}"))
	return released
}

// dropEvents takes count owned events (from Next and Clone) and forgets them.
func dropEvents(t *testing.T, count int) {
	t.Helper()
	n := openMosquitto(t)
	if _, err := n.SubscribePull("/jet-go/b11/events"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < count; i++ {
		publish(t, mosquitto.port, "/jet-go/b11/events", []byte(`{"jet-event": {"event-id": "X"}}`))
	}
	for i := 0; i < count; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		e, err := n.Next(ctx)
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Clone(); err != nil {
			t.Fatal(err)
		}
		runtime.GC()
	}
}
