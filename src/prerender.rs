//! Build-time prerendering (feature `ssr`, run natively by `src/bin/prerender.rs` from `cargo xtask
//! build`): every route of the app rendered to HTML by the same components the browser runs, as on a
//! first visit (no saved check, default settings). The post-build step puts each one into its own
//! `<route>/index.html`, so the first paint is the screen itself; the app then mounts over it.

use crate::content::{SECTIONS, TERMS};
use leptos::prelude::*;
use std::sync::OnceLock;

static BASE: OnceLock<String> = OnceLock::new();

/// The public URL the pages are rendered for (`/` or `/red-flags/`). Set once, before rendering.
pub fn set_base(public_url: &str) {
    let base = public_url.trim_end_matches('/').to_string();
    BASE.set(base).expect("the prerender base is set once");
}

/// The base without its trailing slash, as `app::base_path` gives it in the browser.
pub fn base() -> String {
    BASE.get().cloned().unwrap_or_default()
}

/// Every route the app has, as paths under the base: the screens, each glossary term and each guide
/// section.
pub fn routes() -> Vec<String> {
    let mut routes: Vec<String> = [
        "/",
        "/check",
        "/missing",
        "/glossary",
        "/guide",
        "/call",
        "/sources",
        "/settings",
        "/card",
        "/share",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    routes.extend(TERMS.iter().map(|t| format!("/glossary/{}", t.slug)));
    routes.extend(SECTIONS.iter().map(|s| format!("/guide/{}", s.slug)));
    routes
}

/// Where the page for `route` goes in the build folder: `index.html` in the route's own folder, which
/// every static host serves for the extensionless URL.
pub fn file_for(route: &str) -> String {
    match route.trim_matches('/') {
        "" => "index.html".into(),
        path => format!("{path}/index.html"),
    }
}

/// What static hosts serve for a URL they have no file for, with status 404 (Netlify, Cloudflare
/// Pages, GitHub Pages, `deploy/nginx.conf`, the dev server): the app's Not found screen.
pub const NOT_FOUND_FILE: &str = "404.html";
/// A path no route matches, rendered as [`NOT_FOUND_FILE`].
pub const NOT_FOUND_PATH: &str = "/404";

/// The app's markup for `path` (a route from [`routes`]), as the browser's first render makes it,
/// preceded by the page's `<title>` element (the post-build step moves it into the `<head>`).
pub fn render(path: &str) -> String {
    let owner = Owner::new();
    let body = owner.with(|| {
        crate::nav::provide(path);
        crate::App().into_view().to_html()
    });
    let title = crate::nav::title(crate::nav::screen(path));
    format!("<title>{}</title>{body}", escape(&title))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_term_and_section_is_a_route() {
        let routes = routes();
        assert_eq!(routes.len(), 10 + TERMS.len() + SECTIONS.len());
        assert!(routes.contains(&"/glossary/trafficker".to_string()));
        assert!(routes.contains(&"/guide/after-a-run".to_string()));
        let mut unique = routes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), routes.len(), "a route is listed twice");
        assert!(
            !routes.iter().any(|r| r == NOT_FOUND_PATH),
            "the not-found path must match no route"
        );
    }

    #[test]
    fn every_route_is_a_screen_and_every_screen_has_a_route() {
        use crate::nav::{screen, Screen};
        let screens: Vec<Screen> = routes().iter().map(|r| screen(r)).collect();
        assert!(
            !screens.contains(&Screen::NotFound),
            "a prerendered route is not a screen: {:?}",
            routes()
        );
        for s in [
            Screen::Home,
            Screen::Check,
            Screen::Glossary,
            Screen::Guide,
            Screen::Call,
            Screen::Missing,
            Screen::Sources,
            Screen::Settings,
            Screen::Card,
            Screen::Share,
        ] {
            assert!(screens.contains(&s), "{s:?} is not prerendered");
        }
        assert_eq!(screen(NOT_FOUND_PATH), Screen::NotFound);
    }

    #[test]
    fn each_route_gets_its_own_index_html() {
        assert_eq!(file_for("/"), "index.html");
        assert_eq!(file_for("/check"), "check/index.html");
        assert_eq!(file_for("/glossary/buyer"), "glossary/buyer/index.html");
        let mut files: Vec<String> = routes().iter().map(|r| file_for(r)).collect();
        files.sort();
        files.dedup();
        assert_eq!(files.len(), routes().len(), "two routes share a file");
    }
}
