//! An event's attributes: an index of where each one stands in the payload,
//! made while the payload is parsed, and JSON values only when one is asked
//! for.
//!
//! Texts and integers, nearly every attribute a device sends, are read
//! straight from the index; [`Attributes::value`] and the JSON form build the
//! whole map of values once, on first use.

use super::{parse_decimal, AttrError, Text};
use serde_json::{Map, Number, Value};
use std::sync::OnceLock;

/// The attributes of a parsed event: one entry per name, sorted by name.
#[derive(Clone, Debug, Default)]
pub(super) struct Attributes {
    entries: Vec<Entry>,
    /// Boxed, so an event that never asks for JSON values stays small.
    values: OnceLock<Box<Map<String, Value>>>,
}

/// One attribute: its name and its value.
#[derive(Clone, Debug)]
pub(super) struct Entry {
    /// The attribute's name.
    pub name: Text,
    /// The attribute's value.
    pub value: Scalar,
}

/// An attribute's value, in the form its reads need.
#[derive(Clone, Debug)]
pub(super) enum Scalar {
    /// A JSON string.
    Text(Text),
    /// A JSON integer that fits an `i64`.
    Int(i64),
    /// Any other JSON value (a fraction, a larger integer, a boolean, null,
    /// an array or an object).
    Other(Value),
}

impl Attributes {
    /// The attributes of `entries`, in payload order; when a name comes more
    /// than once, the last one counts, as in a JSON map.
    pub fn from_entries(raw: &[u8], mut entries: Vec<Entry>) -> Attributes {
        // A stable sort keeps duplicates in payload order; keep the last.
        entries.sort_by(|a, b| a.name.bytes(raw).cmp(b.name.bytes(raw)));
        entries.dedup_by(|later, earlier| {
            let same = later.name.bytes(raw) == earlier.name.bytes(raw);
            if same {
                std::mem::swap(later, earlier);
            }
            same
        });
        Attributes {
            entries,
            values: OnceLock::new(),
        }
    }

    /// The attributes of a map of JSON values.
    pub fn from_map(values: Map<String, Value>) -> Attributes {
        let entries = values
            .iter()
            .map(|(name, value)| Entry {
                name: Text::Owned(name.as_str().into()),
                value: match value {
                    Value::String(text) => Scalar::Text(Text::Owned(text.as_str().into())),
                    Value::Number(n) => n
                        .as_i64()
                        .map_or_else(|| Scalar::Other(value.clone()), Scalar::Int),
                    other => Scalar::Other(other.clone()),
                },
            })
            .collect();
        Attributes {
            entries,
            values: OnceLock::from(Box::new(values)),
        }
    }

    /// The number of attributes.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The names, in byte order.
    pub fn names<'a>(&'a self, raw: &'a [u8]) -> impl Iterator<Item = &'a str> + 'a {
        self.entries.iter().filter_map(move |e| e.name.get(raw))
    }

    /// The attribute `name` as text.
    pub fn str<'a>(&'a self, raw: &'a [u8], name: &str) -> Result<&'a str, AttrError> {
        match &self.entry(raw, name)?.value {
            Scalar::Text(text) => text.get(raw).ok_or(AttrError::WrongType),
            _ => Err(AttrError::WrongType),
        }
    }

    /// The attribute `name` as an integer: a JSON integer or a string that is
    /// entirely a decimal integer.
    pub fn int(&self, raw: &[u8], name: &str) -> Result<i64, AttrError> {
        let int = match &self.entry(raw, name)?.value {
            Scalar::Int(n) => Some(*n),
            Scalar::Text(text) => text.get(raw).and_then(parse_decimal),
            Scalar::Other(_) => None,
        };
        int.ok_or(AttrError::WrongType)
    }

    /// The attribute `name` as an array.
    pub fn array(&self, raw: &[u8], name: &str) -> Result<&[Value], AttrError> {
        match &self.entry(raw, name)?.value {
            Scalar::Other(Value::Array(items)) => Ok(items),
            _ => Err(AttrError::WrongType),
        }
    }

    /// The attribute `name` as JSON.
    pub fn value(&self, raw: &[u8], name: &str) -> Option<&Value> {
        self.values(raw).get(name)
    }

    /// The attributes as compact JSON, keys in byte order.
    pub fn json(&self, raw: &[u8]) -> String {
        if self.entries.is_empty() {
            return "{}".to_owned();
        }
        serde_json::to_string(self.values(raw)).unwrap_or_else(|_| "{}".to_owned())
    }

    /// The entry of `name`, found by binary search.
    fn entry(&self, raw: &[u8], name: &str) -> Result<&Entry, AttrError> {
        self.entries
            .binary_search_by(|e| e.name.bytes(raw).cmp(name.as_bytes()))
            .map(|at| &self.entries[at])
            .map_err(|_| AttrError::Absent)
    }

    /// The map of JSON values, built on first use.
    fn values(&self, raw: &[u8]) -> &Map<String, Value> {
        self.values.get_or_init(|| {
            self.entries
                .iter()
                .map(|entry| {
                    let name = entry.name.get(raw).unwrap_or_default().to_owned();
                    let value = match &entry.value {
                        Scalar::Text(text) => {
                            Value::String(text.get(raw).unwrap_or_default().to_owned())
                        }
                        Scalar::Int(n) => Value::Number(Number::from(*n)),
                        Scalar::Other(value) => value.clone(),
                    };
                    (name, value)
                })
                .collect::<Map<String, Value>>()
                .into()
        })
    }
}
