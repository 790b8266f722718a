package jet

// #include "shim.h"
import "C"

import "time"

// API is the IDL generation a service session speaks.
type API int32

// The generations to ask for.
const (
	// APIAuto finds out per service which generation the device serves (default).
	APIAuto API = C.JET_API_AUTO
	// APIJNX is the jnx.jet.* IDL (Junos 19.3 and later, Evolved).
	APIJNX API = C.JET_API_JNX
	// APILegacy is the legacy IDL (Junos 17.x to 19.2).
	APILegacy API = C.JET_API_LEGACY
)

// ServiceOptions are the settings of a service session. The zero value is
// libjet's defaults (device 127.0.0.1, port 32767, TLS verified, auto API).
type ServiceOptions struct {
	// Device is the device's host name or address (default "127.0.0.1").
	Device string
	// Port is the JET request-response port (default 32767).
	Port uint16
	// User and Password log in; no User skips the login. The password is never logged.
	User, Password string
	// ClientID is unique among the device's sessions (default: a made one).
	ClientID string
	// API is the IDL generation (default APIAuto).
	API API
	// ClearText connects without TLS (must be asked for).
	ClearText bool
	// TLSFiles are the CA, client certificate and verification settings of TLS.
	TLSFiles TLSFiles
	// ConnectTimeout bounds TCP and TLS (default 10 s).
	ConnectTimeout time.Duration
	// CallTimeout is the deadline of a call whose context has none (default 30 s).
	CallTimeout time.Duration
	// State is what the session does about the JET state it created after a
	// reconnect (default StateModeOff); see Service.OnStateReport.
	State StateMode
}

// native fills libjet's options from o; the strings live in args.
func (o *ServiceOptions) native(args *cstrings) C.jet_service_options_t {
	var c C.jet_service_options_t
	C.jet_service_options_default(&c)
	if o.Device != "" {
		c.device = args.add(o.Device)
	}
	if o.Port != 0 {
		c.port = C.uint16_t(o.Port)
	}
	c.user = args.opt(o.User)
	c.password = args.opt(o.Password)
	c.client_id = args.opt(o.ClientID)
	c.api = C.jet_api_t(o.API)
	if o.ClearText {
		c.clear_text = 1
	}
	o.TLSFiles.fill(args, tlsFields{&c.tls_ca_file, &c.tls_cert_file, &c.tls_key_file,
		&c.tls_server_name, &c.tls_insecure_skip_verify})
	durationMS(o.ConnectTimeout, &c.connect_timeout_ms)
	durationMS(o.CallTimeout, &c.call_timeout_ms)
	c.state = C.jet_service_state_mode_t(o.State)
	return c
}
