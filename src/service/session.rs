//! The service session: a gRPC channel to the device's JET server, the
//! login, the IDL generation of each service, and deadlines.

use super::connector::Connector;
use super::login;
use super::options::{Api, Generation, ServiceOptions};
use super::status::from_status;
use crate::error::{Error, ErrorKind, Result};
use crate::jet_log;
use crate::logging::Level;
use crate::runtime;
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tonic::transport::{Channel, Endpoint};

/// The JET services a session calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Service {
    /// Login (legacy `authentication.Login`, jnx `Authentication`).
    Authentication,
    /// Filters, policers, counters (legacy `acl.AclService`, jnx `Firewall`).
    Firewall,
    /// Interface addresses (legacy `interface.InterfacesService`, jnx `Interfaces`).
    Interfaces,
    /// Operational commands and configuration (legacy `management.ManagementRpcApi`, jnx `Management`).
    Management,
}

impl Service {
    /// A lower-case name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Service::Authentication => "authentication",
            Service::Firewall => "firewall",
            Service::Interfaces => "interfaces",
            Service::Management => "management",
        }
    }
}

struct Inner {
    options: ServiceOptions,
    client_id: String,
    channel: Mutex<Option<Channel>>,
    /// What a new channel is made from ([`ServiceSession::renew_channel`]).
    endpoint: Endpoint,
    connector: Connector,
    connections: Arc<AtomicU64>,
    /// The connection count at the last login (`None`: never logged in).
    logged_in_at: tokio::sync::Mutex<Option<u64>>,
    generations: Mutex<HashMap<Service, Generation>>,
    closed: AtomicBool,
    /// [`runtime::epoch`] when the session opened: a later
    /// [`crate::shutdown`] closed it.
    epoch: u64,
    installed: super::firewall::Installed,
    addresses: super::interfaces::AddedAddresses,
    state: super::state::StateWatch,
}

/// A session with a device's JET services (the request-response half of
/// Juniper's `JetHandler`). `Send + Sync`; clones share the connection.
#[derive(Clone)]
pub struct ServiceSession {
    inner: Arc<Inner>,
    deadline: Duration,
}

impl std::fmt::Debug for ServiceSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceSession")
            .field("device", &self.inner.options.device)
            .field("client_id", &self.inner.client_id)
            .finish()
    }
}

impl ServiceSession {
    /// Connects to the device and logs in (when a user is given). Fails with
    /// `Unreachable`, `Timeout`, `Tls`, `NotAuthorized` (login refused),
    /// `AlreadyExists` (client id in use), `InvalidArgument`, or `Cancelled`
    /// when the calling thread's [`crate::cancel`] token is triggered (as are
    /// the session's calls).
    pub fn open(options: ServiceOptions) -> Result<ServiceSession> {
        runtime::ensure_may_block("opening a service session")?;
        crate::cancel::check_current("opening a service session")?;
        options.validate()?;
        let client_id = options
            .client_id
            .clone()
            .unwrap_or_else(|| crate::client_id::unique("libjet"));
        let tls = match &options.tls {
            Some(tls) => Some(tls.connect_settings(&options.device, &[b"h2"])?),
            None => None,
        };
        let connections = Arc::new(AtomicU64::new(0));
        let connector = Connector {
            host: options.device.clone(),
            port: options.port,
            tls,
            timeout: options.connect_timeout,
            connections: connections.clone(),
        };
        // The URI only names the channel: the connector makes the connection.
        let endpoint = Endpoint::from_shared(format!(
            "http://{}:{}",
            uri_host(&options.device),
            options.port
        ))
        .map_err(|e| Error::invalid(format!("device '{}': {e}", options.device)))?;
        jet_log!(
            Level::Info,
            "service",
            "connecting to {}:{} as client {client_id}",
            options.device,
            options.port
        );
        let connecting = format!("connecting to {}:{}", options.device, options.port);
        // Connecting and the login that opens the session share the connect
        // timeout: a device that accepts and never answers must not hold
        // open for the (longer) call timeout.
        let started = std::time::Instant::now();
        let epoch = runtime::epoch();
        let channel = runtime::block_on(
            &connecting,
            endpoint.connect_with_connector(connector.clone()),
        )?
        .map_err(|e| {
            let status = tonic::Status::from_error(Box::new(e));
            from_status(&connecting, &status)
        })?;
        let deadline = options.call_timeout;
        let session = ServiceSession {
            inner: Arc::new(Inner {
                options,
                client_id,
                channel: Mutex::new(Some(channel)),
                endpoint,
                connector,
                connections,
                logged_in_at: tokio::sync::Mutex::new(None),
                generations: Mutex::new(HashMap::new()),
                closed: AtomicBool::new(false),
                epoch,
                installed: Default::default(),
                addresses: Default::default(),
                state: Default::default(),
            }),
            deadline,
        };
        let left = session
            .inner
            .options
            .connect_timeout
            .saturating_sub(started.elapsed());
        runtime::block_on("logging in", session.ensure_login(true, left))??;
        session.inner.state.settled(session.connections());
        Ok(session)
    }

    /// The client id in use.
    pub fn client_id(&self) -> &str {
        &self.inner.client_id
    }

    /// The options the session was opened with.
    pub fn options(&self) -> &ServiceOptions {
        &self.inner.options
    }

    /// The generation `service` is spoken in: fixed by [`Api`], or found on
    /// its first call in [`Api::Auto`] (`None` until then).
    pub fn generation(&self, service: Service) -> Option<Generation> {
        match self.inner.options.api {
            Api::Jnx => Some(Generation::Jnx),
            Api::Legacy => Some(Generation::Legacy),
            Api::Auto => self.lock_generations().get(&service).copied(),
        }
    }

    /// A handle to the same session whose calls have `deadline` instead of
    /// the default.
    pub fn with_deadline(&self, deadline: Duration) -> ServiceSession {
        ServiceSession {
            inner: self.inner.clone(),
            deadline,
        }
    }

    /// The deadline of this handle's calls.
    pub fn deadline(&self) -> Duration {
        self.deadline
    }

    /// Disconnects and drops the state callback. The device drops this
    /// client's JET state (filters, …) after its purge time. Calling it again
    /// does nothing.
    pub fn close(&self) {
        if !self.inner.closed.swap(true, Ordering::AcqRel) {
            self.set_state_callback(None);
            self.inner
                .channel
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take();
            jet_log!(
                Level::Info,
                "service",
                "session {} closed",
                self.inner.client_id
            );
        }
    }

    /// The filters, bindings and policers this session installed.
    pub(crate) fn installed_filters(&self) -> &super::firewall::Installed {
        &self.inner.installed
    }

    /// The interface addresses this session added.
    pub(crate) fn added_addresses(&self) -> &super::interfaces::AddedAddresses {
        &self.inner.addresses
    }

    /// The session's watch over reconnects.
    pub(crate) fn state_watch(&self) -> &super::state::StateWatch {
        &self.inner.state
    }

    /// How many connections the session has made so far.
    pub(crate) fn connections(&self) -> u64 {
        self.inner.connections.load(Ordering::Acquire)
    }

    fn lock_generations(&self) -> std::sync::MutexGuard<'_, HashMap<Service, Generation>> {
        self.inner
            .generations
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// Fails with [`ErrorKind::Closed`] once [`ServiceSession::close`] or
    /// [`crate::shutdown`] closed the session.
    fn ensure_open(&self) -> Result<()> {
        if self.inner.closed.load(Ordering::Acquire) || self.inner.epoch != runtime::epoch() {
            return Err(Error::new(
                ErrorKind::Closed,
                "the service session is closed (by close or shutdown)",
            ));
        }
        Ok(())
    }

    fn channel(&self) -> Result<Channel> {
        self.ensure_open()?;
        self.inner
            .channel
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
            .ok_or_else(|| Error::new(ErrorKind::Closed, "the service session is closed"))
    }

    /// Replaces the channel with one that connects on its first call, after
    /// a call on connection number `connections_before` found it gone,
    /// unless the session connected again since (another call did) or was
    /// closed. The retry must not go down the lost connection again: the
    /// old channel may not yet know that it is gone, and a device that
    /// refuses calls on a connection it keeps open keeps refusing them there.
    fn renew_channel(&self, connections_before: u64) {
        let mut channel = self.inner.channel.lock().unwrap_or_else(|e| e.into_inner());
        if channel.is_some() && self.connections() == connections_before {
            let renewed = self
                .inner
                .endpoint
                .connect_with_connector_lazy(self.inner.connector.clone());
            *channel = Some(renewed);
        }
    }

    /// The generations to try for `service`, in order.
    fn candidates(&self, service: Service) -> Vec<Generation> {
        if let Some(known) = self.generation(service) {
            return vec![known];
        }
        match service {
            // Legacy LoginCheck is served by every release through 24.4.
            Service::Authentication => vec![Generation::Legacy, Generation::Jnx],
            _ => vec![Generation::Jnx, Generation::Legacy],
        }
    }

    fn remember(&self, service: Service, generation: Generation) {
        if self.inner.options.api == Api::Auto {
            let previous = self.lock_generations().insert(service, generation);
            if previous.is_none() {
                jet_log!(
                    Level::Info,
                    "service",
                    "{} speaks the {generation} IDL",
                    service.name()
                );
            }
        }
    }

    /// Logs in on the current connection unless already done (`force` logs in
    /// again), waiting up to `bound` for the device's answer. No user:
    /// nothing to do.
    async fn ensure_login(&self, force: bool, bound: Duration) -> Result<()> {
        let Some(user) = self.inner.options.user.as_deref() else {
            return Ok(());
        };
        let mut logged_in_at = self.inner.logged_in_at.lock().await;
        let connections = self.inner.connections.load(Ordering::Acquire);
        if !force && *logged_in_at == Some(connections) {
            return Ok(());
        }
        let password = self
            .inner
            .options
            .password
            .as_ref()
            .map(|p| p.expose())
            .unwrap_or("");
        let channel = self.channel()?;
        let mut last = None;
        for generation in self.candidates(Service::Authentication) {
            let attempt = login::login(
                channel.clone(),
                generation,
                user,
                password,
                &self.inner.client_id,
            );
            match tokio::time::timeout(bound, attempt).await {
                Err(_) => {
                    return Err(Error::new(
                        ErrorKind::Timeout,
                        format!("login: no answer within {} ms", bound.as_millis()),
                    ))
                }
                Ok(Ok(())) => {
                    self.remember(Service::Authentication, generation);
                    *logged_in_at = Some(self.inner.connections.load(Ordering::Acquire));
                    jet_log!(
                        Level::Info,
                        "service",
                        "logged in as {user} ({generation} login)"
                    );
                    return Ok(());
                }
                Ok(Err(e)) if e.kind() == ErrorKind::Unimplemented => last = Some(e),
                Ok(Err(e)) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| Error::new(ErrorKind::Unimplemented, "login: no login service")))
    }

    /// Runs one call of `service`, blocking up to the deadline: logs in again
    /// after a reconnect, retries once on a new connection when the
    /// connection was lost (or the device answered `UNAVAILABLE`), and in
    /// [`Api::Auto`] tries the other generation when the device answers
    /// `UNIMPLEMENTED`.
    pub(crate) fn call<T, F, Fut>(&self, service: Service, call: F) -> Result<T>
    where
        F: Fn(Channel, Generation) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        let what = format!("the {} call", service.name());
        // Before block_on, which would start libjet again after a shutdown.
        self.ensure_open()?;
        let outcome = runtime::block_on(&what, self.call_async(service, call))?;
        self.after_call();
        outcome
    }

    async fn call_async<T, F, Fut>(&self, service: Service, call: F) -> Result<T>
    where
        F: Fn(Channel, Generation) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        let candidates = self.candidates(service);
        let mut unimplemented = None;
        // Auto settles a service's generation from the device's own answers:
        // a generation is remembered when it is the first tried or when the
        // device said UNIMPLEMENTED to the one before, never when libjet
        // itself could not express a call in it (the jnx IDL has no bulk
        // counter read), so one such call does not move every later one.
        let mut device_refused = false;
        for (tried, generation) in candidates.iter().copied().enumerate() {
            let mut retried = false;
            loop {
                self.ensure_login(false, self.deadline).await?;
                let before = self.inner.connections.load(Ordering::Acquire);
                let outcome =
                    match tokio::time::timeout(self.deadline, call(self.channel()?, generation))
                        .await
                    {
                        Ok(outcome) => outcome,
                        Err(_) => Err(Error::new(
                            ErrorKind::Timeout,
                            format!(
                                "{}: no answer within {} ms",
                                service.name(),
                                self.deadline.as_millis()
                            ),
                        )),
                    };
                match outcome {
                    Ok(value) => {
                        if tried == 0 || device_refused {
                            self.remember(service, generation);
                        }
                        return Ok(value);
                    }
                    Err(e) if e.kind() == ErrorKind::Unimplemented && candidates.len() > 1 => {
                        device_refused = e.grpc_code() == Some(tonic::Code::Unimplemented as i32);
                        unimplemented = Some(e);
                        break;
                    }
                    Err(e) if !retried && self.worth_retrying(&e, before) => {
                        jet_log!(
                            Level::Info,
                            "service",
                            "{}: {e}; reconnecting and retrying once",
                            service.name()
                        );
                        retried = true;
                        if e.kind() == ErrorKind::Unreachable {
                            self.renew_channel(before);
                        }
                        self.ensure_login(true, self.deadline).await?;
                    }
                    Err(e) => return Err(e),
                }
            }
        }
        Err(unimplemented.unwrap_or_else(|| {
            Error::new(
                ErrorKind::Unimplemented,
                format!("the device serves no {} service", service.name()),
            )
        }))
    }

    /// A lost connection, or a refusal on a connection made since the last
    /// login, is worth one more try after logging in again.
    fn worth_retrying(&self, error: &Error, connections_before: u64) -> bool {
        let reconnected = self.inner.connections.load(Ordering::Acquire) != connections_before;
        match error.kind() {
            ErrorKind::Unreachable => true,
            ErrorKind::NotAuthorized => reconnected || self.inner.options.user.is_some(),
            _ => false,
        }
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.channel
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .take();
    }
}

/// The device name as it may stand in a URI (IPv6 addresses in brackets).
fn uri_host(device: &str) -> String {
    if device.contains(':') && !device.starts_with('[') {
        format!("[{device}]")
    } else {
        device.to_string()
    }
}
