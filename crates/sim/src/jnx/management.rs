//! `jnx.jet.management.Management`: OpCommandGet streams its output in two
//! or more chunks (status SUCCESS each) or answers one message with status
//! FAILURE; ConfigSet answers SUCCESS, or FAILURE for text containing
//! `invalid`.

use super::{failure, rpc_status, success};
use crate::change::Change;
use crate::ctx::{reply_stream, Ctx, ReplyStream};
use crate::error::{DeviceError, Field};
use crate::methods::jnx as path;
use crate::model::{ConfigFormat, ConfigRecord, Generation, LoadType, OpCommand, OutputFormat};
use crate::ops;
use jet::proto::jnx::management::config_set_request::Config;
use jet::proto::jnx::management::ephemeral_config_set_request::config_operation::Value;
use jet::proto::jnx::management::op_command_get_request::Command;
use jet::proto::jnx::management::{
    ephemeral_config_get_response, ephemeral_config_set_response, management_server,
    ConfigSetRequest, ConfigSetResponse, EphemeralConfigGetRequest, EphemeralConfigGetResponse,
    EphemeralConfigSetRequest, EphemeralConfigSetResponse, OpCommandGetRequest,
    OpCommandGetResponse,
};
use tonic::{Request, Response, Status};

pub(crate) struct Management {
    pub(crate) ctx: Ctx,
}

fn op_replies(state: &crate::DeviceState, r: &OpCommandGetRequest) -> Vec<OpCommandGetResponse> {
    let fail = |message: String| {
        vec![OpCommandGetResponse {
            status: Some(failure(message)),
            data: String::new(),
        }]
    };
    let command = match &r.command {
        Some(Command::CliCommand(c)) => OpCommand::Cli(c.clone()),
        Some(Command::XmlCommand(c)) => OpCommand::Xml(c.clone()),
        None => return fail(DeviceError::Missing(Field::Command).to_string()),
    };
    let Some(format) = OutputFormat::from_wire(r.out_format) else {
        return fail(format!("output format {} is not supported", r.out_format));
    };
    match ops::execute(state, command, format, Generation::Jnx) {
        Ok(chunks) => chunks
            .into_iter()
            .map(|data| OpCommandGetResponse {
                status: Some(success()),
                data,
            })
            .collect(),
        Err(e) => fail(e.to_string()),
    }
}

fn config(r: &ConfigSetRequest) -> Result<ConfigRecord, DeviceError> {
    let (format, text) = match &r.config {
        Some(Config::XmlConfig(t)) => (ConfigFormat::Xml, t.clone()),
        Some(Config::JsonConfig(t)) => (ConfigFormat::Json, t.clone()),
        Some(Config::TextConfig(t)) => (ConfigFormat::Text, t.clone()),
        None => return Err(DeviceError::Missing(Field::Config)),
    };
    let load_type = LoadType::from_jnx(r.load_type).ok_or_else(|| {
        DeviceError::InvalidMessage(format!("load type {} is not supported", r.load_type))
    })?;
    Ok(ConfigRecord {
        format,
        text,
        load_type,
        comment: r
            .commit
            .as_ref()
            .map(|c| c.comment.clone())
            .filter(|c| !c.is_empty()),
        generation: Generation::Jnx,
    })
}

#[tonic::async_trait]
impl management_server::Management for Management {
    type OpCommandGetStream = ReplyStream<OpCommandGetResponse>;

    async fn op_command_get(
        &self,
        request: Request<OpCommandGetRequest>,
    ) -> Result<Response<Self::OpCommandGetStream>, Status> {
        self.ctx.authorize(path::OP_COMMAND_GET, &request)?;
        Ok(Response::new(reply_stream(op_replies(
            &self.ctx.state,
            request.get_ref(),
        ))))
    }

    async fn config_set(
        &self,
        request: Request<ConfigSetRequest>,
    ) -> Result<Response<ConfigSetResponse>, Status> {
        self.ctx.authorize(path::CONFIG_SET, &request)?;
        let result = config(request.get_ref())
            .and_then(|record| self.ctx.state.apply(Change::ConfigLoad(record)));
        Ok(Response::new(ConfigSetResponse {
            status: Some(rpc_status(&result)),
        }))
    }

    async fn ephemeral_config_get(
        &self,
        request: Request<EphemeralConfigGetRequest>,
    ) -> Result<Response<EphemeralConfigGetResponse>, Status> {
        self.ctx.authorize(path::EPHEMERAL_CONFIG_GET, &request)?;
        let r = request.get_ref();
        let config_responses: Vec<_> = r
            .config_requests
            .iter()
            .map(|q| {
                let key = (r.instance_name.clone(), q.path.clone());
                let value = self.ctx.state.read(|m| m.ephemeral.get(&key).cloned());
                ephemeral_config_get_response::ConfigPathResponse {
                    status: Some(match &value {
                        Some(_) => success(),
                        None => failure(format!("no ephemeral configuration at {}", q.path)),
                    }),
                    id: q.id.clone(),
                    path: q.path.clone(),
                    value: value.unwrap_or_default(),
                }
            })
            .collect();
        let all_found = config_responses
            .iter()
            .all(|c| c.status.as_ref().is_some_and(|s| s.code == 0));
        Ok(Response::new(EphemeralConfigGetResponse {
            status: Some(if all_found {
                success()
            } else {
                failure("some paths have no ephemeral configuration")
            }),
            config_responses,
        }))
    }

    async fn ephemeral_config_set(
        &self,
        request: Request<EphemeralConfigSetRequest>,
    ) -> Result<Response<EphemeralConfigSetResponse>, Status> {
        self.ctx.authorize(path::EPHEMERAL_CONFIG_SET, &request)?;
        let r = request.get_ref();
        let mut all_ok = true;
        let operation_responses = r
            .config_operations
            .iter()
            .map(|op| {
                let result = match &op.value {
                    Some(Value::XmlConfig(v)) | Some(Value::JsonConfig(v)) => {
                        self.ctx.state.apply(Change::EphemeralSet {
                            instance: r.instance_name.clone(),
                            path: op.path.clone(),
                            value: v.clone(),
                        })
                    }
                    None => Err(DeviceError::Missing(Field::Config)),
                };
                all_ok &= result.is_ok();
                ephemeral_config_set_response::ConfigOperationResponse {
                    status: Some(rpc_status(&result)),
                    id: op.id.clone(),
                }
            })
            .collect();
        Ok(Response::new(EphemeralConfigSetResponse {
            status: Some(if all_ok {
                success()
            } else {
                failure("some operations failed")
            }),
            operation_responses,
        }))
    }
}
