//! Connection tracking: logins belong to TCP connections, as on a device
//! (`jsd` keeps a session while the client stays connected). Accepting a
//! connection applies [`Change::Connected`]; dropping it (client gone,
//! server stopped) applies [`Change::Disconnected`], which frees its client
//! id, and starts the purge of its filters and policers ([`super::purge`]).

use super::change::Change;
use super::state::DeviceState;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tonic::codegen::tokio_stream::Stream;
use tonic::transport::server::{Connected, TcpConnectInfo};

/// The accepted connections of a listener, as tracked streams.
pub(crate) struct Incoming {
    listener: TcpListener,
    state: Arc<DeviceState>,
}

impl Incoming {
    pub(crate) fn new(listener: TcpListener, state: Arc<DeviceState>) -> Incoming {
        Incoming { listener, state }
    }
}

impl Stream for Incoming {
    type Item = io::Result<TrackedStream>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        match this.listener.poll_accept(cx) {
            Poll::Ready(Ok((stream, peer))) => {
                let _ = stream.set_nodelay(true);
                let connection = this.state.next_connection_id();
                let _ = this.state.apply(Change::Connected { peer, connection });
                Poll::Ready(Some(Ok(TrackedStream {
                    inner: stream,
                    peer,
                    connection,
                    state: Arc::clone(&this.state),
                })))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Some(Err(e))),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// A TCP connection that tells the device when it goes away.
pub(crate) struct TrackedStream {
    inner: TcpStream,
    peer: SocketAddr,
    connection: u64,
    state: Arc<DeviceState>,
}

impl Drop for TrackedStream {
    fn drop(&mut self) {
        let login = super::purge::login_of_connection(&self.state, self.peer, self.connection);
        let _ = self.state.apply(Change::Disconnected {
            peer: self.peer,
            connection: self.connection,
        });
        super::purge::after_disconnect(&self.state, login);
    }
}

impl Connected for TrackedStream {
    type ConnectInfo = TcpConnectInfo;

    fn connect_info(&self) -> Self::ConnectInfo {
        self.inner.connect_info()
    }
}

impl AsyncRead for TrackedStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for TrackedStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}
