//! The agency's edition (`cargo xtask build --agency FILE`): the agency's names and numbers in each
//! language, compiled in from the agency file by `build.rs` (checked there by `crates/content`'s
//! `agency` module), as the content is. Only that edition has this module (`cfg(agency)`); the general
//! edition is built without it, byte for byte as before.

use super::Lang;

/// The agency, in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Agency {
    /// As a line names it: "Lakeview CFS".
    pub short_name: &'static str,
    pub full_name: &'static str,
    pub state: Option<&'static str>,
    /// Its policy page (https).
    pub policy: Option<&'static str>,
    /// One to four, in the order the agency offers them.
    pub numbers: &'static [AgencyLine],
}

/// One of the agency's numbers.
#[derive(Debug, PartialEq, Eq)]
pub struct AgencyLine {
    /// What it is for: "Report abuse or neglect, 24 hours".
    pub purpose: &'static str,
    pub shown_as: &'static str,
    /// E.164 or a short code (311).
    pub dial: &'static str,
    /// The situations the agency file says it is for (its `for` list); none if it says nothing.
    pub situations: &'static [Situation],
}

/// A situation an agency line can be for (the agency file's `for`: `missing-child`,
/// `suspected-trafficking`, `support`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Situation {
    MissingChild,
    SuspectedTrafficking,
    Support,
}

impl Agency {
    /// The lines for `situation`, in the agency's order; every line when the file names none for it
    /// (the case note then lists them all with their purposes rather than guess).
    pub fn lines_for(&self, situation: Situation) -> Vec<&AgencyLine> {
        let some: Vec<&AgencyLine> = self
            .numbers
            .iter()
            .filter(|n| n.situations.contains(&situation))
            .collect();
        if some.is_empty() {
            self.numbers.iter().collect()
        } else {
            some
        }
    }

    /// Every line, split for `situation`: the lines the file names for it, then the others, each in the
    /// agency's order. Every line is first (and none other) where the file names none for it.
    pub fn split_for(&self, situation: Situation) -> (Vec<&AgencyLine>, Vec<&AgencyLine>) {
        let first = self.lines_for(situation);
        let other = self
            .numbers
            .iter()
            .filter(|n| !first.iter().any(|f| std::ptr::eq(*f, *n)))
            .collect();
        (first, other)
    }

    /// The lines for `situation` as a case note names them: "Lakeview CFS, Report abuse or neglect, 24
    /// hours: 1-614-555-0100." for each, the purpose and the number (never a person's name: the file
    /// has none).
    pub fn note_for(&self, situation: Situation) -> String {
        let lines: Vec<String> = self
            .lines_for(situation)
            .into_iter()
            .map(|n| format!("{}, {}: {}.", self.short_name, n.purpose, n.shown_as))
            .collect();
        lines.join(" ")
    }
}

impl Situation {
    /// As the agency file writes it: `missing-child`.
    pub fn id(self) -> &'static str {
        match self {
            Situation::MissingChild => "missing-child",
            Situation::SuspectedTrafficking => "suspected-trafficking",
            Situation::Support => "support",
        }
    }

    /// The situation of an urgent step that says to tell the agency: a child missing now, or else a
    /// report of suspected trafficking.
    pub fn of_step(missing: bool) -> Situation {
        if missing {
            Situation::MissingChild
        } else {
            Situation::SuspectedTrafficking
        }
    }
}

impl AgencyLine {
    pub fn tel(&self) -> String {
        format!("tel:{}", self.dial)
    }
}

include!(concat!(env!("OUT_DIR"), "/agency.rs"));

impl Lang {
    /// The agency's names and numbers in this language.
    pub fn agency(self) -> &'static Agency {
        match self {
            Lang::En => &EN,
            Lang::Es => &ES,
        }
    }
}

/// The agency in the language of `content` (`content::EN` or `content::ES`), for what reads no route:
/// the case note.
pub fn of(content: &super::Content) -> &'static Agency {
    if std::ptr::eq(content, &super::ES) {
        &ES
    } else {
        &EN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static LINES: [AgencyLine; 3] = [
        AgencyLine {
            purpose: "Report",
            shown_as: "1",
            dial: "+1",
            situations: &[Situation::SuspectedTrafficking],
        },
        AgencyLine {
            purpose: "On call",
            shown_as: "2",
            dial: "+2",
            situations: &[Situation::MissingChild, Situation::SuspectedTrafficking],
        },
        AgencyLine {
            purpose: "Support",
            shown_as: "3",
            dial: "+3",
            situations: &[],
        },
    ];
    static A: Agency = Agency {
        short_name: "A",
        full_name: "A B",
        state: None,
        policy: None,
        numbers: &LINES,
    };

    #[test]
    fn the_note_names_the_lines_for_the_situation_or_every_line_when_the_file_names_none() {
        assert_eq!(A.note_for(Situation::MissingChild), "A, On call: 2.");
        assert_eq!(
            A.note_for(Situation::SuspectedTrafficking),
            "A, Report: 1. A, On call: 2."
        );
        assert_eq!(
            A.note_for(Situation::Support),
            "A, Report: 1. A, On call: 2. A, Support: 3."
        );
    }

    #[test]
    fn the_lines_for_the_situation_come_first_then_the_others_in_the_agencys_order() {
        let dials = |(first, other): (Vec<&AgencyLine>, Vec<&AgencyLine>)| {
            (
                first.iter().map(|n| n.dial).collect::<Vec<_>>(),
                other.iter().map(|n| n.dial).collect::<Vec<_>>(),
            )
        };
        assert_eq!(
            dials(A.split_for(Situation::MissingChild)),
            (vec!["+2"], vec!["+1", "+3"])
        );
        assert_eq!(
            dials(A.split_for(Situation::SuspectedTrafficking)),
            (vec!["+1", "+2"], vec!["+3"])
        );
        assert_eq!(dials(A.split_for(Situation::Support)), (vec!["+1", "+2", "+3"], vec![]));
        assert_eq!(Situation::of_step(true).id(), "missing-child");
        assert_eq!(Situation::of_step(false).id(), "suspected-trafficking");
    }

    #[test]
    fn both_languages_have_the_same_numbers_in_the_same_order() {
        let (en, es) = (Lang::En.agency(), Lang::Es.agency());
        assert!((1..=4).contains(&en.numbers.len()));
        let dials = |a: &Agency| a.numbers.iter().map(|n| n.dial).collect::<Vec<_>>();
        assert_eq!(dials(en), dials(es));
        assert!(en
            .numbers
            .iter()
            .all(|n| n.dial != "911" && n.tel().starts_with("tel:")));
    }
}
