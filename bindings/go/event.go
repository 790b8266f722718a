package jet

// #include "shim.h"
import "C"

import (
	"runtime"
	"unsafe"
)

// Event is one notification. An event given to a callback is valid only
// during the callback (Clone keeps it); afterwards its methods return ""
// and ErrClosed. Events from Next and Clone are owned: Close releases them
// (the garbage collector does it for one that is forgotten). An Event is
// not safe for concurrent use with its own Close.
type Event struct {
	ptr   *C.jet_event_t
	owned bool
}

// ownedEvent wraps an event the caller must free, with a finalizer.
func ownedEvent(ptr *C.jet_event_t) *Event {
	e := &Event{ptr: ptr, owned: true}
	runtime.SetFinalizer(e, (*Event).Close)
	return e
}

// Close releases an owned event; it does nothing for a callback's event
// or when called twice.
func (e *Event) Close() error {
	if e.owned && e.ptr != nil {
		runtime.SetFinalizer(e, nil)
		C.jet_event_free(e.ptr)
	}
	e.ptr = nil
	return nil
}

// Clone copies the event, for keeping a callback's event after it returns.
func (e *Event) Clone() (*Event, error) {
	var out *C.jet_event_t
	err := e.call(func(p *C.jet_event_t) C.jg_result_t { return C.jg_event_clone(p, &out) })
	if err != nil {
		return nil, err
	}
	return ownedEvent(out), nil
}

// call runs f on the event's handle, or fails for a released event.
func (e *Event) call(f func(*C.jet_event_t) C.jg_result_t) error {
	if e.ptr == nil {
		return errClosedHandle("event")
	}
	err := check(f(e.ptr))
	runtime.KeepAlive(e)
	return err
}

// text reads one of the event's strings ("" when absent).
func (e *Event) text(f func(*C.jet_event_t) *C.char) string {
	if e.ptr == nil {
		return ""
	}
	s := C.GoString(f(e.ptr))
	runtime.KeepAlive(e)
	return s
}

// Topic is the topic the event arrived on.
func (e *Event) Topic() string {
	return e.text(func(p *C.jet_event_t) *C.char { return C.jet_event_topic(p) })
}

// ID is the event id, e.g. "KERNEL_EVENT_IFA_ADD" ("" when absent or unparsed).
func (e *Event) ID() string {
	return e.text(func(p *C.jet_event_t) *C.char { return C.jet_event_id(p) })
}

// Hostname is the device's host name ("" when absent).
func (e *Event) Hostname() string {
	return e.text(func(p *C.jet_event_t) *C.char { return C.jet_event_hostname(p) })
}

// Time is the device's time stamp text, e.g. "2019-01-22-14:59:06".
func (e *Event) Time() string {
	return e.text(func(p *C.jet_event_t) *C.char { return C.jet_event_time(p) })
}

// Severity is the severity, e.g. "info".
func (e *Event) Severity() string {
	return e.text(func(p *C.jet_event_t) *C.char { return C.jet_event_severity(p) })
}

// Facility is the facility, e.g. "KERNEL".
func (e *Event) Facility() string {
	return e.text(func(p *C.jet_event_t) *C.char { return C.jet_event_facility(p) })
}

// ProcessName is a syslog event's process name.
func (e *Event) ProcessName() string {
	return e.text(func(p *C.jet_event_t) *C.char { return C.jet_event_process_name(p) })
}

// Message is a syslog event's message text.
func (e *Event) Message() string {
	return e.text(func(p *C.jet_event_t) *C.char { return C.jet_event_message(p) })
}

// ParseError says why the payload is not a JET event ("" when it was parsed).
func (e *Event) ParseError() string {
	return e.text(func(p *C.jet_event_t) *C.char { return C.jet_event_parse_error(p) })
}

// AttributesJSON is the attributes as compact JSON, keys in alphabetical
// order ("{}" when none or unparsed).
func (e *Event) AttributesJSON() string {
	return e.text(func(p *C.jet_event_t) *C.char { return C.jet_event_attributes_json(p) })
}

// Parsed reports whether the payload was a valid JET event.
func (e *Event) Parsed() bool {
	if e.ptr == nil {
		return false
	}
	parsed := bool(C.jet_event_is_parsed(e.ptr))
	runtime.KeepAlive(e)
	return parsed
}

// ProcessID is a syslog event's process id.
func (e *Event) ProcessID() (int64, error) {
	var out C.int64_t
	err := e.call(func(p *C.jet_event_t) C.jg_result_t { return C.jg_event_process_id(p, &out) })
	return int64(out), err
}

// Raw is a copy of the payload exactly as received.
func (e *Event) Raw() ([]byte, error) {
	var data *C.uint8_t
	var n C.size_t
	var raw []byte
	err := e.call(func(p *C.jet_event_t) C.jg_result_t {
		r := C.jg_event_raw(p, &data, &n)
		if r.status == 0 {
			raw = C.GoBytes(unsafe.Pointer(data), C.int(n))
		}
		return r
	})
	return raw, err
}

// AttrCount is the number of attributes (0 when unparsed).
func (e *Event) AttrCount() int {
	if e.ptr == nil {
		return 0
	}
	n := int(C.jet_event_attr_count(e.ptr))
	runtime.KeepAlive(e)
	return n
}

// AttrName is the name of attribute number i, in alphabetical order.
func (e *Event) AttrName(i int) (string, error) {
	var out *C.char
	err := e.call(func(p *C.jet_event_t) C.jg_result_t { return C.jg_event_attr_name(p, C.size_t(i), &out) })
	return e.borrowed(out, err)
}

// AttrNames is every attribute's name, in alphabetical order.
func (e *Event) AttrNames() []string {
	names := make([]string, 0, e.AttrCount())
	for i := 0; i < cap(names); i++ {
		if name, err := e.AttrName(i); err == nil {
			names = append(names, name)
		}
	}
	return names
}

// borrowed copies a string that points into the event (still alive).
func (e *Event) borrowed(s *C.char, err error) (string, error) {
	if err != nil {
		return "", err
	}
	text := C.GoString(s)
	runtime.KeepAlive(e)
	return text, nil
}

// byName runs a lookup of attribute `name`.
func (e *Event) byName(name string, f func(*C.jet_event_t, *C.char) C.jg_result_t) error {
	var args cstrings
	defer args.free()
	cname := args.add(name)
	return e.call(func(p *C.jet_event_t) C.jg_result_t { return f(p, cname) })
}

// AttrString is a string attribute: ErrNotFound when absent, ErrWrongType
// when not a string, ErrParseError when the event was not parsed.
func (e *Event) AttrString(name string) (string, error) {
	var out *C.char
	err := e.byName(name, func(p *C.jet_event_t, n *C.char) C.jg_result_t { return C.jg_event_attr_string(p, n, &out) })
	return e.borrowed(out, err)
}

// AttrInt is an integer attribute (a JSON integer or a string of digits).
func (e *Event) AttrInt(name string) (int64, error) {
	var out C.int64_t
	err := e.byName(name, func(p *C.jet_event_t, n *C.char) C.jg_result_t { return C.jg_event_attr_int(p, n, &out) })
	return int64(out), err
}

// AttrJSON is any attribute as compact JSON text.
func (e *Event) AttrJSON(name string) (string, error) {
	var out *C.char
	err := e.byName(name, func(p *C.jet_event_t, n *C.char) C.jg_result_t { return C.jg_event_attr_json(p, n, &out) })
	return e.borrowed(out, err)
}

// AttrArrayLen is the length of an array attribute.
func (e *Event) AttrArrayLen(name string) (int, error) {
	var out C.size_t
	err := e.byName(name, func(p *C.jet_event_t, n *C.char) C.jg_result_t { return C.jg_event_attr_array_len(p, n, &out) })
	return int(out), err
}

// AttrArrayString is element i of an array attribute of strings.
func (e *Event) AttrArrayString(name string, i int) (string, error) {
	var out *C.char
	err := e.byName(name, func(p *C.jet_event_t, n *C.char) C.jg_result_t {
		return C.jg_event_attr_array_string(p, n, C.size_t(i), &out)
	})
	return e.borrowed(out, err)
}

// AttrStrings is every element of an array attribute of strings.
func (e *Event) AttrStrings(name string) ([]string, error) {
	n, err := e.AttrArrayLen(name)
	if err != nil {
		return nil, err
	}
	values := make([]string, n)
	for i := range values {
		if values[i], err = e.AttrArrayString(name, i); err != nil {
			return nil, err
		}
	}
	return values, nil
}
