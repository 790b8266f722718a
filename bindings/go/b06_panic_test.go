package jet_test

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"libjet.dev/jet"
)

// syncBuffer is a log destination safe for libjet's threads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// captureLog sends libjet's and the binding's records to a buffer for the
// test, and silences libjet again afterwards.
func captureLog(t *testing.T, level slog.Level) *syncBuffer {
	t.Helper()
	buf := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: jet.LevelTrace}))
	if err := jet.SetLogger(logger, level); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = jet.SetLogger(nil, slog.LevelError) })
	return buf
}

func TestB06_PanickingCallbackIsLoggedAndStreamGoesOn(t *testing.T) {
	log := captureLog(t, slog.LevelError)
	n := openMosquitto(t)
	m := newMarker(t, n)
	var calls atomic.Int32
	if _, err := n.Subscribe("/jet-go/b06", func(e *jet.Event) {
		if calls.Add(1) == 1 {
			panic("boom from the first event")
		}
	}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		publish(t, mosquitto.port, "/jet-go/b06", []byte("{}"))
	}
	m.wait(t)
	if c := calls.Load(); c != 3 {
		t.Fatalf("%d calls, want 3 (the stream stopped after the panic?)", c)
	}
	text := log.String()
	if strings.Count(text, "boom from the first event") != 1 || !strings.Contains(text, "panicked") {
		t.Fatalf("the panic was not logged once:\n%s", text)
	}
	if s, err := n.State(); err != nil || s != jet.StateConnected {
		t.Fatalf("state %v %v", s, err)
	}
}
