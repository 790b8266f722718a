package jet_test

import (
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"libjet.dev/jet"
)

// marker subscribes to a topic of its own on n; wait publishes to it and
// returns once it arrived. Callbacks of one session run in arrival order,
// so everything published before has then been dispatched.
type marker struct {
	topic string
	seen  chan struct{}
}

func newMarker(t *testing.T, n *jet.Notifications) *marker {
	t.Helper()
	m := &marker{topic: "/jet-go/marker/" + t.Name(), seen: make(chan struct{}, 8)}
	if _, err := n.Subscribe(m.topic, func(*jet.Event) { m.seen <- struct{}{} }); err != nil {
		t.Fatal(err)
	}
	return m
}

func (m *marker) wait(t *testing.T) {
	t.Helper()
	publish(t, mosquitto.port, m.topic, []byte("{}"))
	within(t, m.seen, 20*time.Second, "marker event")
}

func TestB05_UnsubscribeInsideCallback(t *testing.T) {
	n := openMosquitto(t)
	m := newMarker(t, n)
	var calls atomic.Int32
	var sub *jet.Subscription
	subscribed := make(chan struct{})
	sub, err := n.Subscribe("/jet-go/b05/inside", func(*jet.Event) {
		<-subscribed
		calls.Add(1)
		if err := sub.Unsubscribe(); err != nil {
			t.Errorf("unsubscribe in callback: %v", err)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	close(subscribed)
	for i := 0; i < 3; i++ {
		publish(t, mosquitto.port, "/jet-go/b05/inside", []byte("{}"))
	}
	m.wait(t)
	within(t, jet.SubscriptionReleased(sub), 10*time.Second, "release of the user data")
	if c := calls.Load(); c != 1 {
		t.Fatalf("%d calls after unsubscribing in the first", c)
	}
}

func TestB05_NoCallbackAfterUnsubscribeReturns(t *testing.T) {
	n := openMosquitto(t)
	m := newMarker(t, n)
	var calls atomic.Int32
	sub, err := n.Subscribe("/jet-go/b05/outside", func(*jet.Event) { calls.Add(1) })
	if err != nil {
		t.Fatal(err)
	}
	publish(t, mosquitto.port, "/jet-go/b05/outside", []byte("{}"))
	m.wait(t)
	if err := sub.Unsubscribe(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-jet.SubscriptionReleased(sub):
	default:
		t.Fatal("user data not released when Unsubscribe returned")
	}
	before := calls.Load()
	publish(t, mosquitto.port, "/jet-go/b05/outside", []byte("{}"))
	m.wait(t)
	if before != 1 || calls.Load() != before {
		t.Fatalf("calls: %d before, %d after unsubscribe", before, calls.Load())
	}
	if err := sub.Unsubscribe(); err != nil {
		t.Fatalf("second unsubscribe: %v", err)
	}
}

func TestB05_CloseInsideCallback(t *testing.T) {
	n := openMosquitto(t)
	closed := make(chan error, 1)
	sub, err := n.Subscribe("/jet-go/b05/close", func(*jet.Event) { closed <- n.Close() })
	if err != nil {
		t.Fatal(err)
	}
	publish(t, mosquitto.port, "/jet-go/b05/close", []byte("{}"))
	if err := within(t, closed, 20*time.Second, "return of Close in a callback"); err != nil {
		t.Fatal(err)
	}
	within(t, jet.SubscriptionReleased(sub), 10*time.Second, "release of the user data")
	if _, err := n.Stats(); !errors.Is(err, jet.ErrClosed) {
		t.Fatalf("stats after close: %v", err)
	}
}
