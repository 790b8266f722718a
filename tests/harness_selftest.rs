//! Proves the integration-test harness (tests/support) works with real
//! processes: a real broker, real mosquitto clients, real certificates.

use jet_testkit as support;

use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use support::{Broker, BrokerOptions, SubOutput, TestCerts, TlsMode};

fn s(text: impl AsRef<str>) -> String {
    text.as_ref().to_string()
}

fn p(path: &Path) -> String {
    path.to_str().unwrap().to_string()
}

/// Connection arguments for the TLS port, built by hand for negative cases.
fn tls_args(broker: &Broker, more: &[String]) -> Vec<String> {
    let mut args = vec![
        s("-h"),
        s("127.0.0.1"),
        s("-p"),
        broker.tls_port().unwrap().to_string(),
    ];
    args.extend_from_slice(more);
    args
}

fn assert_received(out: &SubOutput, expected: &[(&str, &[u8])]) {
    assert!(
        out.status.success(),
        "mosquitto_sub failed ({}): {}",
        out.status,
        out.stderr
    );
    let got: Vec<(&str, &[u8])> = out
        .messages
        .iter()
        .map(|(t, p)| (t.as_str(), p.as_slice()))
        .collect();
    assert_eq!(got, expected);
}

fn assert_refused(out: &SubOutput, stderr_says: &str) {
    assert!(!out.status.success(), "expected a refusal, got {out:?}");
    assert!(
        out.messages.is_empty(),
        "a refused client received {:?}",
        out.messages
    );
    assert!(
        out.stderr.contains(stderr_says),
        "expected {stderr_says:?} in {:?}",
        out.stderr
    );
}

fn accepts(port: u16) -> bool {
    TcpStream::connect_timeout(
        &SocketAddr::from(([127, 0, 0, 1], port)),
        Duration::from_millis(300),
    )
    .is_ok()
}

#[test]
fn plain_broker_delivers_a_published_message() {
    let broker = Broker::start(BrokerOptions::default());
    let sub = broker.subscribe(&broker.conn_args(), "selftest/plain", 1);
    broker.publish("selftest/plain", b"hello \x00\xff binary", 1);
    assert_received(
        &sub.finish(),
        &[("selftest/plain", b"hello \x00\xff binary")],
    );
    assert!(
        broker.log().contains("Sending SUBACK to"),
        "the log is readable"
    );
}

#[test]
fn password_right_is_accepted_and_wrong_or_missing_is_refused() {
    let broker = Broker::start(BrokerOptions {
        users: vec![(s("alice"), s("s3cret")), (s("bob"), s("hunter2"))],
        ..Default::default()
    });
    let port = broker.port().to_string();
    let as_alice = broker.subscribe(&broker.conn_args(), "selftest/auth", 1);
    let bob_args = [
        s("-h"),
        s("127.0.0.1"),
        s("-p"),
        port.clone(),
        s("-u"),
        s("bob"),
        s("-P"),
        s("hunter2"),
    ];
    let as_bob = broker.subscribe(&bob_args, "selftest/auth", 1);
    let wrong_args = [
        s("-h"),
        s("127.0.0.1"),
        s("-p"),
        port.clone(),
        s("-u"),
        s("alice"),
        s("-P"),
        s("wrong"),
    ];
    let wrong = broker.subscribe(&wrong_args, "selftest/auth", 1);
    let anonymous = broker.subscribe(
        &[s("-h"), s("127.0.0.1"), s("-p"), port],
        "selftest/auth",
        1,
    );

    broker.publish("selftest/auth", b"for users only", 0); // logs in as alice
    assert_received(&as_alice.finish(), &[("selftest/auth", b"for users only")]);
    assert_received(&as_bob.finish(), &[("selftest/auth", b"for users only")]);
    assert_refused(&wrong.finish(), "not authorised");
    assert_refused(&anonymous.finish(), "not authorised");
}

#[test]
fn tls_with_the_ca_works_and_with_another_ca_fails() {
    let broker = Broker::start(BrokerOptions {
        tls: Some(TlsMode::ServerOnly),
        ..Default::default()
    });
    let certs = TestCerts::generate();
    assert_ne!(broker.tls_port(), Some(broker.port()));

    let trusted = broker.subscribe(&broker.tls_conn_args(), "selftest/tls", 1);
    let untrusted = broker.subscribe(
        &tls_args(&broker, &[s("--cafile"), p(&certs.other_ca_cert)]),
        "selftest/tls",
        1,
    );
    broker.publish("selftest/tls", b"over tls", 1);
    assert_received(&trusted.finish(), &[("selftest/tls", b"over tls")]);
    assert_refused(&untrusted.finish(), "TLS");
}

#[test]
fn tls_server_name_is_verified() {
    let broker = Broker::start(BrokerOptions {
        tls: Some(TlsMode::WrongName),
        ..Default::default()
    });
    let certs = TestCerts::generate();
    let ca = [s("--cafile"), p(&certs.ca_cert)];
    let verified = broker.subscribe(&tls_args(&broker, &ca), "selftest/name", 1);
    // Same chain without the name check: connects, so the name was the only problem.
    let no_name_check = broker.subscribe(
        &tls_args(&broker, &[ca[0].clone(), ca[1].clone(), s("--insecure")]),
        "selftest/name",
        1,
    );
    broker.publish("selftest/name", b"x", 0);
    assert_refused(&verified.finish(), "TLS");
    assert_received(&no_name_check.finish(), &[("selftest/name", b"x")]);
}

#[test]
fn tls_client_certificate_is_required_when_asked() {
    let broker = Broker::start(BrokerOptions {
        tls: Some(TlsMode::RequireClientCert),
        ..Default::default()
    });
    let certs = TestCerts::generate();
    let ca = [s("--cafile"), p(&certs.ca_cert)];
    let with_cert = broker.subscribe(&broker.tls_conn_args(), "selftest/mtls", 1);
    let without_cert = broker.subscribe(&tls_args(&broker, &ca), "selftest/mtls", 1);
    let mut other_ca_args = ca.to_vec();
    other_ca_args.extend([
        s("--cert"),
        p(&certs.untrusted_client_cert),
        s("--key"),
        p(&certs.untrusted_client_key),
    ]);
    let untrusted_cert = broker.subscribe(&tls_args(&broker, &other_ca_args), "selftest/mtls", 1);
    broker.publish("selftest/mtls", b"mutual", 1);
    assert_received(&with_cert.finish(), &[("selftest/mtls", b"mutual")]);
    let without = without_cert.finish();
    assert!(
        !without.status.success() && without.messages.is_empty(),
        "{without:?}"
    );
    let untrusted = untrusted_cert.finish();
    assert!(
        !untrusted.status.success() && untrusted.messages.is_empty(),
        "{untrusted:?}"
    );
    // The client only sees "Protocol error"; the broker says why.
    let log = broker.log();
    assert!(log.contains("peer did not return a certificate"), "{log}");
    assert!(log.contains("certificate verify failed"), "{log}");
}

/// Sockets on 127.0.0.1:`port` in TIME_WAIT (from /proc/net/tcp).
fn time_wait_on(port: u16) -> usize {
    let local = format!("0100007F:{port:04X}");
    std::fs::read_to_string("/proc/net/tcp")
        .unwrap_or_default()
        .lines()
        .filter(|line| {
            let cols: Vec<&str> = line.split_whitespace().collect();
            cols.len() > 3 && cols[1] == local && cols[3] == "06"
        })
        .count()
}

#[test]
fn stop_and_start_again_keep_the_port_and_drop_kills() {
    let mut broker = Broker::start(BrokerOptions::default());
    let port = broker.port();
    let first_pid = broker.pid().unwrap();
    // A client still connected at stop makes the broker close first, leaving
    // its side of the connection in TIME_WAIT on `port`.
    let held = broker.subscribe(&broker.conn_args(), "selftest/held", 1);

    let started = Instant::now();
    broker.stop();
    let stop_took = started.elapsed();
    assert!(broker.pid().is_none());
    assert!(!accepts(port), "a stopped broker still accepts on {port}");
    assert!(
        !Path::new(&format!("/proc/{first_pid}")).exists(),
        "mosquitto {first_pid} is still there"
    );
    drop(held);
    let time_wait = time_wait_on(port);

    let started = Instant::now();
    broker.start_again();
    let restart_took = started.elapsed();
    assert_eq!(broker.port(), port);
    assert_ne!(broker.pid(), Some(first_pid));
    let sub = broker.subscribe(&broker.conn_args(), "selftest/restart", 1);
    broker.publish("selftest/restart", b"back", 0);
    assert_received(&sub.finish(), &[("selftest/restart", b"back")]);
    eprintln!(
        "stop took {stop_took:?}; start_again took {restart_took:?} with {time_wait} TIME_WAIT socket(s) on the port"
    );

    // While someone else holds the port, start_again waits for it.
    broker.stop();
    let squatter = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        drop(squatter);
    });
    let started = Instant::now();
    broker.start_again();
    assert!(started.elapsed() >= Duration::from_millis(250));
    release.join().unwrap();
    assert!(broker.log().contains("Address already in use"));
    assert!(accepts(port));

    let last_pid = broker.pid().unwrap();
    drop(broker);
    assert!(
        !Path::new(&format!("/proc/{last_pid}")).exists(),
        "drop left mosquitto {last_pid} running"
    );
    assert!(!accepts(port));
}

#[test]
fn persistence_keeps_an_offline_session_across_a_restart() {
    let mut broker = Broker::start(BrokerOptions {
        persistence: true,
        ..Default::default()
    });
    let id = format!("selftest-persist-{}", std::process::id());
    // Create a persistent session (-c) with a QoS 1 subscription, then leave (-E).
    let mut session = broker.conn_args();
    session.extend([s("-i"), id.clone(), s("-c"), s("-q"), s("1")]);
    let mut create = session.clone();
    create.push(s("-E"));
    let created = broker.subscribe(&create, "selftest/persist", 1).finish();
    assert!(created.status.success(), "{created:?}");

    broker.publish("selftest/persist", b"kept while offline", 1);
    broker.stop();
    assert!(
        broker.dir().join("mosquitto.db").exists(),
        "{}",
        broker.log()
    );
    broker.start_again();
    let resumed = broker.subscribe(&session, "selftest/persist", 1);
    assert_received(
        &resumed.finish(),
        &[("selftest/persist", b"kept while offline")],
    );
}

#[test]
fn publish_many_delivers_a_thousand_messages_in_order() {
    let broker = Broker::start(BrokerOptions {
        lift_limits: true,
        ..Default::default()
    });
    let payloads: Vec<Vec<u8>> = (0..1000)
        .map(|i| format!("message {i:04} {}", "x".repeat(100)).into_bytes())
        .collect();
    let mut args = broker.conn_args();
    args.extend([s("-q"), s("1")]);
    let sub = broker.subscribe(&args, "selftest/many", payloads.len());
    let started = Instant::now();
    broker.publish_many("selftest/many", &payloads, 1);
    let publish_took = started.elapsed();
    let out = sub.finish();
    assert!(out.status.success(), "{}", out.stderr);
    assert!(
        out.payloads() == payloads,
        "got {} messages, not the 1000 sent in order",
        out.messages.len()
    );
    eprintln!(
        "publish_many of 1000 QoS 1 messages took {publish_took:?}, delivery {:?}",
        started.elapsed()
    );
    assert!(
        publish_took < Duration::from_secs(3),
        "publish_many is too slow: {publish_took:?}"
    );
}

#[test]
fn samples_are_the_twelve_listed_and_travel_unchanged() {
    let samples = support::samples();
    assert_eq!(samples.len(), 12);
    for sample in &samples {
        assert!(sample.topic.starts_with("/junos/events/"), "{sample:?}");
        assert!(!sample.payload.is_empty(), "{sample:?}");
    }
    assert_eq!(samples[0].file, "ifd-add.json");
    assert_eq!(
        samples[0].topic,
        "/junos/events/kernel/interfaces/ifd/add/ge-0/0/0"
    );
    assert_eq!(
        samples[0].payload,
        std::fs::read(support::data_dir().join("events/ifd-add.json")).unwrap()
    );

    // Payloads end in '\n', so publish_many takes its one-process-per-message path.
    let broker = Broker::start(BrokerOptions::default());
    let mut args = broker.conn_args();
    args.extend([s("-q"), s("1")]);
    let sub = broker.subscribe(&args, "/junos/events/#", samples.len());
    for sample in &samples {
        broker.publish_many(&sample.topic, std::slice::from_ref(&sample.payload), 1);
    }
    let out = sub.finish();
    let expected: Vec<(&str, &[u8])> = samples
        .iter()
        .map(|s| (s.topic.as_str(), s.payload.as_slice()))
        .collect();
    assert_received(&out, &expected);
}

#[test]
fn small_helpers_work() {
    let a = support::free_port();
    let b = support::free_port();
    assert_ne!(a, b);
    let d1 = support::scratch_dir("x y");
    let d2 = support::scratch_dir("x y");
    assert_ne!(d1, d2);
    assert!(d1.is_dir() && d2.is_dir());
    let _ = std::fs::remove_dir_all(d1);
    let _ = std::fs::remove_dir_all(d2);
    {
        let owned = support::ScratchDir::new("owned");
        let kept = owned.path().to_path_buf();
        assert!(kept.is_dir());
        drop(owned);
        assert!(!kept.exists());
    }
    let openssl = support::ensure_tool("openssl", "openssl");
    assert!(openssl.is_absolute());
    assert!(Command::new(openssl)
        .arg("version")
        .output()
        .unwrap()
        .status
        .success());
    assert!(support::ensure_tool("mosquitto", "mosquitto").ends_with("mosquitto"));
}
