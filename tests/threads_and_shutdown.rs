//! libjet's threads: never more than `jet::runtime::MAX_THREADS` however many
//! sessions are open, and none left after `shutdown`. One test, because
//! shutdown is process-wide.
//!
//! libjet starts some threads lazily (the runtime's blocking threads come
//! and go with name resolution) and a new thread names itself a moment after
//! it starts, so the counts are checked against the bound, never for an
//! exact number read at a moment that races a thread's start.

use jet_testkit as support;

use jet::notify::{NotificationSession, NotifyOptions};
use jet::runtime::MAX_THREADS;
use jet::topic::Topic;
use jet::ErrorKind;
use std::sync::mpsc::channel;
use std::sync::Mutex;
use std::time::Duration;
use support::{libjet_threads, libjet_threads_left_after, Broker, BrokerOptions};

/// How long stopped threads may take to leave `/proc`, at most.
const GONE: Duration = Duration::from_secs(10);

fn open(port: u16) -> NotificationSession {
    NotificationSession::open(NotifyOptions {
        port,
        ..Default::default()
    })
    .expect("session opens")
}

/// Every session's callback has run once, so every thread it needs exists.
fn each_called_once(sessions: &[&NotificationSession], broker: &Broker) {
    let (tx, rx) = channel();
    let tx = Mutex::new(tx);
    let topic = Topic::syslog(Some("UI_COMMIT")).unwrap();
    let ids: Vec<_> = sessions
        .iter()
        .map(|session| {
            let tx = Mutex::new(tx.lock().unwrap().clone());
            session
                .subscribe(&topic, move |_| {
                    let _ = tx.lock().unwrap().send(());
                })
                .unwrap()
        })
        .collect();
    broker.publish("/junos/events/syslog/UI_COMMIT", b"{}", 0);
    for _ in sessions {
        rx.recv_timeout(Duration::from_secs(30))
            .expect("every session's callback runs");
    }
    for (session, id) in sessions.iter().zip(ids) {
        session.unsubscribe(id).unwrap();
    }
}

#[test]
fn threads_are_bounded_and_shutdown_stops_them_all() {
    let broker = Broker::start(BrokerOptions::default());
    assert!(libjet_threads().is_empty());

    let first = open(broker.port());
    each_called_once(&[&first], &broker);
    let with_one = libjet_threads();
    assert!(!with_one.is_empty());
    assert!(with_one.len() <= MAX_THREADS, "{with_one:?}");

    let many: Vec<_> = (0..50).map(|_| open(broker.port())).collect();
    let mut all: Vec<&NotificationSession> = many.iter().collect();
    all.push(&first);
    each_called_once(&all, &broker);
    let with_many = libjet_threads();
    assert!(with_many.len() <= MAX_THREADS, "{with_many:?}");

    // Refused from a callback, where it would wait for itself.
    let (tx, rx) = channel();
    let tx = Mutex::new(tx);
    first
        .subscribe(&Topic::config_update(), move |_| {
            let _ = tx
                .lock()
                .unwrap()
                .send(jet::shutdown().map_err(|e| e.kind()));
        })
        .unwrap();
    broker.publish("/junos/events/genpub/config-update", b"{}", 0);
    assert_eq!(
        rx.recv_timeout(Duration::from_secs(30)).unwrap(),
        Err(ErrorKind::WouldDeadlock)
    );

    jet::shutdown().expect("shutdown");
    let left = libjet_threads_left_after(GONE);
    assert!(left.is_empty(), "{left:?}");
    assert_eq!(
        first
            .subscribe_pull(&Topic::all_events())
            .unwrap_err()
            .kind(),
        ErrorKind::Closed
    );
    drop(many);
    drop(first);

    // libjet starts again when a new session opens.
    let again = open(broker.port());
    again.subscribe_pull(&Topic::all_events()).unwrap();
    broker.publish("/junos/events/genpub/config-update", b"{}", 0);
    assert!(again.next(Duration::from_secs(30)).unwrap().is_some());
    drop(again);
    jet::shutdown().unwrap();
    let left = libjet_threads_left_after(GONE);
    assert!(left.is_empty(), "{left:?}");
}
