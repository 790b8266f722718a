//! libjet's threads: a fixed number however many sessions are open, and none
//! left after `shutdown`. One test, because shutdown is process-wide.

use jet_testkit as support;

use jet::notify::{NotificationSession, NotifyOptions};
use jet::topic::Topic;
use jet::ErrorKind;
use std::sync::mpsc::channel;
use std::sync::Mutex;
use std::time::Duration;
use support::{Broker, BrokerOptions};

/// Names of this process's threads that libjet started.
fn libjet_threads() -> Vec<String> {
    let mut names = Vec::new();
    for task in std::fs::read_dir("/proc/self/task").expect("procfs") {
        let comm = task.expect("task entry").path().join("comm");
        if let Ok(name) = std::fs::read_to_string(comm) {
            if name.starts_with("jet-") {
                names.push(name.trim().to_string());
            }
        }
    }
    names.sort();
    names
}

fn open(port: u16) -> NotificationSession {
    NotificationSession::open(NotifyOptions {
        port,
        ..Default::default()
    })
    .expect("session opens")
}

#[test]
fn threads_are_fixed_and_shutdown_stops_them_all() {
    let broker = Broker::start(BrokerOptions::default());
    assert!(libjet_threads().is_empty());

    let first = open(broker.port());
    first.subscribe(&Topic::all_events(), |_| {}).unwrap();
    let with_one = libjet_threads().len();
    assert!(with_one > 0);

    let many: Vec<_> = (0..50).map(|_| open(broker.port())).collect();
    for session in &many {
        session.subscribe(&Topic::all_events(), |_| {}).unwrap();
    }
    broker.publish("/junos/events/genpub/config-update", b"{}", 0);
    assert_eq!(libjet_threads().len(), with_one, "{:?}", libjet_threads());

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
        rx.recv_timeout(Duration::from_secs(10)).unwrap(),
        Err(ErrorKind::WouldDeadlock)
    );

    jet::shutdown().expect("shutdown");
    assert!(libjet_threads().is_empty(), "{:?}", libjet_threads());
    assert_eq!(
        first
            .subscribe_pull(&Topic::all_events())
            .unwrap_err()
            .kind(),
        ErrorKind::Closed
    );
    drop(many);
    drop(first);

    // libjet starts again on next use.
    let again = open(broker.port());
    again.subscribe_pull(&Topic::all_events()).unwrap();
    broker.publish("/junos/events/genpub/config-update", b"{}", 0);
    assert!(again.next(Duration::from_secs(10)).unwrap().is_some());
    drop(again);
    jet::shutdown().unwrap();
    assert!(libjet_threads().is_empty());
}
