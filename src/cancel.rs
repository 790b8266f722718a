//! Cancellation of blocking calls from another thread.
//!
//! A [`CancelToken`] is a shared flag that, once triggered, stays triggered
//! and wakes every wait that honours it: condition-variable waits through the
//! wakers registered with [`CancelToken::on_trigger`], async waits through
//! [`CancelToken::cancelled`]. A thread attaches a token with
//! [`CancelToken::attach`]; while attached, that thread's blocking libjet calls
//! return an error of kind [`ErrorKind::Cancelled`] as soon as it is triggered
//! (and at once when it already is, before reaching the device).

use crate::error::{Error, ErrorKind, Result};
use std::cell::RefCell;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::Notify;

/// A wake-up to run when a token is triggered.
type Waker = Arc<dyn Fn() + Send + Sync>;

/// The wakers registered with a token, each under its own number.
#[derive(Default)]
struct Wakers {
    next_id: u64,
    list: Vec<(u64, Waker)>,
}

struct Inner {
    triggered: AtomicBool,
    /// Wakes the futures of [`CancelToken::cancelled`].
    notify: Notify,
    wakers: Mutex<Wakers>,
}

/// A cancellation flag shared between threads; clones share it.
///
/// Triggering is idempotent and may happen on any thread; a token is never
/// reset (make a new one for the next operation).
#[derive(Clone)]
pub struct CancelToken {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for CancelToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CancelToken")
            .field("triggered", &self.is_triggered())
            .finish()
    }
}

impl Default for CancelToken {
    fn default() -> Self {
        CancelToken::new()
    }
}

impl CancelToken {
    /// A token that is not triggered.
    pub fn new() -> CancelToken {
        CancelToken {
            inner: Arc::new(Inner {
                triggered: AtomicBool::new(false),
                notify: Notify::new(),
                wakers: Mutex::new(Wakers::default()),
            }),
        }
    }

    /// Triggers the token and wakes every wait honouring it. Calling it
    /// again does nothing.
    pub fn trigger(&self) {
        if self.inner.triggered.swap(true, Ordering::SeqCst) {
            return;
        }
        self.inner.notify.notify_waiters();
        // Called outside the lock: a waker takes the lock of what it wakes,
        // and its owner may be unregistering at the same time.
        let wakers: Vec<Waker> = self
            .lock_wakers()
            .list
            .iter()
            .map(|(_, w)| w.clone())
            .collect();
        for wake in wakers {
            wake();
        }
    }

    /// True once [`Self::trigger`] was called.
    pub fn is_triggered(&self) -> bool {
        self.inner.triggered.load(Ordering::SeqCst)
    }

    /// Fails with [`ErrorKind::Cancelled`] ("`what` cancelled") when triggered.
    pub fn check(&self, what: &str) -> Result<()> {
        if self.is_triggered() {
            return Err(cancelled(what));
        }
        Ok(())
    }

    /// Runs `wake` when the token is triggered, until the returned
    /// [`Registration`] is dropped. It may run once more, late, on the
    /// triggering thread: it must only wake, never block for long.
    ///
    /// Register before checking [`Self::is_triggered`]: then either the
    /// check sees the trigger or the trigger runs `wake`.
    pub fn on_trigger(&self, wake: impl Fn() + Send + Sync + 'static) -> Registration {
        let mut wakers = self.lock_wakers();
        let id = wakers.next_id;
        wakers.next_id += 1;
        wakers.list.push((id, Arc::new(wake)));
        Registration {
            token: self.clone(),
            id,
        }
    }

    /// Completes once the token is triggered (at once if it already is).
    pub async fn cancelled(&self) {
        let notified = self.inner.notify.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        if self.is_triggered() {
            return;
        }
        notified.await;
    }

    /// Runs `future` until it completes or the token is triggered; the
    /// latter drops it and fails with [`ErrorKind::Cancelled`].
    pub async fn run<F: Future>(&self, what: &str, future: F) -> Result<F::Output> {
        tokio::select! {
            biased;
            _ = self.cancelled() => Err(cancelled(what)),
            output = future => Ok(output),
        }
    }

    /// Makes the calling thread's blocking libjet calls honour this token
    /// until the guard is dropped, which puts back the one attached before.
    pub fn attach(&self) -> Attached {
        Attached {
            previous: replace_current(Some(self.clone())),
        }
    }

    fn lock_wakers(&self) -> MutexGuard<'_, Wakers> {
        self.inner.wakers.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A waker registered by [`CancelToken::on_trigger`]; dropping it unregisters.
pub struct Registration {
    token: CancelToken,
    id: u64,
}

impl Drop for Registration {
    fn drop(&mut self) {
        let removed = {
            let mut wakers = self.token.lock_wakers();
            let at = wakers.list.iter().position(|(id, _)| *id == self.id);
            at.map(|at| wakers.list.swap_remove(at))
        };
        // Dropped outside the lock: the waker may own anything.
        drop(removed);
    }
}

/// The guard of [`CancelToken::attach`]: detaches on drop.
#[must_use = "the token is detached when the guard is dropped"]
pub struct Attached {
    previous: Option<CancelToken>,
}

impl Drop for Attached {
    fn drop(&mut self) {
        replace_current(self.previous.take());
    }
}

thread_local! {
    static CURRENT: RefCell<Option<CancelToken>> = const { RefCell::new(None) };
}

/// The token attached to the calling thread, if any.
pub fn current() -> Option<CancelToken> {
    CURRENT.with(|slot| slot.borrow().clone())
}

/// Attaches `token` to the calling thread (`None` detaches); returns the one
/// attached before. For callers that cannot keep an [`Attached`] guard (the
/// C ABI); Rust code should use [`CancelToken::attach`].
pub fn replace_current(token: Option<CancelToken>) -> Option<CancelToken> {
    CURRENT.with(|slot| std::mem::replace(&mut *slot.borrow_mut(), token))
}

/// Fails with [`ErrorKind::Cancelled`] when the calling thread's token is triggered.
pub fn check_current(what: &str) -> Result<()> {
    match current() {
        Some(token) => token.check(what),
        None => Ok(()),
    }
}

/// The error of a call cancelled while doing `what`.
pub fn cancelled(what: &str) -> Error {
    Error::new(ErrorKind::Cancelled, format!("{what} cancelled"))
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod call_tests;
