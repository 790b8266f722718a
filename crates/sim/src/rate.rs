//! Synthetic device events at a steady rate, for benchmarks: IFL and IFA
//! change events of about 300 bytes in the device's format, on varied
//! interfaces, units and addresses.

use super::events::{device_time, EventMessage};
use super::events::{ifa_event, ifl_event, Header};
use super::model::{Address, AddressFamily};
use super::say::{Say, DETAIL, INFO};
use jet::topic::Op;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// How many events per second, and how many in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// Events per second (at least 1).
    pub per_second: u32,
    /// Stop after this many; `None`: until the simulator stops.
    pub total: Option<u64>,
}

impl Rate {
    /// `per_second` events per second until stopped.
    pub fn per_second(per_second: u32) -> Rate {
        Rate {
            per_second,
            total: None,
        }
    }
}

/// The `n`-th synthetic event: every third an IFL change
/// (`/junos/events/kernel/interfaces/ifl/change/<ifd>.<unit>`), the others
/// IFA changes (`…/ifa/change/<ifd>.<unit>/inet/10.<a>.<b>.1/24`). The
/// interface runs over `ge-0/0/0` … `xe-3/0/47`, units 0–15.
pub fn synthetic_event(n: u64, hostname: &str, time: &str) -> EventMessage {
    let header = Header { hostname, time };
    let port = (n % 48) as u32;
    let unit = ((n / 48) % 16) as u32;
    let fpc = ((n / 768) % 4) as u32;
    let kind = if fpc.is_multiple_of(2) { "ge" } else { "xe" };
    let ifd = format!("{kind}-{fpc}/0/{port}");
    if n.is_multiple_of(3) {
        ifl_event(&header, Op::Change, &ifd, unit)
    } else {
        let address = Address {
            ifd,
            unit,
            family: AddressFamily::Inet,
            prefix: format!("10.{}.{port}.1/24", fpc * 16 + unit),
        };
        ifa_event(&header, Op::Change, &address, n as i64 + 1)
    }
}

/// Publishes synthetic events at `rate` through `publish` until `stop` is
/// set, the total is reached or `publish` fails; returns how many went out.
pub(crate) fn run(
    rate: Rate,
    hostname: &str,
    stop: &AtomicBool,
    say: Say,
    mut publish: impl FnMut(EventMessage) -> bool,
) -> u64 {
    let per_second = f64::from(rate.per_second.max(1));
    let total = rate.total.unwrap_or(u64::MAX);
    let start = Instant::now();
    let mut sent: u64 = 0;
    let mut last_report = (start, 0u64);
    let mut time = (u64::MAX, String::new());
    say.line(
        INFO,
        format_args!(
            "rate: publishing {} events/s{}",
            rate.per_second.max(1),
            rate.total
                .map(|t| format!(", {t} in all"))
                .unwrap_or_default()
        ),
    );
    'run: while sent < total && !stop.load(Ordering::Relaxed) {
        let elapsed = start.elapsed().as_secs_f64();
        let due = ((elapsed * per_second) as u64).saturating_add(1).min(total);
        while sent < due {
            let now = SystemTime::now();
            let second = now
                .duration_since(SystemTime::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0);
            if second != time.0 {
                time = (second, device_time(now));
            }
            if !publish(synthetic_event(sent, hostname, &time.1)) {
                break 'run;
            }
            sent += 1;
            if sent.is_multiple_of(1024) && stop.load(Ordering::Relaxed) {
                break 'run;
            }
        }
        if last_report.0.elapsed() >= Duration::from_secs(1) {
            say.line(
                DETAIL,
                format_args!(
                    "rate: {} events in the last {:.1} s, {sent} in all",
                    sent - last_report.1,
                    last_report.0.elapsed().as_secs_f64()
                ),
            );
            last_report = (Instant::now(), sent);
        }
        let next_at = sent as f64 / per_second;
        let wait = (next_at - start.elapsed().as_secs_f64()).clamp(0.0, 0.01);
        if wait > 0.0 {
            std::thread::sleep(Duration::from_secs_f64(wait));
        }
    }
    say.line(
        INFO,
        format_args!(
            "rate: stopped after {sent} events in {:.1} s",
            start.elapsed().as_secs_f64()
        ),
    );
    sent
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_events_vary_and_are_about_300_bytes() {
        let events: Vec<_> = (0..3000)
            .map(|n| synthetic_event(n, "jet-sim", "2024-05-01-12:00:00"))
            .collect();
        let average = events.iter().map(|e| e.payload.len()).sum::<usize>() / events.len();
        assert!((250..=350).contains(&average), "average {average} bytes");
        let topics: std::collections::HashSet<_> = events.iter().map(|e| &e.topic).collect();
        assert!(topics.len() > 1000, "{} distinct topics", topics.len());
        assert_eq!(
            events[0].topic,
            "/junos/events/kernel/interfaces/ifl/change/ge-0/0/0.0"
        );
        assert_eq!(
            events[1].topic,
            "/junos/events/kernel/interfaces/ifa/change/ge-0/0/1.0/inet/10.0.1.1/24"
        );
        for event in &events {
            let parsed: serde_json::Value = serde_json::from_str(&event.payload).unwrap();
            assert_eq!(parsed["jet-event"]["hostname"], "jet-sim");
        }
    }
}
