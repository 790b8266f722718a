//! The one vocabulary of state changes: every mutation of a
//! [`super::DeviceState`] is a [`Change`] passed to
//! [`super::DeviceState::apply`], and every applied change is shown to the
//! observer (the hook for MQTT events later).

use super::model::{
    Address, Bind, ConfigRecord, CounterKind, FilterFamily, FilterSpec, Generation, Interface,
    OpRecord, Policer, TermChange,
};
use std::net::SocketAddr;
use std::sync::Arc;

/// A change to the simulated device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Adds a user or sets their password.
    UserSet {
        /// The user.
        user: String,
        /// The password.
        password: String,
    },
    /// Replaces the interface inventory (addresses on removed units go too).
    InventorySet(Vec<Interface>),
    /// A TCP connection was accepted.
    Connected {
        /// The client's address.
        peer: SocketAddr,
        /// The connection's number.
        connection: u64,
    },
    /// A TCP connection closed; its login (and client id) goes with it.
    Disconnected {
        /// The client's address.
        peer: SocketAddr,
        /// The connection's number (a newer connection from the same
        /// address is left alone).
        connection: u64,
    },
    /// A connection logged in.
    LoggedIn {
        /// The client's address.
        peer: SocketAddr,
        /// The user.
        user: String,
        /// The client id; must not be held by another live connection.
        client_id: String,
        /// The login RPC's generation.
        generation: Generation,
    },
    /// Forgets every connection and login (the server restarted).
    SessionsReset,
    /// Every connection open now is refused from here on: each call on it
    /// is answered gRPC `UNAVAILABLE`, while it stays open (as from a JET
    /// server going down behind a front end that keeps the client's
    /// connection). Their logins are over: their client ids are free for
    /// new connections, and the purge of what they added starts when they
    /// close. Later connections are served.
    ConnectionsRefused,
    /// Creates a logical unit.
    UnitAdd {
        /// The IFD.
        ifd: String,
        /// The unit.
        unit: u32,
    },
    /// Deletes a logical unit and its addresses.
    UnitDelete {
        /// The IFD.
        ifd: String,
        /// The unit.
        unit: u32,
    },
    /// Adds an address to a unit.
    AddressAdd(Address),
    /// Deletes an address (matched by unit, family and IP; the prefix length
    /// is not compared).
    AddressDelete(Address),
    /// Installs a filter.
    FilterAdd {
        /// The filter.
        filter: FilterSpec,
        /// The client id of the session that adds it.
        owner: Option<String>,
    },
    /// Changes a filter's terms.
    FilterModify {
        /// The filter's name.
        name: String,
        /// The family given with the change, if any.
        family: Option<FilterFamily>,
        /// The term operations, applied in order, all or nothing.
        changes: Vec<TermChange>,
    },
    /// Deletes an unbound filter.
    FilterDelete {
        /// The filter's name.
        name: String,
        /// The family given with the request, if any.
        family: Option<FilterFamily>,
    },
    /// Binds a filter.
    BindAdd(Bind),
    /// Unbinds a filter (matched by filter, point and direction).
    BindDelete(Bind),
    /// Adds a policer.
    PolicerAdd(Policer),
    /// Replaces a policer.
    PolicerReplace(Policer),
    /// Deletes a policer no filter uses.
    PolicerDelete {
        /// The policer's name.
        name: String,
    },
    /// Sets a counter back to zero.
    CounterClear {
        /// The filter.
        filter: String,
        /// The counter.
        counter: String,
        /// Filter or policer counter.
        kind: CounterKind,
    },
    /// Sets the firewall purge timer (1–1000 s).
    PurgeTimerSet {
        /// Seconds.
        seconds: u32,
    },
    /// Puts the purge timer back to its default (120 s).
    PurgeTimerReset,
    /// Traffic through every bound filter: each of its counters grows by
    /// `packets`/`bytes`, each policer counter by a quarter of that.
    Traffic {
        /// Packets per counter.
        packets: u64,
        /// Bytes per counter.
        bytes: u64,
    },
    /// An operational command was run.
    OpCommand(OpRecord),
    /// A configuration was loaded and committed. Refused when the text
    /// contains `invalid`.
    ConfigLoad(ConfigRecord),
    /// An ephemeral-configuration value was written.
    EphemeralSet {
        /// The ephemeral instance (empty: default).
        instance: String,
        /// The path.
        path: String,
        /// The value (XML or JSON text).
        value: String,
    },
}

/// Called with every change after it is applied, in the order of
/// application. It may read the [`super::DeviceState`] but must not call
/// [`super::DeviceState::apply`] (that would deadlock).
pub type Observer = Arc<dyn Fn(&Change) + Send + Sync>;
