//! libjet's service ABI as C programs see it, against the JET device
//! simulator (`jet_sim`): the test program `tests/c/abi_service.c` under
//! valgrind (and once built as C++17), and the examples
//! `examples/c/firewall.c` and `examples/c/interfaces.c`, whose command lines
//! and output lines are a contract. The examples go to `<target>/examples/`.

use jet_testkit as support;
use jet_testkit::c as c_support;

use c_support::{
    assert_passed, compile_test, describe, example_binary, run, stdout_lines, valgrind, Lang,
    Running,
};
use jet_sim::{methods, Apis, BindPoint, GrpcServer, RunningServer, TICK_BYTES, TICK_PACKETS};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use support::{free_port, ScratchDir, TestCerts};

const USER: &str = "lab";
const PASSWORD: &str = "lab123";
/// How long abi_service may run under valgrind.
const VALGRIND_TIMEOUT: Duration = Duration::from_secs(120);
/// How long an example may take.
const EXAMPLE_TIMEOUT: Duration = Duration::from_secs(20);

fn device(apis: Apis) -> RunningServer {
    GrpcServer::new()
        .apis(apis)
        .user(USER, PASSWORD)
        .serve()
        .expect("the device simulator starts")
}

fn tls_device(certs: &TestCerts) -> RunningServer {
    GrpcServer::new()
        .apis(Apis::Jnx)
        .user(USER, PASSWORD)
        .tls(&certs.server_cert, &certs.server_key)
        .serve()
        .expect("the TLS device simulator starts")
}

// ---------------------------------------------------------------------------
// abi_service
// ---------------------------------------------------------------------------

/// The devices abi_service talks to, by the names it gives them.
struct Devices {
    jnx: RunningServer,
    legacy: RunningServer,
    tls: RunningServer,
    certs: TestCerts,
}

impl Devices {
    fn start() -> Devices {
        let certs = TestCerts::generate();
        Devices {
            jnx: device(Apis::Jnx),
            legacy: device(Apis::Legacy),
            tls: tls_device(&certs),
            certs,
        }
    }

    fn named(&self, name: &str) -> &RunningServer {
        match name {
            "jnx" => &self.jnx,
            "legacy" => &self.legacy,
            "tls" => &self.tls,
            other => panic!("abi_service asked about an unknown device {other:?}"),
        }
    }

    fn all(&self) -> [(&'static str, &RunningServer); 3] {
        [
            ("jnx", &self.jnx),
            ("legacy", &self.legacy),
            ("tls", &self.tls),
        ]
    }

    fn arguments(&self) -> Vec<String> {
        vec![
            "--port".into(),
            self.jnx.port().to_string(),
            "--legacy-port".into(),
            self.legacy.port().to_string(),
            "--tls-port".into(),
            self.tls.port().to_string(),
            "--ca".into(),
            self.certs.ca_cert.display().to_string(),
            "--closed-port".into(),
            free_port().to_string(),
        ]
    }
}

/// "-" for an empty list, else the items joined with `separator`.
fn listed(items: Vec<String>, separator: &str) -> String {
    if items.is_empty() {
        "-".into()
    } else {
        items.join(separator)
    }
}

/// Answers abi_service's questions (see the head of abi_service.c) and
/// remembers what the device received where it should have received nothing.
struct Driver<'d> {
    devices: &'d Devices,
    quiet_since: HashMap<String, usize>,
    quiet_regions: usize,
    violations: Vec<String>,
}

impl<'d> Driver<'d> {
    fn new(devices: &'d Devices) -> Driver<'d> {
        Driver {
            devices,
            quiet_since: HashMap::new(),
            quiet_regions: 0,
            violations: Vec::new(),
        }
    }

    /// The answer to `line`, or None when it is not a question.
    fn answer(&mut self, line: &str) -> Option<String> {
        let mut words = line.split(' ');
        let question = words.next()?;
        if ![
            "QUIET-BEGIN",
            "QUIET-END",
            "TICK",
            "TERMS",
            "BINDS",
            "ADDRESSES",
            "POLICERS",
            "CONFIGS",
        ]
        .contains(&question)
        {
            return None;
        }
        let name = words.next().unwrap_or_default();
        let rest: Vec<&str> = words.collect();
        let server = self.devices.named(name);
        let state = server.state();
        Some(match (question, rest.as_slice()) {
            ("QUIET-BEGIN", []) => {
                self.quiet_since
                    .insert(name.to_string(), server.recorder().requests().len());
                "OK".into()
            }
            ("QUIET-END", []) => {
                let since = self
                    .quiet_since
                    .remove(name)
                    .unwrap_or_else(|| panic!("QUIET-END {name} without QUIET-BEGIN"));
                self.quiet_regions += 1;
                let sent = server.recorder().methods().split_off(since);
                if sent.is_empty() {
                    "OK".into()
                } else {
                    self.violations
                        .push(format!("{name} received {sent:?} in a quiet region"));
                    format!("SENT {}", sent.join(","))
                }
            }
            ("TICK", []) => {
                state.tick();
                format!("OK {TICK_PACKETS} {TICK_BYTES}")
            }
            ("TERMS", [filter]) => match state.filter(filter) {
                Some(found) => found
                    .terms
                    .iter()
                    .map(|t| t.name.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
                None => "-".into(),
            },
            ("BINDS", []) => {
                let binds = state
                    .binds()
                    .into_iter()
                    .map(|b| {
                        let point = match &b.point {
                            BindPoint::Interface(ifl) => ifl.clone(),
                            other => other.to_string(),
                        };
                        format!("{} {point} {}", b.filter, b.direction.name())
                    })
                    .collect();
                listed(binds, ";")
            }
            ("ADDRESSES", []) => {
                let addresses = state
                    .addresses()
                    .into_iter()
                    .map(|a| format!("{} {} {}", a.ifl(), a.family.name(), a.prefix))
                    .collect();
                listed(addresses, ";")
            }
            ("POLICERS", []) => listed(state.read(|m| m.policers.keys().cloned().collect()), ","),
            ("CONFIGS", []) => state
                .configs()
                .into_iter()
                .map(|c| c.comment.unwrap_or_else(|| "-".into()))
                .collect::<Vec<_>>()
                .join("|"),
            _ => panic!("abi_service asked {line:?}, which has the wrong arguments"),
        })
    }
}

/// Runs abi_service (`program` under `wrapper`, if any) against fresh
/// devices, answering its questions, and checks what the devices saw.
fn run_abi_service(program: &Path, wrapper: Option<Command>, what: &str) {
    let devices = Devices::start();
    let mut cmd = match wrapper {
        Some(mut wrapper) => {
            wrapper.arg(program);
            wrapper
        }
        None => Command::new(program),
    };
    cmd.args(devices.arguments());
    let started = Instant::now();
    let mut session = Running::start_interactive(&mut cmd);
    let mut driver = Driver::new(&devices);
    let deadline = started + VALGRIND_TIMEOUT;
    while let Some(line) = session.next_line(deadline) {
        if let Some(reply) = driver.answer(&line) {
            session.answer(&reply);
        }
    }
    let out = session.finish(deadline);
    assert_passed(&out, what);
    eprintln!("{what}: {:.1} s", started.elapsed().as_secs_f64());

    assert!(driver.violations.is_empty(), "{:?}", driver.violations);
    assert_eq!(
        driver.quiet_regions,
        2,
        "abi_service checks its argument errors on a jnx and a legacy session\n{}",
        describe(&out)
    );
    // The malformed filters reached no device: only the two adds of the demo
    // filter (the second refused as a duplicate) did, on each generation.
    let jnx = devices.jnx.recorder();
    let legacy = devices.legacy.recorder();
    assert_eq!(
        jnx.count(methods::jnx::FILTER_ADD),
        2,
        "{:?}",
        jnx.methods()
    );
    assert_eq!(
        legacy.count(methods::legacy::ACCESS_LIST_ADD),
        2,
        "{:?}",
        legacy.methods()
    );
    assert_eq!(jnx.count(methods::jnx::POLICER_ADD), 2);
    assert_eq!(legacy.count(methods::legacy::ACCESS_LIST_POLICER_ADD), 2);
    assert_eq!(jnx.count(methods::jnx::FILTERS_PURGE_TIMER_ADD), 1);
    // Everything the program made, it removed.
    for (name, server) in devices.all() {
        let model = server.state().snapshot();
        assert!(model.filters.is_empty(), "{name}: {:?}", model.filters);
        assert!(model.binds.is_empty(), "{name}: {:?}", model.binds);
        assert!(model.policers.is_empty(), "{name}: {:?}", model.policers);
        assert!(model.addresses.is_empty(), "{name}: {:?}", model.addresses);
    }
    assert_eq!(devices.jnx.state().configs().len(), 10);
    assert_eq!(devices.legacy.state().configs().len(), 10);
}

/// Memcheck cannot follow ring's AES-GCM assembly (the same is known of
/// OpenSSL's): the TLS records it encrypts look uninitialised when written
/// to the socket, and so does the tag it computes when a record is opened,
/// though the peer accepts every record and every tag matches. Only those
/// two places are let off: a write counts only when tokio-rustls makes it,
/// so clear-text gRPC writes stay checked, and leaks are checked everywhere.
const RING_SUPPRESSIONS: &str = "\
{
   ring-aes-gcm-ciphertext-written-by-tokio-rustls
   Memcheck:Param
   writev(vector[...])
   ...
   fun:*tokio_rustls*
}
{
   ring-aes-gcm-tag-compared-when-opening
   Memcheck:Cond
   fun:*ring*bb*verify_slices_are_equal*
   fun:*ring*aead*open_within*
}
";

#[test]
fn abi_service_under_valgrind() {
    let dir = ScratchDir::new("c-abi-service");
    let program = compile_test("abi_service", dir.path(), Lang::C99);
    let suppressions = dir.path().join("ring.supp");
    std::fs::write(&suppressions, RING_SUPPRESSIONS).expect("write the suppressions");
    let mut memcheck = valgrind();
    memcheck
        .arg(format!("--suppressions={}", suppressions.display()))
        .arg("--num-callers=40");
    run_abi_service(&program, Some(memcheck), "abi_service under valgrind");
}

#[test]
fn abi_service_built_as_cxx17() {
    let dir = ScratchDir::new("c-abi-service-cxx");
    let program = compile_test("abi_service", dir.path(), Lang::Cxx17);
    run_abi_service(&program, None, "abi_service built as C++17");
}

// ---------------------------------------------------------------------------
// examples/c/firewall.c
// ---------------------------------------------------------------------------

fn firewall_binary() -> PathBuf {
    example_binary("firewall", &["service_args.c"])
}

fn interfaces_binary() -> PathBuf {
    example_binary("interfaces", &["service_args.c"])
}

/// `--device 127.0.0.1 --port P --user lab --password PASSWORD`, then
/// `--ca FILE` or `--clear-text`, then `words`.
fn example_args(
    server: &RunningServer,
    password: &str,
    ca: Option<&Path>,
    words: &[&str],
) -> Vec<String> {
    let port = server.port().to_string();
    let mut args: Vec<String> = [
        "--device",
        "127.0.0.1",
        "--port",
        &port,
        "--user",
        USER,
        "--password",
        password,
    ]
    .map(String::from)
    .into();
    match ca {
        Some(ca) => args.extend(["--ca".to_string(), ca.display().to_string()]),
        None => args.push("--clear-text".into()),
    }
    args.extend(words.iter().map(|w| w.to_string()));
    args
}

fn run_example(binary: &Path, args: &[String]) -> Output {
    run(Command::new(binary).args(args), EXAMPLE_TIMEOUT)
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs firewall against `server` and checks every step line and that the
/// device ends as it began.
fn firewall_runs(server: &RunningServer, ca: Option<&Path>, api: &str) {
    let args = example_args(server, PASSWORD, ca, &["--interface", "ge-0/0/0.0"]);
    let out = run_example(&firewall_binary(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    assert!(out.stderr.is_empty(), "{}", describe(&out));
    let lines = stdout_lines(&out);
    assert_eq!(lines.len(), 6, "{}", describe(&out));
    let login = lines[0]
        .strip_prefix("logged in as lab (client ")
        .and_then(|rest| rest.strip_suffix(", legacy login)"));
    assert!(
        login.is_some_and(|id| !id.is_empty() && !id.contains(' ')),
        "{}",
        describe(&out)
    );
    assert_eq!(
        lines[1..],
        [
            format!("added filter jet-demo-icmp ({api} API)"),
            "bound jet-demo-icmp to ge-0/0/0.0 input".to_string(),
            "counter icmp-count: 0 packets, 0 bytes".to_string(),
            "unbound jet-demo-icmp from ge-0/0/0.0".to_string(),
            "deleted filter jet-demo-icmp".to_string(),
        ],
        "{}",
        describe(&out)
    );
    let state = server.state();
    assert!(state.filter("jet-demo-icmp").is_none());
    assert!(state.binds().is_empty());
    let bind = match api {
        "jnx" => methods::jnx::FILTER_BIND_ADD,
        _ => methods::legacy::ACCESS_LIST_BIND_ADD,
    };
    assert_eq!(server.recorder().count(bind), 1, "{api}");
}

#[test]
fn firewall_example_on_each_generation_and_over_tls() {
    firewall_runs(&device(Apis::Jnx), None, "jnx");
    firewall_runs(&device(Apis::Legacy), None, "legacy");
    let certs = TestCerts::generate();
    firewall_runs(&tls_device(&certs), Some(&certs.ca_cert), "jnx");
}

#[test]
fn firewall_example_reports_failures() {
    let server = device(Apis::Jnx);

    // A jnx device serves the legacy login but not the legacy firewall.
    let args = example_args(
        &server,
        PASSWORD,
        None,
        &["--api", "legacy", "--interface", "ge-0/0/0.0"],
    );
    let out = run_example(&firewall_binary(), &args);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let stderr = stderr_of(&out);
    assert!(
        stderr.starts_with("firewall: add filter: JET_STATUS_UNIMPLEMENTED: "),
        "{}",
        describe(&out)
    );
    assert_eq!(stdout_lines(&out).len(), 1, "{}", describe(&out));
    assert!(server.state().filter("jet-demo-icmp").is_none());

    let args = example_args(&server, "guess", None, &["--interface", "ge-0/0/0.0"]);
    let out = run_example(&firewall_binary(), &args);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let stderr = stderr_of(&out);
    assert!(
        stderr.starts_with("firewall: login: JET_STATUS_NOT_AUTHORIZED: ")
            && !stderr.contains("guess"),
        "{}",
        describe(&out)
    );
    assert!(out.stdout.is_empty(), "{}", describe(&out));

    // An interface the device does not have: the filter is removed again.
    let args = example_args(&server, PASSWORD, None, &["--interface", "ge-9/9/9.0"]);
    let out = run_example(&firewall_binary(), &args);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let stderr = stderr_of(&out);
    assert!(
        stderr.starts_with("firewall: bind filter: JET_STATUS_") && stderr.contains("ge-9/9/9"),
        "{}",
        describe(&out)
    );
    assert!(server.state().filter("jet-demo-icmp").is_none());
    assert_eq!(server.recorder().count(methods::jnx::FILTER_DELETE), 1);

    // Usage errors.
    let out = run_example(
        &firewall_binary(),
        &example_args(&server, PASSWORD, None, &[]),
    );
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    assert!(
        stderr_of(&out).starts_with("usage: firewall "),
        "{}",
        describe(&out)
    );
    let out = run_example(&firewall_binary(), &["--help".to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("usage: firewall "));
}

// ---------------------------------------------------------------------------
// examples/c/interfaces.c
// ---------------------------------------------------------------------------

/// The addresses of `server`'s device as "<ifl> <family> <prefix>".
fn addresses(server: &RunningServer) -> Vec<String> {
    server
        .state()
        .addresses()
        .into_iter()
        .map(|a| format!("{} {} {}", a.ifl(), a.family.name(), a.prefix))
        .collect()
}

fn interfaces_run(server: &RunningServer, words: &[&str]) -> Output {
    run_example(
        &interfaces_binary(),
        &example_args(server, PASSWORD, None, words),
    )
}

#[test]
fn interfaces_example_adds_and_deletes_on_each_generation() {
    for (apis, api) in [(Apis::Jnx, "jnx"), (Apis::Legacy, "legacy")] {
        let server = device(apis);
        for (family, address) in [("inet", "192.0.2.1/24"), ("inet6", "2001:db8::1/64")] {
            let on_device = format!("ge-0/0/0.0 {family} {address}");
            for (option, done, after) in [
                ("--add", "added", vec![on_device.clone()]),
                ("--delete", "deleted", vec![]),
            ] {
                let out = interfaces_run(&server, &[option, "ge-0/0/0.0", family, address]);
                assert_eq!(out.status.code(), Some(0), "{api}: {}", describe(&out));
                assert_eq!(
                    stdout_lines(&out),
                    [format!(
                        "{done} {family} {address} on ge-0/0/0.0 ({api} API)"
                    )]
                );
                assert_eq!(addresses(&server), after, "{api} {option}");
            }
        }
    }
}

#[test]
fn interfaces_example_reports_failures() {
    for (apis, refusal) in [
        (Apis::Jnx, "JET_STATUS_REFUSED"),
        (Apis::Legacy, "JET_STATUS_NOT_FOUND"),
    ] {
        let server = device(apis);
        let out = interfaces_run(&server, &["--add", "ge-9/9/9.0", "inet", "192.0.2.1/24"]);
        assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
        let stderr = stderr_of(&out);
        assert!(
            stderr.starts_with(&format!("interfaces: add address: {refusal}: "))
                && stderr.contains("interface ge-9/9/9 not found"),
            "{}",
            describe(&out)
        );
        assert!(out.stdout.is_empty(), "{}", describe(&out));

        let out = interfaces_run(&server, &["--delete", "ge-0/0/0.0", "inet", "192.0.2.1/24"]);
        assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
        assert!(
            stderr_of(&out).starts_with("interfaces: delete address: JET_STATUS_NOT_FOUND: "),
            "{}",
            describe(&out)
        );

        // Mistakes on the command line never reach the device.
        let before = server.recorder().requests().len();
        for words in [
            &["--add", "ge-0/0/0.0", "inet4", "192.0.2.1/24"][..],
            &["--add", "ge-0/0/0", "inet", "192.0.2.1/24"],
            &["--add", "ge-0/0/0.0", "inet"],
            &["--move", "ge-0/0/0.0", "inet", "192.0.2.1/24"],
        ] {
            let out = interfaces_run(&server, words);
            assert_eq!(out.status.code(), Some(2), "{words:?}: {}", describe(&out));
            assert!(out.stdout.is_empty(), "{words:?}: {}", describe(&out));
        }
        let out = interfaces_run(&server, &["--add", "ge-0/0/0.0", "inet4", "192.0.2.1/24"]);
        assert!(
            stderr_of(&out).contains("family must be inet or inet6, not 'inet4'"),
            "{}",
            describe(&out)
        );
        assert_eq!(server.recorder().requests().len(), before);
        assert!(addresses(&server).is_empty());
    }
}

// ---------------------------------------------------------------------------
// Both examples under valgrind
// ---------------------------------------------------------------------------

/// Runs an example under valgrind; asserts its exit code and that it left
/// nothing behind (jet_shutdown ran on every path out).
fn example_under_valgrind(binary: &Path, args: &[String], code: i32) -> Output {
    let out = run(valgrind().arg(binary).args(args), Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(code), "{}", describe(&out));
    assert!(
        stderr_of(&out).contains("in use at exit: 0 bytes in 0 blocks"),
        "{}",
        describe(&out)
    );
    out
}

#[test]
fn examples_end_clean_under_valgrind_on_success_and_failure() {
    let server = device(Apis::Jnx);
    let args = example_args(&server, PASSWORD, None, &["--interface", "ge-0/0/0.0"]);
    let out = example_under_valgrind(&firewall_binary(), &args, 0);
    assert_eq!(stdout_lines(&out).len(), 6, "{}", describe(&out));

    let args = example_args(&server, "guess", None, &["--interface", "ge-0/0/0.0"]);
    example_under_valgrind(&firewall_binary(), &args, 1);

    let add = ["--add", "ge-9/9/9.0", "inet", "192.0.2.1/24"];
    let args = example_args(&server, PASSWORD, None, &add);
    let out = example_under_valgrind(&interfaces_binary(), &args, 1);
    assert!(stderr_of(&out).contains("ge-9/9/9"), "{}", describe(&out));
}
