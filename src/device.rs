//! What the app keeps on this device, as shared reactive state: the settings, the user's own numbers and
//! how saving the check in progress went; and the effects that store them and apply the settings to
//! `<html>`. Storage itself is `crate::storage`; formats are `crate::core::saved`.

use crate::clock;
use crate::core::checker::Answers;
use crate::core::phone::MyNumber;
use crate::core::saved;
use crate::core::settings::Settings;
use crate::storage::{self, SaveStatus};
use leptos::ev;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Device {
    pub settings: RwSignal<Settings>,
    pub numbers: RwSignal<Vec<MyNumber>>,
    /// How saving the check in progress went (the Check screen's notice).
    pub save: RwSignal<SaveStatus>,
}

/// Loads what the device holds, provides [`Device`] as context, and returns the restored answers
/// (blank when there is no readable, unexpired check).
pub fn provide() -> Answers {
    let settings = storage::load_settings();
    apply_settings(&settings);
    let restored = storage::load_check(clock::now_ms(), &settings);
    let save = match &restored {
        Some(c) => SaveStatus::Saved {
            saved_at_ms: c.saved_at_ms,
        },
        None => SaveStatus::Nothing,
    };
    let device = Device {
        settings: RwSignal::new(settings),
        numbers: RwSignal::new(storage::load_numbers()),
        save: RwSignal::new(save),
    };
    provide_context(device);
    Effect::new(move |_| apply_settings(&device.settings.get()));
    restored.map(|c| c.answers).unwrap_or_default()
}

/// Saves the answers as they change, and drops them once they expire while the app is open. Keeps this
/// tab in step with the others: what another tab stores (or erases) shows here at once.
pub fn persist(answers: RwSignal<Answers>) {
    let device = expect_context::<Device>();
    // The first run usually sees the restored answers: saving them again would restart their expiry
    // each time the app opens, so it saves only if they changed already (taps carried over from the
    // static page, `crate::takeover`, land before effects first run).
    let restored = answers.get_untracked();
    Effect::new(move |first: Option<()>| {
        let a = answers.get();
        if first.is_some() || a != restored {
            let (stored, status) = storage::save_check(&a, clock::now_ms(), &device.settings.get_untracked());
            device.save.set(status);
            // Another tab's changes were merged in: show what is stored.
            if stored != a {
                answers.set(stored);
            }
        }
    });
    if cfg!(feature = "ssr") {
        return;
    }
    // A phone left with the app open overnight: when it is looked at again, an expired check goes.
    let handle = window_event_listener(ev::visibilitychange, move |_| {
        if let SaveStatus::Saved { saved_at_ms } = device.save.get_untracked() {
            if clock::now_ms() - saved_at_ms >= device.settings.get_untracked().expiry_ms() {
                answers.set(Answers::default());
            }
        }
    });
    std::mem::forget(handle);
    // Another tab stored or erased something; or this page comes back from the back/forward cache,
    // where it heard nothing: load what is stored again.
    let reload = move || reload_from_storage(device, answers);
    let stored_elsewhere = window_event_listener(ev::storage, move |e: web_sys::StorageEvent| {
        if e.key().is_none_or(|k| k.starts_with(saved::KEY_PREFIX)) {
            reload();
        }
    });
    std::mem::forget(stored_elsewhere);
    let restored_page = window_event_listener(ev::pageshow, move |e: web_sys::PageTransitionEvent| {
        if e.persisted() {
            reload();
        }
    });
    std::mem::forget(restored_page);
    // "Erase everything" in another tab, also when storage is blocked and there was nothing to hear.
    if let Ok(channel) = web_sys::BroadcastChannel::new(storage::TABS_CHANNEL) {
        let on_message =
            wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                if e.data().as_string().as_deref() == Some(storage::ERASED_MESSAGE) {
                    reload();
                }
            });
        channel.set_onmessage(Some(wasm_bindgen::JsCast::unchecked_ref(on_message.as_ref())));
        // Both live as long as the page.
        on_message.forget();
        std::mem::forget(channel);
    }
}

/// Sets the shared state to what the device holds now (defaults where it holds nothing).
fn reload_from_storage(device: Device, answers: RwSignal<Answers>) {
    let settings = storage::load_settings();
    if settings != device.settings.get_untracked() {
        device.settings.set(settings);
    }
    let numbers = storage::load_numbers();
    if numbers != device.numbers.get_untracked() {
        device.numbers.set(numbers);
    }
    let check = storage::load_check(clock::now_ms(), &settings);
    device.save.set(match &check {
        Some(c) => SaveStatus::Saved {
            saved_at_ms: c.saved_at_ms,
        },
        None => SaveStatus::Nothing,
    });
    let now = check.map(|c| c.answers).unwrap_or_default();
    if now != answers.get_untracked() {
        answers.set(now);
    }
}

/// Theme as `<html data-theme>`, text size as the CSS property `--text-scale` (set through the CSSOM,
/// which the Content-Security-Policy allows, unlike a `style` attribute).
pub fn apply_settings(settings: &Settings) {
    if cfg!(feature = "ssr") {
        return;
    }
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
    if let Some(html) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&html) {
        let _ = html.style().set_property("--text-scale", &settings.css_text_scale());
    }
}
