//! The app's reactive state, shared by every screen as one context ([`AppState`]): the check in
//! progress, the settings, the user's own numbers and how saving the check went. In the browser it is
//! the device's (loaded from storage, saved as it changes, kept in step with the app's other tabs);
//! prerendered, it is a first visit's.
//!
//! It is the app's only way to the device's storage (`crate::storage`, which no other module uses; a
//! tidy test holds that): screens read its signals and make every change through its methods
//! ([`AppState::change_check`], [`AppState::change_settings`], [`AppState::change_numbers`],
//! [`AppState::erase_all`], the missing-child episode), each of which saves and returns what the
//! screen's notice needs. The record formats, and what a save of the check does, are `crate::core::saved`.
//!
//! `provide_from_device()` (the browser, from `mount()`) loads it from storage and applies the settings
//! to `<html>` as they change; `provide_first_visit()` (prerendering) gives a first visit's, with
//! `on_device: false`, which screens read to render as before the app runs (the checker gives no
//! verdict, Call's form says saving waits for the app), and whose changes are not saved.
//!
//! Several tabs: each change is made to what is stored now, not to the tab's old copy (fresh reads of
//! numbers and settings; the check is reconciled with what the state knows is stored,
//! `saved::reconcile`), and [`listen`] reloads the device's data on `storage` events, the `erased`
//! message and a back/forward-cache restore.
//!
//! Display settings: `public/early.js` applies them before the first paint and `apply_settings` once
//! the app runs: the theme (`data-theme`), the app's text size (`--text-scale`, and `data-text-scale`
//! for the large-text media queries) and the discreet look (`data-look`: the neutral name and a muted
//! `theme-color`; the tab title is `crate::app`'s). At large text sizes the navigation folds into a
//! `<details>` menu (the links are in the page twice; CSS shows one) and the header is a sticky band of
//! its own.

use crate::core::checker::Answers;
use crate::core::missing::Episode;
use crate::core::phone::MyNumber;
use crate::core::saved::{self, Reconciled};
use crate::core::settings::{theme_colors, Look, Settings};
use crate::storage;
pub use crate::storage::{LoadedEpisode, StorageError};
use leptos::ev;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct AppState {
    /// The checker's answers, kept while moving between screens. Changed by [`AppState::change_check`].
    pub check: RwSignal<Answers>,
    /// Changed by [`AppState::change_settings`].
    pub settings: RwSignal<Settings>,
    /// Changed by [`AppState::change_numbers`].
    pub numbers: RwSignal<Vec<MyNumber>>,
    /// How saving the check in progress went (the Check screen's notice).
    pub save: RwSignal<SaveStatus>,
    /// The state is this device's, saved as it changes. When it is not (a prerendered page), screens
    /// show what they show before the app runs: no verdict, no saving.
    pub on_device: bool,
    /// The answers this tab last read from or wrote to storage: what it believes is stored. When the
    /// stored check differs, another tab changed it since ([`saved::reconcile`]).
    known: StoredValue<Answers>,
    /// A stored list of numbers could not be read and was removed, since the page loaded: the Call
    /// screen says so until a list is saved again.
    numbers_cleared: StoredValue<bool>,
}

/// The state of the saved check, for the notice on the Check screen.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    /// Nothing to save (a blank check) and nothing saved.
    Nothing,
    Saved {
        saved_at_ms: f64,
    },
    Failed(StorageError),
}

/// What the Call screen must tell the user about their stored numbers, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumbersNote {
    /// The stored list could not be read and was cleared.
    Cleared,
    /// The stored list is a newer version's: not shown, not written over.
    Newer,
}

impl NumbersNote {
    pub fn text(self, ui: &'static crate::content::Ui) -> &'static str {
        match self {
            NumbersNote::Cleared => ui.my_numbers_cleared,
            NumbersNote::Newer => ui.my_numbers_newer,
        }
    }
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
        known: StoredValue::new(Answers::default()),
        numbers_cleared: StoredValue::new(false),
    });
}

/// In the browser: provides what the device holds (a check saved after a call, a reload or the OS
/// closing the tab comes back here) and applies the settings to `<html>` now and as they change.
pub fn provide_from_device() {
    let settings = storage::load_settings().unwrap_or_default();
    apply_settings(&settings);
    let restored = storage::load_check(crate::clock::now_ms(), &settings);
    let answers = restored.as_ref().map(|c| c.answers).unwrap_or_default();
    let (numbers, cleared) = storage::load_numbers().unwrap_or_default();
    let state = AppState {
        check: RwSignal::new(answers),
        settings: RwSignal::new(settings),
        numbers: RwSignal::new(numbers),
        save: RwSignal::new(save_status(restored.as_ref())),
        on_device: true,
        known: StoredValue::new(answers),
        numbers_cleared: StoredValue::new(cleared),
    };
    provide_context(state);
    Effect::new(move |_| apply_settings(&state.settings.get()));
}

fn save_status(check: Option<&saved::SavedCheck>) -> SaveStatus {
    match check {
        Some(c) => SaveStatus::Saved {
            saved_at_ms: c.saved_at_ms,
        },
        None => SaveStatus::Nothing,
    }
}

impl AppState {
    /// Changes the answers and saves them (a blank check removes the saved one), reconciled with what
    /// another tab stored meanwhile; the screen then shows the answers stored, and [`AppState::save`]
    /// says how saving went. The signal is set once per change.
    pub fn change_check(self, f: impl FnOnce(&mut Answers)) {
        let mut ours = self.check.get_untracked();
        f(&mut ours);
        if self.on_device {
            let (now, status) = self.save_check(ours);
            ours = now;
            self.save.set(status);
        }
        self.check.set(ours);
    }

    /// Saves `ours` as [`saved::reconcile`] decides; returns the answers now stored and the status.
    fn save_check(self, ours: Answers) -> (Answers, SaveStatus) {
        let now_ms = crate::clock::now_ms();
        let stored = match storage::read_check(now_ms, &self.settings.get_untracked()) {
            Ok(stored) => stored,
            // Nothing could have been saved either: no notice needed for a blank check.
            Err(_) if ours.is_blank() => return (ours, SaveStatus::Nothing),
            Err(e) => return (ours, SaveStatus::Failed(e)),
        };
        let (next, status, known) = match saved::reconcile(&self.known.get_value(), &ours, &stored) {
            Reconciled::Keep { answers, saved_at_ms } => (
                answers,
                saved_at_ms.map_or(SaveStatus::Nothing, |saved_at_ms| SaveStatus::Saved { saved_at_ms }),
                answers,
            ),
            Reconciled::Remove(answers) => {
                storage::remove_check();
                (answers, SaveStatus::Nothing, answers)
            }
            Reconciled::Write(answers) => match storage::write_check(&answers, now_ms) {
                Ok(()) => (answers, SaveStatus::Saved { saved_at_ms: now_ms }, answers),
                Err(e) => (answers, SaveStatus::Failed(e), stored.answers()),
            },
        };
        self.known.set_value(known);
        (next, status)
    }

    /// Changes the settings as stored now (another tab may have changed the others) and saves them.
    pub fn change_settings(self, f: impl FnOnce(&mut Settings)) -> Result<(), StorageError> {
        let mut s = storage::load_settings().unwrap_or_else(|| self.settings.get_untracked());
        f(&mut s);
        self.settings.set(s);
        storage::save_settings(&s)
    }

    /// Changes the list of numbers as stored now (so two tabs adding a number keep both, and "Erase
    /// everything" in one tab is not undone by another) and saves it. When `f` refuses the change, nothing
    /// changes and its error comes back; otherwise its value, and how saving went.
    pub fn change_numbers<T, E>(
        self,
        f: impl FnOnce(&mut Vec<MyNumber>) -> Result<T, E>,
    ) -> Result<(T, Result<(), StorageError>), E> {
        let mut list = match storage::load_numbers() {
            Some((list, cleared)) => {
                if cleared {
                    self.numbers_cleared.set_value(true);
                }
                list
            }
            None => self.numbers.get_untracked(),
        };
        let done = f(&mut list)?;
        let saved = storage::save_numbers(&list);
        if saved.is_ok() {
            self.numbers_cleared.set_value(false);
        }
        self.numbers.set(list);
        Ok((done, saved))
    }

    /// What the Call screen must say about the stored numbers, if anything.
    pub fn numbers_note(self) -> Option<NumbersNote> {
        if !self.on_device {
            None
        } else if storage::numbers_newer() {
            Some(NumbersNote::Newer)
        } else {
            self.numbers_cleared.get_value().then_some(NumbersNote::Cleared)
        }
    }

    /// "Erase everything": removes all the app stored on this device, tells the other tabs, and resets
    /// the state to a first visit's. Returns how many records were removed.
    pub fn erase_all(self) -> Result<usize, StorageError> {
        let outcome = storage::erase_all();
        if outcome.is_ok() {
            self.known.set_value(Answers::default());
            self.numbers_cleared.set_value(false);
        }
        storage::announce_erased();
        self.settings.set(Settings::default());
        self.numbers.set(Vec::new());
        self.change_check(|a| *a = Answers::default());
        outcome
    }

    /// The missing-child episode saved on this device (see [`LoadedEpisode`]).
    pub fn load_episode(self) -> LoadedEpisode {
        storage::load_missing(crate::clock::now_ms())
    }

    /// Saves the missing-child episode; an empty one (every tap undone) or none is removed, so nothing
    /// is left on the device to show the screen was used. Returns why it could not be saved.
    pub fn save_episode(self, episode: Option<&Episode>) -> Option<StorageError> {
        match episode {
            Some(e) if !e.is_empty() => storage::save_missing(e).err(),
            _ => {
                storage::clear_missing();
                None
            }
        }
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
                state.change_check(|a| *a = Answers::default());
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
    if let Ok(channel) = web_sys::BroadcastChannel::new(saved::TABS_CHANNEL) {
        let on_message =
            wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                if e.data().as_string().as_deref() == Some(saved::ERASED_MESSAGE) {
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
    let settings = storage::load_settings().unwrap_or_default();
    if settings != state.settings.get_untracked() {
        state.settings.set(settings);
    }
    let (numbers, cleared) = storage::load_numbers().unwrap_or_default();
    if cleared {
        state.numbers_cleared.set_value(true);
    }
    if numbers != state.numbers.get_untracked() {
        state.numbers.set(numbers);
    }
    let check = storage::load_check(crate::clock::now_ms(), &settings);
    state.save.set(save_status(check.as_ref()));
    let now = check.map(|c| c.answers).unwrap_or_default();
    state.known.set_value(now);
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
}
