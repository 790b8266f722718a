//! `jet-bench prepare`: makes a persistent session at the broker, so that it
//! keeps what is published for the client id until a subscriber drains it.

use crate::args::{Broker, Qos};
use crate::link::{Link, Peer};
use rumqttc::{Packet, Subscribe};
use std::process::ExitCode;

/// Arguments of `prepare`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    broker: Broker,
    #[arg(long)]
    client_id: String,
    #[arg(long)]
    topic: String,
    #[command(flatten)]
    qos: Qos,
}

/// Connects with clean_session=0, subscribes, waits for the SUBACK, disconnects.
pub fn run(args: &Args) -> std::io::Result<ExitCode> {
    let mut link = Link::connect(&Peer {
        host: &args.broker.host,
        port: args.broker.port,
        client_id: &args.client_id,
        clean_session: false,
    })?;
    let qos = args.qos.level();
    let mut subscribe = Subscribe::new(args.topic.clone(), qos);
    subscribe.pkid = 1;
    link.send(&Packet::Subscribe(subscribe))?;
    loop {
        if let Packet::SubAck(_) = link.read_packet()? {
            break;
        }
    }
    link.send(&Packet::Disconnect)?;
    println!(
        "{}",
        serde_json::json!({"client_id": args.client_id, "topic": args.topic, "qos": args.qos.qos})
    );
    Ok(ExitCode::SUCCESS)
}
