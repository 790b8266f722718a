//! JET state across a reconnect: what a session created, checked after the
//! session's connection was lost and made again.
//!
//! A device purges a JET client's firewall filters (and their binds) and its
//! policers when its session ends and the purge timer runs out. A session
//! opened with [`StateMode::Report`] or [`StateMode::Reapply`] records the
//! policers, filters (with binds) and interface addresses it adds, checks
//! after each reconnect whether the device still has them, adds the lost
//! ones again ([`StateMode::Reapply`] only), and hands a [`StateReport`] to
//! the callback set with [`ServiceSession::set_state_callback`].
//!
//! How each kind is checked:
//! - **Policers and filters.** The device has no call that lists them, so
//!   each is probed by adding it again: the device refusing it means it is
//!   still there; the add succeeding means it was purged. Re-applying keeps
//!   the probe's object (a filter is bound again as the session bound it);
//!   a report-only check deletes it again at once (a filter unbound).
//!   Policers go first, so that a filter finds the policers it uses; a
//!   report-only check deletes its probes in the other order, filters
//!   before the policers they use. Binds are not probed: the device purges
//!   a filter's binds with it, so a filter still there keeps its binds.
//! - **Interface addresses.** The jnx IDL has a get: `InterfaceGet` of a
//!   `TYPE_INTERFACE_ADDRESS_OBJECT` answers sub-code `OBJECT_NOT_FOUND`
//!   (1) for an address the device does not have, and nothing is added to
//!   ask. The legacy IDL (`dcd_service`) has none (its
//!   `ObjectQueryService.isObjectOwner` asks about ownership, and what it
//!   answers for a missing address is not documented), so there an address
//!   is probed by adding it again, as a filter is. Nothing says a device
//!   drops a client's addresses when its session ends; should they go (a
//!   reboot, say), the check finds that the same way.
//!
//! A probe reads any refusal of its add as "still there": a device that
//! refuses an add for another reason (e.g. the interface went) makes the
//! report say present.

mod check;
mod report;

pub use report::{StateFailure, StateObject, StateReport};

use super::session::ServiceSession;
use crate::jet_log;
use crate::logging::Level;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// What a session does about its JET state (the policers, filters with
/// their binds, and interface addresses it added) after a reconnect.
///
/// Policers and filters are probed by adding them again (refused: still
/// there; added: it was purged), policers first; a report-only probe's
/// objects are deleted again at once, filters before policers. Interface
/// addresses are asked for with jnx `InterfaceGet`, and probed like filters
/// on the legacy IDL, which has no get. Binds are not probed: the device
/// purges a filter's binds with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum StateMode {
    /// Nothing (default).
    #[default]
    Off,
    /// Checks which of the session's policers, filters and interface
    /// addresses the device still has, and reports it.
    Report,
    /// As [`StateMode::Report`], and adds the lost ones again: policers
    /// before the filters that use them, filters with their binds.
    Reapply,
}

/// Called with each [`StateReport`], on a libjet thread, never under a
/// libjet lock; it may call the session.
pub type StateCallback = Arc<dyn Fn(&StateReport) + Send + Sync>;

/// A session's watch over reconnects.
#[derive(Default)]
pub(crate) struct StateWatch {
    /// The connection count when the state was last checked (or the session
    /// opened).
    checked_at: AtomicU64,
    callback: Mutex<Option<StateCallback>>,
}

impl StateWatch {
    /// The session is connected (connection count `connections`) with its
    /// state as it should be.
    pub(crate) fn settled(&self, connections: u64) {
        self.checked_at.store(connections, Ordering::Release);
    }

    fn callback(&self) -> Option<StateCallback> {
        self.callback
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

impl ServiceSession {
    /// Sets (or with `None` removes) the callback that receives each
    /// [`StateReport`] made after a reconnect. Reports are made only when the
    /// session was opened with a [`StateMode`] other than
    /// [`StateMode::Off`]; without a callback they are only logged.
    pub fn set_state_callback(&self, callback: Option<StateCallback>) {
        *self
            .state_watch()
            .callback
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = callback;
    }

    /// After each call: when the session reconnected since its state was
    /// last checked and the mode asks for it, checks it on a thread of its
    /// own and hands the report to the callback.
    pub(crate) fn after_call(&self) {
        if self.options().state == StateMode::Off {
            return;
        }
        let now = self.connections();
        if self.state_watch().checked_at.swap(now, Ordering::AcqRel) == now {
            return;
        }
        let session = self.clone();
        let spawned = std::thread::Builder::new()
            .name("jet-state".into())
            .spawn(move || session.check_and_report());
        if let Err(e) = spawned {
            jet_log!(Level::Error, "service", "no thread to check the state: {e}");
        }
    }

    fn check_and_report(&self) {
        let report = match self.check_state() {
            Ok(report) => report,
            Err(e) => {
                jet_log!(Level::Info, "service", "state not checked: {e}");
                return;
            }
        };
        jet_log!(
            Level::Info,
            "service",
            "after a reconnect: {} present, {} purged, {} reapplied, {} failed",
            report.present.len(),
            report.purged.len(),
            report.reapplied.len(),
            report.failed.len()
        );
        if let Some(callback) = self.state_watch().callback() {
            callback(&report);
        }
    }
}
