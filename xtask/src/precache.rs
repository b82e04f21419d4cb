//! The service worker's precache list, written into `sw.js` at build time (Workbox's model, by hand).
//!
//! Every file of the staged build the app needs offline (`shell.html`, which holds the stylesheet,
//! Trunk's hashed JS and WASM, the `boot-*.js` bootstrap, the manifest, the icons) becomes `{url, revision}`, where the revision is the
//! SHA-256 of the file: the worker checks each download against it at install, so a host that answers a
//! missing file with `index.html` (Trunk's dev server, SPA hosts) can never be cached as the WASM.
//! The cache name is derived from all revisions, so any change to any file gives a new cache and a new
//! `sw.js`, which the browser then installs as an update. It starts with the deploy's public URL
//! ([`cache_prefix`]): a worker deletes only its own deploy's old caches, never those of another build
//! of the app on another path of the same origin.
//!
//! Not precached: `sw.js` itself (the browser fetches it on its own, and a worker that caches itself can
//! never update), `screenshots/` (only install dialogs show them), hidden files, the host's config
//! (`_headers`, `_csp.nginx.conf`: the build's CSP), and the prerendered
//! pages (`index.html` in each route's folder, `404.html`): they are for visits over the network; the
//! worker answers every navigation with `shell.html` and the app renders the route (`prerender.rs`).
//!
//! Spanish: nothing under `es/` is precached, so an English visit fetches nothing Spanish. The Spanish
//! shell, exit page and manifest (`es/shell.html`, `es/exit.html`, `es/manifest.webmanifest`) are listed apart (`lazy`, with their
//! revisions): the worker fetches and keeps them when a Spanish route is first opened, or at install when
//! the page installing it is Spanish or the old version had them.
//! Before that, offline, a Spanish route gets the English shell and the app renders it in Spanish from
//! its URL. The block also carries the offline page's texts in both languages, from the data.

use crate::layout::{
    files_under, ES_EXIT_FILE, ES_MANIFEST_FILE, ES_SHELL_FILE, MANIFEST_ID_SOURCE, SHELL_FILE, SPANISH_DIR,
};
use crate::Result;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Every cache this app owns starts with this.
pub const CACHE_PREFIX: &str = "red-flags-";

/// The start of every cache name of the deploy under `base` (a normalised public URL): activate deletes
/// those that are not current. The space cannot occur in a URL path, so no deploy's prefix is the start
/// of another's (`red-flags-/ ` and `red-flags-/red-flags/ `). `public/sw.js` derives the same prefix
/// from the shell's URL.
pub fn cache_prefix(base: &str) -> String {
    format!("{CACHE_PREFIX}{base} ")
}
/// The lines around the generated block in `public/sw.js`.
pub const START: &str = "// <precache>";
pub const END: &str = "// </precache>";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub url: String,
    /// SHA-256 of the file, 64 lowercase hex digits.
    pub revision: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Precache {
    /// `red-flags-<public URL> <16 hex digits derived from every url and revision>`.
    pub cache: String,
    /// The app shell's URL (`<base>shell.html`), answered to every navigation.
    pub shell: String,
    /// Sorted by URL, so the same build always writes the same `sw.js`.
    pub entries: Vec<Entry>,
    /// Files kept only once a page needs them (the Spanish shell).
    pub lazy: Vec<Entry>,
    /// The built-in offline page's texts per language, as a JSON object.
    pub offline: String,
}

/// SHA-256 of `bytes` as hex: what the service worker recomputes with `crypto.subtle.digest`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Trunk's public URL with exactly one trailing slash (`""` and `"/"` mean the domain's root).
pub fn normalize_public_url(public_url: &str) -> String {
    let trimmed = public_url.trim().trim_end_matches('/');
    format!("{trimmed}/")
}

/// Route pages that are precached too, and answered to their own navigations by the worker: the steps for
/// a missing child must read offline even where the app cannot run (WebAssembly off); the shell's fallback
/// has only the two calls. Each costs its page's bytes on a first visit (about 6 KB).
pub const OFFLINE_PAGES: [&str; 1] = ["missing/index.html"];

/// Whether the file at `rel` (relative to the build folder, `/`-separated) belongs in the precache.
pub fn is_precached(rel: &str) -> bool {
    let hidden = rel.split('/').any(|seg| seg.starts_with('.'));
    let page =
        (rel == "index.html" || rel.ends_with("/index.html") || rel == "404.html") && !OFFLINE_PAGES.contains(&rel);
    // `_headers` and `_csp.nginx.conf` configure the host; Netlify and Cloudflare never serve them.
    let host_config = rel.starts_with('_');
    let spanish = rel.starts_with(SPANISH_DIR);
    !(hidden
        || page
        || host_config
        || spanish
        || rel == "sw.js"
        || rel.starts_with("screenshots/")
        || rel.ends_with(".map"))
}

/// The URL a file is precached under.
pub fn url_of(base: &str, rel: &str) -> String {
    format!("{base}{rel}")
}

/// The precache list for the build in `staging`, served under `public_url`.
///
/// The cache name also covers the worker's own code (`sw.js` without its generated block): a new worker
/// must never install into, or on failure delete, the cache that the running worker serves from.
pub fn build(staging: &Path, public_url: &str) -> Result<Precache> {
    let base = normalize_public_url(public_url);
    let mut worker = None;
    let mut entries = Vec::new();
    let mut lazy = Vec::new();
    for (rel, bytes) in files_under(staging)? {
        if [ES_SHELL_FILE, ES_EXIT_FILE, ES_MANIFEST_FILE].contains(&rel.as_str()) {
            lazy.push(Entry {
                url: url_of(&base, &rel),
                revision: sha256_hex(&bytes),
            });
        } else if rel == "sw.js" {
            let source = String::from_utf8(bytes).map_err(|_| "sw.js is not UTF-8".to_string())?;
            worker = Some(inject(&source, "")?);
        } else if is_precached(&rel) {
            entries.push(Entry {
                url: url_of(&base, &rel),
                revision: sha256_hex(&bytes),
            });
        }
    }
    let worker = worker.ok_or(format!("{} has no sw.js", staging.display()))?;
    entries.sort_by(|a, b| a.url.cmp(&b.url));
    let shell = url_of(&base, SHELL_FILE);
    if !entries.iter().any(|e| e.url == shell) {
        return Err(format!(
            "{} has no {}: nothing to serve as the app shell",
            staging.display(),
            SHELL_FILE
        ));
    }
    let offline = offline_texts()?;
    let mut all = format!("sw.js {}\n{offline}\n", sha256_hex(worker.as_bytes()));
    for e in entries.iter().chain(&lazy) {
        all.push_str(&e.url);
        all.push(' ');
        all.push_str(&e.revision);
        all.push('\n');
    }
    let cache = format!("{}{}", cache_prefix(&base), &sha256_hex(all.as_bytes())[..16]);
    Ok(Precache {
        cache,
        shell,
        entries,
        lazy,
        offline,
    })
}

/// The offline page's texts in each language, from `content/ui.toml` and its Spanish twin.
fn offline_texts() -> Result<String> {
    let texts = crate::i18n::Texts::load()?;
    let mut out = String::from("{");
    for (i, lang) in ["en", "es"].into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!("{}:{{", json_string(lang)));
        let fields = [
            ("title", texts.get(lang, "offline.title")?),
            ("heading", texts.get(lang, "offline.heading")?),
            ("text", texts.get(lang, "offline.text")?),
            ("try_again", texts.get(lang, "offline.try_again")?),
            ("emergency", texts.get(lang, "common.emergency_when")?),
            ("call_911", texts.call(lang, "emergency")?),
            ("call_ncmec", texts.call(lang, "ncmec")?),
        ];
        for (j, (key, text)) in fields.into_iter().enumerate() {
            let comma = if j > 0 { "," } else { "" };
            out.push_str(&format!("{comma}{}:{}", json_string(key), json_string(text)));
        }
        // The agency edition's numbers after the national two, as the shell's notice has them
        // (`postbuild::agency_calls`); the general edition writes none.
        if !texts.agency.is_empty() {
            let calls: Vec<String> = texts
                .agency
                .iter()
                .map(|a| {
                    let name = if lang == "es" { &a.name_es } else { &a.name_en };
                    format!(
                        "{{\"tel\":{},\"name\":{},\"shown\":{}}}",
                        json_string(&format!("tel:{}", a.dial)),
                        json_string(name),
                        json_string(&a.shown_as)
                    )
                })
                .collect();
            out.push_str(&format!(",\"agency\":[{}]", calls.join(",")));
        }
        out.push('}');
    }
    out.push('}');
    Ok(out)
}

/// A JSON string literal (file names from Trunk are plain, but never trust that blindly).
fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            // `<` escaped so `</script>`-like text can never matter, and control characters are not JSON.
            c if (c as u32) < 0x20 || c == '<' || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The generated block, markers included.
pub fn render(p: &Precache) -> String {
    let mut s = format!(
        "{START} written by `cargo xtask post-build` (xtask/src/precache.rs); do not edit by hand.\n\
         const PRECACHE = {{\"cache\":{},\"shell\":{},\"entries\":[\n",
        json_string(&p.cache),
        json_string(&p.shell)
    );
    for (i, e) in p.entries.iter().enumerate() {
        let comma = if i + 1 < p.entries.len() { "," } else { "" };
        s.push_str(&format!(
            "  {{\"url\":{},\"revision\":{}}}{comma}\n",
            json_string(&e.url),
            json_string(&e.revision)
        ));
    }
    s.push_str("],\"lazy\":[");
    for (i, e) in p.lazy.iter().enumerate() {
        let comma = if i > 0 { "," } else { "" };
        s.push_str(&format!(
            "{comma}{{\"url\":{},\"revision\":{}}}",
            json_string(&e.url),
            json_string(&e.revision)
        ));
    }
    s.push_str(&format!("],\"offline\":{}}};\n", p.offline));
    s.push_str(END);
    s
}

/// `sw_source` with the block between the markers (inclusive) replaced by `block`.
pub fn inject(sw_source: &str, block: &str) -> Result<String> {
    let start = sw_source
        .find(START)
        .ok_or(format!("sw.js has no `{START}` line to replace"))?;
    let end = sw_source[start..]
        .find(END)
        .ok_or(format!("sw.js has `{START}` but no `{END}`"))?
        + start
        + END.len();
    Ok(format!("{}{block}{}", &sw_source[..start], &sw_source[end..]))
}

/// Sets the manifest's `id` to the public URL (`/` or `/red-flags/`). Every other manifest URL is
/// relative to the manifest, but `id` resolves against the origin only, so `./` would name every deploy
/// on an origin `/`. The id is the installed app's identity: it must never change for a deploy.
pub fn set_manifest_id(staging: &Path, public_url: &str) -> Result {
    let path = staging.join("manifest.webmanifest");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if text.matches(MANIFEST_ID_SOURCE).count() != 1 {
        return Err(format!(
            "manifest.webmanifest must contain `{MANIFEST_ID_SOURCE}` exactly once"
        ));
    }
    let id = format!("\"id\": {}", json_string(&normalize_public_url(public_url)));
    std::fs::write(&path, text.replace(MANIFEST_ID_SOURCE, &id))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Writes the precache list of the build in `staging` into `staging/sw.js`.
pub fn write(staging: &Path, public_url: &str) -> Result<Precache> {
    let sw = staging.join("sw.js");
    let source = std::fs::read_to_string(&sw).map_err(|e| format!("cannot read {}: {e}", sw.display()))?;
    let precache = build(staging, public_url)?;
    let out = inject(&source, &render(&precache))?;
    std::fs::write(&sw, out).map_err(|e| format!("cannot write {}: {e}", sw.display()))?;
    Ok(precache)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A fresh folder holding a typical staged build.
    fn staged() -> PathBuf {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "precache-test-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("icons")).unwrap();
        std::fs::create_dir_all(dir.join("screenshots")).unwrap();
        std::fs::create_dir_all(dir.join("check")).unwrap();
        let files: [(&str, &[u8]); 14] = [
            ("shell.html", b"<!doctype html><title>x</title>"),
            ("index.html", b"<!doctype html><title>home</title>"),
            ("check/index.html", b"<!doctype html><title>check</title>"),
            ("404.html", b"<!doctype html><title>not found</title>"),
            ("red-flags-0123456789abcdef.js", b"export default function init() {}"),
            ("red-flags-0123456789abcdef_bg.wasm", b"\0asm\x01\0\0\0"),
            ("main-fedcba9876543210.css", b"body{}"),
            ("boot-1717d8af4e1ed8c8.js", b"import init from './x.js'; init();"),
            ("manifest.webmanifest", b"{}"),
            ("icons/icon.svg", b"<svg/>"),
            ("icons/icon-192.png", b"\x89PNG192"),
            ("sw.js", b"// <precache>\n// </precache>\n"),
            ("screenshots/narrow.png", b"\x89PNGshot"),
            (".DS_Store", b"junk"),
        ];
        for (name, bytes) in files {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
        dir
    }

    fn urls(p: &Precache) -> Vec<&str> {
        p.entries.iter().map(|e| e.url.as_str()).collect()
    }

    #[test]
    fn route_pages_stay_out_of_the_precache_but_the_missing_child_steps() {
        assert!(!is_precached("index.html") && !is_precached("check/index.html") && !is_precached("404.html"));
        assert!(
            is_precached("missing/index.html"),
            "the missing-child steps must read offline without the app"
        );
        assert!(is_precached("shell.html"));
        assert!(
            !is_precached("_headers") && !is_precached("_csp.nginx.conf"),
            "host configs are not the app's files"
        );
    }

    #[test]
    fn lists_every_app_file_and_not_the_worker_screenshots_or_hidden_files() {
        let dir = staged();
        let p = build(&dir, "/").unwrap();
        assert_eq!(
            urls(&p),
            vec![
                "/boot-1717d8af4e1ed8c8.js",
                "/icons/icon-192.png",
                "/icons/icon.svg",
                "/main-fedcba9876543210.css",
                "/manifest.webmanifest",
                "/red-flags-0123456789abcdef.js",
                "/red-flags-0123456789abcdef_bg.wasm",
                "/shell.html",
            ]
        );
        assert_eq!(
            p.shell, "/shell.html",
            "the shell answers every navigation; the route pages are not listed"
        );
        let shell = p.entries.iter().find(|e| e.url == "/shell.html").unwrap();
        assert_eq!(shell.revision, sha256_hex(b"<!doctype html><title>x</title>"));
        assert!(
            p.cache.starts_with("red-flags-/ ") && p.cache.len() == "red-flags-/ ".len() + 16,
            "{}",
            p.cache
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn revision_is_the_sha256_the_worker_recomputes() {
        // FIPS 180-2 test vector: the worker compares against crypto.subtle.digest('SHA-256', body).
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let dir = staged();
        let p = build(&dir, "/").unwrap();
        let css = p
            .entries
            .iter()
            .find(|e| e.url == "/main-fedcba9876543210.css")
            .unwrap();
        assert_eq!(css.revision, sha256_hex(b"body{}"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_changed_file_changes_its_revision_only_and_always_the_cache_name() {
        let dir = staged();
        let before = build(&dir, "/").unwrap();
        for (i, e) in before.entries.iter().enumerate() {
            let rel = e.url.trim_start_matches('/');
            let path = dir.join(rel);
            let old = std::fs::read(&path).unwrap();
            std::fs::write(&path, [old.as_slice(), b"!"].concat()).unwrap();
            let after = build(&dir, "/").unwrap();
            assert_ne!(
                after.cache, before.cache,
                "changing {} must change the cache name",
                e.url
            );
            for (j, (a, b)) in before.entries.iter().zip(&after.entries).enumerate() {
                assert_eq!(i == j, a.revision != b.revision, "{} vs {}", a.url, b.url);
            }
            std::fs::write(&path, old).unwrap();
        }
        // Screenshots and the prerendered pages are outside the list: changing them changes nothing.
        std::fs::write(dir.join("screenshots/narrow.png"), b"other").unwrap();
        std::fs::write(dir.join("check/index.html"), b"other").unwrap();
        assert_eq!(build(&dir, "/").unwrap(), before);
        // The worker is not listed, but its code is part of the cache name (the generated block is not).
        std::fs::write(
            dir.join("sw.js"),
            "// <precache>\nconst PRECACHE = 1;\n// </precache>\n",
        )
        .unwrap();
        assert_eq!(build(&dir, "/").unwrap(), before);
        std::fs::write(
            dir.join("sw.js"),
            "// <precache>\n// </precache>\nself.skipWaiting();\n",
        )
        .unwrap();
        let new_worker = build(&dir, "/").unwrap();
        assert_eq!(new_worker.entries, before.entries);
        assert_ne!(new_worker.cache, before.cache, "new worker code must get its own cache");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn urls_follow_the_public_url_of_a_sub_path_deploy() {
        let dir = staged();
        for public_url in ["/red-flags/", "/red-flags"] {
            let p = build(&dir, public_url).unwrap();
            assert!(
                p.entries.iter().all(|e| e.url.starts_with("/red-flags/")),
                "{:?}",
                urls(&p)
            );
            assert!(urls(&p).contains(&"/red-flags/icons/icon-192.png"));
            assert_eq!(p.shell, "/red-flags/shell.html");
        }
        // The same files under another base are another cache, named for its deploy: two deploys on one
        // origin never collide, and neither's prefix is the start of the other's names.
        let (root, sub) = (
            build(&dir, "/").unwrap().cache,
            build(&dir, "/red-flags/").unwrap().cache,
        );
        assert!(
            root.starts_with(&cache_prefix("/")) && sub.starts_with(&cache_prefix("/red-flags/")),
            "{root} {sub}"
        );
        assert!(!sub.starts_with(&cache_prefix("/")) && !root.starts_with(&cache_prefix("/red-flags/")));
        assert_eq!(normalize_public_url(""), "/");
        assert_eq!(normalize_public_url("/"), "/");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_build_without_the_shell_is_an_error() {
        let dir = staged();
        std::fs::remove_file(dir.join("shell.html")).unwrap();
        let err = build(&dir, "/").unwrap_err();
        assert!(err.contains("shell.html"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn write_fills_sw_js_with_valid_json_and_is_repeatable() {
        let dir = staged();
        let p = write(&dir, "/red-flags/").unwrap();
        let sw = std::fs::read_to_string(dir.join("sw.js")).unwrap();
        let json = sw
            .split("const PRECACHE = ")
            .nth(1)
            .unwrap()
            .split(";\n")
            .next()
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(v["cache"], p.cache.as_str());
        assert_eq!(v["shell"], "/red-flags/shell.html");
        assert_eq!(v["entries"].as_array().unwrap().len(), p.entries.len());
        assert!(
            !sw.contains("\"/red-flags/sw.js\""),
            "the worker must not precache itself"
        );
        // Writing again (sw.js changed, but it is not listed) gives the same file.
        write(&dir, "/red-flags/").unwrap();
        assert_eq!(std::fs::read_to_string(dir.join("sw.js")).unwrap(), sw);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_manifest_id_becomes_the_public_url() {
        let dir = staged();
        let source = std::fs::read_to_string(crate::root().join("public/manifest.webmanifest")).unwrap();
        std::fs::write(dir.join("manifest.webmanifest"), &source).unwrap();
        set_manifest_id(&dir, "/red-flags").unwrap();
        let m: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.webmanifest")).unwrap()).unwrap();
        assert_eq!(m["id"], "/red-flags/");
        assert_eq!(m["start_url"], "./", "the other URLs stay relative");
        // Already replaced (or edited away): an error, not a silent wrong id.
        assert!(set_manifest_id(&dir, "/").is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn inject_needs_both_markers_and_keeps_the_rest() {
        let src = "a\n// <precache>\nconst PRECACHE = null;\n// </precache>\nb\n";
        let out = inject(src, "// <precache>X\n// </precache>").unwrap();
        assert_eq!(out, "a\n// <precache>X\n// </precache>\nb\n");
        assert!(inject("no markers", "x").is_err());
        assert!(inject("// <precache> only", "x").is_err());
    }

    #[test]
    fn json_strings_are_escaped() {
        assert_eq!(json_string("a\"b\\c</"), "\"a\\\"b\\\\c\\u003c/\"");
    }

    #[test]
    fn the_shipped_worker_has_the_markers() {
        let sw = std::fs::read_to_string(crate::root().join("public/sw.js")).unwrap();
        assert!(inject(
            &sw,
            &render(&Precache {
                cache: "c".into(),
                shell: "/".into(),
                entries: vec![],
                lazy: vec![],
                offline: "{}".into(),
            })
        )
        .is_ok());
    }
}
