//! SIGPIPE stays away from the host program.
//!
//! A write to a socket the peer has closed raises SIGPIPE, whose default
//! action ends the process; Rust programs ignore it, C programs do not. libjet
//! blocks it on its own threads, and around the calls that drive I/O on the
//! caller's thread, so a dropped connection is an error, never a dead process.

use std::mem::MaybeUninit;

fn sigpipe_set() -> libc::sigset_t {
    // SAFETY: sigemptyset/sigaddset initialise the set they are given.
    unsafe {
        let mut set = MaybeUninit::<libc::sigset_t>::uninit();
        libc::sigemptyset(set.as_mut_ptr());
        libc::sigaddset(set.as_mut_ptr(), libc::SIGPIPE);
        set.assume_init()
    }
}

/// Blocks SIGPIPE on the calling thread for good (libjet's own threads).
pub fn block_on_this_thread() {
    let set = sigpipe_set();
    // SAFETY: a valid set; the old mask is not needed.
    unsafe { libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) };
}

fn is_pending() -> bool {
    // SAFETY: sigpending fills the set it is given.
    unsafe {
        let mut pending = MaybeUninit::<libc::sigset_t>::uninit();
        libc::sigemptyset(pending.as_mut_ptr());
        libc::sigpending(pending.as_mut_ptr());
        libc::sigismember(pending.as_ptr(), libc::SIGPIPE) == 1
    }
}

/// Blocks SIGPIPE on the calling thread while it lives; on drop, swallows a
/// SIGPIPE raised meanwhile and restores the thread's mask.
pub struct Guard {
    old: libc::sigset_t,
    was_pending: bool,
}

impl Guard {
    /// Starts blocking.
    pub fn new() -> Guard {
        let set = sigpipe_set();
        let was_pending = is_pending();
        let mut old = MaybeUninit::<libc::sigset_t>::uninit();
        // SAFETY: valid sets; pthread_sigmask writes the old mask.
        unsafe {
            libc::sigemptyset(old.as_mut_ptr());
            libc::pthread_sigmask(libc::SIG_BLOCK, &set, old.as_mut_ptr());
            Guard {
                old: old.assume_init(),
                was_pending,
            }
        }
    }
}

impl Default for Guard {
    fn default() -> Self {
        Guard::new()
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if !self.was_pending && is_pending() {
            let set = sigpipe_set();
            let zero = libc::timespec {
                tv_sec: 0,
                tv_nsec: 0,
            };
            // SAFETY: consumes the pending SIGPIPE this guard caused.
            unsafe { libc::sigtimedwait(&set, std::ptr::null_mut(), &zero) };
        }
        // SAFETY: restores the mask saved in `new`.
        unsafe { libc::pthread_sigmask(libc::SIG_SETMASK, &self.old, std::ptr::null_mut()) };
    }
}
