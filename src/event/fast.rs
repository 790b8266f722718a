//! The fast path of event parsing, for the payloads devices send every time:
//! a well-formed `{"jet-event": {...}}`.
//!
//! One pass of a [`Cursor`] over the payload takes the header out of the JSON
//! and indexes the attributes. Texts without escapes are kept as spans of the
//! payload, and no `Value` is built except for nested attribute values. The
//! result is the one the general parser gives (the same duplicate-key and
//! loose-type rules). Anything unusual, such as a non-object `jet-event` or
//! `attributes`, a missing `jet-event` or invalid JSON, returns `None`, and
//! the general parser words the error.

use super::attributes::{Attributes, Entry, Scalar};
use super::scan::{Cursor, Literal, Num, Start, Str};
use super::{parse_decimal, Parsed, Text, JET_EVENT};
use serde_json::Value;

/// Parses `payload` when it is a well-formed JET event.
pub(super) fn parse(payload: &[u8]) -> Option<Parsed> {
    // Spans are u32 offsets; larger payloads take the general path.
    if u32::try_from(payload.len()).is_err() {
        return None;
    }
    let mut cursor = Cursor::new(payload);
    // Filled in place: the parts are a few hundred bytes, and each move of
    // them is a copy.
    let mut event = Parsed::default();
    let mut seen = false;
    cursor.expect(b'{')?;
    if !cursor.eat(b'}') {
        loop {
            let key = cursor.key()?;
            // The last `jet-event` counts, as in a map.
            if cursor.is(key, JET_EVENT) {
                if seen {
                    event = Parsed::default();
                }
                body(&mut cursor, &mut event)?;
                seen = true;
            } else {
                cursor.skip()?;
            }
            if !cursor.more_members()? {
                break;
            }
        }
    }
    if !cursor.at_end() || !seen {
        return None;
    }
    Some(event)
}

/// The keys of the `jet-event` object the parser looks at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    EventId,
    Hostname,
    Time,
    Severity,
    Facility,
    ProcessId,
    ProcessName,
    Message,
    Attributes,
    Other,
}

impl Key {
    /// The key `name` is. Length and first byte tell the nine apart, so
    /// one comparison of the whole name decides.
    fn of(name: &[u8]) -> Key {
        let (key, word): (Key, &[u8]) = match (name.len(), name.first()) {
            (8, Some(b'e')) => (Key::EventId, b"event-id"),
            (8, Some(b'h')) => (Key::Hostname, b"hostname"),
            (4, _) => (Key::Time, b"time"),
            (8, Some(b's')) => (Key::Severity, b"severity"),
            (8, Some(b'f')) => (Key::Facility, b"facility"),
            (10, Some(b'p')) => (Key::ProcessId, b"process-id"),
            (12, _) => (Key::ProcessName, b"process-name"),
            (7, _) => (Key::Message, b"message"),
            (10, Some(b'a')) => (Key::Attributes, b"attributes"),
            _ => return Key::Other,
        };
        if name == word {
            key
        } else {
            Key::Other
        }
    }

    /// The key `s` names, decoding it when it has escapes.
    fn read(cursor: &Cursor<'_>, s: Str) -> Option<Key> {
        match cursor.decode_if_escaped(s) {
            Some(decoded) => Some(Key::of(decoded?.as_bytes())),
            None => Some(Key::of(cursor.raw(s))),
        }
    }
}

/// The `jet-event` object: the header fields and the attributes.
fn body(cursor: &mut Cursor<'_>, parsed: &mut Parsed) -> Option<()> {
    cursor.expect(b'{')?;
    if cursor.eat(b'}') {
        return Some(());
    }
    loop {
        let key = cursor.key()?;
        let slot = match Key::read(cursor, key)? {
            Key::EventId => Some(&mut parsed.id),
            Key::Hostname => Some(&mut parsed.hostname),
            Key::Time => Some(&mut parsed.time),
            Key::Severity => Some(&mut parsed.severity),
            Key::Facility => Some(&mut parsed.facility),
            Key::ProcessName => Some(&mut parsed.process_name),
            Key::Message => Some(&mut parsed.message),
            Key::ProcessId => {
                parsed.process_id = header_int(cursor)?;
                None
            }
            Key::Attributes => {
                parsed.attributes = attributes(cursor)?;
                None
            }
            Key::Other => {
                cursor.skip()?;
                None
            }
        };
        if let Some(slot) = slot {
            *slot = header_text(cursor)?;
        }
        if !cursor.more_members()? {
            return Some(());
        }
    }
}

/// A header field read as text: strings as they are, numbers as their JSON
/// text, anything else as absent (`Some(None)`).
fn header_text(cursor: &mut Cursor<'_>) -> Option<Option<Text>> {
    Some(match cursor.start()? {
        Start::String => {
            let s = cursor.string()?;
            Some(cursor.text(s)?)
        }
        Start::Number => Some(Text::Owned(
            match cursor.number()? {
                Num::Int(n) => n.to_string(),
                Num::Wide(n) => n.to_string(),
            }
            .into(),
        )),
        Start::Literal | Start::Nested => {
            cursor.skip()?;
            None
        }
    })
}

/// `process-id`: a JSON integer or a string of decimal digits; anything else
/// is absent (`Some(None)`).
fn header_int(cursor: &mut Cursor<'_>) -> Option<Option<i64>> {
    Some(match cursor.start()? {
        Start::String => {
            let s = cursor.string()?;
            match cursor.decode_if_escaped(s) {
                Some(decoded) => parse_decimal(&decoded?),
                None => parse_decimal(std::str::from_utf8(cursor.raw(s)).ok()?),
            }
        }
        Start::Number => match cursor.number()? {
            Num::Int(n) => Some(n),
            Num::Wide(_) => None,
        },
        Start::Literal | Start::Nested => {
            cursor.skip()?;
            None
        }
    })
}

/// `attributes`: an object, indexed, or `null` (none). Anything else sends
/// the payload to the general parser.
fn attributes(cursor: &mut Cursor<'_>) -> Option<Attributes> {
    if let Some(Start::Literal) = cursor.start() {
        return match cursor.literal()? {
            Literal::Null => Some(Attributes::default()),
            Literal::True | Literal::False => None,
        };
    }
    cursor.expect(b'{')?;
    let mut entries = Vec::with_capacity(12);
    if !cursor.eat(b'}') {
        loop {
            let key = cursor.key()?;
            let name = cursor.text(key)?;
            let value = item(cursor)?;
            entries.push(Entry { name, value });
            if !cursor.more_members()? {
                break;
            }
        }
    }
    Some(Attributes::from_entries(entries))
}

/// An attribute's value.
fn item(cursor: &mut Cursor<'_>) -> Option<Scalar> {
    Some(match cursor.start()? {
        Start::String => {
            let s = cursor.string()?;
            Scalar::Text(cursor.text(s)?)
        }
        Start::Number => match cursor.number()? {
            Num::Int(n) => Scalar::Int(n),
            Num::Wide(n) => Scalar::Other(Value::Number(n)),
        },
        Start::Literal => Scalar::Other(match cursor.literal()? {
            Literal::True => Value::Bool(true),
            Literal::False => Value::Bool(false),
            Literal::Null => Value::Null,
        }),
        Start::Nested => Scalar::Other(cursor.nested()?),
    })
}
