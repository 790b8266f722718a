//! Handles opened before `jet::shutdown`: a service session and a
//! notification session both answer `Closed` afterwards and start nothing
//! (no runtime, no thread). One test, because shutdown is process-wide.

use jet_testkit as support;

use jet::notify::{NotificationSession, NotifyOptions};
use jet::service::interfaces::InterfaceAddress;
use jet::service::{Api, ServiceOptions, ServiceSession};
use jet::topic::Topic;
use jet::ErrorKind;
use jet_sim::{Apis, GrpcServer};
use std::time::Duration;
use support::{libjet_threads_left_after, Broker, BrokerOptions};

#[test]
fn old_handles_after_shutdown_say_closed_and_start_nothing() {
    let device = GrpcServer::new()
        .apis(Apis::Jnx)
        .user("lab", "lab123")
        .serve()
        .expect("device server starts");
    let broker = Broker::start(BrokerOptions::default());
    let service = ServiceSession::open(ServiceOptions {
        port: device.port(),
        user: Some("lab".into()),
        password: Some("lab123".into()),
        api: Api::Jnx,
        tls: None,
        ..Default::default()
    })
    .expect("service session opens");
    let address = InterfaceAddress::parse("ge-0/0/1.0", "inet", "192.0.2.1/24").unwrap();
    service.interfaces().add_address(&address).unwrap();
    let notification = NotificationSession::open(NotifyOptions {
        port: broker.port(),
        ..Default::default()
    })
    .expect("notification session opens");
    notification.subscribe_pull(&Topic::all_events()).unwrap();
    assert!(jet::runtime::is_running());

    jet::shutdown().expect("shutdown");
    assert!(!jet::runtime::is_running());

    let error = service.interfaces().delete_address(&address).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Closed, "{error}");
    let error = notification
        .subscribe_pull(&Topic::config_update())
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Closed, "{error}");
    assert!(
        !jet::runtime::is_running(),
        "an old handle started libjet again"
    );
    // Threads already stopped leave within a generous bound; none is new.
    let left = libjet_threads_left_after(Duration::from_secs(10));
    assert!(left.is_empty(), "{left:?}");
    drop(service);
    drop(notification);
}
