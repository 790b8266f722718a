//! [`GrpcServer`]: what to simulate (API generations, users, TLS, address,
//! device state), built up and then served.

use super::model::Interface;
use super::recorder::Recorder;
use super::server::RunningServer;
use super::state::DeviceState;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

/// The user the server knows unless told otherwise.
pub const DEFAULT_USER: &str = "jet";
/// [`DEFAULT_USER`]'s password.
pub const DEFAULT_PASSWORD: &str = "jet123";

/// Which JET services the simulated device serves. A service that is not
/// served answers gRPC `UNIMPLEMENTED`, like a device of another release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Apis {
    /// A Junos 17.x–19.2 device: legacy `authentication.Login`,
    /// `acl.AclService`, `interface.InterfacesService`,
    /// `management.ManagementRpcApi` only.
    Legacy,
    /// A modern device (19.3+ Junos OS): every `jnx.jet.*` service **plus
    /// legacy `authentication.Login/LoginCheck`**, which every release up to
    /// 24.4 still serves and which Juniper's own clients still use; no other
    /// legacy service.
    #[default]
    Jnx,
    /// The `jnx.jet.*` services alone, without legacy LoginCheck: not a real
    /// release, but lets a client's fallback to jnx `Authentication/Login` be
    /// tested.
    JnxOnly,
    /// Both generations in full (like Junos Evolved, whose toolkit publishes
    /// both).
    Both,
}

impl Apis {
    /// Whether legacy `authentication.Login/LoginCheck` is served.
    pub fn legacy_login(self) -> bool {
        !matches!(self, Apis::JnxOnly)
    }

    /// Whether the other legacy services are served.
    pub fn legacy_services(self) -> bool {
        matches!(self, Apis::Legacy | Apis::Both)
    }

    /// Whether the `jnx.jet.*` services (and jnx login) are served.
    pub fn jnx_services(self) -> bool {
        !matches!(self, Apis::Legacy)
    }
}

/// PEM files for TLS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    /// The server certificate (chain).
    pub cert: PathBuf,
    /// The server's private key.
    pub key: PathBuf,
    /// When set, clients must present a certificate signed by this CA.
    pub client_ca: Option<PathBuf>,
}

/// The simulator's settings; [`GrpcServer::serve`] starts it.
///
/// ```no_run
/// use jet_sim::{Apis, GrpcServer};
/// let server = GrpcServer::new().apis(Apis::Legacy).user("lab", "lab123").serve()?;
/// println!("JET on port {}", server.port());
/// # Ok::<(), jet::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct GrpcServer {
    pub(crate) apis: Apis,
    pub(crate) users: Vec<(String, String)>,
    pub(crate) skip_authentication: bool,
    pub(crate) tls: Option<TlsFiles>,
    pub(crate) bind: SocketAddr,
    pub(crate) state: Option<Arc<DeviceState>>,
    pub(crate) interfaces: Option<Vec<Interface>>,
    pub(crate) recorder: Option<Recorder>,
}

impl Default for GrpcServer {
    fn default() -> Self {
        GrpcServer::new()
    }
}

impl GrpcServer {
    /// [`Apis::Jnx`], user [`DEFAULT_USER`]/[`DEFAULT_PASSWORD`], clear
    /// text, `127.0.0.1:0` (a free port), a fresh [`DeviceState`].
    pub fn new() -> GrpcServer {
        GrpcServer {
            apis: Apis::default(),
            users: Vec::new(),
            skip_authentication: false,
            tls: None,
            bind: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            state: None,
            interfaces: None,
            recorder: None,
        }
    }

    /// Which services to serve.
    pub fn apis(mut self, apis: Apis) -> Self {
        self.apis = apis;
        self
    }

    /// Adds a user (the first call replaces the default user).
    pub fn user(mut self, name: impl Into<String>, password: impl Into<String>) -> Self {
        self.users.push((name.into(), password.into()));
        self
    }

    /// `request-response grpc skip-authentication`: calls are served without
    /// a login (login itself still checks the password).
    pub fn skip_authentication(mut self, skip: bool) -> Self {
        self.skip_authentication = skip;
        self
    }

    /// Serves TLS with this certificate and key (PEM files).
    pub fn tls(mut self, cert: impl Into<PathBuf>, key: impl Into<PathBuf>) -> Self {
        self.tls = Some(TlsFiles {
            cert: cert.into(),
            key: key.into(),
            client_ca: None,
        });
        self
    }

    /// Serves mutual TLS: like [`GrpcServer::tls`], and clients must present a
    /// certificate signed by `client_ca`.
    pub fn mutual_tls(
        mut self,
        cert: impl Into<PathBuf>,
        key: impl Into<PathBuf>,
        client_ca: impl Into<PathBuf>,
    ) -> Self {
        self.tls = Some(TlsFiles {
            cert: cert.into(),
            key: key.into(),
            client_ca: Some(client_ca.into()),
        });
        self
    }

    /// The address to listen on (port 0: a free port, see
    /// [`RunningServer::port`]).
    pub fn bind(mut self, address: SocketAddr) -> Self {
        self.bind = address;
        self
    }

    /// Simulates this device (shared, so a test can keep and inspect it).
    pub fn state(mut self, state: Arc<DeviceState>) -> Self {
        self.state = Some(state);
        self
    }

    /// Replaces the device's interface inventory when the server starts.
    pub fn interfaces(mut self, interfaces: impl IntoIterator<Item = Interface>) -> Self {
        self.interfaces = Some(interfaces.into_iter().collect());
        self
    }

    /// Records into this recorder (shared) instead of a new one.
    pub fn recorder(mut self, recorder: Recorder) -> Self {
        self.recorder = Some(recorder);
        self
    }

    /// Starts serving; returns once the port accepts connections.
    pub fn serve(self) -> jet::Result<RunningServer> {
        RunningServer::start(self)
    }

    /// The users to install: the configured ones, or the default user.
    pub(crate) fn users(&self) -> Vec<(String, String)> {
        if self.users.is_empty() {
            vec![(DEFAULT_USER.to_string(), DEFAULT_PASSWORD.to_string())]
        } else {
            self.users.clone()
        }
    }
}
