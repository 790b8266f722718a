package jet

// #include "shim.h"
import "C"

import (
	"context"
	"runtime"
	"time"
)

// Notifications is a notification session: a connection to a device's
// MQTT broker with its subscriptions. It is safe for concurrent use, also
// from callbacks (a callback may unsubscribe or close its own session).
type Notifications struct {
	ptr      *C.jet_notification_t
	gate     *gate
	clientID string
}

// OpenNotifications connects to a device's notification broker (create and
// connect in one call). ctx bounds the connection: its deadline becomes the
// connect timeout and cancelling it ends the attempt.
func OpenNotifications(ctx context.Context, opts NotifyOptions) (*Notifications, error) {
	opts.ConnectTimeout = connectTimeout(ctx, opts.ConnectTimeout)
	if opts.InlineCallbacks {
		return createAndConnect(ctx, opts)
	}
	var args cstrings
	defer args.free()
	native := opts.native(&args)
	var ptr *C.jet_notification_t
	err := blocking(ctx, func(c *C.jet_cancel_t) C.jg_result_t { return C.jg_notification_open(c, &native, &ptr) })
	if err != nil {
		return nil, err
	}
	return wrapNotifications(ptr), nil
}

// CreateNotifications makes a session without connecting it (StateIdle):
// subscriptions made before Connect travel with the connection, which a
// persistent session needs to receive the events the broker kept.
func CreateNotifications(opts NotifyOptions) (*Notifications, error) {
	var args cstrings
	defer args.free()
	native := opts.native(&args)
	var ptr *C.jet_notification_t
	if err := check(C.jg_notification_create(&native, &ptr)); err != nil {
		return nil, err
	}
	n := wrapNotifications(ptr)
	if opts.InlineCallbacks {
		err := n.run(func(p *C.jet_notification_t) error {
			return check(C.jg_notification_set_inline_callbacks(p, 1))
		})
		if err != nil {
			n.Close()
			return nil, err
		}
	}
	return n, nil
}

// createAndConnect opens a session in the two steps that leave room for
// what libjet sets between them (inline callbacks); a failure closes it.
func createAndConnect(ctx context.Context, opts NotifyOptions) (*Notifications, error) {
	n, err := CreateNotifications(opts)
	if err != nil {
		return nil, err
	}
	if err := n.Connect(ctx); err != nil {
		n.Close()
		return nil, err
	}
	return n, nil
}

// wrapNotifications owns a session handle, closed by Close or the collector.
func wrapNotifications(ptr *C.jet_notification_t) *Notifications {
	n := &Notifications{
		ptr:      ptr,
		gate:     newGate("notification session", func() { C.jet_notification_close(ptr) }),
		clientID: C.GoString(C.jet_notification_client_id(ptr)),
	}
	runtime.SetFinalizer(n, (*Notifications).Close)
	return n
}

// run calls f with the session's handle, unless the session is closed.
func (n *Notifications) run(f func(p *C.jet_notification_t) error) error {
	err := n.gate.run(func() error { return f(n.ptr) })
	runtime.KeepAlive(n)
	return err
}

// Connect connects a session made by CreateNotifications and returns once
// connected. A failed connect closes the session.
func (n *Notifications) Connect(ctx context.Context) error {
	return n.run(func(p *C.jet_notification_t) error {
		return blocking(ctx, func(c *C.jet_cancel_t) C.jg_result_t { return C.jg_notification_connect(c, p) })
	})
}

// ClientID is the MQTT client id in use.
func (n *Notifications) ClientID() string {
	return n.clientID
}

// Subscribe calls fn with each event whose topic matches the MQTT filter
// topic (build it with the Topic* functions), on a libjet dispatcher
// thread (on its network thread with NotifyOptions.InlineCallbacks), one
// event at a time per session. The event is valid only during
// the call (Event.Clone keeps it). A panic in fn is logged and the stream
// goes on. Subscribe returns once the broker confirmed.
func (n *Notifications) Subscribe(topic string, fn func(*Event)) (*Subscription, error) {
	sub := &subscriber{fn: fn, gate: n.gate, done: make(chan struct{})}
	return n.subscribe(topic, sub, func(p *C.jet_notification_t, t *C.char, id *C.uint64_t) C.jg_result_t {
		h := newHandle(sub)
		return C.jg_notification_subscribe(p, t, C.uintptr_t(h), id)
	})
}

// SubscribePull queues each event whose topic matches topic for Next.
func (n *Notifications) SubscribePull(topic string) (*Subscription, error) {
	return n.subscribe(topic, nil, func(p *C.jet_notification_t, t *C.char, id *C.uint64_t) C.jg_result_t {
		return C.jg_notification_subscribe_pull(p, t, id)
	})
}

// subscribe runs one subscribe call and wraps its id.
func (n *Notifications) subscribe(topic string, sub *subscriber,
	call func(*C.jet_notification_t, *C.char, *C.uint64_t) C.jg_result_t) (*Subscription, error) {
	var args cstrings
	defer args.free()
	var id C.uint64_t
	err := n.run(func(p *C.jet_notification_t) error { return check(call(p, args.add(topic), &id)) })
	if err != nil {
		return nil, err
	}
	return &Subscription{session: n, id: uint64(id), topic: topic, sub: sub}, nil
}

// nextChunk is the longest single wait of Next, so that a Close on another
// goroutine is noticed soon.
const nextChunk = 200 * time.Millisecond

// Next waits for the next event of the pull subscriptions until ctx ends:
// at its deadline it returns an error matching ErrTimeout (and
// context.DeadlineExceeded), when cancelled one matching context.Canceled,
// and ErrClosed once the session is closed. Close the event when done.
func (n *Notifications) Next(ctx context.Context) (*Event, error) {
	// An event that is already queued needs no cancellation token or context
	// registration: ask for one without waiting first.
	if ctx.Err() == nil {
		if event, ready, err := n.nextWithin(context.Background(), 0); err != nil || ready {
			return event, err
		}
	}
	deadline, hasDeadline := ctx.Deadline()
	for {
		wait, last := nextChunk, false
		if hasDeadline {
			if left := time.Until(deadline); left <= wait {
				wait, last = left, true
			}
		}
		event, ready, err := n.nextWithin(ctx, wait)
		switch {
		case err != nil || ready:
			return event, err
		case last:
			return nil, bindingError(StatusTimeout, "no event before the context's deadline")
		}
	}
}

// nextWithin waits up to wait for one event, honouring ctx; ready is false
// when none came in time.
func (n *Notifications) nextWithin(ctx context.Context, wait time.Duration) (*Event, bool, error) {
	var out *C.jet_event_t
	var status C.int32_t
	err := n.run(func(p *C.jet_notification_t) error {
		return blocking(ctx, func(c *C.jet_cancel_t) C.jg_result_t {
			r := C.jg_notification_next(c, p, C.uint32_t(clampMS(wait)), &out)
			status = r.status
			return r
		})
	})
	if err != nil {
		return nil, false, err
	}
	if status == C.JET_STATUS_OK {
		return ownedEvent(out), true, nil
	}
	return nil, false, nil
}

// Events delivers the events of the pull subscriptions on a channel, which
// is closed when ctx ends or the session is closed. Close each event.
func (n *Notifications) Events(ctx context.Context) <-chan *Event {
	events := make(chan *Event)
	go func() {
		defer close(events)
		for {
			e, err := n.Next(ctx)
			if err != nil {
				return
			}
			select {
			case events <- e:
			case <-ctx.Done():
				e.Close()
				return
			}
		}
	}()
	return events
}

// UnsubscribeAll ends every subscription of the session.
func (n *Notifications) UnsubscribeAll() error {
	return n.run(func(p *C.jet_notification_t) error { return check(C.jg_notification_unsubscribe_all(p)) })
}

// OnState calls fn on the dispatcher thread, in order with the events,
// when the connection state changes; nil removes it.
func (n *Notifications) OnState(fn func(State)) error {
	return n.run(func(p *C.jet_notification_t) error {
		if fn == nil {
			return check(C.jg_notification_set_state_callback(p, 0))
		}
		h := newHandle(&stateWatcher{fn: fn, gate: n.gate})
		return check(C.jg_notification_set_state_callback(p, C.uintptr_t(h)))
	})
}

// State is the connection state.
func (n *Notifications) State() (State, error) {
	var out C.jet_connection_state_t
	err := n.run(func(p *C.jet_notification_t) error { return check(C.jg_notification_state(p, &out)) })
	return State(out), err
}

// Stats are the session's counters.
func (n *Notifications) Stats() (Stats, error) {
	var out C.jet_notification_stats_t
	err := n.run(func(p *C.jet_notification_t) error { return check(C.jg_notification_stats(p, &out)) })
	return Stats{
		Received:    uint64(out.received),
		Delivered:   uint64(out.delivered),
		Dropped:     uint64(out.dropped),
		ParseErrors: uint64(out.parse_errors),
		Reconnects:  uint64(out.reconnects),
	}, err
}

// Close disconnects and releases the session; no callback starts after it
// returns. Calls in progress on other goroutines end first (Next within
// 200 ms); the last of them releases the handle. Closing twice is safe;
// any other use afterwards fails with ErrClosed.
func (n *Notifications) Close() error {
	runtime.SetFinalizer(n, nil)
	n.gate.close()
	return nil
}
