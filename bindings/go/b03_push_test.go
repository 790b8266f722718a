package jet_test

import (
	"context"
	"testing"
	"time"

	"libjet.dev/jet"
)

// openMosquitto opens a notification session on the tests' Mosquitto.
func openMosquitto(t testing.TB) *jet.Notifications {
	t.Helper()
	n, err := jet.OpenNotifications(context.Background(), jet.NotifyOptions{Port: uint16(mosquitto.port)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.Close() })
	return n
}

func TestB03_PushDeliversSamples(t *testing.T) {
	samples := loadSamples(t)
	n := openMosquitto(t)
	events := make(chan *jet.Event, len(samples))
	all, _ := jet.TopicAllEvents()
	if _, err := n.Subscribe(all, func(e *jet.Event) {
		kept, err := e.Clone()
		if err != nil {
			t.Errorf("clone: %v", err)
			return
		}
		events <- kept
	}); err != nil {
		t.Fatal(err)
	}
	publishSamples(t, mosquitto.port, samples)
	for range samples {
		e := within(t, events, 20*time.Second, "event")
		checkEvent(t, sampleFor(t, samples, mustRaw(t, e)), e)
		e.Close()
	}
	stats, err := n.Stats()
	if err != nil || stats.ParseErrors != 2 || stats.Received != uint64(len(samples)) {
		t.Errorf("stats %+v (%v)", stats, err)
	}
}

// mustRaw is the event's payload.
func mustRaw(t testing.TB, e *jet.Event) []byte {
	t.Helper()
	raw, err := e.Raw()
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestB03_CreateSubscribeThenConnect(t *testing.T) {
	n, err := jet.CreateNotifications(jet.NotifyOptions{Port: uint16(mosquitto.port)})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	if s, err := n.State(); err != nil || s != jet.StateIdle {
		t.Fatalf("state before connect: %v %v", s, err)
	}
	ids := make(chan string, 1)
	if _, err := n.Subscribe("/jet-go/b03/create", func(e *jet.Event) { ids <- e.ID() }); err != nil {
		t.Fatal(err)
	}
	if err := n.Connect(context.Background()); err != nil {
		t.Fatal(err)
	}
	publish(t, mosquitto.port, "/jet-go/b03/create", []byte(`{"jet-event": {"event-id": "CREATED"}}`))
	if id := within(t, ids, 20*time.Second, "event"); id != "CREATED" {
		t.Fatalf("event id %q", id)
	}
}
