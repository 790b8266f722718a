//! Interface addresses: add or delete an IPv4 or IPv6 address on a logical
//! interface, in either IDL generation.
//!
//! On both generations the prefix length travels inside the address text
//! (`"192.0.2.1/24"`): neither wire has a prefix-length field, and the legacy
//! IDL's own examples write the address that way.
//!
//! The session remembers the addresses it added (`AddedAddresses`) for the
//! check after a reconnect. Whether the device has an address is asked with
//! jnx `InterfaceGet` (`TYPE_INTERFACE_ADDRESS_OBJECT`; sub-code
//! `OBJECT_NOT_FOUND` means it has not); the legacy `dcd_service` IDL has no
//! get for addresses.

mod added;
mod jnx;
mod legacy;

pub(crate) use added::AddedAddresses;

use super::options::Generation;
use super::session::{Service, ServiceSession};
use crate::error::{Error, ErrorKind, Result};
use std::fmt;
use std::net::IpAddr;

/// An address family of an interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AddressFamily {
    /// IPv4 (`family inet`).
    Inet,
    /// IPv6 (`family inet6`).
    Inet6,
}

impl AddressFamily {
    /// Parses "inet" or "inet6".
    pub fn parse(text: &str) -> Result<AddressFamily> {
        match text {
            "inet" => Ok(AddressFamily::Inet),
            "inet6" => Ok(AddressFamily::Inet6),
            other => Err(Error::invalid(format!(
                "family '{other}' is not inet or inet6"
            ))),
        }
    }

    /// "inet" or "inet6".
    pub fn name(self) -> &'static str {
        match self {
            AddressFamily::Inet => "inet",
            AddressFamily::Inet6 => "inet6",
        }
    }
}

/// An address on a logical interface, e.g. 192.0.2.1/24 on ge-0/0/0.0.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct InterfaceAddress {
    /// The physical interface (IFD), e.g. "ge-0/0/0".
    pub ifd: String,
    /// The logical unit, e.g. 0.
    pub unit: u32,
    /// The family.
    pub family: AddressFamily,
    /// The address.
    pub address: IpAddr,
    /// The prefix length (0-32 for inet, 0-128 for inet6).
    pub prefix_length: u8,
}

impl InterfaceAddress {
    /// Parses the command-line form: `ifl` "ge-0/0/0.0", `family` "inet" or
    /// "inet6", `address` "192.0.2.1/24".
    pub fn parse(ifl: &str, family: &str, address: &str) -> Result<InterfaceAddress> {
        let (ifd, unit) = ifl.rsplit_once('.').ok_or_else(|| {
            Error::invalid(format!(
                "interface '{ifl}' has no unit (write it as ge-0/0/0.0)"
            ))
        })?;
        let unit = unit.parse::<u32>().map_err(|_| {
            Error::invalid(format!("interface '{ifl}': unit '{unit}' is not a number"))
        })?;
        let (ip, length) = address.split_once('/').ok_or_else(|| {
            Error::invalid(format!(
                "address '{address}' has no prefix length (write it as 192.0.2.1/24)"
            ))
        })?;
        let parsed = InterfaceAddress {
            ifd: ifd.to_string(),
            unit,
            family: AddressFamily::parse(family)?,
            address: ip
                .parse()
                .map_err(|_| Error::invalid(format!("'{ip}' is not an IPv4 or IPv6 address")))?,
            prefix_length: length
                .parse()
                .map_err(|_| Error::invalid(format!("prefix length '{length}' is not a number")))?,
        };
        parsed.validate()?;
        Ok(parsed)
    }

    /// Checks names, the family against the address, and the prefix length.
    pub fn validate(&self) -> Result<()> {
        if self.ifd.is_empty()
            || self.ifd.len() > 255
            || self
                .ifd
                .contains(|c: char| c.is_whitespace() || c == '\0' || c == '.')
        {
            return Err(Error::invalid(format!(
                "interface name '{}' must be 1 to 255 characters without spaces, NUL or '.'",
                self.ifd
            )));
        }
        let (family_ok, max) = match (self.family, self.address) {
            (AddressFamily::Inet, IpAddr::V4(_)) => (true, 32),
            (AddressFamily::Inet6, IpAddr::V6(_)) => (true, 128),
            _ => (false, 0),
        };
        if !family_ok {
            return Err(Error::invalid(format!(
                "address {} is not of family {}",
                self.address,
                self.family.name()
            )));
        }
        if self.prefix_length > max {
            return Err(Error::invalid(format!(
                "prefix length {} is over {max} for family {}",
                self.prefix_length,
                self.family.name()
            )));
        }
        Ok(())
    }

    /// The address with its prefix length, as it travels on the wire.
    pub fn with_prefix(&self) -> String {
        format!("{}/{}", self.address, self.prefix_length)
    }
}

impl fmt::Display for InterfaceAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}.{} {} {}",
            self.ifd,
            self.unit,
            self.family.name(),
            self.with_prefix()
        )
    }
}

/// The interfaces service of a session: `session.interfaces()`.
#[derive(Debug, Clone, Copy)]
pub struct Interfaces<'a> {
    session: &'a ServiceSession,
}

impl ServiceSession {
    /// The interfaces service.
    pub fn interfaces(&self) -> Interfaces<'_> {
        Interfaces { session: self }
    }
}

impl Interfaces<'_> {
    /// Adds `address` to its logical interface.
    pub fn add_address(&self, address: &InterfaceAddress) -> Result<()> {
        address.validate()?;
        self.session
            .call(Service::Interfaces, |channel, generation| async move {
                match generation {
                    Generation::Jnx => jnx::add(channel, address).await,
                    Generation::Legacy => legacy::create(channel, address).await,
                }
            })?;
        self.session.added_addresses().remember(address);
        Ok(())
    }

    /// Deletes `address` from its logical interface.
    pub fn delete_address(&self, address: &InterfaceAddress) -> Result<()> {
        address.validate()?;
        self.session
            .call(Service::Interfaces, |channel, generation| async move {
                match generation {
                    Generation::Jnx => jnx::delete(channel, address).await,
                    Generation::Legacy => legacy::delete(channel, address).await,
                }
            })?;
        self.session.added_addresses().forget(address);
        Ok(())
    }

    /// Whether the device has `address` (jnx `InterfaceGet`). The legacy IDL
    /// has no such get: [`ErrorKind::Unimplemented`] there.
    pub(crate) fn has_address(&self, address: &InterfaceAddress) -> Result<bool> {
        address.validate()?;
        self.session
            .call(Service::Interfaces, |channel, generation| async move {
                match generation {
                    Generation::Jnx => jnx::exists(channel, address).await,
                    Generation::Legacy => Err(Error::new(
                        ErrorKind::Unimplemented,
                        "interface address get: the legacy IDL (dcd_service) has no get",
                    )),
                }
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_command_line_form() {
        let a = InterfaceAddress::parse("ge-0/0/0.0", "inet", "192.0.2.1/24").unwrap();
        assert_eq!(a.ifd, "ge-0/0/0");
        assert_eq!(a.unit, 0);
        assert_eq!(a.with_prefix(), "192.0.2.1/24");
        let b = InterfaceAddress::parse("xe-1/2/3.100", "inet6", "2001:db8::1/64").unwrap();
        assert_eq!(
            (b.unit, b.family, b.prefix_length),
            (100, AddressFamily::Inet6, 64)
        );
        assert_eq!(b.to_string(), "xe-1/2/3.100 inet6 2001:db8::1/64");
    }

    #[test]
    fn refuses_mistakes_with_clear_messages() {
        for (ifl, family, address, words) in [
            ("ge-0/0/0", "inet", "192.0.2.1/24", "no unit"),
            ("ge-0/0/0.x", "inet", "192.0.2.1/24", "not a number"),
            ("ge-0/0/0.0", "inet4", "192.0.2.1/24", "not inet or inet6"),
            ("ge-0/0/0.0", "inet", "192.0.2.1", "no prefix length"),
            ("ge-0/0/0.0", "inet", "192.0.2.1/33", "over 32"),
            ("ge-0/0/0.0", "inet6", "192.0.2.1/24", "not of family inet6"),
            ("ge-0/0/0.0", "inet", "bad/24", "not an IPv4"),
        ] {
            let error = InterfaceAddress::parse(ifl, family, address).unwrap_err();
            assert!(
                error.message().contains(words),
                "{ifl} {family} {address}: {error}"
            );
        }
    }
}
