//! [`DeviceState`]: the simulated device, shared by both IDL generations,
//! by every connection and by the test that inspects it.

use super::apply;
use super::change::{Change, Observer};
use super::error::DeviceError;
use super::model::{
    Address, Bind, ConfigRecord, Counter, CounterKind, DeviceModel, Filter, Generation, Interface,
    Login, OpRecord, Policer,
};
use std::fmt;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, RwLock};

/// Packets each counter of a bound filter gains per [`DeviceState::tick`].
pub const TICK_PACKETS: u64 = 10;
/// Bytes each counter of a bound filter gains per [`DeviceState::tick`].
pub const TICK_BYTES: u64 = 840;

/// The simulated device: one mutex-guarded [`DeviceModel`].
///
/// Every mutation is a [`Change`] that goes through [`DeviceState::apply`]
/// (or [`DeviceState::login`], which checks the password first and then
/// applies [`Change::LoggedIn`]); the observer sees each applied change, in
/// order. Reads take a copy.
pub struct DeviceState {
    model: Mutex<DeviceModel>,
    observer: RwLock<Option<Observer>>,
    /// Tickets, so that the observer sees changes in the order they were
    /// applied without being called under the model's lock.
    issued: AtomicU64,
    turn: Mutex<u64>,
    turn_changed: Condvar,
    next_connection: AtomicU64,
}

impl Default for DeviceState {
    fn default() -> Self {
        DeviceState::new()
    }
}

impl fmt::Debug for DeviceState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeviceState")
            .field("model", &*self.lock())
            .finish_non_exhaustive()
    }
}

impl DeviceState {
    /// A device with the default inventory (`ge-0/0/0` … `ge-0/0/3`, unit 0),
    /// no users, no filters.
    pub fn new() -> DeviceState {
        DeviceState::from_model(DeviceModel::default())
    }

    /// A device with `interfaces` as its inventory.
    pub fn with_interfaces(interfaces: impl IntoIterator<Item = Interface>) -> DeviceState {
        let state = DeviceState::new();
        state
            .apply(Change::InventorySet(interfaces.into_iter().collect()))
            .expect("setting the inventory cannot fail");
        state
    }

    fn from_model(model: DeviceModel) -> DeviceState {
        DeviceState {
            model: Mutex::new(model),
            observer: RwLock::new(None),
            issued: AtomicU64::new(0),
            turn: Mutex::new(0),
            turn_changed: Condvar::new(),
            next_connection: AtomicU64::new(1),
        }
    }

    /// A new shared device (what [`super::GrpcServer::state`] takes).
    pub fn shared() -> Arc<DeviceState> {
        Arc::new(DeviceState::new())
    }

    /// Shows every change applied from now on to `observer` (replacing any
    /// previous one). See [`Observer`] for what it may do.
    pub fn set_observer(&self, observer: impl Fn(&Change) + Send + Sync + 'static) {
        *self.observer.write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(observer));
    }

    /// Removes the observer.
    pub fn clear_observer(&self) {
        *self.observer.write().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// Applies one change: all of it, or nothing and the device's refusal.
    pub fn apply(&self, change: Change) -> Result<(), DeviceError> {
        let guard = self.lock();
        self.commit(guard, change)
    }

    /// Logs the connection from `peer` in: refuses a wrong user or password
    /// ([`DeviceError::BadCredentials`]) and a client id held by another
    /// live connection ([`DeviceError::ClientIdInUse`]). An empty client id
    /// is not checked for uniqueness.
    pub fn login(
        &self,
        peer: SocketAddr,
        user: &str,
        password: &str,
        client_id: &str,
        generation: Generation,
    ) -> Result<(), DeviceError> {
        let guard = self.lock();
        if guard.users.get(user).is_none_or(|p| p != password) {
            return Err(DeviceError::BadCredentials);
        }
        self.commit(
            guard,
            Change::LoggedIn {
                peer,
                user: user.to_string(),
                client_id: client_id.to_string(),
                generation,
            },
        )
    }

    /// Traffic through every bound filter: +[`TICK_PACKETS`] packets and
    /// +[`TICK_BYTES`] bytes on each of its counters (a quarter of that on
    /// policer counters).
    pub fn tick(&self) {
        self.tick_by(TICK_PACKETS, TICK_BYTES);
    }

    /// [`DeviceState::tick`] with chosen amounts.
    pub fn tick_by(&self, packets: u64, bytes: u64) {
        self.apply(Change::Traffic { packets, bytes })
            .expect("traffic cannot be refused");
    }

    /// The one place where changes happen and are announced.
    fn commit(
        &self,
        mut guard: MutexGuard<'_, DeviceModel>,
        change: Change,
    ) -> Result<(), DeviceError> {
        let changed = apply::apply(&mut guard, &change)?;
        if !changed {
            return Ok(());
        }
        let ticket = self.issued.fetch_add(1, Ordering::SeqCst);
        drop(guard);
        let turn = Turn::wait(self, ticket);
        let observer = self
            .observer
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        if let Some(observer) = observer {
            observer(&change);
        }
        drop(turn);
        Ok(())
    }

    fn lock(&self) -> MutexGuard<'_, DeviceModel> {
        self.model.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `f` on the model under the lock (keep it short).
    pub fn read<R>(&self, f: impl FnOnce(&DeviceModel) -> R) -> R {
        f(&self.lock())
    }

    /// A copy of the whole model.
    pub fn snapshot(&self) -> DeviceModel {
        self.lock().clone()
    }

    /// The filter `name`.
    pub fn filter(&self, name: &str) -> Option<Filter> {
        self.read(|m| m.filters.get(name).cloned())
    }

    /// One counter, refused like the device refuses it.
    pub fn counter(
        &self,
        filter: &str,
        counter: &str,
        kind: CounterKind,
    ) -> Result<Counter, DeviceError> {
        self.read(|m| apply::read_counter(m, filter, counter, kind))
    }

    /// All counters of `kind` of a filter, in term order.
    pub fn counters(&self, filter: &str, kind: CounterKind) -> Result<Vec<Counter>, DeviceError> {
        self.read(|m| apply::read_counters(m, filter, kind))
    }

    /// The policer `name` (added on its own).
    pub fn policer(&self, name: &str) -> Option<Policer> {
        self.read(|m| m.policers.get(name).cloned())
    }

    /// The binds, in the order they were made.
    pub fn binds(&self) -> Vec<Bind> {
        self.read(|m| m.binds.clone())
    }

    /// The addresses clients added.
    pub fn addresses(&self) -> Vec<Address> {
        self.read(|m| m.addresses.iter().cloned().collect())
    }

    /// The firewall purge timer, seconds.
    pub fn purge_timer(&self) -> u32 {
        self.read(|m| m.purge_timer)
    }

    /// The operational commands run, in order.
    pub fn op_commands(&self) -> Vec<OpRecord> {
        self.read(|m| m.op_commands.clone())
    }

    /// The configurations committed, in order.
    pub fn configs(&self) -> Vec<ConfigRecord> {
        self.read(|m| m.configs.clone())
    }

    /// The login of the connection from `peer`, if it logged in.
    pub fn login_of(&self, peer: SocketAddr) -> Option<Login> {
        self.read(|m| m.connections.get(&peer).and_then(|c| c.login.clone()))
    }

    /// Whether the connection from `peer` logged in.
    pub fn is_logged_in(&self, peer: SocketAddr) -> bool {
        self.login_of(peer).is_some()
    }

    /// Whether calls on the connection from `peer` are refused
    /// ([`Change::ConnectionsRefused`]).
    pub fn is_refused(&self, peer: SocketAddr) -> bool {
        self.read(|m| m.connections.get(&peer).is_some_and(|c| c.refused))
    }

    /// Every live login: (peer, login).
    pub fn logins(&self) -> Vec<(SocketAddr, Login)> {
        self.read(|m| m.logins().map(|(c, l)| (c.peer, l.clone())).collect())
    }

    /// How many TCP connections are open.
    pub fn connection_count(&self) -> usize {
        self.read(|m| m.connections.len())
    }

    pub(crate) fn next_connection_id(&self) -> u64 {
        self.next_connection.fetch_add(1, Ordering::Relaxed)
    }
}

/// The right to call the observer for one ticket; passes it on when dropped
/// (also when the observer panics).
struct Turn<'s> {
    state: &'s DeviceState,
}

impl<'s> Turn<'s> {
    fn wait(state: &'s DeviceState, ticket: u64) -> Turn<'s> {
        let mut turn = state.turn.lock().unwrap_or_else(|e| e.into_inner());
        while *turn != ticket {
            turn = state
                .turn_changed
                .wait(turn)
                .unwrap_or_else(|e| e.into_inner());
        }
        Turn { state }
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        *self.state.turn.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        self.state.turn_changed.notify_all();
    }
}
