//! Interface addresses in the C ABI.

use super::failure::{boundary, text, Failure};
use super::service::{jet_service_t, session_with_deadline};
use super::status::jet_status_t::{self, *};
use crate::service::interfaces::{AddressFamily, InterfaceAddress};
use std::ffi::c_char;

/// An address family: one of the `JET_FAMILY_*` constants.
#[allow(non_camel_case_types)]
pub type jet_family_t = i32;
/// IPv4 (family inet).
pub const JET_FAMILY_INET: jet_family_t = 1;
/// IPv6 (family inet6).
pub const JET_FAMILY_INET6: jet_family_t = 2;

/// The family for a C value.
pub(crate) fn family(value: jet_family_t) -> Result<AddressFamily, Failure> {
    match value {
        JET_FAMILY_INET => Ok(AddressFamily::Inet),
        JET_FAMILY_INET6 => Ok(AddressFamily::Inet6),
        v => Err(Failure::new(
            JET_STATUS_INVALID_ARGUMENT,
            format!("family {v} is not JET_FAMILY_INET or JET_FAMILY_INET6"),
        )),
    }
}

fn address_of(
    ifd: *const c_char,
    unit: u32,
    family_: jet_family_t,
    prefix: *const c_char,
) -> Result<InterfaceAddress, Failure> {
    let ifd = text(ifd, "ifd", 255)?;
    let prefix = text(prefix, "address", 64)?;
    let family = family(family_)?;
    Ok(InterfaceAddress::parse(
        &format!("{ifd}.{unit}"),
        family.name(),
        prefix,
    )?)
}

/// Adds `address` ("192.0.2.1/24" or "2001:db8::1/64") to logical interface
/// `ifd`.`unit` (e.g. "ge-0/0/0", 0). `timeout_ms` 0 uses the session's
/// deadline. A device refusal is JET_STATUS_REFUSED with its code in
/// jet_last_error_device_code().
#[no_mangle]
pub extern "C" fn jet_interface_address_add(
    session: *mut jet_service_t,
    ifd: *const c_char,
    unit: u32,
    family: jet_family_t,
    address: *const c_char,
    timeout_ms: u32,
) -> jet_status_t {
    boundary("jet_interface_address_add", || {
        let session = session_with_deadline(session, timeout_ms)?;
        session
            .interfaces()
            .add_address(&address_of(ifd, unit, family, address)?)?;
        Ok(JET_STATUS_OK)
    })
}

/// Deletes `address` from logical interface `ifd`.`unit`.
/// JET_STATUS_NOT_FOUND when the device has no such address.
#[no_mangle]
pub extern "C" fn jet_interface_address_delete(
    session: *mut jet_service_t,
    ifd: *const c_char,
    unit: u32,
    family: jet_family_t,
    address: *const c_char,
    timeout_ms: u32,
) -> jet_status_t {
    boundary("jet_interface_address_delete", || {
        let session = session_with_deadline(session, timeout_ms)?;
        session
            .interfaces()
            .delete_address(&address_of(ifd, unit, family, address)?)?;
        Ok(JET_STATUS_OK)
    })
}
