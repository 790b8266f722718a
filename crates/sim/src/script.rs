//! Scripted notifications: a text file of messages to publish, with delays.
//!
//! # Format
//!
//! One message per line:
//!
//! ```text
//! <delay-ms> <topic> <payload>
//! ```
//!
//! - `<delay-ms>`: milliseconds to wait before publishing, counted from the
//!   previous message (the first: from the start of the replay).
//! - `<topic>`: the MQTT topic, without spaces, `+`, `#` or NUL.
//! - `<payload>`, after the spaces or tabs that follow the topic:
//!   - `@<path>`: the bytes of that file, unchanged (a trailing newline
//!     included); a relative path is relative to the script's directory;
//!   - anything else: the rest of the line, verbatim (inline JSON, say);
//!   - nothing: an empty payload.
//!
//! Blank lines and lines whose first non-blank character is `#` are
//! ignored. A `\r` before the line end is dropped.
//!
//! ```text
//! # an interface address, from a file, then an inline commit event
//! 0   /junos/events/kernel/interfaces/ifa/add/ge-0/0/0.0/inet/192.0.2.1/24  @events/ifa-add.json
//! 100 /junos/events/genpub/config-update {"jet-event": {"event-id": "CONFIG_UPDATE", "attributes": {}}}
//! ```
//!
//! `tests/data/sim-script.txt` replays every sample of `tests/data/events`.

use bytes::Bytes;
use jet::{Error, Result};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// One message of a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptLine {
    /// Wait this long after the previous message.
    pub delay: Duration,
    /// The topic.
    pub topic: String,
    /// The payload.
    pub payload: Bytes,
}

/// A parsed script.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Script {
    /// The messages, in order.
    pub lines: Vec<ScriptLine>,
}

impl Script {
    /// Reads and parses the script file at `path` (payload files relative to
    /// its directory).
    pub fn load(path: impl AsRef<Path>) -> Result<Script> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::invalid(format!("script: cannot read {}: {e}", path.display())))?;
        let base = path.parent().unwrap_or_else(|| Path::new("."));
        Script::parse(&text, base)
            .map_err(|e| Error::invalid(format!("{}: {}", path.display(), e.message())))
    }

    /// Parses script `text`; `@` payload paths are relative to `base`.
    pub fn parse(text: &str, base: &Path) -> Result<Script> {
        let mut lines = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let number = index + 1;
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let bad = |why: String| Error::invalid(format!("script line {number}: {why}"));
            let (delay, rest) = split_field(trimmed);
            let delay: u64 = delay
                .parse()
                .map_err(|_| bad(format!("{delay:?} is not a delay in milliseconds")))?;
            let (topic, rest) = split_field(rest);
            if topic.is_empty() {
                return Err(bad("no topic".to_string()));
            }
            if topic.contains(['+', '#', '\0']) {
                return Err(bad(format!(
                    "{topic:?} is not a topic name (no '+', '#' or NUL)"
                )));
            }
            let payload =
                match rest.strip_prefix('@') {
                    Some(file) => {
                        let path = base.join(file);
                        Bytes::from(std::fs::read(&path).map_err(|e| {
                            bad(format!("cannot read payload {}: {e}", path.display()))
                        })?)
                    }
                    None => Bytes::copy_from_slice(rest.as_bytes()),
                };
            lines.push(ScriptLine {
                delay: Duration::from_millis(delay),
                topic: topic.to_string(),
                payload,
            });
        }
        Ok(Script { lines })
    }

    /// Publishes every message through `publish` after its delay; stops
    /// early when `stop` is set or `publish` returns false. Returns how many
    /// were published.
    pub fn replay(&self, stop: &AtomicBool, mut publish: impl FnMut(&ScriptLine) -> bool) -> usize {
        let mut due = Instant::now();
        let mut sent = 0;
        for line in &self.lines {
            due += line.delay;
            loop {
                if stop.load(Ordering::Relaxed) {
                    return sent;
                }
                let left = due.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                std::thread::sleep(left.min(Duration::from_millis(20)));
            }
            if !publish(line) {
                return sent;
            }
            sent += 1;
        }
        sent
    }
}

/// The first blank-separated field and the rest after its separator.
fn split_field(text: &str) -> (&str, &str) {
    match text.find([' ', '\t']) {
        Some(end) => (&text[..end], text[end..].trim_start_matches([' ', '\t'])),
        None => (text, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_give_delay_topic_and_payload() {
        let dir = std::env::temp_dir().join(format!("jet-sim-script-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("p.json"), b"{\"a\": 1}\n").unwrap();
        let script = Script::parse(
            "# comment\n\n  10 /a/b @p.json\r\n0\t/c {\"x\": \"y z\"}\n5 /d\n",
            &dir,
        )
        .unwrap();
        let got: Vec<_> = script
            .lines
            .iter()
            .map(|l| (l.delay.as_millis(), l.topic.as_str(), l.payload.as_ref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (10, "/a/b", &b"{\"a\": 1}\n"[..]),
                (0, "/c", &b"{\"x\": \"y z\"}"[..]),
                (5, "/d", &b""[..]),
            ]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn bad_lines_name_their_number() {
        let base = Path::new(".");
        for (text, needle) in [
            ("x /a {}", "line 1"),
            ("# c\n10", "line 2: no topic"),
            ("1 /a/# {}", "not a topic"),
            ("1 /a @/nonexistent/file", "cannot read payload"),
        ] {
            let error = Script::parse(text, base).unwrap_err();
            assert!(error.to_string().contains(needle), "{text:?}: {error}");
        }
    }

    #[test]
    fn replay_publishes_in_order_and_stops_when_told() {
        let script = Script::parse("0 /a 1\n0 /b 2\n0 /c 3\n", Path::new(".")).unwrap();
        let stop = AtomicBool::new(false);
        let mut seen = Vec::new();
        let sent = script.replay(&stop, |line| {
            seen.push(line.topic.clone());
            line.topic != "/b"
        });
        assert_eq!((sent, seen), (1, vec!["/a".to_string(), "/b".to_string()]));
        stop.store(true, Ordering::Relaxed);
        assert_eq!(script.replay(&stop, |_| true), 0);
    }
}
