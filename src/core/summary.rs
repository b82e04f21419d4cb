//! The case-note summary: the checker's answers and result as short plain text for the clipboard, and
//! the local date-and-time wording the app shows. Built only from the answers and the content: it has
//! no names and no free text because the checker holds none. Every text comes in the language it is
//! given (`&Ui` and the content in that language): the core reads no global state.

use super::checker::{assess, Age, AgeNow, Answer, Answers};
use crate::content::{Content, Ui};
#[cfg(test)]
use crate::content::{EN, UI};

/// A local date and time, as the device shows it. The view reads it from the browser's clock; the core
/// never reads a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    pub year: i32,
    /// 1–12
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
}

impl LocalTime {
    /// `2026-11-25 14:05`: unambiguous in every locale, and sorts in a case file.
    pub fn date_time(&self) -> String {
        format!("{} {}", self.date(), self.clock())
    }

    /// `2026-11-25`
    pub fn date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    pub fn clock(&self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }

    fn same_day(&self, other: &LocalTime) -> bool {
        (self.year, self.month, self.day) == (other.year, other.month, other.day)
    }
}

/// "until 03:40", "until tomorrow 03:40", or "until 2026-11-27 03:40" (a 24-hour expiry across two
/// midnights cannot happen, but a changed clock can), in `ui`'s language.
pub fn until_text(ui: &Ui, now: &LocalTime, until: &LocalTime, until_is_next_day: bool) -> String {
    if now.same_day(until) {
        ui.summary_until(&until.clock())
    } else if until_is_next_day {
        ui.summary_until_tomorrow(&until.clock())
    } else {
        ui.summary_until_on_date(&until.date(), &until.clock())
    }
}

/// The words of an answer, as the checker's options read.
pub fn answer_text(ui: &Ui, a: Answer) -> &'static str {
    match a {
        Answer::Yes => ui.answers_yes,
        Answer::No => ui.answers_no,
        Answer::NotSure => ui.answers_not_sure,
        Answer::Unanswered => ui.answers_not_answered,
    }
}

/// The words of an age band at the time of an exchange, as the checker's options read.
pub fn age_text(ui: &Ui, a: Age) -> &'static str {
    match a {
        Age::Under18 => ui.answers_under_18,
        Age::Adult => ui.answers_adult,
        Age::NotSure => ui.answers_not_sure,
        Age::Unanswered => ui.answers_not_answered,
    }
}

/// The words of an age band now, as the checker's options read.
pub fn age_now_text(ui: &Ui, a: AgeNow) -> &'static str {
    match a {
        AgeNow::Under18 => ui.answers_under_18,
        AgeNow::From18To20 => ui.answers_age_18_to_20,
        AgeNow::From21 => ui.answers_age_21_or_older,
        AgeNow::NotSure => ui.answers_not_sure,
        AgeNow::Unanswered => ui.answers_not_answered,
    }
}

/// Each question's answer as the case note writes it, in the checker's order.
fn answered(ui: &Ui, answers: &Answers) -> [(&'static str, &'static str); 6] {
    [
        ("danger-now", answer_text(ui, answers.danger_now)),
        ("missing-now", answer_text(ui, answers.missing_now)),
        ("returned", answer_text(ui, answers.returned)),
        ("age", age_now_text(ui, answers.age_now)),
        ("exchange", answer_text(ui, answers.exchange)),
        ("age-then", age_text(ui, answers.age_then)),
    ]
}

/// The source a fact names, or, for the app's own advice, that it is the app's (shared/PROTOCOL.md).
pub const APP_ADVICE: &str = "app-advice";

/// The summary for a case note, in the language of `ui` and `content` (the one the user is reading).
/// Every fact in it names its source, as on screen.
pub fn case_note(ui: &Ui, content: &Content, answers: &Answers, at: &LocalTime) -> String {
    let assessment = assess(content, answers);
    let source = |id: &str| {
        if id == APP_ADVICE {
            ui.summary_app_advice.to_string()
        } else {
            ui.summary_source(content.source(id).map_or(id, |s| s.short))
        }
    };
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line(&ui.summary_title(&at.date_time()));
    line("");
    for (id, answer) in answered(ui, answers) {
        let text = content.question(id).map_or(id, |q| q.text);
        line(&format!("{text} {answer}"));
    }
    line("");
    line(&ui.summary_result(assessment.headline.text(content)));
    line(content.headline("always-911"));
    line("");
    for background in [false, true] {
        let noted: Vec<&crate::content::Sign> = content
            .signs
            .iter()
            .enumerate()
            .filter(|(i, s)| answers.signs.contains(*i) && content.sign_is_background(s) == background)
            .map(|(_, s)| s)
            .collect();
        let kind = if background {
            ui.summary_vulnerabilities_noted
        } else {
            ui.summary_signs_noted
        };
        match noted.len() {
            0 => line(&ui.summary_none_noted(kind)),
            n => {
                line(&format!("{kind} ({n}):"));
                for s in &noted {
                    line(&format!("- {} {}", s.label, source(s.source)));
                }
            }
        }
    }
    line("");
    line(ui.summary_next_steps);
    for (i, a) in assessment.actions.iter().enumerate() {
        let phone = a
            .contact
            .and_then(|id| content.contact(id))
            .map(|c| format!(" {}: {}.", c.name, c.shown_as))
            .unwrap_or_default();
        // The agency edition names the agency's lines for the situation where a step says to tell the
        // agency: a child missing now, or else a report of suspected trafficking.
        #[cfg(agency)]
        let phone = if a.my_numbers {
            let situation = crate::content::agency::Situation::of_step(assessment.missing());
            format!("{phone} {}", crate::content::agency::of(content).note_for(situation))
        } else {
            phone
        };
        let link = a
            .link
            .and_then(|id| content.source(id))
            .and_then(|s| s.url)
            .map(|u| format!(" {u}"))
            .unwrap_or_default();
        line(&format!("{}. {}{}{} {}", i + 1, a.text, phone, link, source(a.source)));
    }
    // The cautions close the note, as they close the result on screen.
    line("");
    for c in content
        .cautions
        .iter()
        .filter(|c| ["not-proof", "not-a-substitute"].contains(&c.id))
    {
        line(&format!("{} {}", c.text, source(c.source)));
    }
    line("");
    let guide = content
        .source("guide")
        .map(|s| format!("{}, {}", s.title, s.publisher))
        .unwrap_or_default();
    line(&ui.summary_based_on(&guide));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{es, ES, SIGNS};
    use crate::core::checker::{assess, SignSet};

    const AT: LocalTime = LocalTime {
        year: 2026,
        month: 3,
        day: 7,
        hour: 9,
        minute: 5,
    };

    #[test]
    fn date_and_time_are_zero_padded() {
        assert_eq!(AT.date_time(), "2026-03-07 09:05");
        assert_eq!(AT.clock(), "09:05");
    }

    #[test]
    fn until_text_says_today_tomorrow_or_the_date() {
        let later = LocalTime {
            hour: 21,
            minute: 40,
            ..AT
        };
        assert_eq!(until_text(&UI, &AT, &later, false), "until 21:40");
        let tomorrow = LocalTime {
            day: 8,
            hour: 3,
            minute: 40,
            ..AT
        };
        assert_eq!(until_text(&UI, &AT, &tomorrow, true), "until tomorrow 03:40");
        assert_eq!(until_text(&UI, &AT, &tomorrow, false), "until 2026-03-08 03:40");
    }

    #[test]
    fn until_text_follows_the_language() {
        let later = LocalTime {
            hour: 21,
            minute: 40,
            ..AT
        };
        let tomorrow = LocalTime { day: 8, ..later };
        let ui = &es::UI;
        assert_eq!(until_text(ui, &AT, &later, false), "hasta hoy, 21:40");
        assert_eq!(until_text(ui, &AT, &tomorrow, true), "hasta ma\u{f1}ana, 21:40");
        assert_eq!(until_text(ui, &AT, &tomorrow, false), "hasta el 2026-03-08, 21:40");
    }

    /// Each digit run of a text (numbers, times, phone numbers, citations), sorted: what a translation
    /// must keep.
    fn numbers(text: &str) -> Vec<String> {
        let mut runs: Vec<String> = text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|r| !r.is_empty())
            .map(str::to_string)
            .collect();
        runs.sort();
        runs
    }

    /// The copied note follows the language read: Spanish labels, Spanish content, no English label,
    /// and the same lines, numbers, addresses and sources as the English note.
    #[test]
    fn the_spanish_case_note_is_the_english_one_in_spanish() {
        let cases = [
            Answers::default(),
            Answers {
                missing_now: Answer::Yes,
                age_now: AgeNow::Under18,
                exchange: Answer::Yes,
                signs: SignSet::from_ids(["older-partner", "child-welfare-involvement"]),
                ..Answers::default()
            },
            Answers {
                danger_now: Answer::NotSure,
                returned: Answer::Yes,
                age_now: AgeNow::From18To20,
                age_then: Age::Adult,
                exchange: Answer::NotSure,
                signs: SignSet::from_ids(["older-partner"]),
                ..Answers::default()
            },
        ];
        for answers in cases {
            let en = case_note(&UI, &EN, &answers, &AT);
            let text = case_note(&es::UI, &ES, &answers, &AT);
            assert!(
                text.starts_with("Verificaci\u{f3}n de Red flags, 2026-03-07 09:05 (hora del dispositivo)\n"),
                "{text}"
            );
            assert!(text.contains("\nResultado: "), "{text}");
            assert!(text.contains("\nPr\u{f3}ximos pasos sugeridos:\n"), "{text}");
            assert!(text.contains("(Fuente: "), "{text}");
            assert!(text.contains("\nBasado en: Child Sex Trafficking in America"), "{text}");
            for english in [
                "Red flags check",
                "device time",
                "Result:",
                "Signs noted",
                "Vulnerabilities noted",
                "none.",
                "(Source:",
                "Suggested next steps",
                "Based on",
                "Not answered",
                "Not sure",
                "Under 18",
                "Yes",
                "Call 911",
                "A sign is not proof",
                "the youth",
            ] {
                assert!(
                    !text.contains(english),
                    "English {english:?} in the Spanish note:\n{text}"
                );
            }
            for (id, _) in answered(&UI, &answers) {
                let q = ES.question(id).map(|q| q.text).unwrap_or(id);
                assert!(text.contains(q), "the Spanish question {id}: {text}");
            }
            assert_eq!(text.lines().count(), en.lines().count(), "{text}\n{en}");
            assert_eq!(numbers(&text), numbers(&en), "{text}\n{en}");
            let urls = |t: &str| {
                t.split_whitespace()
                    .filter(|w| w.starts_with("https://"))
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            };
            assert_eq!(urls(&text), urls(&en));
            let sources = |t: &str, open: &str| t.matches(open).count();
            assert_eq!(sources(&text, "(Fuente: "), sources(&en, "(Source: "));
            assert_eq!(
                sources(&text, es::UI.summary_app_advice),
                sources(&en, UI.summary_app_advice)
            );
        }
        let blank = case_note(&es::UI, &ES, &Answers::default(), &AT);
        assert!(blank.contains("Se\u{f1}ales marcadas: ninguna."), "{blank}");
        assert!(blank.contains("Vulnerabilidades marcadas: ninguna."), "{blank}");
        assert!(blank.contains(&format!(
            "{} {}",
            ES.question("age").map(|q| q.text).unwrap_or_default(),
            es::UI.answers_not_answered
        )));
        let noted = case_note(
            &es::UI,
            &ES,
            &Answers {
                exchange: Answer::Yes,
                signs: SignSet::from_ids(["older-partner"]),
                ..Answers::default()
            },
            &AT,
        );
        assert!(noted.contains("Se\u{f1}ales marcadas (1):\n- "), "{noted}");
        assert!(
            noted.contains(
                &es::UI.summary_result(
                    assess(
                        &EN,
                        &Answers {
                            exchange: Answer::Yes,
                            ..Answers::default()
                        }
                    )
                    .headline
                    .text(&ES)
                )
            ),
            "{noted}"
        );
    }

    #[test]
    fn a_blank_check_says_nothing_noted() {
        let text = case_note(&UI, &EN, &Answers::default(), &AT);
        assert!(
            text.starts_with("Red flags check, 2026-03-07 09:05 (device time)\n"),
            "{text}"
        );
        assert!(text.contains("How old is the youth now? Not answered"));
        assert!(
            text.contains("If so, how old was the youth then? Not answered"),
            "{text}"
        );
        assert!(text.contains("Signs noted: none."));
        assert!(text.contains("Vulnerabilities noted: none."));
        assert!(text.contains("Result: Nothing noted yet."), "{text}");
        assert!(text.contains("1. Nothing noted yet."), "{text}");
        assert!(
            text.contains("If the youth is in danger or missing now: call 911."),
            "{text}"
        );
    }

    /// The agency edition: the step that says to tell the agency names the agency's lines for the
    /// situation (a missing child, or a report of suspected trafficking), in the note's language, and no
    /// step names them otherwise.
    #[cfg(agency)]
    #[test]
    fn the_agency_edition_names_the_lines_for_the_situation_in_the_tell_your_agency_step() {
        use crate::content::agency::Situation;
        let missing = Answers {
            missing_now: Answer::Yes,
            age_now: AgeNow::Under18,
            ..Answers::default()
        };
        let exploited = Answers {
            exchange: Answer::Yes,
            age_now: AgeNow::Under18,
            ..Answers::default()
        };
        for (answers, situation) in [
            (&missing, Situation::MissingChild),
            (&exploited, Situation::SuspectedTrafficking),
        ] {
            for (ui, content, lang) in [
                (&UI, &EN, crate::content::Lang::En),
                (&es::UI, &ES, crate::content::Lang::Es),
            ] {
                let agency = lang.agency();
                let text = case_note(ui, content, answers, &AT);
                let named = agency.note_for(situation);
                let steps: Vec<&str> = text.lines().filter(|l| l.contains(&named)).collect();
                assert_eq!(steps.len(), 1, "{lang:?} {situation:?}: {text}");
                let agency_step = assess(content, answers).actions.iter().position(|a| a.my_numbers);
                assert!(
                    agency_step.is_some_and(|i| steps[0].starts_with(&format!("{}. ", i + 1))),
                    "{lang:?}: {text}"
                );
                // Only the lines for the situation: a line for another situation only is not named.
                for n in agency.numbers {
                    let for_this = n.situations.contains(&situation)
                        || agency.numbers.iter().all(|m| !m.situations.contains(&situation));
                    assert_eq!(
                        text.contains(n.shown_as),
                        for_this,
                        "{lang:?} {situation:?} {}: {text}",
                        n.shown_as
                    );
                }
            }
        }
    }

    #[test]
    fn answers_signs_and_actions_appear_with_their_sources() {
        let answers = Answers {
            missing_now: Answer::Yes,
            age_now: AgeNow::Under18,
            exchange: Answer::Yes,
            signs: SignSet::from_ids(["older-partner", "child-welfare-involvement"]),
            ..Answers::default()
        };
        let text = case_note(&UI, &EN, &answers, &AT);
        assert!(text.contains("Is the youth missing right now? Yes"));
        assert!(text.contains("How old is the youth now? Under 18"));
        assert!(
            text.contains("Signs noted (1):\n- Older boyfriend or girlfriend (Source: "),
            "{text}"
        );
        assert!(
            text.contains("Vulnerabilities noted (1):\n- In child welfare or foster care (Source: "),
            "{text}"
        );
        assert!(
            text.contains("Result: Call 911 now, then tell your agency, then NCMEC."),
            "the headline is the most urgent thing: {text}"
        );
        // 911 first, with the number, and every action names its source.
        assert!(text.contains("1. Call 911 now"), "{text}");
        assert!(
            text.contains("2. Ask law enforcement for the report number. (This app's advice, not a source's)"),
            "the app's own advice is labelled so: {text}"
        );
        assert!(text.contains("911 emergency: 911."));
        assert!(text.contains("1-800-THE-LOST (1-800-843-5678)"));
        assert!(
            text.contains("https://report.cybertip.org/"),
            "the CyberTipline's address: {text}"
        );
        let actions = assess(&EN, &answers).actions.len();
        let numbered = text
            .lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_digit()) && l.contains(". "))
            .count();
        assert_eq!(numbered, actions);
        for l in text
            .lines()
            .filter(|l| l.starts_with("- ") || l.chars().next().is_some_and(|c| c.is_ascii_digit()))
        {
            assert!(
                l.contains("(Source: ") || l.contains("(This app's advice, not a source's)"),
                "no source: {l}"
            );
        }
        assert!(text.contains("Child Sex Trafficking in America: A Guide for Child Welfare"));
    }

    #[test]
    fn the_note_closes_with_both_cautions_below_the_steps() {
        let text = case_note(
            &UI,
            &EN,
            &Answers {
                exchange: Answer::Yes,
                ..Answers::default()
            },
            &AT,
        );
        let proof = text.find("A sign is not proof.").expect("not proof");
        let legal = text.find("This app is not legal advice.").expect("not legal advice");
        let steps = text.find("Suggested next steps:").expect("steps");
        assert!(proof > steps && legal > steps, "{text}");
        assert!(text.contains("Your agency's policy and state law govern."), "{text}");
        assert!(text.contains("Result: If the youth was under 18 then"), "{text}");
    }

    /// 18 now, 16 at the time: the note records both ages and the child victim's steps, in each language.
    #[test]
    fn the_note_records_both_ages() {
        let answers = Answers {
            age_now: AgeNow::From18To20,
            exchange: Answer::Yes,
            age_then: Age::Under18,
            ..Answers::default()
        };
        let text = case_note(&UI, &EN, &answers, &AT);
        assert!(text.contains("How old is the youth now? 18 to 20\n"), "{text}");
        assert!(text.contains("If so, how old was the youth then? Under 18\n"), "{text}");
        assert!(
            text.contains("Result: Under federal law, this youth is a victim of sex trafficking."),
            "{text}"
        );
        assert!(text.contains("https://report.cybertip.org/"), "{text}");
        assert!(text.contains("in no case later than 24 hours"), "{text}");
        let es = case_note(&es::UI, &ES, &answers, &AT);
        assert!(
            es.contains("\u{bf}Qu\u{e9} edad tiene el joven ahora? De 18 a 20 a\u{f1}os\n"),
            "{es}"
        );
        assert!(
            es.contains("\u{bf}qu\u{e9} edad ten\u{ed}a el joven entonces? Menor de 18 a\u{f1}os\n"),
            "{es}"
        );
    }

    #[test]
    fn the_summary_is_short_plain_text() {
        let all = SIGNS
            .iter()
            .enumerate()
            .fold(SignSet::default(), |s, (i, _)| s.with(i, true));
        let text = case_note(
            &UI,
            &EN,
            &Answers {
                exchange: Answer::Yes,
                signs: all,
                ..Answers::default()
            },
            &AT,
        );
        assert!(text.lines().count() < 60, "{} lines", text.lines().count());
        assert!(!text.contains('<'), "no markup");
    }
}
