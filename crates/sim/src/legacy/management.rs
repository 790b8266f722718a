//! `management.ManagementRpcApi`: op commands stream their output in two or
//! more chunks (status SUCCESS each) or answer one message with status NOK
//! and a message; configs answer SUCCESS, or INVALID_CONFIGURATION for text
//! containing `invalid`.

use crate::change::Change;
use crate::ctx::{reply_stream, Ctx, ReplyStream};
use crate::error::{DeviceError, Field};
use crate::methods::legacy as path;
use crate::model::{ConfigFormat, ConfigRecord, Generation, LoadType, OpCommand, OutputFormat};
use crate::ops;
use jet::proto::legacy::management::edit_ephemeral_config_request::config_operation_list::Value;
use jet::proto::legacy::management::execute_cfg_command_request::Config;
use jet::proto::legacy::management::execute_op_command_request::Command;
use jet::proto::legacy::management::{
    edit_ephemeral_config_response, get_ephemeral_config_response, management_rpc_api_server,
    EditEphemeralConfigRequest, EditEphemeralConfigResponse, ExecuteCfgCommandRequest,
    ExecuteCfgCommandResponse, ExecuteOpCommandRequest, ExecuteOpCommandResponse,
    GetEphemeralConfigRequest, GetEphemeralConfigResponse, JunosRpcResponseTypes as Rpc,
};
use tonic::{Request, Response, Status};

pub(crate) struct Management {
    pub(crate) ctx: Ctx,
}

fn op_replies(
    state: &crate::DeviceState,
    r: &ExecuteOpCommandRequest,
) -> Vec<ExecuteOpCommandResponse> {
    let failure = |status: Rpc, message: String| {
        vec![ExecuteOpCommandResponse {
            request_id: r.request_id,
            data: String::new(),
            status: status as i32,
            message,
        }]
    };
    let command = match &r.command {
        Some(Command::CliCommand(c)) => OpCommand::Cli(c.clone()),
        Some(Command::XmlCommand(c)) => OpCommand::Xml(c.clone()),
        Some(Command::JsonCommand(c)) => OpCommand::Json(c.clone()),
        None => return failure(Rpc::Nok, DeviceError::Missing(Field::Command).to_string()),
    };
    let Some(format) = OutputFormat::from_wire(r.out_format) else {
        return failure(
            Rpc::UnsupportedEncoding,
            format!("output format {} is not supported", r.out_format),
        );
    };
    match ops::execute(state, command, format, Generation::Legacy) {
        Ok(chunks) => chunks
            .into_iter()
            .map(|data| ExecuteOpCommandResponse {
                request_id: r.request_id,
                data,
                status: Rpc::Success as i32,
                message: String::new(),
            })
            .collect(),
        Err(e) => failure(Rpc::Nok, e.to_string()),
    }
}

fn config(r: &ExecuteCfgCommandRequest) -> Result<ConfigRecord, (Rpc, String)> {
    let (format, text) = match &r.config {
        Some(Config::XmlConfig(t)) => (ConfigFormat::Xml, t.clone()),
        Some(Config::JsonConfig(t)) => (ConfigFormat::Json, t.clone()),
        Some(Config::TextConfig(t)) => (ConfigFormat::Text, t.clone()),
        None => return Err((Rpc::Nok, DeviceError::Missing(Field::Config).to_string())),
    };
    let load_type = LoadType::from_legacy(r.load_type).ok_or_else(|| {
        (
            Rpc::Nok,
            format!("load type {} is not supported", r.load_type),
        )
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
        generation: Generation::Legacy,
    })
}

#[tonic::async_trait]
impl management_rpc_api_server::ManagementRpcApi for Management {
    type ExecuteOpCommandStream = ReplyStream<ExecuteOpCommandResponse>;

    async fn execute_op_command(
        &self,
        request: Request<ExecuteOpCommandRequest>,
    ) -> Result<Response<Self::ExecuteOpCommandStream>, Status> {
        self.ctx.authorize(path::EXECUTE_OP_COMMAND, &request)?;
        Ok(Response::new(reply_stream(op_replies(
            &self.ctx.state,
            request.get_ref(),
        ))))
    }

    async fn execute_cfg_command(
        &self,
        request: Request<ExecuteCfgCommandRequest>,
    ) -> Result<Response<ExecuteCfgCommandResponse>, Status> {
        self.ctx.authorize(path::EXECUTE_CFG_COMMAND, &request)?;
        let r = request.get_ref();
        let result = config(r).and_then(|record| {
            self.ctx
                .state
                .apply(Change::ConfigLoad(record))
                .map_err(|e| match e {
                    DeviceError::InvalidConfiguration(_) => {
                        (Rpc::InvalidConfiguration, e.to_string())
                    }
                    e => (Rpc::Nok, e.to_string()),
                })
        });
        let (status, message) = match result {
            Ok(()) => (Rpc::Success, String::new()),
            Err(failure) => failure,
        };
        Ok(Response::new(ExecuteCfgCommandResponse {
            request_id: r.request_id,
            status: status as i32,
            message,
        }))
    }

    async fn get_ephemeral_config(
        &self,
        request: Request<GetEphemeralConfigRequest>,
    ) -> Result<Response<GetEphemeralConfigResponse>, Status> {
        self.ctx.authorize(path::GET_EPHEMERAL_CONFIG, &request)?;
        let r = request.get_ref();
        let response = r
            .eph_config_requests
            .iter()
            .map(|q| {
                let key = (r.eph_instance_name.clone(), q.path.clone());
                let value = self.ctx.state.read(|m| m.ephemeral.get(&key).cloned());
                let (status, message) = match &value {
                    Some(_) => (Rpc::Success, String::new()),
                    None => (
                        Rpc::InvalidPath,
                        format!("no ephemeral configuration at {}", q.path),
                    ),
                };
                get_ephemeral_config_response::ResponseList {
                    operation_id: q.operation_id.clone(),
                    path: q.path.clone(),
                    value: value.unwrap_or_default(),
                    status: status as i32,
                    message,
                }
            })
            .collect();
        Ok(Response::new(GetEphemeralConfigResponse {
            request_id: r.request_id,
            response,
        }))
    }

    async fn edit_ephemeral_config(
        &self,
        request: Request<EditEphemeralConfigRequest>,
    ) -> Result<Response<EditEphemeralConfigResponse>, Status> {
        self.ctx.authorize(path::EDIT_EPHEMERAL_CONFIG, &request)?;
        let r = request.get_ref();
        let response = r
            .eph_config_operations
            .iter()
            .map(|op| {
                let result = match &op.value {
                    Some(Value::XmlConfig(v)) | Some(Value::JsonConfig(v)) => {
                        self.ctx.state.apply(Change::EphemeralSet {
                            instance: r.eph_instance_name.clone(),
                            path: op.path.clone(),
                            value: v.clone(),
                        })
                    }
                    None => Err(DeviceError::Missing(Field::Config)),
                };
                let (status, message) = match result {
                    Ok(()) => (Rpc::Success, String::new()),
                    Err(e) => (Rpc::Nok, e.to_string()),
                };
                edit_ephemeral_config_response::ResponseList {
                    operation_id: op.operation_id.clone(),
                    status: status as i32,
                    message,
                }
            })
            .collect();
        Ok(Response::new(EditEphemeralConfigResponse {
            request_id: r.request_id,
            response,
        }))
    }
}
