//! libjet: Junos JET notifications (MQTT) and services (gRPC) for native programs.
//!
//! The Rust API is the core; [`ffi`] is a thin C ABI over it. Threading and
//! ownership rules are in the README and on each type.

pub mod cancel;
mod client_id;
pub mod error;
pub mod event;
pub mod ffi;
pub mod logging;
pub mod net;
pub mod notify;
pub mod proto;
pub mod runtime;
pub mod secret;
pub mod service;
pub mod sigpipe;
pub mod tls;
pub mod topic;

pub use error::{Error, ErrorKind, Result};

use std::time::Duration;

/// The library's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The version of the C ABI; bumped on every incompatible change.
///
/// ABI 3 adds cancellation: `jet_cancel_t`, the `jet_cancel_*` functions and
/// `JET_STATUS_CANCELLED`.
pub const ABI_VERSION: u32 = 3;

/// Closes every session and stops libjet's threads (runtime and dispatchers).
///
/// Managed runtimes (Go, Java, .NET) should call it before exit. Refused from a
/// callback. Sessions opened before answer [`ErrorKind::Closed`] and start
/// nothing; libjet starts again when a new session is opened.
pub fn shutdown() -> Result<()> {
    if runtime::thread_role() != runtime::ThreadRole::Application {
        return Err(Error::new(
            ErrorKind::WouldDeadlock,
            "shutdown must not be called from a callback or a libjet thread",
        ));
    }
    notify::close_all();
    notify::stop_dispatchers()?;
    runtime::stop(Duration::from_secs(5));
    Ok(())
}
