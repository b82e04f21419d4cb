//! The red-flag checker: answers in, assessment out (which rule fired, which actions, in what order).
//!
//! [`triggers`] turns answers into triggers, which are the rows of the response protocol's table:
//! missing now by the age now, danger now, an exchange for sexual activity by the age at the time, a
//! return from a run, signs of now apart from vulnerabilities of the youth's history. `headline` is
//! the most urgent thing the result says. Which steps show is content: `checker.toml` lists each step
//! once, with `when` (the rows it belongs to), `with` (all of these too) and `unless` (none of these);
//! the rows that fired are taken in order (missing and danger first) and each adds its steps in the
//! file's order, each step once. A test computes every combination of answers against the protocol's
//! table. Before the app runs (a prerendered page, or no WebAssembly) the Check screen gives no
//! verdict. The language is passed in: the steps come from the content read (a translation has
//! the same steps and triggers).

use crate::content::{Action, Content, Trigger, SIGNS};
use serde::{Deserialize, Serialize};

/// An answer to one of the checker's yes/no questions. Stored kebab-case (`"not-sure"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    #[default]
    Unanswered,
    Yes,
    No,
    NotSure,
}

/// The set of signs noted, one bit per entry of [`SIGNS`] (the guide has 11; a test keeps it under 32).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SignSet(u32);

impl SignSet {
    pub fn contains(self, index: usize) -> bool {
        index < 32 && self.0 & (1 << index) != 0
    }
    pub fn with(self, index: usize, on: bool) -> SignSet {
        if index >= 32 {
            return self;
        }
        if on {
            SignSet(self.0 | (1 << index))
        } else {
            SignSet(self.0 & !(1 << index))
        }
    }
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// The ids of the signs noted, in content order.
    pub fn ids(self) -> Vec<&'static str> {
        SIGNS
            .iter()
            .enumerate()
            .filter(|(i, _)| self.contains(*i))
            .map(|(_, s)| s.id)
            .collect()
    }
    /// Builds a set from sign ids; ids no longer in the content are dropped.
    pub fn from_ids<'a>(ids: impl IntoIterator<Item = &'a str>) -> SignSet {
        ids.into_iter().fold(SignSet::default(), |set, id| {
            match SIGNS.iter().position(|s| s.id == id) {
                Some(i) => set.with(i, true),
                None => set,
            }
        })
    }
}

/// How old the youth was when something of value was exchanged: the law's rule for children turns on
/// the age at the time (FACTS, Law). Stored kebab-case; the check record's format 2 stored the one age
/// it asked in these values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Age {
    #[default]
    Unanswered,
    #[serde(rename = "under-18")]
    Under18,
    #[serde(rename = "18-or-older")]
    Adult,
    NotSure,
}

/// How old the youth is now: the steps for a missing youth turn on it (under 18; 18 to 20, whom law
/// enforcement enters into NCIC and NCMEC takes at its request; 21 or older).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgeNow {
    #[default]
    Unanswered,
    #[serde(rename = "under-18")]
    Under18,
    #[serde(rename = "18-to-20")]
    From18To20,
    #[serde(rename = "21-or-older")]
    From21,
    NotSure,
}

/// Everything the user has tapped in the checker. Holds no names and no free text, by design.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Answers {
    /// Is the youth in danger right now?
    pub danger_now: Answer,
    /// Is the youth missing right now?
    pub missing_now: Answer,
    /// Has the youth just come back from a run, or been found?
    pub returned: Answer,
    /// How old is the youth now?
    pub age_now: AgeNow,
    /// Has something of value been given, to the youth or anyone, in exchange for sexual activity with
    /// the youth? (The case the law settles.)
    pub exchange: Answer,
    /// How old was the youth then?
    pub age_then: Age,
    pub signs: SignSet,
}

impl Answers {
    pub fn is_blank(&self) -> bool {
        *self == Answers::default()
    }

    /// Signs of what may be happening now, and vulnerabilities (background), counted apart.
    pub fn counts(&self) -> (usize, usize) {
        SIGNS
            .iter()
            .enumerate()
            .filter(|(i, _)| self.signs.contains(*i))
            .fold((0, 0), |(now, bg), (_, s)| {
                // SIGNS and their groups are the English content's: a count has no language.
                if crate::content::EN.sign_is_background(s) {
                    (now, bg + 1)
                } else {
                    (now + 1, bg)
                }
            })
    }

    /// The age at the time as the rule reads it: under 18 then if the user says so or the youth is
    /// under 18 now (a contradiction takes the under-18 side); 18 or older only if said and not
    /// contradicted; otherwise not known.
    pub fn age_at_the_time(&self) -> Age {
        if self.age_then == Age::Under18 || self.age_now == AgeNow::Under18 {
            Age::Under18
        } else if self.age_then == Age::Adult {
            Age::Adult
        } else {
            Age::NotSure
        }
    }
}

/// The most urgent thing the result says, shown first. Each has its text in `checker.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Headline {
    Urgent,
    DangerUnsure,
    MissingChild,
    MissingYoungAdult,
    MissingAdult,
    MissingUnsure,
    ExploitedChild,
    ExploitedAgeUnknown,
    ExploitedAdult,
    Returned,
    ExchangeUnsure,
    Signs,
    Background,
    Nothing,
}

impl Headline {
    pub const ALL: [Headline; 14] = [
        Headline::Urgent,
        Headline::DangerUnsure,
        Headline::MissingChild,
        Headline::MissingYoungAdult,
        Headline::MissingAdult,
        Headline::MissingUnsure,
        Headline::ExploitedChild,
        Headline::ExploitedAgeUnknown,
        Headline::ExploitedAdult,
        Headline::Returned,
        Headline::ExchangeUnsure,
        Headline::Signs,
        Headline::Background,
        Headline::Nothing,
    ];

    /// Its id in `checker.toml`.
    pub fn id(self) -> &'static str {
        match self {
            Headline::Urgent => "urgent",
            Headline::DangerUnsure => "danger-unsure",
            Headline::MissingChild => "missing-child",
            Headline::MissingYoungAdult => "missing-young-adult",
            Headline::MissingAdult => "missing-adult",
            Headline::MissingUnsure => "missing-unsure",
            Headline::ExploitedChild => "exploited-child",
            Headline::ExploitedAgeUnknown => "exploited-age-unknown",
            Headline::ExploitedAdult => "exploited-adult",
            Headline::Returned => "returned",
            Headline::ExchangeUnsure => "exchange-unsure",
            Headline::Signs => "signs",
            Headline::Background => "background",
            Headline::Nothing => "nothing",
        }
    }

    /// Its text in the language of `content`.
    pub fn text(self, content: &Content) -> &'static str {
        content.headline(self.id())
    }

    /// Whether the result is about a youth who may be in danger or missing now (911 first).
    pub fn is_urgent(self) -> bool {
        matches!(
            self,
            Headline::Urgent
                | Headline::DangerUnsure
                | Headline::MissingChild
                | Headline::MissingYoungAdult
                | Headline::MissingAdult
                | Headline::MissingUnsure
        )
    }
}

/// What the checker concludes. Never a score: what was noted, the headline, and the steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    pub headline: Headline,
    /// Signs of what may be happening now.
    pub signs_noted: usize,
    /// Vulnerabilities in the youth's history.
    pub vulnerabilities_noted: usize,
    /// Which triggers fired.
    pub triggers: Vec<Trigger>,
    /// The steps that fit, row by row (danger and missing first), each once.
    pub actions: Vec<&'static Action>,
}

impl Assessment {
    /// Whether the youth may be missing now, whatever the age: the agency edition's "Tell your agency
    /// now" offers the agency's lines for a missing child first, and the case note names them.
    pub fn missing(&self) -> bool {
        self.triggers.iter().any(|t| {
            matches!(
                t,
                Trigger::MissingChild | Trigger::MissingYoungAdult | Trigger::MissingAdult
            )
        })
    }

    /// Whether the law's rule for children shows (outright, or "if the youth was under 18 then").
    #[cfg(test)]
    pub(crate) fn legal_rule(&self) -> bool {
        self.triggers
            .iter()
            .any(|t| matches!(t, Trigger::ExploitedChild | Trigger::ExploitedAgeUnknown))
    }
}

/// Whether an answer means "act now": yes, or not sure (unsure is not a reason to wait).
fn yes_or_unsure(a: Answer) -> bool {
    matches!(a, Answer::Yes | Answer::NotSure)
}

/// The triggers that `answers` fire, in [`Trigger::ROWS`] order (and `Concern` after the rows it sums).
/// Danger and missing are separate: "not sure" on one never fires the other.
pub fn triggers(answers: &Answers) -> Vec<Trigger> {
    let (now, background) = answers.counts();
    let missing = yes_or_unsure(answers.missing_now);
    let exploited = answers.exchange == Answer::Yes;
    let age_then = answers.age_at_the_time();
    let rows = [
        (
            missing && matches!(answers.age_now, AgeNow::Under18 | AgeNow::Unanswered | AgeNow::NotSure),
            Trigger::MissingChild,
        ),
        (
            missing && answers.age_now == AgeNow::From18To20,
            Trigger::MissingYoungAdult,
        ),
        (missing && answers.age_now == AgeNow::From21, Trigger::MissingAdult),
        (yes_or_unsure(answers.danger_now), Trigger::DangerNow),
        (exploited && age_then == Age::Under18, Trigger::ExploitedChild),
        (exploited && age_then == Age::NotSure, Trigger::ExploitedAgeUnknown),
        (exploited && age_then == Age::Adult, Trigger::ExploitedAdult),
        (answers.returned == Answer::Yes, Trigger::Returned),
        (answers.exchange == Answer::NotSure, Trigger::ExchangeUnsure),
        (now > 0, Trigger::CurrentSigns),
    ];
    let mut out: Vec<Trigger> = rows.iter().filter(|(on, _)| *on).map(|(_, t)| *t).collect();
    let concern = !out.is_empty();
    if background > 0 {
        out.push(Trigger::Background);
    }
    if concern {
        out.push(Trigger::Concern);
    }
    if out.is_empty() {
        out.push(Trigger::NothingNoted);
    }
    out
}

/// The headline: a firm "yes" to danger or missing before a "not sure", then the first row that fired.
fn headline(answers: &Answers, fired: &[Trigger]) -> Headline {
    let has = |t: Trigger| fired.contains(&t);
    let missing_headline = || {
        if has(Trigger::MissingYoungAdult) {
            Headline::MissingYoungAdult
        } else if has(Trigger::MissingAdult) {
            Headline::MissingAdult
        } else {
            Headline::MissingChild
        }
    };
    if answers.danger_now == Answer::Yes {
        Headline::Urgent
    } else if answers.missing_now == Answer::Yes {
        missing_headline()
    } else if answers.danger_now == Answer::NotSure {
        Headline::DangerUnsure
    } else if answers.missing_now == Answer::NotSure {
        Headline::MissingUnsure
    } else if has(Trigger::ExploitedChild) {
        Headline::ExploitedChild
    } else if has(Trigger::ExploitedAgeUnknown) {
        Headline::ExploitedAgeUnknown
    } else if has(Trigger::ExploitedAdult) {
        Headline::ExploitedAdult
    } else if has(Trigger::Returned) {
        Headline::Returned
    } else if has(Trigger::ExchangeUnsure) {
        Headline::ExchangeUnsure
    } else if has(Trigger::CurrentSigns) {
        Headline::Signs
    } else if has(Trigger::Background) {
        Headline::Background
    } else {
        Headline::Nothing
    }
}

/// Answers → assessment, with the steps of `content` (the language read). Pure: the same answers always
/// give the same result. The rows that fired, in [`Trigger::ROWS`] order, each add the steps whose
/// `when` names the row, whose `with` all fired and whose `unless` none did, in the content's order,
/// each step once. A translation has the same steps, in the same order, with the same triggers (checked
/// at build time), so the result is the same in its words.
pub fn assess(content: &Content, answers: &Answers) -> Assessment {
    let triggers = triggers(answers);
    let (signs_noted, vulnerabilities_noted) = answers.counts();
    let fired = |t: &Trigger| triggers.contains(t);
    let mut actions: Vec<&'static Action> = Vec::new();
    for row in Trigger::ROWS.iter().filter(|r| fired(r)) {
        for action in content.actions {
            let shows = action.when.contains(row)
                && action.with.iter().all(fired)
                && !action.unless.iter().any(fired)
                && !actions.iter().any(|a| a.id == action.id);
            if shows {
                actions.push(action);
            }
        }
    }
    Assessment {
        headline: headline(answers, &triggers),
        signs_noted,
        vulnerabilities_noted,
        triggers,
        actions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{EN, ES};
    use std::collections::BTreeSet;

    fn ids(a: &Assessment) -> Vec<&'static str> {
        a.actions.iter().map(|a| a.id).collect()
    }

    fn sign(id: &str) -> usize {
        SIGNS
            .iter()
            .position(|s| s.id == id)
            .unwrap_or_else(|| panic!("sign {id} exists"))
    }

    fn with_signs(ids: &[&str]) -> Answers {
        Answers {
            signs: ids.iter().fold(SignSet::default(), |s, id| s.with(sign(id), true)),
            ..Answers::default()
        }
    }

    /// A step's kind: the 911 call and the agency step each have wordings for their rows, and show once.
    fn kind(id: &str) -> &str {
        if id.starts_with("call-911") {
            "911"
        } else if id.starts_with("tell-agency") {
            "agency"
        } else {
            id
        }
    }

    /// shared/PROTOCOL.md's table ("The checker: answers → the first line and the steps"), written out
    /// apart from the content: the headline and the steps of each row, the rows in order (danger and
    /// missing first: the missing row before the danger one, so its 911 step carries the missing
    /// details), each step once. "Not sure" on danger or missing is the row of "yes"; age now not
    /// answered is the under-18 path; the age at the time not answered is "unknown" unless the youth is
    /// under 18 now.
    fn protocol(a: &Answers, sign_now: bool, vulnerability: bool) -> (&'static str, Vec<&'static str>) {
        let act = |x: Answer| matches!(x, Answer::Yes | Answer::NotSure);
        let (danger, missing) = (act(a.danger_now), act(a.missing_now));
        let then = if a.age_then == Age::Under18 || a.age_now == AgeNow::Under18 {
            "under-18"
        } else if a.age_then == Age::Adult {
            "18+"
        } else {
            "unknown"
        };
        let exchange_yes = a.exchange == Answer::Yes;
        let victim = exchange_yes && then == "under-18";
        let agency = if victim { "tell-agency-victim" } else { "tell-agency" };
        let band = match a.age_now {
            AgeNow::From18To20 => "18-20",
            AgeNow::From21 => "21+",
            _ => "under-18",
        };
        let returned = a.returned == Answer::Yes;
        let mut rows: Vec<Vec<&'static str>> = Vec::new();
        if missing {
            rows.push(match band {
                "under-18" => vec![
                    "call-911-missing-child",
                    "ask-report-number",
                    agency,
                    "call-ncmec-missing",
                    "if-police-refuse",
                    "missing-screen",
                ],
                "18-20" => vec![
                    "call-911-missing-young-adult",
                    "ask-report-number",
                    agency,
                    "ask-police-for-ncmec",
                ],
                _ => vec![
                    "call-911-missing-adult",
                    if victim { agency } else { "tell-agency-policy" },
                ],
            });
        }
        if danger {
            rows.push(vec!["call-911", agency, "follow-policy"]);
        }
        if exchange_yes {
            rows.push(match then {
                "under-18" => vec![
                    "legal-rule",
                    "tell-agency-victim",
                    "follow-policy",
                    "report-cybertipline",
                    "specialized-services",
                ],
                "unknown" => vec![
                    "legal-rule-if-under-18",
                    agency,
                    "follow-policy",
                    "report-cybertipline",
                    "specialized-services",
                ],
                _ => vec!["hotline-adult", "adult-rule", agency, "follow-policy"],
            });
        }
        if returned {
            rows.push(vec!["returned-welcome", "returned-ask", "specialized-services"]);
        }
        // Nothing to ask or note of a youth who is not there; after a run, the guide's own asking.
        let ask: &[&'static str] = if missing || returned {
            &[]
        } else {
            &["ask-questions", "note-changes"]
        };
        let sign_row = |rows: &mut Vec<Vec<&'static str>>| {
            rows.push([ask, &[agency, "follow-policy", "specialized-services"]].concat());
        };
        if a.exchange == Answer::NotSure {
            sign_row(&mut rows);
        }
        if sign_now {
            sign_row(&mut rows);
        }
        let concern = !rows.is_empty();
        if vulnerability {
            rows.push(if concern {
                vec!["follow-policy"]
            } else {
                vec!["prevention", "stay-watchful", "follow-policy"]
            });
        }
        if rows.is_empty() {
            rows.push(vec!["nothing-noted"]);
        }
        let mut steps: Vec<&'static str> = Vec::new();
        for step in rows.into_iter().flatten() {
            if !steps.iter().any(|s| kind(s) == kind(step)) {
                steps.push(step);
            }
        }
        let headline = match (a.danger_now, a.missing_now) {
            (Answer::Yes, _) => "urgent",
            (_, Answer::Yes) => match band {
                "under-18" => "missing-child",
                "18-20" => "missing-young-adult",
                _ => "missing-adult",
            },
            (Answer::NotSure, _) => "danger-unsure",
            (_, Answer::NotSure) => "missing-unsure",
            _ if exchange_yes => match then {
                "under-18" => "exploited-child",
                "unknown" => "exploited-age-unknown",
                _ => "exploited-adult",
            },
            _ if returned => "returned",
            _ if a.exchange == Answer::NotSure => "exchange-unsure",
            _ if sign_now => "signs",
            _ if vulnerability => "background",
            _ => "nothing",
        };
        (headline, steps)
    }

    /// Every combination of answers (danger × missing × returned × age now × age then × exchange × the
    /// groups ticked) against PROTOCOL.md's table: the headline, the steps and their order (so the first
    /// step), no step twice, 911 first whenever danger or missing is yes or not sure, "not sure" on one
    /// never firing the other, and Spanish the same steps.
    #[test]
    fn every_combination_of_answers_follows_the_protocol_table() {
        let answers = [Answer::Unanswered, Answer::Yes, Answer::No, Answer::NotSure];
        let ages_now = [
            AgeNow::Unanswered,
            AgeNow::Under18,
            AgeNow::From18To20,
            AgeNow::From21,
            AgeNow::NotSure,
        ];
        let ages_then = [Age::Unanswered, Age::Under18, Age::Adult, Age::NotSure];
        let groups = [(false, false), (true, false), (false, true), (true, true)];
        let mut seen = BTreeSet::new();
        let mut combinations = 0;
        for danger_now in answers {
            for missing_now in answers {
                for returned in [Answer::Unanswered, Answer::Yes, Answer::No] {
                    for age_now in ages_now {
                        for age_then in ages_then {
                            for exchange in answers {
                                for (sign_now, vulnerability) in groups {
                                    let mut ticked = vec![];
                                    if sign_now {
                                        ticked.push("older-partner");
                                    }
                                    if vulnerability {
                                        ticked.push("child-welfare-involvement");
                                    }
                                    let answers = Answers {
                                        danger_now,
                                        missing_now,
                                        returned,
                                        age_now,
                                        exchange,
                                        age_then,
                                        ..with_signs(&ticked)
                                    };
                                    combinations += 1;
                                    let a = assess(&EN, &answers);
                                    let got = ids(&a);
                                    let (headline, steps) = protocol(&answers, sign_now, vulnerability);
                                    assert_eq!(a.headline.id(), headline, "{answers:?}");
                                    assert_eq!(got, steps, "{answers:?}");
                                    let kinds: BTreeSet<_> = got.iter().map(|id| kind(id)).collect();
                                    assert_eq!(kinds.len(), got.len(), "a step twice: {got:?}");
                                    let urgent = [danger_now, missing_now]
                                        .iter()
                                        .any(|x| matches!(x, Answer::Yes | Answer::NotSure));
                                    assert_eq!(kind(got[0]) == "911", urgent, "{answers:?}: {got:?}");
                                    assert_eq!(a.headline.is_urgent(), urgent, "{answers:?}");
                                    let missing = matches!(missing_now, Answer::Yes | Answer::NotSure);
                                    let missing_steps = got.iter().any(|id| {
                                        [
                                            "call-911-missing-child",
                                            "call-911-missing-young-adult",
                                            "call-ncmec-missing",
                                            "ask-police-for-ncmec",
                                            "missing-screen",
                                        ]
                                        .contains(id)
                                    });
                                    assert_eq!(
                                        missing_steps,
                                        missing && age_now != AgeNow::From21,
                                        "danger and missing are separate: {answers:?}: {got:?}"
                                    );
                                    // 21 or older: the app's own 911 step, never the danger one.
                                    assert_eq!(
                                        got.contains(&"call-911-missing-adult"),
                                        missing && age_now == AgeNow::From21,
                                        "{answers:?}: {got:?}"
                                    );
                                    assert_eq!(ids(&assess(&ES, &answers)), got);
                                    seen.extend(got);
                                }
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(combinations, 4 * 4 * 3 * 5 * 4 * 4 * 4);
        for action in crate::content::ACTIONS {
            assert!(seen.contains(action.id), "step {} is never shown", action.id);
        }
    }

    #[test]
    fn nothing_tapped_says_nothing_noted_and_no_rule() {
        let a = assess(&EN, &Answers::default());
        assert!(!a.legal_rule());
        assert_eq!(a.triggers, vec![Trigger::NothingNoted]);
        assert_eq!(a.headline, Headline::Nothing);
        assert_eq!(ids(&a), vec!["nothing-noted"]);
    }

    /// Unsure is not a reason to wait: the principle's words, and 911 one tap away.
    #[test]
    fn not_sure_says_call_911_in_the_protocols_words() {
        let danger = assess(
            &EN,
            &Answers {
                danger_now: Answer::NotSure,
                ..Answers::default()
            },
        );
        assert_eq!(
            danger.headline.text(&EN),
            "If you think the youth could be in danger right now, call 911. You don't need to be sure."
        );
        assert_eq!(danger.actions[0].contact, Some("emergency"));
        let missing = assess(
            &EN,
            &Answers {
                missing_now: Answer::NotSure,
                ..Answers::default()
            },
        );
        assert!(missing.headline.text(&EN).starts_with(
            "If the youth isn't where they should be and you can't reach them, call 911 now. Don't wait or search first"
        ));
        assert_eq!(missing.actions[0].contact, Some("emergency"));
        for h in Headline::ALL {
            assert!(!h.text(&EN).contains("Find out"), "{}", h.text(&EN));
        }
    }

    /// 18 now, 16 at the time: a child victim, with the rule and the CyberTipline; missing, the 18–20 steps.
    #[test]
    fn the_rule_turns_on_the_age_then_and_the_missing_steps_on_the_age_now() {
        let answers = Answers {
            age_now: AgeNow::From18To20,
            exchange: Answer::Yes,
            age_then: Age::Under18,
            ..Answers::default()
        };
        let a = assess(&EN, &answers);
        assert_eq!(a.headline, Headline::ExploitedChild);
        assert!(a.legal_rule());
        let got = ids(&a);
        assert_eq!(&got[..2], &["legal-rule", "tell-agency-victim"]);
        assert!(got.contains(&"report-cybertipline") && !got.contains(&"adult-rule"));
        assert!(a.actions[1].text.contains("24 hours"));
        let missing = assess(
            &EN,
            &Answers {
                missing_now: Answer::Yes,
                ..answers
            },
        );
        assert_eq!(missing.headline, Headline::MissingYoungAdult);
        let got = ids(&missing);
        assert_eq!(
            &got[..4],
            &[
                "call-911-missing-young-adult",
                "ask-report-number",
                "tell-agency-victim",
                "ask-police-for-ncmec"
            ]
        );
        assert!(!got.contains(&"call-ncmec-missing"));
    }

    #[test]
    fn an_exchange_at_18_or_older_names_the_national_human_trafficking_hotline() {
        let a = assess(
            &EN,
            &Answers {
                age_now: AgeNow::From21,
                exchange: Answer::Yes,
                age_then: Age::Adult,
                ..Answers::default()
            },
        );
        assert!(!a.legal_rule());
        assert!(a.headline.text(&EN).contains("National Human Trafficking Hotline"));
        assert_eq!(a.actions[0].contact, Some("trafficking-hotline"));
        assert!(!ids(&a).contains(&"report-cybertipline"));
    }

    #[test]
    fn every_headline_has_its_text() {
        for h in Headline::ALL {
            assert_ne!(h.text(&EN), h.id(), "checker.toml has no headline `{}`", h.id());
        }
        for id in ["always-911", "pending", "pending-now", "caution-line"] {
            assert_ne!(
                crate::content::EN.headline(id),
                id,
                "checker.toml has no headline `{id}`"
            );
        }
        assert_eq!(
            crate::content::EN.headline("always-911"),
            "If the youth is in danger or missing now: call 911."
        );
    }

    /// NCMEC's line is for a missing child: no headline or step offers it for danger alone.
    #[test]
    fn ncmec_only_for_a_missing_youth() {
        let a = assess(
            &EN,
            &Answers {
                danger_now: Answer::Yes,
                ..Answers::default()
            },
        );
        assert!(!a.headline.text(&EN).contains("NCMEC"));
        assert!(a
            .actions
            .iter()
            .all(|s| !s.text.contains("NCMEC") && s.contact != Some("ncmec")));
    }

    /// Spanish gives the same result in its own words: the same steps and headline, Spanish texts.
    #[test]
    fn the_spanish_assessment_is_the_english_one_in_spanish() {
        let cases = [
            Answers::default(),
            Answers {
                missing_now: Answer::Yes,
                exchange: Answer::Yes,
                ..with_signs(&["withdrawal", "unstable-home"])
            },
            Answers {
                age_now: AgeNow::From18To20,
                age_then: Age::Under18,
                exchange: Answer::Yes,
                returned: Answer::Yes,
                ..Answers::default()
            },
        ];
        for answers in cases {
            let (en, es) = (assess(&EN, &answers), assess(&ES, &answers));
            assert_eq!(ids(&es), ids(&en));
            assert_eq!(es.headline, en.headline);
            assert_ne!(es.headline.text(&ES), en.headline.text(&EN), "{:?}", en.headline);
            for (e, s) in en.actions.iter().zip(&es.actions) {
                assert_ne!(e.text, s.text, "step {} is not in Spanish", e.id);
            }
        }
        for h in Headline::ALL {
            assert_ne!(h.text(&ES), h.id(), "es/checker.toml has no headline `{}`", h.id());
        }
        assert_eq!(
            Headline::DangerUnsure.text(&ES),
            "Si cree que el joven podr\u{ed}a estar en peligro en este momento, llame al 911. No necesita estar seguro/a."
        );
    }

    #[test]
    fn the_wording_never_makes_the_child_the_actor() {
        let texts = crate::content::ACTIONS
            .iter()
            .map(|a| a.text)
            .chain(crate::content::QUESTIONS.iter().map(|q| q.text))
            .chain(crate::content::HEADLINES.iter().map(|h| h.text));
        for text in texts {
            for bad in [
                "traded sex",
                "trades sex",
                "youth traded",
                "youth sold",
                "sold sex",
                "prostitut",
                "chose",
            ] {
                assert!(!text.to_lowercase().contains(bad), "{text:?} says {bad:?}");
            }
        }
    }

    #[test]
    fn sign_set_round_trips_ids_and_drops_unknown_ones() {
        let set = SignSet::default()
            .with(sign("withdrawal"), true)
            .with(sign("gang-involvement"), true);
        assert_eq!(set.len(), 2);
        let back = SignSet::from_ids(set.ids().into_iter().chain(["no-such-sign"]));
        assert_eq!(back, set);
        assert_eq!(set.with(sign("withdrawal"), false).ids(), vec!["gang-involvement"]);
        assert!(SIGNS.len() <= 32);
    }
}
