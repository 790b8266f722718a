//! What the `jet` command-line tests share: running `jet` to the end or in
//! the background, reading what it prints, and `jet sim` as a child process
//! on ports it picked itself.
#![allow(dead_code, unused_imports)]

use jet_testkit as support;

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};
use support::{Broker, BrokerOptions, TestCerts, TlsMode};

pub const JET: &str = env!("CARGO_BIN_EXE_jet");

/// How long any one `jet` run may take before the test gives up on it.
pub const RUN_LIMIT: Duration = Duration::from_secs(60);
/// How long to wait for a line a background `jet` should print.
pub const LINE_LIMIT: Duration = Duration::from_secs(20);

/// A `jet` command with a clean environment (no JET_* variables).
pub fn jet_command(args: &[&str]) -> Command {
    let mut cmd = Command::new(JET);
    cmd.args(args)
        .env_remove("JET_USER")
        .env_remove("JET_PASSWORD")
        .env_remove("JET_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// What a finished `jet` run printed, and how it ended.
#[derive(Debug)]
pub struct Run {
    pub args: Vec<String>,
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    /// Panics with everything the run printed unless it exited with `code`.
    pub fn expect_code(self, code: i32) -> Run {
        assert_eq!(
            self.code(),
            Some(code),
            "jet {:?} exited {:?}, not {code}\n--- stdout ---\n{}--- stderr ---\n{}",
            self.args,
            self.status,
            self.stdout,
            self.stderr
        );
        self
    }

    pub fn ok(self) -> Run {
        self.expect_code(0)
    }
}

/// Runs `jet args…` to the end (killed after [`RUN_LIMIT`]).
pub fn jet(args: &[&str]) -> Run {
    jet_with_input(args, None)
}

/// Runs `jet args…` with `input` on stdin.
pub fn jet_with_input(args: &[&str], input: Option<&[u8]>) -> Run {
    let mut cmd = jet_command(args);
    if input.is_some() {
        cmd.stdin(Stdio::piped());
    }
    let mut child = cmd.spawn().expect("run jet");
    if let Some(input) = input {
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(input).expect("write jet's stdin");
    }
    let stdout = read_in_thread(child.stdout.take().expect("stdout"));
    let stderr = read_in_thread(child.stderr.take().expect("stderr"));
    let status = wait_for(&mut child, RUN_LIMIT).unwrap_or_else(|| {
        let _ = child.kill();
        let _ = child.wait();
        panic!("jet {args:?} did not finish within {RUN_LIMIT:?}");
    });
    Run {
        args: args.iter().map(|a| a.to_string()).collect(),
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    }
}

pub fn read_in_thread(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Waits up to `limit` for `child` to exit.
pub fn wait_for(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().expect("wait for jet") {
            return Some(status);
        }
        if Instant::now() >= deadline {
            return None;
        }
        thread::sleep(Duration::from_millis(10));
    }
}

/// A `jet` that runs in the background (`jet sim`, `jet watch`): its stdout
/// and stderr lines are collected as they come. Dropping it kills it.
pub struct Background {
    name: String,
    child: Child,
    stdout: Receiver<String>,
    stdout_seen: Vec<String>,
    stderr: Arc<Mutex<String>>,
    /// The thread reading stderr; joined once the process exited, so that
    /// [`Background::stderr`] then holds all of it.
    stderr_reader: Option<thread::JoinHandle<()>>,
}

impl Background {
    pub fn start(args: &[&str]) -> Background {
        let child = jet_command(args).spawn().expect("start jet");
        Background::adopt(child, &format!("jet {}", args.join(" ")))
    }

    /// Takes over a `jet` child started by the test itself (stdout and
    /// stderr piped).
    pub fn adopt(mut child: Child, name: &str) -> Background {
        let (tx, stdout) = channel();
        let out = child.stdout.take().expect("stdout");
        thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        let err = child.stderr.take().expect("stderr");
        let stderr_reader = thread::spawn(move || {
            for line in BufReader::new(err).lines() {
                let Ok(line) = line else { break };
                let mut all = sink.lock().unwrap();
                all.push_str(&line);
                all.push('\n');
            }
        });
        Background {
            name: name.to_string(),
            child,
            stdout,
            stdout_seen: Vec::new(),
            stderr,
            stderr_reader: Some(stderr_reader),
        }
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// What it printed so far, for failure messages.
    pub fn printed(&self) -> String {
        format!(
            "--- {} stdout ---\n{}\n--- stderr ---\n{}",
            self.name,
            self.stdout_seen.join("\n"),
            self.stderr()
        )
    }

    /// The next stdout line, waiting up to [`LINE_LIMIT`].
    pub fn next_line(&mut self) -> String {
        match self.stdout.recv_timeout(LINE_LIMIT) {
            Ok(line) => {
                self.stdout_seen.push(line.clone());
                line
            }
            Err(RecvTimeoutError::Timeout) => {
                panic!("no line within {LINE_LIMIT:?}\n{}", self.printed())
            }
            Err(RecvTimeoutError::Disconnected) => {
                let status = self.child.try_wait();
                panic!(
                    "stdout closed (status {status:?}) before the line expected\n{}",
                    self.printed()
                )
            }
        }
    }

    /// Waits until stderr contains `needle`.
    pub fn wait_stderr(&mut self, needle: &str) {
        let deadline = Instant::now() + LINE_LIMIT;
        while !self.stderr().contains(needle) {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "exited ({status}) before saying {needle:?}\n{}",
                    self.printed()
                );
            }
            if Instant::now() >= deadline {
                panic!(
                    "did not say {needle:?} within {LINE_LIMIT:?}\n{}",
                    self.printed()
                );
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends `signal` (SIGTERM, SIGINT).
    pub fn signal(&self, signal: i32) {
        let pid = self.child.id() as libc::pid_t;
        // SAFETY: kill(2) on our own child's pid.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0, "kill {pid}");
    }

    /// Waits up to `limit` for it to exit; panics if it does not.
    pub fn wait_exit(&mut self, limit: Duration) -> ExitStatus {
        match wait_for(&mut self.child, limit) {
            Some(status) => {
                // The pipe ends with the process: read what it printed last.
                if let Some(reader) = self.stderr_reader.take() {
                    let _ = reader.join();
                }
                status
            }
            None => panic!("still running after {limit:?}\n{}", self.printed()),
        }
    }

    /// Every remaining stdout line, once it has exited.
    pub fn rest_of_stdout(&mut self) -> Vec<String> {
        let mut rest = Vec::new();
        while let Ok(line) = self.stdout.recv_timeout(Duration::from_secs(5)) {
            self.stdout_seen.push(line.clone());
            rest.push(line);
        }
        rest
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A port nothing listens on.
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("address").port()
}

/// A fresh scratch directory for files the commands read.
pub fn scratch(name: &str) -> PathBuf {
    support::scratch_dir(name)
}

pub fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write a test file");
    path.to_string_lossy().into_owned()
}

// ---- against `jet sim` ----

pub const USER: &str = "lab";
pub const PASSWORD: &str = "lab123";

/// `jet sim` as a child process, on ports it picked itself.
pub struct Sim {
    pub process: Background,
    pub mqtt: String,
    pub grpc: String,
}

impl Sim {
    /// Starts `jet sim --mqtt-port 0 --grpc-port 0 --user lab --password
    /// lab123 --tick 0.1 <extra>` and reads its ports from its first line.
    pub fn start(extra: &[&str]) -> Sim {
        Sim::start_on("0", extra)
    }

    /// As [`Sim::start`], with the gRPC port given (`"0"`: any free port):
    /// for a device restarted on the port its clients know.
    pub fn start_on(grpc_port: &str, extra: &[&str]) -> Sim {
        let mut args = vec![
            "sim",
            "--mqtt-port",
            "0",
            "--grpc-port",
            grpc_port,
            "--user",
            USER,
            "--password",
            PASSWORD,
            "--tick",
            "0.1",
        ];
        args.extend_from_slice(extra);
        let mut process = Background::start(&args);
        let line = process.next_line();
        let port = |address: &str| -> String {
            let (host, port) = address
                .rsplit_once(':')
                .unwrap_or_else(|| panic!("no port in {address:?} of {line:?}"));
            assert_eq!(host, "127.0.0.1", "{line}");
            port.parse::<u16>()
                .unwrap_or_else(|_| panic!("bad port in {line:?}"));
            port.to_string()
        };
        let (mqtt, grpc) = line
            .strip_prefix("jet sim: mqtt ")
            .and_then(|rest| rest.split_once(" grpc "))
            .unwrap_or_else(|| panic!("not `jet sim: mqtt … grpc …`: {line:?}"));
        let (mqtt, grpc) = (port(mqtt), port(grpc));
        Sim {
            process,
            mqtt,
            grpc,
        }
    }

    /// The connection flags of a service command that logs in.
    pub fn flags(&self) -> Vec<String> {
        [
            "--port",
            &self.grpc,
            "--clear-text",
            "--user",
            USER,
            "--password",
            PASSWORD,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    /// Runs a service command against the simulator.
    pub fn jet(&self, args: &[&str]) -> Run {
        self.jet_with_input(args, None)
    }

    pub fn jet_with_input(&self, args: &[&str], input: Option<&[u8]>) -> Run {
        let flags = self.flags();
        let mut all: Vec<&str> = args.to_vec();
        all.extend(flags.iter().map(String::as_str));
        jet_with_input(&all, input)
    }

    /// Starts `jet watch` on the simulator's broker and waits until it is subscribed.
    pub fn watch(&self, args: &[&str]) -> Background {
        let mut all = vec!["watch", "--port", self.mqtt.as_str()];
        all.extend_from_slice(args);
        let mut watch = Background::start(&all);
        watch.wait_stderr("jet watch: watching");
        watch
    }

    /// Sends `signal` and checks that it stops, with status 0, within 1 s.
    pub fn stop_with(mut self, signal: i32) -> String {
        let asked = Instant::now();
        self.process.signal(signal);
        let status = self.process.wait_exit(Duration::from_secs(5));
        assert_eq!(status.code(), Some(0), "{}", self.process.printed());
        // A device stops at once (it took 2 s once, with a watcher connected).
        let took = asked.elapsed();
        assert!(took < Duration::from_secs(1), "stopping took {took:?}");
        self.process.stderr()
    }

    pub fn stop(self) -> String {
        self.stop_with(libc::SIGTERM)
    }
}
