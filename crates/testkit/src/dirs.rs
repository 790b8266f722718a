//! Paths the tests use: the checked-in test data, fresh scratch directories
//! and free loopback ports.

use std::collections::HashSet;
use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once};
use std::time::{Duration, SystemTime};

/// Every scratch directory is `<temp dir>/libjet-test-<pid>-<counter>-<name>`.
const PREFIX: &str = "libjet-test-";

/// Set this variable to keep scratch directories (broker configs and logs)
/// after the tests; they are always kept when the owning test panics.
pub const KEEP_ENV: &str = "LIBJET_KEEP_TEST_DIRS";

/// `<repository>/tests/data`.
pub fn data_dir() -> PathBuf {
    Path::new(crate::c::REPO_DIR).join("tests").join("data")
}

/// A fresh, empty, uniquely named directory under the system temp directory.
/// Nothing removes it during this process (use [`ScratchDir`] for that); a
/// later test process removes it once this process has exited.
pub fn scratch_dir(name: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    static SWEEP: Once = Once::new();
    SWEEP.call_once(sweep_stale_dirs);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let dir = std::env::temp_dir().join(format!("{PREFIX}{}-{n}-{safe}", std::process::id()));
    // A directory left by an earlier process with a recycled pid is stale.
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}

/// Removes the scratch directories of test processes that no longer run
/// (left by a crash, by the per-process certificate cache, or by a kept
/// failure more than an hour ago).
fn sweep_stale_dirs() {
    let Ok(entries) = fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(PREFIX)) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < hour_ago);
        if old && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// A scratch directory removed when dropped, except when the thread is
/// panicking (a failed test keeps its broker config and log for a look) or
/// when `LIBJET_KEEP_TEST_DIRS` is set.
pub struct ScratchDir {
    path: PathBuf,
}

impl ScratchDir {
    pub fn new(name: &str) -> ScratchDir {
        ScratchDir {
            path: scratch_dir(name),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        if std::thread::panicking() || std::env::var_os(KEEP_ENV).is_some() {
            eprintln!("libjet test harness: kept {}", self.path.display());
        } else {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

/// A TCP port on 127.0.0.1 that was free a moment ago (bind to port 0 and read
/// the port back). Never returns the same port twice in one process.
pub fn free_port() -> u16 {
    static HANDED_OUT: Mutex<Option<HashSet<u16>>> = Mutex::new(None);
    let mut handed_out = HANDED_OUT.lock().unwrap_or_else(|e| e.into_inner());
    let handed_out = handed_out.get_or_insert_with(HashSet::new);
    loop {
        let listener = TcpListener::bind("127.0.0.1:0").expect("cannot bind 127.0.0.1:0");
        let port = listener
            .local_addr()
            .expect("local_addr of a bound socket")
            .port();
        if handed_out.insert(port) {
            return port;
        }
    }
}
