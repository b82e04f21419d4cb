//! The case-note summary: the checker's answers and result as short plain text for the clipboard, and
//! the local date-and-time wording the app shows. Built only from the answers and the content: it has
//! no names and no free text because the checker holds none.

use super::checker::{assess, Age, Answer, Answers};
use crate::content::{self, CAUTIONS, SIGNS};

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
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }

    pub fn clock(&self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }

    fn same_day(&self, other: &LocalTime) -> bool {
        (self.year, self.month, self.day) == (other.year, other.month, other.day)
    }
}

/// "until 03:40", "until tomorrow 03:40", or "until 2026-11-27 03:40" (a 24-hour expiry across two
/// midnights cannot happen, but a changed clock can).
pub fn until_text(now: &LocalTime, until: &LocalTime, until_is_next_day: bool) -> String {
    if now.same_day(until) {
        format!("until {}", until.clock())
    } else if until_is_next_day {
        format!("until tomorrow {}", until.clock())
    } else {
        format!("until {}", until.date_time())
    }
}

fn answer_text(a: Answer) -> &'static str {
    match a {
        Answer::Yes => "Yes",
        Answer::No => "No",
        Answer::NotSure => "Not sure",
        Answer::Unanswered => "Not answered",
    }
}

/// The words of an age band, as the checker's options read.
pub fn age_text(a: Age) -> &'static str {
    match a {
        Age::Under18 => "Under 18",
        Age::Adult => "18 or older",
        Age::NotSure => "Not sure",
        Age::Unanswered => "Not answered",
    }
}

/// Each question's answer as the case note writes it, in the checker's order.
fn answered(answers: &Answers) -> [(&'static str, &'static str); 5] {
    [
        ("danger-now", answer_text(answers.danger_now)),
        ("missing-now", answer_text(answers.missing_now)),
        ("returned", answer_text(answers.returned)),
        ("age", age_text(answers.age)),
        ("exchange", answer_text(answers.exchange)),
    ]
}

fn source_short(id: &str) -> &str {
    content::source(id).map(|s| s.short).unwrap_or(id)
}

/// The summary for a case note. Every fact in it names its source, as on screen.
pub fn case_note(answers: &Answers, at: &LocalTime) -> String {
    let assessment = assess(answers);
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line(&format!("Red flags check, {} (device time)", at.date_time()));
    line("");
    for (id, answer) in answered(answers) {
        let text = content::question(id).map(|q| q.text).unwrap_or(id);
        line(&format!("{text} {answer}"));
    }
    line("");
    line(&format!("Result: {}", assessment.headline.text()));
    line(content::headline("always-911"));
    line("");
    for background in [false, true] {
        let noted: Vec<&content::Sign> = SIGNS
            .iter()
            .enumerate()
            .filter(|(i, s)| answers.signs.contains(*i) && content::sign_is_background(s) == background)
            .map(|(_, s)| s)
            .collect();
        let kind = if background {
            "Vulnerabilities noted"
        } else {
            "Signs noted"
        };
        match noted.len() {
            0 => line(&format!("{kind}: none.")),
            n => {
                line(&format!("{kind} ({n}):"));
                for s in &noted {
                    line(&format!("- {} (Source: {})", s.label, source_short(s.source)));
                }
            }
        }
    }
    line("");
    for c in CAUTIONS
        .iter()
        .filter(|c| ["not-proof", "not-a-substitute"].contains(&c.id))
    {
        line(&format!("{} (Source: {})", c.text, source_short(c.source)));
    }
    line("");
    line("Suggested next steps:");
    for (i, a) in assessment.actions.iter().enumerate() {
        let phone = a
            .contact
            .and_then(content::contact)
            .map(|c| format!(" {}: {}.", c.name, c.shown_as))
            .unwrap_or_default();
        let link = a
            .link
            .and_then(content::source)
            .and_then(|s| s.url)
            .map(|u| format!(" {u}"))
            .unwrap_or_default();
        line(&format!(
            "{}. {}{}{} (Source: {})",
            i + 1,
            a.text,
            phone,
            link,
            source_short(a.source)
        ));
    }
    line("");
    let guide = content::source("guide")
        .map(|s| format!("{}, {}", s.title, s.publisher))
        .unwrap_or_default();
    line(&format!(
        "Based on: {guide}. Made with the Red flags app, an independent tool."
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::checker::SignSet;

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
        assert_eq!(until_text(&AT, &later, false), "until 21:40");
        let tomorrow = LocalTime {
            day: 8,
            hour: 3,
            minute: 40,
            ..AT
        };
        assert_eq!(until_text(&AT, &tomorrow, true), "until tomorrow 03:40");
        assert_eq!(until_text(&AT, &tomorrow, false), "until 2026-03-08 03:40");
    }

    #[test]
    fn a_blank_check_says_nothing_noted() {
        let text = case_note(&Answers::default(), &AT);
        assert!(
            text.starts_with("Red flags check, 2026-03-07 09:05 (device time)\n"),
            "{text}"
        );
        assert!(text.contains("How old is the youth? Not answered"));
        assert!(text.contains("Signs noted: none."));
        assert!(text.contains("Vulnerabilities noted: none."));
        assert!(text.contains("Result: Nothing noted yet."), "{text}");
        assert!(text.contains("1. Nothing noted yet."), "{text}");
        assert!(text.contains("In danger or missing now? Call 911 first."), "{text}");
    }

    #[test]
    fn answers_signs_and_actions_appear_with_their_sources() {
        let answers = Answers {
            missing_now: Answer::Yes,
            age: Age::Under18,
            exchange: Answer::Yes,
            signs: SignSet::from_ids(["older-partner", "child-welfare-involvement"]),
            ..Answers::default()
        };
        let text = case_note(&answers, &AT);
        assert!(text.contains("Is the youth missing right now? Yes"));
        assert!(text.contains("How old is the youth? Under 18"));
        assert!(
            text.contains("Signs noted (1):\n- Older boyfriend or girlfriend (Source: "),
            "{text}"
        );
        assert!(
            text.contains("Vulnerabilities noted (1):\n- In child welfare or foster care (Source: "),
            "{text}"
        );
        assert!(
            text.contains("Result: Call 911 now."),
            "the headline is the most urgent thing: {text}"
        );
        // 911 first, with the number, and every action names its source.
        assert!(text.contains("1. Call 911 now"), "{text}");
        assert!(text.contains("911 emergency: 911."));
        assert!(text.contains("1-800-THE-LOST (1-800-843-5678)"));
        assert!(
            text.contains("https://report.cybertip.org/"),
            "the CyberTipline's address: {text}"
        );
        let actions = assess(&answers).actions.len();
        let numbered = text
            .lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_digit()) && l.contains(". "))
            .count();
        assert_eq!(numbered, actions);
        for l in text
            .lines()
            .filter(|l| l.starts_with("- ") || l.chars().next().is_some_and(|c| c.is_ascii_digit()))
        {
            assert!(l.contains("(Source: "), "no source: {l}");
        }
        assert!(text.contains("Child Sex Trafficking in America: A Guide for Child Welfare"));
    }

    #[test]
    fn the_note_carries_both_cautions_above_the_steps() {
        let text = case_note(
            &Answers {
                exchange: Answer::Yes,
                ..Answers::default()
            },
            &AT,
        );
        let proof = text.find("A sign is not proof.").expect("not proof");
        let legal = text.find("This app is not legal advice.").expect("not legal advice");
        let steps = text.find("Suggested next steps:").expect("steps");
        assert!(proof < steps && legal < steps, "{text}");
        assert!(text.contains("Result: If the youth is under 18"), "{text}");
    }

    #[test]
    fn the_summary_is_short_plain_text() {
        let all = SIGNS
            .iter()
            .enumerate()
            .fold(SignSet::default(), |s, (i, _)| s.with(i, true));
        let text = case_note(
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
