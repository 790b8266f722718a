//! The firewall model on the `jnx.jet.firewall` wire (service `Firewall`,
//! Junos 19.3 and later, Junos Evolved).
//!
//! Pure functions, no I/O: each request builder validates its input and
//! returns the message to send; [`check`] and the readers turn the device's
//! answer into a [`Result`]. The wire choices are listed in the [module
//! documentation](super#on-the-wire).

use super::types::{
    check_counter, check_name, validate_changes, Actions, AddressMatch, Adjacency, BindPoint,
    Binding, CounterValue, Direction, Family, Filter, Fragment, LossPriority, Matches, Path,
    Policer, PolicerKind, PolicerScope, PolicerThen, RejectReason, Term, TermChange, TermOp,
    Terminating,
};
use crate::error::{Error, ErrorKind, Result};
use crate::proto::jnx::common::{ip_address::AddrFormat, IpAddress, RpcStatus, StatusCode};
use crate::proto::jnx::firewall as wire;
use crate::service::status::refused;
use std::ops::RangeInclusive;

// ---- Enumerations ----

fn family(family: Family) -> i32 {
    match family {
        Family::Inet => wire::FilterFamilies::FamilyInet as i32,
        Family::Inet6 => wire::FilterFamilies::FamilyInet6 as i32,
    }
}

fn operation(except: bool) -> i32 {
    if except {
        wire::MatchOperation::OpNotEqual as i32
    } else {
        wire::MatchOperation::OpEqual as i32
    }
}

fn fragment(fragment: Option<Fragment>) -> i32 {
    use wire::FilterFragmentFlags as Flags;
    (match fragment {
        None => Flags::FragmentNone,
        Some(Fragment::DontFragment) => Flags::DontFragment,
        Some(Fragment::IsFragment) => Flags::IsFragment,
        Some(Fragment::FirstFragment) => Flags::FirstFragment,
        Some(Fragment::LastFragment) => Flags::LastFragment,
    }) as i32
}

fn term_op(op: TermOp) -> i32 {
    use wire::FilterTermOperation as Op;
    (match op {
        TermOp::Add => Op::TermOperationAdd,
        TermOp::Delete => Op::TermOperationDelete,
        TermOp::Replace => Op::TermOperationReplace,
    }) as i32
}

fn adjacency(adjacency: &Adjacency) -> wire::FilterAdjacency {
    use wire::FilterAdjacencyType as Type;
    let (kind, name) = match adjacency {
        Adjacency::After(name) => (Type::TermAfter, name),
        Adjacency::Before(name) => (Type::TermBefore, name),
    };
    wire::FilterAdjacency {
        r#type: kind as i32,
        term_name: name.clone(),
    }
}

fn direction(direction: Direction) -> i32 {
    match direction {
        Direction::Input => wire::FilterBindDirection::BindDirectionInput as i32,
        Direction::Output => wire::FilterBindDirection::BindDirectionOutput as i32,
    }
}

fn scope(scope: PolicerScope) -> i32 {
    match scope {
        PolicerScope::TermSpecific => wire::PolicerFlag::TermSpecific as i32,
        PolicerScope::FilterSpecific => wire::PolicerFlag::FilterSpecific as i32,
    }
}

fn loss_priority(priority: LossPriority) -> i32 {
    use wire::FilterLossPriority as Priority;
    (match priority {
        LossPriority::High => Priority::LossPriorityHigh,
        LossPriority::MediumHigh => Priority::LossPriorityMediumHigh,
        LossPriority::MediumLow => Priority::LossPriorityMediumLow,
        LossPriority::Low => Priority::LossPriorityLow,
    }) as i32
}

/// The `ActionIcmpRejectReason` of an ICMP reason.
fn icmp_reason(reason: RejectReason) -> Option<wire::ActionIcmpRejectReason> {
    use wire::ActionIcmpRejectReason as Icmp;
    Some(match reason {
        RejectReason::AdministrativelyProhibited => Icmp::IcmpAdministrativelyProhibited,
        RejectReason::BadHostTos => Icmp::IcmpBadHostTos,
        RejectReason::BadNetworkTos => Icmp::IcmpBadNetworkTos,
        RejectReason::FragmentationNeeded => Icmp::IcmpFragmentationNeeded,
        RejectReason::HostProhibited => Icmp::IcmpHostProhibited,
        RejectReason::HostUnknown => Icmp::IcmpHostUnknown,
        RejectReason::HostUnreachable => Icmp::IcmpHostUnreachable,
        RejectReason::NetworkProhibited => Icmp::IcmpNetworkProhibited,
        RejectReason::NetworkUnknown => Icmp::IcmpNetworkUnknown,
        RejectReason::NetworkUnreachable => Icmp::IcmpNetworkUnreachable,
        RejectReason::PortUnreachable => Icmp::IcmpPortUnreachable,
        RejectReason::PrecedenceCutoff => Icmp::IcmpPrecedenceCutoff,
        RejectReason::PrecedenceViolation => Icmp::IcmpPrecedenceViolation,
        RejectReason::ProtocolUnreachable => Icmp::IcmpProtocolUnreachable,
        RejectReason::SourceHostIsolated => Icmp::IcmpSourceHostIsolated,
        RejectReason::SourceRouteFailed => Icmp::IcmpSourceRouteFailed,
        RejectReason::TcpReset => Icmp::IcmpTcpReset,
        _ => return None,
    })
}

/// The `ActionIcmp6RejectReason` of an ICMPv6 reason.
fn icmp6_reason(reason: RejectReason) -> Option<wire::ActionIcmp6RejectReason> {
    use wire::ActionIcmp6RejectReason as Icmp6;
    Some(match reason {
        RejectReason::AdministrativelyProhibited => Icmp6::Icmp6AdministrativelyProhibited,
        RejectReason::NoRouteToDestination => Icmp6::Icmp6NoRouteToDestination,
        RejectReason::BeyondScope => Icmp6::Icmp6BeyondScope,
        RejectReason::AddressUnreachable => Icmp6::Icmp6AddressUnreachable,
        RejectReason::PortUnreachable => Icmp6::Icmp6PortUnreachable,
        RejectReason::TtlEqualToZeroDuringTransit => Icmp6::Icmp6TtlEqualToZeroDuringTransit,
        RejectReason::TtlEqualToZeroDuringReassembly => Icmp6::Icmp6TtlEqualToZeroDuringReassembly,
        RejectReason::Ip6HeaderBad => Icmp6::Icmp6Ip6HeaderBad,
        RejectReason::UnrecognizedOption => Icmp6::Icmp6UnrecognizedOption,
        RejectReason::UnrecognizedNextHeader => Icmp6::Icmp6UnrecognizedNextHeader,
        RejectReason::RouterRenumberingCommand => Icmp6::Icmp6RouterRenumberingCommand,
        RejectReason::RouterRenumberingResult => Icmp6::Icmp6RouterRenumberingResult,
        RejectReason::SequenceNumberReset => Icmp6::Icmp6SequenceNumberReset,
        _ => return None,
    })
}

fn unsupported_reason(reason: RejectReason, family: Family, path: &Path<'_>) -> Error {
    let names: Vec<&str> = RejectReason::ALL
        .iter()
        .filter(|r| match family {
            Family::Inet => icmp_reason(**r).is_some(),
            Family::Inet6 => icmp6_reason(**r).is_some(),
        })
        .map(|r| r.name())
        .collect();
    path.error(format!(
        "{:?} has no value in the jnx wire's {family} reject list (it has {})",
        reason.name(),
        names.join(", ")
    ))
}

// ---- Match conditions ----

fn address(address: &AddressMatch) -> wire::MatchIpAddress {
    wire::MatchIpAddress {
        addr: Some(IpAddress {
            addr_format: Some(AddrFormat::AddrString(address.prefix.addr().to_string())),
        }),
        prefix_length: u32::from(address.prefix.prefix_len()),
        operation: operation(address.except),
    }
}

fn addresses(list: &[AddressMatch]) -> Vec<wire::MatchIpAddress> {
    list.iter().map(address).collect()
}

/// Range matches as the wire message `$message` (`min`, `max`, `operation`).
macro_rules! ranges {
    ($list:expr, $message:ident) => {
        $list
            .iter()
            .map(|range| wire::$message {
                min: u32::from(range.min),
                max: u32::from(range.max),
                operation: operation(range.except),
            })
            .collect()
    };
}

fn interfaces(list: &[String]) -> Vec<wire::MatchInterfaceUnit> {
    list.iter()
        .map(|name| wire::MatchInterfaceUnit {
            interface: Some(wire::match_interface_unit::Interface::UnitName(
                name.clone(),
            )),
        })
        .collect()
}

fn inet_matches(matches: &Matches) -> wire::FilterTermMatchInet {
    wire::FilterTermMatchInet {
        ipv4_dst_addrs: addresses(&matches.destination_addresses),
        ipv4_src_addrs: addresses(&matches.source_addresses),
        dst_ports: ranges!(matches.destination_ports, MatchPort),
        src_ports: ranges!(matches.source_ports, MatchPort),
        dscp_codes: ranges!(matches.dscp, MatchDscpCode),
        protocols: ranges!(matches.protocols, MatchProtocol),
        icmp_types: ranges!(matches.icmp_types, MatchIcmpType),
        icmp_codes: ranges!(matches.icmp_codes, MatchIcmpCode),
        packet_lengths: ranges!(matches.packet_lengths, MatchPacketLength),
        ttls: ranges!(matches.ttls, MatchTtl),
        fragment_flag: fragment(matches.fragment),
        interface_units: interfaces(&matches.interfaces),
        ipv4_addrs: addresses(&matches.addresses),
        ports: ranges!(matches.ports, MatchPort),
        ..Default::default()
    }
}

/// inet6 matches; TTLs were refused by validation (the message has none).
fn inet6_matches(matches: &Matches) -> wire::FilterTermMatchInet6 {
    wire::FilterTermMatchInet6 {
        ipv6_dst_addrs: addresses(&matches.destination_addresses),
        ipv6_src_addrs: addresses(&matches.source_addresses),
        dst_ports: ranges!(matches.destination_ports, MatchPort),
        src_ports: ranges!(matches.source_ports, MatchPort),
        dscp_codes: ranges!(matches.dscp, MatchDscpCode),
        payload_protocols: ranges!(matches.protocols, MatchProtocol),
        icmp_types: ranges!(matches.icmp_types, MatchIcmpType),
        icmp_codes: ranges!(matches.icmp_codes, MatchIcmpCode),
        packet_lengths: ranges!(matches.packet_lengths, MatchPacketLength),
        fragment_flag: fragment(matches.fragment),
        interface_units: interfaces(&matches.interfaces),
        ipv6_addrs: addresses(&matches.addresses),
        ports: ranges!(matches.ports, MatchPort),
        ..Default::default()
    }
}

// ---- Actions ----

fn counter_action(actions: &Actions) -> Option<wire::ActionCounter> {
    actions.count.as_ref().map(|name| wire::ActionCounter {
        counter_name: name.clone(),
    })
}

/// The policer action names the policer only; the device knows the rest.
fn policer_action(actions: &Actions) -> Option<wire::ActionPolicer> {
    actions.policer.as_ref().map(|name| wire::ActionPolicer {
        policer: Some(wire::Policer {
            name: name.clone(),
            ..Default::default()
        }),
    })
}

fn inet_actions(actions: &Actions, path: &Path<'_>) -> Result<wire::FilterTermInetAction> {
    use wire::filter_term_inet_terminating_action::TerminatingAction as Action;
    let action = match &actions.terminating {
        None => None,
        Some(Terminating::Accept) => Some(Action::Accept(true)),
        Some(Terminating::Discard) => Some(Action::Discard(true)),
        Some(Terminating::Reject(reason)) => {
            let value = icmp_reason(*reason)
                .ok_or_else(|| unsupported_reason(*reason, Family::Inet, &path.key("reject")))?;
            Some(Action::Reject(value as i32))
        }
        Some(Terminating::RoutingInstance(name)) => Some(Action::RoutingInstanceName(name.clone())),
    };
    Ok(wire::FilterTermInetAction {
        actions_nt: actions.has_non_terminating().then(|| {
            wire::FilterTermInetNonTerminatingAction {
                count: counter_action(actions),
                log: actions.log,
                syslog: actions.syslog,
                policer: policer_action(actions),
                sample: false,
                next_term: actions.next_term,
            }
        }),
        action_t: action.map(|action| wire::FilterTermInetTerminatingAction {
            terminating_action: Some(action),
        }),
    })
}

fn inet6_actions(actions: &Actions, path: &Path<'_>) -> Result<wire::FilterTermInet6Action> {
    use wire::filter_term_inet6_terminating_action::TerminatingAction as Action;
    let action = match &actions.terminating {
        None => None,
        Some(Terminating::Accept) => Some(Action::Accept(true)),
        Some(Terminating::Discard) => Some(Action::Discard(true)),
        Some(Terminating::Reject(reason)) => {
            let value = icmp6_reason(*reason)
                .ok_or_else(|| unsupported_reason(*reason, Family::Inet6, &path.key("reject")))?;
            Some(Action::Reject(value as i32))
        }
        Some(Terminating::RoutingInstance(name)) => Some(Action::RoutingInstanceName(name.clone())),
    };
    Ok(wire::FilterTermInet6Action {
        actions_nt: actions.has_non_terminating().then(|| {
            wire::FilterTermInet6NonTerminatingAction {
                count: counter_action(actions),
                log: actions.log,
                syslog: actions.syslog,
                policer: policer_action(actions),
                next_term: actions.next_term,
                ..Default::default()
            }
        }),
        action_t: action.map(|action| wire::FilterTermInet6TerminatingAction {
            terminating_action: Some(action),
        }),
    })
}

// ---- Terms and filters ----

/// One term on the wire; a delete carries the name only.
fn term(
    family: Family,
    term: &Term,
    op: TermOp,
    adjacency: Option<wire::FilterAdjacency>,
    path: &Path<'_>,
) -> Result<wire::FilterTerm> {
    use wire::filter_term::FilterTerm as Kind;
    let body = op != TermOp::Delete;
    let actions = path.key("actions");
    let kind = match family {
        Family::Inet => Kind::InetTerm(wire::FilterInetTerm {
            term_name: term.name.clone(),
            term_op: term_op(op),
            adjacency,
            matches: body.then(|| inet_matches(&term.matches)),
            actions: match body {
                true => Some(inet_actions(&term.actions, &actions)?),
                false => None,
            },
        }),
        Family::Inet6 => Kind::Inet6Term(wire::FilterInet6Term {
            term_name: term.name.clone(),
            term_op: term_op(op),
            adjacency,
            matches: body.then(|| inet6_matches(&term.matches)),
            actions: match body {
                true => Some(inet6_actions(&term.actions, &actions)?),
                false => None,
            },
        }),
    };
    Ok(wire::FilterTerm {
        filter_term: Some(kind),
    })
}

/// `FilterAdd`: the whole filter, validated; terms in order, each
/// `TERM_OPERATION_ADD` after the previous one (the first without adjacency).
pub fn filter_add(filter: &Filter) -> Result<wire::FilterAddRequest> {
    let root = Path::root("filter");
    filter.validate_at(&root)?;
    let terms = root.key("terms");
    let mut terms_list = Vec::with_capacity(filter.terms.len());
    for (i, this) in filter.terms.iter().enumerate() {
        let after = i
            .checked_sub(1)
            .map(|previous| adjacency(&Adjacency::After(filter.terms[previous].name.clone())));
        terms_list.push(term(
            filter.family,
            this,
            TermOp::Add,
            after,
            &terms.index(i),
        )?);
    }
    Ok(wire::FilterAddRequest {
        name: filter.name.clone(),
        r#type: wire::FilterTypes::TypeClassic as i32,
        family: family(filter.family),
        flag: wire::FilterFlags::FlagsNone as i32,
        terms_list,
    })
}

/// `FilterModify`: term changes to the filter `name` of `family`, in order,
/// validated with [`validate_changes`].
pub fn filter_modify(
    name: &str,
    family: Family,
    changes: &[TermChange],
) -> Result<wire::FilterModifyRequest> {
    validate_changes(name, family, changes)?;
    let root = Path::root("changes");
    let mut terms_list = Vec::with_capacity(changes.len());
    for (i, change) in changes.iter().enumerate() {
        let at = root.index(i);
        terms_list.push(term(
            family,
            &change.term,
            change.op,
            change.adjacency.as_ref().map(adjacency),
            &at.key("term"),
        )?);
    }
    Ok(wire::FilterModifyRequest {
        name: name.to_owned(),
        r#type: wire::FilterTypes::TypeClassic as i32,
        family: self::family(family),
        flag: wire::FilterFlags::FlagsNone as i32,
        terms_list,
    })
}

/// `FilterDelete`: the filter's name and family.
pub fn filter_delete(name: &str, family: Family) -> Result<wire::FilterDeleteRequest> {
    check_name(&Path::root("filter"), name)?;
    Ok(wire::FilterDeleteRequest {
        name: name.to_owned(),
        family: self::family(family),
    })
}

// ---- Binding ----

/// `FilterBindAdd`: binds the filter to a logical interface.
pub fn bind_add(binding: &Binding) -> Result<wire::FilterObjBindAddRequest> {
    binding.validate()?;
    let BindPoint::Interface(interface) = &binding.point;
    Ok(wire::FilterObjBindAddRequest {
        filter: Some(wire::Filter {
            name: binding.filter.clone(),
            family: family(binding.family),
        }),
        obj_type: wire::FilterBindObjType::BindObjTypeInterface as i32,
        bind_object: Some(wire::FilterBindObjPoint {
            bind_point: Some(wire::filter_bind_obj_point::BindPoint::InterfaceName(
                interface.clone(),
            )),
        }),
        bind_direction: direction(binding.direction),
        bind_family: family(binding.family),
    })
}

/// `FilterBindDelete`: unbinds the filter; the same fields as [`bind_add`].
pub fn bind_delete(binding: &Binding) -> Result<wire::FilterObjBindDeleteRequest> {
    let add = bind_add(binding)?;
    Ok(wire::FilterObjBindDeleteRequest {
        filter: add.filter,
        obj_type: add.obj_type,
        bind_object: add.bind_object,
        bind_direction: add.bind_direction,
        bind_family: add.bind_family,
    })
}

// ---- Policers ----

/// The two-color parameters in bits per second and bytes: jnx's
/// `PolicerTwoColor` has no unit fields.
fn parameters(policer: &Policer) -> Result<wire::PolicerParameter> {
    let root = Path::root("policer");
    policer.validate_at(&root)?;
    let at = root.key("two-color");
    let PolicerKind::TwoColor(limits) = &policer.kind;
    let bandwidth = limits.bandwidth.bits_per_second().ok_or_else(|| {
        at.key("bandwidth").error(format!(
            "{} is more than {} bits per second, the most the jnx wire carries",
            limits.bandwidth,
            u64::MAX
        ))
    })?;
    let burst_size = limits.burst.bytes().ok_or_else(|| {
        at.key("burst").error(format!(
            "{} is more than {} bytes, the most the jnx wire carries",
            limits.burst,
            u64::MAX
        ))
    })?;
    let (loss_priority, forwarding_class_name, discard) = match &limits.then {
        PolicerThen::Discard => (0, String::new(), true),
        PolicerThen::LossPriority(priority) => {
            (self::loss_priority(*priority), String::new(), false)
        }
        PolicerThen::ForwardingClass(class) => (0, class.clone(), false),
    };
    Ok(wire::PolicerParameter {
        parameter: Some(wire::policer_parameter::Parameter::TwoColorParameter(
            wire::PolicerTwoColor {
                bandwidth,
                burst_size,
                loss_priority,
                forwarding_class_name,
                discard,
            },
        )),
    })
}

/// `PolicerAdd`: a two-color policer, rates in bits per second and sizes in
/// bytes (k = 1000); a product over 64 bits is refused.
pub fn policer_add(policer: &Policer) -> Result<wire::PolicerAddRequest> {
    let params = parameters(policer)?;
    Ok(wire::PolicerAddRequest {
        name: policer.name.clone(),
        r#type: wire::PolicerType::TwoColorPolicer as i32,
        flag: scope(policer.scope),
        params: Some(params),
    })
}

/// `PolicerModify`: the policer's new limits, as [`policer_add`].
pub fn policer_modify(policer: &Policer) -> Result<wire::PolicerModifyRequest> {
    let params = parameters(policer)?;
    Ok(wire::PolicerModifyRequest {
        name: policer.name.clone(),
        r#type: wire::PolicerType::TwoColorPolicer as i32,
        flag: scope(policer.scope),
        params: Some(params),
    })
}

/// `PolicerDelete`: the policer's name, its kind (two-color, the only kind
/// libjet adds) and scope.
pub fn policer_delete(name: &str, scope: PolicerScope) -> Result<wire::PolicerDeleteRequest> {
    check_name(&Path::root("policer"), name)?;
    Ok(wire::PolicerDeleteRequest {
        name: name.to_owned(),
        r#type: wire::PolicerType::TwoColorPolicer as i32,
        flag: self::scope(scope),
    })
}

// ---- Counters ----

/// `FilterCounterGet`: one counter of a filter. The device may take up to
/// 10 s to answer; the name is the fully resolved counter name.
pub fn filter_counter_get(filter: &str, counter: &str) -> Result<wire::FilterCounterGetRequest> {
    check_counter(filter, counter)?;
    Ok(wire::FilterCounterGetRequest {
        filter_name: filter.to_owned(),
        counter_name: counter.to_owned(),
    })
}

/// `PolicerCounterGet`: a policer's counter in a filter; a term-specific
/// policer's counter is named `<policer>-<term>`.
pub fn policer_counter_get(filter: &str, counter: &str) -> Result<wire::PolicerCounterGetRequest> {
    check_counter(filter, counter)?;
    Ok(wire::PolicerCounterGetRequest {
        filter_name: filter.to_owned(),
        counter_name: counter.to_owned(),
    })
}

/// `FilterCounterSet`: clears a filter counter.
pub fn filter_counter_clear(filter: &str, counter: &str) -> Result<wire::FilterCounterSetRequest> {
    check_counter(filter, counter)?;
    Ok(wire::FilterCounterSetRequest {
        filter_name: filter.to_owned(),
        counter_name: counter.to_owned(),
    })
}

/// `PolicerCounterSet`: clears a policer counter.
pub fn policer_counter_clear(
    filter: &str,
    counter: &str,
) -> Result<wire::PolicerCounterSetRequest> {
    check_counter(filter, counter)?;
    Ok(wire::PolicerCounterSetRequest {
        filter_name: filter.to_owned(),
        counter_name: counter.to_owned(),
    })
}

// ---- Purge timer (Junos 24.2 and later) ----

/// The purge times the device accepts, in seconds (its default is 120).
pub const PURGE_TIMER_SECONDS: RangeInclusive<u32> = 1..=1000;

/// `FiltersPurgeTimerAdd`: how long the device keeps this client's filters
/// after it disconnects, in seconds ([`PURGE_TIMER_SECONDS`]).
pub fn purge_timer_add(seconds: u32) -> Result<wire::FiltersPurgeTimerAddRequest> {
    if !PURGE_TIMER_SECONDS.contains(&seconds) {
        return Err(Error::invalid(format!(
            "purge timer: {seconds} s is out of range ({}-{} s)",
            PURGE_TIMER_SECONDS.start(),
            PURGE_TIMER_SECONDS.end()
        )));
    }
    Ok(wire::FiltersPurgeTimerAddRequest { time: seconds })
}

/// `FiltersPurgeTimerGet`: asks for the purge time.
pub fn purge_timer_get() -> wire::FiltersPurgeTimerGetRequest {
    wire::FiltersPurgeTimerGetRequest {}
}

/// `FiltersPurgeTimerDelete`: back to the device's default purge time.
pub fn purge_timer_delete() -> wire::FiltersPurgeTimerDeleteRequest {
    wire::FiltersPurgeTimerDeleteRequest {}
}

// ---- Answers ----

/// A `jnx.jet.firewall` response: a global [`RpcStatus`] and the RPC's own
/// `StatusCode` sub-code (a nested enum in every response message).
pub trait Response {
    /// The global status, if the device sent one (absent reads as `SUCCESS`).
    fn status(&self) -> Option<&RpcStatus>;
    /// The sub-code; 0 is `EOK`.
    fn sub_code(&self) -> i32;
    /// The sub-code's name in the IDL (`"EINVALID_MESSAGE"`), if known.
    fn sub_code_name(&self) -> Option<&'static str>;
}

/// A counter read's response: a [`Response`] with the counter's values.
pub trait CounterResponse: Response {
    /// Whether the sub-code is `TIMEOUT`: the device did not read the
    /// counter in time.
    fn timed_out(&self) -> bool;
    /// The counter's name as the device reports it.
    fn counter_name(&self) -> &str;
    /// Bytes counted.
    fn bytes(&self) -> u64;
    /// Packets counted.
    fn packets(&self) -> u64;
}

macro_rules! response {
    ($($message:ident => $module:ident,)+) => {$(
        impl Response for wire::$message {
            fn status(&self) -> Option<&RpcStatus> {
                self.status.as_ref()
            }

            fn sub_code(&self) -> i32 {
                self.sub_code
            }

            fn sub_code_name(&self) -> Option<&'static str> {
                wire::$module::StatusCode::try_from(self.sub_code)
                    .ok()
                    .map(|code| code.as_str_name())
            }
        }
    )+};
}

response! {
    FilterAddResponse => filter_add_response,
    FilterModifyResponse => filter_modify_response,
    FilterDeleteResponse => filter_delete_response,
    FilterBindAddResponse => filter_bind_add_response,
    FilterBindDeleteResponse => filter_bind_delete_response,
    PolicerAddResponse => policer_add_response,
    PolicerModifyResponse => policer_modify_response,
    PolicerDeleteResponse => policer_delete_response,
    FilterCounterGetResponse => filter_counter_get_response,
    PolicerCounterGetResponse => policer_counter_get_response,
    FilterCounterSetResponse => filter_counter_set_response,
    PolicerCounterSetResponse => policer_counter_set_response,
    FiltersPurgeTimerAddResponse => filters_purge_timer_add_response,
    FiltersPurgeTimerGetResponse => filters_purge_timer_get_response,
    FiltersPurgeTimerDeleteResponse => filters_purge_timer_delete_response,
}

macro_rules! counter_response {
    ($($message:ident => $module:ident,)+) => {$(
        impl CounterResponse for wire::$message {
            fn timed_out(&self) -> bool {
                self.sub_code == wire::$module::StatusCode::Timeout as i32
            }

            fn counter_name(&self) -> &str {
                &self.counter_name
            }

            fn bytes(&self) -> u64 {
                self.bytes
            }

            fn packets(&self) -> u64 {
                self.packets
            }
        }
    )+};
}

counter_response! {
    FilterCounterGetResponse => filter_counter_get_response,
    PolicerCounterGetResponse => policer_counter_get_response,
}

/// Turns the answer to operation `what` (e.g. "filter add") into a result:
/// a `status.code` other than `SUCCESS` or a sub-code other than `EOK` is
/// [`ErrorKind::Refused`], with the sub-code as
/// the device code (the status code when the sub-code is `EOK`) and the
/// device's message after the sub-code's name.
pub fn check<R: Response>(what: &str, response: &R) -> Result<()> {
    let (code, message) = match response.status() {
        Some(status) => (status.code, status.message.as_str()),
        None => (StatusCode::Success as i32, ""),
    };
    let sub_code = response.sub_code();
    if code == StatusCode::Success as i32 && sub_code == 0 {
        return Ok(());
    }
    let (device_code, name) = if sub_code != 0 {
        (
            sub_code,
            response.sub_code_name().unwrap_or("unknown sub-code"),
        )
    } else {
        (
            code,
            StatusCode::try_from(code).map_or("unknown status", |code| code.as_str_name()),
        )
    };
    let text = if message.is_empty() {
        name.to_owned()
    } else {
        format!("{name}: {message}")
    };
    Err(refused(what, device_code, &text))
}

/// Reads a counter from a `FilterCounterGet` or `PolicerCounterGet` answer
/// (`what` names the operation). `TIMEOUT` is
/// [`ErrorKind::Timeout`]; other failures as
/// [`check`]. The name is the device's, or `requested` if it sent none.
pub fn counter<R: CounterResponse>(
    what: &str,
    response: &R,
    requested: &str,
) -> Result<CounterValue> {
    if response.timed_out() {
        return Err(Error::new(
            ErrorKind::Timeout,
            format!("{what}: the device did not read counter {requested:?} in time (TIMEOUT)"),
        )
        .with_device_code(response.sub_code()));
    }
    check(what, response)?;
    let name = match response.counter_name() {
        "" => requested,
        name => name,
    };
    Ok(CounterValue {
        name: name.to_owned(),
        bytes: response.bytes(),
        packets: response.packets(),
    })
}

/// Reads the purge time, in seconds, from a `FiltersPurgeTimerGet` answer.
pub fn purge_timer(response: &wire::FiltersPurgeTimerGetResponse) -> Result<u32> {
    check("purge timer get", response)?;
    Ok(response.time)
}

#[cfg(test)]
mod tests {
    use super::super::types::{RangeMatch, Rate, RateUnit, Size, SizeUnit, TwoColor};
    use super::*;
    use wire::filter_term::FilterTerm as Kind;
    use wire::filter_term_inet6_terminating_action::TerminatingAction as Action6;
    use wire::filter_term_inet_terminating_action::TerminatingAction as Action;

    fn ip(text: &str) -> Option<IpAddress> {
        Some(IpAddress {
            addr_format: Some(AddrFormat::AddrString(text.into())),
        })
    }

    fn inet_term(term: wire::FilterInetTerm) -> wire::FilterTerm {
        wire::FilterTerm {
            filter_term: Some(Kind::InetTerm(term)),
        }
    }

    fn inet6_term(term: wire::FilterInet6Term) -> wire::FilterTerm {
        wire::FilterTerm {
            filter_term: Some(Kind::Inet6Term(term)),
        }
    }

    fn terminating(action: Action) -> Option<wire::FilterTermInetTerminatingAction> {
        Some(wire::FilterTermInetTerminatingAction {
            terminating_action: Some(action),
        })
    }

    /// The demo filter: ICMP counted and discarded, the rest accepted.
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
        let expected = wire::FilterAddRequest {
            name: "jet-demo-icmp".into(),
            r#type: 1, // TYPE_CLASSIC
            family: 1, // FAMILY_INET
            flag: 0,   // FLAGS_NONE
            terms_list: vec![
                inet_term(wire::FilterInetTerm {
                    term_name: "t1".into(),
                    term_op: 1, // TERM_OPERATION_ADD
                    adjacency: None,
                    matches: Some(wire::FilterTermMatchInet {
                        protocols: vec![wire::MatchProtocol {
                            min: 1,
                            max: 1,
                            operation: 1, // OP_EQUAL
                        }],
                        ..Default::default()
                    }),
                    actions: Some(wire::FilterTermInetAction {
                        actions_nt: Some(wire::FilterTermInetNonTerminatingAction {
                            count: Some(wire::ActionCounter {
                                counter_name: "icmp-count".into(),
                            }),
                            ..Default::default()
                        }),
                        action_t: terminating(Action::Discard(true)),
                    }),
                }),
                inet_term(wire::FilterInetTerm {
                    term_name: "t2".into(),
                    term_op: 1,
                    adjacency: Some(wire::FilterAdjacency {
                        r#type: 0, // TERM_AFTER
                        term_name: "t1".into(),
                    }),
                    matches: Some(wire::FilterTermMatchInet::default()),
                    actions: Some(wire::FilterTermInetAction {
                        actions_nt: None,
                        action_t: terminating(Action::Accept(true)),
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
        web.actions.terminating = Some(Terminating::Reject(RejectReason::AddressUnreachable));
        let filter = Filter {
            name: "v6".into(),
            family: Family::Inet6,
            terms: vec![web],
        };
        let expected = wire::FilterAddRequest {
            name: "v6".into(),
            r#type: 1,
            family: 2, // FAMILY_INET6
            flag: 0,
            terms_list: vec![inet6_term(wire::FilterInet6Term {
                term_name: "web".into(),
                term_op: 1,
                adjacency: None,
                matches: Some(wire::FilterTermMatchInet6 {
                    ipv6_src_addrs: vec![wire::MatchIpAddress {
                        addr: ip("2001:db8::"),
                        prefix_length: 32,
                        operation: 1,
                    }],
                    ipv6_dst_addrs: vec![wire::MatchIpAddress {
                        addr: ip("2001:db8:1::1"),
                        prefix_length: 128,
                        operation: 2, // OP_NOT_EQUAL
                    }],
                    payload_protocols: vec![wire::MatchProtocol {
                        min: 6,
                        max: 6,
                        operation: 1,
                    }],
                    dst_ports: vec![wire::MatchPort {
                        min: 443,
                        max: 443,
                        operation: 1,
                    }],
                    src_ports: vec![wire::MatchPort {
                        min: 1024,
                        max: 65535,
                        operation: 1,
                    }],
                    ..Default::default()
                }),
                actions: Some(wire::FilterTermInet6Action {
                    actions_nt: None,
                    action_t: Some(wire::FilterTermInet6TerminatingAction {
                        terminating_action: Some(Action6::Reject(3)), // ICMP6_ADDRESS_UNREACHABLE
                    }),
                }),
            })],
        };
        assert_eq!(filter_add(&filter).unwrap(), expected);
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
            fragment: Some(Fragment::FirstFragment),
            interfaces: vec!["ge-0/0/1.0".into()],
        }
    }

    fn one_term(family: Family, term: Term) -> wire::FilterTerm {
        let filter = Filter {
            name: "f".into(),
            family,
            terms: vec![term],
        };
        filter_add(&filter).unwrap().terms_list.remove(0)
    }

    #[test]
    fn every_inet_match() {
        let mut term = Term::new("all");
        term.matches = every_match();
        let Some(Kind::InetTerm(wire_term)) = one_term(Family::Inet, term).filter_term else {
            panic!("not an inet term");
        };
        let expected = wire::FilterTermMatchInet {
            ipv4_src_addrs: vec![wire::MatchIpAddress {
                addr: ip("192.0.2.0"),
                prefix_length: 24,
                operation: 1,
            }],
            ipv4_dst_addrs: vec![wire::MatchIpAddress {
                addr: ip("198.51.100.7"),
                prefix_length: 32,
                operation: 1,
            }],
            ipv4_addrs: vec![wire::MatchIpAddress {
                addr: ip("203.0.113.0"),
                prefix_length: 25,
                operation: 2,
            }],
            src_ports: vec![wire::MatchPort {
                min: 53,
                max: 53,
                operation: 1,
            }],
            dst_ports: vec![wire::MatchPort {
                min: 8000,
                max: 8080,
                operation: 1,
            }],
            ports: vec![wire::MatchPort {
                min: 179,
                max: 179,
                operation: 2,
            }],
            protocols: vec![wire::MatchProtocol {
                min: 17,
                max: 17,
                operation: 1,
            }],
            icmp_types: vec![wire::MatchIcmpType {
                min: 8,
                max: 8,
                operation: 1,
            }],
            icmp_codes: vec![wire::MatchIcmpCode {
                min: 0,
                max: 3,
                operation: 1,
            }],
            dscp_codes: vec![wire::MatchDscpCode {
                min: 46,
                max: 46,
                operation: 1,
            }],
            packet_lengths: vec![wire::MatchPacketLength {
                min: 64,
                max: 1500,
                operation: 1,
            }],
            ttls: vec![wire::MatchTtl {
                min: 1,
                max: 2,
                operation: 1,
            }],
            fragment_flag: 3, // FIRST_FRAGMENT
            interface_units: vec![wire::MatchInterfaceUnit {
                interface: Some(wire::match_interface_unit::Interface::UnitName(
                    "ge-0/0/1.0".into(),
                )),
            }],
            ..Default::default()
        };
        assert_eq!(wire_term.matches, Some(expected));
    }

    #[test]
    fn every_inet6_match() {
        let mut matches = every_match();
        matches.source_addresses = vec!["2001:db8::/48".parse().unwrap()];
        matches.destination_addresses = vec!["2001:db8::7".parse().unwrap()];
        matches.addresses = vec!["fe80::/10".parse::<AddressMatch>().unwrap().except()];
        matches.ttls.clear();
        matches.protocols = vec![RangeMatch::value(58)];
        matches.fragment = Some(Fragment::LastFragment);
        let mut term = Term::new("all");
        term.matches = matches;
        let Some(Kind::Inet6Term(wire_term)) = one_term(Family::Inet6, term).filter_term else {
            panic!("not an inet6 term");
        };
        let expected = wire::FilterTermMatchInet6 {
            ipv6_src_addrs: vec![wire::MatchIpAddress {
                addr: ip("2001:db8::"),
                prefix_length: 48,
                operation: 1,
            }],
            ipv6_dst_addrs: vec![wire::MatchIpAddress {
                addr: ip("2001:db8::7"),
                prefix_length: 128,
                operation: 1,
            }],
            ipv6_addrs: vec![wire::MatchIpAddress {
                addr: ip("fe80::"),
                prefix_length: 10,
                operation: 2,
            }],
            src_ports: vec![wire::MatchPort {
                min: 53,
                max: 53,
                operation: 1,
            }],
            dst_ports: vec![wire::MatchPort {
                min: 8000,
                max: 8080,
                operation: 1,
            }],
            ports: vec![wire::MatchPort {
                min: 179,
                max: 179,
                operation: 2,
            }],
            payload_protocols: vec![wire::MatchProtocol {
                min: 58,
                max: 58,
                operation: 1,
            }],
            icmp_types: vec![wire::MatchIcmpType {
                min: 8,
                max: 8,
                operation: 1,
            }],
            icmp_codes: vec![wire::MatchIcmpCode {
                min: 0,
                max: 3,
                operation: 1,
            }],
            dscp_codes: vec![wire::MatchDscpCode {
                min: 46,
                max: 46,
                operation: 1,
            }],
            packet_lengths: vec![wire::MatchPacketLength {
                min: 64,
                max: 1500,
                operation: 1,
            }],
            fragment_flag: 4, // LAST_FRAGMENT
            interface_units: vec![wire::MatchInterfaceUnit {
                interface: Some(wire::match_interface_unit::Interface::UnitName(
                    "ge-0/0/1.0".into(),
                )),
            }],
            ..Default::default()
        };
        assert_eq!(wire_term.matches, Some(expected));
    }

    fn inet_actions_of(actions: Actions) -> wire::FilterTermInetAction {
        let mut term = Term::new("t");
        term.actions = actions;
        let Some(Kind::InetTerm(wire_term)) = one_term(Family::Inet, term).filter_term else {
            panic!("not an inet term");
        };
        wire_term.actions.unwrap()
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
            wire::FilterTermInetAction {
                actions_nt: Some(wire::FilterTermInetNonTerminatingAction {
                    count: Some(wire::ActionCounter {
                        counter_name: "c".into()
                    }),
                    log: true,
                    syslog: true,
                    policer: Some(wire::ActionPolicer {
                        policer: Some(wire::Policer {
                            name: "p".into(),
                            r#type: 0,
                            flag: 0,
                            params: None,
                        }),
                    }),
                    sample: false,
                    next_term: true,
                }),
                action_t: None,
            }
        );
        let cases = [
            (Terminating::Accept, Action::Accept(true)),
            (Terminating::Discard, Action::Discard(true)),
            (
                Terminating::Reject(RejectReason::PortUnreachable),
                Action::Reject(10), // ICMP_PORT_UNREACHABLE
            ),
            (
                Terminating::Reject(RejectReason::TcpReset),
                Action::Reject(16), // ICMP_TCP_RESET
            ),
            (
                Terminating::Reject(RejectReason::AdministrativelyProhibited),
                Action::Reject(0),
            ),
            (
                Terminating::RoutingInstance("blue".into()),
                Action::RoutingInstanceName("blue".into()),
            ),
        ];
        for (native, expected) in cases {
            let actions = Actions {
                terminating: Some(native),
                ..Actions::default()
            };
            assert_eq!(
                inet_actions_of(actions),
                wire::FilterTermInetAction {
                    actions_nt: None,
                    action_t: terminating(expected),
                }
            );
        }
    }

    #[test]
    fn every_icmp_reason_has_its_wire_value() {
        for (i, reason) in RejectReason::ALL.iter().take(17).enumerate() {
            assert_eq!(
                icmp_reason(*reason).map(|r| r as usize),
                Some(i),
                "{reason}"
            );
        }
        let icmp6: Vec<i32> = RejectReason::ALL
            .iter()
            .filter_map(|r| icmp6_reason(*r))
            .map(|r| r as i32)
            .collect();
        assert_eq!(icmp6.len(), 13);
        assert!(RejectReason::ALL
            .iter()
            .all(|r| icmp6_reason(*r).is_some() == r.is_icmp6()));
    }

    #[test]
    fn inet6_actions_and_their_limits() {
        let mut term = Term::new("t");
        term.actions = Actions {
            count: Some("c6".into()),
            log: true,
            syslog: true,
            policer: Some("p6".into()),
            next_term: false,
            terminating: Some(Terminating::Reject(RejectReason::PortUnreachable)),
        };
        let Some(Kind::Inet6Term(wire_term)) = one_term(Family::Inet6, term.clone()).filter_term
        else {
            panic!("not an inet6 term");
        };
        assert_eq!(
            wire_term.actions,
            Some(wire::FilterTermInet6Action {
                actions_nt: Some(wire::FilterTermInet6NonTerminatingAction {
                    count: Some(wire::ActionCounter {
                        counter_name: "c6".into()
                    }),
                    log: true,
                    syslog: true,
                    policer: Some(wire::ActionPolicer {
                        policer: Some(wire::Policer {
                            name: "p6".into(),
                            ..Default::default()
                        }),
                    }),
                    ..Default::default()
                }),
                action_t: Some(wire::FilterTermInet6TerminatingAction {
                    terminating_action: Some(Action6::Reject(4)), // ICMP6_PORT_UNREACHABLE
                }),
            })
        );

        term.actions.terminating = Some(Terminating::Reject(RejectReason::TcpReset));
        let filter = Filter {
            name: "f".into(),
            family: Family::Inet6,
            terms: vec![term],
        };
        let error = filter_add(&filter).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidArgument);
        assert!(error.message().starts_with(
            "filter.terms[0].actions.reject: \"tcp-reset\" has no value in the jnx wire's inet6 reject list (it has administratively-prohibited, port-unreachable, no-route-to-destination,"
        ), "{}", error.message());
    }

    #[test]
    fn adding_validates_first() {
        let mut filter = demo();
        filter.terms[1].name = "t1".into();
        assert_eq!(
            filter_add(&filter).unwrap_err().message(),
            "filter.terms[1].name: term \"t1\" appears twice (also terms[0])"
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
            TermChange::replace(changed),
            TermChange::delete("old"),
        ];
        let request = filter_modify("jet-demo-icmp", Family::Inet, &changes).unwrap();
        let body = |action: Action| {
            (
                Some(wire::FilterTermMatchInet::default()),
                Some(wire::FilterTermInetAction {
                    actions_nt: None,
                    action_t: terminating(action),
                }),
            )
        };
        let term = |name: &str, op: i32, adjacency: Option<(i32, &str)>, body: Option<(_, _)>| {
            let (matches, actions) = body.unwrap_or((None, None));
            inet_term(wire::FilterInetTerm {
                term_name: name.into(),
                term_op: op,
                adjacency: adjacency.map(|(kind, name)| wire::FilterAdjacency {
                    r#type: kind,
                    term_name: name.into(),
                }),
                matches,
                actions,
            })
        };
        let expected = wire::FilterModifyRequest {
            name: "jet-demo-icmp".into(),
            r#type: 1,
            family: 1,
            flag: 0,
            terms_list: vec![
                // ADD = 1, TERM_AFTER = 0
                term("new", 1, Some((0, "t1")), Some(body(Action::Accept(true)))),
                // TERM_BEFORE = 1
                term("new", 1, Some((1, "t2")), Some(body(Action::Accept(true)))),
                term("new", 1, None, Some(body(Action::Accept(true)))),
                // REPLACE = 3
                term("t1", 3, Some((1, "t2")), Some(body(Action::Discard(true)))),
                term("t1", 3, None, Some(body(Action::Discard(true)))),
                // DELETE = 2: the name only
                term("old", 2, None, None),
            ],
        };
        assert_eq!(request, expected);

        let inet6 = filter_modify("v6", Family::Inet6, &[TermChange::delete("old")]).unwrap();
        assert_eq!(inet6.family, 2);
        assert_eq!(
            inet6.terms_list,
            vec![inet6_term(wire::FilterInet6Term {
                term_name: "old".into(),
                term_op: 2,
                ..Default::default()
            })]
        );
        assert!(filter_modify("f", Family::Inet, &[]).is_err());
    }

    #[test]
    fn delete_sends_name_and_family() {
        assert_eq!(
            filter_delete("jet-demo-icmp", Family::Inet6).unwrap(),
            wire::FilterDeleteRequest {
                name: "jet-demo-icmp".into(),
                family: 2,
            }
        );
        assert_eq!(
            filter_delete("", Family::Inet).unwrap_err().message(),
            "filter: empty name"
        );
    }

    #[test]
    fn bind_and_unbind() {
        let binding = Binding {
            filter: "jet-demo-icmp".into(),
            family: Family::Inet,
            point: BindPoint::Interface("ge-0/0/0.0".into()),
            direction: Direction::Input,
        };
        let point = Some(wire::FilterBindObjPoint {
            bind_point: Some(wire::filter_bind_obj_point::BindPoint::InterfaceName(
                "ge-0/0/0.0".into(),
            )),
        });
        let filter = Some(wire::Filter {
            name: "jet-demo-icmp".into(),
            family: 1,
        });
        assert_eq!(
            bind_add(&binding).unwrap(),
            wire::FilterObjBindAddRequest {
                filter: filter.clone(),
                obj_type: 1, // BIND_OBJ_TYPE_INTERFACE
                bind_object: point.clone(),
                bind_direction: 1, // BIND_DIRECTION_INPUT
                bind_family: 1,
            }
        );
        let output = Binding {
            direction: Direction::Output,
            ..binding
        };
        assert_eq!(
            bind_delete(&output).unwrap(),
            wire::FilterObjBindDeleteRequest {
                filter,
                obj_type: 1,
                bind_object: point,
                bind_direction: 2, // BIND_DIRECTION_OUTPUT
                bind_family: 1,
            }
        );
    }

    fn policer(then: PolicerThen) -> Policer {
        Policer {
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
        }
    }

    #[test]
    fn policers_go_in_bits_per_second_and_bytes() {
        let params = |bandwidth, burst_size, loss_priority, class: &str, discard| {
            Some(wire::PolicerParameter {
                parameter: Some(wire::policer_parameter::Parameter::TwoColorParameter(
                    wire::PolicerTwoColor {
                        bandwidth,
                        burst_size,
                        loss_priority,
                        forwarding_class_name: class.into(),
                        discard,
                    },
                )),
            })
        };
        assert_eq!(
            policer_add(&policer(PolicerThen::Discard)).unwrap(),
            wire::PolicerAddRequest {
                name: "icmp-1m".into(),
                r#type: 1, // TWO_COLOR_POLICER
                flag: 2,   // POLICER_FLAG_FILTER_SPECIFIC
                params: params(1_000_000, 15_000, 0, "", true),
            }
        );
        let mut term_specific = policer(PolicerThen::LossPriority(LossPriority::MediumLow));
        term_specific.scope = PolicerScope::TermSpecific;
        let PolicerKind::TwoColor(limits) = &mut term_specific.kind;
        limits.bandwidth = Rate {
            value: 3,
            unit: RateUnit::Gbps,
        };
        limits.burst = Size {
            value: 2,
            unit: SizeUnit::Mbytes,
        };
        assert_eq!(
            policer_modify(&term_specific).unwrap(),
            wire::PolicerModifyRequest {
                name: "icmp-1m".into(),
                r#type: 1,
                flag: 1, // POLICER_FLAG_TERM_SPECIFIC
                params: params(3_000_000_000, 2_000_000, 3, "", false), // LOSS_PRIORITY_MEDIUM_LOW
            }
        );
        let classed = policer(PolicerThen::ForwardingClass("best-effort".into()));
        assert_eq!(
            policer_add(&classed).unwrap().params,
            params(1_000_000, 15_000, 0, "best-effort", false)
        );
        assert_eq!(
            policer_delete("icmp-1m", PolicerScope::TermSpecific).unwrap(),
            wire::PolicerDeleteRequest {
                name: "icmp-1m".into(),
                r#type: 1,
                flag: 1,
            }
        );
    }

    #[test]
    fn policer_overflow_is_refused() {
        let mut huge = policer(PolicerThen::Discard);
        let PolicerKind::TwoColor(limits) = &mut huge.kind;
        limits.bandwidth = Rate {
            value: 20_000_000_000,
            unit: RateUnit::Gbps,
        };
        let error = policer_add(&huge).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidArgument);
        assert_eq!(
            error.message(),
            "policer.two-color.bandwidth: 20000000000 gbps is more than 18446744073709551615 bits per second, the most the jnx wire carries"
        );
        let PolicerKind::TwoColor(limits) = &mut huge.kind;
        limits.bandwidth.value = 1;
        limits.burst = Size {
            value: u64::MAX,
            unit: SizeUnit::Kbytes,
        };
        assert!(policer_add(&huge)
            .unwrap_err()
            .message()
            .starts_with("policer.two-color.burst: "));
    }

    #[test]
    fn counter_requests() {
        assert_eq!(
            filter_counter_get("jet-demo-icmp", "icmp-count").unwrap(),
            wire::FilterCounterGetRequest {
                filter_name: "jet-demo-icmp".into(),
                counter_name: "icmp-count".into(),
            }
        );
        assert_eq!(
            policer_counter_get("f", "icmp-1m-t1").unwrap(),
            wire::PolicerCounterGetRequest {
                filter_name: "f".into(),
                counter_name: "icmp-1m-t1".into(),
            }
        );
        assert_eq!(
            filter_counter_clear("jet-demo-icmp", "icmp-count").unwrap(),
            wire::FilterCounterSetRequest {
                filter_name: "jet-demo-icmp".into(),
                counter_name: "icmp-count".into(),
            }
        );
        assert_eq!(
            policer_counter_clear("f", "p").unwrap(),
            wire::PolicerCounterSetRequest {
                filter_name: "f".into(),
                counter_name: "p".into(),
            }
        );
        assert_eq!(
            filter_counter_get("f", "").unwrap_err().message(),
            "counter: empty name"
        );
    }

    #[test]
    fn purge_timer_requests() {
        assert_eq!(
            purge_timer_add(120).unwrap(),
            wire::FiltersPurgeTimerAddRequest { time: 120 }
        );
        assert!(purge_timer_add(1).is_ok() && purge_timer_add(1000).is_ok());
        assert_eq!(
            purge_timer_add(0).unwrap_err().message(),
            "purge timer: 0 s is out of range (1-1000 s)"
        );
        assert!(purge_timer_add(1001).is_err());
        assert_eq!(purge_timer_get(), wire::FiltersPurgeTimerGetRequest {});
        assert_eq!(
            purge_timer_delete(),
            wire::FiltersPurgeTimerDeleteRequest {}
        );
        let answer = wire::FiltersPurgeTimerGetResponse {
            status: Some(RpcStatus {
                code: 0,
                message: String::new(),
            }),
            sub_code: 0,
            time: 300,
        };
        assert_eq!(purge_timer(&answer).unwrap(), 300);
    }

    fn status(code: i32, message: &str) -> Option<RpcStatus> {
        Some(RpcStatus {
            code,
            message: message.into(),
        })
    }

    #[test]
    fn answers_map_to_results() {
        let ok = wire::FilterAddResponse {
            status: status(0, ""),
            sub_code: 0,
        };
        assert!(check("filter add", &ok).is_ok());
        // No status at all reads as SUCCESS (proto3 default).
        assert!(check("filter add", &wire::FilterAddResponse::default()).is_ok());

        let failures = [
            (1, "EINVALID_MESSAGE"),
            (2, "EINTERNAL"),
            (3, "EUNSUPPORTED_OP"),
            (4, "NO_RESOURCE"),
        ];
        for (sub_code, name) in failures {
            let answer = wire::FilterAddResponse {
                status: status(1, ""),
                sub_code,
            };
            let error = check("filter add", &answer).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::Refused);
            assert_eq!(error.device_code(), Some(sub_code));
            assert_eq!(
                error.message(),
                format!("filter add: {name} (code {sub_code})")
            );
        }
        let with_text = wire::FilterModifyResponse {
            status: status(1, "term t9 not found"),
            sub_code: 1,
        };
        assert_eq!(
            check("filter modify", &with_text).unwrap_err().message(),
            "filter modify: EINVALID_MESSAGE: term t9 not found (code 1)"
        );
        // FAILURE with sub-code EOK still fails, with the status code.
        let failure = wire::FilterDeleteResponse {
            status: status(1, "busy"),
            sub_code: 0,
        };
        let error = check("filter delete", &failure).unwrap_err();
        assert_eq!(error.device_code(), Some(1));
        assert_eq!(error.message(), "filter delete: FAILURE: busy (code 1)");
        // A sub-code failure with SUCCESS also fails; unknown codes are named so.
        let odd = wire::PolicerAddResponse {
            status: status(0, ""),
            sub_code: 42,
        };
        assert_eq!(
            check("policer add", &odd).unwrap_err().message(),
            "policer add: unknown sub-code (code 42)"
        );
        // Every response type implements the check.
        assert!(check("bind", &wire::FilterBindAddResponse::default()).is_ok());
        assert!(check("unbind", &wire::FilterBindDeleteResponse::default()).is_ok());
        assert!(check("p", &wire::PolicerModifyResponse::default()).is_ok());
        assert!(check("p", &wire::PolicerDeleteResponse::default()).is_ok());
        assert!(check("c", &wire::FilterCounterSetResponse::default()).is_ok());
        assert!(check("c", &wire::PolicerCounterSetResponse::default()).is_ok());
        assert!(check("t", &wire::FiltersPurgeTimerAddResponse::default()).is_ok());
        assert!(check("t", &wire::FiltersPurgeTimerDeleteResponse::default()).is_ok());
    }

    #[test]
    fn counter_answers() {
        let answer = wire::FilterCounterGetResponse {
            status: status(0, ""),
            sub_code: 0,
            counter_name: "icmp-count".into(),
            bytes: 840,
            packets: 10,
        };
        assert_eq!(
            counter("filter counter get", &answer, "icmp-count").unwrap(),
            CounterValue {
                name: "icmp-count".into(),
                bytes: 840,
                packets: 10,
            }
        );
        let unnamed = wire::PolicerCounterGetResponse {
            bytes: 1,
            packets: 1,
            ..Default::default()
        };
        assert_eq!(
            counter("policer counter get", &unnamed, "p-t1")
                .unwrap()
                .name,
            "p-t1"
        );
        let timeout = wire::FilterCounterGetResponse {
            status: status(1, ""),
            sub_code: 5, // TIMEOUT
            ..Default::default()
        };
        let error = counter("filter counter get", &timeout, "icmp-count").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Timeout);
        assert_eq!(error.device_code(), Some(5));
        assert_eq!(
            error.message(),
            "filter counter get: the device did not read counter \"icmp-count\" in time (TIMEOUT)"
        );
        let policer_timeout = wire::PolicerCounterGetResponse {
            sub_code: 5,
            ..Default::default()
        };
        assert_eq!(
            counter("policer counter get", &policer_timeout, "p")
                .unwrap_err()
                .kind(),
            ErrorKind::Timeout
        );
        let refused = wire::FilterCounterGetResponse {
            status: status(1, "no such counter"),
            sub_code: 1,
            ..Default::default()
        };
        let error = counter("filter counter get", &refused, "x").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Refused);
        assert_eq!(
            error.message(),
            "filter counter get: EINVALID_MESSAGE: no such counter (code 1)"
        );
    }
}
