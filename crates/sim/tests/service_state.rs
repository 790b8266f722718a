//! JET state across a reconnect (issue 19), on each IDL generation: the
//! simulator purges a client's filters after its connection closes and the
//! purge timer runs out; a session opened with a state mode checks, after a
//! reconnect, what the device still has, reports it, and re-applies it when
//! asked. The reconnect is forced by a proxy the test cuts.

use jet::service::firewall::{BindPoint, Binding, Direction, Family, Filter};
use jet::service::{Api, ServiceOptions, ServiceSession, StateMode, StateObject, StateReport};
use jet_sim::{Apis, Change, GrpcServer, RunningServer};
use jet_testkit::Proxy;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const DEMO: &str = r#"{"name": "jet-demo-icmp", "family": "inet", "terms": [
    {"name": "t1", "matches": {"protocols": ["icmp"]}, "actions": {"count": "icmp-count", "discard": true}},
    {"name": "t2", "actions": {"accept": true}}]}"#;
const NAME: &str = "jet-demo-icmp";
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

fn wait_until(what: &str, condition: impl Fn() -> bool) {
    let started = Instant::now();
    while !condition() {
        assert!(started.elapsed() < WITHIN, "not within {WITHIN:?}: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A device, a proxy in front of it, and a session through the proxy that
/// added and bound the demo filter; its state reports arrive on the receiver.
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
        session
            .firewall()
            .add(&Filter::from_json(DEMO).unwrap())
            .unwrap();
        session.firewall().bind(&binding()).unwrap();
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

    /// Cuts the session's connection and waits until the device saw it go
    /// (and, when `purged`, until the device purged the filter).
    fn cut(&self, purged: bool) {
        self.proxy.cut();
        let state = self.server.state().clone();
        wait_until("the device sees the connection close", || {
            state.logins().is_empty()
        });
        if purged {
            wait_until("the device purges the filter and its bind", || {
                !self.has_filter() && !self.is_bound()
            });
        }
    }

    /// A call that reconnects, then the report made after it.
    fn reconnect_and_report(&self) -> StateReport {
        let _ = self.session.firewall().counter(NAME, "icmp-count");
        self.reports
            .recv_timeout(WITHIN)
            .expect("a state report after the reconnect")
    }
}

/// A session in `state` mode whose filter the device purged, and the report
/// made after its reconnect: the demo filter purged.
fn purged_and_reported(apis: Apis, api: Api, state: StateMode) -> (Setup, StateReport) {
    let setup = Setup::new(apis, api, state);
    setup.set_purge_timer(1);
    setup.cut(true);
    let report = setup.reconnect_and_report();
    assert_eq!(report.purged, demo(), "{api:?}: {report:?}");
    (setup, report)
}

/// The demo filter, as a report names it.
fn demo() -> Vec<StateObject> {
    vec![StateObject::Filter(NAME.into())]
}

#[test]
fn the_device_purges_a_closed_clients_filters_and_binds_after_its_purge_timer() {
    for (apis, api) in GENERATIONS {
        let setup = Setup::new(apis, api, StateMode::Off);
        let deleted = Arc::new(Mutex::new(Vec::new()));
        let seen = deleted.clone();
        setup.server.state().set_observer(move |change| {
            if matches!(change, Change::BindDelete(_) | Change::FilterDelete { .. }) {
                seen.lock().unwrap().push(change.clone());
            }
        });
        setup.set_purge_timer(1);
        setup.cut(true);
        let deleted = deleted.lock().unwrap();
        assert!(
            matches!(
                deleted[..],
                [Change::BindDelete(_), Change::FilterDelete { .. }]
            ),
            "{api:?}: the purge deletes the bind, then the filter: {deleted:?}"
        );
    }
}

#[test]
fn a_client_logged_in_again_keeps_its_filters() {
    for (apis, api) in GENERATIONS {
        let setup = Setup::new(apis, api, StateMode::Off);
        // The session is logged in: the purge finds its client id alive.
        jet_sim::purge::purge_client(setup.server.state(), CLIENT);
        assert!(setup.has_filter() && setup.is_bound(), "{api:?}");
        // Logged out: the same purge deletes them.
        setup.session.close();
        wait_until("the session's connection closes", || {
            setup.server.state().logins().is_empty()
        });
        jet_sim::purge::purge_client(setup.server.state(), CLIENT);
        assert!(!setup.has_filter() && !setup.is_bound(), "{api:?}");
    }
}

#[test]
fn report_only_names_the_purged_filter_and_leaves_the_device_as_it_found_it() {
    for (apis, api) in GENERATIONS {
        let (setup, report) = purged_and_reported(apis, api, StateMode::Report);
        assert!(
            report.present.is_empty() && report.reapplied.is_empty() && report.failed.is_empty(),
            "{api:?}: {report:?}"
        );
        assert!(!setup.has_filter() && !setup.is_bound(), "{api:?}");
    }
}

#[test]
fn reapply_adds_and_binds_the_purged_filter_again() {
    for (apis, api) in GENERATIONS {
        let (setup, report) = purged_and_reported(apis, api, StateMode::Reapply);
        assert_eq!(report.reapplied, demo(), "{api:?}: {report:?}");
        assert!(report.failed.is_empty(), "{api:?}: {report:?}");
        assert!(setup.has_filter() && setup.is_bound(), "{api:?}");
        let filter = setup.server.state().filter(NAME).unwrap();
        assert_eq!(filter.owner.as_deref(), Some(CLIENT), "{api:?}");
        // The session's record still has it: a second reconnect finds it.
        setup.cut(false);
        let again = setup.reconnect_and_report();
        assert_eq!(again.present, demo(), "{api:?}: {again:?}");
    }
}

#[test]
fn nothing_purged_reports_the_filter_present() {
    for (apis, api) in GENERATIONS {
        // The default purge timer (120 s) outlasts the reconnect.
        let setup = Setup::new(apis, api, StateMode::Reapply);
        setup.cut(false);
        let report = setup.reconnect_and_report();
        assert_eq!(report.present, demo(), "{api:?}: {report:?}");
        assert!(
            report.purged.is_empty() && report.reapplied.is_empty() && report.failed.is_empty(),
            "{api:?}: {report:?}"
        );
        assert!(setup.has_filter() && setup.is_bound(), "{api:?}");
    }
}
