//! Build-time prerendering (feature `ssr`, run natively by `src/bin/prerender.rs` from `cargo xtask
//! build`): every route of the app rendered to HTML by the same components the browser runs, as on a
//! first visit (no saved check, default settings). The post-build step puts each one into its own
//! `<route>/index.html`, so the first paint is the screen itself; the app then mounts over it.
//!
//! The offline shell (`shell.html`, `es/shell.html`: what the service worker answers every navigation
//! with) is rendered the same way: the app's frame with no screen yet ([`render_shell`]). Every page ends
//! its `<main>` with the "did not start" notice ([`NotStarted`]), hidden by the stylesheet until the app
//! has had time to start: the calls, in the page's language, the agency's numbers in an agency edition.

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
    format!("{}{}", head(path, public_url), body(path, public_url, false))
}

/// Where the offline shell in `lang` goes in the build folder: `shell.html`, `es/shell.html`.
pub fn shell_file(lang: Lang) -> String {
    router::to_lang("/shell.html", lang).trim_start_matches('/').to_string()
}

/// The offline shell in `lang`, as [`render`] writes a page: the app's frame (header, navigation, call
/// bar) as the home page in `lang` has it, with the screen not rendered yet (the gate the browser's
/// first render uses, closed), and in `<main>` a "Loading…" line and the notice. Its `<head>`: the
/// home page's title and the description, no alternates (the shell stands for every route).
pub fn render_shell(lang: Lang, public_url: &str) -> String {
    let home = Screen::Home.path(lang);
    format!(
        "{}</head>{}",
        head_start(lang, &Screen::Home),
        body(&home, public_url, true)
    )
}

/// The app's markup for `path`, its notice at the end of `<main>`; for the shell, the frame only.
fn body(path: &str, public_url: &str, shell: bool) -> String {
    let owner = Owner::new();
    owner.with(|| {
        router::provide(path, router::base_from(public_url));
        crate::state::provide_first_visit();
        if shell {
            crate::app::close_screen_gate();
        }
        let app = crate::App().into_view().to_html();
        let notice = view! { <NotStarted shell/> }.into_view().to_html();
        match app.rfind("</main>") {
            Some(end) => format!("{}{notice}{}", &app[..end], &app[end..]),
            None => app,
        }
    })
}

/// "The app did not start on this device", with the calls that work without it: 911, NCMEC and, in an
/// agency edition, the agency's numbers. The shell leads with the app's name as its heading and a
/// "Loading…" line; on a route's page the screen's own `<h1>` is the heading.
#[component]
fn NotStarted(shell: bool) -> impl IntoView {
    let ui = router::ui();
    let content = router::content();
    let (emergency, ncmec) = (content.emergency(), content.ncmec());
    let call = |tel: String, name: String, number: &'static str| {
        view! {
            <p><a class="call-link" href=tel><span class="call-link-name">{name}</span><span class="call-link-number">{number}</span></a></p>
        }
    };
    #[cfg(agency)]
    let agency = {
        let agency = crate::components::agency::agency();
        agency
            .numbers
            .iter()
            .map(|line| {
                call(
                    line.tel(),
                    crate::components::agency::line_name(agency, line),
                    line.shown_as,
                )
            })
            .collect_view()
    };
    #[cfg(not(agency))]
    let agency = ();
    view! {
        {shell.then(|| view! { <p class="shell-loading">{ui.shell_loading}</p> })}
        <div class="shell-fallback">
            {shell.then(|| view! { <h1><crate::components::LookNames name=ui.app_name/></h1> })}
            <p>{ui.shell_not_started}</p>
            {call(emergency.tel(), emergency.call.to_string(), ui.common_emergency_when)}
            {call(ncmec.tel(), ncmec.call.to_string(), ncmec.shown_as)}
            {agency}
        </div>
    }
}

/// `<head lang="…">` with the title of `screen` and the description, not closed.
fn head_start(lang: Lang, screen: &Screen) -> String {
    format!(
        "<head lang=\"{}\"><title>{}</title><meta name=\"description\" content=\"{}\">",
        lang.code(),
        escape(&screen.title(lang)),
        escape(lang.ui().shell_description)
    )
}

/// What the page at `path` puts in its `<head>`, as `<head lang="…">…</head>`.
pub fn head(path: &str, public_url: &str) -> String {
    let lang = router::lang(path);
    let screen = router::screen(path);
    let mut head = head_start(lang, &screen);
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

    /// Renders the whole app, as the build does: with `ssr` (no effects, no browser). `cargo xtask test`
    /// runs the prerender tests so.
    #[cfg(feature = "ssr")]
    #[test]
    fn the_shell_is_the_apps_frame_in_its_language_loading_with_the_calls() {
        for lang in Lang::ALL {
            let ui = lang.ui();
            let shell = render_shell(lang, "/red-flags/");
            assert_eq!(
                shell_file(lang),
                if lang == Lang::En {
                    "shell.html"
                } else {
                    "es/shell.html"
                }
            );
            assert!(
                shell.starts_with(&format!("<head lang=\"{}\"><title>", lang.code())),
                "{shell}"
            );
            assert!(
                !shell.contains("hreflang=\"x-default\""),
                "the shell stands for every route"
            );
            let main = &shell[shell.find("<main").unwrap()..shell.find("</main>").unwrap()];
            let loading = format!("<p class=\"shell-loading\">{}</p>", escape(ui.shell_loading));
            assert!(
                main.contains(&format!("{loading}<div class=\"shell-fallback\"><h1>")),
                "{main}"
            );
            assert!(main.contains(&escape(ui.shell_not_started)), "{main}");
            assert_eq!(main.matches("<h1>").count(), 1, "no screen yet: {main}");
            for contact in [lang.content().emergency(), lang.content().ncmec()] {
                assert!(main.contains(&format!("href=\"{}\"", contact.tel())), "{main}");
                assert!(main.contains(&escape(contact.call)), "{main}");
            }
            assert!(shell.contains("class=\"call-bar\""), "the frame's call bar: {shell}");
            assert!(shell.contains(&format!("href=\"/red-flags{}exit.html\"", Screen::Home.path(lang))));
            // A route's page: its own heading, the notice without the shell's heading or loading line.
            let page = render(&Screen::Call.path(lang), "/");
            assert!(
                page.contains("<div class=\"shell-fallback\"><!><p>")
                    || page.contains("<div class=\"shell-fallback\"><p>"),
                "{page}"
            );
            assert!(!page.contains("shell-loading"));
        }
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
