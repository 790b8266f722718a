//! How each [`Change`] alters the [`DeviceModel`]: the device's rules (and
//! refusals) in one place, shared by both IDL generations.

use super::change::Change;
use super::config_text;
use super::error::DeviceError;
use super::model::{
    Address, Bind, BindPoint, Counter, CounterKind, DeviceModel, Filter, FilterFamily, FilterSpec,
    Interface, Login, Policer, PolicerScope, Position, Term, TermChange, PURGE_TIMER_DEFAULT,
    PURGE_TIMER_MAX, PURGE_TIMER_MIN,
};

/// Applies `change`. `Ok(true)`: the model changed; `Ok(false)`: nothing to
/// do (e.g. a disconnect of a connection already forgotten). On error the
/// model is untouched.
pub(crate) fn apply(model: &mut DeviceModel, change: &Change) -> Result<bool, DeviceError> {
    match change {
        Change::UserSet { user, password } => {
            model.users.insert(user.clone(), password.clone());
        }
        Change::InventorySet(interfaces) => set_inventory(model, interfaces),
        Change::Connected { peer, connection } => {
            model.connections.insert(
                *peer,
                super::model::Connection {
                    peer: *peer,
                    id: *connection,
                    login: None,
                    refused: false,
                },
            );
        }
        Change::Disconnected { peer, connection } => {
            match model.connections.get(peer) {
                Some(c) if c.id == *connection => model.connections.remove(peer),
                _ => return Ok(false),
            };
        }
        Change::LoggedIn {
            peer,
            user,
            client_id,
            generation,
        } => {
            if !client_id.is_empty() {
                let taken = model
                    .logins()
                    .any(|(c, l)| c.peer != *peer && l.client_id == *client_id);
                if taken {
                    return Err(DeviceError::ClientIdInUse(client_id.clone()));
                }
            }
            let Some(connection) = model.connections.get_mut(peer) else {
                return Err(DeviceError::InvalidMessage(format!(
                    "no connection from {peer}"
                )));
            };
            connection.login = Some(Login {
                user: user.clone(),
                client_id: client_id.clone(),
                generation: *generation,
            });
        }
        Change::SessionsReset => {
            if model.connections.is_empty() {
                return Ok(false);
            }
            model.connections.clear();
        }
        Change::ConnectionsRefused => {
            if model.connections.is_empty() {
                return Ok(false);
            }
            for connection in model.connections.values_mut() {
                connection.refused = true;
            }
        }
        Change::UnitAdd { ifd, unit } => {
            let interface = model
                .interfaces
                .get_mut(ifd)
                .ok_or_else(|| DeviceError::UnknownInterface(ifd.clone()))?;
            if !interface.units.insert(*unit) {
                return Err(DeviceError::UnitExists(format!("{ifd}.{unit}")));
            }
        }
        Change::UnitDelete { ifd, unit } => {
            check_unit(model, ifd, *unit)?;
            let ifl = format!("{ifd}.{unit}");
            if model
                .binds
                .iter()
                .any(|b| b.point == BindPoint::Interface(ifl.clone()))
            {
                return Err(DeviceError::InvalidMessage(format!(
                    "interface {ifl} has filters bound"
                )));
            }
            if let Some(interface) = model.interfaces.get_mut(ifd) {
                interface.units.remove(unit);
            }
            model
                .addresses
                .retain(|a| !(a.ifd == *ifd && a.unit == *unit));
        }
        Change::AddressAdd(address) => {
            check_unit(model, &address.ifd, address.unit)?;
            if find_address(model, address).is_some() {
                return Err(DeviceError::AddressExists(format!(
                    "{} on {}",
                    address.prefix,
                    address.ifl()
                )));
            }
            model.addresses.insert(address.clone());
        }
        Change::AddressDelete(address) => {
            check_unit(model, &address.ifd, address.unit)?;
            let Some(found) = find_address(model, address).cloned() else {
                return Err(DeviceError::AddressNotFound(format!(
                    "{} on {}",
                    address.prefix,
                    address.ifl()
                )));
            };
            model.addresses.remove(&found);
        }
        Change::FilterAdd { filter, owner } => {
            if filter.name.is_empty() {
                return Err(DeviceError::Missing(super::error::Field::Filter));
            }
            if model.filters.contains_key(&filter.name) {
                return Err(DeviceError::FilterExists(filter.name.clone()));
            }
            check_term_names(&filter.name, &filter.terms)?;
            let built = build_filter(model, filter, owner.clone(), None);
            model.filters.insert(filter.name.clone(), built);
        }
        Change::FilterModify {
            name,
            family,
            changes,
        } => {
            let current = find_filter(model, name, *family)?.clone();
            let mut terms = current.terms.clone();
            for term_change in changes {
                modify_terms(name, &mut terms, term_change)?;
            }
            let spec = FilterSpec {
                name: current.name.clone(),
                family: current.family,
                terms,
            };
            let rebuilt = build_filter(model, &spec, current.owner.clone(), Some(&current));
            model.filters.insert(name.clone(), rebuilt);
        }
        Change::FilterDelete { name, family } => {
            find_filter(model, name, *family)?;
            if model.is_bound(name) {
                return Err(DeviceError::FilterBound(name.clone()));
            }
            model.filters.remove(name);
        }
        Change::BindAdd(bind) => {
            let filter = find_filter(model, &bind.filter, None)?;
            if filter.family != bind.family {
                return Err(DeviceError::FamilyMismatch(format!(
                    "filter {} is family {}, bind is family {}",
                    filter.name,
                    filter.family.name(),
                    bind.family.name()
                )));
            }
            check_bind_point(model, &bind.point)?;
            if model.binds.iter().any(|b| same_bind(b, bind)) {
                return Err(DeviceError::BindExists(describe_bind(bind)));
            }
            model.binds.push(bind.clone());
        }
        Change::BindDelete(bind) => {
            find_filter(model, &bind.filter, None)?;
            let Some(index) = model.binds.iter().position(|b| same_bind(b, bind)) else {
                return Err(DeviceError::NotBound(describe_bind(bind)));
            };
            model.binds.remove(index);
        }
        Change::PolicerAdd(policer) => {
            check_policer_name(policer)?;
            if model.policers.contains_key(&policer.name) {
                return Err(DeviceError::PolicerExists(policer.name.clone()));
            }
            model.policers.insert(policer.name.clone(), policer.clone());
        }
        Change::PolicerReplace(policer) => {
            check_policer_name(policer)?;
            let Some(current) = model.policers.get(&policer.name) else {
                return Err(DeviceError::UnknownPolicer(policer.name.clone()));
            };
            let replaced = Policer {
                owner: current.owner.clone(),
                ..policer.clone()
            };
            model.policers.insert(policer.name.clone(), replaced);
        }
        Change::PolicerDelete { name } => {
            if !model.policers.contains_key(name) {
                return Err(DeviceError::UnknownPolicer(name.clone()));
            }
            let user = model.filters.values().find(|f| {
                f.terms
                    .iter()
                    .any(|t| t.policer.as_ref().is_some_and(|p| p.name == *name))
            });
            if let Some(filter) = user {
                return Err(DeviceError::PolicerInUse {
                    policer: name.clone(),
                    filter: filter.name.clone(),
                });
            }
            model.policers.remove(name);
        }
        Change::CounterClear {
            filter,
            counter,
            kind,
        } => {
            let entry = counter_mut(model, filter, counter, *kind)?;
            entry.bytes = 0;
            entry.packets = 0;
        }
        Change::PurgeTimerSet { seconds } => {
            if !(PURGE_TIMER_MIN..=PURGE_TIMER_MAX).contains(seconds) {
                return Err(DeviceError::PurgeTimerOutOfRange(*seconds));
            }
            model.purge_timer = *seconds;
        }
        Change::PurgeTimerReset => model.purge_timer = PURGE_TIMER_DEFAULT,
        Change::Traffic { packets, bytes } => {
            let bound: Vec<String> = model.binds.iter().map(|b| b.filter.clone()).collect();
            let mut changed = false;
            for filter in model.filters.values_mut() {
                if !bound.contains(&filter.name) {
                    continue;
                }
                for c in &mut filter.counters {
                    c.packets += packets;
                    c.bytes += bytes;
                    changed = true;
                }
                for c in &mut filter.policer_counters {
                    c.packets += packets / 4;
                    c.bytes += bytes / 4;
                    changed = true;
                }
            }
            return Ok(changed);
        }
        Change::OpCommand(record) => model.op_commands.push(record.clone()),
        Change::ConfigLoad(record) => {
            if record.text.trim().is_empty() {
                return Err(DeviceError::Missing(super::error::Field::Config));
            }
            config_text::check(record.format, record.load_type, &record.text)
                .map_err(DeviceError::InvalidConfiguration)?;
            model.configs.push(record.clone());
        }
        Change::EphemeralSet {
            instance,
            path,
            value,
        } => {
            model
                .ephemeral
                .insert((instance.clone(), path.clone()), value.clone());
        }
    }
    Ok(true)
}

fn set_inventory(model: &mut DeviceModel, interfaces: &[Interface]) {
    model.interfaces = interfaces
        .iter()
        .map(|i| (i.name.clone(), i.clone()))
        .collect();
    let inventory = &model.interfaces;
    model.addresses.retain(|a| {
        inventory
            .get(&a.ifd)
            .is_some_and(|i| i.units.contains(&a.unit))
    });
}

fn check_unit(model: &DeviceModel, ifd: &str, unit: u32) -> Result<(), DeviceError> {
    let interface = model
        .interfaces
        .get(ifd)
        .ok_or_else(|| DeviceError::UnknownInterface(ifd.to_string()))?;
    if !interface.units.contains(&unit) {
        return Err(DeviceError::UnknownInterface(format!("{ifd}.{unit}")));
    }
    Ok(())
}

fn find_address<'m>(model: &'m DeviceModel, wanted: &Address) -> Option<&'m Address> {
    model.addresses.iter().find(|a| {
        a.ifd == wanted.ifd
            && a.unit == wanted.unit
            && a.family == wanted.family
            && a.ip() == wanted.ip()
    })
}

/// The filter `name`, refused as unknown when `family` is given and differs.
fn find_filter<'m>(
    model: &'m DeviceModel,
    name: &str,
    family: Option<FilterFamily>,
) -> Result<&'m Filter, DeviceError> {
    if name.is_empty() {
        return Err(DeviceError::Missing(super::error::Field::Filter));
    }
    match model.filters.get(name) {
        Some(filter) if family.is_none_or(|f| f == filter.family) => Ok(filter),
        _ => Err(DeviceError::UnknownFilter(name.to_string())),
    }
}

fn check_term_names(filter: &str, terms: &[Term]) -> Result<(), DeviceError> {
    for (i, term) in terms.iter().enumerate() {
        if term.name.is_empty() {
            return Err(DeviceError::Missing(super::error::Field::Term));
        }
        if terms[..i].iter().any(|t| t.name == term.name) {
            return Err(DeviceError::TermExists {
                filter: filter.to_string(),
                term: term.name.clone(),
            });
        }
    }
    Ok(())
}

fn modify_terms(
    filter: &str,
    terms: &mut Vec<Term>,
    change: &TermChange,
) -> Result<(), DeviceError> {
    let index_of = |terms: &[Term], name: &str| {
        terms
            .iter()
            .position(|t| t.name == name)
            .ok_or_else(|| DeviceError::UnknownTerm {
                filter: filter.to_string(),
                term: name.to_string(),
            })
    };
    match change {
        TermChange::Add(term, position) => {
            if term.name.is_empty() {
                return Err(DeviceError::Missing(super::error::Field::Term));
            }
            if terms.iter().any(|t| t.name == term.name) {
                return Err(DeviceError::TermExists {
                    filter: filter.to_string(),
                    term: term.name.clone(),
                });
            }
            let at = match position {
                Position::Last => terms.len(),
                Position::After(name) => index_of(terms, name)? + 1,
                Position::Before(name) => index_of(terms, name)?,
            };
            terms.insert(at, term.clone());
        }
        TermChange::Delete(name) => {
            let at = index_of(terms, name)?;
            terms.remove(at);
        }
        TermChange::Replace(term) => {
            let at = index_of(terms, &term.name)?;
            terms[at] = term.clone();
        }
    }
    Ok(())
}

/// Makes the installed filter: counters named by count actions and policer
/// counters (`<policer>` filter-specific, `<policer>-<term>` term-specific),
/// keeping the values of counters `previous` already had.
fn build_filter(
    model: &DeviceModel,
    spec: &FilterSpec,
    owner: Option<String>,
    previous: Option<&Filter>,
) -> Filter {
    let keep = |kind: CounterKind, name: &str| {
        previous
            .and_then(|p| p.counter(kind, name))
            .cloned()
            .unwrap_or_else(|| Counter::new(name))
    };
    let mut counters: Vec<Counter> = Vec::new();
    let mut policer_counters: Vec<Counter> = Vec::new();
    for term in &spec.terms {
        if let Some(name) = &term.counter {
            if !counters.iter().any(|c| c.name == *name) {
                counters.push(keep(CounterKind::Filter, name));
            }
        }
        if let Some(policer) = &term.policer {
            let scope = policer
                .scope
                .or_else(|| model.policers.get(&policer.name).and_then(|p| p.scope))
                .unwrap_or(PolicerScope::Filter);
            let name = match scope {
                PolicerScope::Filter => policer.name.clone(),
                PolicerScope::Term => format!("{}-{}", policer.name, term.name),
            };
            if !policer_counters.iter().any(|c| c.name == name) {
                policer_counters.push(keep(CounterKind::Policer, &name));
            }
        }
    }
    Filter {
        name: spec.name.clone(),
        family: spec.family,
        terms: spec.terms.clone(),
        owner,
        counters,
        policer_counters,
    }
}

fn check_bind_point(model: &DeviceModel, point: &BindPoint) -> Result<(), DeviceError> {
    match point {
        BindPoint::Interface(ifl) => {
            if ifl.is_empty() {
                return Err(DeviceError::Missing(super::error::Field::BindPoint));
            }
            let (ifd, unit) = split_ifl(ifl);
            let unit = unit.ok_or_else(|| DeviceError::UnknownInterface(ifl.clone()))?;
            check_unit(model, ifd, unit)
        }
        BindPoint::ForwardingTable(name)
        | BindPoint::Vlan { name, .. }
        | BindPoint::BridgeDomain { name, .. } => {
            if name.is_empty() {
                Err(DeviceError::Missing(super::error::Field::BindPoint))
            } else {
                Ok(())
            }
        }
    }
}

/// `ge-0/0/0.5` → (`ge-0/0/0`, Some(5)); `ge-0/0/0` → (`ge-0/0/0`, Some(0));
/// a unit that is not a number → None.
pub(crate) fn split_ifl(ifl: &str) -> (&str, Option<u32>) {
    match ifl.rsplit_once('.') {
        Some((ifd, unit)) => (ifd, unit.parse().ok()),
        None => (ifl, Some(0)),
    }
}

fn same_bind(a: &Bind, b: &Bind) -> bool {
    a.filter == b.filter && a.point == b.point && a.direction == b.direction
}

fn describe_bind(bind: &Bind) -> String {
    format!(
        "filter {} on {} {}",
        bind.filter,
        bind.point,
        bind.direction.name()
    )
}

fn check_policer_name(policer: &Policer) -> Result<(), DeviceError> {
    if policer.name.is_empty() {
        Err(DeviceError::Missing(super::error::Field::Policer))
    } else {
        Ok(())
    }
}

fn counter_mut<'m>(
    model: &'m mut DeviceModel,
    filter: &str,
    counter: &str,
    kind: CounterKind,
) -> Result<&'m mut Counter, DeviceError> {
    find_filter(model, filter, None)?;
    if counter.is_empty() {
        return Err(DeviceError::Missing(super::error::Field::Counter));
    }
    let entry = model.filters.get_mut(filter).expect("found above");
    let list = match kind {
        CounterKind::Filter => &mut entry.counters,
        CounterKind::Policer => &mut entry.policer_counters,
    };
    list.iter_mut()
        .find(|c| c.name == counter)
        .ok_or_else(|| DeviceError::UnknownCounter {
            filter: filter.to_string(),
            counter: counter.to_string(),
        })
}

/// Reads one counter with the same refusals as the writes.
pub(crate) fn read_counter(
    model: &DeviceModel,
    filter: &str,
    counter: &str,
    kind: CounterKind,
) -> Result<Counter, DeviceError> {
    let found = find_filter(model, filter, None)?;
    if counter.is_empty() {
        return Err(DeviceError::Missing(super::error::Field::Counter));
    }
    found
        .counter(kind, counter)
        .cloned()
        .ok_or_else(|| DeviceError::UnknownCounter {
            filter: filter.to_string(),
            counter: counter.to_string(),
        })
}

/// All counters of `kind` of a filter, in order.
pub(crate) fn read_counters(
    model: &DeviceModel,
    filter: &str,
    kind: CounterKind,
) -> Result<Vec<Counter>, DeviceError> {
    Ok(find_filter(model, filter, None)?.counters_of(kind).to_vec())
}
