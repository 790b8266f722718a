//! libjet's own log: levelled records about what the library does.
//!
//! Silent by default. `JET_LOG=error|warn|info|debug|trace` in the environment
//! sends records to stderr; [`set_sink`] hands them to the application instead.
//! Records never contain passwords or key material: callers format only what is
//! safe to show (see [`crate::secret::Secret`]).

use once_cell::sync::Lazy;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, RwLock};

/// How important a record is. Lower numbers are more important.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Level {
    /// Something failed and libjet could not hide it.
    Error = 1,
    /// Something went wrong and libjet recovered (a reconnect, a dropped event).
    Warn = 2,
    /// A milestone: connected, subscribed, closed.
    Info = 3,
    /// Detail for finding a problem.
    Debug = 4,
    /// Everything, including each packet's kind.
    Trace = 5,
}

impl Level {
    /// The level named by `text` (`error`, `warn`, `info`, `debug`, `trace`, any case).
    pub fn from_name(text: &str) -> Option<Level> {
        match text.trim().to_ascii_lowercase().as_str() {
            "error" => Some(Level::Error),
            "warn" | "warning" => Some(Level::Warn),
            "info" => Some(Level::Info),
            "debug" => Some(Level::Debug),
            "trace" => Some(Level::Trace),
            _ => None,
        }
    }

    /// The level with number `n` (1 = error … 5 = trace).
    pub fn from_number(n: i64) -> Option<Level> {
        match n {
            1 => Some(Level::Error),
            2 => Some(Level::Warn),
            3 => Some(Level::Info),
            4 => Some(Level::Debug),
            5 => Some(Level::Trace),
            _ => None,
        }
    }

    /// The lower-case name of the level.
    pub fn name(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warn => "warn",
            Level::Info => "info",
            Level::Debug => "debug",
            Level::Trace => "trace",
        }
    }
}

/// Where records go: a function of (level, target, message).
pub type Sink = Arc<dyn Fn(Level, &str, &str) + Send + Sync>;

/// 0 means off.
static MAX_LEVEL: AtomicU8 = AtomicU8::new(0);
static SINK: Lazy<RwLock<Option<Sink>>> = Lazy::new(|| RwLock::new(from_environment()));

fn from_environment() -> Option<Sink> {
    let level = std::env::var("JET_LOG")
        .ok()
        .and_then(|v| Level::from_name(&v))?;
    MAX_LEVEL.store(level as u8, Ordering::Relaxed);
    Some(Arc::new(|level: Level, target: &str, message: &str| {
        eprintln!("libjet {:5} {}: {}", level.name(), target, message);
    }))
}

/// Sends records up to `max_level` to `sink`; `None` makes libjet silent.
pub fn set_sink(sink: Option<Sink>, max_level: Level) {
    let mut slot = SINK.write().unwrap_or_else(|e| e.into_inner());
    MAX_LEVEL.store(
        if sink.is_some() { max_level as u8 } else { 0 },
        Ordering::Relaxed,
    );
    *slot = sink;
}

/// Changes the most detailed level that reaches the sink.
pub fn set_max_level(level: Level) {
    Lazy::force(&SINK);
    MAX_LEVEL.store(level as u8, Ordering::Relaxed);
}

/// True when a record at `level` would reach a sink (cheap; check before formatting).
pub fn enabled(level: Level) -> bool {
    Lazy::force(&SINK);
    level as u8 <= MAX_LEVEL.load(Ordering::Relaxed)
}

/// Hands one record to the sink, if any.
pub fn emit(level: Level, target: &str, message: &str) {
    if !enabled(level) {
        return;
    }
    let sink = SINK.read().unwrap_or_else(|e| e.into_inner()).clone();
    if let Some(sink) = sink {
        // A sink that panics must not take the library down with it.
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            sink(level, target, message)
        }));
    }
}

/// Logs a formatted record when its level is enabled: `jet_log!(Level::Info, "notify", "…{}", x)`.
#[macro_export]
macro_rules! jet_log {
    ($level:expr, $target:expr, $($arg:tt)+) => {
        if $crate::logging::enabled($level) {
            $crate::logging::emit($level, $target, &format!($($arg)+));
        }
    };
}
