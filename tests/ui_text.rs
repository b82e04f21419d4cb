//! The interface's words as data (`content/ui.toml`, compiled into `content::UI` and `content::es::UI`):
//! the generated methods fill placeholders and pick a count's form, and, until the screens read them, the
//! English data says exactly what the code says today (so wiring a screen to the data changes no word).

use red_flags::content::{es, EN, ES, UI};
use red_flags::core::checker::Answers;
use red_flags::core::missing::{elapsed_text, LearnedError};
use red_flags::core::phone::{normalise, validate_label, MyNumber, MAX_LABEL};
use red_flags::core::summary::{case_note, until_text, LocalTime};
use red_flags::state::StorageError;

#[test]
fn placeholders_are_filled_by_name_in_each_language() {
    let (label, number) = ("Supervisor", "1-555-234-5678");
    assert_eq!(
        UI.my_numbers_saved(label, number),
        "Saved \u{201c}Supervisor\u{201d}, 1-555-234-5678."
    );
    assert_eq!(
        es::UI.my_numbers_saved(label, number),
        "Se guard\u{f3} \u{201c}Supervisor\u{201d}, 1-555-234-5678."
    );
    // Every value lands once and no brace is left, whatever order the language puts them in.
    for ui in [&UI, &es::UI] {
        let text = ui.my_numbers_save_failed("DONE", "NOTICE");
        assert_eq!(
            (text.matches("DONE").count(), text.matches("NOTICE").count()),
            (1, 1),
            "{text}"
        );
        assert!(!text.contains(['{', '}']), "{text}");
    }
}

#[test]
fn a_count_picks_its_form() {
    for ui in [&UI, &es::UI] {
        assert_ne!(ui.glossary_count(1), ui.glossary_count(2));
        assert!(ui.glossary_count(1).contains('1'));
        assert!(ui.glossary_count(0).contains('0'), "0 takes the other form");
        assert!(ui.glossary_count(12).contains("12"));
    }
    assert_eq!(es::UI.settings_hours(1), "1 hora");
    assert_eq!(es::UI.settings_hours(24), "24 horas");
}

#[test]
fn the_language_switch_names_the_other_language_in_its_own_words() {
    assert_eq!(UI.app_language_switch, "Espa\u{f1}ol");
    assert_eq!(es::UI.app_language_switch, "English");
}

#[test]
fn the_english_data_says_what_the_core_says_today() {
    assert_eq!(Err(UI.my_numbers_name_empty.to_string()), validate_label(&UI, "  "));
    assert_eq!(
        Err(UI.my_numbers_name_too_long(&MAX_LABEL.to_string())),
        validate_label(&UI, &"x".repeat(MAX_LABEL + 1))
    );
    let refused = [
        ("", UI.my_numbers_number_empty.to_string()),
        ("555-234-567*", UI.my_numbers_cannot_dial("*")),
        ("555-234-567", UI.my_numbers_us_rule.to_string()),
        ("+12", UI.my_numbers_plus_rule.to_string()),
        ("911", UI.my_numbers_no_911.to_string()),
        ("234-5678", UI.my_numbers_area_code.to_string()),
        ("1-8OO-843-5678", UI.my_numbers_lookalike("8OO", "O", "0", "6")),
    ];
    for (typed, message) in refused {
        assert_eq!(normalise(&UI, typed), Err(message), "{typed:?}");
    }
}

#[test]
fn my_numbers_validation_speaks_the_language_read() {
    let ui = &es::UI;
    assert_eq!(validate_label(ui, "  "), Err(ui.my_numbers_name_empty.to_string()));
    let refused = [
        ("", ui.my_numbers_number_empty.to_string()),
        ("555-234-567*", ui.my_numbers_cannot_dial("*")),
        ("555-234-567", ui.my_numbers_us_rule.to_string()),
        ("+12", ui.my_numbers_plus_rule.to_string()),
        ("911", ui.my_numbers_no_911.to_string()),
        ("234-5678", ui.my_numbers_area_code.to_string()),
        ("1-8OO-843-5678", ui.my_numbers_lookalike("8OO", "O", "0", "6")),
    ];
    for (typed, message) in refused {
        assert_eq!(normalise(ui, typed), Err(message.clone()), "{typed:?}");
        assert_ne!(
            normalise(&UI, typed),
            Err(message),
            "{typed:?}: the Spanish is the English"
        );
    }
    let errors = MyNumber::new(ui, "", "12").expect_err("both fields are wrong");
    assert_eq!(errors.label.as_deref(), Some(ui.my_numbers_name_empty));
    assert_eq!(errors.number.as_deref(), Some(ui.my_numbers_us_rule));
    // The same number is valid in either language.
    assert_eq!(
        MyNumber::new(ui, "Supervisor", "1-800-THE-LOST"),
        MyNumber::new(&UI, "Supervisor", "1-800-THE-LOST")
    );
}

#[test]
fn the_missing_child_clock_speaks_the_language_read() {
    for ui in [&UI, &es::UI] {
        assert_eq!(LearnedError::Unreadable.message(ui), ui.clock_unreadable);
        assert_eq!(LearnedError::InTheFuture.message(ui), ui.clock_in_the_future);
        assert_eq!(
            elapsed_text(0.0, 23.0 * 3_600_000.0 + 5.0 * 60_000.0, ui),
            ui.clock_elapsed_hours_minutes("23", "5")
        );
        assert_eq!(elapsed_text(0.0, 40.0 * 60_000.0, ui), ui.clock_elapsed_minutes("40"));
    }
    assert_ne!(UI.missing_missing_for("1 h"), es::UI.missing_missing_for("1 h"));
    assert_ne!(
        LearnedError::InTheFuture.message(&UI),
        LearnedError::InTheFuture.message(&es::UI)
    );
    // The hour picks the form: "a la 1", "a las 2"; the English says the time alone.
    assert_eq!(es::UI.clock_time(1, "05", es::UI.clock_pm), "a la 1:05 p. m.");
    assert_eq!(es::UI.clock_time(2, "00", es::UI.clock_am), "a las 2:00 a. m.");
    assert_eq!(es::UI.clock_time(12, "30", es::UI.clock_pm), "a las 12:30 p. m.");
    assert_eq!(UI.clock_time(1, "05", UI.clock_pm), "1:05 PM");
    assert_eq!(UI.clock_time(2, "00", UI.clock_am), "2:00 AM");
}

#[test]
fn storage_notices_come_in_the_language_read() {
    for ui in [&UI, &es::UI] {
        assert_eq!(StorageError::Full.notice(ui), ui.storage_full);
        assert_eq!(
            StorageError::Unavailable(String::new()).notice(ui),
            ui.storage_unavailable
        );
        assert_eq!(StorageError::Failed(String::new()).notice(ui), ui.storage_failed);
    }
    assert_ne!(StorageError::Full.notice(&UI), StorageError::Full.notice(&es::UI));
}

/// The message that points to the 911 link quotes the link's own words, in each language.
#[test]
fn the_no_911_message_quotes_the_911_links_words() {
    for (ui, content) in [
        (&UI, red_flags::content::Lang::En.content()),
        (&es::UI, red_flags::content::Lang::Es.content()),
    ] {
        let call = content.emergency().call;
        assert!(
            ui.my_numbers_no_911.contains(&format!("\u{201c}{call}\u{201d}")),
            "{} does not quote {call}",
            ui.my_numbers_no_911
        );
    }
}

#[test]
fn the_case_note_and_the_saved_until_time_come_in_the_language_read() {
    let at = LocalTime {
        year: 2026,
        month: 3,
        day: 7,
        hour: 9,
        minute: 5,
    };
    let until = LocalTime { hour: 21, ..at };
    let later = LocalTime { day: 9, ..until };
    for (ui, content) in [(&UI, &EN), (&es::UI, &ES)] {
        assert_eq!(until_text(ui, &at, &until, false), ui.summary_until("21:05"));
        assert_eq!(
            until_text(ui, &at, &later, false),
            ui.summary_until_on_date("2026-03-09", "21:05")
        );
        let note = case_note(ui, content, &Answers::default(), &at);
        for label in [
            ui.summary_title("2026-03-07 09:05"),
            ui.summary_none_noted(ui.summary_signs_noted),
            ui.summary_none_noted(ui.summary_vulnerabilities_noted),
            ui.summary_next_steps.to_string(),
            ui.answers_not_answered.to_string(),
        ] {
            assert!(note.contains(&label), "{label:?} is not in\n{note}");
        }
    }
    // English as the app has always written it.
    assert_eq!(until_text(&UI, &at, &until, false), "until 21:05");
    assert_eq!(until_text(&UI, &at, &later, false), "until 2026-03-09 21:05");
    assert_ne!(
        case_note(&es::UI, &ES, &Answers::default(), &at),
        case_note(&UI, &EN, &Answers::default(), &at)
    );
}
