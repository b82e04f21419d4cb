//! The app's frame: the view each screen shows, the layout every screen shares (header, navigation, call
//! bar), and mounting in the browser, where the browser-only wiring happens (prerendering never mounts),
//! the tab title among it: the screen's, or in the discreet look its neutral name.
//!
//! Mounting is split into tasks so each is as short as it can be at 4× slower CPU: `public/early.js`
//! starts the downloads once the first paint is presented (and links the manifest and icon then);
//! instantiating the WASM; rendering the frame into `#app`, hidden, beside the static page; then the
//! screen (`ScreenGate`: about half of a first render is V8 compiling each WASM function on its first
//! call, and two tasks split that); swapping it in (`takeover` replays what was done meanwhile, then
//! the static page goes, in one task, so nothing moves); registering the service worker.

use crate::core::settings::Look;
use crate::pages::*;
use crate::router::{self, Link, Screen};
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let location = router::location();
    let ui = router::ui();
    let screen = Memo::new(move |_| location.screen());
    // Mounting in the browser renders the frame first and the screen in a task of its own (`render`).
    let gate = use_context::<ScreenGate>();
    crate::install::provide();
    view! {
        <a class="skip-link" href="#main">{ui.app_skip_link}</a>
        <Header/>
        <main id="main" tabindex="-1">
            {move || gate.is_none_or(|g| g.0.get()).then(|| screen_view(screen.get()))}
        </main>
        <footer class="foot">
            <Link to=Screen::Settings>{ui.screens_settings}</Link>
            <Link to=Screen::Sources>{ui.screens_sources}</Link>
        </footer>
        <crate::pwa::UpdatePrompt/>
        <crate::components::CallBar/>
    }
}

fn not_found() -> AnyView {
    view! { <NotFound/> }.into_any()
}

/// The routes: each screen's view.
fn screen_view(screen: Screen) -> AnyView {
    match screen {
        Screen::Home => view! { <HomePage/> }.into_any(),
        Screen::Check => view! { <CheckPage/> }.into_any(),
        Screen::Glossary => view! { <GlossaryPage/> }.into_any(),
        Screen::Guide => view! { <GuidePage/> }.into_any(),
        Screen::Call => view! { <CallPage/> }.into_any(),
        Screen::Missing => view! { <MissingPage/> }.into_any(),
        Screen::Sources => view! { <SourcesPage/> }.into_any(),
        Screen::Settings => view! { <SettingsPage/> }.into_any(),
        Screen::Card => view! { <CardPage/> }.into_any(),
        Screen::Share => view! { <SharePage/> }.into_any(),
        // In the language read: the same index is the same item in each language's content.
        Screen::Term(i) => router::content()
            .terms
            .get(i)
            .map_or_else(not_found, |term| view! { <TermPage term/> }.into_any()),
        Screen::Section(i) => router::content()
            .sections
            .get(i)
            .map_or_else(not_found, |section| view! { <SectionPage section/> }.into_any()),
        Screen::NotFound => not_found(),
    }
}

/// The header is a band of its own, sticky at the top: the name, Settings and Share, the other language and
/// "Exit this page", so Exit is one tap away anywhere on a screen and never covers anything. The band is
/// one row at the default text size in either language (a long exit label wraps inside its button), so it
/// and the navigation below it take less than a sixth of a small phone. At the default text size on a
/// phone the navigation stays under the band too ("A child is missing" one tap away anywhere); at large
/// text sizes it folds into the band's ☰ menu (style/main.css shows one), which so stays on screen as the
/// band does and works without scripts. The offline shell (`prerender::render_shell`) is this frame too.
#[component]
fn Header() -> impl IntoView {
    let ui = router::ui();
    view! {
        <header class="top">
            <div class="brand-row">
                <Link to=Screen::Home exact=true class="brand">
                    <crate::components::LookNames name=ui.app_name/>
                </Link>
                <IconLink to=Screen::Share icon=SHARE name=ui.screens_share/>
                <IconLink to=Screen::Settings icon=GEAR name=ui.screens_settings/>
                <LanguageSwitch/>
                // The links a second time, in a menu shown at large sizes in place of the row below (a
                // closed <details> cannot show its links in a row everywhere: `::details-content` is new).
                <details class="menu">
                    <summary><span class="menu-name">{ui.app_menu}</span></summary>
                    <nav aria-label=ui.app_nav_label>
                        <NavLinks class="nav" more=true/>
                    </nav>
                </details>
                <crate::quick_exit::QuickExit/>
            </div>
        </header>
        <nav aria-label=ui.app_nav_label class="main-nav">
            <NavLinks class="nav nav-row"/>
        </nav>
    }
}

/// A gear (Settings), drawn in the text's colour: 24 × 24, with a round hole.
const GEAR: &str = "M19.4 13a7.6 7.6 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.4 7.4 0 0 0-1.7-1L15 3.3h-4l-.4 2.6a7.4 7.4 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.6 7.6 0 0 0 0 2l-2.2 1.6 2 3.5 2.5-1a7.4 7.4 0 0 0 1.7 1l.4 2.6h4l.4-2.6a7.4 7.4 0 0 0 1.7-1l2.5 1 2-3.5zM12 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z";

/// Share (three joined dots), drawn in the text's colour: 24 × 24.
const SHARE: &str = "M18 16.1c-.8 0-1.5.3-2 .8l-7.1-4.2a3 3 0 0 0 0-1.4L16 7.2a3 3 0 1 0-1-2.2c0 .2 0 .5.1.7L8 9.8a3 3 0 1 0 0 4.4l7.1 4.2a2.9 2.9 0 1 0 2.9-2.3z";

/// Settings (the text size, the discreet look, the language) and Share (the QR code to leave behind): an
/// icon in the band where the navigation is a row (the row has no room for a sixth word on a 360 px phone
/// in Spanish), its name read but not shown; the icon and its name in the menu where the navigation folds
/// (style/main.css shows one), so each is one tap from the top of every screen.
#[component]
fn IconLink(to: Screen, icon: &'static str, name: &'static str) -> impl IntoView {
    view! {
        <Link to class="icon-link">
            <svg class="nav-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d=icon/>
            </svg>
            <span class="icon-link-name">{name}</span>
        </Link>
    }
}

/// The navigation's links; the menu's end with Share and Settings (the row's are the band's icons).
#[component]
fn NavLinks(class: &'static str, #[prop(optional)] more: bool) -> impl IntoView {
    let ui = router::ui();
    view! {
        <ul class=class>
            <li><Link to=Screen::Check>{ui.nav_check}</Link></li>
            <li><Link to=Screen::Missing>{ui.nav_missing}</Link></li>
            <li><Link to=Screen::Guide>{ui.nav_guide}</Link></li>
            <li><Link to=Screen::Glossary>{ui.nav_glossary}</Link></li>
            <li><Link to=Screen::Call>{ui.nav_call}</Link></li>
            {more.then(|| view! {
                <li><IconLink to=Screen::Share icon=SHARE name=ui.screens_share/></li>
                <li><IconLink to=Screen::Settings icon=GEAR name=ui.screens_settings/></li>
            })}
        </ul>
    }
}

/// The same screen in the other language, labelled in that language ("Español" / "English"), in the
/// header's band between the name and Exit. The
/// other language is another page, which the browser loads (`router::listen` leaves the tap to it);
/// the choice is remembered first, so links without a language open in it too (`public/early.js`).
#[component]
fn LanguageSwitch() -> impl IntoView {
    let location = router::location();
    let other = location.lang().other();
    let href = move || location.other_lang_href();
    let remember = move |ev: web_sys::MouseEvent| {
        // The place on the screen goes along (`#tvpa` on Sources): the fragment changes with no change of
        // route, so it is added at the tap rather than kept in the link.
        let hash = window().location().hash().unwrap_or_default();
        let link = ev
            .current_target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlAnchorElement>(t).ok());
        if let (Some(a), false) = (link, hash.is_empty()) {
            a.set_hash(&hash);
        }
        if let Some(state) = use_context::<crate::state::AppState>().filter(|s| s.on_device) {
            // Not saved (storage blocked or full): the link still opens the other language.
            let _ = state.change_settings(|s| s.lang = Some(other));
        }
    };
    view! {
        <a class="lang-switch" href=href lang=other.code() hreflang=other.code() on:click=remember>
            {router::ui().app_language_switch}
        </a>
    }
}

/// The tab title: the screen's own, or in the discreet look its neutral name only.
fn page_title(screen: Screen, look: Look) -> String {
    look.name(router::ui())
        .map_or_else(|| screen.title(router::location().lang()), str::to_string)
}

/// Whether the screen itself may render yet. The first render of the app is its longest task: each
/// function of the WASM is compiled the first time it runs, on the page's thread (V8 compiles WebAssembly
/// lazily), which is about half of that task. Rendering the frame (header, navigation, call bar) and the
/// screen in two tasks splits that work, so the page answers a tap in between.
#[derive(Clone, Copy)]
struct ScreenGate(RwSignal<bool>);

/// Mounts the app over the prerendered page (or the offline shell) in `#shell`.
pub fn mount() {
    // First, so a panic anywhere below shows the call links rather than a blank page.
    crate::pwa::install_panic_hook();
    next_task(render);
}

/// Renders the app into `#app`, hidden (so nothing is laid out or drawn twice), beside the static page.
fn render() {
    let Some(root) = document().get_element_by_id("app") else {
        return;
    };
    let root: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(root);
    let static_page = document().get_element_by_id("shell");
    root.set_hidden(static_page.is_some());
    let gate = ScreenGate(RwSignal::new(false));
    leptos::mount::mount_to(root.clone(), move || {
        provide_context(gate);
        router::provide_from_browser();
        // The shell (offline, before a Spanish shell is kept) says English; the route says which.
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", router::location().lang().code());
        }
        crate::state::provide_from_device();
        // The page's listeners: taps on links, Back and Forward, other tabs, the phone showing the app again.
        router::listen();
        crate::state::listen();
        // The tab title, as the screen or the discreet look changes (prerendered pages carry it already).
        let (location, settings) = (router::location(), crate::state::app_state().settings);
        Effect::new(move |_| document().set_title(&page_title(location.screen(), settings.get().look)));
        view! { <App/> }
    })
    .forget();
    next_task(move || {
        gate.0.set(true);
        next_task(move || take_over(root, static_page));
    });
}

/// Shows the app in place of the static page in one go, so nothing moves or flickers. What was done on
/// the static page meanwhile (a tick, an answer, a search) carries over first.
fn take_over(root: web_sys::HtmlElement, static_page: Option<web_sys::Element>) {
    root.set_hidden(false);
    if let Some(page) = static_page {
        crate::takeover::swap(&page, &root);
    }
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("data-app", "ready");
    }
    // When the app became interactive, on the page's clock (read by `cargo xtask bench`).
    if let Some(perf) = window().performance() {
        let _ = perf.mark("app-ready");
    }
    // Offline support and updates, in a task of its own: the first render never waits for it.
    next_task(crate::pwa::register);
}

/// Runs `f` in a new task (`setTimeout(f, 0)`), after the browser has had the chance to handle input and
/// draw. If the timer cannot be set, `f` runs now: slower to respond, never lost.
fn next_task(f: impl FnOnce() + 'static) {
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    if window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(wasm_bindgen::JsCast::unchecked_ref(&callback), 0)
        .is_err()
    {
        if let Ok(f) = wasm_bindgen::JsCast::dyn_into::<web_sys::js_sys::Function>(callback) {
            let _ = f.call0(&wasm_bindgen::JsValue::NULL);
        }
    }
}

/// The offline shell is the frame with the screen's gate closed (`prerender::render_shell`). Build-time
/// only: the browser's build is as if this did not exist.
#[cfg(any(feature = "ssr", test))]
pub(crate) fn close_screen_gate() {
    provide_context(ScreenGate(RwSignal::new(false)));
}
