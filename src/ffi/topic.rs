//! Topic builders of the C ABI. Each writes a new string to `out_topic`, which
//! the caller frees with `jet_string_free`. A NULL name means "any".

use super::failure::{boundary, optional_text, out, owned_c_string, text, Failure, Outcome};
use super::status::jet_status_t::{self, *};
use crate::topic::{self, Op, Topic};
use std::ffi::c_char;

/// A topic operation: one of the `JET_OP_*` constants.
#[allow(non_camel_case_types)]
pub type jet_op_t = i32;
/// Object added.
pub const JET_OP_ADD: jet_op_t = 0;
/// Object changed.
pub const JET_OP_CHANGE: jet_op_t = 1;
/// Object deleted.
pub const JET_OP_DELETE: jet_op_t = 2;
/// Any operation.
pub const JET_OP_ALL: jet_op_t = 3;

/// "Any sub-unit" / "any prefix length" for the integer arguments.
pub const JET_ANY: i64 = -1;

/// Longest name (interface, filter, family, table, event id) accepted.
const MAX_NAME: usize = 1024;
/// Longest topic filter accepted (the MQTT limit).
pub(crate) const MAX_TOPIC: usize = 65535;

fn parse_op(value: jet_op_t) -> Result<Op, Failure> {
    match value {
        JET_OP_ADD => Ok(Op::Add),
        JET_OP_CHANGE => Ok(Op::Change),
        JET_OP_DELETE => Ok(Op::Delete),
        JET_OP_ALL => Ok(Op::All),
        other => Err(Failure::new(
            JET_STATUS_INVALID_ARGUMENT,
            format!(
                "op {other} is not one of JET_OP_ADD, JET_OP_CHANGE, JET_OP_DELETE, JET_OP_ALL"
            ),
        )),
    }
}

fn parse_sub_unit(value: i64) -> Result<Option<u32>, Failure> {
    match value {
        JET_ANY => Ok(None),
        v if (0..=u32::MAX as i64).contains(&v) => Ok(Some(v as u32)),
        v => Err(Failure::new(
            JET_STATUS_INVALID_ARGUMENT,
            format!("sub_unit {v} is out of range (0 to 4294967295, or JET_ANY)"),
        )),
    }
}

fn name<'a>(pointer: *const c_char, what: &str) -> Result<Option<&'a str>, Failure> {
    optional_text(pointer, what, MAX_NAME)
}

fn give(out_topic: *mut *mut c_char, build: impl FnOnce() -> crate::Result<Topic>) -> Outcome {
    let slot = out(out_topic, "out_topic")?;
    let topic = build()?;
    *slot = owned_c_string(topic.as_str());
    Ok(JET_STATUS_OK)
}

/// Physical interface (IFD) events: `/junos/events/kernel/interfaces/ifd/<op>/<ifd>`.
#[no_mangle]
pub extern "C" fn jet_topic_ifd(
    op: jet_op_t,
    ifd_name: *const c_char,
    out_topic: *mut *mut c_char,
) -> jet_status_t {
    boundary("jet_topic_ifd", || {
        let (o, ifd) = (parse_op(op)?, name(ifd_name, "ifd_name")?);
        give(out_topic, || Topic::ifd(o, ifd))
    })
}

/// Logical interface (IFL) events. `sub_unit` is required (not JET_ANY) when `ifd_name` is given.
#[no_mangle]
pub extern "C" fn jet_topic_ifl(
    op: jet_op_t,
    ifd_name: *const c_char,
    sub_unit: i64,
    out_topic: *mut *mut c_char,
) -> jet_status_t {
    boundary("jet_topic_ifl", || {
        let (o, ifd, unit) = (
            parse_op(op)?,
            name(ifd_name, "ifd_name")?,
            parse_sub_unit(sub_unit)?,
        );
        give(out_topic, || Topic::ifl(o, ifd, unit))
    })
}

/// Interface family (IFF) events, e.g. family "inet", "inet6".
#[no_mangle]
pub extern "C" fn jet_topic_iff(
    op: jet_op_t,
    ifd_name: *const c_char,
    sub_unit: i64,
    family: *const c_char,
    out_topic: *mut *mut c_char,
) -> jet_status_t {
    boundary("jet_topic_iff", || {
        let (o, ifd, unit) = (
            parse_op(op)?,
            name(ifd_name, "ifd_name")?,
            parse_sub_unit(sub_unit)?,
        );
        let fam = name(family, "family")?;
        give(out_topic, || Topic::iff(o, ifd, unit, fam))
    })
}

/// Interface address (IFA) events; `address` is "192.0.2.1/24", "2001:db8::1/64" or without "/len".
#[no_mangle]
pub extern "C" fn jet_topic_ifa(
    op: jet_op_t,
    ifd_name: *const c_char,
    sub_unit: i64,
    family: *const c_char,
    address: *const c_char,
    out_topic: *mut *mut c_char,
) -> jet_status_t {
    boundary("jet_topic_ifa", || {
        let (o, ifd, unit) = (
            parse_op(op)?,
            name(ifd_name, "ifd_name")?,
            parse_sub_unit(sub_unit)?,
        );
        let (fam, addr) = (name(family, "family")?, name(address, "address")?);
        give(out_topic, || Topic::ifa(o, ifd, unit, fam, addr))
    })
}

/// Firewall filter events: `/junos/events/kernel/firewall/filter/<op>/<filter>`.
#[no_mangle]
pub extern "C" fn jet_topic_firewall_filter(
    op: jet_op_t,
    filter_name: *const c_char,
    out_topic: *mut *mut c_char,
) -> jet_status_t {
    boundary("jet_topic_firewall_filter", || {
        let (o, filter) = (parse_op(op)?, name(filter_name, "filter_name")?);
        give(out_topic, || Topic::firewall_filter(o, filter))
    })
}

/// Route events; `prefix_length` is 0-128 or JET_ANY.
#[no_mangle]
pub extern "C" fn jet_topic_route(
    op: jet_op_t,
    family: *const c_char,
    address: *const c_char,
    prefix_length: i32,
    out_topic: *mut *mut c_char,
) -> jet_status_t {
    boundary("jet_topic_route", || {
        let (o, fam, addr) = (
            parse_op(op)?,
            name(family, "family")?,
            name(address, "address")?,
        );
        let length = match prefix_length as i64 {
            JET_ANY => None,
            v if (0..=128).contains(&v) => Some(v as u8),
            v => {
                return Err(Failure::new(
                    JET_STATUS_INVALID_ARGUMENT,
                    format!("prefix_length {v} is out of range (0 to 128, or JET_ANY)"),
                ))
            }
        };
        give(out_topic, || Topic::route(o, fam, addr, length))
    })
}

/// Route table events: `/junos/events/kernel/route-table/<op>/<table>/<lr>`.
#[no_mangle]
pub extern "C" fn jet_topic_route_table(
    op: jet_op_t,
    table_name: *const c_char,
    lr_name: *const c_char,
    out_topic: *mut *mut c_char,
) -> jet_status_t {
    boundary("jet_topic_route_table", || {
        let (o, table, lr) = (
            parse_op(op)?,
            name(table_name, "table_name")?,
            name(lr_name, "lr_name")?,
        );
        give(out_topic, || Topic::route_table(o, table, lr))
    })
}

/// Syslog events with `event_id` (e.g. "UI_COMMIT"), or all syslog events for NULL.
#[no_mangle]
pub extern "C" fn jet_topic_syslog(
    event_id: *const c_char,
    out_topic: *mut *mut c_char,
) -> jet_status_t {
    boundary("jet_topic_syslog", || {
        let id = name(event_id, "event_id")?;
        give(out_topic, || Topic::syslog(id))
    })
}

/// Every JET event: "/junos/events/#".
#[no_mangle]
pub extern "C" fn jet_topic_all_events(out_topic: *mut *mut c_char) -> jet_status_t {
    boundary("jet_topic_all_events", || {
        give(out_topic, || Ok(Topic::all_events()))
    })
}

/// Every kernel event: "/junos/events/kernel/#".
#[no_mangle]
pub extern "C" fn jet_topic_all_kernel_events(out_topic: *mut *mut c_char) -> jet_status_t {
    boundary("jet_topic_all_kernel_events", || {
        give(out_topic, || Ok(Topic::all_kernel_events()))
    })
}

/// Configuration commits: "/junos/events/genpub/config-update".
#[no_mangle]
pub extern "C" fn jet_topic_config_update(out_topic: *mut *mut c_char) -> jet_status_t {
    boundary("jet_topic_config_update", || {
        give(out_topic, || Ok(Topic::config_update()))
    })
}

/// Checks that `filter` is a valid MQTT topic filter.
#[no_mangle]
pub extern "C" fn jet_topic_validate(filter: *const c_char) -> jet_status_t {
    boundary("jet_topic_validate", || {
        topic::validate_filter(text(filter, "filter", MAX_TOPIC)?)?;
        Ok(JET_STATUS_OK)
    })
}

/// Sets `*out_matches` to whether `topic` matches the MQTT filter `filter`.
/// Refuses (JET_STATUS_INVALID_ARGUMENT) an invalid filter and a topic name
/// that is empty or holds a wildcard (`+`, `#`) or NUL.
#[no_mangle]
pub extern "C" fn jet_topic_matches(
    filter: *const c_char,
    topic: *const c_char,
    out_matches: *mut bool,
) -> jet_status_t {
    boundary("jet_topic_matches", || {
        let filter = text(filter, "filter", MAX_TOPIC)?;
        let name = text(topic, "topic", MAX_TOPIC)?;
        let slot = out(out_matches, "out_matches")?;
        topic::validate_filter(filter)?;
        topic::validate_topic_name(name)?;
        *slot = topic::matches(filter, name);
        Ok(JET_STATUS_OK)
    })
}
