//! The app's frame: routes (declared once, here), the layout every screen shares, and mounting.

use crate::content;
use crate::core::checker::Answers;
use crate::pages::*;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

/// The checker's answers, shared so they survive moving between screens.
#[derive(Clone, Copy)]
pub struct CheckState(pub RwSignal<Answers>);

/// The path the app is served under, from the `<base href>` Trunk writes (`/` at a domain's root,
/// `/red-flags/` under a sub-path). Returned without the trailing slash, as the router wants it.
pub fn base_path() -> String {
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
    static BASE: String = base_path();
}

/// An app path as a link must write it: under the base the app is served at (`/check` →
/// `/red-flags/check`). The router matches paths without the base, but it leaves a click on a link
/// outside the base to the browser, which would then load a page the host does not have.
pub fn href(path: &str) -> String {
    BASE.with(|base| format!("{base}{path}"))
}

#[component]
pub fn App() -> impl IntoView {
    // A check saved on this device (after a call, a reload, the OS closing the tab) comes back here.
    let answers = RwSignal::new(crate::device::provide());
    provide_context(CheckState(answers));
    crate::device::persist(answers);
    crate::quick_exit::install_escape_shortcut();
    view! {
        <Router base=base_path()>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/check") view=CheckPage/>
                    <Route path=path!("/glossary") view=GlossaryPage/>
                    <Route path=path!("/glossary/:term") view=TermPage/>
                    <Route path=path!("/guide") view=GuidePage/>
                    <Route path=path!("/guide/:section") view=SectionPage/>
                    <Route path=path!("/call") view=CallPage/>
                    <Route path=path!("/sources") view=SourcesPage/>
                    <Route path=path!("/settings") view=SettingsPage/>
                </Routes>
            </main>
            <footer class="foot">
                <A href=href("/settings")>"Settings"</A>
            </footer>
            <crate::pwa::UpdatePrompt/>
            <CallBar/>
        </Router>
    }
}

#[component]
fn Header() -> impl IntoView {
    view! {
        <header class="top">
            <div class="brand-row">
                <A href=href("/") exact=true attr:class="brand">"Red flags"</A>
                <crate::quick_exit::QuickExit/>
            </div>
            <nav aria-label="Main">
                <ul class="nav">
                    <li><A href=href("/check")>"Check"</A></li>
                    <li><A href=href("/guide")>"Guide"</A></li>
                    <li><A href=href("/glossary")>"Glossary"</A></li>
                    <li><A href=href("/call")>"Call"</A></li>
                    <li><A href=href("/sources")>"Sources"</A></li>
                </ul>
            </nav>
        </header>
    }
}

/// The call bar on every screen: NCMEC first, within thumb reach; 911 and the other lines one tap away.
#[component]
pub fn CallBar() -> impl IntoView {
    let ncmec = content::ncmec();
    view! {
        <aside class="call-bar" aria-label="Call for help">
            <a class="call-main" href=ncmec.tel() aria-label="Call 1-800-THE-LOST, NCMEC, 1-800-843-5678">
                "Call 1-800-THE-LOST"
            </a>
            <A href=href("/call") attr:class="call-more">"911 & other lines"</A>
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
            "Source: " <A href=href(&format!("/sources#{id}"))>{label}</A>
        </p>
    }
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
            <span class="call-link-number">{contact.shown_as}</span>
        </a>
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
    leptos::mount::mount_to(root, App).forget();
    // The shell stays until the app has rendered, so the call link never disappears.
    if let Some(shell) = document().get_element_by_id("shell") {
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
