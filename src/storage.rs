//! The device's `localStorage`, through gloo-storage, and the records kept there. Thin on purpose: what
//! is stored and how it is read back is `core::saved`, tested natively.
//!
//! Every call here can fail: private browsing and blocked site data make `window.localStorage` itself
//! throw, a full quota makes `setItem` throw, and another tab can write anything under our keys. None
//! of that may stop anyone from checking or calling, so each failure is a value, never a panic.
//! gloo's `LocalStorage::raw()` throws a JavaScript exception when `localStorage` is blocked, so every
//! access goes through one availability probe, [`local`], first. Reads take the stored text as is
//! (`core::saved` reads the format version before the body, and tells a corrupt record from none);
//! errors thrown by the browser are mapped here from the `DOMException` itself (gloo's own conversion
//! panics on a thrown value that is not an `Error`, which would end the app).

use crate::core::checker::Answers;
use crate::core::missing::Episode;
use crate::core::phone::MyNumber;
use crate::core::saved::{self, Discard, SavedCheck};
use crate::core::settings::Settings;
use gloo_storage::{LocalStorage, Storage as _};
use wasm_bindgen::{JsCast, JsValue};

/// Why something could not be saved. `notice` is what the user reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// Storage is switched off (private browsing, site data blocked, no `localStorage`).
    Unavailable(String),
    /// The quota is used up.
    Full,
    /// Anything else the browser threw.
    Failed(String),
    /// What is stored was written by a newer version of the app: this one does not write over it.
    Newer,
}

impl StorageError {
    /// What to tell the person, in `ui`'s language.
    pub fn notice(&self, ui: &'static crate::content::Ui) -> &'static str {
        match self {
            StorageError::Unavailable(_) => ui.storage_unavailable,
            StorageError::Full => ui.storage_full,
            StorageError::Failed(_) => ui.storage_failed,
            StorageError::Newer => ui.storage_newer,
        }
    }

    fn from_js(e: JsValue) -> StorageError {
        match e.dyn_ref::<web_sys::DomException>() {
            Some(d) if d.name() == "QuotaExceededError" || d.code() == 22 => StorageError::Full,
            Some(d) if d.name() == "SecurityError" => StorageError::Unavailable(d.message()),
            Some(d) => StorageError::Failed(format!("{}: {}", d.name(), d.message())),
            None => StorageError::Failed(format!("{e:?}")),
        }
    }
}

/// The availability probe: `localStorage` as gloo's `LocalStorage::raw()` gets it, but as a value when
/// it is blocked (where `raw()` would throw). Asked before every access, so storage blocked while the
/// app runs is seen too.
fn local() -> Result<web_sys::Storage, StorageError> {
    // Prerendering at build time has no device: everything renders as on a first visit.
    if cfg!(feature = "ssr") {
        return Err(StorageError::Unavailable("prerendering".into()));
    }
    let window = web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))?;
    match window.local_storage() {
        Ok(Some(_)) => Ok(LocalStorage::raw()),
        Ok(None) => Err(StorageError::Unavailable("no localStorage".into())),
        Err(e) => Err(match StorageError::from_js(e) {
            StorageError::Failed(m) => StorageError::Unavailable(m),
            other => other,
        }),
    }
}

pub fn read(key: &str) -> Result<Option<String>, StorageError> {
    local()?.get_item(key).map_err(StorageError::from_js)
}

pub fn write(key: &str, value: &str) -> Result<(), StorageError> {
    local()?.set_item(key, value).map_err(StorageError::from_js)
}

pub fn remove(key: &str) -> Result<(), StorageError> {
    local()?.remove_item(key).map_err(StorageError::from_js)
}

/// Fails with [`StorageError::Newer`] when the record under `key` was written by a newer version of the
/// app: it is left for that version, never written over or removed by a save here.
fn not_newer(key: &str) -> Result<(), StorageError> {
    match read(key)? {
        Some(raw) if saved::is_newer(&raw, saved::format_of(key)) => Err(StorageError::Newer),
        _ => Ok(()),
    }
}

/// Saves a record unless a newer version's record is there ([`not_newer`]).
fn write_record(key: &str, value: &str) -> Result<(), StorageError> {
    not_newer(key)?;
    write(key, value)
}

/// Removes a record unless a newer version's record is there ([`not_newer`]).
fn remove_record(key: &str) -> Result<(), StorageError> {
    not_newer(key)?;
    remove(key)
}

/// Removes every key this app wrote (they share [`saved::KEY_PREFIX`]), and the quick-exit mark.
/// Returns how many keys were removed.
pub fn erase_all() -> Result<usize, StorageError> {
    let storage = local()?;
    let len = storage.length().map_err(StorageError::from_js)?;
    let ours: Vec<String> = (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(saved::KEY_PREFIX))
        .collect();
    for k in &ours {
        storage.remove_item(k).map_err(StorageError::from_js)?;
    }
    if let Some(session) = session() {
        let _ = session.remove_item(EXITED_KEY);
    }
    KNOWN_CHECK.set(Answers::default());
    NUMBERS_CLEARED.set(false);
    Ok(ours.len())
}

/// Tells every other open tab of the app that it must load what is stored again (after "Erase
/// everything": storage events already say so, but not when storage is blocked and nothing was stored).
pub fn announce_erased() {
    if cfg!(feature = "ssr") {
        return;
    }
    if let Ok(channel) = web_sys::BroadcastChannel::new(TABS_CHANNEL) {
        let _ = channel.post_message(&JsValue::from_str(ERASED_MESSAGE));
        channel.close();
    }
}

/// The channel the app's tabs talk on. `public/early.js` sends `"exit"` on it (every tab then exits
/// too); the app sends [`ERASED_MESSAGE`].
pub const TABS_CHANNEL: &str = "red-flags:tabs";
pub const ERASED_MESSAGE: &str = "erased";

/// Logs a discarded record for developers and removes it when that is right (see [`Discard`]).
fn discard(key: &str, why: Discard) {
    leptos::logging::warn!("red-flags: ignored stored {key}: {}", why.message());
    if why.should_remove() {
        let _ = remove(key);
    }
}

// ---- Records ----

pub fn load_settings() -> Settings {
    match read(saved::SETTINGS_KEY) {
        Ok(Some(raw)) => saved::decode_settings(&raw).unwrap_or_else(|why| {
            discard(saved::SETTINGS_KEY, why);
            Settings::default()
        }),
        _ => Settings::default(),
    }
}

pub fn save_settings(settings: &Settings) -> Result<(), StorageError> {
    write_record(saved::SETTINGS_KEY, &saved::encode_settings(settings))
}

thread_local! {
    /// A stored list of numbers could not be read and was removed, since the page loaded: the Call
    /// screen says so until a list is saved again.
    static NUMBERS_CLEARED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

pub fn load_numbers() -> Vec<MyNumber> {
    match read(saved::NUMBERS_KEY) {
        Ok(Some(raw)) => saved::decode_numbers(&raw).unwrap_or_else(|why| {
            if why.should_remove() {
                NUMBERS_CLEARED.set(true);
            }
            discard(saved::NUMBERS_KEY, why);
            Vec::new()
        }),
        _ => Vec::new(),
    }
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

/// [`NumbersNote`] for the numbers as stored now.
pub fn numbers_note() -> Option<NumbersNote> {
    if not_newer(saved::NUMBERS_KEY) == Err(StorageError::Newer) {
        Some(NumbersNote::Newer)
    } else {
        NUMBERS_CLEARED.get().then_some(NumbersNote::Cleared)
    }
}

/// The numbers as stored now, which another tab may have changed since this one loaded them; or
/// `in_memory` when storage cannot be read. A change is made to this list, never to an old copy, so
/// two tabs adding a number keep both and "Erase everything" in one tab is not undone by another.
pub fn fresh_numbers(in_memory: Vec<MyNumber>) -> Vec<MyNumber> {
    if read(saved::NUMBERS_KEY).is_ok() {
        load_numbers()
    } else {
        in_memory
    }
}

/// The settings as stored now (see [`fresh_numbers`]).
pub fn fresh_settings(in_memory: Settings) -> Settings {
    if read(saved::SETTINGS_KEY).is_ok() {
        load_settings()
    } else {
        in_memory
    }
}

pub fn save_numbers(numbers: &[MyNumber]) -> Result<(), StorageError> {
    let saved = if numbers.is_empty() {
        remove_record(saved::NUMBERS_KEY)
    } else {
        write_record(saved::NUMBERS_KEY, &saved::encode_numbers(numbers))
    };
    if saved.is_ok() {
        NUMBERS_CLEARED.set(false);
    }
    saved
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

thread_local! {
    /// The answers this tab last read from or wrote to storage: what it believes is stored. When the
    /// stored check differs, another tab changed it since (see [`save_check`]).
    static KNOWN_CHECK: std::cell::Cell<Answers> = std::cell::Cell::new(Answers::default());
}

/// The check saved on this device, if there is one that is readable and not expired; anything else
/// under the key is removed (see [`Discard::should_remove`]).
pub fn load_check(now_ms: f64, settings: &Settings) -> Option<SavedCheck> {
    let raw = read(saved::CHECK_KEY).ok().flatten();
    let check = raw.and_then(|raw| match saved::decode_check(&raw, now_ms, settings.expiry_ms()) {
        Ok(check) => Some(check),
        Err(why) => {
            discard(saved::CHECK_KEY, why);
            None
        }
    });
    KNOWN_CHECK.set(check.as_ref().map(|c| c.answers).unwrap_or_default());
    check
}

/// Saves the answers (or removes a blank check) and says how that went. Reads the stored check first:
/// if another tab changed it since this tab last saw it (a tap there, a reset, an exit, "Erase
/// everything"), this tab's changes are applied to that one ([`saved::merge_answers`]) rather than
/// writing its old state over it. Returns the answers now stored, for the screen to show.
pub fn save_check(answers: &Answers, now_ms: f64, settings: &Settings) -> (Answers, SaveStatus) {
    let stored = match read(saved::CHECK_KEY) {
        Ok(raw) => raw,
        // Nothing could have been saved either: no notice needed for a blank check.
        Err(_) if answers.is_blank() => return (*answers, SaveStatus::Nothing),
        Err(e) => return (*answers, SaveStatus::Failed(e)),
    };
    let theirs_check = stored
        .as_deref()
        .and_then(|raw| saved::decode_check(raw, now_ms, settings.expiry_ms()).ok());
    let theirs = theirs_check.as_ref().map(|c| c.answers).unwrap_or_default();
    let base = KNOWN_CHECK.get();
    let next = if theirs == base {
        *answers
    } else {
        saved::merge_answers(&base, answers, &theirs)
    };
    // Stored as is already: no write, so the expiry does not restart and other tabs hear nothing.
    if next == theirs && (theirs_check.is_some() || stored.is_none()) {
        KNOWN_CHECK.set(next);
        let status = match theirs_check {
            Some(c) if !next.is_blank() => SaveStatus::Saved {
                saved_at_ms: c.saved_at_ms,
            },
            _ => SaveStatus::Nothing,
        };
        return (next, status);
    }
    if next.is_blank() {
        let _ = remove_record(saved::CHECK_KEY);
        KNOWN_CHECK.set(next);
        return (next, SaveStatus::Nothing);
    }
    match write_record(saved::CHECK_KEY, &saved::encode_check(&next, now_ms)) {
        Ok(()) => {
            KNOWN_CHECK.set(next);
            (next, SaveStatus::Saved { saved_at_ms: now_ms })
        }
        Err(e) => {
            KNOWN_CHECK.set(theirs);
            (next, SaveStatus::Failed(e))
        }
    }
}

// ---- A child is missing: the episode in progress ----

/// What the device held for the missing-child screen.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedEpisode {
    pub episode: Option<Episode>,
    /// A stored episode could not be read (corrupt, another format) and was cleared: the screen says so.
    pub unreadable: bool,
    /// The device's clock went back since the episode was saved: kept, and the screen says so.
    pub clock_changed: bool,
}

/// The episode saved on this device, unless it expired or cannot be read (then it is removed, as
/// [`Discard::should_remove`] says).
pub fn load_missing(now_ms: f64) -> LoadedEpisode {
    let Some(raw) = read(saved::MISSING_KEY).ok().flatten() else {
        return LoadedEpisode {
            episode: None,
            unreadable: false,
            clock_changed: false,
        };
    };
    match saved::decode_missing(&raw, now_ms) {
        Ok(restored) => LoadedEpisode {
            episode: Some(restored.episode),
            unreadable: false,
            clock_changed: restored.clock_changed,
        },
        Err(why) => {
            let unreadable = !matches!(why, Discard::Expired);
            discard(saved::MISSING_KEY, why);
            LoadedEpisode {
                episode: None,
                unreadable,
                clock_changed: false,
            }
        }
    }
}

pub fn save_missing(episode: &Episode) -> Result<(), StorageError> {
    write_record(saved::MISSING_KEY, &saved::encode_missing(episode))
}

pub fn clear_missing() {
    let _ = remove_record(saved::MISSING_KEY);
}

// ---- Quick exit's mark (sessionStorage: this tab only) ----

/// Set by Quick exit in `public/early.js` (with a copy in `window.name`), which sends a Back-button
/// visit straight back to the neutral page. "Erase everything" removes it.
pub const EXITED_KEY: &str = "red-flags:exited";

fn session() -> Option<web_sys::Storage> {
    if cfg!(feature = "ssr") {
        return None;
    }
    web_sys::window()?.session_storage().ok().flatten()
}
