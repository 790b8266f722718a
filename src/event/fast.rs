//! The fast path of event parsing, for the payloads devices send every time:
//! a well-formed `{"jet-event": {...}}`.
//!
//! serde visitors take the header straight out of the JSON. Texts without
//! escapes are kept as spans of the payload, and only `attributes` becomes a
//! map, so no `Value` is built for the envelope or the header. The result is
//! the one the general parser gives (the same duplicate-key and loose-type
//! rules). Anything unusual, such as a non-object `jet-event` or
//! `attributes`, a missing `jet-event` or invalid JSON, returns `None`, and
//! the general parser words the error.

use super::attributes::{Attributes, Entry, Scalar};
use super::{parse_decimal, Parsed, Text, JET_EVENT};
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Number, Value};
use std::fmt;

/// Parses `payload` when it is a well-formed JET event.
pub(super) fn parse(payload: &[u8]) -> Option<Parsed> {
    // Spans are u32 offsets; larger payloads take the general path.
    if u32::try_from(payload.len()).is_err() {
        return None;
    }
    // One check of the whole payload: skipped values are then valid UTF-8
    // too, and no string needs checking again.
    let text = std::str::from_utf8(payload).ok()?;
    let mut json = serde_json::Deserializer::from_str(text);
    let base = Base {
        text,
        at: text.as_ptr() as usize,
    };
    let parsed = json.deserialize_map(Envelope { base }).ok()?;
    json.end().ok()?;
    Some(parsed)
}

/// The payload being parsed, for turning borrowed strings into spans.
#[derive(Clone, Copy)]
struct Base<'p> {
    text: &'p str,
    at: usize,
}

impl Base<'_> {
    /// Where `borrowed`, a slice of the payload, stands in it.
    fn span(self, borrowed: &str) -> Text {
        let start = borrowed.as_ptr() as usize - self.at;
        Text::Span {
            start: start as u32,
            end: (start + borrowed.len()) as u32,
        }
    }
}

/// The keys the parser looks at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    JetEvent,
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
    fn of(name: &str) -> Key {
        match name {
            JET_EVENT => Key::JetEvent,
            "event-id" => Key::EventId,
            "hostname" => Key::Hostname,
            "time" => Key::Time,
            "severity" => Key::Severity,
            "facility" => Key::Facility,
            "process-id" => Key::ProcessId,
            "process-name" => Key::ProcessName,
            "message" => Key::Message,
            "attributes" => Key::Attributes,
            _ => Key::Other,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        struct Name;
        impl Visitor<'_> for Name {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E>(self, name: &str) -> Result<Key, E> {
                Ok(Key::of(name))
            }
        }
        deserializer.deserialize_str(Name)
    }
}

/// The outer object: `jet-event` is all that counts (the last one, as in a map).
struct Envelope<'p> {
    base: Base<'p>,
}

impl<'de> Visitor<'de> for Envelope<'_> {
    type Value = Parsed;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JET event")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Parsed, A::Error> {
        let mut event = None;
        while let Some(key) = map.next_key::<Key>()? {
            if key == Key::JetEvent {
                event = Some(map.next_value_seed(Body { base: self.base })?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        event.ok_or_else(|| serde::de::Error::custom("no jet-event"))
    }
}

/// The `jet-event` object: the header fields and the attributes.
struct Body<'p> {
    base: Base<'p>,
}

impl<'de> DeserializeSeed<'de> for Body<'_> {
    type Value = Parsed;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Parsed, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Body<'_> {
    type Value = Parsed;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the jet-event object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Parsed, A::Error> {
        let mut parsed = Parsed::default();
        let text = HeaderText { base: self.base };
        while let Some(key) = map.next_key::<Key>()? {
            let slot = match key {
                Key::EventId => &mut parsed.id,
                Key::Hostname => &mut parsed.hostname,
                Key::Time => &mut parsed.time,
                Key::Severity => &mut parsed.severity,
                Key::Facility => &mut parsed.facility,
                Key::ProcessName => &mut parsed.process_name,
                Key::Message => &mut parsed.message,
                Key::ProcessId => {
                    parsed.process_id = map.next_value_seed(HeaderInt)?;
                    continue;
                }
                Key::Attributes => {
                    parsed.attributes = map.next_value_seed(AttributesSeed { base: self.base })?;
                    continue;
                }
                Key::JetEvent | Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *slot = map.next_value_seed(text)?;
        }
        Ok(parsed)
    }
}

/// A `DeserializeSeed` that hands whatever JSON comes to its own `Visitor`.
macro_rules! seed_of_any {
    ($seed:ty => $value:ty) => {
        impl<'de> DeserializeSeed<'de> for $seed {
            type Value = $value;

            fn deserialize<D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<$value, D::Error> {
                deserializer.deserialize_any(self)
            }
        }
    };
}

/// The `Visitor` methods of a header field for the JSON kinds it does not
/// take (booleans, null, arrays, objects): the field is then absent, and an
/// array or object is skipped.
macro_rules! absent_unless_scalar {
    () => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            skip_seq(seq).map(|()| None)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            skip_map(map).map(|()| None)
        }
    };
}

/// A header field read as text: strings as they are, numbers as their JSON
/// text, anything else as absent.
#[derive(Clone, Copy)]
struct HeaderText<'p> {
    base: Base<'p>,
}

seed_of_any!(HeaderText<'_> => Option<Text>);

impl<'de> Visitor<'de> for HeaderText<'_> {
    type Value = Option<Text>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a header value")
    }

    fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Self::Value, E> {
        // A string without escapes lies in the payload: keep where.
        Ok(Some(self.base.span(text)))
    }

    fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Some(Text::Owned(text.into())))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
        Ok(Some(Text::Owned(Number::from(n).to_string().into())))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
        Ok(Some(Text::Owned(Number::from(n).to_string().into())))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Self::Value, E> {
        Ok(Number::from_f64(n).map(|n| Text::Owned(n.to_string().into())))
    }

    absent_unless_scalar!();
}

/// `process-id`: a JSON integer or a string of decimal digits.
#[derive(Clone, Copy)]
struct HeaderInt;

seed_of_any!(HeaderInt => Option<i64>);

impl<'de> Visitor<'de> for HeaderInt {
    type Value = Option<i64>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a process id")
    }

    fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
        Ok(parse_decimal(text))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
        Ok(i64::try_from(n).ok())
    }

    fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
        Ok(Some(n))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    absent_unless_scalar!();
}

/// `attributes`: an object, indexed, or `null` (none). Anything else is an
/// error, which sends the payload to the general parser.
#[derive(Clone, Copy)]
struct AttributesSeed<'p> {
    base: Base<'p>,
}

seed_of_any!(AttributesSeed<'_> => Attributes);

impl<'de> Visitor<'de> for AttributesSeed<'_> {
    type Value = Attributes;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an attributes object")
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Attributes::default())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(8));
        // A JSON key is a string, so the header-text seed reads it as one.
        let (name, value) = (HeaderText { base: self.base }, Item { base: self.base });
        while let Some(name) = map.next_key_seed(name)? {
            let name = name.ok_or_else(|| serde::de::Error::custom("attribute name"))?;
            let value = map.next_value_seed(value)?;
            entries.push(Entry { name, value });
        }
        Ok(Attributes::from_entries(self.base.text.as_bytes(), entries))
    }
}

/// An attribute's value.
#[derive(Clone, Copy)]
struct Item<'p> {
    base: Base<'p>,
}

seed_of_any!(Item<'_> => Scalar);

impl<'de> Visitor<'de> for Item<'_> {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an attribute")
    }

    fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Scalar::Text(self.base.span(text)))
    }

    fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Scalar::Text(Text::Owned(text.into())))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
        Ok(i64::try_from(n).map_or_else(|_| Scalar::Other(Value::from(n)), Scalar::Int))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
        Ok(Scalar::Int(n))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Self::Value, E> {
        Ok(Scalar::Other(
            Number::from_f64(n).map_or(Value::Null, Value::Number),
        ))
    }

    fn visit_bool<E>(self, b: bool) -> Result<Self::Value, E> {
        Ok(Scalar::Other(Value::Bool(b)))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Scalar::Other(Value::Null))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(Scalar::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(map)).map(Scalar::Other)
    }
}

/// Reads the rest of an array, checking its JSON.
fn skip_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Reads the rest of an object, checking its JSON.
fn skip_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}
