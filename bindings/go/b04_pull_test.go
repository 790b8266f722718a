package jet_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"libjet.dev/jet"
)

func TestB04_PullDeliversSamples(t *testing.T) {
	samples := loadSamples(t)
	n := openMosquitto(t)
	all, _ := jet.TopicAllEvents()
	if _, err := n.SubscribePull(all); err != nil {
		t.Fatal(err)
	}
	publishSamples(t, mosquitto.port, samples)
	for range samples {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		e, err := n.Next(ctx)
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		checkEvent(t, sampleFor(t, samples, mustRaw(t, e)), e)
		e.Close()
	}
}

func TestB04_PullTimeoutReturnsPromptly(t *testing.T) {
	n := openMosquitto(t)
	if _, err := n.SubscribePull("/jet-go/nothing/here"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	e, err := n.Next(ctx)
	elapsed := time.Since(start)
	if e != nil || !errors.Is(err, jet.ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Next gave %v, %v", e, err)
	}
	if elapsed < 250*time.Millisecond || elapsed > 2*time.Second {
		t.Fatalf("a 300 ms timeout took %s", elapsed)
	}
}

func TestB04_PullChannelHelper(t *testing.T) {
	samples := loadSamples(t)
	n := openMosquitto(t)
	topic, _ := jet.TopicIFD(jet.OpAll, "")
	if _, err := n.SubscribePull(topic); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	events := n.Events(ctx)
	publishSamples(t, mosquitto.port, samples)
	// Three samples are IFD topics: ifd-add, doc-missing-comma and not-json.
	for i := 0; i < 3; i++ {
		e := within(t, events, 20*time.Second, "event on the channel")
		checkEvent(t, sampleFor(t, samples, mustRaw(t, e)), e)
		e.Close()
	}
	cancel()
	for e := range events {
		t.Errorf("an extra event after cancel: %s", e.Topic())
	}
}
