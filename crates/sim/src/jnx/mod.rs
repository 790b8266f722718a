//! The `jnx.jet.*` services. Every answer carries
//! `status{code: SUCCESS|FAILURE, message}`, most also a per-RPC `sub_code`.

mod auth;
mod firewall;
mod firewall_wire;
mod interfaces;
mod management;

use super::ctx::Ctx;
use super::error::DeviceError;
use jet::proto::jnx::common::{RpcStatus, StatusCode};
use jet::proto::jnx::{authentication, firewall as fw, interfaces as ifs, management as mgmt};
use tonic::service::RoutesBuilder;

/// Adds `Authentication`, `Firewall`, `Interfaces` and `Management`.
pub(crate) fn add_services(routes: &mut RoutesBuilder, ctx: &Ctx) {
    routes
        .add_service(
            authentication::authentication_server::AuthenticationServer::new(auth::Login {
                ctx: ctx.clone(),
            }),
        )
        .add_service(fw::firewall_server::FirewallServer::new(
            firewall::Firewall { ctx: ctx.clone() },
        ))
        .add_service(ifs::interfaces_server::InterfacesServer::new(
            interfaces::Interfaces { ctx: ctx.clone() },
        ))
        .add_service(mgmt::management_server::ManagementServer::new(
            management::Management { ctx: ctx.clone() },
        ));
}

/// `SUCCESS` with no message.
pub(crate) fn success() -> RpcStatus {
    RpcStatus {
        code: StatusCode::Success as i32,
        message: String::new(),
    }
}

/// `FAILURE` with the device's message.
pub(crate) fn failure(message: impl Into<String>) -> RpcStatus {
    RpcStatus {
        code: StatusCode::Failure as i32,
        message: message.into(),
    }
}

/// The status of an outcome.
pub(crate) fn rpc_status(result: &Result<(), DeviceError>) -> RpcStatus {
    match result {
        Ok(()) => success(),
        Err(e) => failure(e.to_string()),
    }
}
