//! Generates include/jet.h from src/ffi with the pinned cbindgen, writing it
//! only when its text changes (the header is committed; a test checks it is
//! current).

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-changed=build.rs");

    let crate_dir =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml"))
        .expect("cbindgen.toml is valid");
    let version = std::env::var("CARGO_PKG_VERSION").expect("cargo sets CARGO_PKG_VERSION");
    let numbers: Vec<&str> = version.split('.').collect();
    config.after_includes = Some(format!(
        "\n/** The libjet version this header belongs to. */\n#define JET_VERSION \"{version}\"\n\
         /** Major version. */\n#define JET_VERSION_MAJOR {}\n\
         /** Minor version. */\n#define JET_VERSION_MINOR {}\n\
         /** Patch version. */\n#define JET_VERSION_PATCH {}\n",
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
