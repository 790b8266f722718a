package jet_test

import (
	"context"
	"testing"
	"time"

	"libjet.dev/jet"
)

func TestB07_BrokerRestartRestoresSubscription(t *testing.T) {
	b, err := startBroker()
	if err != nil {
		t.Fatal(err)
	}
	defer b.close()
	n, err := jet.OpenNotifications(context.Background(), jet.NotifyOptions{
		Port:         uint16(b.port),
		ReconnectMin: 50 * time.Millisecond,
		ReconnectMax: 300 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	states := make(chan jet.State, 64)
	if err := n.OnState(func(s jet.State) { states <- s }); err != nil {
		t.Fatal(err)
	}
	events := make(chan string, 8)
	if _, err := n.Subscribe("/jet-go/b07", func(e *jet.Event) { raw, _ := e.Raw(); events <- string(raw) }); err != nil {
		t.Fatal(err)
	}
	publish(t, b.port, "/jet-go/b07", []byte("before"))
	if got := within(t, events, 20*time.Second, "event before the restart"); got != "before" {
		t.Fatalf("got %q", got)
	}

	b.stop()
	waitState(t, states, jet.StateReconnecting)
	if err := b.start(); err != nil {
		t.Fatal(err)
	}
	waitState(t, states, jet.StateConnected)

	publish(t, b.port, "/jet-go/b07", []byte("after"))
	if got := within(t, events, 20*time.Second, "event after the restart"); got != "after" {
		t.Fatalf("got %q", got)
	}
	if stats, err := n.Stats(); err != nil || stats.Reconnects < 1 {
		t.Fatalf("stats %+v %v", stats, err)
	}
}

// waitState reads state changes until want comes.
func waitState(t *testing.T, states <-chan jet.State, want jet.State) {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case s := <-states:
			if s == want {
				return
			}
		case <-deadline:
			t.Fatalf("the state never became %s", want)
		}
	}
}
