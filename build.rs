//! Compiles `content/*.toml` (the interface's words in `ui.toml` too) and its Spanish twin
//! `content/es/*.toml` into static Rust data (`$OUT_DIR/content.rs`), validating every rule in
//! `crates/content`. A content mistake stops the build with a message naming file, item and problem.

use std::path::Path;

fn main() {
    // Read at run time: cargo sets it for the build script's run (a compile-time path could be stale).
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest_dir).join("content");
    println!("cargo:rerun-if-changed={}", dir.display());
    for lang in red_flags_content::TRANSLATIONS {
        println!("cargo:rerun-if-changed={}", dir.join(lang).display());
    }
    for name in red_flags_content::FILES.into_iter().chain([red_flags_content::UI_FILE]) {
        println!("cargo:rerun-if-changed={}", dir.join(name).display());
        for lang in red_flags_content::TRANSLATIONS {
            println!("cargo:rerun-if-changed={}", dir.join(lang).join(name).display());
        }
    }
    let content = match red_flags_content::load_all(&dir) {
        Ok(c) => c,
        Err(errors) => {
            eprintln!("{errors}");
            // Also as a cargo warning, so the message shows without -vv.
            for e in &errors.0 {
                println!("cargo:warning={e}");
            }
            std::process::exit(1);
        }
    };
    // The agency edition (`cargo xtask build --agency FILE`): the file is checked and compiled into
    // `$OUT_DIR/agency.rs`, and `cfg(agency)` turns on the code that shows it. Without it, neither the
    // agency's texts nor its code are compiled: the general edition is built as if this did not exist.
    println!("cargo:rustc-check-cfg=cfg(agency)");
    println!("cargo:rerun-if-env-changed={}", red_flags_content::agency::AGENCY_ENV);
    let mut content = content;
    match std::env::var_os(red_flags_content::agency::AGENCY_ENV) {
        Some(path) => {
            let path = Path::new(&path);
            println!("cargo:rerun-if-changed={}", path.display());
            match red_flags_content::agency::load(path, &content.en.contacts) {
                Ok(agency) => {
                    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("agency.rs");
                    std::fs::write(&out, red_flags_content::agency::generate(&agency)).expect("OUT_DIR is writable");
                    println!("cargo:rustc-cfg=agency");
                }
                Err(errors) => {
                    eprintln!("{errors}");
                    for e in &errors.0 {
                        println!("cargo:warning={e}");
                    }
                    std::process::exit(1);
                }
            }
        }
        None => content.drop_agency_texts(),
    }
    // Only `cargo xtask bench` sets it, for a second build of its own: the Spanish module with the
    // English words, to measure what the Spanish content adds to the WASM.
    println!(
        "cargo:rerun-if-env-changed={}",
        red_flags_content::SPANISH_AS_ENGLISH_ENV
    );
    let spanish = red_flags_content::SpanishModule::from_env_value(
        std::env::var(red_flags_content::SPANISH_AS_ENGLISH_ENV).ok().as_deref(),
    );
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("content.rs");
    std::fs::write(&out, red_flags_content::generate_all(&content, spanish)).expect("OUT_DIR is writable");
}
