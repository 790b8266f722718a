//! Interface addresses as JET sends them: text `a.b.c.d/len` (the prefix
//! length travels inside `addr_string`) or raw network-order bytes.

use super::error::{DeviceError, Field};
use super::model::AddressFamily;
use std::net::IpAddr;

/// The address of an `IpAddress` oneof, whichever generation.
pub(crate) enum WireAddress<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
}

/// Parses and checks an address against its family; returns it normalized
/// as `ip/len` (a host length when none is given).
pub(crate) fn normalize(
    address: Option<WireAddress<'_>>,
    family: AddressFamily,
) -> Result<String, DeviceError> {
    let (ip, len) = match address {
        None => return Err(DeviceError::Missing(Field::Address)),
        Some(WireAddress::Text(text)) => parse_text(text)?,
        Some(WireAddress::Bytes(bytes)) => (from_bytes(bytes)?, None),
    };
    let (actual, max) = match ip {
        IpAddr::V4(_) => (AddressFamily::Inet, 32),
        IpAddr::V6(_) => (AddressFamily::Inet6, 128),
    };
    if actual != family {
        return Err(DeviceError::FamilyMismatch(format!(
            "{ip} is not an {} address",
            family.name()
        )));
    }
    let len = len.unwrap_or(max);
    if len > max {
        return Err(DeviceError::InvalidMessage(format!(
            "prefix length {len} too long for {ip}"
        )));
    }
    Ok(format!("{ip}/{len}"))
}

fn parse_text(text: &str) -> Result<(IpAddr, Option<u32>), DeviceError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DeviceError::Missing(Field::Address));
    }
    let (ip, len) = match text.split_once('/') {
        Some((ip, len)) => (ip, Some(len)),
        None => (text, None),
    };
    let ip: IpAddr = ip
        .parse()
        .map_err(|_| DeviceError::InvalidMessage(format!("bad address {text}")))?;
    let len = match len {
        Some(len) => Some(
            len.parse()
                .map_err(|_| DeviceError::InvalidMessage(format!("bad prefix length in {text}")))?,
        ),
        None => None,
    };
    Ok((ip, len))
}

fn from_bytes(bytes: &[u8]) -> Result<IpAddr, DeviceError> {
    if let Ok(v4) = <[u8; 4]>::try_from(bytes) {
        Ok(IpAddr::from(v4))
    } else if let Ok(v6) = <[u8; 16]>::try_from(bytes) {
        Ok(IpAddr::from(v6))
    } else if bytes.is_empty() {
        Err(DeviceError::Missing(Field::Address))
    } else {
        Err(DeviceError::InvalidMessage(format!(
            "address of {} bytes",
            bytes.len()
        )))
    }
}

/// Builds an interface address from request fields, refusing the first
/// missing one in the device's order: port name, unit, family, address.
pub(crate) fn address(
    port_name: &str,
    unit: Option<u32>,
    family: Result<AddressFamily, DeviceError>,
    wire: Option<WireAddress<'_>>,
) -> Result<super::model::Address, DeviceError> {
    if port_name.is_empty() {
        return Err(DeviceError::Missing(Field::PortName));
    }
    let unit = unit.ok_or(DeviceError::Missing(Field::Unit))?;
    let family = family?;
    let prefix = normalize(wire, family)?;
    Ok(super::model::Address {
        ifd: port_name.to_string(),
        unit,
        family,
        prefix,
    })
}
