//! Management (operational commands, configuration) in the C ABI.

use super::failure::{boundary, optional_text, out, owned_c_string, text, Failure};
use super::service::{jet_service_t, session_with_deadline};
use super::status::jet_status_t::{self, *};
use crate::service::management::{
    Command, ConfigFormat, ConfigLoad, LoadType, OutputFormat, MAX_MANAGEMENT_TEXT,
};
use std::ffi::c_char;

/// How a command is written: one of the `JET_COMMAND_*` constants.
#[allow(non_camel_case_types)]
pub type jet_command_kind_t = i32;
/// CLI text, e.g. "show version".
pub const JET_COMMAND_CLI: jet_command_kind_t = 0;
/// An XML RPC, e.g. `<get-software-information/>`.
pub const JET_COMMAND_XML: jet_command_kind_t = 1;

/// An output format: one of the `JET_OUTPUT_*` constants.
#[allow(non_camel_case_types)]
pub type jet_output_format_t = i32;
/// JSON.
pub const JET_OUTPUT_JSON: jet_output_format_t = 0;
/// XML.
pub const JET_OUTPUT_XML: jet_output_format_t = 1;
/// CLI text.
pub const JET_OUTPUT_TEXT: jet_output_format_t = 2;

/// A configuration format: one of the `JET_CONFIG_*` constants.
#[allow(non_camel_case_types)]
pub type jet_config_format_t = i32;
/// Curly-brace text.
pub const JET_CONFIG_TEXT: jet_config_format_t = 0;
/// `set` commands, one per line.
pub const JET_CONFIG_SET: jet_config_format_t = 1;
/// XML.
pub const JET_CONFIG_XML: jet_config_format_t = 2;
/// JSON.
pub const JET_CONFIG_JSON: jet_config_format_t = 3;

/// A load mode: one of the `JET_LOAD_*` constants (ignored for JET_CONFIG_SET).
#[allow(non_camel_case_types)]
pub type jet_load_type_t = i32;
/// load merge.
pub const JET_LOAD_MERGE: jet_load_type_t = 0;
/// load replace.
pub const JET_LOAD_REPLACE: jet_load_type_t = 1;
/// load override.
pub const JET_LOAD_OVERRIDE: jet_load_type_t = 2;
/// load update.
pub const JET_LOAD_UPDATE: jet_load_type_t = 3;

fn choose<T: Copy>(value: i32, name: &str, choices: &[(i32, T)]) -> Result<T, Failure> {
    choices
        .iter()
        .find(|(v, _)| *v == value)
        .map(|(_, t)| *t)
        .ok_or_else(|| {
            Failure::new(
                JET_STATUS_INVALID_ARGUMENT,
                format!("{name} {value} is not one of its JET_* constants"),
            )
        })
}

/// Runs an operational command and writes its whole output (the streamed
/// reply gathered) to `*out_output`, freed with jet_string_free.
#[no_mangle]
pub extern "C" fn jet_management_run(
    session: *mut jet_service_t,
    command: *const c_char,
    kind: jet_command_kind_t,
    format: jet_output_format_t,
    timeout_ms: u32,
    out_output: *mut *mut c_char,
) -> jet_status_t {
    boundary("jet_management_run", || {
        let session = session_with_deadline(session, timeout_ms)?;
        let command = text(command, "command", MAX_MANAGEMENT_TEXT)?.to_string();
        let command = match choose(
            kind,
            "kind",
            &[(JET_COMMAND_CLI, true), (JET_COMMAND_XML, false)],
        )? {
            true => Command::Cli(command),
            false => Command::Xml(command),
        };
        let format = choose(
            format,
            "format",
            &[
                (JET_OUTPUT_JSON, OutputFormat::Json),
                (JET_OUTPUT_XML, OutputFormat::Xml),
                (JET_OUTPUT_TEXT, OutputFormat::Text),
            ],
        )?;
        let slot = out(out_output, "out_output")?;
        let output = session.management().run(&command, format)?;
        *slot = owned_c_string(&output);
        Ok(JET_STATUS_OK)
    })
}

/// Loads configuration; commits it with `commit_comment` when that is not
/// NULL ("" commits without a comment).
#[no_mangle]
pub extern "C" fn jet_management_load(
    session: *mut jet_service_t,
    config: *const c_char,
    format: jet_config_format_t,
    load_type: jet_load_type_t,
    commit_comment: *const c_char,
    timeout_ms: u32,
) -> jet_status_t {
    boundary("jet_management_load", || {
        let session = session_with_deadline(session, timeout_ms)?;
        let load = ConfigLoad {
            config: text(config, "config", MAX_MANAGEMENT_TEXT)?.to_string(),
            format: choose(
                format,
                "format",
                &[
                    (JET_CONFIG_TEXT, ConfigFormat::Text),
                    (JET_CONFIG_SET, ConfigFormat::Set),
                    (JET_CONFIG_XML, ConfigFormat::Xml),
                    (JET_CONFIG_JSON, ConfigFormat::Json),
                ],
            )?,
            load: choose(
                load_type,
                "load_type",
                &[
                    (JET_LOAD_MERGE, LoadType::Merge),
                    (JET_LOAD_REPLACE, LoadType::Replace),
                    (JET_LOAD_OVERRIDE, LoadType::Override),
                    (JET_LOAD_UPDATE, LoadType::Update),
                ],
            )?,
            commit: optional_text(commit_comment, "commit_comment", 4096)?.map(str::to_string),
        };
        session.management().load(&load)?;
        Ok(JET_STATUS_OK)
    })
}
