//! `jet filter …`: firewall filters as JSON documents (the schema is in the
//! documentation of `jet::service::firewall` and in the README), and
//! `jet filter apply`, which does add, bind, wait and clean-up in one
//! session.

use super::args::{
    api_note, parse_seconds_or_zero, read_input, DirectionArg, FamilyArg, ServiceArgs,
};
use super::exit::{Context, Failure};
use super::output;
use super::signal::{self, Signals};
use clap::{Args, Subcommand};
use jet::service::firewall::{BindPoint, Binding, Direction, Family, Filter, TermChange};
use jet::service::{Service, ServiceSession};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Why a filter added by one `jet` invocation does not stay: said in the
/// help of the commands it concerns.
macro_rules! lifetime_note {
    () => {
        "
A JET filter belongs to the client that added it, and lives as long as that
client's session. Each jet invocation is a session of its own: when it ends,
the device keeps the client's filters only until its purge timer runs out,
then deletes them. So `jet filter add` followed by `jet filter bind` in
another invocation lasts only that long; give every invocation the same
--client-id so that the device sees the same client. For a demo, use
`jet filter apply`: it adds, binds, waits and cleans up in one session."
    };
}

/// `jet filter`.
#[derive(Debug, Clone, Subcommand)]
pub enum FilterCmd {
    /// Add a filter from its JSON document
    #[command(after_help = concat!("\
Example:
  jet filter add --file jet-demo-icmp.json --device r1 --user lab --client-id demo

jet-demo-icmp.json:
  {\"name\": \"jet-demo-icmp\", \"family\": \"inet\", \"terms\": [
    {\"name\": \"t1\", \"matches\": {\"protocols\": [\"icmp\"]},
     \"actions\": {\"count\": \"icmp-count\", \"discard\": true}},
    {\"name\": \"t2\", \"actions\": {\"accept\": true}}]}
", lifetime_note!()))]
    Add(FileArgs),
    /// Replace a filter's terms with those of a new JSON document, in one modify call
    #[command(after_help = "\
Example:
  jet filter replace --file edge-in-v2.json --old edge-in-v1.json --device r1 --client-id demo

The device does not tell a filter's terms, so the filter as it is now installed
is given with --old: terms only in it are deleted, terms in both are replaced
in place, new terms are added after their predecessor. The filter may stay bound.")]
    Replace(ReplaceArgs),
    /// Add, delete or replace single terms of a filter
    #[command(after_help = "\
Example:
  jet filter modify jet-demo-icmp inet --file changes.json --device r1 --client-id demo

changes.json:
  [{\"op\": \"add\", \"term\": {\"name\": \"ssh\", \"matches\": {\"protocols\": [\"tcp\"],
     \"destination-ports\": [22]}, \"actions\": {\"accept\": true}}, \"adjacency\": {\"before\": \"t2\"}},
   {\"op\": \"delete\", \"term\": {\"name\": \"old\"}}]")]
    Modify(ModifyArgs),
    /// Delete a filter (unbind it first)
    #[command(after_help = "\
Example:
  jet filter delete jet-demo-icmp --device r1 --client-id demo")]
    Delete(DeleteArgs),
    /// Bind a filter to a logical interface
    #[command(after_help = concat!("\
Example:
  jet filter bind jet-demo-icmp ge-0/0/0.0 input --device r1 --client-id demo
", lifetime_note!()))]
    Bind(BindArgs),
    /// Remove a filter's binding from a logical interface
    #[command(after_help = "\
Example:
  jet filter unbind jet-demo-icmp ge-0/0/0.0 input --device r1 --client-id demo")]
    Unbind(BindArgs),
    /// Add a filter, bind it, wait, print its counters, then unbind and delete it
    #[command(after_help = "\
Example:
  jet filter apply --file jet-demo-icmp.json --bind ge-0/0/0.0:input --hold 60 --device r1

Everything happens in one session, so nothing is left behind on the device:
after --hold seconds (or Ctrl-C, or SIGTERM) jet reads the counters named by
the filter's terms, unbinds the filter and deletes it. Without --hold it waits
for Ctrl-C.")]
    Apply(ApplyArgs),
}

/// A filter document and the connection.
#[derive(Debug, Clone, Args)]
pub struct FileArgs {
    /// The filter's JSON document (`-`: stdin)
    #[arg(short = 'f', long, value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub connection: ServiceArgs,
}

/// `jet filter replace`.
#[derive(Debug, Clone, Args)]
pub struct ReplaceArgs {
    /// The new filter's JSON document (`-`: stdin)
    #[arg(short = 'f', long, value_name = "FILE")]
    pub file: PathBuf,
    /// The filter as it is installed now
    #[arg(long, value_name = "FILE")]
    pub old: PathBuf,
    #[command(flatten)]
    pub connection: ServiceArgs,
}

/// `jet filter modify`.
#[derive(Debug, Clone, Args)]
pub struct ModifyArgs {
    /// The filter's name
    #[arg(value_name = "NAME")]
    pub name: String,
    /// The filter's family
    #[arg(value_enum, value_name = "FAMILY")]
    pub family: FamilyArg,
    /// A JSON array of term changes (`-`: stdin)
    #[arg(short = 'f', long, value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub connection: ServiceArgs,
}

/// `jet filter delete`.
#[derive(Debug, Clone, Args)]
pub struct DeleteArgs {
    /// The filter's name
    #[arg(value_name = "NAME")]
    pub name: String,
    /// The filter's family
    #[arg(long, value_enum, value_name = "FAMILY", default_value = "inet")]
    pub family: FamilyArg,
    #[command(flatten)]
    pub connection: ServiceArgs,
}

/// `jet filter bind|unbind`.
#[derive(Debug, Clone, Args)]
pub struct BindArgs {
    /// The filter's name
    #[arg(value_name = "NAME")]
    pub name: String,
    /// The logical interface, e.g. ge-0/0/0.0
    #[arg(value_name = "IFL")]
    pub ifl: String,
    /// The direction of the traffic to filter
    #[arg(value_enum, value_name = "DIRECTION")]
    pub direction: DirectionArg,
    /// The filter's family
    #[arg(long, value_enum, value_name = "FAMILY", default_value = "inet")]
    pub family: FamilyArg,
    #[command(flatten)]
    pub connection: ServiceArgs,
}

/// `jet filter apply`.
#[derive(Debug, Clone, Args)]
pub struct ApplyArgs {
    /// The filter's JSON document (`-`: stdin)
    #[arg(short = 'f', long, value_name = "FILE")]
    pub file: PathBuf,
    /// Where to bind it, e.g. ge-0/0/0.0:input (repeatable)
    #[arg(long = "bind", value_name = "IFL:DIRECTION", value_parser = parse_bind_point)]
    pub binds: Vec<BindPointArg>,
    /// How long to keep it [default: until Ctrl-C]
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds_or_zero)]
    pub hold: Option<Duration>,
    #[command(flatten)]
    pub connection: ServiceArgs,
}

/// `IFL:DIRECTION` of `--bind`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindPointArg {
    /// The logical interface.
    pub ifl: String,
    /// The direction.
    pub direction: Direction,
}

/// Parses `ge-0/0/0.0:input`.
pub fn parse_bind_point(text: &str) -> Result<BindPointArg, String> {
    let (ifl, direction) = text
        .rsplit_once(':')
        .ok_or_else(|| format!("'{text}' is not IFL:DIRECTION, e.g. ge-0/0/0.0:input"))?;
    let direction = Direction::from_name(direction)
        .ok_or_else(|| format!("direction '{direction}' is not input or output"))?;
    if ifl.is_empty() {
        return Err(format!("'{text}' names no interface"));
    }
    Ok(BindPointArg {
        ifl: ifl.to_string(),
        direction,
    })
}

/// Runs `jet filter …`; `signals` is there for `apply`.
pub fn run(cmd: &FilterCmd, signals: Option<Signals>) -> Result<(), Failure> {
    match cmd {
        FilterCmd::Add(args) => {
            let what = "filter add";
            let filter = read_filter(what, &args.file)?;
            let session = args.connection.open(what)?;
            session.firewall().add(&filter).context(what)?;
            done(&session, &format!("added filter {}", filter.name));
        }
        FilterCmd::Replace(args) => {
            let what = "filter replace";
            let new = read_filter(what, &args.file)?;
            let old = read_filter(what, &args.old)?;
            if (old.name.as_str(), old.family) != (new.name.as_str(), new.family) {
                return Err(Failure::usage(
                    what,
                    format!(
                        "--old is {} {} but --file is {} {}: a replace keeps the name and family",
                        old.name, old.family, new.name, new.family
                    ),
                ));
            }
            let plan = jet::service::firewall::replace_plan(&old, &new).context(what)?;
            let session = args.connection.open(what)?;
            session
                .firewall()
                .modify(&new.name, new.family, &plan)
                .context(what)?;
            done(
                &session,
                &format!("replaced filter {} ({})", new.name, changes(plan.len())),
            );
        }
        FilterCmd::Modify(args) => {
            let what = "filter modify";
            let text = read_input(what, &args.file)?;
            let list =
                TermChange::list_from_json(&text).map_err(|e| in_file(what, &args.file, &e))?;
            let family = Family::from(args.family);
            jet::service::firewall::validate_changes(&args.name, family, &list)
                .map_err(|e| in_file(what, &args.file, &e))?;
            let session = args.connection.open(what)?;
            session
                .firewall()
                .modify(&args.name, family, &list)
                .context(what)?;
            done(
                &session,
                &format!("modified filter {} ({})", args.name, changes(list.len())),
            );
        }
        FilterCmd::Delete(args) => {
            let what = "filter delete";
            let session = args.connection.open(what)?;
            session
                .firewall()
                .delete(&args.name, args.family.into())
                .context(what)?;
            done(&session, &format!("deleted filter {}", args.name));
        }
        FilterCmd::Bind(args) | FilterCmd::Unbind(args) => {
            let bind = matches!(cmd, FilterCmd::Bind(_));
            let what = if bind { "filter bind" } else { "filter unbind" };
            let binding = Binding {
                filter: args.name.clone(),
                family: args.family.into(),
                point: BindPoint::Interface(args.ifl.clone()),
                direction: args.direction.into(),
            };
            binding.validate().context(what)?;
            let session = args.connection.open(what)?;
            let firewall = session.firewall();
            if bind {
                firewall.bind(&binding).context(what)?;
            } else {
                firewall.unbind(&binding).context(what)?;
            }
            let verb = if bind { "bound" } else { "unbound" };
            let preposition = if bind { "to" } else { "from" };
            done(
                &session,
                &format!(
                    "{verb} filter {} {preposition} {} {}",
                    args.name, args.ifl, binding.direction
                ),
            );
        }
        FilterCmd::Apply(args) => {
            let signals = signals.ok_or_else(|| {
                Failure::device("filter apply", "signals are not being listened to")
            })?;
            apply(args, signals)?;
        }
    }
    Ok(())
}

/// Prints a success line with the API generation of the firewall.
fn done(session: &ServiceSession, text: &str) {
    output::say(&format!("{text}{}", api_note(session, Service::Firewall)));
}

fn changes(n: usize) -> String {
    if n == 1 {
        "1 term change".into()
    } else {
        format!("{n} term changes")
    }
}

/// An invalid document: a usage error that names the file.
fn in_file(what: &str, path: &Path, error: &jet::Error) -> Failure {
    let name = if path == Path::new("-") {
        "stdin".to_string()
    } else {
        path.display().to_string()
    };
    let failure = Failure::from_error(what, error);
    Failure::usage(what, format!("{name}: {}", failure.message()))
}

/// Reads and checks a filter document.
pub fn read_filter(what: &str, path: &Path) -> Result<Filter, Failure> {
    let text = read_input(what, path)?;
    Filter::from_json(&text).map_err(|e| in_file(what, path, &e))
}

/// `jet filter apply`: add, bind, hold, read counters, unbind, delete —
/// always cleaning up what was done, and reporting the first failure.
fn apply(args: &ApplyArgs, signals: Signals) -> Result<(), Failure> {
    let what = "filter apply";
    let filter = read_filter(what, &args.file)?;
    let bindings: Vec<Binding> = args
        .binds
        .iter()
        .map(|point| Binding {
            filter: filter.name.clone(),
            family: filter.family,
            point: BindPoint::Interface(point.ifl.clone()),
            direction: point.direction,
        })
        .collect();
    for binding in &bindings {
        binding.validate().context(what)?;
    }
    let session = args.connection.open(what)?;
    let firewall = session.firewall();
    firewall.add(&filter).context(what)?;
    done(&session, &format!("added filter {}", filter.name));
    let mut bound = Vec::new();
    let mut failure = None;
    for binding in &bindings {
        let BindPoint::Interface(ifl) = &binding.point;
        match firewall.bind(binding).context(what) {
            Ok(()) => {
                done(
                    &session,
                    &format!(
                        "bound filter {} to {ifl} {}",
                        filter.name, binding.direction
                    ),
                );
                bound.push(binding);
            }
            Err(error) => {
                failure = Some(error);
                break;
            }
        }
    }
    if failure.is_none() {
        hold(args.hold, signals);
        for counter in filter
            .terms
            .iter()
            .filter_map(|t| t.actions.count.as_deref())
        {
            match firewall.counter(&filter.name, counter).context(what) {
                Ok(value) => done(
                    &session,
                    &format!(
                        "counter {} {}: {} packets, {} bytes",
                        filter.name, value.name, value.packets, value.bytes
                    ),
                ),
                Err(error) => {
                    failure.get_or_insert(error);
                }
            }
        }
    }
    for binding in bound.iter().rev() {
        let BindPoint::Interface(ifl) = &binding.point;
        match firewall.unbind(binding).context(what) {
            Ok(()) => done(
                &session,
                &format!(
                    "unbound filter {} from {ifl} {}",
                    filter.name, binding.direction
                ),
            ),
            Err(error) => {
                failure.get_or_insert(error);
            }
        }
    }
    match firewall.delete(&filter.name, filter.family).context(what) {
        Ok(()) => done(&session, &format!("deleted filter {}", filter.name)),
        Err(error) => {
            failure.get_or_insert(error);
        }
    }
    match failure {
        Some(failure) => Err(failure),
        None => Ok(()),
    }
}

/// Waits `hold` (or until a signal, without one), saying so on stderr.
fn hold(hold: Option<Duration>, signals: Signals) {
    let signal = match hold {
        Some(time) if time.is_zero() => None,
        Some(time) => {
            output::note(
                "filter apply",
                &format!(
                    "holding for {} s (Ctrl-C cleans up now)",
                    time.as_secs_f64()
                ),
            );
            signals.wait_timeout(time)
        }
        None => {
            output::note("filter apply", "holding until Ctrl-C");
            Some(signals.wait())
        }
    };
    if let Some(signal) = signal {
        output::note(
            "filter apply",
            &format!("{}: cleaning up", signal::name(signal)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bind_points_name_an_interface_and_a_direction() {
        assert_eq!(
            parse_bind_point("ge-0/0/0.0:input").unwrap(),
            BindPointArg {
                ifl: "ge-0/0/0.0".into(),
                direction: Direction::Input
            }
        );
        assert_eq!(
            parse_bind_point("xe-1/0/0.100:output").unwrap().direction,
            Direction::Output
        );
        for bad in ["ge-0/0/0.0", "ge-0/0/0.0:in", ":input"] {
            assert!(parse_bind_point(bad).is_err(), "{bad}");
        }
    }
}
