//! The threads libjet runs in this process, read from `/proc/self/task`.

use std::time::{Duration, Instant};

/// Names of this process's threads that libjet started (`jet-…`; the
/// simulator's own, `jet-sim…`, are not libjet's). A thread only just
/// started may still carry its parent's name until it names itself.
pub fn libjet_threads() -> Vec<String> {
    let tasks = std::fs::read_dir("/proc/self/task").expect("procfs");
    let mut names: Vec<String> = tasks
        .filter_map(|task| {
            let comm = task.expect("task entry").path().join("comm");
            std::fs::read_to_string(comm).ok()
        })
        .map(|name| name.trim().to_string())
        .filter(|name| name.starts_with("jet-") && !name.starts_with("jet-sim"))
        .collect();
    names.sort();
    names
}

/// Waits up to `limit` for every libjet thread to be gone (a joined thread
/// leaves `/proc` a moment after) and returns those still there.
pub fn libjet_threads_left_after(limit: Duration) -> Vec<String> {
    let deadline = Instant::now() + limit;
    loop {
        let left = libjet_threads();
        if left.is_empty() || Instant::now() >= deadline {
            return left;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
