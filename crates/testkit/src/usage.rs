//! What this process holds, read from `/proc/self`: open file descriptors,
//! threads, resident memory now and at its peak. For the tests that prove
//! libjet gives back what it takes.

/// A reading of [`usage`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Usage {
    /// Entries of `/proc/self/fd`.
    pub fds: usize,
    /// Entries of `/proc/self/task`.
    pub threads: usize,
    /// `VmRSS` of `/proc/self/status`, in KiB.
    pub rss_kib: u64,
    /// `VmHWM` (the peak resident size so far), in KiB.
    pub peak_rss_kib: u64,
}

fn entries(dir: &str) -> usize {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {dir}: {e}"))
        .count()
}

fn status_kib(status: &str, field: &str) -> u64 {
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status"))
}

/// Reads this process's usage now.
pub fn usage() -> Usage {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    Usage {
        fds: entries("/proc/self/fd"),
        threads: entries("/proc/self/task"),
        rss_kib: status_kib(&status, "VmRSS:"),
        peak_rss_kib: status_kib(&status, "VmHWM:"),
    }
}
