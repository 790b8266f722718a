//! A throw-away PKI made with the `openssl` command, once per test process.

use super::dirs::scratch_dir;
use super::tools::{ensure_tool, run_ok};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Certificates and keys (PEM; EC P-256; valid for 2 days from generation).
///
/// - `ca_cert`/`ca_key`: the test CA.
/// - `server_cert`/`server_key`: signed by the CA, SAN `IP:127.0.0.1, DNS:localhost`.
/// - `wrong_name_cert`/`wrong_name_key`: signed by the CA, SAN `DNS:wrong.example` only.
/// - `other_ca_cert`: an unrelated CA that signed none of the above.
/// - `client_cert`/`client_key`: a client certificate (CN `libjet-test-client`) signed by the CA.
/// - `untrusted_client_cert`/`untrusted_client_key`: a client certificate signed by the other CA.
#[derive(Clone, Debug)]
pub struct TestCerts {
    pub dir: PathBuf,
    pub ca_cert: PathBuf,
    pub ca_key: PathBuf,
    pub server_cert: PathBuf,
    pub server_key: PathBuf,
    pub wrong_name_cert: PathBuf,
    pub wrong_name_key: PathBuf,
    pub other_ca_cert: PathBuf,
    pub client_cert: PathBuf,
    pub client_key: PathBuf,
    pub untrusted_client_cert: PathBuf,
    pub untrusted_client_key: PathBuf,
}

/// One config for every `openssl` call, so that the system's openssl.cnf
/// cannot add or change extensions.
const OPENSSL_CNF: &str = "\
[req]
distinguished_name = dn
prompt = no

[dn]
CN = libjet-test

[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[wrong_name_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:wrong.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[client_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
";

impl TestCerts {
    /// The process-wide set, generated on first use (about 0.1 s).
    pub fn generate() -> TestCerts {
        static CERTS: OnceLock<TestCerts> = OnceLock::new();
        CERTS.get_or_init(make).clone()
    }
}

fn make() -> TestCerts {
    let openssl = ensure_tool("openssl", "openssl");
    let dir = scratch_dir("certs");
    let cnf = dir.join("openssl.cnf");
    fs::write(&cnf, OPENSSL_CNF).expect("write openssl.cnf");
    let gen = Gen {
        openssl,
        dir: dir.clone(),
        cnf,
    };

    let (ca_cert, ca_key) = gen.ca("ca", "libjet test CA");
    let (other_ca_cert, other_ca_key) = gen.ca("other-ca", "libjet unrelated test CA");
    let (server_cert, server_key) =
        gen.leaf("server", "localhost", "server_ext", (&ca_cert, &ca_key), 2);
    let (wrong_name_cert, wrong_name_key) = gen.leaf(
        "wrong-name",
        "wrong.example",
        "wrong_name_ext",
        (&ca_cert, &ca_key),
        3,
    );
    let (client_cert, client_key) = gen.leaf(
        "client",
        "libjet-test-client",
        "client_ext",
        (&ca_cert, &ca_key),
        4,
    );
    let (untrusted_client_cert, untrusted_client_key) = gen.leaf(
        "untrusted-client",
        "libjet-test-client",
        "client_ext",
        (&other_ca_cert, &other_ca_key),
        5,
    );
    TestCerts {
        dir,
        ca_cert,
        ca_key,
        server_cert,
        server_key,
        wrong_name_cert,
        wrong_name_key,
        other_ca_cert,
        client_cert,
        client_key,
        untrusted_client_cert,
        untrusted_client_key,
    }
}

struct Gen {
    openssl: PathBuf,
    dir: PathBuf,
    cnf: PathBuf,
}

impl Gen {
    /// `openssl req` with a fresh P-256 key and our config.
    fn req(&self, key: &Path, subject: &str) -> Command {
        let mut cmd = Command::new(&self.openssl);
        cmd.arg("req")
            .arg("-config")
            .arg(&self.cnf)
            .args([
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
            ])
            .arg("-keyout")
            .arg(key)
            .args(["-subj", &format!("/CN={subject}")]);
        cmd
    }

    /// A self-signed CA: returns (cert, key).
    fn ca(&self, name: &str, subject: &str) -> (PathBuf, PathBuf) {
        let cert = self.dir.join(format!("{name}.pem"));
        let key = self.dir.join(format!("{name}.key"));
        run_ok(
            self.req(&key, subject)
                .args(["-x509", "-days", "2", "-extensions", "ca_ext", "-out"])
                .arg(&cert),
        );
        (cert, key)
    }

    /// A certificate with the extensions of config section `ext`, signed by
    /// `issuer` (cert, key) with `serial`: returns (cert, key).
    fn leaf(
        &self,
        name: &str,
        subject: &str,
        ext: &str,
        issuer: (&Path, &Path),
        serial: u32,
    ) -> (PathBuf, PathBuf) {
        let cert = self.dir.join(format!("{name}.pem"));
        let key = self.dir.join(format!("{name}.key"));
        let csr = self.dir.join(format!("{name}.csr"));
        run_ok(self.req(&key, subject).arg("-new").arg("-out").arg(&csr));
        run_ok(
            Command::new(&self.openssl)
                .args([
                    "x509",
                    "-req",
                    "-days",
                    "2",
                    "-set_serial",
                    &serial.to_string(),
                ])
                .arg("-in")
                .arg(&csr)
                .arg("-CA")
                .arg(issuer.0)
                .arg("-CAkey")
                .arg(issuer.1)
                .arg("-extfile")
                .arg(&self.cnf)
                .args(["-extensions", ext])
                .arg("-out")
                .arg(&cert),
        );
        let _ = fs::remove_file(&csr);
        (cert, key)
    }
}
