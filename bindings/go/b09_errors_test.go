package jet_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"libjet.dev/jet"
)

// blackHole is a TCP listener that accepts connections and never answers.
// Each accepted connection is reported on accepted.
type blackHole struct {
	listener net.Listener
	accepted chan struct{}
}

func newBlackHole(t *testing.T) *blackHole {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h := &blackHole{listener: l, accepted: make(chan struct{}, 16)}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			h.accepted <- struct{}{}
		}
	}()
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return h
}

func (h *blackHole) port() uint16 {
	return uint16(h.listener.Addr().(*net.TCPAddr).Port)
}

func TestB09_Unreachable(t *testing.T) {
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	_, err = jet.OpenService(context.Background(), jet.ServiceOptions{Port: uint16(port), ClearText: true, User: "u", Password: "p"})
	if !errors.Is(err, jet.ErrUnreachable) {
		t.Fatalf("service on a closed port: %v", err)
	}
	_, err = jet.OpenNotifications(context.Background(), jet.NotifyOptions{Port: uint16(port)})
	if !errors.Is(err, jet.ErrUnreachable) {
		t.Fatalf("notifications on a closed port: %v", err)
	}
}

func TestB09_DeadlineIsATimeout(t *testing.T) {
	hole := newBlackHole(t)
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := jet.OpenService(ctx, jet.ServiceOptions{Port: hole.port(), ClearText: true, User: "u", Password: "p"})
	if !errors.Is(err, jet.ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("open against a silent device: %v", err)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Fatalf("a 500 ms deadline took %s", elapsed)
	}
	s := mustOpenSim(t)
	expired, cancelExpired := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancelExpired()
	if _, err := s.Counter(expired, "x", "y"); !errors.Is(err, jet.ErrTimeout) {
		t.Fatalf("call with a past deadline: %v", err)
	}
}

func TestB09_NotAuthorized(t *testing.T) {
	_, err := openSim(t, "not-the-password")
	var jetErr *jet.Error
	if !errors.Is(err, jet.ErrNotAuthorized) || !errors.As(err, &jetErr) || jetErr.Message == "" {
		t.Fatalf("wrong password: %v", err)
	}
}

func TestB09_InvalidArgumentNeverReachesDevice(t *testing.T) {
	s := mustOpenSim(t)
	ctx := context.Background()
	bad := `{"name": "f", "family": "inet", "terms": [{"name": "t1", "matches": {"destination-ports": [22, 70000]}}]}`
	err := s.AddFilterJSON(ctx, bad)
	var jetErr *jet.Error
	if !errors.Is(err, jet.ErrInvalidArgument) || !errors.As(err, &jetErr) {
		t.Fatalf("bad filter: %v", err)
	}
	if !strings.Contains(jetErr.Message, "destination-ports[1]") || jetErr.GRPCCode != -1 {
		t.Fatalf("bad filter error %+v: no path, or it went to the device", jetErr)
	}
	err = s.AddAddress(ctx, "ge-0/0/0", 0, jet.FamilyInet, "not-an-address")
	if !errors.As(err, &jetErr) || !errors.Is(err, jet.ErrInvalidArgument) || jetErr.GRPCCode != -1 {
		t.Fatalf("bad address: %v", err)
	}
	err = s.AddFilter(ctx, jet.Filter{Name: "f", Family: jet.FamilyInet, Terms: []jet.Term{{Name: "t1",
		Actions: &jet.Actions{Accept: true, Discard: true}}}})
	if !errors.Is(err, jet.ErrInvalidArgument) {
		t.Fatalf("two terminating actions: %v", err)
	}
}
