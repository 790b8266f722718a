//! Build steps:
//! - generates include/jet.h from src/ffi with the pinned cbindgen, writing it
//!   only when its text changes (the header is committed; a test checks it is
//!   current);
//! - compiles proto/ (both JET IDL generations) with protox — pure Rust, no
//!   system protoc — and generates prost messages plus tonic clients and
//!   servers into OUT_DIR, with the encoded descriptor set beside them
//!   (`jet_descriptor.bin`, read by tests/proto_wire.rs);
//! - gives `libjet.so` its versioned SONAME (`libjet.so.<ABI version>`) and a
//!   version script that exports only `jet_*`, and links
//!   `target/<profile>/libjet.so.<ABI version>` to `libjet.so` so that
//!   programs linked against the build tree find the SONAME they record.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=proto");

    let crate_dir =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let abi = abi_version(&crate_dir);
    compile_protos(&crate_dir);
    generate_header(&crate_dir, abi);
    link_shared_library(abi);
}

/// `ABI_VERSION` as src/lib.rs declares it: the one place it is written.
fn abi_version(crate_dir: &Path) -> u32 {
    let lib = crate_dir.join("src").join("lib.rs");
    let text = std::fs::read_to_string(&lib).expect("can read src/lib.rs");
    text.lines()
        .find_map(|line| line.strip_prefix("pub const ABI_VERSION: u32 = "))
        .and_then(|rest| rest.strip_suffix(';'))
        .and_then(|number| number.trim().parse().ok())
        .expect("src/lib.rs declares `pub const ABI_VERSION: u32 = N;`")
}

/// The SONAME and export list of `libjet.so` (Linux only), and the
/// `libjet.so.<abi>` link beside the build tree's `libjet.so`.
fn link_shared_library(abi: u32) {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("linux") {
        return;
    }
    let soname = format!("libjet.so.{abi}");
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,{soname}");

    // rustc's own version script already keeps every non-exported symbol
    // local; this one says the policy outright (and covers symbols that
    // bundled C code might otherwise export).
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let script = out_dir.join("libjet.map");
    std::fs::write(&script, "{\n  global: jet_*;\n  local: *;\n};\n")
        .expect("can write libjet.map");
    println!(
        "cargo:rustc-cdylib-link-arg=-Wl,--version-script={}",
        script.display()
    );

    // OUT_DIR is <target>/<profile>/build/libjet-<hash>/out. `cargo build`
    // puts libjet.so in <profile>, `cargo test` in <profile>/deps (where the
    // C tests link it): each gets its own link, so a program linked in one
    // never loads the other's library.
    if let Some(profile_dir) = out_dir.ancestors().nth(3) {
        for dir in [profile_dir.to_path_buf(), profile_dir.join("deps")] {
            let link = dir.join(&soname);
            if std::fs::read_link(&link).ok().as_deref() != Some(Path::new("libjet.so")) {
                let _ = std::fs::remove_file(&link);
                let _ = std::fs::create_dir_all(&dir);
                std::os::unix::fs::symlink("libjet.so", &link)
                    .unwrap_or_else(|e| panic!("cannot link {} to libjet.so: {e}", link.display()));
            }
        }
    }
}

/// The two IDL generations. Each folder is its own import root, as in
/// Juniper's toolkit, so imports read `import "jnx_addr.proto";`.
const PROTO_ROOTS: [&str; 2] = ["proto/legacy", "proto/jnx"];

/// Compiles every `.proto` under [`PROTO_ROOTS`] and generates Rust into OUT_DIR.
fn compile_protos(crate_dir: &Path) {
    let roots: Vec<PathBuf> = PROTO_ROOTS.iter().map(|r| crate_dir.join(r)).collect();
    let mut files = Vec::new();
    for root in &roots {
        let mut names: Vec<PathBuf> = std::fs::read_dir(root)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", root.display()))
            .map(|entry| entry.expect("readable proto/ entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "proto"))
            .collect();
        names.sort();
        files.extend(names);
    }

    let mut compiler = protox::Compiler::new(&roots)
        .unwrap_or_else(|e| panic!("protox: bad include roots: {e:?}"));
    compiler.include_imports(true).include_source_info(true);
    if let Err(e) = compiler.open_files(&files) {
        panic!("protox could not compile proto/: {e:?}");
    }
    // With source info, so that proto comments become rustdoc.
    let mut fds = compiler.file_descriptor_set();

    // The descriptor set for tests and tools: without source info, but with
    // the custom file options (japi_version, junos_release), which only
    // protox's own encoder keeps.
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    compiler.include_source_info(false);
    std::fs::write(
        out_dir.join("jet_descriptor.bin"),
        compiler.encode_file_descriptor_set(),
    )
    .expect("can write jet_descriptor.bin");

    // google/protobuf/descriptor.proto is only there for the jnx FileOptions
    // extensions; prost maps that package to prost-types, so leave it out of
    // the generated code.
    fds.file.retain(|f| f.package() != "google.protobuf");
    tonic_prost_build::configure()
        .build_client(true)
        .build_server(true)
        .compile_fds(fds)
        .unwrap_or_else(|e| panic!("tonic-prost-build could not generate code: {e}"));
}

/// Writes include/jet.h when its text changes.
fn generate_header(crate_dir: &Path, abi: u32) {
    let mut config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml"))
        .expect("cbindgen.toml is valid");
    let version = std::env::var("CARGO_PKG_VERSION").expect("cargo sets CARGO_PKG_VERSION");
    let numbers: Vec<&str> = version.split('.').collect();
    config.after_includes = Some(format!(
        "\n/** The libjet version this header belongs to. */\n#define JET_VERSION \"{version}\"\n\
         /** Major version. */\n#define JET_VERSION_MAJOR {}\n\
         /** Minor version. */\n#define JET_VERSION_MINOR {}\n\
         /** Patch version. */\n#define JET_VERSION_PATCH {}\n\
         /** The C ABI version; jet_abi_version() returns it. The SONAME is libjet.so.<it>. */\n\
         #define JET_ABI_VERSION {abi}\n",
        numbers[0], numbers[1], numbers[2]
    ));

    // Only src/ffi (and the modules it declares) makes the header: the C ABI
    // is that module and nothing else.
    let builder = cbindgen::Builder::new()
        .with_config(config)
        .with_src(crate_dir.join("src").join("ffi").join("mod.rs"));
    let bindings = match builder.generate() {
        Ok(bindings) => bindings,
        Err(e) => panic!("cbindgen could not generate include/jet.h: {e}"),
    };
    let mut text = Vec::new();
    bindings.write(&mut text);

    let header = crate_dir.join("include").join("jet.h");
    if std::fs::read(&header).ok().as_deref() != Some(text.as_slice()) {
        std::fs::create_dir_all(header.parent().expect("include/ has a parent"))
            .expect("can create include/");
        std::fs::write(&header, &text).expect("can write include/jet.h");
    }
}
