//! A blocking MQTT 3.1.1 connection on rumqttc's packet codec, for the
//! publisher and `prepare`: no event loop between the program and the socket.

use bytes::BytesMut;
use rumqttc::mqttbytes;
use rumqttc::{ConnectReturnCode, Packet};
use std::io::{self, Read, Write};
use std::net::TcpStream;

/// Largest packet accepted from the broker.
const MAX_PACKET: usize = 1 << 20;

/// Where to connect and as whom.
pub struct Peer<'a> {
    pub host: &'a str,
    pub port: u16,
    pub client_id: &'a str,
    pub clean_session: bool,
}

/// A connection that has its CONNACK.
pub struct Link {
    pub stream: TcpStream,
    input: BytesMut,
}

/// Adds the encoding of `packet` to `output`.
pub fn encode(packet: &Packet, output: &mut BytesMut) -> io::Result<()> {
    packet
        .write(output, usize::MAX)
        .map(|_| ())
        .map_err(|e| io::Error::other(format!("cannot encode a packet: {e}")))
}

impl Link {
    /// Connects and waits for the broker to accept.
    pub fn connect(peer: &Peer<'_>) -> io::Result<Link> {
        let mut stream = TcpStream::connect((peer.host, peer.port))?;
        stream.set_nodelay(true)?;
        let mut connect = rumqttc::Connect::new(peer.client_id);
        connect.keep_alive = 600;
        connect.clean_session = peer.clean_session;
        let mut output = BytesMut::new();
        encode(&Packet::Connect(connect), &mut output)?;
        stream.write_all(&output)?;
        let mut link = Link {
            stream,
            input: BytesMut::with_capacity(64 * 1024),
        };
        match link.read_packet()? {
            Packet::ConnAck(ack) if ack.code == ConnectReturnCode::Success => Ok(link),
            other => Err(io::Error::other(format!(
                "the broker did not accept the connection: {other:?}"
            ))),
        }
    }

    /// A second handle on the socket, for a thread that reads while another writes.
    pub fn reader(&self) -> io::Result<Link> {
        Ok(Link {
            stream: self.stream.try_clone()?,
            input: BytesMut::with_capacity(64 * 1024),
        })
    }

    /// Writes one packet.
    pub fn send(&mut self, packet: &Packet) -> io::Result<()> {
        let mut output = BytesMut::new();
        encode(packet, &mut output)?;
        self.stream.write_all(&output)
    }

    /// Reads the next packet.
    pub fn read_packet(&mut self) -> io::Result<Packet> {
        loop {
            match Packet::read(&mut self.input, MAX_PACKET) {
                Ok(packet) => return Ok(packet),
                Err(mqttbytes::Error::InsufficientBytes(_)) => {}
                Err(e) => return Err(io::Error::other(format!("bad packet: {e}"))),
            }
            let mut chunk = [0u8; 16 * 1024];
            let n = self.stream.read(&mut chunk)?;
            if n == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the broker closed the connection",
                ));
            }
            self.input.extend_from_slice(&chunk[..n]);
        }
    }
}
