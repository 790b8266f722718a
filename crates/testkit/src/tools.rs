//! External programs the tests shell out to: finding them, installing the
//! missing ones with apt-get, and running them with useful failure messages.

use std::fs::{File, OpenOptions};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Mutex;
use std::thread;
use std::time::Duration;

/// Serialises installs between the threads of one test process; the file lock
/// below serialises them between test processes (cargo runs test binaries one
/// after another, but other tools may run several at once).
static INSTALL: Mutex<bool> = Mutex::new(false); // true once `apt-get update` ran

const APT_LOCK_FILE: &str = "/tmp/libjet-apt-install.lock";

/// Directories searched after `$PATH`: `mosquitto` lives in /usr/sbin, which is
/// often missing from a normal user's `$PATH`.
const SBIN_DIRS: [&str; 3] = ["/usr/local/sbin", "/usr/sbin", "/sbin"];

/// The full path of `binary` if it is on `$PATH` or in an sbin directory.
pub fn find_tool(binary: &str) -> Option<PathBuf> {
    let path_var = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path_var)
        .chain(SBIN_DIRS.iter().map(PathBuf::from))
        .map(|dir| dir.join(binary))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    path.metadata()
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

/// Makes sure `binary` can be run and returns its full path.
///
/// When it is missing and the tests run as root, installs the Debian package
/// `apt_package` (`apt-get update` once per process, then a non-interactive
/// `apt-get install -y`), serialised by a file lock in /tmp and retried while
/// dpkg's own lock is busy. When it is still missing, panics with a message
/// that says what to install: a test never skips silently.
pub fn ensure_tool(binary: &str, apt_package: &str) -> PathBuf {
    if let Some(path) = find_tool(binary) {
        return path;
    }
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        missing_tool_panic(
            binary,
            apt_package,
            "the tests do not run as root, so they cannot install it",
        );
    }
    let mut updated = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
    let _file_lock = FileLock::acquire(APT_LOCK_FILE);
    // Another thread or process may have installed it while we waited.
    if let Some(path) = find_tool(binary) {
        return path;
    }
    if find_tool("apt-get").is_none() {
        missing_tool_panic(
            binary,
            apt_package,
            "apt-get is not available on this machine",
        );
    }
    eprintln!(
        "libjet test harness: `{binary}` is missing; installing the Debian package `{apt_package}` with apt-get"
    );
    if !*updated {
        let out = apt_get(&["update"]);
        if !out.status.success() {
            eprintln!(
                "libjet test harness: `apt-get update` failed (trying the install anyway):\n{}",
                output_text(&out)
            );
        }
        *updated = true;
    }
    let out = apt_get(&["install", "-y", "--no-install-recommends", apt_package]);
    match find_tool(binary) {
        Some(path) => path,
        None => missing_tool_panic(
            binary,
            apt_package,
            &format!(
                "`apt-get install -y {apt_package}` did not provide it ({}):\n{}",
                out.status,
                output_text(&out)
            ),
        ),
    }
}

fn missing_tool_panic(binary: &str, apt_package: &str, why: &str) -> ! {
    panic!(
        "\n\n==================== MISSING TEST TOOL ====================\n\
         `{binary}` is required by libjet's integration tests but is not installed,\n\
         and {why}.\n\
         Install it with:   sudo apt-get install -y {apt_package}\n\
         or install every test dependency with:   sudo scripts/install-deps.sh\n\
         ============================================================\n"
    )
}

/// Runs `apt-get <args>` non-interactively, retrying while another apt/dpkg
/// holds the dpkg lock (apt waits up to 60 s itself on each attempt).
fn apt_get(args: &[&str]) -> Output {
    const BUSY: [&str; 3] = [
        "Could not get lock",
        "Unable to acquire the dpkg frontend lock",
        "is another process using it",
    ];
    let mut attempt = 1;
    loop {
        let out = Command::new("apt-get")
            .args(["-q", "-o", "DPkg::Lock::Timeout=60"])
            .args([
                "-o",
                "Dpkg::Options::=--force-confdef",
                "-o",
                "Dpkg::Options::=--force-confold",
            ])
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("cannot run apt-get: {e}"));
        let text = output_text(&out);
        if out.status.success() || attempt >= 10 || !BUSY.iter().any(|b| text.contains(b)) {
            return out;
        }
        eprintln!("libjet test harness: the dpkg lock is busy; retrying apt-get {args:?} in 3 s");
        attempt += 1;
        thread::sleep(Duration::from_secs(3));
    }
}

/// An exclusive `flock` on a file, released when dropped.
struct FileLock {
    _file: File,
}

impl FileLock {
    fn acquire(path: &str) -> FileLock {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .unwrap_or_else(|e| panic!("cannot open the lock file {path}: {e}"));
        loop {
            // SAFETY: the descriptor is open for as long as `file` lives.
            if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } == 0 {
                return FileLock { _file: file };
            }
            let err = std::io::Error::last_os_error();
            if err.kind() != std::io::ErrorKind::Interrupted {
                panic!("cannot lock {path}: {err}");
            }
        }
    }
}

/// Stdout and stderr of a finished program, for failure messages.
pub fn output_text(out: &Output) -> String {
    format!(
        "--- stdout ---\n{}--- stderr ---\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Runs `cmd` to completion and panics, showing its output, unless it exits 0.
pub fn run_ok(cmd: &mut Command) -> Output {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}):\n{}",
        out.status,
        output_text(&out)
    );
    out
}
