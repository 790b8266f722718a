//! `jet sim`: runs the simulated device ([`jet_sim::Device`]), its JET
//! gRPC services and its notification broker, until SIGINT or SIGTERM.
//!
//! Once both ports accept connections it prints, on stdout and flushed,
//! `jet sim: mqtt <address:port> grpc <address:port>`, so that scripts and
//! tests started with port 0 learn the ports it picked. Its log goes to
//! stderr.

use super::exit::{Context, Failure};
use super::output;
use super::signal::{self, Signals};
use clap::{Args, ValueEnum};
use jet_sim::{
    Apis, ClientPrefix, Device, DeviceOptions, Interface, Rate, TlsFiles, DEFAULT_GRPC_PORT,
    DEFAULT_MQTT_PORT, DEFAULT_PASSWORD, DEFAULT_USER,
};
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

const WHAT: &str = "sim";

/// `jet sim`.
#[derive(Debug, Clone, Args)]
#[command(after_help = "\
Examples:
  jet sim --mqtt-port 0 --grpc-port 0 --user lab --password lab123
  jet sim --api legacy --script tests/data/sim-script.txt
  jet sim --tls-cert device.pem --tls-key device.key --allow-clients 127.0.0.1,192.0.2.0/24

Once both ports listen, stdout gets one line, e.g.
  jet sim: mqtt 127.0.0.1:1883 grpc 127.0.0.1:32767
then jet runs until Ctrl-C or SIGTERM, and exits 0 once stopped.
Address, filter and commit changes are published as the device's events;
counters of bound filters grow every --tick. Try it with
  jet watch &  jet iface add ge-0/0/0.0 inet 192.0.2.1/24 --clear-text --user jet --password jet123

Where it differs from a device: it checks logins, client ids, interface
names, filter and policer rules, `set` commands and that JSON and XML are
well formed, but not the Junos configuration schema; and any client may read,
bind or delete a filter another client added (a device keeps JET filters to
the client that made them).")]
pub struct SimCmd {
    /// The address both servers listen on
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub listen: IpAddr,
    /// The notification (MQTT) port; 0 picks a free one
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MQTT_PORT)]
    pub mqtt_port: u16,
    /// The JET (gRPC) port; 0 picks a free one
    #[arg(long, value_name = "N", default_value_t = DEFAULT_GRPC_PORT)]
    pub grpc_port: u16,
    /// Which IDL generations the device serves
    #[arg(long, value_enum, value_name = "API", default_value = "both")]
    pub api: SimApi,
    /// The user that may log in [default: jet, password jet123]
    #[arg(short = 'u', long, value_name = "USER", requires = "password")]
    pub user: Option<String>,
    /// The password of --user
    #[arg(long, value_name = "PASSWORD", requires = "user")]
    pub password: Option<String>,
    /// The broker checks the same user and password (devices do not)
    #[arg(long)]
    pub mqtt_auth: bool,
    /// Serve JET calls without a login (request-response grpc skip-authentication)
    #[arg(long)]
    pub skip_authentication: bool,
    /// Serve TLS on both ports with this PEM certificate (needs --tls-key)
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The PEM private key of --tls-cert
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Ask clients for a certificate signed by this CA (mutual TLS)
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_client_ca: Option<PathBuf>,
    /// Source prefixes the broker admits, comma-separated [default: 127.0.0.0/8,::1]
    #[arg(long, value_name = "PREFIX,...", value_delimiter = ',', value_parser = parse_prefix)]
    pub allow_clients: Vec<ClientPrefix>,
    /// Notifications to replay once a client connects: lines of `<delay-ms> <topic> <payload or @file>`
    #[arg(long, value_name = "FILE")]
    pub script: Option<PathBuf>,
    /// Publish N synthetic interface events per second (for benchmarks)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub rate: Option<u32>,
    /// Stop the --rate events after N of them
    #[arg(long, value_name = "N", requires = "rate")]
    pub rate_total: Option<u64>,
    /// The interfaces, comma-separated: ge-0/0/0 (unit 0) or ge-0/0/0.5 [default: ge-0/0/0 to ge-0/0/3]
    #[arg(long, value_name = "IFD[.UNIT],...", value_delimiter = ',')]
    pub interfaces: Vec<String>,
    /// How often the counters of bound filters grow; 0 never
    #[arg(long, value_name = "SECONDS", default_value = "1", value_parser = super::args::parse_seconds_or_zero)]
    pub tick: Duration,
    /// Log nothing on stderr
    #[arg(short = 'q', long)]
    pub quiet: bool,
}

/// `--api` of `jet sim`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SimApi {
    /// Junos 19.3+: the jnx.jet.* services, and legacy login
    Jnx,
    /// Junos 17.x-19.2: the legacy services only
    Legacy,
    /// Both generations in full (like Junos Evolved)
    Both,
    /// The jnx.jet.* services alone, without legacy login
    JnxOnly,
}

impl From<SimApi> for Apis {
    fn from(api: SimApi) -> Apis {
        match api {
            SimApi::Jnx => Apis::Jnx,
            SimApi::Legacy => Apis::Legacy,
            SimApi::Both => Apis::Both,
            SimApi::JnxOnly => Apis::JnxOnly,
        }
    }
}

fn parse_prefix(text: &str) -> Result<ClientPrefix, String> {
    text.trim().parse().map_err(|e: jet::Error| e.to_string())
}

/// `ge-0/0/0,ge-0/0/0.5,xe-1/0/0` as interfaces with their units.
pub fn parse_interfaces(items: &[String]) -> Result<Vec<Interface>, String> {
    let mut interfaces: Vec<Interface> = Vec::new();
    for item in items.iter().map(|i| i.trim()).filter(|i| !i.is_empty()) {
        let (name, unit) = match item.rsplit_once('.') {
            Some((name, unit)) => {
                let unit = unit
                    .parse::<u32>()
                    .map_err(|_| format!("interface '{item}': unit '{unit}' is not a number"))?;
                (name, unit)
            }
            None => (item, 0),
        };
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(format!("'{item}' is not an interface name"));
        }
        match interfaces.iter_mut().find(|i| i.name == name) {
            Some(known) => {
                known.units.insert(unit);
            }
            None => interfaces.push(Interface::new(name, [unit])),
        }
    }
    Ok(interfaces)
}

impl SimCmd {
    /// The device options these flags ask for; `verbose` is the number of -v.
    pub fn options(&self, verbose: u8) -> Result<DeviceOptions, Failure> {
        let interfaces = if self.interfaces.is_empty() {
            None
        } else {
            Some(parse_interfaces(&self.interfaces).map_err(|e| Failure::usage(WHAT, e))?)
        };
        let defaults = DeviceOptions::default();
        Ok(DeviceOptions {
            listen: self.listen,
            grpc_port: self.grpc_port,
            mqtt_port: self.mqtt_port,
            apis: self.api.into(),
            users: match (&self.user, &self.password) {
                (Some(user), Some(password)) => vec![(user.clone(), password.clone())],
                _ => Vec::new(),
            },
            mqtt_auth: self.mqtt_auth,
            skip_authentication: self.skip_authentication,
            tls: match (&self.tls_cert, &self.tls_key) {
                (Some(cert), Some(key)) => Some(TlsFiles {
                    cert: cert.clone(),
                    key: key.clone(),
                    client_ca: self.tls_client_ca.clone(),
                }),
                _ => None,
            },
            allow_clients: if self.allow_clients.is_empty() {
                defaults.allow_clients.clone()
            } else {
                self.allow_clients.clone()
            },
            interfaces,
            script: self.script.clone(),
            rate: self.rate.map(|per_second| Rate {
                per_second,
                total: self.rate_total,
            }),
            tick: (!self.tick.is_zero()).then_some(self.tick),
            verbosity: if self.quiet { 0 } else { 1 + verbose.min(1) },
            ..defaults
        })
    }
}

impl SimCmd {
    /// Ready-to-paste commands that reach this device, and the login it checks.
    pub fn how_to_reach(&self, mqtt_port: u16, grpc_port: u16) -> Vec<String> {
        let (user, password) = match (&self.user, &self.password) {
            (Some(user), Some(password)) => (user.as_str(), password.as_str()),
            _ => (DEFAULT_USER, DEFAULT_PASSWORD),
        };
        let device = if self.listen.is_unspecified() {
            "127.0.0.1".to_string()
        } else {
            self.listen.to_string()
        };
        // The watch is clear text unless the device serves TLS; the service
        // commands are TLS unless told --clear-text.
        let watch_tls = match &self.tls_cert {
            Some(cert) => format!(" --ca {}", cert.display()),
            None => String::new(),
        };
        let service_tls = if self.tls_cert.is_some() {
            watch_tls.clone()
        } else {
            " --clear-text".to_string()
        };
        let watch_login = if self.mqtt_auth {
            format!(" --user {user} --password {password}")
        } else {
            String::new()
        };
        let login = if self.skip_authentication {
            "no login needed (--skip-authentication)".to_string()
        } else {
            format!("login {user} / {password}")
        };
        vec![
            format!("{login}; try, in another terminal:"),
            format!("  jet watch --device {device} --port {mqtt_port}{watch_tls}{watch_login}"),
            format!(
                "  jet iface add ge-0/0/0.0 inet 192.0.2.1/24 --device {device} --port {grpc_port}{service_tls} --user {user} --password {password}"
            ),
        ]
    }
}

/// Runs the simulator until a signal.
pub fn run(cmd: &SimCmd, verbose: u8, signals: Signals) -> Result<(), Failure> {
    let options = cmd.options(verbose)?;
    let device = Device::start(options).context(WHAT)?;
    let line = format!(
        "jet sim: mqtt {} grpc {}",
        device.mqtt().addr(),
        device.grpc().addr()
    );
    // A closed stdout does not stop the device: its log is on stderr.
    let _ = output::line(&line);
    if !cmd.quiet {
        for hint in cmd.how_to_reach(device.mqtt_port(), device.grpc_port()) {
            eprintln!("jet sim: {hint}");
        }
    }
    let signal = signals.wait();
    if !cmd.quiet {
        eprintln!("jet sim: {}: stopping", signal::name(signal));
    }
    drop(device);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interfaces_take_units_and_merge_them() {
        let parsed = parse_interfaces(&[
            "ge-0/0/0".into(),
            "ge-0/0/0.5".into(),
            " xe-1/0/0.2 ".into(),
        ])
        .unwrap();
        assert_eq!(
            parsed,
            vec![
                Interface::new("ge-0/0/0", [0, 5]),
                Interface::new("xe-1/0/0", [2])
            ]
        );
        assert!(parse_interfaces(&["ge-0/0/0.x".into()]).is_err());
        assert!(parse_interfaces(&[".1".into()]).is_err());
    }
}
