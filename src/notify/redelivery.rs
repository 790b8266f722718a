//! Recognises the copies a broker sends again after a reconnect.
//!
//! In a persistent session (clean session off) with QoS 1, the broker resends
//! every publish whose PUBACK it has not received when the client comes back,
//! with the original packet id and the DUP flag set (MQTT 3.1.1 §4.4). When
//! the connection died after libjet had read, queued and acknowledged an
//! event but before the PUBACK reached the broker, that copy is an event the
//! application already has. [`Redelivery`] remembers the packet id of each
//! acknowledged publish, with a digest of its topic and payload, across
//! reconnects; a publish with DUP set whose id and digest match is such a
//! copy: libjet acknowledges it again and does not deliver it. The digest
//! guards against a packet id the broker reused for a different event.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, VecDeque};
use std::hash::{Hash, Hasher};

/// Acknowledged publishes remembered, at most: more than a broker holds in
/// flight for one client in practice (Mosquitto's default is 20). About
/// 40 bytes each.
pub(crate) const REMEMBERED: usize = 16_384;

/// The acknowledged publishes of one session, newest last.
#[derive(Default)]
pub(crate) struct Redelivery {
    enabled: bool,
    /// Packet id → digest of the last publish acknowledged with it.
    by_id: HashMap<u16, u64>,
    /// (packet id, digest) in the order they were acknowledged.
    order: VecDeque<(u16, u64)>,
}

impl Redelivery {
    /// A record for a session whose broker resends (`enabled`: a persistent
    /// session subscribed with QoS 1); otherwise it recognises nothing.
    pub fn new(enabled: bool) -> Redelivery {
        Redelivery {
            enabled,
            ..Default::default()
        }
    }

    /// Whether the QoS 1 publish `packet_id` (with its `dup` flag, `topic`
    /// and `payload`) is a resent copy of one already acknowledged; if it is
    /// not, it is remembered as acknowledged now.
    pub fn is_repeat(&mut self, packet_id: u16, dup: bool, topic: &str, payload: &[u8]) -> bool {
        if !self.enabled {
            return false;
        }
        let digest = digest(topic, payload);
        if dup && self.by_id.get(&packet_id) == Some(&digest) {
            return true;
        }
        self.by_id.insert(packet_id, digest);
        self.order.push_back((packet_id, digest));
        if self.order.len() > REMEMBERED {
            if let Some((old_id, old_digest)) = self.order.pop_front() {
                // Only when no newer publish took the same id since.
                if self.by_id.get(&old_id) == Some(&old_digest) {
                    self.by_id.remove(&old_id);
                }
            }
        }
        false
    }
}

fn digest(topic: &str, payload: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    topic.hash(&mut hasher);
    payload.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_dup_copy_of_an_acknowledged_publish_is_a_repeat() {
        let mut record = Redelivery::new(true);
        assert!(!record.is_repeat(7, false, "t", b"one"));
        // The broker resends it after a reconnect: a repeat, however often.
        assert!(record.is_repeat(7, true, "t", b"one"));
        assert!(record.is_repeat(7, true, "t", b"one"));
        // Same id, DUP, other content: the id was reused, a new event.
        assert!(!record.is_repeat(7, true, "t", b"two"));
        // Same id and content without DUP: a new publish.
        assert!(!record.is_repeat(8, false, "t", b"x"));
        assert!(!record.is_repeat(8, false, "t", b"x"));
        // Never seen: delivered even with DUP.
        assert!(!record.is_repeat(9, true, "t", b"y"));
    }

    #[test]
    fn off_it_recognises_nothing() {
        let mut record = Redelivery::new(false);
        assert!(!record.is_repeat(1, false, "t", b"a"));
        assert!(!record.is_repeat(1, true, "t", b"a"));
    }

    #[test]
    fn the_record_is_bounded() {
        let mut record = Redelivery::new(true);
        for n in 0..(REMEMBERED + 1000) {
            let id = (n % 65_535 + 1) as u16;
            record.is_repeat(id, false, "t", &n.to_le_bytes());
        }
        assert!(record.order.len() <= REMEMBERED);
        assert!(record.by_id.len() <= REMEMBERED);
        // The oldest is forgotten, the newest kept.
        assert!(!record.is_repeat(1, true, "t", &0usize.to_le_bytes()));
        let newest = REMEMBERED + 999;
        let id = (newest % 65_535 + 1) as u16;
        assert!(record.is_repeat(id, true, "t", &newest.to_le_bytes()));
    }
}
