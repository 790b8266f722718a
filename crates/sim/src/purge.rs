//! The device's purge of a JET client's firewall state when its session
//! ends: the filters the client added, their binds, and the policers it
//! added go. Interface addresses stay: nothing says a device removes them
//! when a session ends (a test loses them with [`Change::AddressDelete`],
//! as a reboot would).
//!
//! The state stays for the purge timer ([`DeviceState::purge_timer`],
//! default 120 s, set by jnx `FiltersPurgeTimerAdd` or by a test through
//! [`crate::Change::PurgeTimerSet`]), and stays for good when the same client
//! id logs in again before it runs out. Both generations wait: a legacy
//! device cannot set the timer, but purging its clients at once would end
//! the filters of every `jet` invocation before the next one binds them. The purge applies the same
//! [`Change::BindDelete`], [`Change::FilterDelete`] and
//! [`Change::PolicerDelete`] a client would (in that order: a policer in use
//! cannot go before its filter), so the observer (and the MQTT events) see
//! the deletes a device announces.

use super::change::Change;
use super::model::{Bind, DeviceModel, FilterFamily, Login};
use super::state::DeviceState;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// The login of connection number `connection` from `peer`, if it logged in
/// (read before its disconnect is applied).
pub(crate) fn login_of_connection(
    state: &DeviceState,
    peer: SocketAddr,
    connection: u64,
) -> Option<Login> {
    state.read(|m| {
        m.connections
            .get(&peer)
            .filter(|c| c.id == connection)
            .and_then(|c| c.login.clone())
    })
}

/// Starts the purge of what the closed connection's `login` added: after
/// the purge timer, on a thread of its own.
pub(crate) fn after_disconnect(state: &Arc<DeviceState>, login: Option<Login>) {
    let Some(login) = login.filter(|l| !l.client_id.is_empty()) else {
        return;
    };
    let state = Arc::clone(state);
    let wait = Duration::from_secs(u64::from(state.purge_timer()));
    let client_id = login.client_id.clone();
    let spawned = std::thread::Builder::new()
        .name("sim-purge".into())
        .spawn(move || {
            std::thread::sleep(wait);
            purge_client(&state, &client_id);
        });
    if spawned.is_err() {
        eprintln!("jet sim: no thread to purge {}", login.client_id);
    }
}

/// What one client owns, in the order the purge deletes it.
#[derive(Default)]
struct Owned {
    binds: Vec<Bind>,
    filters: Vec<(String, FilterFamily)>,
    policers: Vec<String>,
}

fn owned_by(m: &DeviceModel, client_id: &str) -> Owned {
    let mine = |owner: &Option<String>| owner.as_deref() == Some(client_id);
    let filters: Vec<_> = m
        .filters
        .values()
        .filter(|f| mine(&f.owner))
        .map(|f| (f.name.clone(), f.family))
        .collect();
    let binds = m
        .binds
        .iter()
        .filter(|b| filters.iter().any(|(name, _)| *name == b.filter))
        .cloned()
        .collect();
    let policers = m
        .policers
        .values()
        .filter(|p| mine(&p.owner))
        .map(|p| p.name.clone())
        .collect();
    Owned {
        binds,
        filters,
        policers,
    }
}

/// Deletes the binds, filters and policers owned by `client_id`, unless a
/// live connection is logged in with that client id again.
pub fn purge_client(state: &DeviceState, client_id: &str) {
    let owned = state.read(|m| {
        if m.logins().any(|(_, l)| l.client_id == client_id) {
            return Owned::default();
        }
        owned_by(m, client_id)
    });
    // Each delete may find the client already did it: that is no error.
    for bind in owned.binds {
        let _ = state.apply(Change::BindDelete(bind));
    }
    for (name, family) in owned.filters {
        let _ = state.apply(Change::FilterDelete {
            name,
            family: Some(family),
        });
    }
    // Another client's filter may still use one: the device keeps it then.
    for name in owned.policers {
        let _ = state.apply(Change::PolicerDelete { name });
    }
}
