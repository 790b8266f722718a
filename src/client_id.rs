//! Client ids that are unique across processes and sessions.

use std::sync::atomic::{AtomicU64, Ordering};

/// `<prefix>-<pid>-<counter>-<time>`, in hex: unique per process by the
/// counter, across processes by the pid and the time.
pub(crate) fn unique(prefix: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    format!(
        "{prefix}-{:x}-{:x}-{:x}",
        std::process::id(),
        n,
        nanos & 0xff_ffff
    )
}
