//! Inline callbacks (issue 20): a session's event callbacks run on libjet's
//! network thread, in arrival order; what blocks is refused from them; and a
//! callback slower than the keepalive costs a reconnect, not an event.

use jet_testkit as support;

use jet::error::ErrorKind;
use jet::notify::{NotificationSession, NotifyOptions};
use jet::topic::Topic;
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::{Broker, BrokerOptions};

/// Generous: CI is a loaded 2-core machine.
const WITHIN: Duration = Duration::from_secs(60);

/// The one topic every test publishes on.
fn topic() -> String {
    Topic::config_update().as_str().to_string()
}

fn inline_session(broker: &Broker, change: impl FnOnce(&mut NotifyOptions)) -> NotificationSession {
    let mut options = NotifyOptions {
        port: broker.port(),
        inline_callbacks: true,
        ..Default::default()
    };
    change(&mut options);
    NotificationSession::create(options).expect("session made")
}

fn payloads(count: usize) -> Vec<Vec<u8>> {
    (0..count).map(|n| n.to_string().into_bytes()).collect()
}

fn number(event: &jet::event::Event) -> usize {
    std::str::from_utf8(event.raw()).unwrap().parse().unwrap()
}

/// Takes `count` values from `rx`, each within [`WITHIN`].
fn take<T>(rx: &Receiver<T>, count: usize) -> Vec<T> {
    (0..count)
        .map(|n| {
            rx.recv_timeout(WITHIN)
                .unwrap_or_else(|_| panic!("value {n} of {count} did not come"))
        })
        .collect()
}

#[test]
fn inline_callbacks_run_on_the_network_thread_in_arrival_order() {
    let broker = Broker::start(BrokerOptions::default());
    let session = inline_session(&broker, |_| {});
    let (tx, rx) = channel();
    let tx = Mutex::new(tx);
    session
        .subscribe(&Topic::config_update(), move |event| {
            let thread = std::thread::current().name().unwrap_or("").to_string();
            let _ = tx.lock().unwrap().send((number(event), thread));
        })
        .unwrap();
    session.connect().unwrap();
    broker.publish_many(&topic(), &payloads(500), 0);
    let seen = take(&rx, 500);
    let order: Vec<usize> = seen.iter().map(|(n, _)| *n).collect();
    assert_eq!(order, (0..500).collect::<Vec<_>>());
    assert!(
        seen.iter().all(|(_, thread)| thread == "jet-io"),
        "callbacks ran on {:?}",
        seen.iter()
            .map(|(_, t)| t)
            .collect::<std::collections::BTreeSet<_>>()
    );
    assert_eq!(session.stats().delivered, 500);
    assert_eq!(session.stats().dropped, 0);
}

#[test]
fn inline_callbacks_are_set_before_connecting_only() {
    let broker = Broker::start(BrokerOptions::default());
    let session = inline_session(&broker, |o| o.inline_callbacks = false);
    session.set_inline_callbacks(true).unwrap();
    session.connect().unwrap();
    let late = session.set_inline_callbacks(false).unwrap_err();
    assert_eq!(late.kind(), ErrorKind::InvalidArgument);
    assert!(
        late.to_string().contains("before the session connects"),
        "{late}"
    );
    session.close();
    assert_eq!(
        session.set_inline_callbacks(true).unwrap_err().kind(),
        ErrorKind::Closed
    );
}

#[test]
fn an_inline_callback_is_refused_what_blocks_and_may_unsubscribe_and_close() {
    let broker = Broker::start(BrokerOptions::default());
    let session = Arc::new(inline_session(&broker, |_| {}));
    let (tx, rx) = channel();
    let tx = Mutex::new(tx);
    let inner = Arc::downgrade(&session);
    let id = Arc::new(Mutex::new(None));
    let own_id = id.clone();
    let subscription = session
        .subscribe(&Topic::config_update(), move |_| {
            let session = inner.upgrade().expect("the session is alive");
            let subscribe = session.subscribe_pull(&Topic::config_update());
            let next = session.next(Duration::from_millis(10));
            let own = own_id.lock().unwrap().expect("id set before connecting");
            let unsubscribe = session.unsubscribe(own);
            let started = Instant::now();
            session.close();
            let closing = started.elapsed();
            let _ = tx.lock().unwrap().send((
                subscribe.map(|_| ()).map_err(|e| e.kind()),
                next.map(|_| ()).map_err(|e| e.kind()),
                unsubscribe.map_err(|e| e.kind()),
                closing,
            ));
        })
        .unwrap();
    *id.lock().unwrap() = Some(subscription);
    session.connect().unwrap();
    broker.publish_many(&topic(), &payloads(3), 0);
    let (subscribe, next, unsubscribe, closing) = take(&rx, 1).remove(0);
    assert_eq!(subscribe, Err(ErrorKind::WouldDeadlock));
    assert_eq!(next, Err(ErrorKind::WouldDeadlock));
    assert_eq!(unsubscribe, Ok(()));
    // Closing from the network thread does not wait for that thread's task
    // (which would take the 5 s bound of that wait).
    assert!(closing < Duration::from_secs(4), "close took {closing:?}");
    // Unsubscribed and closed by its first call: no second call.
    assert!(rx.recv_timeout(Duration::from_millis(500)).is_err());
    assert_eq!(session.stats().delivered, 1);
}

#[test]
fn an_inline_callback_slower_than_the_keepalive_costs_a_reconnect_and_no_event() {
    const EVENTS: usize = 50;
    let broker = Broker::start(BrokerOptions::default());
    let session = inline_session(&broker, |o| {
        o.keepalive = Duration::from_secs(1);
        o.client_id = Some(format!("libjet-inline-{}", std::process::id()));
        o.clean_session = false;
        o.qos = 1;
        o.reconnect_min = Duration::from_millis(50);
        o.reconnect_max = Duration::from_millis(500);
    });
    let (tx, rx) = channel();
    let tx = Mutex::new(tx);
    session
        .subscribe(&Topic::config_update(), move |event| {
            let n = number(event);
            if n == 0 {
                // Four keepalives without a packet from us: the broker gives
                // up on the connection after one and a half.
                std::thread::sleep(Duration::from_secs(4));
            }
            let _ = tx.lock().unwrap().send(n);
        })
        .unwrap();
    session.connect().unwrap();
    broker.publish_many(&topic(), &payloads(EVENTS), 1);
    let seen = take(&rx, EVENTS);
    assert_eq!(
        seen,
        (0..EVENTS).collect::<Vec<_>>(),
        "every event once, in order"
    );
    let started = Instant::now();
    while session.stats().reconnects == 0 {
        assert!(
            started.elapsed() < WITHIN,
            "no reconnect: {:?}",
            session.stats()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // The broker resends what it holds unacknowledged before anything newer:
    // the next event after one more is that one, so none came twice.
    broker.publish(&topic(), EVENTS.to_string().as_bytes(), 1);
    assert_eq!(take(&rx, 1), [EVENTS]);
}
