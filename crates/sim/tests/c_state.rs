//! JET state across a reconnect as C programs see it: `tests/c/abi_state.c`
//! under valgrind, on each IDL generation, against the device simulator
//! behind a proxy this driver cuts when the program asks (and whose
//! interface address it deletes, as a reboot would).

use jet_sim::{Address, AddressFamily, Apis, Change, GrpcServer, RunningServer};
use jet_testkit::c::{assert_passed, compile_test, valgrind, Lang, Running};
use jet_testkit::{Proxy, ScratchDir};
use std::time::{Duration, Instant};

/// How long abi_state may run under valgrind.
const RUN_TIMEOUT: Duration = Duration::from_secs(180);
/// How long the driver waits for the device to see what it asks about.
const WAIT: Duration = Duration::from_secs(60);
const FILTER: &str = "jet-demo-icmp";
const POLICER: &str = "jet-demo-1m";

/// The address abi_state adds, as the device holds it.
fn address() -> Address {
    Address {
        ifd: "ge-0/0/1".into(),
        unit: 0,
        family: AddressFamily::Inet,
        prefix: "192.0.2.1/24".into(),
    }
}

fn wait_until(condition: impl Fn() -> bool) -> bool {
    let started = Instant::now();
    while !condition() {
        if started.elapsed() > WAIT {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    true
}

fn ok(done: bool) -> String {
    if done { "OK" } else { "NO" }.to_string()
}

/// The answer to one of abi_state's questions.
fn answer(server: &RunningServer, proxy: &Proxy, question: &str) -> Option<String> {
    let state = server.state();
    let bound =
        || state.filter(FILTER).is_some() && state.binds().iter().any(|b| b.filter == FILTER);
    let has_address = || state.addresses().contains(&address());
    Some(match question {
        "CUT-AND-PURGE" => {
            state.apply(Change::PurgeTimerSet { seconds: 1 }).unwrap();
            proxy.cut();
            let purged = wait_until(|| {
                state.logins().is_empty()
                    && state.filter(FILTER).is_none()
                    && state.policer(POLICER).is_none()
            });
            ok(purged && state.apply(Change::AddressDelete(address())).is_ok())
        }
        "RESTORED" => ok(state.policer(POLICER).is_some() && bound() && has_address()),
        _ => return None,
    })
}

fn run_abi_state(apis: Apis, api: &str) {
    let dir = ScratchDir::new("c-abi-state");
    let program = compile_test("abi_state", dir.path(), Lang::C99);
    let server = GrpcServer::new()
        .apis(apis)
        .user("lab", "lab123")
        .serve()
        .expect("the device simulator starts");
    let proxy = Proxy::start(server.port());
    let mut cmd = valgrind();
    cmd.arg(&program)
        .args(["--port", &proxy.port().to_string(), "--api", api]);
    let what = format!("abi_state ({api}) under valgrind");
    let deadline = Instant::now() + RUN_TIMEOUT;
    let mut session = Running::start_interactive(&mut cmd);
    while let Some(line) = session.next_line(deadline) {
        if let Some(reply) = answer(&server, &proxy, &line) {
            session.answer(&reply);
        }
    }
    let out = session.finish(deadline);
    assert_passed(&out, &what);
}

#[test]
fn abi_state_reapplies_after_a_reconnect_on_jnx() {
    run_abi_state(Apis::Jnx, "jnx");
}

#[test]
fn abi_state_reapplies_after_a_reconnect_on_legacy() {
    run_abi_state(Apis::Legacy, "legacy");
}
