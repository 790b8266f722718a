//! What the Rust subscribers share: their arguments (those of every
//! subscriber in bench/README.md), the count they keep, and the JSON they end with.

use crate::args::{Broker, Qos};
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

/// The subscriber arguments.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub broker: Broker,
    #[arg(long)]
    pub topic: String,
    #[command(flatten)]
    pub qos: Qos,
    #[arg(long)]
    pub count: u64,
    #[arg(long)]
    pub client_id: Option<String>,
    /// clean_session=0: drain what the broker kept for the client id.
    #[arg(long, requires = "client_id")]
    pub persistent: bool,
    /// Publish-to-delivery latency (measured for libjet and libmosquitto only; refused).
    #[arg(long)]
    pub latency: bool,
    #[arg(long, default_value_t = 10_000)]
    pub idle_timeout_ms: u64,
}

impl Args {
    /// Fails with a usage error when `--latency` was given.
    pub fn refuse_latency(&self, program: &str) {
        if self.latency {
            eprintln!(
                "jet-bench {program}: --latency is measured for libjet and libmosquitto only"
            );
            std::process::exit(2);
        }
    }

    /// The client id: the one given, or one of this process.
    pub fn client_id(&self, program: &str) -> String {
        self.client_id
            .clone()
            .unwrap_or_else(|| format!("jet-bench-{program}-{}", std::process::id()))
    }
}

/// Messages counted, and when the first and the last came.
#[derive(Default)]
pub struct Tally {
    pub received: u64,
    first: Option<Instant>,
    last: Option<Instant>,
}

impl Tally {
    /// Counts `n` messages that arrived at `now`.
    pub fn add(&mut self, n: u64, now: Instant) {
        self.first.get_or_insert(now);
        self.last = Some(now);
        self.received += n;
    }

    /// Prints the throughput JSON; exit 0 when `wanted` arrived, else 3.
    pub fn report(&self, wanted: u64) -> ExitCode {
        let seconds = match (self.first, self.last) {
            (Some(first), Some(last)) => (last - first).as_secs_f64(),
            _ => 0.0,
        };
        let rate = if seconds > 0.0 {
            self.received as f64 / seconds
        } else {
            0.0
        };
        println!(
            "{}",
            serde_json::json!({
                "received": self.received,
                "seconds": seconds,
                "rate": rate,
                "check_failures": 0,
            })
        );
        if self.received == wanted {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(3)
        }
    }
}

/// Says on stdout that the subscription is in force.
pub fn print_ready() -> std::io::Result<()> {
    let mut stdout = std::io::stdout();
    writeln!(stdout, "ready")?;
    stdout.flush()
}
