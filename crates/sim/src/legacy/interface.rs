//! `interface.InterfacesService` (dcd): addresses and logical units; the
//! answer is `ConfigResp{status: ret_status, error_message}` with the
//! request's `request_id`/`client_ctx` echoed. Families are BSD numbers:
//! `INTF_AF_INET=2`, `INTF_AF_INET6=28`.

use crate::change::Change;
use crate::ctx::Ctx;
use crate::error::{DeviceError, Field};
use crate::methods::legacy as path;
use crate::model::AddressFamily;
use crate::prefix::{self, WireAddress};
use jet::proto::legacy::interface::ip_address::AddrFormat;
use jet::proto::legacy::interface::{
    interfaces_service_server, ConfigResp, InterfaceAddressConfig, InterfaceConfig,
    InterfaceFamilyConfig, InterfaceLogicalConfig, IpAddress, RetStatus, RtConfig, Value32,
};
use tonic::{Request, Response, Status};

pub(crate) struct Interfaces {
    pub(crate) ctx: Ctx,
}

fn family(value: i32) -> Result<AddressFamily, DeviceError> {
    match value {
        2 => Ok(AddressFamily::Inet),
        28 => Ok(AddressFamily::Inet6),
        0 => Err(DeviceError::Missing(Field::Family)),
        v => Err(DeviceError::InvalidMessage(format!("unknown family {v}"))),
    }
}

fn unit(value: Option<&Value32>) -> Result<Option<u32>, DeviceError> {
    match value {
        None => Ok(None),
        Some(v) => u32::try_from(v.unit)
            .map(Some)
            .map_err(|_| DeviceError::InvalidMessage(format!("unit {}", v.unit))),
    }
}

fn wire(address: Option<&IpAddress>) -> Option<WireAddress<'_>> {
    match address?.addr_format.as_ref()? {
        AddrFormat::AddrString(s) => Some(WireAddress::Text(s)),
        AddrFormat::AddrBytes(b) => Some(WireAddress::Bytes(b)),
    }
}

fn ret_status(error: &DeviceError) -> RetStatus {
    match error {
        DeviceError::Missing(Field::PortName) => RetStatus::NoPortName,
        DeviceError::Missing(Field::Unit) => RetStatus::NoIflUnit,
        DeviceError::Missing(Field::Family) | DeviceError::FamilyMismatch(_) => {
            RetStatus::NoIffFamily
        }
        DeviceError::Missing(Field::Address) => RetStatus::NoIpAddr,
        DeviceError::UnknownInterface(_) | DeviceError::AddressNotFound(_) => {
            RetStatus::ObjectNotFound
        }
        _ => RetStatus::Failure,
    }
}

fn reply(
    result: Result<(), DeviceError>,
    request_id: i64,
    client_ctx: i32,
) -> Response<ConfigResp> {
    let (status, error_message) = match result {
        Ok(()) => (RetStatus::Success, String::new()),
        Err(e) => (ret_status(&e), e.to_string()),
    };
    Response::new(ConfigResp {
        status: status as i32,
        error_message,
        request_id,
        client_ctx,
    })
}

fn address(r: &InterfaceAddressConfig) -> Result<crate::model::Address, DeviceError> {
    prefix::address(
        &r.port_name,
        unit(r.ifl_unit.as_ref())?,
        family(r.family),
        wire(r.interface_address.as_ref()),
    )
}

fn ifl(port_name: &str, value: Option<&Value32>) -> Result<(String, u32), DeviceError> {
    if port_name.is_empty() {
        return Err(DeviceError::Missing(Field::PortName));
    }
    let unit = unit(value)?.ok_or(DeviceError::Missing(Field::Unit))?;
    Ok((port_name.to_string(), unit))
}

fn unsupported(what: &str) -> Result<(), DeviceError> {
    Err(DeviceError::Unsupported(format!("{what} (jet sim)")))
}

impl Interfaces {
    /// Family create/delete: the simulator keeps no families; it checks the
    /// unit exists and the family is valid.
    fn family_check(&self, r: &InterfaceFamilyConfig) -> Result<(), DeviceError> {
        let (ifd, unit) = ifl(&r.port_name, r.ifl_unit.as_ref())?;
        family(r.family)?;
        let exists = self.ctx.state.read(|m| {
            m.interfaces
                .get(&ifd)
                .is_some_and(|i| i.units.contains(&unit))
        });
        if exists {
            Ok(())
        } else {
            Err(DeviceError::UnknownInterface(format!("{ifd}.{unit}")))
        }
    }
}

#[tonic::async_trait]
impl interfaces_service_server::InterfacesService for Interfaces {
    async fn interface_create(
        &self,
        request: Request<InterfaceConfig>,
    ) -> Result<Response<ConfigResp>, Status> {
        self.ctx.authorize(path::INTERFACE_CREATE, &request)?;
        let r = request.get_ref();
        Ok(reply(
            unsupported("physical interface create"),
            r.request_id,
            r.client_ctx,
        ))
    }

    async fn interface_delete(
        &self,
        request: Request<InterfaceConfig>,
    ) -> Result<Response<ConfigResp>, Status> {
        self.ctx.authorize(path::INTERFACE_DELETE, &request)?;
        let r = request.get_ref();
        Ok(reply(
            unsupported("physical interface delete"),
            r.request_id,
            r.client_ctx,
        ))
    }

    async fn interface_logical_create(
        &self,
        request: Request<InterfaceLogicalConfig>,
    ) -> Result<Response<ConfigResp>, Status> {
        self.ctx
            .authorize(path::INTERFACE_LOGICAL_CREATE, &request)?;
        let r = request.get_ref();
        let result = ifl(&r.port_name, r.ifl_unit.as_ref())
            .and_then(|(ifd, unit)| self.ctx.state.apply(Change::UnitAdd { ifd, unit }));
        Ok(reply(result, r.request_id, r.client_ctx))
    }

    async fn interface_logical_delete(
        &self,
        request: Request<InterfaceLogicalConfig>,
    ) -> Result<Response<ConfigResp>, Status> {
        self.ctx
            .authorize(path::INTERFACE_LOGICAL_DELETE, &request)?;
        let r = request.get_ref();
        let result = ifl(&r.port_name, r.ifl_unit.as_ref())
            .and_then(|(ifd, unit)| self.ctx.state.apply(Change::UnitDelete { ifd, unit }));
        Ok(reply(result, r.request_id, r.client_ctx))
    }

    async fn interface_family_create(
        &self,
        request: Request<InterfaceFamilyConfig>,
    ) -> Result<Response<ConfigResp>, Status> {
        self.ctx
            .authorize(path::INTERFACE_FAMILY_CREATE, &request)?;
        let r = request.get_ref();
        Ok(reply(self.family_check(r), r.request_id, r.client_ctx))
    }

    async fn interface_family_delete(
        &self,
        request: Request<InterfaceFamilyConfig>,
    ) -> Result<Response<ConfigResp>, Status> {
        self.ctx
            .authorize(path::INTERFACE_FAMILY_DELETE, &request)?;
        let r = request.get_ref();
        Ok(reply(self.family_check(r), r.request_id, r.client_ctx))
    }

    async fn interface_address_create(
        &self,
        request: Request<InterfaceAddressConfig>,
    ) -> Result<Response<ConfigResp>, Status> {
        self.ctx
            .authorize(path::INTERFACE_ADDRESS_CREATE, &request)?;
        let r = request.get_ref();
        let result = address(r).and_then(|a| self.ctx.state.apply(Change::AddressAdd(a)));
        Ok(reply(result, r.request_id, r.client_ctx))
    }

    async fn interface_address_delete(
        &self,
        request: Request<InterfaceAddressConfig>,
    ) -> Result<Response<ConfigResp>, Status> {
        self.ctx
            .authorize(path::INTERFACE_ADDRESS_DELETE, &request)?;
        let r = request.get_ref();
        let result = address(r).and_then(|a| self.ctx.state.apply(Change::AddressDelete(a)));
        Ok(reply(result, r.request_id, r.client_ctx))
    }

    async fn interface_rt_address_create(
        &self,
        request: Request<RtConfig>,
    ) -> Result<Response<ConfigResp>, Status> {
        self.ctx
            .authorize(path::INTERFACE_RT_ADDRESS_CREATE, &request)?;
        let r = request.get_ref();
        Ok(reply(
            unsupported("ARP/ND entries"),
            r.request_id,
            r.client_ctx,
        ))
    }

    async fn interface_rt_address_delete(
        &self,
        request: Request<RtConfig>,
    ) -> Result<Response<ConfigResp>, Status> {
        self.ctx
            .authorize(path::INTERFACE_RT_ADDRESS_DELETE, &request)?;
        let r = request.get_ref();
        Ok(reply(
            unsupported("ARP/ND entries"),
            r.request_id,
            r.client_ctx,
        ))
    }
}
