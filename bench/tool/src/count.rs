//! `jet-bench rumqttc-count`: the bare rumqttc subscriber. A current-thread
//! runtime polls rumqttc's `EventLoop` and counts each incoming PUBLISH,
//! nothing more: the most libjet's transport could deliver.

use crate::subscriber::{print_ready, Args, Tally};
use rumqttc::{AsyncClient, Event, Incoming, MqttOptions};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Subscribes, counts `--count` messages (or until idle), prints the JSON.
pub fn run(args: &Args) -> std::io::Result<ExitCode> {
    args.refuse_latency("rumqttc-count");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let tally = runtime.block_on(receive(args))?;
    Ok(tally.report(args.count))
}

async fn receive(args: &Args) -> std::io::Result<Tally> {
    let client_id = args.client_id("rumqttc");
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
    let mut tally = Tally::default();
    while tally.received < args.count {
        let event = match tokio::time::timeout(idle, eventloop.poll()).await {
            Err(_) => {
                eprintln!("jet-bench rumqttc-count: idle for {idle:?}, giving up");
                break;
            }
            Ok(event) => event.map_err(std::io::Error::other)?,
        };
        match event {
            Event::Incoming(Incoming::Publish(_)) => tally.add(1, Instant::now()),
            Event::Incoming(Incoming::SubAck(_)) => print_ready()?,
            _ => {}
        }
    }
    Ok(tally)
}
