//! Navigation: every route the app has ([`Screen`], each path written once, here), which screen a path
//! shows, the base path the app is served under, links that know when they are current, and in the
//! browser, taps on app links handled without reloading (History API), Back and Forward included.
//!
//! The app has a few fixed screens and two families of content pages, all known at build time, so this
//! is one `match` each way rather than a router library (its measured cost: ARCHITECTURE.md, departures).
//! The pure parts ([`screen`], [`Screen::path`], [`is_current`], [`app_path`]) are tested natively.
//!
//! `Screen::all()` is every route, which prerendering renders; a test round-trips every screen, term and
//! section, another fails on a quoted route anywhere else in `src/`. The base path (`/` or
//! `/red-flags/`) travels in the `Location` context with the path shown: the browser reads it from
//! `<base href>`, prerendering passes the public URL it builds for. On a tap, Back or Forward alike the
//! new screen shows from its top with focus on `<main>` (named by the screen's `h1`), or at the fragment
//! with focus on its target. A control that replaces itself hands focus on with [`focus_when_drawn`],
//! so focus never falls to `<body>`.
//!
//! Languages: every screen has a Spanish route under `/es/`. [`to_lang`] is the one place the
//! prefix is put on or taken off; the language is part of the path, fixed while a page lives, and
//! `ui()` and `content()` give a view its words and content. `Link` keeps the language; the language
//! switch loads the other language's page. The choice is stored in the settings record, and
//! `public/early.js` sends an unprefixed route to its `/es/` twin before the first paint when Spanish
//! is chosen (or, with no choice, is the browser's first language the app has). Statute quotations
//! stay in English (`lang="en"`), with the Spanish `plain` beside them marked as an unofficial
//! translation.

use crate::content::{Lang, Section, Term, Ui, SECTIONS, TERMS};
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
    /// A child is missing: the calls in order, the clock counting up, what to have ready.
    Missing,
    Sources,
    Settings,
    /// The printable wallet card.
    Card,
    /// Share the app (QR code, link) and install it.
    Share,
    NotFound,
}

/// A path no route matches: the page static hosts serve, with status 404, for an unknown URL.
pub const NOT_FOUND_PATH: &str = "/404";

impl Screen {
    /// Every screen with a route: the fixed screens, then each glossary term and each guide section.
    pub fn all() -> Vec<Screen> {
        let mut all = vec![
            Screen::Home,
            Screen::Check,
            Screen::Missing,
            Screen::Glossary,
            Screen::Guide,
            Screen::Call,
            Screen::Sources,
            Screen::Settings,
            Screen::Card,
            Screen::Share,
        ];
        all.extend((0..TERMS.len()).map(Screen::Term));
        all.extend((0..SECTIONS.len()).map(Screen::Section));
        all
    }

    /// The app path of the screen in `lang` (under the base): English at the root, Spanish under
    /// [`ES_PREFIX`] (Home is `/es/`); see [`to_lang`].
    pub fn path(self, lang: Lang) -> String {
        to_lang(&self.route(), lang)
    }

    /// The app path of the screen without a language prefix (under the base): the one place each
    /// route is written.
    fn route(self) -> String {
        let fixed = match self {
            Screen::Home => "/",
            Screen::Check => "/check",
            Screen::Glossary => "/glossary",
            Screen::Guide => "/guide",
            Screen::Call => "/call",
            Screen::Missing => "/missing",
            Screen::Sources => "/sources",
            Screen::Settings => "/settings",
            Screen::Card => "/card",
            Screen::Share => "/share",
            Screen::Term(_) => {
                return self
                    .term()
                    .map_or_else(|| NOT_FOUND_PATH.into(), |t| format!("/glossary/{}", t.slug))
            }
            Screen::Section(_) => {
                return self
                    .section()
                    .map_or_else(|| NOT_FOUND_PATH.into(), |s| format!("/guide/{}", s.slug))
            }
            Screen::NotFound => NOT_FOUND_PATH,
        };
        fixed.into()
    }

    /// The screen of a glossary term ([`Screen::NotFound`] for a term not in [`TERMS`]).
    pub fn of_term(term: &Term) -> Screen {
        TERMS
            .iter()
            .position(|t| t.slug == term.slug)
            .map_or(Screen::NotFound, Screen::Term)
    }

    /// The screen of a guide section ([`Screen::NotFound`] for a section not in [`SECTIONS`]).
    pub fn of_section(section: &Section) -> Screen {
        SECTIONS
            .iter()
            .position(|s| s.slug == section.slug)
            .map_or(Screen::NotFound, Screen::Section)
    }

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

    /// The document title in `lang` (WCAG 2.4.2: each page titled by its topic), as tabs, bookmarks and
    /// history show it. Home's is also `index.html`'s, so the static shell has it too.
    pub fn title(self, lang: Lang) -> String {
        let ui: &Ui = lang.ui();
        let content = lang.content();
        let name = match self {
            Screen::Home => return ui.screens_home_title.to_string(),
            Screen::Check => ui.screens_check,
            Screen::Glossary => ui.screens_glossary,
            Screen::Term(i) => content.terms.get(i).map_or(ui.nav_glossary, |t| t.term),
            Screen::Guide => ui.screens_guide,
            Screen::Section(i) => content.sections.get(i).map_or(ui.nav_guide, |s| s.title),
            Screen::Call => ui.screens_call,
            Screen::Missing => ui.screens_missing,
            Screen::Sources => ui.screens_sources,
            Screen::Settings => ui.screens_settings,
            Screen::Card => ui.screens_card,
            Screen::Share => ui.screens_share,
            Screen::NotFound => ui.screens_not_found,
        };
        ui.screens_title(name)
    }
}

/// Where the Spanish routes live: `/es/`, `/es/check`, `/es/glossary/<term>`, …
pub const ES_PREFIX: &str = "/es";

/// An app path of either language in `lang`, its query and fragment kept: English without
/// [`ES_PREFIX`], Spanish under it (`/check` ⇄ `/es/check`, `/` ⇄ `/es/`). The one place the prefix is
/// put on or taken off.
pub fn to_lang(path: &str, lang: Lang) -> String {
    let english = match path.strip_prefix(ES_PREFIX) {
        Some(rest) if rest.is_empty() || rest.starts_with(['?', '#']) => format!("/{rest}"),
        Some(rest) if rest.starts_with('/') => rest.to_string(),
        _ => path.to_string(),
    };
    match lang {
        Lang::En => english,
        Lang::Es => format!("{ES_PREFIX}{english}"),
    }
}

/// The path without its query and fragment (`/sources?x#tvpa` → `/sources`).
fn without_query(path: &str) -> &str {
    path.split(['?', '#']).next().unwrap_or("")
}

/// The language of an app path: Spanish under [`ES_PREFIX`], English elsewhere.
pub fn lang(path: &str) -> Lang {
    match without_query(path).split('/').find(|s| !s.is_empty()) {
        Some(first) if Some(first) == ES_PREFIX.strip_prefix('/') => Lang::Es,
        _ => Lang::En,
    }
}

/// The screen for an app path in either language (under the base, e.g. `/glossary/grooming` or
/// `/es/glossary/grooming`; a trailing slash, a query or a fragment make no difference). Anything else
/// is [`Screen::NotFound`].
pub fn screen(path: &str) -> Screen {
    let mut segments: Vec<&str> = without_query(path).split('/').filter(|s| !s.is_empty()).collect();
    if lang(path) == Lang::Es {
        segments.remove(0);
    }
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

/// Whether a link to `link` marks itself `aria-current="page"` while the app shows `current` (both app
/// paths). Exact links match only their own path; the others also match the paths below them, by whole
/// segments (the Glossary tab is current on `/glossary/grooming`, not on `/glossaryx`).
pub fn is_current(current: &str, link: &str, exact: bool) -> bool {
    let current = without_query(current).trim_end_matches('/');
    let link = without_query(link).trim_end_matches('/');
    if exact {
        return current == link;
    }
    current == link || link.is_empty() || current.strip_prefix(link).is_some_and(|rest| rest.starts_with('/'))
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

/// The base path from a public URL or a `<base href>` (`/` → `""`, `/red-flags/` → `/red-flags`): what
/// every link is written under.
pub fn base_from(public_url: &str) -> String {
    public_url.trim_end_matches('/').to_string()
}

/// Where the app is: the path it shows and the base it is served under. Shared by every view as context
/// (provided by [`provide`]); prerendering provides the page it renders, the browser its address bar.
#[derive(Clone, Copy)]
pub struct Location {
    path: RwSignal<String>,
    base: StoredValue<String>,
    /// The language of the page, from its path: fixed while the page lives, as moving to the other
    /// language loads that language's page ([`listen`]).
    lang: Lang,
}

impl Location {
    /// The language the app is read in.
    pub fn lang(self) -> Lang {
        self.lang
    }

    /// The same screen in the other language (the language switch's target), under the base. An
    /// address the app does not know keeps its own path, so it is the same address's not-found page.
    pub fn other_lang_href(self) -> String {
        let other = self.lang.other();
        self.path.with(|p| match screen(p) {
            Screen::NotFound => self.href(&to_lang(without_query(p), other)),
            s => self.href(&s.path(other)),
        })
    }

    /// The screen shown now (reactive).
    pub fn screen(self) -> Screen {
        self.path.with(|p| screen(p))
    }

    /// A URL path as a link must write it: under the base (`/check` → `/red-flags/check`).
    pub fn href(self, path: &str) -> String {
        self.base.with_value(|base| format!("{base}{path}"))
    }

    /// The neutral page Quick exit leaves to, on this origin (it works offline and sends nothing); in
    /// Spanish, its Spanish twin (`public/early.js` picks the same).
    pub fn exit_url(self) -> String {
        self.href(&to_lang("/exit.html", self.lang))
    }
}

/// Provides the [`Location`]: the app path `path` under `base` (see [`base_from`]).
pub fn provide(path: &str, base: String) {
    provide_context(Location {
        path: RwSignal::new(path.to_string()),
        base: StoredValue::new(base),
        lang: lang(path),
    });
}

/// The app's [`Location`] (provided before anything renders).
pub fn location() -> Location {
    expect_context::<Location>()
}

/// The interface's words in the language the app is read in.
pub fn ui() -> &'static Ui {
    location().lang.ui()
}

/// The guide's content in the language the app is read in.
pub fn content() -> &'static crate::content::Content {
    location().lang.content()
}

/// A link to a screen in the language shown, at `fragment` if given: written under the base,
/// `aria-current="page"` while it is the screen shown, `"true"` while a screen below it is (the Glossary
/// tab, or the crumb, on a term: the current section, not the current page). Taps on it are handled by
/// [`listen`].
#[component]
pub fn Link(
    to: Screen,
    #[prop(optional)] fragment: Option<&'static str>,
    #[prop(optional)] exact: bool,
    #[prop(optional)] class: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let location = location();
    let path = to.path(location.lang);
    let href = match fragment {
        Some(id) => location.href(&format!("{path}#{id}")),
        None => location.href(&path),
    };
    let current = move || {
        location.path.with(|here| {
            if is_current(here, &path, true) {
                Some("page")
            } else {
                is_current(here, &path, exact).then_some("true")
            }
        })
    };
    match class {
        Some(class) => view! { <a href=href class=class aria-current=current>{children()}</a> }.into_any(),
        None => view! { <a href=href aria-current=current>{children()}</a> }.into_any(),
    }
}

/// In the browser: the location from the address bar and the document's `<base href>`, provided.
pub fn provide_from_browser() {
    let base = base_from(
        &document()
            .query_selector("base")
            .ok()
            .flatten()
            .and_then(|b| b.get_attribute("href"))
            .unwrap_or_else(|| "/".into()),
    );
    let pathname = window().location().pathname().unwrap_or_default();
    // `/` when the page is outside the base, which the host never does.
    let path = app_path(&pathname, &base).unwrap_or_else(|| "/".into());
    provide(&path, base);
}

/// In the browser: taps on links to app paths change the screen without a reload (and push a history
/// entry); Back and Forward change it back. Either way the new screen is shown as after a page load
/// ([`show`]). Other links (calls, files like `exit.html`, other sites, new tabs, links within the page)
/// are left to the browser. The listeners live as long as the page.
pub fn listen() {
    let location = location();
    // Each screen's `<main>` is named by its heading (the tab title is `crate::app`'s).
    Effect::new(move |_| {
        location.screen();
        request_animation_frame(name_main);
    });
    // The app shows each screen itself, from its top or its fragment ([`show`]), on a tap, Back or Forward
    // alike: the browser's own restoring of the old position would land after that, mid-screen.
    if let Ok(history) = window().history() {
        let _ = web_sys::js_sys::Reflect::set(&history, &"scrollRestoration".into(), &"manual".into());
    }
    let base = location.base.get_value();
    let click_base = base.clone();
    window_event_listener(leptos::ev::click, move |e| {
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
        // The other language is another page (its own `<html lang>`, title and texts): the browser loads it.
        if lang(&path) != location.lang {
            return;
        }
        let hash = a.hash();
        // A link within this page (the skip link, a fragment on the same screen): the browser's own jump,
        // and focus follows it to the target (a jump alone leaves focus on the link, or moves only the
        // starting point of the next Tab in some browsers).
        if !hash.is_empty() && path == location.path.get_untracked() {
            let id = hash.trim_start_matches('#').to_string();
            request_animation_frame(move || {
                if let Some(el) = document().get_element_by_id(&id) {
                    focus_target(&el);
                }
            });
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
        location.path.set(path);
        show(&hash);
    });
    window_event_listener(leptos::ev::popstate, move |_| {
        let here = window().location();
        let path = app_path(&here.pathname().unwrap_or_default(), &base).unwrap_or_else(|| "/".into());
        if lang(&path) != location.lang {
            let _ = here.reload();
            return;
        }
        location.path.set(path);
        show(&here.hash().unwrap_or_default());
    });
}

/// After moving to a new screen: its top, or the element the fragment names once it is drawn. Focus
/// moves to `<main>` (without scrolling), so a screen reader continues with the new screen rather than
/// staying on the link that was tapped, as after a page load. The navigation's menu (large text) closes:
/// left open, it would fill the screen as before and the tap would seem to have done nothing.
fn show(hash: &str) {
    close_menus();
    let id = hash.trim_start_matches('#').to_string();
    if id.is_empty() {
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }
    // Again once the new screen is drawn: after Back or Forward the browser may have restored the old
    // scroll position meanwhile.
    request_animation_frame(move || {
        match (!id.is_empty()).then(|| document().get_element_by_id(&id)).flatten() {
            // Focus goes where the link pointed (WCAG 2.4.3), not to the top of the screen.
            Some(el) => {
                el.scroll_into_view();
                focus_target(&el);
            }
            None => {
                window().scroll_to_with_x_and_y(0.0, 0.0);
                if let Some(main) = document().get_element_by_id("main") {
                    focus_in_place(&wasm_bindgen::JsCast::unchecked_into(main));
                }
            }
        }
        name_main();
    });
}

/// Names `<main>` by the screen's heading (`aria-labelledby`), so a screen change is announced by name
/// even in the discreet look, where every tab title is the same neutral one.
fn name_main() {
    let Some(main) = document().get_element_by_id("main") else {
        return;
    };
    if let Some(h1) = main.query_selector("h1").ok().flatten() {
        if h1.id().is_empty() {
            h1.set_id("page-h");
        }
        let _ = main.set_attribute("aria-labelledby", &h1.id());
    }
}

/// Scrolls `el` into view only as far as needed (`scrollIntoView({block: "nearest"})`), which keeps to
/// the page's scroll-padding: clear of the sticky header and the fixed call bar.
pub fn scroll_nearest(el: &web_sys::Element) {
    use web_sys::js_sys::{Function, Object, Reflect};
    let options = Object::new();
    let _ = Reflect::set(&options, &"block".into(), &"nearest".into());
    if let Ok(f) = Reflect::get(el, &"scrollIntoView".into()) {
        let _ = wasm_bindgen::JsCast::unchecked_into::<Function>(f).call1(el, &options);
    }
}

/// Focuses the first element `css` matches once the screen is redrawn: the control that took the place
/// of the one tapped (a confirmation, or the button it came from), so focus never falls to `<body>`.
pub fn focus_when_drawn(css: String) {
    request_animation_frame(move || {
        if let Some(el) = document().query_selector(&css).ok().flatten() {
            let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(el).focus();
        }
    });
}

/// Focuses `el`, the target of a link to a fragment, without scrolling (the jump has scrolled): a
/// heading or other element that takes no focus of its own is given `tabindex="-1"` first. The next Tab
/// then goes on from there, not from the top of the screen.
fn focus_target(el: &web_sys::Element) {
    let el: &web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_ref(el);
    if el.tab_index() < 0 && !el.has_attribute("tabindex") {
        let _ = el.set_attribute("tabindex", "-1");
    }
    focus_in_place(el);
}

/// Closes every open `<details class="menu">` (the navigation's menu at large text sizes).
fn close_menus() {
    let Ok(open) = document().query_selector_all("details.menu[open]") else {
        return;
    };
    for i in 0..open.length() {
        if let Some(el) = open
            .item(i)
            .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
        {
            let _ = el.remove_attribute("open");
        }
    }
}

/// Moves focus to `el` without scrolling to it: where the page stands is decided by whoever moved focus.
pub fn focus_in_place(el: &web_sys::HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = el.focus_with_options(&options);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_term_and_section_round_trips_through_its_path() {
        let all = Screen::all();
        assert_eq!(all.len(), 10 + TERMS.len() + SECTIONS.len());
        for s in &all {
            assert_ne!(*s, Screen::NotFound);
            for l in Lang::ALL {
                let path = s.path(l);
                assert_eq!(screen(&path), *s, "{s:?} → {path}");
                assert_eq!(lang(&path), l, "{s:?} → {path}");
            }
        }
        for (i, t) in TERMS.iter().enumerate() {
            assert!(all.contains(&Screen::Term(i)), "term {} has no screen", t.slug);
            assert_eq!(Screen::of_term(t), Screen::Term(i));
        }
        for (i, s) in SECTIONS.iter().enumerate() {
            assert!(all.contains(&Screen::Section(i)), "section {} has no screen", s.slug);
            assert_eq!(Screen::of_section(s), Screen::Section(i));
        }
        let mut paths: Vec<String> = Lang::ALL
            .into_iter()
            .flat_map(|l| all.iter().map(move |s| s.path(l)))
            .collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), 2 * all.len(), "two screens share a path");
        assert_eq!(screen(&Screen::NotFound.path(Lang::En)), Screen::NotFound);
        assert_eq!(screen(&Screen::NotFound.path(Lang::Es)), Screen::NotFound);
        assert_eq!(lang(&Screen::NotFound.path(Lang::Es)), Lang::Es);
        assert_eq!(Screen::Term(TERMS.len()).path(Lang::En), NOT_FOUND_PATH);
    }

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
        assert_eq!(screen("/es"), Screen::Home);
        assert_eq!(screen("/es/"), Screen::Home);
        assert_eq!(screen("/es/check/"), Screen::Check);
        assert_eq!(lang("/es"), Lang::Es);
        assert_eq!(lang("/es/glossary/grooming#x"), Lang::Es);
        assert_eq!(lang("/check"), Lang::En);
        assert_eq!(lang("/esx/check"), Lang::En);
        assert_eq!(Screen::Home.path(Lang::Es), "/es/");
        assert_eq!(Screen::Check.path(Lang::Es), "/es/check");
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
        let home = crate::content::UI.screens_home_title;
        assert!(
            index.contains(&format!("<title>{home}</title>")),
            "index.html's title differs from ui.toml's screens.home_title"
        );
        assert_eq!(Screen::Home.title(Lang::En), home);
        assert_eq!(Screen::Check.title(Lang::En), "Check for red flags · Red flags");
        assert_eq!(screen("/glossary/grooming").title(Lang::En), "Grooming · Red flags");
        assert_eq!(screen("/nowhere").title(Lang::En), "Page not found · Red flags");
        assert_eq!(Screen::Home.title(Lang::Es), crate::content::es::UI.screens_home_title);
        for l in Lang::ALL {
            let mut all: Vec<String> = Screen::all().iter().map(|s| s.title(l)).collect();
            all.sort();
            all.dedup();
            assert_eq!(all.len(), Screen::all().len(), "two screens share a title in {l:?}");
        }
        // A term may be a proper name in both languages (CyberTipline).
        for s in Screen::all().into_iter().filter(|s| s.term().is_none()) {
            assert_ne!(s.title(Lang::En), s.title(Lang::Es), "{s:?}'s title is not translated");
        }
    }

    #[test]
    fn a_raw_path_moves_between_languages_by_the_prefix_alone() {
        for (english, spanish) in [
            ("/", "/es/"),
            ("/check", "/es/check"),
            ("/no-such-page", "/es/no-such-page"),
            ("/exit.html", "/es/exit.html"),
            ("/sources#tvpa", "/es/sources#tvpa"),
            ("/settings?x=1", "/es/settings?x=1"),
            ("/escape", "/es/escape"),
        ] {
            for from in [english, spanish] {
                assert_eq!(to_lang(from, Lang::En), english, "{from} in English");
                assert_eq!(to_lang(from, Lang::Es), spanish, "{from} in Spanish");
            }
        }
        assert_eq!(to_lang("/es", Lang::En), "/");
        assert_eq!(to_lang("/es", Lang::Es), "/es/");
        assert_eq!(to_lang("/es#x", Lang::En), "/#x");
        assert_eq!(to_lang("/esx/check", Lang::En), "/esx/check");
        assert_eq!(to_lang("/esx/check", Lang::Es), "/es/esx/check");
    }

    #[test]
    fn the_language_switch_keeps_the_screen_or_the_unknown_address() {
        let other = |path: &str| {
            Owner::new().with(|| {
                provide(path, base_from("/red-flags/"));
                (location().other_lang_href(), location().exit_url())
            })
        };
        let term = TERMS[0].slug;
        for (from, to, exit) in [
            ("/", "/red-flags/es/", "/red-flags/exit.html"),
            ("/es", "/red-flags/", "/red-flags/es/exit.html"),
            ("/es/check?x=1#y", "/red-flags/check", "/red-flags/es/exit.html"),
            (
                &format!("/glossary/{term}"),
                &format!("/red-flags/es/glossary/{term}"),
                "/red-flags/exit.html",
            ),
            ("/no-such-page#x", "/red-flags/es/no-such-page", "/red-flags/exit.html"),
            (
                "/es/no-such-page?x=1",
                "/red-flags/no-such-page",
                "/red-flags/es/exit.html",
            ),
            ("/es/es/check", "/red-flags/es/check", "/red-flags/es/exit.html"),
        ] {
            assert_eq!(other(from), (to.to_string(), exit.to_string()), "from {from}");
        }
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
            "/es/no-such-page",
            "/es/glossary/no-such-term",
            "/es/es",
            "/es/es/check",
            NOT_FOUND_PATH,
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
        assert_eq!(base_from("/"), "");
        assert_eq!(base_from("/red-flags/"), "/red-flags");
    }

    /// The checker's steps that open a screen (`page` in checker.toml) name one.
    #[test]
    fn every_step_page_is_a_screen() {
        for a in crate::content::ACTIONS {
            if let Some(page) = a.page {
                assert_ne!(screen(page), Screen::NotFound, "{}: {page}", a.id);
            }
        }
        let missing = crate::content::ACTIONS.iter().find(|a| a.id == "missing-screen");
        assert_eq!(missing.and_then(|a| a.page).map(screen), Some(Screen::Missing));
    }

    /// Each route is written once, in this file: no other source file quotes an app path.
    #[test]
    fn no_route_is_written_outside_the_router() {
        let mut routes: Vec<String> = Screen::all()
            .iter()
            .map(|s| s.path(Lang::En))
            .filter(|p| p != "/")
            .collect();
        routes.extend(["/glossary/".to_string(), "/guide/".to_string(), format!("{ES_PREFIX}/")]);
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = Vec::new();
        let mut dirs = vec![src];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("src is readable").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") || path.ends_with("router.rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("readable");
                for (n, line) in text.lines().enumerate() {
                    let code = line.split("//").next().unwrap_or("");
                    for route in &routes {
                        if ["\"", "'"].iter().any(|q| code.contains(&format!("{q}{route}"))) {
                            found.push(format!("{}:{}: {route}", path.display(), n + 1));
                        }
                    }
                }
            }
        }
        assert!(
            found.is_empty(),
            "route literals outside src/router.rs:\n{}",
            found.join("\n")
        );
    }
}
