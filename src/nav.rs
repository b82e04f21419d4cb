//! Navigation: which screen a path shows, links that know when they are current, and in the browser,
//! taps on app links handled without reloading (History API), Back and Forward included.
//!
//! The app has ten fixed screens and two families of content pages, all known at build time, so this
//! is a few dozen lines rather than a router library: leptos_router cost 40 KiB of the brotli
//! WASM (issue #7). The pure parts ([`screen`], [`is_current`], [`app_path`]) are tested natively.

use crate::content::{Section, Term, SECTIONS, TERMS};
use leptos::prelude::*;

/// A screen of the app: what a path shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Home,
    Check,
    Glossary,
    /// A glossary term, by its index in [`TERMS`].
    Term(usize),
    Guide,
    /// A guide section, by its index in [`SECTIONS`].
    Section(usize),
    Call,
    /// A child is missing: the steps, the 24-hour clock, what to have ready.
    Missing,
    Sources,
    Settings,
    /// The printable wallet card.
    Card,
    /// Share the app (QR code, link) and install it.
    Share,
    NotFound,
}

impl Screen {
    pub fn term(self) -> Option<&'static Term> {
        match self {
            Screen::Term(i) => TERMS.get(i),
            _ => None,
        }
    }

    pub fn section(self) -> Option<&'static Section> {
        match self {
            Screen::Section(i) => SECTIONS.get(i),
            _ => None,
        }
    }
}

/// The screen for an app path (under the base, e.g. `/glossary/grooming`; a trailing slash, a query
/// or a fragment make no difference). Anything else is [`Screen::NotFound`].
pub fn screen(path: &str) -> Screen {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        [] => Screen::Home,
        ["check"] => Screen::Check,
        ["glossary"] => Screen::Glossary,
        ["glossary", slug] => TERMS
            .iter()
            .position(|t| t.slug == *slug)
            .map_or(Screen::NotFound, Screen::Term),
        ["guide"] => Screen::Guide,
        ["guide", slug] => SECTIONS
            .iter()
            .position(|s| s.slug == *slug)
            .map_or(Screen::NotFound, Screen::Section),
        ["call"] => Screen::Call,
        ["missing"] => Screen::Missing,
        ["sources"] => Screen::Sources,
        ["settings"] => Screen::Settings,
        ["card"] => Screen::Card,
        ["share"] => Screen::Share,
        _ => Screen::NotFound,
    }
}

/// The home screen's title: also `index.html`'s, so the static shell has it too.
pub const HOME_TITLE: &str = "Red flags: child sex trafficking signs and who to call";

/// The document title for a screen (WCAG 2.4.2: each page titled by its topic), as tabs, bookmarks and
/// history show it.
pub fn title(screen: Screen) -> String {
    let name = match screen {
        Screen::Home => return HOME_TITLE.to_string(),
        Screen::Check => "Check for red flags",
        Screen::Glossary => "Glossary",
        Screen::Term(_) => screen.term().map_or("Glossary", |t| t.term),
        Screen::Guide => "The guide, in short",
        Screen::Section(_) => screen.section().map_or("Guide", |s| s.title),
        Screen::Call => "Call",
        Screen::Missing => "A child is missing",
        Screen::Sources => "Sources",
        Screen::Settings => "Settings",
        Screen::Card => "Wallet card",
        Screen::Share => "Share this app",
        Screen::NotFound => "Page not found",
    };
    format!("{name} · Red flags")
}

/// Whether a link to `link` marks itself `aria-current="page"` while the app shows `current` (both app
/// paths). Exact links match only their own path; the others also match the paths below them, by whole
/// segments (the Glossary tab is current on `/glossary/grooming`, not on `/glossaryx`).
pub fn is_current(current: &str, link: &str, exact: bool) -> bool {
    let clean = |p: &str| {
        p.split(['?', '#'])
            .next()
            .unwrap_or("")
            .trim_end_matches('/')
            .to_string()
    };
    let (current, link) = (clean(current), clean(link));
    if exact {
        return current == link;
    }
    current == link || link.is_empty() || current.strip_prefix(&link).is_some_and(|rest| rest.starts_with('/'))
}

/// The app path a URL's path opens, if the app handles it: under `base` (no trailing slash; `""` at a
/// domain's root) and not a file (a last segment with a dot, like `exit.html`, goes to the server). A
/// route's own page file (`/check/index.html`, which hosts and the service worker also answer) is the
/// route.
pub fn app_path(pathname: &str, base: &str) -> Option<String> {
    let rest = pathname.strip_prefix(base)?;
    let rest = rest.strip_suffix("/index.html").unwrap_or(rest);
    if !(rest.is_empty() || rest.starts_with('/')) {
        return None;
    }
    let last = rest.rsplit('/').next().unwrap_or("");
    if last.contains('.') {
        return None;
    }
    Some(if rest.is_empty() { "/".into() } else { rest.into() })
}

/// The path the app shows, shared by every view (provided by [`provide`]).
#[derive(Clone, Copy)]
pub struct Location(pub RwSignal<String>);

/// Provides the [`Location`], starting at `path`, and returns it.
pub fn provide(path: &str) -> Location {
    let location = Location(RwSignal::new(path.to_string()));
    provide_context(location);
    location
}

/// A link to an app path (`/check`, `/sources#tvpa`): written under the base, `aria-current="page"`
/// while it is the screen shown. Taps on it are handled by [`listen`].
#[component]
pub fn Link(
    #[prop(into)] to: String,
    #[prop(optional)] exact: bool,
    #[prop(optional)] class: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let location = expect_context::<Location>();
    let href = crate::app::href(&to);
    let current = move || is_current(&location.0.read(), &to, exact).then_some("page");
    match class {
        Some(class) => view! { <a href=href class=class aria-current=current>{children()}</a> }.into_any(),
        None => view! { <a href=href aria-current=current>{children()}</a> }.into_any(),
    }
}

/// In the browser: taps on links to app paths change the screen without a reload (and push a history
/// entry); Back and Forward change it back. Other links (calls, files like `exit.html`, other sites,
/// new tabs, links within the page) are left to the browser.
pub fn listen(location: Location) {
    if cfg!(feature = "ssr") {
        return;
    }
    let base = crate::app::base_path();
    let click_base = base.clone();
    let clicks = window_event_listener(leptos::ev::click, move |e| {
        if e.default_prevented() || e.button() != 0 || e.meta_key() || e.ctrl_key() || e.shift_key() || e.alt_key() {
            return;
        }
        let Some(target) = e
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        else {
            return;
        };
        let Some(a) = target.closest("a[href]").ok().flatten() else {
            return;
        };
        if a.has_attribute("target") || a.has_attribute("download") {
            return;
        }
        let a: web_sys::HtmlAnchorElement = wasm_bindgen::JsCast::unchecked_into(a);
        let here = window().location();
        if a.origin() != here.origin().unwrap_or_default() {
            return;
        }
        let Some(path) = app_path(&a.pathname(), &click_base) else {
            return;
        };
        let hash = a.hash();
        // A link within this page (the skip link, a fragment on the same screen): the browser's own jump.
        if !hash.is_empty() && path == location.0.get_untracked() {
            return;
        }
        e.prevent_default();
        if a.href() == here.href().unwrap_or_default() {
            show("");
            return;
        }
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&a.href()));
        }
        location.0.set(path);
        show(&hash);
    });
    std::mem::forget(clicks);
    let back = window_event_listener(leptos::ev::popstate, move |_| {
        let here = window().location();
        let path = app_path(&here.pathname().unwrap_or_default(), &base).unwrap_or_else(|| "/".into());
        location.0.set(path);
    });
    std::mem::forget(back);
}

/// After moving to a new screen: its top, or the element the fragment names once it is drawn. Focus
/// moves to `<main>` (without scrolling), so a screen reader continues with the new screen rather than
/// staying on the link that was tapped, as after a page load.
fn show(hash: &str) {
    let id = hash.trim_start_matches('#').to_string();
    if id.is_empty() {
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }
    request_animation_frame(move || {
        if !id.is_empty() {
            match document().get_element_by_id(&id) {
                Some(el) => el.scroll_into_view(),
                None => window().scroll_to_with_x_and_y(0.0, 0.0),
            }
        }
        if let Some(main) = document().get_element_by_id("main") {
            let main: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(main);
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = main.focus_with_options(&options);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_and_content_page_has_its_path() {
        assert_eq!(screen("/"), Screen::Home);
        assert_eq!(screen(""), Screen::Home);
        assert_eq!(screen("/check"), Screen::Check);
        assert_eq!(screen("/check/"), Screen::Check);
        assert_eq!(screen("/glossary"), Screen::Glossary);
        assert_eq!(screen("/guide"), Screen::Guide);
        assert_eq!(screen("/call"), Screen::Call);
        assert_eq!(screen("/missing"), Screen::Missing);
        assert_eq!(screen("/sources#tvpa"), Screen::Sources);
        assert_eq!(screen("/settings?x=1"), Screen::Settings);
        assert_eq!(screen("/card"), Screen::Card);
        assert_eq!(screen("/share/"), Screen::Share);
        for (i, t) in TERMS.iter().enumerate() {
            assert_eq!(screen(&format!("/glossary/{}", t.slug)), Screen::Term(i));
            assert_eq!(
                screen(&format!("/glossary/{}", t.slug)).term().map(|t| t.slug),
                Some(t.slug)
            );
        }
        for (i, s) in SECTIONS.iter().enumerate() {
            assert_eq!(screen(&format!("/guide/{}", s.slug)), Screen::Section(i));
            assert_eq!(
                screen(&format!("/guide/{}", s.slug)).section().map(|s| s.slug),
                Some(s.slug)
            );
        }
    }

    #[test]
    fn every_screen_has_its_own_title_and_home_keeps_index_htmls() {
        let index = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).expect("index.html");
        assert!(
            index.contains(&format!("<title>{HOME_TITLE}</title>")),
            "index.html's title differs from nav::HOME_TITLE"
        );
        assert_eq!(title(screen("/")), HOME_TITLE);
        assert_eq!(title(screen("/check")), "Check for red flags · Red flags");
        assert_eq!(title(screen("/glossary/grooming")), "Grooming · Red flags");
        assert_eq!(title(screen("/nowhere")), "Page not found · Red flags");
        let mut all: Vec<String> = crate::prerender::routes().iter().map(|r| title(screen(r))).collect();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), crate::prerender::routes().len(), "two screens share a title");
    }

    #[test]
    fn unknown_paths_are_not_found() {
        for path in [
            "/no-such-page",
            "/glossary/no-such-term",
            "/guide/no-such-section",
            "/check/extra",
            "/glossary/grooming/x",
            "/Check",
        ] {
            assert_eq!(screen(path), Screen::NotFound, "{path}");
        }
        assert_eq!(Screen::NotFound.term(), None);
        assert_eq!(Screen::Check.section(), None);
    }

    #[test]
    fn links_are_current_on_their_path_and_below_by_whole_segments() {
        assert!(is_current("/glossary", "/glossary", false));
        assert!(is_current("/glossary/grooming", "/glossary", false));
        assert!(!is_current("/glossaryx", "/glossary", false));
        assert!(!is_current("/glossary/grooming", "/glossary", true));
        assert!(is_current("/", "/", true));
        assert!(!is_current("/check", "/", true));
        assert!(
            is_current("/check", "/", false),
            "a non-exact link to the root matches every path"
        );
        assert!(
            is_current("/sources", "/sources#tvpa", false),
            "the fragment is not part of the match"
        );
        assert!(is_current("/call/", "/call", true));
    }

    #[test]
    fn only_paths_under_the_base_that_are_not_files_are_app_paths() {
        assert_eq!(app_path("/", "").as_deref(), Some("/"));
        assert_eq!(app_path("/check", "").as_deref(), Some("/check"));
        assert_eq!(app_path("/exit.html", ""), None);
        assert_eq!(app_path("/check/index.html", "").as_deref(), Some("/check"));
        assert_eq!(app_path("/index.html", "").as_deref(), Some("/"));
        assert_eq!(app_path("/red-flags/index.html", "/red-flags").as_deref(), Some("/"));
        assert_eq!(app_path("/icons/icon.svg", ""), None);
        assert_eq!(app_path("/red-flags/", "/red-flags").as_deref(), Some("/"));
        assert_eq!(app_path("/red-flags", "/red-flags").as_deref(), Some("/"));
        assert_eq!(
            app_path("/red-flags/glossary/grooming", "/red-flags").as_deref(),
            Some("/glossary/grooming")
        );
        assert_eq!(
            app_path("/check", "/red-flags"),
            None,
            "outside the base: the browser loads it"
        );
        assert_eq!(app_path("/red-flagsx/check", "/red-flags"), None);
    }
}
