//! `jet counter get|list|clear`: a filter's counters.

use super::args::{api_note, ServiceArgs};
use super::exit::{Context, Failure};
use super::filter::read_filter;
use super::output;
use clap::{Args, Subcommand};
use jet::error::ErrorKind;
use jet::service::firewall::CounterValue;
use jet::service::Service;
use std::path::PathBuf;

/// `jet counter`.
#[derive(Debug, Clone, Subcommand)]
pub enum CounterCmd {
    /// Read one counter of a filter
    #[command(after_help = "\
Example:
  jet counter get jet-demo-icmp icmp-count --device r1 --user lab
prints
  jet-demo-icmp icmp-count: 12 packets, 1008 bytes (jnx API)
or, with --json, {\"name\":\"icmp-count\",\"bytes\":1008,\"packets\":12}.")]
    Get(GetArgs),
    /// Read every counter of a filter
    #[command(after_help = "\
Example:
  jet counter list jet-demo-icmp --device r1 --user lab
  jet counter list jet-demo-icmp --file jet-demo-icmp.json --device r1

The legacy IDL reads all of a filter's counters at once; the jnx IDL cannot.
Without --file, jet reads them with the legacy bulk read, which devices up to
19.2 and those that serve both IDLs answer; with --api auto that one read does
not change the IDL the other commands use (each line says which answered). On
jnx-only devices give the filter's JSON document with --file and jet reads each
counter its terms name.")]
    List(ListArgs),
    /// Reset a counter of a filter to zero
    #[command(after_help = "\
Example:
  jet counter clear jet-demo-icmp icmp-count --device r1 --user lab")]
    Clear(ClearArgs),
}

/// `jet counter get`.
#[derive(Debug, Clone, Args)]
pub struct GetArgs {
    /// The filter's name
    #[arg(value_name = "FILTER")]
    pub filter: String,
    /// The counter's name (a term's `count` action)
    #[arg(value_name = "COUNTER")]
    pub counter: String,
    /// Read a policer's counter (a term-specific one is named POLICER-TERM)
    #[arg(long)]
    pub policer: bool,
    /// Print the counter as JSON
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub connection: ServiceArgs,
}

/// `jet counter list`.
#[derive(Debug, Clone, Args)]
pub struct ListArgs {
    /// The filter's name
    #[arg(value_name = "FILTER")]
    pub filter: String,
    /// The filter's JSON document: read the counters its terms name
    #[arg(short = 'f', long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Print one JSON object per counter and line
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub connection: ServiceArgs,
}

/// `jet counter clear`.
#[derive(Debug, Clone, Args)]
pub struct ClearArgs {
    /// The filter's name
    #[arg(value_name = "FILTER")]
    pub filter: String,
    /// The counter's name
    #[arg(value_name = "COUNTER")]
    pub counter: String,
    #[command(flatten)]
    pub connection: ServiceArgs,
}

/// Runs `jet counter …`.
pub fn run(cmd: &CounterCmd) -> Result<(), Failure> {
    match cmd {
        CounterCmd::Get(args) => {
            let what = "counter get";
            let session = args.connection.open(what)?;
            let firewall = session.firewall();
            let value = if args.policer {
                firewall.policer_counter(&args.filter, &args.counter)
            } else {
                firewall.counter(&args.filter, &args.counter)
            }
            .context(what)?;
            show(
                &api_note(&session, Service::Firewall),
                &args.filter,
                &value,
                args.json,
            );
        }
        CounterCmd::List(args) => {
            let what = "counter list";
            let names = match &args.file {
                Some(path) => {
                    let filter = read_filter(what, path)?;
                    if filter.name != args.filter {
                        return Err(Failure::usage(
                            what,
                            format!(
                                "{} is filter {}, not {}",
                                path.display(),
                                filter.name,
                                args.filter
                            ),
                        ));
                    }
                    let names: Vec<String> = filter
                        .terms
                        .iter()
                        .filter_map(|t| t.actions.count.clone())
                        .collect();
                    Some(names)
                }
                None => None,
            };
            let session = args.connection.open(what)?;
            let firewall = session.firewall();
            let bulk = names.is_none();
            let values = match names {
                Some(names) => names
                    .iter()
                    .map(|name| firewall.counter(&args.filter, name))
                    .collect::<jet::Result<Vec<_>>>()
                    .context(what)?,
                None => firewall.counters(&args.filter).map_err(|e| {
                    let failure = Failure::from_error(what, &e);
                    if e.kind() == ErrorKind::Unimplemented {
                        failure.hint("give the filter's JSON document with --file")
                    } else {
                        failure
                    }
                })?,
            };
            if values.is_empty() && !args.json {
                output::note(what, &format!("filter {} has no counters", args.filter));
            }
            // Without --file the counters came from the legacy bulk read, even
            // where auto speaks jnx for everything else.
            let note = if bulk {
                " (legacy bulk read)".to_string()
            } else {
                api_note(&session, Service::Firewall)
            };
            for value in &values {
                show(&note, &args.filter, value, args.json);
            }
        }
        CounterCmd::Clear(args) => {
            let what = "counter clear";
            let session = args.connection.open(what)?;
            session
                .firewall()
                .clear_counter(&args.filter, &args.counter)
                .context(what)?;
            output::say(&format!(
                "cleared counter {} of filter {}{}",
                args.counter,
                args.filter,
                api_note(&session, Service::Firewall)
            ));
        }
    }
    Ok(())
}

/// One counter: `<filter> <counter>: N packets, N bytes (jnx API)`, or JSON.
/// Prints a counter; `note` says which IDL answered (`" (jnx API)"`).
fn show(note: &str, filter: &str, value: &CounterValue, json: bool) {
    if json {
        let text = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
        output::say(&text);
    } else {
        output::say(&format!(
            "{filter} {}: {} packets, {} bytes{note}",
            value.name, value.packets, value.bytes,
        ));
    }
}
