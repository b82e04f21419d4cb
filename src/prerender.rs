//! Build-time prerendering (feature `ssr`, run natively by `src/bin/prerender.rs` from `cargo xtask
//! build`): every route of the app rendered to HTML by the same components the browser runs, as on a
//! first visit (no saved check, default settings). The post-build step puts each one into its own
//! `<route>/index.html`, so the first paint is the screen itself; the app then mounts over it.

use crate::router::{self, Screen};
use leptos::prelude::*;

/// Every route the app has, as paths under the base: one per [`Screen::all`].
pub fn routes() -> Vec<String> {
    Screen::all().into_iter().map(Screen::path).collect()
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
pub const NOT_FOUND_PATH: &str = router::NOT_FOUND_PATH;

/// The app's markup for `path` (a route from [`routes`]) on a deploy at `public_url` (`/` or
/// `/red-flags/`), as the browser's first render makes it, preceded by the page's `<title>` element (the
/// post-build step moves it into the `<head>`).
pub fn render(path: &str, public_url: &str) -> String {
    let owner = Owner::new();
    let body = owner.with(|| {
        router::provide(path, router::base_from(public_url));
        crate::state::provide_first_visit();
        crate::App().into_view().to_html()
    });
    let title = router::screen(path).title();
    format!("<title>{}</title>{body}", escape(&title))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_is_a_route_and_the_not_found_path_is_none() {
        let routes = routes();
        assert_eq!(routes.len(), Screen::all().len());
        assert!(routes.contains(&Screen::Check.path()));
        let screens: Vec<Screen> = routes.iter().map(|r| router::screen(r)).collect();
        assert_eq!(screens, Screen::all());
        assert!(
            !routes.iter().any(|r| r == NOT_FOUND_PATH),
            "the not-found path must match no route"
        );
    }

    #[test]
    fn each_route_gets_its_own_index_html() {
        assert_eq!(file_for(&Screen::Home.path()), "index.html");
        assert_eq!(file_for(&Screen::Check.path()), "check/index.html");
        let first_term = crate::content::TERMS[0].slug;
        assert_eq!(
            file_for(&Screen::Term(0).path()),
            format!("glossary/{first_term}/index.html")
        );
        let mut files: Vec<String> = routes().iter().map(|r| file_for(r)).collect();
        files.sort();
        files.dedup();
        assert_eq!(files.len(), routes().len(), "two routes share a file");
    }
}
