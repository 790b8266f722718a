//! Firewall filters, policers and counters in the C ABI.
//!
//! Filters, term changes and policers are given as JSON documents rather
//! than built with one C function per field. The reasons: the document is
//! the same from C, C++, Go, Java, C# and the `jet` command line (`jet
//! filter add --file F.json`); the set of symbols stays small and stable
//! while the model grows (a new match is a new key, not a new function);
//! and every mistake is reported with its path in the document
//! (`filter.terms[0].matches.destination-ports[1]: 70000 is out of range`).
//! The schema is documented at each function and in the README.

use super::failure::{boundary, out, owned_c_string, text, Failure};
use super::interfaces::{family, jet_family_t};
use super::service::{jet_service_t, session_with_deadline};
use super::status::jet_status_t::{self, *};
use crate::service::firewall::{
    BindPoint, Binding, CounterValue, Direction, Family, Filter, Policer, PolicerScope, TermChange,
};
use std::ffi::c_char;

/// Largest JSON document accepted (bytes).
const MAX_DOCUMENT: usize = 16 * 1024 * 1024;
/// Longest filter, counter or interface name accepted.
const MAX_NAME: usize = 255;

/// A bind direction: one of the `JET_DIRECTION_*` constants.
#[allow(non_camel_case_types)]
pub type jet_direction_t = i32;
/// Packets entering the interface.
pub const JET_DIRECTION_INPUT: jet_direction_t = 1;
/// Packets leaving the interface.
pub const JET_DIRECTION_OUTPUT: jet_direction_t = 2;

/// A policer scope: one of the `JET_POLICER_*` constants.
#[allow(non_camel_case_types)]
pub type jet_policer_scope_t = i32;
/// An instance per term that names the policer (the Junos default).
pub const JET_POLICER_TERM_SPECIFIC: jet_policer_scope_t = 0;
/// One instance for the whole filter.
pub const JET_POLICER_FILTER_SPECIFIC: jet_policer_scope_t = 1;

/// A counter's value.
#[repr(C)]
#[derive(Debug, Default, Clone, Copy)]
pub struct jet_counter_t {
    /// Bytes counted.
    pub bytes: u64,
    /// Packets counted.
    pub packets: u64,
}

fn filter_family(value: jet_family_t) -> Result<Family, Failure> {
    Ok(match family(value)? {
        crate::service::interfaces::AddressFamily::Inet => Family::Inet,
        crate::service::interfaces::AddressFamily::Inet6 => Family::Inet6,
    })
}

fn name<'a>(pointer: *const c_char, what: &str) -> Result<&'a str, Failure> {
    text(pointer, what, MAX_NAME)
}

fn document<'a>(pointer: *const c_char, what: &str) -> Result<&'a str, Failure> {
    text(pointer, what, MAX_DOCUMENT)
}

fn binding(
    filter: *const c_char,
    family_: jet_family_t,
    interface: *const c_char,
    direction: jet_direction_t,
) -> Result<Binding, Failure> {
    let direction = match direction {
        JET_DIRECTION_INPUT => Direction::Input,
        JET_DIRECTION_OUTPUT => Direction::Output,
        v => {
            return Err(Failure::new(
                JET_STATUS_INVALID_ARGUMENT,
                format!("direction {v} is not JET_DIRECTION_INPUT or JET_DIRECTION_OUTPUT"),
            ))
        }
    };
    let binding = Binding {
        filter: name(filter, "filter")?.to_string(),
        family: filter_family(family_)?,
        point: BindPoint::Interface(name(interface, "interface")?.to_string()),
        direction,
    };
    binding.validate()?;
    Ok(binding)
}

/// Adds a filter given as JSON:
/// `{"name": "jet-demo-icmp", "family": "inet", "terms": [{"name": "t1",
/// "matches": {"protocols": ["icmp"]}, "actions": {"count": "icmp-count",
/// "discard": true}}, {"name": "t2", "actions": {"accept": true}}]}`.
/// Matches: source-addresses, destination-addresses, addresses (prefixes
/// such as "192.0.2.0/24", or {"prefix": …, "except": true}),
/// source-ports, destination-ports, ports, protocols, icmp-types,
/// icmp-codes, dscp, packet-lengths, ttls (numbers, "low-high" ranges or
/// {"range": …, "except": true}; protocols also by name), fragment,
/// interfaces. Actions: one of accept, discard, reject (a reason such as
/// "port-unreachable"), routing-instance; and count, log, syslog, policer,
/// next-term. Unknown keys are refused with the path of the mistake.
#[no_mangle]
pub extern "C" fn jet_firewall_filter_add(
    session: *mut jet_service_t,
    filter_json: *const c_char,
    timeout_ms: u32,
) -> jet_status_t {
    boundary("jet_firewall_filter_add", || {
        let session = session_with_deadline(session, timeout_ms)?;
        let filter = Filter::from_json(document(filter_json, "filter_json")?)?;
        session.firewall().add(&filter)?;
        Ok(JET_STATUS_OK)
    })
}

/// Changes single terms of filter `filter_name` in one call. `changes_json`
/// is a list: `[{"op": "add", "term": {…}, "adjacency": {"after": "t1"}},
/// {"op": "delete", "term": {"name": "t3"}}, {"op": "replace", "term":
/// {…}}]`; an added term without adjacency goes at the end.
#[no_mangle]
pub extern "C" fn jet_firewall_filter_modify(
    session: *mut jet_service_t,
    filter_name: *const c_char,
    family: jet_family_t,
    changes_json: *const c_char,
    timeout_ms: u32,
) -> jet_status_t {
    boundary("jet_firewall_filter_modify", || {
        let session = session_with_deadline(session, timeout_ms)?;
        let filter = name(filter_name, "filter_name")?;
        let family = filter_family(family)?;
        let changes = TermChange::list_from_json(document(changes_json, "changes_json")?)?;
        session.firewall().modify(filter, family, &changes)?;
        Ok(JET_STATUS_OK)
    })
}

/// Replaces a filter that this session added with the filter in
/// `filter_json` (same name and family), in one modify call on either
/// generation: terms only in the old filter are deleted, terms in both are
/// replaced in place, new terms are added after their predecessor, and
/// moved terms are deleted and added again. The filter may stay bound.
#[no_mangle]
pub extern "C" fn jet_firewall_filter_replace(
    session: *mut jet_service_t,
    filter_json: *const c_char,
    timeout_ms: u32,
) -> jet_status_t {
    boundary("jet_firewall_filter_replace", || {
        let session = session_with_deadline(session, timeout_ms)?;
        let filter = Filter::from_json(document(filter_json, "filter_json")?)?;
        session.firewall().replace(&filter)?;
        Ok(JET_STATUS_OK)
    })
}

/// Deletes a filter; it must not be bound.
#[no_mangle]
pub extern "C" fn jet_firewall_filter_delete(
    session: *mut jet_service_t,
    filter_name: *const c_char,
    family: jet_family_t,
    timeout_ms: u32,
) -> jet_status_t {
    boundary("jet_firewall_filter_delete", || {
        let session = session_with_deadline(session, timeout_ms)?;
        session
            .firewall()
            .delete(name(filter_name, "filter_name")?, filter_family(family)?)?;
        Ok(JET_STATUS_OK)
    })
}

/// Binds filter `filter_name` to logical interface `interface` (e.g.
/// "ge-0/0/0.0") in `direction`, in the filter's family.
#[no_mangle]
pub extern "C" fn jet_firewall_filter_bind(
    session: *mut jet_service_t,
    filter_name: *const c_char,
    family: jet_family_t,
    interface: *const c_char,
    direction: jet_direction_t,
    timeout_ms: u32,
) -> jet_status_t {
    boundary("jet_firewall_filter_bind", || {
        let session = session_with_deadline(session, timeout_ms)?;
        session
            .firewall()
            .bind(&binding(filter_name, family, interface, direction)?)?;
        Ok(JET_STATUS_OK)
    })
}

/// Removes a binding made with jet_firewall_filter_bind.
#[no_mangle]
pub extern "C" fn jet_firewall_filter_unbind(
    session: *mut jet_service_t,
    filter_name: *const c_char,
    family: jet_family_t,
    interface: *const c_char,
    direction: jet_direction_t,
    timeout_ms: u32,
) -> jet_status_t {
    boundary("jet_firewall_filter_unbind", || {
        let session = session_with_deadline(session, timeout_ms)?;
        session
            .firewall()
            .unbind(&binding(filter_name, family, interface, direction)?)?;
        Ok(JET_STATUS_OK)
    })
}

/// Adds a single-rate two-color policer given as JSON: `{"name": "p1",
/// "two-color": {"bandwidth": {"value": 10, "unit": "mbps"}, "burst":
/// {"value": 100, "unit": "kbytes"}, "then": "discard"}}` ("then" may also be
/// {"loss-priority": "high"} or {"forwarding-class": "best-effort"};
/// optional "scope": "term-specific" or "filter-specific").
#[no_mangle]
pub extern "C" fn jet_firewall_policer_add(
    session: *mut jet_service_t,
    policer_json: *const c_char,
    timeout_ms: u32,
) -> jet_status_t {
    boundary("jet_firewall_policer_add", || {
        let session = session_with_deadline(session, timeout_ms)?;
        session
            .firewall()
            .add_policer(&Policer::from_json(document(
                policer_json,
                "policer_json",
            )?)?)?;
        Ok(JET_STATUS_OK)
    })
}

/// Changes a policer's parameters (same JSON as jet_firewall_policer_add).
#[no_mangle]
pub extern "C" fn jet_firewall_policer_modify(
    session: *mut jet_service_t,
    policer_json: *const c_char,
    timeout_ms: u32,
) -> jet_status_t {
    boundary("jet_firewall_policer_modify", || {
        let session = session_with_deadline(session, timeout_ms)?;
        session
            .firewall()
            .modify_policer(&Policer::from_json(document(
                policer_json,
                "policer_json",
            )?)?)?;
        Ok(JET_STATUS_OK)
    })
}

/// Deletes policer `policer_name` of scope `scope`.
#[no_mangle]
pub extern "C" fn jet_firewall_policer_delete(
    session: *mut jet_service_t,
    policer_name: *const c_char,
    scope: jet_policer_scope_t,
    timeout_ms: u32,
) -> jet_status_t {
    boundary("jet_firewall_policer_delete", || {
        let session = session_with_deadline(session, timeout_ms)?;
        let scope = match scope {
            JET_POLICER_TERM_SPECIFIC => PolicerScope::TermSpecific,
            JET_POLICER_FILTER_SPECIFIC => PolicerScope::FilterSpecific,
            v => {
                return Err(Failure::new(
                    JET_STATUS_INVALID_ARGUMENT,
                    format!(
                        "scope {v} is not JET_POLICER_TERM_SPECIFIC or JET_POLICER_FILTER_SPECIFIC"
                    ),
                ))
            }
        };
        session
            .firewall()
            .delete_policer(name(policer_name, "policer_name")?, scope)?;
        Ok(JET_STATUS_OK)
    })
}

fn write_counter(slot: *mut jet_counter_t, value: CounterValue) -> Result<jet_status_t, Failure> {
    *out(slot, "out_counter")? = jet_counter_t {
        bytes: value.bytes,
        packets: value.packets,
    };
    Ok(JET_STATUS_OK)
}

/// Reads counter `counter_name` of filter `filter_name` into `*out_counter`.
#[no_mangle]
pub extern "C" fn jet_firewall_counter_get(
    session: *mut jet_service_t,
    filter_name: *const c_char,
    counter_name: *const c_char,
    timeout_ms: u32,
    out_counter: *mut jet_counter_t,
) -> jet_status_t {
    boundary("jet_firewall_counter_get", || {
        let session = session_with_deadline(session, timeout_ms)?;
        let (filter, counter) = (
            name(filter_name, "filter_name")?,
            name(counter_name, "counter_name")?,
        );
        out(out_counter, "out_counter")?;
        write_counter(out_counter, session.firewall().counter(filter, counter)?)
    })
}

/// Reads a policer counter of filter `filter_name` (a term-specific
/// policer's counter is named `<policer>-<term>`).
#[no_mangle]
pub extern "C" fn jet_firewall_policer_counter_get(
    session: *mut jet_service_t,
    filter_name: *const c_char,
    counter_name: *const c_char,
    timeout_ms: u32,
    out_counter: *mut jet_counter_t,
) -> jet_status_t {
    boundary("jet_firewall_policer_counter_get", || {
        let session = session_with_deadline(session, timeout_ms)?;
        let (filter, counter) = (
            name(filter_name, "filter_name")?,
            name(counter_name, "counter_name")?,
        );
        out(out_counter, "out_counter")?;
        write_counter(
            out_counter,
            session.firewall().policer_counter(filter, counter)?,
        )
    })
}

/// Resets a filter counter to zero.
#[no_mangle]
pub extern "C" fn jet_firewall_counter_clear(
    session: *mut jet_service_t,
    filter_name: *const c_char,
    counter_name: *const c_char,
    timeout_ms: u32,
) -> jet_status_t {
    boundary("jet_firewall_counter_clear", || {
        let session = session_with_deadline(session, timeout_ms)?;
        let (filter, counter) = (
            name(filter_name, "filter_name")?,
            name(counter_name, "counter_name")?,
        );
        session.firewall().clear_counter(filter, counter)?;
        Ok(JET_STATUS_OK)
    })
}

/// Reads every counter of filter `filter_name` and writes them to
/// `*out_json` as `[{"name": "icmp-count", "bytes": 840, "packets": 10}, …]`
/// (free it with jet_string_free). Legacy devices answer with their bulk
/// read; on jnx, one read per counter of a filter this session added.
#[no_mangle]
pub extern "C" fn jet_firewall_counters_get(
    session: *mut jet_service_t,
    filter_name: *const c_char,
    timeout_ms: u32,
    out_json: *mut *mut c_char,
) -> jet_status_t {
    boundary("jet_firewall_counters_get", || {
        let session = session_with_deadline(session, timeout_ms)?;
        let filter = name(filter_name, "filter_name")?;
        let slot = out(out_json, "out_json")?;
        let values: Vec<_> = session
            .firewall()
            .counters(filter)?
            .into_iter()
            .map(|c| serde_json::json!({"name": c.name, "bytes": c.bytes, "packets": c.packets}))
            .collect();
        *slot = owned_c_string(&serde_json::Value::Array(values).to_string());
        Ok(JET_STATUS_OK)
    })
}

/// Sets how long (1-1000 s) the device keeps this client's filters after it
/// disconnects. jnx devices that serve it (Junos 24.2+); legacy devices
/// answer JET_STATUS_UNIMPLEMENTED.
#[no_mangle]
pub extern "C" fn jet_firewall_purge_timer_set(
    session: *mut jet_service_t,
    seconds: u32,
    timeout_ms: u32,
) -> jet_status_t {
    boundary("jet_firewall_purge_timer_set", || {
        session_with_deadline(session, timeout_ms)?
            .firewall()
            .set_purge_timer(seconds)?;
        Ok(JET_STATUS_OK)
    })
}

/// Writes the purge timer (seconds) to `*out_seconds`.
#[no_mangle]
pub extern "C" fn jet_firewall_purge_timer_get(
    session: *mut jet_service_t,
    timeout_ms: u32,
    out_seconds: *mut u32,
) -> jet_status_t {
    boundary("jet_firewall_purge_timer_get", || {
        let session = session_with_deadline(session, timeout_ms)?;
        let slot = out(out_seconds, "out_seconds")?;
        *slot = session.firewall().purge_timer()?;
        Ok(JET_STATUS_OK)
    })
}

/// Removes the purge timer setting (the device default applies again).
#[no_mangle]
pub extern "C" fn jet_firewall_purge_timer_delete(
    session: *mut jet_service_t,
    timeout_ms: u32,
) -> jet_status_t {
    boundary("jet_firewall_purge_timer_delete", || {
        session_with_deadline(session, timeout_ms)?
            .firewall()
            .delete_purge_timer()?;
        Ok(JET_STATUS_OK)
    })
}
