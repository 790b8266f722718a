//! A real Mosquitto broker on free loopback ports, with a generated config,
//! started and stopped by the test that owns it.

use super::certs::TestCerts;
use super::dirs::{free_port, ScratchDir};
use super::spawn::spawn_tied_to_process;
use super::tools::{ensure_tool, output_text, run_ok};
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// How a broker is configured. `BrokerOptions::default()` is: anonymous
/// clients allowed, plain listener only, Mosquitto's default limits, no
/// persistence.
#[derive(Clone, Debug, Default)]
pub struct BrokerOptions {
    /// (user, password) pairs. When not empty, anonymous clients are refused
    /// and [`Broker::publish`] and friends log in as the first user.
    pub users: Vec<(String, String)>,
    /// Adds a TLS listener on a second port (see [`Broker::tls_port`]).
    pub tls: Option<TlsMode>,
    /// `max_queued_messages 0`, `max_inflight_messages 0` (both unlimited),
    /// `queue_qos0_messages true` and `set_tcp_nodelay true`: for tests that
    /// must lose nothing.
    pub lift_limits: bool,
    /// Keeps sessions in `mosquitto.db` in the scratch directory (saved every
    /// second and on stop), so they survive [`Broker::stop`] + [`Broker::start_again`].
    pub persistence: bool,
    /// Appended verbatim at the end of the config, that is inside the last
    /// listener's section (the TLS one when there is one).
    pub extra_config: String,
}

/// The TLS listener's certificates, all from [`TestCerts::generate`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TlsMode {
    /// Server certificate for 127.0.0.1/localhost signed by `ca_cert`.
    ServerOnly,
    /// As `ServerOnly`, and clients must present a certificate signed by `ca_cert`.
    RequireClientCert,
    /// Server certificate signed by `ca_cert` but for `wrong.example` only.
    WrongName,
}

/// A running (or stopped) `mosquitto` process. Dropping it kills the broker
/// and removes its scratch directory (kept when the test panicked).
pub struct Broker {
    child: Option<Child>,
    port: u16,
    tls_port: Option<u16>,
    opts: BrokerOptions,
    mosquitto: PathBuf,
    mosquitto_pub: PathBuf,
    mosquitto_sub: PathBuf,
    conf: PathBuf,
    log_file: PathBuf,
    stderr_file: PathBuf,
    dir: ScratchDir,
}

const READY_TIMEOUT: Duration = Duration::from_secs(10);
const STOP_TIMEOUT: Duration = Duration::from_secs(5);

enum LaunchError {
    /// Another process took one of our ports between `free_port` and bind.
    PortTaken,
    Failed(String),
}

impl Broker {
    /// Starts a broker and returns once every listener accepts connections.
    /// Panics with the broker's log when it does not come up within 10 s.
    pub fn start(opts: BrokerOptions) -> Broker {
        let mosquitto = ensure_tool("mosquitto", "mosquitto");
        let mosquitto_pub = ensure_tool("mosquitto_pub", "mosquitto-clients");
        let mosquitto_sub = ensure_tool("mosquitto_sub", "mosquitto-clients");
        let dir = ScratchDir::new("broker");
        let mut broker = Broker {
            child: None,
            port: 0,
            tls_port: None,
            conf: dir.path().join("mosquitto.conf"),
            log_file: dir.path().join("mosquitto.log"),
            stderr_file: dir.path().join("mosquitto.stderr"),
            opts,
            mosquitto,
            mosquitto_pub,
            mosquitto_sub,
            dir,
        };
        broker.write_password_file();
        const ATTEMPTS: u32 = 5;
        for attempt in 1..=ATTEMPTS {
            broker.port = free_port();
            broker.tls_port = broker.opts.tls.map(|_| free_port());
            fs::write(&broker.conf, broker.config()).expect("write mosquitto.conf");
            match broker.launch() {
                Ok(()) => return broker,
                Err(LaunchError::PortTaken) if attempt < ATTEMPTS => continue,
                Err(LaunchError::PortTaken) => broker.fail("could not find free ports"),
                Err(LaunchError::Failed(why)) => broker.fail(&why),
            }
        }
        unreachable!()
    }

    /// The plain MQTT port on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The TLS port on 127.0.0.1, when the broker has a TLS listener.
    pub fn tls_port(&self) -> Option<u16> {
        self.tls_port
    }

    /// The process id while the broker runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(|c| c.id())
    }

    /// The scratch directory holding the config, log, password file and db.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The options the broker was started with.
    pub fn options(&self) -> &BrokerOptions {
        &self.opts
    }

    /// The broker's log (every run so far, `log_type all`) followed by anything
    /// it wrote to stdout/stderr.
    pub fn log(&self) -> String {
        let mut log =
            String::from_utf8_lossy(&fs::read(&self.log_file).unwrap_or_default()).into_owned();
        let stderr = fs::read(&self.stderr_file).unwrap_or_default();
        if !stderr.is_empty() {
            log.push_str("--- mosquitto stdout/stderr ---\n");
            log.push_str(&String::from_utf8_lossy(&stderr));
        }
        log
    }

    /// Waits up to `timeout` for `needle` to appear in the log.
    pub fn wait_for_log(&self, needle: &str, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            if self.log().contains(needle) {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Stops the broker like an administrator would: SIGTERM (mosquitto
    /// closes its clients and saves its db), SIGKILL after 5 s. No-op when stopped.
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        // SAFETY: kill(2) on the pid of a child we have not reaped yet.
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
        let deadline = Instant::now() + STOP_TIMEOUT;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                return;
            }
            thread::sleep(Duration::from_millis(5));
        }
        eprintln!("libjet test harness: mosquitto ignored SIGTERM for 5 s; killing it");
        let _ = child.kill();
        let _ = child.wait();
    }

    /// Starts the broker again with the same ports and config (stopping it
    /// first if it runs) and returns once it accepts connections. Retries for
    /// up to 10 s while a port is still held by someone else.
    pub fn start_again(&mut self) {
        self.stop();
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            match self.launch() {
                Ok(()) => return,
                Err(LaunchError::PortTaken) if Instant::now() < deadline => {
                    thread::sleep(Duration::from_millis(100))
                }
                Err(LaunchError::PortTaken) => self.fail("its port stayed in use for 10 s"),
                Err(LaunchError::Failed(why)) => self.fail(&why),
            }
        }
    }

    /// `-h 127.0.0.1 -p <port>`, plus `-u`/`-P` of the first user when users
    /// are configured: the arguments a mosquitto client needs to get in.
    pub fn conn_args(&self) -> Vec<String> {
        self.args_for_port(self.port)
    }

    /// As [`Broker::conn_args`] for the TLS listener, with `--cafile` and, for
    /// `RequireClientCert`, the client certificate: the arguments that work.
    pub fn tls_conn_args(&self) -> Vec<String> {
        let port = self.tls_port.expect("this broker has no TLS listener");
        let certs = TestCerts::generate();
        let mut args = self.args_for_port(port);
        args.extend(["--cafile".to_string(), path_arg(&certs.ca_cert)]);
        if self.opts.tls == Some(TlsMode::RequireClientCert) {
            args.extend(["--cert".to_string(), path_arg(&certs.client_cert)]);
            args.extend(["--key".to_string(), path_arg(&certs.client_key)]);
        }
        args
    }

    fn args_for_port(&self, port: u16) -> Vec<String> {
        let mut args = vec![
            "-h".to_string(),
            "127.0.0.1".to_string(),
            "-p".to_string(),
            port.to_string(),
        ];
        if let Some((user, password)) = self.opts.users.first() {
            args.extend([
                "-u".to_string(),
                user.clone(),
                "-P".to_string(),
                password.clone(),
            ]);
        }
        args
    }

    /// Publishes one message with a real client (`mosquitto_pub`, payload on
    /// stdin, so any bytes work) and panics unless it succeeds.
    pub fn publish(&self, topic: &str, payload: &[u8], qos: u8) {
        self.publish_with(topic, payload, qos, &[]);
    }

    /// As [`Broker::publish`] with extra `mosquitto_pub` arguments, e.g. `["-r"]`
    /// for a retained message.
    pub fn publish_with(&self, topic: &str, payload: &[u8], qos: u8, extra: &[&str]) {
        let mut cmd = self.pub_command(topic, qos);
        cmd.args(extra);
        // `-s` refuses empty input; `-n` sends a zero-length message.
        cmd.arg(if payload.is_empty() { "-n" } else { "-s" });
        self.run_pub(cmd, payload);
    }

    /// Publishes `payloads` in order on `topic`. Payloads without `\n` and NUL
    /// bytes go through one `mosquitto_pub -l` process (1000 messages take
    /// about 0.2 s); otherwise each payload gets its own process (about 3 ms each).
    pub fn publish_many(&self, topic: &str, payloads: &[Vec<u8>], qos: u8) {
        if payloads
            .iter()
            .any(|p| p.contains(&b'\n') || p.contains(&0))
        {
            for payload in payloads {
                self.publish(topic, payload, qos);
            }
            return;
        }
        let mut input = Vec::with_capacity(payloads.iter().map(|p| p.len() + 1).sum());
        for payload in payloads {
            input.extend_from_slice(payload);
            input.push(b'\n');
        }
        let mut cmd = self.pub_command(topic, qos);
        cmd.arg("-l");
        self.run_pub(cmd, &input);
    }

    fn pub_command(&self, topic: &str, qos: u8) -> Command {
        let mut cmd = Command::new(&self.mosquitto_pub);
        cmd.args(self.conn_args())
            .args(["-t", topic, "-q", &qos.to_string()]);
        cmd
    }

    fn run_pub(&self, mut cmd: Command, input: &[u8]) {
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
        let mut stdin = child.stdin.take().expect("piped stdin");
        let out = thread::scope(|s| {
            s.spawn(move || {
                let _ = stdin.write_all(input);
            });
            child.wait_with_output()
        })
        .unwrap_or_else(|e| panic!("cannot wait for {cmd:?}: {e}"));
        if !out.status.success() {
            panic!(
                "{cmd:?} failed ({}):\n{}\n--- broker log ---\n{}",
                out.status,
                output_text(&out),
                self.log()
            );
        }
    }

    /// Starts `mosquitto_sub <fixed> <args> -t <topic>` where the fixed part is
    /// `-i <unique id> -C <count> -W 5 -F '%t<TAB>%x'` (later `args` override,
    /// e.g. `-W 10`; add `-q 1`, `-c` etc. there; with `-i <id>` in `args`
    /// that id is used instead of a unique one). `args` must include the connection
    /// arguments ([`Broker::conn_args`], [`Broker::tls_conn_args`] or your own).
    /// Returns once the broker has acknowledged the subscription, or as soon as
    /// the client exited (refused, TLS failure): see [`Subscriber::finish`].
    pub fn subscribe(&self, args: &[String], topic: &str, count: usize) -> Subscriber {
        Subscriber::start(self, args, topic, count)
    }

    fn write_password_file(&self) {
        let Some(((first_user, first_password), others)) = self.opts.users.split_first() else {
            return;
        };
        let passwd = ensure_tool("mosquitto_passwd", "mosquitto");
        let file = self.dir.path().join("passwords");
        run_ok(
            Command::new(&passwd)
                .args(["-c", "-b"])
                .arg(&file)
                .args([first_user, first_password]),
        );
        for (user, password) in others {
            run_ok(
                Command::new(&passwd)
                    .arg("-b")
                    .arg(&file)
                    .args([user, password]),
            );
        }
    }

    fn config(&self) -> String {
        let dir = self.dir.path();
        let mut c =
            String::from("# written by tests/support/broker.rs\nper_listener_settings false\n");
        // SAFETY: geteuid has no preconditions and cannot fail.
        if unsafe { libc::geteuid() } == 0 {
            // Do not drop to user `mosquitto`: the scratch files belong to root.
            c.push_str("user root\n");
        }
        let _ = writeln!(c, "log_dest file {}", self.log_file.display());
        c.push_str("log_type all\nlog_timestamp_format %H:%M:%S\n");
        if self.opts.persistence {
            let _ = writeln!(
                c,
                "persistence true\npersistence_location {}/\nautosave_interval 1",
                dir.display()
            );
        } else {
            c.push_str("persistence false\n");
        }
        if self.opts.users.is_empty() {
            c.push_str("allow_anonymous true\n");
        } else {
            let _ = writeln!(
                c,
                "allow_anonymous false\npassword_file {}",
                dir.join("passwords").display()
            );
        }
        if self.opts.lift_limits {
            c.push_str(
                "max_queued_messages 0\nmax_inflight_messages 0\nqueue_qos0_messages true\nset_tcp_nodelay true\n",
            );
        }
        let _ = writeln!(c, "listener {} 127.0.0.1", self.port);
        if let (Some(mode), Some(tls_port)) = (self.opts.tls, self.tls_port) {
            let certs = TestCerts::generate();
            let (cert, key) = match mode {
                TlsMode::WrongName => (&certs.wrong_name_cert, &certs.wrong_name_key),
                TlsMode::ServerOnly | TlsMode::RequireClientCert => {
                    (&certs.server_cert, &certs.server_key)
                }
            };
            let _ = writeln!(c, "listener {tls_port} 127.0.0.1");
            let _ = writeln!(c, "cafile {}", certs.ca_cert.display());
            let _ = writeln!(c, "certfile {}", cert.display());
            let _ = writeln!(c, "keyfile {}", key.display());
            c.push_str("tls_version tlsv1.2\n");
            if mode == TlsMode::RequireClientCert {
                c.push_str("require_certificate true\n");
            }
        }
        c.push_str(&self.opts.extra_config);
        c.push('\n');
        c
    }

    /// Spawns mosquitto on the current config and waits until it is ready.
    fn launch(&mut self) -> Result<(), LaunchError> {
        let log_start = fs::metadata(&self.log_file)
            .map(|m| m.len() as usize)
            .unwrap_or(0);
        let stderr = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.stderr_file)
            .expect("open mosquitto.stderr");
        let mut cmd = Command::new(&self.mosquitto);
        cmd.arg("-c")
            .arg(&self.conf)
            .stdin(Stdio::null())
            .stdout(stderr.try_clone().expect("dup stderr file"))
            .stderr(stderr);
        let child = spawn_tied_to_process(cmd)
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", self.mosquitto.display()));
        self.child = Some(child);

        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            let child = self.child.as_mut().expect("just spawned");
            if let Some(status) = child.try_wait().expect("try_wait on mosquitto") {
                self.child = None;
                return Err(self.exit_reason(status, log_start));
            }
            let new_log = fs::read(&self.log_file).unwrap_or_default();
            let running = new_log
                .get(log_start..)
                .is_some_and(|l| contains(l, b" running"));
            if running && accepts(self.port) && self.tls_port.is_none_or(accepts) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                let _ = child.kill();
                let _ = child.wait();
                self.child = None;
                return Err(LaunchError::Failed(format!(
                    "mosquitto did not accept connections within {READY_TIMEOUT:?}"
                )));
            }
            thread::sleep(Duration::from_millis(5));
        }
    }

    fn exit_reason(&self, status: ExitStatus, log_start: usize) -> LaunchError {
        let log = self.log();
        let this_run = log.get(log_start..).unwrap_or(&log);
        if this_run.contains("Address already in use") {
            LaunchError::PortTaken
        } else {
            LaunchError::Failed(format!("mosquitto exited during start-up ({status})"))
        }
    }

    fn fail(&self, why: &str) -> ! {
        panic!(
            "libjet test harness: the broker did not start: {why}\n--- {} ---\n{}\n--- broker log ---\n{}",
            self.conf.display(),
            fs::read_to_string(&self.conf).unwrap_or_default(),
            self.log()
        )
    }
}

impl Drop for Broker {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// True when something listens on 127.0.0.1:`port`. A connection from the
/// port to itself (TCP simultaneous open, possible when nothing listens on
/// an ephemeral port) does not count.
fn accepts(port: u16) -> bool {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    match TcpStream::connect_timeout(&addr, Duration::from_millis(500)) {
        Ok(stream) => stream.local_addr().ok() != stream.peer_addr().ok(),
        Err(_) => false,
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn path_arg(path: &Path) -> String {
    path.to_str().expect("test paths are UTF-8").to_string()
}

/// A `mosquitto_sub` process started by [`Broker::subscribe`]; its output is
/// read continuously so a fast publisher never blocks it. Killed on drop.
pub struct Subscriber {
    child: Child,
    client_id: String,
    stdout: Option<thread::JoinHandle<Vec<u8>>>,
    stderr: Option<thread::JoinHandle<Vec<u8>>>,
}

/// What a [`Subscriber`] received, and how it ended.
#[derive(Debug)]
pub struct SubOutput {
    pub status: ExitStatus,
    /// (topic, payload) in arrival order.
    pub messages: Vec<(String, Vec<u8>)>,
    pub stderr: String,
}

impl SubOutput {
    pub fn payloads(&self) -> Vec<Vec<u8>> {
        self.messages.iter().map(|(_, p)| p.clone()).collect()
    }
}

impl Subscriber {
    fn start(broker: &Broker, args: &[String], topic: &str, count: usize) -> Subscriber {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let given_id = args
            .windows(2)
            .find(|w| w[0] == "-i" || w[0] == "--id")
            .map(|w| w[1].clone());
        let client_id = given_id.clone().unwrap_or_else(|| {
            format!(
                "libjet-sub-{}-{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed)
            )
        });
        // A reused client id may have been acknowledged before: wait for a new SUBACK.
        let suback = format!("Sending SUBACK to {client_id}\n");
        let seen_before = broker.log().matches(&suback).count();
        let mut cmd = Command::new(&broker.mosquitto_sub);
        if given_id.is_none() {
            cmd.args(["-i", &client_id]);
        }
        cmd.args(["-C", &count.to_string(), "-W", "5", "-F", "%t\t%x"])
            .args(args)
            .args(["-t", topic])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
        let stdout = child.stdout.take().map(read_all_in_thread);
        let stderr = child.stderr.take().map(read_all_in_thread);
        let mut sub = Subscriber {
            child,
            client_id,
            stdout,
            stderr,
        };

        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            if broker.log().matches(&suback).count() > seen_before {
                return sub;
            }
            if let Ok(Some(_)) = sub.child.try_wait() {
                return sub; // refused or failed: finish() tells how
            }
            if Instant::now() >= deadline {
                panic!(
                    "{cmd:?} was not subscribed within 5 s\n--- broker log ---\n{}",
                    broker.log()
                );
            }
            thread::sleep(Duration::from_millis(5));
        }
    }

    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// Waits for the client to exit (after `count` messages, or the `-W`
    /// timeout) and returns what it received.
    pub fn finish(mut self) -> SubOutput {
        let status = self.child.wait().expect("wait for mosquitto_sub");
        let stdout = self
            .stdout
            .take()
            .map(|h| h.join().unwrap_or_default())
            .unwrap_or_default();
        let stderr = self
            .stderr
            .take()
            .map(|h| h.join().unwrap_or_default())
            .unwrap_or_default();
        let messages = String::from_utf8_lossy(&stdout)
            .lines()
            .map(|line| {
                let (topic, hex) = line
                    .rsplit_once('\t')
                    .unwrap_or_else(|| panic!("bad mosquitto_sub line {line:?}"));
                (topic.to_string(), decode_hex(hex))
            })
            .collect();
        SubOutput {
            status,
            messages,
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
        }
    }
}

impl Drop for Subscriber {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn read_all_in_thread(
    mut pipe: impl std::io::Read + Send + 'static,
) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = pipe.read_to_end(&mut buf);
        buf
    })
}

fn decode_hex(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| {
            u8::from_str_radix(&hex[i..i + 2], 16)
                .unwrap_or_else(|_| panic!("bad hex payload {hex:?}"))
        })
        .collect()
}
