//! An event's attributes: an index of where each one stands in the payload,
//! made while the payload is parsed, and JSON values only when one is asked
//! for.
//!
//! Texts and integers, nearly every attribute a device sends, are read
//! straight from the index; [`Attributes::value`] and the JSON form build the
//! whole map of values once, on first use. The index keeps the payload's
//! order, and a read looks for the last entry of a name (the one that counts,
//! as in a JSON map); the names' sorted order is made on first use too.

use super::{parse_decimal, AttrError, Text};
use serde_json::{Map, Number, Value};
use std::sync::OnceLock;

/// The attributes of a parsed event.
#[derive(Clone, Debug, Default)]
pub(super) struct Attributes {
    /// In payload order, a name possibly more than once.
    entries: Vec<Entry>,
    /// Made on first use, and boxed, so an event that only reads attributes
    /// by name stays small.
    sorted: OnceLock<Box<Sorted>>,
}

/// What the attributes need in name order.
#[derive(Clone, Debug)]
struct Sorted {
    /// Where in `entries` the entry that counts for each name stands (the
    /// last), sorted by name.
    order: Box<[u32]>,
    /// The JSON values, built on first use.
    values: OnceLock<Map<String, Value>>,
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
    pub fn from_entries(entries: Vec<Entry>) -> Attributes {
        Attributes {
            entries,
            sorted: OnceLock::new(),
        }
    }

    /// The attributes of a map of JSON values.
    pub fn from_map(values: Map<String, Value>) -> Attributes {
        let entries: Vec<Entry> = values
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
        // A map's names are sorted and unique already.
        let sorted = Sorted {
            order: (0..entries.len() as u32).collect(),
            values: OnceLock::from(values),
        };
        Attributes {
            entries,
            sorted: OnceLock::from(Box::new(sorted)),
        }
    }

    /// The number of attributes.
    pub fn len(&self, raw: &[u8]) -> usize {
        self.order(raw).len()
    }

    /// The names, in byte order.
    pub fn names<'a>(&'a self, raw: &'a [u8]) -> impl Iterator<Item = &'a str> + 'a {
        self.sorted(raw).filter_map(move |e| e.name.get(raw))
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

    /// The entry of `name` that counts: the last.
    fn entry(&self, raw: &[u8], name: &str) -> Result<&Entry, AttrError> {
        self.entries
            .iter()
            .rev()
            .find(|e| e.name.bytes(raw) == name.as_bytes())
            .ok_or(AttrError::Absent)
    }

    /// The entries that count, sorted by name.
    fn sorted<'a>(&'a self, raw: &[u8]) -> impl Iterator<Item = &'a Entry> + 'a {
        self.order(raw)
            .iter()
            .map(move |&at| &self.entries[at as usize])
    }

    /// The entries' sorted order.
    fn order(&self, raw: &[u8]) -> &[u32] {
        &self.sorted_form(raw).order
    }

    /// The name-ordered form, made on first use.
    fn sorted_form(&self, raw: &[u8]) -> &Sorted {
        self.sorted.get_or_init(|| {
            let name = |at: &u32| self.entries[*at as usize].name.bytes(raw);
            let mut order: Vec<u32> = (0..self.entries.len() as u32).collect();
            // Stable: a name's entries stay in payload order, the last last.
            order.sort_by(|a, b| name(a).cmp(name(b)));
            let mut kept: Vec<u32> = Vec::with_capacity(order.len());
            for at in order {
                match kept.last_mut() {
                    Some(last) if name(last) == name(&at) => *last = at,
                    _ => kept.push(at),
                }
            }
            Box::new(Sorted {
                order: kept.into(),
                values: OnceLock::new(),
            })
        })
    }

    /// The map of JSON values, built on first use.
    fn values(&self, raw: &[u8]) -> &Map<String, Value> {
        self.sorted_form(raw).values.get_or_init(|| {
            self.sorted(raw)
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
        })
    }
}
