//! Any values in every topic builder, and any filter and topic name in the
//! matcher: nothing panics, every built topic is a valid filter, and a topic
//! topic name matches itself and `#` (unless it starts with `$`).

#![no_main]

use arbitrary::Arbitrary;
use jet::topic::{self, Op, Topic};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    op: u8,
    name: Option<&'a str>,
    sub_unit: Option<u32>,
    family: Option<&'a str>,
    address: Option<&'a str>,
    prefix_length: Option<u8>,
    filter: &'a str,
    topic_name: &'a str,
}

fn op(byte: u8) -> Op {
    match byte % 4 {
        0 => Op::Add,
        1 => Op::Change,
        2 => Op::Delete,
        _ => Op::All,
    }
}

fn built(input: &Input<'_>) -> Vec<jet::Result<Topic>> {
    let op = op(input.op);
    let (name, unit, family) = (input.name, input.sub_unit, input.family);
    vec![
        Topic::ifd(op, name),
        Topic::ifl(op, name, unit),
        Topic::iff(op, name, unit, family),
        Topic::ifa(op, name, unit, family, input.address),
        Topic::firewall_filter(op, name),
        Topic::route(op, family, input.address, input.prefix_length),
        Topic::route_table(op, name, family),
        Topic::syslog(name),
        Topic::raw(input.filter),
    ]
}

fuzz_target!(|input: Input<'_>| {
    for topic in built(&input).into_iter().flatten() {
        let filter = topic.as_str();
        topic::validate_filter(filter).expect("a built topic is a valid filter");
        let _ = topic::may_match_junos(filter);
        if topic::validate_topic_name(filter).is_ok() {
            assert!(topic::matches(filter, filter), "{filter} matches itself");
            // MQTT 3.1.1 §4.7.2: `#` leaves out names that start with `$`.
            assert_eq!(topic::matches("#", filter), !filter.starts_with('$'));
        }
    }
    let (filter, name) = (input.filter, input.topic_name);
    let matched = topic::matches(filter, name);
    let valid = topic::validate_filter(filter).is_ok() && topic::validate_topic_name(name).is_ok();
    if valid && filter == name {
        assert!(matched, "{name} matches itself");
    }
    if valid {
        assert_eq!(topic::matches("#", name), !name.starts_with('$'));
    }
});
