//! Tidy tests (after rust-analyzer's `tidy`): facts about the source itself. Here, that dependencies
//! between the app's modules point one way, down the layers ARCHITECTURE.md draws.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The app's modules by layer, top first. A module may use its own layer and the layers below it, never
/// one above. `lib.rs`, `main.rs` and the prerender binary are the entry points, above every layer.
const LAYERS: &[(&str, &[&str])] = &[
    ("the app", &["app", "prerender", "pwa", "takeover"]),
    ("screens", &["pages"]),
    ("shared views", &["components", "quick_exit"]),
    ("navigation and state", &["router", "state", "install"]),
    ("the device", &["storage", "clock"]),
    ("pure logic", &["core"]),
    ("content", &["content"]),
];

/// Only these files may name the `app` module: the crate root re-exports `mount` and `App`, and
/// prerendering renders `App`.
const MAY_USE_APP: &[&str] = &["lib.rs", "prerender.rs"];

/// What the pure core never uses: it runs and is tested natively, with no browser and no reactivity.
const NOT_IN_CORE: &[&str] = &["web_sys", "js_sys", "wasm_bindgen", "leptos", "gloo"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module a file belongs to (`src/pages/check.rs` → `pages`), or `None` for the entry points.
fn module_of(file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src()).ok()?;
    let first = rel.components().next()?.as_os_str().to_string_lossy().into_owned();
    match first.as_str() {
        "lib.rs" | "main.rs" | "bin" => None,
        name => Some(name.trim_end_matches(".rs").to_string()),
    }
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, modules)| modules.contains(&module))
}

/// The code of a file without its comments (doc comments name modules they do not use).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The crate's modules a file uses: `crate::x`, `crate::{x, y::z}`, `red_flags::x`.
fn uses(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for prefix in ["crate::", "red_flags::"] {
        let mut rest = code;
        while let Some(i) = rest.find(prefix) {
            let before = rest[..i].chars().next_back();
            rest = &rest[i + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                found.extend(group.split(',').filter_map(|part| {
                    let name = part.trim().split("::").next().unwrap_or("").trim();
                    (!name.is_empty()).then(|| name.to_string())
                }));
            } else {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                found.insert(name);
            }
        }
    }
    found
}

/// Every upward import, as `file: module (layer) uses module (layer)`.
fn upward_imports() -> Vec<String> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    files.sort();
    let mut problems = Vec::new();
    for file in &files {
        let name = file.strip_prefix(src()).unwrap_or(file).display().to_string();
        let code = code(&std::fs::read_to_string(file).expect("readable"));
        let used = uses(&code);
        if used.contains("app") && !MAY_USE_APP.contains(&name.as_str()) {
            problems.push(format!("{name}: uses `app`, which only lib.rs and prerender.rs may"));
        }
        let Some(module) = module_of(file) else {
            continue;
        };
        let Some(layer) = layer_of(&module) else {
            problems.push(format!(
                "{name}: module `{module}` is in no layer: add it to LAYERS in tests/tidy.rs"
            ));
            continue;
        };
        for other in &used {
            // `crate::App` and `crate::mount` are the crate root's re-exports, checked above as `app`.
            let other = match other.as_str() {
                "App" | "mount" => "app",
                o => o,
            };
            match layer_of(other) {
                Some(l) if l < layer => problems.push(format!(
                    "{name}: `{module}` ({}) uses `{other}` ({}), a layer above it",
                    LAYERS[layer].0, LAYERS[l].0
                )),
                Some(_) => {}
                None => problems.push(format!("{name}: uses `crate::{other}`, which is in no layer")),
            }
        }
        if module == "core" {
            for krate in NOT_IN_CORE {
                let token = format!("{krate}::");
                let named = code.match_indices(&token).any(|(i, _)| {
                    !code[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_alphanumeric() || c == '_')
                });
                if named {
                    problems.push(format!("{name}: the pure core uses `{krate}`"));
                }
            }
        }
    }
    problems
}

#[test]
fn dependencies_point_down_the_layers() {
    let problems = upward_imports();
    assert!(
        problems.is_empty(),
        "imports against ARCHITECTURE.md's layers:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn every_module_of_the_crate_is_in_a_layer() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(f)).collect();
    assert!(modules.contains("core") && modules.contains("pages"), "{modules:?}");
    for m in &modules {
        assert!(layer_of(m).is_some(), "module `{m}` is in no layer: add it to LAYERS");
    }
}

#[test]
fn the_import_scanner_sees_every_form_of_use() {
    let found = uses("use crate::router::{Link, Screen};\nuse crate::{content, core::checker};\nlet x = crate::state::app_state();\nred_flags::mount();\nnotcrate::x");
    let want: BTreeSet<String> = ["router", "content", "core", "state", "mount"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(found, want);
    assert!(!uses(&code("// see crate::app for the frame")).contains("app"));
}

/// Only these files may name the `storage` module: the state, which is the app's one way to the device's
/// storage (views change the state; the state reads and writes the device). `lib.rs` only declares it.
const MAY_USE_STORAGE: &[&str] = &["state.rs"];

#[test]
fn only_the_state_reaches_the_devices_storage() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    files.sort();
    let problems: Vec<String> = files
        .iter()
        .map(|f| f.strip_prefix(src()).unwrap_or(f).display().to_string())
        .zip(files.iter())
        .filter(|(name, file)| {
            !MAY_USE_STORAGE.contains(&name.as_str())
                && uses(&code(&std::fs::read_to_string(file).expect("readable"))).contains("storage")
        })
        .map(|(name, _)| name)
        .collect();
    assert!(
        problems.is_empty(),
        "these use `crate::storage`, which only {MAY_USE_STORAGE:?} may (go through `state::AppState`):\n  {}",
        problems.join("\n  ")
    );
}
