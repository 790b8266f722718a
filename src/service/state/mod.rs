//! JET state across a reconnect: what a session created, checked after the
//! session's connection was lost and made again.
//!
//! A device purges a JET client's firewall filters (and their binds) when its
//! session ends and the purge timer runs out. A session opened with
//! [`StateMode::Report`] or [`StateMode::Reapply`] checks, after each
//! reconnect, whether the filters it added are still on the device, adds
//! the purged ones again with their binds ([`StateMode::Reapply`] only), and
//! hands a [`StateReport`] to the callback set with
//! [`ServiceSession::set_state_callback`].
//!
//! The device has no call that lists filters, so each filter is probed by
//! adding it again: the device refusing it means it is still there; the add
//! succeeding means it was purged (in [`StateMode::Report`] the probe's filter
//! is deleted again at once, unbound). Binds are not probed: the device
//! purges a filter's binds with it, so a filter still there keeps its binds.

mod report;

pub use report::{StateFailure, StateObject, StateReport};

use super::firewall::{Binding, Filter};
use super::session::ServiceSession;
use crate::error::{ErrorKind, Result};
use crate::jet_log;
use crate::logging::Level;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// What a session does about its JET state after a reconnect.
///
/// The device has no call that lists filters, so each filter the session
/// added is probed by adding it again: the device refusing it means it is
/// still there; the add succeeding means it was purged (in
/// [`StateMode::Report`] the probe's filter is deleted again at once,
/// unbound). Binds are not probed: the device purges a filter's binds with
/// it, so a filter still there keeps its binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum StateMode {
    /// Nothing (default).
    #[default]
    Off,
    /// Checks which of the session's filters the device still has and
    /// reports it.
    Report,
    /// As [`StateMode::Report`], and adds the purged filters again with their
    /// binds.
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

    /// Checks now which of the filters this session added the device still
    /// has, adding the purged ones again when the session's mode is
    /// [`StateMode::Reapply`] (see [`StateMode`] for how). Fails only
    /// when the session is closed; each filter's own failure is in
    /// [`StateReport::failed`].
    pub fn check_state(&self) -> Result<StateReport> {
        let mut report = StateReport::default();
        let reapply = self.options().state == StateMode::Reapply;
        for (filter, bindings) in self.installed_filters().with_bindings() {
            let name = StateObject::Filter(filter.name.clone());
            match self.firewall().add(&filter) {
                Err(e) if e.kind() == ErrorKind::Closed => return Err(e),
                Err(e) if matches!(e.kind(), ErrorKind::Refused | ErrorKind::AlreadyExists) => {
                    report.present.push(name)
                }
                Err(e) => report.failed.push(StateFailure {
                    object: name,
                    message: e.to_string(),
                }),
                Ok(()) => {
                    report.purged.push(name.clone());
                    let outcome = if reapply {
                        self.bind_again(&bindings)
                    } else {
                        self.undo_probe(&filter, &bindings)
                    };
                    match outcome {
                        Ok(()) if reapply => report.reapplied.push(name),
                        Ok(()) => {}
                        Err(e) => report.failed.push(StateFailure {
                            object: name,
                            message: e.to_string(),
                        }),
                    }
                }
            }
        }
        Ok(report)
    }

    fn bind_again(&self, bindings: &[Binding]) -> Result<()> {
        bindings.iter().try_for_each(|b| self.firewall().bind(b))
    }

    /// Deletes the filter a probe added, keeping it in the session's record.
    fn undo_probe(&self, filter: &Filter, bindings: &[Binding]) -> Result<()> {
        let deleted = self.firewall().delete(&filter.name, filter.family);
        self.installed_filters().restore(filter, bindings);
        deleted
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
            "after a reconnect: {} filter(s) present, {} purged, {} reapplied, {} failed",
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
