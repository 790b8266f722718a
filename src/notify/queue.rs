//! The bounded queues between the network task and the application.
//!
//! The network task never waits on the application: when a queue is full the
//! new message is dropped and counted, so a slow consumer costs events (visible
//! in the stats) but never memory without limit, and the broker keeps being read.

use bytes::Bytes;
use std::collections::VecDeque;
use std::time::{Duration, Instant};

use super::wakeup::{Guard, Wakeup};
use crate::cancel::CancelToken;
use crate::topic::TopicName;

/// A message as received, before parsing (parsing happens on the consumer's thread).
pub(crate) struct Message {
    pub topic: TopicName,
    pub payload: Bytes,
    /// Whether this copy counts toward the parse-error counter (a message
    /// routed to both queues is counted once).
    pub counts_parse_error: bool,
}

/// What happens when a blocking pop ends without an item.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Empty {
    TimedOut,
    Closed,
    Cancelled,
}

struct State<T> {
    items: VecDeque<T>,
    closed: bool,
}

/// A FIFO with a fixed capacity.
pub(crate) struct BoundedQueue<T> {
    state: Wakeup<State<T>>,
    capacity: usize,
}

impl<T> BoundedQueue<T> {
    pub fn new(capacity: usize) -> Self {
        BoundedQueue {
            state: Wakeup::new(State {
                items: VecDeque::new(),
                closed: false,
            }),
            capacity,
        }
    }

    fn lock(&self) -> Guard<'_, State<T>> {
        self.state.lock()
    }

    /// Appends what fits of `batch`; returns how many were dropped.
    pub fn push_batch(&self, batch: &mut Vec<T>) -> usize {
        if batch.is_empty() {
            return 0;
        }
        let mut state = self.lock();
        if state.closed {
            let dropped = batch.len();
            batch.clear();
            return dropped;
        }
        let room = self.capacity.saturating_sub(state.items.len());
        let dropped = batch.len().saturating_sub(room);
        batch.truncate(room);
        state.items.extend(batch.drain(..));
        self.state.notify_one(state);
        dropped
    }

    /// Appends one item even when full (for rare control items such as state changes).
    pub fn push_control(&self, item: T) {
        let mut state = self.lock();
        if !state.closed {
            state.items.push_back(item);
        }
        self.state.notify_one(state);
    }

    /// Takes up to `max` items at once.
    pub fn take_batch(&self, max: usize) -> VecDeque<T> {
        let mut state = self.lock();
        if state.items.len() <= max {
            std::mem::take(&mut state.items)
        } else {
            let rest = state.items.split_off(max);
            std::mem::replace(&mut state.items, rest)
        }
    }

    /// How many items are queued.
    pub fn len(&self) -> usize {
        self.lock().items.len()
    }

    /// True when nothing is queued.
    pub fn is_empty(&self) -> bool {
        self.lock().items.is_empty()
    }

    /// Waits up to `timeout` for an item, giving up when `cancel` is
    /// triggered (the caller registers a waker on it that calls
    /// [`Self::wake_all`]).
    pub fn pop_wait(&self, timeout: Duration, cancel: Option<&CancelToken>) -> Result<T, Empty> {
        let deadline = Instant::now() + timeout;
        let mut state = self.lock();
        loop {
            if cancel.is_some_and(CancelToken::is_triggered) {
                return Err(Empty::Cancelled);
            }
            if let Some(item) = state.items.pop_front() {
                return Ok(item);
            }
            if state.closed {
                return Err(Empty::Closed);
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(Empty::TimedOut);
            }
            state = self.state.wait_timeout(state, deadline - now);
        }
    }

    /// Wakes every waiter so it checks its cancel token.
    pub fn wake_all(&self) {
        let state = self.lock();
        self.state.notify_all(state);
    }

    /// Empties the queue, refuses new items and wakes every waiter.
    pub fn close(&self) {
        let mut state = self.lock();
        state.closed = true;
        state.items.clear();
        self.state.notify_all(state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_beyond_capacity_and_counts_them() {
        let q = BoundedQueue::new(3);
        let mut batch = vec![1, 2, 3, 4, 5];
        assert_eq!(q.push_batch(&mut batch), 2);
        assert!(batch.is_empty());
        assert_eq!(q.take_batch(2), VecDeque::from([1, 2]));
        assert_eq!(q.pop_wait(Duration::ZERO, None), Ok(3));
        assert_eq!(
            q.pop_wait(Duration::from_millis(10), None),
            Err(Empty::TimedOut)
        );
    }

    #[test]
    fn a_push_wakes_a_waiter_at_once() {
        let q = std::sync::Arc::new(BoundedQueue::<u8>::new(4));
        let waiter = {
            let q = q.clone();
            std::thread::spawn(move || {
                let start = Instant::now();
                (q.pop_wait(Duration::from_secs(10), None), start.elapsed())
            })
        };
        while q.lock().waiters() == 0 {
            std::thread::sleep(Duration::from_millis(1));
        }
        q.push_batch(&mut vec![7]);
        let (item, waited) = waiter.join().unwrap();
        assert_eq!(item, Ok(7));
        assert!(
            waited < Duration::from_secs(5),
            "woken only after {waited:?}"
        );
        assert_eq!(q.lock().waiters(), 0);
    }

    #[test]
    fn close_wakes_a_waiter() {
        let q = std::sync::Arc::new(BoundedQueue::<u8>::new(1));
        let waiter = {
            let q = q.clone();
            std::thread::spawn(move || q.pop_wait(Duration::from_secs(10), None))
        };
        std::thread::sleep(Duration::from_millis(50));
        q.close();
        assert_eq!(waiter.join().unwrap(), Err(Empty::Closed));
        let mut late = vec![1];
        assert_eq!(q.push_batch(&mut late), 1);
    }
}
