//! `jnx.jet.firewall` wire messages → device model (jnx numbering:
//! adjacency TERM_AFTER=0/TERM_BEFORE=1; families 1–7; directions 1/2).

use crate::error::{DeviceError, Field};
use crate::model::{
    policer_scope_from_wire, Bind, BindPoint, Direction, FilterFamily, FilterSpec, Policer,
    PolicerKind, PolicerUse, Position, Term, TermChange,
};
use jet::proto::jnx::firewall::filter_bind_obj_point::BindPoint as WirePoint;
use jet::proto::jnx::firewall::filter_term::FilterTerm as WireTerm;
use jet::proto::jnx::firewall::{Filter, FilterAdjacency, FilterBindObjPoint, FilterTerm};

struct RawTerm {
    term: Term,
    op: i32,
    adjacency: Option<FilterAdjacency>,
}

/// Every family's term has the same name/op/adjacency/actions layout, and
/// every non-terminating action block has `count`/`policer`.
macro_rules! raw_term {
    ($term:expr) => {{
        let term = $term;
        let nt = term.actions.as_ref().and_then(|a| a.actions_nt.as_ref());
        RawTerm {
            term: Term {
                name: term.term_name.clone(),
                counter: nt
                    .and_then(|n| n.count.as_ref())
                    .map(|c| c.counter_name.clone())
                    .filter(|c| !c.is_empty()),
                policer: nt
                    .and_then(|n| n.policer.as_ref())
                    .and_then(|p| p.policer.as_ref())
                    .filter(|p| !p.name.is_empty())
                    .map(|p| PolicerUse {
                        name: p.name.clone(),
                        scope: policer_scope_from_wire(p.flag),
                    }),
            },
            op: term.term_op,
            adjacency: term.adjacency.clone(),
        }
    }};
}

fn raw_term(term: &FilterTerm) -> Result<RawTerm, DeviceError> {
    Ok(match &term.filter_term {
        Some(WireTerm::InetTerm(t)) => raw_term!(t),
        Some(WireTerm::EsTerm(t)) => raw_term!(t),
        Some(WireTerm::Inet6Term(t)) => raw_term!(t),
        Some(WireTerm::VplsTerm(t)) => raw_term!(t),
        Some(WireTerm::CccTerm(t)) => raw_term!(t),
        Some(WireTerm::MserviceTerm(t)) => raw_term!(t),
        Some(WireTerm::MplsTerm(t)) => raw_term!(t),
        None => {
            return Err(DeviceError::InvalidMessage(
                "filter term without a family term".into(),
            ))
        }
    })
}

pub(super) fn family(value: i32) -> Result<FilterFamily, DeviceError> {
    match value {
        0 => Err(DeviceError::Missing(Field::Family)),
        v => FilterFamily::from_wire(v)
            .ok_or_else(|| DeviceError::InvalidMessage(format!("unknown family {v}"))),
    }
}

/// The family given with a request, when it is not 0.
pub(super) fn optional_family(value: i32) -> Result<Option<FilterFamily>, DeviceError> {
    if value == 0 {
        Ok(None)
    } else {
        family(value).map(Some)
    }
}

pub(super) fn name(name: &str) -> Result<String, DeviceError> {
    if name.is_empty() {
        Err(DeviceError::Missing(Field::Filter))
    } else {
        Ok(name.to_string())
    }
}

/// FilterAdd: the whole filter (term_op and adjacency are not used).
pub(super) fn filter_spec(
    filter_name: &str,
    family_value: i32,
    terms: &[FilterTerm],
) -> Result<FilterSpec, DeviceError> {
    Ok(FilterSpec {
        name: name(filter_name)?,
        family: family(family_value)?,
        terms: terms
            .iter()
            .map(|t| raw_term(t).map(|r| r.term))
            .collect::<Result<_, _>>()?,
    })
}

/// FilterModify: one operation per term.
pub(super) fn term_changes(terms: &[FilterTerm]) -> Result<Vec<TermChange>, DeviceError> {
    terms
        .iter()
        .map(|term| {
            let raw = raw_term(term)?;
            Ok(match raw.op {
                1 => TermChange::Add(raw.term, position(raw.adjacency.as_ref())?),
                2 => TermChange::Delete(raw.term.name),
                3 => TermChange::Replace(raw.term),
                op => {
                    return Err(DeviceError::InvalidMessage(format!(
                        "term_op {op} for term {}",
                        raw.term.name
                    )))
                }
            })
        })
        .collect()
}

fn position(adjacency: Option<&FilterAdjacency>) -> Result<Position, DeviceError> {
    let Some(adjacency) = adjacency else {
        return Ok(Position::Last);
    };
    let neighbour = adjacency.term_name.clone();
    match adjacency.r#type {
        0 if neighbour.is_empty() => Ok(Position::Last),
        0 => Ok(Position::After(neighbour)),
        1 if neighbour.is_empty() => Err(DeviceError::Missing(Field::Term)),
        1 => Ok(Position::Before(neighbour)),
        t => Err(DeviceError::InvalidMessage(format!("adjacency type {t}"))),
    }
}

/// FilterBindAdd/Delete (same fields). The family is `bind_family`, else
/// the filter's.
pub(super) fn bind(
    filter: Option<&Filter>,
    point: Option<&FilterBindObjPoint>,
    direction: i32,
    bind_family: i32,
) -> Result<Bind, DeviceError> {
    let filter = filter.ok_or(DeviceError::Missing(Field::Filter))?;
    let family = match optional_family(bind_family)? {
        Some(f) => f,
        None => optional_family(filter.family)?.ok_or(DeviceError::Missing(Field::Family))?,
    };
    let point = match point.and_then(|p| p.bind_point.as_ref()) {
        Some(WirePoint::InterfaceName(n)) => BindPoint::Interface(n.clone()),
        Some(WirePoint::ForwardingTable(n)) => BindPoint::ForwardingTable(n.clone()),
        Some(WirePoint::Vlan(v)) => BindPoint::Vlan {
            name: v.vlan_name.clone(),
            table: v.route_table.clone(),
        },
        Some(WirePoint::BridgeDomain(b)) => BindPoint::BridgeDomain {
            name: b.bridge_domain.clone(),
            table: b.route_table.clone(),
        },
        None => return Err(DeviceError::Missing(Field::BindPoint)),
    };
    Ok(Bind {
        filter: name(&filter.name)?,
        family,
        point,
        direction: Direction::from_wire(direction).ok_or(DeviceError::Missing(Field::Direction))?,
    })
}

/// PolicerAdd/Modify, without an owner.
pub(super) fn policer(name: &str, kind: i32, flag: i32) -> Policer {
    Policer {
        name: name.to_string(),
        kind: PolicerKind::from_wire(kind),
        scope: policer_scope_from_wire(flag),
        owner: None,
    }
}
