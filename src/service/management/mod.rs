//! Management: run operational commands and load configuration.
//!
//! Operational commands stream their reply; libjet gathers it into one
//! string. A `set`-format configuration travels as XML wrapped in
//! `<configuration-set>` with load type SET, as Juniper's own sample client
//! does (the same on both generations).

mod jnx;
mod legacy;

use super::options::Generation;
use super::session::{Service, ServiceSession};
use crate::error::{Error, Result};

/// The longest command or configuration accepted (bytes).
pub const MAX_MANAGEMENT_TEXT: usize = 16 * 1024 * 1024;

/// An operational command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// CLI text, e.g. "show version".
    Cli(String),
    /// An XML RPC, e.g. `<get-software-information/>`.
    Xml(String),
}

/// The format of a command's output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// JSON.
    Json,
    /// XML.
    Xml,
    /// CLI text.
    Text,
}

/// The format of configuration to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigFormat {
    /// Curly-brace text.
    Text,
    /// `set` commands, one per line (loaded with load type SET).
    Set,
    /// XML.
    Xml,
    /// JSON.
    Json,
}

/// How loaded configuration combines with the existing one (Junos `load` modes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LoadType {
    /// `load merge` (default).
    #[default]
    Merge,
    /// `load replace`.
    Replace,
    /// `load override`.
    Override,
    /// `load update`.
    Update,
}

/// A configuration load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigLoad {
    /// The configuration text.
    pub config: String,
    /// Its format.
    pub format: ConfigFormat,
    /// The load mode (ignored for [`ConfigFormat::Set`], which always loads as SET).
    pub load: LoadType,
    /// Commit after loading, with this comment (`Some("")` commits without one).
    pub commit: Option<String>,
}

impl Command {
    fn text(&self) -> &str {
        match self {
            Command::Cli(text) | Command::Xml(text) => text,
        }
    }
}

fn check_text(what: &str, text: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(Error::invalid(format!("{what} is empty")));
    }
    if text.len() > MAX_MANAGEMENT_TEXT {
        return Err(Error::invalid(format!(
            "{what} is over {MAX_MANAGEMENT_TEXT} bytes"
        )));
    }
    Ok(())
}

/// The wire form of a configuration: which oneof member and the load type
/// to use, shared by both generations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Payload {
    Xml(String),
    Json(String),
    Text(String),
}

impl ConfigLoad {
    /// The payload and the effective load type.
    pub(crate) fn payload(&self) -> (Payload, Option<LoadType>) {
        match self.format {
            ConfigFormat::Set => (
                Payload::Xml(format!(
                    "<configuration-set>{}</configuration-set>",
                    xml_escape(&self.config)
                )),
                None,
            ),
            ConfigFormat::Text => (Payload::Text(self.config.clone()), Some(self.load)),
            ConfigFormat::Xml => (Payload::Xml(self.config.clone()), Some(self.load)),
            ConfigFormat::Json => (Payload::Json(self.config.clone()), Some(self.load)),
        }
    }
}

/// Escapes text for an XML element body.
fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The management service of a session: `session.management()`.
#[derive(Debug, Clone, Copy)]
pub struct Management<'a> {
    session: &'a ServiceSession,
}

impl ServiceSession {
    /// The management service.
    pub fn management(&self) -> Management<'_> {
        Management { session: self }
    }
}

impl Management<'_> {
    /// Runs an operational command and returns its whole output.
    pub fn run(&self, command: &Command, format: OutputFormat) -> Result<String> {
        check_text("the command", command.text())?;
        self.session
            .call(Service::Management, |channel, generation| async move {
                match generation {
                    Generation::Jnx => jnx::run(channel, command, format).await,
                    Generation::Legacy => legacy::run(channel, command, format).await,
                }
            })
    }

    /// Loads configuration, and commits it when asked.
    pub fn load(&self, load: &ConfigLoad) -> Result<()> {
        check_text("the configuration", &load.config)?;
        if let Some(comment) = &load.commit {
            if comment.len() > 4096 || comment.contains('\0') {
                return Err(Error::invalid(
                    "the commit comment must be at most 4096 bytes without NUL",
                ));
            }
        }
        self.session
            .call(Service::Management, |channel, generation| async move {
                match generation {
                    Generation::Jnx => jnx::load(channel, load).await,
                    Generation::Legacy => legacy::load(channel, load).await,
                }
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_commands_travel_as_escaped_configuration_set_xml() {
        let load = ConfigLoad {
            config: "set system host-name r1\nset interfaces lo0 description \"a<b\"".into(),
            format: ConfigFormat::Set,
            load: LoadType::Replace,
            commit: None,
        };
        let (payload, load_type) = load.payload();
        assert_eq!(
            payload,
            Payload::Xml(
                "<configuration-set>set system host-name r1\nset interfaces lo0 description \"a&lt;b\"</configuration-set>".into()
            )
        );
        assert_eq!(load_type, None);
    }

    #[test]
    fn empty_input_is_refused() {
        assert!(check_text("the command", "  ").is_err());
        assert!(check_text("the command", "show version").is_ok());
    }
}
