//! A mutex with a condition variable that makes no system call when nobody waits.
//!
//! std's futex condvar calls `futex_wake` on every notify, waiter or not; the
//! network task notifies after every read and the dispatcher after every batch,
//! so those calls added up. [`Wakeup`] counts its waiters under its own lock
//! and notifies only when there are any.

use std::ops::{Deref, DerefMut};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// `T` behind a mutex, with a count of the threads waiting for a change.
#[derive(Default)]
pub(crate) struct Wakeup<T> {
    state: Mutex<Counted<T>>,
    changed: Condvar,
}

/// The guarded value and how many threads wait on it; derefs to the value.
#[derive(Default)]
pub(crate) struct Counted<T> {
    value: T,
    waiters: usize,
}

/// A held lock of a [`Wakeup`].
pub(crate) type Guard<'a, T> = MutexGuard<'a, Counted<T>>;

#[cfg(test)]
impl<T> Counted<T> {
    /// How many threads wait on the value now.
    pub fn waiters(&self) -> usize {
        self.waiters
    }
}

impl<T> Deref for Counted<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> DerefMut for Counted<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.value
    }
}

impl<T> Wakeup<T> {
    /// Guards `value`.
    pub fn new(value: T) -> Self {
        Wakeup {
            state: Mutex::new(Counted { value, waiters: 0 }),
            changed: Condvar::new(),
        }
    }

    /// Locks the value (a poisoned lock is taken over: the value stays usable).
    pub fn lock(&self) -> Guard<'_, T> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Releases the lock until a notify (or a spurious wake-up), then retakes it.
    pub fn wait<'a>(&self, mut guard: Guard<'a, T>) -> Guard<'a, T> {
        guard.waiters += 1;
        let mut guard = self.changed.wait(guard).unwrap_or_else(|e| e.into_inner());
        guard.waiters -= 1;
        guard
    }

    /// Like [`Wakeup::wait`], giving up after `timeout`.
    pub fn wait_timeout<'a>(&self, mut guard: Guard<'a, T>, timeout: Duration) -> Guard<'a, T> {
        guard.waiters += 1;
        let mut guard = self
            .changed
            .wait_timeout(guard, timeout)
            .unwrap_or_else(|e| e.into_inner())
            .0;
        guard.waiters -= 1;
        guard
    }

    /// Releases the lock and wakes one waiting thread, if any waits.
    pub fn notify_one(&self, guard: Guard<'_, T>) {
        if Self::release(guard) {
            self.changed.notify_one();
        }
    }

    /// Releases the lock and wakes every waiting thread, if any waits.
    pub fn notify_all(&self, guard: Guard<'_, T>) {
        if Self::release(guard) {
            self.changed.notify_all();
        }
    }

    /// Unlocks; true when a thread was waiting.
    fn release(guard: Guard<'_, T>) -> bool {
        let waiting = guard.waiters > 0;
        drop(guard);
        waiting
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::time::Instant;

    #[test]
    fn a_notify_wakes_a_waiter_at_once_and_the_count_returns_to_zero() {
        let wakeup = Arc::new(Wakeup::new(false));
        let waiter = {
            let w = wakeup.clone();
            std::thread::spawn(move || {
                let start = Instant::now();
                let mut set = w.lock();
                while !**set {
                    set = w.wait(set);
                }
                start.elapsed()
            })
        };
        while wakeup.lock().waiters() == 0 {
            std::thread::sleep(Duration::from_millis(1));
        }
        let mut set = wakeup.lock();
        **set = true;
        wakeup.notify_one(set);
        let waited = waiter.join().unwrap();
        assert!(
            waited < Duration::from_secs(5),
            "woken only after {waited:?}"
        );
        assert_eq!(wakeup.lock().waiters(), 0);
    }

    #[test]
    fn a_timed_wait_ends_and_uncounts_itself() {
        let wakeup = Wakeup::new(());
        let guard = wakeup.wait_timeout(wakeup.lock(), Duration::from_millis(10));
        assert_eq!(guard.waiters(), 0);
    }
}
