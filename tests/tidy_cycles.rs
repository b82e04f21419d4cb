//! Tidy tests: no import cycle between files anywhere in the workspace (the app's `src/`, `xtask/src`,
//! `crates/*/src`), and no function longer than [`MAX_FN_LINES`]; tests apart in both (a test may use
//! any module for its fixtures).
//!
//! A file's imports are the paths it names with `crate::` (`crate::a`, `crate::a::b::C`,
//! `crate::{a, b::c}`) and `super::`, each resolved to the deepest module file it reaches (`crate::a::b`
//! is `a/b.rs` if there is one, else `a.rs` or `a/mod.rs`). A module using its own submodules is not an
//! import: it contains them, as the crate root contains every module. Inside an inline module at the
//! end of a file (`mod tests { … }`), `super::` is the file itself.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The longest a function outside tests may be, in lines from its signature to its closing brace.
const MAX_FN_LINES: usize = 120;

/// Functions over [`MAX_FN_LINES`] that are known and left for now, as `file: name`. Each is a debt;
/// the test fails when one is shortened (so the entry goes) or another grows past the limit.
const LONG_FUNCTIONS: &[&str] = &[];

/// Every crate's source folder, relative to the workspace root.
fn source_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("src"), root.join("xtask/src")];
    let mut crates: Vec<PathBuf> = std::fs::read_dir(root.join("crates"))
        .expect("crates/ is readable")
        .flatten()
        .map(|e| e.path().join("src"))
        .filter(|p| p.is_dir())
        .collect();
    crates.sort();
    dirs.extend(crates);
    dirs
}

/// The Rust files under `dir`, but `bin/` (each binary is a crate of its own that uses the library).
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable").flatten() {
        let path = entry.path();
        if path.is_dir() && !path.ends_with("bin") {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module a file is, as its path from the crate root: `a/b.rs` and `a/b/mod.rs` are `["a", "b"]`,
/// `lib.rs` and `main.rs` are `[]`.
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// The code of a file before its tests, which sit in an inline module at its end (`#[cfg(test)] mod
/// tests { … }`) or in a `tests.rs` of their own.
fn outside_tests(code: &str) -> &str {
    code.find("#[cfg(test)]\nmod ").map_or(code, |i| &code[..i])
}

/// The code of a file without its comments.
fn code(text: &str) -> String {
    text.lines()
        .map(|l| l.find("//").map_or(l, |i| &l[..i]))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module paths `text` names after `prefix` (`crate::` or `super::`): `a::b::C` is `["a", "b", "C"]`,
/// a group `{a, b::{c, d}}` is each of its members, `*` and `self` add nothing.
fn paths_after(rest: &str) -> Vec<Vec<String>> {
    fn group(text: &str) -> (Vec<Vec<String>>, usize) {
        // `text` starts after a `{`; returns the members and the length read, closing brace included.
        let mut out = Vec::new();
        let mut i = 0;
        while i < text.len() {
            let rest = &text[i..];
            let c = rest.chars().next().unwrap_or(' ');
            if c == '}' {
                return (out, i + 1);
            }
            if c == ',' || c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            let (paths, used) = path(rest);
            out.extend(paths);
            i += used.max(1);
        }
        (out, i)
    }
    fn path(text: &str) -> (Vec<Vec<String>>, usize) {
        let mut segments = Vec::new();
        let mut i = 0;
        loop {
            let name: String = text[i..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            i += name.len();
            if !name.is_empty() && name != "self" {
                segments.push(name);
            }
            if text[i..].starts_with("::{") {
                let (members, used) = group(&text[i + 3..]);
                let out = members
                    .into_iter()
                    .map(|m| segments.iter().cloned().chain(m).collect())
                    .collect();
                return (out, i + 3 + used);
            }
            if text[i..].starts_with("::") {
                i += 2;
                continue;
            }
            return (vec![segments], i);
        }
    }
    if let Some(inner) = rest.strip_prefix('{') {
        group(inner).0
    } else {
        path(rest).0
    }
}

/// The deepest module of `modules` that `path` (from the crate root) reaches.
fn resolve(path: &[String], modules: &BTreeMap<Vec<String>, String>) -> Vec<String> {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| modules.contains_key(p))
        .unwrap_or_default()
}

/// The modules a file of module `module` imports (its own submodules and itself left out).
fn imports(code: &str, module: &[String], modules: &BTreeMap<Vec<String>, String>) -> BTreeSet<Vec<String>> {
    // Inline modules (`mod tests {`) close the file: `super::` in them is one level nearer.
    let inline_from = code
        .match_indices("mod ")
        .find(|(i, _)| {
            let line_start = code[..*i].rfind('\n').map_or(0, |n| n + 1);
            let before = code[line_start..*i].trim();
            let after = &code[i + 4..];
            let name_end = after
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            (before.is_empty() || before == "pub" || before == "pub(crate)")
                && after[name_end..].trim_start().starts_with('{')
        })
        .map_or(code.len(), |(i, _)| i);
    let mut found = BTreeSet::new();
    for prefix in ["crate::", "super::"] {
        for (i, _) in code.match_indices(prefix) {
            if code[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
            {
                continue;
            }
            let mut rest = &code[i + prefix.len()..];
            let base: Vec<String> = if prefix == "crate::" {
                Vec::new()
            } else {
                let mut ups = 1;
                while let Some(r) = rest.strip_prefix("super::") {
                    ups += 1;
                    rest = r;
                }
                let ups = ups - usize::from(i >= inline_from);
                module[..module.len().saturating_sub(ups)].to_vec()
            };
            for path in paths_after(rest) {
                let full: Vec<String> = base.iter().cloned().chain(path).collect();
                let target = resolve(&full, modules);
                if !target.starts_with(module) {
                    found.insert(target);
                }
            }
        }
    }
    found
}

/// Every import cycle between the files of the crate in `dir`, as `a.rs → b.rs → a.rs`.
fn cycles_in(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(dir, &mut files);
    files.sort();
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"));
    let modules: BTreeMap<Vec<String>, String> = files
        .iter()
        .map(|f| {
            let rel = f.strip_prefix(dir).expect("under its folder");
            let name = f.strip_prefix(workspace).unwrap_or(f).display().to_string();
            (module_path(rel), name)
        })
        .collect();
    let mut graph: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for file in files.iter().filter(|f| !f.ends_with("tests.rs")) {
        let module = module_path(file.strip_prefix(dir).expect("under its folder"));
        let code = code(&std::fs::read_to_string(file).expect("readable"));
        graph.insert(module.clone(), imports(outside_tests(&code), &module, &modules));
    }
    let mut cycles = Vec::new();
    let mut reported: BTreeSet<BTreeSet<Vec<String>>> = BTreeSet::new();
    for (from, tos) in &graph {
        for to in tos {
            if let Some(back) = route(&graph, to, from) {
                let members: BTreeSet<Vec<String>> = back.iter().cloned().collect();
                if reported.insert(members) {
                    let names: Vec<&str> = std::iter::once(from)
                        .chain(&back)
                        .map(|m| modules.get(m).map_or("?", String::as_str))
                        .collect();
                    cycles.push(names.join(" → "));
                }
            }
        }
    }
    cycles
}

/// The shortest chain of imports from `from` to `to`, both included.
fn route(
    graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
    from: &Vec<String>,
    to: &Vec<String>,
) -> Option<Vec<Vec<String>>> {
    let mut came_from: BTreeMap<&Vec<String>, &Vec<String>> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([from]);
    let mut seen = BTreeSet::from([from]);
    while let Some(at) = queue.pop_front() {
        if at == to {
            let mut chain = vec![at.clone()];
            let mut cur = at;
            while let Some(prev) = came_from.get(cur) {
                chain.push((*prev).clone());
                cur = prev;
            }
            chain.reverse();
            return Some(chain);
        }
        for next in graph.get(at).into_iter().flatten() {
            if seen.insert(next) {
                came_from.insert(next, at);
                queue.push_back(next);
            }
        }
    }
    None
}

#[test]
fn no_import_cycle_between_files() {
    let cycles: Vec<String> = source_dirs().iter().flat_map(|d| cycles_in(d)).collect();
    assert!(
        cycles.is_empty(),
        "import cycles between files (move what both need into a module of its own):\n  {}",
        cycles.join("\n  ")
    );
}

#[test]
fn the_cycle_scanner_reads_every_form_of_path() {
    let modules: BTreeMap<Vec<String>, String> = [
        vec![],
        vec!["a".to_string()],
        vec!["a".to_string(), "b".to_string()],
        vec!["c".to_string()],
        vec!["d".to_string()],
    ]
    .into_iter()
    .map(|m| (m.clone(), m.join("/")))
    .collect();
    let names = |found: BTreeSet<Vec<String>>| found.into_iter().map(|m| m.join("/")).collect::<Vec<_>>();
    let b = ["a".to_string(), "b".to_string()];
    let code = "use crate::{c::X, d};\nuse super::Y;\nfn f() { crate::a::b::g(); notcrate::c::h() }\nmod tests {\n    use super::*;\n}";
    assert_eq!(names(imports(code, &b, &modules)), ["a", "c", "d"]);
    // A module's own submodules are not imports; its parent is.
    assert_eq!(
        names(imports("use crate::a::b::Z;\nuse super::Q;", &["a".into()], &modules)),
        [""]
    );
    assert_eq!(
        paths_after("{x, y::{z, self}, w::V}"),
        [vec!["x"], vec!["y", "z"], vec!["y"], vec!["w", "V"]]
    );
}

/// `text` with its comments and the insides of its string and character literals blanked (braces in
/// them are not code); line breaks are kept.
fn without_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let raw =
            c == 'r' && matches!(chars.get(i + 1), Some('"' | '#')) && (i == 0 || !chars[i - 1].is_alphanumeric());
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if raw {
            let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
            let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            let start = i + 2 + hashes;
            let rest: String = chars[start..].iter().collect();
            let end = rest
                .find(&close)
                .map_or(chars.len(), |e| start + rest[..e].chars().count() + close.len());
            out.extend(chars[i..end].iter().map(|c| if *c == '\n' { '\n' } else { ' ' }));
            i = end;
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            out.extend(
                chars[i..(j + 1).min(chars.len())]
                    .iter()
                    .map(|c| if *c == '\n' { '\n' } else { ' ' }),
            );
            i = j + 1;
        } else if c == '\'' && chars.get(i + 1) == Some(&'\\') {
            let j = chars[i + 2..]
                .iter()
                .position(|c| *c == '\'')
                .map_or(chars.len(), |p| i + 2 + p);
            out.push_str(&" ".repeat(j + 1 - i));
            i = j + 1;
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            out.push_str("   ");
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The functions of `code` (comments and literals already out) longer than [`MAX_FN_LINES`], as
/// (name, first line, lines).
fn long_functions(code: &str) -> Vec<(String, usize, usize)> {
    let mut found = Vec::new();
    for (at, _) in code.match_indices("fn ") {
        if code[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            continue;
        }
        let name: String = code[at + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let Some(open) = code[at..].find(['{', ';']).map(|o| at + o) else {
            continue;
        };
        if name.is_empty() || code[open..].starts_with(';') {
            continue;
        }
        let mut depth = 0;
        let close = code[open..]
            .char_indices()
            .find(|(_, c)| {
                depth += match c {
                    '{' => 1,
                    '}' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .map_or(code.len(), |(i, _)| open + i);
        let first = code[..at].matches('\n').count() + 1;
        let lines = code[at..close].matches('\n').count() + 1;
        if lines > MAX_FN_LINES {
            found.push((name, first, lines));
        }
    }
    found
}

#[test]
fn no_function_outside_tests_is_over_the_limit() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut over = Vec::new();
    for dir in source_dirs() {
        let mut files = Vec::new();
        rust_files(&dir, &mut files);
        files.sort();
        for file in files.iter().filter(|f| !f.ends_with("tests.rs")) {
            let code = without_literals(&std::fs::read_to_string(file).expect("readable"));
            let code = outside_tests(&code);
            let name = file.strip_prefix(workspace).unwrap_or(file).display().to_string();
            over.extend(
                long_functions(code)
                    .into_iter()
                    .map(|(f, line, n)| (format!("{name}: {f}"), format!("{name}:{line}: `{f}` has {n} lines"))),
            );
        }
    }
    let unexpected: Vec<&str> = over
        .iter()
        .filter(|(key, _)| !LONG_FUNCTIONS.contains(&key.as_str()))
        .map(|(_, msg)| msg.as_str())
        .collect();
    assert!(
        unexpected.is_empty(),
        "functions over {MAX_FN_LINES} lines (split them into named steps):\n  {}",
        unexpected.join("\n  ")
    );
    let gone: Vec<&&str> = LONG_FUNCTIONS
        .iter()
        .filter(|known| !over.iter().any(|(key, _)| key == **known))
        .collect();
    assert!(
        gone.is_empty(),
        "no longer over the limit: take them out of LONG_FUNCTIONS: {gone:?}"
    );
}

#[test]
fn a_function_is_measured_from_its_signature_to_its_closing_brace() {
    let body = "    let s = \"}\";\n    let c = '{';\n".repeat(MAX_FN_LINES / 2);
    let code = without_literals(&format!(
        "fn short() {{\n}}\npub fn long<'a>(x: &'a str) {{\n{body}}}\n"
    ));
    assert_eq!(long_functions(&code), [("long".to_string(), 3, MAX_FN_LINES + 2)]);
    assert!(long_functions(&without_literals("fn f() {\n}\n")).is_empty());
}
