//! Any bytes, as if a broker had sent them on a notification session's
//! connection, in reads of a size the input picks: the receive path never
//! panics, drops what it cannot read (or says why the connection would be
//! dropped), and every message it routes can be taken and parsed.

#![no_main]

use jet::notify::{NotificationSession, NotifyOptions};
use jet::topic::Topic;
use libfuzzer_sys::fuzz_target;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

struct Receiver {
    session: NotificationSession,
    called: Arc<AtomicU64>,
}

/// One session for the whole run, never connected: a pull subscription to
/// everything and a callback one to part of it, so both queues are used.
fn receiver() -> &'static Receiver {
    static RECEIVER: OnceLock<Receiver> = OnceLock::new();
    RECEIVER.get_or_init(|| {
        let options = NotifyOptions {
            qos: 1,
            queue_capacity: 64,
            max_packet_size: 2048,
            ..NotifyOptions::default()
        };
        let session = NotificationSession::create(options).expect("session");
        session
            .subscribe_pull(&Topic::raw("#").expect("#"))
            .expect("pull subscription");
        let called = Arc::new(AtomicU64::new(0));
        let count = called.clone();
        let filter = Topic::raw("/junos/#").expect("/junos/#");
        session
            .subscribe(&filter, move |event| {
                let _ = (event.id(), event.attribute_count());
                count.fetch_add(1, Ordering::Relaxed);
            })
            .expect("callback subscription");
        Receiver { session, called }
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let receiver = receiver();
    // Reads of 1, 2, 4, … 2048 bytes: every way a packet can be split.
    let chunk = 1usize << (first % 12);
    let _ = receiver.session.receive_for_fuzzing(bytes, chunk);
    while let Ok(Some(event)) = receiver.session.next(Duration::ZERO) {
        let _ = (event.topic(), event.is_parsed(), event.attributes_json());
    }
    let _ = receiver.called.load(Ordering::Relaxed);
});
