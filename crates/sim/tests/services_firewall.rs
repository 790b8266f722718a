//! The firewall service against libjet's JET device server, on each IDL
//! generation: the wire messages, and what the device ends up with.

use jet::proto::jnx::firewall as jnx_fw;
use jet::proto::legacy::acl;
use jet::service::firewall::{
    self, BindPoint, Binding, Direction, Family, Filter, Policer, PolicerScope, TermChange,
};
use jet::service::{Api, Generation, Service, ServiceOptions, ServiceSession};
use jet::ErrorKind;
use jet_sim::methods::{jnx, legacy};
use jet_sim::{Apis, CounterKind, GrpcServer, RunningServer, TICK_BYTES, TICK_PACKETS};

const DEMO: &str = r#"{"name": "jet-demo-icmp", "family": "inet", "terms": [
    {"name": "t1", "matches": {"protocols": ["icmp"]}, "actions": {"count": "icmp-count", "discard": true}},
    {"name": "t2", "actions": {"accept": true}}]}"#;

/// The demo filter with the ssh term first.
const REORDERED: &str = r#"{"name": "jet-demo-icmp", "family": "inet", "terms": [
    {"name": "ssh", "matches": {"protocols": ["tcp"], "destination-ports": [22]}, "actions": {"count": "ssh-count", "discard": true}},
    {"name": "t1", "matches": {"protocols": ["icmp"]}, "actions": {"count": "icmp-count", "discard": true}},
    {"name": "t2", "actions": {"accept": true}}]}"#;

fn device(apis: Apis) -> RunningServer {
    GrpcServer::new()
        .apis(apis)
        .user("lab", "lab123")
        .serve()
        .unwrap()
}

fn open(server: &RunningServer) -> ServiceSession {
    ServiceSession::open(ServiceOptions {
        port: server.port(),
        user: Some("lab".into()),
        password: Some("lab123".into()),
        tls: None,
        ..Default::default()
    })
    .unwrap()
}

fn input_binding() -> Binding {
    Binding {
        filter: "jet-demo-icmp".into(),
        family: Family::Inet,
        point: BindPoint::Interface("ge-0/0/0.0".into()),
        direction: Direction::Input,
    }
}

fn term_names(server: &RunningServer, filter: &str) -> Vec<String> {
    server
        .state()
        .filter(filter)
        .expect("filter on the device")
        .terms
        .into_iter()
        .map(|t| t.name)
        .collect()
}

/// The wire of add and bind, generation by generation.
fn check_add_and_bind_on_the_wire(server: &RunningServer, generation: Generation, filter: &Filter) {
    let recorder = server.recorder();
    match generation {
        Generation::Jnx => {
            let sent: jnx_fw::FilterAddRequest = recorder.last(jnx::FILTER_ADD).unwrap();
            assert_eq!(sent, firewall::jnx::filter_add(filter).unwrap());
            assert_eq!(
                (sent.name.as_str(), sent.family, sent.r#type),
                ("jet-demo-icmp", 1, 1)
            );
            let bind: jnx_fw::FilterObjBindAddRequest =
                recorder.last(jnx::FILTER_BIND_ADD).unwrap();
            assert_eq!(
                (bind.obj_type, bind.bind_direction, bind.bind_family),
                (1, 1, 1)
            );
            assert_eq!(
                bind.bind_object.unwrap().bind_point,
                Some(jnx_fw::filter_bind_obj_point::BindPoint::InterfaceName(
                    "ge-0/0/0.0".into()
                ))
            );
        }
        Generation::Legacy => {
            let sent: acl::AccessList = recorder.last(legacy::ACCESS_LIST_ADD).unwrap();
            assert_eq!(sent, firewall::legacy::filter_add(filter).unwrap());
            assert_eq!(
                (sent.acl_name.as_str(), sent.acl_family, sent.acl_type),
                ("jet-demo-icmp", 1, 1)
            );
            let bind: acl::AccessListObjBind = recorder.last(legacy::ACCESS_LIST_BIND_ADD).unwrap();
            assert_eq!(
                (bind.obj_type, bind.bind_direction, bind.bind_family),
                (1, 1, 1)
            );
            assert_eq!(
                bind.bind_object.unwrap().one_of_acl_bind_point,
                Some(acl::access_list_bind_obj_point::OneOfAclBindPoint::Intf(
                    "ge-0/0/0.0".into()
                ))
            );
        }
    }
}

fn filter_lifecycle(apis: Apis, generation: Generation) {
    let server = device(apis);
    let session = open(&server);
    let fw = session.firewall();
    let filter = Filter::from_json(DEMO).unwrap();
    fw.add(&filter).unwrap();
    assert_eq!(session.generation(Service::Firewall), Some(generation));
    assert_eq!(term_names(&server, "jet-demo-icmp"), ["t1", "t2"]);
    fw.bind(&input_binding()).unwrap();
    assert_eq!(server.state().binds().len(), 1);
    check_add_and_bind_on_the_wire(&server, generation, &filter);

    // Counters of a bound filter grow with traffic, and can be cleared.
    server.state().tick();
    server.state().tick();
    let counter = fw.counter("jet-demo-icmp", "icmp-count").unwrap();
    assert_eq!(
        (counter.name.as_str(), counter.packets, counter.bytes),
        ("icmp-count", 2 * TICK_PACKETS, 2 * TICK_BYTES)
    );
    fw.clear_counter("jet-demo-icmp", "icmp-count").unwrap();
    assert_eq!(
        fw.counter("jet-demo-icmp", "icmp-count").unwrap().packets,
        0
    );
    let error = fw.counter("jet-demo-icmp", "no-such-counter").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Refused, "{error}");

    // A term added after t1, then the whole filter replaced (reordered).
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
    assert_eq!(term_names(&server, "jet-demo-icmp"), ["t1", "ssh", "t2"]);
    let counters = fw.counters("jet-demo-icmp").unwrap();
    let names: Vec<_> = counters.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["icmp-count", "ssh-count"]);
    fw.replace(&session_filter(REORDERED)).unwrap();
    assert_eq!(term_names(&server, "jet-demo-icmp"), ["ssh", "t1", "t2"]);

    // A bound filter cannot be deleted; the device says why.
    let error = fw.delete("jet-demo-icmp", Family::Inet).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Refused, "{error}");
    assert!(error.device_code().is_some());
    fw.unbind(&input_binding()).unwrap();
    assert!(server.state().binds().is_empty());
    fw.delete("jet-demo-icmp", Family::Inet).unwrap();
    assert!(server.state().filter("jet-demo-icmp").is_none());
}

fn session_filter(json: &str) -> Filter {
    Filter::from_json(json).unwrap()
}

#[test]
fn filter_lifecycle_on_a_legacy_device() {
    filter_lifecycle(Apis::Legacy, Generation::Legacy);
}

#[test]
fn filter_lifecycle_on_a_jnx_device() {
    filter_lifecycle(Apis::Jnx, Generation::Jnx);
}

#[test]
fn policers_on_each_generation() {
    for apis in [Apis::Legacy, Apis::Jnx] {
        let server = device(apis);
        let session = open(&server);
        let fw = session.firewall();
        let policer = Policer::from_json(
            r#"{"name": "p1", "two-color": {"bandwidth": {"value": 10, "unit": "mbps"}, "burst": {"value": 100, "unit": "kbytes"}, "then": "discard"}}"#,
        )
        .unwrap();
        fw.add_policer(&policer).unwrap();
        let policed = session_filter(
            r#"{"name": "policed", "family": "inet", "terms": [{"name": "limit", "actions": {"policer": "p1", "accept": true}}]}"#,
        );
        fw.add(&policed).unwrap();
        fw.bind(&Binding {
            filter: "policed".into(),
            ..input_binding()
        })
        .unwrap();
        server.state().tick();
        let names: Vec<_> = server
            .state()
            .counters("policed", CounterKind::Policer)
            .unwrap()
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(names, ["p1-limit"], "{apis:?}");
        let counter = fw.policer_counter("policed", "p1-limit").unwrap();
        assert!(counter.packets > 0, "{apis:?}: {counter:?}");
        let faster = Policer::from_json(
            r#"{"name": "p1", "two-color": {"bandwidth": {"value": 20, "unit": "mbps"}, "burst": {"value": 100, "unit": "kbytes"}, "then": {"loss-priority": "high"}}}"#,
        )
        .unwrap();
        fw.modify_policer(&faster).unwrap();
        match apis {
            Apis::Legacy => {
                let sent: acl::AccessListPolicer = server
                    .recorder()
                    .last(legacy::ACCESS_LIST_POLICER_REPLACE)
                    .unwrap();
                assert_eq!(sent, firewall::legacy::policer_add(&faster).unwrap());
            }
            _ => {
                let sent: jnx_fw::PolicerModifyRequest =
                    server.recorder().last(jnx::POLICER_MODIFY).unwrap();
                assert_eq!(sent, firewall::jnx::policer_modify(&faster).unwrap());
            }
        }
        fw.unbind(&Binding {
            filter: "policed".into(),
            ..input_binding()
        })
        .unwrap();
        fw.delete("policed", Family::Inet).unwrap();
        fw.delete_policer("p1", PolicerScope::TermSpecific).unwrap();
    }
}

#[test]
fn legacy_bulk_counter_reads_page_ten_at_a_time() {
    let server = device(Apis::Legacy);
    let session = open(&server);
    let terms: Vec<String> = (0..12)
        .map(|n| format!(r#"{{"name": "t{n}", "matches": {{"ttls": [{n}]}}, "actions": {{"count": "c{n}", "accept": true}}}}"#))
        .collect();
    let filter = session_filter(&format!(
        r#"{{"name": "many", "family": "inet", "terms": [{}]}}"#,
        terms.join(",")
    ));
    session.firewall().add(&filter).unwrap();
    let values = session.firewall().counters("many").unwrap();
    assert_eq!(values.len(), 12);
    assert_eq!(values[11].name, "c11");
    assert_eq!(
        server
            .recorder()
            .count(legacy::ACCESS_LIST_COUNTER_BULK_GET),
        2
    );
}

#[test]
fn a_bulk_read_jnx_cannot_express_does_not_move_auto_to_legacy() {
    let server = device(Apis::Both);
    let owner = open(&server);
    owner.firewall().add(&session_filter(DEMO)).unwrap();
    // Another session has not added the filter: jnx has no bulk read for
    // it, so this one call is made in the legacy IDL...
    let reader = open(&server);
    let values = reader.firewall().counters("jet-demo-icmp").unwrap();
    assert_eq!(values.len(), 1);
    assert_eq!(values[0].name, "icmp-count");
    assert_eq!(
        server
            .recorder()
            .count(legacy::ACCESS_LIST_COUNTER_BULK_GET),
        1
    );
    // ...and auto still speaks jnx, which the device serves, for the rest.
    assert_ne!(
        reader.generation(Service::Firewall),
        Some(Generation::Legacy)
    );
    reader
        .firewall()
        .counter("jet-demo-icmp", "icmp-count")
        .unwrap();
    assert_eq!(reader.generation(Service::Firewall), Some(Generation::Jnx));
}

#[test]
fn the_purge_timer_is_jnx_only() {
    let modern = device(Apis::Jnx);
    let session = open(&modern);
    session.firewall().set_purge_timer(300).unwrap();
    assert_eq!(session.firewall().purge_timer().unwrap(), 300);
    assert_eq!(modern.state().purge_timer(), 300);
    let error = session.firewall().set_purge_timer(5000).unwrap_err();
    assert_eq!(
        error.kind(),
        ErrorKind::InvalidArgument,
        "refused before it is sent: {error}"
    );
    session.firewall().delete_purge_timer().unwrap();

    let old = device(Apis::Legacy);
    let session = open(&old);
    let error = session.firewall().set_purge_timer(300).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Unimplemented, "{error}");
}

#[test]
fn forcing_a_generation_is_obeyed() {
    let server = device(Apis::Both);
    let session = ServiceSession::open(ServiceOptions {
        port: server.port(),
        user: Some("lab".into()),
        password: Some("lab123".into()),
        api: Api::Legacy,
        tls: None,
        ..Default::default()
    })
    .unwrap();
    session
        .firewall()
        .add(&Filter::from_json(DEMO).unwrap())
        .unwrap();
    assert_eq!(server.recorder().count(legacy::ACCESS_LIST_ADD), 1);
    assert_eq!(server.recorder().count(jnx::FILTER_ADD), 0);
}
