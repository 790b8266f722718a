//! libjet's blocking calls honour the calling thread's token: the pull wait,
//! the notification connect and the service open, each against a peer that
//! never answers.

use super::*;
use crate::notify::{NotificationSession, NotifyOptions};
use crate::service::{ServiceOptions, ServiceSession};
use crate::topic::Topic;
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

/// The upper bound of every "returned within" check (a loaded CI machine).
const RETURNS_WITHIN: Duration = Duration::from_secs(2);

/// A TCP listener that accepts connections and never answers; each accepted
/// connection is announced on the receiver (and kept open).
fn silent_listener() -> (u16, Receiver<TcpStream>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            if tx.send(stream).is_err() {
                return;
            }
        }
    });
    (port, rx)
}

/// Runs `call` on a thread with a fresh token attached; triggers the token
/// once `started` says the call reached its peer; returns the call's error
/// and how long after the trigger it returned. What `started` returns (the
/// peer's end of the connection) is kept open until the call has returned,
/// so that the call sees a silent peer, never a closed one.
fn cancel_once_started<T: Send + 'static, S>(
    call: impl FnOnce() -> Result<T> + Send + 'static,
    started: impl FnOnce() -> S,
) -> (Error, Duration) {
    let token = CancelToken::new();
    let caller = {
        let token = token.clone();
        std::thread::spawn(move || {
            let _attached = token.attach();
            let outcome = call().err();
            (outcome, Instant::now())
        })
    };
    let peer = started();
    let triggered_at = Instant::now();
    token.trigger();
    let (error, returned_at) = caller.join().unwrap();
    drop(peer);
    let error = error.expect("the call was cancelled, not successful");
    (error, returned_at.saturating_duration_since(triggered_at))
}

/// Checks that `what` failed as cancelled, soon after the trigger.
fn assert_cancelled_soon(what: &str, error: &Error, latency: Duration) {
    println!("{what} returned {latency:?} after the trigger");
    assert_eq!(error.kind(), ErrorKind::Cancelled, "{what}: {error}");
    assert!(error.message().ends_with(" cancelled"), "{what}: {error}");
    assert!(
        latency < RETURNS_WITHIN,
        "{what} returned only after {latency:?}"
    );
}

#[test]
fn next_returns_cancelled_when_triggered() {
    let session = Arc::new(NotificationSession::create(NotifyOptions::default()).unwrap());
    session.subscribe_pull(&Topic::raw("a/b").unwrap()).unwrap();
    let puller = session.clone();
    let (error, latency) = cancel_once_started(
        move || puller.next(Duration::from_secs(60)),
        // Nothing to wait for from outside: whether the trigger comes before
        // or during the wait, the call must end cancelled.
        || std::thread::sleep(Duration::from_millis(50)),
    );
    assert_cancelled_soon("next", &error, latency);
    assert_eq!(error.message(), "waiting for the next event cancelled");
    assert!(
        session.next(Duration::ZERO).unwrap().is_none(),
        "usable after"
    );
}

#[test]
fn a_notification_connect_to_a_silent_broker_is_cancelled() {
    let (port, accepted) = silent_listener();
    let options = NotifyOptions {
        port,
        connect_timeout: Duration::from_secs(60),
        ..NotifyOptions::default()
    };
    let (error, latency) = cancel_once_started(
        move || NotificationSession::open(options),
        move || accepted.recv().unwrap(),
    );
    assert_cancelled_soon("notification open", &error, latency);
}

#[test]
fn a_service_open_to_a_silent_device_is_cancelled() {
    let (port, accepted) = silent_listener();
    let options = ServiceOptions {
        port,
        tls: None,
        user: Some("user".into()),
        connect_timeout: Duration::from_secs(60),
        call_timeout: Duration::from_secs(60),
        ..ServiceOptions::default()
    };
    let (error, latency) = cancel_once_started(
        move || ServiceSession::open(options),
        move || accepted.recv().unwrap(),
    );
    assert_cancelled_soon("service open", &error, latency);
}

#[test]
fn a_pre_triggered_open_never_reaches_the_peer() {
    let (port, accepted) = silent_listener();
    let token = CancelToken::new();
    token.trigger();
    let _attached = token.attach();
    let notify = NotifyOptions {
        port,
        ..NotifyOptions::default()
    };
    let service = ServiceOptions {
        port,
        tls: None,
        ..ServiceOptions::default()
    };
    let error = NotificationSession::open(notify).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Cancelled, "{error}");
    let error = ServiceSession::open(service).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Cancelled, "{error}");
    assert!(accepted.try_recv().is_err(), "a connection was made");
}
