//! Topics of Junos JET notifications, and MQTT 3.1.1 topic filters.
//!
//! A Junos device publishes each notification on an MQTT topic under
//! `/junos/events/`. The builders of [`Topic`] write the topic filter for one
//! kind of event, with a wildcard for every argument left out:
//!
//! | Event | Topic | Builder with every argument left out |
//! |---|---|---|
//! | IFD (physical interface) | `/junos/events/kernel/interfaces/ifd/<op>/<ifd>` | `/junos/events/kernel/interfaces/ifd/+/#` |
//! | IFL (logical interface) | `/junos/events/kernel/interfaces/ifl/<op>/<ifd>.<unit>` | `/junos/events/kernel/interfaces/ifl/+/+/+/+` |
//! | IFF (interface family) | `/junos/events/kernel/interfaces/iff/<op>/<ifd>.<unit>/<family>` | `/junos/events/kernel/interfaces/iff/+/+/+/+/+` |
//! | IFA (interface address) | `/junos/events/kernel/interfaces/ifa/<op>/<ifd>.<unit>/<family>/<addr>/<plen>` | `/junos/events/kernel/interfaces/ifa/+/+/+/+/+/#` |
//! | Firewall filter | `/junos/events/kernel/firewall/filter/<op>/<filter>` | `/junos/events/kernel/firewall/filter/+/#` |
//! | Route | `/junos/events/kernel/route/<op>/<family>/<addr>/<plen>` | `/junos/events/kernel/route/+/+/+/#` |
//! | Route table | `/junos/events/kernel/route-table/<op>/<table>/<lr>` | `/junos/events/kernel/route-table/+/+/#` |
//! | Syslog | `/junos/events/syslog/<EVENT_ID>` | `/junos/events/syslog/#` |
//! | Configuration commit | `/junos/events/genpub/config-update` | (no arguments) |
//! | Everything | `/junos/events/#` (kernel events only: `/junos/events/kernel/#`) | (no arguments) |
//!
//! `<op>` is `add`, `change` or `delete` ([`Op`]); [`Op::All`] writes `+`.
//!
//! # Wildcards for omitted arguments
//!
//! An omitted argument means "any value". The builders write the same
//! wildcards as Juniper's Python library (`jnpr.jet`, class `CreateTopic`):
//!
//! * The argument that ends the topic becomes `#`, which matches every
//!   remaining level however many there are: the interface name of IFD, the
//!   address of IFA, the filter name, the route's prefix length, the route
//!   table's logical router and the syslog event id. So "any IFD" is
//!   `/junos/events/kernel/interfaces/ifd/+/#` and sees `ge-0/0/0` and `lo0`
//!   alike.
//! * Every other omitted argument becomes one `+` per level it spans, so the
//!   arguments after it stay at their place. An interface name such as
//!   `ge-0/0/0` spans three levels, so "any interface" is `+/+/+` (for IFL,
//!   IFF and IFA the whole `<ifd>.<unit>` part); a family, a route address, a
//!   route table or an operation is one `+`.
//! * IFL and IFF end with the interface unit and the family, for which
//!   Juniper's library writes `+/+/+` and `+`, not `#`; so do these builders.
//!
//! An IFA address given without `/<plen>` matches any prefix length (`+`).
//!
//! **Limitation:** `+/+/+` matches only three-level interface names such as
//! `ge-0/0/0.0` or `xe-1/2/3.10`, not one-level names such as `lo0.0`,
//! `ae0.1` or `irb.10`. It stands for an omitted interface name wherever the
//! topic goes on after it, and in IFL's default, where Juniper's library
//! writes it too: [`Topic::ifl`] and [`Topic::iff`] without an interface,
//! and [`Topic::ifa`] without an interface but with a family or an address.
//! (The IFA default, ended by `#`, does see one-level names.) To see those
//! too, pass the name, or subscribe with a raw filter such as
//! `/junos/events/kernel/interfaces/ifl/+/#` ([`Topic::raw`]).
//!
//! # Validation
//!
//! Builders refuse, with [`ErrorKind::InvalidArgument`](crate::ErrorKind) and a
//! message naming the argument: empty names; names containing `+`, `#`,
//! whitespace or NUL; an interface name containing `.` (pass the unit as
//! `sub_unit`) or an empty level; `/` in a one-level name (filter, family,
//! table, logical router, event id); an address that is not IPv4 or IPv6; a
//! prefix length out of range for the address (0..=32 or 0..=128); a
//! `sub_unit` without an interface name, or an interface name without a
//! `sub_unit` where the topic names a logical interface. Addresses are
//! written in their canonical form (`2001:DB8::1` becomes `2001:db8::1`).

use std::fmt;
use std::net::IpAddr;

use crate::error::{Error, Result};

/// Prefix of every kernel event topic.
const KERNEL: &str = "/junos/events/kernel";
/// Prefix of every kernel interface topic.
const INTERFACES: &str = "/junos/events/kernel/interfaces";
/// Wildcard for one topic level.
const ANY: &str = "+";
/// Wildcard for an interface name of three levels, such as `ge-0/0/0`.
const ANY_IFD: &str = "+/+/+";
/// Wildcard for the rest of the topic, written for an omitted argument that
/// ends it (as Juniper's library does).
const ANY_REST: &str = "#";
/// Longest topic or filter MQTT allows, in bytes.
const MAX_LEN: usize = 65_535;
/// Longest prefix length of any address family (IPv6).
const MAX_PREFIX_LEN: u8 = 128;

/// The operation a kernel event reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    /// An object was added (`add`).
    Add,
    /// An object was changed (`change`).
    Change,
    /// An object was deleted (`delete`).
    Delete,
    /// Any of the three (the wildcard `+`).
    All,
}

impl Op {
    /// The topic level of the operation: `add`, `change`, `delete`, or `+` for
    /// [`Op::All`].
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Add => "add",
            Op::Change => "change",
            Op::Delete => "delete",
            Op::All => ANY,
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A valid MQTT 3.1.1 topic filter, ready to subscribe to.
///
/// Made by the builders below (one per kind of JET event) or by [`Topic::raw`]
/// from any filter.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Topic(String);

impl Topic {
    /// The filter as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The filter as an owned string.
    pub fn into_string(self) -> String {
        self.0
    }

    /// Physical interface (IFD) events:
    /// `/junos/events/kernel/interfaces/ifd/<op>/<ifd>`.
    ///
    /// `ifd_name` is a name such as `ge-0/0/0` or `lo0`; `None` means any
    /// name, of any number of levels (`#`).
    pub fn ifd(op: Op, ifd_name: Option<&str>) -> Result<Topic> {
        let ifd = match ifd_name {
            Some(name) => check_ifd_name(name)?,
            None => ANY_REST,
        };
        finish(format!("{INTERFACES}/ifd/{op}/{ifd}"))
    }

    /// Logical interface (IFL) events:
    /// `/junos/events/kernel/interfaces/ifl/<op>/<ifd>.<unit>`.
    ///
    /// Give both `ifd_name` and `sub_unit` (the unit number), or neither for
    /// any logical interface of a three-level name (`+/+/+`, as in Juniper's
    /// library; see the module documentation for its limitation).
    pub fn ifl(op: Op, ifd_name: Option<&str>, sub_unit: Option<u32>) -> Result<Topic> {
        let ifl = ifl_levels(ifd_name, sub_unit)?;
        finish(format!("{INTERFACES}/ifl/{op}/{ifl}"))
    }

    /// Interface family (IFF) events:
    /// `/junos/events/kernel/interfaces/iff/<op>/<ifd>.<unit>/<family>`.
    ///
    /// `ifd_name` and `sub_unit` go together as for [`Topic::ifl`] (`+/+/+`
    /// when both are omitted); `family` is a name such as `inet` or `inet6`,
    /// `None` for any (`+`).
    pub fn iff(
        op: Op,
        ifd_name: Option<&str>,
        sub_unit: Option<u32>,
        family: Option<&str>,
    ) -> Result<Topic> {
        let ifl = ifl_levels(ifd_name, sub_unit)?;
        let family = one_level("family", family)?;
        finish(format!("{INTERFACES}/iff/{op}/{ifl}/{family}"))
    }

    /// Interface address (IFA) events:
    /// `/junos/events/kernel/interfaces/ifa/<op>/<ifd>.<unit>/<family>/<addr>/<plen>`.
    ///
    /// `ifd_name` and `sub_unit` go together as for [`Topic::ifl`] (`+/+/+`
    /// when both are omitted); `family` is `+` when omitted. `address` is an
    /// IPv4 or IPv6 address with a prefix length (`192.0.2.1/32`), or without
    /// one to match any length (`+`); `None` matches any address and the rest
    /// of the topic (`#`). A `family` of `inet` or `inet6` must agree with the
    /// address.
    pub fn ifa(
        op: Op,
        ifd_name: Option<&str>,
        sub_unit: Option<u32>,
        family: Option<&str>,
        address: Option<&str>,
    ) -> Result<Topic> {
        let ifl = ifl_levels(ifd_name, sub_unit)?;
        let family_level = one_level("family", family)?;
        let address = match address {
            Some(text) => address_levels(text, family)?,
            None => ANY_REST.to_owned(),
        };
        finish(format!(
            "{INTERFACES}/ifa/{op}/{ifl}/{family_level}/{address}"
        ))
    }

    /// Firewall filter events:
    /// `/junos/events/kernel/firewall/filter/<op>/<filter>`; `None` for every
    /// filter (`#`).
    pub fn firewall_filter(op: Op, filter_name: Option<&str>) -> Result<Topic> {
        let filter = last_level("filter_name", filter_name)?;
        finish(format!("{KERNEL}/firewall/filter/{op}/{filter}"))
    }

    /// Route events: `/junos/events/kernel/route/<op>/<family>/<addr>/<plen>`.
    ///
    /// `address` is the route prefix without its length (`198.51.100.0`); the
    /// length goes in `prefix_length`, checked against the address when both
    /// are given (at most 128 otherwise). A `family` of `inet` or `inet6` must
    /// agree with the address. An omitted `family` or `address` is `+`; an
    /// omitted `prefix_length`, which ends the topic, is `#`.
    pub fn route(
        op: Op,
        family: Option<&str>,
        address: Option<&str>,
        prefix_length: Option<u8>,
    ) -> Result<Topic> {
        let family_level = one_level("family", family)?;
        let address = address
            .map(|text| route_address(text, family))
            .transpose()?;
        let prefix = match prefix_length {
            Some(len) => {
                check_prefix_len(len, address)?;
                len.to_string()
            }
            None => ANY_REST.to_owned(),
        };
        let address = address.map_or_else(|| ANY.to_owned(), |addr| addr.to_string());
        finish(format!(
            "{KERNEL}/route/{op}/{family_level}/{address}/{prefix}"
        ))
    }

    /// Route table events:
    /// `/junos/events/kernel/route-table/<op>/<table>/<lr>`.
    ///
    /// `table_name` is a name such as `inet.0` or `blue.inet.0`, `+` when
    /// omitted; `lr_name` a logical router name such as `default`, `#` when
    /// omitted.
    pub fn route_table(op: Op, table_name: Option<&str>, lr_name: Option<&str>) -> Result<Topic> {
        let table = one_level("table_name", table_name)?;
        let lr = last_level("lr_name", lr_name)?;
        finish(format!("{KERNEL}/route-table/{op}/{table}/{lr}"))
    }

    /// Syslog events: `/junos/events/syslog/<EVENT_ID>`, such as
    /// `LOGIN_INFORMATION`; `None` for every syslog event (`#`).
    pub fn syslog(event_id: Option<&str>) -> Result<Topic> {
        let id = last_level("event_id", event_id)?;
        finish(format!("/junos/events/syslog/{id}"))
    }

    /// Every JET event: `/junos/events/#`.
    pub fn all_events() -> Topic {
        Topic("/junos/events/#".to_owned())
    }

    /// Every kernel event (interfaces, firewall, routes):
    /// `/junos/events/kernel/#`.
    pub fn all_kernel_events() -> Topic {
        Topic("/junos/events/kernel/#".to_owned())
    }

    /// Configuration commits: `/junos/events/genpub/config-update`.
    pub fn config_update() -> Topic {
        Topic("/junos/events/genpub/config-update".to_owned())
    }

    /// Any MQTT 3.1.1 topic filter, taken as written once
    /// [`validate_filter`] accepts it.
    pub fn raw(filter: &str) -> Result<Topic> {
        validate_filter(filter)?;
        Ok(Topic(filter.to_owned()))
    }
}

impl fmt::Display for Topic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Topic {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<Topic> for String {
    fn from(topic: Topic) -> String {
        topic.0
    }
}

/// Whether the topic `topic` matches the filter `filter`, by the rules of MQTT
/// 3.1.1.
///
/// `+` matches exactly one level; `#` (the last level) matches the rest,
/// including the parent level (`a/#` matches `a`). A topic starting with `$`
/// is not matched by a filter starting with a wildcard. An invalid filter, or
/// a topic that is empty or contains `+`, `#` or NUL, matches nothing.
pub fn matches(filter: &str, topic: &str) -> bool {
    filter_problem(filter).is_none() && is_topic_name(topic) && matches_checked(filter, topic)
}

/// [`matches`] for a filter known to be valid (a [`Topic`]'s) and a topic
/// that passed [`is_topic_name`]: the hot path of message routing, which
/// checks each received topic once instead of once per subscription.
pub(crate) fn matches_checked(filter: &str, topic: &str) -> bool {
    let (filter, topic) = (filter.as_bytes(), topic.as_bytes());
    if topic.first() == Some(&b'$') && matches!(filter.first(), Some(b'+' | b'#')) {
        return false;
    }
    // The filter is literal runs and wildcard levels: each run is compared
    // at once, and each `+` passes over one level of the topic. In a valid
    // filter every `+` or `#` byte is a wildcard level.
    let (mut f, mut t) = (0, 0);
    loop {
        let wild = filter[f..]
            .iter()
            .position(|&b| b == b'+' || b == b'#')
            .map_or(filter.len(), |at| f + at);
        let literal = &filter[f..wild];
        let rest = &topic[t..];
        match filter.get(wild) {
            None => return rest == literal,
            // `a/#` matches `a` as well as what starts with `a/`.
            Some(b'#') => {
                return rest.starts_with(literal)
                    || literal
                        .split_last()
                        .is_some_and(|(_, parent)| rest == parent)
            }
            _ => {
                if !rest.starts_with(literal) {
                    return false;
                }
                t = level_end(topic, t + literal.len());
                f = wild + 1;
            }
        }
        // Both stand at the end of a level: a `/` or the end of the text.
        match (f == filter.len(), t == topic.len()) {
            (true, true) => return true,
            (true, false) => return false,
            (false, true) => return &filter[f..] == b"/#",
            // The next literal run starts with the `/` both have.
            (false, false) => {}
        }
    }
}

/// Whether the filter `filter` can match some topic a Junos device publishes:
/// every JET topic starts with `/junos/events/` and has at least one level
/// after it. A filter that cannot (`junos/events/#`, without the leading
/// slash, is the usual slip) subscribes fine and then receives nothing.
pub fn may_match_junos(filter: &str) -> bool {
    if filter_problem(filter).is_some() {
        return false;
    }
    let mut levels = filter.split('/');
    for wanted in ["", "junos", "events"] {
        match levels.next() {
            Some("#") => return true,
            Some(level) if level == wanted || level == "+" => {}
            _ => return false,
        }
    }
    // Some level must follow `/junos/events`.
    levels.next().is_some()
}

/// Where the level of `text` that starts at `from` ends: at its `/`, or at
/// the end of `text`.
fn level_end(text: &[u8], from: usize) -> usize {
    text[from..]
        .iter()
        .position(|&b| b == b'/')
        .map_or(text.len(), |at| from + at)
}

/// Checks the syntax of an MQTT 3.1.1 topic filter.
///
/// A filter is not empty, has at most 65535 bytes and no NUL; `#` appears only
/// as the whole last level and `+` only as a whole level.
pub fn validate_filter(filter: &str) -> Result<()> {
    match filter_problem(filter) {
        None => Ok(()),
        Some(why) if filter.len() <= 200 => Err(Error::invalid(format!(
            "invalid topic filter {filter:?}: {why}"
        ))),
        Some(why) => Err(Error::invalid(format!("invalid topic filter: {why}"))),
    }
}

/// Checks that `topic` is a topic name (what a message is published on, as
/// opposed to a filter): not empty, at most 65535 bytes, no NUL and no
/// wildcard (`+` or `#`).
pub fn validate_topic_name(topic: &str) -> Result<()> {
    if is_topic_name(topic) {
        return Ok(());
    }
    let why = "a topic name is not empty, has at most 65535 bytes and holds no '+', '#' or NUL";
    if topic.len() <= 200 {
        Err(Error::invalid(format!(
            "invalid topic name {topic:?}: {why}"
        )))
    } else {
        Err(Error::invalid(format!("invalid topic name: {why}")))
    }
}

/// What is wrong with a filter, if anything.
fn filter_problem(filter: &str) -> Option<&'static str> {
    if filter.is_empty() {
        return Some("it is empty");
    }
    if filter.len() > MAX_LEN {
        return Some("it is longer than 65535 bytes");
    }
    if filter.contains('\0') {
        return Some("it contains NUL");
    }
    let mut levels = filter.split('/').peekable();
    while let Some(level) = levels.next() {
        if level.contains('#') && (level != "#" || levels.peek().is_some()) {
            return Some("'#' must be a whole level and the last one");
        }
        if level.contains('+') && level != "+" {
            return Some("'+' must be a whole level");
        }
    }
    None
}

/// Whether `topic` is a valid topic name (what a message is published on).
pub(crate) fn is_topic_name(topic: &str) -> bool {
    !topic.is_empty()
        && topic.len() <= MAX_LEN
        && !topic.bytes().any(|b| matches!(b, b'+' | b'#' | 0))
}

/// Wraps a built topic, refusing one too long for MQTT.
fn finish(topic: String) -> Result<Topic> {
    if topic.len() > MAX_LEN {
        return Err(Error::invalid(format!(
            "the topic would be {} bytes long; MQTT allows at most 65535",
            topic.len()
        )));
    }
    Ok(Topic(topic))
}

/// The error for argument `arg` with value `value`.
fn refused(arg: &str, value: &str, why: &str) -> Error {
    Error::invalid(format!("invalid {arg} {value:?}: {why}"))
}

/// Checks what every name must satisfy, whatever its place in the topic.
fn check_name<'a>(arg: &str, value: &'a str) -> Result<&'a str> {
    let why = if value.is_empty() {
        "it is empty; leave the argument out to match any value"
    } else if value.contains('\0') {
        "it contains NUL"
    } else if value.contains('+') {
        "it contains the MQTT wildcard '+'; leave the argument out to match any value"
    } else if value.contains('#') {
        "it contains the MQTT wildcard '#'; leave the argument out to match any value"
    } else if value.contains(char::is_whitespace) {
        "it contains whitespace"
    } else {
        return Ok(value);
    };
    Err(refused(arg, value, why))
}

/// A name that fills one topic level, or `+` when omitted.
fn one_level<'a>(arg: &str, value: Option<&'a str>) -> Result<&'a str> {
    let Some(value) = value else {
        return Ok(ANY);
    };
    check_name(arg, value)?;
    if value.contains('/') {
        return Err(refused(
            arg,
            value,
            "it contains '/', but it must fill one topic level",
        ));
    }
    Ok(value)
}

/// A name that fills the last topic level, or `#` when omitted.
fn last_level<'a>(arg: &str, value: Option<&'a str>) -> Result<&'a str> {
    match value {
        Some(_) => one_level(arg, value),
        None => Ok(ANY_REST),
    }
}

/// An interface name such as `ge-0/0/0`, which may span several levels.
fn check_ifd_name(name: &str) -> Result<&str> {
    check_name("ifd_name", name)?;
    if name.contains('.') {
        return Err(refused(
            "ifd_name",
            name,
            "it contains '.'; give the physical interface name and pass the unit number as sub_unit",
        ));
    }
    if name.split('/').any(str::is_empty) {
        return Err(refused(
            "ifd_name",
            name,
            "it has an empty level (a leading, trailing or doubled '/')",
        ));
    }
    Ok(name)
}

/// The `<ifd>.<unit>` part of IFL, IFF and IFA topics.
fn ifl_levels(ifd_name: Option<&str>, sub_unit: Option<u32>) -> Result<String> {
    match (ifd_name, sub_unit) {
        (None, None) => Ok(ANY_IFD.to_owned()),
        (Some(name), Some(unit)) => Ok(format!("{}.{unit}", check_ifd_name(name)?)),
        (Some(name), None) => {
            check_ifd_name(name)?;
            Err(Error::invalid(format!(
                "sub_unit is required when ifd_name is given (ifd_name {name:?}): \
                 the topic names a logical interface such as \"{name}.0\""
            )))
        }
        (None, Some(unit)) => Err(Error::invalid(format!(
            "sub_unit {unit} needs an ifd_name: a topic cannot select one unit of any interface"
        ))),
    }
}

/// The `<addr>/<plen>` levels of an IFA topic, from `addr/plen` or `addr`.
fn address_levels(text: &str, family: Option<&str>) -> Result<String> {
    check_name("address", text)?;
    let (addr_text, len_text) = match text.split_once('/') {
        Some((addr, len)) => (addr, Some(len)),
        None => (text, None),
    };
    let addr = parse_address("address", text, addr_text, family)?;
    let len = match len_text {
        None => ANY.to_owned(),
        Some(len_text) => parse_prefix_len(text, len_text, addr)?.to_string(),
    };
    Ok(format!("{addr}/{len}"))
}

/// The address of a route topic; its length travels separately.
fn route_address(text: &str, family: Option<&str>) -> Result<IpAddr> {
    check_name("address", text)?;
    if text.contains('/') {
        return Err(refused(
            "address",
            text,
            "give the route prefix without '/<length>' and pass the length as prefix_length",
        ));
    }
    parse_address("address", text, text, family)
}

/// Parses an IPv4 or IPv6 address and checks it against a known family.
fn parse_address(arg: &str, text: &str, addr_text: &str, family: Option<&str>) -> Result<IpAddr> {
    let addr: IpAddr = addr_text
        .parse()
        .map_err(|_| refused(arg, text, "it is not an IPv4 or IPv6 address"))?;
    let clash = match family {
        Some("inet") => addr.is_ipv6(),
        Some("inet6") => addr.is_ipv4(),
        _ => false,
    };
    if clash {
        let family = family.unwrap_or_default();
        return Err(refused(
            arg,
            text,
            &format!("the address does not belong to family {family:?}"),
        ));
    }
    Ok(addr)
}

/// Parses the prefix length written after an IFA address.
fn parse_prefix_len(text: &str, len_text: &str, addr: IpAddr) -> Result<u8> {
    let digits_only = !len_text.is_empty() && len_text.bytes().all(|b| b.is_ascii_digit());
    let len = len_text.parse::<u8>().ok().filter(|_| digits_only);
    match len {
        Some(len) if len <= max_prefix_len(addr) => Ok(len),
        _ => Err(refused(
            "address",
            text,
            &format!(
                "the prefix length must be a number from 0 to {}",
                max_prefix_len(addr)
            ),
        )),
    }
}

/// Checks a route's prefix length, against its address when known.
fn check_prefix_len(len: u8, addr: Option<IpAddr>) -> Result<()> {
    let max = addr.map_or(MAX_PREFIX_LEN, max_prefix_len);
    if len > max {
        return Err(Error::invalid(format!(
            "invalid prefix_length {len}: it must be from 0 to {max}"
        )));
    }
    Ok(())
}

/// The longest prefix length of the address's family.
fn max_prefix_len(addr: IpAddr) -> u8 {
    match addr {
        IpAddr::V4(_) => 32,
        IpAddr::V6(_) => 128,
    }
}

mod matcher;
#[cfg(test)]
mod matching_tests;
mod name;

pub(crate) use matcher::Matcher;
pub(crate) use name::TopicName;

#[cfg(test)]
mod tests {
    #[test]
    fn filters_that_no_junos_topic_can_match_are_told_apart() {
        for good in [
            "#",
            "/#",
            "+/junos/#",
            "/junos/events/#",
            "/junos/events/kernel/interfaces/ifa/+/#",
            "/+/+/syslog/UI_COMMIT",
        ] {
            assert!(may_match_junos(good), "{good}");
        }
        for bad in [
            "junos/events/#",
            "/junos/events",
            "/junos/event/#",
            "junos/#",
            "/junos/events/+/#/x",
        ] {
            assert!(!may_match_junos(bad), "{bad}");
        }
    }

    use super::*;
    use crate::error::ErrorKind;

    const TOPICS_TSV: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/events/topics.tsv"
    ));

    /// The topic of sample `file` in topics.tsv.
    fn sample_topic(file: &str) -> &'static str {
        TOPICS_TSV
            .lines()
            .filter(|line| !line.starts_with('#'))
            .find_map(|line| {
                let mut fields = line.split('\t');
                (fields.next() == Some(file)).then(|| fields.next().unwrap())
            })
            .unwrap_or_else(|| panic!("{file} is not in topics.tsv"))
    }

    /// Every sample topic of one kind (by file name prefix).
    fn sample_topics(prefix: &str) -> Vec<&'static str> {
        let topics: Vec<_> = TOPICS_TSV
            .lines()
            .filter(|line| line.starts_with(prefix))
            .map(|line| line.split('\t').nth(1).unwrap())
            .collect();
        assert!(!topics.is_empty(), "no sample topic for {prefix}");
        topics
    }

    /// Asserts that `result` is an InvalidArgument error mentioning `words`.
    fn assert_refused(result: Result<Topic>, words: &str) {
        let err = result.expect_err("the arguments should be refused");
        assert_eq!(err.kind(), ErrorKind::InvalidArgument);
        assert!(
            err.message().contains(words),
            "message {:?} should contain {words:?}",
            err.message()
        );
    }

    fn topic(result: Result<Topic>) -> String {
        result
            .expect("the arguments should be accepted")
            .into_string()
    }

    #[test]
    fn op_levels() {
        assert_eq!(Op::Add.as_str(), "add");
        assert_eq!(Op::Change.as_str(), "change");
        assert_eq!(Op::Delete.as_str(), "delete");
        assert_eq!(Op::All.as_str(), "+");
        assert_eq!(Op::Delete.to_string(), "delete");
    }

    #[test]
    fn ifd_topics() {
        assert_eq!(
            topic(Topic::ifd(Op::All, None)),
            "/junos/events/kernel/interfaces/ifd/+/#"
        );
        assert_eq!(
            topic(Topic::ifd(Op::Change, None)),
            "/junos/events/kernel/interfaces/ifd/change/#"
        );
        assert_eq!(
            topic(Topic::ifd(Op::Add, Some("ge-0/0/0"))),
            "/junos/events/kernel/interfaces/ifd/add/ge-0/0/0"
        );
        assert_eq!(
            topic(Topic::ifd(Op::Delete, Some("lo0"))),
            "/junos/events/kernel/interfaces/ifd/delete/lo0"
        );
        assert_eq!(
            topic(Topic::ifd(Op::Add, Some("ge-0/0/0"))),
            sample_topic("ifd-add.json")
        );
    }

    #[test]
    fn ifl_topics() {
        // Juniper's library writes `+/+/+` here, not `#`.
        assert_eq!(
            topic(Topic::ifl(Op::All, None, None)),
            "/junos/events/kernel/interfaces/ifl/+/+/+/+"
        );
        assert_eq!(
            topic(Topic::ifl(Op::Delete, None, None)),
            "/junos/events/kernel/interfaces/ifl/delete/+/+/+"
        );
        assert_eq!(
            topic(Topic::ifl(Op::Change, Some("ge-0/0/0"), Some(0))),
            sample_topic("ifl-change.json")
        );
        assert_eq!(
            topic(Topic::ifl(Op::Add, Some("ae0"), Some(4094))),
            "/junos/events/kernel/interfaces/ifl/add/ae0.4094"
        );
    }

    #[test]
    fn iff_topics() {
        // Juniper's library writes `+` for the family, not `#`.
        assert_eq!(
            topic(Topic::iff(Op::All, None, None, None)),
            "/junos/events/kernel/interfaces/iff/+/+/+/+/+"
        );
        assert_eq!(
            topic(Topic::iff(Op::All, None, None, Some("inet6"))),
            "/junos/events/kernel/interfaces/iff/+/+/+/+/inet6"
        );
        assert_eq!(
            topic(Topic::iff(Op::Add, Some("ge-0/0/0"), Some(0), None)),
            "/junos/events/kernel/interfaces/iff/add/ge-0/0/0.0/+"
        );
        assert_eq!(
            topic(Topic::iff(
                Op::Add,
                Some("ge-0/0/0"),
                Some(0),
                Some("inet6")
            )),
            sample_topic("iff-add.json")
        );
    }

    #[test]
    fn ifa_topics() {
        assert_eq!(
            topic(Topic::ifa(Op::All, None, None, None, None)),
            "/junos/events/kernel/interfaces/ifa/+/+/+/+/+/#"
        );
        assert_eq!(
            topic(Topic::ifa(Op::Add, None, None, Some("inet"), None)),
            "/junos/events/kernel/interfaces/ifa/add/+/+/+/inet/#"
        );
        assert_eq!(
            topic(Topic::ifa(
                Op::Change,
                Some("ge-0/0/0"),
                Some(0),
                None,
                None
            )),
            "/junos/events/kernel/interfaces/ifa/change/ge-0/0/0.0/+/#"
        );
        assert_eq!(
            topic(Topic::ifa(
                Op::Delete,
                Some("lo0"),
                Some(0),
                Some("inet6"),
                None
            )),
            "/junos/events/kernel/interfaces/ifa/delete/lo0.0/inet6/#"
        );
        assert_eq!(
            topic(Topic::ifa(
                Op::Add,
                Some("xe-0/0/0"),
                Some(0),
                Some("inet"),
                Some("192.0.2.1/32")
            )),
            sample_topic("ifa-add.json")
        );
        assert_eq!(
            topic(Topic::ifa(Op::Delete, None, None, None, Some("192.0.2.1"))),
            "/junos/events/kernel/interfaces/ifa/delete/+/+/+/+/192.0.2.1/+"
        );
        assert_eq!(
            topic(Topic::ifa(
                Op::Add,
                Some("ge-0/0/1"),
                Some(10),
                Some("inet6"),
                Some("2001:DB8:0:0::1/64")
            )),
            "/junos/events/kernel/interfaces/ifa/add/ge-0/0/1.10/inet6/2001:db8::1/64"
        );
        assert_eq!(
            topic(Topic::ifa(Op::All, None, None, None, Some("::/0"))),
            "/junos/events/kernel/interfaces/ifa/+/+/+/+/+/::/0"
        );
    }

    #[test]
    fn firewall_topics() {
        assert_eq!(
            topic(Topic::firewall_filter(Op::All, None)),
            "/junos/events/kernel/firewall/filter/+/#"
        );
        assert_eq!(
            topic(Topic::firewall_filter(Op::Delete, None)),
            "/junos/events/kernel/firewall/filter/delete/#"
        );
        assert_eq!(
            topic(Topic::firewall_filter(Op::Add, Some("filter-by-jet"))),
            sample_topic("firewall-add.json")
        );
    }

    #[test]
    fn route_topics() {
        assert_eq!(
            topic(Topic::route(Op::All, None, None, None)),
            "/junos/events/kernel/route/+/+/+/#"
        );
        assert_eq!(
            topic(Topic::route(Op::Add, Some("inet"), None, None)),
            "/junos/events/kernel/route/add/inet/+/#"
        );
        assert_eq!(
            topic(Topic::route(
                Op::Add,
                Some("inet"),
                Some("198.51.100.0"),
                None
            )),
            "/junos/events/kernel/route/add/inet/198.51.100.0/#"
        );
        assert_eq!(
            topic(Topic::route(
                Op::Add,
                Some("inet"),
                Some("198.51.100.0"),
                Some(24)
            )),
            sample_topic("route-add.json")
        );
        assert_eq!(
            topic(Topic::route(Op::Delete, Some("inet6"), None, Some(128))),
            "/junos/events/kernel/route/delete/inet6/+/128"
        );
        assert_eq!(
            topic(Topic::route(Op::Change, None, Some("2001:db8::"), None)),
            "/junos/events/kernel/route/change/+/2001:db8::/#"
        );
        assert_eq!(
            topic(Topic::route(Op::All, None, None, Some(0))),
            "/junos/events/kernel/route/+/+/+/0"
        );
    }

    #[test]
    fn route_table_topics() {
        assert_eq!(
            topic(Topic::route_table(Op::All, None, None)),
            "/junos/events/kernel/route-table/+/+/#"
        );
        assert_eq!(
            topic(Topic::route_table(Op::Add, Some("inet.0"), None)),
            "/junos/events/kernel/route-table/add/inet.0/#"
        );
        assert_eq!(
            topic(Topic::route_table(
                Op::Add,
                Some("blue.inet.0"),
                Some("default")
            )),
            sample_topic("route-table-add.json")
        );
        assert_eq!(
            topic(Topic::route_table(Op::Delete, None, Some("lr1"))),
            "/junos/events/kernel/route-table/delete/+/lr1"
        );
    }

    #[test]
    fn syslog_and_fixed_topics() {
        assert_eq!(topic(Topic::syslog(None)), "/junos/events/syslog/#");
        assert_eq!(
            topic(Topic::syslog(Some("LOGIN_INFORMATION"))),
            sample_topic("syslog-login.json")
        );
        assert_eq!(
            topic(Topic::syslog(Some("UI_CHILD_STATUS"))),
            sample_topic("syslog-ui-commit.json")
        );
        assert_eq!(Topic::all_events().as_str(), "/junos/events/#");
        assert_eq!(
            Topic::all_kernel_events().as_str(),
            "/junos/events/kernel/#"
        );
        assert_eq!(
            Topic::config_update().as_str(),
            sample_topic("config-update.json")
        );
    }

    #[test]
    fn defaults_match_every_sample_of_their_kind() {
        let cases = [
            ("ifd-", Topic::ifd(Op::All, None)),
            ("doc-missing-comma", Topic::ifd(Op::All, None)),
            ("not-json", Topic::ifd(Op::All, None)),
            ("ifl-", Topic::ifl(Op::All, None, None)),
            ("iff-", Topic::iff(Op::All, None, None, None)),
            ("ifa-", Topic::ifa(Op::All, None, None, None, None)),
            ("firewall-", Topic::firewall_filter(Op::All, None)),
            ("route-add", Topic::route(Op::All, None, None, None)),
            ("route-table-", Topic::route_table(Op::All, None, None)),
            ("syslog-", Topic::syslog(None)),
            ("config-update", Ok(Topic::config_update())),
        ];
        for (prefix, filter) in cases {
            let filter = filter.unwrap();
            for sample in sample_topics(prefix) {
                assert!(matches(filter.as_str(), sample), "{filter} vs {sample}");
                assert!(matches(Topic::all_events().as_str(), sample));
            }
        }
        // Partial defaults: a wildcard before a given argument keeps the
        // levels after it in place.
        let partial = [
            (
                "ifa-",
                Topic::ifa(Op::Add, None, None, Some("inet"), Some("192.0.2.1")),
            ),
            ("ifa-", Topic::ifa(Op::Add, None, None, Some("inet"), None)),
            ("iff-", Topic::iff(Op::Add, None, None, Some("inet6"))),
            ("route-add", Topic::route(Op::Add, None, None, Some(24))),
            (
                "route-add",
                Topic::route(Op::Add, None, Some("198.51.100.0"), None),
            ),
            (
                "route-table-",
                Topic::route_table(Op::Add, None, Some("default")),
            ),
        ];
        for (prefix, filter) in partial {
            let filter = filter.unwrap();
            for sample in sample_topics(prefix) {
                assert!(matches(filter.as_str(), sample), "{filter} vs {sample}");
            }
        }
        // Kinds do not overlap: the IFD default does not take IFL events, nor
        // the route default route-table events.
        let ifd = Topic::ifd(Op::All, None).unwrap();
        for sample in sample_topics("ifl-") {
            assert!(!matches(ifd.as_str(), sample));
        }
        let route = Topic::route(Op::All, None, None, None).unwrap();
        for sample in sample_topics("route-table-") {
            assert!(!matches(route.as_str(), sample));
        }
        let kernel = Topic::all_kernel_events();
        assert!(!matches(kernel.as_str(), sample_topic("syslog-login.json")));
        assert!(matches(kernel.as_str(), sample_topic("route-add.json")));
    }

    #[test]
    fn one_level_interface_names() {
        let filter = |topic: Result<Topic>| topic.unwrap().into_string();
        // `#` at the end sees names of any number of levels.
        let ifd = filter(Topic::ifd(Op::All, None));
        assert!(matches(&ifd, "/junos/events/kernel/interfaces/ifd/add/lo0"));
        assert!(matches(
            &ifd,
            "/junos/events/kernel/interfaces/ifd/add/ge-0/0/0"
        ));
        let ifa = filter(Topic::ifa(Op::All, None, None, None, None));
        for sample in [
            "/junos/events/kernel/interfaces/ifa/add/lo0.0/inet/127.0.0.1/32",
            "/junos/events/kernel/interfaces/ifa/delete/irb.10/inet6/2001:db8::1/64",
            "/junos/events/kernel/interfaces/ifa/add/ge-0/0/0.0/inet/192.0.2.1/32",
        ] {
            assert!(matches(&ifa, sample), "{ifa} vs {sample}");
        }
        // `+/+/+` sees only three-level names.
        let misses = [
            (
                Topic::ifl(Op::All, None, None),
                "/junos/events/kernel/interfaces/ifl/add/lo0.0",
            ),
            (
                Topic::iff(Op::All, None, None, None),
                "/junos/events/kernel/interfaces/iff/add/lo0.0/inet",
            ),
            (
                Topic::ifa(Op::All, None, None, Some("inet"), None),
                "/junos/events/kernel/interfaces/ifa/add/lo0.0/inet/127.0.0.1/32",
            ),
        ];
        for (topic, sample) in misses {
            let topic = filter(topic);
            assert!(!matches(&topic, sample), "{topic} vs {sample}");
        }
        let raw = Topic::raw("/junos/events/kernel/interfaces/ifl/+/#").unwrap();
        assert!(matches(
            raw.as_str(),
            "/junos/events/kernel/interfaces/ifl/add/lo0.0"
        ));
    }

    #[test]
    fn bad_names_are_refused() {
        assert_refused(Topic::ifd(Op::Add, Some("")), "ifd_name");
        assert_refused(Topic::ifd(Op::Add, Some("ge+0")), "'+'");
        assert_refused(Topic::ifd(Op::Add, Some("ge-0/0/#")), "'#'");
        assert_refused(Topic::ifd(Op::Add, Some("ge 0/0/0")), "whitespace");
        assert_refused(Topic::ifd(Op::Add, Some("ge-0/0/0\t")), "whitespace");
        assert_refused(Topic::ifd(Op::Add, Some("ge\0")), "NUL");
        assert_refused(Topic::ifd(Op::Add, Some("ge-0/0/0.0")), "sub_unit");
        assert_refused(Topic::ifd(Op::Add, Some("ge-0//0")), "empty level");
        assert_refused(Topic::ifd(Op::Add, Some("/ge-0/0/0")), "empty level");
        assert_refused(Topic::ifd(Op::Add, Some("ge-0/0/0/")), "empty level");
        assert_refused(Topic::firewall_filter(Op::Add, Some("")), "filter_name");
        assert_refused(Topic::firewall_filter(Op::Add, Some("a/b")), "filter_name");
        assert_refused(Topic::firewall_filter(Op::Add, Some("f#")), "'#'");
        assert_refused(Topic::iff(Op::Add, None, None, Some("in/et")), "family");
        assert_refused(Topic::iff(Op::Add, None, None, Some("+")), "family");
        assert_refused(Topic::route(Op::Add, Some("in et"), None, None), "family");
        assert_refused(Topic::route_table(Op::Add, Some("a/b"), None), "table_name");
        assert_refused(Topic::route_table(Op::Add, None, Some("")), "lr_name");
        assert_refused(Topic::route_table(Op::Add, None, Some("d/e")), "lr_name");
        assert_refused(Topic::syslog(Some("UI/X")), "event_id");
        assert_refused(Topic::syslog(Some("")), "event_id");
        assert_refused(Topic::syslog(Some("A B")), "event_id");
        assert_refused(Topic::syslog(Some("#")), "event_id");
    }

    #[test]
    fn interface_and_unit_go_together() {
        assert_refused(
            Topic::ifl(Op::Add, Some("ge-0/0/0"), None),
            "sub_unit is required",
        );
        assert_refused(Topic::ifl(Op::Add, None, Some(0)), "needs an ifd_name");
        assert_refused(
            Topic::iff(Op::Add, Some("ge-0/0/0"), None, None),
            "sub_unit",
        );
        assert_refused(Topic::iff(Op::Add, None, Some(1), None), "ifd_name");
        assert_refused(
            Topic::ifa(Op::Add, Some("ge-0/0/0"), None, None, None),
            "sub_unit",
        );
        assert_refused(Topic::ifa(Op::Add, None, Some(1), None, None), "ifd_name");
        assert_refused(Topic::ifl(Op::Add, Some("ge-0/0/0.1"), Some(1)), "sub_unit");
        assert_refused(Topic::ifl(Op::Add, Some("ge 0"), None), "whitespace");
    }

    #[test]
    fn bad_addresses_are_refused() {
        let ifa = |address: &str| Topic::ifa(Op::Add, None, None, None, Some(address));
        assert_refused(ifa(""), "address");
        assert_refused(ifa("192.0.2"), "not an IPv4 or IPv6");
        assert_refused(ifa("host.example"), "not an IPv4 or IPv6");
        assert_refused(ifa("192.0.2.1/33"), "0 to 32");
        assert_refused(ifa("2001:db8::1/129"), "0 to 128");
        assert_refused(ifa("192.0.2.1/"), "prefix length");
        assert_refused(ifa("192.0.2.1/+1"), "'+'");
        assert_refused(ifa("192.0.2.1/-1"), "prefix length");
        assert_refused(ifa("192.0.2.1/1/2"), "prefix length");
        assert_refused(ifa("192.0.2.1/ 8"), "whitespace");
        assert_refused(ifa("fe80::1%ge-0/0/0"), "not an IPv4 or IPv6");
        assert_refused(
            Topic::ifa(Op::Add, None, None, Some("inet6"), Some("192.0.2.1")),
            "family \"inet6\"",
        );
        assert_refused(
            Topic::ifa(Op::Add, None, None, Some("inet"), Some("2001:db8::1/64")),
            "family \"inet\"",
        );

        let route = |address, len| Topic::route(Op::Add, None, address, len);
        assert_refused(route(Some("198.51.100.0/24"), None), "prefix_length");
        assert_refused(route(Some("198.51.100"), None), "not an IPv4 or IPv6");
        assert_refused(route(Some("198.51.100.0"), Some(33)), "0 to 32");
        assert_refused(route(Some("2001:db8::"), Some(129)), "0 to 128");
        assert_refused(route(None, Some(129)), "0 to 128");
        assert_refused(
            Topic::route(Op::Add, Some("inet"), Some("2001:db8::"), None),
            "family",
        );
        assert_eq!(
            topic(route(Some("198.51.100.0"), Some(32))),
            "/junos/events/kernel/route/add/+/198.51.100.0/32"
        );
        assert_eq!(
            topic(route(None, Some(128))),
            "/junos/events/kernel/route/add/+/+/128"
        );
    }

    #[test]
    fn overlong_topics_are_refused() {
        let long = "x".repeat(MAX_LEN);
        assert_refused(Topic::syslog(Some(&long)), "65535");
        assert_refused(Topic::raw(&format!("a/{long}")), "65535");
        assert!(Topic::raw(&long).is_ok());
    }

    #[test]
    fn raw_filters() {
        for good in [
            "#",
            "+",
            "/",
            "a",
            "/junos/events/#",
            "+/+",
            "/+",
            "a//b",
            "sport/tennis/+/player1/#",
            "$SYS/#",
            "a b/c",
        ] {
            let topic = Topic::raw(good).unwrap();
            assert_eq!(topic.as_str(), good);
            assert_eq!(topic.to_string(), good);
        }
        assert_refused(Topic::raw(""), "empty");
        assert_refused(Topic::raw("a\0b"), "NUL");
        assert_refused(Topic::raw("a/#/b"), "'#'");
        assert_refused(Topic::raw("a#"), "'#'");
        assert_refused(Topic::raw("a/b#"), "'#'");
        assert_refused(Topic::raw("##"), "'#'");
        assert_refused(Topic::raw("a+"), "'+'");
        assert_refused(Topic::raw("a/+b/c"), "'+'");
        assert_refused(Topic::raw("++"), "'+'");
        assert!(validate_filter("a/+/#").is_ok());
        let err = validate_filter(&"#a".repeat(200)).unwrap_err();
        assert!(
            !err.message().contains("#a#a"),
            "long filters are not echoed"
        );
    }

    #[test]
    fn mqtt_matching() {
        let yes = [
            ("#", "a"),
            ("#", "a/b/c"),
            ("#", "/a"),
            ("a/#", "a"),
            ("a/#", "a/"),
            ("a/#", "a/b/c"),
            ("+", "a"),
            ("+/+", "/a"),
            ("+/+", "/"),
            ("/+", "/a"),
            ("a/+/c", "a/b/c"),
            ("a/+/c", "a//c"),
            ("a/b", "a/b"),
            ("+/#", "a"),
            ("$SYS/#", "$SYS/broker"),
            ("$SYS/+", "$SYS/x"),
            ("a/$b/+", "a/$b/c"),
        ];
        for (filter, topic) in yes {
            assert!(matches(filter, topic), "{filter} should match {topic}");
        }
        let no = [
            ("a/+", "a"),
            ("+", "/a"),
            ("+", "a/b"),
            ("a/b", "a/b/c"),
            ("a/b/c", "a/b"),
            ("a/b", "A/b"),
            ("/a", "a"),
            ("#", "$SYS/broker"),
            ("+/broker", "$SYS/broker"),
            ("#", ""),
            ("a/+/c", "a/+/c"),
            ("a/#", "a/#"),
            ("a", "a\0"),
            ("a/#/b", "a/x/b"),
            ("a+", "a+"),
            ("", ""),
        ];
        for (filter, topic) in no {
            assert!(!matches(filter, topic), "{filter} should not match {topic}");
        }
    }

    #[test]
    fn topic_names_with_wildcards_are_refused() {
        for bad in ["a/+", "a/#", "+", "#", "", "a\0"] {
            let error = validate_topic_name(bad).unwrap_err();
            assert_eq!(error.kind(), crate::ErrorKind::InvalidArgument, "{bad:?}");
        }
        assert!(validate_topic_name(&"x".repeat(MAX_LEN + 1)).is_err());
        for good in ["a", "/junos/events/syslog/UI_COMMIT", "$SYS/broker", "a//b"] {
            validate_topic_name(good).unwrap();
        }
    }
}
