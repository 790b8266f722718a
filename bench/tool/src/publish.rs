//! `jet-bench publish`: device events into the broker, as fast as it takes
//! them (many packets per write) or paced at a steady rate (each packet
//! written when due, stamped with its send time when asked).

use crate::args::{Broker, Qos};
use crate::clock::monotonic_ns;
use crate::events::{pool, Template};
use crate::link::{encode, Link, Peer};
use bytes::BytesMut;
use rumqttc::{Packet, Publish};
use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// QoS 1 messages sent and not yet acknowledged, at most (packet ids are 16 bits).
const WINDOW: u64 = 10_000;
/// Bytes gathered before a write when not paced.
const BATCH_BYTES: usize = 64 * 1024;

/// Arguments of `publish`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    broker: Broker,
    /// How many events.
    #[arg(long)]
    count: u64,
    #[command(flatten)]
    qos: Qos,
    /// Events per second; without it, as fast as the broker takes them.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    rate: Option<u32>,
    /// Adds `"sent-ns"` (CLOCK_MONOTONIC at send) to each event's attributes.
    #[arg(long)]
    stamp: bool,
}

/// What the reading thread has seen.
#[derive(Default)]
struct Seen {
    acks: AtomicU64,
    pongs: AtomicU64,
}

/// Publishes, waits until the broker has taken everything, prints the JSON.
pub fn run(args: &Args) -> std::io::Result<ExitCode> {
    let events = pool();
    let client_id = format!("jet-bench-pub-{}", std::process::id());
    let mut link = Link::connect(&Peer {
        host: &args.broker.host,
        port: args.broker.port,
        client_id: &client_id,
        clean_session: true,
    })?;
    let seen = Arc::new(Seen::default());
    let mut reader = link.reader()?;
    let counts = seen.clone();
    let reading = std::thread::spawn(move || loop {
        match reader.read_packet() {
            Ok(Packet::PubAck(_)) => counts.acks.fetch_add(1, Ordering::Release),
            Ok(Packet::PingResp) => counts.pongs.fetch_add(1, Ordering::Release),
            Ok(_) => 0,
            Err(_) => break,
        };
    });
    if args.rate.is_some() {
        // Sleeps end when asked, not up to 50 µs later.
        // SAFETY: prctl with PR_SET_TIMERSLACK takes one integer argument.
        unsafe { libc::prctl(libc::PR_SET_TIMERSLACK, 1 as libc::c_ulong) };
    }
    let started = Instant::now();
    send_all(args, &events, &mut link, &seen)?;
    if args.qos.qos == 1 {
        wait_until(|| seen.acks.load(Ordering::Acquire) >= args.count);
    }
    // The broker answers a PINGREQ after everything sent before it.
    link.send(&Packet::PingReq)?;
    wait_until(|| seen.pongs.load(Ordering::Acquire) >= 1);
    let seconds = started.elapsed().as_secs_f64();
    link.send(&Packet::Disconnect)?;
    let _ = link.stream.shutdown(std::net::Shutdown::Both);
    let _ = reading.join();
    println!(
        "{}",
        serde_json::json!({
            "published": args.count,
            "seconds": seconds,
            "rate": args.count as f64 / seconds,
        })
    );
    Ok(ExitCode::SUCCESS)
}

fn send_all(args: &Args, events: &[Template], link: &mut Link, seen: &Seen) -> std::io::Result<()> {
    let qos = args.qos.level();
    let interval = args
        .rate
        .map(|rate| Duration::from_secs_f64(1.0 / f64::from(rate)));
    let started = Instant::now();
    let mut output = BytesMut::with_capacity(BATCH_BYTES * 2);
    for n in 0..args.count {
        if let Some(interval) = interval {
            let due = started + interval.mul_f64(n as f64);
            let now = Instant::now();
            if due > now {
                std::thread::sleep(due - now);
            }
        }
        if args.qos.qos == 1 {
            wait_until(|| n - seen.acks.load(Ordering::Acquire) < WINDOW);
        }
        let event = &events[(n % events.len() as u64) as usize];
        let payload = if args.stamp {
            event.stamped(monotonic_ns())
        } else {
            event.payload()
        };
        let mut publish = Publish::new(event.topic.as_str(), qos, payload);
        if args.qos.qos == 1 {
            publish.pkid = (n % u64::from(u16::MAX)) as u16 + 1;
        }
        encode(&Packet::Publish(publish), &mut output)?;
        if interval.is_some() || output.len() >= BATCH_BYTES {
            link.stream.write_all(&output)?;
            output.clear();
        }
    }
    link.stream.write_all(&output)
}

/// Waits, politely, until `done` holds.
fn wait_until(done: impl Fn() -> bool) {
    while !done() {
        std::thread::sleep(Duration::from_micros(50));
    }
}
