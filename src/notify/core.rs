//! The state one notification session shares between the application's
//! handle, its network task and its dispatcher thread.

use super::dispatcher::{Dispatcher, Gate, Job};
use super::options::{NotifyOptions, Overflow};
use super::queue::{BoundedQueue, Message};
use super::registry::{Delivery, Registry};
use super::stats::{ConnectionState, Counters};
use crate::error::{Error, Result};
use crate::event::Event;
use crate::jet_log;
use crate::logging::Level;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};

/// Most events one dispatcher batch handles before other sessions get a turn.
const MAX_BATCH: usize = 1024;
/// With [`Overflow::Wait`], how far past `queue_capacity` a queue may grow:
/// room for what one socket read brings after the network task checked.
const READ_ALLOWANCE: usize = 64 * 1024;

/// A callback told about connection state changes.
pub type StateCallback = Box<dyn FnMut(ConnectionState) + Send>;

/// What the application's side asks of the network task.
pub(crate) enum Command {
    /// Subscribe to a filter; the reply (if any) comes with the broker's SUBACK.
    Subscribe {
        filter: String,
        reply: Option<SyncSender<Result<()>>>,
    },
    /// Unsubscribe from a filter nothing uses any more.
    Unsubscribe { filter: String },
    /// Disconnect and end the task.
    Close,
}

/// What the network task takes when the session connects: its end of the
/// command channel, and the sender that says the task has ended.
pub(crate) struct Start {
    pub commands: UnboundedReceiver<Command>,
    pub done: SyncSender<()>,
}

/// What waits for the dispatcher.
pub(crate) enum Item {
    Message(Message),
    State(ConnectionState),
}

/// The shared state of one session.
pub(crate) struct Core {
    pub options: NotifyOptions,
    pub client_id: String,
    pub tls: Option<crate::net::TlsConnect>,
    pub counters: Counters,
    pub registry: Registry,
    pub callbacks: BoundedQueue<Item>,
    pub pulls: BoundedQueue<Message>,
    pub commands: UnboundedSender<Command>,
    /// Signalled when the application takes events, for [`Overflow::Wait`].
    pub room: tokio::sync::Notify,
    scheduled: AtomicBool,
    /// Callbacks run on the network task ([`NotifyOptions::inline_callbacks`]).
    inline: AtomicBool,
    gate: Gate,
    dispatcher: Arc<Dispatcher>,
    state_callback: Mutex<Option<Arc<Mutex<StateCallback>>>>,
    closed: AtomicBool,
    /// Until the session connects; the network task takes it.
    start: Mutex<Option<Start>>,
    task_done: Mutex<Option<Receiver<()>>>,
}

impl Core {
    /// Makes the shared state; the caller starts the network task with
    /// [`Core::take_start`].
    pub fn new(
        options: NotifyOptions,
        client_id: String,
        tls: Option<crate::net::TlsConnect>,
        dispatcher: Arc<Dispatcher>,
    ) -> Core {
        // With Wait, the network task stops reading at `queue_capacity`; the
        // queues themselves take what was already read.
        let capacity = match options.overflow {
            Overflow::Drop => options.queue_capacity,
            Overflow::Wait => options.queue_capacity + READ_ALLOWANCE,
        };
        let inline = options.inline_callbacks;
        let (commands, commands_rx) = unbounded_channel();
        let (done_tx, task_done) = sync_channel(1);
        Core {
            options,
            client_id,
            tls,
            counters: Counters::default(),
            registry: Registry::default(),
            callbacks: BoundedQueue::new(capacity),
            pulls: BoundedQueue::new(capacity),
            commands,
            room: tokio::sync::Notify::new(),
            scheduled: AtomicBool::new(false),
            inline: AtomicBool::new(inline),
            gate: Gate::default(),
            dispatcher,
            state_callback: Mutex::new(None),
            closed: AtomicBool::new(false),
            start: Mutex::new(Some(Start {
                commands: commands_rx,
                done: done_tx,
            })),
            task_done: Mutex::new(Some(task_done)),
        }
    }

    fn lock_start(&self) -> std::sync::MutexGuard<'_, Option<Start>> {
        self.start.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// What the network task needs; `None` once it was taken (the session
    /// connected, or is connecting).
    pub fn take_start(&self) -> Option<Start> {
        self.lock_start().take()
    }

    /// True once the network task has been started.
    pub fn is_started(&self) -> bool {
        self.lock_start().is_none()
    }

    /// Whether callbacks run on the network task.
    pub fn is_inline(&self) -> bool {
        self.inline.load(Ordering::Relaxed)
    }

    /// Sets [`NotifyOptions::inline_callbacks`]; refused once the session
    /// connects (or connected).
    pub fn set_inline(&self, inline: bool) -> Result<()> {
        // Under the lock, so the network task cannot start meanwhile.
        let start = self.lock_start();
        if start.is_none() {
            return Err(Error::invalid(
                "inline callbacks are set before the session connects",
            ));
        }
        self.inline.store(inline, Ordering::Relaxed);
        Ok(())
    }

    /// Runs the callbacks of `items` now, on the network task (inline
    /// callbacks).
    pub fn deliver_inline(&self, items: Vec<Item>) {
        self.gate.enter();
        self.run_items(items);
        self.gate.leave();
    }

    /// Runs the callbacks of `items` in order, until the session closes; the
    /// caller holds the gate.
    fn run_items(&self, items: impl IntoIterator<Item = Item>) {
        let subs = self.registry.snapshot();
        for item in items {
            if self.is_closed() {
                break;
            }
            match item {
                Item::Message(message) => self.deliver(message, &subs),
                Item::State(state) => self.tell_state(state),
            }
        }
    }

    /// With [`Overflow::Wait`], whether the network task must stop reading
    /// because a queue holds `queue_capacity` events or more.
    pub fn must_wait(&self) -> bool {
        let limit = self.options.queue_capacity;
        self.options.overflow == Overflow::Wait
            && (self.callbacks.len() >= limit || self.pulls.len() >= limit)
    }

    /// Tells a waiting network task that the application took events.
    pub fn made_room(&self) {
        if self.options.overflow == Overflow::Wait {
            self.room.notify_one();
        }
    }

    /// True once the session is closed.
    pub fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Acquire)
    }

    /// Asks the dispatcher to run this session's queued work.
    pub fn schedule(self: &Arc<Self>) {
        if !self.scheduled.swap(true, Ordering::AcqRel) {
            self.dispatcher.schedule(self.clone());
        }
    }

    /// Records a state change and tells the state callback, if any.
    pub fn set_state(self: &Arc<Self>, state: ConnectionState) {
        let before = self.counters.set_state(state);
        if before == state || before == ConnectionState::Closed {
            return;
        }
        jet_log!(
            Level::Info,
            "notify",
            "session {}: {}",
            self.client_id,
            state.name()
        );
        if self.lock_state_callback().is_some() {
            self.callbacks.push_control(Item::State(state));
            self.schedule();
        }
    }

    fn lock_state_callback(&self) -> std::sync::MutexGuard<'_, Option<Arc<Mutex<StateCallback>>>> {
        self.state_callback
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// Replaces the state callback; the old one is dropped once not running.
    pub fn set_state_callback(&self, callback: Option<StateCallback>) {
        let old = std::mem::replace(
            &mut *self.lock_state_callback(),
            callback.map(|c| Arc::new(Mutex::new(c))),
        );
        if old.is_some() {
            self.gate.wait_idle();
        }
    }

    /// Stops a subscription's deliveries; returns once none of its calls runs
    /// (at once when called from a callback).
    pub fn remove_subscription(&self, id: u64) -> bool {
        let Some((sub, last_use)) = self.registry.remove(id) else {
            return false;
        };
        if last_use && !self.is_closed() {
            let _ = self.commands.send(Command::Unsubscribe {
                filter: sub.filter.as_str().to_owned(),
            });
        }
        jet_log!(
            Level::Debug,
            "notify",
            "session {}: unsubscribed {}",
            self.client_id,
            sub.filter
        );
        self.gate.wait_idle();
        drop(sub);
        true
    }

    /// Closes the session: disconnects, wakes pullers, waits for running
    /// callbacks (unless called from one) and drops every callback. Idempotent.
    pub fn close(&self) {
        if self.closed.swap(true, Ordering::AcqRel) {
            return;
        }
        self.counters.set_state(ConnectionState::Closed);
        let _ = self.commands.send(Command::Close);
        // A session that never connected has no task: dropping its start
        // drops the sender, so the wait below ends at once.
        drop(self.take_start());
        // On a runtime worker (an inline callback) the task may be this very
        // thread: it ends once the callback returns.
        let on_worker = crate::runtime::thread_role() == crate::runtime::ThreadRole::RuntimeWorker;
        if let Some(done) = self
            .task_done
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .filter(|_| !on_worker)
        {
            let _ = done.recv_timeout(Duration::from_secs(5));
        }
        self.pulls.close();
        self.callbacks.close();
        let (subs, _) = self.registry.remove_all();
        let state_callback = self.lock_state_callback().take();
        self.gate.wait_idle();
        drop(subs);
        drop(state_callback);
        jet_log!(Level::Info, "notify", "session {}: closed", self.client_id);
    }

    fn deliver(&self, message: Message, subs: &[Arc<super::registry::Subscription>]) {
        let event = Event::received(message.topic, message.payload);
        if message.counts_parse_error && !event.is_parsed() {
            self.counters.parse_errors.fetch_add(1, Ordering::Relaxed);
        }
        for sub in subs {
            if self.is_closed() || !sub.is_active() || !sub.filter.matches(event.topic()) {
                continue;
            }
            if let Delivery::Callback(callback) = &sub.delivery {
                let mut callback = callback.lock().unwrap_or_else(|e| e.into_inner());
                // Counted before the call, so a callback that reads the stats sees itself.
                self.counters.delivered.fetch_add(1, Ordering::Relaxed);
                let outcome =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (callback)(&event)));
                if outcome.is_err() {
                    jet_log!(
                        Level::Error,
                        "notify",
                        "a callback on {} panicked; the stream goes on",
                        sub.filter
                    );
                }
            }
        }
    }

    fn tell_state(&self, state: ConnectionState) {
        let callback = self.lock_state_callback().clone();
        if let Some(callback) = callback {
            let mut callback = callback.lock().unwrap_or_else(|e| e.into_inner());
            let outcome =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (callback)(state)));
            if outcome.is_err() {
                jet_log!(Level::Error, "notify", "the state callback panicked");
            }
        }
    }
}

impl Job for Core {
    fn run(self: Arc<Self>) {
        self.gate.enter();
        let items = self.callbacks.take_batch(MAX_BATCH);
        self.made_room();
        self.run_items(items);
        self.gate.leave();
        self.scheduled.store(false, Ordering::Release);
        if !self.is_closed() && !self.callbacks.is_empty() {
            self.schedule();
        }
    }
}
