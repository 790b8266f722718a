//! The simulator's own log lines on stderr, by verbosity: 0 says nothing,
//! 1 what starts and stops and which MQTT clients come, go or are refused,
//! 2 also every event published (topic and size).

use std::fmt::Display;

/// Lifecycle, clients, script and rate progress.
pub(crate) const INFO: u8 = 1;
/// Every event published.
pub(crate) const DETAIL: u8 = 2;

/// Writes `jet sim: <message>` lines on stderr up to a verbosity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Say(pub(crate) u8);

impl Say {
    /// Whether lines of `level` are written.
    pub(crate) fn enabled(self, level: u8) -> bool {
        level > 0 && self.0 >= level
    }

    /// Writes `message` when `level` is enabled.
    pub(crate) fn line(self, level: u8, message: impl Display) {
        if self.enabled(level) {
            eprintln!("jet sim: {message}");
        }
    }
}
