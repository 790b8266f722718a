//! `jet policer add|modify|delete`: two-color policers as JSON documents.

use super::args::{api_note, read_input, ServiceArgs};
use super::exit::{Context, Failure};
use super::output;
use clap::{Args, Subcommand, ValueEnum};
use jet::service::firewall::{Policer, PolicerScope};
use jet::service::Service;
use std::path::{Path, PathBuf};

/// `jet policer`.
#[derive(Debug, Clone, Subcommand)]
pub enum PolicerCmd {
    /// Add a policer from its JSON document (add it before the filters that name it)
    #[command(after_help = "\
Example:
  jet policer add --file icmp-1m.json --device r1 --user lab --client-id demo

icmp-1m.json:
  {\"name\": \"icmp-1m\", \"two-color\": {\"bandwidth\": {\"value\": 1, \"unit\": \"mbps\"},
   \"burst\": {\"value\": 15, \"unit\": \"kbytes\"}, \"then\": \"discard\"}}")]
    Add(PolicerFileArgs),
    /// Change a policer's limits and action
    #[command(after_help = "\
Example:
  jet policer modify --file icmp-1m.json --device r1 --user lab --client-id demo")]
    Modify(PolicerFileArgs),
    /// Delete a policer
    #[command(after_help = "\
Example:
  jet policer delete icmp-1m --device r1 --user lab --client-id demo")]
    Delete(PolicerDeleteArgs),
}

/// A policer document and the connection.
#[derive(Debug, Clone, Args)]
pub struct PolicerFileArgs {
    /// The policer's JSON document (`-`: stdin)
    #[arg(short = 'f', long, value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub connection: ServiceArgs,
}

/// `jet policer delete`.
#[derive(Debug, Clone, Args)]
pub struct PolicerDeleteArgs {
    /// The policer's name
    #[arg(value_name = "NAME")]
    pub name: String,
    /// The policer's scope
    #[arg(
        long,
        value_enum,
        value_name = "SCOPE",
        default_value = "term-specific"
    )]
    pub scope: ScopeArg,
    #[command(flatten)]
    pub connection: ServiceArgs,
}

/// `--scope`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScopeArg {
    /// One instance per term that names it
    TermSpecific,
    /// One instance for the whole filter
    FilterSpecific,
}

impl From<ScopeArg> for PolicerScope {
    fn from(scope: ScopeArg) -> PolicerScope {
        match scope {
            ScopeArg::TermSpecific => PolicerScope::TermSpecific,
            ScopeArg::FilterSpecific => PolicerScope::FilterSpecific,
        }
    }
}

fn read_policer(what: &str, path: &Path) -> Result<Policer, Failure> {
    let text = read_input(what, path)?;
    Policer::from_json(&text).map_err(|e| {
        let failure = Failure::from_error(what, &e);
        Failure::usage(what, format!("{}: {}", path.display(), failure.message()))
    })
}

/// Runs `jet policer …`.
pub fn run(cmd: &PolicerCmd) -> Result<(), Failure> {
    let (text, session) = match cmd {
        PolicerCmd::Add(args) | PolicerCmd::Modify(args) => {
            let add = matches!(cmd, PolicerCmd::Add(_));
            let what = if add { "policer add" } else { "policer modify" };
            let policer = read_policer(what, &args.file)?;
            let session = args.connection.open(what)?;
            let firewall = session.firewall();
            if add {
                firewall.add_policer(&policer).context(what)?;
            } else {
                firewall.modify_policer(&policer).context(what)?;
            }
            let verb = if add { "added" } else { "modified" };
            (format!("{verb} policer {}", policer.name), session)
        }
        PolicerCmd::Delete(args) => {
            let what = "policer delete";
            let session = args.connection.open(what)?;
            session
                .firewall()
                .delete_policer(&args.name, args.scope.into())
                .context(what)?;
            (format!("deleted policer {}", args.name), session)
        }
    };
    output::say(&format!("{text}{}", api_note(&session, Service::Firewall)));
    Ok(())
}
