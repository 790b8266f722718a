//! libjet's C ABI as C programs see it: the test programs in `tests/c/`
//! (built against `include/jet.h` and the crate's `libjet.so`, run under
//! valgrind), a C++17 build of one of them (the header is C++-clean), and the
//! example `examples/c/watch.c` against a real broker.
//!
//! The C programs are compiled with `cc -std=c99 -Wall -Wextra -Werror
//! -pedantic`; `watch` goes to `<target>/examples/watch`.

use jet_testkit as support;
use jet_testkit::c as c_support;

use bytes::Bytes;
use c_support::{
    assert_passed, compile_test, describe, example_binary, run, stdout_lines, valgrind, Lang,
    Running, REPO_DIR,
};
use jet::event::Event;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant};
use support::{free_port, samples, Broker, BrokerOptions, ScratchDir};

/// How long a program under valgrind may run.
const VALGRIND_TIMEOUT: Duration = Duration::from_secs(90);
/// How long `watch` may take for what it is asked.
const WATCH_TIMEOUT: Duration = Duration::from_secs(20);

/// `examples/c/watch.c`, compiled once per test process into
/// `<target>/examples/watch`.
fn watch_binary() -> &'static Path {
    static WATCH: OnceLock<PathBuf> = OnceLock::new();
    WATCH.get_or_init(|| example_binary("watch", &[]))
}

// ---------------------------------------------------------------------------
// The C test programs
// ---------------------------------------------------------------------------

#[test]
fn abi_args_under_valgrind() {
    let dir = ScratchDir::new("c-abi-args");
    let program = compile_test("abi_args", dir.path(), Lang::C99);
    let out = run(valgrind().arg(&program), VALGRIND_TIMEOUT);
    assert_passed(&out, "abi_args under valgrind");
}

#[test]
fn header_is_cxx17_clean() {
    let dir = ScratchDir::new("c-abi-cxx");
    let program = compile_test("abi_args", dir.path(), Lang::Cxx17);
    let out = run(&mut Command::new(&program), Duration::from_secs(30));
    assert_passed(&out, "abi_args built as C++17");
}

/// Runs abi_session under valgrind and does what it asks on its stdout:
/// `PUBLISH` (every sample, in order) and `RESTART <client id>` (restart the
/// broker and wait until that client has subscribed again).
#[test]
fn abi_session_under_valgrind() {
    let dir = ScratchDir::new("c-abi-session");
    let program = compile_test("abi_session", dir.path(), Lang::C99);
    let mut broker = Broker::start(BrokerOptions::default());
    let events = Path::new(REPO_DIR).join("tests/data/events");
    let mut session = Running::start(
        valgrind()
            .arg(&program)
            .arg("--port")
            .arg(broker.port().to_string())
            .arg("--data")
            .arg(&events),
    );
    let deadline = Instant::now() + VALGRIND_TIMEOUT;
    while let Some(line) = session.next_line(deadline) {
        if line == "PUBLISH" {
            publish_samples(&broker);
        } else if let Some(client_id) = line.strip_prefix("RESTART ") {
            restart_broker(&mut broker, client_id);
        }
    }
    let out = session.finish(deadline);
    assert_passed(&out, "abi_session under valgrind");
}

fn publish_samples(broker: &Broker) {
    // QoS 1: each publish has reached the broker before the next one starts,
    // so subscribers see the samples in file order.
    for sample in samples() {
        broker.publish(&sample.topic, &sample.payload, 1);
    }
}

fn restart_broker(broker: &mut Broker, client_id: &str) {
    let suback = format!("Sending SUBACK to {client_id}\n");
    let before = broker.log().matches(&suback).count();
    broker.stop();
    broker.start_again();
    // libjet restores all its filters in one SUBSCRIBE.
    let deadline = Instant::now() + Duration::from_secs(30);
    while broker.log().matches(&suback).count() == before {
        assert!(
            Instant::now() < deadline,
            "{client_id} did not subscribe again after the broker restarted\n--- broker log ---\n{}",
            broker.log()
        );
        thread::sleep(Duration::from_millis(20));
    }
}

// ---------------------------------------------------------------------------
// examples/c/watch.c
// ---------------------------------------------------------------------------

/// The line `watch` prints for a message: `<event-id> <topic> <attributes>`,
/// or `PARSE-ERROR <topic> <bytes>`.
fn watch_line(topic: &str, payload: &[u8]) -> String {
    let event = Event::parse(topic, Bytes::copy_from_slice(payload));
    if event.is_parsed() {
        format!(
            "{} {} {}",
            event.id().unwrap_or("-"),
            topic,
            event.attributes_json()
        )
    } else {
        format!("PARSE-ERROR {topic} {}", payload.len())
    }
}

/// Starts `watch` with `args` and returns once the broker has taken each of
/// `filters` as a subscription of its client.
fn start_watch(broker: &Broker, args: &[&str], filters: &[&str]) -> Running {
    let watch = Running::start(Command::new(watch_binary()).args(args));
    // libjet's generated client ids start with "jet-<pid in hex>-"; Mosquitto
    // logs "<client id> <qos> <filter>" once it has added a subscription.
    let client = format!("jet-{:x}-", watch.pid());
    let subscribed = |log: &str, filter: &str| {
        let done = format!(" 0 {filter}");
        log.lines()
            .any(|line| line.contains(&client) && line.ends_with(&done))
    };
    let deadline = Instant::now() + WATCH_TIMEOUT;
    while !filters.iter().all(|f| subscribed(&broker.log(), f)) {
        assert!(
            Instant::now() < deadline,
            "watch did not subscribe to {filters:?}\n--- broker log ---\n{}",
            broker.log()
        );
        thread::sleep(Duration::from_millis(10));
    }
    watch
}

#[test]
fn watch_prints_every_sample() {
    let broker = Broker::start(BrokerOptions::default());
    let all = samples();
    let port = broker.port().to_string();
    let count = all.len().to_string();
    let mut watch = start_watch(
        &broker,
        &["--port", &port, "--count", &count, "/junos/events/#"],
        &["/junos/events/#"],
    );
    publish_samples(&broker);
    let out = watch.finish(Instant::now() + WATCH_TIMEOUT);
    let expected: Vec<String> = all
        .iter()
        .map(|s| watch_line(&s.topic, &s.payload))
        .collect();
    assert_eq!(
        expected
            .iter()
            .filter(|l| l.starts_with("PARSE-ERROR "))
            .count(),
        2,
        "the samples should include two invalid payloads"
    );
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(stdout_lines(&out), expected, "{}", describe(&out));
    assert!(out.stderr.is_empty(), "{}", describe(&out));
}

#[test]
fn watch_with_several_filters_stops_on_sigterm() {
    let broker = Broker::start(BrokerOptions::default());
    let port = broker.port().to_string();
    let filters = [
        "/junos/events/syslog/#",
        "/junos/events/genpub/config-update",
    ];
    let mut watch = start_watch(
        &broker,
        &[
            "--device",
            "127.0.0.1",
            "--port",
            &port,
            filters[0],
            filters[1],
        ],
        &filters,
    );
    publish_samples(&broker);
    let expected: Vec<String> = samples()
        .iter()
        .filter(|s| s.topic.starts_with("/junos/events/syslog/") || s.topic.contains("genpub"))
        .map(|s| watch_line(&s.topic, &s.payload))
        .collect();
    let deadline = Instant::now() + WATCH_TIMEOUT;
    for want in &expected {
        assert_eq!(watch.next_line(deadline).as_deref(), Some(want.as_str()));
    }
    // SAFETY: kill(2) on our own child, which has not been reaped.
    unsafe { libc::kill(watch.pid() as libc::pid_t, libc::SIGTERM) };
    let out = watch.finish(Instant::now() + WATCH_TIMEOUT);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    assert_eq!(stdout_lines(&out), expected, "{}", describe(&out));
}

#[test]
fn watch_logs_in_with_user_and_password() {
    let broker = Broker::start(BrokerOptions {
        users: vec![("lab".into(), "lab123".into())],
        ..Default::default()
    });
    let port = broker.port().to_string();
    let out = run(
        Command::new(watch_binary()).args([
            "--port",
            &port,
            "--user",
            "lab",
            "--password",
            "wrong",
        ]),
        WATCH_TIMEOUT,
    );
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("watch: ") && stderr.contains(": JET_STATUS_NOT_AUTHORIZED: "),
        "{}",
        describe(&out)
    );

    let mut watch = start_watch(
        &broker,
        &[
            "--port",
            &port,
            "--user",
            "lab",
            "--password",
            "lab123",
            "--count",
            "1",
        ],
        &["/junos/events/#"],
    );
    let sample = &samples()[0];
    broker.publish(&sample.topic, &sample.payload, 1);
    let out = watch.finish(Instant::now() + WATCH_TIMEOUT);
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(
        stdout_lines(&out),
        [watch_line(&sample.topic, &sample.payload)]
    );
}

#[test]
fn watch_reports_errors() {
    let closed = free_port().to_string();
    let started = Instant::now();
    let out = run(
        Command::new(watch_binary()).args(["--port", &closed, "--count", "1"]),
        WATCH_TIMEOUT,
    );
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert!(out.stdout.is_empty(), "{}", describe(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("watch: ") && stderr.contains(": JET_STATUS_UNREACHABLE: "),
        "{}",
        describe(&out)
    );
    assert!(started.elapsed() < Duration::from_secs(10));

    let broker = Broker::start(BrokerOptions::default());
    let port = broker.port().to_string();
    let out = run(
        Command::new(watch_binary()).args(["--port", &port, "a/#/b"]),
        WATCH_TIMEOUT,
    );
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("watch: ")
            && stderr.contains("a/#/b")
            && stderr.contains(": JET_STATUS_INVALID_ARGUMENT: "),
        "{}",
        describe(&out)
    );

    let usage_errors: [&[&str]; 10] = [
        &["--bogus"],
        &["--port"],
        &["--port", "0"],
        &["--port", "70000"],
        &["--port", "12x"],
        &["--count", "0"],
        &["--count", "-3"],
        &["--password", "secret"],
        &["--device"],
        &["--device", ""],
    ];
    for args in usage_errors {
        let out = run(Command::new(watch_binary()).args(args), WATCH_TIMEOUT);
        assert_eq!(
            out.status.code(),
            Some(2),
            "watch {args:?}\n{}",
            describe(&out)
        );
        assert!(out.stdout.is_empty(), "watch {args:?}\n{}", describe(&out));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with("watch: ") && stderr.contains("usage: watch"),
            "watch {args:?}\n{}",
            describe(&out)
        );
    }

    let out = run(Command::new(watch_binary()).arg("--help"), WATCH_TIMEOUT);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("usage: watch "),
        "{}",
        describe(&out)
    );
}
