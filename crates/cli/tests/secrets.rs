//! Secrets (issue 19, SECURITY.md): with every log record captured at the
//! most detailed level, a password given to libjet never appears in a log
//! record or an error message, in either half: notification sessions
//! (logging in, refused, reconnecting after a cut) against a Mosquitto
//! broker that checks passwords, and service sessions (logging in,
//! refused) against `jet sim` as a child process.

mod harness;

use harness::{Sim, PASSWORD, USER};
use jet::logging::{self, Level};
use jet::notify::{NotificationSession, NotifyOptions};
use jet::service::management::{Command, OutputFormat};
use jet::service::{ServiceOptions, ServiceSession};
use jet::topic::Topic;
use jet_testkit::{Broker, BrokerOptions, Proxy};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WRONG: &str = "wrong-pw-must-not-leak";

fn notify_options(port: u16, password: &str) -> NotifyOptions {
    NotifyOptions {
        port,
        user: Some(USER.into()),
        password: Some(password.into()),
        connect_timeout: Duration::from_secs(5),
        reconnect_min: Duration::from_millis(20),
        reconnect_max: Duration::from_millis(200),
        ..Default::default()
    }
}

fn service_options(port: &str, password: &str) -> ServiceOptions {
    ServiceOptions {
        port: port.parse().expect("port"),
        user: Some(USER.into()),
        password: Some(password.into()),
        tls: None,
        connect_timeout: Duration::from_secs(5),
        ..Default::default()
    }
}

#[test]
fn a_password_never_appears_in_any_log_record_or_error() {
    let records = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = records.clone();
    logging::set_sink(
        Some(Arc::new(
            move |level: Level, target: &str, message: &str| {
                sink.lock()
                    .unwrap()
                    .push(format!("{} {target}: {message}", level.name()))
            },
        )),
        Level::Trace,
    );
    let sim = Sim::start(&[]);
    let mut errors = Vec::new();

    // Notifications: log in through a proxy, get cut, log in again.
    let broker = Broker::start(BrokerOptions {
        users: vec![(USER.into(), PASSWORD.into())],
        ..Default::default()
    });
    let proxy = Proxy::start(broker.port());
    let session = NotificationSession::open(notify_options(proxy.port(), PASSWORD))
        .expect("notification login");
    session
        .subscribe_pull(&Topic::all_events())
        .expect("subscribe");
    proxy.cut();
    let deadline = Instant::now() + Duration::from_secs(30);
    while session.stats().reconnects == 0 {
        assert!(Instant::now() < deadline, "no reconnect after the cut");
        std::thread::sleep(Duration::from_millis(10));
    }
    session.close();
    let refused = NotificationSession::open(notify_options(proxy.port(), WRONG));
    errors.push(
        refused
            .expect_err("a wrong MQTT password is refused")
            .to_string(),
    );

    // Services: log in, call, and a refused login.
    let service = ServiceSession::open(service_options(&sim.grpc, PASSWORD)).expect("login");
    service
        .management()
        .run(&Command::Cli("show version".into()), OutputFormat::Text)
        .expect("a call");
    service.close();
    let refused = ServiceSession::open(service_options(&sim.grpc, WRONG));
    errors.push(
        refused
            .expect_err("a wrong gRPC password is refused")
            .to_string(),
    );
    logging::set_sink(None, Level::Warn);

    let records = records.lock().unwrap();
    println!("{} log records, errors: {errors:?}", records.len());
    // The log is not empty: logins, the cut and the refusals are in it.
    assert!(
        records.iter().any(|r| r.contains("connection lost")),
        "{records:#?}"
    );
    for secret in [PASSWORD, WRONG] {
        let leaks: Vec<&String> = records
            .iter()
            .chain(errors.iter())
            .filter(|r| r.contains(secret))
            .collect();
        assert!(leaks.is_empty(), "{secret} leaked: {leaks:#?}");
    }
}
