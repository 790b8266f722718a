//! The password of `--user` when none was given: asked for on the terminal,
//! without echo, or refused with a clear message when there is no terminal
//! (a script must not hang on a prompt nobody sees).

use super::args::non_empty;
use super::exit::Failure;
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::os::fd::AsRawFd;

/// The user and password of the `--user`/`--password` flags (an empty one,
/// `JET_USER=`, is none): the password given, or, for a user without one,
/// asked on the terminal as `Password for USER@DEVICE: `.
pub fn login(
    what: &str,
    device: &str,
    user: &Option<String>,
    password: &Option<String>,
) -> Result<(Option<String>, Option<String>), Failure> {
    let user = non_empty(user);
    let password = self::password(what, user.as_deref(), device, non_empty(password))?;
    Ok((user, password))
}

/// The password to use: `given` when there is one; none without a user;
/// otherwise asked on the terminal.
fn password(
    what: &str,
    user: Option<&str>,
    device: &str,
    given: Option<String>,
) -> Result<Option<String>, Failure> {
    let Some(user) = user else {
        return Ok(given);
    };
    if given.is_some() {
        return Ok(given);
    }
    let interactive = unsafe { libc::isatty(libc::STDIN_FILENO) } == 1;
    let tty = File::options().read(true).write(true).open("/dev/tty");
    match tty {
        Ok(tty) if interactive => ask(&tty, &format!("Password for {user}@{device}: "))
            .map(Some)
            .map_err(|e| Failure::usage(what, format!("cannot read the password: {e}"))),
        _ => Err(Failure::usage(
            what,
            format!(
                "--user {user} was given without a password, and there is no terminal to ask \
                 on: give --password or set JET_PASSWORD"
            ),
        )),
    }
}

/// Prints `prompt` on the terminal and reads one line with echo off; echo is
/// restored whatever happens.
fn ask(tty: &File, prompt: &str) -> std::io::Result<String> {
    let fd = tty.as_raw_fd();
    let mut saved: libc::termios = unsafe { std::mem::zeroed() };
    if unsafe { libc::tcgetattr(fd, &mut saved) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    let mut quiet = saved;
    quiet.c_lflag &= !libc::ECHO;
    quiet.c_lflag |= libc::ECHONL;
    if unsafe { libc::tcsetattr(fd, libc::TCSANOW, &quiet) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    let result = (|| {
        let mut out = tty;
        out.write_all(prompt.as_bytes())?;
        out.flush()?;
        let mut line = String::new();
        BufReader::new(tty).read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    })();
    unsafe { libc::tcsetattr(fd, libc::TCSANOW, &saved) };
    result
}
