//! How `jet` fails: one error type, [`Failure`], that carries what was being
//! done, the message and the exit status.
//!
//! Exit statuses: 0 success; 1 the device or the connection failed (or a
//! local resource such as a TLS file could not be used); 2 the command line
//! or its input is wrong and nothing was sent (clap's own usage errors exit 2
//! as well). libjet's [`ErrorKind::InvalidArgument`] is always raised before
//! anything reaches the device, so it maps to 2.

use jet::error::{Error, ErrorKind};
use std::fmt;
use std::process::ExitCode;

/// Exit status of a device or connection failure.
pub const DEVICE_ERROR: u8 = 1;
/// Exit status of a usage error (bad arguments or input).
pub const USAGE_ERROR: u8 = 2;

/// A failed `jet` command: printed as `jet: <what>: <message>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    what: String,
    message: String,
    status: u8,
}

impl Failure {
    /// A device or connection failure of `what` (exit status 1).
    pub fn device(what: impl Into<String>, message: impl Into<String>) -> Failure {
        Failure {
            what: what.into(),
            message: message.into(),
            status: DEVICE_ERROR,
        }
    }

    /// A usage error of `what` (exit status 2).
    pub fn usage(what: impl Into<String>, message: impl Into<String>) -> Failure {
        Failure {
            what: what.into(),
            message: message.into(),
            status: USAGE_ERROR,
        }
    }

    /// A libjet error met while doing `what`: usage (2) for an invalid
    /// argument, device (1) for everything else.
    pub fn from_error(what: impl Into<String>, error: &Error) -> Failure {
        let what = what.into();
        let message = strip_prefix(&what, error.message());
        match error.kind() {
            ErrorKind::InvalidArgument => Failure::usage(what, message),
            _ => Failure::device(what, message),
        }
    }

    /// Adds a hint after the message.
    pub fn hint(mut self, hint: &str) -> Failure {
        self.message = format!("{} ({hint})", self.message);
        self
    }

    /// The exit status: 1 or 2.
    pub fn status(&self) -> u8 {
        self.status
    }

    /// The message, without `what`.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Prints `jet: <what>: <message>` on stderr and gives the exit code.
    pub fn report(&self) -> ExitCode {
        eprintln!("{self}");
        ExitCode::from(self.status)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "jet: {}: {}", self.what, self.message)
    }
}

/// libjet messages often start with the operation's own name ("filter add:
/// ..."), and the simulator's with "jet sim:"; when it repeats `what`, it is
/// said once.
fn strip_prefix(what: &str, message: &str) -> String {
    let own = format!("{what}: ");
    let tool = format!("jet {what}: ");
    message
        .strip_prefix(&own)
        .or_else(|| message.strip_prefix(&tool))
        .unwrap_or(message)
        .to_string()
}

/// Turns a libjet result into a [`Failure`] of `what`.
pub trait Context<T> {
    /// Names what was being done when it failed.
    fn context(self, what: &str) -> Result<T, Failure>;
}

impl<T> Context<T> for jet::Result<T> {
    fn context(self, what: &str) -> Result<T, Failure> {
        self.map_err(|error| Failure::from_error(what, &error))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_arguments_are_usage_errors_and_the_rest_device_errors() {
        let usage = Failure::from_error("iface add", &Error::invalid("bad address"));
        assert_eq!(usage.status(), USAGE_ERROR);
        assert_eq!(usage.to_string(), "jet: iface add: bad address");
        let device = Failure::from_error(
            "filter add",
            &Error::new(ErrorKind::Refused, "filter add: no such interface (code 3)"),
        );
        assert_eq!(device.status(), DEVICE_ERROR);
        assert_eq!(
            device.to_string(),
            "jet: filter add: no such interface (code 3)"
        );
    }

    #[test]
    fn the_simulators_own_prefix_is_said_once() {
        let failure = Failure::from_error(
            "sim",
            &Error::new(
                ErrorKind::Io,
                "jet sim: MQTT: cannot listen on 127.0.0.1:1883",
            ),
        );
        assert_eq!(
            failure.to_string(),
            "jet: sim: MQTT: cannot listen on 127.0.0.1:1883"
        );
    }

    #[test]
    fn hints_follow_the_message() {
        let failure = Failure::device("counter list", "no bulk read").hint("use --file");
        assert_eq!(failure.message(), "no bulk read (use --file)");
    }
}
