//! include/jet.h: committed, identical to what build.rs generates, valid C99
//! and C++17, and documented item by item.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn header() -> String {
    std::fs::read_to_string(root().join("include/jet.h")).expect("include/jet.h exists")
}

#[test]
fn the_committed_header_is_the_generated_one() {
    // build.rs has just regenerated include/jet.h for this test build; git
    // shows whether that differs from the committed file.
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(root())
            .output()
            .expect("git runs (the tests need a git checkout)")
    };
    let tracked = git(&["ls-files", "--error-unmatch", "include/jet.h"]);
    assert!(tracked.status.success(), "include/jet.h is not committed");
    let diff = git(&["diff", "--exit-code", "--", "include/jet.h"]);
    assert!(
        diff.status.success(),
        "include/jet.h differs from a fresh generation; commit the regenerated header:\n{}",
        String::from_utf8_lossy(&diff.stdout)
    );
}

fn compile(compiler: &str, args: &[&str], language: &str) {
    let dir = std::env::temp_dir().join(format!("jet-header-{}-{language}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let source = dir.join("use.c");
    std::fs::write(
        &source,
        "#include \"jet.h\"\nint main(void) { return jet_abi_version() == 0; }\n",
    )
    .unwrap();
    let include = root().join("include");
    let out = Command::new(compiler)
        .args(args)
        .args([
            "-Wall",
            "-Wextra",
            "-Werror",
            "-pedantic",
            "-fsyntax-only",
            "-I",
        ])
        .arg(&include)
        .arg(Path::new(&source))
        .output()
        .unwrap_or_else(|e| panic!("{compiler} runs: {e}"));
    assert!(
        out.status.success(),
        "the header does not compile as {language}:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_header_compiles_as_c99_and_cpp17() {
    compile("cc", &["-std=c99", "-x", "c"], "C99");
    compile("c++", &["-std=c++17", "-x", "c++"], "C++17");
}

#[test]
fn every_item_in_the_header_is_documented() {
    let text = header();
    let lines: Vec<&str> = text.lines().collect();
    let mut undocumented = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let declares = line.starts_with("#define JET_")
            || (line.contains("jet_") && line.trim_end().ends_with(");") && !line.starts_with(' '))
            || line.starts_with("typedef ")
            || (line.starts_with("  JET_") && line.contains(" = "))
            || (line.starts_with("  ") && line.trim_end().ends_with(';') && !line.contains('('));
        if !declares || line.starts_with("typedef struct") {
            continue;
        }
        let previous = lines[..n]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .copied()
            .unwrap_or("");
        let documented =
            previous.trim_start().starts_with("*/") || previous.trim_start().starts_with("/**");
        // cbindgen follows a documented enum with its typedef, chosen by
        // preprocessor conditionals; the include guard needs no words.
        let enum_typedef = line.starts_with("typedef") && previous.starts_with('#');
        let guard = line.starts_with("#define JET_H");
        if !documented && !enum_typedef && !guard {
            undocumented.push(format!("{}: {}", n + 1, line));
        }
    }
    assert!(
        undocumented.is_empty(),
        "undocumented items:\n{}",
        undocumented.join("\n")
    );
}

#[test]
fn every_symbol_is_prefixed() {
    for line in header().lines() {
        if let Some(name) = line.strip_prefix("#define ") {
            assert!(name.starts_with("JET_"), "{line}");
        }
        if line.contains('(')
            && line.ends_with(");")
            && !line.starts_with(' ')
            && !line.starts_with("typedef")
        {
            let name = line
                .split('(')
                .next()
                .unwrap()
                .rsplit([' ', '*'])
                .next()
                .unwrap();
            assert!(name.starts_with("jet_"), "{line}");
        }
    }
}

/// The libjet.so that cargo built next to this test binary.
fn built_library() -> PathBuf {
    let deps = std::env::current_exe().expect("test binary path");
    let library = deps.parent().expect("deps directory").join("libjet.so");
    assert!(library.exists(), "{} was not built", library.display());
    library
}

#[test]
fn the_header_declares_exactly_what_the_library_exports() {
    let out = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(built_library())
        .output()
        .expect("nm runs");
    assert!(out.status.success());
    let exported: std::collections::BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().nth(2))
        .filter(|name| name.starts_with("jet_"))
        .map(str::to_string)
        .collect();
    let text = header();
    let declared: std::collections::BTreeSet<String> = text
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with("typedef") && l.contains('('))
        .filter_map(|l| l.split('(').next()?.rsplit([' ', '*']).next())
        .filter(|name| name.starts_with("jet_"))
        .map(str::to_string)
        .collect();
    let missing: Vec<_> = exported.difference(&declared).collect();
    let phantom: Vec<_> = declared.difference(&exported).collect();
    assert!(missing.is_empty(), "exported but not in jet.h: {missing:?}");
    assert!(phantom.is_empty(), "in jet.h but not exported: {phantom:?}");
    assert!(exported.len() > 50, "{exported:?}");
}
