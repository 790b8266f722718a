//! The device's purge of a JET client's firewall state when its session
//! ends: the filters the client added, and their binds, go.
//!
//! The state stays for the purge timer ([`DeviceState::purge_timer`],
//! default 120 s, set by jnx `FiltersPurgeTimerAdd` or by a test through
//! [`crate::Change::PurgeTimerSet`]), and stays for good when the same client
//! id logs in again before it runs out. Both generations wait: a legacy
//! device cannot set the timer, but purging its clients at once would end
//! the filters of every `jet` invocation before the next one binds them. The purge applies the same
//! [`Change::BindDelete`] and [`Change::FilterDelete`] a client would, so the
//! observer (and the MQTT events) see the deletes a device announces.

use super::change::Change;
use super::model::Login;
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

/// Deletes the binds and filters owned by `client_id`, unless a live
/// connection is logged in with that client id again.
pub fn purge_client(state: &DeviceState, client_id: &str) {
    let (binds, filters) = state.read(|m| {
        if m.logins().any(|(_, l)| l.client_id == client_id) {
            return (Vec::new(), Vec::new());
        }
        let owned: Vec<_> = m
            .filters
            .values()
            .filter(|f| f.owner.as_deref() == Some(client_id))
            .map(|f| (f.name.clone(), f.family))
            .collect();
        let binds: Vec<_> = m
            .binds
            .iter()
            .filter(|b| owned.iter().any(|(name, _)| *name == b.filter))
            .cloned()
            .collect();
        (binds, owned)
    });
    // Each delete may find the client already did it: that is no error.
    for bind in binds {
        let _ = state.apply(Change::BindDelete(bind));
    }
    for (name, family) in filters {
        let _ = state.apply(Change::FilterDelete {
            name,
            family: Some(family),
        });
    }
}
