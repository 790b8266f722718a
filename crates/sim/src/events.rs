//! [`DeviceEvents`]: the notifications a Junos device publishes when its
//! state changes, made from the simulator's [`Change`]s, on the topics
//! libjet's [`jet::topic::Topic`] builders name and in the device's JSON:
//!
//! ```json
//! {"jet-event": {"event-id": "KERNEL_EVENT_IFA_ADD", "hostname": "jet-sim",
//!  "time": "2024-05-01-12:00:00", "severity": "info", "facility": "KERNEL",
//!  "attributes": {"name": "ge-0/0/1", "subunit": 0, ...}}}
//! ```
//!
//! | Change | Topic | event-id |
//! |---|---|---|
//! | address added | `/junos/events/kernel/interfaces/ifa/add/<ifd>.<unit>/<family>/<addr>/<plen>` | `KERNEL_EVENT_IFA_ADD` |
//! | address deleted | `…/ifa/delete/…` (with the length it was added with) | `KERNEL_EVENT_IFA_DELETE` |
//! | unit added | `/junos/events/kernel/interfaces/ifl/add/<ifd>.<unit>` | `KERNEL_EVENT_IFL_ADD` |
//! | unit deleted | an IFA delete per address on it, then `…/ifl/delete/<ifd>.<unit>` | `KERNEL_EVENT_IFL_DELETE` |
//! | filter added | `/junos/events/kernel/firewall/filter/add/<name>` | `KERNEL_EVENT_FIREWALL_FILTER_ADD` |
//! | filter modified, bound, unbound | `/junos/events/kernel/firewall/filter/change/<name>` | `KERNEL_EVENT_FIREWALL_FILTER_CHANGE` |
//! | filter deleted | `/junos/events/kernel/firewall/filter/delete/<name>` | `KERNEL_EVENT_FIREWALL_FILTER_DELETE` |
//! | configuration committed | `/junos/events/syslog/UI_COMMIT`, then `/junos/events/genpub/config-update` | `UI_COMMIT`, `CONFIG_UPDATE` |
//!
//! Attributes:
//!
//! - IFA: `name` (the IFD), `subunit` (JSON number), `family`,
//!   `local-address` (`<addr>/32` or `/128`, as devices write it),
//!   `destination-address` (`<network>/<plen>`), `broadcast-address`
//!   (`<broadcast>/32`, IPv4 only), `generation-number` (grows by one per
//!   address event), `flags` (192).
//! - IFL: `name`, `subunit`, `snmp-id` (stable per unit), `flags` (49152).
//! - Firewall: `name`, `version` (1 when added, +1 per change), `client-id`
//!   (the client id of the session that added it, `""` if none),
//!   `filter-type` (`classic`), `protocol` (the family: `inet`, `inet6`,
//!   `ethernet-switching`, `vpls`, `any`, `ccc`, `mpls`), `interface-name`
//!   (for a bind, the logical interface bound; otherwise the last interface
//!   the filter is still bound to, `""` if none), `flags` (0).
//! - `UI_COMMIT` is a syslog event: its header adds `process-id`,
//!   `process-name` (`mgd`) and `message` (`User 'lab' requested 'commit'
//!   operation (comment: …)`), severity `notice`, facility `auth`;
//!   attributes `username`, `command` (`commit`), `message` (the comment, or
//!   `none`).
//! - `CONFIG_UPDATE`: severity `info`, facility `user`; attributes
//!   `username` and `commit-comment` (`""` if none).
//!
//! Kernel events have severity `info` and facility `KERNEL`. `time` is UTC,
//! `YYYY-MM-DD-HH:MM:SS`. The user of a commit is the user of the most
//! recent live login (the request itself does not say who sent it), else
//! the device's first user, else `root`.
//!
//! Logins, connections, operational commands, counters, policers, the purge
//! timer, ephemeral configuration and inventory replacement publish nothing.

use super::change::Change;
use super::model::{Address, AddressFamily, Bind, BindPoint, ConfigRecord, FilterFamily};
use super::ops::HOST_NAME;
use super::state::DeviceState;
use jet::topic::{Op, Topic};
use std::collections::BTreeMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, Weak};
use std::time::{SystemTime, UNIX_EPOCH};

/// The process id `mgd` has on the simulated device.
pub const MGD_PID: u32 = 4242;
/// The user of a commit when the device has no user at all.
const FALLBACK_USER: &str = "root";
/// `flags` of IFA events (as recorded from a device).
const IFA_FLAGS: i64 = 192;
/// `flags` of IFL events.
const IFL_FLAGS: i64 = 49152;

/// One notification: a topic and the JSON payload published on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventMessage {
    /// The MQTT topic.
    pub topic: String,
    /// The payload (the device's JSON).
    pub payload: String,
}

/// What the events need to remember of a filter.
#[derive(Debug, Clone)]
struct FilterInfo {
    family: FilterFamily,
    owner: String,
    version: i64,
}

/// The device as the events have seen it: what a delete must still know
/// after the change took it away.
#[derive(Debug, Default)]
struct Seen {
    /// (ifd, unit, family, ip) → the prefix it was added with.
    addresses: BTreeMap<(String, u32, AddressFamily, String), String>,
    filters: BTreeMap<String, FilterInfo>,
    binds: Vec<Bind>,
    generation: i64,
}

/// Turns [`Change`]s into the device's notifications.
///
/// [`DeviceEvents::install`] makes it the [`DeviceState`]'s observer and
/// hands every notification to a sink (the broker's publishing queue in
/// [`super::Device`]); [`DeviceEvents::events_for`] just computes them.
#[derive(Debug)]
pub struct DeviceEvents {
    hostname: String,
    state: Mutex<Weak<DeviceState>>,
    seen: Mutex<Seen>,
}

impl Default for DeviceEvents {
    fn default() -> Self {
        DeviceEvents::new()
    }
}

impl DeviceEvents {
    /// Events from the simulator's host name ([`HOST_NAME`]).
    pub fn new() -> DeviceEvents {
        DeviceEvents::with_hostname(HOST_NAME)
    }

    /// Events with another `hostname` header.
    pub fn with_hostname(hostname: impl Into<String>) -> DeviceEvents {
        DeviceEvents {
            hostname: hostname.into(),
            state: Mutex::new(Weak::new()),
            seen: Mutex::new(Seen::default()),
        }
    }

    /// The `hostname` of every event.
    pub fn hostname(&self) -> &str {
        &self.hostname
    }

    /// Learns what `state` already holds (addresses, filters, binds), makes
    /// this the state's observer (replacing any other) and passes each
    /// notification to `sink`, in the order of the changes. `sink` runs on
    /// the thread that applied the change: it must not block for long.
    pub fn install(
        self,
        state: &Arc<DeviceState>,
        sink: impl Fn(EventMessage) + Send + Sync + 'static,
    ) -> Arc<DeviceEvents> {
        self.learn(state);
        let events = Arc::new(self);
        let observer = Arc::clone(&events);
        state.set_observer(move |change| {
            for message in observer.events_for(change) {
                sink(message);
            }
        });
        events
    }

    /// Takes in what `state` holds now, and reads commit users from it.
    pub fn learn(&self, state: &Arc<DeviceState>) {
        *lock(&self.state) = Arc::downgrade(state);
        let (addresses, filters, binds) = state.read(|m| {
            (
                m.addresses.iter().cloned().collect::<Vec<_>>(),
                m.filters
                    .values()
                    .map(|f| {
                        (
                            f.name.clone(),
                            FilterInfo {
                                family: f.family,
                                owner: f.owner.clone().unwrap_or_default(),
                                version: 1,
                            },
                        )
                    })
                    .collect::<Vec<_>>(),
                m.binds.clone(),
            )
        });
        let mut seen = lock(&self.seen);
        for address in addresses {
            seen.addresses
                .insert(address_key(&address), address.prefix.clone());
        }
        seen.filters.extend(filters);
        seen.binds = binds;
    }

    /// The notifications a device publishes for `change`, in order (none
    /// for most changes), stamped with the time now.
    pub fn events_for(&self, change: &Change) -> Vec<EventMessage> {
        let time = device_time(SystemTime::now());
        let header = Header {
            hostname: &self.hostname,
            time: &time,
        };
        let mut seen = lock(&self.seen);
        let mut out = Vec::new();
        match change {
            Change::AddressAdd(address) => {
                seen.generation += 1;
                seen.addresses
                    .insert(address_key(address), address.prefix.clone());
                out.push(ifa_event(&header, Op::Add, address, seen.generation));
            }
            Change::AddressDelete(address) => {
                let prefix = seen
                    .addresses
                    .remove(&address_key(address))
                    .unwrap_or_else(|| address.prefix.clone());
                seen.generation += 1;
                let address = Address {
                    prefix,
                    ..address.clone()
                };
                out.push(ifa_event(&header, Op::Delete, &address, seen.generation));
            }
            Change::UnitAdd { ifd, unit } => out.push(ifl_event(&header, Op::Add, ifd, *unit)),
            Change::UnitDelete { ifd, unit } => {
                let gone: Vec<_> = seen
                    .addresses
                    .keys()
                    .filter(|(i, u, _, _)| i == ifd && u == unit)
                    .cloned()
                    .collect();
                for key in gone {
                    let prefix = seen.addresses.remove(&key).unwrap_or_default();
                    seen.generation += 1;
                    let address = Address {
                        ifd: key.0,
                        unit: key.1,
                        family: key.2,
                        prefix,
                    };
                    out.push(ifa_event(&header, Op::Delete, &address, seen.generation));
                }
                out.push(ifl_event(&header, Op::Delete, ifd, *unit));
            }
            Change::InventorySet(interfaces) => {
                seen.addresses.retain(|(ifd, unit, _, _), _| {
                    interfaces
                        .iter()
                        .any(|i| i.name == *ifd && i.units.contains(unit))
                });
            }
            Change::FilterAdd { filter, owner } => {
                let info = FilterInfo {
                    family: filter.family,
                    owner: owner.clone().unwrap_or_default(),
                    version: 1,
                };
                seen.filters.insert(filter.name.clone(), info.clone());
                let interface = bound_interface(&seen.binds, &filter.name);
                out.push(filter_event(
                    &header,
                    Op::Add,
                    &filter.name,
                    &info,
                    &interface,
                ));
            }
            Change::FilterModify { name, family, .. } => {
                let info = self.bump(&mut seen, name, *family);
                let interface = bound_interface(&seen.binds, name);
                out.push(filter_event(&header, Op::Change, name, &info, &interface));
            }
            Change::FilterDelete { name, family } => {
                let mut info = seen
                    .filters
                    .remove(name)
                    .unwrap_or_else(|| self.filter_info(name, *family));
                info.version += 1;
                seen.binds.retain(|b| b.filter != *name);
                out.push(filter_event(&header, Op::Delete, name, &info, ""));
            }
            Change::BindAdd(bind) => {
                seen.binds.push(bind.clone());
                let info = self.bump(&mut seen, &bind.filter, Some(bind.family));
                let interface = match &bind.point {
                    BindPoint::Interface(ifl) => ifl.clone(),
                    _ => bound_interface(&seen.binds, &bind.filter),
                };
                out.push(filter_event(
                    &header,
                    Op::Change,
                    &bind.filter,
                    &info,
                    &interface,
                ));
            }
            Change::BindDelete(bind) => {
                if let Some(at) = seen.binds.iter().position(|b| {
                    b.filter == bind.filter
                        && b.point == bind.point
                        && b.direction == bind.direction
                }) {
                    seen.binds.remove(at);
                }
                let info = self.bump(&mut seen, &bind.filter, Some(bind.family));
                let interface = bound_interface(&seen.binds, &bind.filter);
                out.push(filter_event(
                    &header,
                    Op::Change,
                    &bind.filter,
                    &info,
                    &interface,
                ));
            }
            Change::ConfigLoad(record) => {
                drop(seen);
                let user = self.commit_user();
                out.push(ui_commit_event(&header, &user, record));
                out.push(config_update_event(&header, &user, record));
            }
            _ => {}
        }
        out
    }

    /// The filter's remembered facts with its version increased.
    fn bump(&self, seen: &mut Seen, name: &str, family: Option<FilterFamily>) -> FilterInfo {
        if !seen.filters.contains_key(name) {
            let info = self.filter_info(name, family);
            seen.filters.insert(name.to_string(), info);
        }
        let info = seen.filters.get_mut(name).expect("inserted above");
        info.version += 1;
        info.clone()
    }

    /// What the device says of a filter the events have not seen added.
    fn filter_info(&self, name: &str, family: Option<FilterFamily>) -> FilterInfo {
        let found = lock(&self.state)
            .upgrade()
            .and_then(|state| state.filter(name));
        match found {
            Some(filter) => FilterInfo {
                family: filter.family,
                owner: filter.owner.unwrap_or_default(),
                version: 1,
            },
            None => FilterInfo {
                family: family.unwrap_or(FilterFamily::Inet),
                owner: String::new(),
                version: 1,
            },
        }
    }

    /// Who committed: the most recent live login, else the first user.
    fn commit_user(&self) -> String {
        let Some(state) = lock(&self.state).upgrade() else {
            return FALLBACK_USER.to_string();
        };
        state.read(|m| {
            m.logins()
                .max_by_key(|(connection, _)| connection.id)
                .map(|(_, login)| login.user.clone())
                .or_else(|| m.users.keys().next().cloned())
                .unwrap_or_else(|| FALLBACK_USER.to_string())
        })
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

fn address_key(address: &Address) -> (String, u32, AddressFamily, String) {
    (
        address.ifd.clone(),
        address.unit,
        address.family,
        address.ip().to_string(),
    )
}

/// The last logical interface `filter` is bound to, `""` if none.
fn bound_interface(binds: &[Bind], filter: &str) -> String {
    binds
        .iter()
        .rev()
        .filter(|b| b.filter == filter)
        .find_map(|b| match &b.point {
            BindPoint::Interface(ifl) => Some(ifl.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

// ---- the device's JSON -----------------------------------------------------

/// A JSON value of an attribute.
#[derive(Debug, Clone)]
enum Value {
    Text(String),
    Number(i64),
}

/// JSON object members in the order written, written as the device writes
/// them: `{"name": "ge-0/0/0", "subunit": 0}`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Members(Vec<(&'static str, Value)>);

impl Members {
    pub(crate) fn text(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.0.push((key, Value::Text(value.into())));
        self
    }

    pub(crate) fn number(mut self, key: &'static str, value: i64) -> Self {
        self.0.push((key, Value::Number(value)));
        self
    }

    fn write_to(&self, out: &mut String) {
        out.push('{');
        for (i, (key, value)) in self.0.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            write_string(out, key);
            out.push_str(": ");
            match value {
                Value::Text(text) => write_string(out, text),
                Value::Number(n) => out.push_str(&n.to_string()),
            }
        }
        out.push('}');
    }
}

fn write_string(out: &mut String, text: &str) {
    out.push_str(&serde_json::Value::from(text).to_string());
}

/// The header fields every event has.
pub(crate) struct Header<'a> {
    pub(crate) hostname: &'a str,
    pub(crate) time: &'a str,
}

/// The header a syslog event adds.
struct Syslog<'a> {
    pid: u32,
    process: &'a str,
    message: &'a str,
}

fn envelope(
    header: &Header<'_>,
    event_id: &str,
    severity: &str,
    facility: &str,
    syslog: Option<Syslog<'_>>,
    attributes: &Members,
) -> String {
    let mut out = String::with_capacity(320);
    out.push_str("{\"jet-event\": ");
    let mut head = Members::default()
        .text("event-id", event_id)
        .text("hostname", header.hostname)
        .text("time", header.time)
        .text("severity", severity)
        .text("facility", facility);
    if let Some(syslog) = syslog {
        head = head
            .number("process-id", i64::from(syslog.pid))
            .text("process-name", syslog.process)
            .text("message", syslog.message);
    }
    head.write_to(&mut out);
    // Reopen the header object to append the attributes.
    out.pop();
    out.push_str(", \"attributes\": ");
    attributes.write_to(&mut out);
    out.push_str("}}");
    out
}

/// A kernel event (severity `info`, facility `KERNEL`).
pub(crate) fn kernel_event(
    header: &Header<'_>,
    topic: String,
    event_id: &str,
    attributes: &Members,
) -> EventMessage {
    EventMessage {
        topic,
        payload: envelope(header, event_id, "info", "KERNEL", None, attributes),
    }
}

fn op_id(op: Op) -> &'static str {
    match op {
        Op::Add => "ADD",
        Op::Delete => "DELETE",
        Op::Change | Op::All => "CHANGE",
    }
}

/// An IFA event for `address` (`prefix` as `ip/len`).
pub(crate) fn ifa_event(
    header: &Header<'_>,
    op: Op,
    address: &Address,
    generation: i64,
) -> EventMessage {
    let ip: Option<IpAddr> = address.ip().parse().ok();
    let max = match ip {
        Some(IpAddr::V6(_)) => 128u8,
        _ => 32,
    };
    let len = address
        .prefix
        .split_once('/')
        .and_then(|(_, len)| len.parse::<u8>().ok())
        .unwrap_or(max)
        .min(max);
    let ip_text = ip.map_or_else(|| address.ip().to_string(), |ip| ip.to_string());
    let with_len = format!("{ip_text}/{len}");
    let family = address.family.name();
    let topic = Topic::ifa(
        op,
        Some(&address.ifd),
        Some(address.unit),
        Some(family),
        Some(&with_len),
    )
    .map(Topic::into_string)
    .unwrap_or_else(|_| {
        format!(
            "/junos/events/kernel/interfaces/ifa/{op}/{}/{family}/{with_len}",
            address.ifl()
        )
    });
    let mut attributes = Members::default()
        .text("name", &address.ifd)
        .number("subunit", i64::from(address.unit))
        .text("family", family)
        .text("local-address", format!("{ip_text}/{max}"));
    match ip {
        Some(IpAddr::V4(v4)) => {
            let mask = if len == 0 {
                0
            } else {
                u32::MAX << (32 - u32::from(len))
            };
            let network = std::net::Ipv4Addr::from(u32::from(v4) & mask);
            let broadcast = std::net::Ipv4Addr::from(u32::from(v4) | !mask);
            attributes = attributes
                .text("destination-address", format!("{network}/{len}"))
                .text("broadcast-address", format!("{broadcast}/32"));
        }
        Some(IpAddr::V6(v6)) => {
            let mask = if len == 0 {
                0
            } else {
                u128::MAX << (128 - u32::from(len))
            };
            let network = std::net::Ipv6Addr::from(u128::from(v6) & mask);
            attributes = attributes.text("destination-address", format!("{network}/{len}"));
        }
        None => {
            attributes = attributes.text("destination-address", with_len.clone());
        }
    }
    let attributes = attributes
        .number("generation-number", generation)
        .number("flags", IFA_FLAGS);
    kernel_event(
        header,
        topic,
        &format!("KERNEL_EVENT_IFA_{}", op_id(op)),
        &attributes,
    )
}

/// The SNMP ifIndex the simulated device gives a logical interface.
pub(crate) fn snmp_id(ifd: &str, unit: u32) -> i64 {
    // FNV-1a over the name: stable across runs and platforms.
    let mut hash: u32 = 0x811c_9dc5;
    for byte in ifd.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    500 + i64::from(hash % 400) * 16 + i64::from(unit % 16)
}

/// An IFL event.
pub(crate) fn ifl_event(header: &Header<'_>, op: Op, ifd: &str, unit: u32) -> EventMessage {
    let topic = Topic::ifl(op, Some(ifd), Some(unit))
        .map(Topic::into_string)
        .unwrap_or_else(|_| format!("/junos/events/kernel/interfaces/ifl/{op}/{ifd}.{unit}"));
    let attributes = Members::default()
        .text("name", ifd)
        .number("subunit", i64::from(unit))
        .number("snmp-id", snmp_id(ifd, unit))
        .number("flags", IFL_FLAGS);
    kernel_event(
        header,
        topic,
        &format!("KERNEL_EVENT_IFL_{}", op_id(op)),
        &attributes,
    )
}

fn filter_event(
    header: &Header<'_>,
    op: Op,
    name: &str,
    info: &FilterInfo,
    interface: &str,
) -> EventMessage {
    let topic = Topic::firewall_filter(op, Some(name))
        .map(Topic::into_string)
        .unwrap_or_else(|_| format!("/junos/events/kernel/firewall/filter/{op}/{name}"));
    let attributes = Members::default()
        .text("name", name)
        .number("version", info.version)
        .text("client-id", &info.owner)
        .text("filter-type", "classic")
        .text("protocol", info.family.name())
        .text("interface-name", interface)
        .number("flags", 0);
    kernel_event(
        header,
        topic,
        &format!("KERNEL_EVENT_FIREWALL_FILTER_{}", op_id(op)),
        &attributes,
    )
}

fn ui_commit_event(header: &Header<'_>, user: &str, record: &ConfigRecord) -> EventMessage {
    let comment = record.comment.as_deref().unwrap_or("none");
    let message = format!("User '{user}' requested 'commit' operation (comment: {comment})");
    let attributes = Members::default()
        .text("username", user)
        .text("command", "commit")
        .text("message", comment);
    EventMessage {
        topic: "/junos/events/syslog/UI_COMMIT".to_string(),
        payload: envelope(
            header,
            "UI_COMMIT",
            "notice",
            "auth",
            Some(Syslog {
                pid: MGD_PID,
                process: "mgd",
                message: &message,
            }),
            &attributes,
        ),
    }
}

fn config_update_event(header: &Header<'_>, user: &str, record: &ConfigRecord) -> EventMessage {
    let attributes = Members::default()
        .text("username", user)
        .text("commit-comment", record.comment.as_deref().unwrap_or(""));
    EventMessage {
        topic: Topic::config_update().into_string(),
        payload: envelope(header, "CONFIG_UPDATE", "info", "user", None, &attributes),
    }
}

/// `time` as a device writes it, in UTC: `YYYY-MM-DD-HH:MM:SS`.
pub fn device_time(time: SystemTime) -> String {
    let seconds = match time.duration_since(UNIX_EPOCH) {
        Ok(since) => since.as_secs() as i64,
        Err(before) => -(before.duration().as_secs() as i64),
    };
    let days = seconds.div_euclid(86_400);
    let of_day = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_date(days);
    format!(
        "{year:04}-{month:02}-{day:02}-{:02}:{:02}:{:02}",
        of_day / 3600,
        of_day / 60 % 60,
        of_day % 60
    )
}

/// The proleptic Gregorian date `days` after 1970-01-01.
fn civil_date(days: i64) -> (i64, u32, u32) {
    // Count from 0000-03-01, so that the leap day ends each 4-year cycle.
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn times_are_written_like_a_device() {
        let at = |secs: u64| device_time(UNIX_EPOCH + Duration::from_secs(secs));
        assert_eq!(at(0), "1970-01-01-00:00:00");
        assert_eq!(at(1_548_169_146), "2019-01-22-14:59:06");
        assert_eq!(at(951_782_400), "2000-02-29-00:00:00");
        assert_eq!(at(4_107_542_399), "2100-02-28-23:59:59");
    }

    #[test]
    fn an_ifa_event_has_the_device_shape() {
        let header = Header {
            hostname: "r1",
            time: "2019-01-22-14:59:06",
        };
        let address = Address {
            ifd: "ge-0/0/0".into(),
            unit: 0,
            family: AddressFamily::Inet,
            prefix: "192.0.2.1/24".into(),
        };
        let event = ifa_event(&header, Op::Add, &address, 144);
        assert_eq!(
            event.topic,
            "/junos/events/kernel/interfaces/ifa/add/ge-0/0/0.0/inet/192.0.2.1/24"
        );
        assert_eq!(
            event.payload,
            "{\"jet-event\": {\"event-id\": \"KERNEL_EVENT_IFA_ADD\", \"hostname\": \"r1\", \
             \"time\": \"2019-01-22-14:59:06\", \"severity\": \"info\", \"facility\": \"KERNEL\", \
             \"attributes\": {\"name\": \"ge-0/0/0\", \"subunit\": 0, \"family\": \"inet\", \
             \"local-address\": \"192.0.2.1/32\", \"destination-address\": \"192.0.2.0/24\", \
             \"broadcast-address\": \"192.0.2.255/32\", \"generation-number\": 144, \"flags\": 192}}}"
        );
        let v6 = Address {
            family: AddressFamily::Inet6,
            prefix: "2001:db8::1/64".into(),
            ..address
        };
        let event = ifa_event(&header, Op::Delete, &v6, 1);
        assert_eq!(
            event.topic,
            "/junos/events/kernel/interfaces/ifa/delete/ge-0/0/0.0/inet6/2001:db8::1/64"
        );
        let parsed: serde_json::Value = serde_json::from_str(&event.payload).unwrap();
        let attributes = &parsed["jet-event"]["attributes"];
        assert_eq!(attributes["destination-address"], "2001:db8::/64");
        assert_eq!(attributes["local-address"], "2001:db8::1/128");
        assert!(attributes.get("broadcast-address").is_none());
    }
}
