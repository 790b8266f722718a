//! The broker's TCP front: the port clients see.
//!
//! rumqttd cannot refuse clients by source address, cannot report the port
//! it bound for port 0, answers bad credentials by closing the connection
//! without a CONNACK, refuses keepalive 0 and cannot be stopped. So clients
//! never reach it directly. The front listens on the public address and, for
//! each connection:
//!
//! 1. checks the source address against `allow-clients`; a client outside
//!    it gets its TCP connection closed (FIN, no MQTT byte) right after the
//!    accept, so libjet reports "the broker closed the connection during the
//!    MQTT handshake (is this client's address in allow-clients?)";
//! 2. does the TLS handshake when TLS is on;
//! 3. reads the CONNECT: one of MQTT 3.1 or 5 is answered CONNACK 1
//!    (unacceptable protocol version; rumqttd's listener speaks 3.1.1 only)
//!    and the connection closed; when the broker has users, a CONNECT
//!    without a user name is answered CONNACK 5 (not authorized), one with a
//!    wrong pair CONNACK 4 (bad user name or password), and closed;
//! 4. rewrites the CONNECT with the front's own credentials for rumqttd's
//!    internal listener (so a local process that finds that port cannot
//!    bypass steps 1 and 3) and keepalive 0 as 65535 s (rumqttd refuses 0),
//!    connects to rumqttd and copies bytes both ways until either side
//!    closes (a client's DISCONNECT and close are passed on so that rumqttd
//!    ends the connection once: `upstream.rs`).

use super::allow::{admits, ClientPrefix};
use super::upstream::Upstream;
use crate::say::{Say, INFO};
use bytes::BytesMut;
use rumqttc::mqttbytes::{self, Protocol};
use rumqttc::{ConnAck, Connect, ConnectReturnCode, Login, Packet};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::timeout;
use tokio_rustls::TlsAcceptor;

/// Time a client has for TLS and its CONNECT.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a refused connection is drained before it is dropped.
const REFUSE_DRAIN: Duration = Duration::from_secs(2);
/// How long connecting to rumqttd's internal listener may take.
const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(5);

/// What the broker counts; see [`super::BrokerStats`].
#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub(crate) admitted: AtomicU64,
    pub(crate) connected: AtomicU64,
    pub(crate) refused_address: AtomicU64,
    pub(crate) refused_login: AtomicU64,
    pub(crate) published: AtomicU64,
}

/// Everything a connection needs, shared by all of them.
pub(crate) struct Front {
    pub(crate) allow: Vec<ClientPrefix>,
    /// user → password; empty: anyone may connect.
    pub(crate) users: HashMap<String, String>,
    pub(crate) tls: Option<TlsAcceptor>,
    /// rumqttd's internal listener.
    pub(crate) upstream: SocketAddr,
    /// The credentials rumqttd's internal listener wants.
    pub(crate) upstream_login: (String, String),
    /// The largest packet a client may send.
    pub(crate) max_packet: usize,
    pub(crate) counters: Arc<Counters>,
    pub(crate) say: Say,
}

/// Accepts until the task is dropped (the broker's runtime shuts down).
pub(crate) async fn run(listener: TcpListener, front: Arc<Front>) {
    loop {
        match listener.accept().await {
            Ok((stream, peer)) => {
                let front = Arc::clone(&front);
                tokio::spawn(async move { front.serve(stream, peer).await });
            }
            Err(e) => {
                front
                    .say
                    .line(INFO, format_args!("MQTT accept failed: {e}"));
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    }
}

impl Front {
    async fn serve(&self, stream: TcpStream, peer: SocketAddr) {
        let _ = stream.set_nodelay(true);
        if !admits(&self.allow, peer.ip()) {
            self.counters
                .refused_address
                .fetch_add(1, Ordering::Relaxed);
            self.say.line(
                INFO,
                format_args!(
                    "MQTT client {peer} refused: {} is not in allow-clients",
                    peer.ip()
                ),
            );
            refuse(stream).await;
            return;
        }
        let outcome = match &self.tls {
            None => self.session(stream, peer).await,
            Some(acceptor) => match timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                Ok(Ok(tls)) => self.session(tls, peer).await,
                Ok(Err(e)) => Err(format!("TLS handshake failed: {e}")),
                Err(_) => Err("no TLS handshake in time".to_string()),
            },
        };
        if let Err(why) = outcome {
            self.say
                .line(INFO, format_args!("MQTT client {peer}: {why}"));
        }
    }

    /// One client from its CONNECT to the end of the connection.
    async fn session<S>(&self, mut client: S, peer: SocketAddr) -> Result<(), String>
    where
        S: AsyncRead + AsyncWrite + Unpin,
    {
        let (mut connect, rest) = match read_connect(&mut client, self.max_packet).await {
            Ok(read) => read,
            Err(Unread::Version(why)) => {
                refuse_connect(&mut client, ConnectReturnCode::RefusedProtocolVersion).await;
                return Err(format!("{why}: not MQTT 3.1.1 (CONNACK 1)"));
            }
            Err(Unread::Other(why)) => return Err(why),
        };
        if let Some(code) = self.check_login(&connect) {
            self.counters.refused_login.fetch_add(1, Ordering::Relaxed);
            refuse_connect(&mut client, code).await;
            return Err(format!(
                "client id {:?} refused: {}",
                connect.client_id,
                match code {
                    ConnectReturnCode::NotAuthorized => "no user name (CONNACK 5)",
                    _ => "wrong user name or password (CONNACK 4)",
                }
            ));
        }
        let client_id = connect.client_id.clone();
        let (user, password) = &self.upstream_login;
        connect.login = Some(Login::new(user.clone(), password.clone()));
        if connect.keep_alive == 0 {
            connect.keep_alive = u16::MAX;
        }
        let mut first = BytesMut::new();
        Packet::Connect(connect)
            .write(&mut first, usize::MAX)
            .map_err(|e| format!("cannot re-encode CONNECT: {e}"))?;
        first.extend_from_slice(&rest);

        let mut upstream = match timeout(UPSTREAM_TIMEOUT, TcpStream::connect(self.upstream)).await
        {
            Ok(Ok(upstream)) => upstream,
            Ok(Err(e)) => return Err(format!("internal broker unreachable: {e}")),
            Err(_) => return Err("internal broker did not answer".to_string()),
        };
        let _ = upstream.set_nodelay(true);
        upstream
            .write_all(&first)
            .await
            .map_err(|e| format!("internal broker: {e}"))?;

        self.counters.admitted.fetch_add(1, Ordering::Relaxed);
        self.counters.connected.fetch_add(1, Ordering::Relaxed);
        self.say.line(
            INFO,
            format_args!("MQTT client {client_id:?} connected from {peer}"),
        );
        let mut upstream = Upstream::new(upstream);
        let copied = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
        self.counters.connected.fetch_sub(1, Ordering::Relaxed);
        match copied {
            Ok(_) => self.say.line(
                INFO,
                format_args!("MQTT client {client_id:?} from {peer} disconnected"),
            ),
            Err(e) => self.say.line(
                INFO,
                format_args!("MQTT client {client_id:?} from {peer} disconnected ({e})"),
            ),
        }
        Ok(())
    }

    /// The CONNACK refusal for `connect`'s credentials, if any.
    fn check_login(&self, connect: &Connect) -> Option<ConnectReturnCode> {
        if self.users.is_empty() {
            return None;
        }
        match &connect.login {
            None => Some(ConnectReturnCode::NotAuthorized),
            Some(login) if self.users.get(&login.username) == Some(&login.password) => None,
            Some(_) => Some(ConnectReturnCode::BadUserNamePassword),
        }
    }
}

/// Why no CONNECT could be read.
enum Unread {
    /// A CONNECT of another protocol version (MQTT 3.1 or 5).
    Version(String),
    /// Anything else: the connection is just closed.
    Other(String),
}

/// Reads the client's first packet, which must be an MQTT 3.1.1 CONNECT;
/// returns it and whatever the client sent after it.
async fn read_connect<S>(client: &mut S, max_packet: usize) -> Result<(Connect, BytesMut), Unread>
where
    S: AsyncRead + Unpin,
{
    let reading = async {
        let mut input = BytesMut::with_capacity(4096);
        loop {
            // Packet::read consumes a whole packet even when it fails.
            let level = connect_level(&input);
            match Packet::read(&mut input, max_packet) {
                Ok(Packet::Connect(connect)) if connect.protocol == Protocol::V4 => {
                    return Ok((connect, input))
                }
                Ok(Packet::Connect(_)) => {
                    return Err(Unread::Version("an MQTT 5 CONNECT".to_string()))
                }
                Ok(other) => {
                    return Err(Unread::Other(format!(
                        "first packet is not CONNECT: {other:?}"
                    )))
                }
                Err(mqttbytes::Error::InsufficientBytes(_)) => {}
                Err(
                    e @ (mqttbytes::Error::InvalidProtocol
                    | mqttbytes::Error::InvalidProtocolLevel(_)),
                ) => return Err(Unread::Version(format!("CONNECT refused ({e})"))),
                Err(_) if level.is_some_and(|level| level != 4) => {
                    return Err(Unread::Version("an MQTT 5 CONNECT".to_string()))
                }
                Err(e) => return Err(Unread::Other(format!("bad CONNECT: {e}"))),
            }
            let read = client
                .read_buf(&mut input)
                .await
                .map_err(|e| Unread::Other(format!("connection lost before CONNECT: {e}")))?;
            if read == 0 {
                return Err(Unread::Other("closed before sending CONNECT".to_string()));
            }
        }
    };
    timeout(HANDSHAKE_TIMEOUT, reading)
        .await
        .map_err(|_| Unread::Other("no CONNECT in time".to_string()))?
}

/// The protocol level of the CONNECT at the start of `input`, if it is one
/// with the protocol name `MQTT`.
fn connect_level(input: &[u8]) -> Option<u8> {
    if input.first()? >> 4 != 1 {
        return None;
    }
    // The remaining length: 1 to 4 bytes, 7 bits each, high bit = more.
    let length_bytes = input[1..].iter().take(4).position(|b| b & 0x80 == 0)? + 1;
    let header = &input[1 + length_bytes..];
    match header {
        [0, 4, b'M', b'Q', b'T', b'T', level, ..] => Some(*level),
        _ => None,
    }
}

/// Answers a CONNECT with the refusal `code` and closes the connection.
async fn refuse_connect<S>(client: &mut S, code: ConnectReturnCode)
where
    S: AsyncWrite + Unpin,
{
    let mut out = BytesMut::new();
    if Packet::ConnAck(ConnAck::new(code, false))
        .write(&mut out, usize::MAX)
        .is_ok()
    {
        let _ = client.write_all(&out).await;
    }
    let _ = client.shutdown().await;
}

/// Closes a refused connection the way a client can report: FIN first, then
/// whatever the client still sends (its CONNECT) is read and dropped, so the
/// close is not turned into a reset by unread data.
async fn refuse(mut stream: TcpStream) {
    let _ = stream.shutdown().await;
    let mut sink = [0u8; 1024];
    let _ = timeout(REFUSE_DRAIN, async {
        while let Ok(n) = stream.read(&mut sink).await {
            if n == 0 {
                break;
            }
        }
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::connect_level;

    #[test]
    fn the_protocol_level_of_a_connect_is_found() {
        let v5 = [0x10, 0x10, 0, 4, b'M', b'Q', b'T', b'T', 5, 2, 0, 60];
        assert_eq!(connect_level(&v5), Some(5));
        let long = [0x10, 0x81, 0x01, 0, 4, b'M', b'Q', b'T', b'T', 4];
        assert_eq!(connect_level(&long), Some(4));
        let v31 = [0x10, 0x10, 0, 6, b'M', b'Q', b'I', b's', b'd', b'p', 3];
        assert_eq!(connect_level(&v31), None);
        assert_eq!(connect_level(&[0x30, 0x02, 0, 0]), None);
        assert_eq!(connect_level(&[]), None);
    }
}
