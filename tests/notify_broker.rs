//! The notification session against a real Mosquitto broker: delivery of the
//! device's sample events, subscriptions, authentication, TLS, reconnects,
//! bounded delivery, and callbacks that unsubscribe or close.

use jet_testkit as support;

use jet::event::Event;
use jet::notify::{ConnectionState, NotificationSession, NotifyOptions, Overflow};
use jet::tls::TlsOptions;
use jet::topic::{Op, Topic};
use jet::ErrorKind;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::{Broker, BrokerOptions, TestCerts, TlsMode};

const WAIT: Duration = Duration::from_secs(10);

fn options(port: u16) -> NotifyOptions {
    NotifyOptions {
        port,
        connect_timeout: Duration::from_secs(5),
        reconnect_min: Duration::from_millis(50),
        reconnect_max: Duration::from_millis(500),
        ..Default::default()
    }
}

fn open(broker: &Broker) -> NotificationSession {
    NotificationSession::open(options(broker.port())).expect("session opens")
}

/// Subscribes with a callback that forwards every event to a channel.
fn collect(session: &NotificationSession, topic: &Topic) -> Receiver<Event> {
    let (tx, rx) = channel();
    let tx = Mutex::new(tx);
    session
        .subscribe(topic, move |event| {
            let _ = tx.lock().unwrap().send(event.clone());
        })
        .expect("subscribe");
    rx
}

fn expect_event(rx: &Receiver<Event>) -> Event {
    rx.recv_timeout(WAIT).expect("an event arrives in time")
}

fn expect_nothing(rx: &Receiver<Event>) {
    if let Ok(event) = rx.recv_timeout(Duration::from_millis(300)) {
        panic!("unexpected event on {}", event.topic());
    }
}

#[test]
fn every_sample_arrives_with_its_typed_fields() {
    let broker = Broker::start(BrokerOptions::default());
    let session = open(&broker);
    let rx = collect(&session, &Topic::all_events());
    for sample in support::samples() {
        broker.publish(&sample.topic, &sample.payload, 0);
        let event = expect_event(&rx);
        let expected = Event::parse(sample.topic.clone(), sample.payload.clone().into());
        assert_eq!(event.topic(), sample.topic);
        assert_eq!(event.raw(), &sample.payload[..], "{}", sample.file);
        assert_eq!(event.id(), expected.id());
        assert_eq!(event.parse_error(), expected.parse_error());
        assert_eq!(event.attributes_json(), expected.attributes_json());
        match sample.file.as_str() {
            "ifa-add.json" => {
                assert_eq!(event.id(), Some("KERNEL_EVENT_IFA_ADD"));
                assert_eq!(event.attr_int("subunit"), Ok(0));
                assert_eq!(event.attr_str("local-address"), Ok("192.0.2.1/32"));
            }
            "route-add.json" => assert_eq!(event.attr_array("nexthop-address").unwrap().len(), 2),
            "syslog-login.json" => {
                assert_eq!(event.process_id(), Some(13614));
                assert_eq!(event.attr_str("tty-name"), Ok("/dev/ttyp0"));
            }
            "doc-missing-comma.json" | "not-json.txt" => assert!(!event.is_parsed()),
            _ => assert!(
                event.is_parsed(),
                "{}: {:?}",
                sample.file,
                event.parse_error()
            ),
        }
    }
    let stats = session.stats();
    assert_eq!(stats.received, 12);
    assert_eq!(stats.delivered, 12);
    assert_eq!(stats.parse_errors, 2);
    assert_eq!(stats.dropped, 0);
}

#[test]
fn overlapping_subscriptions_each_get_each_event_once() {
    let broker = Broker::start(BrokerOptions::default());
    let session = open(&broker);
    let all = collect(&session, &Topic::all_events());
    let kernel = collect(&session, &Topic::all_kernel_events());
    let ifa = collect(
        &session,
        &Topic::ifa(Op::All, None, None, None, None).unwrap(),
    );
    let ifa_again = collect(
        &session,
        &Topic::ifa(Op::Add, None, None, Some("inet"), None).unwrap(),
    );
    let topic = "/junos/events/kernel/interfaces/ifa/add/xe-0/0/0.0/inet/192.0.2.1/32";
    broker.publish(
        topic,
        br#"{"jet-event":{"event-id":"KERNEL_EVENT_IFA_ADD"}}"#,
        0,
    );
    for rx in [&all, &kernel, &ifa, &ifa_again] {
        assert_eq!(expect_event(rx).topic(), topic);
        expect_nothing(rx);
    }
    broker.publish("/junos/events/syslog/UI_COMMIT", b"{}", 0);
    assert_eq!(expect_event(&all).topic(), "/junos/events/syslog/UI_COMMIT");
    expect_nothing(&kernel);
    assert_eq!(session.stats().received, 2);
}

#[test]
fn unsubscribe_stops_one_subscription_and_keeps_the_other() {
    let broker = Broker::start(BrokerOptions::default());
    let session = open(&broker);
    let topic = Topic::syslog(Some("UI_COMMIT")).unwrap();
    let first = collect(&session, &topic);
    let (tx, second) = channel();
    let tx = Mutex::new(tx);
    let id = session
        .subscribe(&topic, move |e| {
            let _ = tx.lock().unwrap().send(e.clone());
        })
        .unwrap();
    session.unsubscribe(id).unwrap();
    assert_eq!(
        session.unsubscribe(id).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    broker.publish("/junos/events/syslog/UI_COMMIT", b"{}", 0);
    expect_event(&first);
    // The sender was dropped with the callback: the channel is closed, empty.
    assert!(second.recv_timeout(Duration::from_millis(300)).is_err());
    session.unsubscribe_all().unwrap();
    broker.publish("/junos/events/syslog/UI_COMMIT", b"{}", 0);
    assert!(first.recv_timeout(Duration::from_millis(300)).is_err());
}

#[test]
fn pull_mode_returns_events_and_times_out() {
    let broker = Broker::start(BrokerOptions::default());
    let session = open(&broker);
    session
        .subscribe_pull(&Topic::firewall_filter(Op::All, None).unwrap())
        .unwrap();
    let started = Instant::now();
    assert!(session.next(Duration::from_millis(200)).unwrap().is_none());
    assert!(started.elapsed() >= Duration::from_millis(190));
    let sample = support::samples()
        .into_iter()
        .find(|s| s.file == "firewall-add.json")
        .unwrap();
    broker.publish(&sample.topic, &sample.payload, 1);
    let event = session.next(WAIT).unwrap().expect("event");
    assert_eq!(event.id(), Some("KERNEL_EVENT_FIREWALL_FILTER_ADD"));
    assert_eq!(event.attr_str("client-id"), Ok("app1"));
    session.close();
    assert_eq!(session.next(WAIT).unwrap_err().kind(), ErrorKind::Closed);
}

#[test]
fn qos1_subscriptions_receive() {
    let broker = Broker::start(BrokerOptions::default());
    let session = NotificationSession::open(NotifyOptions {
        qos: 1,
        ..options(broker.port())
    })
    .unwrap();
    let rx = collect(&session, &Topic::config_update());
    for n in 0..50 {
        broker.publish(
            "/junos/events/genpub/config-update",
            format!("{{\"n\":{n}}}").as_bytes(),
            1,
        );
    }
    for n in 0..50 {
        assert_eq!(expect_event(&rx).raw(), format!("{{\"n\":{n}}}").as_bytes());
    }
}

#[test]
fn password_is_checked() {
    let broker = Broker::start(BrokerOptions {
        users: vec![("lab".into(), "s3cret".into())],
        ..Default::default()
    });
    let good = NotifyOptions {
        user: Some("lab".into()),
        password: Some("s3cret".into()),
        ..options(broker.port())
    };
    let session = NotificationSession::open(good.clone()).expect("right password");
    let rx = collect(&session, &Topic::all_events());
    broker.publish("/junos/events/genpub/config-update", b"{}", 0);
    expect_event(&rx);

    let wrong = NotifyOptions {
        password: Some("guess".into()),
        ..good
    };
    let error = NotificationSession::open(wrong).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotAuthorized, "{error}");
    let anonymous = NotificationSession::open(options(broker.port())).unwrap_err();
    assert_eq!(anonymous.kind(), ErrorKind::NotAuthorized, "{anonymous}");
}

fn tls_options(broker: &Broker, tls: TlsOptions) -> NotifyOptions {
    NotifyOptions {
        port: broker.tls_port().expect("tls listener"),
        tls: Some(tls),
        ..options(broker.port())
    }
}

#[test]
fn tls_verifies_the_server_certificate() {
    let certs = TestCerts::generate();
    let broker = Broker::start(BrokerOptions {
        tls: Some(TlsMode::ServerOnly),
        ..Default::default()
    });
    let trusted = TlsOptions {
        ca_file: Some(certs.ca_cert.clone()),
        ..Default::default()
    };
    let session =
        NotificationSession::open(tls_options(&broker, trusted.clone())).expect("trusted CA");
    let rx = collect(&session, &Topic::all_events());
    broker.publish("/junos/events/genpub/config-update", b"{}", 0);
    expect_event(&rx);

    let untrusted = TlsOptions {
        ca_file: Some(certs.other_ca_cert.clone()),
        ..Default::default()
    };
    let error = NotificationSession::open(tls_options(&broker, untrusted)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Tls, "{error}");

    let wrong_name = TlsOptions {
        server_name: Some("wrong.example".into()),
        ..trusted.clone()
    };
    let error = NotificationSession::open(tls_options(&broker, wrong_name)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Tls, "{error}");

    let insecure = TlsOptions {
        ca_file: Some(certs.other_ca_cert.clone()),
        insecure_skip_verify: true,
        ..Default::default()
    };
    NotificationSession::open(tls_options(&broker, insecure))
        .expect("verification off accepts any certificate");
}

#[test]
fn tls_refuses_a_certificate_for_another_name() {
    let certs = TestCerts::generate();
    let broker = Broker::start(BrokerOptions {
        tls: Some(TlsMode::WrongName),
        ..Default::default()
    });
    let tls = TlsOptions {
        ca_file: Some(certs.ca_cert.clone()),
        ..Default::default()
    };
    let error = NotificationSession::open(tls_options(&broker, tls.clone())).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Tls, "{error}");
    let renamed = TlsOptions {
        server_name: Some("wrong.example".into()),
        ..tls
    };
    NotificationSession::open(tls_options(&broker, renamed))
        .expect("the server-name override is honoured");
}

#[test]
fn mutual_tls_presents_the_client_certificate() {
    let certs = TestCerts::generate();
    let broker = Broker::start(BrokerOptions {
        tls: Some(TlsMode::RequireClientCert),
        ..Default::default()
    });
    let with_cert = TlsOptions {
        ca_file: Some(certs.ca_cert.clone()),
        cert_file: Some(certs.client_cert.clone()),
        key_file: Some(certs.client_key.clone()),
        ..Default::default()
    };
    let session = NotificationSession::open(tls_options(&broker, with_cert))
        .expect("client certificate accepted");
    let rx = collect(&session, &Topic::all_events());
    broker.publish("/junos/events/genpub/config-update", b"{}", 0);
    expect_event(&rx);
    let without = TlsOptions {
        ca_file: Some(certs.ca_cert.clone()),
        ..Default::default()
    };
    assert!(NotificationSession::open(tls_options(&broker, without)).is_err());
}

#[test]
fn a_restarted_broker_is_reconnected_and_subscriptions_restored() {
    let mut broker = Broker::start(BrokerOptions::default());
    let session = open(&broker);
    let states = Arc::new(Mutex::new(Vec::new()));
    let seen = states.clone();
    session.on_state_change(Some(Box::new(move |s| seen.lock().unwrap().push(s))));
    let rx = collect(&session, &Topic::all_events());
    broker.publish("/junos/events/genpub/config-update", b"{\"n\":1}", 0);
    expect_event(&rx);

    broker.stop();
    let deadline = Instant::now() + WAIT;
    while session.state() != ConnectionState::Reconnecting && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(session.state(), ConnectionState::Reconnecting);
    // Let a few attempts fail: they must back off, not spin.
    std::thread::sleep(Duration::from_millis(700));
    broker.start_again();
    let deadline = Instant::now() + WAIT;
    while session.state() != ConnectionState::Connected && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(session.state(), ConnectionState::Connected);
    // The resubscription travels right after CONNACK; publish until it is in force.
    let deadline = Instant::now() + WAIT;
    let event = loop {
        broker.publish("/junos/events/genpub/config-update", b"{\"n\":2}", 0);
        if let Ok(event) = rx.recv_timeout(Duration::from_millis(200)) {
            break event;
        }
        assert!(Instant::now() < deadline, "no event after the restart");
    };
    assert_eq!(event.raw(), b"{\"n\":2}");
    assert_eq!(session.stats().reconnects, 1);
    let states = states.lock().unwrap().clone();
    assert_eq!(
        states,
        vec![ConnectionState::Reconnecting, ConnectionState::Connected]
    );
}

#[test]
fn a_slow_callback_costs_events_not_memory() {
    let broker = Broker::start(BrokerOptions {
        lift_limits: true,
        ..Default::default()
    });
    let session = NotificationSession::open(NotifyOptions {
        queue_capacity: 100,
        ..options(broker.port())
    })
    .unwrap();
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = calls.clone();
    session
        .subscribe(&Topic::all_events(), move |_| {
            counted.fetch_add(1, Ordering::Relaxed);
            std::thread::sleep(Duration::from_millis(2));
        })
        .unwrap();
    let payloads: Vec<Vec<u8>> = (0..3000)
        .map(|n| format!("{{\"n\":{n}}}").into_bytes())
        .collect();
    broker.publish_many("/junos/events/genpub/config-update", &payloads, 0);
    let deadline = Instant::now() + WAIT;
    while session.stats().received < 3000 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let stats = session.stats();
    assert_eq!(
        stats.received, 3000,
        "libjet keeps reading while the callback is slow"
    );
    assert!(stats.dropped > 0, "{stats:?}");
    // At most the queue plus the batch being run can wait: the rest was dropped.
    assert!(
        stats.received - stats.dropped <= 100 + 100 + calls.load(Ordering::Relaxed) as u64,
        "{stats:?}"
    );
    session.close();
    let stats = session.stats();
    assert_eq!(stats.delivered, calls.load(Ordering::Relaxed) as u64);
    assert!(stats.delivered + stats.dropped <= stats.received);
}

#[test]
fn with_overflow_wait_a_slow_callback_loses_nothing() {
    let broker = Broker::start(BrokerOptions {
        lift_limits: true,
        ..Default::default()
    });
    let session = NotificationSession::open(NotifyOptions {
        queue_capacity: 100,
        overflow: Overflow::Wait,
        qos: 1,
        ..options(broker.port())
    })
    .unwrap();
    let (tx, rx) = channel();
    let tx = Mutex::new(tx);
    session
        .subscribe(&Topic::config_update(), move |event| {
            std::thread::sleep(Duration::from_micros(300));
            let _ = tx.lock().unwrap().send(event.raw().to_vec());
        })
        .unwrap();
    let payloads: Vec<Vec<u8>> = (0..3000)
        .map(|n| format!("{{\"n\":{n}}}").into_bytes())
        .collect();
    broker.publish_many("/junos/events/genpub/config-update", &payloads, 1);
    for payload in &payloads {
        assert_eq!(
            &rx.recv_timeout(WAIT).expect("every event arrives"),
            payload
        );
    }
    let stats = session.stats();
    assert_eq!((stats.received, stats.dropped), (3000, 0), "{stats:?}");
    assert_eq!(session.state(), ConnectionState::Connected);
}

#[test]
fn a_callback_may_unsubscribe_itself_and_close_its_session() {
    let broker = Broker::start(BrokerOptions::default());
    let session = Arc::new(open(&broker));
    let calls = Arc::new(AtomicUsize::new(0));
    let id_slot = Arc::new(Mutex::new(0u64));
    let (s, c, slot) = (session.clone(), calls.clone(), id_slot.clone());
    let id = session
        .subscribe(&Topic::all_events(), move |_| {
            c.fetch_add(1, Ordering::SeqCst);
            s.unsubscribe(*slot.lock().unwrap())
                .expect("unsubscribe from inside the callback");
        })
        .unwrap();
    *id_slot.lock().unwrap() = id;
    let witness = collect(&session, &Topic::all_events());
    for _ in 0..3 {
        broker.publish("/junos/events/genpub/config-update", b"{}", 0);
        expect_event(&witness);
    }
    assert_eq!(calls.load(Ordering::SeqCst), 1);

    let closer = Arc::new(open(&broker));
    let (tx, closed) = channel();
    let inner = closer.clone();
    let tx = Mutex::new(tx);
    closer
        .subscribe(&Topic::all_events(), move |_| {
            inner.close();
            let _ = tx.lock().unwrap().send(inner.state());
        })
        .unwrap();
    broker.publish("/junos/events/genpub/config-update", b"{}", 0);
    assert_eq!(closed.recv_timeout(WAIT).unwrap(), ConnectionState::Closed);
    assert_eq!(closer.state(), ConnectionState::Closed);
}

#[test]
fn large_events_arrive_and_oversized_ones_are_dropped_without_stopping_the_stream() {
    let broker = Broker::start(BrokerOptions::default());
    let session = NotificationSession::open(NotifyOptions {
        max_packet_size: 200 * 1024,
        ..options(broker.port())
    })
    .unwrap();
    let rx = collect(&session, &Topic::all_events());
    let big = format!(
        "{{\"jet-event\":{{\"event-id\":\"BIG\",\"attributes\":{{\"blob\":\"{}\"}}}}}}",
        "x".repeat(100 * 1024)
    );
    broker.publish("/junos/events/syslog/BIG", big.as_bytes(), 0);
    let event = expect_event(&rx);
    assert_eq!(event.attr_str("blob").unwrap().len(), 100 * 1024);
    let huge = "y".repeat(300 * 1024);
    broker.publish("/junos/events/syslog/HUGE", huge.as_bytes(), 0);
    broker.publish("/junos/events/syslog/AFTER", b"not json", 0);
    let after = expect_event(&rx);
    assert_eq!(after.topic(), "/junos/events/syslog/AFTER");
    assert!(!after.is_parsed());
    let stats = session.stats();
    assert_eq!((stats.received, stats.dropped, stats.reconnects), (3, 1, 0));
}

#[test]
fn the_source_address_is_the_one_asked_for() {
    let broker = Broker::start(BrokerOptions::default());
    let session = NotificationSession::open(NotifyOptions {
        bind_address: Some("127.0.0.2".parse().unwrap()),
        client_id: Some("bind-check".into()),
        ..options(broker.port())
    })
    .unwrap();
    assert!(
        broker.wait_for_log("New client connected from 127.0.0.2", WAIT),
        "broker log:\n{}",
        broker.log()
    );
    drop(session);
    let error = NotificationSession::open(NotifyOptions {
        bind_address: Some("192.0.2.1".parse().unwrap()),
        ..options(broker.port())
    })
    .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidArgument, "{error}");
}

#[test]
fn an_unreachable_or_silent_device_fails_fast_with_its_own_error() {
    let closed_port = support::free_port();
    let started = Instant::now();
    let error = NotificationSession::open(options(closed_port)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Unreachable, "{error}");
    assert!(started.elapsed() < Duration::from_secs(2));

    // A listener that accepts and never answers: the handshake times out.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let started = Instant::now();
    let error = NotificationSession::open(NotifyOptions {
        connect_timeout: Duration::from_millis(300),
        ..options(port)
    })
    .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[test]
fn the_password_never_reaches_the_log() {
    let broker = Broker::start(BrokerOptions {
        users: vec![("lab".into(), "pw-must-not-leak".into())],
        ..Default::default()
    });
    let records = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = records.clone();
    jet::logging::set_sink(
        Some(Arc::new(move |_, target: &str, message: &str| {
            sink.lock().unwrap().push(format!("{target}: {message}"))
        })),
        jet::logging::Level::Trace,
    );
    let opts = NotifyOptions {
        user: Some("lab".into()),
        password: Some("pw-must-not-leak".into()),
        ..options(broker.port())
    };
    let session = NotificationSession::open(opts.clone()).unwrap();
    let _ = NotificationSession::open(NotifyOptions {
        password: Some("pw-must-not-leak-2".into()),
        ..opts
    });
    drop(session);
    let records = records.lock().unwrap();
    assert!(
        records.iter().any(|r| r.contains("connected")),
        "{records:?}"
    );
    assert!(
        !records.iter().any(|r| r.contains("pw-must-not-leak")),
        "{records:?}"
    );
}

#[test]
fn each_filter_is_sent_to_the_broker_once() {
    let broker = Broker::start(BrokerOptions::default());
    let session = NotificationSession::open(NotifyOptions {
        client_id: Some("subscribe-once".into()),
        ..options(broker.port())
    })
    .unwrap();
    // Subscribing at once after open races the task's resubscription of the
    // registry; the filter must still go out once.
    for topic in [Topic::all_events(), Topic::config_update()] {
        session.subscribe_pull(&topic).unwrap();
    }
    session.subscribe_pull(&Topic::all_events()).unwrap();
    broker.publish("/junos/events/genpub/config-update", b"{}", 0);
    assert!(session.next(WAIT).unwrap().is_some());
    let log = broker.log();
    let sent = |filter: &str| log.matches(&format!("\t{filter} (QoS 0)")).count();
    assert_eq!(sent("/junos/events/#"), 1, "{log}");
    assert_eq!(sent("/junos/events/genpub/config-update"), 1, "{log}");
}
