//! The app's reactive state, shared by every screen as one context ([`AppState`]): the check in
//! progress, the settings, the user's own numbers and how saving the check went. In the browser it is
//! the device's (loaded from storage, saved as it changes, kept in step with the app's other tabs);
//! prerendered, it is a first visit's. Storage itself is `crate::storage`; formats are `crate::core::saved`.
//!
//! `provide_from_device()` (the browser, from `mount()`) loads it from storage, applies the settings to
//! `<html>` and saves the check as it changes; `provide_first_visit()` (prerendering) gives a first
//! visit's, with `on_device: false`, which screens read to render as before the app runs (the checker
//! gives no verdict, Call's form says saving waits for the app).
//!
//! Several tabs: each change is made to what is stored now, not to the tab's old copy (fresh reads of
//! numbers and settings; the check is merged, `saved::merge_answers`), and [`listen`] reloads the
//! device's data on `storage` events, the `erased` message and a back/forward-cache restore.
//!
//! Display settings: `public/early.js` applies them before the first paint and `apply_settings` once
//! the app runs: the theme (`data-theme`), the app's text size (`--text-scale`, and `data-text-scale`
//! for the large-text media queries) and the discreet look (`data-look`: the neutral name, the tab title
//! and a muted `theme-color`). At large text sizes the navigation folds into a `<details>` menu (the
//! links are in the page twice; CSS shows one) and the header is a sticky band of its own.

use crate::core::checker::Answers;
use crate::core::phone::MyNumber;
use crate::core::saved;
use crate::core::settings::{theme_colors, Look, Settings};
use crate::storage::{self, SaveStatus};
use leptos::ev;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct AppState {
    /// The checker's answers, kept while moving between screens.
    pub check: RwSignal<Answers>,
    pub settings: RwSignal<Settings>,
    pub numbers: RwSignal<Vec<MyNumber>>,
    /// How saving the check in progress went (the Check screen's notice).
    pub save: RwSignal<SaveStatus>,
    /// The state is this device's, saved as it changes. When it is not (a prerendered page), screens
    /// show what they show before the app runs: no verdict, no saving.
    pub on_device: bool,
}

/// The [`AppState`] provided (by [`provide_first_visit`] or [`provide_from_device`]).
pub fn app_state() -> AppState {
    expect_context::<AppState>()
}

/// Provides the state of a first visit: nothing answered, default settings, no numbers, nothing saved.
/// What prerendered pages show.
pub fn provide_first_visit() {
    provide_context(AppState {
        check: RwSignal::new(Answers::default()),
        settings: RwSignal::new(Settings::default()),
        numbers: RwSignal::new(Vec::new()),
        save: RwSignal::new(SaveStatus::Nothing),
        on_device: false,
    });
}

/// In the browser: provides what the device holds (a check saved after a call, a reload or the OS
/// closing the tab comes back here), applies the settings to `<html>` now and as they change, and saves
/// the answers as they change.
pub fn provide_from_device() {
    let settings = storage::load_settings();
    apply_settings(&settings);
    let restored = storage::load_check(crate::clock::now_ms(), &settings);
    let state = AppState {
        check: RwSignal::new(restored.as_ref().map(|c| c.answers).unwrap_or_default()),
        settings: RwSignal::new(settings),
        numbers: RwSignal::new(storage::load_numbers()),
        save: RwSignal::new(save_status(restored.as_ref())),
        on_device: true,
    };
    provide_context(state);
    Effect::new(move |_| apply_settings(&state.settings.get()));
    // The first run usually sees the restored answers: saving them again would restart their expiry
    // each time the app opens, so it saves only if they changed already (taps carried over from the
    // static page, `crate::takeover`, land before effects first run).
    let restored = state.check.get_untracked();
    Effect::new(move |first: Option<()>| {
        let a = state.check.get();
        if first.is_some() || a != restored {
            let (stored, status) = storage::save_check(&a, crate::clock::now_ms(), &state.settings.get_untracked());
            state.save.set(status);
            // Another tab's changes were merged in: show what is stored.
            if stored != a {
                state.check.set(stored);
            }
        }
    });
}

fn save_status(check: Option<&saved::SavedCheck>) -> SaveStatus {
    match check {
        Some(c) => SaveStatus::Saved {
            saved_at_ms: c.saved_at_ms,
        },
        None => SaveStatus::Nothing,
    }
}

/// In the browser: keeps the state in step with the device while the page lives. An expired check goes
/// when the phone shows the app again; what another tab stores or erases shows here at once.
pub fn listen() {
    let state = app_state();
    // A phone left with the app open overnight: when it is looked at again, an expired check goes.
    window_event_listener(ev::visibilitychange, move |_| {
        if let SaveStatus::Saved { saved_at_ms } = state.save.get_untracked() {
            if state
                .settings
                .get_untracked()
                .check_expired(saved_at_ms, crate::clock::now_ms())
            {
                state.check.set(Answers::default());
            }
        }
    });
    // Another tab stored or erased something; or this page comes back from the back/forward cache,
    // where it heard nothing: load what is stored again.
    window_event_listener(ev::storage, move |e: web_sys::StorageEvent| {
        if e.key().is_none_or(|k| k.starts_with(saved::KEY_PREFIX)) {
            reload_from_storage(state);
        }
    });
    window_event_listener(ev::pageshow, move |e: web_sys::PageTransitionEvent| {
        if e.persisted() {
            reload_from_storage(state);
        }
    });
    // "Erase everything" in another tab, also when storage is blocked and there was nothing to hear.
    if let Ok(channel) = web_sys::BroadcastChannel::new(storage::TABS_CHANNEL) {
        let on_message =
            wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                if e.data().as_string().as_deref() == Some(storage::ERASED_MESSAGE) {
                    reload_from_storage(state);
                }
            });
        channel.set_onmessage(Some(wasm_bindgen::JsCast::unchecked_ref(on_message.as_ref())));
        // The page listens as long as it lives: the closure must outlive this function, and a dropped
        // channel would be closed.
        on_message.forget();
        std::mem::forget(channel);
    }
}

/// Sets the shared state to what the device holds now (defaults where it holds nothing).
fn reload_from_storage(state: AppState) {
    let settings = storage::load_settings();
    if settings != state.settings.get_untracked() {
        state.settings.set(settings);
    }
    let numbers = storage::load_numbers();
    if numbers != state.numbers.get_untracked() {
        state.numbers.set(numbers);
    }
    let check = storage::load_check(crate::clock::now_ms(), &settings);
    state.save.set(save_status(check.as_ref()));
    let now = check.map(|c| c.answers).unwrap_or_default();
    if now != state.check.get_untracked() {
        state.check.set(now);
    }
}

/// Theme as `<html data-theme>`, text size as the CSS property `--text-scale` (set through the CSSOM,
/// which the Content-Security-Policy allows, unlike a `style` attribute).
fn apply_settings(settings: &Settings) {
    let Some(html) = document().document_element() else {
        return;
    };
    match settings.theme.data_theme() {
        Some(t) => {
            let _ = html.set_attribute("data-theme", t);
        }
        None => {
            let _ = html.remove_attribute("data-theme");
        }
    }
    if let Some(el) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&html) {
        let _ = el.style().set_property("--text-scale", &settings.css_text_scale());
    }
    // The larger text sizes also as an attribute: style/main.css's media queries for large text see only
    // the browser's own text size, and add the app's through it.
    let _ = match settings.text_scale {
        100 => html.remove_attribute("data-text-scale"),
        pct => html.set_attribute("data-text-scale", &pct.to_string()),
    };
    let _ = match settings.look {
        Look::Standard => html.remove_attribute("data-look"),
        look => html.set_attribute("data-look", look.id()),
    };
    // Settings shows what Quick exit does with the missing-child timeline by it (style/main.css).
    let _ = match settings.data_exit() {
        Some(v) => html.set_attribute("data-exit", v),
        None => html.remove_attribute("data-exit"),
    };
    let light = theme_colors(settings.look).0;
    if let Ok(Some(meta)) = document().query_selector("meta[name=\"theme-color\"][media*=\"light\"]") {
        let _ = meta.set_attribute("content", light);
    }
    document().set_title(&page_title(settings.look));
}

/// The tab title: the screen's own, or in the discreet look its neutral name only.
pub fn page_title(look: Look) -> String {
    look.name(crate::router::ui()).map_or_else(
        || {
            let location = crate::router::location();
            location.screen().title(location.lang())
        },
        str::to_string,
    )
}
