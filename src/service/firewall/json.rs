//! The JSON form of the firewall types (the schema is in the
//! [module documentation](super)).
//!
//! Reading walks a `serde_json::Value` by hand so that every error names the
//! path of the value and what is wrong with it; writing emits the canonical
//! form (a bare value where the short form suffices, keys in schema order).
//! The serde impls use the same two halves, so the serde form and the
//! documented schema cannot drift apart.

use super::types::{
    protocol_name, protocol_number, Actions, AddressMatch, Adjacency, BindPoint, Binding, Filter,
    Matches, Path, Policer, PolicerKind, PolicerScope, PolicerThen, Prefix, RangeMatch, Rate,
    RejectReason, Size, Term, TermChange, Terminating, TwoColor, PROTOCOLS,
};
use crate::error::{Error, Result};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Number, Value};
use std::str::FromStr;

mod stream;

// ---- Reading: helpers ----

/// What a JSON value is, for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `value` as an object whose keys are all among `keys`.
fn object<'v>(value: &'v Value, path: &Path<'_>, keys: &[&str]) -> Result<&'v Map<String, Value>> {
    let map = value
        .as_object()
        .ok_or_else(|| path.error(format!("expected an object, found {}", kind(value))))?;
    if let Some(unknown) = map.keys().find(|key| !keys.contains(&key.as_str())) {
        return Err(path.error(format!(
            "unknown key {unknown:?} (expected {})",
            keys.join(", ")
        )));
    }
    Ok(map)
}

fn required<'v>(map: &'v Map<String, Value>, key: &str, path: &Path<'_>) -> Result<&'v Value> {
    map.get(key)
        .ok_or_else(|| path.error(format!("missing key {key:?}")))
}

fn string(value: &Value, path: &Path<'_>) -> Result<String> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| path.error(format!("expected a string, found {}", kind(value))))
}

fn optional_string(map: &Map<String, Value>, key: &str, path: &Path<'_>) -> Result<Option<String>> {
    map.get(key)
        .map(|value| string(value, &path.key(key)))
        .transpose()
}

/// The boolean under `key`; absent is false.
fn flag(map: &Map<String, Value>, key: &str, path: &Path<'_>) -> Result<bool> {
    match map.get(key) {
        None => Ok(false),
        Some(Value::Bool(value)) => Ok(*value),
        Some(other) => Err(path
            .key(key)
            .error(format!("expected true or false, found {}", kind(other)))),
    }
}

/// A named value (family, unit, reason…) written as a string.
fn named<T: FromStr<Err = Error>>(value: &Value, path: &Path<'_>) -> Result<T> {
    let text = value
        .as_str()
        .ok_or_else(|| path.error(format!("expected a string, found {}", kind(value))))?;
    text.parse()
        .map_err(|error: Error| path.error(error.message()))
}

/// The list under `key`, each element read by `read`; absent is empty.
fn list<T>(
    map: &Map<String, Value>,
    key: &str,
    path: &Path<'_>,
    read: impl Fn(&Value, &Path<'_>) -> Result<T>,
) -> Result<Vec<T>> {
    let Some(value) = map.get(key) else {
        return Ok(Vec::new());
    };
    let at = path.key(key);
    array(value, &at, read)
}

fn array<T>(
    value: &Value,
    path: &Path<'_>,
    read: impl Fn(&Value, &Path<'_>) -> Result<T>,
) -> Result<Vec<T>> {
    let items = value
        .as_array()
        .ok_or_else(|| path.error(format!("expected an array, found {}", kind(value))))?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| read(item, &path.index(i)))
        .collect()
}

/// A whole number of `u64`.
fn whole(value: &Value, path: &Path<'_>) -> Result<u64> {
    match value {
        Value::Number(number) => number.as_u64().ok_or_else(|| {
            path.error(format!(
                "{number} is not a whole number from 0 to {}",
                u64::MAX
            ))
        }),
        other => Err(path.error(format!("expected a whole number, found {}", kind(other)))),
    }
}

// ---- Reading: match conditions ----

fn prefix(text: &str, path: &Path<'_>) -> Result<Prefix> {
    text.parse()
        .map_err(|error: Error| path.error(error.message()))
}

fn address(value: &Value, path: &Path<'_>) -> Result<AddressMatch> {
    match value {
        Value::String(text) => prefix(text, path).map(AddressMatch::from),
        Value::Object(_) => {
            let map = object(value, path, &["prefix", "except"])?;
            let at = path.key("prefix");
            let text = string(required(map, "prefix", path)?, &at)?;
            Ok(AddressMatch {
                prefix: prefix(&text, &at)?,
                except: flag(map, "except", path)?,
            })
        }
        other => Err(path.error(format!(
            "expected a prefix (a string, or an object with \"prefix\"), found {}",
            kind(other)
        ))),
    }
}

/// What a numeric match is about: its name with an article (for messages),
/// its largest value, and the names it takes besides numbers.
struct Numeric {
    what: &'static str,
    max: u32,
    names: Option<fn(&str) -> Option<u8>>,
}

const PORT: Numeric = Numeric {
    what: "a port",
    max: 65535,
    names: None,
};
const PROTOCOL: Numeric = Numeric {
    what: "a protocol",
    max: 255,
    names: Some(protocol_number),
};
const ICMP_TYPE: Numeric = Numeric {
    what: "an ICMP type",
    max: 255,
    names: None,
};
const ICMP_CODE: Numeric = Numeric {
    what: "an ICMP code",
    max: 255,
    names: None,
};
const DSCP: Numeric = Numeric {
    what: "a DSCP value",
    max: 63,
    names: None,
};
const PACKET_LENGTH: Numeric = Numeric {
    what: "a packet length",
    max: 65535,
    names: None,
};
const TTL: Numeric = Numeric {
    what: "a TTL",
    max: 255,
    names: None,
};

fn in_range(value: u64, path: &Path<'_>, numeric: &Numeric) -> Result<u32> {
    match u32::try_from(value) {
        Ok(value) if value <= numeric.max => Ok(value),
        _ => Err(path.error(format!(
            "{value} is out of range for {} (0-{})",
            numeric.what, numeric.max
        ))),
    }
}

/// One end of a range written as text: a number or (protocols) a name.
fn endpoint(part: &str, whole_text: &str, path: &Path<'_>, numeric: &Numeric) -> Result<u32> {
    let part = part.trim();
    if let Ok(value) = part.parse::<u64>() {
        return in_range(value, path, numeric);
    }
    if let Some(number) = numeric.names.and_then(|names| names(part)) {
        return Ok(u32::from(number));
    }
    let hint = match numeric.names {
        Some(_) => {
            let names: Vec<&str> = PROTOCOLS.iter().map(|(name, _)| *name).collect();
            format!("; names: {}", names.join(", "))
        }
        None => String::new(),
    };
    Err(path.error(format!(
        "{whole_text:?} is not {} or a range of them (expected N or \"N-M\"{hint})",
        numeric.what
    )))
}

fn bounds(value: &Value, path: &Path<'_>, numeric: &Numeric) -> Result<(u32, u32)> {
    let (min, max) = match value {
        Value::Number(number) => {
            let value = number.as_u64().ok_or_else(|| {
                path.error(format!(
                    "{number} is not {}: expected a whole number from 0 to {}",
                    numeric.what, numeric.max
                ))
            })?;
            let value = in_range(value, path, numeric)?;
            (value, value)
        }
        Value::String(text) => match text.split_once('-') {
            Some((low, high)) => (
                endpoint(low, text, path, numeric)?,
                endpoint(high, text, path, numeric)?,
            ),
            None => {
                let value = endpoint(text, text, path, numeric)?;
                (value, value)
            }
        },
        other => {
            return Err(path.error(format!(
                "expected {} (a number or a string), found {}",
                numeric.what,
                kind(other)
            )))
        }
    };
    if min > max {
        return Err(path.error(format!(
            "range {min}-{max} is empty: min is greater than max"
        )));
    }
    Ok((min, max))
}

fn range<T: TryFrom<u32>>(
    value: &Value,
    path: &Path<'_>,
    numeric: &Numeric,
) -> Result<RangeMatch<T>> {
    let (min, max, except) = match value {
        Value::Object(_) => {
            let map = object(value, path, &["range", "except"])?;
            let (min, max) = bounds(required(map, "range", path)?, &path.key("range"), numeric)?;
            (min, max, flag(map, "except", path)?)
        }
        other => {
            let (min, max) = bounds(other, path, numeric)?;
            (min, max, false)
        }
    };
    // `bounds` kept both within `numeric.max`, which fits `T`.
    let narrow = |value: u32| {
        T::try_from(value)
            .map_err(|_| path.error(format!("{value} is out of range for {}", numeric.what)))
    };
    Ok(RangeMatch {
        min: narrow(min)?,
        max: narrow(max)?,
        except,
    })
}

const MATCH_KEYS: &[&str] = &[
    "source-addresses",
    "destination-addresses",
    "addresses",
    "source-ports",
    "destination-ports",
    "ports",
    "protocols",
    "icmp-types",
    "icmp-codes",
    "dscp",
    "packet-lengths",
    "ttls",
    "fragment",
    "interfaces",
];

fn matches(value: &Value, path: &Path<'_>) -> Result<Matches> {
    let map = object(value, path, MATCH_KEYS)?;
    let fragment = match map.get("fragment") {
        None => None,
        Some(Value::String(text)) if text == "none" => None,
        Some(value) => Some(named(value, &path.key("fragment"))?),
    };
    Ok(Matches {
        source_addresses: list(map, "source-addresses", path, address)?,
        destination_addresses: list(map, "destination-addresses", path, address)?,
        addresses: list(map, "addresses", path, address)?,
        source_ports: list(map, "source-ports", path, |v, p| range(v, p, &PORT))?,
        destination_ports: list(map, "destination-ports", path, |v, p| range(v, p, &PORT))?,
        ports: list(map, "ports", path, |v, p| range(v, p, &PORT))?,
        protocols: list(map, "protocols", path, |v, p| range(v, p, &PROTOCOL))?,
        icmp_types: list(map, "icmp-types", path, |v, p| range(v, p, &ICMP_TYPE))?,
        icmp_codes: list(map, "icmp-codes", path, |v, p| range(v, p, &ICMP_CODE))?,
        dscp: list(map, "dscp", path, |v, p| range(v, p, &DSCP))?,
        packet_lengths: list(map, "packet-lengths", path, |v, p| {
            range(v, p, &PACKET_LENGTH)
        })?,
        ttls: list(map, "ttls", path, |v, p| range(v, p, &TTL))?,
        fragment,
        interfaces: list(map, "interfaces", path, string)?,
    })
}

// ---- Reading: actions, terms, filters ----

const ACTION_KEYS: &[&str] = &[
    "count",
    "log",
    "syslog",
    "policer",
    "next-term",
    "accept",
    "discard",
    "reject",
    "routing-instance",
];

fn actions(value: &Value, path: &Path<'_>) -> Result<Actions> {
    let map = object(value, path, ACTION_KEYS)?;
    let mut found = Vec::new();
    if flag(map, "accept", path)? {
        found.push(Terminating::Accept);
    }
    if flag(map, "discard", path)? {
        found.push(Terminating::Discard);
    }
    if let Some(reject) = map.get("reject") {
        let at = path.key("reject");
        match reject {
            Value::Bool(true) => found.push(Terminating::Reject(
                RejectReason::AdministrativelyProhibited,
            )),
            Value::Bool(false) => {}
            Value::String(_) => found.push(Terminating::Reject(named(reject, &at)?)),
            other => {
                return Err(at.error(format!(
                    "expected a reject reason (a string) or true, found {}",
                    kind(other)
                )))
            }
        }
    }
    if let Some(instance) = optional_string(map, "routing-instance", path)? {
        found.push(Terminating::RoutingInstance(instance));
    }
    if found.len() > 1 {
        let names: Vec<&str> = found.iter().map(Terminating::name).collect();
        return Err(path.error(format!(
            "a term has at most one terminating action; found {}",
            names.join(" and ")
        )));
    }
    Ok(Actions {
        terminating: found.pop(),
        count: optional_string(map, "count", path)?,
        log: flag(map, "log", path)?,
        syslog: flag(map, "syslog", path)?,
        policer: optional_string(map, "policer", path)?,
        next_term: flag(map, "next-term", path)?,
    })
}

fn term(value: &Value, path: &Path<'_>) -> Result<Term> {
    let map = object(value, path, &["name", "matches", "actions"])?;
    Ok(Term {
        name: string(required(map, "name", path)?, &path.key("name"))?,
        matches: match map.get("matches") {
            Some(value) => matches(value, &path.key("matches"))?,
            None => Matches::default(),
        },
        actions: match map.get("actions") {
            Some(value) => actions(value, &path.key("actions"))?,
            None => Actions::default(),
        },
    })
}

fn filter(value: &Value, path: &Path<'_>) -> Result<Filter> {
    let map = object(value, path, &["name", "family", "terms"])?;
    let name = string(required(map, "name", path)?, &path.key("name"))?;
    let family = named(required(map, "family", path)?, &path.key("family"))?;
    required(map, "terms", path)?;
    Ok(Filter {
        name,
        family,
        terms: list(map, "terms", path, term)?,
    })
}

fn adjacency(value: &Value, path: &Path<'_>) -> Result<Adjacency> {
    let map = object(value, path, &["before", "after"])?;
    match (map.get("before"), map.get("after")) {
        (Some(before), None) => Ok(Adjacency::Before(string(before, &path.key("before"))?)),
        (None, Some(after)) => Ok(Adjacency::After(string(after, &path.key("after"))?)),
        (Some(_), Some(_)) => Err(path.error("give \"before\" or \"after\", not both")),
        (None, None) => Err(path.error("missing key \"before\" or \"after\"")),
    }
}

fn term_change(value: &Value, path: &Path<'_>) -> Result<TermChange> {
    let map = object(value, path, &["op", "term", "adjacency"])?;
    Ok(TermChange {
        op: named(required(map, "op", path)?, &path.key("op"))?,
        term: term(required(map, "term", path)?, &path.key("term"))?,
        adjacency: map
            .get("adjacency")
            .map(|value| adjacency(value, &path.key("adjacency")))
            .transpose()?,
    })
}

fn term_changes(value: &Value, path: &Path<'_>) -> Result<Vec<TermChange>> {
    array(value, path, term_change)
}

// ---- Reading: policers and bindings ----

fn rate(value: &Value, path: &Path<'_>) -> Result<Rate> {
    let map = object(value, path, &["value", "unit"])?;
    Ok(Rate {
        value: whole(required(map, "value", path)?, &path.key("value"))?,
        unit: named(required(map, "unit", path)?, &path.key("unit"))?,
    })
}

fn size(value: &Value, path: &Path<'_>) -> Result<Size> {
    let map = object(value, path, &["value", "unit"])?;
    Ok(Size {
        value: whole(required(map, "value", path)?, &path.key("value"))?,
        unit: named(required(map, "unit", path)?, &path.key("unit"))?,
    })
}

fn policer_then(value: &Value, path: &Path<'_>) -> Result<PolicerThen> {
    const EXPECTED: &str = "\"discard\", {\"loss-priority\": ...} or {\"forwarding-class\": ...}";
    match value {
        Value::String(text) if text == "discard" => Ok(PolicerThen::Discard),
        Value::String(text) => Err(path.error(format!(
            "unknown policer action {text:?} (expected {EXPECTED})"
        ))),
        Value::Object(_) => {
            let map = object(value, path, &["loss-priority", "forwarding-class"])?;
            match (map.get("loss-priority"), map.get("forwarding-class")) {
                (Some(priority), None) => Ok(PolicerThen::LossPriority(named(
                    priority,
                    &path.key("loss-priority"),
                )?)),
                (None, Some(class)) => Ok(PolicerThen::ForwardingClass(string(
                    class,
                    &path.key("forwarding-class"),
                )?)),
                (Some(_), Some(_)) => {
                    Err(path.error("give \"loss-priority\" or \"forwarding-class\", not both"))
                }
                (None, None) => Err(path.error(format!("expected {EXPECTED}"))),
            }
        }
        other => Err(path.error(format!("expected {EXPECTED}, found {}", kind(other)))),
    }
}

fn two_color(value: &Value, path: &Path<'_>) -> Result<TwoColor> {
    let map = object(value, path, &["bandwidth", "burst", "then"])?;
    Ok(TwoColor {
        bandwidth: rate(required(map, "bandwidth", path)?, &path.key("bandwidth"))?,
        burst: size(required(map, "burst", path)?, &path.key("burst"))?,
        then: policer_then(required(map, "then", path)?, &path.key("then"))?,
    })
}

fn policer(value: &Value, path: &Path<'_>) -> Result<Policer> {
    let map = object(value, path, &["name", "two-color", "scope"])?;
    let name = string(required(map, "name", path)?, &path.key("name"))?;
    let limits = map.get("two-color").ok_or_else(|| {
        path.error(
            "missing key \"two-color\" (the policer's limits; libjet supports \
             single-rate two-color policers)",
        )
    })?;
    Ok(Policer {
        name,
        kind: PolicerKind::TwoColor(two_color(limits, &path.key("two-color"))?),
        scope: match map.get("scope") {
            Some(scope) => named(scope, &path.key("scope"))?,
            None => PolicerScope::TermSpecific,
        },
    })
}

fn binding(value: &Value, path: &Path<'_>) -> Result<Binding> {
    let map = object(value, path, &["filter", "family", "interface", "direction"])?;
    Ok(Binding {
        filter: string(required(map, "filter", path)?, &path.key("filter"))?,
        family: named(required(map, "family", path)?, &path.key("family"))?,
        point: BindPoint::Interface(string(
            required(map, "interface", path)?,
            &path.key("interface"),
        )?),
        direction: named(required(map, "direction", path)?, &path.key("direction"))?,
    })
}

// ---- Serde: reading through the functions above ----

macro_rules! deserialize_with {
    ($($ty:ty => $read:ident as $root:literal;)+) => {$(
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<$ty, D::Error> {
                let value = Value::deserialize(deserializer)?;
                $read(&value, &Path::root($root))
                    .map_err(|error| serde::de::Error::custom(error.message()))
            }
        }
    )+};
}

deserialize_with! {
    Filter => filter as "filter";
    Term => term as "term";
    Matches => matches as "matches";
    Actions => actions as "actions";
    AddressMatch => address as "address";
    TermChange => term_change as "change";
    Adjacency => adjacency as "adjacency";
    Rate => rate as "rate";
    Size => size as "size";
    PolicerThen => policer_then as "then";
    TwoColor => two_color as "two-color";
    Policer => policer as "policer";
    Binding => binding as "binding";
}

// ---- Writing ----

impl Serialize for Filter {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("name", &self.name)?;
        map.serialize_entry("family", &self.family)?;
        map.serialize_entry("terms", &self.terms)?;
        map.end()
    }
}

impl Serialize for Term {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("name", &self.name)?;
        if !self.matches.is_empty() {
            map.serialize_entry("matches", &self.matches)?;
        }
        if !self.actions.is_empty() {
            map.serialize_entry("actions", &self.actions)?;
        }
        map.end()
    }
}

impl Serialize for AddressMatch {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        if self.except {
            let mut map = serializer.serialize_map(Some(2))?;
            map.serialize_entry("prefix", &self.prefix)?;
            map.serialize_entry("except", &true)?;
            map.end()
        } else {
            self.prefix.serialize(serializer)
        }
    }
}

/// The short form of a range: a number, a name, or "min-max".
fn range_value(min: u32, max: u32, name: Option<&'static str>) -> Value {
    match name {
        Some(name) => Value::String(name.into()),
        None if min == max => Value::Number(Number::from(min)),
        None => Value::String(format!("{min}-{max}")),
    }
}

fn serialize_range<S: Serializer>(
    serializer: S,
    short: Value,
    except: bool,
) -> std::result::Result<S::Ok, S::Error> {
    if except {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("range", &short)?;
        map.serialize_entry("except", &true)?;
        map.end()
    } else {
        short.serialize(serializer)
    }
}

impl<T: Copy + Into<u32>> Serialize for RangeMatch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let short = range_value(self.min.into(), self.max.into(), None);
        serialize_range(serializer, short, self.except)
    }
}

/// A protocol match, written with the protocol's name when it has one.
struct ProtocolRange<'a>(&'a RangeMatch<u8>);

impl Serialize for ProtocolRange<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let RangeMatch { min, max, except } = *self.0;
        let name = if min == max { protocol_name(min) } else { None };
        let short = range_value(min.into(), max.into(), name);
        serialize_range(serializer, short, except)
    }
}

impl Serialize for Matches {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        fn entry<M: SerializeMap, T: Serialize>(
            map: &mut M,
            key: &str,
            list: &[T],
        ) -> std::result::Result<(), M::Error> {
            if list.is_empty() {
                Ok(())
            } else {
                map.serialize_entry(key, list)
            }
        }

        let mut map = serializer.serialize_map(None)?;
        entry(&mut map, "source-addresses", &self.source_addresses)?;
        entry(
            &mut map,
            "destination-addresses",
            &self.destination_addresses,
        )?;
        entry(&mut map, "addresses", &self.addresses)?;
        entry(&mut map, "source-ports", &self.source_ports)?;
        entry(&mut map, "destination-ports", &self.destination_ports)?;
        entry(&mut map, "ports", &self.ports)?;
        let protocols: Vec<ProtocolRange<'_>> = self.protocols.iter().map(ProtocolRange).collect();
        entry(&mut map, "protocols", &protocols)?;
        entry(&mut map, "icmp-types", &self.icmp_types)?;
        entry(&mut map, "icmp-codes", &self.icmp_codes)?;
        entry(&mut map, "dscp", &self.dscp)?;
        entry(&mut map, "packet-lengths", &self.packet_lengths)?;
        entry(&mut map, "ttls", &self.ttls)?;
        if let Some(fragment) = &self.fragment {
            map.serialize_entry("fragment", fragment)?;
        }
        entry(&mut map, "interfaces", &self.interfaces)?;
        map.end()
    }
}

impl Serialize for Actions {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(counter) = &self.count {
            map.serialize_entry("count", counter)?;
        }
        if self.log {
            map.serialize_entry("log", &true)?;
        }
        if self.syslog {
            map.serialize_entry("syslog", &true)?;
        }
        if let Some(policer) = &self.policer {
            map.serialize_entry("policer", policer)?;
        }
        if self.next_term {
            map.serialize_entry("next-term", &true)?;
        }
        match &self.terminating {
            None => {}
            Some(Terminating::Accept) => map.serialize_entry("accept", &true)?,
            Some(Terminating::Discard) => map.serialize_entry("discard", &true)?,
            Some(Terminating::Reject(reason)) => map.serialize_entry("reject", reason)?,
            Some(Terminating::RoutingInstance(name)) => {
                map.serialize_entry("routing-instance", name)?
            }
        }
        map.end()
    }
}

impl Serialize for Adjacency {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            Adjacency::Before(name) => map.serialize_entry("before", name)?,
            Adjacency::After(name) => map.serialize_entry("after", name)?,
        }
        map.end()
    }
}

impl Serialize for TermChange {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("op", &self.op)?;
        map.serialize_entry("term", &self.term)?;
        if let Some(adjacency) = &self.adjacency {
            map.serialize_entry("adjacency", adjacency)?;
        }
        map.end()
    }
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("value", &self.value)?;
        map.serialize_entry("unit", &self.unit)?;
        map.end()
    }
}

impl Serialize for Size {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("value", &self.value)?;
        map.serialize_entry("unit", &self.unit)?;
        map.end()
    }
}

impl Serialize for PolicerThen {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            PolicerThen::Discard => serializer.serialize_str("discard"),
            PolicerThen::LossPriority(priority) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("loss-priority", priority)?;
                map.end()
            }
            PolicerThen::ForwardingClass(class) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("forwarding-class", class)?;
                map.end()
            }
        }
    }
}

impl Serialize for TwoColor {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("bandwidth", &self.bandwidth)?;
        map.serialize_entry("burst", &self.burst)?;
        map.serialize_entry("then", &self.then)?;
        map.end()
    }
}

impl Serialize for Policer {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("name", &self.name)?;
        let PolicerKind::TwoColor(limits) = &self.kind;
        map.serialize_entry("two-color", limits)?;
        map.serialize_entry("scope", &self.scope)?;
        map.end()
    }
}

impl Serialize for Binding {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("filter", &self.filter)?;
        map.serialize_entry("family", &self.family)?;
        let BindPoint::Interface(interface) = &self.point;
        map.serialize_entry("interface", interface)?;
        map.serialize_entry("direction", &self.direction)?;
        map.end()
    }
}

// ---- Entry points ----

fn parse(text: &str, what: &str) -> Result<Value> {
    serde_json::from_str(text)
        .map_err(|error| Error::invalid(format!("{what}: not valid JSON: {error}")))
}

fn pretty<T: Serialize>(value: &T) -> String {
    // These types write string keys and plain values only: nothing can fail.
    serde_json::to_string_pretty(value).expect("firewall types always serialize to JSON")
}

impl Filter {
    /// Reads a filter from its JSON form (see the [module
    /// documentation](super)) and [validates](Filter::validate) it.
    ///
    /// Errors are [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument)
    /// with the path of the faulty value, e.g.
    /// `filter.terms[0].matches.destination-ports[1]: 70000 is out of range for a port (0-65535)`.
    pub fn from_json(text: &str) -> Result<Filter> {
        let root = Path::root("filter");
        let filter = stream::filter(text, &root)?;
        filter.validate_at(&root)?;
        Ok(filter)
    }

    /// The filter's JSON form, pretty-printed.
    pub fn to_json(&self) -> String {
        pretty(self)
    }
}

impl TermChange {
    /// Reads a JSON array of term changes (paths `changes[i]`).
    ///
    /// Only the form is checked here: the modify converters validate the
    /// changes against the filter's family.
    pub fn list_from_json(text: &str) -> Result<Vec<TermChange>> {
        term_changes(&parse(text, "changes")?, &Path::root("changes"))
    }

    /// The JSON form of a list of term changes, pretty-printed.
    pub fn list_to_json(changes: &[TermChange]) -> String {
        pretty(&changes)
    }
}

impl Policer {
    /// Reads a policer from its JSON form and [validates](Policer::validate) it.
    pub fn from_json(text: &str) -> Result<Policer> {
        let root = Path::root("policer");
        let policer = policer(&parse(text, "policer")?, &root)?;
        policer.validate_at(&root)?;
        Ok(policer)
    }

    /// The policer's JSON form, pretty-printed.
    pub fn to_json(&self) -> String {
        pretty(self)
    }
}

impl Binding {
    /// Reads a binding from its JSON form and [validates](Binding::validate) it.
    pub fn from_json(text: &str) -> Result<Binding> {
        let root = Path::root("binding");
        let binding = binding(&parse(text, "binding")?, &root)?;
        binding.validate_at(&root)?;
        Ok(binding)
    }

    /// The binding's JSON form, pretty-printed.
    pub fn to_json(&self) -> String {
        pretty(self)
    }
}

#[cfg(test)]
mod tests {
    use super::super::types::{
        Direction, Family, Fragment, LossPriority, PolicerScope, RateUnit, SizeUnit, TermOp,
    };
    use super::*;
    use crate::error::ErrorKind;

    /// The first ```json block of the module documentation in `mod.rs`.
    fn documented_example() -> String {
        let source = include_str!("mod.rs");
        let mut lines = source
            .lines()
            .filter_map(|line| line.strip_prefix("//!"))
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .skip_while(|line| *line != "```json")
            .skip(1);
        let mut text = String::new();
        for line in lines.by_ref() {
            if line == "```" {
                return text;
            }
            text.push_str(line);
            text.push('\n');
        }
        panic!("no ```json block in the module documentation");
    }

    fn address(text: &str) -> AddressMatch {
        text.parse().unwrap()
    }

    fn error_of<T: std::fmt::Debug>(result: Result<T>) -> String {
        let error = result.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidArgument);
        error.message().to_string()
    }

    fn expected_example() -> Filter {
        let mut ssh = Term::new("ssh-from-management");
        ssh.matches.source_addresses =
            vec![address("192.0.2.0/24"), address("192.0.2.66/32").except()];
        ssh.matches.protocols = vec![RangeMatch::value(6)];
        ssh.matches.destination_ports = vec![RangeMatch::value(22), RangeMatch::range(830, 831)];
        ssh.actions.count = Some("ssh-accepted".into());
        ssh.actions.terminating = Some(Terminating::Accept);

        let mut ping = Term::new("ping");
        ping.matches.protocols = vec![RangeMatch::value(1)];
        ping.matches.icmp_types = vec![RangeMatch::value(8)];
        ping.matches.packet_lengths = vec![RangeMatch::range(0, 1500)];
        ping.actions.policer = Some("icmp-1m".into());
        ping.actions.terminating = Some(Terminating::Accept);

        let mut fragments = Term::new("fragments");
        fragments.matches.fragment = Some(Fragment::IsFragment);
        fragments.matches.ttls = vec![RangeMatch::range(0, 1)];
        fragments.matches.dscp = vec![RangeMatch::value(46).except()];
        fragments.matches.interfaces = vec!["ge-0/0/0.0".into()];
        fragments.actions.syslog = true;
        fragments.actions.terminating = Some(Terminating::Discard);

        let mut rest = Term::new("rest");
        rest.actions.log = true;
        rest.actions.terminating = Some(Terminating::Reject(RejectReason::PortUnreachable));

        Filter {
            name: "edge-in".into(),
            family: Family::Inet,
            terms: vec![ssh, ping, fragments, rest],
        }
    }

    #[test]
    fn the_documented_example_parses() {
        let filter = Filter::from_json(&documented_example()).unwrap();
        assert_eq!(filter, expected_example());
    }

    #[test]
    fn filters_round_trip() {
        let filter = expected_example();
        let text = filter.to_json();
        assert_eq!(Filter::from_json(&text).unwrap(), filter);
        // Through serde as well.
        let value = serde_json::to_value(&filter).unwrap();
        let back: Filter = serde_json::from_value(value).unwrap();
        assert_eq!(back, filter);

        let mut six = Term::new("v6");
        six.matches.addresses = vec![address("2001:db8::/32")];
        six.matches.ports = vec![RangeMatch::range(1024, 65535).except()];
        six.matches.source_ports = vec![RangeMatch::value(53)];
        six.matches.protocols = vec![RangeMatch::range(6, 17), RangeMatch::value(200).except()];
        six.matches.icmp_codes = vec![RangeMatch::value(0)];
        six.actions.next_term = true;
        let mut other = Term::new("other");
        other.actions.terminating = Some(Terminating::RoutingInstance("blue".into()));
        let filter = Filter {
            name: "v6".into(),
            family: Family::Inet6,
            terms: vec![six, other],
        };
        assert_eq!(Filter::from_json(&filter.to_json()).unwrap(), filter);
    }

    #[test]
    fn the_canonical_form_is_short() {
        let mut term = Term::new("t");
        term.matches.protocols = vec![
            RangeMatch::value(1),
            RangeMatch::range(6, 17),
            RangeMatch::value(6).except(),
        ];
        term.matches.destination_ports = vec![RangeMatch::value(80)];
        term.actions.terminating = Some(Terminating::Discard);
        let value = serde_json::to_value(&term).unwrap();
        assert_eq!(
            value,
            serde_json::json!({
                "name": "t",
                "matches": {
                    "destination-ports": [80],
                    "protocols": ["icmp", "6-17", {"range": "tcp", "except": true}]
                },
                "actions": {"discard": true}
            })
        );
        let empty = serde_json::to_value(Term::new("e")).unwrap();
        assert_eq!(empty, serde_json::json!({"name": "e"}));
    }

    #[test]
    fn short_and_long_forms_are_the_same() {
        let text = r#"{"name": "f", "family": "inet", "terms": [{
            "name": "t",
            "matches": {
                "protocols": ["tcp-udp", 47, "ospf", {"range": 6}],
                "source-ports": ["1024-65535", " 22 ", {"range": "80-81", "except": false}],
                "source-addresses": [{"prefix": "192.0.2.1"}],
                "fragment": "none"
            },
            "actions": {"reject": true, "log": false, "accept": false}
        }]}"#;
        let filter = Filter::from_json(text).unwrap();
        let term = &filter.terms[0];
        assert_eq!(
            term.matches.protocols,
            vec![
                RangeMatch::range(6, 17),
                RangeMatch::value(47),
                RangeMatch::value(89),
                RangeMatch::value(6)
            ]
        );
        assert_eq!(
            term.matches.source_ports,
            vec![
                RangeMatch::range(1024, 65535),
                RangeMatch::value(22),
                RangeMatch::range(80, 81)
            ]
        );
        assert_eq!(term.matches.source_addresses, vec![address("192.0.2.1/32")]);
        assert_eq!(term.matches.fragment, None);
        assert_eq!(
            term.actions,
            Actions {
                terminating: Some(Terminating::Reject(
                    RejectReason::AdministrativelyProhibited
                )),
                ..Actions::default()
            }
        );
    }

    fn filter_error(terms: &str) -> String {
        error_of(Filter::from_json(&format!(
            r#"{{"name": "f", "family": "inet", "terms": [{terms}]}}"#
        )))
    }

    #[test]
    fn mistakes_are_named_with_their_path() {
        assert_eq!(
            error_of(Filter::from_json(
                r#"{"name": "f", "family": "inet", "terms": [], "x": 1}"#
            )),
            "filter: unknown key \"x\" (expected name, family, terms)"
        );
        assert_eq!(
            filter_error(r#"{"name": "t", "matches": {"source-port": [22]}}"#),
            format!(
                "filter.terms[0].matches: unknown key \"source-port\" (expected {})",
                MATCH_KEYS.join(", ")
            )
        );
        assert_eq!(
            filter_error(r#"{"name": "t", "actions": {"accept": true, "discard": true}}"#),
            "filter.terms[0].actions: a term has at most one terminating action; found accept and discard"
        );
        assert_eq!(
            filter_error(
                r#"{"name": "a"}, {"name": "t", "actions": {"reject": "tcp-reset", "routing-instance": "x"}}"#
            ),
            "filter.terms[1].actions: a term has at most one terminating action; found reject and routing-instance"
        );
        assert_eq!(
            filter_error(r#"{"name": "t", "matches": {"destination-addresses": ["192.0.2.0/33"]}}"#),
            "filter.terms[0].matches.destination-addresses[0]: \"192.0.2.0/33\": prefix length 33 is longer than 32 (192.0.2.0)"
        );
        assert_eq!(
            filter_error(
                r#"{"name": "t", "matches": {"addresses": [{"prefix": "10.0.0.256/8", "except": true}]}}"#
            ),
            "filter.terms[0].matches.addresses[0].prefix: \"10.0.0.256/8\" is not an IP address or prefix"
        );
        assert_eq!(
            filter_error(r#"{"name": "t", "matches": {"destination-ports": [22, 70000]}}"#),
            "filter.terms[0].matches.destination-ports[1]: 70000 is out of range for a port (0-65535)"
        );
        assert_eq!(
            filter_error(r#"{"name": "t", "matches": {"ports": ["1-70000"]}}"#),
            "filter.terms[0].matches.ports[0]: 70000 is out of range for a port (0-65535)"
        );
        assert_eq!(
            filter_error(r#"{"name": "t", "matches": {"source-ports": ["2000-1000"]}}"#),
            "filter.terms[0].matches.source-ports[0]: range 2000-1000 is empty: min is greater than max"
        );
        assert_eq!(
            filter_error(r#"{"name": "t", "matches": {"dscp": [{"range": "10-64"}]}}"#),
            "filter.terms[0].matches.dscp[0].range: 64 is out of range for a DSCP value (0-63)"
        );
        assert_eq!(
            filter_error(r#"{"name": "t", "matches": {"ttls": [-1]}}"#),
            "filter.terms[0].matches.ttls[0]: -1 is not a TTL: expected a whole number from 0 to 255"
        );
        assert!(filter_error(r#"{"name": "t", "matches": {"protocols": ["tpc"]}}"#).starts_with(
            "filter.terms[0].matches.protocols[0]: \"tpc\" is not a protocol or a range of them (expected N or \"N-M\"; names: icmp, igmp,"
        ));
        assert_eq!(
            filter_error(r#"{"name": "t", "matches": {"icmp-types": ["8-"]}}"#),
            "filter.terms[0].matches.icmp-types[0]: \"8-\" is not an ICMP type or a range of them (expected N or \"N-M\")"
        );
        assert_eq!(
            filter_error(r#"{"name": "t", "matches": {"protocols": "tcp"}}"#),
            "filter.terms[0].matches.protocols: expected an array, found a string"
        );
        assert_eq!(
            filter_error(r#"{"name": "t", "actions": {"reject": "no-such"}}"#)
                .split(" (expected")
                .next()
                .unwrap(),
            "filter.terms[0].actions.reject: unknown reject reason \"no-such\""
        );
        assert_eq!(
            filter_error(r#"{"name": "t", "actions": {"log": "yes"}}"#),
            "filter.terms[0].actions.log: expected true or false, found a string"
        );
        assert_eq!(
            filter_error(r#"{"matches": {}}"#),
            "filter.terms[0]: missing key \"name\""
        );
        assert_eq!(
            error_of(Filter::from_json(
                r#"{"name": "f", "family": "inet4", "terms": []}"#
            )),
            "filter.family: unknown family \"inet4\" (expected inet, inet6)"
        );
        assert_eq!(
            error_of(Filter::from_json(
                r#"{"name": "f", "family": "inet", "terms": []}"#
            )),
            "filter.terms: a filter needs at least one term"
        );
        assert!(error_of(Filter::from_json(r#"{"name": "f","#))
            .starts_with("filter: not valid JSON: EOF while parsing"));
        // Validation runs after the form is read.
        assert_eq!(
            filter_error(r#"{"name": "t", "matches": {"addresses": ["2001:db8::1"]}}"#),
            "filter.terms[0].matches.addresses[0]: 2001:db8::1/128 is not an inet prefix (the filter is inet)"
        );
    }

    #[test]
    fn serde_errors_carry_the_same_messages() {
        let error = serde_json::from_str::<Filter>(r#"{"name": "f", "family": "inet", "terms": [{"name": "t", "matches": {"ports": [70000]}}]}"#)
            .unwrap_err();
        assert!(error.to_string().starts_with(
            "filter.terms[0].matches.ports[0]: 70000 is out of range for a port (0-65535)"
        ));
        let error = serde_json::from_str::<Family>("\"ipv4\"").unwrap_err();
        assert!(error.to_string().starts_with("unknown family \"ipv4\""));
    }

    #[test]
    fn term_changes_read_and_write() {
        let text = r#"[
            {"op": "add", "term": {"name": "new", "actions": {"accept": true}}, "adjacency": {"after": "t1"}},
            {"op": "replace", "term": {"name": "t1", "actions": {"discard": true}}, "adjacency": {"before": "t2"}},
            {"op": "delete", "term": {"name": "old"}}
        ]"#;
        let changes = TermChange::list_from_json(text).unwrap();
        let mut new = Term::new("new");
        new.actions.terminating = Some(Terminating::Accept);
        let mut t1 = Term::new("t1");
        t1.actions.terminating = Some(Terminating::Discard);
        assert_eq!(
            changes,
            vec![
                TermChange::add(new).after("t1"),
                TermChange::replace(t1).before("t2"),
                TermChange::delete("old"),
            ]
        );
        assert_eq!(changes[2].op, TermOp::Delete);
        let back = TermChange::list_from_json(&TermChange::list_to_json(&changes)).unwrap();
        assert_eq!(back, changes);

        assert_eq!(
            error_of(TermChange::list_from_json(
                r#"[{"op": "move", "term": {"name": "t"}}]"#
            )),
            "changes[0].op: unknown term operation \"move\" (expected add, delete, replace)"
        );
        assert_eq!(
            error_of(TermChange::list_from_json(
                r#"[{"op": "add", "term": {"name": "t"}, "adjacency": {"after": "a", "before": "b"}}]"#
            )),
            "changes[0].adjacency: give \"before\" or \"after\", not both"
        );
        assert_eq!(
            error_of(TermChange::list_from_json(r#"{"op": "add"}"#)),
            "changes: expected an array, found an object"
        );
    }

    #[test]
    fn policers_read_and_write() {
        let text = r#"{
            "name": "icmp-1m",
            "two-color": {
                "bandwidth": {"value": 1, "unit": "mbps"},
                "burst": {"value": 15, "unit": "kbytes"},
                "then": "discard"
            }
        }"#;
        let policer = Policer::from_json(text).unwrap();
        assert_eq!(
            policer,
            Policer {
                name: "icmp-1m".into(),
                kind: PolicerKind::TwoColor(TwoColor {
                    bandwidth: Rate {
                        value: 1,
                        unit: RateUnit::Mbps
                    },
                    burst: Size {
                        value: 15,
                        unit: SizeUnit::Kbytes
                    },
                    then: PolicerThen::Discard,
                }),
                scope: PolicerScope::TermSpecific,
            }
        );
        assert_eq!(Policer::from_json(&policer.to_json()).unwrap(), policer);

        for then in [
            PolicerThen::LossPriority(LossPriority::MediumHigh),
            PolicerThen::ForwardingClass("best-effort".into()),
        ] {
            let mut other = policer.clone();
            other.scope = PolicerScope::FilterSpecific;
            let PolicerKind::TwoColor(limits) = &mut other.kind;
            limits.then = then;
            assert_eq!(Policer::from_json(&other.to_json()).unwrap(), other);
        }

        assert_eq!(
            error_of(Policer::from_json(
                r#"{"name": "p", "two-color": {"bandwidth": {"value": 1, "unit": "mb"}, "burst": {"value": 1, "unit": "bytes"}, "then": "discard"}}"#
            )),
            "policer.two-color.bandwidth.unit: unknown rate unit \"mb\" (expected bps, kbps, mbps, gbps)"
        );
        assert_eq!(
            error_of(Policer::from_json(r#"{"name": "p"}"#)),
            "policer: missing key \"two-color\" (the policer's limits; libjet supports single-rate two-color policers)"
        );
        assert_eq!(
            error_of(Policer::from_json(
                r#"{"name": "p", "two-color": {"bandwidth": {"value": -5, "unit": "bps"}, "burst": {"value": 1, "unit": "bytes"}, "then": "discard"}}"#
            )),
            "policer.two-color.bandwidth.value: -5 is not a whole number from 0 to 18446744073709551615"
        );
        assert_eq!(
            error_of(Policer::from_json(
                r#"{"name": "p", "two-color": {"bandwidth": {"value": 5, "unit": "bps"}, "burst": {"value": 1, "unit": "bytes"}, "then": "drop"}}"#
            )),
            "policer.two-color.then: unknown policer action \"drop\" (expected \"discard\", {\"loss-priority\": ...} or {\"forwarding-class\": ...})"
        );
    }

    #[test]
    fn bindings_read_and_write() {
        let binding = Binding::from_json(
            r#"{"filter": "f", "family": "inet6", "interface": "ge-0/0/0.0", "direction": "output"}"#,
        )
        .unwrap();
        assert_eq!(
            binding,
            Binding {
                filter: "f".into(),
                family: Family::Inet6,
                point: BindPoint::Interface("ge-0/0/0.0".into()),
                direction: Direction::Output,
            }
        );
        assert_eq!(Binding::from_json(&binding.to_json()).unwrap(), binding);
        assert_eq!(
            error_of(Binding::from_json(
                r#"{"filter": "f", "family": "inet", "interface": "ge-0/0/0.0"}"#
            )),
            "binding: missing key \"direction\""
        );
    }
}
