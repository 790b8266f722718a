//! The simulated device's notification side (`jet_sim::Device`), seen
//! through libjet's own clients: every service call publishes the event a
//! device publishes, on the device's topic; scripts replay byte for byte;
//! the rate mode keeps publishing; allow-clients, user/password and TLS
//! guard the broker; stop closes it.
//!
//! rumqttd's router thread cannot be stopped: each test starts its own
//! device on fresh ports, and the routers (idle once their device stops)
//! stay until the test process exits.

use jet_testkit as support;

mod events {
    use super::support::{data_dir, samples, TestCerts};
    use jet::event::Event;
    use jet::notify::{ConnectionState, NotificationSession, NotifyOptions};
    use jet::service::firewall::{self, BindPoint, Binding, Direction, Family, Filter, TermChange};
    use jet::service::interfaces::InterfaceAddress;
    use jet::service::management::{ConfigFormat, ConfigLoad, LoadType};
    use jet::service::{Api, ServiceOptions, ServiceSession};
    use jet::tls::TlsOptions;
    use jet::topic::{self, Op, Topic};
    use jet::ErrorKind;
    use jet_sim::{Apis, ClientPrefix, Device, DeviceOptions, Rate, TlsFiles, HOST_NAME};
    use std::sync::mpsc::{channel, Receiver};
    use std::sync::Mutex;
    use std::time::{Duration, Instant};

    const USER: &str = "lab";
    const PASSWORD: &str = "lab123";
    const WAIT: Duration = Duration::from_secs(10);

    const DEMO: &str = r#"{"name": "jet-demo-icmp", "family": "inet", "terms": [
        {"name": "t1", "matches": {"protocols": ["icmp"]}, "actions": {"count": "icmp-count", "discard": true}},
        {"name": "t2", "actions": {"accept": true}}]}"#;

    /// A device on free ports, with user `lab`, no counter tick.
    fn options() -> DeviceOptions {
        DeviceOptions {
            grpc_port: 0,
            mqtt_port: 0,
            users: vec![(USER.into(), PASSWORD.into())],
            tick: None,
            events_start_delay: Duration::from_millis(100),
            ..Default::default()
        }
    }

    fn device(options: DeviceOptions) -> Device {
        Device::start(options).expect("the simulated device starts")
    }

    fn notify_options(device: &Device) -> NotifyOptions {
        NotifyOptions {
            port: device.mqtt_port(),
            connect_timeout: Duration::from_secs(5),
            reconnect_min: Duration::from_millis(50),
            reconnect_max: Duration::from_millis(200),
            ..Default::default()
        }
    }

    fn service(device: &Device, api: Api, client_id: &str) -> ServiceSession {
        ServiceSession::open(ServiceOptions {
            port: device.grpc_port(),
            user: Some(USER.into()),
            password: Some(PASSWORD.into()),
            client_id: Some(client_id.into()),
            api,
            tls: None,
            connect_timeout: Duration::from_secs(5),
            call_timeout: Duration::from_secs(5),
            ..Default::default()
        })
        .expect("service session opens")
    }

    /// Every event of `/junos/events/#` into a channel.
    fn listen(session: &NotificationSession) -> Receiver<Event> {
        let (tx, rx) = channel();
        let tx = Mutex::new(tx);
        session
            .subscribe(&Topic::all_events(), move |event| {
                let _ = tx.lock().unwrap().send(event.clone());
            })
            .expect("subscribe");
        rx
    }

    fn next(rx: &Receiver<Event>) -> Event {
        rx.recv_timeout(WAIT).expect("an event arrives in time")
    }

    fn nothing_more(rx: &Receiver<Event>) {
        if let Ok(event) = rx.recv_timeout(Duration::from_millis(300)) {
            panic!(
                "unexpected event on {}: {}",
                event.topic(),
                String::from_utf8_lossy(event.raw())
            );
        }
    }

    /// The header every simulated event has.
    fn check_header(event: &Event, id: &str, severity: &str, facility: &str) {
        assert!(
            event.is_parsed(),
            "{}: {:?}",
            event.topic(),
            event.parse_error()
        );
        assert_eq!(event.id(), Some(id), "{}", event.topic());
        assert_eq!(event.hostname(), Some(HOST_NAME));
        assert_eq!(event.severity(), Some(severity));
        assert_eq!(event.facility(), Some(facility));
        let time = event.time().expect("time");
        let shape: String = time
            .chars()
            .map(|c| if c.is_ascii_digit() { 'd' } else { c })
            .collect();
        assert_eq!(shape, "dddd-dd-dd-dd:dd:dd", "time {time}");
    }

    fn text<'e>(event: &'e Event, name: &str) -> &'e str {
        event
            .attr_str(name)
            .unwrap_or_else(|e| panic!("{name}: {e} in {}", event.attributes_json()))
    }

    fn number(event: &Event, name: &str) -> i64 {
        let value = event.attribute(name).expect(name);
        assert!(value.is_number(), "{name} is a JSON number: {value}");
        event.attr_int(name).unwrap()
    }

    fn check_ifa(event: &Event, op: Op, ifd: &str, family: &str, prefix: &str, attrs: [&str; 3]) {
        let id = match op {
            Op::Add => "KERNEL_EVENT_IFA_ADD",
            _ => "KERNEL_EVENT_IFA_DELETE",
        };
        check_header(event, id, "info", "KERNEL");
        let filter = Topic::ifa(op, Some(ifd), Some(0), Some(family), Some(prefix)).unwrap();
        assert_eq!(event.topic(), filter.as_str());
        assert!(topic::matches(filter.as_str(), event.topic()));
        assert_eq!(text(event, "name"), ifd);
        assert_eq!(number(event, "subunit"), 0);
        assert_eq!(text(event, "family"), family);
        let [local, destination, broadcast] = attrs;
        assert_eq!(text(event, "local-address"), local);
        assert_eq!(text(event, "destination-address"), destination);
        if broadcast.is_empty() {
            assert!(event.attribute("broadcast-address").is_none());
        } else {
            assert_eq!(text(event, "broadcast-address"), broadcast);
        }
        assert!(number(event, "generation-number") > 0);
        assert_eq!(number(event, "flags"), 192);
    }

    #[test]
    fn interface_addresses_publish_ifa_add_and_delete_in_both_generations() {
        let device = device(DeviceOptions {
            apis: Apis::Both,
            ..options()
        });
        let notifications = NotificationSession::open(notify_options(&device)).unwrap();
        let rx = listen(&notifications);
        for (api, ifd) in [(Api::Legacy, "ge-0/0/1"), (Api::Jnx, "ge-0/0/2")] {
            let session = service(&device, api, &format!("ifa-{api:?}"));
            let ifl = format!("{ifd}.0");
            let v4 = InterfaceAddress::parse(&ifl, "inet", "192.0.2.1/24").unwrap();
            session.interfaces().add_address(&v4).unwrap();
            let added = next(&rx);
            assert_eq!(
                added.topic(),
                format!("/junos/events/kernel/interfaces/ifa/add/{ifl}/inet/192.0.2.1/24")
            );
            let v4_attrs = ["192.0.2.1/32", "192.0.2.0/24", "192.0.2.255/32"];
            check_ifa(&added, Op::Add, ifd, "inet", "192.0.2.1/24", v4_attrs);

            let v6 = InterfaceAddress::parse(&ifl, "inet6", "2001:db8::1/64").unwrap();
            session.interfaces().add_address(&v6).unwrap();
            let v6_attrs = ["2001:db8::1/128", "2001:db8::/64", ""];
            check_ifa(
                &next(&rx),
                Op::Add,
                ifd,
                "inet6",
                "2001:db8::1/64",
                v6_attrs,
            );

            session.interfaces().delete_address(&v4).unwrap();
            let deleted = next(&rx);
            assert_eq!(
                deleted.topic(),
                format!("/junos/events/kernel/interfaces/ifa/delete/{ifl}/inet/192.0.2.1/24")
            );
            check_ifa(&deleted, Op::Delete, ifd, "inet", "192.0.2.1/24", v4_attrs);
            session.interfaces().delete_address(&v6).unwrap();
            check_ifa(
                &next(&rx),
                Op::Delete,
                ifd,
                "inet6",
                "2001:db8::1/64",
                v6_attrs,
            );
        }
        // A refused call changes nothing and publishes nothing.
        let session = service(&device, Api::Jnx, "refused");
        let missing = InterfaceAddress::parse("ge-0/0/3.0", "inet", "198.51.100.1/24").unwrap();
        assert!(session.interfaces().delete_address(&missing).is_err());
        nothing_more(&rx);
    }

    fn check_filter(event: &Event, op: Op, version: i64, client_id: &str, interface: &str) {
        let id = match op {
            Op::Add => "KERNEL_EVENT_FIREWALL_FILTER_ADD",
            Op::Change => "KERNEL_EVENT_FIREWALL_FILTER_CHANGE",
            _ => "KERNEL_EVENT_FIREWALL_FILTER_DELETE",
        };
        check_header(event, id, "info", "KERNEL");
        let filter = Topic::firewall_filter(op, Some("jet-demo-icmp")).unwrap();
        assert_eq!(event.topic(), filter.as_str());
        assert_eq!(
            event.topic(),
            format!("/junos/events/kernel/firewall/filter/{op}/jet-demo-icmp")
        );
        assert_eq!(text(event, "name"), "jet-demo-icmp");
        assert_eq!(number(event, "version"), version);
        assert_eq!(text(event, "client-id"), client_id);
        assert_eq!(text(event, "filter-type"), "classic");
        assert_eq!(text(event, "protocol"), "inet");
        assert_eq!(text(event, "interface-name"), interface);
        assert_eq!(number(event, "flags"), 0);
    }

    #[test]
    fn filters_publish_add_change_bind_and_delete_in_both_generations() {
        let device = device(DeviceOptions {
            apis: Apis::Both,
            ..options()
        });
        let notifications = NotificationSession::open(notify_options(&device)).unwrap();
        let rx = listen(&notifications);
        for api in [Api::Legacy, Api::Jnx] {
            let client_id = format!("fw-{api:?}");
            let session = service(&device, api, &client_id);
            let fw = session.firewall();
            fw.add(&Filter::from_json(DEMO).unwrap()).unwrap();
            check_filter(&next(&rx), Op::Add, 1, &client_id, "");

            let ssh: firewall::Term = serde_json::from_str(
                r#"{"name": "ssh", "matches": {"protocols": ["tcp"], "destination-ports": [22]}, "actions": {"count": "ssh-count", "discard": true}}"#,
            )
            .unwrap();
            fw.modify(
                "jet-demo-icmp",
                Family::Inet,
                &[TermChange::add(ssh).after("t1")],
            )
            .unwrap();
            check_filter(&next(&rx), Op::Change, 2, &client_id, "");

            let binding = Binding {
                filter: "jet-demo-icmp".into(),
                family: Family::Inet,
                point: BindPoint::Interface("ge-0/0/0.0".into()),
                direction: Direction::Input,
            };
            fw.bind(&binding).unwrap();
            check_filter(&next(&rx), Op::Change, 3, &client_id, "ge-0/0/0.0");
            fw.unbind(&binding).unwrap();
            check_filter(&next(&rx), Op::Change, 4, &client_id, "");

            fw.delete("jet-demo-icmp", Family::Inet).unwrap();
            check_filter(&next(&rx), Op::Delete, 5, &client_id, "");
            // Counters and policers are not events.
            nothing_more(&rx);
        }
    }

    #[test]
    fn a_config_load_publishes_ui_commit_then_config_update() {
        let device = device(options());
        let notifications = NotificationSession::open(notify_options(&device)).unwrap();
        let rx = listen(&notifications);
        for (api, comment) in [(Api::Legacy, Some("jet test")), (Api::Jnx, None)] {
            let session = service(&device, api, &format!("cfg-{api:?}"));
            session
                .management()
                .load(&ConfigLoad {
                    config: "set system host-name r1".into(),
                    format: ConfigFormat::Set,
                    load: LoadType::Merge,
                    commit: Some(comment.unwrap_or("").into()),
                })
                .unwrap();

            let commit = next(&rx);
            assert_eq!(commit.topic(), "/junos/events/syslog/UI_COMMIT");
            assert_eq!(
                commit.topic(),
                Topic::syslog(Some("UI_COMMIT")).unwrap().as_str()
            );
            check_header(&commit, "UI_COMMIT", "notice", "auth");
            assert_eq!(commit.process_name(), Some("mgd"));
            assert!(commit.process_id().is_some_and(|pid| pid > 0));
            let shown = comment.unwrap_or("none");
            assert_eq!(
                commit.message(),
                Some(
                    format!("User '{USER}' requested 'commit' operation (comment: {shown})")
                        .as_str()
                )
            );
            assert_eq!(text(&commit, "username"), USER);
            assert_eq!(text(&commit, "command"), "commit");
            assert_eq!(text(&commit, "message"), shown);

            let update = next(&rx);
            assert_eq!(update.topic(), Topic::config_update().as_str());
            check_header(&update, "CONFIG_UPDATE", "info", "user");
            assert_eq!(text(&update, "username"), USER);
            assert_eq!(text(&update, "commit-comment"), comment.unwrap_or(""));
        }
        // A configuration the device refuses is not committed: no event.
        let session = service(&device, Api::Jnx, "cfg-bad");
        let bad = ConfigLoad {
            config: "invalid stuff".into(),
            format: ConfigFormat::Text,
            load: LoadType::Merge,
            commit: Some(String::new()),
        };
        assert!(session.management().load(&bad).is_err());
        nothing_more(&rx);
    }

    #[test]
    fn the_script_replays_every_sample_byte_for_byte() {
        let device = device(DeviceOptions {
            script: Some(data_dir().join("sim-script.txt")),
            ..options()
        });
        // Keepalive 0 (no pings) is accepted, as by Mosquitto.
        let notifications = NotificationSession::open(NotifyOptions {
            keepalive: Duration::ZERO,
            ..notify_options(&device)
        })
        .unwrap();
        let rx = listen(&notifications);
        let expected = samples();
        assert_eq!(expected.len(), 12);
        for sample in &expected {
            let event = next(&rx);
            assert_eq!(event.topic(), sample.topic, "{}", sample.file);
            assert_eq!(event.raw(), &sample.payload[..], "{}", sample.file);
            let invalid = matches!(
                sample.file.as_str(),
                "doc-missing-comma.json" | "not-json.txt"
            );
            assert_eq!(
                event.parse_error().is_some(),
                invalid,
                "{}: {:?}",
                sample.file,
                event.parse_error()
            );
        }
        nothing_more(&rx);
        let stats = notifications.stats();
        assert_eq!((stats.received, stats.parse_errors), (12, 2));
    }

    #[test]
    fn the_rate_mode_publishes_device_events_until_its_total() {
        const TOTAL: u64 = 3000;
        let device = device(DeviceOptions {
            rate: Some(Rate {
                per_second: 5000,
                total: Some(TOTAL),
            }),
            ..options()
        });
        let notifications = NotificationSession::open(notify_options(&device)).unwrap();
        notifications.subscribe_pull(&Topic::all_events()).unwrap();
        let started = Instant::now();
        let mut received = 0u64;
        let mut bytes = 0usize;
        while received < TOTAL && started.elapsed() < Duration::from_secs(20) {
            let Some(event) = notifications.next(Duration::from_secs(1)).unwrap() else {
                continue;
            };
            assert!(event.is_parsed(), "{:?}", event.parse_error());
            assert_eq!(event.hostname(), Some(HOST_NAME));
            let id = event.id().unwrap();
            assert!(
                id == "KERNEL_EVENT_IFL_CHANGE" || id == "KERNEL_EVENT_IFA_CHANGE",
                "{id}"
            );
            assert!(event
                .topic()
                .starts_with("/junos/events/kernel/interfaces/if"));
            received += 1;
            bytes += event.raw().len();
        }
        // 3000 at 5000/s take 0.6 s; the bound only catches a stall.
        assert_eq!(received, TOTAL, "after {:?}", started.elapsed());
        let average = bytes / received as usize;
        assert!((250..=350).contains(&average), "average {average} bytes");
        assert!(notifications
            .next(Duration::from_millis(300))
            .unwrap()
            .is_none());
        assert_eq!(notifications.stats().dropped, 0);
    }

    #[test]
    fn allow_clients_refuses_a_source_outside_the_list() {
        let device = device(DeviceOptions {
            allow_clients: vec!["127.0.0.1/32".parse::<ClientPrefix>().unwrap()],
            ..options()
        });
        let outside = NotificationSession::open(NotifyOptions {
            bind_address: Some("127.0.0.2".parse().unwrap()),
            ..notify_options(&device)
        })
        .unwrap_err();
        assert_eq!(outside.kind(), ErrorKind::Unreachable, "{outside}");
        assert!(
            outside.message().contains("allow-clients"),
            "{}",
            outside.message()
        );
        assert_eq!(device.mqtt().stats().refused_address, 1);

        let inside = NotificationSession::open(NotifyOptions {
            bind_address: Some("127.0.0.1".parse().unwrap()),
            ..notify_options(&device)
        })
        .expect("a client inside allow-clients is admitted");
        let rx = listen(&inside);
        assert!(device.publish("/junos/events/syslog/ADMITTED", "{}"));
        assert_eq!(next(&rx).topic(), "/junos/events/syslog/ADMITTED");
        let stats = device.mqtt().stats();
        assert_eq!((stats.admitted, stats.refused_address), (1, 1));
    }

    #[test]
    fn the_broker_checks_user_and_password_when_told() {
        let device = device(DeviceOptions {
            mqtt_auth: true,
            ..options()
        });
        let good = NotifyOptions {
            user: Some(USER.into()),
            password: Some(PASSWORD.into()),
            ..notify_options(&device)
        };
        let session = NotificationSession::open(good.clone()).expect("right password");
        let rx = listen(&session);
        assert!(device.publish("/junos/events/genpub/config-update", "{}"));
        assert_eq!(next(&rx).topic(), "/junos/events/genpub/config-update");

        let wrong = NotificationSession::open(NotifyOptions {
            password: Some("guess".into()),
            ..good
        })
        .unwrap_err();
        assert_eq!(wrong.kind(), ErrorKind::NotAuthorized, "{wrong}");
        let anonymous = NotificationSession::open(notify_options(&device)).unwrap_err();
        assert_eq!(anonymous.kind(), ErrorKind::NotAuthorized, "{anonymous}");
        assert_eq!(device.mqtt().stats().refused_login, 2);

        // Without mqtt_auth (as on a device), credentials are not checked.
        let open = self::device(options());
        NotificationSession::open(NotifyOptions {
            user: Some("anyone".into()),
            password: Some("anything".into()),
            ..notify_options(&open)
        })
        .expect("any credentials");
    }

    #[test]
    fn the_broker_serves_tls_with_the_device_certificate() {
        let certs = TestCerts::generate();
        let device = device(DeviceOptions {
            tls: Some(TlsFiles {
                cert: certs.server_cert.clone(),
                key: certs.server_key.clone(),
                client_ca: None,
            }),
            ..options()
        });
        let session = NotificationSession::open(NotifyOptions {
            tls: Some(TlsOptions {
                ca_file: Some(certs.ca_cert.clone()),
                ..Default::default()
            }),
            ..notify_options(&device)
        })
        .expect("TLS session");
        let rx = listen(&session);
        let grpc = ServiceSession::open(ServiceOptions {
            port: device.grpc_port(),
            user: Some(USER.into()),
            password: Some(PASSWORD.into()),
            tls: Some(TlsOptions {
                ca_file: Some(certs.ca_cert.clone()),
                ..Default::default()
            }),
            ..Default::default()
        })
        .expect("gRPC over TLS");
        let address = InterfaceAddress::parse("ge-0/0/0.0", "inet", "203.0.113.9/24").unwrap();
        grpc.interfaces().add_address(&address).unwrap();
        assert_eq!(
            next(&rx).topic(),
            "/junos/events/kernel/interfaces/ifa/add/ge-0/0/0.0/inet/203.0.113.9/24"
        );

        // A clear-text client gets a TLS alert where it expects a CONNACK.
        let clear = NotificationSession::open(notify_options(&device)).unwrap_err();
        assert_eq!(clear.kind(), ErrorKind::Protocol, "{clear}");
    }

    /// rumqttd frees a connection's id when it reads a DISCONNECT; the end
    /// of that connection's stream, reaching it later, disconnected the next
    /// client holding the same id. 100 sessions that each close as the next
    /// one connects: none of those kept open is ever cut.
    #[test]
    fn a_session_closing_as_another_connects_does_not_cut_it() {
        let device = device(options());
        let mut kept = Vec::new();
        for _ in 0..100 {
            let closing = NotificationSession::open(notify_options(&device)).unwrap();
            closing.close();
            kept.push(NotificationSession::open(notify_options(&device)).unwrap());
        }
        // Whatever cut a kept session did so within moments of its connect.
        std::thread::sleep(Duration::from_millis(500));
        let cut: Vec<u64> = kept.iter().map(|s| s.stats().reconnects).collect();
        assert!(
            cut.iter().all(|&n| n == 0),
            "reconnects per kept session: {cut:?}"
        );
        assert!(kept.iter().all(|s| s.state() == ConnectionState::Connected));
    }

    #[test]
    fn stop_closes_both_ports_and_disconnects_clients() {
        let mut device = device(options());
        let mqtt_port = device.mqtt_port();
        let grpc_port = device.grpc_port();
        let session = NotificationSession::open(notify_options(&device)).unwrap();
        assert_eq!(session.state(), ConnectionState::Connected);
        device.stop();
        let deadline = Instant::now() + WAIT;
        while session.state() == ConnectionState::Connected && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_ne!(session.state(), ConnectionState::Connected);
        for port in [mqtt_port, grpc_port] {
            assert!(
                std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
                "port {port} still open"
            );
        }
        assert!(!device.publish("/junos/events/syslog/LATE", "{}"));
    }
}
