//! `jet op COMMAND`: runs an operational command and prints its output.

use super::args::{api_note, ServiceArgs};
use super::exit::{Context, Failure};
use super::output;
use clap::{Args, ValueEnum};
use jet::service::management::{Command, OutputFormat};
use jet::service::Service;

/// `jet op`.
#[derive(Debug, Clone, Args)]
#[command(after_help = "\
Examples:
  jet op \"show version\" --device r1 --user lab
  jet op show interfaces terse --format json --device r1 --user lab
  jet op --xml '<get-software-information/>' --format xml --device r1 --user lab

The device streams the output; jet gathers it and prints it as it came.")]
pub struct OpCmd {
    /// The command (its words may be given separately), or an XML RPC with --xml
    #[arg(value_name = "COMMAND", required = true, num_args = 1..)]
    pub command: Vec<String>,
    /// The format of the output
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "text")]
    pub format: FormatArg,
    /// COMMAND is an XML RPC, e.g. `<get-software-information/>`
    #[arg(long)]
    pub xml: bool,
    #[command(flatten)]
    pub connection: ServiceArgs,
}

/// `--format` of `jet op`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// CLI text
    Text,
    /// JSON
    Json,
    /// XML
    Xml,
}

impl From<FormatArg> for OutputFormat {
    fn from(format: FormatArg) -> OutputFormat {
        match format {
            FormatArg::Text => OutputFormat::Text,
            FormatArg::Json => OutputFormat::Json,
            FormatArg::Xml => OutputFormat::Xml,
        }
    }
}

/// Runs `jet op`; with `verbose`, says on stderr which API answered.
pub fn run(cmd: &OpCmd, verbose: bool) -> Result<(), Failure> {
    let what = "op";
    let text = cmd.command.join(" ");
    let command = if cmd.xml {
        Command::Xml(text)
    } else {
        Command::Cli(text)
    };
    let session = cmd.connection.open(what)?;
    let reply = session
        .management()
        .run(&command, cmd.format.into())
        .context(what)?;
    let _ = output::block(&reply);
    if verbose {
        output::note(
            what,
            &format!("done{}", api_note(&session, Service::Management)),
        );
    }
    Ok(())
}
