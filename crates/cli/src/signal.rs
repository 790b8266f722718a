//! Stopping cleanly on SIGINT (Ctrl-C) and SIGTERM, with std and libc only.
//!
//! [`listen`] blocks both signals in the calling thread, which every thread
//! started afterwards inherits (libjet's runtime and dispatchers included),
//! and starts one thread that takes them with `sigwait`. Nothing runs in a
//! signal handler, so nothing needs to be async-signal-safe. The first signal
//! is recorded for the command to see ([`Signals::received`],
//! [`Signals::wait_timeout`]); a second one ends the process at once with
//! status 130, for when the clean-up itself hangs.

use std::io;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// The first signal received, and a way to wait for it.
#[derive(Debug, Default)]
struct State {
    received: Mutex<Option<i32>>,
    arrived: Condvar,
}

static STATE: State = State {
    received: Mutex::new(None),
    arrived: Condvar::new(),
};

/// SIGINT and SIGTERM, taken by a thread of their own.
#[derive(Debug, Clone, Copy)]
pub struct Signals {
    state: &'static State,
}

/// Blocks SIGINT and SIGTERM and starts the thread that takes them. Call it
/// before any other thread starts, so that they all inherit the mask.
pub fn listen() -> io::Result<Signals> {
    // SAFETY: sigset_t is plain data, initialised by sigemptyset before use;
    // pthread_sigmask only changes the calling thread's mask.
    let set = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::sigaddset(&mut set, libc::SIGTERM);
        let rc = libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
        if rc != 0 {
            return Err(io::Error::from_raw_os_error(rc));
        }
        set
    };
    std::thread::Builder::new()
        .name("jet-signals".into())
        .spawn(move || loop {
            let mut signal = 0;
            // SAFETY: `set` is a valid signal set; sigwait writes one int.
            if unsafe { libc::sigwait(&set, &mut signal) } != 0 {
                continue;
            }
            let mut received = STATE.received.lock().unwrap_or_else(|e| e.into_inner());
            if received.is_some() {
                eprintln!("jet: {} again: stopping at once", name(signal));
                std::process::exit(130);
            }
            *received = Some(signal);
            STATE.arrived.notify_all();
        })?;
    Ok(Signals { state: &STATE })
}

impl Signals {
    /// The first signal received, if any.
    pub fn received(&self) -> Option<i32> {
        *self
            .state
            .received
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// Waits up to `timeout` for a signal; `None` when none came.
    pub fn wait_timeout(&self, timeout: Duration) -> Option<i32> {
        let deadline = Instant::now() + timeout;
        let mut received = self
            .state
            .received
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        while received.is_none() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            received = self
                .state
                .arrived
                .wait_timeout(received, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        *received
    }

    /// Waits for a signal, however long it takes.
    pub fn wait(&self) -> i32 {
        loop {
            if let Some(signal) = self.wait_timeout(Duration::from_secs(3600)) {
                return signal;
            }
        }
    }
}

/// "SIGINT", "SIGTERM" or the number.
pub fn name(signal: i32) -> String {
    match signal {
        libc::SIGINT => "SIGINT".into(),
        libc::SIGTERM => "SIGTERM".into(),
        other => format!("signal {other}"),
    }
}
