//! Parses every sample payload in tests/data/events with the topic it arrives
//! on (topics.tsv) and checks the typed fields.

use std::collections::HashMap;
use std::fs;
use std::path::PathBuf;

use bytes::Bytes;
use jet::event::*;

/// The directory of the samples.
fn events_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/events")
}

/// Every sample listed in topics.tsv, parsed with its topic, by file name.
fn samples() -> HashMap<String, Event> {
    let dir = events_dir();
    let tsv = fs::read_to_string(dir.join("topics.tsv")).expect("read topics.tsv");
    let mut events = HashMap::new();
    for line in tsv.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let mut fields = line.split('\t');
        let file = fields.next().expect("file column");
        let topic = fields.next().expect("topic column");
        let payload = fs::read(dir.join(file)).unwrap_or_else(|e| panic!("read {file}: {e}"));
        events.insert(file.to_owned(), Event::parse(topic, Bytes::from(payload)));
    }
    events
}

/// The parsed sample `file`, checked to have parsed.
fn parsed<'a>(events: &'a HashMap<String, Event>, file: &str) -> &'a Event {
    let event = &events[file];
    assert!(event.is_parsed(), "{file}: {:?}", event.parse_error());
    assert_eq!(event.parse_error(), None);
    assert!(event.json().is_some());
    event
}

/// Checks the header fields every kernel event has.
fn assert_header(event: &Event, id: &str, time: &str, severity: &str, facility: &str) {
    assert_eq!(event.id(), Some(id));
    assert_eq!(event.hostname(), Some("r1"));
    assert_eq!(event.time(), Some(time));
    assert_eq!(event.severity(), Some(severity));
    assert_eq!(event.facility(), Some(facility));
    assert_eq!(event.process_id(), None);
    assert_eq!(event.process_name(), None);
    assert_eq!(event.message(), None);
}

fn names(event: &Event) -> Vec<&str> {
    event.attribute_names().collect()
}

#[test]
fn every_listed_sample_is_read_with_its_topic() {
    let events = samples();
    assert_eq!(events.len(), 12);
    assert_eq!(
        events["ifa-add.json"].topic(),
        "/junos/events/kernel/interfaces/ifa/add/xe-0/0/0.0/inet/192.0.2.1/32"
    );
    for (file, event) in &events {
        let on_disk = fs::read(events_dir().join(file)).unwrap();
        assert_eq!(event.raw(), &on_disk[..], "{file}");
        assert_eq!(&event.raw_bytes()[..], &on_disk[..], "{file}");
        assert!(event.topic().starts_with("/junos/events/"), "{file}");
    }
    let unparsed: Vec<_> = {
        let mut files: Vec<_> = events
            .iter()
            .filter(|(_, event)| !event.is_parsed())
            .map(|(file, _)| file.as_str())
            .collect();
        files.sort_unstable();
        files
    };
    assert_eq!(unparsed, ["doc-missing-comma.json", "not-json.txt"]);
}

#[test]
fn ifd_add() {
    let events = samples();
    let e = parsed(&events, "ifd-add.json");
    assert_eq!(
        e.topic(),
        "/junos/events/kernel/interfaces/ifd/add/ge-0/0/0"
    );
    assert_header(
        e,
        "KERNEL_EVENT_IFD_ADD",
        "2016-01-07-10:12:41",
        "info",
        "KERNEL",
    );
    assert_eq!(e.attr_str("name"), Ok("ge-0/0/0"));
    assert_eq!(e.attr_int("snmp-id"), Ok(520));
    assert_eq!(e.attr_int("flags"), Ok(8));
    assert_eq!(e.attr_str("snmp-id"), Err(AttrError::WrongType));
    assert_eq!(e.attr_int("name"), Err(AttrError::WrongType));
    assert_eq!(e.attr_int("subunit"), Err(AttrError::Absent));
    assert_eq!(names(e), ["flags", "name", "snmp-id"]);
    assert_eq!(
        e.attributes_json(),
        r#"{"flags":8,"name":"ge-0/0/0","snmp-id":520}"#
    );
}

#[test]
fn ifl_change() {
    let events = samples();
    let e = parsed(&events, "ifl-change.json");
    assert_header(
        e,
        "KERNEL_EVENT_IFL_CHANGE",
        "2019-01-22-14:58:30",
        "INFO",
        "KERNEL",
    );
    assert_eq!(e.attr_str("name"), Ok("ge-0/0/0"));
    assert!(e.attribute("subunit").unwrap().is_number());
    assert_eq!(e.attr_int("subunit"), Ok(0));
    assert_eq!(e.attr_str("subunit"), Err(AttrError::WrongType));
    assert_eq!(e.attr_int("snmp-id"), Ok(531));
    assert_eq!(e.attr_int("flags"), Ok(49152));
    assert_eq!(
        e.attributes_json(),
        r#"{"flags":49152,"name":"ge-0/0/0","snmp-id":531,"subunit":0}"#
    );
}

#[test]
fn iff_add() {
    let events = samples();
    let e = parsed(&events, "iff-add.json");
    assert_header(
        e,
        "KERNEL_EVENT_IFF_ADD",
        "2019-01-22-14:58:31",
        "INFO",
        "KERNEL",
    );
    assert_eq!(e.attr_int("subunit"), Ok(0));
    assert_eq!(e.attr_str("family"), Ok("inet6"));
    assert_eq!(e.attr_str("table-name"), Ok("default.inet6"));
    assert_eq!(e.attr_int("flags"), Ok(0));
    assert_eq!(
        names(e),
        ["family", "flags", "name", "subunit", "table-name"]
    );
}

#[test]
fn ifa_add() {
    let events = samples();
    let e = parsed(&events, "ifa-add.json");
    assert_header(
        e,
        "KERNEL_EVENT_IFA_ADD",
        "2019-01-22-14:59:06",
        "INFO",
        "KERNEL",
    );
    assert_eq!(e.attr_str("name"), Ok("xe-0/0/0"));
    assert_eq!(e.attr_int("subunit"), Ok(0));
    assert_eq!(e.attr_str("family"), Ok("inet"));
    assert_eq!(e.attr_str("local-address"), Ok("192.0.2.1/32"));
    assert_eq!(e.attr_str("destination-address"), Ok("192.0.2.0/24"));
    assert_eq!(e.attr_str("broadcast-address"), Ok("192.0.2.255/32"));
    assert_eq!(e.attr_int("generation-number"), Ok(144));
    assert_eq!(e.attr_int("flags"), Ok(192));
    assert_eq!(e.attr_array("local-address"), Err(AttrError::WrongType));
    assert_eq!(e.attr_array("nexthop-address"), Err(AttrError::Absent));
    assert_eq!(
        e.attributes_json(),
        concat!(
            r#"{"broadcast-address":"192.0.2.255/32","destination-address":"192.0.2.0/24","#,
            r#""family":"inet","flags":192,"generation-number":144,"#,
            r#""local-address":"192.0.2.1/32","name":"xe-0/0/0","subunit":0}"#
        )
    );
}

#[test]
fn firewall_add() {
    let events = samples();
    let e = parsed(&events, "firewall-add.json");
    assert_header(
        e,
        "KERNEL_EVENT_FIREWALL_FILTER_ADD",
        "2019-01-22-15:02:11",
        "info",
        "KERNEL",
    );
    assert_eq!(e.attr_str("name"), Ok("filter-by-jet"));
    assert_eq!(e.attr_int("version"), Ok(1));
    assert_eq!(e.attr_str("client-id"), Ok("app1"));
    assert_eq!(e.attr_str("filter-type"), Ok("classic"));
    assert_eq!(e.attr_str("protocol"), Ok("inet"));
    assert_eq!(e.attr_str("interface-name"), Ok("xe-0/0/0.0"));
    assert_eq!(e.attr_int("flags"), Ok(0));
}

#[test]
fn route_add() {
    let events = samples();
    let e = parsed(&events, "route-add.json");
    assert_header(
        e,
        "KERNEL_EVENT_ROUTE_ADD",
        "2019-01-22-15:03:40",
        "info",
        "KERNEL",
    );
    assert_eq!(e.attr_str("table-name"), Ok("default.inet.0"));
    assert_eq!(e.attr_str("logical-router-name"), Ok("default"));
    assert_eq!(e.attr_str("address-family"), Ok("inet"));
    assert_eq!(e.attr_str("route-type"), Ok("user"));
    assert_eq!(e.attr_str("route-prefix"), Ok("198.51.100.0/24"));
    let nexthops = e.attr_array("nexthop-address").unwrap();
    let nexthops: Vec<_> = nexthops.iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(nexthops, ["192.0.2.2", "192.0.2.3"]);
    assert_eq!(e.attr_str("nexthop-address"), Err(AttrError::WrongType));
    assert_eq!(e.attr_int("nexthop-address"), Err(AttrError::WrongType));
    assert!(e
        .attributes_json()
        .contains(r#""nexthop-address":["192.0.2.2","192.0.2.3"]"#));
}

#[test]
fn route_table_add() {
    let events = samples();
    let e = parsed(&events, "route-table-add.json");
    assert_header(
        e,
        "KERNEL_EVENT_ROUTE_TABLE_ADD",
        "2019-01-22-15:04:00",
        "info",
        "KERNEL",
    );
    assert_eq!(e.attr_str("name"), Ok("blue.inet.0"));
    assert_eq!(e.attr_str("logical-router-name"), Ok("default"));
    assert_eq!(e.attr_str("address-family"), Ok("inet"));
    assert_eq!(e.attr_int("flags"), Ok(0));
}

#[test]
fn syslog_login() {
    let events = samples();
    let e = parsed(&events, "syslog-login.json");
    assert_eq!(e.topic(), "/junos/events/syslog/LOGIN_INFORMATION");
    assert_eq!(e.id(), Some("LOGIN_INFORMATION"));
    assert_eq!(e.hostname(), Some("r1"));
    assert_eq!(e.time(), Some("2017-10-29-20:14:05"));
    assert_eq!(e.severity(), Some("info"));
    assert_eq!(e.facility(), Some("auth"));
    assert_eq!(e.process_id(), Some(13614));
    assert_eq!(e.process_name(), Some("login"));
    assert_eq!(
        e.message(),
        Some("User 'lab' logged in from host 203.0.113.7 on device ttyp0")
    );
    assert_eq!(e.attr_str("username"), Ok("lab"));
    assert_eq!(e.attr_str("hostname"), Ok("203.0.113.7"));
    // Sent as "\/dev\/ttyp0": escaped slashes decode normally.
    assert_eq!(e.attr_str("tty-name"), Ok("/dev/ttyp0"));
    assert!(e.json().unwrap().contains(r#"\/dev\/ttyp0"#));
    assert_eq!(
        e.attributes_json(),
        r#"{"hostname":"203.0.113.7","tty-name":"/dev/ttyp0","username":"lab"}"#
    );
}

#[test]
fn syslog_ui_child_status() {
    let events = samples();
    let e = parsed(&events, "syslog-ui-commit.json");
    assert_eq!(e.id(), Some("UI_CHILD_STATUS"));
    assert_eq!(e.severity(), Some("notice"));
    assert_eq!(e.facility(), Some("user"));
    assert_eq!(e.process_id(), Some(4242));
    assert_eq!(e.process_name(), Some("mgd"));
    assert_eq!(
        e.message(),
        Some("Cleanup child '/usr/sbin/dcd', PID 4250, status 0")
    );
    // Numbers sent as strings read both ways.
    assert_eq!(e.attr_int("pid"), Ok(4250));
    assert_eq!(e.attr_str("pid"), Ok("4250"));
    assert_eq!(e.attr_int("status-code"), Ok(0));
    assert_eq!(e.attr_str("command"), Ok("/usr/sbin/dcd"));
    assert_eq!(e.attr_int("command"), Err(AttrError::WrongType));
    assert_eq!(e.attr_int("signal"), Err(AttrError::Absent));
    assert_eq!(names(e), ["command", "pid", "status-code"]);
}

#[test]
fn config_update() {
    let events = samples();
    let e = parsed(&events, "config-update.json");
    assert_eq!(e.topic(), "/junos/events/genpub/config-update");
    assert_header(e, "CONFIG_UPDATE", "2019-01-22-15:11:15", "info", "user");
    assert_eq!(e.attr_str("username"), Ok("lab"));
    assert_eq!(e.attr_str("commit-comment"), Ok("jet test"));
    assert_eq!(
        e.attributes_json(),
        r#"{"commit-comment":"jet test","username":"lab"}"#
    );
}

/// Checks that an event that did not parse answers nothing but its bytes.
fn assert_unparsed(e: &Event, file: &str) {
    let on_disk = fs::read(events_dir().join(file)).unwrap();
    assert!(!e.is_parsed(), "{file}");
    assert_eq!(e.raw(), &on_disk[..]);
    assert_eq!(e.json().map(str::as_bytes), Some(&on_disk[..]));
    assert_eq!(e.id(), None);
    assert_eq!(e.hostname(), None);
    assert_eq!(e.time(), None);
    assert_eq!(e.severity(), None);
    assert_eq!(e.facility(), None);
    assert_eq!(e.process_id(), None);
    assert_eq!(e.process_name(), None);
    assert_eq!(e.message(), None);
    assert_eq!(e.attribute("name"), None);
    assert_eq!(e.attr_str("name"), Err(AttrError::Absent));
    assert_eq!(e.attr_int("snmp-id"), Err(AttrError::Absent));
    assert_eq!(e.attr_array("name"), Err(AttrError::Absent));
    assert_eq!(e.attribute_names().count(), 0);
    assert_eq!(e.attributes_json(), "{}");
}

#[test]
fn documentation_example_missing_a_comma() {
    let events = samples();
    let e = &events["doc-missing-comma.json"];
    assert_unparsed(e, "doc-missing-comma.json");
    assert_eq!(
        e.topic(),
        "/junos/events/kernel/interfaces/ifd/add/ge-0/0/0"
    );
    assert_eq!(
        e.parse_error(),
        Some("invalid JSON at line 3 column 3: expected `,` or `}`")
    );
}

#[test]
fn payload_that_is_not_json() {
    let events = samples();
    let e = &events["not-json.txt"];
    assert_unparsed(e, "not-json.txt");
    assert_eq!(
        e.topic(),
        "/junos/events/kernel/interfaces/ifd/add/ge-0/0/1"
    );
    let error = e.parse_error().unwrap();
    assert!(
        error.starts_with("invalid JSON at line 1 column "),
        "{error}"
    );
}
