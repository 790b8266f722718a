//! The events the publisher sends: libjet simulator's synthetic device
//! events (IFA and IFL changes, about 300 bytes), optionally stamped with
//! the send time in the attribute `sent-ns`.

use jet_sim::synthetic_event;
use std::time::SystemTime;

/// Distinct events the publisher cycles through.
const POOL: u64 = 4096;

/// One event: its topic and its payload, split where a stamp goes.
pub struct Template {
    pub topic: String,
    /// The payload up to and including the attributes' opening brace.
    head: String,
    /// The rest of the payload.
    tail: String,
}

impl Template {
    /// The payload as the device sends it.
    pub fn payload(&self) -> Vec<u8> {
        [self.head.as_bytes(), self.tail.as_bytes()].concat()
    }

    /// The payload with `"sent-ns": ns` as its first attribute.
    pub fn stamped(&self, ns: i64) -> Vec<u8> {
        format!("{}\"sent-ns\": {ns}, {}", self.head, self.tail).into_bytes()
    }
}

/// The pool of events, in the order they are sent.
pub fn pool() -> Vec<Template> {
    let time = jet_sim::events::device_time(SystemTime::now());
    (0..POOL)
        .map(|n| {
            let event = synthetic_event(n, "r1", &time);
            let marker = "\"attributes\": {";
            let split = event
                .payload
                .find(marker)
                .map(|at| at + marker.len())
                .expect("synthetic events have attributes");
            Template {
                topic: event.topic,
                head: event.payload[..split].to_string(),
                tail: event.payload[split..].to_string(),
            }
        })
        .collect()
}
