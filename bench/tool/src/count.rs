//! `jet-bench rumqttc-count`: the bare rumqttc subscriber. A current-thread
//! runtime polls rumqttc's `EventLoop` and counts each incoming PUBLISH,
//! nothing more: the most libjet's transport could deliver.

use crate::args::{Broker, Qos};
use rumqttc::{AsyncClient, Event, Incoming, MqttOptions};
use std::io::Write;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Arguments of `rumqttc-count`: those of every subscriber (bench/README.md).
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    broker: Broker,
    #[arg(long)]
    topic: String,
    #[command(flatten)]
    qos: Qos,
    #[arg(long)]
    count: u64,
    #[arg(long)]
    client_id: Option<String>,
    /// clean_session=0: drain what the broker kept for the client id.
    #[arg(long, requires = "client_id")]
    persistent: bool,
    /// Publish-to-delivery latency (not measured for rumqttc; refused).
    #[arg(long)]
    latency: bool,
    #[arg(long, default_value_t = 10_000)]
    idle_timeout_ms: u64,
}

/// What was counted.
struct Tally {
    received: u64,
    first: Option<Instant>,
    last: Option<Instant>,
}

/// Subscribes, counts `--count` messages (or until idle), prints the JSON.
pub fn run(args: &Args) -> std::io::Result<ExitCode> {
    if args.latency {
        eprintln!(
            "jet-bench rumqttc-count: --latency is measured for libjet and libmosquitto only"
        );
        return Ok(ExitCode::from(2));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let tally = runtime.block_on(receive(args))?;
    let seconds = match (tally.first, tally.last) {
        (Some(first), Some(last)) => (last - first).as_secs_f64(),
        _ => 0.0,
    };
    let rate = if seconds > 0.0 {
        tally.received as f64 / seconds
    } else {
        0.0
    };
    println!(
        "{}",
        serde_json::json!({
            "received": tally.received,
            "seconds": seconds,
            "rate": rate,
            "check_failures": 0,
        })
    );
    Ok(if tally.received == args.count {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    })
}

async fn receive(args: &Args) -> std::io::Result<Tally> {
    let client_id = args
        .client_id
        .clone()
        .unwrap_or_else(|| format!("jet-bench-rumqttc-{}", std::process::id()));
    let mut options = MqttOptions::new(client_id, args.broker.host.clone(), args.broker.port);
    options.set_keep_alive(Duration::from_secs(60));
    options.set_clean_session(!args.persistent);
    options.set_max_packet_size(1 << 20, 1 << 20);
    let (client, mut eventloop) = AsyncClient::new(options, 10);
    let qos = args.qos.level();
    client
        .subscribe(args.topic.clone(), qos)
        .await
        .map_err(std::io::Error::other)?;
    let idle = Duration::from_millis(args.idle_timeout_ms);
    let mut tally = Tally {
        received: 0,
        first: None,
        last: None,
    };
    while tally.received < args.count {
        let event = match tokio::time::timeout(idle, eventloop.poll()).await {
            Err(_) => {
                eprintln!("jet-bench rumqttc-count: idle for {idle:?}, giving up");
                break;
            }
            Ok(event) => event.map_err(std::io::Error::other)?,
        };
        match event {
            Event::Incoming(Incoming::Publish(_)) => {
                let now = Instant::now();
                tally.first.get_or_insert(now);
                tally.last = Some(now);
                tally.received += 1;
            }
            Event::Incoming(Incoming::SubAck(_)) => {
                let mut stdout = std::io::stdout();
                writeln!(stdout, "ready")?;
                stdout.flush()?;
            }
            _ => {}
        }
    }
    Ok(tally)
}
