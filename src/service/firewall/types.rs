//! The native firewall types, their names and their validation.
//!
//! Everything here is independent of the wire: `jnx.rs` and `legacy.rs`
//! convert these types to the two IDL generations, `json.rs` gives them their
//! JSON form.

use crate::error::{Error, Result};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::HashMap;
use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

/// The longest name libjet accepts, in bytes: filter, term, counter, policer,
/// routing-instance, interface and forwarding-class names.
///
/// libjet's choice: neither IDL sets a limit, and the device may refuse
/// shorter names than this.
pub const MAX_NAME_LEN: usize = 255;

// ---- Paths in documents, for error messages ----

#[derive(Clone, Copy)]
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// Where a value sits in a document, for error messages:
/// `filter.terms[1].matches.source-ports[0]`.
///
/// A linked list on the stack: nothing is allocated until an error is made.
#[derive(Clone, Copy)]
pub(crate) struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Segment<'a>,
}

impl<'a> Path<'a> {
    /// The top of a document, named after what it is ("filter", "policer").
    pub(crate) fn root(name: &'a str) -> Path<'a> {
        Path {
            parent: None,
            segment: Segment::Key(name),
        }
    }

    /// The value under `key`.
    pub(crate) fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Key(key),
        }
    }

    /// The element at `index` of a list.
    pub(crate) fn index(&'a self, index: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Index(index),
        }
    }

    /// An [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument)
    /// error about the value here: "`<path>`: `<what>`".
    pub(crate) fn error(&self, what: impl fmt::Display) -> Error {
        Error::invalid(format!("{self}: {what}"))
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            parent.fmt(f)?;
        }
        match self.segment {
            Segment::Key(key) if self.parent.is_some() => write!(f, ".{key}"),
            Segment::Key(key) => f.write_str(key),
            Segment::Index(index) => write!(f, "[{index}]"),
        }
    }
}

/// Checks a name: not empty, at most [`MAX_NAME_LEN`] bytes, no NUL, no
/// whitespace, no control characters.
pub(crate) fn check_name(path: &Path<'_>, name: &str) -> Result<()> {
    if name.is_empty() {
        return Err(path.error("empty name"));
    }
    if name.len() > MAX_NAME_LEN {
        return Err(path.error(format!(
            "name is {} bytes long; the limit is {MAX_NAME_LEN}",
            name.len()
        )));
    }
    if name.contains('\0') {
        return Err(path.error("name contains a NUL character"));
    }
    if let Some(c) = name.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(path.error(format!(
            "name {name:?} contains {c:?}; names take no whitespace or control characters"
        )));
    }
    Ok(())
}

// ---- Enumerations with names ----

/// Declares a field-less enum whose values have fixed names (its JSON and CLI
/// form), with `ALL`, `name`, `from_name`, `Display`, `FromStr` and serde.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($what:literal) {
            $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The value's name, as written in JSON.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// The value called `name`, if there is one.
            pub fn from_name(name: &str) -> Option<$name> {
                match name {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }

        impl FromStr for $name {
            type Err = Error;

            fn from_str(text: &str) -> Result<$name> {
                $name::from_name(text).ok_or_else(|| {
                    let names: Vec<&str> = $name::ALL.iter().map(|v| v.name()).collect();
                    Error::invalid(format!(
                        "unknown {} {:?} (expected {})",
                        $what,
                        text,
                        names.join(", ")
                    ))
                })
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.name())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<$name, D::Error> {
                let text = String::deserialize(deserializer)?;
                text.parse()
                    .map_err(|error: Error| serde::de::Error::custom(error.message()))
            }
        }
    };
}

named_enum! {
    /// The address family of a filter.
    pub enum Family ("family") {
        /// IPv4 (`family inet`).
        Inet = "inet",
        /// IPv6 (`family inet6`).
        Inet6 = "inet6",
    }
}

impl Family {
    /// The longest prefix of the family: 32 or 128.
    pub fn max_prefix_len(self) -> u8 {
        match self {
            Family::Inet => 32,
            Family::Inet6 => 128,
        }
    }
}

named_enum! {
    /// A fragment condition (`fragment-flags` / `is-fragment` in Junos).
    ///
    /// JSON also accepts `"none"`, which means no fragment condition (the same
    /// as leaving `fragment` out, and the wire's `FRAGMENT_NONE`).
    pub enum Fragment ("fragment condition") {
        /// The DF bit is set.
        DontFragment = "dont-fragment",
        /// Any fragment.
        IsFragment = "is-fragment",
        /// The first fragment.
        FirstFragment = "first-fragment",
        /// The last fragment.
        LastFragment = "last-fragment",
    }
}

named_enum! {
    /// The direction a filter is bound in.
    pub enum Direction ("direction") {
        /// Packets entering the interface.
        Input = "input",
        /// Packets leaving the interface.
        Output = "output",
    }
}

named_enum! {
    /// What a [`TermChange`] does.
    pub enum TermOp ("term operation") {
        /// Adds the term.
        Add = "add",
        /// Deletes the term (only its name is sent).
        Delete = "delete",
        /// Replaces the term of the same name.
        Replace = "replace",
    }
}

named_enum! {
    /// The ICMP (or ICMPv6) message a `reject` action answers with.
    ///
    /// The first 17 are the ICMP reasons (inet on both generations; the
    /// legacy IDL has this one list for inet6 too). The others exist only on
    /// the jnx wire's inet6 list (`ActionIcmp6RejectReason`), which also has
    /// `administratively-prohibited` and `port-unreachable` but no
    /// `tcp-reset`. The names are the IDL's, in kebab case.
    pub enum RejectReason ("reject reason") {
        /// ICMP/ICMPv6 administratively prohibited (Junos's default).
        AdministrativelyProhibited = "administratively-prohibited",
        /// ICMP bad host type of service.
        BadHostTos = "bad-host-tos",
        /// ICMP bad network type of service.
        BadNetworkTos = "bad-network-tos",
        /// ICMP fragmentation needed.
        FragmentationNeeded = "fragmentation-needed",
        /// ICMP host prohibited.
        HostProhibited = "host-prohibited",
        /// ICMP host unknown.
        HostUnknown = "host-unknown",
        /// ICMP host unreachable.
        HostUnreachable = "host-unreachable",
        /// ICMP network prohibited.
        NetworkProhibited = "network-prohibited",
        /// ICMP network unknown.
        NetworkUnknown = "network-unknown",
        /// ICMP network unreachable.
        NetworkUnreachable = "network-unreachable",
        /// ICMP/ICMPv6 port unreachable.
        PortUnreachable = "port-unreachable",
        /// ICMP precedence cutoff.
        PrecedenceCutoff = "precedence-cutoff",
        /// ICMP precedence violation.
        PrecedenceViolation = "precedence-violation",
        /// ICMP protocol unreachable.
        ProtocolUnreachable = "protocol-unreachable",
        /// ICMP source host isolated.
        SourceHostIsolated = "source-host-isolated",
        /// ICMP source route failed.
        SourceRouteFailed = "source-route-failed",
        /// A TCP reset (inet; and inet6 on the legacy wire).
        TcpReset = "tcp-reset",
        /// ICMPv6 no route to destination.
        NoRouteToDestination = "no-route-to-destination",
        /// ICMPv6 beyond scope of source address.
        BeyondScope = "beyond-scope",
        /// ICMPv6 address unreachable.
        AddressUnreachable = "address-unreachable",
        /// ICMPv6 hop limit exceeded in transit.
        TtlEqualToZeroDuringTransit = "ttl-equal-to-zero-during-transit",
        /// ICMPv6 fragment reassembly time exceeded.
        TtlEqualToZeroDuringReassembly = "ttl-equal-to-zero-during-reassembly",
        /// ICMPv6 erroneous header field.
        Ip6HeaderBad = "ip6-header-bad",
        /// ICMPv6 unrecognized IPv6 option.
        UnrecognizedOption = "unrecognized-option",
        /// ICMPv6 unrecognized next header.
        UnrecognizedNextHeader = "unrecognized-next-header",
        /// ICMPv6 router renumbering command.
        RouterRenumberingCommand = "router-renumbering-command",
        /// ICMPv6 router renumbering result.
        RouterRenumberingResult = "router-renumbering-result",
        /// ICMPv6 sequence number reset.
        SequenceNumberReset = "sequence-number-reset",
    }
}

impl RejectReason {
    /// Whether the reason is on the ICMP list (inet; legacy inet6).
    pub fn is_icmp(self) -> bool {
        (self as usize) <= RejectReason::TcpReset as usize
    }

    /// Whether the reason is on the jnx wire's ICMPv6 list (jnx inet6).
    pub fn is_icmp6(self) -> bool {
        !self.is_icmp()
            || matches!(
                self,
                RejectReason::AdministrativelyProhibited | RejectReason::PortUnreachable
            )
    }
}

named_enum! {
    /// The unit of a policer's bandwidth. `k` is 1000, as in the Junos CLI.
    pub enum RateUnit ("rate unit") {
        /// Bits per second.
        Bps = "bps",
        /// 1000 bits per second.
        Kbps = "kbps",
        /// 1 000 000 bits per second.
        Mbps = "mbps",
        /// 1 000 000 000 bits per second.
        Gbps = "gbps",
    }
}

named_enum! {
    /// The unit of a policer's burst size. `k` is 1000, as in the Junos CLI.
    pub enum SizeUnit ("size unit") {
        /// Bytes.
        Bytes = "bytes",
        /// 1000 bytes.
        Kbytes = "kbytes",
        /// 1 000 000 bytes.
        Mbytes = "mbytes",
        /// 1 000 000 000 bytes.
        Gbytes = "gbytes",
    }
}

named_enum! {
    /// A packet loss priority.
    pub enum LossPriority ("loss priority") {
        /// High.
        High = "high",
        /// Medium-high.
        MediumHigh = "medium-high",
        /// Medium-low.
        MediumLow = "medium-low",
        /// Low.
        Low = "low",
    }
}

named_enum! {
    /// Whether a policer is shared by the terms of a filter.
    pub enum PolicerScope ("policer scope") {
        /// Each term that names the policer gets its own instance (the Junos
        /// default; the default here).
        TermSpecific = "term-specific",
        /// One instance for the whole filter.
        FilterSpecific = "filter-specific",
    }
}

// ---- Protocols ----

/// The IP protocol names libjet knows, with their numbers. Elsewhere give the
/// number.
pub const PROTOCOLS: &[(&str, u8)] = &[
    ("icmp", 1),
    ("igmp", 2),
    ("ipip", 4),
    ("tcp", 6),
    ("egp", 8),
    ("udp", 17),
    ("ipv6", 41),
    ("rsvp", 46),
    ("gre", 47),
    ("esp", 50),
    ("ah", 51),
    ("icmp6", 58),
    ("ospf", 89),
    ("pim", 103),
    ("vrrp", 112),
    ("sctp", 132),
];

/// The number of the protocol called `name` in [`PROTOCOLS`].
pub fn protocol_number(name: &str) -> Option<u8> {
    PROTOCOLS
        .iter()
        .find(|(known, _)| *known == name)
        .map(|&(_, number)| number)
}

/// The name of protocol `number` in [`PROTOCOLS`].
pub fn protocol_name(number: u8) -> Option<&'static str> {
    PROTOCOLS
        .iter()
        .find(|&&(_, known)| known == number)
        .map(|&(name, _)| name)
}

// ---- Match conditions ----

/// An IPv4 or IPv6 prefix: an address and a prefix length that fits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Prefix {
    addr: IpAddr,
    len: u8,
}

impl Prefix {
    /// `addr/len`; refused if `len` is longer than the address (32 or 128).
    ///
    /// Host bits are kept as given: the device decides what to make of them.
    pub fn new(addr: IpAddr, len: u8) -> Result<Prefix> {
        let max = Prefix::host(addr).len;
        if len > max {
            return Err(Error::invalid(format!(
                "prefix length {len} is longer than {max} ({addr})"
            )));
        }
        Ok(Prefix { addr, len })
    }

    /// The one-address prefix of `addr` (/32 or /128).
    pub fn host(addr: IpAddr) -> Prefix {
        let len = if addr.is_ipv4() { 32 } else { 128 };
        Prefix { addr, len }
    }

    /// The address.
    pub fn addr(&self) -> IpAddr {
        self.addr
    }

    /// The prefix length.
    pub fn prefix_len(&self) -> u8 {
        self.len
    }

    /// The family of the address.
    pub fn family(&self) -> Family {
        if self.addr.is_ipv4() {
            Family::Inet
        } else {
            Family::Inet6
        }
    }
}

impl FromStr for Prefix {
    type Err = Error;

    /// Parses `"192.0.2.0/24"`, `"2001:db8::/32"`, or an address alone (a
    /// host prefix).
    fn from_str(text: &str) -> Result<Prefix> {
        let (addr_text, len_text) = match text.split_once('/') {
            Some((addr, len)) => (addr, Some(len)),
            None => (text, None),
        };
        let addr: IpAddr = addr_text
            .parse()
            .map_err(|_| Error::invalid(format!("{text:?} is not an IP address or prefix")))?;
        match len_text {
            None => Ok(Prefix::host(addr)),
            Some(len_text) => {
                let len: u8 = len_text.parse().map_err(|_| {
                    Error::invalid(format!(
                        "{text:?}: the prefix length {len_text:?} is not a number"
                    ))
                })?;
                Prefix::new(addr, len)
                    .map_err(|error| Error::invalid(format!("{text:?}: {}", error.message())))
            }
        }
    }
}

impl fmt::Display for Prefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.len)
    }
}

impl Serialize for Prefix {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Prefix {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Prefix, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse()
            .map_err(|error: Error| serde::de::Error::custom(error.message()))
    }
}

/// A match on addresses within a prefix, or (`except`) outside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AddressMatch {
    /// The prefix.
    pub prefix: Prefix,
    /// Match the addresses *not* in the prefix (the wire's `NOT_EQUAL`).
    pub except: bool,
}

impl AddressMatch {
    /// The same match, negated: everything but the prefix.
    pub fn except(self) -> AddressMatch {
        AddressMatch {
            except: true,
            ..self
        }
    }
}

impl From<Prefix> for AddressMatch {
    fn from(prefix: Prefix) -> AddressMatch {
        AddressMatch {
            prefix,
            except: false,
        }
    }
}

impl FromStr for AddressMatch {
    type Err = Error;

    /// Parses a prefix (see [`Prefix`]); the match is not negated.
    fn from_str(text: &str) -> Result<AddressMatch> {
        text.parse::<Prefix>().map(AddressMatch::from)
    }
}

/// A match on a value or a range of values `min..=max` (ports, protocols,
/// ICMP types and codes, DSCP, packet lengths, TTLs), or (`except`) on every
/// other value. One value is `min == max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RangeMatch<T> {
    /// The lowest value matched.
    pub min: T,
    /// The highest value matched.
    pub max: T,
    /// Match the values *outside* the range (the wire's `NOT_EQUAL`).
    pub except: bool,
}

impl<T: Copy> RangeMatch<T> {
    /// A match on one value.
    pub fn value(value: T) -> RangeMatch<T> {
        RangeMatch {
            min: value,
            max: value,
            except: false,
        }
    }

    /// A match on `min..=max`.
    pub fn range(min: T, max: T) -> RangeMatch<T> {
        RangeMatch {
            min,
            max,
            except: false,
        }
    }

    /// The same match, negated: every value outside the range.
    pub fn except(self) -> RangeMatch<T> {
        RangeMatch {
            except: true,
            ..self
        }
    }
}

/// The match conditions of a term; a packet must meet all of them. Each list
/// matches if any of its elements does; an empty list matches everything.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Matches {
    /// Source addresses.
    pub source_addresses: Vec<AddressMatch>,
    /// Destination addresses.
    pub destination_addresses: Vec<AddressMatch>,
    /// Source or destination addresses (Junos `address`).
    pub addresses: Vec<AddressMatch>,
    /// Source ports.
    pub source_ports: Vec<RangeMatch<u16>>,
    /// Destination ports.
    pub destination_ports: Vec<RangeMatch<u16>>,
    /// Source or destination ports (Junos `port`).
    pub ports: Vec<RangeMatch<u16>>,
    /// IP protocols (inet) or payload protocols (inet6).
    pub protocols: Vec<RangeMatch<u8>>,
    /// ICMP (inet) or ICMPv6 (inet6) types.
    pub icmp_types: Vec<RangeMatch<u8>>,
    /// ICMP (inet) or ICMPv6 (inet6) codes.
    pub icmp_codes: Vec<RangeMatch<u8>>,
    /// DSCP code points, 0–63.
    pub dscp: Vec<RangeMatch<u8>>,
    /// Packet lengths in bytes.
    pub packet_lengths: Vec<RangeMatch<u16>>,
    /// TTLs; inet only (neither IDL has a TTL match for inet6).
    pub ttls: Vec<RangeMatch<u8>>,
    /// A fragment condition.
    pub fragment: Option<Fragment>,
    /// Incoming logical interfaces (IFL names such as `ge-0/0/0.0`).
    pub interfaces: Vec<String>,
}

impl Matches {
    /// Whether there is no condition at all (the term matches every packet).
    pub fn is_empty(&self) -> bool {
        *self == Matches::default()
    }
}

// ---- Actions ----

/// The action that ends a term's processing.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Terminating {
    /// Accept the packet.
    Accept,
    /// Drop the packet silently.
    Discard,
    /// Drop the packet and answer with an ICMP message (or a TCP reset).
    Reject(RejectReason),
    /// Forward the packet with the named routing instance's table.
    RoutingInstance(String),
}

impl Terminating {
    /// The action's JSON key: "accept", "discard", "reject", "routing-instance".
    pub fn name(&self) -> &'static str {
        match self {
            Terminating::Accept => "accept",
            Terminating::Discard => "discard",
            Terminating::Reject(_) => "reject",
            Terminating::RoutingInstance(_) => "routing-instance",
        }
    }
}

/// The actions of a term: at most one terminating action plus any of the
/// others. No actions at all is Junos's implicit accept.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Actions {
    /// The terminating action, if any.
    pub terminating: Option<Terminating>,
    /// Count the packets into the named counter.
    pub count: Option<String>,
    /// Log the packet header.
    pub log: bool,
    /// Send the packet header to syslog.
    pub syslog: bool,
    /// Police with the named policer (added before with a policer add).
    pub policer: Option<String>,
    /// Go on with the next term (no terminating action then).
    pub next_term: bool,
}

impl Actions {
    /// Whether there is no action at all.
    pub fn is_empty(&self) -> bool {
        *self == Actions::default()
    }

    /// Whether any non-terminating action is set.
    pub fn has_non_terminating(&self) -> bool {
        self.count.is_some() || self.log || self.syslog || self.policer.is_some() || self.next_term
    }
}

// ---- Terms and filters ----

/// A term: a name, match conditions and actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term's name, unique in its filter.
    pub name: String,
    /// What the term matches.
    pub matches: Matches,
    /// What the term does with what it matches.
    pub actions: Actions,
}

impl Term {
    /// A term that matches everything and has no action (yet).
    pub fn new(name: impl Into<String>) -> Term {
        Term {
            name: name.into(),
            matches: Matches::default(),
            actions: Actions::default(),
        }
    }

    /// Checks the term for a filter of `family` (see [`Filter::validate`]).
    pub fn validate(&self, family: Family) -> Result<()> {
        self.validate_at(family, &Path::root("term"))
    }

    pub(crate) fn validate_at(&self, family: Family, path: &Path<'_>) -> Result<()> {
        check_name(&path.key("name"), &self.name)?;
        validate_matches(&self.matches, family, &path.key("matches"))?;
        validate_actions(&self.actions, family, &path.key("actions"))
    }
}

/// A firewall filter: its name, family and terms in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// The filter's name.
    pub name: String,
    /// The filter's family.
    pub family: Family,
    /// The terms, in evaluation order.
    pub terms: Vec<Term>,
}

impl Filter {
    /// A filter without terms (add some before sending it).
    pub fn new(name: impl Into<String>, family: Family) -> Filter {
        Filter {
            name: name.into(),
            family,
            terms: Vec::new(),
        }
    }

    /// Checks everything the device would otherwise refuse less clearly:
    ///
    /// - names (filter, terms, counters, policers, routing instances,
    ///   interfaces) are not empty, at most [`MAX_NAME_LEN`] bytes, without
    ///   NUL, whitespace or control characters;
    /// - there is at least one term, and term names are unique;
    /// - prefixes are of the filter's family;
    /// - ranges have `min <= max`; DSCP is at most 63;
    /// - no TTL match on inet6 (neither wire has one);
    /// - `next-term` is not combined with a terminating action;
    /// - a reject reason exists for the family (ICMPv6-only reasons are
    ///   refused on inet). Whether an inet6 reason exists on the chosen wire
    ///   is checked by the converter of that wire.
    ///
    /// Errors are [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument),
    /// with the path of the value: `filter.terms[1].matches.dscp[0]: ...`.
    pub fn validate(&self) -> Result<()> {
        self.validate_at(&Path::root("filter"))
    }

    pub(crate) fn validate_at(&self, path: &Path<'_>) -> Result<()> {
        check_name(&path.key("name"), &self.name)?;
        let terms = path.key("terms");
        if self.terms.is_empty() {
            return Err(terms.error("a filter needs at least one term"));
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, term) in self.terms.iter().enumerate() {
            let at = terms.index(i);
            term.validate_at(self.family, &at)?;
            if let Some(first) = seen.insert(&term.name, i) {
                return Err(at.key("name").error(format!(
                    "term {:?} appears twice (also terms[{first}])",
                    term.name
                )));
            }
        }
        Ok(())
    }
}

fn validate_addresses(list: &[AddressMatch], family: Family, path: &Path<'_>) -> Result<()> {
    for (i, address) in list.iter().enumerate() {
        if address.prefix.family() != family {
            return Err(path.index(i).error(format!(
                "{} is not an {family} prefix (the filter is {family})",
                address.prefix
            )));
        }
    }
    Ok(())
}

fn validate_ranges<T: Copy + Ord + fmt::Display>(
    list: &[RangeMatch<T>],
    limit: Option<T>,
    path: &Path<'_>,
) -> Result<()> {
    for (i, range) in list.iter().enumerate() {
        if range.min > range.max {
            return Err(path.index(i).error(format!(
                "range {}-{} is empty: min is greater than max",
                range.min, range.max
            )));
        }
        if let Some(limit) = limit {
            if range.max > limit {
                return Err(path
                    .index(i)
                    .error(format!("{} is out of range (0-{limit})", range.max)));
            }
        }
    }
    Ok(())
}

fn validate_matches(matches: &Matches, family: Family, path: &Path<'_>) -> Result<()> {
    validate_addresses(
        &matches.source_addresses,
        family,
        &path.key("source-addresses"),
    )?;
    validate_addresses(
        &matches.destination_addresses,
        family,
        &path.key("destination-addresses"),
    )?;
    validate_addresses(&matches.addresses, family, &path.key("addresses"))?;
    validate_ranges(&matches.source_ports, None, &path.key("source-ports"))?;
    validate_ranges(
        &matches.destination_ports,
        None,
        &path.key("destination-ports"),
    )?;
    validate_ranges(&matches.ports, None, &path.key("ports"))?;
    validate_ranges(&matches.protocols, None, &path.key("protocols"))?;
    validate_ranges(&matches.icmp_types, None, &path.key("icmp-types"))?;
    validate_ranges(&matches.icmp_codes, None, &path.key("icmp-codes"))?;
    validate_ranges(&matches.dscp, Some(63), &path.key("dscp"))?;
    validate_ranges(&matches.packet_lengths, None, &path.key("packet-lengths"))?;
    validate_ranges(&matches.ttls, None, &path.key("ttls"))?;
    if family == Family::Inet6 && !matches.ttls.is_empty() {
        return Err(path
            .key("ttls")
            .error("inet6 filters cannot match TTLs: neither IDL has a TTL match for inet6"));
    }
    let interfaces = path.key("interfaces");
    for (i, name) in matches.interfaces.iter().enumerate() {
        check_name(&interfaces.index(i), name)?;
    }
    Ok(())
}

fn validate_actions(actions: &Actions, family: Family, path: &Path<'_>) -> Result<()> {
    if let Some(counter) = &actions.count {
        check_name(&path.key("count"), counter)?;
    }
    if let Some(policer) = &actions.policer {
        check_name(&path.key("policer"), policer)?;
    }
    match &actions.terminating {
        Some(Terminating::RoutingInstance(name)) => {
            check_name(&path.key("routing-instance"), name)?;
        }
        Some(Terminating::Reject(reason)) if family == Family::Inet && !reason.is_icmp() => {
            return Err(path.key("reject").error(format!(
                "{reason:?} is an ICMPv6 reason; an inet filter rejects with an ICMP one",
                reason = reason.name()
            )));
        }
        _ => {}
    }
    if actions.next_term {
        if let Some(terminating) = &actions.terminating {
            return Err(path.error(format!(
                "next-term cannot be combined with the terminating action {}",
                terminating.name()
            )));
        }
    }
    Ok(())
}

// ---- Changes to a filter ----

/// Where a new or replaced term goes: before or after the named term.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Adjacency {
    /// Just before the named term.
    Before(String),
    /// Just after the named term.
    After(String),
}

impl Adjacency {
    /// The neighbour term's name.
    pub fn term(&self) -> &str {
        match self {
            Adjacency::Before(name) | Adjacency::After(name) => name,
        }
    }
}

/// One change to a filter's terms, as sent by a modify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermChange {
    /// Add, delete or replace.
    pub op: TermOp,
    /// The term; for a delete only its name is used.
    pub term: Term,
    /// Where the term goes. Without it an added term goes at the end.
    pub adjacency: Option<Adjacency>,
}

impl TermChange {
    /// Adds `term` at the end of the filter.
    pub fn add(term: Term) -> TermChange {
        TermChange {
            op: TermOp::Add,
            term,
            adjacency: None,
        }
    }

    /// Deletes the term called `name`.
    pub fn delete(name: impl Into<String>) -> TermChange {
        TermChange {
            op: TermOp::Delete,
            term: Term::new(name),
            adjacency: None,
        }
    }

    /// Replaces the term of the same name with `term`.
    pub fn replace(term: Term) -> TermChange {
        TermChange {
            op: TermOp::Replace,
            term,
            adjacency: None,
        }
    }

    /// The same change, placing the term just after the term called `name`.
    pub fn after(self, name: impl Into<String>) -> TermChange {
        TermChange {
            adjacency: Some(Adjacency::After(name.into())),
            ..self
        }
    }

    /// The same change, placing the term just before the term called `name`.
    pub fn before(self, name: impl Into<String>) -> TermChange {
        TermChange {
            adjacency: Some(Adjacency::Before(name.into())),
            ..self
        }
    }

    /// Checks the change for a filter of `family`: the term as
    /// [`Term::validate`] does (only its name for a delete) and the
    /// adjacency's name, which must not be the term's own.
    pub fn validate(&self, family: Family) -> Result<()> {
        self.validate_at(family, &Path::root("change"))
    }

    pub(crate) fn validate_at(&self, family: Family, path: &Path<'_>) -> Result<()> {
        let term = path.key("term");
        match self.op {
            TermOp::Delete => check_name(&term.key("name"), &self.term.name)?,
            TermOp::Add | TermOp::Replace => self.term.validate_at(family, &term)?,
        }
        if let Some(adjacency) = &self.adjacency {
            let at = path.key("adjacency");
            check_name(&at, adjacency.term())?;
            if adjacency.term() == self.term.name {
                return Err(at.error(format!(
                    "term {:?} cannot be placed next to itself",
                    self.term.name
                )));
            }
        }
        Ok(())
    }
}

/// Checks the arguments of a modify: the filter's name, at least one change,
/// and each change ([`TermChange::validate`]); paths are `changes[i]`.
pub fn validate_changes(filter: &str, family: Family, changes: &[TermChange]) -> Result<()> {
    check_name(&Path::root("filter"), filter)?;
    let root = Path::root("changes");
    if changes.is_empty() {
        return Err(root.error("a modify needs at least one change"));
    }
    for (i, change) in changes.iter().enumerate() {
        change.validate_at(family, &root.index(i))?;
    }
    Ok(())
}

// ---- Policers ----

/// A bandwidth: a value and its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rate {
    /// The number of units.
    pub value: u64,
    /// The unit.
    pub unit: RateUnit,
}

impl Rate {
    /// The rate in bits per second; `None` if that overflows 64 bits.
    pub fn bits_per_second(&self) -> Option<u64> {
        let scale: u64 = match self.unit {
            RateUnit::Bps => 1,
            RateUnit::Kbps => 1_000,
            RateUnit::Mbps => 1_000_000,
            RateUnit::Gbps => 1_000_000_000,
        };
        self.value.checked_mul(scale)
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.value, self.unit)
    }
}

/// A burst size: a value and its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Size {
    /// The number of units.
    pub value: u64,
    /// The unit.
    pub unit: SizeUnit,
}

impl Size {
    /// The size in bytes; `None` if that overflows 64 bits.
    pub fn bytes(&self) -> Option<u64> {
        let scale: u64 = match self.unit {
            SizeUnit::Bytes => 1,
            SizeUnit::Kbytes => 1_000,
            SizeUnit::Mbytes => 1_000_000,
            SizeUnit::Gbytes => 1_000_000_000,
        };
        self.value.checked_mul(scale)
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.value, self.unit)
    }
}

/// What a policer does with traffic over its limits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PolicerThen {
    /// Drop it.
    Discard,
    /// Mark it with a loss priority.
    LossPriority(LossPriority),
    /// Put it in the named forwarding class.
    ForwardingClass(String),
}

/// A single-rate two-color policer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TwoColor {
    /// The bandwidth limit.
    pub bandwidth: Rate,
    /// The burst-size limit.
    pub burst: Size,
    /// What to do with traffic over the limits.
    pub then: PolicerThen,
}

/// The kind of a policer. libjet supports single-rate two-color policers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PolicerKind {
    /// A single-rate two-color policer.
    TwoColor(TwoColor),
}

/// A policer, named by terms' `policer` action.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Policer {
    /// The policer's name.
    pub name: String,
    /// Its kind and limits.
    pub kind: PolicerKind,
    /// Term- or filter-specific.
    pub scope: PolicerScope,
}

impl Policer {
    /// Checks the names and that the bandwidth and burst are not zero.
    pub fn validate(&self) -> Result<()> {
        self.validate_at(&Path::root("policer"))
    }

    pub(crate) fn validate_at(&self, path: &Path<'_>) -> Result<()> {
        check_name(&path.key("name"), &self.name)?;
        let PolicerKind::TwoColor(two_color) = &self.kind;
        let at = path.key("two-color");
        if two_color.bandwidth.value == 0 {
            return Err(at.key("bandwidth").error("the bandwidth limit is zero"));
        }
        if two_color.burst.value == 0 {
            return Err(at.key("burst").error("the burst-size limit is zero"));
        }
        if let PolicerThen::ForwardingClass(class) = &two_color.then {
            check_name(&at.key("then").key("forwarding-class"), class)?;
        }
        Ok(())
    }
}

// ---- Binding ----

/// What a filter is bound to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum BindPoint {
    /// A logical interface (IFL), e.g. `ge-0/0/0.0`.
    Interface(String),
}

/// A filter bound to a bind point in a direction.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Binding {
    /// The filter's name.
    pub filter: String,
    /// The filter's family (also the family it is bound in).
    pub family: Family,
    /// What it is bound to.
    pub point: BindPoint,
    /// Input or output.
    pub direction: Direction,
}

impl Binding {
    /// Checks the names. An interface must be a logical interface: a name,
    /// a dot and a unit number (`ge-0/0/0.0`, `lo0.0`); libjet's choice, as
    /// both IDLs bind to logical interfaces.
    pub fn validate(&self) -> Result<()> {
        self.validate_at(&Path::root("binding"))
    }

    pub(crate) fn validate_at(&self, path: &Path<'_>) -> Result<()> {
        check_name(&path.key("filter"), &self.filter)?;
        let BindPoint::Interface(interface) = &self.point;
        let at = path.key("interface");
        check_name(&at, interface)?;
        match interface.rsplit_once('.') {
            Some((ifd, unit))
                if !ifd.is_empty()
                    && !unit.is_empty()
                    && unit.bytes().all(|b| b.is_ascii_digit()) =>
            {
                Ok(())
            }
            _ => Err(at.error(format!(
                "{interface:?} is not a logical interface; add the unit, e.g. \"{interface}.0\""
            ))),
        }
    }
}

// ---- Counters ----

/// A counter's value as read from the device.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct CounterValue {
    /// The counter's (fully resolved) name.
    pub name: String,
    /// Bytes counted.
    pub bytes: u64,
    /// Packets counted.
    pub packets: u64,
}

/// Checks a filter name and a counter name of a counter get or clear.
pub(crate) fn check_counter(filter: &str, counter: &str) -> Result<()> {
    check_name(&Path::root("filter"), filter)?;
    check_name(&Path::root("counter"), counter)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn prefix(text: &str) -> AddressMatch {
        text.parse().unwrap()
    }

    fn filter(terms: Vec<Term>) -> Filter {
        Filter {
            name: "f".into(),
            family: Family::Inet,
            terms,
        }
    }

    fn error_of(result: Result<()>) -> String {
        let error = result.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidArgument);
        error.message().to_string()
    }

    #[test]
    fn prefixes_parse_and_print() {
        let p: Prefix = "192.0.2.0/24".parse().unwrap();
        assert_eq!(p.addr(), "192.0.2.0".parse::<IpAddr>().unwrap());
        assert_eq!(p.prefix_len(), 24);
        assert_eq!(p.family(), Family::Inet);
        assert_eq!(p.to_string(), "192.0.2.0/24");
        assert_eq!(
            "192.0.2.1".parse::<Prefix>().unwrap().to_string(),
            "192.0.2.1/32"
        );
        let p6: Prefix = "2001:db8::/32".parse().unwrap();
        assert_eq!(p6.family(), Family::Inet6);
        assert_eq!("2001:db8::1".parse::<Prefix>().unwrap().prefix_len(), 128);

        let message = |text: &str| text.parse::<Prefix>().unwrap_err().message().to_string();
        assert_eq!(
            message("192.0.2.0/33"),
            "\"192.0.2.0/33\": prefix length 33 is longer than 32 (192.0.2.0)"
        );
        assert_eq!(
            message("192.0.2.300/24"),
            "\"192.0.2.300/24\" is not an IP address or prefix"
        );
        assert_eq!(
            message("10.0.0.0/x"),
            "\"10.0.0.0/x\": the prefix length \"x\" is not a number"
        );
        assert!(Prefix::new("::".parse().unwrap(), 129).is_err());
    }

    #[test]
    fn names_are_checked() {
        let path = Path::root("filter");
        assert!(check_name(&path, "jet-demo-icmp").is_ok());
        assert_eq!(error_of(check_name(&path, "")), "filter: empty name");
        assert_eq!(
            error_of(check_name(&path, "a b")),
            "filter: name \"a b\" contains ' '; names take no whitespace or control characters"
        );
        assert_eq!(
            error_of(check_name(&path, "a\0b")),
            "filter: name contains a NUL character"
        );
        assert!(check_name(&path, &"x".repeat(MAX_NAME_LEN)).is_ok());
        assert_eq!(
            error_of(check_name(&path, &"x".repeat(MAX_NAME_LEN + 1))),
            "filter: name is 256 bytes long; the limit is 255"
        );
    }

    #[test]
    fn paths_print_like_json_accessors() {
        let root = Path::root("filter");
        let terms = root.key("terms");
        let term = terms.index(2);
        let leaf = term.key("matches");
        assert_eq!(leaf.to_string(), "filter.terms[2].matches");
    }

    #[test]
    fn a_filter_needs_terms_with_unique_names() {
        assert_eq!(
            error_of(filter(vec![]).validate()),
            "filter.terms: a filter needs at least one term"
        );
        assert_eq!(
            error_of(filter(vec![Term::new("a"), Term::new("b"), Term::new("a")]).validate()),
            "filter.terms[2].name: term \"a\" appears twice (also terms[0])"
        );
        assert_eq!(
            error_of(filter(vec![Term::new("")]).validate()),
            "filter.terms[0].name: empty name"
        );
    }

    #[test]
    fn matches_are_checked_against_the_family() {
        let mut term = Term::new("t");
        term.matches.destination_addresses = vec![prefix("2001:db8::/32")];
        assert_eq!(
            error_of(filter(vec![term]).validate()),
            "filter.terms[0].matches.destination-addresses[0]: 2001:db8::/32 is not an inet prefix (the filter is inet)"
        );

        let mut term = Term::new("t");
        term.matches.ttls = vec![RangeMatch::value(1)];
        let mut f = filter(vec![term]);
        assert!(f.validate().is_ok());
        f.family = Family::Inet6;
        assert_eq!(
            error_of(f.validate()),
            "filter.terms[0].matches.ttls: inet6 filters cannot match TTLs: neither IDL has a TTL match for inet6"
        );
    }

    #[test]
    fn ranges_and_dscp_are_checked() {
        let mut term = Term::new("t");
        term.matches.source_ports = vec![RangeMatch::value(22), RangeMatch::range(2000, 1000)];
        assert_eq!(
            error_of(filter(vec![term]).validate()),
            "filter.terms[0].matches.source-ports[1]: range 2000-1000 is empty: min is greater than max"
        );
        let mut term = Term::new("t");
        term.matches.dscp = vec![RangeMatch::range(10, 64)];
        assert_eq!(
            error_of(filter(vec![term]).validate()),
            "filter.terms[0].matches.dscp[0]: 64 is out of range (0-63)"
        );
        let mut term = Term::new("t");
        term.matches.interfaces = vec!["ge-0/0/0 .0".into()];
        assert!(filter(vec![term]).validate().is_err());
    }

    #[test]
    fn actions_are_checked() {
        let mut term = Term::new("t");
        term.actions.next_term = true;
        term.actions.terminating = Some(Terminating::Accept);
        assert_eq!(
            error_of(filter(vec![term]).validate()),
            "filter.terms[0].actions: next-term cannot be combined with the terminating action accept"
        );
        let mut term = Term::new("t");
        term.actions.terminating = Some(Terminating::Reject(RejectReason::BeyondScope));
        let mut f = filter(vec![term]);
        assert_eq!(
            error_of(f.validate()),
            "filter.terms[0].actions.reject: \"beyond-scope\" is an ICMPv6 reason; an inet filter rejects with an ICMP one"
        );
        f.family = Family::Inet6;
        assert!(f.validate().is_ok());
        let mut term = Term::new("t");
        term.actions.count = Some(String::new());
        assert_eq!(
            error_of(filter(vec![term]).validate()),
            "filter.terms[0].actions.count: empty name"
        );
        let mut term = Term::new("t");
        term.actions.terminating = Some(Terminating::RoutingInstance("a\tb".into()));
        assert!(filter(vec![term]).validate().is_err());
    }

    #[test]
    fn reject_reasons_belong_to_lists() {
        let icmp: Vec<_> = RejectReason::ALL.iter().filter(|r| r.is_icmp()).collect();
        let icmp6: Vec<_> = RejectReason::ALL.iter().filter(|r| r.is_icmp6()).collect();
        assert_eq!(icmp.len(), 17);
        assert_eq!(icmp6.len(), 13);
        assert!(RejectReason::TcpReset.is_icmp() && !RejectReason::TcpReset.is_icmp6());
        assert!(RejectReason::PortUnreachable.is_icmp6());
        assert!(!RejectReason::SequenceNumberReset.is_icmp());
    }

    #[test]
    fn named_enums_round_trip() {
        for reason in RejectReason::ALL {
            assert_eq!(reason.name().parse::<RejectReason>().unwrap(), *reason);
        }
        assert_eq!("inet6".parse::<Family>().unwrap(), Family::Inet6);
        assert_eq!(
            "inet4".parse::<Family>().unwrap_err().message(),
            "unknown family \"inet4\" (expected inet, inet6)"
        );
        assert_eq!(Family::Inet.to_string(), "inet");
        assert_eq!(protocol_number("icmp"), Some(1));
        assert_eq!(protocol_name(58), Some("icmp6"));
        assert_eq!(protocol_number("nope"), None);
    }

    #[test]
    fn changes_are_checked() {
        assert!(validate_changes("f", Family::Inet, &[TermChange::delete("t")]).is_ok());
        assert_eq!(
            error_of(validate_changes("f", Family::Inet, &[])),
            "changes: a modify needs at least one change"
        );
        assert_eq!(
            error_of(validate_changes(
                "f",
                Family::Inet,
                &[TermChange::add(Term::new("t")).after("t")]
            )),
            "changes[0].adjacency: term \"t\" cannot be placed next to itself"
        );
        assert_eq!(
            error_of(validate_changes(
                "f",
                Family::Inet,
                &[TermChange::delete("x"), TermChange::delete("")]
            )),
            "changes[1].term.name: empty name"
        );
    }

    #[test]
    fn policers_and_bindings_are_checked() {
        let mut policer = Policer {
            name: "p".into(),
            kind: PolicerKind::TwoColor(TwoColor {
                bandwidth: Rate {
                    value: 0,
                    unit: RateUnit::Mbps,
                },
                burst: Size {
                    value: 15,
                    unit: SizeUnit::Kbytes,
                },
                then: PolicerThen::Discard,
            }),
            scope: PolicerScope::TermSpecific,
        };
        assert_eq!(
            error_of(policer.validate()),
            "policer.two-color.bandwidth: the bandwidth limit is zero"
        );
        let PolicerKind::TwoColor(two_color) = &mut policer.kind;
        two_color.bandwidth.value = 1;
        assert!(policer.validate().is_ok());

        let mut binding = Binding {
            filter: "f".into(),
            family: Family::Inet,
            point: BindPoint::Interface("ge-0/0/0.0".into()),
            direction: Direction::Input,
        };
        assert!(binding.validate().is_ok());
        binding.point = BindPoint::Interface("ge-0/0/0".into());
        assert_eq!(
            error_of(binding.validate()),
            "binding.interface: \"ge-0/0/0\" is not a logical interface; add the unit, e.g. \"ge-0/0/0.0\""
        );
    }

    #[test]
    fn units_scale_with_overflow_checks() {
        let rate = Rate {
            value: 10,
            unit: RateUnit::Mbps,
        };
        assert_eq!(rate.bits_per_second(), Some(10_000_000));
        let size = Size {
            value: 15,
            unit: SizeUnit::Kbytes,
        };
        assert_eq!(size.bytes(), Some(15_000));
        let huge = Rate {
            value: u64::MAX / 10,
            unit: RateUnit::Gbps,
        };
        assert_eq!(huge.bits_per_second(), None);
    }
}
