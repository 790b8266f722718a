//! Connecting to a device: TCP (from a chosen source address when asked) and,
//! optionally, TLS. Shared by the notification and service sessions.

use crate::error::{Error, ErrorKind, Result};
use std::net::{IpAddr, SocketAddr};
use std::os::fd::{AsRawFd, RawFd};
use std::sync::Arc;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{lookup_host, TcpSocket, TcpStream};
use tokio_rustls::rustls::pki_types::ServerName;
use tokio_rustls::rustls::{CertificateError, ClientConfig};

/// A byte stream to a device: plain TCP or TLS over TCP.
pub trait Stream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Stream for T {}

/// TLS settings ready for connecting: the rustls configuration and the name
/// to verify in the device's certificate.
#[derive(Clone)]
pub struct TlsConnect {
    /// The client configuration (roots, client certificate, ALPN).
    pub config: Arc<ClientConfig>,
    /// The name the server certificate must carry.
    pub server_name: ServerName<'static>,
}

/// Connects to `host:port`, from `source` when given, with TCP_NODELAY.
pub async fn connect_tcp(host: &str, port: u16, source: Option<IpAddr>) -> Result<TcpStream> {
    let target = format!("{host}:{port}");
    let addresses = lookup_host((host, port)).await.map_err(|e| {
        Error::new(
            ErrorKind::Unreachable,
            format!("cannot resolve {target}: {e}"),
        )
    })?;
    let mut last_error = None;
    for address in addresses {
        if source.is_some_and(|s| s.is_ipv4() != address.is_ipv4()) {
            continue;
        }
        let socket = if address.is_ipv4() {
            TcpSocket::new_v4()
        } else {
            TcpSocket::new_v6()
        }
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot make a socket: {e}")))?;
        if let Some(source) = source {
            socket
                .bind(SocketAddr::new(source, 0))
                .map_err(|e| Error::invalid(format!("cannot use source address {source}: {e}")))?;
        }
        let _ = socket.set_nodelay(true);
        match socket.connect(address).await {
            Ok(stream) => return Ok(stream),
            Err(e) => last_error = Some(e),
        }
    }
    Err(Error::new(
        ErrorKind::Unreachable,
        match last_error {
            Some(e) => format!("cannot connect to {target}: {e}"),
            None => format!("cannot connect to {target}: no address of the right family"),
        },
    ))
}

/// Connects to `host:port` and, when `tls` is given, makes the TLS handshake.
/// Returns the stream and the TCP socket under it, for socket options (the
/// descriptor is open while the stream lives).
pub async fn connect(
    host: &str,
    port: u16,
    source: Option<IpAddr>,
    tls: Option<&TlsConnect>,
) -> Result<(Box<dyn Stream>, RawFd)> {
    let tcp = connect_tcp(host, port, source).await?;
    let socket = tcp.as_raw_fd();
    let Some(tls) = tls else {
        return Ok((Box::new(tcp), socket));
    };
    let connector = tokio_rustls::TlsConnector::from(tls.config.clone());
    let stream = connector
        .connect(tls.server_name.clone(), tcp)
        .await
        .map_err(|e| handshake_error(host, &e))?;
    Ok((Box::new(stream), socket))
}

/// What rustls found wrong with the peer's certificate, if that failed the
/// handshake. (Its text varies: a name mismatch reads `NotValidForName` or
/// `certificate not valid for name …`, depending on what rustls knows.)
fn certificate_error(error: &std::io::Error) -> Option<&CertificateError> {
    match error
        .get_ref()?
        .downcast_ref::<tokio_rustls::rustls::Error>()?
    {
        tokio_rustls::rustls::Error::InvalidCertificate(certificate) => Some(certificate),
        _ => None,
    }
}

/// A failed TLS handshake, with what is likely wrong when rustls says so.
fn handshake_error(host: &str, error: &std::io::Error) -> Error {
    let text = error.to_string();
    let hint = if text.contains("InvalidContentType") || text.contains("corrupt message") {
        " (the device answered in clear text: turn TLS off for a device without it, or \
         use the port where it speaks TLS)"
    } else if text.contains("eof") {
        " (the device closed the connection during the TLS handshake: does it speak TLS \
         on this port?)"
    } else if matches!(
        certificate_error(error),
        Some(CertificateError::UnknownIssuer)
    ) {
        " (the device's certificate is not signed by a CA this client trusts: give the \
         CA file that signed it)"
    } else if matches!(
        certificate_error(error),
        Some(CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. })
    ) {
        " (the device's certificate does not name the host connected to: connect by the \
         name in the certificate, or set the TLS server name)"
    } else {
        ""
    };
    Error::new(
        ErrorKind::Tls,
        format!("tls handshake with {host}: {text}{hint}"),
    )
}
