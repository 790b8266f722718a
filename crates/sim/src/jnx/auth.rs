//! `jnx.jet.authentication.Authentication/Login`: status FAILURE
//! "Authentication failed" for a wrong user or password; gRPC
//! `InvalidArgument` for a client id another connection holds.

use super::{failure, success};
use crate::ctx::Ctx;
use crate::error::DeviceError;
use crate::methods::jnx as path;
use crate::model::Generation;
use jet::proto::jnx::authentication::{authentication_server, LoginRequest, LoginResponse};
use tonic::{Request, Response, Status};

pub(crate) struct Login {
    pub(crate) ctx: Ctx,
}

#[tonic::async_trait]
impl authentication_server::Authentication for Login {
    async fn login(
        &self,
        request: Request<LoginRequest>,
    ) -> Result<Response<LoginResponse>, Status> {
        let peer = self.ctx.record(path::LOGIN, &request)?;
        let r = request.get_ref();
        let ok = self.ctx.login(
            peer,
            &r.username,
            &r.password,
            &r.client_id,
            Generation::Jnx,
        )?;
        let status = if ok {
            success()
        } else {
            failure(DeviceError::BadCredentials.to_string())
        };
        Ok(Response::new(LoginResponse {
            status: Some(status),
        }))
    }
}
