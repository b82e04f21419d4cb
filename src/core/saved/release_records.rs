//! Records as the released app writes them, of every kind and format version, verbatim: each must still
//! load into the same values, and each value must be written back byte for byte (a tab still running
//! the release reads what this version writes), but for checks and settings: this version writes checks
//! in format 3 (two ages) and settings in format 2 (what Quick exit deletes), which a release tab leaves
//! in place as newer. Format-1 checks come from the release before
//! the checker's danger, age and return questions (written by serde_json, times with a fraction).

use super::*;
use crate::content::{SIGNS, UI};
use crate::core::checker::{Age, AgeNow, Answer, Answers, SignSet};

const AT: f64 = 1_764_000_000_000.0;
const HOUR: f64 = 3_600_000.0;

const CHECK_V2_FULL: &str = r#"{"v":2,"saved_at":1764000000000,"danger_now":"yes","missing_now":"no","returned":"not-sure","age":"18-or-older","exchange":"unanswered","signs":["abuse-or-stds","unexplained-gifts","older-partner","substance-abuse","withdrawal","gang-involvement","travel-or-hotels","sexual-abuse-history","running-away","unstable-home","child-welfare-involvement"]}"#;
const CHECK_V2_SOME: &str = r#"{"v":2,"saved_at":1764000000000,"danger_now":"unanswered","missing_now":"unanswered","returned":"unanswered","age":"not-sure","exchange":"unanswered","signs":["older-partner","running-away"]}"#;
const CHECK_V2_AGE: &str = r#"{"v":2,"saved_at":1764000000000,"danger_now":"unanswered","missing_now":"unanswered","returned":"unanswered","age":"under-18","exchange":"unanswered","signs":[]}"#;
const CHECK_V2_BLANK: &str = r#"{"v":2,"saved_at":1764000000000,"danger_now":"unanswered","missing_now":"unanswered","returned":"unanswered","age":"unanswered","exchange":"unanswered","signs":[]}"#;
/// Format 3 (two ages), as this version writes it.
const CHECK_V3_AGES: &str = r#"{"v":3,"saved_at":1764000000000,"danger_now":"unanswered","missing_now":"not-sure","returned":"unanswered","age_now":"18-to-20","exchange":"yes","age_then":"under-18","signs":["older-partner"]}"#;
const CHECK_V1: &str = r#"{"v":1,"saved_at":1764000000000.0,"traded":"yes","missing_now":"not-sure","in_care":"yes","signs":["older-partner","withdrawal"]}"#;
const CHECK_V1_FRACTION: &str =
    r#"{"v":1,"saved_at":1763999999999.5,"traded":"no","missing_now":"unanswered","in_care":"no","signs":[]}"#;
const NUMBERS: &str = r#"{"v":1,"numbers":[{"label":"State \"hot\" line\\ é","dial":"+15552345678"},{"label":"Agency on-call (nights)","dial":"311"},{"label":"Supervisor 😀","dial":"+442079460000"}]}"#;
const SETTINGS: [&str; 4] = [
    r#"{"v":1,"text_scale":100,"theme":"system","expiry_hours":12}"#,
    r#"{"v":1,"text_scale":125,"theme":"light","expiry_hours":1}"#,
    r#"{"v":1,"text_scale":150,"theme":"dark","expiry_hours":24}"#,
    r#"{"v":1,"text_scale":100,"theme":"dark","expiry_hours":4}"#,
];
const MISSING_BLANK: &str = r#"{"v":1,"started_at":1764000000000,"learned_at":null,"done":[],"ready":[]}"#;
const MISSING_ONE_STEP: &str =
    r#"{"v":1,"started_at":1764000000000,"learned_at":null,"done":[{"step":"agency","at":1764000000500}],"ready":[]}"#;
const MISSING_FULL: &str = r#"{"v":1,"started_at":1764000000000,"learned_at":1763990000000,"done":[{"step":"agency","at":1764000000500},{"step":"police","at":1764000100000},{"step":"ncmec","at":1764000100000},{"step":"refused","at":1764000100000},{"step":"runaway","at":1764000100000}],"ready":["photo","description","birth-height-weight","identifiers","clothing","when-and-how","earlier-episodes","secure-devices"]}"#;

fn check(raw: &str) -> SavedCheck {
    decode_check(raw, AT + HOUR, 12.0 * HOUR).unwrap_or_else(|e| panic!("{raw}: {e:?}"))
}

#[test]
fn checks_of_both_formats_load() {
    let full = check(CHECK_V2_FULL);
    assert_eq!(
        full.answers,
        Answers {
            danger_now: Answer::Yes,
            missing_now: Answer::No,
            returned: Answer::NotSure,
            // "18 or older" now fits neither band of the age now: not answered (the under-18 steps).
            age_now: AgeNow::Unanswered,
            exchange: Answer::Unanswered,
            age_then: Age::Unanswered,
            signs: SignSet::from_ids(SIGNS.iter().map(|s| s.id)),
        }
    );
    assert_eq!((full.saved_at_ms, full.unknown_signs), (AT, 0));
    assert_eq!(full.answers.signs.len(), SIGNS.len());
    assert_eq!(
        check(CHECK_V2_SOME).answers,
        Answers {
            age_now: AgeNow::NotSure,
            signs: SignSet::from_ids(["older-partner", "running-away"]),
            ..Answers::default()
        }
    );
    assert_eq!(check(CHECK_V2_AGE).answers.age_now, AgeNow::Under18);
    assert_eq!(check(CHECK_V2_AGE).answers.age_at_the_time(), Age::Under18);
    assert_eq!(
        check(CHECK_V3_AGES).answers,
        Answers {
            missing_now: Answer::NotSure,
            age_now: AgeNow::From18To20,
            exchange: Answer::Yes,
            age_then: Age::Under18,
            signs: SignSet::from_ids(["older-partner"]),
            ..Answers::default()
        }
    );
    assert_eq!(check(CHECK_V2_BLANK).answers, Answers::default());

    let v1 = check(CHECK_V1);
    assert_eq!(
        v1.answers,
        Answers {
            missing_now: Answer::NotSure,
            exchange: Answer::Yes,
            signs: SignSet::from_ids(["older-partner", "withdrawal", "child-welfare-involvement"]),
            ..Answers::default()
        }
    );
    assert_eq!(v1.saved_at_ms, AT);
    let fraction = check(CHECK_V1_FRACTION);
    assert_eq!(fraction.saved_at_ms, AT - 0.5);
    assert_eq!(
        fraction.answers,
        Answers {
            exchange: Answer::No,
            ..Answers::default()
        }
    );
}

#[test]
fn checks_are_written_as_the_release_writes_them() {
    assert_eq!(encode_check(&check(CHECK_V3_AGES).answers, AT), CHECK_V3_AGES);
    // Whole milliseconds: `Date.now()` never has a fraction, and none is written.
    assert_eq!(encode_check(&check(CHECK_V3_AGES).answers, AT + 0.4), CHECK_V3_AGES);
    // Format-1 and format-2 checks are written back in format 3, and read back the same.
    for raw in [CHECK_V1, CHECK_V2_FULL, CHECK_V2_SOME, CHECK_V2_AGE, CHECK_V2_BLANK] {
        let answers = check(raw).answers;
        let rewritten = encode_check(&answers, AT);
        assert!(
            rewritten.starts_with(r#"{"v":3,"saved_at":1764000000000,"#),
            "{rewritten}"
        );
        assert_eq!(check(&rewritten).answers, answers);
    }
}

#[test]
fn numbers_load_and_are_written_back() {
    let numbers = decode_numbers(NUMBERS).expect("numbers");
    assert_eq!(
        numbers,
        vec![
            MyNumber::new(&UI, "State \"hot\" line\\ é", "555-234-5678").expect("valid"),
            MyNumber::new(&UI, "Agency on-call (nights)", "311").expect("valid"),
            MyNumber::new(&UI, "Supervisor 😀", "+44 20 7946 0000").expect("valid"),
        ]
    );
    assert_eq!(encode_numbers(&numbers), NUMBERS);
}

#[test]
fn settings_load_and_are_written_back() {
    let expected = [
        (100, Theme::System, 12),
        (125, Theme::Light, 1),
        (150, Theme::Dark, 24),
        (100, Theme::Dark, 4),
    ];
    for (raw, (text_scale, theme, expiry_hours)) in SETTINGS.into_iter().zip(expected) {
        let settings = decode_settings(raw).unwrap_or_else(|e| panic!("{raw}: {e:?}"));
        assert_eq!(
            settings,
            Settings {
                text_scale,
                theme,
                expiry_hours,
                look: Look::Standard,
                lang: None,
                dismissed: Dismissed::default(),
                exit_erases_missing: true,
            }
        );
        // Written back in format 2, which a release tab leaves in place as newer: the same values, and
        // Quick exit deleting the timeline, as the release's did.
        let rewritten = encode_settings(&settings);
        assert_eq!(
            rewritten,
            raw.replace(r#""v":1,"#, r#""v":2,"#)
                .replace(r#","expiry_hours""#, r#","exit_erases_missing":true,"expiry_hours""#)
        );
        assert_eq!(decode_settings(&rewritten), Ok(settings));
    }
    assert_eq!(decode_settings(SETTINGS[0]), Ok(Settings::default()));
}

#[test]
fn missing_child_episodes_load_and_are_written_back() {
    let now = AT + HOUR;
    let blank = decode_missing(MISSING_BLANK, now).expect("blank").episode;
    assert_eq!(blank, Episode::new(AT));
    let one = decode_missing(MISSING_ONE_STEP, now).expect("one step").episode;
    assert_eq!(one.done, vec![("agency", AT + 500.0)]);
    assert_eq!(one.learned_at_ms, None);
    let full = decode_missing(MISSING_FULL, now).expect("full").episode;
    assert_eq!(full.learned_at_ms, Some(1_763_990_000_000.0));
    assert_eq!(
        full.done.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        ["agency", "police", "ncmec", "refused", "runaway"]
    );
    assert_eq!(full.done[1].1, AT + 100_000.0);
    assert_eq!(
        full.ready,
        [
            "photo",
            "description",
            "birth-height-weight",
            "identifiers",
            "clothing",
            "when-and-how",
            "earlier-episodes",
            "secure-devices"
        ]
    );
    for (raw, episode) in [(MISSING_BLANK, blank), (MISSING_ONE_STEP, one), (MISSING_FULL, full)] {
        assert_eq!(encode_missing(&episode), raw);
    }
}
