//! The flags that several commands share: how to reach a device's JET
//! services ([`ServiceArgs`]), TLS ([`TlsArgs`]), and the small value types
//! of the command line (family, direction, API, seconds), plus reading a
//! file argument where `-` is stdin.

use super::exit::Failure;
use super::prompt;
use clap::{Args, ValueEnum};
use jet::service::firewall::{Direction, Family};
use jet::service::{Api, Service, ServiceOptions, ServiceSession};
use jet::tls::TlsOptions;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// TLS flags, shared by the service commands and `jet watch`.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "TLS")]
pub struct TlsArgs {
    /// PEM file of the CA that signed the device's certificate [default: the system's roots]
    #[arg(long, value_name = "FILE")]
    pub ca: Option<PathBuf>,
    /// PEM client certificate, for devices that ask for one (needs --key)
    #[arg(long, value_name = "FILE", requires = "key")]
    pub cert: Option<PathBuf>,
    /// PEM private key of --cert
    #[arg(long, value_name = "FILE", requires = "cert")]
    pub key: Option<PathBuf>,
    /// Name to verify in the device's certificate [default: --device]
    #[arg(long, value_name = "NAME")]
    pub tls_name: Option<String>,
    /// Accept any certificate without verifying it (labs only; prints a warning)
    #[arg(long)]
    pub insecure: bool,
}

impl TlsArgs {
    /// Whether any TLS flag was given.
    pub fn any(&self) -> bool {
        self.ca.is_some()
            || self.cert.is_some()
            || self.key.is_some()
            || self.tls_name.is_some()
            || self.insecure
    }

    /// The library's TLS settings; warns on stderr when verification is off.
    pub fn options(&self) -> TlsOptions {
        if self.insecure {
            eprintln!("jet: warning: --insecure: the device's certificate is not verified");
        }
        TlsOptions {
            ca_file: self.ca.clone(),
            cert_file: self.cert.clone(),
            key_file: self.key.clone(),
            server_name: self.tls_name.clone(),
            insecure_skip_verify: self.insecure,
        }
    }
}

/// How to reach a device's JET services (gRPC): the connection flags of
/// every command that programs the device.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Connection")]
pub struct ServiceArgs {
    /// The device (host name or address)
    #[arg(short = 'd', long, value_name = "HOST", default_value = "127.0.0.1")]
    pub device: String,
    /// The device's JET port
    #[arg(short = 'p', long, value_name = "N", default_value_t = 32767,
          value_parser = clap::value_parser!(u16).range(1..))]
    pub port: u16,
    /// User to log in as [default: no login, for skip-authentication devices]
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
    /// Client id, unique among the device's clients [default: a new one]. JET
    /// filters belong to the client that added them: use the same id to change
    /// them from another invocation
    #[arg(long, value_name = "ID")]
    pub client_id: Option<String>,
    /// Which generation of the JET IDL to speak: jnx (Junos 19.3+, Evolved),
    /// legacy (17.x-19.2) or auto (find out per service)
    #[arg(long, value_enum, value_name = "API", default_value_t = ApiArg::Auto)]
    pub api: ApiArg,
    /// Time allowed to connect, and for each call [default: 10 s to connect, 30 s per call]
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    pub timeout: Option<Duration>,
    /// Connect without TLS (TLS is the default)
    #[arg(long, conflicts_with_all = ["ca", "cert", "key", "tls_name", "insecure"])]
    pub clear_text: bool,
    #[command(flatten)]
    pub tls: TlsArgs,
}

impl ServiceArgs {
    /// The session options these flags ask for; `what` names the command
    /// when the password must be asked for and cannot be.
    pub fn options(&self, what: &str) -> Result<ServiceOptions, Failure> {
        let (user, password) = prompt::login(what, &self.device, &self.user, &self.password)?;
        let mut options = ServiceOptions {
            device: self.device.clone(),
            port: self.port,
            user,
            password: password.map(Into::into),
            client_id: self.client_id.clone(),
            api: self.api.into(),
            tls: if self.clear_text {
                None
            } else {
                Some(self.tls.options())
            },
            ..ServiceOptions::default()
        };
        if let Some(timeout) = self.timeout {
            options.connect_timeout = timeout;
            options.call_timeout = timeout;
        }
        Ok(options)
    }

    /// Connects and logs in; `what` names the command in a failure, with the
    /// flag to try when the device's answer says TLS is the problem.
    pub fn open(&self, what: &str) -> Result<ServiceSession, Failure> {
        ServiceSession::open(self.options(what)?).map_err(|e| tls_hint(what, &e))
    }
}

/// A failure of `what`; a TLS one names the flags that fix it.
pub fn tls_hint(what: &str, error: &jet::Error) -> Failure {
    let failure = Failure::from_error(what, error);
    if error.kind() != jet::ErrorKind::Tls {
        failure
    } else if error.message().contains("clear text") {
        failure.hint("use --clear-text")
    } else if error.message().contains("not signed by a CA") {
        failure.hint("use --ca FILE")
    } else if error.message().contains("does not name the host") {
        failure.hint("use --tls-name NAME")
    } else {
        failure
    }
}

/// A flag or environment value, where an empty one (`JET_USER=`) means none.
pub fn non_empty(value: &Option<String>) -> Option<String> {
    value.clone().filter(|v| !v.is_empty())
}

/// `--api`: which IDL generation to speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ApiArg {
    /// Find out per service (jnx first, legacy when the device does not serve it)
    Auto,
    /// jnx.jet.* (Junos 19.3 and later, Junos Evolved)
    Jnx,
    /// The legacy IDL (Junos 17.x to 19.2)
    Legacy,
}

impl From<ApiArg> for Api {
    fn from(api: ApiArg) -> Api {
        match api {
            ApiArg::Auto => Api::Auto,
            ApiArg::Jnx => Api::Jnx,
            ApiArg::Legacy => Api::Legacy,
        }
    }
}

/// An address family on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FamilyArg {
    /// IPv4
    Inet,
    /// IPv6
    Inet6,
}

impl FamilyArg {
    /// "inet" or "inet6".
    pub fn name(self) -> &'static str {
        match self {
            FamilyArg::Inet => "inet",
            FamilyArg::Inet6 => "inet6",
        }
    }
}

impl From<FamilyArg> for Family {
    fn from(family: FamilyArg) -> Family {
        match family {
            FamilyArg::Inet => Family::Inet,
            FamilyArg::Inet6 => Family::Inet6,
        }
    }
}

/// A binding direction on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DirectionArg {
    /// Packets entering the interface
    Input,
    /// Packets leaving the interface
    Output,
}

impl From<DirectionArg> for Direction {
    fn from(direction: DirectionArg) -> Direction {
        match direction {
            DirectionArg::Input => Direction::Input,
            DirectionArg::Output => Direction::Output,
        }
    }
}

/// The longest time a `SECONDS` value may give (a day).
const MAX_SECONDS: f64 = 86_400.0;

/// Parses a positive number of seconds (fractions allowed) up to a day.
pub fn parse_seconds(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a number of seconds"))?;
    if !seconds.is_finite() || seconds <= 0.0 || seconds > MAX_SECONDS {
        return Err(format!(
            "{text} is out of range (more than 0, at most {MAX_SECONDS} seconds)"
        ));
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// Like [`parse_seconds`], and 0 is allowed.
pub fn parse_seconds_or_zero(text: &str) -> Result<Duration, String> {
    if text.trim().parse::<f64>() == Ok(0.0) {
        return Ok(Duration::ZERO);
    }
    parse_seconds(text)
}

/// Reads a text file argument (`-` is stdin); failures are usage errors of `what`.
pub fn read_input(what: &str, path: &Path) -> Result<String, Failure> {
    let mut text = String::new();
    let read = if path == Path::new("-") {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    read.map_err(|e| {
        let name = if path == Path::new("-") {
            "stdin".to_string()
        } else {
            path.display().to_string()
        };
        Failure::usage(what, format!("cannot read {name}: {e}"))
    })?;
    Ok(text)
}

/// " (jnx API)": the generation `service` was spoken in, for a success
/// message; empty when it is not known.
pub fn api_note(session: &ServiceSession, service: Service) -> String {
    match session.generation(service) {
        Some(generation) => format!(" ({} API)", generation.name()),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_take_fractions_and_refuse_nonsense() {
        assert_eq!(parse_seconds("1.5").unwrap(), Duration::from_millis(1500));
        assert_eq!(parse_seconds("30").unwrap(), Duration::from_secs(30));
        for bad in ["0", "-1", "x", "NaN", "inf", "100000"] {
            assert!(parse_seconds(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_seconds_or_zero("0").unwrap(), Duration::ZERO);
        assert!(parse_seconds_or_zero("-1").is_err());
    }

    #[test]
    fn service_flags_become_session_options() {
        let args = ServiceArgs {
            device: "192.0.2.9".into(),
            port: 50051,
            user: Some("lab".into()),
            password: Some("lab123".into()),
            client_id: Some("demo".into()),
            api: ApiArg::Legacy,
            timeout: Some(Duration::from_secs(3)),
            clear_text: true,
            tls: TlsArgs::default(),
        };
        let options = args.options("test").unwrap();
        options.validate().unwrap();
        assert_eq!(
            (options.device.as_str(), options.port),
            ("192.0.2.9", 50051)
        );
        assert_eq!(options.api, Api::Legacy);
        assert_eq!(options.tls, None);
        assert_eq!(options.call_timeout, Duration::from_secs(3));
        assert_eq!(options.password.unwrap().expose(), "lab123");
        let empty = ServiceArgs {
            user: Some(String::new()),
            password: Some(String::new()),
            ..args.clone()
        };
        let options = empty.options("test").unwrap();
        assert_eq!(
            (options.user, options.password),
            (None, None),
            "JET_USER= is no user"
        );
        let tls = ServiceArgs {
            clear_text: false,
            ..args
        };
        assert!(
            tls.options("test").unwrap().tls.is_some(),
            "TLS is the default"
        );
    }
}
