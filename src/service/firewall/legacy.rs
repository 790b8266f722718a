//! The firewall model on the legacy `acl` wire (service `AclService`,
//! Junos 17.x to 19.2 and Junos Evolved).
//!
//! Pure functions, no I/O: each request builder validates its input and
//! returns the message to send; [`check`] and the readers turn the device's
//! answer into a [`Result`]. The wire choices are listed in the [module
//! documentation](super#on-the-wire). Booleans are `AclBooleanType`:
//! `ACL_TRUE` (1) when set.

use super::types::{
    check_counter, check_name, validate_changes, Actions, AddressMatch, Adjacency, BindPoint,
    Binding, CounterValue, Direction, Family, Filter, Fragment, LossPriority, Matches, Path,
    Policer, PolicerKind, PolicerScope, PolicerThen, RateUnit, RejectReason, SizeUnit, Term,
    TermChange, TermOp, Terminating,
};
use crate::error::{Error, ErrorKind, Result};
use crate::proto::legacy::acl as wire;
use crate::proto::legacy::jnx_base::{ip_address::AddrFormat, IpAddress};
use crate::service::status::refused;

// ---- Enumerations ----

fn boolean(value: bool) -> i32 {
    if value {
        wire::AclBooleanType::AclTrue as i32
    } else {
        wire::AclBooleanType::AclFalse as i32
    }
}

fn family(family: Family) -> i32 {
    match family {
        Family::Inet => wire::AccessListFamilies::AclFamilyInet as i32,
        Family::Inet6 => wire::AccessListFamilies::AclFamilyInet6 as i32,
    }
}

fn operation(except: bool) -> i32 {
    if except {
        wire::AclMatchOperation::AclMatchOpNotEqual as i32
    } else {
        wire::AclMatchOperation::AclMatchOpEqual as i32
    }
}

fn fragment(fragment: Option<Fragment>) -> i32 {
    use wire::AclFragmentFlags as Flags;
    (match fragment {
        None => Flags::AclFragmentNone,
        Some(Fragment::DontFragment) => Flags::AclDontFragment,
        Some(Fragment::IsFragment) => Flags::AclIsFragment,
        Some(Fragment::FirstFragment) => Flags::AclFirstFragment,
        Some(Fragment::LastFragment) => Flags::AclLastFragment,
    }) as i32
}

fn entry_op(op: TermOp) -> i32 {
    use wire::AclEntryOperation as Op;
    (match op {
        TermOp::Add => Op::Add,
        TermOp::Delete => Op::Delete,
        TermOp::Replace => Op::Replace,
    }) as i32
}

/// The legacy adjacency: `AFTER` = 1 and `BEFORE` = 2 (jnx has 0 and 1).
fn adjacency(adjacency: &Adjacency) -> wire::AclAdjacency {
    use wire::AclAdjacencyType as Type;
    let (kind, name) = match adjacency {
        Adjacency::After(name) => (Type::AclAdjacencyAfter, name),
        Adjacency::Before(name) => (Type::AclAdjacencyBefore, name),
    };
    wire::AclAdjacency {
        r#type: kind as i32,
        ace_name: name.clone(),
    }
}

/// `AFTER` with no name: "at the end", as Juniper's legacy samples add terms.
fn at_the_end() -> wire::AclAdjacency {
    wire::AclAdjacency {
        r#type: wire::AclAdjacencyType::AclAdjacencyAfter as i32,
        ace_name: String::new(),
    }
}

fn direction(direction: Direction) -> i32 {
    match direction {
        Direction::Input => wire::AclBindDirection::Input as i32,
        Direction::Output => wire::AclBindDirection::Output as i32,
    }
}

fn scope(scope: PolicerScope) -> i32 {
    match scope {
        PolicerScope::TermSpecific => wire::AclPolicerFlags::AclPolicerFlagTermSpecific as i32,
        PolicerScope::FilterSpecific => wire::AclPolicerFlags::AclPolicerFlagFilterSpecific as i32,
    }
}

fn rate_unit(unit: RateUnit) -> i32 {
    use wire::AclPolicerRate as Rate;
    (match unit {
        RateUnit::Bps => Rate::Bps,
        RateUnit::Kbps => Rate::Kbps,
        RateUnit::Mbps => Rate::Mbps,
        RateUnit::Gbps => Rate::Gbps,
    }) as i32
}

fn size_unit(unit: SizeUnit) -> i32 {
    use wire::AclPolicerBurstSize as Size;
    (match unit {
        SizeUnit::Bytes => Size::Byte,
        SizeUnit::Kbytes => Size::Kbyte,
        SizeUnit::Mbytes => Size::Mbyte,
        SizeUnit::Gbytes => Size::Gbyte,
    }) as i32
}

fn loss_priority(priority: LossPriority) -> i32 {
    use wire::AclLossPriority as Priority;
    (match priority {
        LossPriority::High => Priority::High,
        LossPriority::MediumHigh => Priority::MediumHigh,
        LossPriority::MediumLow => Priority::MediumLow,
        LossPriority::Low => Priority::Low,
    }) as i32
}

/// The one legacy reject list, for inet and inet6 alike.
fn reject_reason(reason: RejectReason) -> Option<wire::AclEntryActionRejectReason> {
    use wire::AclEntryActionRejectReason as Reason;
    Some(match reason {
        RejectReason::AdministrativelyProhibited => {
            Reason::AclActionRejectAdministrativelyProhibited
        }
        RejectReason::BadHostTos => Reason::AclActionRejectBadHostTos,
        RejectReason::BadNetworkTos => Reason::AclActionRejectBadNetworkTos,
        RejectReason::FragmentationNeeded => Reason::AclActionRejectFragmentationNeeded,
        RejectReason::HostProhibited => Reason::AclActionRejectHostProhibited,
        RejectReason::HostUnknown => Reason::AclActionRejectHostUnknown,
        RejectReason::HostUnreachable => Reason::AclActionRejectHostUnreachable,
        RejectReason::NetworkProhibited => Reason::AclActionRejectNetworkProhibited,
        RejectReason::NetworkUnknown => Reason::AclActionRejectNetworkUnknown,
        RejectReason::NetworkUnreachable => Reason::AclActionRejectNetworkUnreachable,
        RejectReason::PortUnreachable => Reason::AclActionRejectPortUnreachable,
        RejectReason::PrecedenceCutoff => Reason::AclActionRejectPrecedenceCutoff,
        RejectReason::PrecedenceViolation => Reason::AclActionRejectPrecedenceViolation,
        RejectReason::ProtocolUnreachable => Reason::AclActionRejectProtocolUnreachable,
        RejectReason::SourceHostIsolated => Reason::AclActionRejectSourceHostIsolated,
        RejectReason::SourceRouteFailed => Reason::AclActionRejectSourceRouteFailed,
        RejectReason::TcpReset => Reason::AclActionRejectTcpReset,
        _ => return None,
    })
}

fn reject(reason: RejectReason, path: &Path<'_>) -> Result<i32> {
    reject_reason(reason).map(|r| r as i32).ok_or_else(|| {
        path.error(format!(
            "{:?} is an ICMPv6 reason; the legacy wire has only the ICMP reject list, for inet6 too",
            reason.name()
        ))
    })
}

// ---- Match conditions ----

fn address(address: &AddressMatch) -> wire::AclMatchIpAddress {
    wire::AclMatchIpAddress {
        addr: Some(IpAddress {
            addr_format: Some(AddrFormat::AddrString(address.prefix.addr().to_string())),
        }),
        prefix_len: u32::from(address.prefix.prefix_len()),
        match_op: operation(address.except),
    }
}

fn addresses(list: &[AddressMatch]) -> Vec<wire::AclMatchIpAddress> {
    list.iter().map(address).collect()
}

/// Range matches as the wire message `$message` (`min`, `max`, `match_op`),
/// the bounds converted with `$int::from` (ports are `int32` here).
macro_rules! ranges {
    ($list:expr, $message:ident, $int:ty) => {
        $list
            .iter()
            .map(|range| wire::$message {
                min: <$int>::from(range.min),
                max: <$int>::from(range.max),
                match_op: operation(range.except),
            })
            .collect()
    };
}

fn interfaces(list: &[String]) -> Vec<wire::AclMatchIflNameIndex> {
    list.iter()
        .map(|name| wire::AclMatchIflNameIndex {
            acl_entry_match_ifl_name_format: Some(
                wire::acl_match_ifl_name_index::AclEntryMatchIflNameFormat::IflName(name.clone()),
            ),
        })
        .collect()
}

fn inet_matches(matches: &Matches) -> wire::AclEntryMatchInet {
    wire::AclEntryMatchInet {
        match_dst_addrs: addresses(&matches.destination_addresses),
        match_src_addrs: addresses(&matches.source_addresses),
        match_dst_ports: ranges!(matches.destination_ports, AclMatchPort, i32),
        match_src_ports: ranges!(matches.source_ports, AclMatchPort, i32),
        match_dscp_code: ranges!(matches.dscp, AclMatchDscpCode, u32),
        match_protocols: ranges!(matches.protocols, AclMatchProtocol, u32),
        match_icmp_type: ranges!(matches.icmp_types, AclMatchIcmpType, u32),
        match_icmp_code: ranges!(matches.icmp_codes, AclMatchIcmpCode, u32),
        match_pkt_len: ranges!(matches.packet_lengths, AclMatchPktLen, u32),
        match_ttl: ranges!(matches.ttls, AclMatchTtl, u32),
        fragment_flags: fragment(matches.fragment),
        ifl_names: interfaces(&matches.interfaces),
        match_addrs: addresses(&matches.addresses),
        match_ports: ranges!(matches.ports, AclMatchPort, i32),
        ..Default::default()
    }
}

/// inet6 matches; TTLs were refused by validation (the message has none).
fn inet6_matches(matches: &Matches) -> wire::AclEntryMatchInet6 {
    wire::AclEntryMatchInet6 {
        match_dst_addrs: addresses(&matches.destination_addresses),
        match_src_addrs: addresses(&matches.source_addresses),
        match_dst_ports: ranges!(matches.destination_ports, AclMatchPort, i32),
        match_src_ports: ranges!(matches.source_ports, AclMatchPort, i32),
        match_dscp_code: ranges!(matches.dscp, AclMatchDscpCode, u32),
        payload_protocols: ranges!(matches.protocols, AclMatchProtocol, u32),
        match_icmp_type: ranges!(matches.icmp_types, AclMatchIcmpType, u32),
        match_icmp_code: ranges!(matches.icmp_codes, AclMatchIcmpCode, u32),
        match_pkt_len: ranges!(matches.packet_lengths, AclMatchPktLen, u32),
        fragment_flags: fragment(matches.fragment),
        ifl_names: interfaces(&matches.interfaces),
        match_addrs: addresses(&matches.addresses),
        match_ports: ranges!(matches.ports, AclMatchPort, i32),
        ..Default::default()
    }
}

// ---- Actions ----

fn counter_action(actions: &Actions) -> Option<wire::AclActionCounter> {
    actions.count.as_ref().map(|name| wire::AclActionCounter {
        counter_name: name.clone(),
    })
}

/// The policer action names the policer only; the device knows the rest.
fn policer_action(actions: &Actions) -> Option<wire::AclActionPolicer> {
    actions.policer.as_ref().map(|name| wire::AclActionPolicer {
        policer: Some(wire::AccessListPolicer {
            policer_name: name.clone(),
            ..Default::default()
        }),
    })
}

fn inet_actions(actions: &Actions, path: &Path<'_>) -> Result<wire::AclEntryInetAction> {
    use wire::acl_entry_inet_terminating_action::OneofAclEntryInetTerminatingAction as Action;
    let action = match &actions.terminating {
        None => None,
        Some(Terminating::Accept) => Some(Action::ActionAccept(boolean(true))),
        Some(Terminating::Discard) => Some(Action::ActionDiscard(boolean(true))),
        Some(Terminating::Reject(reason)) => {
            Some(Action::ActionReject(reject(*reason, &path.key("reject"))?))
        }
        Some(Terminating::RoutingInstance(name)) => {
            Some(Action::ActionRtInst(wire::AclActionRoutingInstance {
                rt_instance_name: name.clone(),
            }))
        }
    };
    Ok(wire::AclEntryInetAction {
        actions_nt: actions
            .has_non_terminating()
            .then(|| wire::AclEntryInetNonTerminatingAction {
                action_count: counter_action(actions),
                action_log: boolean(actions.log),
                action_syslog: boolean(actions.syslog),
                action_policer: policer_action(actions),
                action_sample: boolean(false),
                action_next_term: boolean(actions.next_term),
            }),
        action_t: action.map(|action| wire::AclEntryInetTerminatingAction {
            oneof_acl_entry_inet_terminating_action: Some(action),
        }),
    })
}

fn inet6_actions(actions: &Actions, path: &Path<'_>) -> Result<wire::AclEntryInet6Action> {
    use wire::acl_entry_inet6_terminating_action::OneofAclEntryInet6TerminatingAction as Action;
    let action = match &actions.terminating {
        None => None,
        Some(Terminating::Accept) => Some(Action::ActionAccept(boolean(true))),
        Some(Terminating::Discard) => Some(Action::ActionDiscard(boolean(true))),
        Some(Terminating::Reject(reason)) => {
            Some(Action::ActionReject(reject(*reason, &path.key("reject"))?))
        }
        Some(Terminating::RoutingInstance(name)) => {
            Some(Action::ActionRtInst(wire::AclActionRoutingInstance {
                rt_instance_name: name.clone(),
            }))
        }
    };
    Ok(wire::AclEntryInet6Action {
        actions_nt: actions.has_non_terminating().then(|| {
            wire::AclEntryInet6NonTerminatingAction {
                action_count: counter_action(actions),
                action_log: boolean(actions.log),
                action_syslog: boolean(actions.syslog),
                action_policer: policer_action(actions),
                action_next_term: boolean(actions.next_term),
                ..Default::default()
            }
        }),
        action_t: action.map(|action| wire::AclEntryInet6TerminatingAction {
            oneof_acl_entry_inet6_terminating_action: Some(action),
        }),
    })
}

// ---- Entries (terms) and access lists (filters) ----

/// One entry on the wire; a delete carries the name only.
fn entry(
    family: Family,
    term: &Term,
    op: TermOp,
    adjacency: Option<wire::AclAdjacency>,
    path: &Path<'_>,
) -> Result<wire::AclEntry> {
    use wire::acl_entry::OneOfAclEntry as Kind;
    let body = op != TermOp::Delete;
    let actions = path.key("actions");
    let kind = match family {
        Family::Inet => Kind::InetEntry(wire::AclInetEntry {
            ace_name: term.name.clone(),
            ace_op: entry_op(op),
            adjacency,
            matches: body.then(|| inet_matches(&term.matches)),
            actions: match body {
                true => Some(inet_actions(&term.actions, &actions)?),
                false => None,
            },
        }),
        Family::Inet6 => Kind::Inet6Entry(wire::AclInet6Entry {
            ace_name: term.name.clone(),
            ace_op: entry_op(op),
            adjacency,
            matches: body.then(|| inet6_matches(&term.matches)),
            actions: match body {
                true => Some(inet6_actions(&term.actions, &actions)?),
                false => None,
            },
        }),
    };
    Ok(wire::AclEntry {
        one_of_acl_entry: Some(kind),
    })
}

fn access_list(name: &str, family: Family, ace_list: Vec<wire::AclEntry>) -> wire::AccessList {
    wire::AccessList {
        acl_name: name.to_owned(),
        acl_type: wire::AccessListTypes::AclTypeClassic as i32,
        acl_family: self::family(family),
        acl_flag: wire::AccessListFlags::AclFlagsNone as i32,
        ace_list,
    }
}

/// The access list by name and family only: what delete, bind and the
/// counter calls need.
fn reference(name: &str, family: Family) -> wire::AccessList {
    wire::AccessList {
        acl_name: name.to_owned(),
        acl_family: self::family(family),
        ..Default::default()
    }
}

/// `AccessListAdd`: the whole filter, validated; `ACL_TYPE_CLASSIC`,
/// `ACL_FLAGS_NONE`, every entry `ADD` with adjacency `AFTER` and no name.
pub fn filter_add(filter: &Filter) -> Result<wire::AccessList> {
    let root = Path::root("filter");
    filter.validate_at(&root)?;
    let terms = root.key("terms");
    let mut ace_list = Vec::with_capacity(filter.terms.len());
    for (i, term) in filter.terms.iter().enumerate() {
        ace_list.push(entry(
            filter.family,
            term,
            TermOp::Add,
            Some(at_the_end()),
            &terms.index(i),
        )?);
    }
    Ok(access_list(&filter.name, filter.family, ace_list))
}

/// `AccessListChange`: term changes to the filter `name` of `family`, in
/// order, validated with [`validate_changes`]. An add
/// without adjacency goes `AFTER` with no name (at the end); a replace or
/// delete without adjacency sends none.
pub fn filter_modify(
    name: &str,
    family: Family,
    changes: &[TermChange],
) -> Result<wire::AccessList> {
    validate_changes(name, family, changes)?;
    let root = Path::root("changes");
    let mut ace_list = Vec::with_capacity(changes.len());
    for (i, change) in changes.iter().enumerate() {
        let at = root.index(i);
        let placed = match (&change.adjacency, change.op) {
            (Some(given), _) => Some(adjacency(given)),
            (None, TermOp::Add) => Some(at_the_end()),
            (None, TermOp::Replace | TermOp::Delete) => None,
        };
        ace_list.push(entry(
            family,
            &change.term,
            change.op,
            placed,
            &at.key("term"),
        )?);
    }
    Ok(access_list(name, family, ace_list))
}

/// `AccessListDelete`: the access list's name and family only (the filter
/// must not be bound).
pub fn filter_delete(name: &str, family: Family) -> Result<wire::AccessList> {
    check_name(&Path::root("filter"), name)?;
    Ok(reference(name, family))
}

// ---- Binding ----

/// `AccessListBindAdd` and `AccessListBindDelete` (both take this message):
/// object type `INTERFACE`, the interface as `bind_object.intf` (the 17.4
/// layout, a message), the direction, and the filter's family.
pub fn bind(binding: &Binding) -> Result<wire::AccessListObjBind> {
    binding.validate()?;
    let BindPoint::Interface(interface) = &binding.point;
    Ok(wire::AccessListObjBind {
        acl: Some(reference(&binding.filter, binding.family)),
        obj_type: wire::AccessListBindObjType::AclBindObjTypeInterface as i32,
        bind_object: Some(wire::AccessListBindObjPoint {
            one_of_acl_bind_point: Some(wire::access_list_bind_obj_point::OneOfAclBindPoint::Intf(
                interface.clone(),
            )),
        }),
        bind_direction: direction(binding.direction),
        bind_family: family(binding.family),
    })
}

// ---- Policers ----

/// `AccessListPolicerAdd` and `AccessListPolicerReplace`: a two-color
/// policer, each value with its unit enum as given.
pub fn policer_add(policer: &Policer) -> Result<wire::AccessListPolicer> {
    policer.validate()?;
    let PolicerKind::TwoColor(limits) = &policer.kind;
    let (lp, fc_string, discard) = match &limits.then {
        PolicerThen::Discard => (0, String::new(), true),
        PolicerThen::LossPriority(priority) => (loss_priority(*priority), String::new(), false),
        PolicerThen::ForwardingClass(class) => (0, class.clone(), false),
    };
    Ok(wire::AccessListPolicer {
        policer_name: policer.name.clone(),
        policer_type: wire::AclPolicerType::AclTwoColorPolicer as i32,
        policer_flag: scope(policer.scope),
        policer_params: Some(wire::AclPolicerParameter {
            one_of_policer_parameter: Some(
                wire::acl_policer_parameter::OneOfPolicerParameter::TwoColorParameter(
                    wire::AclPolicerTwoColor {
                        bw_unit: rate_unit(limits.bandwidth.unit),
                        bandwidth: limits.bandwidth.value,
                        burst_unit: size_unit(limits.burst.unit),
                        burst_size: limits.burst.value,
                        lp,
                        fc_string,
                        discard: boolean(discard),
                    },
                ),
            ),
        }),
    })
}

/// `AccessListPolicerDelete`: the policer's name, its kind (two-color, the
/// only kind libjet adds) and scope.
pub fn policer_delete(name: &str, scope: PolicerScope) -> Result<wire::AccessListPolicer> {
    check_name(&Path::root("policer"), name)?;
    Ok(wire::AccessListPolicer {
        policer_name: name.to_owned(),
        policer_type: wire::AclPolicerType::AclTwoColorPolicer as i32,
        policer_flag: self::scope(scope),
        policer_params: None,
    })
}

// ---- Counters ----

/// `AccessListCounterGet`, `AccessListPolicerCounterGet` and
/// `AccessListCounterClear` (all take this message): one counter of the
/// filter `filter` of `family`, by its fully resolved name. (The legacy IDL
/// has no policer-counter clear.)
pub fn counter_get(filter: &str, family: Family, counter: &str) -> Result<wire::AccessListCounter> {
    check_counter(filter, counter)?;
    Ok(wire::AccessListCounter {
        acl: Some(reference(filter, family)),
        counter_name: counter.to_owned(),
    })
}

/// `AccessListCounterClear`: clears one filter counter; the same message as
/// [`counter_get`].
pub fn counter_clear(
    filter: &str,
    family: Family,
    counter: &str,
) -> Result<wire::AccessListCounter> {
    counter_get(filter, family, counter)
}

/// How many counters one bulk call streams at most.
pub const COUNTER_BULK_SIZE: u32 = 10;

/// `AccessListCounterBulkGet` and `AccessListPolicerCounterBulkGet`: up to
/// [`COUNTER_BULK_SIZE`] counters from `starting_index` (the first call
/// starts at 0; [`counter_bulk_next`] gives the next index).
pub fn counter_bulk(
    filter: &str,
    family: Family,
    starting_index: u32,
) -> Result<wire::AccessListCounterBulk> {
    check_name(&Path::root("filter"), filter)?;
    Ok(wire::AccessListCounterBulk {
        acl: Some(reference(filter, family)),
        starting_index,
    })
}

/// Whether to read more after a bulk call from `starting_index` streamed
/// `received` counters: a full batch means there may be more, so the next
/// index is returned; fewer than [`COUNTER_BULK_SIZE`] means that was all.
pub fn counter_bulk_next(starting_index: u32, received: usize) -> Option<u32> {
    let received = u32::try_from(received).ok()?;
    if received < COUNTER_BULK_SIZE {
        return None;
    }
    starting_index.checked_add(received)
}

/// The result of status `status` for operation `what`.
fn status_result(what: &str, status: i32) -> Result<()> {
    use wire::AccessListReturnVal as Status;
    if status == Status::AclStatusEok as i32 {
        return Ok(());
    }
    let name = Status::try_from(status).map_or("unknown status", |status| status.as_str_name());
    if status == Status::AclStatusBsTimeout as i32 {
        return Err(Error::new(
            ErrorKind::Timeout,
            format!("{what}: the device timed out ({name}, code {status})"),
        )
        .with_device_code(status));
    }
    Err(refused(what, status, name))
}

/// Turns an `AccessListReturnStatus` answer to operation `what` (e.g.
/// "filter add") into a result: anything but `ACL_STATUS_EOK` is
/// [`ErrorKind::Refused`] with that code and its
/// name, except `ACL_STATUS_BS_TIMEOUT`, which is
/// [`ErrorKind::Timeout`].
pub fn check(what: &str, response: &wire::AccessListReturnStatus) -> Result<()> {
    status_result(what, response.status)
}

/// Reads one `AccessListCounterVal` (a counter get's answer, or one element
/// of a bulk stream) for operation `what`; statuses as [`check`]. The name is
/// the device's, or `requested` if it sent none.
pub fn counter(
    what: &str,
    value: &wire::AccessListCounterVal,
    requested: &str,
) -> Result<CounterValue> {
    status_result(what, value.status)?;
    let name = match value.counter_name.as_str() {
        "" => requested,
        name => name,
    };
    Ok(CounterValue {
        name: name.to_owned(),
        bytes: value.bytes,
        packets: value.packets,
    })
}

#[cfg(test)]
mod tests {
    use super::super::types::{RangeMatch, Rate, Size, TwoColor};
    use super::*;
    use wire::acl_entry::OneOfAclEntry as Kind;
    use wire::acl_entry_inet6_terminating_action::OneofAclEntryInet6TerminatingAction as Action6;
    use wire::acl_entry_inet_terminating_action::OneofAclEntryInetTerminatingAction as Action;

    const TRUE: i32 = 1; // ACL_TRUE

    fn ip(text: &str) -> Option<IpAddress> {
        Some(IpAddress {
            addr_format: Some(AddrFormat::AddrString(text.into())),
        })
    }

    fn inet_entry(entry: wire::AclInetEntry) -> wire::AclEntry {
        wire::AclEntry {
            one_of_acl_entry: Some(Kind::InetEntry(entry)),
        }
    }

    fn inet6_entry(entry: wire::AclInet6Entry) -> wire::AclEntry {
        wire::AclEntry {
            one_of_acl_entry: Some(Kind::Inet6Entry(entry)),
        }
    }

    fn terminating(action: Action) -> Option<wire::AclEntryInetTerminatingAction> {
        Some(wire::AclEntryInetTerminatingAction {
            oneof_acl_entry_inet_terminating_action: Some(action),
        })
    }

    fn after(name: &str) -> Option<wire::AclAdjacency> {
        Some(wire::AclAdjacency {
            r#type: 1, // ACL_ADJACENCY_AFTER
            ace_name: name.into(),
        })
    }

    fn demo() -> Filter {
        let mut icmp = Term::new("t1");
        icmp.matches.protocols = vec![RangeMatch::value(1)];
        icmp.actions.count = Some("icmp-count".into());
        icmp.actions.terminating = Some(Terminating::Discard);
        let mut rest = Term::new("t2");
        rest.actions.terminating = Some(Terminating::Accept);
        Filter {
            name: "jet-demo-icmp".into(),
            family: Family::Inet,
            terms: vec![icmp, rest],
        }
    }

    #[test]
    fn the_demo_filter_on_the_wire() {
        let expected = wire::AccessList {
            acl_name: "jet-demo-icmp".into(),
            acl_type: 1,   // ACL_TYPE_CLASSIC
            acl_family: 1, // ACL_FAMILY_INET
            acl_flag: 0,   // ACL_FLAGS_NONE
            ace_list: vec![
                inet_entry(wire::AclInetEntry {
                    ace_name: "t1".into(),
                    ace_op: 1, // ADD
                    adjacency: after(""),
                    matches: Some(wire::AclEntryMatchInet {
                        match_protocols: vec![wire::AclMatchProtocol {
                            min: 1,
                            max: 1,
                            match_op: 1, // ACL_MATCH_OP_EQUAL
                        }],
                        ..Default::default()
                    }),
                    actions: Some(wire::AclEntryInetAction {
                        actions_nt: Some(wire::AclEntryInetNonTerminatingAction {
                            action_count: Some(wire::AclActionCounter {
                                counter_name: "icmp-count".into(),
                            }),
                            ..Default::default()
                        }),
                        action_t: terminating(Action::ActionDiscard(TRUE)),
                    }),
                }),
                inet_entry(wire::AclInetEntry {
                    ace_name: "t2".into(),
                    ace_op: 1,
                    adjacency: after(""),
                    matches: Some(wire::AclEntryMatchInet::default()),
                    actions: Some(wire::AclEntryInetAction {
                        actions_nt: None,
                        action_t: terminating(Action::ActionAccept(TRUE)),
                    }),
                }),
            ],
        };
        assert_eq!(filter_add(&demo()).unwrap(), expected);
    }

    #[test]
    fn an_inet6_filter_with_addresses_ports_and_reject() {
        let mut web = Term::new("web");
        web.matches.source_addresses = vec!["2001:db8::/32".parse().unwrap()];
        web.matches.destination_addresses =
            vec!["2001:db8:1::1".parse::<AddressMatch>().unwrap().except()];
        web.matches.protocols = vec![RangeMatch::value(6)];
        web.matches.destination_ports = vec![RangeMatch::value(443)];
        web.matches.source_ports = vec![RangeMatch::range(1024, 65535)];
        web.actions.terminating = Some(Terminating::Reject(RejectReason::TcpReset));
        let filter = Filter {
            name: "v6".into(),
            family: Family::Inet6,
            terms: vec![web],
        };
        let expected = wire::AccessList {
            acl_name: "v6".into(),
            acl_type: 1,
            acl_family: 2, // ACL_FAMILY_INET6
            acl_flag: 0,
            ace_list: vec![inet6_entry(wire::AclInet6Entry {
                ace_name: "web".into(),
                ace_op: 1,
                adjacency: after(""),
                matches: Some(wire::AclEntryMatchInet6 {
                    match_src_addrs: vec![wire::AclMatchIpAddress {
                        addr: ip("2001:db8::"),
                        prefix_len: 32,
                        match_op: 1,
                    }],
                    match_dst_addrs: vec![wire::AclMatchIpAddress {
                        addr: ip("2001:db8:1::1"),
                        prefix_len: 128,
                        match_op: 2, // ACL_MATCH_OP_NOT_EQUAL
                    }],
                    payload_protocols: vec![wire::AclMatchProtocol {
                        min: 6,
                        max: 6,
                        match_op: 1,
                    }],
                    match_dst_ports: vec![wire::AclMatchPort {
                        min: 443,
                        max: 443,
                        match_op: 1,
                    }],
                    match_src_ports: vec![wire::AclMatchPort {
                        min: 1024,
                        max: 65535,
                        match_op: 1,
                    }],
                    ..Default::default()
                }),
                actions: Some(wire::AclEntryInet6Action {
                    actions_nt: None,
                    action_t: Some(wire::AclEntryInet6TerminatingAction {
                        // ACL_ACTION_REJECT_TCP_RESET: one list for both families
                        oneof_acl_entry_inet6_terminating_action: Some(Action6::ActionReject(16)),
                    }),
                }),
            })],
        };
        assert_eq!(filter_add(&filter).unwrap(), expected);

        let mut icmp6_only = filter;
        icmp6_only.terms[0].actions.terminating =
            Some(Terminating::Reject(RejectReason::BeyondScope));
        assert_eq!(
            filter_add(&icmp6_only).unwrap_err().message(),
            "filter.terms[0].actions.reject: \"beyond-scope\" is an ICMPv6 reason; the legacy wire has only the ICMP reject list, for inet6 too"
        );
    }

    fn every_match() -> Matches {
        Matches {
            source_addresses: vec!["192.0.2.0/24".parse().unwrap()],
            destination_addresses: vec!["198.51.100.7".parse().unwrap()],
            addresses: vec!["203.0.113.0/25".parse::<AddressMatch>().unwrap().except()],
            source_ports: vec![RangeMatch::value(53)],
            destination_ports: vec![RangeMatch::range(8000, 8080)],
            ports: vec![RangeMatch::value(179).except()],
            protocols: vec![RangeMatch::value(17)],
            icmp_types: vec![RangeMatch::value(8)],
            icmp_codes: vec![RangeMatch::range(0, 3)],
            dscp: vec![RangeMatch::value(46)],
            packet_lengths: vec![RangeMatch::range(64, 1500)],
            ttls: vec![RangeMatch::range(1, 2)],
            fragment: Some(Fragment::DontFragment),
            interfaces: vec!["ge-0/0/1.0".into()],
        }
    }

    fn one_entry(family: Family, term: Term) -> wire::AclEntry {
        let filter = Filter {
            name: "f".into(),
            family,
            terms: vec![term],
        };
        filter_add(&filter).unwrap().ace_list.remove(0)
    }

    fn ifl(name: &str) -> wire::AclMatchIflNameIndex {
        wire::AclMatchIflNameIndex {
            acl_entry_match_ifl_name_format: Some(
                wire::acl_match_ifl_name_index::AclEntryMatchIflNameFormat::IflName(name.into()),
            ),
        }
    }

    #[test]
    fn every_inet_match() {
        let mut term = Term::new("all");
        term.matches = every_match();
        let Some(Kind::InetEntry(entry)) = one_entry(Family::Inet, term).one_of_acl_entry else {
            panic!("not an inet entry");
        };
        let expected = wire::AclEntryMatchInet {
            match_src_addrs: vec![wire::AclMatchIpAddress {
                addr: ip("192.0.2.0"),
                prefix_len: 24,
                match_op: 1,
            }],
            match_dst_addrs: vec![wire::AclMatchIpAddress {
                addr: ip("198.51.100.7"),
                prefix_len: 32,
                match_op: 1,
            }],
            match_addrs: vec![wire::AclMatchIpAddress {
                addr: ip("203.0.113.0"),
                prefix_len: 25,
                match_op: 2,
            }],
            match_src_ports: vec![wire::AclMatchPort {
                min: 53,
                max: 53,
                match_op: 1,
            }],
            match_dst_ports: vec![wire::AclMatchPort {
                min: 8000,
                max: 8080,
                match_op: 1,
            }],
            match_ports: vec![wire::AclMatchPort {
                min: 179,
                max: 179,
                match_op: 2,
            }],
            match_protocols: vec![wire::AclMatchProtocol {
                min: 17,
                max: 17,
                match_op: 1,
            }],
            match_icmp_type: vec![wire::AclMatchIcmpType {
                min: 8,
                max: 8,
                match_op: 1,
            }],
            match_icmp_code: vec![wire::AclMatchIcmpCode {
                min: 0,
                max: 3,
                match_op: 1,
            }],
            match_dscp_code: vec![wire::AclMatchDscpCode {
                min: 46,
                max: 46,
                match_op: 1,
            }],
            match_pkt_len: vec![wire::AclMatchPktLen {
                min: 64,
                max: 1500,
                match_op: 1,
            }],
            match_ttl: vec![wire::AclMatchTtl {
                min: 1,
                max: 2,
                match_op: 1,
            }],
            fragment_flags: 1, // ACL_DONT_FRAGMENT
            ifl_names: vec![ifl("ge-0/0/1.0")],
            ..Default::default()
        };
        assert_eq!(entry.matches, Some(expected));
    }

    #[test]
    fn every_inet6_match() {
        let mut matches = every_match();
        matches.source_addresses = vec!["2001:db8::/48".parse().unwrap()];
        matches.destination_addresses = vec!["2001:db8::7".parse().unwrap()];
        matches.addresses = vec!["fe80::/10".parse::<AddressMatch>().unwrap().except()];
        matches.ttls.clear();
        matches.protocols = vec![RangeMatch::value(58)];
        matches.fragment = Some(Fragment::IsFragment);
        let mut term = Term::new("all");
        term.matches = matches;
        let Some(Kind::Inet6Entry(entry)) = one_entry(Family::Inet6, term).one_of_acl_entry else {
            panic!("not an inet6 entry");
        };
        let expected = wire::AclEntryMatchInet6 {
            match_src_addrs: vec![wire::AclMatchIpAddress {
                addr: ip("2001:db8::"),
                prefix_len: 48,
                match_op: 1,
            }],
            match_dst_addrs: vec![wire::AclMatchIpAddress {
                addr: ip("2001:db8::7"),
                prefix_len: 128,
                match_op: 1,
            }],
            match_addrs: vec![wire::AclMatchIpAddress {
                addr: ip("fe80::"),
                prefix_len: 10,
                match_op: 2,
            }],
            match_src_ports: vec![wire::AclMatchPort {
                min: 53,
                max: 53,
                match_op: 1,
            }],
            match_dst_ports: vec![wire::AclMatchPort {
                min: 8000,
                max: 8080,
                match_op: 1,
            }],
            match_ports: vec![wire::AclMatchPort {
                min: 179,
                max: 179,
                match_op: 2,
            }],
            payload_protocols: vec![wire::AclMatchProtocol {
                min: 58,
                max: 58,
                match_op: 1,
            }],
            match_icmp_type: vec![wire::AclMatchIcmpType {
                min: 8,
                max: 8,
                match_op: 1,
            }],
            match_icmp_code: vec![wire::AclMatchIcmpCode {
                min: 0,
                max: 3,
                match_op: 1,
            }],
            match_dscp_code: vec![wire::AclMatchDscpCode {
                min: 46,
                max: 46,
                match_op: 1,
            }],
            match_pkt_len: vec![wire::AclMatchPktLen {
                min: 64,
                max: 1500,
                match_op: 1,
            }],
            fragment_flags: 2, // ACL_IS_FRAGMENT
            ifl_names: vec![ifl("ge-0/0/1.0")],
            ..Default::default()
        };
        assert_eq!(entry.matches, Some(expected));
    }

    fn inet_actions_of(actions: Actions) -> wire::AclEntryInetAction {
        let mut term = Term::new("t");
        term.actions = actions;
        let Some(Kind::InetEntry(entry)) = one_entry(Family::Inet, term).one_of_acl_entry else {
            panic!("not an inet entry");
        };
        entry.actions.unwrap()
    }

    #[test]
    fn every_inet_action() {
        let non_terminating = Actions {
            count: Some("c".into()),
            log: true,
            syslog: true,
            policer: Some("p".into()),
            next_term: true,
            terminating: None,
        };
        assert_eq!(
            inet_actions_of(non_terminating),
            wire::AclEntryInetAction {
                actions_nt: Some(wire::AclEntryInetNonTerminatingAction {
                    action_count: Some(wire::AclActionCounter {
                        counter_name: "c".into()
                    }),
                    action_log: TRUE,
                    action_syslog: TRUE,
                    action_policer: Some(wire::AclActionPolicer {
                        policer: Some(wire::AccessListPolicer {
                            policer_name: "p".into(),
                            policer_type: 0,
                            policer_flag: 0,
                            policer_params: None,
                        }),
                    }),
                    action_sample: 0,
                    action_next_term: TRUE,
                }),
                action_t: None,
            }
        );
        let only_log = Actions {
            log: true,
            ..Actions::default()
        };
        assert_eq!(
            inet_actions_of(only_log).actions_nt,
            Some(wire::AclEntryInetNonTerminatingAction {
                action_log: TRUE,
                ..Default::default()
            })
        );
        let cases = [
            (Terminating::Accept, Action::ActionAccept(TRUE)),
            (Terminating::Discard, Action::ActionDiscard(TRUE)),
            (
                Terminating::Reject(RejectReason::PortUnreachable),
                Action::ActionReject(10),
            ),
            (
                Terminating::Reject(RejectReason::AdministrativelyProhibited),
                Action::ActionReject(0),
            ),
            (
                Terminating::RoutingInstance("blue".into()),
                Action::ActionRtInst(wire::AclActionRoutingInstance {
                    rt_instance_name: "blue".into(),
                }),
            ),
        ];
        for (native, expected) in cases {
            let actions = Actions {
                terminating: Some(native),
                ..Actions::default()
            };
            assert_eq!(
                inet_actions_of(actions),
                wire::AclEntryInetAction {
                    actions_nt: None,
                    action_t: terminating(expected),
                }
            );
        }
    }

    #[test]
    fn every_icmp_reason_has_its_wire_value() {
        for (i, reason) in RejectReason::ALL.iter().enumerate() {
            let expected = (i < 17).then_some(i as i32);
            assert_eq!(
                reject_reason(*reason).map(|r| r as i32),
                expected,
                "{reason}"
            );
        }
    }

    #[test]
    fn inet6_actions() {
        let mut term = Term::new("t");
        term.actions = Actions {
            count: Some("c6".into()),
            syslog: true,
            terminating: Some(Terminating::RoutingInstance("red".into())),
            ..Actions::default()
        };
        let Some(Kind::Inet6Entry(entry)) = one_entry(Family::Inet6, term).one_of_acl_entry else {
            panic!("not an inet6 entry");
        };
        assert_eq!(
            entry.actions,
            Some(wire::AclEntryInet6Action {
                actions_nt: Some(wire::AclEntryInet6NonTerminatingAction {
                    action_count: Some(wire::AclActionCounter {
                        counter_name: "c6".into()
                    }),
                    action_syslog: TRUE,
                    ..Default::default()
                }),
                action_t: Some(wire::AclEntryInet6TerminatingAction {
                    oneof_acl_entry_inet6_terminating_action: Some(Action6::ActionRtInst(
                        wire::AclActionRoutingInstance {
                            rt_instance_name: "red".into(),
                        }
                    )),
                }),
            })
        );
    }

    #[test]
    fn modify_with_each_operation_and_adjacency() {
        let mut new = Term::new("new");
        new.actions.terminating = Some(Terminating::Accept);
        let mut changed = Term::new("t1");
        changed.actions.terminating = Some(Terminating::Discard);
        let changes = [
            TermChange::add(new.clone()).after("t1"),
            TermChange::add(new.clone()).before("t2"),
            TermChange::add(new),
            TermChange::replace(changed.clone()).before("t2"),
            TermChange::replace(changed.clone()).after("t0"),
            TermChange::replace(changed),
            TermChange::delete("old"),
        ];
        let request = filter_modify("jet-demo-icmp", Family::Inet, &changes).unwrap();
        let body = |action: Action| {
            (
                Some(wire::AclEntryMatchInet::default()),
                Some(wire::AclEntryInetAction {
                    actions_nt: None,
                    action_t: terminating(action),
                }),
            )
        };
        let entry = |name: &str, op: i32, adjacency: Option<(i32, &str)>, body: Option<(_, _)>| {
            let (matches, actions) = body.unwrap_or((None, None));
            inet_entry(wire::AclInetEntry {
                ace_name: name.into(),
                ace_op: op,
                adjacency: adjacency.map(|(kind, name)| wire::AclAdjacency {
                    r#type: kind,
                    ace_name: name.into(),
                }),
                matches,
                actions,
            })
        };
        let accept = || Some(body(Action::ActionAccept(TRUE)));
        let discard = || Some(body(Action::ActionDiscard(TRUE)));
        let expected = wire::AccessList {
            acl_name: "jet-demo-icmp".into(),
            acl_type: 1,
            acl_family: 1,
            acl_flag: 0,
            ace_list: vec![
                // ADD = 1, ACL_ADJACENCY_AFTER = 1 (jnx TERM_AFTER is 0)
                entry("new", 1, Some((1, "t1")), accept()),
                // ACL_ADJACENCY_BEFORE = 2 (jnx TERM_BEFORE is 1)
                entry("new", 1, Some((2, "t2")), accept()),
                // an add without adjacency: AFTER with no name
                entry("new", 1, Some((1, "")), accept()),
                // REPLACE = 3
                entry("t1", 3, Some((2, "t2")), discard()),
                entry("t1", 3, Some((1, "t0")), discard()),
                entry("t1", 3, None, discard()),
                // DELETE = 2: the name only
                entry("old", 2, None, None),
            ],
        };
        assert_eq!(request, expected);

        let inet6 = filter_modify("v6", Family::Inet6, &[TermChange::delete("old")]).unwrap();
        assert_eq!(inet6.acl_family, 2);
        assert_eq!(
            inet6.ace_list,
            vec![inet6_entry(wire::AclInet6Entry {
                ace_name: "old".into(),
                ace_op: 2,
                ..Default::default()
            })]
        );
    }

    #[test]
    fn delete_sends_name_and_family_only() {
        assert_eq!(
            filter_delete("jet-demo-icmp", Family::Inet).unwrap(),
            wire::AccessList {
                acl_name: "jet-demo-icmp".into(),
                acl_type: 0,
                acl_family: 1,
                acl_flag: 0,
                ace_list: vec![],
            }
        );
    }

    #[test]
    fn bind_and_unbind() {
        let binding = Binding {
            filter: "jet-demo-icmp".into(),
            family: Family::Inet,
            point: BindPoint::Interface("xe-0/0/0.0".into()),
            direction: Direction::Input,
        };
        let expected = |direction| wire::AccessListObjBind {
            acl: Some(wire::AccessList {
                acl_name: "jet-demo-icmp".into(),
                acl_family: 1,
                ..Default::default()
            }),
            obj_type: 1, // ACL_BIND_OBJ_TYPE_INTERFACE
            bind_object: Some(wire::AccessListBindObjPoint {
                one_of_acl_bind_point: Some(
                    wire::access_list_bind_obj_point::OneOfAclBindPoint::Intf("xe-0/0/0.0".into()),
                ),
            }),
            bind_direction: direction,
            bind_family: 1,
        };
        assert_eq!(bind(&binding).unwrap(), expected(1)); // INPUT
        let output = Binding {
            direction: Direction::Output,
            ..binding
        };
        assert_eq!(bind(&output).unwrap(), expected(2)); // OUTPUT
    }

    #[test]
    fn policers_keep_their_units() {
        let policer = |then| Policer {
            name: "icmp-1m".into(),
            kind: PolicerKind::TwoColor(TwoColor {
                bandwidth: Rate {
                    value: 1,
                    unit: RateUnit::Mbps,
                },
                burst: Size {
                    value: 15,
                    unit: SizeUnit::Kbytes,
                },
                then,
            }),
            scope: PolicerScope::FilterSpecific,
        };
        let params = |lp, fc: &str, discard| {
            Some(wire::AclPolicerParameter {
                one_of_policer_parameter: Some(
                    wire::acl_policer_parameter::OneOfPolicerParameter::TwoColorParameter(
                        wire::AclPolicerTwoColor {
                            bw_unit: 3, // ACL_POLICER_RATE_MBPS
                            bandwidth: 1,
                            burst_unit: 2, // ACL_POLICER_BURST_SIZE_KBYTE
                            burst_size: 15,
                            lp,
                            fc_string: fc.into(),
                            discard,
                        },
                    ),
                ),
            })
        };
        assert_eq!(
            policer_add(&policer(PolicerThen::Discard)).unwrap(),
            wire::AccessListPolicer {
                policer_name: "icmp-1m".into(),
                policer_type: 1, // ACL_TWO_COLOR_POLICER
                policer_flag: 2, // ACL_POLICER_FLAG_FILTER_SPECIFIC
                policer_params: params(0, "", TRUE),
            }
        );
        assert_eq!(
            policer_add(&policer(PolicerThen::LossPriority(LossPriority::High)))
                .unwrap()
                .policer_params,
            params(1, "", 0) // ACL_LOSS_PRIORITY_HIGH
        );
        assert_eq!(
            policer_add(&policer(PolicerThen::ForwardingClass("expedited".into())))
                .unwrap()
                .policer_params,
            params(0, "expedited", 0)
        );
        // Units go as given: no overflow on this wire.
        let mut huge = policer(PolicerThen::Discard);
        let PolicerKind::TwoColor(limits) = &mut huge.kind;
        limits.bandwidth = Rate {
            value: u64::MAX,
            unit: RateUnit::Gbps,
        };
        let PolicerKind::TwoColor(limits) = &mut huge.kind;
        limits.burst.unit = SizeUnit::Gbytes;
        let Some(wire::AclPolicerParameter {
            one_of_policer_parameter:
                Some(wire::acl_policer_parameter::OneOfPolicerParameter::TwoColorParameter(two_color)),
        }) = policer_add(&huge).unwrap().policer_params
        else {
            panic!("not a two-color policer");
        };
        assert_eq!((two_color.bw_unit, two_color.bandwidth), (4, u64::MAX));
        assert_eq!(two_color.burst_unit, 4);

        assert_eq!(
            policer_delete("icmp-1m", PolicerScope::TermSpecific).unwrap(),
            wire::AccessListPolicer {
                policer_name: "icmp-1m".into(),
                policer_type: 1,
                policer_flag: 1,
                policer_params: None,
            }
        );
    }

    #[test]
    fn counter_requests() {
        let acl = Some(wire::AccessList {
            acl_name: "jet-demo-icmp".into(),
            acl_family: 1,
            ..Default::default()
        });
        assert_eq!(
            counter_get("jet-demo-icmp", Family::Inet, "icmp-count").unwrap(),
            wire::AccessListCounter {
                acl: acl.clone(),
                counter_name: "icmp-count".into(),
            }
        );
        assert_eq!(
            counter_bulk("jet-demo-icmp", Family::Inet, 20).unwrap(),
            wire::AccessListCounterBulk {
                acl,
                starting_index: 20,
            }
        );
        assert_eq!(
            counter_clear("jet-demo-icmp", Family::Inet6, "icmp-count").unwrap(),
            wire::AccessListCounter {
                acl: Some(wire::AccessList {
                    acl_name: "jet-demo-icmp".into(),
                    acl_family: 2,
                    ..Default::default()
                }),
                counter_name: "icmp-count".into(),
            }
        );
        assert!(counter_get("f", Family::Inet, "a b").is_err());
    }

    #[test]
    fn bulk_reads_go_on_while_batches_are_full() {
        assert_eq!(counter_bulk_next(0, 10), Some(10));
        assert_eq!(counter_bulk_next(10, 10), Some(20));
        assert_eq!(counter_bulk_next(10, 9), None);
        assert_eq!(counter_bulk_next(0, 0), None);
        assert_eq!(counter_bulk_next(u32::MAX - 5, 10), None);
    }

    #[test]
    fn answers_map_to_results() {
        assert!(check("filter add", &wire::AccessListReturnStatus { status: 0 }).is_ok());
        let failures = [
            (1, "ACL_STATUS_NULL_MESSAGE"),
            (2, "ACL_STATUS_EINVALID_MESSAGE"),
            (3, "ACL_STATUS_EINTERNAL"),
            (4, "ACL_STATUS_EUNSUPPORTED_OP"),
            (5, "ACL_STATUS_NO_RESOURCE"),
            (77, "unknown status"),
        ];
        for (status, name) in failures {
            let error = check("filter add", &wire::AccessListReturnStatus { status }).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::Refused);
            assert_eq!(error.device_code(), Some(status));
            assert_eq!(
                error.message(),
                format!("filter add: {name} (code {status})")
            );
        }
        let error =
            check("filter change", &wire::AccessListReturnStatus { status: 6 }).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Timeout);
        assert_eq!(error.device_code(), Some(6));
    }

    #[test]
    fn counter_answers() {
        let value = wire::AccessListCounterVal {
            counter_name: "icmp-count".into(),
            status: 0,
            bytes: 840,
            packets: 10,
        };
        assert_eq!(
            counter("counter get", &value, "icmp-count").unwrap(),
            CounterValue {
                name: "icmp-count".into(),
                bytes: 840,
                packets: 10,
            }
        );
        let unnamed = wire::AccessListCounterVal {
            bytes: 1,
            ..Default::default()
        };
        assert_eq!(counter("counter get", &unnamed, "c").unwrap().name, "c");
        let timeout = wire::AccessListCounterVal {
            status: 6, // ACL_STATUS_BS_TIMEOUT
            ..Default::default()
        };
        let error = counter("counter get", &timeout, "c").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Timeout);
        assert_eq!(
            error.message(),
            "counter get: the device timed out (ACL_STATUS_BS_TIMEOUT, code 6)"
        );
        let refused = wire::AccessListCounterVal {
            status: 2,
            ..Default::default()
        };
        assert_eq!(
            counter("counter get", &refused, "c").unwrap_err().kind(),
            ErrorKind::Refused
        );
    }
}
