//! Faults with real parts (issue 19, SECURITY.md): a persistent QoS 1
//! session whose connection a loopback proxy cuts 50 times while events
//! flow, with a fast and with a slow consumer. Nothing is lost, duplicated
//! or reordered, and libjet restores the subscription after every cut by
//! itself (the broker's log shows one SUBSCRIBE per connection).

use jet_testkit as support;

use jet::notify::{NotificationSession, NotifyOptions, Overflow};
use jet::topic::Topic;
use std::sync::mpsc::{channel, Receiver};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use support::{Broker, BrokerOptions, Proxy};

const CUTS: usize = 50;
const TOPIC: &str = "/junos/events/genpub/config-update";
/// The longest wait for the next event: a reconnect waits at most
/// `reconnect_max` (200 ms here); the rest is room for a loaded machine.
const NEXT_EVENT: Duration = Duration::from_secs(60);

/// Opens a persistent QoS 1 session through `proxy` whose callback spends
/// `per_event` on each event and passes its number on.
fn consumer(
    proxy: &Proxy,
    name: &str,
    per_event: Duration,
) -> (NotificationSession, Receiver<u32>) {
    let session = NotificationSession::open(NotifyOptions {
        port: proxy.port(),
        client_id: Some(format!("{name}-{}", std::process::id())),
        clean_session: false,
        qos: 1,
        overflow: Overflow::Wait,
        queue_capacity: 100,
        reconnect_min: Duration::from_millis(10),
        reconnect_max: Duration::from_millis(200),
        ..Default::default()
    })
    .expect("session opens");
    let (tx, rx) = channel();
    let tx = Mutex::new(tx);
    session
        .subscribe(&Topic::config_update(), move |event| {
            if !per_event.is_zero() {
                std::thread::sleep(per_event);
            }
            let text = std::str::from_utf8(event.raw()).expect("UTF-8 payload");
            let _ = tx.lock().unwrap().send(text.parse().expect("a number"));
        })
        .expect("subscribe");
    (session, rx)
}

/// Waits until the broker has logged `count` SUBSCRIBEs of `client_id`
/// (one per connection); returns how many it has.
fn wait_for_subscribes(broker: &Broker, client_id: &str, count: usize) -> usize {
    let needle = format!("Received SUBSCRIBE from {client_id}");
    let deadline = Instant::now() + NEXT_EVENT;
    loop {
        let seen = broker.log().matches(&needle).count();
        if seen >= count {
            return seen;
        }
        assert!(
            Instant::now() < deadline,
            "{seen} SUBSCRIBEs of {client_id}, {count} expected: not restored"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Publishes `events` numbered events and cuts the connection `CUTS` times,
/// evenly over the delivery; asserts every event arrives once and in order.
fn cut_while_delivering(name: &str, events: u32, per_event: Duration) {
    let broker = Broker::start(BrokerOptions {
        lift_limits: true,
        ..Default::default()
    });
    let proxy = Proxy::start(broker.port());
    let (session, rx) = consumer(&proxy, name, per_event);
    let payloads: Vec<Vec<u8>> = (0..events).map(|n| n.to_string().into_bytes()).collect();
    let every = events / (CUTS as u32 + 1);
    let mut duplicates_or_reordered = Vec::new();
    let mut cuts = 0;
    std::thread::scope(|s| {
        s.spawn(|| broker.publish_many(TOPIC, &payloads, 1));
        let mut expected = 0u32;
        while expected < events {
            let n = rx.recv_timeout(NEXT_EVENT).unwrap_or_else(|_| {
                panic!("{name}: event {expected} of {events} did not arrive ({cuts} cuts)")
            });
            if n != expected {
                // Behind: a duplicate; ahead: a loss or a reordering.
                duplicates_or_reordered.push((expected, n));
                expected = expected.max(n + 1);
                continue;
            }
            expected += 1;
            if cuts < CUTS && expected == (cuts as u32 + 1) * every {
                // Each cut hits a connection that has resubscribed: libjet
                // did so by itself, or this waits in vain.
                wait_for_subscribes(&broker, session.client_id(), cuts + 1);
                proxy.cut();
                cuts += 1;
            }
        }
    });
    // The last cut's reconnect may follow the last event (read before it).
    let subscribes = wait_for_subscribes(&broker, session.client_id(), CUTS + 1);
    let stats = session.stats();
    println!(
        "{name}: {events} events, {cuts} cuts, {} connections, {subscribes} SUBSCRIBEs, \
         {} out of place: {:?}; {stats:?}",
        proxy.accepted(),
        duplicates_or_reordered.len(),
        &duplicates_or_reordered[..duplicates_or_reordered.len().min(10)]
    );
    assert_eq!(cuts, CUTS);
    assert_eq!(stats.reconnects, CUTS as u64, "{stats:?}");
    assert_eq!(
        duplicates_or_reordered,
        vec![],
        "(expected, received) pairs: 0 lost, 0 duplicated, in order"
    );
    assert_eq!(stats.dropped, 0, "{stats:?}");
}

#[test]
fn fifty_cuts_with_a_fast_consumer_lose_duplicate_and_reorder_nothing() {
    cut_while_delivering("libjet-cuts-fast", 20_000, Duration::ZERO);
}

#[test]
fn fifty_cuts_with_a_slow_consumer_lose_duplicate_and_reorder_nothing() {
    cut_while_delivering("libjet-cuts-slow", 5_000, Duration::from_millis(1));
}
