//! How to open a service session.

use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::tls::TlsOptions;
use std::fmt;
use std::time::Duration;

/// Which generation of the JET IDL to speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Api {
    /// Find out per service which generation the device serves (default).
    #[default]
    Auto,
    /// The `jnx.jet.*` IDL of Junos 19.3 and later (and Junos Evolved).
    Jnx,
    /// The IDL of Junos 17.x to 19.2 (`authentication`, `acl`, `interface`, `management`).
    Legacy,
}

/// The generation a service is spoken in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Generation {
    /// `jnx.jet.*`.
    Jnx,
    /// The legacy IDL.
    Legacy,
}

impl Generation {
    /// "jnx" or "legacy".
    pub fn name(self) -> &'static str {
        match self {
            Generation::Jnx => "jnx",
            Generation::Legacy => "legacy",
        }
    }
}

impl fmt::Display for Generation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Settings of a service session. Start from [`ServiceOptions::default`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceOptions {
    /// Device host name or address. Default `127.0.0.1`.
    pub device: String,
    /// The device's JET request-response port. Default 32767.
    pub port: u16,
    /// User name for the login. `None` skips the login (for devices set to
    /// `skip-authentication`).
    pub user: Option<String>,
    /// Password; never logged.
    pub password: Option<Secret>,
    /// Client id, unique among the device's sessions; `None` makes one.
    pub client_id: Option<String>,
    /// IDL generation. Default [`Api::Auto`].
    pub api: Api,
    /// TLS settings. Default: TLS, verified against the system's roots.
    /// `None` is clear text, which must be asked for.
    pub tls: Option<TlsOptions>,
    /// Time allowed to open the session: connect (TCP and TLS) and log in.
    /// Default 10 s.
    pub connect_timeout: Duration,
    /// Deadline of each call unless the call gives its own. Default 30 s.
    pub call_timeout: Duration,
    /// What to do about the policers, filters and interface addresses this
    /// session added after a reconnect:
    /// nothing (default), report, or re-apply; see [`super::StateMode`].
    pub state: super::StateMode,
}

impl Default for ServiceOptions {
    fn default() -> Self {
        ServiceOptions {
            device: "127.0.0.1".into(),
            port: 32767,
            user: None,
            password: None,
            client_id: None,
            api: Api::Auto,
            tls: Some(TlsOptions::default()),
            connect_timeout: Duration::from_secs(10),
            call_timeout: Duration::from_secs(30),
            state: super::StateMode::Off,
        }
    }
}

/// The longest client id accepted.
pub const MAX_SERVICE_CLIENT_ID_LEN: usize = 256;

impl ServiceOptions {
    /// Checks every setting.
    pub fn validate(&self) -> Result<()> {
        if self.device.trim().is_empty() || self.device.contains(['\0', ' ', '/']) {
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
        if let Some(id) = &self.client_id {
            if id.is_empty() || id.len() > MAX_SERVICE_CLIENT_ID_LEN || id.contains('\0') {
                return Err(Error::invalid(format!(
                    "client id must be 1 to {MAX_SERVICE_CLIENT_ID_LEN} bytes without NUL"
                )));
            }
        }
        for (name, value) in [
            ("connect timeout", self.connect_timeout),
            ("call timeout", self.call_timeout),
        ] {
            if value < Duration::from_millis(1) || value > Duration::from_secs(24 * 3600) {
                return Err(Error::invalid(format!("{name} must be 1 ms to 24 hours")));
            }
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
    fn defaults_are_secure_and_juniper_like() {
        let o = ServiceOptions::default();
        o.validate().unwrap();
        assert_eq!(o.port, 32767);
        assert_eq!(o.api, Api::Auto);
        let tls = o.tls.expect("TLS unless clear text is asked for");
        assert!(!tls.insecure_skip_verify);
    }

    #[test]
    fn refuses_bad_settings() {
        for bad in [
            ServiceOptions {
                port: 0,
                ..Default::default()
            },
            ServiceOptions {
                device: String::new(),
                ..Default::default()
            },
            ServiceOptions {
                password: Some("p".into()),
                ..Default::default()
            },
            ServiceOptions {
                client_id: Some(String::new()),
                ..Default::default()
            },
            ServiceOptions {
                call_timeout: Duration::ZERO,
                ..Default::default()
            },
        ] {
            assert_eq!(
                bad.validate().unwrap_err().kind(),
                crate::ErrorKind::InvalidArgument
            );
        }
    }

    #[test]
    fn the_password_is_not_shown() {
        let o = ServiceOptions {
            user: Some("lab".into()),
            password: Some("hunter2".into()),
            ..Default::default()
        };
        assert!(!format!("{o:?}").contains("hunter2"));
    }
}
