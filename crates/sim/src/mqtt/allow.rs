//! `allow-clients`: the source-address prefixes the simulated broker admits,
//! like Junos `services extension-service notification allow-clients
//! address`.

use jet::{Error, Result};
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

/// An IP prefix a client's source address may fall in: `127.0.0.0/8`,
/// `2001:db8::/32`, or one address (`192.0.2.7`, a host prefix).
///
/// An IPv4 client that reaches a dual-stack listener as an IPv4-mapped IPv6
/// address (`::ffff:127.0.0.1`) is matched as the IPv4 address it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientPrefix {
    addr: IpAddr,
    len: u8,
}

impl ClientPrefix {
    /// `addr/len`; refuses a length longer than the address. Host bits of
    /// `addr` are ignored when matching.
    pub fn new(addr: IpAddr, len: u8) -> Result<ClientPrefix> {
        let max = max_len(addr);
        if len > max {
            return Err(Error::invalid(format!(
                "allow-clients: prefix length {len} is too long for {addr} (at most {max})"
            )));
        }
        Ok(ClientPrefix { addr, len })
    }

    /// One address (`/32` or `/128`).
    pub fn host(addr: IpAddr) -> ClientPrefix {
        ClientPrefix {
            addr,
            len: max_len(addr),
        }
    }

    /// Every IPv4 and every IPv6 address (`0.0.0.0/0` and `::/0`).
    pub fn any() -> Vec<ClientPrefix> {
        vec![
            ClientPrefix {
                addr: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
                len: 0,
            },
            ClientPrefix {
                addr: IpAddr::V6(Ipv6Addr::UNSPECIFIED),
                len: 0,
            },
        ]
    }

    /// The simulator's default list: `127.0.0.0/8` and `::1`.
    pub fn loopback() -> Vec<ClientPrefix> {
        vec![
            ClientPrefix {
                addr: IpAddr::V4(Ipv4Addr::new(127, 0, 0, 0)),
                len: 8,
            },
            ClientPrefix::host(IpAddr::V6(Ipv6Addr::LOCALHOST)),
        ]
    }

    /// The address as given.
    pub fn addr(&self) -> IpAddr {
        self.addr
    }

    /// The prefix length.
    pub fn prefix_len(&self) -> u8 {
        self.len
    }

    /// Whether `ip` is inside the prefix.
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr.to_canonical(), ip.to_canonical()) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = mask32(self.len.min(32));
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = mask128(self.len);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// Whether any prefix of `list` contains `ip` (an empty list admits no one,
/// like a Junos device without `allow-clients`).
pub(crate) fn admits(list: &[ClientPrefix], ip: IpAddr) -> bool {
    list.iter().any(|prefix| prefix.contains(ip))
}

fn max_len(addr: IpAddr) -> u8 {
    match addr {
        IpAddr::V4(_) => 32,
        IpAddr::V6(_) => 128,
    }
}

fn mask32(len: u8) -> u32 {
    if len == 0 {
        0
    } else {
        u32::MAX << (32 - u32::from(len))
    }
}

fn mask128(len: u8) -> u128 {
    if len == 0 {
        0
    } else {
        u128::MAX << (128 - u32::from(len))
    }
}

impl FromStr for ClientPrefix {
    type Err = Error;

    /// `address` or `address/length`.
    fn from_str(text: &str) -> Result<ClientPrefix> {
        let text = text.trim();
        let (addr, len) = match text.split_once('/') {
            Some((addr, len)) => (addr, Some(len)),
            None => (text, None),
        };
        let addr: IpAddr = addr.parse().map_err(|_| {
            Error::invalid(format!(
                "allow-clients: {text:?} is not an address or prefix"
            ))
        })?;
        match len {
            None => Ok(ClientPrefix::host(addr)),
            Some(len) => {
                let len = len.parse::<u8>().map_err(|_| {
                    Error::invalid(format!("allow-clients: bad prefix length in {text:?}"))
                })?;
                ClientPrefix::new(addr, len)
            }
        }
    }
}

impl fmt::Display for ClientPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn prefixes_match_their_addresses_only() {
        let net: ClientPrefix = "127.0.0.1/32".parse().unwrap();
        assert!(net.contains(ip("127.0.0.1")));
        assert!(!net.contains(ip("127.0.0.2")));
        assert!(net.contains(ip("::ffff:127.0.0.1")));
        let eight: ClientPrefix = "127.0.0.0/8".parse().unwrap();
        assert!(eight.contains(ip("127.200.1.1")));
        assert!(!eight.contains(ip("128.0.0.1")));
        assert!(!eight.contains(ip("::1")));
        let six: ClientPrefix = "2001:db8::/32".parse().unwrap();
        assert!(six.contains(ip("2001:db8:1::5")));
        assert!(!six.contains(ip("2001:db9::5")));
        assert!(admits(&ClientPrefix::any(), ip("198.51.100.7")));
        assert!(admits(&ClientPrefix::loopback(), ip("::1")));
        assert!(!admits(&[], ip("127.0.0.1")));
    }

    #[test]
    fn bad_prefixes_are_refused() {
        for bad in [
            "",
            "10.0.0.0/33",
            "::/129",
            "10.0.0/8",
            "host/8",
            "10.0.0.0/x",
        ] {
            assert!(bad.parse::<ClientPrefix>().is_err(), "{bad}");
        }
        assert_eq!(
            "10.1.0.0/16".parse::<ClientPrefix>().unwrap().to_string(),
            "10.1.0.0/16"
        );
        assert_eq!(
            "::1".parse::<ClientPrefix>().unwrap().to_string(),
            "::1/128"
        );
    }
}
