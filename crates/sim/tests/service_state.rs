//! JET state across a reconnect (issue 19), on each IDL generation: the
//! simulator purges a client's filters and policers after its connection
//! closes and the purge timer runs out, and a test loses an interface
//! address as a reboot would; a session opened with a state mode checks,
//! after a reconnect, what the device still has, reports it, and re-applies
//! it when asked. The reconnect is forced by a proxy the test cuts.

use jet::service::firewall::{BindPoint, Binding, Direction, Family, Filter, Policer};
use jet::service::interfaces::InterfaceAddress;
use jet::service::{Api, ServiceOptions, ServiceSession, StateMode, StateObject, StateReport};
use jet_sim::{Address, AddressFamily, Apis, Change, GrpcServer, RunningServer};
use jet_testkit::Proxy;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const DEMO: &str = r#"{"name": "jet-demo-icmp", "family": "inet", "terms": [
    {"name": "t1", "matches": {"protocols": ["icmp"]}, "actions": {"count": "icmp-count", "policer": "jet-demo-1m", "accept": true}},
    {"name": "t2", "actions": {"accept": true}}]}"#;
const NAME: &str = "jet-demo-icmp";
const POLICER: &str = r#"{"name": "jet-demo-1m", "two-color": {"bandwidth": {"value": 1, "unit": "mbps"},
    "burst": {"value": 15, "unit": "kbytes"}, "then": "discard"}}"#;
const POLICER_NAME: &str = "jet-demo-1m";
const CLIENT: &str = "state-test";
/// Generous: CI is a loaded 2-core machine.
const WITHIN: Duration = Duration::from_secs(30);

/// Both generations: the device's, and the session's fixed to it.
const GENERATIONS: [(Apis, Api); 2] = [(Apis::Jnx, Api::Jnx), (Apis::Legacy, Api::Legacy)];

fn binding() -> Binding {
    Binding {
        filter: NAME.into(),
        family: Family::Inet,
        point: BindPoint::Interface("ge-0/0/0.0".into()),
        direction: Direction::Input,
    }
}

fn address() -> InterfaceAddress {
    InterfaceAddress::parse("ge-0/0/1.0", "inet", "192.0.2.1/24").unwrap()
}

/// [`address`] as the device holds it.
fn device_address() -> Address {
    Address {
        ifd: "ge-0/0/1".into(),
        unit: 0,
        family: AddressFamily::Inet,
        prefix: "192.0.2.1/24".into(),
    }
}

/// The session's state as a report names it, in the order it is checked:
/// policers, filters, addresses.
fn everything() -> Vec<StateObject> {
    vec![
        StateObject::Policer(POLICER_NAME.into()),
        StateObject::Filter(NAME.into()),
        StateObject::Address(address()),
    ]
}

fn wait_until(what: &str, condition: impl Fn() -> bool) {
    let started = Instant::now();
    while !condition() {
        assert!(started.elapsed() < WITHIN, "not within {WITHIN:?}: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A device, a proxy in front of it, and a session through the proxy that
/// added the demo policer, added and bound the demo filter (which uses the
/// policer) and added an interface address; its state reports arrive on the
/// receiver.
struct Setup {
    server: RunningServer,
    proxy: Proxy,
    session: ServiceSession,
    reports: mpsc::Receiver<StateReport>,
}

impl Setup {
    fn new(apis: Apis, api: Api, state: StateMode) -> Setup {
        let server = GrpcServer::new()
            .apis(apis)
            .user("lab", "lab123")
            .serve()
            .unwrap();
        let proxy = Proxy::start(server.port());
        let session = ServiceSession::open(ServiceOptions {
            port: proxy.port(),
            user: Some("lab".into()),
            password: Some("lab123".into()),
            client_id: Some(CLIENT.into()),
            api,
            tls: None,
            state,
            ..Default::default()
        })
        .unwrap();
        let (sender, reports) = mpsc::channel();
        let sender = Mutex::new(sender);
        session.set_state_callback(Some(Arc::new(move |report: &StateReport| {
            let _ = sender.lock().unwrap().send(report.clone());
        })));
        let firewall = session.firewall();
        firewall
            .add_policer(&Policer::from_json(POLICER).unwrap())
            .unwrap();
        firewall.add(&Filter::from_json(DEMO).unwrap()).unwrap();
        firewall.bind(&binding()).unwrap();
        session.interfaces().add_address(&address()).unwrap();
        Setup {
            server,
            proxy,
            session,
            reports,
        }
    }

    fn set_purge_timer(&self, seconds: u32) {
        self.server
            .state()
            .apply(Change::PurgeTimerSet { seconds })
            .unwrap();
    }

    fn has_filter(&self) -> bool {
        self.server.state().filter(NAME).is_some()
    }

    fn is_bound(&self) -> bool {
        self.server.state().binds().iter().any(|b| b.filter == NAME)
    }

    fn has_policer(&self) -> bool {
        self.server.state().policer(POLICER_NAME).is_some()
    }

    fn has_address(&self) -> bool {
        self.server.state().addresses().contains(&device_address())
    }

    /// Cuts the session's connection and waits until the device saw it go
    /// (and, when `purged`, until the device purged the filter, its bind and
    /// the policer).
    fn cut(&self, purged: bool) {
        self.proxy.cut();
        let state = self.server.state().clone();
        wait_until("the device sees the connection close", || {
            state.logins().is_empty()
        });
        if purged {
            wait_until(
                "the device purges the filter, its bind and the policer",
                || !self.has_filter() && !self.is_bound() && !self.has_policer(),
            );
        }
    }

    /// The device loses the address, as a reboot would (the device keeps
    /// interface addresses when a session ends).
    fn lose_address(&self) {
        self.server
            .state()
            .apply(Change::AddressDelete(device_address()))
            .unwrap();
    }

    /// A call that reconnects, then the report made after it.
    fn reconnect_and_report(&self) -> StateReport {
        let _ = self.session.firewall().counter(NAME, "icmp-count");
        self.reports
            .recv_timeout(WITHIN)
            .expect("a state report after the reconnect")
    }
}

/// A session in `state` mode whose policer and filter the device purged and
/// whose address it lost, and the report made after its reconnect: all of
/// it purged.
fn purged_and_reported(apis: Apis, api: Api, state: StateMode) -> (Setup, StateReport) {
    let setup = Setup::new(apis, api, state);
    setup.set_purge_timer(1);
    setup.cut(true);
    setup.lose_address();
    let report = setup.reconnect_and_report();
    assert_eq!(report.purged, everything(), "{api:?}: {report:?}");
    (setup, report)
}

#[test]
fn the_device_purges_a_closed_clients_filters_binds_and_policers_after_its_purge_timer() {
    for (apis, api) in GENERATIONS {
        let setup = Setup::new(apis, api, StateMode::Off);
        let deleted = Arc::new(Mutex::new(Vec::new()));
        let seen = deleted.clone();
        setup.server.state().set_observer(move |change| {
            if matches!(
                change,
                Change::BindDelete(_) | Change::FilterDelete { .. } | Change::PolicerDelete { .. }
            ) {
                seen.lock().unwrap().push(change.clone());
            }
        });
        setup.set_purge_timer(1);
        setup.cut(true);
        let deleted = deleted.lock().unwrap();
        assert!(
            matches!(
                deleted[..],
                [
                    Change::BindDelete(_),
                    Change::FilterDelete { .. },
                    Change::PolicerDelete { .. }
                ]
            ),
            "{api:?}: the purge deletes the bind, the filter, then the policer: {deleted:?}"
        );
        assert!(setup.has_address(), "{api:?}: addresses are not purged");
    }
}

#[test]
fn the_device_keeps_who_added_a_policer_through_a_modify() {
    for (apis, api) in GENERATIONS {
        let setup = Setup::new(apis, api, StateMode::Off);
        let owner = || setup.server.state().policer(POLICER_NAME).unwrap().owner;
        assert_eq!(owner().as_deref(), Some(CLIENT), "{api:?}");
        let faster = POLICER.replace(r#""value": 1,"#, r#""value": 2,"#);
        setup
            .session
            .firewall()
            .modify_policer(&Policer::from_json(&faster).unwrap())
            .unwrap();
        assert_eq!(owner().as_deref(), Some(CLIENT), "{api:?}");
    }
}

#[test]
fn a_client_logged_in_again_keeps_its_filters_and_policers() {
    for (apis, api) in GENERATIONS {
        let setup = Setup::new(apis, api, StateMode::Off);
        let kept = || setup.has_filter() && setup.is_bound() && setup.has_policer();
        // The session is logged in: the purge finds its client id alive.
        jet_sim::purge::purge_client(setup.server.state(), CLIENT);
        assert!(kept(), "{api:?}");
        // Logged out: the same purge deletes them.
        setup.session.close();
        wait_until("the session's connection closes", || {
            setup.server.state().logins().is_empty()
        });
        jet_sim::purge::purge_client(setup.server.state(), CLIENT);
        assert!(
            !setup.has_filter() && !setup.is_bound() && !setup.has_policer(),
            "{api:?}"
        );
    }
}

#[test]
fn report_only_names_what_was_lost_and_leaves_the_device_as_it_found_it() {
    for (apis, api) in GENERATIONS {
        let (setup, report) = purged_and_reported(apis, api, StateMode::Report);
        assert!(
            report.present.is_empty() && report.reapplied.is_empty() && report.failed.is_empty(),
            "{api:?}: {report:?}"
        );
        assert!(
            !setup.has_filter() && !setup.is_bound() && !setup.has_policer(),
            "{api:?}: the probes' policer and filter are deleted again"
        );
        assert!(!setup.has_address(), "{api:?}: the address is not added");
    }
}

#[test]
fn reapply_adds_the_policer_then_the_filter_with_its_bind_and_the_address_again() {
    for (apis, api) in GENERATIONS {
        let (setup, report) = purged_and_reported(apis, api, StateMode::Reapply);
        assert_eq!(report.reapplied, everything(), "{api:?}: {report:?}");
        assert!(report.failed.is_empty(), "{api:?}: {report:?}");
        assert!(
            setup.has_policer() && setup.has_filter() && setup.is_bound() && setup.has_address(),
            "{api:?}"
        );
        let state = setup.server.state();
        assert_eq!(state.filter(NAME).unwrap().owner.as_deref(), Some(CLIENT));
        let policer = state.policer(POLICER_NAME).unwrap();
        assert_eq!(policer.owner.as_deref(), Some(CLIENT), "{api:?}");
        // The session's record still has it all: a second reconnect finds it
        // (the default purge timer, 120 s, outlasts that reconnect).
        setup.server.state().apply(Change::PurgeTimerReset).unwrap();
        setup.cut(false);
        let again = setup.reconnect_and_report();
        assert_eq!(again.present, everything(), "{api:?}: {again:?}");
    }
}

#[test]
fn nothing_lost_reports_everything_present() {
    for (apis, api) in GENERATIONS {
        // The default purge timer (120 s) outlasts the reconnect.
        let setup = Setup::new(apis, api, StateMode::Reapply);
        setup.cut(false);
        let report = setup.reconnect_and_report();
        assert_eq!(report.present, everything(), "{api:?}: {report:?}");
        assert!(
            report.purged.is_empty() && report.reapplied.is_empty() && report.failed.is_empty(),
            "{api:?}: {report:?}"
        );
        assert!(
            setup.has_policer() && setup.has_filter() && setup.is_bound() && setup.has_address(),
            "{api:?}"
        );
    }
}

#[test]
fn deleted_objects_leave_the_record() {
    for (apis, api) in GENERATIONS {
        let setup = Setup::new(apis, api, StateMode::Report);
        let firewall = setup.session.firewall();
        firewall.unbind(&binding()).unwrap();
        firewall.delete(NAME, Family::Inet).unwrap();
        let policer = Policer::from_json(POLICER).unwrap();
        firewall
            .delete_policer(POLICER_NAME, policer.scope)
            .unwrap();
        setup
            .session
            .interfaces()
            .delete_address(&address())
            .unwrap();
        setup.cut(false);
        let report = setup.reconnect_and_report();
        assert_eq!(report, StateReport::default(), "{api:?}");
    }
}
