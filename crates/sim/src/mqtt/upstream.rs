//! The front's connection to rumqttd, which leaves the connection open after
//! a client's DISCONNECT.
//!
//! rumqttd frees a connection's id as soon as its router reads a DISCONNECT,
//! and the next client to connect may get the same id. When the end of the
//! stream (the front passing on the client's close) reaches rumqttd's link
//! after that, the link tells the router "connection `id` is gone" once
//! more, and the router disconnects the new client that holds the id. A
//! session that closed as the next one connected thus cut that one (and a
//! QoS 0 event published before it reconnected was lost: a test saw it
//! about one run in twenty under load).
//!
//! So when the client's last bytes are a DISCONNECT, the end of the
//! client's stream is not passed on: rumqttd closes the connection itself
//! once its router has dropped it, and then its link sends nothing more.
//! Any other end (a client that vanished) is passed on, as before, so
//! rumqttd sees a lost connection (and fires its will).

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

/// An MQTT 3.1.1 DISCONNECT packet: its whole encoding.
const DISCONNECT: [u8; 2] = [0xE0, 0x00];

/// The connection to rumqttd, remembering the last two bytes written to it.
pub(super) struct Upstream {
    stream: TcpStream,
    tail: [u8; 2],
}

impl Upstream {
    /// Wraps the connection to rumqttd.
    pub(super) fn new(stream: TcpStream) -> Upstream {
        Upstream {
            stream,
            tail: [0, 0],
        }
    }

    /// Whether the client's last bytes were a DISCONNECT.
    fn ended_with_disconnect(&self) -> bool {
        self.tail == DISCONNECT
    }

    fn remember(&mut self, written: &[u8]) {
        match written {
            [] => {}
            [one] => self.tail = [self.tail[1], *one],
            [.., a, b] => self.tail = [*a, *b],
        }
    }
}

impl AsyncRead for Upstream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Upstream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let written = Pin::new(&mut self.stream).poll_write(cx, buf);
        if let Poll::Ready(Ok(n)) = written {
            self.remember(&buf[..n]);
        }
        written
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    /// Passes the end of the client's stream on, unless it ended with a
    /// DISCONNECT (then rumqttd closes the connection).
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.ended_with_disconnect() {
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    /// A connected pair: the wrapped side and the peer it talks to.
    async fn pair() -> (Upstream, TcpStream) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let (connected, accepted) = tokio::join!(TcpStream::connect(address), listener.accept());
        (Upstream::new(connected.unwrap()), accepted.unwrap().0)
    }

    #[tokio::test]
    async fn a_stream_that_ends_with_disconnect_is_not_ended() {
        let (mut upstream, mut peer) = pair().await;
        upstream
            .write_all(&[0x30, 0x03, 0x00, 0x01, b't'])
            .await
            .unwrap();
        upstream.write_all(&[0xE0]).await.unwrap();
        upstream.write_all(&[0x00]).await.unwrap();
        upstream.shutdown().await.unwrap();
        let mut got = [0u8; 7];
        peer.read_exact(&mut got).await.unwrap();
        assert_eq!(got[5..], DISCONNECT);
        // No end of stream follows: the peer (rumqttd) closes first.
        let more = tokio::time::timeout(
            std::time::Duration::from_millis(200),
            peer.read(&mut [0u8; 1]),
        )
        .await;
        assert!(more.is_err(), "the end of the stream was passed on");
    }

    #[tokio::test]
    async fn any_other_end_is_passed_on() {
        let (mut upstream, mut peer) = pair().await;
        upstream.write_all(&[0xC0, 0x00]).await.unwrap();
        upstream.shutdown().await.unwrap();
        let mut got = Vec::new();
        peer.read_to_end(&mut got).await.unwrap();
        assert_eq!(got, [0xC0, 0x00]);
    }
}
