//! Any bytes, as a notification payload: `Event::parse` never panics, and
//! every accessor answers consistently with the others.

#![no_main]

use bytes::Bytes;
use jet::event::Event;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|payload: &[u8]| {
    let event = Event::parse("/junos/events/kernel/fuzz", Bytes::copy_from_slice(payload));
    assert_eq!(event.raw(), payload);
    assert_eq!(event.is_parsed(), event.parse_error().is_none());
    if event.is_parsed() {
        assert!(event.json().is_some(), "a parsed event is UTF-8");
    }
    let headers = [
        event.id(),
        event.hostname(),
        event.time(),
        event.severity(),
        event.facility(),
        event.process_name(),
        event.message(),
    ];
    let _ = (headers, event.process_id(), event.topic());

    let names: Vec<&str> = event.attribute_names().collect();
    assert_eq!(names.len(), event.attribute_count());
    assert!(
        names.windows(2).all(|w| w[0] < w[1]),
        "names sorted, unique"
    );
    for name in &names {
        assert!(event.attribute(name).is_some(), "{name} listed but absent");
        let _ = (
            event.attr_str(name),
            event.attr_int(name),
            event.attr_array(name),
        );
    }
    let _ = (
        event.attr_str(""),
        event.attr_int("x"),
        event.attr_array("y"),
    );

    let json: serde_json::Value =
        serde_json::from_str(&event.attributes_json()).expect("attributes_json is JSON");
    let object = json.as_object().expect("attributes_json is an object");
    assert_eq!(object.len(), names.len());
});
