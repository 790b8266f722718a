//! How the gRPC channel reaches the device: libjet's own TCP/TLS connect
//! (the same as the notification session's), counted, so the session knows
//! when the channel has reconnected and must log in again.

use crate::error::{Error, ErrorKind};
use crate::net::{self, Stream, TlsConnect};
use hyper_util::rt::TokioIo;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tonic::codegen::http::Uri;

/// Makes connections for a tonic channel.
#[derive(Clone)]
pub(crate) struct Connector {
    pub host: String,
    pub port: u16,
    pub tls: Option<TlsConnect>,
    pub timeout: Duration,
    /// Connections made so far.
    pub connections: Arc<AtomicU64>,
}

impl tower_service::Service<Uri> for Connector {
    type Response = TokioIo<Box<dyn Stream>>;
    type Error = Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Error>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: Uri) -> Self::Future {
        let me = self.clone();
        Box::pin(async move {
            let attempt = net::connect(&me.host, me.port, None, me.tls.as_ref());
            let (stream, _) = tokio::time::timeout(me.timeout, attempt)
                .await
                .map_err(|_| {
                    Error::new(
                        ErrorKind::Timeout,
                        format!(
                            "no answer from {}:{} within {} ms",
                            me.host,
                            me.port,
                            me.timeout.as_millis()
                        ),
                    )
                })??;
            me.connections.fetch_add(1, Ordering::AcqRel);
            Ok(TokioIo::new(stream))
        })
    }
}
