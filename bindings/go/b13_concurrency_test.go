package jet_test

import (
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"libjet.dev/jet"
)

// streamEvents publishes small events to topic until stop is called.
func streamEvents(t *testing.T, port int, topic string) (stop func()) {
	t.Helper()
	cmd := exec.Command("mosquitto_pub", "-h", "127.0.0.1", "-p", strconv.Itoa(port), "-t", topic, "-l")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	quit := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-quit:
				return
			case <-time.After(2 * time.Millisecond):
				fmt.Fprintf(stdin, `{"jet-event": {"event-id": "B13", "attributes": {"n": %d}}}`+"\n", i)
			}
		}
	}()
	return func() {
		close(quit)
		<-done
		stdin.Close()
		_ = cmd.Wait()
	}
}

func TestB13_ConcurrentCallsAndSubscriptionsWhileEventsFlow(t *testing.T) {
	n := openMosquitto(t)
	s := mustOpenSim(t)
	ctx := context.Background()
	filter := demoFilter("jet-go-b13")
	if err := s.AddFilter(ctx, filter); err != nil {
		t.Fatal(err)
	}
	defer s.DeleteFilter(ctx, filter.Name, jet.FamilyInet)
	stop := streamEvents(t, mosquitto.port, "/jet-go/b13")
	defer stop()

	var delivered atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 4; g++ {
		wg.Add(2)
		go func() { defer wg.Done(); errs <- callServices(ctx, s, filter.Name, g) }()
		go func() { defer wg.Done(); errs <- churnSubscriptions(n, &delivered) }()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if delivered.Load() == 0 {
		t.Fatal("no event reached the churning subscriptions")
	}
}

// callServices makes service calls from one goroutine.
func callServices(ctx context.Context, s *jet.Service, filter string, g int) error {
	address := fmt.Sprintf("203.0.113.%d/32", 10+g)
	for i := 0; i < 10; i++ {
		if _, err := s.Counter(ctx, filter, "icmp-count"); err != nil {
			return err
		}
		if err := s.AddAddress(ctx, "ge-0/0/2", 0, jet.FamilyInet, address); err != nil {
			return err
		}
		if err := s.DeleteAddress(ctx, "ge-0/0/2", 0, jet.FamilyInet, address); err != nil {
			return err
		}
	}
	return nil
}

// churnSubscriptions subscribes and unsubscribes from one goroutine,
// waiting for an event in each subscription.
func churnSubscriptions(n *jet.Notifications, delivered *atomic.Int64) error {
	for i := 0; i < 10; i++ {
		got := make(chan struct{}, 1)
		sub, err := n.Subscribe("/jet-go/b13", func(e *jet.Event) {
			if e.ID() != "B13" {
				return
			}
			delivered.Add(1)
			select {
			case got <- struct{}{}:
			default:
			}
		})
		if err != nil {
			return err
		}
		select {
		case <-got:
		case <-time.After(20 * time.Second):
			return fmt.Errorf("no event within 20 s on subscription %d", sub.ID())
		}
		if err := sub.Unsubscribe(); err != nil {
			return err
		}
		select {
		case <-jet.SubscriptionReleased(sub):
		default:
			return fmt.Errorf("subscription %d not released on unsubscribe", sub.ID())
		}
	}
	return nil
}
