package jet

// #include "shim.h"
import "C"

import (
	"context"
	"errors"
	"math"
	"time"
	"unsafe"
)

// check turns a helper's result into nil or an *Error, freeing its message.
func check(r C.jg_result_t) error {
	if r.status >= 0 {
		return nil
	}
	err := &Error{
		Status:     Status(r.status),
		Message:    C.GoString(r.message),
		GRPCCode:   int(r.grpc_code),
		DeviceCode: int(r.device_code),
	}
	C.free(unsafe.Pointer(r.message))
	return err
}

// contextError is the *Error of a context that ended before a call started.
func contextError(ctx context.Context) error {
	err := ctx.Err()
	if errors.Is(err, context.DeadlineExceeded) {
		return bindingError(StatusTimeout, err.Error())
	}
	return bindingError(StatusCancelled, err.Error())
}

// blocking runs one blocking libjet call under ctx: when ctx can be
// cancelled, a jet_cancel_t is made, handed to run (whose C helper attaches
// it for the call), and triggered when ctx ends. A call cancelled because
// the deadline passed is reported as a timeout.
func blocking(ctx context.Context, run func(cancel *C.jet_cancel_t) C.jg_result_t) error {
	if ctx.Err() != nil {
		return contextError(ctx)
	}
	if ctx.Done() == nil {
		return check(run(nil))
	}
	var token *C.jet_cancel_t
	if err := check(C.jg_cancel_new(&token)); err != nil {
		return err
	}
	fired := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		C.jet_cancel_trigger(token)
		close(fired)
	})
	err := check(run(token))
	if !stop() {
		<-fired // the trigger ran or is running: let it finish before the free
	}
	C.jet_cancel_free(token)
	var jetErr *Error
	if errors.As(err, &jetErr) && jetErr.Status == StatusCancelled &&
		errors.Is(ctx.Err(), context.DeadlineExceeded) {
		jetErr.Status = StatusTimeout
	}
	return err
}

// timeoutMS is ctx's deadline as a call's timeout_ms: 0 (the session's
// default) without one, else the time left rounded up, at least 1 ms.
func timeoutMS(ctx context.Context) C.uint32_t {
	deadline, ok := ctx.Deadline()
	if !ok {
		return 0
	}
	return C.uint32_t(clampMS(time.Until(deadline)))
}

// clampMS is d in whole milliseconds, rounded up, from 1 to MaxUint32.
func clampMS(d time.Duration) uint32 {
	ms := (d + time.Millisecond - 1) / time.Millisecond
	switch {
	case ms < 1:
		return 1
	case ms > math.MaxUint32:
		return math.MaxUint32
	}
	return uint32(ms)
}

// cstrings holds the C copies of Go strings for one call.
type cstrings []*C.char

// add returns a C copy of s, freed by free.
func (c *cstrings) add(s string) *C.char {
	p := C.CString(s)
	*c = append(*c, p)
	return p
}

// opt is add, or NULL for "" (an argument left out).
func (c *cstrings) opt(s string) *C.char {
	if s == "" {
		return nil
	}
	return c.add(s)
}

// free releases every copy.
func (c *cstrings) free() {
	for _, p := range *c {
		C.free(unsafe.Pointer(p))
	}
	*c = nil
}

// ownedString copies and frees a string libjet handed out.
func ownedString(p *C.char) string {
	s := C.GoString(p)
	C.jet_string_free(p)
	return s
}

// connectTimeout is the connect timeout of an open under ctx: the
// configured one (0: libjet's default), shortened to ctx's deadline.
func connectTimeout(ctx context.Context, configured time.Duration) time.Duration {
	deadline, ok := ctx.Deadline()
	if !ok {
		return configured
	}
	if left := time.Until(deadline); configured == 0 || left < configured {
		return left
	}
	return configured
}
