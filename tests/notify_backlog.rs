//! A backlog many reads long, against a real Mosquitto broker: a persistent
//! session's reads gather (the socket's low-water mark), every event still
//! arrives, in order, and a live event after the backlog still wakes the
//! reader; a clean session's reads never gather.

use jet_testkit as support;

use jet::logging::{self, Level};
use jet::notify::{NotificationSession, NotifyOptions, Overflow};
use jet::topic::Topic;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::{Broker, BrokerOptions};

const TOPIC: &str = "/junos/events/genpub/config-update";
/// About 300 bytes, a device event's size; 20,000 of them are 6 MB, far more
/// than the socket takes in one read.
const EVENTS: usize = 20_000;

fn payload(n: usize) -> Vec<u8> {
    format!("{{\"n\":{n},\"pad\":\"{}\"}}", "x".repeat(280)).into_bytes()
}

#[test]
fn a_backlog_arrives_whole_and_in_order_through_gathered_reads() {
    let broker = Broker::start(BrokerOptions {
        lift_limits: true,
        ..Default::default()
    });
    let options = NotifyOptions {
        port: broker.port(),
        client_id: Some("jet-backlog".into()),
        clean_session: false,
        connect_timeout: Duration::from_secs(5),
        // A small queue that makes the reader wait: the broker's backlog
        // then stays in the socket, and reads come back full.
        queue_capacity: 1_000,
        overflow: Overflow::Wait,
        ..Default::default()
    };
    let first = NotificationSession::open(options.clone()).unwrap();
    first.subscribe_pull(&Topic::config_update()).unwrap();
    first.close();
    let payloads: Vec<Vec<u8>> = (0..EVENTS).map(payload).collect();
    broker.publish_many(TOPIC, &payloads, 0);

    let records = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = records.clone();
    logging::set_sink(
        Some(Arc::new(move |_, _: &str, message: &str| {
            sink.lock().unwrap().push(message.to_string())
        })),
        Level::Debug,
    );
    let clean = NotificationSession::open(NotifyOptions {
        client_id: Some("jet-clean".into()),
        clean_session: true,
        ..options.clone()
    })
    .unwrap();
    clean.subscribe_pull(&Topic::config_update()).unwrap();
    let session = NotificationSession::create(options).unwrap();
    session.subscribe_pull(&Topic::config_update()).unwrap();
    session.connect().unwrap();
    for (n, expected) in payloads.iter().enumerate() {
        let event = session
            .next(Duration::from_secs(10))
            .unwrap()
            .unwrap_or_else(|| panic!("event {n} of {EVENTS} did not arrive"));
        assert_eq!(event.raw(), &expected[..], "event {n}");
    }
    assert_eq!(session.stats().dropped, 0);
    assert!(session.next(Duration::from_millis(200)).unwrap().is_none());
    // Once the backlog is over the reader wakes for one byte again: a single
    // live event, far below what a gathered read waits for, arrives.
    broker.publish(TOPIC, b"{\"live\":1}", 0);
    let live = session.next(Duration::from_secs(10)).unwrap();
    assert_eq!(
        live.expect("the live event after the backlog").raw(),
        b"{\"live\":1}"
    );
    let live = clean.next(Duration::from_secs(10)).unwrap();
    assert_eq!(
        live.expect("the live event on the clean session").raw(),
        b"{\"live\":1}"
    );
    session.close();
    clean.close();
    logging::set_sink(None, Level::Info);

    let records = records.lock().unwrap();
    let said = |session: &str, text: &str| {
        records
            .iter()
            .any(|r| r.contains(&format!("session {session}:")) && r.contains(text))
    };
    assert!(said("jet-backlog", "reads gather"), "{records:?}");
    assert!(said("jet-backlog", "reads no longer gather"), "{records:?}");
    assert!(!said("jet-clean", "gather"), "{records:?}");
}
