//! The strings the event accessors hand to C: NUL-terminated, stable for the
//! event's life, unchanged by later calls, whether they come from the
//! payload's copy or are copied one by one.

use super::event::{
    jet_event_attr_string, jet_event_free, jet_event_hostname, jet_event_id, jet_event_t,
    jet_event_topic,
};
use super::status::jet_status_t::JET_STATUS_OK;
use crate::event::Event;
use bytes::Bytes;
use std::ffi::{c_char, CStr, CString};

fn owned(payload: &str) -> *mut jet_event_t {
    jet_event_t::own(Event::parse(
        "/junos/events/test",
        Bytes::from(payload.to_owned()),
    ))
}

fn text(pointer: *const c_char) -> String {
    assert!(!pointer.is_null());
    // SAFETY: libjet's NUL-terminated string, valid while the event lives.
    unsafe { CStr::from_ptr(pointer) }
        .to_str()
        .unwrap()
        .to_owned()
}

fn attr(event: *const jet_event_t, name: &str) -> *const c_char {
    let name = CString::new(name).unwrap();
    let mut value = std::ptr::null();
    assert_eq!(
        jet_event_attr_string(event, name.as_ptr(), &mut value),
        JET_STATUS_OK
    );
    value
}

/// A payload with plain strings, an escaped one, an empty one, a NUL
/// escape, and `pad` bytes of a further attribute.
fn payload(pad: usize) -> String {
    format!(
        r#"{{"jet-event": {{"event-id": "KERNEL_EVENT_IFA_ADD", "hostname": "r1", "attributes": {{"name": "ge-0/0/0", "quoted": "say \"hi\"", "empty": "", "nul": "a\u0000b", "pad": "{}"}}}}}}"#,
        "x".repeat(pad)
    )
}

/// Checks every accessor's string; `from_copy` says whether the plain ones
/// must come from one copy of the payload (standing as far apart as in it).
fn check_strings(pad: usize, from_copy: bool) {
    let text_in = payload(pad);
    let event = owned(&text_in);
    let id = jet_event_id(event);
    let name = attr(event, "name");
    let quoted = attr(event, "quoted");
    let empty = attr(event, "empty");
    let nul = attr(event, "nul");
    let host = jet_event_hostname(event);
    let topic = jet_event_topic(event);
    assert_eq!(text(id), "KERNEL_EVENT_IFA_ADD");
    assert_eq!(text(name), "ge-0/0/0");
    assert_eq!(text(quoted), "say \"hi\"");
    assert_eq!(text(empty), "");
    assert_eq!(text(nul), "a\u{FFFD}b");
    assert_eq!(text(host), "r1");
    assert_eq!(text(topic), "/junos/events/test");
    assert_eq!(text(attr(event, "pad")).len(), pad);
    let apart_in_payload = text_in.find("ge-0/0/0").unwrap() - text_in.find("KERNEL_").unwrap();
    assert_eq!(
        (name as usize).wrapping_sub(id as usize) == apart_in_payload,
        from_copy
    );
    // Asking again gives the same pointer, and nothing asked since changed
    // what an earlier pointer reads.
    assert_eq!(jet_event_id(event), id);
    assert_eq!(attr(event, "name"), name);
    assert_eq!(attr(event, "quoted"), quoted);
    assert_eq!(text(id), "KERNEL_EVENT_IFA_ADD");
    assert_eq!(text(name), "ge-0/0/0");
    // SAFETY: an owned event, freed once.
    unsafe { jet_event_free(event) };
}

#[test]
fn strings_of_a_small_payload_come_from_its_copy_and_stay_put() {
    check_strings(10, true);
}

#[test]
fn strings_of_a_large_payload_are_copied_one_by_one_and_stay_put() {
    check_strings(super::event::MAX_TERMINATED_PAYLOAD + 1, false);
}

#[test]
fn the_payload_as_received_is_unchanged_by_the_accessors() {
    let text_in = payload(10);
    let event = owned(&text_in);
    let _ = jet_event_id(event);
    let _ = attr(event, "name");
    let mut raw = std::ptr::null();
    let mut len = 0;
    assert_eq!(
        super::event::jet_event_raw(event, &mut raw, &mut len),
        JET_STATUS_OK
    );
    // SAFETY: libjet's bytes, valid while the event lives.
    let bytes = unsafe { std::slice::from_raw_parts(raw.cast::<u8>(), len) };
    assert_eq!(bytes, text_in.as_bytes());
    // SAFETY: an owned event, freed once.
    unsafe { jet_event_free(event) };
}
