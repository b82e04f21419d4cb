//! The device's `localStorage` (and Quick exit's `sessionStorage` mark), and the records kept there.
//! Only `crate::state` uses it: views change the state, the state reads and writes the device. Thin on
//! purpose: what is stored, how it is read back and what a save of the check does are `core::saved`,
//! tested natively; this module holds no state of its own.
//!
//! Every call here can fail: private browsing and blocked site data make `window.localStorage` itself
//! throw, a full quota makes `setItem` throw, and another tab can write anything under our keys. None
//! of that may stop anyone from checking or calling, so each failure is a value, never a panic: every
//! access goes through one availability probe, [`local`], and uses the `web_sys::Storage` it returns.
//! Reads take the stored text as is (`core::saved` reads the format version before the body, and tells
//! a corrupt record from none); errors thrown by the browser are mapped here from the `DOMException`
//! itself, since a thrown value need not be an `Error`.

use crate::core::checker::Answers;
use crate::core::missing::Episode;
use crate::core::phone::MyNumber;
use crate::core::saved::{self, Discard, SavedCheck, StoredCheck};
use crate::core::settings::Settings;
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

/// The availability probe: `localStorage`, or why it cannot be used, as a value (reading
/// `window.localStorage` throws when site data is blocked). Asked before every access, so storage
/// blocked while the app runs is seen too.
fn local() -> Result<web_sys::Storage, StorageError> {
    // Prerendering at build time has no device: everything renders as on a first visit.
    if cfg!(feature = "ssr") {
        return Err(StorageError::Unavailable("prerendering".into()));
    }
    let window = web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err(StorageError::Unavailable("no localStorage".into())),
        Err(e) => Err(match StorageError::from_js(e) {
            StorageError::Failed(m) => StorageError::Unavailable(m),
            other => other,
        }),
    }
}

fn read(key: &str) -> Result<Option<String>, StorageError> {
    local()?.get_item(key).map_err(StorageError::from_js)
}

fn write(key: &str, value: &str) -> Result<(), StorageError> {
    local()?.set_item(key, value).map_err(StorageError::from_js)
}

fn remove(key: &str) -> Result<(), StorageError> {
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
        let _ = session.remove_item(saved::EXITED_KEY);
    }
    Ok(ours.len())
}

/// Tells every other open tab of the app that it must load what is stored again (after "Erase
/// everything": storage events already say so, but not when storage is blocked and nothing was stored).
pub fn announce_erased() {
    if cfg!(feature = "ssr") {
        return;
    }
    if let Ok(channel) = web_sys::BroadcastChannel::new(saved::TABS_CHANNEL) {
        let _ = channel.post_message(&JsValue::from_str(saved::ERASED_MESSAGE));
        channel.close();
    }
}

/// Logs a discarded record for developers and removes it when that is right (see [`Discard`]).
fn discard(key: &str, why: Discard) {
    leptos::logging::warn!("red-flags: ignored stored {key}: {}", why.message());
    if why.should_remove() {
        let _ = remove(key);
    }
}

// ---- Records ----

/// The settings as stored now (defaults where none are stored, or they cannot be read), or `None`
/// when storage itself cannot be read.
pub fn load_settings() -> Option<Settings> {
    let raw = read(saved::SETTINGS_KEY).ok()?;
    Some(match raw {
        Some(raw) => saved::decode_settings(&raw).unwrap_or_else(|why| {
            discard(saved::SETTINGS_KEY, why);
            Settings::default()
        }),
        None => Settings::default(),
    })
}

pub fn save_settings(settings: &Settings) -> Result<(), StorageError> {
    write_record(saved::SETTINGS_KEY, &saved::encode_settings(settings))
}

/// The numbers as stored now, and whether a stored list could not be read and was removed; or `None`
/// when storage itself cannot be read.
pub fn load_numbers() -> Option<(Vec<MyNumber>, bool)> {
    let raw = read(saved::NUMBERS_KEY).ok()?;
    Some(match raw {
        Some(raw) => saved::decode_numbers(&raw).map_or_else(
            |why| {
                let cleared = why.should_remove();
                discard(saved::NUMBERS_KEY, why);
                (Vec::new(), cleared)
            },
            |numbers| (numbers, false),
        ),
        None => (Vec::new(), false),
    })
}

/// The stored list of numbers is a newer version's: not shown, not written over.
pub fn numbers_newer() -> bool {
    not_newer(saved::NUMBERS_KEY) == Err(StorageError::Newer)
}

/// Saves the list, or removes the record when the list is empty.
pub fn save_numbers(numbers: &[MyNumber]) -> Result<(), StorageError> {
    if numbers.is_empty() {
        remove_record(saved::NUMBERS_KEY)
    } else {
        write_record(saved::NUMBERS_KEY, &saved::encode_numbers(numbers))
    }
}

/// The check saved on this device, if there is one that is readable and not expired; anything else
/// under the key is removed (see [`Discard::should_remove`]).
pub fn load_check(now_ms: f64, settings: &Settings) -> Option<SavedCheck> {
    let raw = read(saved::CHECK_KEY).ok().flatten()?;
    match saved::decode_check(&raw, now_ms, settings.expiry_ms()) {
        Ok(check) => Some(check),
        Err(why) => {
            discard(saved::CHECK_KEY, why);
            None
        }
    }
}

/// The stored check as a save sees it ([`saved::reconcile`]).
pub fn read_check(now_ms: f64, settings: &Settings) -> Result<StoredCheck, StorageError> {
    let raw = read(saved::CHECK_KEY)?;
    Ok(StoredCheck::read(raw.as_deref(), now_ms, settings.expiry_ms()))
}

pub fn write_check(answers: &Answers, now_ms: f64) -> Result<(), StorageError> {
    write_record(saved::CHECK_KEY, &saved::encode_check(answers, now_ms))
}

pub fn remove_check() {
    let _ = remove_record(saved::CHECK_KEY);
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

/// This tab's `sessionStorage`, where Quick exit leaves its mark ([`saved::EXITED_KEY`]).
fn session() -> Option<web_sys::Storage> {
    if cfg!(feature = "ssr") {
        return None;
    }
    web_sys::window()?.session_storage().ok().flatten()
}
