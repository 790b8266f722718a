package jet

// #include "shim.h"
import "C"

import "time"

// Overflow is what a session does when the application falls behind.
type Overflow uint8

// The overflow policies of jet.h.
const (
	// OverflowDrop keeps reading and drops the newest events (counted in Stats.Dropped).
	OverflowDrop Overflow = C.JET_OVERFLOW_DROP
	// OverflowWait stops reading until the application has room; nothing received is lost.
	OverflowWait Overflow = C.JET_OVERFLOW_WAIT
)

// NotifyOptions are the settings of a notification session. The zero value
// is libjet's defaults (device 127.0.0.1, port 1883, no TLS, ...): only the
// fields that are set change them.
type NotifyOptions struct {
	// Device is the broker's host name or address (default "127.0.0.1").
	Device string
	// Port is the broker's port (default 1883).
	Port uint16
	// User and Password are sent when the broker checks them; the password is never logged.
	User, Password string
	// Keepalive is the MQTT keepalive (default 60 s); see NoKeepalive.
	Keepalive time.Duration
	// NoKeepalive turns the keepalive off.
	NoKeepalive bool
	// BindAddress is the source address of the connection.
	BindAddress string
	// ClientID is the MQTT client id (default: a unique one).
	ClientID string
	// TLS connects with TLS, verified as TLSFiles says.
	TLS bool
	// TLSFiles are the CA, client certificate and verification settings of TLS.
	TLSFiles TLSFiles
	// ConnectTimeout bounds TCP, TLS and MQTT handshakes together (default 10 s).
	ConnectTimeout time.Duration
	// Persistent keeps the broker-side session (clean_session = 0; needs ClientID).
	Persistent bool
	// QoS of the subscriptions: 0 (default) or 1.
	QoS uint8
	// QueueCapacity is how many events may wait for the application per queue (default 65536).
	QueueCapacity uint32
	// MaxPacketSize is the largest MQTT packet accepted, in bytes (default 1 MiB).
	MaxPacketSize uint32
	// ReconnectMin and ReconnectMax bound the reconnect backoff (default 250 ms, 30 s).
	ReconnectMin, ReconnectMax time.Duration
	// Overflow says what happens when a queue is full (default OverflowDrop).
	Overflow Overflow
	// InlineCallbacks runs the Subscribe callbacks on libjet's network
	// thread, as each read's events are decoded, instead of on a
	// dispatcher thread (default false). It saves one thread wake-up per
	// event, most of a live event's delivery time. In exchange the
	// callback must not block: while it runs the session reads nothing and
	// sends no keepalive, so a callback slower than the keepalive costs a
	// reconnect (nothing is lost with QoS 1 and Persistent). Calls that
	// block, made from it (Subscribe, SubscribePull, Next, Connect, service
	// calls, Shutdown), fail with an error matching ErrWouldDeadlock;
	// Unsubscribe and Close return at once. OnState callbacks stay on the
	// dispatcher thread, so one may run at the same time as an event
	// callback. Pull subscriptions are queued as always.
	InlineCallbacks bool
}

// durationMS is d in ms for an options field, when set.
func durationMS(d time.Duration, field *C.uint32_t) {
	if d > 0 {
		*field = C.uint32_t(clampMS(d))
	}
}

// native fills libjet's options from o; the strings live in args.
func (o *NotifyOptions) native(args *cstrings) C.jet_notification_options_t {
	var c C.jet_notification_options_t
	C.jet_notification_options_default(&c)
	if o.Device != "" {
		c.device = args.add(o.Device)
	}
	if o.Port != 0 {
		c.port = C.uint16_t(o.Port)
	}
	c.user = args.opt(o.User)
	c.password = args.opt(o.Password)
	if o.NoKeepalive {
		c.keepalive_s = 0
	} else if o.Keepalive > 0 {
		c.keepalive_s = C.uint32_t((o.Keepalive + time.Second - 1) / time.Second)
	}
	c.bind_address = args.opt(o.BindAddress)
	c.client_id = args.opt(o.ClientID)
	if o.TLS {
		c.tls = 1
	}
	o.TLSFiles.fill(args, tlsFields{&c.tls_ca_file, &c.tls_cert_file, &c.tls_key_file,
		&c.tls_server_name, &c.tls_insecure_skip_verify})
	durationMS(o.ConnectTimeout, &c.connect_timeout_ms)
	if o.Persistent {
		c.clean_session = 0
	}
	c.qos = C.uint8_t(o.QoS)
	if o.QueueCapacity != 0 {
		c.queue_capacity = C.uint32_t(o.QueueCapacity)
	}
	if o.MaxPacketSize != 0 {
		c.max_packet_size = C.uint32_t(o.MaxPacketSize)
	}
	durationMS(o.ReconnectMin, &c.reconnect_min_ms)
	durationMS(o.ReconnectMax, &c.reconnect_max_ms)
	c.overflow = C.jet_overflow_t(o.Overflow)
	return c
}
