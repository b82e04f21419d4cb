//! The reference pages: the app's home screen as a plain static page, the fastest this content can
//! reach a phone. Made from the prerendered `index.html` of the build (the same text, the same
//! largest element, the same CSS), with everything that only an app needs taken out.
//!
//! - [`Style::Inline`] (the reference the budgets use): the stylesheet's text in a `<style>`, no
//!   script, no icon, no manifest, no preload: one request in all. What Lighthouse's ratio measures.
//! - [`Style::Linked`] (for comparison only): the stylesheet and icons kept as links. It pays the same render-blocking round trip for the CSS as the app, so a
//!   ratio against it hides that cost; the bench prints both ratios to show it.

use crate::Result;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Inline,
    Linked,
}

impl Style {
    pub fn label(self) -> &'static str {
        match self {
            Style::Inline => "reference (self-contained)",
            Style::Linked => "reference (linked CSS)",
        }
    }
}

/// The reference page for `index_html` (a prerendered page of the build). `read` returns a file of
/// the build by its path relative to the build (the stylesheet to inline).
pub fn page(index_html: &str, style: Style, read: impl Fn(&str) -> Result<String>) -> Result<String> {
    if !index_html.contains("</head>") || !index_html.contains("<body") {
        return Err("the prerendered index.html has no </head> or <body>".into());
    }
    let without_scripts = remove_elements(index_html, "<script", "</script>");
    let mut out = String::with_capacity(without_scripts.len());
    let mut rest = without_scripts.as_str();
    while let Some(start) = rest.find("<link") {
        let Some(len) = rest[start..].find('>') else { break };
        let end = start + len + 1;
        let tag = &rest[start..end];
        out.push_str(&rest[..start]);
        let rel = attr(tag, "rel").unwrap_or_default();
        match (rel.as_str(), style) {
            ("stylesheet", Style::Inline) => {
                let href = attr(tag, "href").ok_or_else(|| format!("a stylesheet link without href: {tag}"))?;
                let css = read(href.trim_start_matches('/'))?;
                out.push_str("<style>");
                out.push_str(css.trim());
                out.push_str("</style>");
            }
            ("stylesheet", Style::Linked) => out.push_str(tag),
            ("icon" | "apple-touch-icon", Style::Linked) => out.push_str(tag),
            // Preloads, the manifest, and in the self-contained page the icons: nothing to fetch.
            _ => {}
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    if style == Style::Inline {
        // Without an icon link Chromium asks for /favicon.ico: say there is none, as the app's pages do.
        out = out.replacen("</head>", &format!("{}</head>", crate::postbuild::EMPTY_ICON), 1);
    }
    Ok(out)
}

/// Writes the reference for the build in `dist` into `out` (its `index.html`, and for
/// [`Style::Linked`] the build's CSS and icons beside it).
pub fn write(dist: &Path, out: &Path, style: Style) -> Result<String> {
    let read =
        |rel: &str| std::fs::read_to_string(dist.join(rel)).map_err(|e| format!("{}: {e}", dist.join(rel).display()));
    let index = read("index.html")?;
    let html = page(&index, style, read)?;
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    if style == Style::Linked {
        for (name, bytes) in crate::layout::files_under(dist)? {
            let keep = name.ends_with(".css") || name.ends_with(".png") || name.ends_with(".svg");
            if !keep {
                continue;
            }
            let to = out.join(&name);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
            }
            std::fs::write(&to, bytes).map_err(|e| format!("cannot write {}: {e}", to.display()))?;
        }
    }
    std::fs::write(out.join("index.html"), &html).map_err(|e| format!("cannot write the reference: {e}"))?;
    Ok(html)
}

/// The value of `name="…"` in a tag.
fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(tag[start..start + len].to_string())
}

fn remove_elements(s: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        match rest[start..].find(close) {
            Some(e) => rest = &rest[start + e + close.len()..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
        <script>early()</script>\
        <link rel=\"stylesheet\" href=\"/main-1f.css\" integrity=\"sha384-x\">\
        <link rel=\"icon\" href=\"/icons/icon.svg\"><link rel=\"apple-touch-icon\" href=\"/icons/a.png\">\
        <link rel=\"modulepreload\" href=\"/app.js\"><link rel=\"preload\" href=\"/app.wasm\" as=\"fetch\">\
        <link rel=\"manifest\" href=\"manifest.webmanifest\">\
        <script type=\"module\" src=\"/boot.js\"></script></head>\
        <body><main><h1>Red flags</h1></main><script>x()</script></body></html>";

    fn read(rel: &str) -> Result<String> {
        match rel {
            "main-1f.css" => Ok("body{color:#111}\n".into()),
            other => Err(format!("no {other}")),
        }
    }

    #[test]
    fn the_self_contained_reference_inlines_the_css_and_fetches_nothing() {
        let out = page(INDEX, Style::Inline, read).unwrap();
        assert!(out.contains("<style>body{color:#111}</style>"), "{out}");
        assert!(out.contains("<h1>Red flags</h1>"));
        assert!(out.contains("<link rel=\"icon\" href=\"data:,\">"), "{out}");
        for gone in [
            "<script",
            "main-1f.css",
            "icon.svg",
            "a.png",
            "modulepreload",
            "app.wasm",
            "manifest",
        ] {
            assert!(!out.contains(gone), "{gone} left in {out}");
        }
    }

    #[test]
    fn the_linked_reference_keeps_the_stylesheet_and_icons_only() {
        let out = page(INDEX, Style::Linked, read).unwrap();
        assert!(
            out.contains("href=\"/main-1f.css\"") && out.contains("icon.svg"),
            "{out}"
        );
        assert!(!out.contains("<style>"));
        for gone in ["<script", "modulepreload", "app.wasm", "manifest"] {
            assert!(!out.contains(gone), "{gone} left in {out}");
        }
    }

    #[test]
    fn a_page_without_head_or_a_missing_stylesheet_is_an_error() {
        assert!(page("<html>", Style::Inline, read).is_err());
        let other = INDEX.replace("main-1f.css", "gone.css");
        assert!(page(&other, Style::Inline, read).unwrap_err().contains("gone.css"));
        assert!(
            page(&other, Style::Linked, read).is_ok(),
            "the linked page reads no file"
        );
    }
}
