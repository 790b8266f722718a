//! TLS refusals (issue 19, SECURITY.md): against `jet sim` serving TLS on
//! both ports, and against one in clear text, each half of libjet refuses
//! a certificate from an untrusted CA, a certificate for another name, and
//! a clear-text peer, each with an error of kind `Tls` whose words say
//! which of the three it is (a clear-text broker closes the connection, a
//! clear-text gRPC device answers in clear text); a trusted CA and the right name are accepted.

mod harness;

use harness::{Sim, PASSWORD, USER};
use jet::notify::{NotificationSession, NotifyOptions};
use jet::service::{ServiceOptions, ServiceSession};
use jet::tls::TlsOptions;
use jet::{Error, ErrorKind};
use jet_testkit::TestCerts;
use std::time::Duration;

const UNTRUSTED: &str = "not signed by a CA this client trusts";
const WRONG_NAME: &str = "does not name the host";
/// A gRPC device answers a TLS hello in clear text; an MQTT broker says
/// nothing until it has a CONNECT, and closes the connection on garbage.
const CLEAR_TEXT: &str = "the device answered in clear text";
const CLOSED: &str = "does it speak TLS on this port?";

fn notify(sim: &Sim, tls: &TlsOptions) -> Result<(), Error> {
    NotificationSession::open(NotifyOptions {
        port: sim.mqtt.parse().expect("port"),
        tls: Some(tls.clone()),
        connect_timeout: Duration::from_secs(5),
        ..Default::default()
    })
    .map(|session| session.close())
}

fn service(sim: &Sim, tls: &TlsOptions) -> Result<(), Error> {
    ServiceSession::open(ServiceOptions {
        port: sim.grpc.parse().expect("port"),
        user: Some(USER.into()),
        password: Some(PASSWORD.into()),
        tls: Some(tls.clone()),
        connect_timeout: Duration::from_secs(5),
        ..Default::default()
    })
    .map(|session| session.close())
}

/// Asserts a TLS refusal whose message holds `words` and none of the other
/// two cases' words; returns the message.
fn refused(result: Result<(), Error>, words: &str, what: &str) -> String {
    let error = result.expect_err(what);
    let message = error.to_string();
    println!("{what}: {message}");
    assert_eq!(error.kind(), ErrorKind::Tls, "{what}: {message}");
    assert!(message.contains(words), "{what}: {message}");
    let others = [UNTRUSTED, WRONG_NAME, CLEAR_TEXT, CLOSED]
        .into_iter()
        .filter(|w| *w != words);
    for other in others {
        assert!(!message.contains(other), "{what}: {message}");
    }
    message
}

#[test]
fn tls_refuses_an_untrusted_ca_a_wrong_name_and_clear_text_each_in_its_own_words() {
    let certs = TestCerts::generate();
    let cert = certs.server_cert.to_str().expect("UTF-8 path");
    let key = certs.server_key.to_str().expect("UTF-8 path");
    let tls_sim = Sim::start(&["--tls-cert", cert, "--tls-key", key]);
    let clear_sim = Sim::start(&[]);
    let trusted = TlsOptions {
        ca_file: Some(certs.ca_cert.clone()),
        ..Default::default()
    };
    let untrusted = TlsOptions {
        ca_file: Some(certs.other_ca_cert.clone()),
        ..Default::default()
    };
    let wrong_name = TlsOptions {
        server_name: Some("wrong.example".into()),
        ..trusted.clone()
    };

    notify(&tls_sim, &trusted).expect("notifications with the trusted CA");
    service(&tls_sim, &trusted).expect("services with the trusted CA");
    type Open = fn(&Sim, &TlsOptions) -> Result<(), Error>;
    for (half, open, clear_text) in [
        ("notifications", notify as Open, CLOSED),
        ("services", service, CLEAR_TEXT),
    ] {
        let messages = [
            refused(
                open(&tls_sim, &untrusted),
                UNTRUSTED,
                &format!("{half}, untrusted CA"),
            ),
            refused(
                open(&tls_sim, &wrong_name),
                WRONG_NAME,
                &format!("{half}, wrong name"),
            ),
            refused(
                open(&clear_sim, &trusted),
                clear_text,
                &format!("{half}, clear text"),
            ),
        ];
        assert_ne!(messages[0], messages[1]);
        assert_ne!(messages[1], messages[2]);
    }
}
