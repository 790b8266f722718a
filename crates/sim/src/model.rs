//! The simulated device's data: what a JET client can create and read,
//! independent of the IDL generation it arrived in.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::net::SocketAddr;

/// The JET IDL generation a request arrived in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Generation {
    /// Packages `authentication`, `acl`, `interface`, `management`.
    Legacy,
    /// Packages `jnx.jet.*`.
    Jnx,
}

/// The family of a firewall filter (both generations number them alike).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FilterFamily {
    /// IPv4.
    Inet,
    /// IPv6.
    Inet6,
    /// Ethernet switching.
    EthernetSwitching,
    /// VPLS.
    Vpls,
    /// Multiservice.
    MultiService,
    /// Circuit cross-connect.
    Ccc,
    /// MPLS.
    Mpls,
}

impl FilterFamily {
    /// The family for a wire value (1–7 in both generations); `None` for 0
    /// (invalid) and unknown values.
    pub fn from_wire(value: i32) -> Option<FilterFamily> {
        Some(match value {
            1 => FilterFamily::Inet,
            2 => FilterFamily::Inet6,
            3 => FilterFamily::EthernetSwitching,
            4 => FilterFamily::Vpls,
            5 => FilterFamily::MultiService,
            6 => FilterFamily::Ccc,
            7 => FilterFamily::Mpls,
            _ => return None,
        })
    }

    /// The Junos name of the family.
    pub fn name(self) -> &'static str {
        match self {
            FilterFamily::Inet => "inet",
            FilterFamily::Inet6 => "inet6",
            FilterFamily::EthernetSwitching => "ethernet-switching",
            FilterFamily::Vpls => "vpls",
            FilterFamily::MultiService => "any",
            FilterFamily::Ccc => "ccc",
            FilterFamily::Mpls => "mpls",
        }
    }
}

/// The family of an interface address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AddressFamily {
    /// IPv4 (legacy `INTF_AF_INET=2`, jnx `AF_INET=1`).
    Inet,
    /// IPv6 (legacy `INTF_AF_INET6=28`, jnx `AF_INET6=2`).
    Inet6,
}

impl AddressFamily {
    /// The Junos name of the family.
    pub fn name(self) -> &'static str {
        match self {
            AddressFamily::Inet => "inet",
            AddressFamily::Inet6 => "inet6",
        }
    }
}

/// The direction a filter is bound in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Direction {
    /// Ingress.
    Input,
    /// Egress.
    Output,
}

impl Direction {
    /// The direction for a wire value (1 input, 2 output in both generations).
    pub fn from_wire(value: i32) -> Option<Direction> {
        match value {
            1 => Some(Direction::Input),
            2 => Some(Direction::Output),
            _ => None,
        }
    }

    /// `input` or `output`.
    pub fn name(self) -> &'static str {
        match self {
            Direction::Input => "input",
            Direction::Output => "output",
        }
    }
}

/// Where a filter is bound.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BindPoint {
    /// A logical interface, e.g. `ge-0/0/0.0`.
    Interface(String),
    /// A forwarding table (routing instance).
    ForwardingTable(String),
    /// A VLAN in a routing table.
    Vlan {
        /// The VLAN name.
        name: String,
        /// The routing table.
        table: String,
    },
    /// A bridge domain in a routing table.
    BridgeDomain {
        /// The bridge domain name.
        name: String,
        /// The routing table.
        table: String,
    },
}

impl fmt::Display for BindPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BindPoint::Interface(name) => write!(f, "interface {name}"),
            BindPoint::ForwardingTable(name) => write!(f, "forwarding-table {name}"),
            BindPoint::Vlan { name, table } => write!(f, "vlan {name} ({table})"),
            BindPoint::BridgeDomain { name, table } => write!(f, "bridge-domain {name} ({table})"),
        }
    }
}

/// A filter bound to a point in one direction.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Bind {
    /// The filter's name.
    pub filter: String,
    /// The family given with the bind (the filter's family when absent).
    pub family: FilterFamily,
    /// Where.
    pub point: BindPoint,
    /// Which way.
    pub direction: Direction,
}

/// Whether a policer counts once per filter or once per term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PolicerScope {
    /// One instance per filter; its counter is named after the policer.
    Filter,
    /// One instance per term; its counter is `<policer>-<term>`.
    Term,
}

/// A policer used by a term's action.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PolicerUse {
    /// The policer's name.
    pub name: String,
    /// Its scope as given in the action (or by the registered policer).
    pub scope: Option<PolicerScope>,
}

/// A filter term, reduced to what the simulator keeps.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Term {
    /// The term's name.
    pub name: String,
    /// The counter named by the term's count action.
    pub counter: Option<String>,
    /// The policer of the term's policer action.
    pub policer: Option<PolicerUse>,
}

/// A filter as a client describes it (add).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FilterSpec {
    /// The filter's name.
    pub name: String,
    /// Its family.
    pub family: FilterFamily,
    /// Its terms, in order.
    pub terms: Vec<Term>,
}

/// Where a term goes in an incremental change.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Position {
    /// At the end.
    Last,
    /// After the named term.
    After(String),
    /// Before the named term.
    Before(String),
}

/// One term operation of an incremental filter change.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TermChange {
    /// Inserts a term.
    Add(Term, Position),
    /// Removes the named term.
    Delete(String),
    /// Replaces the term of the same name.
    Replace(Term),
}

/// A packet/byte counter.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Counter {
    /// The counter's (fully resolved) name.
    pub name: String,
    /// Bytes counted.
    pub bytes: u64,
    /// Packets counted.
    pub packets: u64,
}

impl Counter {
    /// A zero counter.
    pub fn new(name: impl Into<String>) -> Counter {
        Counter {
            name: name.into(),
            bytes: 0,
            packets: 0,
        }
    }
}

/// Which counters of a filter a request means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CounterKind {
    /// Counters of count actions.
    Filter,
    /// Counters of policers (`<policer>` or `<policer>-<term>`).
    Policer,
}

/// A filter installed on the device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// The filter's name.
    pub name: String,
    /// Its family.
    pub family: FilterFamily,
    /// Its terms, in order.
    pub terms: Vec<Term>,
    /// The client id of the session that added it.
    pub owner: Option<String>,
    /// The count-action counters, in term order.
    pub counters: Vec<Counter>,
    /// The policer counters, in term order.
    pub policer_counters: Vec<Counter>,
}

impl Filter {
    /// The counters of `kind`.
    pub fn counters_of(&self, kind: CounterKind) -> &[Counter] {
        match kind {
            CounterKind::Filter => &self.counters,
            CounterKind::Policer => &self.policer_counters,
        }
    }

    /// The counter `name` of `kind`.
    pub fn counter(&self, kind: CounterKind, name: &str) -> Option<&Counter> {
        self.counters_of(kind).iter().find(|c| c.name == name)
    }
}

/// The kind of a policer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PolicerKind {
    /// Not given.
    Unspecified,
    /// Two-color.
    TwoColor,
    /// Single-rate three-color.
    SingleRateThreeColor,
    /// Two-rate three-color.
    TwoRateThreeColor,
    /// Hierarchical.
    Hierarchical,
}

impl PolicerKind {
    /// The kind for a wire value (same numbering in both generations).
    pub fn from_wire(value: i32) -> PolicerKind {
        match value {
            1 => PolicerKind::TwoColor,
            2 => PolicerKind::SingleRateThreeColor,
            3 => PolicerKind::TwoRateThreeColor,
            4 => PolicerKind::Hierarchical,
            _ => PolicerKind::Unspecified,
        }
    }
}

/// A policer added on its own (PolicerAdd / AccessListPolicerAdd).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Policer {
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: PolicerKind,
    /// Its scope, when given.
    pub scope: Option<PolicerScope>,
    /// The client id of the session that added it (a replace keeps it).
    pub owner: Option<String>,
}

/// Policer flag wire values (same numbering in both generations).
pub(crate) fn policer_scope_from_wire(value: i32) -> Option<PolicerScope> {
    match value {
        1 => Some(PolicerScope::Term),
        2 => Some(PolicerScope::Filter),
        _ => None,
    }
}

/// A physical interface and its logical units.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Interface {
    /// The IFD name, e.g. `ge-0/0/0`.
    pub name: String,
    /// The unit numbers.
    pub units: BTreeSet<u32>,
}

impl Interface {
    /// An interface with the given units.
    pub fn new(name: impl Into<String>, units: impl IntoIterator<Item = u32>) -> Interface {
        Interface {
            name: name.into(),
            units: units.into_iter().collect(),
        }
    }
}

/// An address on a logical interface.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Address {
    /// The IFD name.
    pub ifd: String,
    /// The unit.
    pub unit: u32,
    /// The family.
    pub family: AddressFamily,
    /// The address with its prefix length, e.g. `10.0.0.1/24`.
    pub prefix: String,
}

impl Address {
    /// `ifd.unit`.
    pub fn ifl(&self) -> String {
        format!("{}.{}", self.ifd, self.unit)
    }

    /// The address without its prefix length.
    pub fn ip(&self) -> &str {
        self.prefix.split('/').next().unwrap_or(&self.prefix)
    }
}

/// The format of an operational command's output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutputFormat {
    /// JSON (wire value 0 in both generations).
    Json,
    /// XML (1).
    Xml,
    /// CLI text (2).
    Cli,
}

impl OutputFormat {
    /// The format for a wire value (same numbering in both generations).
    pub fn from_wire(value: i32) -> Option<OutputFormat> {
        match value {
            0 => Some(OutputFormat::Json),
            1 => Some(OutputFormat::Xml),
            2 => Some(OutputFormat::Cli),
            _ => None,
        }
    }
}

/// An operational command as sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OpCommand {
    /// A CLI command, e.g. `show version`.
    Cli(String),
    /// An XML RPC, e.g. `<get-software-information/>`.
    Xml(String),
    /// A JSON RPC (legacy only).
    Json(String),
}

impl OpCommand {
    /// The command text.
    pub fn text(&self) -> &str {
        match self {
            OpCommand::Cli(t) | OpCommand::Xml(t) | OpCommand::Json(t) => t,
        }
    }
}

/// An operational command the device ran.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OpRecord {
    /// The command.
    pub command: OpCommand,
    /// The requested output format.
    pub format: OutputFormat,
    /// The generation it arrived in.
    pub generation: Generation,
    /// Whether the simulator knew the command.
    pub known: bool,
}

/// The encoding of a configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConfigFormat {
    /// XML.
    Xml,
    /// JSON.
    Json,
    /// Text (curly-brace or `set` lines).
    Text,
}

/// How a configuration is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LoadType {
    /// `load merge`.
    Merge,
    /// `load replace`.
    Replace,
    /// `load override`.
    Override,
    /// `load update`.
    Update,
    /// `load set`.
    Set,
}

impl LoadType {
    /// Legacy numbering: REPLACE=0, MERGE=1, OVERRIDE=2, UPDATE=3, SET=4.
    pub fn from_legacy(value: i32) -> Option<LoadType> {
        Some(match value {
            0 => LoadType::Replace,
            1 => LoadType::Merge,
            2 => LoadType::Override,
            3 => LoadType::Update,
            4 => LoadType::Set,
            _ => return None,
        })
    }

    /// jnx numbering: MERGE=0, REPLACE=1, OVERRIDE=2, UPDATE=3, SET=4.
    pub fn from_jnx(value: i32) -> Option<LoadType> {
        Some(match value {
            0 => LoadType::Merge,
            1 => LoadType::Replace,
            2 => LoadType::Override,
            3 => LoadType::Update,
            4 => LoadType::Set,
            _ => return None,
        })
    }
}

/// A configuration the device loaded and committed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ConfigRecord {
    /// Its encoding.
    pub format: ConfigFormat,
    /// The configuration text.
    pub text: String,
    /// How it was loaded.
    pub load_type: LoadType,
    /// The commit comment, if any.
    pub comment: Option<String>,
    /// The generation it arrived in.
    pub generation: Generation,
}

/// A login on a connection.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Login {
    /// The user.
    pub user: String,
    /// The client id (may be empty).
    pub client_id: String,
    /// The generation of the login RPC.
    pub generation: Generation,
}

/// A live TCP connection to the server.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Connection {
    /// The client's socket address.
    pub peer: SocketAddr,
    /// A number unique for the life of the [`super::DeviceState`].
    pub id: u64,
    /// The login made on it, if any.
    pub login: Option<Login>,
    /// Whether its calls are refused ([`super::Change::ConnectionsRefused`]).
    pub refused: bool,
}

/// Purge timer default and limits, in seconds (jnx firewall IDL comments).
pub const PURGE_TIMER_DEFAULT: u32 = 120;
/// The smallest purge timer the device accepts.
pub const PURGE_TIMER_MIN: u32 = 1;
/// The largest purge timer the device accepts.
pub const PURGE_TIMER_MAX: u32 = 1000;

/// Everything the simulated device holds. Read it through
/// [`super::DeviceState::snapshot`]; change it only through
/// [`super::DeviceState::apply`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceModel {
    /// user → password.
    pub users: BTreeMap<String, String>,
    /// Live connections by peer address.
    pub connections: BTreeMap<SocketAddr, Connection>,
    /// Interface inventory by IFD name.
    pub interfaces: BTreeMap<String, Interface>,
    /// Interface addresses added by clients.
    pub addresses: BTreeSet<Address>,
    /// Filters by name.
    pub filters: BTreeMap<String, Filter>,
    /// Filter binds, in the order they were made.
    pub binds: Vec<Bind>,
    /// Policers added on their own, by name.
    pub policers: BTreeMap<String, Policer>,
    /// The firewall purge timer, seconds.
    pub purge_timer: u32,
    /// Operational commands run, in order.
    pub op_commands: Vec<OpRecord>,
    /// Configurations committed, in order.
    pub configs: Vec<ConfigRecord>,
    /// Ephemeral configuration: (instance, path) → value.
    pub ephemeral: BTreeMap<(String, String), String>,
}

impl Default for DeviceModel {
    fn default() -> Self {
        DeviceModel {
            users: BTreeMap::new(),
            connections: BTreeMap::new(),
            interfaces: default_interfaces()
                .into_iter()
                .map(|i| (i.name.clone(), i))
                .collect(),
            addresses: BTreeSet::new(),
            filters: BTreeMap::new(),
            binds: Vec::new(),
            policers: BTreeMap::new(),
            purge_timer: PURGE_TIMER_DEFAULT,
            op_commands: Vec::new(),
            configs: Vec::new(),
            ephemeral: BTreeMap::new(),
        }
    }
}

impl DeviceModel {
    /// The device's host name: the one the last committed configuration set,
    /// or [`HOST_NAME`](crate::HOST_NAME).
    pub fn host_name(&self) -> String {
        self.configs
            .iter()
            .rev()
            .find_map(|c| crate::config_text::host_name(c.format, c.load_type, &c.text))
            .unwrap_or_else(|| crate::HOST_NAME.to_string())
    }

    /// The live connections that have logged in (a refused connection's
    /// login is over).
    pub fn logins(&self) -> impl Iterator<Item = (&Connection, &Login)> {
        self.connections
            .values()
            .filter(|c| !c.refused)
            .filter_map(|c| c.login.as_ref().map(|l| (c, l)))
    }

    /// Whether `filter` is bound anywhere.
    pub fn is_bound(&self, filter: &str) -> bool {
        self.binds.iter().any(|b| b.filter == filter)
    }
}

/// `ge-0/0/0` … `ge-0/0/3`, each with unit 0.
pub fn default_interfaces() -> Vec<Interface> {
    (0..4)
        .map(|i| Interface::new(format!("ge-0/0/{i}"), [0]))
        .collect()
}
