//! What a session installed on the device's firewall: its filters (as they
//! are now, after its modifies), the bindings it made, and its policers.
//!
//! JET filters and policers belong to the client that added them:
//! [`super::Firewall::replace`] needs a filter's old terms, legacy counter
//! reads need its family, and the check after a reconnect
//! ([`crate::service::StateMode`]) needs all of it.

use super::types::{Adjacency, Binding, Family, Filter, Policer, Term, TermChange, TermOp};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};

/// The filters a session installed, by name, the bindings it made, and the
/// policers it added, by name.
#[derive(Debug, Default)]
pub(crate) struct Installed {
    filters: Mutex<HashMap<String, Filter>>,
    bindings: Mutex<Vec<Binding>>,
    policers: Mutex<BTreeMap<String, Policer>>,
}

/// Locks `mutex`, taking the data of a poisoned one as it is.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl Installed {
    /// Every filter installed, by name, each with its bindings.
    pub(crate) fn with_bindings(&self) -> Vec<(Filter, Vec<Binding>)> {
        let mut filters: Vec<Filter> = lock(&self.filters).values().cloned().collect();
        filters.sort_by(|a, b| a.name.cmp(&b.name));
        let bindings = lock(&self.bindings);
        filters
            .into_iter()
            .map(|f| {
                let own = bindings.iter().filter(|b| b.filter == f.name).cloned();
                let own = own.collect();
                (f, own)
            })
            .collect()
    }

    /// Remembers `filter` and `bindings` again (after a probe deleted them).
    pub(crate) fn restore(&self, filter: &Filter, bindings: &[Binding]) {
        self.remember(filter);
        for binding in bindings {
            self.remember_binding(binding);
        }
    }

    /// Remembers `filter` as installed (replacing one of the same name).
    pub(super) fn remember(&self, filter: &Filter) {
        lock(&self.filters).insert(filter.name.clone(), filter.clone());
    }

    /// Applies `changes` to the remembered filter `name`, as the device did.
    pub(super) fn modified(&self, name: &str, changes: &[TermChange]) {
        if let Some(filter) = lock(&self.filters).get_mut(name) {
            apply_changes(filter, changes);
        }
    }

    pub(super) fn remember_binding(&self, binding: &Binding) {
        let mut all = lock(&self.bindings);
        if !all.contains(binding) {
            all.push(binding.clone());
        }
    }

    pub(super) fn forget_binding(&self, binding: &Binding) {
        lock(&self.bindings).retain(|b| b != binding);
    }

    /// Forgets filter `name` and its bindings.
    pub(super) fn forget(&self, name: &str) {
        lock(&self.filters).remove(name);
        lock(&self.bindings).retain(|b| b.filter != name);
    }

    pub(super) fn get(&self, name: &str) -> Option<Filter> {
        lock(&self.filters).get(name).cloned()
    }

    /// The family of filter `name`; inet for a filter not remembered.
    pub(super) fn family(&self, name: &str) -> Family {
        lock(&self.filters)
            .get(name)
            .map_or(Family::Inet, |f| f.family)
    }

    /// Every policer added, by name.
    pub(crate) fn policers(&self) -> Vec<Policer> {
        lock(&self.policers).values().cloned().collect()
    }

    /// Remembers `policer` as added (replacing one of the same name).
    pub(crate) fn remember_policer(&self, policer: &Policer) {
        lock(&self.policers).insert(policer.name.clone(), policer.clone());
    }

    /// Keeps the new parameters of a policer this session added; one it did
    /// not add stays unrecorded (it is not this session's).
    pub(super) fn modified_policer(&self, policer: &Policer) {
        if let Some(known) = lock(&self.policers).get_mut(&policer.name) {
            *known = policer.clone();
        }
    }

    pub(super) fn forget_policer(&self, name: &str) {
        lock(&self.policers).remove(name);
    }
}

/// Applies `changes` to a remembered copy of a filter, as the device does.
fn apply_changes(filter: &mut Filter, changes: &[TermChange]) {
    let position = |name: &str, terms: &[Term]| terms.iter().position(|t| t.name == name);
    for change in changes {
        match change.op {
            TermOp::Delete => filter.terms.retain(|t| t.name != change.term.name),
            TermOp::Replace => {
                if let Some(at) = position(&change.term.name, &filter.terms) {
                    filter.terms[at] = change.term.clone();
                }
            }
            TermOp::Add => {
                let at = match &change.adjacency {
                    Some(Adjacency::Before(name)) => position(name, &filter.terms),
                    Some(Adjacency::After(name)) => position(name, &filter.terms).map(|i| i + 1),
                    None => None,
                };
                filter
                    .terms
                    .insert(at.unwrap_or(filter.terms.len()), change.term.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::firewall::replace_plan;

    fn filter(names: &[&str]) -> Filter {
        Filter {
            name: "f".into(),
            family: Family::Inet,
            terms: names.iter().map(|n| Term::new(*n)).collect(),
        }
    }

    #[test]
    fn remembered_filters_follow_the_changes() {
        let mut f = filter(&["a", "b"]);
        apply_changes(
            &mut f,
            &[
                TermChange::add(Term::new("c")).before("b"),
                TermChange::delete("a"),
                TermChange::add(Term::new("d")),
                TermChange::add(Term::new("e")).after("c"),
            ],
        );
        let names: Vec<_> = f.terms.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["c", "e", "b", "d"]);
    }

    #[test]
    fn a_replace_plan_applied_gives_the_new_filter() {
        let old = filter(&["a", "b", "c"]);
        let new = filter(&["c", "x", "a"]);
        let mut copy = old.clone();
        apply_changes(&mut copy, &replace_plan(&old, &new).unwrap());
        assert_eq!(copy, new);
    }

    #[test]
    fn policers_are_remembered_modified_only_when_known_and_forgotten() {
        let policer = |name: &str, then| {
            Policer::from_json(&format!(
                r#"{{"name": "{name}", "two-color": {{"bandwidth": {{"value": 1, "unit": "mbps"}},
                    "burst": {{"value": 15, "unit": "kbytes"}}, "then": {then}}}}}"#
            ))
            .unwrap()
        };
        let installed = Installed::default();
        installed.remember_policer(&policer("p1", r#""discard""#));
        let faster = policer("p1", r#"{"loss-priority": "high"}"#);
        installed.modified_policer(&faster);
        installed.modified_policer(&policer("not-mine", r#""discard""#));
        assert_eq!(installed.policers(), [faster]);
        installed.forget_policer("p1");
        assert!(installed.policers().is_empty());
    }
}
