//! `jet`, libjet's command line (the `jet-cli` crate): watch a device's
//! notifications and program it through the JET services, in the spirit of
//! `mosquitto_sub` and `grpcurl`, plus `jet sim`, the device simulator
//! ([`jet_sim::Device`]).
//!
//! One file per command group; [`args`] holds the connection flags they
//! share, [`exit`] the error type and exit statuses, [`output`] stdout,
//! [`signal`] SIGINT/SIGTERM. `src/main.rs` only calls [`parse`] and [`run`].

pub mod args;
pub mod config;
pub mod counter;
pub mod exit;
pub mod filter;
pub mod generate;
pub mod iface;
pub mod op;
pub mod output;
pub mod policer;
pub mod prompt;
pub mod signal;
pub mod sim;
pub mod watch;

use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};
use exit::Failure;
use jet::logging::{self, Level};
use std::sync::Arc;

/// The command line of `jet`.
#[derive(Debug, Parser)]
#[command(
    name = "jet",
    version,
    about = "Watch and program Junos devices through JET (notifications over MQTT, services over gRPC)",
    after_help = "\
Examples:
  jet watch --device r1
  jet iface add ge-0/0/0.0 inet 192.0.2.1/24 --device r1 --user lab --ca ca.pem
  jet filter apply --file jet-demo-icmp.json --bind ge-0/0/0.0:input --hold 60 --device r1
  jet op \"show version\" --device r1 --user lab
  jet sim --mqtt-port 0 --grpc-port 0

Exit status: 0 success; 1 the device or the connection failed (the message is
on stderr as `jet: <what>: <message>`); 2 the command line or its input is wrong.
Set JET_USER and JET_PASSWORD instead of --user and --password; JET_LOG=debug
(or -vv) shows libjet's log."
)]
pub struct Cli {
    /// Say more on stderr (-v: the API `op` used, every event `sim` publishes; -vv: libjet's log; -vvv: debug; -vvvv: trace)
    #[arg(short, long, action = ArgAction::Count, global = true)]
    pub verbose: u8,
    /// What to do
    #[command(subcommand)]
    pub command: Command,
}

/// The commands of `jet`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a device's JET notifications as they come
    Watch(watch::WatchCmd),
    /// Add or delete interface addresses
    #[command(subcommand)]
    Iface(iface::IfaceCmd),
    /// Add, change, bind and delete firewall filters (JSON documents)
    #[command(subcommand)]
    Filter(filter::FilterCmd),
    /// Read and clear firewall filter counters
    #[command(subcommand)]
    Counter(counter::CounterCmd),
    /// Add, change and delete policers (JSON documents)
    #[command(subcommand)]
    Policer(policer::PolicerCmd),
    /// Run an operational command and print its output
    Op(op::OpCmd),
    /// Load configuration
    #[command(subcommand)]
    Config(config::ConfigCmd),
    /// Run a simulated JET device (notifications and services) until Ctrl-C
    Sim(sim::SimCmd),
    /// Print a shell completion script (scripts/install installs them)
    #[command(hide = true)]
    Completions(generate::CompletionsCmd),
    /// Write the man pages into a directory (scripts/install installs them)
    #[command(hide = true, name = "generate-man")]
    GenerateMan(generate::ManCmd),
}

/// What `-v` shows, for each command: the flag is global, its help is not.
const VERBOSE_HELP: [(&str, &str); 8] = [
    ("watch", "Say more on stderr (-vv: libjet's log: connects, reconnects, subscriptions; -vvv: debug; -vvvv: trace)"),
    ("iface", SERVICE_VERBOSE_HELP),
    ("filter", SERVICE_VERBOSE_HELP),
    ("counter", SERVICE_VERBOSE_HELP),
    ("policer", SERVICE_VERBOSE_HELP),
    ("config", SERVICE_VERBOSE_HELP),
    ("op", "Say more on stderr (-v: which IDL generation answered; -vv: libjet's log; -vvv: debug; -vvvv: trace)"),
    ("sim", "Say more on stderr (-v: every event the device publishes; -vv: libjet's log; -vvv: debug; -vvvv: trace)"),
];

/// `-v` on the commands that call the device's services.
const SERVICE_VERBOSE_HELP: &str = "Say more on stderr (-vv: libjet's log: connect, login, the IDL generation chosen per service; -vvv: debug; -vvvv: trace)";

/// Parses the process's command line (exits on a usage error, as clap does).
pub fn parse() -> Cli {
    let mut command = Cli::command();
    let verbose = command
        .get_arguments()
        .find(|arg| arg.get_id() == "verbose")
        .cloned()
        .expect("jet has a -v flag");
    for (name, help) in VERBOSE_HELP {
        // The subcommand's own copy of the global flag: clap leaves it be
        // when it hands the global one down.
        let own = verbose.clone().help(help);
        command = command.mut_subcommand(name, |sub| sub.arg(own));
    }
    let matches = command.get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// Runs a parsed command line.
pub fn run(cli: &Cli) -> Result<(), Failure> {
    log_to_stderr(cli.verbose);
    match &cli.command {
        Command::Watch(cmd) => watch::run(cmd, listen("watch")?),
        Command::Iface(cmd) => iface::run(cmd),
        Command::Filter(cmd) => {
            let signals = match cmd {
                filter::FilterCmd::Apply(_) => Some(listen("filter apply")?),
                _ => None,
            };
            filter::run(cmd, signals)
        }
        Command::Counter(cmd) => counter::run(cmd),
        Command::Policer(cmd) => policer::run(cmd),
        Command::Op(cmd) => op::run(cmd, cli.verbose > 0),
        Command::Config(cmd) => config::run(cmd),
        Command::Sim(cmd) => sim::run(cmd, cli.verbose, listen("sim")?),
        Command::Completions(cmd) => generate::completions(cmd, Cli::command()),
        Command::GenerateMan(cmd) => generate::man_pages(cmd, Cli::command()),
    }
}

/// Takes SIGINT and SIGTERM for a command that stops cleanly on them. Done
/// before the command starts any thread (see [`signal::listen`]).
fn listen(what: &str) -> Result<signal::Signals, Failure> {
    signal::listen().map_err(|e| Failure::device(what, format!("cannot take signals: {e}")))
}

/// From -vv on, libjet's log goes to stderr (JET_LOG does the same).
fn log_to_stderr(verbose: u8) {
    let level = match verbose {
        0 | 1 => return,
        2 => Level::Info,
        3 => Level::Debug,
        _ => Level::Trace,
    };
    logging::set_sink(
        Some(Arc::new(|level: Level, target: &str, message: &str| {
            eprintln!("jet: log {:5} {target}: {message}", level.name());
        })),
        level,
    );
}
