//! The simulated device's notification broker: rumqttd behind a TCP front.
//!
//! [`MqttBroker::start`] starts, on threads of its own:
//!
//! - a rumqttd router and a rumqttd MQTT 3.1.1 listener on an internal
//!   loopback port that only the front can log in to;
//! - the front (`front.rs`) on the address clients use: `allow-clients`,
//!   TLS, user/password, then a byte copy to rumqttd;
//! - a publishing thread behind [`PublishQueue`] for device events.
//!
//! In-process publishers ([`Publisher`]) are rumqttd local links: their
//! messages go straight into the router, QoS 0, like eventd publishing into
//! the device's Mosquitto.
//!
//! [`MqttBroker::stop`] closes the public port and every client connection
//! and ends the front, the rumqttd listener and the publishing thread.
//! rumqttd has no shutdown: its router thread (idle, holding at most its
//! logs) stays until the process exits.

mod allow;
mod front;
mod upstream;

pub use allow::ClientPrefix;

use super::options::TlsFiles;
use super::say::{Say, DETAIL, INFO};
use bytes::Bytes;
use front::{Counters, Front};
use jet::{Error, ErrorKind, Result};
use rumqttd::local::{LinkBuilder, LinkRx, LinkTx};
use rumqttd::protocol::v4::V4;
use rumqttd::{ConnectionSettings, LinkType, Router, RouterConfig, Server, ServerSettings};
use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tokio::sync::oneshot;
use tokio_rustls::rustls::crypto::ring;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::server::WebPkiClientVerifier;
use tokio_rustls::rustls::{RootCertStore, ServerConfig};
use tokio_rustls::TlsAcceptor;

/// The largest payload a client may publish unless told otherwise (1 MiB).
pub const DEFAULT_MAX_PAYLOAD: usize = 1024 * 1024;
/// Room for a topic (up to 65535 bytes) and the packet's own fields on top
/// of the payload.
const PACKET_OVERHEAD: usize = 65_535 + 8;
/// The user the front logs in to rumqttd's internal listener as.
const FRONT_USER: &str = "jet-sim-front";
/// How long rumqttd's internal listener may take to come up.
const START_TIMEOUT: Duration = Duration::from_secs(10);
/// Attempts at finding a free internal port.
const INTERNAL_PORT_ATTEMPTS: usize = 5;

/// Settings of the simulated broker. Start from [`BrokerOptions::default`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokerOptions {
    /// Where clients connect. Port 0 picks a free port (see
    /// [`MqttBroker::port`]). Default `127.0.0.1:0`.
    pub bind: SocketAddr,
    /// Users and passwords the broker checks. Empty (the default): any
    /// client may connect, with or without credentials, as on a Junos
    /// device. Otherwise a client without a user name gets CONNACK 5 (not
    /// authorized) and one with a wrong pair CONNACK 4.
    pub users: Vec<(String, String)>,
    /// Serve MQTT over TLS with this certificate and key; with `client_ca`
    /// clients must present a certificate it signed. Default clear text.
    pub tls: Option<TlsFiles>,
    /// `allow-clients`: the source prefixes admitted. Default
    /// [`ClientPrefix::loopback`] (`127.0.0.0/8`, `::1`). An empty list
    /// admits no one (a Junos device without `allow-clients`).
    pub allow_clients: Vec<ClientPrefix>,
    /// The largest payload a client may publish. Default 1 MiB.
    pub max_payload: usize,
    /// Log lines on stderr: 0 none (default), 1 start, stop and clients,
    /// 2 also every event published.
    pub verbosity: u8,
}

impl Default for BrokerOptions {
    fn default() -> Self {
        BrokerOptions {
            bind: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            users: Vec::new(),
            tls: None,
            allow_clients: ClientPrefix::loopback(),
            max_payload: DEFAULT_MAX_PAYLOAD,
            verbosity: 0,
        }
    }
}

/// What the broker has counted since it started.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BrokerStats {
    /// Clients that passed allow-clients and the login check.
    pub admitted: u64,
    /// Clients connected now.
    pub connected: u64,
    /// Connections closed because their source address is not in
    /// allow-clients.
    pub refused_address: u64,
    /// CONNECTs refused for their user name or password.
    pub refused_login: u64,
    /// Messages published in-process ([`Publisher`], [`PublishQueue`]).
    pub published: u64,
}

/// Makes in-process links to the router.
type LinkMaker = Arc<dyn Fn(&str) -> Result<(LinkTx, LinkRx)> + Send + Sync>;

/// A running broker. Dropping it stops it ([`MqttBroker::stop`]).
pub struct MqttBroker {
    addr: SocketAddr,
    internal: SocketAddr,
    tls: bool,
    counters: Arc<Counters>,
    make_link: LinkMaker,
    queue: PublishQueue,
    queue_thread: Option<JoinHandle<()>>,
    worker: Option<Worker>,
    say: Say,
}

impl fmt::Debug for MqttBroker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MqttBroker")
            .field("addr", &self.addr)
            .field("internal", &self.internal)
            .field("tls", &self.tls)
            .field("running", &self.worker.is_some())
            .field("stats", &self.stats())
            .finish()
    }
}

/// The thread that owns the broker's tokio runtime.
struct Worker {
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    fn finish(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl MqttBroker {
    /// Starts the broker; returns once clients can connect.
    pub fn start(options: BrokerOptions) -> Result<MqttBroker> {
        let say = Say(options.verbosity);
        let tls = options.tls.as_ref().map(tls_acceptor).transpose()?;
        let max_packet = options.max_payload.saturating_add(PACKET_OVERHEAD);
        let listener = TcpListener::bind(options.bind)
            .map_err(|e| io_error(&format!("MQTT: cannot listen on {}", options.bind), e))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| io_error("MQTT listener", e))?;
        let addr = listener
            .local_addr()
            .map_err(|e| io_error("MQTT listener address", e))?;

        let router = Router::new(
            0,
            RouterConfig {
                max_connections: 1_024,
                max_outgoing_packet_count: 200,
                // Each subscribed filter keeps at most 4 × 4 MiB of events;
                // a subscriber further behind loses the oldest.
                max_segment_size: 4 * 1024 * 1024,
                max_segment_count: 4,
                ..RouterConfig::default()
            },
        );
        let router_tx = router.spawn();
        let make_link: LinkMaker = {
            let router_tx = router_tx.clone();
            Arc::new(move |client_id: &str| {
                LinkBuilder::new(client_id, router_tx.clone())
                    .build()
                    .map(|(tx, rx, _ack)| (tx, rx))
                    .map_err(|e| {
                        Error::new(
                            ErrorKind::Internal,
                            format!("jet sim: MQTT in-process link: {e}"),
                        )
                    })
            })
        };

        let secret = random_secret();
        let counters = Arc::new(Counters::default());
        let front = Front {
            allow: options.allow_clients.clone(),
            users: options.users.iter().cloned().collect(),
            tls,
            upstream: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            upstream_login: (FRONT_USER.to_string(), secret.clone()),
            max_packet,
            counters: Arc::clone(&counters),
            say,
        };
        let internal_settings = move |port: u16| ServerSettings {
            name: format!("jet-sim-mqtt-{port}"),
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
            tls: None,
            next_connection_delay_ms: 0,
            connections: ConnectionSettings {
                connection_timeout_ms: 10_000,
                max_payload_size: max_packet,
                max_inflight_count: 100,
                auth: Some(HashMap::from([(FRONT_USER.to_string(), secret.clone())])),
                external_auth: None,
                dynamic_filters: false,
            },
        };

        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let (ready_tx, ready_rx) = mpsc::channel::<Result<SocketAddr>>();
        let thread = std::thread::Builder::new()
            .name(format!("jet-sim-mqtt-{}", addr.port()))
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .thread_name("jet-sim-mqtt-worker")
                    .enable_all()
                    .build()
                {
                    Ok(runtime) => runtime,
                    Err(e) => {
                        let _ = ready_tx.send(Err(io_error("MQTT runtime", e)));
                        return;
                    }
                };
                // rumqttd binds its listener itself: find a free loopback
                // port, start it there, and wait until it accepts.
                let mut internal = None;
                for _ in 0..INTERNAL_PORT_ATTEMPTS {
                    let Ok(port) = free_loopback_port() else {
                        continue;
                    };
                    let mut server = Server::new(internal_settings(port), router_tx.clone(), V4);
                    let task =
                        runtime.spawn(async move { server.start(LinkType::Remote).await.is_ok() });
                    let candidate = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
                    if wait_listening(candidate, &task) {
                        internal = Some(candidate);
                        break;
                    }
                    task.abort();
                }
                let Some(internal) = internal else {
                    let _ = ready_tx.send(Err(Error::new(
                        ErrorKind::Internal,
                        "jet sim: the internal MQTT broker did not start",
                    )));
                    return;
                };
                let listener = {
                    let _entered = runtime.enter();
                    match tokio::net::TcpListener::from_std(listener) {
                        Ok(listener) => listener,
                        Err(e) => {
                            let _ = ready_tx.send(Err(io_error("MQTT listener", e)));
                            return;
                        }
                    }
                };
                let front = Arc::new(Front {
                    upstream: internal,
                    ..front
                });
                runtime.spawn(front::run(listener, front));
                let _ = ready_tx.send(Ok(internal));
                runtime.block_on(async {
                    let _ = stop_rx.await;
                });
                // Drops the front, rumqttd's listener and every connection.
                runtime.shutdown_timeout(Duration::from_secs(1));
            })
            .map_err(|e| io_error("MQTT thread", e))?;
        let worker = Worker {
            stop: Some(stop_tx),
            thread: Some(thread),
        };
        let internal = match ready_rx.recv_timeout(START_TIMEOUT + Duration::from_secs(2)) {
            Ok(Ok(internal)) => internal,
            Ok(Err(e)) => {
                worker.finish();
                return Err(e);
            }
            Err(_) => {
                worker.finish();
                return Err(Error::new(
                    ErrorKind::Internal,
                    "jet sim: the MQTT broker did not start",
                ));
            }
        };

        let (queue, queue_thread) = match start_queue(&make_link, &counters, say) {
            Ok(started) => started,
            Err(e) => {
                worker.finish();
                return Err(e);
            }
        };
        say.line(
            INFO,
            format_args!(
                "MQTT broker on {addr}{} (allow-clients {}; {})",
                if options.tls.is_some() { " (TLS)" } else { "" },
                if options.allow_clients.is_empty() {
                    "empty: no client admitted".to_string()
                } else {
                    options
                        .allow_clients
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(" ")
                },
                if options.users.is_empty() {
                    "no login checked"
                } else {
                    "user and password checked"
                }
            ),
        );
        Ok(MqttBroker {
            addr,
            internal,
            tls: options.tls.is_some(),
            counters,
            make_link,
            queue,
            queue_thread: Some(queue_thread),
            worker: Some(worker),
            say,
        })
    }

    /// The address clients connect to.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The port clients connect to (the chosen one when bound to port 0).
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Whether clients must speak TLS.
    pub fn is_tls(&self) -> bool {
        self.tls
    }

    /// Whether it is running (not [`MqttBroker::stop`]ped).
    pub fn is_running(&self) -> bool {
        self.worker.is_some()
    }

    /// The counters.
    pub fn stats(&self) -> BrokerStats {
        let c = &self.counters;
        BrokerStats {
            admitted: c.admitted.load(Ordering::Relaxed),
            connected: c.connected.load(Ordering::Relaxed),
            refused_address: c.refused_address.load(Ordering::Relaxed),
            refused_login: c.refused_login.load(Ordering::Relaxed),
            published: c.published.load(Ordering::Relaxed),
        }
    }

    /// Waits up to `timeout` until at least one client has been admitted;
    /// returns whether one was.
    pub fn wait_for_client(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            if self.counters.admitted.load(Ordering::Relaxed) > 0 {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Watches for the first admitted client.
    pub(crate) fn client_watch(&self) -> ClientWatch {
        ClientWatch(Arc::clone(&self.counters))
    }

    /// A new in-process publisher (its own link to the router), for a
    /// thread that publishes much, such as a benchmark.
    pub fn publisher(&self, name: &str) -> Result<Publisher> {
        if self.worker.is_none() {
            return Err(Error::new(
                ErrorKind::Closed,
                "jet sim: the broker is stopped",
            ));
        }
        let (tx, rx) = (self.make_link)(name)?;
        Ok(Publisher {
            tx,
            _rx: rx,
            counters: Arc::clone(&self.counters),
        })
    }

    /// The broker's publishing queue (cheap to clone).
    pub fn queue(&self) -> PublishQueue {
        self.queue.clone()
    }

    /// Publishes `payload` on `topic` through [`MqttBroker::queue`].
    pub fn publish(&self, topic: impl Into<String>, payload: impl Into<Bytes>) -> bool {
        self.queue.publish(topic, payload)
    }

    /// Stops: the port closes, every client is disconnected, the front,
    /// rumqttd's listener and the publishing thread end. Returns when that
    /// is done. rumqttd's router thread cannot be stopped and stays, idle.
    pub fn stop(&mut self) {
        if let Some(worker) = self.worker.take() {
            worker.finish();
            self.say
                .line(INFO, format_args!("MQTT broker on {} stopped", self.addr));
        }
        let _ = self.queue.tx.send(None);
        if let Some(thread) = self.queue_thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for MqttBroker {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Tells threads that wait for a client when one has been admitted.
#[derive(Debug, Clone)]
pub(crate) struct ClientWatch(Arc<Counters>);

impl ClientWatch {
    /// Waits until a client has been admitted; false if `stop` is set first.
    pub(crate) fn wait(&self, stop: &AtomicBool) -> bool {
        loop {
            if self.0.admitted.load(Ordering::Relaxed) > 0 {
                return true;
            }
            if stop.load(Ordering::Relaxed) {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// An in-process publisher: a rumqttd local link. Publishing blocks while
/// the router's queue is full.
pub struct Publisher {
    tx: LinkTx,
    _rx: LinkRx,
    counters: Arc<Counters>,
}

impl fmt::Debug for Publisher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Publisher").finish_non_exhaustive()
    }
}

impl Publisher {
    /// Publishes `payload` on `topic`, QoS 0, not retained.
    pub fn publish(&mut self, topic: impl Into<String>, payload: impl Into<Bytes>) -> Result<()> {
        self.tx
            .publish(topic.into(), payload.into())
            .map_err(|e| Error::new(ErrorKind::Closed, format!("jet sim: MQTT publish: {e}")))?;
        self.counters.published.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

/// A message for the publishing thread; `None` ends it.
type Queued = Option<(String, Bytes)>;

/// A handle on the broker's publishing thread: [`PublishQueue::publish`]
/// never blocks, and messages go out in the order they were queued.
#[derive(Clone)]
pub struct PublishQueue {
    tx: mpsc::Sender<Queued>,
}

impl fmt::Debug for PublishQueue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublishQueue").finish_non_exhaustive()
    }
}

impl PublishQueue {
    /// Queues `payload` for `topic`; false when the broker is stopped.
    pub fn publish(&self, topic: impl Into<String>, payload: impl Into<Bytes>) -> bool {
        self.tx.send(Some((topic.into(), payload.into()))).is_ok()
    }
}

fn start_queue(
    make_link: &LinkMaker,
    counters: &Arc<Counters>,
    say: Say,
) -> Result<(PublishQueue, JoinHandle<()>)> {
    let mut publisher = {
        let (tx, rx) = make_link("jet-sim-events")?;
        Publisher {
            tx,
            _rx: rx,
            counters: Arc::clone(counters),
        }
    };
    let (tx, rx) = mpsc::channel::<Queued>();
    let thread = std::thread::Builder::new()
        .name("jet-sim-events".to_string())
        .spawn(move || {
            while let Ok(Some((topic, payload))) = rx.recv() {
                let size = payload.len();
                match publisher.publish(topic.clone(), payload) {
                    Ok(()) => say.line(DETAIL, format_args!("published {topic} ({size} bytes)")),
                    Err(e) => {
                        say.line(INFO, format_args!("cannot publish {topic}: {e}"));
                        break;
                    }
                }
            }
        })
        .map_err(|e| io_error("MQTT publishing thread", e))?;
    Ok((PublishQueue { tx }, thread))
}

/// Waits until `addr` accepts TCP connections; false if `task` (the server
/// that should listen there) ended first or it took too long.
fn wait_listening(addr: SocketAddr, task: &tokio::task::JoinHandle<bool>) -> bool {
    let deadline = Instant::now() + START_TIMEOUT;
    while Instant::now() < deadline {
        if task.is_finished() {
            return false;
        }
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}

fn free_loopback_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
        .local_addr()?
        .port())
}

/// A password nobody can guess for rumqttd's internal listener.
fn random_secret() -> String {
    let mut words = [0u64; 2];
    for (i, word) in words.iter_mut().enumerate() {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_usize(i);
        hasher.write_u32(std::process::id());
        hasher.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0),
        );
        *word = hasher.finish();
    }
    format!("{:016x}{:016x}", words[0], words[1])
}

fn io_error(what: &str, e: std::io::Error) -> Error {
    Error::new(ErrorKind::Io, format!("jet sim: {what}: {e}"))
}

fn tls_error(what: String) -> Error {
    Error::new(ErrorKind::Tls, format!("jet sim: MQTT TLS: {what}"))
}

fn read_certificates(path: &std::path::Path) -> Result<Vec<CertificateDer<'static>>> {
    let certs = CertificateDer::pem_file_iter(path)
        .and_then(|found| found.collect::<std::result::Result<Vec<_>, _>>())
        .map_err(|e| tls_error(format!("cannot read {}: {e}", path.display())))?;
    if certs.is_empty() {
        return Err(tls_error(format!("no certificate in {}", path.display())));
    }
    Ok(certs)
}

/// The TLS side of the front, from PEM files.
fn tls_acceptor(files: &TlsFiles) -> Result<TlsAcceptor> {
    let provider = Arc::new(ring::default_provider());
    let builder = ServerConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| tls_error(e.to_string()))?;
    let builder = match &files.client_ca {
        None => builder.with_no_client_auth(),
        Some(ca) => {
            let mut roots = RootCertStore::empty();
            for cert in read_certificates(ca)? {
                roots.add(cert).map_err(|e| tls_error(e.to_string()))?;
            }
            let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
                .build()
                .map_err(|e| tls_error(e.to_string()))?;
            builder.with_client_cert_verifier(verifier)
        }
    };
    let chain = read_certificates(&files.cert)?;
    let key = PrivateKeyDer::from_pem_file(&files.key)
        .map_err(|e| tls_error(format!("cannot read key {}: {e}", files.key.display())))?;
    let config = builder
        .with_single_cert(chain, key)
        .map_err(|e| tls_error(e.to_string()))?;
    Ok(TlsAcceptor::from(Arc::new(config)))
}
