//! Writing results on stdout, one flushed line at a time, so that a pipe or
//! a test reading `jet` sees each line as soon as it is made.
//!
//! Rust ignores SIGPIPE, so a stdout whose reader went away (`jet watch |
//! head -3`) shows up as an `io::Error` here instead of killing the process;
//! [`line()`] returns it so that a stream can end quietly, and [`say`] drops it
//! for one-shot results.

use std::io::{self, Write};

/// Writes `text` and a newline on stdout and flushes.
pub fn line(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    writeln!(out, "{text}")?;
    out.flush()
}

/// Writes `text` as it is, adding a newline unless it ends with one.
pub fn block(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.is_empty() && !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// Like [`line()`] for a one-shot result: a closed stdout is not an error.
pub fn say(text: &str) {
    let _ = line(text);
}

/// Writes a progress note on stderr, prefixed with `jet <command>:`.
pub fn note(command: &str, text: &str) {
    eprintln!("jet {command}: {text}");
}
