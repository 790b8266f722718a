//! The legacy IDL services (`authentication`, `acl`, `interface`,
//! `management`).

mod acl;
mod acl_wire;
mod auth;
mod interface;
mod management;

use super::ctx::Ctx;
use jet::proto::legacy::{acl as acl_proto, authentication, interface as dcd, management as mgd};
use tonic::service::RoutesBuilder;

/// Adds `authentication.Login` (served by every release).
pub(crate) fn add_login(routes: &mut RoutesBuilder, ctx: &Ctx) {
    routes.add_service(authentication::login_server::LoginServer::new(
        auth::Login { ctx: ctx.clone() },
    ));
}

/// Adds `acl.AclService`, `interface.InterfacesService` and
/// `management.ManagementRpcApi`.
pub(crate) fn add_services(routes: &mut RoutesBuilder, ctx: &Ctx) {
    routes
        .add_service(acl_proto::acl_service_server::AclServiceServer::new(
            acl::Acl { ctx: ctx.clone() },
        ))
        .add_service(
            dcd::interfaces_service_server::InterfacesServiceServer::new(interface::Interfaces {
                ctx: ctx.clone(),
            }),
        )
        .add_service(mgd::management_rpc_api_server::ManagementRpcApiServer::new(
            management::Management { ctx: ctx.clone() },
        ));
}
