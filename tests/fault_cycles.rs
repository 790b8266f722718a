//! 10,000 open / subscribe / close cycles against a real broker give back
//! what they take (issue 19, SECURITY.md): after a warm-up, the process
//! holds no more file descriptors or threads, and its resident memory
//! stays within a small allowance for the allocator.

use jet_testkit as support;

use jet::notify::{NotificationSession, NotifyOptions};
use jet::topic::Topic;
use std::time::{Duration, Instant};
use support::{usage, Broker, BrokerOptions};

const CYCLES: usize = 10_000;
/// Cycles before the first reading: libjet's runtime, dispatcher and the
/// allocator's arenas are in place by then.
const WARM_UP: usize = 200;
/// Resident memory the remaining cycles may add (allocator slack; a leak of
/// even 1 KiB per cycle would be about 10 MB).
const RSS_ALLOWANCE_KIB: u64 = 4 * 1024;

fn cycle(options: &NotifyOptions, topic: &Topic) {
    let session = NotificationSession::open(options.clone()).expect("session opens");
    session.subscribe_pull(topic).expect("subscribe");
    session.close();
}

/// Waits (up to 10 s) for the thread and descriptor counts to settle at or
/// under `before`: a closed session's socket and a finished thread leave
/// `/proc` a moment after.
fn settled(before: support::Usage) -> support::Usage {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = usage();
        if (now.fds <= before.fds && now.threads <= before.threads) || Instant::now() > deadline {
            return now;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn ten_thousand_open_subscribe_close_cycles_leak_nothing() {
    let broker = Broker::start(BrokerOptions::default());
    let options = NotifyOptions {
        port: broker.port(),
        ..Default::default()
    };
    let topic = Topic::all_kernel_events();
    for _ in 0..WARM_UP {
        cycle(&options, &topic);
    }
    let before = settled(usage());
    let started = Instant::now();
    for _ in WARM_UP..CYCLES {
        cycle(&options, &topic);
    }
    let elapsed = started.elapsed();
    let after = settled(before);
    println!(
        "{} cycles in {:.1} s: before {before:?}, after {after:?}, RSS {:+} KiB",
        CYCLES - WARM_UP,
        elapsed.as_secs_f64(),
        after.rss_kib as i64 - before.rss_kib as i64
    );
    assert_eq!(after.fds, before.fds, "file descriptors");
    assert_eq!(after.threads, before.threads, "threads");
    assert!(
        after.rss_kib <= before.rss_kib + RSS_ALLOWANCE_KIB,
        "resident memory grew from {} to {} KiB",
        before.rss_kib,
        after.rss_kib
    );
}
