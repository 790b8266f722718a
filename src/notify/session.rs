//! The notification session: the public face of the notification half.

use super::connection;
use super::core::{Command, Core, StateCallback};
use super::dispatcher;
use super::options::NotifyOptions;
use super::queue::Empty;
use super::registry::{Delivery, EventCallback, SubscriptionId};
use super::stats::{ConnectionState, Stats};
use crate::cancel::{self, CancelToken};
use crate::error::{Error, ErrorKind, Result};
use crate::event::Event;
use crate::jet_log;
use crate::logging::Level;
use crate::runtime;
use crate::topic::Topic;
use once_cell::sync::Lazy;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{sync_channel, RecvTimeoutError};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

/// Every open session, so [`crate::shutdown`] can close them.
static OPEN_SESSIONS: Lazy<Mutex<Vec<Weak<Core>>>> = Lazy::new(|| Mutex::new(Vec::new()));

/// A connection to a device's notification broker and the subscriptions on it.
///
/// Cheap to share between threads (`&self` methods, `Send + Sync`). Callbacks
/// run on a libjet dispatcher thread (or on its network thread, with
/// [`NotifyOptions::inline_callbacks`]), one at a time per session, in arrival
/// order; they may call any method of the session, including `unsubscribe` and
/// `close`. Dropping the session closes it.
pub struct NotificationSession {
    core: Arc<Core>,
}

impl std::fmt::Debug for NotificationSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NotificationSession")
            .field("client_id", &self.core.client_id)
            .field("state", &self.state())
            .finish()
    }
}

impl NotificationSession {
    /// Connects to the broker; returns once connected, or with an error of kind
    /// `Unreachable`, `NotAuthorized`, `Timeout`, `Tls` or `InvalidArgument`.
    /// The same as [`Self::create`] followed by [`Self::connect`].
    pub fn open(options: NotifyOptions) -> Result<NotificationSession> {
        runtime::ensure_may_block("opening a notification session")?;
        cancel::check_current("opening a notification session")?;
        let session = NotificationSession::create(options)?;
        session.connect()?;
        Ok(session)
    }

    /// Makes a session without connecting it (state [`ConnectionState::Idle`]).
    ///
    /// Subscriptions made before [`Self::connect`] return at once and go to
    /// the broker with the connection. This is how a persistent session
    /// (`clean_session: false`) gets the events the broker kept for it while
    /// it was away: they arrive right after the broker accepts the
    /// connection, and only a subscription made beforehand can route them.
    pub fn create(options: NotifyOptions) -> Result<NotificationSession> {
        options.validate()?;
        let tls = match &options.tls {
            Some(tls) => Some(tls.connect_settings(&options.device, &[])?),
            None => None,
        };
        let client_id = options.client_id.clone().unwrap_or_else(|| {
            // At most 23 bytes: what MQTT 3.1.1 guarantees a broker accepts.
            let mut id = crate::client_id::unique("jet");
            id.truncate(23);
            id
        });
        let dispatcher = dispatcher::assign()?;
        let core = Arc::new(Core::new(options, client_id, tls, dispatcher));
        core.counters.set_state(ConnectionState::Idle);
        let mut open = OPEN_SESSIONS.lock().unwrap_or_else(|e| e.into_inner());
        open.retain(|weak| weak.strong_count() > 0);
        open.push(Arc::downgrade(&core));
        Ok(NotificationSession { core })
    }

    /// Connects a session made by [`Self::create`]; returns once connected,
    /// or with the errors of [`Self::open`]. A failed connect closes the
    /// session. Calling it on a session that is connected (or was) fails
    /// with `InvalidArgument`.
    ///
    /// Honours the calling thread's [`crate::cancel`] token: triggered
    /// before, nothing happens (the session can still be connected later);
    /// triggered meanwhile, the attempt stops and the session is closed.
    /// Either way the error is of kind `Cancelled`.
    pub fn connect(&self) -> Result<()> {
        const WHAT: &str = "connecting a notification session";
        runtime::ensure_may_block(WHAT)?;
        self.ensure_open()?;
        cancel::check_current(WHAT)?;
        let Some(start) = self.core.take_start() else {
            return Err(Error::invalid("the session is already connected"));
        };
        let handle = match runtime::handle() {
            Ok(handle) => handle,
            Err(error) => {
                self.core.close();
                return Err(error);
            }
        };
        let core = &self.core;
        let (opened_tx, opened_rx) = oneshot::channel();
        let wait = core.options.connect_timeout + Duration::from_secs(2);
        core.set_state(ConnectionState::Connecting);
        jet_log!(
            Level::Info,
            "notify",
            "session {}: connecting to {}:{}",
            core.client_id,
            core.options.device,
            core.options.port
        );
        handle.spawn(connection::run(
            core.clone(),
            start.commands,
            opened_tx,
            start.done,
        ));
        // The timer is made inside the future: it needs the runtime's context.
        let waited = runtime::block_on(
            WHAT,
            async move { tokio::time::timeout(wait, opened_rx).await },
        );
        let opened = match waited {
            Ok(Ok(Ok(result))) => result,
            Ok(_) => Err(Error::new(
                ErrorKind::Timeout,
                "the connection attempt did not finish in time",
            )),
            Err(cancelled) => Err(cancelled),
        };
        if let Err(error) = opened {
            jet_log!(
                Level::Warn,
                "notify",
                "session {}: cannot connect: {error}",
                core.client_id
            );
            core.close();
            return Err(error);
        }
        Ok(())
    }

    /// Sets [`NotifyOptions::inline_callbacks`] (read its trade-off) on a
    /// session made by [`Self::create`], before [`Self::connect`]. Refused
    /// (`InvalidArgument`) once the session connects, and (`Closed`) after
    /// it was closed.
    pub fn set_inline_callbacks(&self, inline: bool) -> Result<()> {
        self.ensure_open()?;
        self.core.set_inline(inline)
    }

    /// The MQTT client id in use (generated when none was given).
    pub fn client_id(&self) -> &str {
        &self.core.client_id
    }

    /// Calls `callback` with every event whose topic matches `topic`.
    ///
    /// Returns once the broker has confirmed the subscription (or, while
    /// reconnecting or before [`Self::connect`], once it is registered: it
    /// is sent with the next connection).
    pub fn subscribe<F>(&self, topic: &Topic, callback: F) -> Result<SubscriptionId>
    where
        F: FnMut(&Event) + Send + 'static,
    {
        let callback: EventCallback = Box::new(callback);
        self.add(topic, Delivery::Callback(Mutex::new(callback)))
    }

    /// Queues every event whose topic matches `topic` for [`Self::next`].
    pub fn subscribe_pull(&self, topic: &Topic) -> Result<SubscriptionId> {
        self.add(topic, Delivery::Pull)
    }

    fn add(&self, topic: &Topic, delivery: Delivery) -> Result<SubscriptionId> {
        runtime::ensure_may_block("subscribe")?;
        self.ensure_open()?;
        let filter = topic.as_str().to_string();
        let (sub, first_use) = self.core.registry.add(filter.clone(), delivery);
        let id = sub.id;
        drop(sub);
        // Before connect, the registry is all there is: the connection
        // subscribes every filter in it.
        if !first_use || !self.core.is_started() {
            return Ok(id);
        }
        let (reply_tx, reply_rx) = sync_channel(1);
        let sent = self.core.commands.send(Command::Subscribe {
            filter: filter.clone(),
            reply: Some(reply_tx),
        });
        let outcome = match sent {
            Err(_) => Err(Error::new(ErrorKind::Closed, "the session is closed")),
            Ok(()) => match reply_rx.recv_timeout(self.core.options.connect_timeout) {
                Ok(result) => result,
                // The connection dropped before SUBACK: restored on reconnect.
                Err(RecvTimeoutError::Disconnected) => Ok(()),
                Err(RecvTimeoutError::Timeout) => Err(Error::new(
                    ErrorKind::Timeout,
                    format!("the broker did not confirm the subscription to {filter} in time"),
                )),
            },
        };
        match outcome {
            Ok(()) => {
                jet_log!(
                    Level::Info,
                    "notify",
                    "session {}: subscribed {filter}",
                    self.core.client_id
                );
                Ok(id)
            }
            Err(error) => {
                self.core.remove_subscription(id);
                Err(error)
            }
        }
    }

    /// Ends subscription `id`. When it returns, its callback is not running and
    /// will not be called again, and the callback has been dropped — except when
    /// called from a callback, where it returns at once and the drop follows the
    /// current call.
    pub fn unsubscribe(&self, id: SubscriptionId) -> Result<()> {
        if self.core.remove_subscription(id) {
            Ok(())
        } else {
            Err(Error::invalid(format!(
                "no subscription {id} in this session"
            )))
        }
    }

    /// Ends every subscription of the session.
    pub fn unsubscribe_all(&self) -> Result<()> {
        for sub in self.core.registry.snapshot().iter() {
            self.core.remove_subscription(sub.id);
        }
        Ok(())
    }

    /// For the fuzz targets only (`fuzz/`): feeds `bytes` to this session's
    /// receive path as if its broker had sent them, in reads of at most
    /// `chunk` bytes, on a connection of its own. `Err` says why such a
    /// connection would be dropped. Not part of the API.
    #[doc(hidden)]
    pub fn receive_for_fuzzing(
        &self,
        bytes: &[u8],
        chunk: usize,
    ) -> std::result::Result<(), String> {
        connection::receive(&self.core, bytes, chunk)
    }

    /// Waits up to `timeout` for the next event of a pull subscription.
    /// `Ok(None)` means none came in time; an error of kind `Closed` means the
    /// session is closed, `Cancelled` that the calling thread's
    /// [`crate::cancel`] token was triggered.
    pub fn next(&self, timeout: Duration) -> Result<Option<Event>> {
        const WHAT: &str = "waiting for the next event";
        runtime::ensure_may_block(WHAT)?;
        let cancel = cancel::current();
        let _wakes = cancel.as_ref().map(|token| self.wake_on(token));
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.core.pulls.pop_wait(left, cancel.as_ref()) {
                Ok(message) => {
                    self.core.made_room();
                    message
                }
                Err(Empty::TimedOut) => return Ok(None),
                Err(Empty::Closed) => {
                    return Err(Error::new(ErrorKind::Closed, "the session is closed"))
                }
                Err(Empty::Cancelled) => return Err(cancel::cancelled(WHAT)),
            };
            let wanted = self.core.registry.snapshot().iter().any(|sub| {
                !sub.is_callback() && sub.is_active() && sub.filter.matches(message.topic.as_str())
            });
            if !wanted {
                continue;
            }
            let event = Event::received(message.topic, message.payload);
            if message.counts_parse_error && !event.is_parsed() {
                self.core
                    .counters
                    .parse_errors
                    .fetch_add(1, Ordering::Relaxed);
            }
            self.core.counters.delivered.fetch_add(1, Ordering::Relaxed);
            return Ok(Some(event));
        }
    }

    /// Wakes the pullers of this session when `token` is triggered.
    fn wake_on(&self, token: &CancelToken) -> cancel::Registration {
        let core = Arc::downgrade(&self.core);
        token.on_trigger(move || {
            if let Some(core) = core.upgrade() {
                core.pulls.wake_all();
            }
        })
    }

    /// The connection state now.
    pub fn state(&self) -> ConnectionState {
        self.core.counters.state()
    }

    /// Calls `callback` (on the dispatcher thread, in order with the events)
    /// whenever the connection state changes; `None` removes it.
    pub fn on_state_change(&self, callback: Option<StateCallback>) {
        self.core.set_state_callback(callback);
    }

    /// The session's counters.
    pub fn stats(&self) -> Stats {
        self.core.counters.snapshot()
    }

    /// Disconnects and drops every subscription: wakes callers blocked in
    /// [`next`](Self::next) and waits for running callbacks, unless called
    /// from one. Calling it again does nothing.
    pub fn close(&self) {
        self.core.close();
    }

    fn ensure_open(&self) -> Result<()> {
        if self.core.is_closed() {
            return Err(Error::new(ErrorKind::Closed, "the session is closed"));
        }
        Ok(())
    }
}

impl Drop for NotificationSession {
    fn drop(&mut self) {
        self.core.close();
    }
}

/// Closes every open session (for [`crate::shutdown`]).
pub(crate) fn close_all() {
    let open: Vec<_> =
        std::mem::take(&mut *OPEN_SESSIONS.lock().unwrap_or_else(|e| e.into_inner()));
    for core in open.iter().filter_map(Weak::upgrade) {
        core.close();
    }
}
