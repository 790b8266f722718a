//! Cancellation (jet_cancel_*) as C programs see it: `tests/c/abi_cancel.c`
//! under valgrind and natively, against a peer that never answers and a jnx
//! device simulator (`jet_sim`) behind a relay the driver can freeze.
//!
//! The native run holds cancelled calls to the 100 ms the ABI promises; the
//! valgrind run, many times slower, to a second.

#[path = "c_cancel/peers.rs"]
mod peers;

use jet_testkit as support;
use jet_testkit::c as c_support;

use c_support::{assert_passed, compile_test, valgrind, Lang, Running};
use jet_sim::{Apis, GrpcServer, RunningServer};
use peers::{Relay, Silent};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use support::ScratchDir;

/// How long abi_cancel may run (under valgrind).
const RUN_TIMEOUT: Duration = Duration::from_secs(120);
/// How long the driver waits for what abi_cancel asks it to wait for.
const WAIT: Duration = Duration::from_secs(60);

/// What abi_cancel talks to.
struct Peers {
    silent: Silent,
    device: RunningServer,
    relay: Relay,
}

impl Peers {
    fn start() -> Peers {
        let device = GrpcServer::new()
            .apis(Apis::Jnx)
            .user("lab", "lab123")
            .serve()
            .expect("the device simulator starts");
        let relay = Relay::start(device.port());
        Peers {
            silent: Silent::start(),
            device,
            relay,
        }
    }

    /// The answer to `line` (see the head of abi_cancel.c), or None when it
    /// is not a question.
    fn answer(&self, line: &str) -> Option<String> {
        let ok = |done: bool| if done { "OK" } else { "TIMEOUT" }.to_string();
        let mut words = line.split(' ');
        Some(match (words.next()?, words.next()) {
            ("ACCEPTED", None) => self.silent.accepted().to_string(),
            ("WAIT-ACCEPTED", Some(count)) => {
                ok(self.silent.wait_accepted(count.parse().unwrap(), WAIT))
            }
            ("REQUESTS", None) => self.device.recorder().requests().len().to_string(),
            ("FREEZE", None) => {
                self.relay.freeze();
                "OK".into()
            }
            ("WAIT-HELD", None) => ok(self.relay.wait_held(WAIT)),
            ("THAW", None) => {
                self.relay.thaw();
                "OK".into()
            }
            _ => return None,
        })
    }
}

/// Runs abi_cancel (`program` under `wrapper`, if any), answering its
/// questions; cancelled calls must return within `within_ms`.
fn run_abi_cancel(program: &Path, wrapper: Option<Command>, within_ms: u32, what: &str) {
    let peers = Peers::start();
    let mut cmd = match wrapper {
        Some(mut wrapper) => {
            wrapper.arg(program);
            wrapper
        }
        None => Command::new(program),
    };
    cmd.arg("--silent-port")
        .arg(peers.silent.port().to_string())
        .arg("--relay-port")
        .arg(peers.relay.port().to_string())
        .arg("--within-ms")
        .arg(within_ms.to_string());
    let started = Instant::now();
    let mut session = Running::start_interactive(&mut cmd);
    let deadline = started + RUN_TIMEOUT;
    while let Some(line) = session.next_line(deadline) {
        if line.starts_with('#') {
            eprintln!("{what}: {line}");
        } else if let Some(reply) = peers.answer(&line) {
            session.answer(&reply);
        }
    }
    let out = session.finish(deadline);
    assert_passed(&out, what);
    eprintln!("{what}: {:.1} s", started.elapsed().as_secs_f64());
}

#[test]
fn abi_cancel_under_valgrind() {
    let dir = ScratchDir::new("c-abi-cancel");
    let program = compile_test("abi_cancel", dir.path(), Lang::C99);
    run_abi_cancel(
        &program,
        Some(valgrind()),
        1000,
        "abi_cancel under valgrind",
    );
}

#[test]
fn abi_cancel_within_100_ms() {
    let dir = ScratchDir::new("c-abi-cancel-native");
    let program = compile_test("abi_cancel", dir.path(), Lang::C99);
    run_abi_cancel(&program, None, 100, "abi_cancel");
}
