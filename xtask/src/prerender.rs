//! Prerendered pages (part of the post-build step): every route of the app as a static HTML page, so
//! the first paint on a cold visit is the screen itself, and the page is readable (and its links and
//! calls work) even where the WebAssembly never runs.
//!
//! The markup comes from the app's own components, rendered natively with Leptos's `ssr` feature by
//! `src/bin/prerender.rs` (`red_flags::prerender`). Each page is Trunk's `index.html` with the static
//! shell's contents (`<div id="shell">`) replaced by that markup; the app mounts into `#app` and removes
//! `#shell` in one go, as before, and the two are the same markup, so nothing moves.
//!
//! The files:
//! - `index.html`, `check/index.html`, `glossary/<term>/index.html`, …: one per route (what every
//!   static host serves for `/check`), and `404.html` (the Not found screen; hosts serve it for unknown
//!   URLs with status 404).
//! - `shell.html`: Trunk's page as it was, with "Loading…": what the service worker answers every
//!   navigation with, offline or not (it precaches that one page, not all of them).

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
/// the last element of `<body>`.
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

/// The shell's "did not start" notice (hidden by CSS until the app has had time to start), without
/// its heading: on a prerendered page the screen's own `<h1>` is the heading.
fn fallback_notice(shell: &str) -> Result<String> {
    const OPEN: &str = "<div class=\"shell-fallback\">";
    let start = shell
        .find(OPEN)
        .ok_or("index.html: the shell has no <div class=\"shell-fallback\">")?;
    let end = shell[start..]
        .find("</div>")
        .ok_or("index.html: the shell's fallback is not closed")?
        + start
        + "</div>".len();
    let mut notice = shell[start..end].to_string();
    if let (Some(h), Some(h_end)) = (notice.find("<h1>"), notice.find("</h1>")) {
        notice.replace_range(h..h_end + "</h1>".len(), "");
    }
    Ok(notice)
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

/// One page: the template with the shell's contents replaced by the route's markup, the "did not
/// start" notice at the end of its `<main>`, and the fragment's `<head lang="…">` applied: the page's
/// language, title, description and alternates. A Spanish page's notice is in Spanish (`texts`).
pub fn page(template: &str, fragment: &str, texts: &crate::i18n::Texts) -> Result<String> {
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
    let (before, shell, after) = split_shell(&template)?;
    let notice = fallback_notice(shell)?;
    let notice = if lang == "en" {
        notice
    } else {
        texts.translate(&notice)?
    };
    let fragment = strip_comments(fragment);
    let main_end = fragment.rfind("</main>").ok_or("a prerendered route has no </main>")?;
    Ok(format!(
        "{before}{}{notice}{}{after}",
        &fragment[..main_end],
        &fragment[main_end..]
    ))
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

/// The shell in Spanish: `<html lang="es">`, its texts from the data, its links to the Spanish routes.
pub fn spanish_shell(template: &str, texts: &crate::i18n::Texts) -> Result<String> {
    use red_flags_content::html::escape;
    let head = format!(
        "<title>{}</title><meta name=\"description\" content=\"{}\">",
        escape(texts.get("es", "screens.home_title")?),
        escape(texts.get("es", "shell.description")?)
    );
    let html = crate::i18n::spanish_manifest_link(&apply_head(template, "es", &head)?)?;
    // Only the body's texts: the head's inline script and style are allowed by their hashes, byte for byte.
    let body = html.find("<body").ok_or("index.html has no <body>")?;
    let mut html = format!("{}{}", &html[..body], texts.translate(&html[body..])?);
    let (before, shell, after) = split_shell(&html)?;
    let mut links = shell
        .replace("href=\"./\"", "href=\"es/\"")
        .replace("href=\"exit.html\"", "href=\"es/exit.html\"");
    for route in ["check", "guide", "glossary", "call", "sources"] {
        links = links.replace(&format!("href=\"{route}\""), &format!("href=\"es/{route}\""));
    }
    // The switch goes the other way: to the English home, labelled in English.
    let to_spanish = format!(
        "href=\"es/\" lang=\"es\" hreflang=\"es\">{}<",
        red_flags_content::html::escape(texts.get("en", "app.language_switch")?)
    );
    let to_english = format!(
        "href=\"./\" lang=\"en\" hreflang=\"en\">{}<",
        red_flags_content::html::escape(texts.get("es", "app.language_switch")?)
    );
    if !links.contains(&to_spanish) {
        return Err(format!("index.html's shell has no language switch ({to_spanish})"));
    }
    links = links.replace(&to_spanish, &to_english);
    html = format!("{before}{links}{after}");
    Ok(html)
}

/// Writes `shell.html` (the template as it is), its Spanish twin and a page for each fragment under
/// `fragments`. Returns how many pages were written, besides the shells.
pub fn write_pages(staging: &Path, fragments: &Path) -> Result<usize> {
    let index = staging.join("index.html");
    let template = std::fs::read_to_string(&index).map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    split_shell(&template)?;
    let texts = crate::i18n::Texts::load()?;
    std::fs::write(staging.join(SHELL_FILE), &template).map_err(|e| format!("cannot write {SHELL_FILE}: {e}"))?;
    let es_shell = staging.join(ES_SHELL_FILE);
    if let Some(parent) = es_shell.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(&es_shell, spanish_shell(&template, &texts)?)
        .map_err(|e| format!("cannot write {ES_SHELL_FILE}: {e}"))?;
    let exit = staging.join("exit.html");
    if let Ok(exit) = std::fs::read_to_string(&exit) {
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
        let html = page(&template, &fragment, &texts).map_err(|e| format!("{rel}: {e}"))?;
        let dest = staging.join(&rel);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&dest, html).map_err(|e| format!("cannot write {}: {e}", dest.display()))?;
        written += 1;
    }
    if written == 0 {
        return Err(format!("the prerenderer wrote no pages into {}", fragments.display()));
    }
    if !fragments.join("index.html").is_file() || !fragments.join("404.html").is_file() {
        return Err("the prerenderer wrote no index.html or no 404.html".into());
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts() -> crate::i18n::Texts {
        crate::i18n::Texts::load().unwrap()
    }

    const TEMPLATE: &str = "<!doctype html><html lang=\"en\"><head><title>t</title><meta name=\"description\" content=\"d\"><link data-rel=\"manifest\" href=\"manifest.webmanifest\"></head><body>\n<div id=\"app\"></div>\n\
        <div id=\"shell\">\n<header>h</header><div class=\"lang-row\"><a class=\"lang-switch\" href=\"es/\" lang=\"es\" hreflang=\"es\">Español</a></div><main id=\"main\"><p class=\"shell-loading\">Loading…</p>\
        <div class=\"shell-fallback\">\n<h1>Red flags</h1>\n<p>did not start</p><p><a href=\"tel:911\">911</a></p></div></main>\n</div>\n</body>\n</html>\n";

    #[test]
    fn a_page_is_the_template_with_the_route_in_place_of_the_shell() {
        let html = page(
            TEMPLATE,
            "<header>H</header><main id=\"main\"><h1>Buyer</h1><!><p>x</p></main><aside>call</aside><!--<() />-->",
            &texts(),
        )
        .unwrap();
        assert!(html.starts_with(
            "<!doctype html><html lang=\"en\"><head><title>t</title><meta name=\"description\" content=\"d\"><link data-rel=\"manifest\" href=\"manifest.webmanifest\"></head><body>\n<div id=\"app\"></div>\n<div id=\"shell\">"
        ));
        assert!(
            html.contains("<main id=\"main\"><h1>Buyer</h1><p>x</p><div class=\"shell-fallback\">"),
            "{html}"
        );
        assert!(
            html.contains(
                "did not start</p><p><a href=\"tel:911\">911</a></p></div></main><aside>call</aside></div>\n</body>"
            ),
            "{html}"
        );
        assert!(!html.contains("Loading"), "the loading line is for the shell only");
        assert!(!html.contains("Red flags</h1>"), "one h1 per page: the screen's");
        assert!(!html.contains("<!>") && !html.contains("<!--"));
        assert_eq!(html.matches("<h1>").count(), 1);
    }

    #[test]
    fn the_route_title_replaces_the_templates() {
        let template = TEMPLATE.replace("did not start", texts().get("en", "shell.not_started").unwrap());
        let html = page(
            &template,
            "<head lang=\"es\"><title>Comprador · Red flags</title><meta name=\"description\" content=\"Una guía\">\
             <link rel=\"alternate\" hreflang=\"en\" href=\"/glossary/buyer\"></head><main id=\"main\"><h1>Comprador</h1></main>",
            &texts(),
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
        assert!(
            html.contains(&red_flags_content::html::escape(
                texts().get("es", "shell.not_started").unwrap()
            )),
            "a Spanish page's notice is Spanish: {html}"
        );
        assert_eq!(html.matches("<title>").count(), 1);
        assert!(
            !html[html.find("<body>").unwrap()..].contains("title"),
            "the title stays out of the body"
        );
        let untitled = page(TEMPLATE, "<main id=\"main\"><h1>x</h1></main>", &texts()).unwrap();
        assert!(
            untitled.contains("<title>t</title>"),
            "without a title the template's stays"
        );
    }

    #[test]
    fn a_template_without_the_shell_or_a_fragment_without_main_is_an_error() {
        assert!(page("<body><div id=\"app\"></div></body>", "<main></main>", &texts())
            .unwrap_err()
            .contains("shell"));
        assert!(page(TEMPLATE, "<h1>x</h1>", &texts()).unwrap_err().contains("</main>"));
    }

    #[test]
    fn the_spanish_shell_keeps_the_heads_scripts_byte_for_byte() {
        let template = TEMPLATE
            .replace(
                "<title>t</title>",
                "<title>t</title><script>// the \"Exit this page\" link</script>",
            )
            .replace(
                "<p>did not start</p>",
                "<p>did not start</p><a class=\"quick-exit\" href=\"exit.html\">Exit this page</a>",
            );
        let es = spanish_shell(&template, &texts()).unwrap();
        assert!(es.contains("<script>// the \"Exit this page\" link</script>"), "{es}");
        assert!(es.starts_with("<!doctype html><html lang=\"es\">"), "{es}");
        assert!(
            es.contains("<link data-rel=\"manifest\" href=\"es/manifest.webmanifest\">"),
            "{es}"
        );
        let exit = red_flags_content::html::escape(texts().get("es", "quick_exit.link").unwrap());
        assert!(es.contains(&format!("href=\"es/exit.html\">{exit}</a>")), "{es}");
        assert!(
            es.contains("href=\"./\" lang=\"en\" hreflang=\"en\">English</a>"),
            "{es}"
        );
    }

    #[test]
    fn comments_go_and_text_stays() {
        assert_eq!(strip_comments("a<!>b<!-- c -->d<!--<() />-->e"), "abde");
        assert_eq!(strip_comments("x < y"), "x < y");
        assert_eq!(strip_comments("unterminated <!-- x"), "unterminated <!-- x");
    }

    #[test]
    fn pages_are_written_per_route_with_the_shell_beside_them() {
        let tmp = std::env::temp_dir().join(format!("xtask-prerender-{}", std::process::id()));
        let (staging, fragments) = (tmp.join("staging"), tmp.join("fragments"));
        std::fs::create_dir_all(&staging).unwrap();
        std::fs::create_dir_all(fragments.join("glossary/buyer")).unwrap();
        std::fs::write(staging.join("index.html"), TEMPLATE).unwrap();
        for (rel, h1) in [
            ("index.html", "Home"),
            ("404.html", "Not found"),
            ("glossary/buyer/index.html", "Buyer"),
        ] {
            std::fs::write(fragments.join(rel), format!("<main id=\"main\"><h1>{h1}</h1></main>")).unwrap();
        }
        assert_eq!(write_pages(&staging, &fragments).unwrap(), 3);
        assert_eq!(std::fs::read_to_string(staging.join(SHELL_FILE)).unwrap(), TEMPLATE);
        assert!(std::fs::read_to_string(staging.join("index.html"))
            .unwrap()
            .contains("<h1>Home</h1>"));
        assert!(std::fs::read_to_string(staging.join("404.html"))
            .unwrap()
            .contains("<h1>Not found</h1>"));
        assert!(std::fs::read_to_string(staging.join("glossary/buyer/index.html"))
            .unwrap()
            .contains("<h1>Buyer</h1>"));
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
