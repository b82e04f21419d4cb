//! "Install" on Android/Chrome: the browser fires `beforeinstallprompt` once the app is installable (any
//! time after load, whichever screen is open); it is kept here so Home (once, until "Not now"), Settings
//! and Share can offer an Install button that opens the browser's own install dialog. iPhone has no such
//! event: the Share screen gives the steps instead.

use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

/// What the Share screen shows: whether the browser offered to install, whether the app is installed.
#[derive(Clone, Copy)]
pub struct Install {
    pub offered: RwSignal<bool>,
    pub installed: RwSignal<bool>,
}

thread_local! {
    /// The deferred `beforeinstallprompt` event: it can open the dialog once.
    static DEFERRED: RefCell<Option<JsValue>> = const { RefCell::new(None) };
    /// True once a service worker is active for this page (`crate::pwa` says so): its install took every
    /// file of the app (all or nothing), so every screen now opens with no network.
    static OFFLINE_READY: ArcRwSignal<bool> = ArcRwSignal::new(false);
}

/// Whether the app is ready to work offline on this device, for Home and Settings to say so.
pub fn offline_ready() -> ArcRwSignal<bool> {
    OFFLINE_READY.with(|s| s.clone())
}

/// Called by `crate::pwa` once a service worker is active.
pub fn set_offline_ready() {
    OFFLINE_READY.with(|s| s.set(true));
}

/// Provides [`Install`] and, in the browser, starts listening. Called once, by the app's root.
pub fn provide() {
    let state = Install {
        offered: RwSignal::new(false),
        installed: RwSignal::new(false),
    };
    provide_context(state);
    // Prerendering, and the native tests that render the app, have no browser to ask.
    if cfg!(any(feature = "ssr", not(target_arch = "wasm32"))) {
        return;
    }
    let standalone = window()
        .match_media("(display-mode: standalone)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    state.installed.set(standalone);
    let offered = window_event_listener_untyped("beforeinstallprompt", move |e| {
        // Keeps Chrome's own mini-infobar away: Home and Settings offer the same dialog instead.
        e.prevent_default();
        DEFERRED.with(|d| *d.borrow_mut() = Some(e.into()));
        state.offered.set(true);
    });
    std::mem::forget(offered);
    let installed = window_event_listener_untyped("appinstalled", move |_| {
        DEFERRED.with(|d| d.borrow_mut().take());
        state.offered.set(false);
        state.installed.set(true);
    });
    std::mem::forget(installed);
}

fn state() -> Install {
    use_context::<Install>().unwrap_or(Install {
        offered: RwSignal::new(false),
        installed: RwSignal::new(false),
    })
}

/// Whether the browser offered to install the app (an Install button can be shown).
pub fn prompt() -> Signal<bool> {
    state().offered.into()
}

/// Whether the app runs installed, or was installed from this page.
pub fn installed() -> Signal<bool> {
    state().installed.into()
}

/// Opens the browser's install dialog (inside the tap). The event works once: the button goes either way.
pub fn ask() {
    let state = state();
    let Some(event) = DEFERRED.with(|d| d.borrow_mut().take()) else {
        state.offered.set(false);
        return;
    };
    state.offered.set(false);
    let prompt = web_sys::js_sys::Reflect::get(&event, &"prompt".into())
        .ok()
        .and_then(|f| f.dyn_into::<web_sys::js_sys::Function>().ok());
    if let Some(prompt) = prompt {
        let _ = prompt.call0(&event);
    }
    // The person's answer: "accepted" means the app is being installed. Chrome fires `appinstalled` only
    // once the install has finished (on Android, after the package is made, or not at all when that
    // fails), so Settings and Home follow the answer, not that event alone.
    let choice = web_sys::js_sys::Reflect::get(&event, &"userChoice".into())
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::js_sys::Promise>().ok());
    if let Some(choice) = choice {
        leptos::task::spawn_local(async move {
            let outcome = wasm_bindgen_futures::JsFuture::from(choice)
                .await
                .ok()
                .and_then(|c| web_sys::js_sys::Reflect::get(&c, &"outcome".into()).ok())
                .and_then(|o| o.as_string());
            if outcome.as_deref() == Some("accepted") {
                state.installed.set(true);
            }
        });
    }
}
