//! `acl.AclService`: every refusal is in-band, `AccessListReturnVal`
//! `ACL_STATUS_EINVALID_MESSAGE` (or `ACL_STATUS_EUNSUPPORTED_OP`); the
//! legacy IDL has no message text.

use super::acl_wire;
use crate::change::Change;
use crate::ctx::{reply_stream, Ctx, ReplyStream};
use crate::error::{DeviceError, Field};
use crate::methods::legacy as path;
use crate::model::{CounterKind, Policer};
use jet::proto::legacy::acl::{
    acl_service_server, AccessList, AccessListCounter, AccessListCounterBulk, AccessListCounterVal,
    AccessListObjBind, AccessListPolicer, AccessListReturnStatus, AccessListReturnVal,
    AccessListVoid,
};
use tonic::{Request, Response, Status};

/// Counters per bulk-read call.
const BULK: usize = 10;

pub(crate) struct Acl {
    pub(crate) ctx: Ctx,
}

fn code(error: &DeviceError) -> AccessListReturnVal {
    if error.is_unsupported() {
        AccessListReturnVal::AclStatusEunsupportedOp
    } else {
        AccessListReturnVal::AclStatusEinvalidMessage
    }
}

fn status(result: Result<(), DeviceError>) -> Response<AccessListReturnStatus> {
    let status = match result {
        Ok(()) => AccessListReturnVal::AclStatusEok,
        Err(e) => code(&e),
    };
    Response::new(AccessListReturnStatus {
        status: status as i32,
    })
}

fn counter_reply(name: &str, result: Result<(u64, u64), DeviceError>) -> AccessListCounterVal {
    match result {
        Ok((bytes, packets)) => AccessListCounterVal {
            counter_name: name.to_string(),
            status: AccessListReturnVal::AclStatusEok as i32,
            bytes,
            packets,
        },
        Err(e) => AccessListCounterVal {
            counter_name: name.to_string(),
            status: code(&e) as i32,
            bytes: 0,
            packets: 0,
        },
    }
}

impl Acl {
    fn counter_get(&self, request: &AccessListCounter, kind: CounterKind) -> AccessListCounterVal {
        let result = acl_wire::filter_ref(request.acl.as_ref()).and_then(|(filter, _)| {
            self.ctx
                .state
                .counter(&filter, &request.counter_name, kind)
                .map(|c| (c.bytes, c.packets))
        });
        counter_reply(&request.counter_name, result)
    }

    /// Up to [`BULK`] counters from `starting_index`; the client calls again
    /// until it gets fewer. A refusal is one message with the status.
    fn bulk(
        &self,
        request: &AccessListCounterBulk,
        kind: CounterKind,
    ) -> Vec<AccessListCounterVal> {
        let result = acl_wire::filter_ref(request.acl.as_ref())
            .and_then(|(filter, _)| self.ctx.state.counters(&filter, kind));
        match result {
            Ok(counters) => counters
                .into_iter()
                .skip(request.starting_index as usize)
                .take(BULK)
                .map(|c| counter_reply(&c.name, Ok((c.bytes, c.packets))))
                .collect(),
            Err(e) => vec![counter_reply("", Err(e))],
        }
    }
}

#[tonic::async_trait]
impl acl_service_server::AclService for Acl {
    async fn access_list_add(
        &self,
        request: Request<AccessList>,
    ) -> Result<Response<AccessListReturnStatus>, Status> {
        let peer = self.ctx.authorize(path::ACCESS_LIST_ADD, &request)?;
        let owner = self.ctx.client_id(peer);
        Ok(status(acl_wire::filter_spec(request.get_ref()).and_then(
            |filter| self.ctx.state.apply(Change::FilterAdd { filter, owner }),
        )))
    }

    async fn access_list_delete(
        &self,
        request: Request<AccessList>,
    ) -> Result<Response<AccessListReturnStatus>, Status> {
        self.ctx.authorize(path::ACCESS_LIST_DELETE, &request)?;
        Ok(status(
            acl_wire::filter_ref(Some(request.get_ref())).and_then(|(name, family)| {
                self.ctx.state.apply(Change::FilterDelete { name, family })
            }),
        ))
    }

    async fn access_list_change(
        &self,
        request: Request<AccessList>,
    ) -> Result<Response<AccessListReturnStatus>, Status> {
        self.ctx.authorize(path::ACCESS_LIST_CHANGE, &request)?;
        let acl = request.get_ref();
        Ok(status(acl_wire::filter_ref(Some(acl)).and_then(
            |(name, family)| {
                let changes = acl_wire::term_changes(acl)?;
                self.ctx.state.apply(Change::FilterModify {
                    name,
                    family,
                    changes,
                })
            },
        )))
    }

    async fn access_list_bind_add(
        &self,
        request: Request<AccessListObjBind>,
    ) -> Result<Response<AccessListReturnStatus>, Status> {
        self.ctx.authorize(path::ACCESS_LIST_BIND_ADD, &request)?;
        Ok(status(acl_wire::bind(request.get_ref()).and_then(|bind| {
            self.ctx.state.apply(Change::BindAdd(bind))
        })))
    }

    async fn access_list_bind_delete(
        &self,
        request: Request<AccessListObjBind>,
    ) -> Result<Response<AccessListReturnStatus>, Status> {
        self.ctx
            .authorize(path::ACCESS_LIST_BIND_DELETE, &request)?;
        Ok(status(acl_wire::bind(request.get_ref()).and_then(|bind| {
            self.ctx.state.apply(Change::BindDelete(bind))
        })))
    }

    async fn access_list_policer_add(
        &self,
        request: Request<AccessListPolicer>,
    ) -> Result<Response<AccessListReturnStatus>, Status> {
        let peer = self
            .ctx
            .authorize(path::ACCESS_LIST_POLICER_ADD, &request)?;
        let policer = Policer {
            owner: self.ctx.client_id(peer),
            ..acl_wire::policer(request.get_ref())
        };
        Ok(status(self.ctx.state.apply(Change::PolicerAdd(policer))))
    }

    async fn access_list_policer_replace(
        &self,
        request: Request<AccessListPolicer>,
    ) -> Result<Response<AccessListReturnStatus>, Status> {
        self.ctx
            .authorize(path::ACCESS_LIST_POLICER_REPLACE, &request)?;
        let policer = acl_wire::policer(request.get_ref());
        Ok(status(
            self.ctx.state.apply(Change::PolicerReplace(policer)),
        ))
    }

    async fn access_list_policer_delete(
        &self,
        request: Request<AccessListPolicer>,
    ) -> Result<Response<AccessListReturnStatus>, Status> {
        self.ctx
            .authorize(path::ACCESS_LIST_POLICER_DELETE, &request)?;
        let name = request.get_ref().policer_name.clone();
        let result = if name.is_empty() {
            Err(DeviceError::Missing(Field::Policer))
        } else {
            self.ctx.state.apply(Change::PolicerDelete { name })
        };
        Ok(status(result))
    }

    async fn access_list_pileup_start(
        &self,
        request: Request<AccessListVoid>,
    ) -> Result<Response<AccessListReturnStatus>, Status> {
        self.ctx
            .authorize(path::ACCESS_LIST_PILEUP_START, &request)?;
        Ok(status(Ok(())))
    }

    async fn access_list_pileup_end(
        &self,
        request: Request<AccessListVoid>,
    ) -> Result<Response<AccessListReturnStatus>, Status> {
        self.ctx.authorize(path::ACCESS_LIST_PILEUP_END, &request)?;
        Ok(status(Ok(())))
    }

    async fn access_list_counter_get(
        &self,
        request: Request<AccessListCounter>,
    ) -> Result<Response<AccessListCounterVal>, Status> {
        self.ctx
            .authorize(path::ACCESS_LIST_COUNTER_GET, &request)?;
        Ok(Response::new(
            self.counter_get(request.get_ref(), CounterKind::Filter),
        ))
    }

    async fn access_list_policer_counter_get(
        &self,
        request: Request<AccessListCounter>,
    ) -> Result<Response<AccessListCounterVal>, Status> {
        self.ctx
            .authorize(path::ACCESS_LIST_POLICER_COUNTER_GET, &request)?;
        Ok(Response::new(
            self.counter_get(request.get_ref(), CounterKind::Policer),
        ))
    }

    async fn access_list_counter_clear(
        &self,
        request: Request<AccessListCounter>,
    ) -> Result<Response<AccessListReturnStatus>, Status> {
        self.ctx
            .authorize(path::ACCESS_LIST_COUNTER_CLEAR, &request)?;
        let r = request.get_ref();
        Ok(status(acl_wire::filter_ref(r.acl.as_ref()).and_then(
            |(filter, _)| {
                self.ctx.state.apply(Change::CounterClear {
                    filter,
                    counter: r.counter_name.clone(),
                    kind: CounterKind::Filter,
                })
            },
        )))
    }

    type AccessListCounterBulkGetStream = ReplyStream<AccessListCounterVal>;

    async fn access_list_counter_bulk_get(
        &self,
        request: Request<AccessListCounterBulk>,
    ) -> Result<Response<Self::AccessListCounterBulkGetStream>, Status> {
        self.ctx
            .authorize(path::ACCESS_LIST_COUNTER_BULK_GET, &request)?;
        Ok(Response::new(reply_stream(
            self.bulk(request.get_ref(), CounterKind::Filter),
        )))
    }

    type AccessListPolicerCounterBulkGetStream = ReplyStream<AccessListCounterVal>;

    async fn access_list_policer_counter_bulk_get(
        &self,
        request: Request<AccessListCounterBulk>,
    ) -> Result<Response<Self::AccessListPolicerCounterBulkGetStream>, Status> {
        self.ctx
            .authorize(path::ACCESS_LIST_POLICER_COUNTER_BULK_GET, &request)?;
        Ok(Response::new(reply_stream(
            self.bulk(request.get_ref(), CounterKind::Policer),
        )))
    }
}
