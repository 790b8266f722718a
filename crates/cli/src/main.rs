//! `jet`, libjet's command line: parses the arguments, runs the command and
//! turns the outcome into an exit status. Everything else is in `jet_cli`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = jet_cli::parse();
    match jet_cli::run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}
