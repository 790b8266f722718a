//! Reading a filter document without its whole DOM.
//!
//! A `serde_json::Value` costs many times the text it holds (a 6.5 MB
//! filter of 50,000 terms built 114 MB of maps), so [`filter`] reads the top
//! object key by key and converts each term as soon as it is read: at most
//! one term's `Value` exists at a time beside the terms already converted.
//! Errors and their paths are those of the DOM reader: a term's error is
//! kept as it is, and a document that is not JSON or not shaped like a
//! filter is read again by the DOM reader for its exact message.

use super::{object, parse, required, string, term};
use crate::error::{Error, Result};
use crate::service::firewall::types::{Filter, Path, Term};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// Reads filter document `text` at `root` (not yet validated).
pub(super) fn filter(text: &str, root: &Path<'_>) -> Result<Filter> {
    let mut failure = None;
    let mut reader = serde_json::Deserializer::from_str(text);
    let read = FilterSeed {
        root,
        failure: &mut failure,
    }
    .deserialize(&mut reader)
    .and_then(|filter| reader.end().map(|()| filter));
    match (read, failure) {
        (_, Some(error)) => Err(error),
        (Ok(filter), None) => filter,
        // Not JSON, or not an object with an array of terms: the DOM reader
        // says exactly what is wrong.
        (Err(_), None) => super::filter(&parse(text, "filter")?, root),
    }
}

/// The top object: small keys as values, the terms converted one by one.
struct FilterSeed<'p, 'f> {
    root: &'p Path<'p>,
    failure: &'f mut Option<Error>,
}

impl<'de> DeserializeSeed<'de> for FilterSeed<'_, '_> {
    type Value = Result<Filter>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FilterSeed<'_, '_> {
    type Value = Result<Filter>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a filter object")
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut others = Map::new();
        let mut terms = None;
        let at = self.root.key("terms");
        while let Some(key) = map.next_key::<String>()? {
            if key == "terms" {
                let seed = TermsSeed {
                    path: &at,
                    failure: &mut *self.failure,
                };
                terms = Some(map.next_value_seed(seed)?);
                // The key stays for the checks below; its value is converted.
                others.insert(key, Value::Null);
            } else {
                others.insert(key, map.next_value()?);
            }
        }
        Ok(finish(&Value::Object(others), terms, self.root))
    }
}

/// The shape checks of the DOM reader's `filter`, with the terms read.
fn finish(value: &Value, terms: Option<Vec<Term>>, path: &Path<'_>) -> Result<Filter> {
    let map = object(value, path, &["name", "family", "terms"])?;
    let name = string(required(map, "name", path)?, &path.key("name"))?;
    let family = super::named(required(map, "family", path)?, &path.key("family"))?;
    required(map, "terms", path)?;
    Ok(Filter {
        name,
        family,
        terms: terms.unwrap_or_default(),
    })
}

/// The `terms` array, each element converted as soon as it is read.
struct TermsSeed<'p, 'f> {
    path: &'p Path<'p>,
    failure: &'f mut Option<Error>,
}

impl<'de> DeserializeSeed<'de> for TermsSeed<'_, '_> {
    type Value = Vec<Term>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for TermsSeed<'_, '_> {
    type Value = Vec<Term>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of terms")
    }

    fn visit_seq<A: SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut terms = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(value) = seq.next_element::<Value>()? {
            match term(&value, &self.path.index(terms.len())) {
                Ok(term) => terms.push(term),
                Err(error) => {
                    *self.failure = Some(error);
                    return Err(de::Error::custom("a term is invalid"));
                }
            }
        }
        Ok(terms)
    }
}
