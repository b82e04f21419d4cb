//! Offline and updates, the page's side: registers the service worker (`public/sw.js`, release builds
//! only), shows "Update available — Reload" when a new version is waiting, and, if the app panics,
//! shows a short message with the call links instead of a broken or blank page.
//!
//! Update rule (Workbox's model): a new version installs and waits. It takes over only when the person
//! chooses Reload: the page then posts `{type: 'SKIP_WAITING'}` to the waiting worker and reloads once
//! when the new worker takes control. Without consent the old worker keeps serving its own files.

use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::js_sys::{self, Reflect};

/// The worker's URL, relative to the document's `<base href>`, so a sub-path deploy registers
/// `/red-flags/sw.js` with the default scope `/red-flags/`.
pub const WORKER_URL: &str = "sw.js";

thread_local! {
    /// True once a new version has installed and is waiting for consent.
    static UPDATE_READY: ArcRwSignal<bool> = ArcRwSignal::new(false);
    static REGISTRATION: RefCell<Option<web_sys::ServiceWorkerRegistration>> = const { RefCell::new(None) };
    /// The person chose Reload: only then may a change of controller reload the page.
    static CONSENTED: Cell<bool> = const { Cell::new(false) };
    /// A reload is under way: `controllerchange` can fire more than once; reload exactly once.
    static RELOADING: Cell<bool> = const { Cell::new(false) };
    static PANIC_SHOWN: Cell<bool> = const { Cell::new(false) };
}

fn log(msg: &str) {
    leptos::logging::log!("{msg}");
}

/// Registers the service worker: release builds only (`trunk serve` answers missing files with
/// index.html, and a debug worker would pin stale code), and only where the browser has one. Any
/// failure is logged and the app goes on without offline support.
pub fn register() {
    #[cfg(not(debug_assertions))]
    register_worker();
}

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // `navigator.serviceWorker` is missing in insecure contexts and some private modes.
    if !Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return None;
    }
    let sw = Reflect::get(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
    if sw.is_undefined() || sw.is_null() {
        return None;
    }
    Some(sw.unchecked_into())
}

fn is_controlled() -> bool {
    container().is_some_and(|c| c.controller().is_some())
}

/// Adds `f` as a listener for `event` on `target`, for the page's lifetime.
fn listen(target: &web_sys::EventTarget, event: &str, f: impl FnMut(JsValue) + 'static) {
    let closure = Closure::<dyn FnMut(JsValue)>::new(f);
    if target
        .add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())
        .is_err()
    {
        log(&format!("service worker: cannot listen for {event}"));
    }
    closure.forget();
}

/// Calls `ok` with the promise's value, or logs `what` with the reason it was rejected.
fn on_promise(promise: js_sys::Promise, what: &'static str, ok: impl FnMut(JsValue) + 'static) {
    let ok = Closure::<dyn FnMut(JsValue)>::new(ok);
    let err = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        leptos::logging::warn!("{what}: {e:?}");
    });
    let _ = promise.then2(&ok, &err);
    ok.forget();
    err.forget();
}

#[allow(dead_code)] // Only called in release builds.
fn register_worker() {
    let Some(container) = container() else {
        log("service worker: not supported here; the app works online only");
        return;
    };
    listen(&container, "controllerchange", |_| {
        // The first install also changes the controller (the worker claims the page): only a change
        // the person consented to reloads, and only once.
        if CONSENTED.get() && !RELOADING.get() {
            RELOADING.set(true);
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        }
    });
    on_promise(
        container.register(WORKER_URL),
        "service worker: registration failed",
        |reg| {
            watch(reg.unchecked_into());
        },
    );
    // Resolves once a worker is active: on a first visit, after its install has cached everything.
    if let Ok(ready) = container.ready() {
        on_promise(ready, "service worker: not ready", |_| {
            crate::install::set_offline_ready()
        });
    }
}

/// Follows a registration: offers an update that is already waiting or that finishes installing.
fn watch(reg: web_sys::ServiceWorkerRegistration) {
    REGISTRATION.with(|r| *r.borrow_mut() = Some(reg.clone()));
    // A waiting worker is an update only for a page a worker already controls: with no controller it is
    // the first install, and the page already runs this version.
    if reg.waiting().is_some() && is_controlled() {
        UPDATE_READY.with(|s| s.set(true));
    }
    // A new worker may already be installing when this runs (its `updatefound` has fired): follow it
    // too, or the prompt would never come in this session.
    if let Some(worker) = reg.installing() {
        prompt_when_installed(worker);
    }
    let watched = reg.clone();
    listen(&reg, "updatefound", move |_| {
        if let Some(worker) = watched.installing() {
            prompt_when_installed(worker);
        }
    });
    // A PWA can stay open for days: look for a new version whenever it comes back to the foreground.
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        let d = doc.clone();
        listen(&doc, "visibilitychange", move |_| {
            if !d.hidden() {
                if let Ok(p) = reg.update() {
                    // Offline, the check fails: that is expected, not an error.
                    on_promise(p, "service worker: update check failed", |_| {});
                }
            }
        });
    }
}

/// Shows the prompt once `worker` has installed, if it is an update: the page was controlled when the
/// worker began installing, and still is. On a first visit the new worker claims the page as it
/// activates, and a busy WebKit can deliver the "installed" event after that: the page is controlled
/// by then, but by this very worker, which is no update.
fn prompt_when_installed(worker: web_sys::ServiceWorker) {
    let w = worker.clone();
    let controlled_before = is_controlled();
    listen(&worker, "statechange", move |_| {
        let state = Reflect::get(&w, &JsValue::from_str("state"))
            .ok()
            .and_then(|s| s.as_string());
        if state.as_deref() == Some("installed") && controlled_before && is_controlled() {
            UPDATE_READY.with(|s| s.set(true));
        }
    });
}

/// The person chose Reload: ask the waiting worker to take over; `controllerchange` then reloads.
fn accept_update() {
    CONSENTED.set(true);
    let waiting = REGISTRATION.with(|r| r.borrow().as_ref().and_then(|reg| reg.waiting()));
    match waiting {
        Some(worker) => {
            let msg = js_sys::Object::new();
            let _ = Reflect::set(&msg, &JsValue::from_str("type"), &JsValue::from_str("SKIP_WAITING"));
            if worker.post_message(&msg).is_err() {
                log("service worker: could not message the waiting worker");
            }
        }
        // It already took over (every other tab closed): a plain reload loads the new version.
        None => {
            if !RELOADING.replace(true) {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            }
        }
    }
}

/// Shows the prompt as if a new version were waiting: the component tests' way in, as no service worker
/// runs there.
#[cfg(feature = "test-hooks")]
pub fn simulate_update_ready() {
    UPDATE_READY.with(|s| s.set(true));
}

/// "Update available" with Reload and Not now, above the call bar; never blocks the page. The
/// `role="status"` region is always in the page, so screen readers announce the prompt when it appears.
#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let ready = UPDATE_READY.with(|s| s.clone());
    let dismissed = RwSignal::new(false);
    let open = Memo::new(move |_| ready.get() && !dismissed.get());
    view! {
        <div class="update-prompt" class:is-open=move || open.get() role="status">
            <Show when=move || open.get()>
                <p class="update-text">{crate::router::ui().pwa_update_available}</p>
                <button type="button" class="update-reload" on:click=move |_| accept_update()>
                    {crate::router::ui().pwa_reload}
                </button>
                <button type="button" class="update-dismiss" on:click=move |_| dismissed.set(true)>
                    {crate::router::ui().pwa_not_now}
                </button>
            </Show>
        </div>
    }
}

/// Installs the panic hook: the error goes to the console, and the person sees a short message with
/// the call links (the app's state after a panic cannot be trusted to render anything).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_panic_message();
    }));
}

/// Puts the "app stopped" message with the call links at the top of the page. Built from DOM calls
/// only (the CSP allows no inline script or style); every step may fail without panicking again.
pub fn show_panic_message() {
    if PANIC_SHOWN.replace(true) {
        return;
    }
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else { return };
    let el = |tag: &str, class: &str, text: &str| -> Option<web_sys::Element> {
        let e = doc.create_element(tag).ok()?;
        if !class.is_empty() {
            e.set_class_name(class);
        }
        if !text.is_empty() {
            e.set_text_content(Some(text));
        }
        Some(e)
    };
    let Some(panel) = el("div", "app-error", "") else {
        return;
    };
    let _ = panel.set_attribute("role", "alert");
    // The page's language (the app sets `<html lang>` from the route as it mounts): the app's state
    // after a panic is not to be trusted.
    let lang = doc
        .document_element()
        .and_then(|h| h.get_attribute("lang"))
        .and_then(|code| crate::content::Lang::from_code(&code))
        .unwrap_or_default();
    let (ui, content) = (lang.ui(), lang.content());
    let mut parts = vec![
        el("p", "app-error-title", ui.pwa_crashed),
        el("p", "", ui.pwa_crashed_text),
    ];
    // The same links as the notice on every prerendered page (`prerender::NotStarted`).
    let (emergency, ncmec) = (content.emergency(), content.ncmec());
    for (tel, name, number) in [
        (emergency.tel(), emergency.call, ui.common_emergency_when),
        (ncmec.tel(), ncmec.call, ncmec.shown_as),
    ] {
        let p = el("p", "", "");
        let a = el("a", "call-link", "");
        if let (Some(p), Some(a)) = (&p, &a) {
            let _ = a.set_attribute("href", &tel);
            for (class, text) in [("call-link-name", name), ("call-link-number", number)] {
                if let Some(span) = el("span", class, text) {
                    let _ = a.append_child(&span);
                }
            }
            let _ = p.append_child(a);
        }
        parts.push(p);
    }
    for part in parts.into_iter().flatten() {
        let _ = panel.append_child(&part);
    }
    let _ = body.prepend_with_node_1(&panel);
    panel.scroll_into_view();
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("data-app", "failed");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The URL registered is the worker the build ships, relative to the base (an absolute URL would
    /// name another file here, and register outside a sub-path deploy's scope).
    #[test]
    fn the_worker_url_is_the_shipped_worker_relative_to_the_base() {
        let public = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public");
        let worker = std::fs::read_to_string(public.join(WORKER_URL)).unwrap_or_default();
        assert!(
            worker.contains("const PRECACHE = "),
            "public/{WORKER_URL} is not the service worker with its precache block"
        );
    }
}
