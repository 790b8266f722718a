//! The one tokio runtime that libjet's network tasks run on, and the rules about
//! which threads may block.
//!
//! The runtime is made on first use with a fixed number of worker threads (so the
//! thread count does not grow with the number of sessions) and torn down by
//! [`stop`] (called by [`crate::shutdown`]). Blocking libjet calls refuse to run
//! on a runtime worker, where they could deadlock, and return
//! [`ErrorKind::WouldDeadlock`] instead.

use crate::error::{Error, ErrorKind, Result};
use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::runtime::{Builder, Handle, Runtime};

/// Worker threads of the runtime: enough for network I/O of many sessions.
const WORKER_THREADS: usize = 2;
/// Threads the runtime may add for blocking work (name resolution); they
/// come and go.
const BLOCKING_THREADS: usize = 2;

/// The most threads libjet runs at once, however many sessions are open:
/// the runtime's workers and blocking threads and the dispatcher threads.
/// Each is named `jet-…`.
pub const MAX_THREADS: usize =
    WORKER_THREADS + BLOCKING_THREADS + crate::notify::DISPATCHER_THREADS;

/// What a thread is to libjet.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ThreadRole {
    /// An application thread.
    Application,
    /// A tokio worker of libjet's runtime.
    RuntimeWorker,
    /// One of libjet's dispatcher threads, which run application callbacks.
    Dispatcher,
}

thread_local! {
    static ROLE: Cell<ThreadRole> = const { Cell::new(ThreadRole::Application) };
}

/// Marks the calling thread as having `role`.
pub fn set_thread_role(role: ThreadRole) {
    ROLE.with(|r| r.set(role));
}

/// The role of the calling thread.
pub fn thread_role() -> ThreadRole {
    ROLE.with(|r| r.get())
}

/// Fails with [`ErrorKind::WouldDeadlock`] when called on a runtime worker or
/// inside any tokio runtime.
pub fn ensure_may_block(what: &str) -> Result<()> {
    // Also inside an application's own async runtime, where blocking would
    // stall (or panic in) that runtime.
    if thread_role() == ThreadRole::RuntimeWorker || Handle::try_current().is_ok() {
        return Err(Error::new(
            ErrorKind::WouldDeadlock,
            format!("{what} blocks and must not be called on an async runtime thread"),
        ));
    }
    Ok(())
}

static RUNTIME: Mutex<Option<Arc<Runtime>>> = Mutex::new(None);

/// How many times [`stop`] has run: a handle made before a stop belongs to
/// a libjet that was shut down.
static EPOCH: AtomicU64 = AtomicU64::new(0);

/// The number of [`stop`]s so far. A session remembers it when it opens and
/// is closed when it changes, so an old handle starts nothing again.
pub fn epoch() -> u64 {
    EPOCH.load(Ordering::Acquire)
}

/// Whether the runtime (and so its threads) exists now.
pub fn is_running() -> bool {
    RUNTIME.lock().unwrap_or_else(|e| e.into_inner()).is_some()
}

/// A handle to the runtime, making it on first use.
pub fn handle() -> Result<Handle> {
    let mut slot = RUNTIME.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(rt) = slot.as_ref() {
        return Ok(rt.handle().clone());
    }
    let rt = Builder::new_multi_thread()
        .worker_threads(WORKER_THREADS)
        .max_blocking_threads(BLOCKING_THREADS)
        .thread_name("jet-io")
        .on_thread_start(|| {
            set_thread_role(ThreadRole::RuntimeWorker);
            crate::sigpipe::block_on_this_thread();
        })
        .enable_all()
        .build()
        .map_err(|e| Error::new(ErrorKind::Internal, format!("cannot start runtime: {e}")))?;
    let handle = rt.handle().clone();
    *slot = Some(Arc::new(rt));
    Ok(handle)
}

/// Stops the runtime and its threads, waiting up to `timeout` for tasks to end.
/// The next [`handle`] call makes a new one.
pub fn stop(timeout: Duration) {
    let rt = {
        let mut slot = RUNTIME.lock().unwrap_or_else(|e| e.into_inner());
        EPOCH.fetch_add(1, Ordering::AcqRel);
        slot.take()
    };
    if let Some(rt) = rt {
        match Arc::try_unwrap(rt) {
            Ok(rt) => rt.shutdown_timeout(timeout),
            Err(shared) => drop(shared),
        }
    }
}

/// Runs `future` to completion on the calling thread (which must be allowed
/// to block), with SIGPIPE kept from the host program meanwhile.
///
/// Honours the calling thread's [`crate::cancel`] token: triggered before,
/// the future is not started; triggered meanwhile, it is dropped at once.
/// Either way the error is of kind [`ErrorKind::Cancelled`].
pub fn block_on<F: std::future::Future>(what: &str, future: F) -> Result<F::Output> {
    ensure_may_block(what)?;
    let cancel = crate::cancel::current();
    if let Some(token) = &cancel {
        token.check(what)?;
    }
    let handle = handle()?;
    let _guard = crate::sigpipe::Guard::new();
    match cancel {
        None => Ok(handle.block_on(future)),
        Some(token) => handle.block_on(token.run(what, future)),
    }
}
