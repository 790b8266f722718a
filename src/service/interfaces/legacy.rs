//! Interface addresses on the legacy IDL (`interface.InterfacesService`).

use super::{AddressFamily, InterfaceAddress};
use crate::error::{Error, ErrorKind, Result};
use crate::proto::legacy::interface::{
    self as wire, interfaces_service_client::InterfacesServiceClient, ip_address::AddrFormat,
};
use crate::service::status::{from_status, refused};
use tonic::transport::Channel;

/// The request for `address`. `operation` is left 0, as in Juniper's own
/// sample client: the RPC (create or delete) says what to do.
pub(crate) fn request(address: &InterfaceAddress) -> wire::InterfaceAddressConfig {
    let family = match address.family {
        AddressFamily::Inet => wire::FamilyType::IntfAfInet,
        AddressFamily::Inet6 => wire::FamilyType::IntfAfInet6,
    };
    wire::InterfaceAddressConfig {
        port_name: address.ifd.clone(),
        ifl_unit: Some(wire::Value32 {
            unit: address.unit as i32,
        }),
        family: family as i32,
        interface_address: Some(wire::IpAddress {
            addr_format: Some(AddrFormat::AddrString(address.with_prefix())),
        }),
        ..Default::default()
    }
}

fn check(what: &str, reply: wire::ConfigResp) -> Result<()> {
    if reply.status == wire::RetStatus::Success as i32 {
        return Ok(());
    }
    let name = wire::RetStatus::try_from(reply.status)
        .map(|s| s.as_str_name())
        .unwrap_or("unknown status");
    let message = if reply.error_message.is_empty() {
        name.to_string()
    } else {
        reply.error_message
    };
    if reply.status == wire::RetStatus::ObjectNotFound as i32 {
        return Err(
            Error::new(ErrorKind::NotFound, format!("{what}: {message}"))
                .with_device_code(reply.status),
        );
    }
    Err(refused(what, reply.status, &message))
}

/// Adds an address.
pub(crate) async fn create(channel: Channel, address: &InterfaceAddress) -> Result<()> {
    let what = "interface address add";
    let reply = InterfacesServiceClient::new(channel)
        .interface_address_create(request(address))
        .await
        .map_err(|s| from_status(what, &s))?;
    check(what, reply.into_inner())
}

/// Deletes an address.
pub(crate) async fn delete(channel: Channel, address: &InterfaceAddress) -> Result<()> {
    let what = "interface address delete";
    let reply = InterfacesServiceClient::new(channel)
        .interface_address_delete(request(address))
        .await
        .map_err(|s| from_status(what, &s))?;
    check(what, reply.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_carry_the_bsd_family_numbers() {
        let v4 = request(&InterfaceAddress::parse("ge-0/0/0.0", "inet", "192.0.2.1/24").unwrap());
        assert_eq!(v4.family, 2, "INTF_AF_INET is 2 in the legacy IDL");
        assert_eq!(v4.ifl_unit, Some(wire::Value32 { unit: 0 }));
        assert_eq!(
            v4.interface_address.unwrap().addr_format,
            Some(AddrFormat::AddrString("192.0.2.1/24".into()))
        );
        assert_eq!(v4.operation, 0);
        let v6 =
            request(&InterfaceAddress::parse("ge-0/0/0.0", "inet6", "2001:db8::1/64").unwrap());
        assert_eq!(v6.family, 28, "INTF_AF_INET6 is 28 in the legacy IDL");
    }

    #[test]
    fn statuses_map_to_errors() {
        check("x", wire::ConfigResp::default()).unwrap();
        let not_found = wire::ConfigResp {
            status: 5,
            ..Default::default()
        };
        assert_eq!(
            check("x", not_found).unwrap_err().kind(),
            ErrorKind::NotFound
        );
        let failure = wire::ConfigResp {
            status: 1,
            error_message: "bad".into(),
            ..Default::default()
        };
        let error = check("x", failure).unwrap_err();
        assert_eq!(
            (error.kind(), error.device_code()),
            (ErrorKind::Refused, Some(1))
        );
    }
}
