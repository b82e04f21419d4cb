//! The stored-data codec: what the app keeps on the device (a check in progress, the user's own numbers,
//! settings), as versioned JSON, and every way a stored value can be unusable.
//!
//! Pure: strings in, values or a [`Discard`] reason out; the caller passes the time in. The thin layer
//! that touches `localStorage` is `crate::storage`. A stored check never holds names or free text: only
//! the three answers, sign ids and the time it was saved.

use super::checker::{Answer, Answers, SignSet};
use super::phone::{MyNumber, MAX_NUMBERS};
use super::settings::Settings;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The format every record carries in `"v"`. Bump it when a record's shape changes, and teach
/// the decoders below to read (or knowingly drop) the older one.
pub const FORMAT: u64 = 1;

/// Every key this app writes starts with this, so "Erase everything" can find them all.
pub const KEY_PREFIX: &str = "red-flags:";
pub const CHECK_KEY: &str = "red-flags:check";
pub const NUMBERS_KEY: &str = "red-flags:numbers";
pub const SETTINGS_KEY: &str = "red-flags:settings";

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

/// Parses `raw` and checks its format version; the record's body is then the caller's to read.
fn versioned(raw: &str) -> Result<Value, Discard> {
    let value: Value = serde_json::from_str(raw).map_err(|e| Discard::Corrupt(e.to_string()))?;
    let v = value
        .get("v")
        .ok_or_else(|| Discard::WrongShape("no format version \"v\"".into()))?
        .as_u64()
        .ok_or_else(|| Discard::WrongShape("\"v\" is not a whole number".into()))?;
    match v {
        FORMAT => Ok(value),
        v if v < FORMAT => Err(Discard::OlderFormat(v)),
        v => Err(Discard::NewerFormat(v)),
    }
}

fn shape<T: for<'de> Deserialize<'de>>(value: Value) -> Result<T, Discard> {
    serde_json::from_value(value).map_err(|e| Discard::WrongShape(e.to_string()))
}

// ---- The check in progress ----

#[derive(Serialize, Deserialize)]
struct CheckRecord {
    v: u64,
    /// Milliseconds since the Unix epoch, when the answers last changed.
    saved_at: f64,
    traded: Answer,
    missing_now: Answer,
    in_care: Answer,
    /// Sign ids, not bit positions: ids survive the content being reordered.
    signs: Vec<String>,
}

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

pub fn encode_check(answers: &Answers, now_ms: f64) -> String {
    let record = CheckRecord {
        v: FORMAT,
        saved_at: now_ms,
        traded: answers.traded,
        missing_now: answers.missing_now,
        in_care: answers.in_care,
        signs: answers.signs.ids().into_iter().map(String::from).collect(),
    };
    serde_json::to_string(&record).unwrap_or_default()
}

/// Reads a stored check, if it is readable and younger than `max_age_ms` at `now_ms`.
pub fn decode_check(raw: &str, now_ms: f64, max_age_ms: f64) -> Result<SavedCheck, Discard> {
    let record: CheckRecord = shape(versioned(raw)?)?;
    if !record.saved_at.is_finite() || record.saved_at < 0.0 {
        return Err(Discard::WrongShape("\"saved_at\" is not a time".into()));
    }
    if record.saved_at > now_ms + CLOCK_SLACK_MS {
        return Err(Discard::FromTheFuture);
    }
    if now_ms - record.saved_at >= max_age_ms {
        return Err(Discard::Expired);
    }
    let signs = SignSet::from_ids(record.signs.iter().map(String::as_str));
    Ok(SavedCheck {
        answers: Answers {
            traded: record.traded,
            missing_now: record.missing_now,
            in_care: record.in_care,
            signs,
        },
        saved_at_ms: record.saved_at,
        unknown_signs: record.signs.len() - signs.len(),
    })
}

// ---- My numbers ----

#[derive(Serialize, Deserialize)]
struct NumbersRecord {
    v: u64,
    numbers: Vec<MyNumber>,
}

pub fn encode_numbers(numbers: &[MyNumber]) -> String {
    serde_json::to_string(&NumbersRecord { v: FORMAT, numbers: numbers.to_vec() }).unwrap_or_default()
}

/// Reads the user's numbers. Each entry is validated again as if typed (a stored value is input too);
/// entries that fail are dropped and the rest kept, up to [`MAX_NUMBERS`].
pub fn decode_numbers(raw: &str) -> Result<Vec<MyNumber>, Discard> {
    let record: NumbersRecord = shape(versioned(raw)?)?;
    Ok(record
        .numbers
        .iter()
        .filter_map(|n| MyNumber::new(&n.label, &n.dial).ok())
        .take(MAX_NUMBERS)
        .collect())
}

// ---- Settings ----

#[derive(Serialize, Deserialize)]
struct SettingsRecord {
    v: u64,
    #[serde(flatten)]
    settings: Settings,
}

pub fn encode_settings(settings: &Settings) -> String {
    serde_json::to_string(&SettingsRecord { v: FORMAT, settings: *settings }).unwrap_or_default()
}

pub fn decode_settings(raw: &str) -> Result<Settings, Discard> {
    let record: SettingsRecord = shape(versioned(raw)?)?;
    Ok(record.settings.sanitised())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::SIGNS;
    use crate::core::settings::Theme;

    const HOUR: f64 = 3_600_000.0;
    const NOW: f64 = 1_764_000_000_000.0;

    fn sample() -> Answers {
        Answers {
            traded: Answer::NotSure,
            missing_now: Answer::Yes,
            in_care: Answer::No,
            signs: SignSet::default().with(0, true).with(2, true),
        }
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
        assert_eq!(keys, ["in_care", "missing_now", "saved_at", "signs", "traded", "v"]);
        assert_eq!(value["signs"], serde_json::json!([SIGNS[0].id, SIGNS[2].id]));
        assert_eq!(value["traded"], "not-sure");
    }

    #[test]
    fn an_expired_check_is_discarded_and_removed() {
        let raw = encode_check(&sample(), NOW);
        assert_eq!(decode_check(&raw, NOW + 12.0 * HOUR, 12.0 * HOUR), Err(Discard::Expired));
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
        let raw = r#"{"v":2,"saved_at":1764000000000,"answers":{"whatever":true}}"#;
        let err = decode_check(raw, NOW, 12.0 * HOUR).unwrap_err();
        assert_eq!(err, Discard::NewerFormat(2));
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
        ];
        for raw in cases {
            match decode_check(raw, NOW, 12.0 * HOUR) {
                Err(Discard::WrongShape(_)) => {}
                other => panic!("{raw} gave {other:?}"),
            }
        }
        assert!(matches!(decode_numbers(r#"{"v":1,"numbers":{"a":1}}"#), Err(Discard::WrongShape(_))));
        assert!(matches!(decode_settings(r#"{"v":1,"theme":"sepia"}"#), Err(Discard::WrongShape(_))));
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
        assert_eq!(back.answers.traded, Answer::No);
    }

    #[test]
    fn numbers_round_trip_and_bad_entries_are_dropped() {
        let good = vec![
            MyNumber::new("State hotline", "555-234-5678").expect("valid"),
            MyNumber::new("Supervisor", "+44 20 7946 0000").expect("valid"),
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
            .map(|i| MyNumber::new(&format!("Line {i}"), &format!("555-234-56{i:02}")).expect("valid"))
            .collect();
        assert_eq!(decode_numbers(&encode_numbers(&many)).map(|v| v.len()), Ok(MAX_NUMBERS));
    }

    #[test]
    fn settings_round_trip_and_odd_values_fall_back() {
        let s = Settings { text_scale: 150, theme: Theme::Dark, expiry_hours: 4 };
        assert_eq!(decode_settings(&encode_settings(&s)), Ok(s));
        let back = decode_settings(r#"{"v":1,"text_scale":999,"theme":"light","expiry_hours":4}"#).expect("readable");
        assert_eq!(back, Settings { text_scale: 100, theme: Theme::Light, expiry_hours: 4 });
        assert!(matches!(decode_settings(r#"{"v":1,"theme":"light"}"#), Err(Discard::WrongShape(_))));
    }

    #[test]
    fn every_key_shares_the_prefix() {
        for key in [CHECK_KEY, NUMBERS_KEY, SETTINGS_KEY] {
            assert!(key.starts_with(KEY_PREFIX), "{key}");
        }
    }
}
