//! `jnx.jet.firewall.Firewall`: every refusal is in-band, status FAILURE
//! with the device's message and sub_code `EINVALID_MESSAGE` (or
//! `EUNSUPPORTED_OP`).

use super::firewall_wire as wire;
use super::rpc_status;
use crate::change::Change;
use crate::ctx::Ctx;
use crate::error::{DeviceError, Field};
use crate::methods::jnx as path;
use crate::model::{CounterKind, Policer};
use jet::proto::jnx::firewall::{
    filter_add_response::StatusCode as Sub, firewall_server, FilterAddRequest, FilterAddResponse,
    FilterBindAddResponse, FilterBindDeleteResponse, FilterCounterGetRequest,
    FilterCounterGetResponse, FilterCounterSetRequest, FilterCounterSetResponse,
    FilterDeleteRequest, FilterDeleteResponse, FilterModifyRequest, FilterModifyResponse,
    FilterObjBindAddRequest, FilterObjBindDeleteRequest, FiltersPurgeTimerAddRequest,
    FiltersPurgeTimerAddResponse, FiltersPurgeTimerDeleteRequest, FiltersPurgeTimerDeleteResponse,
    FiltersPurgeTimerGetRequest, FiltersPurgeTimerGetResponse, PolicerAddRequest,
    PolicerAddResponse, PolicerCounterGetRequest, PolicerCounterGetResponse,
    PolicerCounterSetRequest, PolicerCounterSetResponse, PolicerDeleteRequest,
    PolicerDeleteResponse, PolicerModifyRequest, PolicerModifyResponse,
};
use tonic::{Request, Response, Status};

pub(crate) struct Firewall {
    pub(crate) ctx: Ctx,
}

/// The sub_code of an outcome; every response's nested `StatusCode` numbers
/// EOK=0, EINVALID_MESSAGE=1, EINTERNAL=2, EUNSUPPORTED_OP=3 alike.
fn sub_code(result: &Result<(), DeviceError>) -> i32 {
    match result {
        Ok(()) => Sub::Eok as i32,
        Err(e) if e.is_unsupported() => Sub::EunsupportedOp as i32,
        Err(_) => Sub::EinvalidMessage as i32,
    }
}

/// `Response<$ty>{status, sub_code}` for an outcome.
macro_rules! answer {
    ($ty:ident, $result:expr) => {{
        let result: Result<(), DeviceError> = $result;
        Ok(Response::new($ty {
            status: Some(rpc_status(&result)),
            sub_code: sub_code(&result),
        }))
    }};
}

/// Counter get: the counter, or the refusal with zero values.
macro_rules! counter_answer {
    ($ty:ident, $state:expr, $request:expr, $kind:expr) => {{
        let r = $request;
        let result = wire::name(&r.filter_name)
            .and_then(|filter| $state.counter(&filter, &r.counter_name, $kind));
        let (bytes, packets, outcome) = match result {
            Ok(c) => (c.bytes, c.packets, Ok(())),
            Err(e) => (0, 0, Err(e)),
        };
        Ok(Response::new($ty {
            status: Some(rpc_status(&outcome)),
            sub_code: sub_code(&outcome),
            counter_name: r.counter_name.clone(),
            bytes,
            packets,
        }))
    }};
}

impl Firewall {
    fn clear(&self, filter: &str, counter: &str, kind: CounterKind) -> Result<(), DeviceError> {
        let filter = wire::name(filter)?;
        self.ctx.state.apply(Change::CounterClear {
            filter,
            counter: counter.to_string(),
            kind,
        })
    }
}

#[tonic::async_trait]
impl firewall_server::Firewall for Firewall {
    async fn filter_add(
        &self,
        request: Request<FilterAddRequest>,
    ) -> Result<Response<FilterAddResponse>, Status> {
        let peer = self.ctx.authorize(path::FILTER_ADD, &request)?;
        let owner = self.ctx.client_id(peer);
        let r = request.get_ref();
        answer!(
            FilterAddResponse,
            wire::filter_spec(&r.name, r.family, &r.terms_list)
                .and_then(|filter| self.ctx.state.apply(Change::FilterAdd { filter, owner }))
        )
    }

    async fn filter_delete(
        &self,
        request: Request<FilterDeleteRequest>,
    ) -> Result<Response<FilterDeleteResponse>, Status> {
        self.ctx.authorize(path::FILTER_DELETE, &request)?;
        let r = request.get_ref();
        answer!(
            FilterDeleteResponse,
            (|| {
                let name = wire::name(&r.name)?;
                let family = wire::optional_family(r.family)?;
                self.ctx.state.apply(Change::FilterDelete { name, family })
            })()
        )
    }

    async fn filter_modify(
        &self,
        request: Request<FilterModifyRequest>,
    ) -> Result<Response<FilterModifyResponse>, Status> {
        self.ctx.authorize(path::FILTER_MODIFY, &request)?;
        let r = request.get_ref();
        answer!(
            FilterModifyResponse,
            (|| {
                let name = wire::name(&r.name)?;
                let family = wire::optional_family(r.family)?;
                let changes = wire::term_changes(&r.terms_list)?;
                self.ctx.state.apply(Change::FilterModify {
                    name,
                    family,
                    changes,
                })
            })()
        )
    }

    async fn filter_bind_add(
        &self,
        request: Request<FilterObjBindAddRequest>,
    ) -> Result<Response<FilterBindAddResponse>, Status> {
        self.ctx.authorize(path::FILTER_BIND_ADD, &request)?;
        let r = request.get_ref();
        answer!(
            FilterBindAddResponse,
            wire::bind(
                r.filter.as_ref(),
                r.bind_object.as_ref(),
                r.bind_direction,
                r.bind_family
            )
            .and_then(|bind| self.ctx.state.apply(Change::BindAdd(bind)))
        )
    }

    async fn filter_bind_delete(
        &self,
        request: Request<FilterObjBindDeleteRequest>,
    ) -> Result<Response<FilterBindDeleteResponse>, Status> {
        self.ctx.authorize(path::FILTER_BIND_DELETE, &request)?;
        let r = request.get_ref();
        answer!(
            FilterBindDeleteResponse,
            wire::bind(
                r.filter.as_ref(),
                r.bind_object.as_ref(),
                r.bind_direction,
                r.bind_family
            )
            .and_then(|bind| self.ctx.state.apply(Change::BindDelete(bind)))
        )
    }

    async fn policer_add(
        &self,
        request: Request<PolicerAddRequest>,
    ) -> Result<Response<PolicerAddResponse>, Status> {
        let peer = self.ctx.authorize(path::POLICER_ADD, &request)?;
        let r = request.get_ref();
        let policer = Policer {
            owner: self.ctx.client_id(peer),
            ..wire::policer(&r.name, r.r#type, r.flag)
        };
        answer!(
            PolicerAddResponse,
            self.ctx.state.apply(Change::PolicerAdd(policer))
        )
    }

    async fn policer_modify(
        &self,
        request: Request<PolicerModifyRequest>,
    ) -> Result<Response<PolicerModifyResponse>, Status> {
        self.ctx.authorize(path::POLICER_MODIFY, &request)?;
        let r = request.get_ref();
        let policer = wire::policer(&r.name, r.r#type, r.flag);
        answer!(
            PolicerModifyResponse,
            self.ctx.state.apply(Change::PolicerReplace(policer))
        )
    }

    async fn policer_delete(
        &self,
        request: Request<PolicerDeleteRequest>,
    ) -> Result<Response<PolicerDeleteResponse>, Status> {
        self.ctx.authorize(path::POLICER_DELETE, &request)?;
        let name = request.get_ref().name.clone();
        answer!(
            PolicerDeleteResponse,
            if name.is_empty() {
                Err(DeviceError::Missing(Field::Policer))
            } else {
                self.ctx.state.apply(Change::PolicerDelete { name })
            }
        )
    }

    async fn filter_counter_get(
        &self,
        request: Request<FilterCounterGetRequest>,
    ) -> Result<Response<FilterCounterGetResponse>, Status> {
        self.ctx.authorize(path::FILTER_COUNTER_GET, &request)?;
        counter_answer!(
            FilterCounterGetResponse,
            self.ctx.state,
            request.get_ref(),
            CounterKind::Filter
        )
    }

    async fn policer_counter_get(
        &self,
        request: Request<PolicerCounterGetRequest>,
    ) -> Result<Response<PolicerCounterGetResponse>, Status> {
        self.ctx.authorize(path::POLICER_COUNTER_GET, &request)?;
        counter_answer!(
            PolicerCounterGetResponse,
            self.ctx.state,
            request.get_ref(),
            CounterKind::Policer
        )
    }

    async fn filter_counter_set(
        &self,
        request: Request<FilterCounterSetRequest>,
    ) -> Result<Response<FilterCounterSetResponse>, Status> {
        self.ctx.authorize(path::FILTER_COUNTER_SET, &request)?;
        let r = request.get_ref();
        answer!(
            FilterCounterSetResponse,
            self.clear(&r.filter_name, &r.counter_name, CounterKind::Filter)
        )
    }

    async fn policer_counter_set(
        &self,
        request: Request<PolicerCounterSetRequest>,
    ) -> Result<Response<PolicerCounterSetResponse>, Status> {
        self.ctx.authorize(path::POLICER_COUNTER_SET, &request)?;
        let r = request.get_ref();
        answer!(
            PolicerCounterSetResponse,
            self.clear(&r.filter_name, &r.counter_name, CounterKind::Policer)
        )
    }

    async fn filters_purge_timer_add(
        &self,
        request: Request<FiltersPurgeTimerAddRequest>,
    ) -> Result<Response<FiltersPurgeTimerAddResponse>, Status> {
        self.ctx
            .authorize(path::FILTERS_PURGE_TIMER_ADD, &request)?;
        let seconds = request.get_ref().time;
        answer!(
            FiltersPurgeTimerAddResponse,
            self.ctx.state.apply(Change::PurgeTimerSet { seconds })
        )
    }

    async fn filters_purge_timer_delete(
        &self,
        request: Request<FiltersPurgeTimerDeleteRequest>,
    ) -> Result<Response<FiltersPurgeTimerDeleteResponse>, Status> {
        self.ctx
            .authorize(path::FILTERS_PURGE_TIMER_DELETE, &request)?;
        answer!(
            FiltersPurgeTimerDeleteResponse,
            self.ctx.state.apply(Change::PurgeTimerReset)
        )
    }

    async fn filters_purge_timer_get(
        &self,
        request: Request<FiltersPurgeTimerGetRequest>,
    ) -> Result<Response<FiltersPurgeTimerGetResponse>, Status> {
        self.ctx
            .authorize(path::FILTERS_PURGE_TIMER_GET, &request)?;
        Ok(Response::new(FiltersPurgeTimerGetResponse {
            status: Some(rpc_status(&Ok(()))),
            sub_code: Sub::Eok as i32,
            time: self.ctx.state.purge_timer(),
        }))
    }
}
