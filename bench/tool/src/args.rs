//! Arguments every subcommand shares: where the broker is, and the QoS.

use rumqttc::mqttbytes::QoS;

/// The broker to connect to.
#[derive(clap::Args)]
pub struct Broker {
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    #[arg(long)]
    pub port: u16,
}

/// The QoS of subscriptions or publishes: 0 or 1.
#[derive(clap::Args)]
pub struct Qos {
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u8).range(0..=1))]
    pub qos: u8,
}

impl Qos {
    /// As rumqttc names it.
    pub fn level(&self) -> QoS {
        if self.qos == 1 {
            QoS::AtLeastOnce
        } else {
            QoS::AtMostOnce
        }
    }
}
