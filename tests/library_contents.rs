//! What `libjet.so` contains: the library alone. The simulator and the `jet`
//! tool are crates of their own that depend on the library, so building them
//! (this test runs after `cargo test --workspace` built every member into the
//! same target directory) must not put any of their code into it.
//! scripts/test checks the release build the same way.

use jet_testkit::c::lib_dir;
use jet_testkit::{ensure_tool, run_ok};
use std::path::Path;
use std::process::Command;

/// Demangled names of the symbols `library` defines.
fn defined_symbols(library: &Path) -> Vec<String> {
    let nm = ensure_tool("nm", "binutils");
    let out = run_ok(
        Command::new(nm)
            .args(["--demangle", "--defined-only"])
            .arg(library),
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// Panics when `library` holds code of the simulator, its broker or the tool.
fn assert_only_the_library(library: &Path) {
    let symbols = defined_symbols(library);
    assert!(
        symbols.iter().any(|s| s.contains("jet_notification_open")),
        "{} does not look like libjet",
        library.display()
    );
    let foreign: Vec<&String> = symbols
        .iter()
        .filter(|s| {
            ["jet_sim::", "jet_cli::", "rumqttd::", "clap_builder::"]
                .iter()
                .any(|m| s.contains(m))
        })
        .collect();
    assert!(
        foreign.is_empty(),
        "{} holds {} symbols of the simulator or the tool, e.g. {:?}",
        library.display(),
        foreign.len(),
        &foreign[..foreign.len().min(5)]
    );
}

#[test]
fn the_shared_library_holds_no_simulator_or_tool_code() {
    assert_only_the_library(&lib_dir().join("libjet.so"));
}
