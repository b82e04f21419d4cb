//! Prerendered pages (part of the post-build step): every route of the app as a static HTML page, so
//! the first paint on a cold visit is the screen itself, and the page is readable (and its links and
//! calls work) even where the WebAssembly never runs.
//!
//! The markup comes from the app's own components, rendered natively with Leptos's `ssr` feature by
//! `src/bin/prerender.rs` (`red_flags::prerender`), in the page's language from the app's content, with
//! the "did not start" notice at the end of `<main>`. Each page is Trunk's `index.html` with that markup
//! in its `<div id="shell">` and the fragment's `<head lang="…">` applied; the app mounts into `#app`
//! and removes `#shell` in one go, and the two are the same markup, so nothing moves.
//!
//! The files (each a fragment the prerenderer wrote):
//! - `index.html`, `check/index.html`, `glossary/<term>/index.html`, …: one per route (what every
//!   static host serves for `/check`), and `404.html` (the Not found screen; hosts serve it for unknown
//!   URLs with status 404).
//! - `shell.html`, `es/shell.html`: the app's frame with "Loading…" (`red_flags::prerender::render_shell`):
//!   what the service worker answers every navigation with, offline or not (it precaches that one page,
//!   not all of them).

use crate::layout::{files_under, ES_EXIT_FILE, ES_SHELL_FILE, SHELL_FILE};
use crate::Result;
use std::path::Path;

const SHELL_OPEN: &str = "<div id=\"shell\">";

/// Runs the prerender binary for `public_url`, writing body fragments into `out`.
pub fn render_fragments(public_url: &str, out: &Path) -> Result {
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut cmd = std::process::Command::new("cargo");
    cmd.args([
        "run",
        "--quiet",
        "--package",
        "red-flags",
        "--no-default-features",
        "--features",
        "ssr",
        "--bin",
        "prerender",
        "--",
    ])
    .arg(public_url)
    .arg(out)
    .current_dir(crate::root())
    // Inside Trunk's hook: never build the prerenderer for Trunk's target or with its flags.
    .env_remove("CARGO_BUILD_TARGET")
    .env_remove("RUSTFLAGS")
    .env_remove("CARGO_ENCODED_RUSTFLAGS")
    // The bench's Spanish-as-English build measures only its WASM: its pages are prerendered from the
    // real content, and the native prerenderer is not rebuilt for it (and again after it).
    .env_remove(red_flags_content::SPANISH_AS_ENGLISH_ENV);
    crate::run(&mut cmd).map_err(|e| format!("prerendering the routes failed: {e}"))
}

/// The part of the template inside `<div id="shell">…</div>`: (before, contents, after). The shell is
/// the last element of `<body>`; `index.html` leaves it empty, for the prerendered markup.
fn split_shell(template: &str) -> Result<(&str, &str, &str)> {
    let open = template
        .find(SHELL_OPEN)
        .ok_or("index.html has no <div id=\"shell\">")?
        + SHELL_OPEN.len();
    let body_end = template.rfind("</body>").ok_or("index.html has no </body>")?;
    let close = template[..body_end]
        .rfind("</div>")
        .ok_or("index.html: <div id=\"shell\"> is not closed")?;
    if close < open {
        return Err("index.html: <div id=\"shell\"> is not closed before </body>".into());
    }
    Ok((&template[..open], &template[open..close], &template[close..]))
}

/// Leptos's markers for where dynamic content goes (`<!>`, `<!--<() />-->`): only hydration reads
/// them, and the app mounts fresh, so they go.
pub fn strip_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!") {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = if tail.starts_with("<!--") {
            tail.find("-->").map(|e| e + 3)
        } else {
            tail.find('>').map(|e| e + 1)
        };
        match end {
            Some(e) => rest = &tail[e..],
            None => {
                rest = tail;
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// One page: the template with the shell's contents replaced by the fragment's markup, and the
/// fragment's `<head lang="…">` applied: the page's language, title, description and alternates.
pub fn page(template: &str, fragment: &str) -> Result<String> {
    let (template, fragment, lang) = match take_head(fragment) {
        Some((head, rest)) => {
            let (lang, head) = head;
            (apply_head(template, lang, head)?, rest, lang)
        }
        None => (template.to_string(), fragment, "en"),
    };
    let template = if lang == "es" {
        crate::i18n::spanish_manifest_link(&template)?
    } else {
        template
    };
    let (before, _, after) = split_shell(&template)?;
    let fragment = strip_comments(fragment);
    if !fragment.contains("</main>") {
        return Err("a prerendered page has no </main>".into());
    }
    Ok(format!("{before}{fragment}{after}"))
}

/// The `<head lang="…">…</head>` the prerenderer puts first: ((language, its contents), the rest).
#[allow(clippy::type_complexity)]
fn take_head(fragment: &str) -> Option<((&str, &str), &str)> {
    let rest = fragment.strip_prefix("<head lang=\"")?;
    let quote = rest.find('"')?;
    let lang = &rest[..quote];
    let inner = rest[quote..].strip_prefix("\">")?;
    let end = inner.find("</head>")?;
    Some(((lang, &inner[..end]), &inner[end + "</head>".len()..]))
}

/// The template with the page's language, and its title and description from `head` (each replaces
/// the template's; anything else in `head`, the alternates, goes at the end of the `<head>`).
fn apply_head(template: &str, lang: &str, head: &str) -> Result<String> {
    let mut out = template.replacen("<html lang=\"en\">", &format!("<html lang=\"{lang}\">"), 1);
    if !out.contains(&format!("<html lang=\"{lang}\">")) {
        return Err("index.html has no <html lang=\"en\">".into());
    }
    let mut rest = head;
    if let Some(start) = rest.find("<title>") {
        let end = rest[start..]
            .find("</title>")
            .ok_or("a prerendered <title> is not closed")?
            + start;
        out = set_title(&out, &rest[start + "<title>".len()..end])?;
        rest = &rest[end + "</title>".len()..];
    }
    const DESCRIPTION: &str = "<meta name=\"description\" content=\"";
    if let Some(start) = rest.find(DESCRIPTION) {
        let value_start = start + DESCRIPTION.len();
        let end = rest[value_start..]
            .find('"')
            .ok_or("a prerendered description is not closed")?
            + value_start;
        let t_start = out.find(DESCRIPTION).ok_or("index.html has no description")? + DESCRIPTION.len();
        let t_end = out[t_start..]
            .find('"')
            .ok_or("index.html: the description is not closed")?
            + t_start;
        out.replace_range(t_start..t_end, &rest[value_start..end]);
        rest = rest[end..].split_once('>').map_or("", |(_, r)| r);
    }
    let head_end = out.find("</head>").ok_or("index.html has no </head>")?;
    out.insert_str(head_end, rest);
    Ok(out)
}

/// The template with its `<title>` text replaced by `title` (already HTML-escaped).
fn set_title(template: &str, title: &str) -> Result<String> {
    let start = template.find("<title>").ok_or("index.html has no <title>")? + "<title>".len();
    let end = template[start..]
        .find("</title>")
        .ok_or("index.html: <title> is not closed")?
        + start;
    Ok(format!("{}{title}{}", &template[..start], &template[end..]))
}

/// Writes a page for each fragment under `fragments` (the routes, the Not found pages and the two
/// shells), and the Spanish exit page. Returns how many pages were written.
pub fn write_pages(staging: &Path, fragments: &Path) -> Result<usize> {
    let index = staging.join("index.html");
    let template = std::fs::read_to_string(&index).map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    split_shell(&template)?;
    for required in ["index.html", "404.html", SHELL_FILE, ES_SHELL_FILE] {
        if !fragments.join(required).is_file() {
            return Err(format!(
                "the prerenderer wrote no {required} into {}",
                fragments.display()
            ));
        }
    }
    let exit = staging.join("exit.html");
    if let Ok(exit) = std::fs::read_to_string(&exit) {
        let texts = crate::i18n::Texts::load()?;
        let es_exit = texts.translate(&exit.replacen("<html lang=\"en\">", "<html lang=\"es\">", 1))?;
        if !es_exit.contains("<html lang=\"es\">") {
            return Err("exit.html has no <html lang=\"en\">".into());
        }
        std::fs::write(staging.join(ES_EXIT_FILE), es_exit).map_err(|e| format!("cannot write {ES_EXIT_FILE}: {e}"))?;
    }
    let mut written = 0;
    for (rel, bytes) in files_under(fragments)?
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".html"))
    {
        let fragment = String::from_utf8(bytes).map_err(|_| format!("fragment {rel} is not UTF-8"))?;
        let html = page(&template, &fragment).map_err(|e| format!("{rel}: {e}"))?;
        let dest = staging.join(&rel);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&dest, html).map_err(|e| format!("cannot write {}: {e}", dest.display()))?;
        written += 1;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "<!doctype html><html lang=\"en\"><head><title>t</title><meta name=\"description\" content=\"d\"><link data-rel=\"manifest\" href=\"manifest.webmanifest\"></head><body>\n<div id=\"app\"></div>\n<div id=\"shell\"></div>\n</body>\n</html>\n";

    #[test]
    fn a_page_is_the_template_with_the_fragment_in_the_shell() {
        let html = page(
            TEMPLATE,
            "<header>H</header><main id=\"main\"><h1>Buyer</h1><!><p>x</p><div class=\"shell-fallback\"><p>did not start</p></div></main><aside>call</aside><!--<() />-->",
        )
        .unwrap();
        assert_eq!(
            html,
            "<!doctype html><html lang=\"en\"><head><title>t</title><meta name=\"description\" content=\"d\"><link data-rel=\"manifest\" href=\"manifest.webmanifest\"></head><body>\n<div id=\"app\"></div>\n<div id=\"shell\">\
             <header>H</header><main id=\"main\"><h1>Buyer</h1><p>x</p><div class=\"shell-fallback\"><p>did not start</p></div></main><aside>call</aside></div>\n</body>\n</html>\n"
        );
    }

    #[test]
    fn the_fragments_head_replaces_the_templates() {
        let html = page(
            TEMPLATE,
            "<head lang=\"es\"><title>Comprador · Red flags</title><meta name=\"description\" content=\"Una guía\">\
             <link rel=\"alternate\" hreflang=\"en\" href=\"/glossary/buyer\"></head><main id=\"main\"><h1>Comprador</h1></main>",
        )
        .unwrap();
        assert!(
            html.starts_with(
                "<!doctype html><html lang=\"es\"><head><title>Comprador · Red flags</title>\
                 <meta name=\"description\" content=\"Una guía\"><link data-rel=\"manifest\" href=\"es/manifest.webmanifest\">\
                 <link rel=\"alternate\" hreflang=\"en\" href=\"/glossary/buyer\"></head>"
            ),
            "{html}"
        );
        assert_eq!(html.matches("<title>").count(), 1);
        assert!(
            !html[html.find("<body>").unwrap()..].contains("title"),
            "the title stays out of the body"
        );
        let untitled = page(TEMPLATE, "<main id=\"main\"><h1>x</h1></main>").unwrap();
        assert!(
            untitled.contains("<title>t</title>"),
            "without a title the template's stays"
        );
    }

    #[test]
    fn a_template_without_the_shell_or_a_fragment_without_main_is_an_error() {
        assert!(page("<body><div id=\"app\"></div></body>", "<main></main>")
            .unwrap_err()
            .contains("shell"));
        assert!(page(TEMPLATE, "<h1>x</h1>").unwrap_err().contains("</main>"));
    }

    #[test]
    fn comments_go_and_text_stays() {
        assert_eq!(strip_comments("a<!>b<!-- c -->d<!--<() />-->e"), "abde");
        assert_eq!(strip_comments("x < y"), "x < y");
        assert_eq!(strip_comments("unterminated <!-- x"), "unterminated <!-- x");
    }

    #[test]
    fn pages_and_both_shells_are_written_from_the_fragments() {
        let tmp = std::env::temp_dir().join(format!("xtask-prerender-{}", std::process::id()));
        let (staging, fragments) = (tmp.join("staging"), tmp.join("fragments"));
        std::fs::create_dir_all(&staging).unwrap();
        std::fs::create_dir_all(fragments.join("glossary/buyer")).unwrap();
        std::fs::create_dir_all(fragments.join("es")).unwrap();
        std::fs::write(staging.join("index.html"), TEMPLATE).unwrap();
        let mut files = vec![
            ("index.html", "Home"),
            ("404.html", "Not found"),
            ("glossary/buyer/index.html", "Buyer"),
            (SHELL_FILE, "Loading"),
        ];
        for (rel, h1) in &files {
            std::fs::write(fragments.join(rel), format!("<main id=\"main\"><h1>{h1}</h1></main>")).unwrap();
        }
        let err = write_pages(&staging, &fragments).unwrap_err();
        assert!(err.contains(ES_SHELL_FILE), "{err}");
        files.push((ES_SHELL_FILE, "Cargando"));
        std::fs::write(
            fragments.join(ES_SHELL_FILE),
            "<head lang=\"es\"><title>x</title></head><main id=\"main\"><h1>Cargando</h1></main>",
        )
        .unwrap();
        assert_eq!(write_pages(&staging, &fragments).unwrap(), 5);
        for (rel, h1) in files {
            let html = std::fs::read_to_string(staging.join(rel)).unwrap();
            assert!(
                html.contains(&format!(
                    "<div id=\"shell\"><main id=\"main\"><h1>{h1}</h1></main></div>"
                )),
                "{rel}: {html}"
            );
        }
        assert!(std::fs::read_to_string(staging.join(ES_SHELL_FILE))
            .unwrap()
            .starts_with("<!doctype html><html lang=\"es\">"));
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
