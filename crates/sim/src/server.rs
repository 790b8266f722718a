//! [`RunningServer`]: the simulator serving on its own thread and tokio
//! runtime (never libjet's), so that libjet's blocking client can call it
//! from a test thread.

use super::change::Change;
use super::conn::Incoming;
use super::ctx::Ctx;
use super::options::{GrpcServer, TlsFiles};
use super::recorder::Recorder;
use super::state::DeviceState;
use super::{jnx, legacy};
use jet::{Error, ErrorKind, Result};
use std::net::SocketAddr;
use std::sync::{mpsc, Arc};
use std::thread::JoinHandle;
use std::time::Duration;
use tokio::sync::oneshot;
use tonic::service::Routes;
use tonic::transport::{Certificate, Identity, Server, ServerTlsConfig};

/// How long [`RunningServer::shutdown`] lets connections finish.
const GRACE: Duration = Duration::from_secs(2);
/// How long starting may take.
const START_TIMEOUT: Duration = Duration::from_secs(10);
/// How long [`RunningServer::resume`] waits for its old port to be free.
const REBIND_PATIENCE: Duration = Duration::from_secs(5);

/// A serving simulator. Dropping it stops it hard (like
/// [`RunningServer::stop`]).
pub struct RunningServer {
    options: GrpcServer,
    addr: SocketAddr,
    state: Arc<DeviceState>,
    recorder: Recorder,
    worker: Option<Worker>,
}

impl std::fmt::Debug for RunningServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunningServer")
            .field("addr", &self.addr)
            .field("apis", &self.options.apis)
            .field("tls", &self.options.tls.is_some())
            .field("running", &self.worker.is_some())
            .finish()
    }
}

enum Stop {
    /// Stop accepting, let connections finish (up to [`GRACE`]).
    Graceful,
}

/// The serving thread. Dropping `stop` without sending aborts: the runtime
/// is shut down and every connection dropped.
struct Worker {
    stop: Option<oneshot::Sender<Stop>>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    fn finish(mut self, graceful: bool) {
        if let Some(stop) = self.stop.take() {
            if graceful {
                let _ = stop.send(Stop::Graceful);
            }
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl RunningServer {
    /// Starts serving as `options` say; returns once the port accepts
    /// connections. The users (and inventory, if given) are applied to the
    /// device state first.
    pub fn start(mut options: GrpcServer) -> Result<RunningServer> {
        let state = options.state.clone().unwrap_or_else(DeviceState::shared);
        for (user, password) in options.users() {
            let _ = state.apply(Change::UserSet { user, password });
        }
        if let Some(interfaces) = options.interfaces.take() {
            let _ = state.apply(Change::InventorySet(interfaces));
        }
        let recorder = options.recorder.clone().unwrap_or_default();
        options.state = Some(Arc::clone(&state));
        options.recorder = Some(recorder.clone());
        let listener = bind(options.bind)?;
        let (worker, addr) = spawn(&options, listener, &state, &recorder)?;
        Ok(RunningServer {
            options,
            addr,
            state,
            recorder,
            worker: Some(worker),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The port it listens on (the chosen one when bound to port 0).
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `http://<addr>`, or `https://<addr>` with TLS (a client may have to
    /// set the TLS server name, e.g. `localhost`, when its certificate has no
    /// IP address).
    pub fn uri(&self) -> String {
        let scheme = if self.options.tls.is_some() {
            "https"
        } else {
            "http"
        };
        format!("{scheme}://{}", self.addr)
    }

    /// The simulated device.
    pub fn state(&self) -> &Arc<DeviceState> {
        &self.state
    }

    /// The request log.
    pub fn recorder(&self) -> &Recorder {
        &self.recorder
    }

    /// Whether it is serving (not [`RunningServer::stop`]ped).
    pub fn is_running(&self) -> bool {
        self.worker.is_some()
    }

    /// Stops hard, like a `jsd` restart or crash: the port closes and every
    /// connection is dropped at once (their logins and client ids go). The
    /// device state is kept. Returns when all of it is done.
    pub fn stop(&mut self) {
        if let Some(worker) = self.worker.take() {
            worker.finish(false);
        }
        let _ = self.state.apply(Change::SessionsReset);
    }

    /// Serves again on the same address after [`RunningServer::stop`], with
    /// no connection or login from before. While another socket holds the
    /// port it waits, up to 5 s, for it to be free.
    pub fn resume(&mut self) -> Result<()> {
        if self.worker.is_some() {
            return Ok(());
        }
        let _ = self.state.apply(Change::SessionsReset);
        let listener = bind_again(self.addr)?;
        let (worker, _) = spawn(&self.options, listener, &self.state, &self.recorder)?;
        self.worker = Some(worker);
        Ok(())
    }

    /// [`RunningServer::stop`] then [`RunningServer::resume`]: the next call
    /// of an old client finds its connection gone and must log in again.
    pub fn restart(&mut self) -> Result<()> {
        self.stop();
        self.resume()
    }

    /// Stops gracefully: no new connections; open ones get an HTTP/2 GOAWAY
    /// and up to 2 s to finish; then the rest are dropped. Returns when done.
    pub fn shutdown(mut self) {
        if let Some(worker) = self.worker.take() {
            worker.finish(true);
        }
        let _ = self.state.apply(Change::SessionsReset);
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn io_error(what: &str, e: std::io::Error) -> Error {
    Error::new(ErrorKind::Io, format!("jet sim: {what}: {e}"))
}

fn read_pem(path: &std::path::Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        Error::new(
            ErrorKind::Tls,
            format!("jet sim: cannot read {}: {e}", path.display()),
        )
    })
}

fn tls_config(files: &TlsFiles) -> Result<ServerTlsConfig> {
    let identity = Identity::from_pem(read_pem(&files.cert)?, read_pem(&files.key)?);
    let mut config = ServerTlsConfig::new().identity(identity);
    if let Some(ca) = &files.client_ca {
        config = config.client_ca_root(Certificate::from_pem(read_pem(ca)?));
    }
    Ok(config)
}

/// The services `options.apis` asks for; the router answers any other
/// method `UNIMPLEMENTED`.
fn routes(options: &GrpcServer, ctx: &Ctx) -> Routes {
    let mut builder = Routes::builder();
    if options.apis.legacy_login() {
        legacy::add_login(&mut builder, ctx);
    }
    if options.apis.legacy_services() {
        legacy::add_services(&mut builder, ctx);
    }
    if options.apis.jnx_services() {
        jnx::add_services(&mut builder, ctx);
    }
    builder.routes()
}

/// A listener on `addr`.
fn bind(addr: SocketAddr) -> Result<std::net::TcpListener> {
    std::net::TcpListener::bind(addr).map_err(|e| io_error(&format!("bind {addr}"), e))
}

/// A listener on `addr`, the address served before a stop, waiting up to
/// [`REBIND_PATIENCE`] while the port is in use. Once the old listener is
/// closed the port is free to any socket. A test that stopped and resumed
/// while its client retried found the port taken about one run in forty on
/// a loaded machine, and free again by the time `ss` looked: most likely
/// the client's own attempt, which the kernel may give the very port it
/// connects to (the socket meets itself, TCP's simultaneous open) until
/// the connection fails a moment later.
fn bind_again(addr: SocketAddr) -> Result<std::net::TcpListener> {
    let deadline = std::time::Instant::now() + REBIND_PATIENCE;
    loop {
        match std::net::TcpListener::bind(addr) {
            Err(e)
                if e.kind() == std::io::ErrorKind::AddrInUse
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return other.map_err(|e| io_error(&format!("bind {addr}"), e)),
        }
    }
}

/// Serves on `listener` on a new thread with its own runtime.
fn spawn(
    options: &GrpcServer,
    listener: std::net::TcpListener,
    state: &Arc<DeviceState>,
    recorder: &Recorder,
) -> Result<(Worker, SocketAddr)> {
    let mut server = Server::builder();
    if let Some(files) = &options.tls {
        server = server
            .tls_config(tls_config(files)?)
            .map_err(|e| Error::new(ErrorKind::Tls, format!("jet sim: bad TLS settings: {e}")))?;
    }
    let ctx = Ctx {
        state: Arc::clone(state),
        recorder: recorder.clone(),
        skip_authentication: options.skip_authentication,
    };
    let routes = routes(options, &ctx);

    listener
        .set_nonblocking(true)
        .map_err(|e| io_error("listener", e))?;
    let local = listener
        .local_addr()
        .map_err(|e| io_error("listener address", e))?;

    let (stop_tx, stop_rx) = oneshot::channel();
    let (ready_tx, ready_rx) = mpsc::channel::<Result<()>>();
    let state = Arc::clone(state);
    let thread = std::thread::Builder::new()
        .name(format!("jet-sim-{}", local.port()))
        .spawn(move || {
            let runtime = match tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_name("jet-sim-worker")
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(e) => {
                    let _ = ready_tx.send(Err(io_error("runtime", e)));
                    return;
                }
            };
            let listener = {
                let _entered = runtime.enter();
                match tokio::net::TcpListener::from_std(listener) {
                    Ok(listener) => listener,
                    Err(e) => {
                        let _ = ready_tx.send(Err(io_error("listener", e)));
                        return;
                    }
                }
            };
            let mut server = server;
            let router = server.add_routes(routes);
            let _ = ready_tx.send(Ok(()));
            runtime.block_on(serve(router, Incoming::new(listener, state), stop_rx));
            // Drops every connection task (and so every connection) still
            // there.
            runtime.shutdown_timeout(Duration::from_secs(1));
        })
        .map_err(|e| io_error("thread", e))?;

    let worker = Worker {
        stop: Some(stop_tx),
        thread: Some(thread),
    };
    match ready_rx.recv_timeout(START_TIMEOUT) {
        Ok(Ok(())) => Ok((worker, local)),
        Ok(Err(e)) => {
            worker.finish(false);
            Err(e)
        }
        Err(_) => {
            worker.finish(false);
            Err(Error::new(
                ErrorKind::Internal,
                "jet sim: the server did not start",
            ))
        }
    }
}

async fn serve(
    router: tonic::transport::server::Router,
    incoming: Incoming,
    stop: oneshot::Receiver<Stop>,
) {
    let (grace_tx, grace_rx) = oneshot::channel::<()>();
    let serving = router.serve_with_incoming_shutdown(incoming, async {
        let _ = grace_rx.await;
    });
    tokio::pin!(serving);
    tokio::select! {
        _ = &mut serving => {}
        stop = stop => {
            if let Ok(Stop::Graceful) = stop {
                let _ = grace_tx.send(());
                let _ = tokio::time::timeout(GRACE, &mut serving).await;
            }
        }
    }
}
