package jet_test

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"libjet.dev/jet"
)

// waitInCall waits until some goroutine is inside the C helper named fn.
func waitInCall(t *testing.T, fn string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	buf := make([]byte, 1<<20)
	for time.Now().Before(deadline) {
		n := runtime.Stack(buf, true)
		if strings.Contains(string(buf[:n]), "_Cfunc_"+fn) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no goroutine entered %s", fn)
}

// cancelBlocked cancels a call that is blocked in C and checks that it
// returns within 100 ms of the cancel with an error matching context.Canceled.
func cancelBlocked(t *testing.T, cancel context.CancelFunc, done <-chan error) {
	t.Helper()
	start := time.Now()
	cancel()
	err := within(t, done, 10*time.Second, "return of the cancelled call")
	elapsed := time.Since(start)
	if !errors.Is(err, context.Canceled) || !errors.Is(err, jet.ErrCancelled) {
		t.Fatalf("cancelled call gave %v", err)
	}
	if elapsed > 100*time.Millisecond {
		t.Fatalf("the cancelled call returned %s after the cancel", elapsed)
	}
}

func TestB10_CancelBlockedServiceOpen(t *testing.T) {
	hole := newBlackHole(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := jet.OpenService(ctx, jet.ServiceOptions{Port: hole.port(), ClearText: true,
			User: "u", Password: "p", ConnectTimeout: time.Minute})
		done <- err
	}()
	within(t, hole.accepted, 20*time.Second, "connection to the silent device")
	waitInCall(t, "jg_service_open")
	cancelBlocked(t, cancel, done)
}

func TestB10_CancelBlockedNext(t *testing.T) {
	n := openMosquitto(t)
	if _, err := n.SubscribePull("/jet-go/b10/nothing"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := n.Next(ctx)
		done <- err
	}()
	waitInCall(t, "jg_notification_next")
	cancelBlocked(t, cancel, done)
}

func TestB10_CancelledBeforeTheCall(t *testing.T) {
	s := mustOpenSim(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Counter(ctx, "x", "y"); !errors.Is(err, context.Canceled) {
		t.Fatalf("call with a cancelled context: %v", err)
	}
}
