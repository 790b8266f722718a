package jet

// #include "shim.h"
import "C"

import (
	"errors"
	"runtime/cgo"
	"sync/atomic"
)

// newHandle makes the cgo.Handle given to libjet as user data; libjet's
// free_user_data deletes it (jgoFree).
func newHandle(v any) cgo.Handle {
	return cgo.NewHandle(v)
}

// subscriber is the user data of a callback subscription.
type subscriber struct {
	fn   func(*Event)
	gate *gate
	done chan struct{} // closed when libjet released the subscription
}

// deliver hands one event to the callback, which may not keep it.
func (s *subscriber) deliver(ptr *C.jet_event_t) {
	if s.gate.isClosed() {
		return
	}
	e := &Event{ptr: ptr}
	guard("subscription", func() { s.fn(e) })
	e.ptr = nil
}

// release is libjet's free_user_data.
func (s *subscriber) release() {
	close(s.done)
}

// stateWatcher is the user data of a state callback.
type stateWatcher struct {
	fn   func(State)
	gate *gate
}

// deliver hands one state change to the callback.
func (w *stateWatcher) deliver(s State) {
	if !w.gate.isClosed() {
		guard("state", func() { w.fn(s) })
	}
}

// Subscription is one topic filter of a notification session.
type Subscription struct {
	session *Notifications
	id      uint64
	topic   string
	sub     *subscriber // nil for a pull subscription
	ended   atomic.Bool
}

// ID is libjet's id of the subscription.
func (s *Subscription) ID() uint64 {
	return s.id
}

// Topic is the topic filter subscribed to.
func (s *Subscription) Topic() string {
	return s.topic
}

// Unsubscribe ends the subscription. On return its callback is not
// running (unless Unsubscribe is called from that callback) and will not
// run again. Ending a subscription that already ended (twice, after
// UnsubscribeAll or the session's Close) does nothing.
func (s *Subscription) Unsubscribe() error {
	if s.ended.Swap(true) {
		return nil
	}
	err := s.session.run(func(p *C.jet_notification_t) error {
		return check(C.jg_notification_unsubscribe(p, C.uint64_t(s.id)))
	})
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrClosed) {
		return nil
	}
	return err
}

// Close is Unsubscribe.
func (s *Subscription) Close() error {
	return s.Unsubscribe()
}
