//! How to open a notification session, with the defaults of Juniper's
//! `OpenNotificationSession` where it has them.

use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::tls::TlsOptions;
use std::net::IpAddr;
use std::time::Duration;

/// The longest client id accepted (MQTT 3.1.1 allows 65535 bytes; brokers often less).
pub const MAX_CLIENT_ID_LEN: usize = 256;
/// The largest packet size accepted as a setting (the MQTT limit).
pub const MAX_PACKET_SIZE_LIMIT: usize = 256 * 1024 * 1024;
/// The largest queue capacity accepted as a setting.
pub const MAX_QUEUE_CAPACITY: usize = 16 * 1024 * 1024;

/// What a session does when the application falls behind and a queue is full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Overflow {
    /// Keep reading the broker; drop the newest events and count them in
    /// `dropped` (the default). The broker never has to hold events for a
    /// slow application, and nothing it drops goes unseen.
    #[default]
    Drop,
    /// Stop reading the broker until the application has room again: TCP and
    /// the broker hold the events, as with any MQTT client that reads on its
    /// callback thread, and libjet drops nothing it has received (nor a QoS 1
    /// event it acknowledged). A queue then holds at most `queue_capacity`
    /// events plus one socket read. The broker applies its own limits to what
    /// it holds (Mosquitto: `max_queued_messages`).
    Wait,
}

/// Settings of a notification session. Start from [`NotifyOptions::default`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotifyOptions {
    /// Device (broker) host name or address. Default `127.0.0.1`.
    pub device: String,
    /// Broker port. Default 1883.
    pub port: u16,
    /// User name, when the broker checks one.
    pub user: Option<String>,
    /// Password; never logged.
    pub password: Option<Secret>,
    /// MQTT keepalive. Default 60 s; zero turns it off; otherwise at least 1 s.
    pub keepalive: Duration,
    /// Source address of the connection, which the device's `allow-clients` checks.
    pub bind_address: Option<IpAddr>,
    /// MQTT client id; `None` makes a unique one.
    pub client_id: Option<String>,
    /// TLS settings; `None` connects in clear text.
    pub tls: Option<TlsOptions>,
    /// Time allowed for TCP, TLS and the MQTT handshake together. Default 10 s.
    pub connect_timeout: Duration,
    /// Start a clean MQTT session (default). `false` keeps the broker-side
    /// session, and with it queued QoS 1 events, across disconnects; it needs a
    /// fixed client id.
    pub clean_session: bool,
    /// QoS of the subscriptions: 0 (default, as Junos publishes) or 1.
    pub qos: u8,
    /// Events waiting for the application, per queue (callbacks, pull); what
    /// comes beyond it is handled by `overflow`. Default 65536.
    pub queue_capacity: usize,
    /// What happens when a queue is full. Default [`Overflow::Drop`].
    pub overflow: Overflow,
    /// Largest MQTT packet accepted from the broker. Default 1 MiB.
    pub max_packet_size: usize,
    /// First delay before reconnecting; it doubles up to `reconnect_max`. Default 250 ms.
    pub reconnect_min: Duration,
    /// Longest delay between reconnect attempts. Default 30 s.
    pub reconnect_max: Duration,
    /// Run the callbacks on libjet's network thread, as each read's events
    /// are decoded, instead of on a dispatcher thread (default `false`).
    ///
    /// It saves one thread wake-up per event, which is most of what a live
    /// event's delivery waits for. In exchange the callback must not block:
    /// while it runs the session reads nothing and sends no keepalive, so a
    /// callback that takes longer than the keepalive costs a reconnect (the
    /// broker, or libjet missing its PINGRESP, ends the connection; with QoS
    /// 1 and a persistent session nothing is lost). From an inline callback,
    /// libjet calls that block (subscribe, next, service calls, shutdown)
    /// are refused with [`crate::error::ErrorKind::WouldDeadlock`]; unsubscribe
    /// and close return at once, as from any callback. Connection state
    /// callbacks stay on the dispatcher thread, so one may run at the same
    /// time as an event callback. Events for pull subscriptions are queued
    /// as always.
    pub inline_callbacks: bool,
}

impl Default for NotifyOptions {
    fn default() -> Self {
        NotifyOptions {
            device: "127.0.0.1".into(),
            port: 1883,
            user: None,
            password: None,
            keepalive: Duration::from_secs(60),
            bind_address: None,
            client_id: None,
            tls: None,
            connect_timeout: Duration::from_secs(10),
            clean_session: true,
            qos: 0,
            queue_capacity: 65536,
            overflow: Overflow::Drop,
            max_packet_size: 1024 * 1024,
            reconnect_min: Duration::from_millis(250),
            reconnect_max: Duration::from_secs(30),
            inline_callbacks: false,
        }
    }
}

impl NotifyOptions {
    /// Checks every setting, so that nothing below can panic on a bad value.
    pub fn validate(&self) -> Result<()> {
        if self.device.trim().is_empty() {
            return Err(Error::invalid("device must not be empty"));
        }
        if self.device.contains(['\0', ' ', '/']) {
            return Err(Error::invalid(format!(
                "device '{}' is not a host name or address",
                self.device
            )));
        }
        if self.port == 0 {
            return Err(Error::invalid("port must be 1 to 65535"));
        }
        if self.password.is_some() && self.user.is_none() {
            return Err(Error::invalid("a password needs a user"));
        }
        if let Some(user) = &self.user {
            if user.is_empty() || user.contains('\0') || user.len() > 65535 {
                return Err(Error::invalid("user must be 1 to 65535 bytes without NUL"));
            }
        }
        if !self.keepalive.is_zero() && self.keepalive < Duration::from_secs(1) {
            return Err(Error::invalid(
                "keepalive must be 0 (off) or at least 1 second",
            ));
        }
        if self.keepalive > Duration::from_secs(u16::MAX as u64) {
            return Err(Error::invalid("keepalive must be at most 65535 seconds"));
        }
        if let Some(id) = &self.client_id {
            if id.is_empty() || id.len() > MAX_CLIENT_ID_LEN || id.contains('\0') {
                return Err(Error::invalid(format!(
                    "client id must be 1 to {MAX_CLIENT_ID_LEN} bytes without NUL"
                )));
            }
        } else if !self.clean_session {
            return Err(Error::invalid(
                "a persistent session (clean_session off) needs a client id",
            ));
        }
        if self.connect_timeout < Duration::from_millis(1)
            || self.connect_timeout > Duration::from_secs(3600)
        {
            return Err(Error::invalid("connect timeout must be 1 ms to 1 hour"));
        }
        if self.qos > 1 {
            return Err(Error::invalid("qos must be 0 or 1"));
        }
        if self.queue_capacity == 0 || self.queue_capacity > MAX_QUEUE_CAPACITY {
            return Err(Error::invalid(format!(
                "queue capacity must be 1 to {MAX_QUEUE_CAPACITY}"
            )));
        }
        if self.max_packet_size < 1024 || self.max_packet_size > MAX_PACKET_SIZE_LIMIT {
            return Err(Error::invalid(format!(
                "max packet size must be 1024 to {MAX_PACKET_SIZE_LIMIT} bytes"
            )));
        }
        if self.reconnect_min.is_zero() || self.reconnect_min > self.reconnect_max {
            return Err(Error::invalid(
                "reconnect delays must satisfy 0 < min <= max",
            ));
        }
        if self.reconnect_max > Duration::from_secs(3600) {
            return Err(Error::invalid("reconnect max delay must be at most 1 hour"));
        }
        if let Some(tls) = &self.tls {
            tls.validate()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_match_juniper() {
        let o = NotifyOptions::default();
        o.validate().unwrap();
        assert_eq!(o.port, 1883);
        assert_eq!(o.keepalive, Duration::from_secs(60));
        assert_eq!(o.device, "127.0.0.1");
    }

    #[test]
    fn refuses_values_that_would_panic_below() {
        let bad = [
            NotifyOptions {
                keepalive: Duration::from_millis(500),
                ..Default::default()
            },
            NotifyOptions {
                clean_session: false,
                ..Default::default()
            },
            NotifyOptions {
                qos: 2,
                ..Default::default()
            },
            NotifyOptions {
                queue_capacity: 0,
                ..Default::default()
            },
            NotifyOptions {
                port: 0,
                ..Default::default()
            },
            NotifyOptions {
                client_id: Some(String::new()),
                ..Default::default()
            },
            NotifyOptions {
                password: Some("p".into()),
                ..Default::default()
            },
            NotifyOptions {
                max_packet_size: 10,
                ..Default::default()
            },
            NotifyOptions {
                reconnect_min: Duration::ZERO,
                ..Default::default()
            },
        ];
        for options in bad {
            let err = options.validate().unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::InvalidArgument, "{options:?}");
        }
    }

    #[test]
    fn debug_output_hides_the_password() {
        let o = NotifyOptions {
            user: Some("lab".into()),
            password: Some("hunter2".into()),
            ..Default::default()
        };
        let shown = format!("{o:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("***"));
    }
}
