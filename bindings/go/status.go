package jet

// #include "shim.h"
import "C"

// Status is a libjet status code (jet_status_t): 0 is OK, negative is an
// error, positive is information.
type Status int32

// The statuses of jet.h.
const (
	StatusOK              Status = 0
	StatusNoEvent         Status = 1
	StatusInvalidArgument Status = -1
	StatusNullArgument    Status = -2
	StatusInvalidUTF8     Status = -3
	StatusUnreachable     Status = -10
	StatusNotAuthorized   Status = -11
	StatusTimeout         Status = -12
	StatusTLS             Status = -13
	StatusClosed          Status = -14
	StatusProtocol        Status = -15
	StatusWouldDeadlock   Status = -16
	StatusIO              Status = -17
	StatusNotFound        Status = -18
	StatusWrongType       Status = -19
	StatusParseError      Status = -20
	StatusRefused         Status = -21
	StatusUnimplemented   Status = -22
	StatusAlreadyExists   Status = -23
	StatusCancelled       Status = -24
	StatusInternal        Status = -98
	StatusPanic           Status = -99
)

// String names the status as libjet does, e.g. "JET_STATUS_TIMEOUT".
func (s Status) String() string {
	return C.GoString(C.jet_status_str(C.int32_t(s)))
}
