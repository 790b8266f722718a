// The `jet` command line, run as a real program (`CARGO_BIN_EXE_jet`):
// help and usage errors, failures against a closed port, `jet watch`
// against a real Mosquitto broker, and every service command against
// `jet sim` running as a child process, with `jet watch` receiving the
// events those commands cause.

mod harness;

use harness::*;
use jet_testkit as support;
use serde_json::Value;
use std::thread;
use std::time::{Duration, Instant};
use support::{Broker, BrokerOptions, TestCerts, TlsMode};

const DEMO_FILTER: &str = r#"{"name": "jet-demo-icmp", "family": "inet", "terms": [
  {"name": "t1", "matches": {"protocols": ["icmp"]},
   "actions": {"count": "icmp-count", "discard": true}},
  {"name": "t2", "actions": {"accept": true}}]}"#;

// ---- help and usage ----

/// Every command, as the words that name it.
const COMMANDS: &[&[&str]] = &[
    &["watch"],
    &["iface", "add"],
    &["iface", "delete"],
    &["filter", "add"],
    &["filter", "replace"],
    &["filter", "modify"],
    &["filter", "delete"],
    &["filter", "bind"],
    &["filter", "unbind"],
    &["filter", "apply"],
    &["counter", "get"],
    &["counter", "list"],
    &["counter", "clear"],
    &["policer", "add"],
    &["policer", "modify"],
    &["policer", "delete"],
    &["op"],
    &["config", "load"],
    &["sim"],
];

#[test]
fn every_command_has_help_with_an_example() {
    for words in COMMANDS {
        let mut args = words.to_vec();
        args.push("--help");
        let run = jet(&args).ok();
        assert!(
            run.stdout.contains("Example"),
            "jet {args:?} shows no example:\n{}",
            run.stdout
        );
        let usage = format!("Usage: jet {}", words.join(" "));
        assert!(run.stdout.contains(&usage), "{usage:?} in\n{}", run.stdout);
        // The short form (-h) keeps the example too.
        let short = jet(&[words, &["-h"][..]].concat()).ok();
        assert!(short.stdout.contains("Example"), "jet {words:?} -h");
    }
    let top = jet(&["--help"]).ok();
    for group in [
        "watch", "iface", "filter", "counter", "policer", "op", "config", "sim",
    ] {
        assert!(
            top.stdout.contains(&format!("\n  {group} ")),
            "{group} in\n{}",
            top.stdout
        );
    }
    assert!(top.stdout.contains("Exit status"));
    let version = jet(&["--version"]).ok();
    assert_eq!(
        version.stdout.trim(),
        format!("jet {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn the_filter_help_says_how_long_filters_live() {
    for command in ["add", "bind"] {
        let run = jet(&["filter", command, "--help"]).ok();
        for words in ["purge timer", "--client-id", "jet filter apply"] {
            assert!(
                run.stdout.contains(words),
                "jet filter {command} --help lacks {words:?}:\n{}",
                run.stdout
            );
        }
    }
}

#[test]
fn usage_errors_exit_2_before_anything_is_sent() {
    let dir = scratch("cli-usage");
    let bad_json = write(
        &dir,
        "bad.json",
        r#"{"name": "f", "family": "inet", "terms": [{"name": "t", "matches": {"destination-ports": [22, 70000]}}]}"#,
    );
    let port = closed_port().to_string();
    let p = port.as_str();
    // (arguments, words stderr must contain)
    let cases: &[(&[&str], &str)] = &[
        (&[], "Usage"),
        (&["frobnicate"], "unrecognized subcommand"),
        (&["iface"], "Usage"),
        (&["iface", "add", "ge-0/0/0.0", "inet"], "ADDRESS/LEN"),
        (
            &["iface", "add", "ge-0/0/0.0", "inet4", "192.0.2.1/24"],
            "inet6",
        ),
        (
            &[
                "iface",
                "add",
                "ge-0/0/0.0",
                "inet",
                "192.0.2.1/24",
                "--api",
                "new",
            ],
            "legacy",
        ),
        (
            &[
                "iface",
                "add",
                "ge-0/0/0.0",
                "inet",
                "192.0.2.1/24",
                "--port",
                "0",
            ],
            "--port",
        ),
        (
            &[
                "iface",
                "add",
                "ge-0/0/0.0",
                "inet",
                "192.0.2.1/24",
                "--clear-text",
                "--ca",
                "x.pem",
            ],
            "cannot be used with",
        ),
        (
            &[
                "iface",
                "add",
                "ge-0/0/0.0",
                "inet",
                "192.0.2.1/24",
                "--cert",
                "c.pem",
            ],
            "--key",
        ),
        (
            &[
                "iface",
                "add",
                "ge-0/0/0.0",
                "inet",
                "192.0.2.1/24",
                "--timeout",
                "soon",
            ],
            "--timeout",
        ),
        (&["filter", "bind", "f", "ge-0/0/0.0", "sideways"], "input"),
        (
            &[
                "filter",
                "apply",
                "--file",
                "f.json",
                "--bind",
                "ge-0/0/0.0",
            ],
            "IFL:DIRECTION",
        ),
        (
            &["config", "load", "--comment", "why", "r1.set"],
            "--commit",
        ),
        (&["watch", "--count", "0"], "--count"),
        (&["op"], "COMMAND"),
        // Checked by jet itself, before connecting (a connection would fail with 1).
        (
            &[
                "iface",
                "add",
                "ge-0/0/0",
                "inet",
                "192.0.2.1/24",
                "--port",
                p,
            ],
            "jet: iface add: interface 'ge-0/0/0' has no unit",
        ),
        (
            &[
                "iface",
                "add",
                "ge-0/0/0.0",
                "inet6",
                "192.0.2.1/24",
                "--port",
                p,
            ],
            "jet: iface add: address 192.0.2.1 is not of family inet6",
        ),
        (
            &[
                "iface",
                "add",
                "ge-0/0/0.0",
                "inet",
                "192.0.2.1/24",
                "--password",
                "x",
                "--port",
                p,
            ],
            "jet: iface add: a password needs a user",
        ),
        (
            &["filter", "add", "--file", &bad_json, "--port", p],
            "destination-ports[1]: 70000 is out of range",
        ),
        (
            &[
                "filter",
                "add",
                "--file",
                "/nonexistent/filter.json",
                "--port",
                p,
            ],
            "jet: filter add: cannot read /nonexistent/filter.json",
        ),
        (
            &["filter", "bind", "f", "ge-0/0/0", "input", "--port", p],
            "not a logical interface",
        ),
        (
            &[
                "config", "load", "--format", "set", "--load", "replace", "r1.set", "--port", p,
            ],
            "--load does not apply",
        ),
        (
            &["watch", "a/#/b", "--port", p],
            "jet: watch: invalid topic filter",
        ),
    ];
    for (args, words) in cases {
        let run = jet(args).expect_code(2);
        assert!(
            run.stderr.contains(words),
            "jet {args:?}: {words:?} not in stderr:\n{}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "jet {args:?} printed {}", run.stdout);
    }
}

#[test]
fn a_closed_port_exits_1_with_a_clear_message() {
    let port = closed_port().to_string();
    let run = jet(&[
        "iface",
        "add",
        "ge-0/0/0.0",
        "inet",
        "192.0.2.1/24",
        "--port",
        &port,
        "--clear-text",
    ])
    .expect_code(1);
    let first = run.stderr.lines().next().unwrap_or_default();
    assert!(first.starts_with("jet: iface add: "), "{}", run.stderr);
    assert!(first.contains(&format!("127.0.0.1:{port}")), "{first}");
    assert!(first.contains("refused"), "{first}");
    assert!(run.stdout.is_empty());

    // TLS is the default: the failure is the same, nothing else is said.
    let tls = jet(&[
        "iface",
        "add",
        "ge-0/0/0.0",
        "inet",
        "192.0.2.1/24",
        "--port",
        &port,
    ])
    .expect_code(1);
    assert!(tls.stderr.starts_with("jet: iface add: "), "{}", tls.stderr);
    assert_eq!(tls.stderr.lines().count(), 1, "{}", tls.stderr);

    let insecure = jet(&["op", "show version", "--port", &port, "--insecure"]).expect_code(1);
    assert!(
        insecure.stderr.contains("warning: --insecure"),
        "{}",
        insecure.stderr
    );
    assert!(insecure.stderr.contains("jet: op: "), "{}", insecure.stderr);

    let watch = jet(&["watch", "--port", &port, "--count", "1"]).expect_code(1);
    assert!(watch.stderr.starts_with("jet: watch: "), "{}", watch.stderr);
    assert!(watch.stderr.contains("refused"), "{}", watch.stderr);
}

// ---- jet watch against a real broker ----

/// The README's output of the sample events, as `jet watch` summarises them.
fn expected_sample_lines() -> Vec<String> {
    support::samples()
        .iter()
        .map(|sample| {
            let line = |text: &str| text.to_string();
            match sample.file.as_str() {
                "ifd-add.json" => line("KERNEL_EVENT_IFD_ADD  ge-0/0/0"),
                "ifl-change.json" => line("KERNEL_EVENT_IFL_CHANGE  ge-0/0/0.0"),
                "iff-add.json" => line("KERNEL_EVENT_IFF_ADD  ge-0/0/0.0  inet6"),
                "ifa-add.json" => line("KERNEL_EVENT_IFA_ADD  xe-0/0/0.0  inet 192.0.2.1/24"),
                "firewall-add.json" => line(
                    "KERNEL_EVENT_FIREWALL_FILTER_ADD  filter-by-jet  inet  xe-0/0/0.0  client app1",
                ),
                "route-add.json" => line(
                    "KERNEL_EVENT_ROUTE_ADD  default.inet.0  198.51.100.0/24  via 192.0.2.2, 192.0.2.3",
                ),
                "route-table-add.json" => line("KERNEL_EVENT_ROUTE_TABLE_ADD  blue.inet.0  inet"),
                "syslog-login.json" => line(
                    "LOGIN_INFORMATION  User 'lab' logged in from host 203.0.113.7 on device ttyp0",
                ),
                "syslog-ui-commit.json" => {
                    line("UI_CHILD_STATUS  Cleanup child '/usr/sbin/dcd', PID 4250, status 0")
                }
                "config-update.json" => line("CONFIG_UPDATE  by lab  comment \"jet test\""),
                _ => format!("PARSE-ERROR {} {}", sample.topic, sample.payload.len()),
            }
        })
        .collect()
}

/// Starts `jet watch` with `args` against `broker` and waits until it is subscribed.
fn watch(broker: &Broker, args: &[&str]) -> Background {
    let port = broker.port().to_string();
    let mut all = vec!["watch", "--port", port.as_str()];
    all.extend_from_slice(args);
    let mut watch = Background::start(&all);
    watch.wait_stderr("jet watch: watching");
    watch
}

#[test]
fn watch_prints_each_sample_event_and_goes_on_after_bad_payloads() {
    let broker = Broker::start(BrokerOptions::default());
    let samples = support::samples();
    let count = samples.len().to_string();
    let mut watch = watch(&broker, &["--count", &count]);
    for sample in &samples {
        broker.publish(&sample.topic, &sample.payload, 0);
    }
    let lines: Vec<String> = (0..samples.len()).map(|_| watch.next_line()).collect();
    assert_eq!(lines, expected_sample_lines(), "\n{}", watch.printed());
    let status = watch.wait_exit(Duration::from_secs(10));
    assert_eq!(status.code(), Some(0), "{}", watch.printed());
}

#[test]
fn watch_json_gives_one_object_per_line_and_follows_its_filters() {
    let broker = Broker::start(BrokerOptions::default());
    let samples = support::samples();
    let interfaces: Vec<_> = samples
        .iter()
        .filter(|s| s.topic.starts_with("/junos/events/kernel/interfaces/"))
        .collect();
    let count = interfaces.len().to_string();
    let mut watch = watch(
        &broker,
        &[
            "--json",
            "--count",
            &count,
            "/junos/events/kernel/interfaces/#",
            "/junos/events/kernel/interfaces/ifd/#", // overlapping: still one line per event
        ],
    );
    for sample in &samples {
        broker.publish(&sample.topic, &sample.payload, 0);
    }
    for sample in &interfaces {
        let line = watch.next_line();
        let json: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert_eq!(json["topic"], sample.topic.as_str(), "{line}");
        if sample.file.ends_with(".json") && !sample.file.starts_with("doc-") {
            let payload: Value = serde_json::from_slice(&sample.payload).unwrap();
            assert_eq!(json["event"], payload, "{line}");
            assert_eq!(json["parse_error"], Value::Null, "{line}");
        } else {
            assert_eq!(json["event"], Value::Null, "{line}");
            assert!(json["parse_error"].is_string(), "{line}");
            assert_eq!(
                json["raw"].as_str().unwrap().as_bytes(),
                &sample.payload[..]
            );
        }
    }
    assert_eq!(watch.wait_exit(Duration::from_secs(10)).code(), Some(0));
    assert!(watch.rest_of_stdout().is_empty(), "{}", watch.printed());
}

#[test]
fn watch_stops_with_status_0_on_sigint_and_sigterm() {
    let broker = Broker::start(BrokerOptions::default());
    for signal in [libc::SIGINT, libc::SIGTERM] {
        let mut watch = watch(&broker, &[]);
        let sample = &support::samples()[0];
        broker.publish(&sample.topic, &sample.payload, 0);
        assert_eq!(watch.next_line(), "KERNEL_EVENT_IFD_ADD  ge-0/0/0");
        let asked = Instant::now();
        watch.signal(signal);
        let status = watch.wait_exit(Duration::from_secs(5));
        assert_eq!(
            status.code(),
            Some(0),
            "signal {signal}\n{}",
            watch.printed()
        );
        assert!(
            asked.elapsed() < Duration::from_secs(3),
            "{:?}",
            asked.elapsed()
        );
    }
}

#[test]
fn watch_logs_in_and_speaks_tls() {
    let broker = Broker::start(BrokerOptions {
        users: vec![("lab".into(), "lab123".into())],
        tls: Some(TlsMode::ServerOnly),
        ..Default::default()
    });
    let certs = TestCerts::generate();
    let ca = certs.ca_cert.to_string_lossy().into_owned();
    let tls_port = broker.tls_port().expect("a TLS listener").to_string();
    let sample = &support::samples()[0];

    // The password from the environment, over TLS verified against the CA.
    let mut cmd = jet_command(&[
        "watch", "--port", &tls_port, "--user", "lab", "--ca", &ca, "--count", "1",
    ]);
    cmd.env("JET_PASSWORD", "lab123");
    let child = cmd.spawn().expect("start jet watch");
    let mut watch = Background::adopt(child, "jet watch --ca");
    watch.wait_stderr("jet watch: watching");
    broker.publish(&sample.topic, &sample.payload, 0);
    assert_eq!(watch.next_line(), "KERNEL_EVENT_IFD_ADD  ge-0/0/0");
    assert_eq!(watch.wait_exit(Duration::from_secs(10)).code(), Some(0));

    // A wrong password is refused with status 1.
    let refused = jet(&[
        "watch",
        "--port",
        &tls_port,
        "--user",
        "lab",
        "--password",
        "nope",
        "--ca",
        &ca,
    ])
    .expect_code(1);
    assert!(
        refused.stderr.starts_with("jet: watch: "),
        "{}",
        refused.stderr
    );

    // The broker's certificate is not trusted without the CA: status 1.
    let untrusted = jet(&[
        "watch",
        "--port",
        &tls_port,
        "--user",
        "lab",
        "--password",
        "lab123",
        "--tls",
        "--ca",
        &certs.other_ca_cert.to_string_lossy(),
    ])
    .expect_code(1);
    assert!(
        untrusted.stderr.contains("jet: watch: "),
        "{}",
        untrusted.stderr
    );
}

/// `<filter> <counter>: N packets, N bytes (…)` → (packets, bytes).
fn counter_numbers(line: &str) -> (u64, u64) {
    let (_, values) = line
        .split_once(": ")
        .unwrap_or_else(|| panic!("not a counter line: {line}"));
    let numbers: Vec<u64> = values
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|word| word.parse().ok())
        .collect();
    assert!(numbers.len() >= 2, "not a counter line: {line}");
    (numbers[0], numbers[1])
}

#[test]
fn service_commands_against_jet_sim_and_the_events_watch_shows() {
    let sim = Sim::start(&[]);
    let dir = scratch("cli-sim");
    let filter = write(&dir, "jet-demo-icmp.json", DEMO_FILTER);
    let config = write(&dir, "host.set", "set system host-name cli-test\n");
    let mut watch = sim.watch(&["--json", "--count", "12"]);

    let added = sim
        .jet(&["iface", "add", "ge-0/0/0.0", "inet", "192.0.2.1/24"])
        .ok();
    assert_eq!(
        added.stdout,
        "added address ge-0/0/0.0 inet 192.0.2.1/24 (jnx API)\n"
    );

    // apply: add, bind, hold (the counters grow every 0.1 s), read, unbind, delete.
    let apply = sim
        .jet(&[
            "filter",
            "apply",
            "--file",
            &filter,
            "--bind",
            "ge-0/0/0.0:input",
            "--hold",
            "0.5",
        ])
        .ok();
    let lines: Vec<&str> = apply.stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{}", apply.stdout);
    assert_eq!(lines[0], "added filter jet-demo-icmp (jnx API)");
    assert_eq!(
        lines[1],
        "bound filter jet-demo-icmp to ge-0/0/0.0 input (jnx API)"
    );
    assert!(
        lines[2].starts_with("counter jet-demo-icmp icmp-count: "),
        "{}",
        lines[2]
    );
    assert!(counter_numbers(lines[2]).0 > 0, "{}", lines[2]);
    assert_eq!(
        lines[3],
        "unbound filter jet-demo-icmp from ge-0/0/0.0 input (jnx API)"
    );
    assert_eq!(lines[4], "deleted filter jet-demo-icmp (jnx API)");
    assert!(
        apply.stderr.contains("holding for 0.5 s"),
        "{}",
        apply.stderr
    );

    // The same one step per invocation, as one client (--client-id).
    let demo = ["--client-id", "cli-demo"];
    let step = |args: &[&str]| sim.jet(&[args, &demo[..]].concat()).ok().stdout;
    assert_eq!(
        step(&["filter", "add", "--file", &filter]),
        "added filter jet-demo-icmp (jnx API)\n"
    );
    assert_eq!(
        step(&["filter", "bind", "jet-demo-icmp", "ge-0/0/0.0", "input"]),
        "bound filter jet-demo-icmp to ge-0/0/0.0 input (jnx API)\n"
    );
    thread::sleep(Duration::from_millis(300));
    let counter = sim
        .jet(&["counter", "get", "jet-demo-icmp", "icmp-count"])
        .ok();
    assert!(
        counter.stdout.starts_with("jet-demo-icmp icmp-count: "),
        "{}",
        counter.stdout
    );
    assert!(
        counter.stdout.trim_end().ends_with("bytes (jnx API)"),
        "{}",
        counter.stdout
    );
    let (packets, bytes) = counter_numbers(&counter.stdout);
    assert!(packets > 0 && bytes > 0, "{}", counter.stdout);
    let json = sim
        .jet(&["counter", "get", "jet-demo-icmp", "icmp-count", "--json"])
        .ok();
    let value: Value = serde_json::from_str(json.stdout.trim()).expect("counter JSON");
    assert_eq!(value["name"], "icmp-count");
    assert!(value["packets"].as_u64().unwrap() >= packets, "{value}");
    assert_eq!(
        sim.jet(&["counter", "clear", "jet-demo-icmp", "icmp-count"])
            .ok()
            .stdout,
        "cleared counter icmp-count of filter jet-demo-icmp (jnx API)\n"
    );
    let list = sim
        .jet(&["counter", "list", "jet-demo-icmp", "--file", &filter])
        .ok();
    assert!(
        list.stdout.starts_with("jet-demo-icmp icmp-count: "),
        "{}",
        list.stdout
    );
    // Without --file, the one legacy bulk read, and it says so.
    let bulk = sim.jet(&["counter", "list", "jet-demo-icmp"]).ok();
    assert!(
        bulk.stdout.starts_with("jet-demo-icmp icmp-count: ")
            && bulk.stdout.trim_end().ends_with("(legacy bulk read)"),
        "{}",
        bulk.stdout
    );
    assert_eq!(
        step(&["filter", "unbind", "jet-demo-icmp", "ge-0/0/0.0", "input"]),
        "unbound filter jet-demo-icmp from ge-0/0/0.0 input (jnx API)\n"
    );
    assert_eq!(
        step(&["filter", "delete", "jet-demo-icmp"]),
        "deleted filter jet-demo-icmp (jnx API)\n"
    );

    let version = sim.jet(&["op", "show version"]).ok();
    assert!(
        version.stdout.contains(jet_sim::HOST_NAME),
        "{}",
        version.stdout
    );
    assert!(
        version.stdout.contains(jet_sim::JUNOS_VERSION),
        "{}",
        version.stdout
    );
    let as_json = sim
        .jet(&["-v", "op", "show", "version", "--format", "json"])
        .ok();
    serde_json::from_str::<Value>(&as_json.stdout).expect("op --format json prints JSON");
    assert!(as_json.stderr.contains("(jnx API)"), "{}", as_json.stderr);

    let load = sim
        .jet(&[
            "config",
            "load",
            "--format",
            "set",
            "--commit",
            "--comment",
            "cli test",
            &config,
        ])
        .ok();
    assert_eq!(
        load.stdout,
        format!("loaded {config} (set) and committed with comment \"cli test\" (jnx API)\n")
    );

    assert_eq!(
        sim.jet(&["iface", "delete", "ge-0/0/0.0", "inet", "192.0.2.1/24"])
            .ok()
            .stdout,
        "deleted address ge-0/0/0.0 inet 192.0.2.1/24 (jnx API)\n"
    );

    // What jet watch saw, in order.
    let events: Vec<Value> = (0..12)
        .map(|_| {
            let line = watch.next_line();
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}"))
        })
        .collect();
    let ids: Vec<&str> = events
        .iter()
        .map(|e| e["event"]["jet-event"]["event-id"].as_str().unwrap_or("?"))
        .collect();
    let filter_events = [
        "KERNEL_EVENT_FIREWALL_FILTER_ADD",
        "KERNEL_EVENT_FIREWALL_FILTER_CHANGE",
        "KERNEL_EVENT_FIREWALL_FILTER_CHANGE",
        "KERNEL_EVENT_FIREWALL_FILTER_DELETE",
    ];
    let expected: Vec<&str> = ["KERNEL_EVENT_IFA_ADD"]
        .iter()
        .chain(&filter_events)
        .chain(&filter_events)
        .chain(&["UI_COMMIT", "CONFIG_UPDATE", "KERNEL_EVENT_IFA_DELETE"])
        .copied()
        .collect();
    assert_eq!(ids, expected, "\n{}", watch.printed());
    let attributes = |i: usize| &events[i]["event"]["jet-event"]["attributes"];
    assert_eq!(attributes(0)["name"], "ge-0/0/0");
    assert_eq!(attributes(0)["destination-address"], "192.0.2.0/24");
    assert_eq!(attributes(2)["interface-name"], "ge-0/0/0.0", "the bind");
    assert_eq!(attributes(5)["client-id"], "cli-demo");
    assert_eq!(attributes(10)["commit-comment"], "cli test");
    for event in &events {
        assert_eq!(event["parse_error"], Value::Null);
        assert!(event["topic"]
            .as_str()
            .unwrap()
            .starts_with("/junos/events/"));
    }
    assert_eq!(watch.wait_exit(Duration::from_secs(10)).code(), Some(0));

    let log = sim.stop();
    assert!(log.contains("SIGTERM: stopping"), "{log}");
}

#[test]
fn watch_prints_the_readable_lines_of_what_sim_does_and_replays() {
    let script = support::data_dir().join("sim-script.txt");
    let script = script.to_string_lossy().into_owned();
    let sim = Sim::start(&["--script", &script]);
    let samples = support::samples();
    let count = (samples.len() + 2).to_string();
    let mut watch = sim.watch(&["--count", &count]);
    // The script is replayed once a client has connected.
    let lines: Vec<String> = (0..samples.len()).map(|_| watch.next_line()).collect();
    assert_eq!(lines, expected_sample_lines(), "\n{}", watch.printed());
    sim.jet(&["iface", "add", "ge-0/0/1.0", "inet6", "2001:db8::1/64"])
        .ok();
    sim.jet(&["iface", "delete", "ge-0/0/1.0", "inet6", "2001:db8::1/64"])
        .ok();
    assert_eq!(
        watch.next_line(),
        "KERNEL_EVENT_IFA_ADD  ge-0/0/1.0  inet6 2001:db8::1/64"
    );
    assert_eq!(
        watch.next_line(),
        "KERNEL_EVENT_IFA_DELETE  ge-0/0/1.0  inet6 2001:db8::1/64"
    );
    assert_eq!(watch.wait_exit(Duration::from_secs(10)).code(), Some(0));
    sim.stop();
}

#[test]
fn jet_sim_stops_promptly_on_sigterm_and_sigint_with_clients_connected() {
    for signal in [libc::SIGTERM, libc::SIGINT] {
        let sim = Sim::start(&[]);
        let mut watch = sim.watch(&[]);
        sim.jet(&["iface", "add", "ge-0/0/2.0", "inet", "198.51.100.1/24"])
            .ok();
        assert_eq!(
            watch.next_line(),
            "KERNEL_EVENT_IFA_ADD  ge-0/0/2.0  inet 198.51.100.1/24"
        );
        let log = sim.stop_with(signal);
        assert!(log.contains("stopped"), "{log}");
        watch.signal(libc::SIGTERM);
        assert_eq!(watch.wait_exit(Duration::from_secs(5)).code(), Some(0));
    }
}

#[test]
fn a_legacy_device_is_spoken_to_in_the_legacy_api() {
    let sim = Sim::start(&["--api", "legacy"]);
    let dir = scratch("cli-legacy");
    let filter = write(&dir, "f.json", DEMO_FILTER);
    assert_eq!(
        sim.jet(&["iface", "add", "ge-0/0/1.0", "inet", "192.0.2.9/24"])
            .ok()
            .stdout,
        "added address ge-0/0/1.0 inet 192.0.2.9/24 (legacy API)\n"
    );
    let demo = ["--client-id", "legacy-demo"];
    sim.jet(&[&["filter", "add", "--file", &filter][..], &demo].concat())
        .ok();
    sim.jet(
        &[
            &["filter", "bind", "jet-demo-icmp", "ge-0/0/1.0", "output"][..],
            &demo,
        ]
        .concat(),
    )
    .ok();
    thread::sleep(Duration::from_millis(300));
    // The legacy IDL reads every counter of a filter at once: no --file needed.
    let list = sim.jet(&["counter", "list", "jet-demo-icmp"]).ok();
    assert!(
        list.stdout.contains("icmp-count: ") && list.stdout.contains("(legacy bulk read)"),
        "{}",
        list.stdout
    );
    // Asking for jnx where the device has none: a device error.
    let jnx = sim
        .jet(&[
            "iface",
            "delete",
            "ge-0/0/1.0",
            "inet",
            "192.0.2.9/24",
            "--api",
            "jnx",
        ])
        .expect_code(1);
    assert!(
        jnx.stderr.starts_with("jet: iface delete: "),
        "{}",
        jnx.stderr
    );
    assert!(
        jnx.stderr.to_lowercase().contains("unimplemented"),
        "{}",
        jnx.stderr
    );
    sim.stop();
}

#[test]
fn device_errors_exit_1_with_the_devices_message() {
    let sim = Sim::start(&["--api", "jnx"]);
    let dir = scratch("cli-errors");
    let filter = write(&dir, "f.json", DEMO_FILTER);

    let mut login = jet_command(&[
        "iface",
        "add",
        "ge-0/0/0.0",
        "inet",
        "192.0.2.1/24",
        "--port",
        &sim.grpc,
        "--clear-text",
        "--user",
        USER,
    ]);
    login.env("JET_PASSWORD", "wrong");
    let mut refused = Background::adopt(
        login.spawn().expect("run jet"),
        "jet iface add (wrong password)",
    );
    assert_eq!(
        refused.wait_exit(RUN_LIMIT).code(),
        Some(1),
        "{}",
        refused.printed()
    );
    assert!(
        refused.stderr().starts_with("jet: iface add: "),
        "{}",
        refused.printed()
    );

    for (args, words) in [
        (
            vec!["filter", "delete", "no-such-filter"],
            "jet: filter delete: ",
        ),
        (
            vec!["counter", "get", "no-such-filter", "c"],
            "jet: counter get: ",
        ),
        (
            vec!["iface", "add", "ge-9/9/9.0", "inet", "192.0.2.1/24"],
            "jet: iface add: ",
        ),
        // jnx has no bulk counter read: the hint says what to do.
        (vec!["counter", "list", "jet-demo-icmp"], "--file"),
    ] {
        let run = sim.jet(&args).expect_code(1);
        assert!(run.stderr.contains(words), "jet {args:?}:\n{}", run.stderr);
        assert!(run.stdout.is_empty(), "jet {args:?}: {}", run.stdout);
    }

    // A half-done apply still cleans up what it did: the bind fails, the filter goes.
    let apply = sim
        .jet(&[
            "filter",
            "apply",
            "--file",
            &filter,
            "--bind",
            "ge-9/9/9.0:input",
            "--hold",
            "0",
        ])
        .expect_code(1);
    assert!(
        apply.stdout.contains("added filter jet-demo-icmp"),
        "{}",
        apply.stdout
    );
    assert!(
        apply.stdout.contains("deleted filter jet-demo-icmp"),
        "{}",
        apply.stdout
    );
    assert!(
        apply.stderr.starts_with("jet: filter apply: "),
        "{}",
        apply.stderr
    );
    sim.stop();
}

#[test]
fn jet_sim_serves_tls_and_the_commands_verify_it() {
    let certs = TestCerts::generate();
    let (cert, key, ca) = (
        certs.server_cert.to_string_lossy().into_owned(),
        certs.server_key.to_string_lossy().into_owned(),
        certs.ca_cert.to_string_lossy().into_owned(),
    );
    let sim = Sim::start(&["--tls-cert", &cert, "--tls-key", &key]);
    // `jet iface <verb> ge-0/0/3.0 inet 203.0.113.1/24` over TLS.
    let tls = |verb: &str, extra: &[&str]| {
        let mut args = vec![
            "iface",
            verb,
            "ge-0/0/3.0",
            "inet",
            "203.0.113.1/24",
            "--port",
            &sim.grpc,
            "--user",
            USER,
            "--password",
            PASSWORD,
        ];
        args.extend_from_slice(extra);
        jet(&args)
    };
    let mut watch = Background::start(&["watch", "--port", &sim.mqtt, "--ca", &ca, "--count", "1"]);
    watch.wait_stderr("jet watch: watching");
    let verified = tls("add", &["--ca", &ca]).ok();
    assert_eq!(
        verified.stdout,
        "added address ge-0/0/3.0 inet 203.0.113.1/24 (jnx API)\n"
    );
    assert_eq!(
        watch.next_line(),
        "KERNEL_EVENT_IFA_ADD  ge-0/0/3.0  inet 203.0.113.1/24"
    );
    assert_eq!(watch.wait_exit(Duration::from_secs(10)).code(), Some(0));
    // An untrusted certificate is refused; --insecure takes it, with a warning.
    let other = certs.other_ca_cert.to_string_lossy().into_owned();
    let untrusted = tls("delete", &["--ca", &other]).expect_code(1);
    assert!(
        untrusted.stderr.starts_with("jet: iface delete: ")
            && untrusted.stderr.contains("UnknownIssuer"),
        "{}",
        untrusted.stderr
    );
    let insecure = tls("delete", &["--insecure"]).ok();
    assert!(
        insecure.stderr.contains("warning: --insecure"),
        "{}",
        insecure.stderr
    );
    assert_eq!(
        insecure.stdout,
        "deleted address ge-0/0/3.0 inet 203.0.113.1/24 (jnx API)\n"
    );
    // Clear text against a TLS device fails: status 1.
    tls("add", &["--clear-text"]).expect_code(1);
    sim.stop();
}

#[test]
fn jet_sim_admits_only_the_clients_it_allows() {
    let sim = Sim::start(&["--allow-clients", "192.0.2.0/24"]);
    let refused = jet(&[
        "watch",
        "--port",
        &sim.mqtt,
        "--count",
        "1",
        "--timeout",
        "5",
    ])
    .expect_code(1);
    assert!(
        refused.stderr.starts_with("jet: watch: "),
        "{}",
        refused.stderr
    );
    let log = sim.stop();
    assert!(log.contains("127.0.0.1"), "{log}");
}

#[test]
fn jet_sim_usage_errors_exit_2() {
    for (args, words) in [
        (vec!["sim", "--tls-cert", "c.pem"], "--tls-key"),
        (vec!["sim", "--password", "x"], "--user"),
        (vec!["sim", "--allow-clients", "nonsense"], "nonsense"),
        (vec!["sim", "--api", "newest"], "legacy"),
        (vec!["sim", "--rate", "0"], "--rate"),
        (
            vec!["sim", "--interfaces", "ge-0/0/0.x"],
            "jet: sim: interface 'ge-0/0/0.x'",
        ),
        (
            vec![
                "sim",
                "--mqtt-port",
                "0",
                "--grpc-port",
                "0",
                "--script",
                "/nonexistent/script.txt",
            ],
            "jet: sim: ",
        ),
    ] {
        let run = jet(&args).expect_code(2);
        assert!(run.stderr.contains(words), "jet {args:?}:\n{}", run.stderr);
    }
}
