//! The interface addresses a session added (for the check after a
//! reconnect, [`crate::service::StateMode`]).

use super::InterfaceAddress;
use std::sync::{Mutex, MutexGuard};

/// The addresses a session added and has not deleted.
#[derive(Debug, Default)]
pub(crate) struct AddedAddresses {
    addresses: Mutex<Vec<InterfaceAddress>>,
}

/// Whether `a` and `b` name the same address on the device, which matches
/// a delete by interface, family and address, not by prefix length.
fn same(a: &InterfaceAddress, b: &InterfaceAddress) -> bool {
    a.ifd == b.ifd && a.unit == b.unit && a.family == b.family && a.address == b.address
}

impl AddedAddresses {
    fn lock(&self) -> MutexGuard<'_, Vec<InterfaceAddress>> {
        self.addresses.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every address remembered, in the order remembered.
    pub(crate) fn all(&self) -> Vec<InterfaceAddress> {
        self.lock().clone()
    }

    /// Remembers `address` (once).
    pub(crate) fn remember(&self, address: &InterfaceAddress) {
        let mut all = self.lock();
        if !all.iter().any(|a| same(a, address)) {
            all.push(address.clone());
        }
    }

    /// Forgets `address`.
    pub(super) fn forget(&self, address: &InterfaceAddress) {
        self.lock().retain(|a| !same(a, address));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_once_and_forgets_whatever_the_prefix_length() {
        let added = AddedAddresses::default();
        let a = InterfaceAddress::parse("ge-0/0/0.0", "inet", "192.0.2.1/24").unwrap();
        let b = InterfaceAddress::parse("ge-0/0/1.0", "inet6", "2001:db8::1/64").unwrap();
        added.remember(&a);
        added.remember(&b);
        added.remember(&a);
        assert_eq!(added.all(), [a.clone(), b.clone()]);
        added.forget(&InterfaceAddress::parse("ge-0/0/0.0", "inet", "192.0.2.1/32").unwrap());
        assert_eq!(added.all(), [b]);
    }
}
