package jet_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"libjet.dev/jet"
)

// Inline callbacks (NotifyOptions.InlineCallbacks): events reach the
// callback on libjet's network thread, in order; blocking calls from it are
// refused; a panic is logged and the stream goes on.

// inlineWait bounds every wait of these tests (CI is a loaded 2-core machine).
const inlineWait = 30 * time.Second

// inlineOptions are the options of a session on the tests' Mosquitto with
// inline callbacks.
func inlineOptions() jet.NotifyOptions {
	return jet.NotifyOptions{Port: uint16(mosquitto.port), InlineCallbacks: true}
}

// openInline opens a session with inline callbacks, closed after the test.
func openInline(t testing.TB) *jet.Notifications {
	t.Helper()
	n, err := jet.OpenNotifications(context.Background(), inlineOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.Close() })
	return n
}

// publishLines publishes each line as one message on topic, in order, from
// one mosquitto_pub (QoS 1, so that it ends only once the broker has all).
func publishLines(t testing.TB, port int, topic string, lines []string) {
	t.Helper()
	cmd := exec.Command("mosquitto_pub", "-h", "127.0.0.1", "-p", strconv.Itoa(port), "-q", "1", "-t", topic, "-l")
	cmd.Stdin = strings.NewReader(strings.Join(lines, "\n") + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("mosquitto_pub -l %s: %v: %s", topic, err, out)
	}
}

// numbered is the payload of event number k.
func numbered(k int) string {
	return fmt.Sprintf(`{"jet-event": {"event-id": "INLINE", "attributes": {"n": %d}}}`, k)
}

// number is the "n" attribute of an event from numbered, or -1.
func number(e *jet.Event) int {
	n, err := e.AttrInt("n")
	if err != nil {
		return -1
	}
	return int(n)
}

func TestInline_EventsArriveInOrderThroughTheCallback(t *testing.T) {
	const count = 200
	n := openInline(t)
	topic := "/jet-go/inline/order"
	got := make(chan int, count)
	if _, err := n.Subscribe(topic, func(e *jet.Event) { got <- number(e) }); err != nil {
		t.Fatal(err)
	}
	lines := make([]string, count)
	for k := range lines {
		lines[k] = numbered(k)
	}
	publishLines(t, mosquitto.port, topic, lines)
	for k := 0; k < count; k++ {
		if seen := within(t, got, inlineWait, fmt.Sprintf("event %d of %d", k, count)); seen != k {
			t.Fatalf("event %d carried n = %d: out of order", k, seen)
		}
	}
	stats, err := n.Stats()
	if err != nil || stats.Delivered != count || stats.Dropped != 0 {
		t.Fatalf("stats %+v (%v)", stats, err)
	}
}

// subscribeInCallback subscribes to topic on n, publishes one event there
// and returns what a Subscribe made inside the callback returned.
func subscribeInCallback(t *testing.T, n *jet.Notifications, topic string) error {
	t.Helper()
	result := make(chan error, 1)
	var once sync.Once
	if _, err := n.Subscribe(topic, func(*jet.Event) {
		once.Do(func() {
			inner, err := n.Subscribe(topic+"/inner", func(*jet.Event) {})
			if err == nil {
				err = inner.Unsubscribe()
			}
			result <- err
		})
	}); err != nil {
		t.Fatal(err)
	}
	publish(t, mosquitto.port, topic, []byte("{}"))
	return within(t, result, inlineWait, "the callback's Subscribe")
}

func TestInline_BlockingCallsFromTheCallbackAreRefused(t *testing.T) {
	err := subscribeInCallback(t, openInline(t), "/jet-go/inline/refused")
	var jetErr *jet.Error
	if !errors.Is(err, jet.ErrWouldDeadlock) || !errors.As(err, &jetErr) || jetErr.Message == "" {
		t.Fatalf("Subscribe in an inline callback gave %v, want ErrWouldDeadlock", err)
	}
	// The refusal is the network thread's: from a dispatcher callback the
	// same Subscribe succeeds.
	if err := subscribeInCallback(t, openMosquitto(t), "/jet-go/inline/dispatcher"); err != nil {
		t.Fatalf("Subscribe in a dispatcher callback: %v", err)
	}
}

func TestInline_PanickingCallbackIsLoggedAndTheNextEventArrives(t *testing.T) {
	log := captureLog(t, slog.LevelError)
	n := openInline(t)
	topic := "/jet-go/inline/panic"
	got := make(chan int, 2)
	if _, err := n.Subscribe(topic, func(e *jet.Event) {
		k := number(e)
		if k == 0 {
			panic("boom from inline event 0")
		}
		got <- k
	}); err != nil {
		t.Fatal(err)
	}
	publishLines(t, mosquitto.port, topic, []string{numbered(0), numbered(1)})
	if k := within(t, got, inlineWait, "the event after the panic"); k != 1 {
		t.Fatalf("got event %d, want 1", k)
	}
	if text := log.String(); strings.Count(text, "boom from inline event 0") != 1 || !strings.Contains(text, "panicked") {
		t.Fatalf("the panic was not logged once:\n%s", text)
	}
	if s, err := n.State(); err != nil || s != jet.StateConnected {
		t.Fatalf("state %v %v", s, err)
	}
}

func TestInline_CreatedSessionMayCloseFromItsCallback(t *testing.T) {
	n, err := jet.CreateNotifications(inlineOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	topic := "/jet-go/inline/close"
	var calls atomic.Int32
	closed := make(chan time.Duration, 1)
	sub, err := n.Subscribe(topic, func(*jet.Event) {
		calls.Add(1)
		start := time.Now()
		n.Close()
		closed <- time.Since(start)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Connect(context.Background()); err != nil {
		t.Fatal(err)
	}
	publishLines(t, mosquitto.port, topic, []string{numbered(0), numbered(1)})
	// Close on the network thread does not wait for that thread's own task
	// (libjet bounds that wait at 5 s).
	if took := within(t, closed, inlineWait, "return of Close in the callback"); took > 4*time.Second {
		t.Fatalf("Close in an inline callback took %s", took)
	}
	within(t, jet.SubscriptionReleased(sub), inlineWait, "release of the user data")
	if c := calls.Load(); c != 1 {
		t.Fatalf("%d calls; the session was closed in the first", c)
	}
	if _, err := n.Stats(); !errors.Is(err, jet.ErrClosed) {
		t.Fatalf("stats after close: %v", err)
	}
}
