//! What the drivers of libjet's C programs share (`tests/c_abi.rs`,
//! `crates/sim/tests/c_services.rs`): finding `libjet.so`, compiling C sources against
//! `include/jet.h` (as C99 or C++17, `-Wall -Wextra -Werror -pedantic`),
//! building the examples into `<target>/examples/`, running programs (under
//! valgrind) with their output read by threads, and judging a test program's
//! closing `N passed, N failed` line.
//!
//! Each driver does `use jet_testkit::c as c_support;` and uses what it needs.
#![allow(dead_code)]

use crate::{ensure_tool, run_ok};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Mutex, OnceLock};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// The repository root: the `libjet` crate, its `include/`, `examples/` and `tests/`.
pub const REPO_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

// ---------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------

/// The profile directory cargo builds into (`<target>/debug`): the one
/// holding this test binary's `deps/`, else `$CARGO_TARGET_DIR/debug`, else
/// `<crate>/target/debug`.
pub fn profile_dir() -> PathBuf {
    // <target>/<profile>/deps/<test>-<hash>
    let from_exe = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.to_path_buf()));
    from_exe.unwrap_or_else(|| match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir).join("debug"),
        None => Path::new(REPO_DIR).join("target").join("debug"),
    })
}

/// The directory holding the crate's `libjet.so`. `cargo test` builds the
/// library (all its crate types) into `<profile>/deps` next to this test, and
/// only `cargo build` copies it up to `<profile>`, where it can be stale: the
/// copy in `deps` comes first.
pub fn lib_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let profile = profile_dir();
        let mut candidates = vec![profile.join("deps"), profile];
        if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
            candidates.push(PathBuf::from(dir).join("debug"));
        }
        candidates.push(Path::new(REPO_DIR).join("target").join("debug"));
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

pub fn include_dir() -> PathBuf {
    Path::new(REPO_DIR).join("include")
}

pub fn c_tests_dir() -> PathBuf {
    Path::new(REPO_DIR).join("tests").join("c")
}

pub fn c_examples_dir() -> PathBuf {
    Path::new(REPO_DIR).join("examples").join("c")
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    C99,
    Cxx17,
}

/// Compiles C source files against jet.h and libjet.so into `output`.
pub fn compile(sources: &[PathBuf], output: &Path, lang: Lang) {
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
    if let Some(list) = sanitizers() {
        cmd.arg(format!("-fsanitize={list}"))
            .args(["-fno-sanitize-recover=all", "-fno-omit-frame-pointer"]);
    }
    cmd.args(["-D_POSIX_C_SOURCE=200809L", "-g", "-O1"])
        .args(["-Wall", "-Wextra", "-Werror", "-pedantic"])
        .arg("-I")
        .arg(include_dir())
        .arg("-I")
        .arg(c_tests_dir())
        .args(sources);
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
pub fn compile_test(name: &str, dir: &Path, lang: Lang) -> PathBuf {
    let output = dir.join(match lang {
        Lang::C99 => name.to_string(),
        Lang::Cxx17 => format!("{name}-cxx"),
    });
    compile(&[c_tests_dir().join(format!("{name}.c"))], &output, lang);
    output
}

/// `examples/c/<name>.c` with the other `examples/c/` files in `with`,
/// compiled once per test process into `<target>/examples/<name>`.
pub fn example_binary(name: &str, with: &[&str]) -> PathBuf {
    static BUILT: OnceLock<Mutex<HashMap<String, PathBuf>>> = OnceLock::new();
    let mut built = BUILT
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(path) = built.get(name) {
        return path.clone();
    }
    let profile = profile_dir();
    let target = profile
        .parent()
        .expect("the profile directory has a parent");
    let dir = target.join("examples");
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    let output = dir.join(name);
    // Another test process may run the one in place: replace it atomically.
    let partial = dir.join(format!("{name}.partial-{}", std::process::id()));
    let sources: Vec<PathBuf> = std::iter::once(format!("{name}.c"))
        .chain(with.iter().map(|file| file.to_string()))
        .map(|file| c_examples_dir().join(file))
        .collect();
    compile(&sources, &partial, Lang::C99);
    std::fs::rename(&partial, &output)
        .unwrap_or_else(|e| panic!("cannot move {} into place: {e}", partial.display()));
    built.insert(name.to_string(), output.clone());
    output
}

// ---------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------

/// The sanitizers the C programs are built with, from the environment
/// variable `JET_C_SANITIZERS` (e.g. `address,undefined`, as
/// `scripts/sanitizers` sets it); `None` for the usual build run under
/// valgrind.
pub fn sanitizers() -> Option<String> {
    std::env::var("JET_C_SANITIZERS")
        .ok()
        .filter(|list| !list.is_empty())
}

/// What runs a C test program with memory checking: valgrind's memcheck, or,
/// in a sanitizer build ([`sanitizers`]), the program itself (ASan cannot
/// run under valgrind) with the sanitizers' options: every error exits 99,
/// and LeakSanitizer reads `tests/c/lsan.supp`. Valgrind options added
/// after this are dropped in a sanitizer build.
pub fn valgrind() -> Command {
    if sanitizers().is_some() {
        let suppressions = c_tests_dir().join("lsan.supp");
        // Valgrind options a driver adds (`--suppressions=…`) come before
        // the program: the shell drops them.
        let mut cmd = Command::new("sh");
        cmd.args([
            "-c",
            r#"while [ "${1#--}" != "$1" ]; do shift; done; exec "$@""#,
            "sanitized",
        ]);
        cmd.env(
            "ASAN_OPTIONS",
            "exitcode=99:detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=1",
        )
        .env(
            "UBSAN_OPTIONS",
            "exitcode=99:halt_on_error=1:print_stacktrace=1",
        )
        .env(
            "LSAN_OPTIONS",
            format!("exitcode=99:suppressions={}", suppressions.display()),
        );
        return cmd;
    }
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
pub struct Running {
    child: Child,
    what: String,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    stdout: Vec<String>,
    stdout_thread: Option<JoinHandle<()>>,
    stderr_thread: Option<JoinHandle<Vec<u8>>>,
}

impl Running {
    /// Starts `cmd` with no standard input.
    pub fn start(cmd: &mut Command) -> Running {
        Running::spawn(cmd, Stdio::null())
    }

    /// Starts `cmd` with a pipe as standard input, for [`Running::answer`].
    pub fn start_interactive(cmd: &mut Command) -> Running {
        Running::spawn(cmd, Stdio::piped())
    }

    fn spawn(cmd: &mut Command, stdin: Stdio) -> Running {
        let what = format!("{cmd:?}");
        let mut child = cmd
            .stdin(stdin)
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
            stdin: child.stdin.take(),
            child,
            what,
            lines,
            stdout: Vec::new(),
            stdout_thread: Some(stdout_thread),
            stderr_thread: Some(stderr_thread),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Writes `line` and a newline to the process's standard input (started
    /// with [`Running::start_interactive`]). A process that has stopped
    /// reading is left alone: [`Running::finish`] tells how it ended.
    pub fn answer(&mut self, line: &str) {
        let stdin = self
            .stdin
            .as_mut()
            .unwrap_or_else(|| panic!("{} has no standard input to write to", self.what));
        let written = stdin
            .write_all(format!("{line}\n").as_bytes())
            .and_then(|()| stdin.flush());
        if written.is_err() {
            self.stdin = None;
        }
    }

    /// The next line of stdout before `deadline`; None at end of output.
    /// Panics (killing the process) on timeout.
    pub fn next_line(&mut self, deadline: Instant) -> Option<String> {
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
    pub fn finish(&mut self, deadline: Instant) -> Output {
        // End of input: a program waiting for an answer stops waiting.
        drop(self.stdin.take());
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

pub fn describe(out: &Output) -> String {
    format!(
        "status: {}\n--- stdout ---\n{}--- stderr ---\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Runs `cmd` to the end (or panics after `timeout`).
pub fn run(cmd: &mut Command, timeout: Duration) -> Output {
    Running::start(cmd).finish(Instant::now() + timeout)
}

pub fn stdout_lines(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// Asserts that a C test program passed: exit 0 and a "N passed, 0 failed"
/// closing line.
pub fn assert_passed(out: &Output, what: &str) {
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
        "{what} failed (exit 99 is valgrind's or a sanitizer's: see its report on stderr)\n{}",
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
