//! `jet watch`: prints a device's JET notifications, in the spirit of
//! `mosquitto_sub`: one readable line per event, or one JSON object per line
//! with `--json`. Payloads that are not JET events are shown and the stream
//! goes on.

use super::args::{parse_seconds, tls_hint, TlsArgs};
use super::exit::{Context, Failure};
use super::output;
use super::prompt;
use super::signal::Signals;
use clap::Args;
use jet::event::Event;
use jet::notify::{ConnectionState, NotificationSession, NotifyOptions};
use jet::topic::{self, Topic};
use serde_json::Value;
use std::net::IpAddr;
use std::time::Duration;

/// The topic filter watched when none is given.
pub const DEFAULT_FILTER: &str = "/junos/events/#";

const WHAT: &str = "watch";

/// `jet watch`.
#[derive(Debug, Clone, Args)]
#[command(after_help = "\
Examples:
  jet watch --device 198.51.100.1
  jet watch --json --count 5 '/junos/events/kernel/interfaces/#'
  jet watch --device r1 --port 8883 --ca device-ca.pem '/junos/events/syslog/#'

Each event is one line, a summary for the kinds jet knows:
  KERNEL_EVENT_IFA_ADD  ge-0/0/0.0  inet 192.0.2.1/24
and otherwise `<event-id> <topic> <attributes as JSON>`. A payload that is not
a JET event prints `PARSE-ERROR <topic> <bytes>`, and watching goes on.
With --json each line is {\"topic\", \"event\" (the payload as JSON, or null),
\"parse_error\" (null, or why it is not a JET event, with \"raw\", the payload)}.
A note that the subscription is in force goes to stderr.")]
pub struct WatchCmd {
    /// MQTT topic filters to watch
    #[arg(value_name = "FILTER", default_value = DEFAULT_FILTER)]
    pub filters: Vec<String>,
    /// One JSON object per event and line
    #[arg(long)]
    pub json: bool,
    /// Exit (status 0) after N events [default: run until Ctrl-C or SIGTERM]
    #[arg(short = 'c', long, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,
    #[command(flatten)]
    pub broker: BrokerArgs,
}

/// How to reach a device's notification broker (MQTT).
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Connection")]
pub struct BrokerArgs {
    /// The device (host name or address)
    #[arg(short = 'd', long, value_name = "HOST", default_value = "127.0.0.1")]
    pub device: String,
    /// The device's MQTT port (8883 is the usual TLS port)
    #[arg(short = 'p', long, value_name = "N", default_value_t = 1883,
          value_parser = clap::value_parser!(u16).range(1..))]
    pub port: u16,
    /// User name, when the broker checks one
    #[arg(short = 'u', long, value_name = "USER", env = "JET_USER")]
    pub user: Option<String>,
    /// Password of --user (prefer the environment: the command line is visible to others)
    #[arg(
        long,
        value_name = "PASSWORD",
        env = "JET_PASSWORD",
        hide_env_values = true
    )]
    pub password: Option<String>,
    /// MQTT client id [default: a new one]
    #[arg(long, value_name = "ID")]
    pub client_id: Option<String>,
    /// Source address to connect from (the device's allow-clients checks it)
    #[arg(long, value_name = "ADDR")]
    pub bind: Option<IpAddr>,
    /// Time allowed to connect [default: 10]
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    pub timeout: Option<Duration>,
    /// Connect with TLS (implied by any other TLS flag) [default: clear text]
    #[arg(long)]
    pub tls: bool,
    #[command(flatten)]
    pub tls_flags: TlsArgs,
}

impl BrokerArgs {
    /// The notification session options these flags ask for; a user
    /// without a password is asked for one on the terminal.
    pub fn options(&self) -> Result<NotifyOptions, Failure> {
        let (user, password) = prompt::login(WHAT, &self.device, &self.user, &self.password)?;
        let mut options = NotifyOptions {
            device: self.device.clone(),
            port: self.port,
            user,
            password: password.map(Into::into),
            client_id: self.client_id.clone(),
            bind_address: self.bind,
            tls: (self.tls || self.tls_flags.any()).then(|| self.tls_flags.options()),
            ..NotifyOptions::default()
        };
        if let Some(timeout) = self.timeout {
            options.connect_timeout = timeout.min(Duration::from_secs(3600));
        }
        Ok(options)
    }
}

/// Runs `jet watch` until `--count` events, a signal, or a closed stdout.
pub fn run(cmd: &WatchCmd, signals: Signals) -> Result<(), Failure> {
    let topics = cmd
        .filters
        .iter()
        .map(|filter| Topic::raw(filter))
        .collect::<jet::Result<Vec<_>>>()
        .context(WHAT)?;
    for topic in topics
        .iter()
        .filter(|t| !topic::may_match_junos(t.as_str()))
    {
        let text = topic.as_str();
        let guess = if text.starts_with('/') {
            String::new()
        } else {
            format!("; did you mean '/{text}'?")
        };
        output::note(
            WHAT,
            &format!(
                "warning: '{text}' cannot match any Junos topic (they all start with \
                 /junos/events/ and go deeper){guess}"
            ),
        );
    }
    let options = cmd.broker.options()?;
    let at = format!("{}:{}", options.device, options.port);
    let session = NotificationSession::open(options).map_err(|e| tls_hint(WHAT, &e))?;
    session.on_state_change(Some(Box::new(move |state| match state {
        ConnectionState::Reconnecting => output::note(
            WHAT,
            "connection lost; reconnecting (events meanwhile are lost)",
        ),
        ConnectionState::Connected => output::note(WHAT, "connected again"),
        _ => {}
    })));
    for topic in &topics {
        session.subscribe_pull(topic).context(WHAT)?;
    }
    let names: Vec<&str> = topics.iter().map(Topic::as_str).collect();
    output::note(WHAT, &format!("watching {} at {at}", names.join(" ")));
    let mut seen = 0u64;
    while cmd.count.is_none_or(|count| seen < count) && signals.received().is_none() {
        let Some(event) = session.next(Duration::from_millis(200)).context(WHAT)? else {
            continue;
        };
        seen += 1;
        let text = if cmd.json {
            json_line(&event)
        } else {
            line(&event)
        };
        if output::line(&text).is_err() {
            break; // nobody reads any more
        }
    }
    session.close();
    Ok(())
}

/// The readable line of an event: a summary for the kinds jet knows,
/// `<event-id> <topic> <attributes>` for the others, `PARSE-ERROR <topic>
/// <bytes>` for a payload that is not a JET event.
pub fn line(event: &Event) -> String {
    if !event.is_parsed() {
        return format!("PARSE-ERROR {} {}", event.topic(), event.raw().len());
    }
    let id = event.id().unwrap_or("-");
    match summary(id, event) {
        Some(summary) => format!("{id}  {summary}"),
        None => format!("{id} {} {}", event.topic(), event.attributes_json()),
    }
}

/// The summary of a known kind of event, or `None` (unknown kind, or an
/// attribute it needs is missing).
fn summary(id: &str, event: &Event) -> Option<String> {
    let text = |name: &str| event.attr_str(name).ok();
    let ifl = || {
        let name = text("name")?;
        Some(match event.attr_int("subunit") {
            Ok(unit) => format!("{name}.{unit}"),
            Err(_) => name.to_string(),
        })
    };
    let kind = id.strip_prefix("KERNEL_EVENT_");
    match kind {
        Some(k) if k.starts_with("IFD_") => text("name").map(str::to_string),
        Some(k) if k.starts_with("IFL_") => ifl(),
        Some(k) if k.starts_with("IFF_") => Some(format!("{}  {}", ifl()?, text("family")?)),
        Some(k) if k.starts_with("IFA_") => Some(format!(
            "{}  {} {}",
            ifl()?,
            text("family")?,
            interface_address(text("local-address")?, text("destination-address"))
        )),
        Some(k) if k.starts_with("FIREWALL_FILTER_") => {
            let mut line = text("name")?.to_string();
            for (label, key) in [
                ("", "protocol"),
                ("", "interface-name"),
                ("client ", "client-id"),
            ] {
                if let Some(value) = text(key).filter(|v| !v.is_empty()) {
                    line.push_str(&format!("  {label}{value}"));
                }
            }
            Some(line)
        }
        Some(k) if k.starts_with("ROUTE_TABLE_") => Some(format!(
            "{}  {}",
            text("name")?,
            text("address-family").unwrap_or("-")
        )),
        Some(k) if k.starts_with("ROUTE_") => {
            let mut line = format!("{}  {}", text("table-name")?, text("route-prefix")?);
            let hops: Vec<&str> = event
                .attr_array("nexthop-address")
                .unwrap_or(&[])
                .iter()
                .filter_map(Value::as_str)
                .collect();
            if !hops.is_empty() {
                line.push_str(&format!("  via {}", hops.join(", ")));
            }
            Some(line)
        }
        Some(_) => None,
        None if id == "CONFIG_UPDATE" => {
            let mut line = format!("by {}", text("username").unwrap_or("?"));
            if let Some(comment) = text("commit-comment").filter(|c| !c.is_empty()) {
                line.push_str(&format!("  comment {comment:?}"));
            }
            Some(line)
        }
        None => event.message().map(str::to_string),
    }
}

/// An interface address as configured: devices send `local-address` as a
/// host prefix (`192.0.2.1/32`) and the subnet in `destination-address`
/// (`192.0.2.0/24`), so the length is taken from the latter when there is one.
fn interface_address(local: &str, destination: Option<&str>) -> String {
    let address = local.split_once('/').map_or(local, |(address, _)| address);
    match destination.and_then(|d| d.split_once('/')) {
        Some((_, length)) if !length.is_empty() => format!("{address}/{length}"),
        _ => local.to_string(),
    }
}

/// The `--json` line of an event: `{"topic", "event", "parse_error"}`, and
/// `"raw"` (the payload as text) when it is not a JET event.
pub fn json_line(event: &Event) -> String {
    let topic = Value::String(event.topic().to_string());
    let parsed = event
        .is_parsed()
        .then(|| event.json())
        .flatten()
        .and_then(|text| serde_json::from_str::<Value>(text).ok())
        .unwrap_or(Value::Null);
    match event.parse_error() {
        None => format!("{{\"topic\":{topic},\"event\":{parsed},\"parse_error\":null}}"),
        Some(error) => format!(
            "{{\"topic\":{topic},\"event\":null,\"parse_error\":{},\"raw\":{}}}",
            Value::String(error.to_string()),
            Value::String(String::from_utf8_lossy(event.raw()).into_owned())
        ),
    }
}

/// The sample events of `tests/data/events`, for the unit tests.
#[cfg(test)]
fn sample(file: &str, topic: &str) -> Event {
    let path: std::path::PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "..",
        "tests",
        "data",
        "events",
        file,
    ]
    .iter()
    .collect();
    let payload = std::fs::read(&path).expect("sample event");
    Event::parse(topic, payload.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_kinds_get_a_summary() {
        let cases = [
            ("ifd-add.json", "KERNEL_EVENT_IFD_ADD  ge-0/0/0"),
            ("ifl-change.json", "KERNEL_EVENT_IFL_CHANGE  ge-0/0/0.0"),
            ("iff-add.json", "KERNEL_EVENT_IFF_ADD  ge-0/0/0.0  inet6"),
            (
                "ifa-add.json",
                "KERNEL_EVENT_IFA_ADD  xe-0/0/0.0  inet 192.0.2.1/24",
            ),
            (
                "firewall-add.json",
                "KERNEL_EVENT_FIREWALL_FILTER_ADD  filter-by-jet  inet  xe-0/0/0.0  client app1",
            ),
            (
                "route-add.json",
                "KERNEL_EVENT_ROUTE_ADD  default.inet.0  198.51.100.0/24  via 192.0.2.2, 192.0.2.3",
            ),
            (
                "route-table-add.json",
                "KERNEL_EVENT_ROUTE_TABLE_ADD  blue.inet.0  inet",
            ),
            (
                "syslog-login.json",
                "LOGIN_INFORMATION  User 'lab' logged in from host 203.0.113.7 on device ttyp0",
            ),
            (
                "config-update.json",
                "CONFIG_UPDATE  by lab  comment \"jet test\"",
            ),
        ];
        for (file, expected) in cases {
            assert_eq!(line(&sample(file, "/t")), expected, "{file}");
        }
    }

    #[test]
    fn interface_addresses_show_the_subnet_length() {
        assert_eq!(
            interface_address("192.0.2.1/32", Some("192.0.2.0/24")),
            "192.0.2.1/24"
        );
        assert_eq!(
            interface_address("2001:db8::1/128", Some("2001:db8::/64")),
            "2001:db8::1/64"
        );
        assert_eq!(interface_address("192.0.2.1/32", None), "192.0.2.1/32");
        assert_eq!(interface_address("192.0.2.1", Some("")), "192.0.2.1");
    }

    #[test]
    fn unknown_kinds_and_missing_attributes_fall_back_to_the_generic_line() {
        let unknown = Event::parse(
            "/junos/events/x",
            br#"{"jet-event":{"event-id":"KERNEL_EVENT_NEW","attributes":{"b":1,"a":"x"}}}"#
                .to_vec()
                .into(),
        );
        assert_eq!(
            line(&unknown),
            r#"KERNEL_EVENT_NEW /junos/events/x {"a":"x","b":1}"#
        );
        let incomplete = Event::parse(
            "/t",
            br#"{"jet-event":{"event-id":"KERNEL_EVENT_IFA_ADD","attributes":{"name":"ge-0/0/0"}}}"#
                .to_vec()
                .into(),
        );
        assert_eq!(
            line(&incomplete),
            r#"KERNEL_EVENT_IFA_ADD /t {"name":"ge-0/0/0"}"#
        );
    }

    #[test]
    fn payloads_that_are_not_events_are_shown() {
        let bad = sample("not-json.txt", "/junos/events/x");
        assert_eq!(
            line(&bad),
            format!("PARSE-ERROR /junos/events/x {}", bad.raw().len())
        );
        let json: Value = serde_json::from_str(&json_line(&bad)).unwrap();
        assert_eq!(json["topic"], "/junos/events/x");
        assert_eq!(json["event"], Value::Null);
        assert!(json["parse_error"].as_str().unwrap().contains("JSON"));
        assert_eq!(
            json["raw"].as_str().unwrap().as_bytes(),
            bad.raw(),
            "the payload travels along"
        );
    }

    #[test]
    fn json_lines_carry_the_whole_event_on_one_line() {
        let event = sample("ifa-add.json", "/junos/events/kernel/interfaces/ifa/add/x");
        let text = json_line(&event);
        assert!(!text.contains('\n'));
        assert!(text.starts_with("{\"topic\":"), "{text}");
        let json: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            json["event"]["jet-event"]["event-id"],
            "KERNEL_EVENT_IFA_ADD"
        );
        assert_eq!(json["parse_error"], Value::Null);
        assert!(json.get("raw").is_none());
    }
}
