//! Build-time prerendering (feature `ssr`, run natively by `src/bin/prerender.rs` from `cargo xtask
//! build`): every route of the app rendered to HTML by the same components the browser runs, as on a
//! first visit (no saved check, default settings). The post-build step puts each one into its own
//! `<route>/index.html`, so the first paint is the screen itself; the app then mounts over it.

use crate::content::Lang;
use crate::router::{self, Screen};
use leptos::prelude::*;
use red_flags_content::html::escape;

/// Every route the app has, as paths under the base: one per [`Screen::all`] in each language.
pub fn routes() -> Vec<String> {
    Lang::ALL
        .into_iter()
        .flat_map(|l| Screen::all().into_iter().map(move |s| s.path(l)))
        .collect()
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

/// The Not found pages, one per language, as (file, path no route matches): hosts serve the Spanish one
/// for an unknown URL under `/es/`.
pub fn not_found_pages() -> Vec<(String, String)> {
    Lang::ALL
        .into_iter()
        .map(|l| {
            let path = Screen::NotFound.path(l);
            let file = router::to_lang(&format!("/{NOT_FOUND_FILE}"), l);
            (file.trim_start_matches('/').to_string(), path)
        })
        .collect()
}

/// The app's markup for `path` (a route from [`routes`]) on a deploy at `public_url` (`/` or
/// `/red-flags/`), as the browser's first render makes it, preceded by what the page's `<head>` needs
/// (the post-build step moves it there): `<head lang="…">` with the `<title>`, the description and, for
/// a route, the `hreflang` alternates (the same screen in each language, English the default).
pub fn render(path: &str, public_url: &str) -> String {
    let owner = Owner::new();
    let body = owner.with(|| {
        router::provide(path, router::base_from(public_url));
        crate::state::provide_first_visit();
        crate::App().into_view().to_html()
    });
    format!("{}{body}", head(path, public_url))
}

/// What the page at `path` puts in its `<head>`, as `<head lang="…">…</head>`.
pub fn head(path: &str, public_url: &str) -> String {
    let lang = router::lang(path);
    let screen = router::screen(path);
    let mut head = format!(
        "<head lang=\"{}\"><title>{}</title><meta name=\"description\" content=\"{}\">",
        lang.code(),
        escape(&screen.title(lang)),
        escape(lang.ui().shell_description)
    );
    if screen != Screen::NotFound {
        let base = router::base_from(public_url);
        let alternates = Lang::ALL
            .into_iter()
            .map(|l| (l.code(), l))
            .chain([("x-default", Lang::En)]);
        for (code, l) in alternates {
            head.push_str(&format!(
                "<link rel=\"alternate\" hreflang=\"{code}\" href=\"{base}{}\">",
                screen.path(l)
            ));
        }
    }
    head + "</head>"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_is_a_route_and_the_not_found_path_is_none() {
        let routes = routes();
        assert_eq!(routes.len(), 2 * Screen::all().len());
        assert!(routes.contains(&Screen::Check.path(Lang::En)));
        assert!(routes.contains(&Screen::Check.path(Lang::Es)));
        for l in Lang::ALL {
            let screens: Vec<Screen> = routes
                .iter()
                .filter(|r| router::lang(r) == l)
                .map(|r| router::screen(r))
                .collect();
            assert_eq!(screens, Screen::all(), "{l:?}");
        }
        for (_, path) in not_found_pages() {
            assert!(!routes.contains(&path), "the not-found path {path} must match no route");
            assert_eq!(router::screen(&path), Screen::NotFound);
        }
        assert_eq!(
            not_found_pages(),
            [
                ("404.html".to_string(), NOT_FOUND_PATH.to_string()),
                ("es/404.html".to_string(), format!("/es{NOT_FOUND_PATH}"))
            ]
        );
    }

    #[test]
    fn each_page_says_its_language_and_links_its_twin() {
        let es = head(&Screen::Term(0).path(Lang::Es), "/red-flags/");
        let en = head(&Screen::Term(0).path(Lang::En), "/red-flags/");
        let term = crate::content::TERMS[0].slug;
        for page in [&es, &en] {
            for (code, prefix) in [("en", ""), ("es", "/es"), ("x-default", "")] {
                let link =
                    format!("<link rel=\"alternate\" hreflang=\"{code}\" href=\"/red-flags{prefix}/glossary/{term}\">");
                assert!(
                    page.contains(&link),
                    "{link} missing in {}",
                    &page[..page.find("</head>").unwrap()]
                );
            }
        }
        assert!(es.starts_with("<head lang=\"es\"><title>"));
        assert!(en.starts_with("<head lang=\"en\"><title>"));
        assert!(es.contains(crate::content::es::TERMS[0].term));
        assert!(es.contains(&escape(crate::content::es::UI.shell_description)));
        let not_found = head(&Screen::NotFound.path(Lang::Es), "/");
        assert!(not_found.contains(crate::content::es::UI.screens_not_found));
        assert!(!not_found.contains("hreflang"));
    }

    #[test]
    fn each_route_gets_its_own_index_html() {
        assert_eq!(file_for(&Screen::Home.path(Lang::En)), "index.html");
        assert_eq!(file_for(&Screen::Check.path(Lang::En)), "check/index.html");
        let first_term = crate::content::TERMS[0].slug;
        assert_eq!(
            file_for(&Screen::Term(0).path(Lang::En)),
            format!("glossary/{first_term}/index.html")
        );
        let mut files: Vec<String> = routes().iter().map(|r| file_for(r)).collect();
        files.sort();
        files.dedup();
        assert_eq!(files.len(), routes().len(), "two routes share a file");
    }
}
