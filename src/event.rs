//! JET notification events: the JSON a Junos device publishes, parsed once.
//!
//! A device publishes each event as one JSON object:
//!
//! ```json
//! {"jet-event": {"event-id": "KERNEL_EVENT_IFD_ADD", "hostname": "r1",
//!                "time": "2016-01-07-10:12:41", "severity": "info",
//!                "facility": "KERNEL",
//!                "attributes": {"name": "ge-0/0/0", "snmp-id": 520, "flags": 8}}}
//! ```
//!
//! Syslog events add `process-id`, `process-name` and `message` to the header.
//! [`Event::parse`] never fails: a payload that is not a JET event still becomes
//! an [`Event`], with its raw bytes and a [`parse_error`](Event::parse_error),
//! and every accessor of such an event returns `None` or
//! [`AttrError::Absent`].
//!
//! Parsing is lenient where devices are loose:
//! * a missing header field is `None`, and missing `attributes` (or `null`)
//!   is an empty set;
//! * a header field sent as a number where text is expected (a numeric
//!   `severity`, say) reads as the number's JSON text (`"6"`); `null`, `true`,
//!   arrays and objects read as `None`;
//! * `process-id` reads as a JSON integer or a string of decimal digits;
//! * escaped slashes (`\/`) decode to `/`, as JSON says.
//!
//! It is strict where the shape is wrong: invalid JSON, JSON without a
//! `"jet-event"` object, and `"attributes"` that is neither an object nor
//! `null` are parse errors.

use std::fmt;

use crate::topic::TopicName;
use bytes::Bytes;
use serde_json::{Map, Value};

mod attributes;
mod fast;
mod scan;

use attributes::Attributes;

/// Name of the object that wraps every JET event.
const JET_EVENT: &str = "jet-event";

/// One notification as received: its topic, its payload bytes and, when the
/// payload is a JET event, its parsed header and attributes.
#[derive(Clone, Debug)]
pub struct Event {
    topic: TopicName,
    raw: Bytes,
    body: Body,
}

/// The parsed form of a payload, or why there is none.
#[derive(Clone, Debug)]
enum Body {
    Parsed(Parsed),
    Failed(String),
}

/// The parts of a JET event, taken out of its JSON once.
#[derive(Clone, Debug, Default)]
struct Parsed {
    id: Option<Text>,
    hostname: Option<Text>,
    time: Option<Text>,
    severity: Option<Text>,
    facility: Option<Text>,
    process_id: Option<i64>,
    process_name: Option<Text>,
    message: Option<Text>,
    attributes: Attributes,
}

/// A header text: where it stands in the payload when the JSON string had no
/// escapes (no copy), or the decoded text.
///
/// Only the scanner makes spans (`scan::Cursor::text`), of strings it has
/// checked to be UTF-8 (all ASCII, or validated), and a span is read only
/// from the payload it was made of, which an [`Event`] never changes.
#[derive(Clone, Debug)]
enum Text {
    Span { start: u32, end: u32 },
    Owned(Box<str>),
}

impl Text {
    /// The text, reading a span out of `raw` (the payload it was parsed from).
    fn get<'a>(&'a self, raw: &'a [u8]) -> Option<&'a str> {
        match self {
            Text::Span { start, end } => {
                let bytes = raw.get(*start as usize..*end as usize)?;
                debug_assert!(std::str::from_utf8(bytes).is_ok());
                // SAFETY: a span's bytes were checked to be UTF-8 when it was
                // made, and `raw` is the payload it was made of (see `Text`).
                Some(unsafe { std::str::from_utf8_unchecked(bytes) })
            }
            Text::Owned(text) => Some(text),
        }
    }

    /// The text's bytes (empty when a span lies outside `raw`).
    fn bytes<'a>(&'a self, raw: &'a [u8]) -> &'a [u8] {
        match self {
            Text::Span { start, end } => {
                raw.get(*start as usize..*end as usize).unwrap_or_default()
            }
            Text::Owned(text) => text.as_bytes(),
        }
    }
}

/// Why an attribute could not be read as the type asked for.
///
/// "Absent" and "wrong type" are told apart, so a program can tell an event
/// that lacks an attribute from one that carries it in an unexpected form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AttrError {
    /// The event has no attribute of that name (or was not parsed).
    Absent,
    /// The attribute is present (possibly `null`) but is not of the type asked
    /// for.
    WrongType,
}

impl fmt::Display for AttrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AttrError::Absent => "attribute absent",
            AttrError::WrongType => "attribute has the wrong type",
        })
    }
}

impl std::error::Error for AttrError {}

impl Event {
    /// Parses the payload of a message received on `topic`.
    ///
    /// Never fails: when the payload is not a JET event, the event keeps its
    /// topic and raw bytes and [`Event::parse_error`] says what is wrong.
    pub fn parse(topic: impl Into<String>, payload: Bytes) -> Event {
        Event::received(TopicName::from(topic.into()), payload)
    }

    /// [`Event::parse`] of a message as the network task read it.
    pub(crate) fn received(topic: TopicName, payload: Bytes) -> Event {
        let body = parse_body(&payload);
        Event {
            topic,
            raw: payload,
            body,
        }
    }

    /// The topic the event arrived on.
    pub fn topic(&self) -> &str {
        self.topic.as_str()
    }

    /// The payload, byte for byte as received.
    pub fn raw(&self) -> &[u8] {
        &self.raw
    }

    /// The payload as a shared [`Bytes`] buffer (cloning it copies nothing).
    pub fn raw_bytes(&self) -> &Bytes {
        &self.raw
    }

    /// Why the payload is not a JET event, or `None` when it was parsed.
    ///
    /// For example "invalid JSON at line 3 column 3: expected `,` or `}`" or
    /// "not a JET event: no \"jet-event\" object".
    pub fn parse_error(&self) -> Option<&str> {
        match &self.body {
            Body::Parsed(_) => None,
            Body::Failed(message) => Some(message),
        }
    }

    /// Whether the payload was parsed as a JET event.
    pub fn is_parsed(&self) -> bool {
        matches!(self.body, Body::Parsed(_))
    }

    /// The event id (`event-id`), such as `KERNEL_EVENT_IFA_ADD` or
    /// `LOGIN_INFORMATION`.
    pub fn id(&self) -> Option<&str> {
        self.text(|p| &p.id)
    }

    /// The name of the device that sent the event (`hostname`).
    pub fn hostname(&self) -> Option<&str> {
        self.text(|p| &p.hostname)
    }

    /// When the event happened (`time`), as the device wrote it, such as
    /// `2019-01-22-14:59:06`.
    pub fn time(&self) -> Option<&str> {
        self.text(|p| &p.time)
    }

    /// The severity (`severity`), such as `info` or `INFO`, as the device
    /// wrote it.
    pub fn severity(&self) -> Option<&str> {
        self.text(|p| &p.severity)
    }

    /// The facility (`facility`), such as `KERNEL` or `auth`.
    pub fn facility(&self) -> Option<&str> {
        self.text(|p| &p.facility)
    }

    /// The process id of a syslog event (`process-id`), sent as a number or
    /// a string of digits.
    pub fn process_id(&self) -> Option<i64> {
        self.parsed()?.process_id
    }

    /// The process name of a syslog event (`process-name`), such as `login`.
    pub fn process_name(&self) -> Option<&str> {
        self.text(|p| &p.process_name)
    }

    /// The text of a syslog event (`message`).
    pub fn message(&self) -> Option<&str> {
        self.text(|p| &p.message)
    }

    /// The attribute `name` as JSON, whatever its type.
    pub fn attribute(&self, name: &str) -> Option<&Value> {
        self.parsed()?.attributes.value(&self.raw, name)
    }

    /// The attribute `name` as text; a number is [`AttrError::WrongType`].
    pub fn attr_str(&self, name: &str) -> Result<&str, AttrError> {
        self.attributes()?.str(&self.raw, name)
    }

    /// The attribute `name` as an integer.
    ///
    /// Accepts a JSON integer, or a string that is entirely a decimal integer
    /// (devices send `"4250"`). A fraction, an integer beyond `i64`, or any
    /// other string is [`AttrError::WrongType`].
    pub fn attr_int(&self, name: &str) -> Result<i64, AttrError> {
        self.attributes()?.int(&self.raw, name)
    }

    /// The attribute `name` as an array, such as `nexthop-address`.
    pub fn attr_array(&self, name: &str) -> Result<&[Value], AttrError> {
        self.attributes()?.array(&self.raw, name)
    }

    /// The number of attributes (0 when the event was not parsed).
    pub fn attribute_count(&self) -> usize {
        self.parsed()
            .map_or(0, |parsed| parsed.attributes.len(&self.raw))
    }

    /// The names of the attributes, in alphabetical order; none when the
    /// event was not parsed.
    pub fn attribute_names(&self) -> impl Iterator<Item = &str> {
        self.parsed()
            .into_iter()
            .flat_map(|parsed| parsed.attributes.names(&self.raw))
    }

    /// The attributes as compact JSON, keys in alphabetical order; `{}` when
    /// there are none or the event was not parsed.
    pub fn attributes_json(&self) -> String {
        match self.parsed() {
            Some(parsed) => parsed.attributes.json(&self.raw),
            None => "{}".to_owned(),
        }
    }

    /// The payload as text, when it is UTF-8 (always so for a parsed event).
    pub fn json(&self) -> Option<&str> {
        std::str::from_utf8(&self.raw).ok()
    }

    /// A header text of the parsed form, picked by `field`.
    fn text(&self, field: impl Fn(&Parsed) -> &Option<Text>) -> Option<&str> {
        field(self.parsed()?).as_ref()?.get(&self.raw)
    }

    /// The parsed form, when there is one.
    fn parsed(&self) -> Option<&Parsed> {
        match &self.body {
            Body::Parsed(parsed) => Some(parsed),
            Body::Failed(_) => None,
        }
    }

    /// The attributes, or [`AttrError::Absent`] when the event was not parsed.
    fn attributes(&self) -> Result<&Attributes, AttrError> {
        self.parsed()
            .map(|parsed| &parsed.attributes)
            .ok_or(AttrError::Absent)
    }
}

/// Parses a payload into the parts of a JET event, or says why it cannot.
/// A well-formed event takes the fast path; anything else (and every error)
/// goes through the general parser, which words what is wrong.
fn parse_body(payload: &[u8]) -> Body {
    match fast::parse(payload).map_or_else(|| parse_general(payload), Ok) {
        Ok(parsed) => Body::Parsed(parsed),
        Err(message) => Body::Failed(message),
    }
}

/// Parses any payload through a `Value`, wording every error.
fn parse_general(payload: &[u8]) -> Result<Parsed, String> {
    if payload.iter().all(u8::is_ascii_whitespace) {
        return Err("invalid JSON: the payload is empty".to_owned());
    }
    let document: Value = serde_json::from_slice(payload).map_err(|err| json_error(&err))?;
    let mut event = match document {
        Value::Object(mut top) => match top.remove(JET_EVENT) {
            Some(Value::Object(event)) => event,
            Some(_) => return Err("not a JET event: \"jet-event\" is not an object".to_owned()),
            None => return Err("not a JET event: no \"jet-event\" object".to_owned()),
        },
        _ => return Err("not a JET event: no \"jet-event\" object".to_owned()),
    };
    let attributes = match event.remove("attributes") {
        None | Some(Value::Null) => Attributes::default(),
        Some(Value::Object(attributes)) => Attributes::from_map(attributes),
        Some(_) => return Err("not a JET event: \"attributes\" is not an object".to_owned()),
    };
    Ok(Parsed {
        id: header_text(&mut event, "event-id"),
        hostname: header_text(&mut event, "hostname"),
        time: header_text(&mut event, "time"),
        severity: header_text(&mut event, "severity"),
        facility: header_text(&mut event, "facility"),
        process_id: header_int(&mut event, "process-id"),
        process_name: header_text(&mut event, "process-name"),
        message: header_text(&mut event, "message"),
        attributes,
    })
}

/// Words for a serde_json error: `invalid JSON at line L column C: <what>`.
fn json_error(err: &serde_json::Error) -> String {
    let full = err.to_string();
    let location = format!(" at line {} column {}", err.line(), err.column());
    match full.strip_suffix(&location) {
        // serde_json says "ident" when a word is not true, false or null.
        Some("expected ident") => format!("invalid JSON{location}: expected a value"),
        Some(what) => format!("invalid JSON{location}: {what}"),
        None => format!("invalid JSON: {full}"),
    }
}

/// Takes a header field that should be text; numbers read as their JSON text.
fn header_text(event: &mut Map<String, Value>, key: &str) -> Option<Text> {
    match event.remove(key)? {
        Value::String(text) => Some(Text::Owned(text.into())),
        Value::Number(number) => Some(Text::Owned(number.to_string().into())),
        _ => None,
    }
}

/// Takes a header field that should be an integer, sent as a number or text.
fn header_int(event: &mut Map<String, Value>, key: &str) -> Option<i64> {
    match event.remove(key)? {
        Value::Number(number) => number.as_i64(),
        Value::String(text) => parse_decimal(&text),
        _ => None,
    }
}

/// A string that is entirely a decimal integer, with an optional `-` sign.
fn parse_decimal(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(payload: &str) -> Event {
        Event::parse("/t", Bytes::copy_from_slice(payload.as_bytes()))
    }

    fn assert_unparsed(event: &Event) {
        assert!(!event.is_parsed());
        assert!(event.parse_error().is_some());
        assert_eq!(event.id(), None);
        assert_eq!(event.hostname(), None);
        assert_eq!(event.time(), None);
        assert_eq!(event.severity(), None);
        assert_eq!(event.facility(), None);
        assert_eq!(event.process_id(), None);
        assert_eq!(event.process_name(), None);
        assert_eq!(event.message(), None);
        assert_eq!(event.attribute("name"), None);
        assert_eq!(event.attr_str("name"), Err(AttrError::Absent));
        assert_eq!(event.attr_int("name"), Err(AttrError::Absent));
        assert_eq!(event.attr_array("name"), Err(AttrError::Absent));
        assert_eq!(event.attribute_names().count(), 0);
        assert_eq!(event.attributes_json(), "{}");
    }

    #[test]
    fn parses_header_and_attributes() {
        let e = event(
            r#"{"jet-event": {"event-id": "X", "hostname": "r1", "time": "t",
                "severity": "info", "facility": "KERNEL", "process-id": 7,
                "process-name": "p", "message": "m",
                "attributes": {"b": 1, "a": "x", "c": [1, 2], "d": null}}}"#,
        );
        assert!(e.is_parsed());
        assert_eq!(e.parse_error(), None);
        assert_eq!(e.topic(), "/t");
        assert_eq!(e.id(), Some("X"));
        assert_eq!(e.hostname(), Some("r1"));
        assert_eq!(e.time(), Some("t"));
        assert_eq!(e.severity(), Some("info"));
        assert_eq!(e.facility(), Some("KERNEL"));
        assert_eq!(e.process_id(), Some(7));
        assert_eq!(e.process_name(), Some("p"));
        assert_eq!(e.message(), Some("m"));
        assert_eq!(
            e.attribute_names().collect::<Vec<_>>(),
            ["a", "b", "c", "d"]
        );
        assert_eq!(e.attributes_json(), r#"{"a":"x","b":1,"c":[1,2],"d":null}"#);
        assert_eq!(e.attr_str("d"), Err(AttrError::WrongType));
        assert_eq!(e.attr_int("d"), Err(AttrError::WrongType));
        assert_eq!(e.attribute("d"), Some(&Value::Null));
        assert_eq!(e.attr_array("c").map(<[Value]>::len), Ok(2));
    }

    #[test]
    fn missing_header_fields_are_none() {
        let e = event(r#"{"jet-event": {}}"#);
        assert!(e.is_parsed());
        assert_eq!(e.id(), None);
        assert_eq!(e.process_id(), None);
        assert_eq!(e.attribute_names().count(), 0);
        assert_eq!(e.attributes_json(), "{}");
        let e = event(r#"{"jet-event": {"event-id": "X", "attributes": null}}"#);
        assert!(e.is_parsed());
        assert_eq!(e.attributes_json(), "{}");
    }

    #[test]
    fn loose_header_types() {
        let e = event(
            r#"{"jet-event": {"event-id": 12, "severity": 6, "facility": null,
                "hostname": true, "time": 1.5, "process-id": "4242",
                "message": ["x"]}}"#,
        );
        assert!(e.is_parsed());
        assert_eq!(e.id(), Some("12"));
        assert_eq!(e.severity(), Some("6"));
        assert_eq!(e.time(), Some("1.5"));
        assert_eq!(e.facility(), None);
        assert_eq!(e.hostname(), None);
        assert_eq!(e.message(), None);
        assert_eq!(e.process_id(), Some(4242));
        for bad in [r#""42a""#, r#""""#, "4.5", "null", r#"" 42""#] {
            let text = format!(r#"{{"jet-event": {{"process-id": {bad}}}}}"#);
            assert_eq!(event(&text).process_id(), None, "{bad}");
        }
    }

    #[test]
    fn integers_from_numbers_and_strings() {
        let e = event(
            r#"{"jet-event": {"attributes": {"n": -3, "s": "4250", "neg": "-17",
                "f": 1.0, "fs": "1.0", "sp": " 1", "plus": "+1", "big": 18446744073709551615,
                "bigs": "99999999999999999999", "word": "ten", "empty": "", "minus": "-",
                "arr": [], "obj": {}, "t": true}}}"#,
        );
        assert_eq!(e.attr_int("n"), Ok(-3));
        assert_eq!(e.attr_int("s"), Ok(4250));
        assert_eq!(e.attr_int("neg"), Ok(-17));
        for wrong in [
            "f", "fs", "sp", "plus", "big", "bigs", "word", "empty", "minus", "arr", "obj", "t",
        ] {
            assert_eq!(e.attr_int(wrong), Err(AttrError::WrongType), "{wrong}");
        }
        assert_eq!(e.attr_int("nope"), Err(AttrError::Absent));
        assert_eq!(e.attr_str("s"), Ok("4250"));
        assert_eq!(e.attr_str("n"), Err(AttrError::WrongType));
        assert_eq!(e.attr_array("arr"), Ok(&[][..]));
        assert_eq!(e.attr_array("obj"), Err(AttrError::WrongType));
        assert_eq!(e.attr_array("nope"), Err(AttrError::Absent));
    }

    #[test]
    fn the_last_of_repeated_attributes_counts() {
        let e = event(
            r#"{"jet-event": {"attributes": {"a": "first", "b": 1, "a": 2, "b": "x", "a": 3}}}"#,
        );
        assert_eq!(e.attribute_count(), 2);
        assert_eq!(e.attribute_names().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(e.attr_int("a"), Ok(3));
        assert_eq!(e.attr_str("b"), Ok("x"));
        assert_eq!(e.attribute("a"), Some(&Value::from(3)));
        assert_eq!(e.attributes_json(), r#"{"a":3,"b":"x"}"#);
    }

    #[test]
    fn escaped_text_decodes() {
        let e = event(
            r#"{"jet-event": {"message": "a\/b \u00e9", "attributes": {"tty": "\/dev\/ttyp0"}}}"#,
        );
        assert_eq!(e.message(), Some("a/b é"));
        assert_eq!(e.attr_str("tty"), Ok("/dev/ttyp0"));
        assert_eq!(e.attributes_json(), r#"{"tty":"/dev/ttyp0"}"#);
    }

    #[test]
    fn invalid_json_is_a_parse_error() {
        let e = event("{\"jet-event\": {\n  \"a\": 1\n  \"b\": 2}}");
        assert_unparsed(&e);
        assert_eq!(
            e.parse_error(),
            Some("invalid JSON at line 3 column 3: expected `,` or `}`")
        );
        let e = event("not json");
        assert_eq!(
            e.parse_error(),
            Some("invalid JSON at line 1 column 2: expected a value")
        );
        assert_unparsed(&event(r#"{"jet-event": {}"#));
        assert_unparsed(&event(r#"{"jet-event": {}} trailing"#));
        assert_unparsed(&event(" \n"));
        assert_eq!(
            event("").parse_error(),
            Some("invalid JSON: the payload is empty")
        );
        let deep = "[".repeat(10_000);
        assert_unparsed(&event(&deep));
    }

    #[test]
    fn wrong_shape_is_a_parse_error() {
        let no_event = "not a JET event: no \"jet-event\" object";
        for payload in ["{}", "[]", "1", "\"jet-event\"", "null", r#"{"event": {}}"#] {
            let e = event(payload);
            assert_unparsed(&e);
            assert_eq!(e.parse_error(), Some(no_event), "{payload}");
        }
        for payload in [
            r#"{"jet-event": []}"#,
            r#"{"jet-event": "x"}"#,
            r#"{"jet-event": null}"#,
        ] {
            let e = event(payload);
            assert_unparsed(&e);
            assert_eq!(
                e.parse_error(),
                Some("not a JET event: \"jet-event\" is not an object")
            );
        }
        let e = event(r#"{"jet-event": {"event-id": "X", "attributes": [1]}}"#);
        assert_unparsed(&e);
        assert_eq!(
            e.parse_error(),
            Some("not a JET event: \"attributes\" is not an object")
        );
    }

    #[test]
    fn raw_bytes_are_kept() {
        let payload = Bytes::from_static(b"\xff\xfe not utf-8");
        let e = Event::parse(String::from("/x"), payload.clone());
        assert_unparsed(&e);
        assert_eq!(e.raw(), &payload[..]);
        assert_eq!(e.raw_bytes(), &payload);
        assert_eq!(e.json(), None);
        assert_eq!(e.topic(), "/x");

        let text = r#"{"jet-event":{"event-id":"X"}}"#;
        let e = event(text);
        assert_eq!(e.json(), Some(text));
        assert_eq!(e.raw(), text.as_bytes());
        let copy = e.clone();
        assert_eq!(copy.id(), Some("X"));
    }

    /// What an event says, field by field, for comparing two parses.
    fn fields(raw: &[u8], parsed: &Parsed) -> Vec<Option<String>> {
        let text = |t: &Option<Text>| t.as_ref().and_then(|t| t.get(raw)).map(str::to_owned);
        vec![
            text(&parsed.id),
            text(&parsed.hostname),
            text(&parsed.time),
            text(&parsed.severity),
            text(&parsed.facility),
            parsed.process_id.map(|n| n.to_string()),
            text(&parsed.process_name),
            text(&parsed.message),
            Some(parsed.attributes.json(raw)),
            Some(attribute_reads(raw, &parsed.attributes)),
        ]
    }

    /// Each attribute read as text, integer and array, for comparing two parses.
    fn attribute_reads(raw: &[u8], attributes: &Attributes) -> String {
        let reads = attributes.names(raw).map(|name| {
            let text = attributes.str(raw, name).map(str::to_owned);
            let int = attributes.int(raw, name);
            let items = attributes.array(raw, name).map(<[Value]>::len);
            format!("{name}: {text:?} {int:?} {items:?}")
        });
        reads.collect::<Vec<_>>().join("; ")
    }

    #[test]
    fn the_fast_path_agrees_with_the_general_parser() {
        let payloads = [
            r#"{"jet-event": {"event-id": "X", "hostname": "r1", "time": "t", "severity": "info",
                "facility": "KERNEL", "process-id": 7, "process-name": "p", "message": "m",
                "attributes": {"b": 1, "a": "x", "c": [1, 2], "d": null}}}"#,
            r#"{"jet-event": {"event-id": 12, "severity": 6, "facility": null, "hostname": true,
                "time": 1.5, "process-id": "4242", "message": ["x"], "other": {"y": [1]}}}"#,
            r#"{"jet-event": {"process-id": 18446744073709551615, "event-id": -3}}"#,
            r#"{"jet-event": {"process-id": 4.5, "time": 1e300}}"#,
            r#"{"jet-event": {"message": "a\/b \u00e9", "attributes": {"tty": "\/dev"}}}"#,
            r#"{"jet-event": {"event-id": "A", "event-id": "B", "attributes": {"x": 1},
                "attributes": null}}"#,
            r#"{"x": 1, "jet-event": {"event-id": "first"}, "jet-event": {"event-id": "last"}}"#,
            r#"{"jet-event": {"event-id": "first", "hostname": "h", "attributes": {"a": 1}},
                "jet-event": {"event-id": "last"}}"#,
            r#"{"jet-event": {}}"#,
            r#"{"jet-event": {"attributes": null}}"#,
            r#"{"jet-event": {"attributes": {"z": 1, "a": "first", "a": 2, "\u0061b": "esc",
                "n": -0, "big": 18446744073709551615, "low": -9223372036854775808, "f": 1.5,
                "o": {"k": [1, {"x": null}]}, "t": true, "s": "4250", "e": "x\ny", "": 0}}}"#,
        ];
        for payload in payloads {
            let raw = payload.as_bytes();
            let fast = fast::parse(raw).unwrap_or_else(|| panic!("fast path refused {payload}"));
            let general = parse_general(raw).unwrap();
            assert_eq!(fields(raw, &fast), fields(raw, &general), "{payload}");
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/events");
        let mut compared = 0;
        for sample in std::fs::read_dir(&dir).expect("the device samples in tests/data/events") {
            let raw = std::fs::read(sample.unwrap().path()).unwrap();
            match (fast::parse(&raw), parse_general(&raw)) {
                (Some(fast), Ok(general)) => {
                    assert_eq!(fields(&raw, &fast), fields(&raw, &general));
                    compared += 1;
                }
                (None, _) => {}
                (Some(_), Err(why)) => {
                    panic!("the fast path took an event the parser refuses: {why}")
                }
            }
        }
        assert!(
            compared >= 10,
            "only {compared} device samples took the fast path"
        );
        // What the fast path leaves to the general parser, which words the error.
        for refused in [
            "{}",
            "[]",
            r#"{"jet-event": []}"#,
            r#"{"jet-event": {"attributes": [1]}}"#,
            r#"{"jet-event": {}} trailing"#,
        ] {
            assert!(fast::parse(refused.as_bytes()).is_none(), "{refused}");
        }
        assert!(fast::parse(b"{\"jet-event\": {\"x\": \"\xff\"}}").is_none());
    }

    /// Payloads near a valid event: each cut short, and each with one byte
    /// replaced by a byte that matters to JSON.
    fn near_misses(payload: &str) -> Vec<Vec<u8>> {
        let bytes = payload.as_bytes();
        let mut variants: Vec<Vec<u8>> = (0..bytes.len()).map(|n| bytes[..n].to_vec()).collect();
        for at in 0..bytes.len() {
            for b in *b"\"\\\x01\x7f\xc3{}[],:0-.e \t/tnu" {
                let mut variant = bytes.to_vec();
                variant[at] = b;
                variants.push(variant);
            }
        }
        variants
    }

    #[test]
    fn the_fast_path_takes_only_what_the_general_parser_takes() {
        let payloads = [
            r#"{"jet-event": {"event-id": "KERNEL_EVENT_IFA_ADD", "hostname": "r1",
                "time": "2019-01-22-14:59:06", "process-id": 12, "attributes": {"name":
                "xe-0/0/0", "subunit": 0, "flags": -192, "x": 1.5e3, "esc": "a\"b\\c\/d\u00e9",
                "arr": [1, "two", {"three": null}], "t": true, "f": false, "n": null}}}"#,
            r#"{"a": [1, {"b": "c"}], "jet-event": {"message": "x\ty", "attributes": null}}"#,
            "{\"jet-event\": {\"event-id\": \"\u{e9}t\u{e9}\", \"process-id\": \"-42\"}}",
        ];
        for payload in payloads {
            for variant in near_misses(payload) {
                let shown = String::from_utf8_lossy(&variant).into_owned();
                match (fast::parse(&variant), parse_general(&variant)) {
                    (Some(fast), Ok(general)) => {
                        assert_eq!(
                            fields(&variant, &fast),
                            fields(&variant, &general),
                            "{shown}"
                        )
                    }
                    (Some(_), Err(why)) => panic!("fast path took {shown}, which is {why}"),
                    (None, _) => {}
                }
            }
        }
    }

    #[test]
    fn attr_error_words() {
        assert_eq!(AttrError::Absent.to_string(), "attribute absent");
        assert_eq!(
            AttrError::WrongType.to_string(),
            "attribute has the wrong type"
        );
        assert_ne!(AttrError::Absent, AttrError::WrongType);
    }
}
