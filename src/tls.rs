//! TLS client settings shared by the notification and service sessions.
//!
//! Certificates are verified by default, against the CA file given or, without
//! one, the system's roots. Turning verification off is possible, loudly logged,
//! and never the default.

use crate::error::{Error, ErrorKind, Result};
use crate::jet_log;
use crate::logging::Level;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use std::path::PathBuf;
use std::sync::Arc;
use tokio_rustls::rustls::client::danger::{
    HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier,
};
use tokio_rustls::rustls::crypto::{ring, CryptoProvider};
use tokio_rustls::rustls::{
    self, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};

/// How to make a TLS connection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TlsOptions {
    /// PEM file of the CA(s) to trust; `None` trusts the system's roots.
    pub ca_file: Option<PathBuf>,
    /// PEM client certificate (chain) for mutual TLS.
    pub cert_file: Option<PathBuf>,
    /// PEM private key of the client certificate.
    pub key_file: Option<PathBuf>,
    /// The name to verify in the server's certificate instead of the device address.
    pub server_name: Option<String>,
    /// Accept any server certificate. Off by default; for labs only.
    pub insecure_skip_verify: bool,
}

impl TlsOptions {
    /// Checks that the settings are complete (a certificate needs its key).
    pub fn validate(&self) -> Result<()> {
        match (&self.cert_file, &self.key_file) {
            (Some(_), None) => Err(Error::invalid(
                "tls: a client certificate needs its key file",
            )),
            (None, Some(_)) => Err(Error::invalid(
                "tls: a client key needs its certificate file",
            )),
            _ => Ok(()),
        }
    }

    /// The server name to verify when connecting to `host`.
    pub fn server_name_for(&self, host: &str) -> Result<ServerName<'static>> {
        let name = self.server_name.as_deref().unwrap_or(host);
        ServerName::try_from(name.to_string())
            .map_err(|_| Error::invalid(format!("tls: '{name}' is not a valid server name")))
    }

    /// Everything needed to connect to `host` with TLS, offering `alpn` protocols.
    pub fn connect_settings(&self, host: &str, alpn: &[&[u8]]) -> Result<crate::net::TlsConnect> {
        Ok(crate::net::TlsConnect {
            config: self.client_config(alpn)?,
            server_name: self.server_name_for(host)?,
        })
    }

    /// Builds a rustls client configuration with `alpn` protocols.
    pub fn client_config(&self, alpn: &[&[u8]]) -> Result<Arc<ClientConfig>> {
        self.validate()?;
        let provider = Arc::new(ring::default_provider());
        let builder = ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(tls_error)?;
        let builder = if self.insecure_skip_verify {
            jet_log!(
                Level::Warn,
                "tls",
                "certificate verification is OFF: any server is accepted"
            );
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(AcceptAnyCertificate(provider)))
        } else {
            builder.with_root_certificates(self.roots()?)
        };
        let mut config = match (&self.cert_file, &self.key_file) {
            (Some(cert), Some(key)) => {
                let chain = read_certificates(cert)?;
                let key = PrivateKeyDer::from_pem_file(key).map_err(|e| {
                    Error::new(
                        ErrorKind::Tls,
                        format!("tls: cannot read key {}: {e}", key.display()),
                    )
                })?;
                builder
                    .with_client_auth_cert(chain, key)
                    .map_err(tls_error)?
            }
            _ => builder.with_no_client_auth(),
        };
        config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
        Ok(Arc::new(config))
    }

    fn roots(&self) -> Result<RootCertStore> {
        let mut roots = RootCertStore::empty();
        match &self.ca_file {
            Some(path) => {
                for cert in read_certificates(path)? {
                    roots.add(cert).map_err(tls_error)?;
                }
            }
            None => {
                let found = rustls_native_certs::load_native_certs();
                for cert in found.certs {
                    let _ = roots.add(cert);
                }
            }
        }
        if roots.is_empty() {
            return Err(Error::new(
                ErrorKind::Tls,
                "tls: no trusted CA certificate found",
            ));
        }
        Ok(roots)
    }
}

fn read_certificates(path: &PathBuf) -> Result<Vec<CertificateDer<'static>>> {
    let certs: std::result::Result<Vec<_>, _> = CertificateDer::pem_file_iter(path)
        .map_err(|e| {
            Error::new(
                ErrorKind::Tls,
                format!("tls: cannot read {}: {e}", path.display()),
            )
        })?
        .collect();
    let certs = certs.map_err(|e| {
        Error::new(
            ErrorKind::Tls,
            format!("tls: bad PEM in {}: {e}", path.display()),
        )
    })?;
    if certs.is_empty() {
        return Err(Error::new(
            ErrorKind::Tls,
            format!("tls: no certificate in {}", path.display()),
        ));
    }
    Ok(certs)
}

fn tls_error(e: rustls::Error) -> Error {
    Error::new(ErrorKind::Tls, format!("tls: {e}"))
}

/// The verifier behind `insecure_skip_verify`: checks signatures, trusts any certificate.
#[derive(Debug)]
struct AcceptAnyCertificate(Arc<CryptoProvider>);

impl ServerCertVerifier for AcceptAnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}
