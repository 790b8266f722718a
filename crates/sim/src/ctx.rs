//! What every service implementation shares: the device, the recorder and
//! the authentication rule.

use super::error::DeviceError;
use super::model::Generation;
use super::recorder::Recorder;
use super::state::DeviceState;
use prost::Message;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use tonic::codegen::tokio_stream::{self, Stream};
use tonic::{Request, Status};

/// The stream type of every server-streaming reply.
pub(crate) type ReplyStream<T> = Pin<Box<dyn Stream<Item = Result<T, Status>> + Send + 'static>>;

/// A stream of `items`, one gRPC message each.
pub(crate) fn reply_stream<T: Send + 'static>(items: Vec<T>) -> ReplyStream<T> {
    Box::pin(tokio_stream::iter(items.into_iter().map(Ok)))
}

/// The text of the gRPC `Unauthenticated` answer to a call made before login.
pub const NOT_LOGGED_IN: &str = "Authorization failed: the connection has not logged in";

/// The text of the gRPC `Unavailable` answer to a call on a refused
/// connection.
pub(crate) const CONNECTION_REFUSED: &str = "the JET server is not serving this connection";

/// The services' shared context.
#[derive(Clone)]
pub(crate) struct Ctx {
    pub(crate) state: Arc<DeviceState>,
    pub(crate) recorder: Recorder,
    pub(crate) skip_authentication: bool,
}

impl Ctx {
    /// Records the request; returns the client's address, or gRPC
    /// `Unavailable` when calls on its connection are refused
    /// ([`super::Change::ConnectionsRefused`]).
    pub(crate) fn record<M: Message>(
        &self,
        method: &str,
        request: &Request<M>,
    ) -> Result<Option<SocketAddr>, Status> {
        let peer = request.remote_addr();
        self.recorder.record(method, request.get_ref(), peer);
        if peer.is_some_and(|p| self.state.is_refused(p)) {
            return Err(Status::unavailable(CONNECTION_REFUSED));
        }
        Ok(peer)
    }

    /// Records the request and lets it through when its connection logged in
    /// (or authentication is skipped); otherwise gRPC `Unauthenticated`.
    pub(crate) fn authorize<M: Message>(
        &self,
        method: &str,
        request: &Request<M>,
    ) -> Result<Option<SocketAddr>, Status> {
        let peer = self.record(method, request)?;
        if self.skip_authentication || peer.is_some_and(|p| self.state.is_logged_in(p)) {
            Ok(peer)
        } else {
            Err(Status::unauthenticated(NOT_LOGGED_IN))
        }
    }

    /// The client id of the connection's login.
    pub(crate) fn client_id(&self, peer: Option<SocketAddr>) -> Option<String> {
        peer.and_then(|p| self.state.login_of(p))
            .map(|l| l.client_id)
    }

    /// Logs the connection in. `Ok(false)`: wrong credentials (an in-band
    /// answer); a client id in use is a gRPC `InvalidArgument`.
    pub(crate) fn login(
        &self,
        peer: Option<SocketAddr>,
        user: &str,
        password: &str,
        client_id: &str,
        generation: Generation,
    ) -> Result<bool, Status> {
        let Some(peer) = peer else {
            return Err(Status::internal("the connection has no peer address"));
        };
        match self
            .state
            .login(peer, user, password, client_id, generation)
        {
            Ok(()) => Ok(true),
            Err(DeviceError::BadCredentials) => Ok(false),
            Err(e @ DeviceError::ClientIdInUse(_)) => Err(Status::invalid_argument(e.to_string())),
            Err(e) => Err(Status::internal(e.to_string())),
        }
    }
}
