//! The stored-data codec: what the app keeps on the device (a check in progress, the user's own numbers,
//! settings, the missing-child episode), as versioned JSON (serde derive + serde_json), and every way a
//! stored value can be unusable.
//!
//! Pure: strings in, values or a [`Discard`] reason out; the caller passes the time in. The thin layer
//! that touches `localStorage` is `crate::storage`, which only `crate::state` uses. A stored check never
//! holds names or free text: only the answers, sign ids and the time it was saved.
//!
//! Several tabs save the same check: [`reconcile`] decides what a save does (keep what is stored, remove
//! it, or write merged answers) from what the tab knew was stored, what it holds and what is stored now.
//!
//! Each record is read in two passes: its format version `"v"` first, then the body in the shape that
//! version promises. Every field is required, unknown keys are ignored, and a field of the wrong type
//! makes the whole record the wrong shape. Times are written as whole milliseconds (`Date.now()` has no
//! fraction), so no float formatting is linked into the WASM; a time with a fraction still reads.

use super::checker::{Age, AgeNow, Answer, Answers, SignSet};
use super::missing::Episode;
use super::phone::{MyNumber, MAX_NUMBERS};
use super::settings::{Dismissed, Look, Settings, Theme};
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::error::Category;

/// The format every record carries in `"v"`. Bump it when a record's shape changes, and teach
/// the decoders below to read (or knowingly drop) the older one.
pub const FORMAT: u64 = 1;

/// Every key this app writes starts with this, so "Erase everything" can find them all.
pub const KEY_PREFIX: &str = "red-flags:";
pub const CHECK_KEY: &str = "red-flags:check";
pub const NUMBERS_KEY: &str = "red-flags:numbers";
pub const SETTINGS_KEY: &str = "red-flags:settings";
/// What Quick exit always leaves on the device: the user's own set-up, nothing about a case. Every other
/// key under [`KEY_PREFIX`] is removed by an exit (`public/early.js`), including keys added after this
/// list, but for the one the user may choose to keep ([`kept_on_exit`]).
pub const KEEP_ON_EXIT: [&str; 2] = [SETTINGS_KEY, NUMBERS_KEY];
pub const MISSING_KEY: &str = "red-flags:missing";

/// The channel the app's tabs talk on. `public/early.js` sends `"exit"` on it (every tab then exits
/// too); the app sends [`ERASED_MESSAGE`] after "Erase everything".
pub const TABS_CHANNEL: &str = "red-flags:tabs";
pub const ERASED_MESSAGE: &str = "erased";
/// Set in `sessionStorage` by Quick exit in `public/early.js` (with a copy in `window.name`), which
/// sends a Back-button visit straight back to the neutral page. "Erase everything" removes it.
pub const EXITED_KEY: &str = "red-flags:exited";

/// What Quick exit leaves on the device under `settings`: [`KEEP_ON_EXIT`], and the missing-child
/// timeline when the user chose in Settings to keep it. `public/early.js` does the exit and reads the
/// choice from the stored settings at that moment (a test holds the two equal).
pub fn kept_on_exit(settings: &Settings) -> Vec<&'static str> {
    let mut kept = KEEP_ON_EXIT.to_vec();
    if !settings.exit_erases_missing {
        kept.push(MISSING_KEY);
    }
    kept
}

/// A saved check may be up to this far in the future (clocks drift); beyond that the device clock was
/// changed and the record's age cannot be trusted, so it is dropped.
const CLOCK_SLACK_MS: f64 = 5.0 * 60_000.0;

/// Why a stored value was not used. The app then starts from defaults; none of these is shown to the
/// user as an error, because none stops them from checking or calling.
#[derive(Debug, Clone, PartialEq)]
pub enum Discard {
    /// Not JSON at all (a truncated write, another program's data under our key).
    Corrupt(String),
    /// Written by an older version of the app, in a format this one no longer reads.
    OlderFormat(u64),
    /// Written by a newer version of the app (the user went back to an older cached one).
    NewerFormat(u64),
    /// JSON, but not the shape this format promises.
    WrongShape(String),
    /// A check older than the expiry the user chose.
    Expired,
    /// A check saved "in the future": the device clock was changed.
    FromTheFuture,
}

impl Discard {
    /// Whether the stored value should be removed. Data from a newer version is left alone: that
    /// version can still read it once the app updates.
    pub fn should_remove(&self) -> bool {
        !matches!(self, Discard::NewerFormat(_))
    }

    /// For the developer console.
    pub fn message(&self) -> String {
        match self {
            Discard::Corrupt(e) => format!("not JSON ({e})"),
            Discard::OlderFormat(v) => format!("format {v} is older than {FORMAT} and cannot be read"),
            Discard::NewerFormat(v) => format!("format {v} is newer than {FORMAT}: left in place for the newer app"),
            Discard::WrongShape(e) => format!("not the expected shape ({e})"),
            Discard::Expired => "expired".into(),
            Discard::FromTheFuture => "saved in the future: the device clock changed".into(),
        }
    }
}

/// Reads `raw` as `T`: the record's body, once its version is known. Text that is not JSON (a syntax
/// error, an early end, a number out of range) is corrupt; JSON of another shape is the wrong shape.
fn body<'a, T: Deserialize<'a>>(raw: &'a str) -> Result<T, Discard> {
    serde_json::from_str(raw).map_err(|e| {
        // serde_json reports some shape errors (`null` where an enum goes) as syntax: ask again.
        if e.classify() == Category::Data || serde_json::from_str::<AnyJson>(raw).is_ok() {
            Discard::WrongShape(e.to_string())
        } else {
            Discard::Corrupt(e.to_string())
        }
    })
}

/// Any JSON value, read in full (every number parsed, so one out of range is an error) and dropped.
struct AnyJson;

impl<'de> Deserialize<'de> for AnyJson {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<AnyJson, D::Error> {
        d.deserialize_any(AnyJson)
    }
}

impl<'de> Visitor<'de> for AnyJson {
    type Value = AnyJson;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, _: bool) -> Result<AnyJson, E> {
        Ok(AnyJson)
    }
    fn visit_i64<E>(self, _: i64) -> Result<AnyJson, E> {
        Ok(AnyJson)
    }
    fn visit_u64<E>(self, _: u64) -> Result<AnyJson, E> {
        Ok(AnyJson)
    }
    fn visit_f64<E>(self, _: f64) -> Result<AnyJson, E> {
        Ok(AnyJson)
    }
    fn visit_str<E>(self, _: &str) -> Result<AnyJson, E> {
        Ok(AnyJson)
    }
    fn visit_unit<E>(self) -> Result<AnyJson, E> {
        Ok(AnyJson)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<AnyJson, A::Error> {
        while seq.next_element::<AnyJson>()?.is_some() {}
        Ok(AnyJson)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AnyJson, A::Error> {
        while map.next_entry::<AnyJson, AnyJson>()?.is_some() {}
        Ok(AnyJson)
    }
}

#[derive(Deserialize)]
struct Version {
    v: u64,
}

/// Checks `raw`'s format version first: from `oldest` to `current` it is returned, and the body is then
/// the caller's to read in that version's shape.
fn version(raw: &str, oldest: u64, current: u64) -> Result<u64, Discard> {
    let Version { v } = body(raw)?;
    // serde also reads a struct from a list; no version ever wrote one.
    if !raw.trim_start_matches([' ', '\t', '\n', '\r']).starts_with('{') {
        return Err(Discard::WrongShape("not an object".into()));
    }
    match v {
        v if v < oldest => Err(Discard::OlderFormat(v)),
        v if v > current => Err(Discard::NewerFormat(v)),
        v => Ok(v),
    }
}

/// Whether `raw` is a record in a format newer than `current` (an update ran in another tab, then this
/// older cached app was opened): such a record is never written over, nor removed by a save.
pub fn is_newer(raw: &str, current: u64) -> bool {
    matches!(version(raw, 0, current), Err(Discard::NewerFormat(_)))
}

/// The format a save of `key` writes (the check and the settings have their own).
pub fn format_of(key: &str) -> u64 {
    match key {
        CHECK_KEY => CHECK_FORMAT,
        SETTINGS_KEY => SETTINGS_FORMAT,
        _ => FORMAT,
    }
}

/// Writes a record; a `String` always takes the JSON.
fn write<T: Serialize>(record: &T) -> String {
    serde_json::to_string(record).unwrap_or_default()
}

/// A time as whole milliseconds. A time JSON cannot hold exactly is written as `null`, which reads back
/// as the wrong shape.
fn whole_ms<S: Serializer>(ms: &f64, s: S) -> Result<S::Ok, S::Error> {
    let ms = ms.round();
    if ms.is_finite() && ms.abs() < 9.0e15 {
        s.serialize_i64(ms as i64)
    } else {
        s.serialize_none()
    }
}

fn whole_ms_or_null<S: Serializer>(ms: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match ms {
        Some(ms) => whole_ms(ms, s),
        None => s.serialize_none(),
    }
}

/// A stored time: a non-negative number of ms, not later than `now_ms` (beyond clock drift).
fn checked_time(t: f64, key: &str, now_ms: f64) -> Result<f64, Discard> {
    if !t.is_finite() || t < 0.0 {
        return Err(Discard::WrongShape(format!("\"{key}\" is not a time")));
    }
    if t > now_ms + CLOCK_SLACK_MS {
        return Err(Discard::FromTheFuture);
    }
    Ok(t)
}

// ---- The check in progress ----
//
// Format 1 (before the checker asked about danger, age and a return from a run) is still read; its
// "traded" is the exchange question and "in_care": "yes" the foster-care vulnerability. Format 2 (one
// age, "age") is still read: "under-18" and "not-sure" are the age now (under 18 now was under 18 then);
// "18-or-older" fits neither band of the age now nor, with certainty, the age then, so it reads as not
// answered, which gives the under-18 steps and the rule "if the youth was under 18 then".

/// The check record's own format (the other records are at [`FORMAT`]).
pub const CHECK_FORMAT: u64 = 3;

/// A check restored from the device.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedCheck {
    pub answers: Answers,
    pub saved_at_ms: f64,
    /// Sign ids in the record that the content no longer has (dropped, not an error).
    pub unknown_signs: usize,
}

impl SavedCheck {
    pub fn expires_at_ms(&self, settings: &Settings) -> f64 {
        self.saved_at_ms + settings.expiry_ms()
    }
}

#[derive(Serialize)]
struct CheckOut {
    v: u64,
    /// When the answers last changed, in ms since the Unix epoch.
    #[serde(serialize_with = "whole_ms")]
    saved_at: f64,
    danger_now: Answer,
    missing_now: Answer,
    returned: Answer,
    age_now: AgeNow,
    exchange: Answer,
    age_then: Age,
    /// Sign ids, not bit positions: ids survive the content being reordered.
    signs: Vec<&'static str>,
}

#[derive(Deserialize)]
struct CheckV3 {
    saved_at: f64,
    danger_now: Answer,
    missing_now: Answer,
    returned: Answer,
    age_now: AgeNow,
    exchange: Answer,
    age_then: Age,
    signs: Vec<String>,
}

#[derive(Deserialize)]
struct CheckV2 {
    saved_at: f64,
    danger_now: Answer,
    missing_now: Answer,
    returned: Answer,
    age: Age,
    exchange: Answer,
    signs: Vec<String>,
}

#[derive(Deserialize)]
struct CheckV1 {
    saved_at: f64,
    traded: Answer,
    missing_now: Answer,
    in_care: Answer,
    signs: Vec<String>,
}

pub fn encode_check(answers: &Answers, now_ms: f64) -> String {
    write(&CheckOut {
        v: CHECK_FORMAT,
        saved_at: now_ms,
        danger_now: answers.danger_now,
        missing_now: answers.missing_now,
        returned: answers.returned,
        age_now: answers.age_now,
        exchange: answers.exchange,
        age_then: answers.age_then,
        signs: answers.signs.ids(),
    })
}

/// Reads a stored check, if it is readable and younger than `max_age_ms` at `now_ms`.
pub fn decode_check(raw: &str, now_ms: f64, max_age_ms: f64) -> Result<SavedCheck, Discard> {
    let v = version(raw, 1, CHECK_FORMAT)?;
    let (saved_at, ids, answers) = if v == 1 {
        let r: CheckV1 = body(raw)?;
        let mut ids = r.signs;
        if r.in_care == Answer::Yes && !ids.iter().any(|id| id == "child-welfare-involvement") {
            ids.push("child-welfare-involvement".into());
        }
        let answers = Answers {
            missing_now: r.missing_now,
            exchange: r.traded,
            ..Answers::default()
        };
        (r.saved_at, ids, answers)
    } else if v == 2 {
        let r: CheckV2 = body(raw)?;
        let answers = Answers {
            danger_now: r.danger_now,
            missing_now: r.missing_now,
            returned: r.returned,
            age_now: match r.age {
                Age::Under18 => AgeNow::Under18,
                Age::NotSure => AgeNow::NotSure,
                Age::Adult | Age::Unanswered => AgeNow::Unanswered,
            },
            exchange: r.exchange,
            ..Answers::default()
        };
        (r.saved_at, r.signs, answers)
    } else {
        let r: CheckV3 = body(raw)?;
        let answers = Answers {
            danger_now: r.danger_now,
            missing_now: r.missing_now,
            returned: r.returned,
            age_now: r.age_now,
            exchange: r.exchange,
            age_then: r.age_then,
            ..Answers::default()
        };
        (r.saved_at, r.signs, answers)
    };
    let saved_at = checked_time(saved_at, "saved_at", now_ms)?;
    if now_ms - saved_at >= max_age_ms {
        return Err(Discard::Expired);
    }
    let signs = SignSet::from_ids(ids.iter().map(String::as_str));
    Ok(SavedCheck {
        answers: Answers { signs, ..answers },
        saved_at_ms: saved_at,
        // Saturating: a repeated id counts once in the set (never panics on odd stored data).
        unknown_signs: ids.len().saturating_sub(signs.len()),
    })
}

/// Two tabs changed the check: `base` is what this tab last read or wrote, `ours` what it holds now,
/// `theirs` what another tab stored since (blank after an exit, a reset or "Erase everything"). Each
/// change this tab made is applied to theirs, so neither tab's change is dropped and a stale tab never
/// writes back answers another tab cleared.
pub fn merge_answers(base: &Answers, ours: &Answers, theirs: &Answers) -> Answers {
    fn pick<T: PartialEq>(b: T, o: T, t: T) -> T {
        if o != b {
            o
        } else {
            t
        }
    }
    let mut signs = theirs.signs;
    for i in 0..32 {
        if ours.signs.contains(i) != base.signs.contains(i) {
            signs = signs.with(i, ours.signs.contains(i));
        }
    }
    Answers {
        danger_now: pick(base.danger_now, ours.danger_now, theirs.danger_now),
        missing_now: pick(base.missing_now, ours.missing_now, theirs.missing_now),
        returned: pick(base.returned, ours.returned, theirs.returned),
        age_now: pick(base.age_now, ours.age_now, theirs.age_now),
        exchange: pick(base.exchange, ours.exchange, theirs.exchange),
        age_then: pick(base.age_then, ours.age_then, theirs.age_then),
        signs,
    }
}

/// What the device holds under [`CHECK_KEY`], read just before a save.
#[derive(Debug, Clone, PartialEq)]
pub enum StoredCheck {
    /// No record.
    Nothing,
    /// A record this app cannot use (corrupt, expired, another format): it reads as a blank check.
    Unusable,
    Check(SavedCheck),
}

impl StoredCheck {
    /// The stored text (`None`: no record), as a save sees it.
    pub fn read(raw: Option<&str>, now_ms: f64, max_age_ms: f64) -> StoredCheck {
        match raw.map(|raw| decode_check(raw, now_ms, max_age_ms)) {
            None => StoredCheck::Nothing,
            Some(Ok(check)) => StoredCheck::Check(check),
            Some(Err(_)) => StoredCheck::Unusable,
        }
    }

    /// The answers stored: blank when there are none to read.
    pub fn answers(&self) -> Answers {
        match self {
            StoredCheck::Check(c) => c.answers,
            _ => Answers::default(),
        }
    }
}

/// What a save of the check does, decided by [`reconcile`].
#[derive(Debug, Clone, PartialEq)]
pub enum Reconciled {
    /// Stored as is already: no write, so the expiry does not restart and other tabs hear nothing.
    /// `saved_at_ms` is when the stored answers were saved, unless they are blank.
    Keep { answers: Answers, saved_at_ms: Option<f64> },
    /// The answers are blank: the record goes.
    Remove(Answers),
    /// These answers are written.
    Write(Answers),
}

impl Reconciled {
    /// The answers the tab shows (and knows are stored, once the save went through).
    pub fn answers(&self) -> Answers {
        match self {
            Reconciled::Keep { answers, .. } | Reconciled::Remove(answers) | Reconciled::Write(answers) => *answers,
        }
    }
}

/// Saving the check: `known` is what this tab last read from or wrote to the device, `ours` what it
/// holds now, `stored` what the device holds now. If another tab changed the stored check since this tab
/// last saw it (a tap there, a reset, an exit, "Erase everything"), this tab's changes are applied to
/// that one ([`merge_answers`]) rather than writing its old state over it.
pub fn reconcile(known: &Answers, ours: &Answers, stored: &StoredCheck) -> Reconciled {
    let theirs = stored.answers();
    let next = if theirs == *known {
        *ours
    } else {
        merge_answers(known, ours, &theirs)
    };
    match stored {
        StoredCheck::Check(c) if next == theirs => Reconciled::Keep {
            answers: next,
            saved_at_ms: (!next.is_blank()).then_some(c.saved_at_ms),
        },
        StoredCheck::Nothing if next == theirs => Reconciled::Keep {
            answers: next,
            saved_at_ms: None,
        },
        _ if next.is_blank() => Reconciled::Remove(next),
        _ => Reconciled::Write(next),
    }
}

// ---- My numbers ----

#[derive(Serialize, Deserialize)]
struct NumberEntry<'a> {
    /// Borrowed when written; read into a `String` (a stored label may hold escapes).
    #[serde(borrow)]
    label: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    dial: std::borrow::Cow<'a, str>,
}

#[derive(Serialize, Deserialize)]
struct NumbersRecord<'a> {
    #[serde(skip_deserializing)]
    v: u64,
    #[serde(borrow)]
    numbers: Vec<NumberEntry<'a>>,
}

pub fn encode_numbers(numbers: &[MyNumber]) -> String {
    write(&NumbersRecord {
        v: FORMAT,
        numbers: numbers
            .iter()
            .map(|n| NumberEntry {
                label: n.label.as_str().into(),
                dial: n.dial.as_str().into(),
            })
            .collect(),
    })
}

/// Reads the user's numbers. Each entry is validated again as if typed (a stored value is input too):
/// every entry must be the right shape, then entries that fail [`MyNumber::new`] are dropped and the
/// rest kept, up to [`MAX_NUMBERS`].
pub fn decode_numbers(raw: &str) -> Result<Vec<MyNumber>, Discard> {
    version(raw, FORMAT, FORMAT)?;
    let record: NumbersRecord = body(raw)?;
    Ok(record
        .numbers
        .iter()
        // Only whether an entry is valid counts here: the messages' language does not matter.
        .filter_map(|n| MyNumber::new(&crate::content::UI, &n.label, &n.dial).ok())
        .take(MAX_NUMBERS)
        .collect())
}

// ---- Settings ----
//
// Format 2 adds `exit_erases_missing`, required. Format 1 (before the choice existed) is still read, as
// Quick exit deleting the timeline, which is all format 1's app could do. The version is bumped, not a
// field added to format 1, so that an older app never writes a format-1 record over a choice to keep the
// timeline (it leaves a newer record alone, [`is_newer`]) and its early.js reads no such choice.

/// The settings record's own format (the other records but the check are at [`FORMAT`]).
pub const SETTINGS_FORMAT: u64 = 2;

#[derive(Serialize)]
struct SettingsOut {
    v: u64,
    /// Percent.
    text_scale: u16,
    theme: Theme,
    /// Whether Quick exit also deletes the missing-child timeline. Before `expiry_hours`, so a record
    /// with the look and language unset still ends with the expiry, as format 1 did.
    exit_erases_missing: bool,
    expiry_hours: u16,
    /// Written only when it is not the standard look, and read as standard when missing or unknown, so
    /// settings stored before it existed read the same.
    #[serde(skip_serializing_if = "Option::is_none")]
    look: Option<&'static str>,
    /// The language chosen (`en`, `es`): written only once one is, and read as none when missing or
    /// unknown, so settings stored before it existed read the same.
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'static str>,
    /// Home's invitations dismissed (`install`, `agency-number`): written only once one is, read as none
    /// when missing; an unknown id is ignored.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    dismissed: Vec<&'static str>,
}

#[derive(Deserialize)]
struct SettingsV2 {
    text_scale: u16,
    theme: Theme,
    exit_erases_missing: bool,
    expiry_hours: u16,
    #[serde(default)]
    look: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    dismissed: Vec<String>,
}

#[derive(Deserialize)]
struct SettingsV1 {
    text_scale: u16,
    theme: Theme,
    expiry_hours: u16,
    #[serde(default)]
    look: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    dismissed: Vec<String>,
}

pub fn encode_settings(settings: &Settings) -> String {
    write(&SettingsOut {
        v: SETTINGS_FORMAT,
        text_scale: settings.text_scale,
        theme: settings.theme,
        exit_erases_missing: settings.exit_erases_missing,
        expiry_hours: settings.expiry_hours,
        look: (settings.look != Look::Standard).then(|| settings.look.id()),
        lang: settings.lang.map(crate::content::Lang::code),
        dismissed: settings.dismissed.ids(),
    })
}

pub fn decode_settings(raw: &str) -> Result<Settings, Discard> {
    let v = version(raw, 1, SETTINGS_FORMAT)?;
    let r = if v == 1 {
        let r: SettingsV1 = body(raw)?;
        SettingsV2 {
            text_scale: r.text_scale,
            theme: r.theme,
            exit_erases_missing: true,
            expiry_hours: r.expiry_hours,
            look: r.look,
            lang: r.lang,
            dismissed: r.dismissed,
        }
    } else {
        body(raw)?
    };
    Ok(Settings {
        text_scale: r.text_scale,
        theme: r.theme,
        expiry_hours: r.expiry_hours,
        look: Look::ALL
            .into_iter()
            .find(|l| Some(l.id()) == r.look.as_deref())
            .unwrap_or_default(),
        lang: r.lang.as_deref().and_then(crate::content::Lang::from_code),
        dismissed: Dismissed::from_ids(r.dismissed.iter().map(String::as_str)),
        exit_erases_missing: r.exit_erases_missing,
    }
    .sanitised())
}

// ---- A child is missing: the episode in progress ----
//
// Times and ids from content/missing.toml only: nothing about the child.

#[derive(Serialize, Deserialize)]
struct DoneEntry<'a> {
    #[serde(borrow)]
    step: std::borrow::Cow<'a, str>,
    #[serde(serialize_with = "whole_ms")]
    at: f64,
}

#[derive(Serialize, Deserialize)]
struct MissingRecord<'a> {
    #[serde(skip_deserializing)]
    v: u64,
    #[serde(serialize_with = "whole_ms")]
    started_at: f64,
    /// `null` until the user says; required all the same (`deserialize_with` keeps serde from
    /// defaulting a missing `Option` to `None`).
    #[serde(serialize_with = "whole_ms_or_null", deserialize_with = "Option::deserialize")]
    learned_at: Option<f64>,
    #[serde(borrow)]
    done: Vec<DoneEntry<'a>>,
    #[serde(borrow)]
    ready: Vec<std::borrow::Cow<'a, str>>,
}

pub fn encode_missing(episode: &Episode) -> String {
    write(&MissingRecord {
        v: FORMAT,
        started_at: episode.started_at_ms,
        learned_at: episode.learned_at_ms,
        done: episode
            .done
            .iter()
            .map(|(step, at)| DoneEntry {
                step: (*step).into(),
                at: *at,
            })
            .collect(),
        ready: episode.ready.iter().map(|id| (*id).into()).collect(),
    })
}

/// An episode read back, and whether the device's clock went back since it was saved.
#[derive(Debug, Clone, PartialEq)]
pub struct RestoredEpisode {
    pub episode: Episode,
    /// Some time in the record was later than the clock now (beyond drift): the clock was set back (an
    /// NTP correction, a phone set to the right time). Those times read as now; the screen says so.
    pub clock_changed: bool,
}

/// Reads the episode in progress, unless it expired (see [`Episode::expires_at_ms`]). Step and item
/// ids the content no longer has are dropped. A clock set back never loses an episode: a time "in the
/// future" is read as `now_ms` (never later, so a deadline is never pushed back) and flagged.
pub fn decode_missing(raw: &str, now_ms: f64) -> Result<RestoredEpisode, Discard> {
    version(raw, FORMAT, FORMAT)?;
    let r: MissingRecord = body(raw)?;
    let mut clock_changed = false;
    let mut time = |t: f64, key: &str| match checked_time(t, key, now_ms) {
        Err(Discard::FromTheFuture) => {
            clock_changed = true;
            Ok(now_ms)
        }
        other => other,
    };
    let mut episode = Episode::new(time(r.started_at, "started_at")?);
    episode.learned_at_ms = match r.learned_at {
        Some(t) => Some(time(t, "learned_at")?),
        None => None,
    };
    for entry in &r.done {
        let at = time(entry.at, "at")?;
        episode.set_done(&entry.step, Some(at));
    }
    for id in &r.ready {
        episode.set_ready(id, true);
    }
    if now_ms >= episode.expires_at_ms() {
        return Err(Discard::Expired);
    }
    Ok(RestoredEpisode { episode, clock_changed })
}

#[cfg(test)]
mod release_records;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{SIGNS, UI};
    use serde_json::Value;

    const HOUR: f64 = 3_600_000.0;
    const NOW: f64 = 1_764_000_000_000.0;

    fn sample() -> Answers {
        Answers {
            danger_now: Answer::No,
            missing_now: Answer::Yes,
            returned: Answer::Unanswered,
            age_now: AgeNow::From18To20,
            exchange: Answer::NotSure,
            age_then: Age::Under18,
            signs: SignSet::default().with(0, true).with(2, true),
        }
    }

    #[test]
    fn a_merge_keeps_both_tabs_changes_and_never_revives_cleared_answers() {
        let base = sample();
        // This tab ticked sign 5; the other tab unticked sign 0 and answered "exchange".
        let ours = Answers {
            signs: base.signs.with(5, true),
            ..base
        };
        let theirs = Answers {
            exchange: Answer::Yes,
            signs: base.signs.with(0, false),
            ..base
        };
        let merged = merge_answers(&base, &ours, &theirs);
        assert_eq!(merged.exchange, Answer::Yes);
        assert_eq!(merged.signs, SignSet::default().with(2, true).with(5, true));
        // The other tab erased everything: only this tab's new tap survives.
        let erased = merge_answers(&base, &ours, &Answers::default());
        assert_eq!(
            erased,
            Answers {
                signs: SignSet::default().with(5, true),
                ..Answers::default()
            }
        );
        // Nothing changed here: theirs, as is.
        assert_eq!(merge_answers(&base, &base, &theirs), theirs);
    }

    fn stored(answers: Answers) -> StoredCheck {
        StoredCheck::Check(SavedCheck {
            answers,
            saved_at_ms: NOW - HOUR,
            unknown_signs: 0,
        })
    }

    #[test]
    fn a_save_writes_this_tabs_answers_when_the_device_holds_what_it_knew() {
        let ours = Answers {
            exchange: Answer::Yes,
            ..sample()
        };
        assert_eq!(reconcile(&sample(), &ours, &stored(sample())), Reconciled::Write(ours));
        // The first answer of a check, with nothing stored.
        assert_eq!(
            reconcile(&Answers::default(), &sample(), &StoredCheck::Nothing),
            Reconciled::Write(sample())
        );
    }

    #[test]
    fn a_save_keeps_what_is_stored_when_nothing_changed() {
        // Stored as is: no write, and the time it was saved stays.
        assert_eq!(
            reconcile(&sample(), &sample(), &stored(sample())),
            Reconciled::Keep {
                answers: sample(),
                saved_at_ms: Some(NOW - HOUR)
            }
        );
        // A blank check and nothing stored.
        let blank = Answers::default();
        assert_eq!(
            reconcile(&blank, &blank, &StoredCheck::Nothing),
            Reconciled::Keep {
                answers: blank,
                saved_at_ms: None
            }
        );
        // Another tab made the same change already.
        let ours = Answers {
            exchange: Answer::Yes,
            ..sample()
        };
        assert_eq!(
            reconcile(&sample(), &ours, &stored(ours)),
            Reconciled::Keep {
                answers: ours,
                saved_at_ms: Some(NOW - HOUR)
            }
        );
    }

    #[test]
    fn a_save_merges_into_what_another_tab_stored() {
        let known = sample();
        let ours = Answers {
            signs: known.signs.with(5, true),
            ..known
        };
        let theirs = Answers {
            exchange: Answer::Yes,
            ..known
        };
        let merged = Answers {
            exchange: Answer::Yes,
            signs: known.signs.with(5, true),
            ..known
        };
        assert_eq!(reconcile(&known, &ours, &stored(theirs)), Reconciled::Write(merged));
        // This tab changed nothing: it takes theirs, with no write.
        assert_eq!(
            reconcile(&known, &known, &stored(theirs)),
            Reconciled::Keep {
                answers: theirs,
                saved_at_ms: Some(NOW - HOUR)
            }
        );
    }

    #[test]
    fn a_save_never_revives_what_another_tab_erased() {
        let known = sample();
        let ours = Answers {
            signs: known.signs.with(5, true),
            ..known
        };
        // Erased there (an exit, "Erase everything"): only this tab's new tap is written.
        assert_eq!(
            reconcile(&known, &ours, &StoredCheck::Nothing),
            Reconciled::Write(Answers {
                signs: SignSet::default().with(5, true),
                ..Answers::default()
            })
        );
        // No new tap here: the check stays erased, with nothing written.
        assert_eq!(
            reconcile(&known, &known, &StoredCheck::Nothing),
            Reconciled::Keep {
                answers: Answers::default(),
                saved_at_ms: None
            }
        );
    }

    #[test]
    fn a_blank_check_removes_the_record() {
        // Reset here.
        assert_eq!(
            reconcile(&sample(), &Answers::default(), &stored(sample())),
            Reconciled::Remove(Answers::default())
        );
        // An unusable record (corrupt, expired) goes, whatever this tab knew.
        assert_eq!(
            reconcile(&Answers::default(), &Answers::default(), &StoredCheck::Unusable),
            Reconciled::Remove(Answers::default())
        );
        assert_eq!(
            reconcile(&sample(), &sample(), &StoredCheck::Unusable),
            Reconciled::Remove(Answers::default())
        );
        // With a new answer, it is written over.
        assert_eq!(
            reconcile(&Answers::default(), &sample(), &StoredCheck::Unusable),
            Reconciled::Write(sample())
        );
    }

    #[test]
    fn the_stored_text_reads_as_nothing_a_check_or_unusable() {
        assert_eq!(StoredCheck::read(None, NOW, HOUR), StoredCheck::Nothing);
        assert_eq!(StoredCheck::read(Some("{not json"), NOW, HOUR), StoredCheck::Unusable);
        let raw = encode_check(&sample(), NOW - 2.0 * HOUR);
        assert_eq!(StoredCheck::read(Some(&raw), NOW, HOUR), StoredCheck::Unusable);
        assert_eq!(StoredCheck::read(Some(&raw), NOW, 3.0 * HOUR).answers(), sample());
    }

    /// `public/early.js` reads the stored settings before the first paint, in JavaScript: from the key
    /// and in the format versions the app writes (what it applies: `core::settings`'s tests).
    #[test]
    fn the_early_script_reads_the_settings_record_the_app_writes() {
        let js =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/early.js")).expect("public/early.js");
        assert!(
            js.contains(&format!("getItem(\"{SETTINGS_KEY}\")")),
            "early.js reads another key"
        );
        // Every format this app reads (the display settings are the same in each), and no later one.
        assert!(
            js.contains("if (!s || s.v !== 1 && s.v !== 2) return;") && SETTINGS_FORMAT == 2,
            "early.js reads other settings formats than the app"
        );
        assert!(
            js.contains("(s.v === 1 || s.v === 2) && (s.lang === \"en\" || s.lang === \"es\")"),
            "early.js reads the language from other settings formats than the app"
        );
        // What Quick exit does with the missing-child timeline, for Settings to say before the app runs.
        let keep = Settings {
            exit_erases_missing: false,
            ..Settings::default()
        };
        assert!(
            js.contains(&format!(
                "if (s.v === {SETTINGS_FORMAT} && s.exit_erases_missing === false) html.setAttribute(\"data-exit\", \"{}\");",
                keep.data_exit().expect("an attribute when the timeline is kept")
            )),
            "early.js marks the choice to keep the timeline otherwise than the app"
        );
    }

    /// "Erase everything" and Quick exit name every record they delete: Erase all of them, Exit all but
    /// the ones it keeps under each choice in Settings (`saved::kept_on_exit`), and says so of the one
    /// it keeps by choice. A new record that is not named fails here.
    #[test]
    fn erase_and_exit_name_every_record_they_delete() {
        for lang in crate::content::Lang::ALL {
            let (ui, es) = (lang.ui(), lang == crate::content::Lang::Es);
            let named = if es {
                [
                    (SETTINGS_KEY, "configuración"),
                    (NUMBERS_KEY, "sus números"),
                    (CHECK_KEY, "verificación"),
                    (MISSING_KEY, "cronología de menor desaparecido"),
                ]
            } else {
                [
                    (SETTINGS_KEY, "settings"),
                    (NUMBERS_KEY, "your numbers"),
                    (CHECK_KEY, "check"),
                    (MISSING_KEY, "missing-child timeline"),
                ]
            };
            let (deletes, keeps) = if es {
                ("borra", "Conserva")
            } else {
                ("deletes", "keeps")
            };
            for (key, words) in named {
                for text in [ui.settings_erase_text, ui.settings_erased] {
                    assert!(text.contains(words), "{key}: {words:?} not in {text:?}");
                }
            }
            for exit_erases_missing in [true, false] {
                let settings = Settings {
                    exit_erases_missing,
                    ..Settings::default()
                };
                let kept = kept_on_exit(&settings);
                // Exit's text as Settings shows it under this choice.
                let shown = [ui.settings_exit_text, settings.exit_missing_text(ui)];
                for (key, words) in named {
                    if KEEP_ON_EXIT.contains(&key) {
                        continue;
                    }
                    let says = shown.iter().find(|t| t.contains(words));
                    let says = says.unwrap_or_else(|| panic!("{key}: {words:?} not in Exit's text {shown:?}"));
                    if kept.contains(&key) {
                        assert!(says.contains(keeps) && !says.contains(deletes), "{key}: {says:?}");
                        // Kept, it can be seen.
                        assert!(says.contains(if es { "puede verla" } else { "can see it" }), "{says:?}");
                    } else {
                        assert!(says.contains(deletes) && !says.contains(keeps), "{key}: {says:?}");
                    }
                }
            }
        }
        let about = crate::content::EN
            .section("about-this-app")
            .expect("about")
            .points
            .join(" ");
        assert!(about.contains(
            "Exit this page deletes the taps at once, and the missing-child times and ticks too unless you choose in Settings to keep them"
        ));
    }

    #[test]
    fn a_check_round_trips_with_its_time() {
        let raw = encode_check(&sample(), NOW);
        let back = decode_check(&raw, NOW + HOUR, 12.0 * HOUR).expect("fresh check reads back");
        assert_eq!(back.answers, sample());
        assert_eq!(back.saved_at_ms, NOW);
        assert_eq!(back.unknown_signs, 0);
        assert_eq!(back.expires_at_ms(&Settings::default()), NOW + 12.0 * HOUR);
    }

    #[test]
    fn the_stored_check_holds_only_answers_sign_ids_and_time() {
        let raw = encode_check(&sample(), NOW);
        let value: Value = serde_json::from_str(&raw).expect("json");
        let mut keys: Vec<&str> = value.as_object().expect("object").keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "age_now",
                "age_then",
                "danger_now",
                "exchange",
                "missing_now",
                "returned",
                "saved_at",
                "signs",
                "v"
            ]
        );
        assert_eq!(value["signs"], serde_json::json!([SIGNS[0].id, SIGNS[2].id]));
        assert_eq!(value["exchange"], "not-sure");
        assert_eq!(value["age_now"], "18-to-20");
        assert_eq!(value["age_then"], "under-18");
        assert_eq!(value["v"], 3);
    }

    #[test]
    fn an_expired_check_is_discarded_and_removed() {
        let raw = encode_check(&sample(), NOW);
        assert_eq!(
            decode_check(&raw, NOW + 12.0 * HOUR, 12.0 * HOUR),
            Err(Discard::Expired)
        );
        assert!(decode_check(&raw, NOW + 12.0 * HOUR - 1.0, 12.0 * HOUR).is_ok());
        // A shorter expiry chosen later applies to a check already saved.
        assert_eq!(decode_check(&raw, NOW + 2.0 * HOUR, HOUR), Err(Discard::Expired));
        assert!(Discard::Expired.should_remove());
    }

    #[test]
    fn a_check_from_the_future_is_discarded() {
        let raw = encode_check(&sample(), NOW + 2.0 * HOUR);
        assert_eq!(decode_check(&raw, NOW, 12.0 * HOUR), Err(Discard::FromTheFuture));
        // Small clock drift is fine.
        let raw = encode_check(&sample(), NOW + 60_000.0);
        assert!(decode_check(&raw, NOW, 12.0 * HOUR).is_ok());
    }

    #[test]
    fn an_older_format_is_discarded_and_removed() {
        let raw = r#"{"v":0,"saved_at":1764000000000,"traded":"yes","missing_now":"no","in_care":"no","signs":[]}"#;
        let err = decode_check(raw, NOW, 12.0 * HOUR).unwrap_err();
        assert_eq!(err, Discard::OlderFormat(0));
        assert!(err.should_remove());
    }

    #[test]
    fn a_newer_format_is_discarded_but_left_for_the_newer_app() {
        let raw = r#"{"v":4,"saved_at":1764000000000,"answers":{"whatever":true}}"#;
        let err = decode_check(raw, NOW, 12.0 * HOUR).unwrap_err();
        assert_eq!(err, Discard::NewerFormat(4));
        assert!(!err.should_remove());
        assert!(err.message().contains("newer"));
        assert_eq!(decode_numbers(r#"{"v":9}"#), Err(Discard::NewerFormat(9)));
        assert_eq!(decode_settings(r#"{"v":9}"#), Err(Discard::NewerFormat(9)));
    }

    #[test]
    fn corrupted_json_is_discarded() {
        for raw in ["", "{", "{\"v\":1,", "not json", "\u{0}\u{1}", "[1,2"] {
            match decode_check(raw, NOW, 12.0 * HOUR) {
                Err(Discard::Corrupt(_)) => {}
                other => panic!("{raw:?} gave {other:?}"),
            }
            assert!(matches!(decode_numbers(raw), Err(Discard::Corrupt(_))));
            assert!(matches!(decode_settings(raw), Err(Discard::Corrupt(_))));
        }
    }

    #[test]
    fn wrong_shapes_are_discarded() {
        let cases = [
            "null",
            "[]",
            "42",
            "\"text\"",
            "{}",
            r#"{"v":"1"}"#,
            r#"{"v":1.5}"#,
            r#"{"v":-1}"#,
            r#"{"v":1}"#,
            r#"{"v":1,"saved_at":"yesterday","traded":"yes","missing_now":"no","in_care":"no","signs":[]}"#,
            r#"{"v":1,"saved_at":1764000000000,"traded":"maybe","missing_now":"no","in_care":"no","signs":[]}"#,
            r#"{"v":1,"saved_at":1764000000000,"traded":"yes","missing_now":"no","in_care":"no","signs":"running-away"}"#,
            r#"{"v":1,"saved_at":1764000000000,"traded":"yes","missing_now":"no","in_care":"no","signs":[1,2]}"#,
            r#"{"v":1,"saved_at":-5,"traded":"yes","missing_now":"no","in_care":"no","signs":[]}"#,
            r#"{"v":2,"saved_at":1764000000000,"danger_now":"no","missing_now":"no","returned":"no","age":"17","exchange":"no","signs":[]}"#,
            r#"{"v":2,"saved_at":1764000000000,"danger_now":"no","missing_now":"no","returned":"no","age":"under-18","signs":[]}"#,
            r#"{"v":2,"saved_at":1764000000000,"traded":"yes","missing_now":"no","in_care":"no","signs":[]}"#,
            r#"{"v":3,"saved_at":1764000000000,"danger_now":"no","missing_now":"no","returned":"no","age":"under-18","exchange":"no","signs":[]}"#,
            r#"{"v":3,"saved_at":1764000000000,"danger_now":"no","missing_now":"no","returned":"no","age_now":"18-or-older","exchange":"no","age_then":"under-18","signs":[]}"#,
        ];
        for raw in cases {
            match decode_check(raw, NOW, 12.0 * HOUR) {
                Err(Discard::WrongShape(_)) => {}
                other => panic!("{raw} gave {other:?}"),
            }
        }
        assert!(matches!(
            decode_numbers(r#"{"v":1,"numbers":{"a":1}}"#),
            Err(Discard::WrongShape(_))
        ));
        assert!(matches!(
            decode_settings(r#"{"v":1,"theme":"sepia"}"#),
            Err(Discard::WrongShape(_))
        ));
    }

    #[test]
    fn unknown_sign_ids_are_dropped_and_counted() {
        let raw = format!(
            r#"{{"v":1,"saved_at":{NOW},"traded":"no","missing_now":"no","in_care":"unanswered","signs":["{}","retired-sign","",  "{}"]}}"#,
            SIGNS[1].id, SIGNS[3].id
        );
        let back = decode_check(&raw, NOW, HOUR).expect("readable");
        assert_eq!(back.answers.signs.ids(), vec![SIGNS[1].id, SIGNS[3].id]);
        assert_eq!(back.unknown_signs, 2);
        assert_eq!(back.answers.exchange, Answer::No);
    }

    #[test]
    fn numbers_round_trip_and_bad_entries_are_dropped() {
        let good = vec![
            MyNumber::new(&UI, "State hotline", "555-234-5678").expect("valid"),
            MyNumber::new(&UI, "Supervisor", "+44 20 7946 0000").expect("valid"),
        ];
        assert_eq!(decode_numbers(&encode_numbers(&good)), Ok(good.clone()));
        let raw = r#"{"v":1,"numbers":[
            {"label":"State hotline","dial":"+15552345678"},
            {"label":"","dial":"+15552345678"},
            {"label":"Bad","dial":"911"},
            {"label":"Short","dial":"12"}
        ]}"#;
        let back = decode_numbers(raw).expect("readable");
        assert_eq!(back, vec![good[0].clone()]);
    }

    #[test]
    fn numbers_beyond_the_cap_are_dropped() {
        let many: Vec<MyNumber> = (0..MAX_NUMBERS + 3)
            .map(|i| MyNumber::new(&UI, &format!("Line {i}"), &format!("555-234-56{i:02}")).expect("valid"))
            .collect();
        assert_eq!(decode_numbers(&encode_numbers(&many)).map(|v| v.len()), Ok(MAX_NUMBERS));
    }

    #[test]
    fn settings_round_trip_and_odd_values_fall_back() {
        let s = Settings {
            text_scale: 150,
            theme: Theme::Dark,
            expiry_hours: 4,
            look: Look::Standard,
            lang: None,
            dismissed: Dismissed::default(),
            exit_erases_missing: true,
        };
        assert_eq!(decode_settings(&encode_settings(&s)), Ok(s));
        for exit_erases_missing in [true, false] {
            let s = Settings {
                exit_erases_missing,
                ..s
            };
            assert_eq!(decode_settings(&encode_settings(&s)), Ok(s), "{exit_erases_missing}");
        }
        for look in Look::ALL {
            let s = Settings { look, ..s };
            assert_eq!(decode_settings(&encode_settings(&s)), Ok(s), "{look:?}");
        }
        for lang in crate::content::Lang::ALL {
            let s = Settings { lang: Some(lang), ..s };
            assert_eq!(decode_settings(&encode_settings(&s)), Ok(s), "{lang:?}");
            assert!(encode_settings(&s).contains(&format!("\"lang\":\"{}\"", lang.code())));
        }
        assert!(
            !encode_settings(&s).contains("lang"),
            "no choice, no field: {}",
            encode_settings(&s)
        );
        assert!(!encode_settings(&s).contains("dismissed"), "none dismissed, no field");
        for dismissed in [
            Dismissed {
                install: true,
                agency_number: false,
            },
            Dismissed {
                install: false,
                agency_number: true,
            },
            Dismissed {
                install: true,
                agency_number: true,
            },
        ] {
            let s = Settings { dismissed, ..s };
            assert_eq!(decode_settings(&encode_settings(&s)), Ok(s), "{dismissed:?}");
        }
        // An invitation this version does not know is ignored; the rest is kept.
        let odd = decode_settings(
            r#"{"v":1,"text_scale":150,"theme":"dark","expiry_hours":4,"dismissed":["x","agency-number"]}"#,
        );
        assert_eq!(
            odd,
            Ok(Settings {
                dismissed: Dismissed {
                    install: false,
                    agency_number: true
                },
                ..s
            })
        );
        // A language this version does not have reads as no choice; the rest is kept.
        let odd = decode_settings(r#"{"v":1,"text_scale":150,"theme":"dark","expiry_hours":4,"lang":"fr"}"#);
        assert_eq!(odd, Ok(s));
        // A look this version does not know reads as the standard look; the rest is kept.
        let odd = decode_settings(r#"{"v":1,"text_scale":150,"theme":"dark","expiry_hours":4,"look":"x"}"#);
        assert_eq!(
            odd,
            Ok(Settings {
                look: Look::Standard,
                lang: None,
                exit_erases_missing: true,
                ..s
            })
        );
        let back = decode_settings(r#"{"v":1,"text_scale":999,"theme":"light","expiry_hours":4}"#).expect("readable");
        assert_eq!(
            back,
            Settings {
                text_scale: 100,
                theme: Theme::Light,
                expiry_hours: 4,
                look: Look::Standard,
                lang: None,
                dismissed: Dismissed::default(),
                exit_erases_missing: true,
            }
        );
        assert!(matches!(
            decode_settings(r#"{"v":1,"theme":"light"}"#),
            Err(Discard::WrongShape(_))
        ));
    }

    // Records written by the serde_json codec this module used before (captured from it, verbatim).
    const OLD_CHECK: &str = r#"{"v":1,"saved_at":1764000000000.0,"traded":"not-sure","missing_now":"yes","in_care":"unanswered","signs":["sexual-abuse-history","abuse-or-stds","unexplained-gifts"]}"#;
    const OLD_CHECK_BLANK: &str = r#"{"v":1,"saved_at":1764000123456.5,"traded":"unanswered","missing_now":"unanswered","in_care":"unanswered","signs":[]}"#;
    const CHECK_V2: &str = r#"{"v":2,"saved_at":1764000000000,"danger_now":"unanswered","missing_now":"yes","returned":"unanswered","age":"unanswered","exchange":"not-sure","signs":["abuse-or-stds","unexplained-gifts","sexual-abuse-history"]}"#;
    const CHECK_V3: &str = r#"{"v":3,"saved_at":1764000000000,"danger_now":"unanswered","missing_now":"yes","returned":"unanswered","age_now":"unanswered","exchange":"not-sure","age_then":"unanswered","signs":["abuse-or-stds","unexplained-gifts","sexual-abuse-history"]}"#;
    const CHECK_V3_BLANK: &str = r#"{"v":3,"saved_at":1764000123457,"danger_now":"unanswered","missing_now":"unanswered","returned":"unanswered","age_now":"unanswered","exchange":"unanswered","age_then":"unanswered","signs":[]}"#;
    const OLD_NUMBERS: &str = r#"{"v":1,"numbers":[{"label":"State \"hot\" line\\ é","dial":"+15552345678"},{"label":"Supervisor","dial":"+442079460000"}]}"#;
    const OLD_SETTINGS: &str = r#"{"v":1,"text_scale":100,"theme":"system","expiry_hours":12}"#;
    const OLD_SETTINGS_DARK: &str = r#"{"v":1,"text_scale":150,"theme":"dark","expiry_hours":4}"#;
    const SETTINGS_V2: &str =
        r#"{"v":2,"text_scale":100,"theme":"system","exit_erases_missing":true,"expiry_hours":12}"#;
    const SETTINGS_V2_KEEP: &str = r#"{"v":2,"text_scale":125,"theme":"light","exit_erases_missing":false,"expiry_hours":1,"look":"notes","lang":"es"}"#;

    /// Format 1 had no choice: Quick exit deleted the timeline, and so it reads. Format 2 must say.
    #[test]
    fn settings_of_format_1_read_as_exit_deleting_the_timeline_and_format_2_must_say() {
        for raw in [OLD_SETTINGS, OLD_SETTINGS_DARK] {
            let s = decode_settings(raw).expect("format 1");
            assert!(s.exit_erases_missing, "{raw}");
            assert_eq!(kept_on_exit(&s), KEEP_ON_EXIT);
        }
        let keep = decode_settings(SETTINGS_V2_KEEP).expect("format 2");
        assert_eq!(
            keep,
            Settings {
                text_scale: 125,
                theme: Theme::Light,
                expiry_hours: 1,
                look: Look::Notes,
                lang: Some(crate::content::Lang::Es),
                dismissed: Dismissed::default(),
                exit_erases_missing: false,
            }
        );
        assert_eq!(encode_settings(&keep), SETTINGS_V2_KEEP);
        assert_eq!(decode_settings(SETTINGS_V2), Ok(Settings::default()));
        // A format-1 record that somehow holds the field is still format 1: the field is not read.
        let v1_with_field =
            r#"{"v":1,"text_scale":100,"theme":"system","exit_erases_missing":false,"expiry_hours":12}"#;
        assert_eq!(decode_settings(v1_with_field).map(|s| s.exit_erases_missing), Ok(true));
        for body in [
            r#""text_scale":100,"theme":"system","expiry_hours":12"#,
            r#""text_scale":100,"theme":"system","exit_erases_missing":null,"expiry_hours":12"#,
            r#""text_scale":100,"theme":"system","exit_erases_missing":"false","expiry_hours":12"#,
            r#""text_scale":100,"theme":"system","exit_erases_missing":0,"expiry_hours":12"#,
        ] {
            assert!(
                matches!(
                    decode_settings(&format!(r#"{{"v":2,{body}}}"#)),
                    Err(Discard::WrongShape(_))
                ),
                "{body}"
            );
        }
        // A later format is left for the app that wrote it, never written over.
        let v3 = SETTINGS_V2_KEEP.replace(r#""v":2"#, r#""v":3"#);
        assert_eq!(decode_settings(&v3), Err(Discard::NewerFormat(3)));
        assert!(is_newer(&v3, format_of(SETTINGS_KEY)));
        assert!(!Discard::NewerFormat(3).should_remove());
        for raw in [OLD_SETTINGS, SETTINGS_V2, SETTINGS_V2_KEEP] {
            assert!(!is_newer(raw, format_of(SETTINGS_KEY)), "{raw}");
        }
    }

    #[test]
    fn quick_exit_keeps_the_timeline_only_when_chosen() {
        let erase = Settings::default();
        assert_eq!(kept_on_exit(&erase), [SETTINGS_KEY, NUMBERS_KEY]);
        assert!(!kept_on_exit(&erase).contains(&MISSING_KEY));
        assert!(!kept_on_exit(&erase).contains(&CHECK_KEY));
        let keep = Settings {
            exit_erases_missing: false,
            ..erase
        };
        assert_eq!(kept_on_exit(&keep), [SETTINGS_KEY, NUMBERS_KEY, MISSING_KEY]);
        // The check in progress always goes.
        assert!(!kept_on_exit(&keep).contains(&CHECK_KEY));
    }

    #[test]
    fn records_written_by_the_serde_version_read_back() {
        let check = decode_check(OLD_CHECK, NOW, HOUR).expect("old check");
        assert_eq!(
            check.answers,
            Answers {
                missing_now: Answer::Yes,
                exchange: Answer::NotSure,
                signs: SignSet::from_ids(["sexual-abuse-history", "abuse-or-stds", "unexplained-gifts"]),
                ..Answers::default()
            }
        );
        assert_eq!(check.answers.signs.len(), 3);
        // Format 1's separate foster-care answer is the foster-care vulnerability now.
        let in_care = OLD_CHECK.replace(r#""in_care":"unanswered""#, r#""in_care":"yes""#);
        let check = decode_check(&in_care, NOW, HOUR).expect("old check in care");
        assert!(check.answers.signs.ids().contains(&"child-welfare-involvement"));
        assert_eq!(check.answers.signs.len(), 4);
        assert_eq!(check.saved_at_ms, NOW);
        let blank = decode_check(OLD_CHECK_BLANK, NOW, HOUR).expect("old blank check");
        assert_eq!(blank.answers, Answers::default());
        assert_eq!(blank.saved_at_ms, 1_764_000_123_456.5);
        assert_eq!(
            decode_numbers(OLD_NUMBERS),
            Ok(vec![
                MyNumber::new(&UI, "State \"hot\" line\\ é", "555-234-5678").expect("valid"),
                MyNumber::new(&UI, "Supervisor", "+44 20 7946 0000").expect("valid"),
            ])
        );
        assert_eq!(decode_settings(OLD_SETTINGS), Ok(Settings::default()));
        assert_eq!(
            decode_settings(OLD_SETTINGS_DARK),
            Ok(Settings {
                text_scale: 150,
                theme: Theme::Dark,
                expiry_hours: 4,
                look: Look::Standard,
                lang: None,
                dismissed: Dismissed::default(),
                exit_erases_missing: true,
            })
        );
    }

    #[test]
    fn records_are_written_as_the_serde_version_wrote_them() {
        // The same keys, order and escaping; the time is written in whole milliseconds, without serde's ".0".
        // A format-1 or format-2 check is written back as format 3.
        let check = decode_check(OLD_CHECK, NOW, HOUR).expect("old check");
        assert_eq!(encode_check(&check.answers, NOW), CHECK_V3);
        assert_eq!(decode_check(CHECK_V2, NOW, HOUR).map(|c| c.answers), Ok(check.answers));
        assert_eq!(decode_check(CHECK_V3, NOW, HOUR).map(|c| c.answers), Ok(check.answers));
        assert_eq!(encode_check(&Answers::default(), 1_764_000_123_456.5), CHECK_V3_BLANK);
        assert!(decode_check(&encode_check(&sample(), f64::NAN), NOW, HOUR).is_err());
        assert_eq!(
            encode_numbers(&decode_numbers(OLD_NUMBERS).expect("old numbers")),
            OLD_NUMBERS
        );
        assert_eq!(encode_numbers(&[]), r#"{"v":1,"numbers":[]}"#);
        // Format-1 settings are written back in format 2, which says what Quick exit does.
        assert_eq!(encode_settings(&Settings::default()), SETTINGS_V2);
        assert_eq!(
            encode_settings(&decode_settings(OLD_SETTINGS_DARK).expect("old settings")),
            r#"{"v":2,"text_scale":150,"theme":"dark","exit_erases_missing":true,"expiry_hours":4}"#
        );
    }

    #[test]
    fn field_types_are_checked_like_serde_did() {
        let settings = |body: &str| decode_settings(&format!(r#"{{"v":1,{body}}}"#));
        assert!(settings(r#""text_scale":125,"theme":"light","expiry_hours":24,"extra":[1]"#).is_ok());
        for body in [
            r#""text_scale":70000,"theme":"light","expiry_hours":4"#,
            r#""text_scale":-1,"theme":"light","expiry_hours":4"#,
            r#""text_scale":100.0,"theme":"light","expiry_hours":4"#,
            r#""text_scale":100,"theme":null,"expiry_hours":4"#,
            r#""text_scale":100,"theme":"Light","expiry_hours":4"#,
            r#""text_scale":100,"theme":"light","expiry_hours":"4""#,
        ] {
            assert!(matches!(settings(body), Err(Discard::WrongShape(_))), "{body}");
        }
        assert!(matches!(
            decode_numbers(r#"{"v":1,"numbers":[{"label":"A","dial":"+15552345678"},{"label":1,"dial":"x"}]}"#),
            Err(Discard::WrongShape(_))
        ));
        assert!(matches!(
            decode_numbers(r#"{"v":1,"numbers":[{"label":"A"}]}"#),
            Err(Discard::WrongShape(_))
        ));
        assert!(matches!(decode_numbers(r#"{"v":1}"#), Err(Discard::WrongShape(_))));
        // Numbers too large for a float are not JSON numbers we can hold: corrupt, as serde_json said.
        assert!(matches!(decode_settings(r#"{"v":1e999}"#), Err(Discard::Corrupt(_))));
        assert!(matches!(
            decode_settings(r#"{"v":99999999999999999999}"#),
            Err(Discard::WrongShape(_))
        ));
        // A repeated key is a record no version wrote.
        assert!(matches!(
            decode_settings(r#"{"v":2,"v":1,"text_scale":100,"theme":"system","expiry_hours":12}"#),
            Err(Discard::WrongShape(_))
        ));
    }

    /// No stored value, however garbled, panics a decoder.
    #[test]
    fn garbled_records_never_panic() {
        let seeds = [
            OLD_CHECK,
            OLD_CHECK_BLANK,
            CHECK_V2,
            OLD_NUMBERS,
            OLD_SETTINGS,
            SETTINGS_V2_KEEP,
            MISSING_V1,
        ];
        let mut state: u64 = 7;
        let mut next = move || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        let alphabet: &[u8] = b"{}[]\":,\\ -.e019nul\x00";
        let mut decoded = 0;
        for round in 0..20_000 {
            let mut bytes = seeds[round % seeds.len()].as_bytes().to_vec();
            for _ in 0..1 + next() % 3 {
                let at = next() % (bytes.len() + 1);
                match next() % 3 {
                    0 if at < bytes.len() => bytes[at] = alphabet[next() % alphabet.len()],
                    1 => bytes.insert(at, alphabet[next() % alphabet.len()]),
                    _ => bytes.truncate(at),
                }
            }
            let raw = String::from_utf8_lossy(&bytes);
            decoded += decode_check(&raw, NOW, HOUR).is_ok() as usize;
            decoded += decode_numbers(&raw).is_ok() as usize;
            decoded += decode_settings(&raw).is_ok() as usize;
            decoded += decode_missing(&raw, NOW).is_ok() as usize;
        }
        // Some mutations are harmless (whitespace, an extra key): the test really exercised the happy path too.
        assert!(decoded > 0);
    }

    /// An episode as format 1 writes it: kept verbatim so a format change cannot pass unnoticed.
    const MISSING_V1: &str = r#"{"v":1,"started_at":1764000000000,"learned_at":1763996400000,"done":[{"step":"police","at":1764000060000},{"step":"ncmec","at":1764000600000}],"ready":["photo","secure-devices"]}"#;

    fn episode() -> Episode {
        let mut e = Episode::new(NOW);
        e.learned_at_ms = Some(NOW - HOUR);
        e.set_done("police", Some(NOW + 60_000.0));
        e.set_done("ncmec", Some(NOW + 600_000.0));
        e.set_ready("photo", true);
        e.set_ready("secure-devices", true);
        e
    }

    #[test]
    fn an_episode_round_trips_and_holds_only_times_and_ids() {
        assert_eq!(encode_missing(&episode()), MISSING_V1);
        assert_eq!(
            decode_missing(MISSING_V1, NOW + HOUR),
            Ok(RestoredEpisode {
                episode: episode(),
                clock_changed: false
            })
        );
        let blank = Episode::new(NOW);
        assert_eq!(
            encode_missing(&blank),
            r#"{"v":1,"started_at":1764000000000,"learned_at":null,"done":[],"ready":[]}"#
        );
        assert_eq!(
            decode_missing(&encode_missing(&blank), NOW).map(|r| r.episode),
            Ok(blank)
        );
        let value: Value = serde_json::from_str(MISSING_V1).expect("json");
        let mut keys: Vec<&str> = value.as_object().expect("object").keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["done", "learned_at", "ready", "started_at", "v"]);
    }

    #[test]
    fn an_episode_expires_two_days_after_its_deadline_and_odd_ones_are_discarded() {
        // Learned an hour before NOW: due NOW + 23 h, kept until NOW + 71 h.
        let expiry = NOW + 71.0 * HOUR;
        assert!(decode_missing(MISSING_V1, expiry - 1.0).is_ok());
        assert_eq!(decode_missing(MISSING_V1, expiry), Err(Discard::Expired));
        assert_eq!(
            decode_missing(r#"{"v":0,"started_at":1}"#, NOW),
            Err(Discard::OlderFormat(0))
        );
        assert_eq!(
            decode_missing(&MISSING_V1.replace("\"v\":1", "\"v\":2"), NOW),
            Err(Discard::NewerFormat(2))
        );
        assert!(matches!(
            decode_missing("{\"v\":1,\"started_at\":", NOW),
            Err(Discard::Corrupt(_))
        ));
        for body in [
            r#""started_at":"yesterday","learned_at":null,"done":[],"ready":[]"#,
            r#""started_at":-5,"learned_at":null,"done":[],"ready":[]"#,
            r#""started_at":1764000000000,"done":[],"ready":[]"#,
            r#""started_at":1764000000000,"learned_at":null,"done":[{"step":"police"}],"ready":[]"#,
            r#""started_at":1764000000000,"learned_at":null,"done":[],"ready":[1]"#,
        ] {
            assert!(
                matches!(
                    decode_missing(&format!("{{\"v\":1,{body}}}"), NOW),
                    Err(Discard::WrongShape(_))
                ),
                "{body}"
            );
        }
        // Ids the content no longer has are dropped, the rest kept.
        let old_ids = MISSING_V1
            .replace("\"police\"", "\"gone-step\"")
            .replace("\"photo\"", "\"gone-item\"");
        let back = decode_missing(&old_ids, NOW + HOUR).expect("readable").episode;
        assert_eq!((back.done.len(), back.ready.clone()), (1, vec!["secure-devices"]));
    }

    /// Attack 1: the clock set back 10 minutes (an NTP correction) after steps were marked. The episode
    /// is kept; times later than the clock read as now, never later; the rest are kept as they were.
    #[test]
    fn a_clock_set_back_keeps_the_episode_and_flags_it() {
        // The last step was marked at NOW + 10 min; the clock now says NOW + 1 min.
        let now = NOW + 60_000.0;
        let back = decode_missing(MISSING_V1, now).expect("the episode is kept");
        assert!(back.clock_changed);
        let e = back.episode;
        assert_eq!(e.started_at_ms, NOW);
        assert_eq!(e.learned_at_ms, Some(NOW - HOUR));
        assert_eq!(e.done_at("police"), Some(NOW + 60_000.0));
        assert_eq!(e.done_at("ncmec"), Some(now), "a time in the future reads as now");
        assert_eq!(e.ready, ["photo", "secure-devices"]);
        // Set back a whole day: everything is in the future, still nothing is lost.
        let back = decode_missing(MISSING_V1, NOW - 24.0 * HOUR).expect("kept a day back");
        assert!(back.clock_changed);
        assert_eq!(back.episode.learned_at_ms, Some(NOW - 24.0 * HOUR));
        assert_eq!(back.episode.done.len(), 2);
        // Within drift it is not a clock change.
        let drift = decode_missing(MISSING_V1, NOW + 600_000.0 - 60_000.0).expect("drift");
        assert!(!drift.clock_changed);
        assert_eq!(drift.episode, episode());
    }

    /// Attack 3: a record a newer version wrote is recognised, so no save writes over it.
    #[test]
    fn a_newer_record_is_recognised() {
        assert!(is_newer(
            r#"{"v":2,"numbers":[{"label":"A","dial":"+15552345678"}],"more":1}"#,
            FORMAT
        ));
        assert!(is_newer(r#"{"v":9}"#, FORMAT));
        let newer_check = format!(r#"{{"v":{},"saved_at":1}}"#, CHECK_FORMAT + 1);
        assert!(is_newer(&newer_check, format_of(CHECK_KEY)));
        let this_check = format!(r#"{{"v":{CHECK_FORMAT},"saved_at":1}}"#);
        assert!(!is_newer(&this_check, format_of(CHECK_KEY)));
        for raw in [
            OLD_NUMBERS,
            OLD_SETTINGS,
            MISSING_V1,
            "not json",
            "[2]",
            r#"{"v":0}"#,
            "",
        ] {
            assert!(!is_newer(raw, FORMAT), "{raw}");
        }
        assert_eq!(format_of(SETTINGS_KEY), SETTINGS_FORMAT);
        assert_eq!(format_of(NUMBERS_KEY), FORMAT);
        assert_eq!(format_of(MISSING_KEY), FORMAT);
    }

    #[test]
    fn every_key_shares_the_prefix() {
        for key in [CHECK_KEY, NUMBERS_KEY, SETTINGS_KEY, MISSING_KEY] {
            assert!(key.starts_with(KEY_PREFIX), "{key}");
        }
    }
}
