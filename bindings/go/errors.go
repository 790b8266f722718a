package jet

import (
	"context"
	"fmt"
)

// Error is a failed libjet call: its status, libjet's message unchanged,
// and the gRPC and device codes when the device answered (-1 otherwise).
type Error struct {
	// Status says what kind of failure it is.
	Status Status
	// Message is libjet's text of the failure.
	Message string
	// GRPCCode is the gRPC status code of a failed service call, or -1.
	GRPCCode int
	// DeviceCode is the device's own status or sub-code, or -1.
	DeviceCode int
}

// Error gives "jet: <status name>: <message>".
func (e *Error) Error() string {
	if e.Message == "" {
		return "jet: " + e.Status.String()
	}
	return fmt.Sprintf("jet: %s: %s", e.Status, e.Message)
}

// Is matches the sentinel of the same status (ErrInvalidArgument also
// matches null arguments and invalid UTF-8), and context.Canceled for a
// cancelled call, context.DeadlineExceeded for one that timed out.
func (e *Error) Is(target error) bool {
	switch target {
	case context.Canceled:
		return e.Status == StatusCancelled
	case context.DeadlineExceeded:
		return e.Status == StatusTimeout
	case ErrInvalidArgument:
		return e.Status == StatusInvalidArgument || e.Status == StatusNullArgument ||
			e.Status == StatusInvalidUTF8
	}
	sentinel, ok := target.(*Error)
	return ok && sentinel.Message == "" && sentinel.Status == e.Status
}

// Sentinels for errors.Is: errors.Is(err, jet.ErrTimeout).
var (
	ErrInvalidArgument = &Error{Status: StatusInvalidArgument, GRPCCode: -1, DeviceCode: -1}
	ErrUnreachable     = &Error{Status: StatusUnreachable, GRPCCode: -1, DeviceCode: -1}
	ErrNotAuthorized   = &Error{Status: StatusNotAuthorized, GRPCCode: -1, DeviceCode: -1}
	ErrTimeout         = &Error{Status: StatusTimeout, GRPCCode: -1, DeviceCode: -1}
	ErrTLS             = &Error{Status: StatusTLS, GRPCCode: -1, DeviceCode: -1}
	ErrClosed          = &Error{Status: StatusClosed, GRPCCode: -1, DeviceCode: -1}
	ErrProtocol        = &Error{Status: StatusProtocol, GRPCCode: -1, DeviceCode: -1}
	ErrWouldDeadlock   = &Error{Status: StatusWouldDeadlock, GRPCCode: -1, DeviceCode: -1}
	ErrIO              = &Error{Status: StatusIO, GRPCCode: -1, DeviceCode: -1}
	ErrNotFound        = &Error{Status: StatusNotFound, GRPCCode: -1, DeviceCode: -1}
	ErrWrongType       = &Error{Status: StatusWrongType, GRPCCode: -1, DeviceCode: -1}
	ErrParseError      = &Error{Status: StatusParseError, GRPCCode: -1, DeviceCode: -1}
	ErrRefused         = &Error{Status: StatusRefused, GRPCCode: -1, DeviceCode: -1}
	ErrUnimplemented   = &Error{Status: StatusUnimplemented, GRPCCode: -1, DeviceCode: -1}
	ErrAlreadyExists   = &Error{Status: StatusAlreadyExists, GRPCCode: -1, DeviceCode: -1}
	ErrCancelled       = &Error{Status: StatusCancelled, GRPCCode: -1, DeviceCode: -1}
	ErrInternal        = &Error{Status: StatusInternal, GRPCCode: -1, DeviceCode: -1}
	ErrPanic           = &Error{Status: StatusPanic, GRPCCode: -1, DeviceCode: -1}
)

// bindingError is a failure the binding itself reports (no libjet call).
func bindingError(status Status, message string) *Error {
	return &Error{Status: status, Message: message, GRPCCode: -1, DeviceCode: -1}
}

// errClosedHandle is the error of a call on a closed object.
func errClosedHandle(what string) *Error {
	return bindingError(StatusClosed, what+" is closed")
}
