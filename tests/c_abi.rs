//! libjet's C ABI as C programs see it: the test programs in `tests/c/`
//! (built against `include/jet.h` and the crate's `libjet.so`, run under
//! valgrind), a C++17 build of one of them (the header is C++-clean), and the
//! example `examples/c/watch.c` against a real broker.
//!
//! The C programs are compiled with `cc -std=c99 -Wall -Wextra -Werror
//! -pedantic`; `watch` goes to `<target>/examples/watch`.

mod support;

use bytes::Bytes;
use jet::event::Event;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::OnceLock;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};
use support::{ensure_tool, free_port, run_ok, samples, Broker, BrokerOptions, ScratchDir};

const CRATE_DIR: &str = env!("CARGO_MANIFEST_DIR");

/// How long a program under valgrind may run.
const VALGRIND_TIMEOUT: Duration = Duration::from_secs(90);
/// How long `watch` may take for what it is asked.
const WATCH_TIMEOUT: Duration = Duration::from_secs(20);

// ---------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------

/// The profile directory cargo builds into (`<target>/debug`): the one
/// holding this test binary's `deps/`, else `$CARGO_TARGET_DIR/debug`, else
/// `<crate>/target/debug`.
fn profile_dir() -> PathBuf {
    // <target>/<profile>/deps/c_abi-<hash>
    let from_exe = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.to_path_buf()));
    from_exe.unwrap_or_else(|| match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir).join("debug"),
        None => Path::new(CRATE_DIR).join("target").join("debug"),
    })
}

/// The directory holding the crate's `libjet.so`. `cargo test` builds the
/// library (all its crate types) into `<profile>/deps` next to this test, and
/// only `cargo build` copies it up to `<profile>`, where it can be stale: the
/// copy in `deps` comes first.
fn lib_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let profile = profile_dir();
        let mut candidates = vec![profile.join("deps"), profile];
        if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
            candidates.push(PathBuf::from(dir).join("debug"));
        }
        candidates.push(Path::new(CRATE_DIR).join("target").join("debug"));
        candidates
            .iter()
            .find(|dir| dir.join("libjet.so").is_file())
            .cloned()
            .unwrap_or_else(|| {
                panic!(
                    "libjet.so is missing (looked in {candidates:?}): the C ABI tests need the \
                     crate's cdylib; build it with `cargo build` or run `cargo test`"
                )
            })
    })
}

fn include_dir() -> PathBuf {
    Path::new(CRATE_DIR).join("include")
}

fn c_tests_dir() -> PathBuf {
    Path::new(CRATE_DIR).join("tests").join("c")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    C99,
    Cxx17,
}

/// Compiles one C source file against jet.h and libjet.so into `output`.
fn compile(source: &Path, output: &Path, lang: Lang) {
    let compiler = match lang {
        Lang::C99 => ensure_tool("cc", "gcc"),
        Lang::Cxx17 => ensure_tool("c++", "g++"),
    };
    let lib = lib_dir();
    let mut cmd = Command::new(compiler);
    match lang {
        Lang::C99 => cmd.arg("-std=c99"),
        Lang::Cxx17 => cmd.args(["-std=c++17", "-x", "c++"]),
    };
    cmd.args(["-D_POSIX_C_SOURCE=200809L", "-g", "-O1"])
        .args(["-Wall", "-Wextra", "-Werror", "-pedantic"])
        .arg("-I")
        .arg(include_dir())
        .arg("-I")
        .arg(c_tests_dir())
        .arg(source);
    if lang == Lang::Cxx17 {
        cmd.args(["-x", "none"]);
    }
    cmd.arg("-o")
        .arg(output)
        .arg(format!("-L{}", lib.display()))
        .arg("-ljet")
        .arg(format!("-Wl,-rpath,{}", lib.display()))
        .arg("-pthread");
    run_ok(&mut cmd);
}

/// Compiles `tests/c/<name>.c` into `dir`.
fn compile_test(name: &str, dir: &ScratchDir, lang: Lang) -> PathBuf {
    let output = dir.path().join(match lang {
        Lang::C99 => name.to_string(),
        Lang::Cxx17 => format!("{name}-cxx"),
    });
    compile(&c_tests_dir().join(format!("{name}.c")), &output, lang);
    output
}

/// `examples/c/watch.c`, compiled once per test process into
/// `<target>/examples/watch`.
fn watch_binary() -> &'static Path {
    static WATCH: OnceLock<PathBuf> = OnceLock::new();
    WATCH.get_or_init(|| {
        let profile = profile_dir();
        let target = profile
            .parent()
            .expect("the profile directory has a parent");
        let dir = target.join("examples");
        std::fs::create_dir_all(&dir)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        let output = dir.join("watch");
        // Another test process may run the one in place: replace it atomically.
        let partial = dir.join(format!("watch.partial-{}", std::process::id()));
        let source = Path::new(CRATE_DIR).join("examples/c/watch.c");
        compile(&source, &partial, Lang::C99);
        std::fs::rename(&partial, &output)
            .unwrap_or_else(|e| panic!("cannot move {} into place: {e}", partial.display()));
        output
    })
}

// ---------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------

fn valgrind() -> Command {
    let mut cmd = Command::new(ensure_tool("valgrind", "valgrind"));
    cmd.args([
        "--error-exitcode=99",
        "--leak-check=full",
        "--errors-for-leak-kinds=definite",
        "--track-origins=no",
    ]);
    cmd
}

/// A child process killed (and reaped) when dropped, with its output read by
/// threads so that it never blocks on a full pipe.
struct Running {
    child: Child,
    what: String,
    lines: Receiver<String>,
    stdout: Vec<String>,
    stdout_thread: Option<JoinHandle<()>>,
    stderr_thread: Option<JoinHandle<Vec<u8>>>,
}

impl Running {
    fn start(cmd: &mut Command) -> Running {
        let what = format!("{cmd:?}");
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {what}: {e}"));
        let (tx, lines) = mpsc::channel();
        let stdout = child.stdout.take().expect("piped stdout");
        let stdout_thread = thread::spawn(move || send_lines(stdout, tx));
        let mut stderr = child.stderr.take().expect("piped stderr");
        let stderr_thread = thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = stderr.read_to_end(&mut buf);
            buf
        });
        Running {
            child,
            what,
            lines,
            stdout: Vec::new(),
            stdout_thread: Some(stdout_thread),
            stderr_thread: Some(stderr_thread),
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The next line of stdout before `deadline`; None at end of output.
    /// Panics (killing the process) on timeout.
    fn next_line(&mut self, deadline: Instant) -> Option<String> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.lines.recv_timeout(left) {
            Ok(line) => {
                self.stdout.push(line.clone());
                Some(line)
            }
            Err(RecvTimeoutError::Disconnected) => None,
            Err(RecvTimeoutError::Timeout) => {
                let _ = self.child.kill();
                let out = self.finish(Instant::now() + Duration::from_secs(5));
                panic!(
                    "{} timed out; its output so far:\n{}",
                    self.what,
                    describe(&out)
                );
            }
        }
    }

    /// Waits for the process to exit before `deadline` (killing it and
    /// panicking after) and returns everything it printed.
    fn finish(&mut self, deadline: Instant) -> Output {
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                let status = self.child.wait().expect("wait after kill");
                let out = self.collect(status);
                panic!("{} did not exit in time:\n{}", self.what, describe(&out));
            }
            thread::sleep(Duration::from_millis(10));
        };
        self.collect(status)
    }

    fn collect(&mut self, status: ExitStatus) -> Output {
        if let Some(handle) = self.stdout_thread.take() {
            let _ = handle.join();
        }
        while let Ok(line) = self.lines.try_recv() {
            self.stdout.push(line);
        }
        let stderr = self
            .stderr_thread
            .take()
            .map(|h| h.join().unwrap_or_default())
            .unwrap_or_default();
        let mut stdout = self.stdout.join("\n").into_bytes();
        if !stdout.is_empty() {
            stdout.push(b'\n');
        }
        Output {
            status,
            stdout,
            stderr,
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn send_lines(stdout: ChildStdout, tx: mpsc::Sender<String>) {
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        if tx.send(line).is_err() {
            break;
        }
    }
}

fn describe(out: &Output) -> String {
    format!(
        "status: {}\n--- stdout ---\n{}--- stderr ---\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Runs `cmd` to the end (or panics after `timeout`).
fn run(cmd: &mut Command, timeout: Duration) -> Output {
    Running::start(cmd).finish(Instant::now() + timeout)
}

/// Asserts that a C test program passed: exit 0 and a "N passed, 0 failed"
/// closing line.
fn assert_passed(out: &Output, what: &str) {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let summary = stdout.lines().rev().find(|l| l.contains(" passed, "));
    let passed = summary.is_some_and(|line| {
        line.ends_with(" passed, 0 failed")
            && line
                .split(' ')
                .next()
                .and_then(|n| n.parse::<u32>().ok())
                .is_some_and(|n| n > 0)
    });
    assert!(
        out.status.success() && passed,
        "{what} failed (exit 99 is valgrind's: see its report on stderr)\n{}",
        describe(out)
    );
    eprintln!("{what}: {}", summary.unwrap_or_default());
    // Valgrind's verdict, for `--nocapture` runs.
    for line in String::from_utf8_lossy(&out.stderr).lines() {
        if ["ERROR SUMMARY", "definitely lost", "possibly lost"]
            .iter()
            .any(|key| line.contains(key))
        {
            eprintln!("{what}: {line}");
        }
    }
}

// ---------------------------------------------------------------------------
// The C test programs
// ---------------------------------------------------------------------------

#[test]
fn abi_args_under_valgrind() {
    let dir = ScratchDir::new("c-abi-args");
    let program = compile_test("abi_args", &dir, Lang::C99);
    let out = run(valgrind().arg(&program), VALGRIND_TIMEOUT);
    assert_passed(&out, "abi_args under valgrind");
}

#[test]
fn header_is_cxx17_clean() {
    let dir = ScratchDir::new("c-abi-cxx");
    let program = compile_test("abi_args", &dir, Lang::Cxx17);
    let out = run(&mut Command::new(&program), Duration::from_secs(30));
    assert_passed(&out, "abi_args built as C++17");
}

/// Runs abi_session under valgrind and does what it asks on its stdout:
/// `PUBLISH` (every sample, in order) and `RESTART <client id>` (restart the
/// broker and wait until that client has subscribed again).
#[test]
fn abi_session_under_valgrind() {
    let dir = ScratchDir::new("c-abi-session");
    let program = compile_test("abi_session", &dir, Lang::C99);
    let mut broker = Broker::start(BrokerOptions::default());
    let events = Path::new(CRATE_DIR).join("tests/data/events");
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

fn stdout_lines(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
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
