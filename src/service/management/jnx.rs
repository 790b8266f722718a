//! Management on the jnx IDL (`jnx.jet.management.Management`).

use super::{Command, ConfigLoad, LoadType, OutputFormat, Payload};
use crate::error::Result;
use crate::proto::jnx::common::{RpcStatus, StatusCode};
use crate::proto::jnx::management::{self as wire, management_client::ManagementClient};
use crate::service::status::{from_status, refused};
use tonic::transport::Channel;

/// The OpCommandGet request.
pub(crate) fn run_request(command: &Command, format: OutputFormat) -> wire::OpCommandGetRequest {
    use wire::op_command_get_request::Command as Wire;
    let out_format = match format {
        OutputFormat::Json => wire::OpCommandOutputFormat::OpCommandOutputJson,
        OutputFormat::Xml => wire::OpCommandOutputFormat::OpCommandOutputXml,
        OutputFormat::Text => wire::OpCommandOutputFormat::OpCommandOutputCli,
    };
    wire::OpCommandGetRequest {
        out_format: out_format as i32,
        command: Some(match command {
            Command::Cli(text) => Wire::CliCommand(text.clone()),
            Command::Xml(text) => Wire::XmlCommand(text.clone()),
        }),
    }
}

/// The ConfigSet request. jnx load types: MERGE=0, REPLACE=1 (legacy differs).
pub(crate) fn load_request(load: &ConfigLoad) -> wire::ConfigSetRequest {
    use wire::config_set_request::Config;
    let (payload, load_type) = load.payload();
    let load_type = match load_type {
        None => wire::ConfigLoadType::ConfigLoadSet,
        Some(LoadType::Merge) => wire::ConfigLoadType::ConfigLoadMerge,
        Some(LoadType::Replace) => wire::ConfigLoadType::ConfigLoadReplace,
        Some(LoadType::Override) => wire::ConfigLoadType::ConfigLoadOverride,
        Some(LoadType::Update) => wire::ConfigLoadType::ConfigLoadUpdate,
    };
    wire::ConfigSetRequest {
        load_type: load_type as i32,
        commit: load.commit.as_ref().map(|comment| wire::ConfigCommit {
            r#type: wire::ConfigCommitType::ConfigCommit as i32,
            comment: comment.clone(),
        }),
        config: Some(match payload {
            Payload::Xml(text) => Config::XmlConfig(text),
            Payload::Json(text) => Config::JsonConfig(text),
            Payload::Text(text) => Config::TextConfig(text),
        }),
    }
}

fn check(what: &str, status: Option<RpcStatus>) -> Result<()> {
    let status = status.unwrap_or_default();
    if status.code == StatusCode::Success as i32 {
        Ok(())
    } else {
        Err(refused(what, status.code, &status.message))
    }
}

/// Runs a command and gathers its streamed output.
pub(crate) async fn run(
    channel: Channel,
    command: &Command,
    format: OutputFormat,
) -> Result<String> {
    let what = "operational command";
    let mut stream = ManagementClient::new(channel)
        .op_command_get(run_request(command, format))
        .await
        .map_err(|s| from_status(what, &s))?
        .into_inner();
    let mut output = String::new();
    while let Some(reply) = stream.message().await.map_err(|s| from_status(what, &s))? {
        check(what, reply.status)?;
        output.push_str(&reply.data);
    }
    Ok(output)
}

/// Loads (and maybe commits) configuration.
pub(crate) async fn load(channel: Channel, load: &ConfigLoad) -> Result<()> {
    let what = "configuration load";
    let reply = ManagementClient::new(channel)
        .config_set(load_request(load))
        .await
        .map_err(|s| from_status(what, &s))?
        .into_inner();
    check(what, reply.status)
}

#[cfg(test)]
mod tests {
    use super::super::ConfigFormat;
    use super::*;

    #[test]
    fn requests_use_the_jnx_enum_values() {
        let request = run_request(&Command::Cli("show version".into()), OutputFormat::Text);
        assert_eq!(request.out_format, 2);
        let load = ConfigLoad {
            config: "system { host-name r1; }".into(),
            format: ConfigFormat::Text,
            load: LoadType::Replace,
            commit: Some("by libjet".into()),
        };
        let request = load_request(&load);
        assert_eq!(request.load_type, 1, "REPLACE is 1 in the jnx IDL");
        assert_eq!(
            request.commit,
            Some(wire::ConfigCommit {
                r#type: 0,
                comment: "by libjet".into()
            })
        );
        assert_eq!(
            request.config,
            Some(wire::config_set_request::Config::TextConfig(
                load.config.clone()
            ))
        );
        let merge = load_request(&ConfigLoad {
            load: LoadType::Merge,
            commit: None,
            ..load
        });
        assert_eq!((merge.load_type, merge.commit), (0, None));
    }
}
