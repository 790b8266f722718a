package jet

import (
	"sync"
	"sync/atomic"
)

// gate guards a native handle that several goroutines use: each call
// enters and leaves it, and the handle is released only when it is closed
// and no call is inside. Closing never waits for the calls inside, so a
// callback may close the session that another goroutine is unsubscribing
// from; the last call to leave releases the handle.
type gate struct {
	mu      sync.Mutex
	what    string
	active  int
	closed  bool
	release func() // frees the handle; run once, outside mu
	// shut mirrors closed for the callbacks' lock-free check.
	shut atomic.Bool
}

// newGate makes a gate for a handle named `what` in errors, freed by release.
func newGate(what string, release func()) *gate {
	return &gate{what: what, release: release}
}

// enter admits one call, or fails with ErrClosed.
func (g *gate) enter() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return errClosedHandle(g.what)
	}
	g.active++
	return nil
}

// leave ends a call admitted by enter.
func (g *gate) leave() {
	g.mu.Lock()
	g.active--
	last := g.closed && g.active == 0
	g.mu.Unlock()
	if last {
		g.release()
	}
}

// close marks the handle closed and releases it at once when no call is
// inside (else the last call to leave does). Closing twice does nothing.
func (g *gate) close() {
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		return
	}
	g.closed = true
	g.shut.Store(true)
	now := g.active == 0
	g.mu.Unlock()
	if now {
		g.release()
	}
}

// isClosed reports whether close was called.
func (g *gate) isClosed() bool {
	return g.shut.Load()
}

// run calls f inside the gate.
func (g *gate) run(f func() error) error {
	if err := g.enter(); err != nil {
		return err
	}
	defer g.leave()
	return f()
}
