//! `jet-bench`: the helper programs of libjet's benchmarks (bench/README.md).
//!
//! - `publish`: device-format events into a broker, as fast as it takes them
//!   or at a steady rate, optionally stamped with the send time;
//! - `prepare`: makes a persistent session at the broker for a later drain;
//! - `rumqttc-count`: the bare rumqttc subscriber, the ceiling of libjet's
//!   transport.
//!
//! Each prints one JSON object on stdout at the end; logs go to stderr.

mod args;
mod clock;
mod count;
mod events;
mod link;
mod prepare;
mod publish;
mod subscriber;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "jet-bench",
    about = "libjet's benchmark helper (bench/README.md)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Publish device-format events.
    Publish(publish::Args),
    /// Make a persistent session (clean_session=0) with one subscription.
    Prepare(prepare::Args),
    /// Count messages with a bare rumqttc event loop.
    RumqttcCount(subscriber::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Publish(args) => publish::run(&args),
        Command::Prepare(args) => prepare::run(&args),
        Command::RumqttcCount(args) => count::run(&args),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("jet-bench: {error}");
            ExitCode::FAILURE
        }
    }
}
