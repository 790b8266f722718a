//! [`Device`]: the whole simulated device for `jet sim` and tests: the JET
//! gRPC server and the notification broker over one [`DeviceState`], its
//! changes published as the device's events, counters that grow, and
//! optionally a replayed script and synthetic events at a steady rate.

use super::events::{DeviceEvents, EventMessage};
use super::model::Interface;
use super::mqtt::{BrokerOptions, ClientPrefix, MqttBroker, DEFAULT_MAX_PAYLOAD};
use super::ops::HOST_NAME;
use super::options::{Apis, GrpcServer, TlsFiles};
use super::rate::{self, Rate};
use super::say::{Say, DETAIL, INFO};
use super::script::Script;
use super::server::RunningServer;
use super::state::DeviceState;
use bytes::Bytes;
use jet::Result;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// The port JET gRPC listens on unless told otherwise.
pub const DEFAULT_GRPC_PORT: u16 = 32767;
/// The port of the notification broker unless told otherwise.
pub const DEFAULT_MQTT_PORT: u16 = 1883;

/// Everything the simulated device can be told. Start from
/// [`DeviceOptions::default`] and change what you need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceOptions {
    /// The address both servers listen on. Default `127.0.0.1`.
    pub listen: IpAddr,
    /// The JET gRPC port; 0 picks a free one ([`Device::grpc_port`]).
    /// Default 32767.
    pub grpc_port: u16,
    /// The MQTT broker port; 0 picks a free one ([`Device::mqtt_port`]).
    /// Default 1883.
    pub mqtt_port: u16,
    /// The JET services and generations served. Default [`Apis::Both`].
    pub apis: Apis,
    /// Users and passwords for JET login. Empty (the default): the user
    /// [`super::DEFAULT_USER`] with [`super::DEFAULT_PASSWORD`].
    pub users: Vec<(String, String)>,
    /// Whether the broker checks the same users and passwords. Default
    /// false: as on a Junos device, any admitted client may connect.
    pub mqtt_auth: bool,
    /// `request-response grpc skip-authentication`. Default false.
    pub skip_authentication: bool,
    /// Serve TLS on both ports with these PEM files (with `client_ca`:
    /// mutual TLS). Default clear text.
    pub tls: Option<TlsFiles>,
    /// The broker's `allow-clients` source prefixes. Default `127.0.0.0/8`
    /// and `::1`; empty admits no one.
    pub allow_clients: Vec<ClientPrefix>,
    /// The interface inventory. Default `ge-0/0/0` … `ge-0/0/3`, unit 0
    /// each.
    pub interfaces: Option<Vec<Interface>>,
    /// A script of notifications to replay (format: [`super::script`]).
    /// Default none.
    pub script: Option<PathBuf>,
    /// Synthetic IFL/IFA events at a steady rate, for benchmarks. Default
    /// none.
    pub rate: Option<Rate>,
    /// The script and the rate events start this long after the first MQTT
    /// client is admitted (time for it to subscribe). Default 250 ms.
    pub events_start_delay: Duration,
    /// Traffic through bound filters: every `tick`, each counter of every
    /// bound filter grows by [`super::TICK_PACKETS`] packets and
    /// [`super::TICK_BYTES`] bytes. `None` turns it off. Default 1 s.
    pub tick: Option<Duration>,
    /// The largest payload an MQTT client may publish. Default 1 MiB.
    pub max_payload: usize,
    /// Log lines on stderr (`jet sim: …`): 0 none (default); 1 start and
    /// stop, MQTT clients admitted and refused, script and rate progress;
    /// 2 also every event published.
    pub verbosity: u8,
}

impl Default for DeviceOptions {
    fn default() -> Self {
        DeviceOptions {
            listen: IpAddr::V4(Ipv4Addr::LOCALHOST),
            grpc_port: DEFAULT_GRPC_PORT,
            mqtt_port: DEFAULT_MQTT_PORT,
            apis: Apis::Both,
            users: Vec::new(),
            mqtt_auth: false,
            skip_authentication: false,
            tls: None,
            allow_clients: ClientPrefix::loopback(),
            interfaces: None,
            script: None,
            rate: None,
            events_start_delay: Duration::from_millis(250),
            tick: Some(Duration::from_secs(1)),
            max_payload: DEFAULT_MAX_PAYLOAD,
            verbosity: 0,
        }
    }
}

/// A running simulated device. Dropping it stops it ([`Device::stop`]).
///
/// ```no_run
/// use jet_sim::{Device, DeviceOptions};
/// let device = Device::start(DeviceOptions { verbosity: 1, ..Default::default() })?;
/// println!("gRPC {}, MQTT {}", device.grpc_port(), device.mqtt_port());
/// device.run_until_interrupted();
/// # Ok::<(), jet::Error>(())
/// ```
pub struct Device {
    state: Arc<DeviceState>,
    grpc: Option<RunningServer>,
    broker: Option<MqttBroker>,
    events: Arc<DeviceEvents>,
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
    say: Say,
}

impl std::fmt::Debug for Device {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Device")
            .field("grpc", &self.grpc)
            .field("broker", &self.broker)
            .finish_non_exhaustive()
    }
}

impl Device {
    /// Starts the broker, the event publisher and the gRPC server (in that
    /// order, so that no change goes unpublished), then the counter tick,
    /// the script and the rate events. Returns once both ports accept
    /// connections. A script that cannot be read fails the start.
    pub fn start(options: DeviceOptions) -> Result<Device> {
        let say = Say(options.verbosity);
        let script = options.script.as_ref().map(Script::load).transpose()?;
        let grpc_users = if options.users.is_empty() {
            vec![(
                super::DEFAULT_USER.to_string(),
                super::DEFAULT_PASSWORD.to_string(),
            )]
        } else {
            options.users.clone()
        };
        let broker = MqttBroker::start(BrokerOptions {
            bind: SocketAddr::new(options.listen, options.mqtt_port),
            users: if options.mqtt_auth {
                grpc_users.clone()
            } else {
                Vec::new()
            },
            tls: options.tls.clone(),
            allow_clients: options.allow_clients.clone(),
            max_payload: options.max_payload,
            verbosity: options.verbosity,
        })?;

        let state = DeviceState::shared();
        let queue = broker.queue();
        let events = DeviceEvents::new().install(&state, move |message: EventMessage| {
            queue.publish(message.topic, message.payload);
        });

        let mut server = GrpcServer::new()
            .apis(options.apis)
            .skip_authentication(options.skip_authentication)
            .bind(SocketAddr::new(options.listen, options.grpc_port))
            .state(Arc::clone(&state));
        for (user, password) in &grpc_users {
            server = server.user(user.clone(), password.clone());
        }
        if let Some(tls) = &options.tls {
            server = match &tls.client_ca {
                Some(ca) => server.mutual_tls(&tls.cert, &tls.key, ca),
                None => server.tls(&tls.cert, &tls.key),
            };
        }
        if let Some(interfaces) = &options.interfaces {
            server = server.interfaces(interfaces.clone());
        }
        let grpc = match server.serve() {
            Ok(grpc) => grpc,
            Err(e) => {
                state.clear_observer();
                return Err(e);
            }
        };
        say.line(
            INFO,
            format_args!(
                "device {HOST_NAME} up: JET gRPC ({}) on {}, notifications on {}",
                apis_name(options.apis),
                grpc.addr(),
                broker.addr()
            ),
        );

        let mut device = Device {
            state,
            grpc: Some(grpc),
            broker: Some(broker),
            events,
            stop: Arc::new(AtomicBool::new(false)),
            threads: Vec::new(),
            say,
        };
        if let Err(e) = device.start_threads(&options, script) {
            device.stop();
            return Err(e);
        }
        Ok(device)
    }

    fn start_threads(&mut self, options: &DeviceOptions, script: Option<Script>) -> Result<()> {
        if let Some(every) = options.tick.filter(|t| !t.is_zero()) {
            let state = Arc::clone(&self.state);
            let stop = Arc::clone(&self.stop);
            self.spawn("jet-sim-tick", move || {
                while sleep_unless_stopped(&stop, every) {
                    state.tick();
                }
            })?;
        }
        let delay = options.events_start_delay;
        if let Some(script) = script {
            let mut publisher = self.broker().publisher("jet-sim-script")?;
            let admitted = self.broker().client_watch();
            let stop = Arc::clone(&self.stop);
            let say = self.say;
            let name = options
                .script
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            self.spawn("jet-sim-script", move || {
                say.line(
                    INFO,
                    format_args!(
                        "script {name}: {} messages, replayed once an MQTT client connects",
                        script.lines.len()
                    ),
                );
                if !admitted.wait(&stop) || !sleep_unless_stopped(&stop, delay) {
                    return;
                }
                let sent = script.replay(&stop, |line| {
                    say.line(
                        DETAIL,
                        format_args!(
                            "script: publishing {} ({} bytes)",
                            line.topic,
                            line.payload.len()
                        ),
                    );
                    publisher
                        .publish(line.topic.clone(), line.payload.clone())
                        .is_ok()
                });
                say.line(
                    INFO,
                    format_args!("script {name}: {sent} messages published"),
                );
            })?;
        }
        if let Some(rate) = options.rate {
            let mut publisher = self.broker().publisher("jet-sim-rate")?;
            let admitted = self.broker().client_watch();
            let stop = Arc::clone(&self.stop);
            let say = self.say;
            let hostname = self.events.hostname().to_string();
            self.spawn("jet-sim-rate", move || {
                if !admitted.wait(&stop) || !sleep_unless_stopped(&stop, delay) {
                    return;
                }
                rate::run(rate, &hostname, &stop, say, |message| {
                    publisher
                        .publish(message.topic, Bytes::from(message.payload))
                        .is_ok()
                });
            })?;
        }
        Ok(())
    }

    fn spawn(&mut self, name: &str, f: impl FnOnce() + Send + 'static) -> Result<()> {
        let thread = std::thread::Builder::new()
            .name(name.to_string())
            .spawn(f)
            .map_err(|e| {
                jet::Error::new(
                    jet::ErrorKind::Io,
                    format!("jet sim: cannot start thread {name}: {e}"),
                )
            })?;
        self.threads.push(thread);
        Ok(())
    }

    fn broker(&self) -> &MqttBroker {
        self.broker.as_ref().expect("the broker runs until stop")
    }

    /// The simulated device's state.
    pub fn state(&self) -> &Arc<DeviceState> {
        &self.state
    }

    /// The gRPC server (its address, recorder, restart).
    pub fn grpc(&self) -> &RunningServer {
        self.grpc.as_ref().expect("the gRPC server runs until stop")
    }

    /// The broker (its address, counters, publishers).
    pub fn mqtt(&self) -> &MqttBroker {
        self.broker()
    }

    /// The port JET gRPC listens on.
    pub fn grpc_port(&self) -> u16 {
        self.grpc().port()
    }

    /// The port the notification broker listens on.
    pub fn mqtt_port(&self) -> u16 {
        self.broker().port()
    }

    /// What turns changes into events (its host name, say).
    pub fn events(&self) -> &Arc<DeviceEvents> {
        &self.events
    }

    /// Publishes a message of your own, after the device's events queued
    /// before it; false once stopped.
    pub fn publish(&self, topic: impl Into<String>, payload: impl Into<Bytes>) -> bool {
        self.broker
            .as_ref()
            .is_some_and(|broker| broker.publish(topic, payload))
    }

    /// A handle that stops [`Device::run_until`] from another thread (or a
    /// signal handler, through the flag it sets).
    pub fn stop_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.stop)
    }

    /// Runs until `stop` is set (checked every 50 ms), then stops.
    pub fn run_until(mut self, stop: &AtomicBool) {
        while !stop.load(Ordering::Relaxed) && !self.stop.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(50));
        }
        self.stop();
    }

    /// Runs until the process gets SIGINT or SIGTERM (Ctrl-C), then stops.
    /// Installs handlers for both signals that only set a flag.
    #[cfg(unix)]
    pub fn run_until_interrupted(self) {
        static INTERRUPTED: AtomicBool = AtomicBool::new(false);
        extern "C" fn on_signal(_: libc::c_int) {
            INTERRUPTED.store(true, Ordering::Relaxed);
        }
        let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        // SAFETY: the handler only stores to an atomic, which is
        // async-signal-safe.
        unsafe {
            libc::signal(libc::SIGINT, handler);
            libc::signal(libc::SIGTERM, handler);
        }
        self.say.line(INFO, "running until interrupted (Ctrl-C)");
        self.run_until(&INTERRUPTED);
    }

    /// Stops everything: the script, rate and tick threads, the gRPC server
    /// (its connections dropped), the event publisher and the broker (its
    /// clients disconnected). rumqttd's router thread stays, idle, until the
    /// process exits. Calling it again does nothing.
    pub fn stop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
        if let Some(mut grpc) = self.grpc.take() {
            grpc.stop();
        }
        self.state.clear_observer();
        if let Some(mut broker) = self.broker.take() {
            broker.stop();
            self.say
                .line(INFO, format_args!("device {HOST_NAME} stopped"));
        }
    }
}

impl Drop for Device {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Sleeps `wait` in short steps; false (at once) when `stop` is set.
fn sleep_unless_stopped(stop: &AtomicBool, wait: Duration) -> bool {
    let deadline = std::time::Instant::now() + wait;
    loop {
        if stop.load(Ordering::Relaxed) {
            return false;
        }
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return true;
        }
        std::thread::sleep(left.min(Duration::from_millis(20)));
    }
}

fn apis_name(apis: Apis) -> &'static str {
    match apis {
        Apis::Legacy => "legacy IDL",
        Apis::Jnx => "jnx IDL and legacy login",
        Apis::JnxOnly => "jnx IDL only",
        Apis::Both => "both IDL generations",
    }
}
