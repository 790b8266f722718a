//! Sessions made with `create` and connected later, against a real Mosquitto
//! broker: a persistent session gets the events the broker kept while it was
//! away, and the rules of an unconnected session.

use jet_testkit as support;

use jet::notify::{ConnectionState, NotificationSession, NotifyOptions};
use jet::topic::Topic;
use jet::ErrorKind;
use std::time::{Duration, Instant};
use support::{Broker, BrokerOptions};

const WAIT: Duration = Duration::from_secs(10);
const TOPIC: &str = "/junos/events/genpub/config-update";

fn persistent(port: u16, client_id: &str) -> NotifyOptions {
    NotifyOptions {
        port,
        client_id: Some(client_id.into()),
        clean_session: false,
        qos: 1,
        connect_timeout: Duration::from_secs(5),
        ..Default::default()
    }
}

#[test]
fn a_persistent_session_subscribed_before_connect_gets_what_the_broker_kept() {
    let broker = Broker::start(BrokerOptions {
        lift_limits: true,
        ..Default::default()
    });
    let options = persistent(broker.port(), "jet-create-drain");
    // The first visit makes the broker-side session and its subscription.
    let first = NotificationSession::open(options.clone()).unwrap();
    first.subscribe_pull(&Topic::config_update()).unwrap();
    first.close();

    let payloads: Vec<Vec<u8>> = (0..200)
        .map(|n| format!("{{\"n\":{n}}}").into_bytes())
        .collect();
    broker.publish_many(TOPIC, &payloads, 1);

    let session = NotificationSession::create(options).unwrap();
    assert_eq!(session.state(), ConnectionState::Idle);
    let started = Instant::now();
    session.subscribe_pull(&Topic::config_update()).unwrap();
    assert!(
        started.elapsed() < Duration::from_millis(100),
        "subscribing before connect waits for nothing"
    );
    session.connect().unwrap();
    assert_eq!(session.state(), ConnectionState::Connected);
    for payload in &payloads {
        let event = session.next(WAIT).unwrap().expect("a kept event");
        assert_eq!(event.raw(), &payload[..]);
    }
    assert_eq!(session.stats().dropped, 0);
    assert!(session.next(Duration::from_millis(200)).unwrap().is_none());
}

#[test]
fn a_session_that_never_connects_closes_at_once() {
    let broker = Broker::start(BrokerOptions::default());
    let session = NotificationSession::create(persistent(broker.port(), "jet-idle")).unwrap();
    session.subscribe(&Topic::all_events(), |_| {}).unwrap();
    let started = Instant::now();
    session.close();
    assert!(started.elapsed() < Duration::from_millis(500));
    assert_eq!(session.state(), ConnectionState::Closed);
    assert_eq!(session.connect().unwrap_err().kind(), ErrorKind::Closed);
}

#[test]
fn connect_is_once_and_a_failed_connect_closes_the_session() {
    let broker = Broker::start(BrokerOptions::default());
    let session = NotificationSession::create(NotifyOptions {
        port: broker.port(),
        ..Default::default()
    })
    .unwrap();
    session.connect().unwrap();
    let again = session.connect().unwrap_err();
    assert_eq!(again.kind(), ErrorKind::InvalidArgument, "{again}");
    assert_eq!(session.state(), ConnectionState::Connected);

    let refused = NotificationSession::create(NotifyOptions {
        port: support::free_port(),
        ..Default::default()
    })
    .unwrap();
    let error = refused.connect().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Unreachable, "{error}");
    assert_eq!(refused.state(), ConnectionState::Closed);
}
