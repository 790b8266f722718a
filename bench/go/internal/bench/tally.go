package bench

import "sync/atomic"

// Tally is what every subscriber counts. The receiving thread alone writes
// it (Wants, Latency, Count); others read Received and LastNS.
type Tally struct {
	count         uint64
	latencies     []int64
	checkFailures uint64
	firstNS       int64
	lastNS        atomic.Int64
	received      atomic.Uint64
}

// NewTally sets up a tally for count messages (with room for their latencies).
func NewTally(count int64, latency bool) *Tally {
	t := &Tally{count: uint64(count)}
	if latency {
		t.latencies = make([]int64, 0, count)
	}
	return t
}

// Wants reports whether a message arriving now is one of the first count.
func (t *Tally) Wants() bool {
	return t.received.Load() < t.count
}

// Latency records one latency; ignored when full.
func (t *Tally) Latency(ns int64) {
	if len(t.latencies) < cap(t.latencies) {
		t.latencies = append(t.latencies, ns)
	}
}

// Count counts a message that arrived at now (after Wants said yes); ok is
// false when one of its checks failed. It reports whether it was the last.
func (t *Tally) Count(now int64, ok bool) bool {
	n := t.received.Load()
	if !ok {
		t.checkFailures++
	}
	if n == 0 {
		t.firstNS = now
	}
	t.lastNS.Store(now)
	t.received.Store(n + 1)
	return n+1 == t.count
}

// Complete reports whether all count messages came.
func (t *Tally) Complete() bool {
	return t.received.Load() >= t.count
}

// LastNS is the arrival time of the last message, 0 before the first.
func (t *Tally) LastNS() int64 {
	return t.lastNS.Load()
}

// AddTo adds received, the latency quantiles (latency) or the throughput,
// and check_failures to j.
func (t *Tally) AddTo(j *JSON, latency bool) {
	received := t.received.Load()
	j.Int("received", int64(received))
	if latency {
		AddLatencies(j, t.latencies)
	} else {
		seconds := 0.0
		if received > 0 {
			seconds = float64(t.lastNS.Load()-t.firstNS) / 1e9
		}
		rate := 0.0
		if seconds > 0 {
			rate = float64(received) / seconds
		}
		j.Num("seconds", seconds, 6)
		j.Num("rate", rate, 1)
	}
	j.Int("check_failures", int64(t.checkFailures))
}
