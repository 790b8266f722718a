//! `authentication.Login/LoginCheck`: `result=false` for a wrong user or
//! password; gRPC `InvalidArgument` for a client id another connection
//! holds.

use crate::ctx::Ctx;
use crate::methods::legacy as path;
use crate::model::Generation;
use jet::proto::legacy::authentication::{login_server, LoginReply, LoginRequest};
use tonic::{Request, Response, Status};

pub(crate) struct Login {
    pub(crate) ctx: Ctx,
}

#[tonic::async_trait]
impl login_server::Login for Login {
    async fn login_check(
        &self,
        request: Request<LoginRequest>,
    ) -> Result<Response<LoginReply>, Status> {
        let peer = self.ctx.record(path::LOGIN_CHECK, &request)?;
        let r = request.get_ref();
        let result = self.ctx.login(
            peer,
            &r.user_name,
            &r.password,
            &r.client_id,
            Generation::Legacy,
        )?;
        Ok(Response::new(LoginReply { result }))
    }
}
