//! `acl` wire messages → device model (legacy numbering: adjacency
//! NONE=0/AFTER=1/BEFORE=2; families, directions and policer flags as in the
//! jnx IDL).

use crate::error::{DeviceError, Field};
use crate::model::{
    policer_scope_from_wire, Bind, BindPoint, Direction, FilterFamily, FilterSpec, Policer,
    PolicerKind, PolicerUse, Position, Term, TermChange,
};
use jet::proto::legacy::acl::access_list_bind_obj_point::OneOfAclBindPoint;
use jet::proto::legacy::acl::acl_entry::OneOfAclEntry;
use jet::proto::legacy::acl::{
    AccessList, AccessListObjBind, AccessListPolicer, AclAdjacency, AclEntry,
};

/// One ACE, whichever family, reduced to what the device keeps.
struct RawTerm {
    term: Term,
    op: i32,
    adjacency: Option<AclAdjacency>,
}

/// Every family's entry has the same name/op/adjacency/actions layout, and
/// every non-terminating action block has `action_count`/`action_policer`.
macro_rules! raw_term {
    ($entry:expr) => {{
        let entry = $entry;
        let nt = entry.actions.as_ref().and_then(|a| a.actions_nt.as_ref());
        RawTerm {
            term: Term {
                name: entry.ace_name.clone(),
                counter: nt
                    .and_then(|n| n.action_count.as_ref())
                    .map(|c| c.counter_name.clone())
                    .filter(|c| !c.is_empty()),
                policer: nt
                    .and_then(|n| n.action_policer.as_ref())
                    .and_then(|p| p.policer.as_ref())
                    .filter(|p| !p.policer_name.is_empty())
                    .map(|p| PolicerUse {
                        name: p.policer_name.clone(),
                        scope: policer_scope_from_wire(p.policer_flag),
                    }),
            },
            op: entry.ace_op,
            adjacency: entry.adjacency.clone(),
        }
    }};
}

fn raw_term(entry: &AclEntry) -> Result<RawTerm, DeviceError> {
    Ok(match &entry.one_of_acl_entry {
        Some(OneOfAclEntry::InetEntry(e)) => raw_term!(e),
        Some(OneOfAclEntry::EsEntry(e)) => raw_term!(e),
        Some(OneOfAclEntry::Inet6Entry(e)) => raw_term!(e),
        Some(OneOfAclEntry::VplsEntry(e)) => raw_term!(e),
        Some(OneOfAclEntry::CccEntry(e)) => raw_term!(e),
        Some(OneOfAclEntry::MserviceEntry(e)) => raw_term!(e),
        Some(OneOfAclEntry::MplsEntry(e)) => raw_term!(e),
        None => {
            return Err(DeviceError::InvalidMessage(
                "access list entry without a family entry".into(),
            ))
        }
    })
}

fn family(value: i32) -> Result<FilterFamily, DeviceError> {
    match value {
        0 => Err(DeviceError::Missing(Field::Family)),
        v => FilterFamily::from_wire(v)
            .ok_or_else(|| DeviceError::InvalidMessage(format!("unknown acl_family {v}"))),
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

fn name(acl: &AccessList) -> Result<String, DeviceError> {
    if acl.acl_name.is_empty() {
        Err(DeviceError::Missing(Field::Filter))
    } else {
        Ok(acl.acl_name.clone())
    }
}

/// AccessListAdd: the whole filter (ace_op and adjacency are not used).
pub(super) fn filter_spec(acl: &AccessList) -> Result<FilterSpec, DeviceError> {
    Ok(FilterSpec {
        name: name(acl)?,
        family: family(acl.acl_family)?,
        terms: acl
            .ace_list
            .iter()
            .map(|e| raw_term(e).map(|r| r.term))
            .collect::<Result<_, _>>()?,
    })
}

/// AccessListChange: one term operation per ACE.
pub(super) fn term_changes(acl: &AccessList) -> Result<Vec<TermChange>, DeviceError> {
    acl.ace_list
        .iter()
        .map(|entry| {
            let raw = raw_term(entry)?;
            Ok(match raw.op {
                1 => TermChange::Add(raw.term, position(raw.adjacency.as_ref())?),
                2 => TermChange::Delete(raw.term.name),
                3 => TermChange::Replace(raw.term),
                op => {
                    return Err(DeviceError::InvalidMessage(format!(
                        "ace_op {op} for ACE {}",
                        raw.term.name
                    )))
                }
            })
        })
        .collect()
}

fn position(adjacency: Option<&AclAdjacency>) -> Result<Position, DeviceError> {
    let Some(adjacency) = adjacency else {
        return Ok(Position::Last);
    };
    let neighbour = adjacency.ace_name.clone();
    match adjacency.r#type {
        0 => Ok(Position::Last),
        1 if neighbour.is_empty() => Ok(Position::Last),
        1 => Ok(Position::After(neighbour)),
        2 if neighbour.is_empty() => Err(DeviceError::Missing(Field::Term)),
        2 => Ok(Position::Before(neighbour)),
        t => Err(DeviceError::InvalidMessage(format!("adjacency type {t}"))),
    }
}

/// The filter named in a request's `acl`, with its family when given.
pub(super) fn filter_ref(
    acl: Option<&AccessList>,
) -> Result<(String, Option<FilterFamily>), DeviceError> {
    let acl = acl.ok_or(DeviceError::Missing(Field::Filter))?;
    Ok((name(acl)?, optional_family(acl.acl_family)?))
}

/// AccessListBindAdd/Delete. The family is `bind_family`, else the acl's.
pub(super) fn bind(request: &AccessListObjBind) -> Result<Bind, DeviceError> {
    let (filter, acl_family) = filter_ref(request.acl.as_ref())?;
    let family = match optional_family(request.bind_family)? {
        Some(f) => f,
        None => acl_family.ok_or(DeviceError::Missing(Field::Family))?,
    };
    let point = match request
        .bind_object
        .as_ref()
        .and_then(|p| p.one_of_acl_bind_point.as_ref())
    {
        Some(OneOfAclBindPoint::Intf(name)) => BindPoint::Interface(name.clone()),
        Some(OneOfAclBindPoint::FwdTable(name)) => BindPoint::ForwardingTable(name.clone()),
        Some(OneOfAclBindPoint::Vlan(v)) => BindPoint::Vlan {
            name: v.vlan_name.clone(),
            table: v.rtb_name.clone(),
        },
        Some(OneOfAclBindPoint::Bd(b)) => BindPoint::BridgeDomain {
            name: b.bd_name.clone(),
            table: b.rtb_name.clone(),
        },
        None => return Err(DeviceError::Missing(Field::BindPoint)),
    };
    let direction = Direction::from_wire(request.bind_direction)
        .ok_or(DeviceError::Missing(Field::Direction))?;
    Ok(Bind {
        filter,
        family,
        point,
        direction,
    })
}

/// AccessListPolicerAdd/Replace/Delete, without an owner.
pub(super) fn policer(request: &AccessListPolicer) -> Policer {
    Policer {
        name: request.policer_name.clone(),
        kind: PolicerKind::from_wire(request.policer_type),
        scope: policer_scope_from_wire(request.policer_flag),
        owner: None,
    }
}
