// What a newcomer meets in the first hour, run as they would: the README's
// quick start (examples/c/quickstart.c) against `jet sim`, the commands
// `jet sim` suggests, the password prompt, the warnings and hints of the
// `jet` tool, and the simulator behaving as a device does.

mod harness;

use harness::*;
use jet_testkit::c as c_support;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// `jet sim`'s hint lines: everything after "try, in another terminal:".
fn suggested_commands(sim: &mut Sim) -> Vec<String> {
    sim.process.wait_stderr("try, in another terminal:");
    sim.process.wait_stderr("jet iface add");
    let log = sim.process.stderr();
    log.lines()
        .filter_map(|line| line.strip_prefix("jet sim:   jet "))
        .map(str::to_string)
        .collect()
}

#[test]
fn jet_sim_prints_commands_that_work_as_pasted() {
    let mut sim = Sim::start(&[]);
    let commands = suggested_commands(&mut sim);
    assert_eq!(commands.len(), 2, "{commands:?}");
    let log = sim.process.stderr();
    assert!(log.contains(&format!("login {USER} / {PASSWORD}")), "{log}");
    let watch_args: Vec<&str> = commands[0].split_whitespace().collect();
    assert_eq!(
        watch_args,
        [
            "watch",
            "--device",
            "127.0.0.1",
            "--port",
            sim.mqtt.as_str()
        ]
    );
    let mut watch_args = watch_args.clone();
    watch_args.extend(["--count", "1"]);
    let mut watch = Background::start(&watch_args);
    watch.wait_stderr("jet watch: watching");
    let iface: Vec<&str> = commands[1].split_whitespace().collect();
    let added = jet(&iface).ok();
    assert!(
        added.stdout.contains("added address ge-0/0/0.0"),
        "{added:?}"
    );
    assert_eq!(
        watch.next_line(),
        "KERNEL_EVENT_IFA_ADD  ge-0/0/0.0  inet 192.0.2.1/24"
    );
    sim.stop();
}

#[test]
fn the_readme_quick_start_receives_a_simulator_event() {
    let quickstart = c_support::example_binary("quickstart", &[]);
    let mut sim = Sim::start(&[]);
    let mut program = Command::new(&quickstart);
    program
        .args(["127.0.0.1", &sim.mqtt])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut program = Background::adopt(program.spawn().expect("run quickstart"), "quickstart");
    assert_eq!(
        program.next_line(),
        "waiting for an interface address to be added..."
    );
    let commands = suggested_commands(&mut sim);
    let iface: Vec<&str> = commands[1].split_whitespace().collect();
    jet(&iface).ok();
    assert_eq!(
        program.next_line(),
        "KERNEL_EVENT_IFA_ADD 192.0.2.1/32 on \
         /junos/events/kernel/interfaces/ifa/add/ge-0/0/0.0/inet/192.0.2.1/24"
    );
    assert_eq!(program.wait_exit(Duration::from_secs(20)).code(), Some(0));
    sim.stop();
}

#[test]
fn a_user_without_a_password_and_no_terminal_is_told_what_to_do() {
    let run = jet(&[
        "iface",
        "add",
        "ge-0/0/0.0",
        "inet",
        "192.0.2.1/24",
        "--user",
        "lab",
    ])
    .expect_code(2);
    assert!(
        run.stderr
            .contains("--user lab was given without a password")
            && run.stderr.contains("JET_PASSWORD"),
        "{}",
        run.stderr
    );
}

/// Runs `jet args…` on a new terminal (util-linux `script`), answers its
/// password prompt with `password`, and gives everything the terminal showed.
fn on_a_terminal(args: &[&str], password: &str) -> (Option<i32>, String) {
    let script = jet_testkit::ensure_tool("script", "bsdutils");
    let command_line = std::iter::once(JET.to_string())
        .chain(args.iter().map(|a| format!("'{a}'")))
        .collect::<Vec<_>>()
        .join(" ");
    let mut child = Command::new(script)
        .args(["-qefc", &command_line, "/dev/null"])
        .env_remove("JET_PASSWORD")
        .env_remove("JET_USER")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run script");
    let shown = Arc::new(Mutex::new(Vec::new()));
    let reader = {
        let shown = shown.clone();
        let mut out = child.stdout.take().expect("stdout");
        thread::spawn(move || {
            let mut buffer = [0u8; 1024];
            while let Ok(n) = out.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                shown.lock().unwrap().extend_from_slice(&buffer[..n]);
            }
        })
    };
    let text =
        |shown: &Arc<Mutex<Vec<u8>>>| String::from_utf8_lossy(&shown.lock().unwrap()).into_owned();
    let deadline = Instant::now() + LINE_LIMIT;
    while !text(&shown).contains("Password for") {
        assert!(
            Instant::now() < deadline,
            "no password prompt within {LINE_LIMIT:?}: {:?}",
            text(&shown)
        );
        thread::sleep(Duration::from_millis(10));
    }
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(format!("{password}\n").as_bytes())
        .expect("type the password");
    let status = child.wait().expect("wait for script");
    drop(stdin);
    reader.join().expect("reader");
    (status.code(), text(&shown))
}

#[test]
fn a_user_without_a_password_on_a_terminal_is_asked_without_echo() {
    let sim = Sim::start(&[]);
    let (code, shown) = on_a_terminal(
        &[
            "iface",
            "add",
            "ge-0/0/1.0",
            "inet",
            "198.51.100.7/24",
            "--port",
            &sim.grpc,
            "--clear-text",
            "--user",
            USER,
        ],
        PASSWORD,
    );
    assert_eq!(code, Some(0), "{shown}");
    assert!(
        shown.contains(&format!("Password for {USER}@127.0.0.1: ")),
        "{shown}"
    );
    assert!(shown.contains("added address ge-0/0/1.0"), "{shown}");
    assert!(
        !shown.contains(PASSWORD),
        "the password was echoed: {shown}"
    );
    sim.stop();
}

#[test]
fn watch_warns_about_a_filter_no_junos_topic_can_match() {
    let sim = Sim::start(&[]);
    let mut watch = Background::start(&["watch", "--port", &sim.mqtt, "junos/events/#"]);
    watch.wait_stderr("jet watch: warning: 'junos/events/#' cannot match any Junos topic");
    watch.wait_stderr("jet watch: watching");
    drop(watch);
    let fine = Background::start(&["watch", "--port", &sim.mqtt, "/junos/events/+/#"]);
    let mut fine = fine;
    fine.wait_stderr("jet watch: watching");
    assert!(!fine.stderr().contains("warning"), "{}", fine.stderr());
    sim.stop();
}

#[test]
fn verbose_help_says_what_it_shows_on_each_command() {
    let help = |command: &str| jet(&[command, "--help"]).ok().stdout;
    assert!(help("watch").contains("connects, reconnects, subscriptions"));
    assert!(help("op").contains("-v: which IDL generation answered"));
    assert!(help("sim").contains("-v: every event the device publishes"));
    assert!(help("iface").contains("the IDL generation chosen per service"));
}

#[test]
fn a_busy_port_is_reported_with_one_prefix() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = busy.local_addr().expect("address").port().to_string();
    let run = jet(&["sim", "--mqtt-port", &port, "--grpc-port", "0"]).expect_code(1);
    assert!(
        run.stderr
            .starts_with("jet: sim: MQTT: cannot listen on 127.0.0.1:"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_simulator_checks_configurations_as_a_device_does() {
    let sim = Sim::start(&[]);
    let dir = jet_testkit::scratch_dir("cli-config-fidelity");
    let file = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write");
        path.to_string_lossy().into_owned()
    };
    let typo = file("typo.set", "sett system host-name x\n");
    let refused = sim
        .jet(&["config", "load", "--format", "set", &typo])
        .expect_code(1);
    assert!(
        refused
            .stderr
            .contains("syntax error: sett system host-name x"),
        "{}",
        refused.stderr
    );
    let xml = file("as-json.json", "<configuration/>");
    let refused = sim
        .jet(&["config", "load", "--format", "json", &xml])
        .expect_code(1);
    assert!(refused.stderr.contains("not JSON"), "{}", refused.stderr);

    let host = file("host.set", "set system host-name lab-r9\n");
    sim.jet(&["config", "load", "--format", "set", "--commit", &host])
        .ok();
    let version = sim.jet(&["op", "show version"]).ok();
    assert!(
        version.stdout.contains("Hostname: lab-r9"),
        "{}",
        version.stdout
    );
    sim.stop();
}

#[test]
fn the_wrong_port_or_tls_setting_says_what_is_likely_wrong() {
    let sim = Sim::start(&[]);
    let add = ["iface", "add", "ge-0/0/0.0", "inet", "192.0.2.1/24"];
    let login = ["--user", USER, "--password", PASSWORD];

    let tls_to_clear_text =
        jet(&[&add[..], &["--port", &sim.grpc], &login[..]].concat()).expect_code(1);
    assert!(
        tls_to_clear_text
            .stderr
            .contains("the device answered in clear text")
            && tls_to_clear_text.stderr.contains("use --clear-text"),
        "{}",
        tls_to_clear_text.stderr
    );

    let service_to_mqtt =
        jet(&[&add[..], &["--port", &sim.mqtt, "--clear-text"], &login[..]].concat())
            .expect_code(1);
    assert!(
        service_to_mqtt
            .stderr
            .contains("is it the device's MQTT port"),
        "{}",
        service_to_mqtt.stderr
    );

    let watch_to_grpc = jet(&["watch", "--port", &sim.grpc, "--count", "1"]).expect_code(1);
    assert!(
        watch_to_grpc
            .stderr
            .contains("this port does not speak MQTT: is it the JET gRPC port?"),
        "{}",
        watch_to_grpc.stderr
    );

    let tls_watch = jet(&["watch", "--port", &sim.mqtt, "--tls", "--count", "1"]).expect_code(1);
    assert!(
        tls_watch.stderr.contains("does it speak TLS on this port?"),
        "{}",
        tls_watch.stderr
    );
    sim.stop();
}
