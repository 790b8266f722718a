//! Events in the C ABI.
//!
//! A callback receives a `const jet_event_t*` that is valid for the call only;
//! `jet_event_clone` keeps one. `jet_notification_next` hands out an owned
//! event, released with `jet_event_free`. Strings returned by the accessors are
//! NUL-terminated UTF-8, owned by the event and valid as long as it is; a NUL
//! inside a value is given as U+FFFD.

use super::failure::{boundary, boundary_value, out, required, text, Failure};
use super::status::jet_status_t::{self, *};
use crate::event::{AttrError, Event};
use serde_json::Value;
use std::cell::Cell;
use std::ffi::{c_char, CString};
use std::sync::Mutex;

/// Longest attribute name accepted.
const MAX_ATTRIBUTE_NAME: usize = 1024;

/// Longest payload whose strings are handed out from a copy of it (each
/// string NUL-terminated where its closing quote was) rather than one by one.
pub(crate) const MAX_TERMINATED_PAYLOAD: usize = 16 * 1024;

enum Holder {
    Owned(Box<Event>),
    /// An event lent to a callback; valid for the call only.
    Borrowed(*const Event),
}

/// A NUL-terminated copy of a string handed to C, and what it is: a `kind`
/// (such as "#id" or "s") and, for attributes, a `name`.
struct Kept {
    kind: &'static str,
    name: Box<str>,
    text: CString,
}

/// The strings of one event handed to C.
#[derive(Default)]
struct Texts {
    /// The payload, copied on first use: a string that is a plain span of it
    /// is handed out from the copy, with the byte after it (its closing
    /// quote) made NUL. Only that byte is ever written, and only while it is
    /// not NUL yet, so no string handed out before changes.
    terminated: Option<Box<[Cell<u8>]>>,
    /// Copies of the other strings (a few per event: a list beats a hash map).
    kept: Vec<Kept>,
}

impl Texts {
    /// `value` NUL-terminated in the copy of `raw`, when it is a span of `raw`
    /// that a quote ends and that holds no NUL.
    fn in_payload(&mut self, raw: &[u8], value: &str) -> Option<*const c_char> {
        if raw.len() > MAX_TERMINATED_PAYLOAD {
            return None;
        }
        let start = (value.as_ptr() as usize).checked_sub(raw.as_ptr() as usize)?;
        let end = start.checked_add(value.len())?;
        // A branch-free look for a NUL: the strings are short, and a span of
        // a parsed payload never holds one (JSON strings hold no controls).
        let nul = value.bytes().fold(false, |nul, b| nul | (b == 0));
        if raw.get(end) != Some(&b'"') || nul {
            return None;
        }
        let bytes = self
            .terminated
            .get_or_insert_with(|| raw.iter().map(|&b| Cell::new(b)).collect());
        if bytes[end].get() != 0 {
            bytes[end].set(0);
        }
        Some(bytes.as_ptr().wrapping_add(start).cast())
    }
}

/// A notification event (opaque).
pub struct jet_event_t {
    holder: Holder,
    texts: Mutex<Texts>,
}

impl jet_event_t {
    /// Lends `event` for the duration of a callback.
    pub(crate) fn lend(event: &Event) -> jet_event_t {
        jet_event_t {
            holder: Holder::Borrowed(event),
            texts: Mutex::default(),
        }
    }

    /// Wraps an owned event for C.
    pub(crate) fn own(event: Event) -> *mut jet_event_t {
        Box::into_raw(Box::new(jet_event_t {
            holder: Holder::Owned(Box::new(event)),
            texts: Mutex::default(),
        }))
    }

    fn event(&self) -> &Event {
        match &self.holder {
            Holder::Owned(event) => event,
            // SAFETY: a borrowed wrapper lives only inside the callback call
            // that lent the event, and the event outlives that call.
            Holder::Borrowed(event) => unsafe { &**event },
        }
    }

    /// `value` NUL-terminated for the event's life: from the payload's copy
    /// when it is a plain span of the payload, else a copy kept under `kind`
    /// and `name`. Asking again gives the same pointer.
    fn keep(&self, kind: &'static str, name: &str, value: &str) -> *const c_char {
        let mut texts = self.texts.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(pointer) = texts.in_payload(self.event().raw(), value) {
            return pointer;
        }
        let texts = &mut texts.kept;
        if let Some(kept) = texts.iter().find(|k| k.kind == kind && &*k.name == name) {
            return kept.text.as_ptr();
        }
        let text = if value.contains('\0') {
            CString::new(value.replace('\0', "\u{FFFD}")).unwrap_or_default()
        } else {
            // Room for the NUL up front: one allocation.
            let mut bytes = Vec::with_capacity(value.len() + 1);
            bytes.extend_from_slice(value.as_bytes());
            CString::new(bytes).unwrap_or_default()
        };
        let pointer = text.as_ptr();
        texts.push(Kept {
            kind,
            name: name.into(),
            text,
        });
        pointer
    }

    fn keep_optional(&self, kind: &'static str, value: Option<&str>) -> *const c_char {
        value.map_or(std::ptr::null(), |v| self.keep(kind, "", v))
    }
}

fn event_arg<'a>(event: *const jet_event_t) -> Result<&'a jet_event_t, Failure> {
    required(event, "event")
}

fn attribute_failure(error: AttrError, event: &Event, name: &str) -> Failure {
    if let Some(why) = event.parse_error() {
        return Failure::new(
            JET_STATUS_PARSE_ERROR,
            format!("the event was not parsed: {why}"),
        );
    }
    match error {
        AttrError::Absent => Failure::new(JET_STATUS_NOT_FOUND, format!("no attribute '{name}'")),
        AttrError::WrongType => Failure::new(
            JET_STATUS_WRONG_TYPE,
            format!("attribute '{name}' has another type"),
        ),
    }
}

/// A header string of the event, kept NUL-terminated under `key`.
fn header(
    function: &str,
    event: *const jet_event_t,
    key: &'static str,
    read: impl FnOnce(&Event) -> Option<&str>,
) -> *const c_char {
    boundary_value(function, std::ptr::null(), || {
        let wrapper = event_arg(event)?;
        Ok(wrapper.keep_optional(key, read(wrapper.event())))
    })
}

/// The topic the event arrived on (NULL only when `event` is NULL).
#[no_mangle]
pub extern "C" fn jet_event_topic(event: *const jet_event_t) -> *const c_char {
    header("jet_event_topic", event, "#topic", |e| Some(e.topic()))
}

/// The event id, e.g. "KERNEL_EVENT_IFA_ADD"; NULL when absent or unparsed.
#[no_mangle]
pub extern "C" fn jet_event_id(event: *const jet_event_t) -> *const c_char {
    header("jet_event_id", event, "#id", Event::id)
}

/// The device's host name; NULL when absent.
#[no_mangle]
pub extern "C" fn jet_event_hostname(event: *const jet_event_t) -> *const c_char {
    header("jet_event_hostname", event, "#hostname", Event::hostname)
}

/// The device's time stamp text, e.g. "2019-01-22-14:59:06"; NULL when absent.
#[no_mangle]
pub extern "C" fn jet_event_time(event: *const jet_event_t) -> *const c_char {
    header("jet_event_time", event, "#time", Event::time)
}

/// The severity, e.g. "info"; NULL when absent.
#[no_mangle]
pub extern "C" fn jet_event_severity(event: *const jet_event_t) -> *const c_char {
    header("jet_event_severity", event, "#severity", Event::severity)
}

/// The facility, e.g. "KERNEL"; NULL when absent.
#[no_mangle]
pub extern "C" fn jet_event_facility(event: *const jet_event_t) -> *const c_char {
    header("jet_event_facility", event, "#facility", Event::facility)
}

/// A syslog event's process name; NULL when absent.
#[no_mangle]
pub extern "C" fn jet_event_process_name(event: *const jet_event_t) -> *const c_char {
    header(
        "jet_event_process_name",
        event,
        "#process_name",
        Event::process_name,
    )
}

/// A syslog event's message text; NULL when absent.
#[no_mangle]
pub extern "C" fn jet_event_message(event: *const jet_event_t) -> *const c_char {
    header("jet_event_message", event, "#message", Event::message)
}

/// Why the payload is not a JET event; NULL when it was parsed.
#[no_mangle]
pub extern "C" fn jet_event_parse_error(event: *const jet_event_t) -> *const c_char {
    header(
        "jet_event_parse_error",
        event,
        "#parse_error",
        Event::parse_error,
    )
}

/// True when the payload was a valid JET event (false for NULL).
#[no_mangle]
pub extern "C" fn jet_event_is_parsed(event: *const jet_event_t) -> bool {
    boundary_value("jet_event_is_parsed", false, || {
        Ok(event_arg(event)?.event().is_parsed())
    })
}

/// A syslog event's process id (a number, or a string of digits on the wire).
#[no_mangle]
pub extern "C" fn jet_event_process_id(
    event: *const jet_event_t,
    out_pid: *mut i64,
) -> jet_status_t {
    boundary("jet_event_process_id", || {
        let wrapper = event_arg(event)?;
        let slot = out(out_pid, "out_pid")?;
        match wrapper.event().process_id() {
            Some(pid) => {
                *slot = pid;
                Ok(JET_STATUS_OK)
            }
            None => Err(Failure::new(
                JET_STATUS_NOT_FOUND,
                "the event has no process-id",
            )),
        }
    })
}

/// The payload exactly as received: `*out_data` points into the event.
#[no_mangle]
pub extern "C" fn jet_event_raw(
    event: *const jet_event_t,
    out_data: *mut *const u8,
    out_len: *mut usize,
) -> jet_status_t {
    boundary("jet_event_raw", || {
        let raw = event_arg(event)?.event().raw();
        let (data, len) = (out(out_data, "out_data")?, out(out_len, "out_len")?);
        *data = raw.as_ptr();
        *len = raw.len();
        Ok(JET_STATUS_OK)
    })
}

/// The attributes as compact JSON, keys in alphabetical order ("{}" when none
/// or unparsed; NULL only when `event` is NULL).
#[no_mangle]
pub extern "C" fn jet_event_attributes_json(event: *const jet_event_t) -> *const c_char {
    boundary_value("jet_event_attributes_json", std::ptr::null(), || {
        let wrapper = event_arg(event)?;
        Ok(wrapper.keep("#attributes", "", &wrapper.event().attributes_json()))
    })
}

/// The number of attributes (0 for NULL or unparsed).
#[no_mangle]
pub extern "C" fn jet_event_attr_count(event: *const jet_event_t) -> usize {
    boundary_value("jet_event_attr_count", 0, || {
        Ok(event_arg(event)?.event().attribute_count())
    })
}

/// The name of attribute number `index` (0-based, in alphabetical order, the
/// order of jet_event_attributes_json).
#[no_mangle]
pub extern "C" fn jet_event_attr_name(
    event: *const jet_event_t,
    index: usize,
    out_name: *mut *const c_char,
) -> jet_status_t {
    boundary("jet_event_attr_name", || {
        let wrapper = event_arg(event)?;
        let slot = out(out_name, "out_name")?;
        let name = wrapper
            .event()
            .attribute_names()
            .nth(index)
            .ok_or_else(|| {
                Failure::new(JET_STATUS_NOT_FOUND, format!("no attribute number {index}"))
            })?;
        *slot = wrapper.keep("#name", name, name);
        Ok(JET_STATUS_OK)
    })
}

fn attribute_name<'a>(name: *const c_char) -> Result<&'a str, Failure> {
    text(name, "name", MAX_ATTRIBUTE_NAME)
}

/// A string attribute. JET_STATUS_NOT_FOUND when absent, JET_STATUS_WRONG_TYPE
/// when not a string, JET_STATUS_PARSE_ERROR when the event was not parsed.
#[no_mangle]
pub extern "C" fn jet_event_attr_string(
    event: *const jet_event_t,
    name: *const c_char,
    out_value: *mut *const c_char,
) -> jet_status_t {
    boundary("jet_event_attr_string", || {
        let wrapper = event_arg(event)?;
        let name = attribute_name(name)?;
        let slot = out(out_value, "out_value")?;
        let value = wrapper
            .event()
            .attr_str(name)
            .map_err(|e| attribute_failure(e, wrapper.event(), name))?;
        *slot = wrapper.keep("s", name, value);
        Ok(JET_STATUS_OK)
    })
}

/// An integer attribute (a JSON integer, or a string of decimal digits).
#[no_mangle]
pub extern "C" fn jet_event_attr_int(
    event: *const jet_event_t,
    name: *const c_char,
    out_value: *mut i64,
) -> jet_status_t {
    boundary("jet_event_attr_int", || {
        let wrapper = event_arg(event)?;
        let name = attribute_name(name)?;
        let slot = out(out_value, "out_value")?;
        *slot = wrapper
            .event()
            .attr_int(name)
            .map_err(|e| attribute_failure(e, wrapper.event(), name))?;
        Ok(JET_STATUS_OK)
    })
}

/// Any attribute as compact JSON text (for nested or unusual values).
#[no_mangle]
pub extern "C" fn jet_event_attr_json(
    event: *const jet_event_t,
    name: *const c_char,
    out_json: *mut *const c_char,
) -> jet_status_t {
    boundary("jet_event_attr_json", || {
        let wrapper = event_arg(event)?;
        let name = attribute_name(name)?;
        let slot = out(out_json, "out_json")?;
        let value = wrapper
            .event()
            .attribute(name)
            .ok_or_else(|| attribute_failure(AttrError::Absent, wrapper.event(), name))?;
        *slot = wrapper.keep("j", name, &value.to_string());
        Ok(JET_STATUS_OK)
    })
}

fn array<'a>(wrapper: &'a jet_event_t, name: &str) -> Result<&'a [Value], Failure> {
    wrapper
        .event()
        .attr_array(name)
        .map_err(|e| attribute_failure(e, wrapper.event(), name))
}

/// The length of an array attribute (e.g. "nexthop-address").
#[no_mangle]
pub extern "C" fn jet_event_attr_array_len(
    event: *const jet_event_t,
    name: *const c_char,
    out_len: *mut usize,
) -> jet_status_t {
    boundary("jet_event_attr_array_len", || {
        let wrapper = event_arg(event)?;
        let name = attribute_name(name)?;
        let slot = out(out_len, "out_len")?;
        *slot = array(wrapper, name)?.len();
        Ok(JET_STATUS_OK)
    })
}

/// Element `index` of an array attribute, which must be a string.
#[no_mangle]
pub extern "C" fn jet_event_attr_array_string(
    event: *const jet_event_t,
    name: *const c_char,
    index: usize,
    out_value: *mut *const c_char,
) -> jet_status_t {
    boundary("jet_event_attr_array_string", || {
        let wrapper = event_arg(event)?;
        let name = attribute_name(name)?;
        let slot = out(out_value, "out_value")?;
        let items = array(wrapper, name)?;
        let item = items.get(index).ok_or_else(|| {
            Failure::new(
                JET_STATUS_INVALID_ARGUMENT,
                format!(
                    "index {index} is past the end of '{name}' ({} elements)",
                    items.len()
                ),
            )
        })?;
        let value = item.as_str().ok_or_else(|| {
            Failure::new(
                JET_STATUS_WRONG_TYPE,
                format!("element {index} of '{name}' is not a string"),
            )
        })?;
        *slot = wrapper.keep("a", &format!("{index}:{name}"), value);
        Ok(JET_STATUS_OK)
    })
}

/// Copies `event` (for example to keep it after a callback returns).
#[no_mangle]
pub extern "C" fn jet_event_clone(
    event: *const jet_event_t,
    out_event: *mut *mut jet_event_t,
) -> jet_status_t {
    boundary("jet_event_clone", || {
        let wrapper = event_arg(event)?;
        let slot = out(out_event, "out_event")?;
        *slot = jet_event_t::own(wrapper.event().clone());
        Ok(JET_STATUS_OK)
    })
}

/// Frees an event from jet_event_clone or jet_notification_next. NULL is ignored.
/// Never free the event a callback receives.
///
/// # Safety
/// `event` must be an owned event from libjet, freed once.
#[no_mangle]
pub unsafe extern "C" fn jet_event_free(event: *mut jet_event_t) {
    if event.is_null() {
        return;
    }
    boundary("jet_event_free", || {
        // SAFETY: per the contract, `event` came from Box::into_raw in `own`.
        let wrapper = unsafe { Box::from_raw(event) };
        if matches!(wrapper.holder, Holder::Borrowed(_)) {
            // A lent event belongs to the callback's caller: leave it alone.
            std::mem::forget(wrapper);
            return Err(Failure::new(
                JET_STATUS_INVALID_ARGUMENT,
                "an event lent to a callback must not be freed",
            ));
        }
        Ok(JET_STATUS_OK)
    });
}
