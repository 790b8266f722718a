//! Management on the legacy IDL (`management.ManagementRpcApi`).

use super::{Command, ConfigLoad, LoadType, OutputFormat, Payload};
use crate::error::Result;
use crate::proto::legacy::management::{
    self as wire, management_rpc_api_client::ManagementRpcApiClient,
};
use crate::service::status::{from_status, refused};
use std::sync::atomic::{AtomicU64, Ordering};
use tonic::transport::Channel;

/// Request ids of this process.
fn next_request_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The ExecuteOpCommand request.
pub(crate) fn run_request(
    command: &Command,
    format: OutputFormat,
    request_id: u64,
) -> wire::ExecuteOpCommandRequest {
    use wire::execute_op_command_request::Command as Wire;
    let out_format = match format {
        OutputFormat::Json => wire::OperationFormatType::Json,
        OutputFormat::Xml => wire::OperationFormatType::Xml,
        OutputFormat::Text => wire::OperationFormatType::Cli,
    };
    wire::ExecuteOpCommandRequest {
        request_id,
        out_format: out_format as i32,
        command: Some(match command {
            Command::Cli(text) => Wire::CliCommand(text.clone()),
            Command::Xml(text) => Wire::XmlCommand(text.clone()),
        }),
    }
}

/// The ExecuteCfgCommand request. Legacy load types: REPLACE=0, MERGE=1;
/// commit types: SYNCHRONIZE=0, COMMIT=1 (the jnx IDL orders both differently).
pub(crate) fn load_request(load: &ConfigLoad, request_id: u64) -> wire::ExecuteCfgCommandRequest {
    use wire::execute_cfg_command_request::Config;
    const COMMIT: i32 = 1;
    let (payload, load_type) = load.payload();
    let load_type = match load_type {
        None => wire::ConfigLoadType::Set,
        Some(LoadType::Merge) => wire::ConfigLoadType::Merge,
        Some(LoadType::Replace) => wire::ConfigLoadType::Replace,
        Some(LoadType::Override) => wire::ConfigLoadType::Override,
        Some(LoadType::Update) => wire::ConfigLoadType::Update,
    };
    wire::ExecuteCfgCommandRequest {
        request_id,
        load_type: load_type as i32,
        commit: load.commit.as_ref().map(|comment| wire::ConfigCommit {
            commit_type: COMMIT,
            comment: comment.clone(),
        }),
        config: Some(match payload {
            Payload::Xml(text) => Config::XmlConfig(text),
            Payload::Json(text) => Config::JsonConfig(text),
            Payload::Text(text) => Config::TextConfig(text),
        }),
    }
}

fn check(what: &str, status: i32, message: &str) -> Result<()> {
    if status == wire::JunosRpcResponseTypes::Success as i32 {
        return Ok(());
    }
    let name = wire::JunosRpcResponseTypes::try_from(status)
        .map(|s| s.as_str_name())
        .unwrap_or("unknown status");
    Err(refused(
        what,
        status,
        if message.is_empty() { name } else { message },
    ))
}

/// Runs a command and gathers its streamed output.
pub(crate) async fn run(
    channel: Channel,
    command: &Command,
    format: OutputFormat,
) -> Result<String> {
    let what = "operational command";
    let mut stream = ManagementRpcApiClient::new(channel)
        .execute_op_command(run_request(command, format, next_request_id()))
        .await
        .map_err(|s| from_status(what, &s))?
        .into_inner();
    let mut output = String::new();
    while let Some(reply) = stream.message().await.map_err(|s| from_status(what, &s))? {
        check(what, reply.status, &reply.message)?;
        output.push_str(&reply.data);
    }
    Ok(output)
}

/// Loads (and maybe commits) configuration.
pub(crate) async fn load(channel: Channel, load: &ConfigLoad) -> Result<()> {
    let what = "configuration load";
    let reply = ManagementRpcApiClient::new(channel)
        .execute_cfg_command(load_request(load, next_request_id()))
        .await
        .map_err(|s| from_status(what, &s))?
        .into_inner();
    check(what, reply.status, &reply.message)
}

#[cfg(test)]
mod tests {
    use super::super::ConfigFormat;
    use super::*;

    #[test]
    fn requests_use_the_legacy_enum_values() {
        let request = run_request(
            &Command::Xml("<get-software-information/>".into()),
            OutputFormat::Json,
            7,
        );
        assert_eq!((request.request_id, request.out_format), (7, 0));
        let load = ConfigLoad {
            config: "set system host-name r1".into(),
            format: ConfigFormat::Set,
            load: LoadType::Merge,
            commit: Some(String::new()),
        };
        let request = load_request(&load, 9);
        assert_eq!(request.load_type, 4, "SET");
        assert_eq!(
            request.commit,
            Some(wire::ConfigCommit {
                commit_type: 1,
                comment: String::new()
            })
        );
        let replace = load_request(
            &ConfigLoad {
                format: ConfigFormat::Text,
                load: LoadType::Replace,
                ..load
            },
            10,
        );
        assert_eq!(replace.load_type, 0, "REPLACE is 0 in the legacy IDL");
    }

    #[test]
    fn failures_keep_the_status() {
        check("x", 0, "").unwrap();
        let error = check("x", 4, "").unwrap_err();
        assert_eq!(error.device_code(), Some(4));
        assert!(error.message().contains("INVALID_CONFIGURATION"), "{error}");
    }
}
