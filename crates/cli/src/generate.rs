//! What `scripts/install` installs beside the tool, made from the tool's own
//! command line so that it cannot drift from it: `jet completions SHELL`
//! prints a shell completion script, `jet generate-man DIR` writes one man
//! page per command (`jet.1`, `jet-watch.1`, `jet-iface-add.1`, …). Both
//! commands are hidden from `jet --help`.

use super::exit::Failure;
use clap::{Args, Command};
use clap_complete::Shell;
use std::io::Write;
use std::path::PathBuf;

/// `jet completions SHELL`.
#[derive(Debug, Args)]
pub struct CompletionsCmd {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

/// `jet generate-man DIR`.
#[derive(Debug, Args)]
pub struct ManCmd {
    /// Directory to write the pages into (created when missing)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

/// Prints the completion script of `command` for `cmd.shell` on stdout.
pub fn completions(cmd: &CompletionsCmd, mut command: Command) -> Result<(), Failure> {
    // Made in memory first: clap_complete panics on a failed write (a
    // closed pipe), where `jet` reports it.
    let mut script = Vec::new();
    clap_complete::generate(cmd.shell, &mut command, "jet", &mut script);
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(&script)
        .and_then(|()| stdout.flush())
        .map_err(|e| Failure::device(format!("completions {}", cmd.shell), e.to_string()))
}

/// Writes the man pages of `command` and its subcommands into `cmd.dir`.
pub fn man_pages(cmd: &ManCmd, command: Command) -> Result<(), Failure> {
    let what = format!("generate-man {}", cmd.dir.display());
    std::fs::create_dir_all(&cmd.dir).map_err(|e| Failure::device(&what, e.to_string()))?;
    clap_mangen::generate_to(command, &cmd.dir).map_err(|e| Failure::device(&what, e.to_string()))
}
