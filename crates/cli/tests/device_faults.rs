//! A gRPC device that freezes and dies (issue 19, SECURITY.md): `jet sim`
//! as a child process, stopped with SIGSTOP and killed with SIGKILL while a
//! call waits. Every call returns by its deadline with a timeout or an
//! unreachable device; after the device restarts on the same port, the
//! same session's next call works.

mod harness;

use harness::{Sim, PASSWORD, USER};
use jet::service::management::{Command, OutputFormat};
use jet::service::{ServiceOptions, ServiceSession};
use jet::ErrorKind;
use std::time::{Duration, Instant};

const CALL_TIMEOUT: Duration = Duration::from_secs(2);
/// How late past its deadline a call may return on a loaded machine.
const LATE: Duration = Duration::from_millis(1500);

fn session(grpc_port: &str) -> ServiceSession {
    ServiceSession::open(ServiceOptions {
        port: grpc_port.parse().expect("port"),
        user: Some(USER.into()),
        password: Some(PASSWORD.into()),
        tls: None,
        connect_timeout: Duration::from_secs(5),
        call_timeout: CALL_TIMEOUT,
        ..Default::default()
    })
    .expect("session opens")
}

fn show_version(session: &ServiceSession) -> (jet::Result<String>, Duration) {
    let started = Instant::now();
    let result = session
        .management()
        .run(&Command::Cli("show version".into()), OutputFormat::Text);
    (result, started.elapsed())
}

/// Asserts that a call failed with one of `kinds` by its deadline.
fn failed_in_time(outcome: (jet::Result<String>, Duration), kinds: &[ErrorKind], what: &str) {
    let (result, took) = outcome;
    let error = result.expect_err(what);
    println!(
        "{what}: {:?} after {} ms: {error}",
        error.kind(),
        took.as_millis()
    );
    assert!(kinds.contains(&error.kind()), "{what}: {error:?}");
    assert!(took <= CALL_TIMEOUT + LATE, "{what} took {took:?}");
}

/// Waits until every thread of `pid` is stopped (kill(2) returns before).
fn wait_stopped(pid: u32) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let tasks = format!("/proc/{pid}/task");
    loop {
        let stopped = std::fs::read_dir(&tasks)
            .expect("the device's threads")
            .filter_map(|task| std::fs::read_to_string(task.ok()?.path().join("stat")).ok())
            // The state follows the command name's closing parenthesis.
            .all(|stat| {
                stat.rsplit_once(") ")
                    .is_some_and(|(_, rest)| rest.starts_with('T'))
            });
        if stopped {
            return;
        }
        assert!(Instant::now() < deadline, "{pid} did not stop");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_frozen_then_killed_device_keeps_every_deadline_and_the_next_call_works_after_restart() {
    let sim = Sim::start(&[]);
    let port = sim.grpc.clone();
    let session = session(&port);
    show_version(&session)
        .0
        .expect("a call to a running device");

    sim.process.signal(libc::SIGSTOP);
    wait_stopped(sim.process.pid());
    for n in 1..=3 {
        let outcome = show_version(&session);
        assert!(
            outcome.1 >= CALL_TIMEOUT - Duration::from_millis(50),
            "{n}: {outcome:?}"
        );
        failed_in_time(outcome, &[ErrorKind::Timeout], &format!("frozen call {n}"));
    }

    // Killed while a call waits on it (still frozen, so the call is in flight).
    let mut sim = sim;
    let outcome = std::thread::scope(|s| {
        let call = s.spawn(|| show_version(&session));
        std::thread::sleep(Duration::from_millis(500));
        sim.process.signal(libc::SIGKILL);
        call.join().expect("the call's thread")
    });
    sim.process.wait_exit(Duration::from_secs(5));
    failed_in_time(
        outcome,
        &[ErrorKind::Timeout, ErrorKind::Unreachable],
        "call during the kill",
    );
    failed_in_time(
        show_version(&session),
        &[ErrorKind::Unreachable, ErrorKind::Timeout],
        "call to the dead device",
    );

    let _restarted = Sim::start_on(&port, &[]);
    let (result, took) = show_version(&session);
    println!("first call after the restart: {} ms", took.as_millis());
    result.expect("the first call after the restart works");
}
