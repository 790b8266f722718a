//! Interface addresses on the jnx IDL (`jnx.jet.interfaces.Interfaces`).

use super::{AddressFamily, InterfaceAddress};
use crate::error::{Error, ErrorKind, Result};
use crate::proto::jnx::common::{ip_address::AddrFormat, AfType, IpAddress, RpcStatus, StatusCode};
use crate::proto::jnx::interfaces as wire;
use crate::service::status::{from_status, refused};
use tonic::transport::Channel;

fn family(family: AddressFamily) -> i32 {
    match family {
        AddressFamily::Inet => AfType::AfInet as i32,
        AddressFamily::Inet6 => AfType::AfInet6 as i32,
    }
}

fn ip(address: &InterfaceAddress) -> Option<IpAddress> {
    Some(IpAddress {
        addr_format: Some(AddrFormat::AddrString(address.with_prefix())),
    })
}

/// The InterfaceAdd request for `address`.
pub(crate) fn add_request(address: &InterfaceAddress) -> wire::InterfaceAddRequest {
    wire::InterfaceAddRequest {
        r#type: wire::InterfaceType::TypeInterfaceAddressObject as i32,
        interface_object: Some(wire::interface_add_request::InterfaceObject::Address(
            config(address),
        )),
    }
}

/// The address object of an add or a get.
fn config(address: &InterfaceAddress) -> wire::InterfaceAddressConfig {
    wire::InterfaceAddressConfig {
        port_name: address.ifd.clone(),
        unit: Some(wire::InterfaceUnit {
            number: address.unit,
        }),
        family: family(address.family),
        ip_address: ip(address),
        attributes: None,
        destination_udp_port: 0,
    }
}

/// The InterfaceGet request for `address`.
pub(crate) fn get_request(address: &InterfaceAddress) -> wire::InterfaceGetRequest {
    wire::InterfaceGetRequest {
        r#type: wire::InterfaceType::TypeInterfaceAddressObject as i32,
        interface_object: Some(wire::interface_get_request::InterfaceObject::Address(
            config(address),
        )),
    }
}

/// The InterfaceDelete request for `address`.
pub(crate) fn delete_request(address: &InterfaceAddress) -> wire::InterfaceDeleteRequest {
    wire::InterfaceDeleteRequest {
        r#type: wire::InterfaceType::TypeInterfaceAddressObject as i32,
        interface_object: Some(wire::interface_delete_request::InterfaceObject::Address(
            wire::InterfaceAddressDelete {
                port_name: address.ifd.clone(),
                unit: Some(wire::InterfaceUnit {
                    number: address.unit,
                }),
                family: family(address.family),
                ip_address: ip(address),
            },
        )),
    }
}

/// Maps a reply's status and sub-code: `not_found` is the sub-code that
/// means the object does not exist.
fn check(
    what: &str,
    status: Option<RpcStatus>,
    sub_code: i32,
    name: Option<&str>,
    not_found: Option<i32>,
) -> Result<()> {
    let status = status.unwrap_or_default();
    if status.code == StatusCode::Success as i32 && sub_code == 0 {
        return Ok(());
    }
    let message = match (status.message.is_empty(), name) {
        (false, _) => status.message,
        (true, Some(name)) => name.to_string(),
        (true, None) => String::new(),
    };
    if not_found == Some(sub_code) {
        return Err(
            Error::new(ErrorKind::NotFound, format!("{what}: {message}"))
                .with_device_code(sub_code),
        );
    }
    Err(refused(what, sub_code, &message))
}

/// Adds an address.
pub(crate) async fn add(channel: Channel, address: &InterfaceAddress) -> Result<()> {
    let what = "interface address add";
    let reply = wire::interfaces_client::InterfacesClient::new(channel)
        .interface_add(add_request(address))
        .await
        .map_err(|s| from_status(what, &s))?
        .into_inner();
    let name = wire::interface_add_response::StatusCode::try_from(reply.sub_code)
        .ok()
        .map(|c| c.as_str_name());
    check(what, reply.status, reply.sub_code, name, None)
}

/// Deletes an address.
pub(crate) async fn delete(channel: Channel, address: &InterfaceAddress) -> Result<()> {
    let what = "interface address delete";
    let reply = wire::interfaces_client::InterfacesClient::new(channel)
        .interface_delete(delete_request(address))
        .await
        .map_err(|s| from_status(what, &s))?
        .into_inner();
    let code = wire::interface_delete_response::StatusCode::try_from(reply.sub_code).ok();
    let not_found = wire::interface_delete_response::StatusCode::ObjectNotFound as i32;
    check(
        what,
        reply.status,
        reply.sub_code,
        code.map(|c| c.as_str_name()),
        Some(not_found),
    )
}

/// Whether the device has `address`: `InterfaceGet` answering sub-code
/// `OBJECT_NOT_FOUND` says no, success says yes; any other answer is an error.
pub(crate) async fn exists(channel: Channel, address: &InterfaceAddress) -> Result<bool> {
    use wire::interface_get_response::StatusCode as GetCode;
    let what = "interface address get";
    let reply = wire::interfaces_client::InterfacesClient::new(channel)
        .interface_get(get_request(address))
        .await
        .map_err(|s| from_status(what, &s))?
        .into_inner();
    if reply.sub_code == GetCode::ObjectNotFound as i32 {
        return Ok(false);
    }
    let name = GetCode::try_from(reply.sub_code)
        .ok()
        .map(|c| c.as_str_name());
    check(what, reply.status, reply.sub_code, name, None).map(|()| true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_carry_the_jnx_family_and_the_prefix_in_the_address() {
        let address = InterfaceAddress::parse("ge-0/0/1.5", "inet6", "2001:db8::1/64").unwrap();
        let request = add_request(&address);
        assert_eq!(request.r#type, 3);
        let Some(wire::interface_add_request::InterfaceObject::Address(config)) =
            request.interface_object
        else {
            panic!("not an address object");
        };
        assert_eq!(config.port_name, "ge-0/0/1");
        assert_eq!(config.unit, Some(wire::InterfaceUnit { number: 5 }));
        assert_eq!(config.family, 2, "AF_INET6 is 2 in the jnx IDL");
        assert_eq!(config.ip_address, ip(&address));
        let delete = delete_request(&address);
        assert_eq!(delete.r#type, 3);
        let get = get_request(&address);
        assert_eq!(get.r#type, 3);
        let asked = wire::interface_get_request::InterfaceObject::Address(config);
        assert_eq!(
            get.interface_object,
            Some(asked),
            "a get asks for what an add sends"
        );
    }

    #[test]
    fn failures_keep_the_sub_code() {
        let failure = RpcStatus {
            code: 1,
            message: "no such interface".into(),
        };
        let error = check("add", Some(failure), 24, None, None).unwrap_err();
        assert_eq!(
            (error.kind(), error.device_code()),
            (ErrorKind::Refused, Some(24))
        );
        let error = check(
            "delete",
            Some(RpcStatus {
                code: 1,
                message: String::new(),
            }),
            9,
            Some("OBJECT_NOT_FOUND"),
            Some(9),
        )
        .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::NotFound);
        assert!(error.message().contains("OBJECT_NOT_FOUND"));
        check("add", Some(RpcStatus::default()), 0, None, None).unwrap();
    }
}
