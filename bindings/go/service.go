package jet

// #include "shim.h"
import "C"

import (
	"context"
	"runtime"
)

// ServiceKind names one JET service.
type ServiceKind int32

// The services of jet.h.
const (
	ServiceAuthentication ServiceKind = C.JET_SERVICE_AUTHENTICATION
	ServiceFirewall       ServiceKind = C.JET_SERVICE_FIREWALL
	ServiceInterfaces     ServiceKind = C.JET_SERVICE_INTERFACES
	ServiceManagement     ServiceKind = C.JET_SERVICE_MANAGEMENT
)

// Generation is the IDL generation a service is spoken in.
type Generation int32

// The generations of jet.h.
const (
	// GenerationUnknown: not known yet (auto mode, before the service's first call).
	GenerationUnknown Generation = C.JET_GENERATION_UNKNOWN
	GenerationJNX     Generation = C.JET_GENERATION_JNX
	GenerationLegacy  Generation = C.JET_GENERATION_LEGACY
)

// String is "jnx", "legacy" or "unknown".
func (g Generation) String() string {
	switch g {
	case GenerationJNX:
		return "jnx"
	case GenerationLegacy:
		return "legacy"
	}
	return "unknown"
}

// Service is a service session: a gRPC connection to the device's JET
// server, logged in. It is safe for concurrent use. Every call takes a
// context: its deadline is the call's timeout (none: the session's
// CallTimeout), and cancelling it ends the call with an error matching
// context.Canceled.
type Service struct {
	ptr      *C.jet_service_t
	gate     *gate
	clientID string
}

// OpenService connects to the device's JET services and logs in.
func OpenService(ctx context.Context, opts ServiceOptions) (*Service, error) {
	opts.ConnectTimeout = connectTimeout(ctx, opts.ConnectTimeout)
	var args cstrings
	defer args.free()
	native := opts.native(&args)
	var ptr *C.jet_service_t
	err := blocking(ctx, func(c *C.jet_cancel_t) C.jg_result_t { return C.jg_service_open(c, &native, &ptr) })
	if err != nil {
		return nil, err
	}
	s := &Service{
		ptr:      ptr,
		gate:     newGate("service session", func() { C.jet_service_close(ptr) }),
		clientID: C.GoString(C.jet_service_client_id(ptr)),
	}
	runtime.SetFinalizer(s, (*Service).Close)
	return s, nil
}

// ClientID is the client id in use.
func (s *Service) ClientID() string {
	return s.clientID
}

// Generation is the generation service is spoken in (GenerationUnknown
// until its first call in auto mode).
func (s *Service) Generation(service ServiceKind) (Generation, error) {
	var out C.jet_generation_t
	err := s.gate.run(func() error { return check(C.jg_service_generation(s.ptr, C.jet_service_kind_t(service), &out)) })
	runtime.KeepAlive(s)
	return Generation(out), err
}

// call runs one blocking service call under ctx, with its C strings.
func (s *Service) call(ctx context.Context, f func(p *C.jet_service_t, c *C.jet_cancel_t, args *cstrings, timeout C.uint32_t) C.jg_result_t) error {
	var args cstrings
	defer args.free()
	err := s.gate.run(func() error {
		return blocking(ctx, func(c *C.jet_cancel_t) C.jg_result_t { return f(s.ptr, c, &args, timeoutMS(ctx)) })
	})
	runtime.KeepAlive(s)
	return err
}

// Close disconnects and releases the session (after any call in progress
// on another goroutine). Closing twice is safe; any other use afterwards
// fails with ErrClosed.
func (s *Service) Close() error {
	runtime.SetFinalizer(s, nil)
	s.gate.close()
	return nil
}
