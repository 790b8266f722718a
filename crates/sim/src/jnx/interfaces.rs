//! `jnx.jet.interfaces.Interfaces`: addresses
//! (`TYPE_INTERFACE_ADDRESS_OBJECT`) and logical units
//! (`TYPE_INTERFACE_UNIT_OBJECT`). Families are `AF_INET=1`, `AF_INET6=2`;
//! the prefix travels in `addr_string` (`a.b.c.d/len`). Other object types
//! are refused: add/update with sub_code `OPERATION_FAILED`, delete with
//! `NOT_OWNER_OF_OBJECT`.

use super::{failure, rpc_status, success};
use crate::change::Change;
use crate::ctx::Ctx;
use crate::error::{DeviceError, Field};
use crate::methods::jnx as path;
use crate::model::{Address, AddressFamily, DeviceModel};
use crate::prefix::{self, WireAddress};
use jet::proto::jnx::common::ip_address::AddrFormat;
use jet::proto::jnx::common::IpAddress;
use jet::proto::jnx::interfaces::interface_add_response::StatusCode as AddSub;
use jet::proto::jnx::interfaces::interface_delete_response::StatusCode as DeleteSub;
use jet::proto::jnx::interfaces::interface_get_response::StatusCode as GetSub;
use jet::proto::jnx::interfaces::interface_unit_permissions_get_response::StatusCode as PermSub;
use jet::proto::jnx::interfaces::{
    interface_add_request, interface_delete_request, interface_get_request, interface_get_response,
    interfaces_server, InterfaceAddRequest, InterfaceAddResponse, InterfaceDeleteRequest,
    InterfaceDeleteResponse, InterfaceGetRequest, InterfaceGetResponse, InterfaceType,
    InterfaceUnit, InterfaceUnitPermissionsGetRequest, InterfaceUnitPermissionsGetResponse,
    InterfaceUpdateRequest, InterfaceUpdateResponse,
};
use tonic::{Request, Response, Status};

pub(crate) struct Interfaces {
    pub(crate) ctx: Ctx,
}

fn family(value: i32) -> Result<AddressFamily, DeviceError> {
    match value {
        1 => Ok(AddressFamily::Inet),
        2 => Ok(AddressFamily::Inet6),
        0 => Err(DeviceError::Missing(Field::Family)),
        v => Err(DeviceError::InvalidMessage(format!(
            "unsupported family {v}"
        ))),
    }
}

fn wire(address: Option<&IpAddress>) -> Option<WireAddress<'_>> {
    match address?.addr_format.as_ref()? {
        AddrFormat::AddrString(s) => Some(WireAddress::Text(s)),
        AddrFormat::AddrBytes(b) => Some(WireAddress::Bytes(b)),
    }
}

fn address(
    port_name: &str,
    unit: Option<&InterfaceUnit>,
    family_value: i32,
    ip: Option<&IpAddress>,
) -> Result<Address, DeviceError> {
    prefix::address(
        port_name,
        unit.map(|u| u.number),
        family(family_value),
        wire(ip),
    )
}

fn ifl(port_name: &str, unit: Option<&InterfaceUnit>) -> Result<(String, u32), DeviceError> {
    if port_name.is_empty() {
        return Err(DeviceError::Missing(Field::PortName));
    }
    let unit = unit.ok_or(DeviceError::Missing(Field::Unit))?.number;
    Ok((port_name.to_string(), unit))
}

/// Add/Update sub-codes (the same numbers in both responses).
fn add_sub_code(result: &Result<(), DeviceError>) -> i32 {
    (match result {
        Ok(()) => AddSub::SuccessCompleted,
        Err(DeviceError::Missing(Field::PortName)) => AddSub::PortNameNotSpecified,
        Err(DeviceError::Missing(Field::Unit)) => AddSub::UnitNotSpecified,
        Err(DeviceError::Missing(Field::Family)) => AddSub::FamilyNotSpecified,
        Err(DeviceError::Missing(Field::Address)) => AddSub::IpAddrNotSpecified,
        Err(DeviceError::FamilyMismatch(_)) => AddSub::InterfaceFamilyMismatch,
        Err(DeviceError::ObjectMismatch(_)) => AddSub::InterfaceObjectMismatch,
        Err(_) => AddSub::OperationFailed,
    }) as i32
}

fn delete_sub_code(result: &Result<(), DeviceError>) -> i32 {
    (match result {
        Ok(()) => DeleteSub::SuccessCompleted,
        Err(DeviceError::Missing(Field::PortName)) => DeleteSub::PortNameNotSpecified,
        Err(DeviceError::Missing(Field::Unit)) => DeleteSub::UnitNotSpecified,
        Err(DeviceError::Missing(Field::Family)) => DeleteSub::FamilyNotSpecified,
        Err(DeviceError::Missing(Field::Address)) => DeleteSub::IpAddrNotSpecified,
        Err(DeviceError::UnknownInterface(_)) | Err(DeviceError::AddressNotFound(_)) => {
            DeleteSub::ObjectNotFound
        }
        Err(DeviceError::FamilyMismatch(_))
        | Err(DeviceError::ObjectMismatch(_))
        | Err(DeviceError::InvalidMessage(_)) => DeleteSub::InterfaceObjectMismatch,
        Err(_) => DeleteSub::NotOwnerOfObject,
    }) as i32
}

fn mismatch(kind: i32) -> DeviceError {
    DeviceError::ObjectMismatch(format!(
        "the interface object does not match type {}",
        InterfaceType::try_from(kind)
            .map(|t| t.as_str_name().to_string())
            .unwrap_or_else(|_| kind.to_string())
    ))
}

fn unsupported(kind: i32) -> DeviceError {
    DeviceError::Unsupported(format!(
        "{} (jet sim)",
        InterfaceType::try_from(kind)
            .map(|t| t.as_str_name().to_string())
            .unwrap_or_else(|_| format!("interface type {kind}"))
    ))
}

const ADDRESS: i32 = InterfaceType::TypeInterfaceAddressObject as i32;
const UNIT: i32 = InterfaceType::TypeInterfaceUnitObject as i32;

impl Interfaces {
    fn add(&self, r: &InterfaceAddRequest) -> Result<(), DeviceError> {
        use interface_add_request::InterfaceObject as O;
        match (r.r#type, &r.interface_object) {
            (ADDRESS, Some(O::Address(a))) => {
                let address = address(
                    &a.port_name,
                    a.unit.as_ref(),
                    a.family,
                    a.ip_address.as_ref(),
                )?;
                self.ctx.state.apply(Change::AddressAdd(address))
            }
            (UNIT, Some(O::Unit(u))) => {
                let (ifd, unit) = ifl(&u.port_name, u.unit.as_ref())?;
                self.ctx.state.apply(Change::UnitAdd { ifd, unit })
            }
            (ADDRESS | UNIT, _) => Err(mismatch(r.r#type)),
            (kind, _) => Err(unsupported(kind)),
        }
    }

    fn delete(&self, r: &InterfaceDeleteRequest) -> Result<(), DeviceError> {
        use interface_delete_request::InterfaceObject as O;
        match (r.r#type, &r.interface_object) {
            (ADDRESS, Some(O::Address(a))) => {
                let address = address(
                    &a.port_name,
                    a.unit.as_ref(),
                    a.family,
                    a.ip_address.as_ref(),
                )?;
                self.ctx.state.apply(Change::AddressDelete(address))
            }
            (UNIT, Some(O::Unit(u))) => {
                let (ifd, unit) = ifl(&u.port_name, u.unit.as_ref())?;
                self.ctx.state.apply(Change::UnitDelete { ifd, unit })
            }
            (ADDRESS | UNIT, _) => Err(mismatch(r.r#type)),
            (kind, _) => Err(unsupported(kind)),
        }
    }

    /// Get: the object as stored, or OBJECT_NOT_FOUND.
    fn get(&self, r: &InterfaceGetRequest) -> InterfaceGetResponse {
        use interface_get_request::InterfaceObject as Q;
        use interface_get_response::InterfaceObject as A;
        let model: DeviceModel = self.ctx.state.snapshot();
        let found = match (r.r#type, &r.interface_object) {
            (ADDRESS, Some(Q::Address(a))) => address(
                &a.port_name,
                a.unit.as_ref(),
                a.family,
                a.ip_address.as_ref(),
            )
            .map(|wanted| {
                model
                    .addresses
                    .iter()
                    .find(|x| {
                        x.ifd == wanted.ifd
                            && x.unit == wanted.unit
                            && x.family == wanted.family
                            && x.ip() == wanted.ip()
                    })
                    .map(|x| {
                        let mut reply = a.clone();
                        reply.ip_address = Some(IpAddress {
                            addr_format: Some(AddrFormat::AddrString(x.prefix.clone())),
                        });
                        A::Address(reply)
                    })
            }),
            (UNIT, Some(Q::Unit(u))) => ifl(&u.port_name, u.unit.as_ref()).map(|(ifd, unit)| {
                model
                    .interfaces
                    .get(&ifd)
                    .filter(|i| i.units.contains(&unit))
                    .map(|_| A::Unit(u.clone()))
            }),
            (kind, Some(Q::Interfaces(i))) if kind == InterfaceType::TypeInterfaceObject as i32 => {
                Ok(model
                    .interfaces
                    .contains_key(&i.port_name)
                    .then(|| A::Interfaces(i.clone())))
            }
            (kind, _) => Err(mismatch(kind)),
        };
        let (status, sub_code, object) = match found {
            Ok(Some(object)) => (success(), GetSub::SuccessCompleted, Some(object)),
            Ok(None) => (failure("object not found"), GetSub::ObjectNotFound, None),
            Err(e) => {
                let sub = match &e {
                    DeviceError::Missing(Field::PortName) => GetSub::PortNameNotSpecified,
                    DeviceError::Missing(Field::Unit) => GetSub::UnitNotSpecified,
                    DeviceError::Missing(Field::Family) => GetSub::FamilyNotSpecified,
                    DeviceError::Missing(Field::Address) => GetSub::IpAddrNotSpecified,
                    _ => GetSub::InterfaceObjectMismatch,
                };
                (failure(e.to_string()), sub, None)
            }
        };
        InterfaceGetResponse {
            r#type: r.r#type,
            status: Some(status),
            sub_code: sub_code as i32,
            interface_object: object,
        }
    }
}

#[tonic::async_trait]
impl interfaces_server::Interfaces for Interfaces {
    async fn interface_add(
        &self,
        request: Request<InterfaceAddRequest>,
    ) -> Result<Response<InterfaceAddResponse>, Status> {
        self.ctx.authorize(path::INTERFACE_ADD, &request)?;
        let result = self.add(request.get_ref());
        Ok(Response::new(InterfaceAddResponse {
            status: Some(rpc_status(&result)),
            sub_code: add_sub_code(&result),
        }))
    }

    async fn interface_update(
        &self,
        request: Request<InterfaceUpdateRequest>,
    ) -> Result<Response<InterfaceUpdateResponse>, Status> {
        self.ctx.authorize(path::INTERFACE_UPDATE, &request)?;
        let result = Err(unsupported(request.get_ref().r#type));
        Ok(Response::new(InterfaceUpdateResponse {
            status: Some(rpc_status(&result)),
            sub_code: add_sub_code(&result),
        }))
    }

    async fn interface_delete(
        &self,
        request: Request<InterfaceDeleteRequest>,
    ) -> Result<Response<InterfaceDeleteResponse>, Status> {
        self.ctx.authorize(path::INTERFACE_DELETE, &request)?;
        let result = self.delete(request.get_ref());
        Ok(Response::new(InterfaceDeleteResponse {
            status: Some(rpc_status(&result)),
            sub_code: delete_sub_code(&result),
        }))
    }

    async fn interface_get(
        &self,
        request: Request<InterfaceGetRequest>,
    ) -> Result<Response<InterfaceGetResponse>, Status> {
        self.ctx.authorize(path::INTERFACE_GET, &request)?;
        Ok(Response::new(self.get(request.get_ref())))
    }

    async fn interface_unit_permissions_get(
        &self,
        request: Request<InterfaceUnitPermissionsGetRequest>,
    ) -> Result<Response<InterfaceUnitPermissionsGetResponse>, Status> {
        self.ctx
            .authorize(path::INTERFACE_UNIT_PERMISSIONS_GET, &request)?;
        let r = request.get_ref();
        let (status, sub_code) = match ifl(&r.port_name, r.unit.as_ref()) {
            Err(e) => {
                let sub = if matches!(e, DeviceError::Missing(Field::PortName)) {
                    PermSub::PortNameNotSpecified
                } else {
                    PermSub::UnitNotSpecified
                };
                (failure(e.to_string()), sub)
            }
            Ok((ifd, unit)) => {
                let exists = self.ctx.state.read(|m| {
                    m.interfaces
                        .get(&ifd)
                        .is_some_and(|i| i.units.contains(&unit))
                });
                if exists {
                    (success(), PermSub::SuccessCompleted)
                } else {
                    (
                        failure(DeviceError::UnknownInterface(format!("{ifd}.{unit}")).to_string()),
                        PermSub::ObjectNotFound,
                    )
                }
            }
        };
        // The simulator does not track who created a unit: every unit is the
        // CLI's.
        Ok(Response::new(InterfaceUnitPermissionsGetResponse {
            status: Some(status),
            sub_code: sub_code as i32,
            is_owner: false,
            client_created_unit: false,
            client_name: String::new(),
        }))
    }
}
