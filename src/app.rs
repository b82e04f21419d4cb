//! The app's frame: routes (declared once, here), the layout every screen shares, and mounting.

use crate::content;
use crate::core::checker::Answers;
use crate::nav::{Link, Location, Screen};
use crate::pages::*;
use leptos::prelude::*;

/// The checker's answers, shared so they survive moving between screens.
#[derive(Clone, Copy)]
pub struct CheckState(pub RwSignal<Answers>);

/// The path the app is served under, from the `<base href>` Trunk writes (`/` at a domain's root,
/// `/red-flags/` under a sub-path), without the trailing slash. Read from the document once.
pub fn base_path() -> String {
    BASE.with(String::clone)
}

fn read_base_path() -> String {
    // Prerendering at build time: the public URL the pages are built for.
    if cfg!(feature = "ssr") {
        return crate::prerender::base();
    }
    let href = document()
        .query_selector("base")
        .ok()
        .flatten()
        .and_then(|b| b.get_attribute("href"))
        .unwrap_or_else(|| "/".into());
    href.trim_end_matches('/').to_string()
}

thread_local! {
    static BASE: String = read_base_path();
}

/// An app path as a link must write it: under the base the app is served at (`/check` →
/// `/red-flags/check`).
pub fn href(path: &str) -> String {
    BASE.with(|base| format!("{base}{path}"))
}

#[component]
pub fn App() -> impl IntoView {
    // A check saved on this device (after a call, a reload, the OS closing the tab) comes back here.
    let answers = RwSignal::new(crate::device::provide());
    provide_context(CheckState(answers));
    crate::install::provide();
    crate::device::persist(answers);
    // Prerendering provides the location of the page it renders; in the browser it is the address bar's.
    let location = use_context::<Location>().unwrap_or_else(|| crate::nav::provide(&browser_path()));
    crate::nav::listen(location);
    let screen = Memo::new(move |_| crate::nav::screen(&location.0.read()));
    // Each screen's own title (prerendered pages carry it in their HTML already).
    Effect::new(move |_| document().set_title(&crate::nav::title(screen.get())));
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <Header/>
        <main id="main" tabindex="-1">{move || screen_view(screen.get())}</main>
        <footer class="foot">
            <Link to="/settings">"Settings"</Link>
        </footer>
        <crate::pwa::UpdatePrompt/>
        <CallBar/>
    }
}

/// The app path in the address bar (`/` when the page is outside the base, which the host never does).
fn browser_path() -> String {
    let pathname = window().location().pathname().unwrap_or_default();
    crate::nav::app_path(&pathname, &base_path()).unwrap_or_else(|| "/".into())
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
        Screen::Term(_) => screen
            .term()
            .map_or_else(not_found, |term| view! { <TermPage term/> }.into_any()),
        Screen::Section(_) => screen
            .section()
            .map_or_else(not_found, |section| view! { <SectionPage section/> }.into_any()),
        Screen::NotFound => not_found(),
    }
}

#[component]
fn Header() -> impl IntoView {
    view! {
        <header class="top">
            <div class="brand-row">
                <Link to="/" exact=true class="brand">"Red flags"</Link>
                <crate::quick_exit::QuickExit/>
            </div>
            <nav aria-label="Main">
                <ul class="nav">
                    <li><Link to="/check">"Check"</Link></li>
                    <li><Link to="/guide">"Guide"</Link></li>
                    <li><Link to="/glossary">"Glossary"</Link></li>
                    <li><Link to="/call">"Call"</Link></li>
                    <li><Link to="/sources">"Sources"</Link></li>
                </ul>
            </nav>
        </header>
    }
}

/// The call bar on every screen, within thumb reach: NCMEC, the most prominent, and 911, each one tap.
/// The static pages (`index.html`'s shell, `public/sw.js`'s last-resort page) carry the same two links.
#[component]
pub fn CallBar() -> impl IntoView {
    let ncmec = content::ncmec();
    view! {
        <aside class="call-bar" aria-label="Call for help">
            <a class="call-main" href=ncmec.tel() aria-label="Call NCMEC, 1-800-THE-LOST">
                <span>"Call NCMEC " <span class="nowrap">"1-800-THE-LOST"</span></span>
            </a>
            <a class="call-911" href="tel:911" aria-label="Call 911 emergency">"911"</a>
        </aside>
    }
}

/// "Source: NCMEC guide", linking to the source on the Sources screen.
#[component]
pub fn SourceNote(id: &'static str) -> impl IntoView {
    let source = content::source(id);
    let label = source.map(|s| s.short).unwrap_or(id);
    view! {
        <p class="source-note">
            "Source: " <Link to=format!("/sources#{id}")>{label}</Link>
        </p>
    }
}

/// Running text whose phone numbers never break across lines.
#[component]
pub fn NumberSafe(text: &'static str) -> impl IntoView {
    crate::core::text::number_runs(text)
        .into_iter()
        .map(|(piece, number)| {
            if number {
                view! { <span class="nowrap">{piece}</span> }.into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
}

/// A large `tel:` link for one contact, labelled for screen readers with name and number.
#[component]
pub fn CallLink(contact: &'static content::Contact) -> impl IntoView {
    let label = format!("Call {}, {}", contact.name, contact.shown_as);
    view! {
        <a class="call-link" href=contact.tel() aria-label=label>
            // The space keeps name and number two words for assistive tech, matching the aria-label
            // (WCAG 2.5.3 Label in Name: the visible text must be part of the accessible name).
            <span class="call-link-name">"Call " {contact.name}</span>" "
            <span class="call-link-number"><NumberSafe text=contact.shown_as/></span>
        </a>
    }
}

/// A large `tel:` link for one of the user's own numbers, labelled like [`CallLink`].
#[component]
pub fn MyNumberLink(number: crate::core::phone::MyNumber) -> impl IntoView {
    let aria = format!("Call {}, {}", number.label, number.shown_as());
    view! {
        <a class="call-link" href=number.tel() aria-label=aria>
            // The space keeps name and number apart in the accessible name (Label in Name).
            <span class="call-link-name">"Call " {number.label.clone()}</span>" "
            <span class="call-link-number">{number.shown_as()}</span>
        </a>
    }
}

/// A copy button for case-note text: on the clipboard, or where the Clipboard API is missing or refuses,
/// in a read-only box (`text_id`), selected and ready to copy by hand. `text` is built at the tap.
#[component]
pub fn CopyText(
    button_id: &'static str,
    button: &'static str,
    hint: &'static str,
    copied_note: &'static str,
    failed_note: &'static str,
    text_id: &'static str,
    rows: &'static str,
    text: impl Fn() -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    let fallback = RwSignal::new(None::<String>);
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    let show_fallback = move |text: String| {
        fallback.set(Some(text));
        request_animation_frame(move || {
            if let Some(t) = textarea.get_untracked() {
                let _ = t.focus();
                t.select();
            }
        });
    };
    let copy = move |_| {
        copied.set(false);
        fallback.set(None);
        let text = text();
        let navigator = window().navigator();
        // `navigator.clipboard` is undefined outside secure contexts and in some browsers: calling it then
        // would throw through the WebAssembly, so look before calling.
        let has_clipboard = web_sys::js_sys::Reflect::get(&navigator, &"clipboard".into())
            .map(|c| !c.is_undefined() && !c.is_null())
            .unwrap_or(false);
        if !has_clipboard {
            show_fallback(text);
            return;
        }
        let promise = navigator.clipboard().write_text(&text);
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => copied.set(true),
                Err(_) => show_fallback(text),
            }
        });
    };
    view! {
        <button type="button" class="button" id=button_id on:click=copy>{button}</button>
        <p class="hint">{hint}</p>
        <p class="copy-status" role="status" aria-live="polite">{move || copied.get().then_some(copied_note)}</p>
        {move || fallback.get().map(|text| view! {
            <label for=text_id class="summary-label">{failed_note}</label>
            <textarea id=text_id class="summary-text" readonly rows=rows node_ref=textarea prop:value=text></textarea>
        })}
    }
}

/// Mounts the app over the static shell in `index.html`.
pub fn mount() {
    // First, so a panic anywhere below shows the call links rather than a blank page.
    crate::pwa::install_panic_hook();
    let Some(root) = document().get_element_by_id("app") else {
        return;
    };
    let root: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(root);
    leptos::mount::mount_to(root.clone(), App).forget();
    // The static page stays until the app has rendered, so the call link never disappears; what was
    // done on it meanwhile (a tick, an answer, a search) carries over first.
    if let Some(shell) = document().get_element_by_id("shell") {
        crate::takeover::carry_over(&shell, &root);
        shell.remove();
    }
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("data-app", "ready");
    }
    // When the app became interactive, on the page's clock (read by `cargo xtask bench`).
    if let Some(perf) = window().performance() {
        let _ = perf.mark("app-ready");
    }
    // Offline support and updates; after mounting so the first render never waits for it.
    crate::pwa::register();
}
