//! One check of a session's state: each policer, filter and interface
//! address it added is probed, sorted into a [`StateReport`], and (in
//! [`StateMode::Reapply`]) added again. See the module above for how each
//! kind is probed and in what order.

use super::report::{StateFailure, StateObject, StateReport};
use super::StateMode;
use crate::error::{Error, ErrorKind, Result};
use crate::service::firewall::{Binding, Filter, Policer};
use crate::service::interfaces::InterfaceAddress;
use crate::service::session::ServiceSession;

/// A check under way: the session, its mode, and the report so far.
struct Check<'a> {
    session: &'a ServiceSession,
    reapply: bool,
    report: StateReport,
}

impl ServiceSession {
    /// Checks now which of the policers, filters and interface addresses
    /// this session added the device still has, adding the lost ones again
    /// when the session's mode is [`StateMode::Reapply`] (see [`StateMode`]
    /// for how). Fails only when the session is closed; each object's own
    /// failure is in [`StateReport::failed`].
    pub fn check_state(&self) -> Result<StateReport> {
        let mut check = Check {
            session: self,
            reapply: self.options().state == StateMode::Reapply,
            report: StateReport::default(),
        };
        // Policers first: a filter that uses one can only be added after it.
        let probes = check.policers()?;
        check.filters()?;
        // A report's probes go in the other order: a policer in use cannot.
        check.undo_policer_probes(&probes)?;
        check.addresses()?;
        Ok(check.report)
    }
}

impl Check<'_> {
    fn fail(&mut self, object: StateObject, error: &Error) {
        self.report.failed.push(StateFailure {
            object,
            message: error.to_string(),
        });
    }

    /// Sorts the outcome of a probe that added `object` again: refused means
    /// present, success means purged (the probe's object now stands again).
    /// Returns whether it was purged; a closed session ends the check.
    fn probed(&mut self, object: &StateObject, added: Result<()>) -> Result<bool> {
        match added {
            Ok(()) => {
                self.report.purged.push(object.clone());
                Ok(true)
            }
            Err(e) if e.kind() == ErrorKind::Closed => Err(e),
            Err(e) if matches!(e.kind(), ErrorKind::Refused | ErrorKind::AlreadyExists) => {
                self.report.present.push(object.clone());
                Ok(false)
            }
            Err(e) => {
                self.fail(object.clone(), &e);
                Ok(false)
            }
        }
    }

    /// Records what became of a purged `object`: `outcome` is re-applying
    /// it ([`StateMode::Reapply`]) or undoing the probe that found it.
    fn settled(&mut self, object: StateObject, outcome: Result<()>) {
        match outcome {
            Ok(()) if self.reapply => self.report.reapplied.push(object),
            Ok(()) => {}
            Err(e) => self.fail(object, &e),
        }
    }

    /// Probes each policer. Returns those a report-only probe added again,
    /// to be deleted once the filters' probes are undone.
    fn policers(&mut self) -> Result<Vec<Policer>> {
        let mut probes = Vec::new();
        for policer in self.session.installed_filters().policers() {
            let object = StateObject::Policer(policer.name.clone());
            let added = self.session.firewall().add_policer(&policer);
            if !self.probed(&object, added)? {
                continue;
            }
            if self.reapply {
                self.report.reapplied.push(object);
            } else {
                probes.push(policer);
            }
        }
        Ok(probes)
    }

    /// Deletes the policers report-only probes added, keeping them in the
    /// session's record.
    fn undo_policer_probes(&mut self, probes: &[Policer]) -> Result<()> {
        for policer in probes {
            let deleted = self
                .session
                .firewall()
                .delete_policer(&policer.name, policer.scope);
            self.session.installed_filters().remember_policer(policer);
            if let Err(e) = deleted {
                if e.kind() == ErrorKind::Closed {
                    return Err(e);
                }
                self.fail(StateObject::Policer(policer.name.clone()), &e);
            }
        }
        Ok(())
    }

    /// Probes each filter; a purged one is bound again or deleted again.
    fn filters(&mut self) -> Result<()> {
        let installed = self.session.installed_filters().with_bindings();
        for (filter, bindings) in installed {
            let object = StateObject::Filter(filter.name.clone());
            let added = self.session.firewall().add(&filter);
            if !self.probed(&object, added)? {
                continue;
            }
            let outcome = if self.reapply {
                self.bind_again(&bindings)
            } else {
                self.undo_filter_probe(&filter, &bindings)
            };
            self.settled(object, outcome);
        }
        Ok(())
    }

    fn bind_again(&self, bindings: &[Binding]) -> Result<()> {
        let firewall = self.session.firewall();
        bindings.iter().try_for_each(|b| firewall.bind(b))
    }

    /// Deletes the filter a probe added, keeping it in the session's record.
    fn undo_filter_probe(&self, filter: &Filter, bindings: &[Binding]) -> Result<()> {
        let deleted = self.session.firewall().delete(&filter.name, filter.family);
        self.session.installed_filters().restore(filter, bindings);
        deleted
    }

    /// Asks for each address (jnx), or probes it by adding it again where
    /// the device has no get (legacy).
    fn addresses(&mut self) -> Result<()> {
        for address in self.session.added_addresses().all() {
            let object = StateObject::Address(address.clone());
            let interfaces = self.session.interfaces();
            match interfaces.has_address(&address) {
                Ok(true) => self.report.present.push(object),
                Ok(false) => {
                    self.report.purged.push(object.clone());
                    if self.reapply {
                        self.settled(object, interfaces.add_address(&address));
                    }
                }
                Err(e) if e.kind() == ErrorKind::Unimplemented => {
                    let added = interfaces.add_address(&address);
                    if self.probed(&object, added)? {
                        let outcome = if self.reapply {
                            Ok(())
                        } else {
                            self.undo_address_probe(&address)
                        };
                        self.settled(object, outcome);
                    }
                }
                Err(e) if e.kind() == ErrorKind::Closed => return Err(e),
                Err(e) => self.fail(object, &e),
            }
        }
        Ok(())
    }

    /// Deletes the address a probe added, keeping it in the session's record.
    fn undo_address_probe(&self, address: &InterfaceAddress) -> Result<()> {
        let deleted = self.session.interfaces().delete_address(address);
        self.session.added_addresses().remember(address);
        deleted
    }
}
