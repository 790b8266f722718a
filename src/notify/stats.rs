//! Counters of a notification session and its connection state.

use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};

/// The connection state of a notification session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum ConnectionState {
    /// Making the first connection.
    Connecting = 0,
    /// Connected; subscriptions are in force.
    Connected = 1,
    /// The connection was lost; libjet is reconnecting with backoff.
    Reconnecting = 2,
    /// Closed by the application (or by [`crate::shutdown`]).
    Closed = 3,
    /// Made by `NotificationSession::create` and not connected yet.
    Idle = 4,
}

impl ConnectionState {
    fn from_u8(v: u8) -> ConnectionState {
        match v {
            0 => ConnectionState::Connecting,
            1 => ConnectionState::Connected,
            2 => ConnectionState::Reconnecting,
            4 => ConnectionState::Idle,
            _ => ConnectionState::Closed,
        }
    }

    /// A lower-case name for logs.
    pub fn name(self) -> &'static str {
        match self {
            ConnectionState::Connecting => "connecting",
            ConnectionState::Connected => "connected",
            ConnectionState::Reconnecting => "reconnecting",
            ConnectionState::Closed => "closed",
            ConnectionState::Idle => "idle",
        }
    }
}

/// A snapshot of a session's counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Messages received from the broker.
    pub received: u64,
    /// Events handed to the application: one per callback call and one per
    /// event returned by `next`.
    pub delivered: u64,
    /// Events dropped because a queue was full (the application was too slow).
    pub dropped: u64,
    /// Messages that were not valid JET events (still delivered, flagged).
    pub parse_errors: u64,
    /// Successful reconnects after a lost connection.
    pub reconnects: u64,
}

/// The live counters, updated without locks.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub received: AtomicU64,
    pub delivered: AtomicU64,
    pub dropped: AtomicU64,
    pub parse_errors: AtomicU64,
    pub reconnects: AtomicU64,
    state: AtomicU8,
}

impl Counters {
    pub fn snapshot(&self) -> Stats {
        Stats {
            received: self.received.load(Ordering::Relaxed),
            delivered: self.delivered.load(Ordering::Relaxed),
            dropped: self.dropped.load(Ordering::Relaxed),
            parse_errors: self.parse_errors.load(Ordering::Relaxed),
            reconnects: self.reconnects.load(Ordering::Relaxed),
        }
    }

    pub fn state(&self) -> ConnectionState {
        ConnectionState::from_u8(self.state.load(Ordering::Acquire))
    }

    /// Sets the state; returns the previous one. `Closed` is final.
    pub fn set_state(&self, new: ConnectionState) -> ConnectionState {
        let mut current = self.state.load(Ordering::Acquire);
        loop {
            if current == ConnectionState::Closed as u8 {
                return ConnectionState::Closed;
            }
            match self.state.compare_exchange(
                current,
                new as u8,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => return ConnectionState::from_u8(current),
                Err(seen) => current = seen,
            }
        }
    }
}
