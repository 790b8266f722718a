//! The notification half: a session with a device's MQTT broker, subscriptions
//! to JET topics, and events delivered by callback or pulled.
//!
//! Threads: the connection runs on libjet's runtime; callbacks run on a
//! dispatcher thread (unless the session asks for inline callbacks, which run
//! on the runtime worker that reads them), never under a lock a libjet call
//! needs. Queues between the two are bounded; what overflows is dropped and
//! counted in [`Stats::dropped`].

mod connection;
mod core;
mod dispatcher;
mod gather;
mod options;
mod publish;
mod queue;
mod redelivery;
mod registry;
mod session;
mod stats;
mod wakeup;

pub use self::core::StateCallback;
pub use options::{
    NotifyOptions, Overflow, MAX_CLIENT_ID_LEN, MAX_PACKET_SIZE_LIMIT, MAX_QUEUE_CAPACITY,
};
pub use registry::{EventCallback, SubscriptionId};
pub use session::NotificationSession;
pub use stats::{ConnectionState, Stats};

pub(crate) use dispatcher::{stop as stop_dispatchers, DISPATCHER_THREADS};
pub(crate) use session::close_all;
