//! Hostile payloads from a real broker (issue 19, SECURITY.md): oversize,
//! nested 100,000 levels deep, 100,000 attributes, binary, invalid UTF-8.
//! Each is delivered as an event with a parse error (or parsed, for the
//! attributes, which are valid) or dropped and counted; the next normal
//! event arrives; the peak resident memory stays bounded.

use jet_testkit as support;

use jet::event::Event;
use jet::notify::{NotificationSession, NotifyOptions};
use jet::topic::Topic;
use std::time::Duration;
use support::{usage, Broker, BrokerOptions};

const TOPIC: &str = "/junos/events/genpub/config-update";
const NEXT: Duration = Duration::from_secs(20);
/// Largest packet the session accepts: room for 100,000 attributes.
const MAX_PACKET: usize = 4 * 1024 * 1024;
/// What the whole run may add to the peak resident memory: a few times the
/// largest accepted payload, nothing in proportion to the oversize one.
const PEAK_ALLOWANCE_KIB: u64 = 64 * 1024;

const NORMAL: &[u8] = br#"{"jet-event": {"event-id": "NORMAL", "attributes": {"n": 1}}}"#;

fn nested(levels: usize) -> Vec<u8> {
    let mut text = b"{\"jet-event\": {\"attributes\": {\"deep\": ".to_vec();
    text.extend(std::iter::repeat_n(b'[', levels));
    text.extend(std::iter::repeat_n(b']', levels));
    text.extend_from_slice(b"}}}");
    text
}

fn many_attributes(count: usize) -> Vec<u8> {
    let attributes: Vec<String> = (0..count).map(|i| format!("\"a{i}\": {i}")).collect();
    format!(
        "{{\"jet-event\": {{\"event-id\": \"MANY\", \"attributes\": {{{}}}}}}}",
        attributes.join(", ")
    )
    .into_bytes()
}

/// Publishes `payload` then a normal event; returns what arrived before the
/// normal one (which must arrive).
fn send(broker: &Broker, session: &NotificationSession, payload: &[u8]) -> Vec<Event> {
    broker.publish(TOPIC, payload, 1);
    broker.publish(TOPIC, NORMAL, 1);
    let mut before = Vec::new();
    loop {
        let event = session
            .next(NEXT)
            .expect("session open")
            .expect("the normal event after a hostile one arrives");
        if event.raw() == NORMAL {
            assert_eq!(event.id(), Some("NORMAL"));
            return before;
        }
        before.push(event);
    }
}

fn one_parse_error(events: Vec<Event>, what: &str) -> String {
    assert_eq!(events.len(), 1, "{what}: one event");
    let error = events[0]
        .parse_error()
        .unwrap_or_else(|| panic!("{what}: parse error"));
    println!("{what}: parse error \"{error}\"");
    error.to_string()
}

#[test]
fn hostile_payloads_are_parse_errors_or_dropped_and_the_next_event_arrives() {
    let broker = Broker::start(BrokerOptions::default());
    let session = NotificationSession::open(NotifyOptions {
        port: broker.port(),
        qos: 1,
        max_packet_size: MAX_PACKET,
        ..Default::default()
    })
    .expect("session opens");
    session
        .subscribe_pull(&Topic::config_update())
        .expect("subscribe");
    let start = usage();

    // Oversize: 10 MB, over max_packet_size: dropped and counted, never held.
    let oversize = vec![b'x'; 10 * 1024 * 1024];
    assert!(
        send(&broker, &session, &oversize).is_empty(),
        "oversize dropped"
    );
    assert_eq!(session.stats().dropped, 1, "{:?}", session.stats());

    let deep = one_parse_error(send(&broker, &session, &nested(100_000)), "100,000 levels");
    assert!(deep.contains("recursion limit"), "{deep}");

    let many = send(&broker, &session, &many_attributes(100_000));
    assert_eq!(many.len(), 1);
    assert_eq!(many[0].attribute_count(), 100_000, "valid JSON is parsed");
    assert_eq!(many[0].attr_int("a99999"), Ok(99_999));

    let binary: Vec<u8> = (0..=255u8).cycle().take(64 * 1024).collect();
    one_parse_error(send(&broker, &session, &binary), "binary");

    let invalid = b"{\"jet-event\": {\"event-id\": \"\xff\xfe\", \"attributes\": {}}}";
    one_parse_error(send(&broker, &session, invalid), "invalid UTF-8");

    let end = usage();
    let stats = session.stats();
    println!(
        "peak RSS {} -> {} KiB (+{} KiB); {stats:?}",
        start.peak_rss_kib,
        end.peak_rss_kib,
        end.peak_rss_kib - start.peak_rss_kib
    );
    assert_eq!(stats.dropped, 1);
    assert_eq!(stats.parse_errors, 3, "{stats:?}");
    assert!(
        end.peak_rss_kib <= start.peak_rss_kib + PEAK_ALLOWANCE_KIB,
        "peak resident memory grew by {} KiB",
        end.peak_rss_kib - start.peak_rss_kib
    );
}
