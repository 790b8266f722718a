//! libjet's dispatcher threads, which run the application's callbacks (all
//! but the event callbacks of a session that asked for inline callbacks,
//! which its network task runs).
//!
//! A fixed pool (so the thread count does not grow with sessions). Each session
//! is tied to one dispatcher thread, so its callbacks run one at a time and in
//! the order the events arrived. Callbacks never run while libjet holds a lock
//! that a libjet call could need.

use crate::error::{Error, ErrorKind, Result};
use crate::runtime::{set_thread_role, thread_role, ThreadRole};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::wakeup::{Guard, Wakeup};
use std::thread::JoinHandle;

/// Dispatcher threads in the pool.
pub(crate) const DISPATCHER_THREADS: usize = 2;

/// Work a dispatcher can run: one batch of one session's events.
pub(crate) trait Job: Send + Sync {
    /// Runs one batch. The job schedules itself again if more work remains.
    fn run(self: Arc<Self>);
}

#[derive(Default)]
struct Ready {
    jobs: VecDeque<Arc<dyn Job>>,
    stopped: bool,
}

/// One dispatcher thread's run queue.
#[derive(Default)]
pub(crate) struct Dispatcher {
    ready: Wakeup<Ready>,
}

impl Dispatcher {
    /// Queues `job` to run on this dispatcher's thread.
    pub fn schedule(&self, job: Arc<dyn Job>) {
        let mut ready = self.ready.lock();
        if ready.stopped {
            return;
        }
        ready.jobs.push_back(job);
        self.ready.notify_one(ready);
    }

    fn run_loop(&self) {
        set_thread_role(ThreadRole::Dispatcher);
        crate::sigpipe::block_on_this_thread();
        loop {
            let job = {
                let mut ready = self.ready.lock();
                loop {
                    if ready.stopped {
                        return;
                    }
                    if let Some(job) = ready.jobs.pop_front() {
                        break job;
                    }
                    ready = self.ready.wait(ready);
                }
            };
            job.run();
        }
    }

    fn stop(&self) {
        let mut ready = self.ready.lock();
        ready.stopped = true;
        ready.jobs.clear();
        self.ready.notify_all(ready);
    }
}

struct Pool {
    dispatchers: Vec<Arc<Dispatcher>>,
    threads: Vec<JoinHandle<()>>,
    next: AtomicUsize,
}

static POOL: Mutex<Option<Pool>> = Mutex::new(None);

/// Picks a dispatcher for a new session (round robin), starting the pool on first use.
pub(crate) fn assign() -> Result<Arc<Dispatcher>> {
    let mut slot = POOL.lock().unwrap_or_else(|e| e.into_inner());
    if slot.is_none() {
        let mut dispatchers = Vec::new();
        let mut threads = Vec::new();
        for n in 0..DISPATCHER_THREADS {
            let dispatcher = Arc::new(Dispatcher::default());
            let runner = dispatcher.clone();
            let thread = std::thread::Builder::new()
                .name(format!("jet-dispatch-{n}"))
                .spawn(move || runner.run_loop())
                .map_err(|e| {
                    Error::new(ErrorKind::Internal, format!("cannot start dispatcher: {e}"))
                })?;
            dispatchers.push(dispatcher);
            threads.push(thread);
        }
        *slot = Some(Pool {
            dispatchers,
            threads,
            next: AtomicUsize::new(0),
        });
    }
    let pool = slot.as_ref().expect("pool was just made");
    let n = pool.next.fetch_add(1, Ordering::Relaxed) % pool.dispatchers.len();
    Ok(pool.dispatchers[n].clone())
}

/// Stops the dispatcher threads and waits for them. Refused on a dispatcher thread.
pub(crate) fn stop() -> Result<()> {
    if thread_role() == ThreadRole::Dispatcher {
        return Err(Error::new(
            ErrorKind::WouldDeadlock,
            "jet_shutdown must not be called from a callback",
        ));
    }
    let pool = POOL.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Some(pool) = pool {
        for dispatcher in &pool.dispatchers {
            dispatcher.stop();
        }
        for thread in pool.threads {
            let _ = thread.join();
        }
    }
    Ok(())
}

/// Lets other threads wait until no batch of a session's callbacks runs:
/// neither its dispatcher's nor, with inline callbacks, its network task's.
#[derive(Default)]
pub(crate) struct Gate {
    /// How many batches run now.
    busy: Wakeup<usize>,
}

impl Gate {
    fn lock(&self) -> Guard<'_, usize> {
        self.busy.lock()
    }

    /// Marks a batch as running.
    pub fn enter(&self) {
        **self.lock() += 1;
    }

    /// Marks a batch as finished and, when none runs any more, wakes waiters.
    pub fn leave(&self) {
        let mut busy = self.lock();
        **busy -= 1;
        if **busy == 0 {
            self.busy.notify_all(busy);
        }
    }

    /// Waits until no batch runs, unless called on one of libjet's threads
    /// (where waiting could deadlock: a callback closing its own session, or
    /// two sessions' callbacks closing each other).
    pub fn wait_idle(&self) {
        if thread_role() != ThreadRole::Application {
            return;
        }
        let mut busy = self.lock();
        while **busy > 0 {
            busy = self.busy.wait(busy);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    struct Signal(Mutex<mpsc::Sender<()>>);

    impl Job for Signal {
        fn run(self: Arc<Self>) {
            let _ = self.0.lock().unwrap().send(());
        }
    }

    fn wait_until(what: impl Fn() -> bool) {
        while !what() {
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    #[test]
    fn a_job_wakes_a_sleeping_dispatcher() {
        let dispatcher = Arc::new(Dispatcher::default());
        let thread = {
            let d = dispatcher.clone();
            std::thread::spawn(move || d.run_loop())
        };
        wait_until(|| dispatcher.ready.lock().waiters() == 1);
        let (tx, rx) = mpsc::channel();
        dispatcher.schedule(Arc::new(Signal(Mutex::new(tx))));
        assert_eq!(rx.recv_timeout(Duration::from_secs(5)), Ok(()));
        dispatcher.stop();
        thread.join().unwrap();
    }

    #[test]
    fn the_last_batch_leaving_wakes_a_thread_waiting_for_idle() {
        let gate = Arc::new(Gate::default());
        gate.enter();
        gate.enter();
        let waiter = {
            let g = gate.clone();
            std::thread::spawn(move || g.wait_idle())
        };
        wait_until(|| gate.lock().waiters() == 1);
        // One of two batches ending leaves the waiter waiting.
        gate.leave();
        assert_eq!(gate.lock().waiters(), 1);
        gate.leave();
        waiter.join().unwrap();
        assert_eq!(gate.lock().waiters(), 0);
    }
}
