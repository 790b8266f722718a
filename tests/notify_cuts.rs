//! Connection cuts under a persistent QoS 1 session with a slow consumer
//! (issue 19): the broker resends every publish whose PUBACK it did not get,
//! with its original packet id and DUP set; libjet acknowledges those copies
//! of events it already delivered without delivering them again. So after
//! cuts nothing is lost, nothing is duplicated and nothing is out of order.

use jet_testkit as support;

use jet::notify::{NotificationSession, NotifyOptions, Overflow};
use jet::topic::Topic;
use std::sync::mpsc::channel;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use support::{Broker, BrokerOptions, Proxy};

/// Events published.
const EVENTS: usize = 20_000;
/// Connection cuts, spread evenly over the delivery.
const CUTS: usize = 5;
/// How long the consumer spends on each event.
const PER_EVENT: Duration = Duration::from_micros(1500);
/// The longest wait for the next event (a reconnect backs off for at most
/// `reconnect_max`, 1 s here).
const NEXT_EVENT: Duration = Duration::from_secs(60);

/// What a consumer saw: each event's number in arrival order.
struct Tally {
    lost: usize,
    duplicates: usize,
    out_of_order: usize,
}

/// Waits until `session` has reconnected `count` times. A cut's reconnect
/// may come well after it: libjet first delivers what it had read before
/// the cut, which can be thousands of events.
fn wait_for_reconnects(session: &NotificationSession, count: usize) {
    let deadline = Instant::now() + NEXT_EVENT;
    while session.stats().reconnects < count as u64 {
        assert!(
            Instant::now() < deadline,
            "{count} reconnects expected: {:?}",
            session.stats()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn tally(seen: &[usize]) -> Tally {
    let mut delivered = vec![0usize; EVENTS];
    let mut highest = None;
    let mut out_of_order = 0;
    for &n in seen {
        delivered[n] += 1;
        if highest.is_some_and(|h| n < h) {
            out_of_order += 1;
        }
        highest = highest.max(Some(n));
    }
    Tally {
        lost: delivered.iter().filter(|&&d| d == 0).count(),
        duplicates: delivered.iter().map(|&d| d.saturating_sub(1)).sum(),
        out_of_order,
    }
}

#[test]
fn cuts_of_a_persistent_qos1_session_lose_duplicate_and_reorder_nothing() {
    let broker = Broker::start(BrokerOptions {
        lift_limits: true,
        ..Default::default()
    });
    let proxy = Proxy::start(broker.port());
    let session = NotificationSession::open(NotifyOptions {
        port: proxy.port(),
        client_id: Some(format!("libjet-cuts-{}", std::process::id())),
        clean_session: false,
        qos: 1,
        overflow: Overflow::Wait,
        queue_capacity: 100,
        reconnect_min: Duration::from_millis(50),
        reconnect_max: Duration::from_secs(1),
        ..Default::default()
    })
    .expect("session opens");
    let (tx, rx) = channel();
    let tx = Mutex::new(tx);
    session
        .subscribe(&Topic::config_update(), move |event| {
            std::thread::sleep(PER_EVENT);
            let n: usize = std::str::from_utf8(event.raw()).unwrap().parse().unwrap();
            let _ = tx.lock().unwrap().send(n);
        })
        .unwrap();
    let payloads: Vec<Vec<u8>> = (0..EVENTS).map(|n| n.to_string().into_bytes()).collect();
    std::thread::scope(|s| {
        s.spawn(|| broker.publish_many("/junos/events/genpub/config-update", &payloads, 1));
        let mut seen = Vec::with_capacity(EVENTS + 1000);
        let mut unique = vec![false; EVENTS];
        let mut unique_count = 0;
        let mut cuts = 0;
        while unique_count < EVENTS {
            let n = rx
                .recv_timeout(NEXT_EVENT)
                .unwrap_or_else(|_| panic!("{unique_count} of {EVENTS} events arrived"));
            seen.push(n);
            if !std::mem::replace(&mut unique[n], true) {
                unique_count += 1;
            }
            // Cut while events flow, at evenly spaced points of the delivery,
            // each time a connection made after the last cut.
            if cuts < CUTS && unique_count >= (cuts + 1) * EVENTS / (CUTS + 1) {
                wait_for_reconnects(&session, cuts);
                proxy.cut();
                cuts += 1;
            }
        }
        // The last cut's reconnect may follow the last event.
        wait_for_reconnects(&session, CUTS);
        let result = tally(&seen);
        let stats = session.stats();
        println!(
            "{EVENTS} events, {cuts} cuts, {} connections: {} lost, {} duplicates, {} out of order ({stats:?})",
            proxy.accepted(),
            result.lost,
            result.duplicates,
            result.out_of_order
        );
        assert_eq!(cuts, CUTS);
        assert!(stats.reconnects >= CUTS as u64, "{stats:?}");
        assert_eq!(result.lost, 0);
        assert_eq!(result.duplicates, 0);
        assert_eq!(result.out_of_order, 0);
    });
}
