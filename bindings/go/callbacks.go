package jet

// The functions libjet calls back, reached through the C trampolines of
// shim.c. Each receives a runtime/cgo.Handle as its user data; jgoFree
// deletes it when libjet calls free_user_data (exactly once, after the
// last call). Nothing here lets a panic unwind into libjet.

// #include "shim.h"
import "C"

import "runtime/cgo"

// released is implemented by the values whose release a caller waits for.
type released interface {
	release()
}

//export jgoEvent
func jgoEvent(event *C.jet_event_t, handle C.uintptr_t) {
	cgo.Handle(handle).Value().(*subscriber).deliver(event)
}

//export jgoState
func jgoState(state C.int32_t, handle C.uintptr_t) {
	cgo.Handle(handle).Value().(*stateWatcher).deliver(State(state))
}

//export jgoStateReport
func jgoStateReport(report *C.jet_service_state_report_t, handle C.uintptr_t) {
	cgo.Handle(handle).Value().(*stateReporter).deliver(report)
}

//export jgoLog
func jgoLog(level C.int32_t, target, message *C.char, handle C.uintptr_t) {
	cgo.Handle(handle).Value().(*logSink).deliver(int32(level), C.GoString(target), C.GoString(message))
}

//export jgoFree
func jgoFree(handle C.uintptr_t) {
	h := cgo.Handle(handle)
	if r, ok := h.Value().(released); ok {
		r.release()
	}
	h.Delete()
}
