//! What one check of a session's state found: a [`StateReport`], whose
//! entries are [`StateObject`]s.

use crate::service::interfaces::InterfaceAddress;
use std::fmt;

/// One piece of JET state a session created, as a [`StateReport`] names it.
///
/// Its [`Display`](fmt::Display) form is the entry the C ABI and the
/// bindings hand on: `filter NAME`, `policer NAME`, or
/// `address IFL FAMILY ADDRESS/LEN` (e.g. `address ge-0/0/0.0 inet 192.0.2.1/24`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum StateObject {
    /// A firewall filter, by name (with the binds the session made).
    Filter(String),
    /// A policer, by name.
    Policer(String),
    /// An address on a logical interface.
    Address(InterfaceAddress),
}

impl fmt::Display for StateObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StateObject::Filter(name) => write!(f, "filter {name}"),
            StateObject::Policer(name) => write!(f, "policer {name}"),
            StateObject::Address(address) => write!(f, "address {address}"),
        }
    }
}

/// Something of the session's state that could not be checked or added
/// again, and why. Its [`Display`](fmt::Display) form is
/// `<entry>: <message>`, e.g. `filter f1: filter add: ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateFailure {
    /// What failed.
    pub object: StateObject,
    /// The error's message.
    pub message: String,
}

impl fmt::Display for StateFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.object, self.message)
    }
}

/// The outcome of one check of a session's state: its filters, policers
/// and interface addresses, each in the list that says what became of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StateReport {
    /// What the device still has.
    pub present: Vec<StateObject>,
    /// What the device had lost (including what was added again since).
    pub purged: Vec<StateObject>,
    /// What was lost and added again, filters with their binds
    /// ([`crate::service::StateMode::Reapply`]).
    pub reapplied: Vec<StateObject>,
    /// What could not be checked or added again, one entry each.
    pub failed: Vec<StateFailure>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_say_what_they_are() {
        let address = InterfaceAddress::parse("ge-0/0/0.0", "inet", "192.0.2.1/24").unwrap();
        let entries = [
            StateObject::Filter("f1".into()),
            StateObject::Policer("p1".into()),
            StateObject::Address(address),
        ];
        let text: Vec<String> = entries.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            text,
            [
                "filter f1",
                "policer p1",
                "address ge-0/0/0.0 inet 192.0.2.1/24"
            ]
        );
        let failure = StateFailure {
            object: StateObject::Policer("p1".into()),
            message: "policer add: refused".into(),
        };
        assert_eq!(failure.to_string(), "policer p1: policer add: refused");
    }
}
