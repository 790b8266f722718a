package jet

// #include "shim.h"
import "C"

import (
	"runtime"
	"unsafe"
)

// StateMode says what a service session does about the JET state it
// created (filters with their binds, policers, interface addresses) after
// its connection was lost and made again.
type StateMode int32

// The modes of jet.h (jet_service_state_mode_t).
const (
	// StateModeOff does nothing (default).
	StateModeOff StateMode = C.JET_SERVICE_STATE_OFF
	// StateModeReport checks what the device still has and hands a
	// StateReport to the OnStateReport callback.
	StateModeReport StateMode = C.JET_SERVICE_STATE_REPORT
	// StateModeReapply is StateModeReport, and adds the purged objects again.
	StateModeReapply StateMode = C.JET_SERVICE_STATE_REAPPLY
)

// StateReport is one check of a session's JET state after a reconnect.
// Each entry is libjet's text for one object: "filter NAME", "policer
// NAME" or "address IFL FAMILY ADDRESS/LEN"; a failed entry also says why
// ("<entry>: <message>").
type StateReport struct {
	// Present is what the device still has.
	Present []string
	// Purged is what the device had lost (including what was added again).
	Purged []string
	// Reapplied is what was added again (StateModeReapply).
	Reapplied []string
	// Failed is what could not be checked or added again.
	Failed []string
}

// OnStateReport calls fn with each StateReport made after a reconnect, on
// a libjet thread; fn may call the session (not Close). Reports are made
// only for sessions opened with a ServiceOptions.State other than
// StateModeOff. nil removes the callback. A panic in fn is logged and
// swallowed.
func (s *Service) OnStateReport(fn func(StateReport)) error {
	err := s.gate.run(func() error {
		if fn == nil {
			return check(C.jg_service_set_state_callback(s.ptr, 0))
		}
		h := newHandle(&stateReporter{fn: fn, gate: s.gate})
		return check(C.jg_service_set_state_callback(s.ptr, C.uintptr_t(h)))
	})
	runtime.KeepAlive(s)
	return err
}

// stateReporter is the user data of a service session's state callback.
type stateReporter struct {
	fn   func(StateReport)
	gate *gate
}

// deliver copies the report libjet lends for the call and hands it to fn.
func (r *stateReporter) deliver(c *C.jet_service_state_report_t) {
	if r.gate.isClosed() {
		return
	}
	report := StateReport{
		Present:   goStrings(c.present, c.present_count),
		Purged:    goStrings(c.purged, c.purged_count),
		Reapplied: goStrings(c.reapplied, c.reapplied_count),
		Failed:    goStrings(c.failed, c.failed_count),
	}
	guard("state report", func() { r.fn(report) })
}

// goStrings copies a C array of count strings (never nil: empty for none).
func goStrings(list **C.char, count C.size_t) []string {
	out := make([]string, 0, int(count))
	if count == 0 || list == nil {
		return out
	}
	for _, p := range unsafe.Slice(list, int(count)) {
		out = append(out, C.GoString(p))
	}
	return out
}
