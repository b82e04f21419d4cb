//! The red-flag checker: answers in, assessment out (which rule fired, which actions, in what order).

use crate::content::{Action, Content, Trigger, EN, SIGNS};
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

/// How old the youth is, as a band: the law's rule for children holds for under-18s only.
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

/// Everything the user has tapped in the checker. Holds no names and no free text, by design.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Answers {
    /// Is the youth in danger right now?
    pub danger_now: Answer,
    /// Is the youth missing right now?
    pub missing_now: Answer,
    /// Has the youth just come back from a run, or been found?
    pub returned: Answer,
    pub age: Age,
    /// Has something of value been given, to the youth or anyone, in exchange for sexual activity with
    /// the youth? (The case the law settles.)
    pub exchange: Answer,
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
                if crate::content::sign_is_background(s) {
                    (now, bg + 1)
                } else {
                    (now + 1, bg)
                }
            })
    }
}

/// The most urgent thing the result says, shown first. Each has its text in `checker.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Headline {
    Urgent,
    MaybeMissing,
    ExploitedChild,
    ExploitedAgeUnknown,
    ExploitedAdult,
    Signs,
    Returned,
    ExchangeUnsure,
    Background,
    Nothing,
}

impl Headline {
    pub const ALL: [Headline; 10] = [
        Headline::Urgent,
        Headline::MaybeMissing,
        Headline::ExploitedChild,
        Headline::ExploitedAgeUnknown,
        Headline::ExploitedAdult,
        Headline::Signs,
        Headline::Returned,
        Headline::ExchangeUnsure,
        Headline::Background,
        Headline::Nothing,
    ];

    /// Its id in `checker.toml`.
    pub fn id(self) -> &'static str {
        match self {
            Headline::Urgent => "urgent",
            Headline::MaybeMissing => "maybe-missing",
            Headline::ExploitedChild => "exploited-child",
            Headline::ExploitedAgeUnknown => "exploited-age-unknown",
            Headline::ExploitedAdult => "exploited-adult",
            Headline::Signs => "signs",
            Headline::Returned => "returned",
            Headline::ExchangeUnsure => "exchange-unsure",
            Headline::Background => "background",
            Headline::Nothing => "nothing",
        }
    }

    pub fn text(self) -> &'static str {
        self.text_in(&EN)
    }

    /// Its text in the language of `content`.
    pub fn text_in(self, content: &Content) -> &'static str {
        content.headline(self.id())
    }

    /// Whether the result is about a child in danger or missing now (911 first).
    pub fn is_urgent(self) -> bool {
        self == Headline::Urgent
    }

    /// Whether the result belongs right under the questions, before the list of signs: a child who may
    /// be in danger or missing, or the case the law settles.
    pub fn comes_first(self) -> bool {
        matches!(
            self,
            Headline::Urgent | Headline::MaybeMissing | Headline::ExploitedChild | Headline::ExploitedAgeUnknown
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
    /// The steps that fit, in the content's order (most urgent first), each once.
    pub actions: Vec<&'static Action>,
}

impl Assessment {
    /// Whether the law's rule for children shows (outright, or "if the youth is under 18").
    #[cfg(test)]
    pub(crate) fn legal_rule(&self) -> bool {
        self.triggers
            .iter()
            .any(|t| matches!(t, Trigger::ExploitedChild | Trigger::ExploitedAgeUnknown))
    }
}

/// The triggers that `answers` fire.
pub fn triggers(answers: &Answers) -> Vec<Trigger> {
    let yes = |a: Answer| a == Answer::Yes;
    let (now, background) = answers.counts();
    let exploited = yes(answers.exchange);
    let mut out = Vec::new();
    let mut fire = |on: bool, t: Trigger| {
        if on {
            out.push(t);
        }
    };
    fire(yes(answers.danger_now), Trigger::DangerNow);
    fire(yes(answers.missing_now), Trigger::MissingNow);
    fire(
        answers.danger_now == Answer::NotSure || answers.missing_now == Answer::NotSure,
        Trigger::MaybeMissing,
    );
    fire(exploited && answers.age == Age::Under18, Trigger::ExploitedChild);
    fire(
        exploited && matches!(answers.age, Age::NotSure | Age::Unanswered),
        Trigger::ExploitedAgeUnknown,
    );
    fire(exploited && answers.age == Age::Adult, Trigger::ExploitedAdult);
    fire(answers.age == Age::Adult, Trigger::Adult);
    fire(answers.exchange == Answer::NotSure, Trigger::ExchangeUnsure);
    fire(yes(answers.returned), Trigger::Returned);
    fire(now > 0, Trigger::CurrentSigns);
    fire(background > 0, Trigger::Background);
    let concern = exploited || answers.exchange == Answer::NotSure || yes(answers.returned) || now > 0;
    fire(concern, Trigger::Concern);
    if out.iter().all(|t| *t == Trigger::Adult) {
        out.push(Trigger::NothingNoted);
    }
    out
}

fn headline(fired: &[Trigger]) -> Headline {
    let has = |t: Trigger| fired.contains(&t);
    if has(Trigger::DangerNow) || has(Trigger::MissingNow) {
        Headline::Urgent
    } else if has(Trigger::MaybeMissing) {
        Headline::MaybeMissing
    } else if has(Trigger::ExploitedChild) {
        Headline::ExploitedChild
    } else if has(Trigger::ExploitedAgeUnknown) {
        Headline::ExploitedAgeUnknown
    } else if has(Trigger::ExploitedAdult) {
        Headline::ExploitedAdult
    } else if has(Trigger::CurrentSigns) {
        Headline::Signs
    } else if has(Trigger::Returned) {
        Headline::Returned
    } else if has(Trigger::ExchangeUnsure) {
        Headline::ExchangeUnsure
    } else if has(Trigger::Background) {
        Headline::Background
    } else {
        Headline::Nothing
    }
}

/// [`assess_in`] with the English steps, for the tests.
#[cfg(test)]
pub(crate) fn assess(answers: &Answers) -> Assessment {
    assess_in(&EN, answers)
}

/// Answers → assessment, with the steps of `content` (the language read). Pure: the same answers always
/// give the same result. A translation has the same steps, in the same order, with the same triggers
/// (checked at build time), so the result is the same in its words.
pub fn assess_in(content: &Content, answers: &Answers) -> Assessment {
    let triggers = triggers(answers);
    let (signs_noted, vulnerabilities_noted) = answers.counts();
    let actions = content
        .actions
        .iter()
        .filter(|a| a.when.iter().any(|t| triggers.contains(t)) && !a.unless.iter().any(|t| triggers.contains(t)))
        .collect();
    Assessment {
        headline: headline(&triggers),
        signs_noted,
        vulnerabilities_noted,
        triggers,
        actions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{ACTIONS, ES};

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

    fn contacts(a: &Assessment) -> Vec<&'static str> {
        a.actions.iter().filter_map(|a| a.contact).collect()
    }

    #[test]
    fn nothing_tapped_says_nothing_noted_and_no_rule() {
        let a = assess(&Answers::default());
        assert!(!a.legal_rule());
        assert_eq!((a.signs_noted, a.vulnerabilities_noted), (0, 0));
        assert_eq!(a.triggers, vec![Trigger::NothingNoted]);
        assert_eq!(a.headline, Headline::Nothing);
        assert_eq!(ids(&a), vec!["nothing-noted"]);
    }

    #[test]
    fn danger_now_puts_911_first_whatever_else_was_answered() {
        let cases = [
            Answers {
                danger_now: Answer::Yes,
                ..Answers::default()
            },
            Answers {
                danger_now: Answer::Yes,
                exchange: Answer::Yes,
                age: Age::Under18,
                ..with_signs(&["withdrawal"])
            },
            Answers {
                danger_now: Answer::Yes,
                returned: Answer::Yes,
                ..with_signs(&["child-welfare-involvement"])
            },
        ];
        for answers in cases {
            let a = assess(&answers);
            assert_eq!(ids(&a)[0], "call-911", "{answers:?}");
            assert_eq!(a.actions[0].contact, Some("emergency"));
            assert_eq!(
                a.headline,
                Headline::Urgent,
                "the headline is the most urgent thing: {answers:?}"
            );
        }
    }

    #[test]
    fn missing_now_gives_911_then_ncmec_then_the_24_hour_rule_then_the_agency() {
        let a = assess(&Answers {
            missing_now: Answer::Yes,
            ..Answers::default()
        });
        assert_eq!(
            ids(&a),
            vec![
                "call-911",
                "call-ncmec-missing",
                "report-within-24-hours",
                "tell-agency",
                "follow-policy"
            ]
        );
        assert_eq!(a.headline, Headline::Urgent);
    }

    #[test]
    fn not_sure_about_missing_or_danger_says_what_to_do_if_so_without_a_verdict() {
        for answers in [
            Answers {
                missing_now: Answer::NotSure,
                ..Answers::default()
            },
            Answers {
                danger_now: Answer::NotSure,
                ..Answers::default()
            },
        ] {
            let a = assess(&answers);
            assert_eq!(ids(&a)[0], "maybe-missing", "{answers:?}");
            assert_eq!(a.actions[0].contact, Some("emergency"), "911 one tap away");
            assert!(!ids(&a).contains(&"call-911"));
            assert_eq!(
                a.headline,
                Headline::MaybeMissing,
                "never \"nothing noted\" beside a step to call"
            );
            let with_background = assess(&Answers {
                signs: SignSet::from_ids(["child-welfare-involvement"]),
                ..answers
            });
            assert_eq!(with_background.headline, Headline::MaybeMissing);
        }
        // A firm "yes" to either makes "not sure" moot.
        let a = assess(&Answers {
            missing_now: Answer::Yes,
            danger_now: Answer::NotSure,
            ..Answers::default()
        });
        assert!(!ids(&a).contains(&"maybe-missing"));
    }

    #[test]
    fn an_exchange_under_18_is_the_legal_rule_first_then_ncmec_with_the_cybertipline() {
        let a = assess(&Answers {
            exchange: Answer::Yes,
            age: Age::Under18,
            ..Answers::default()
        });
        assert!(a.legal_rule());
        assert_eq!(a.headline, Headline::ExploitedChild);
        let got = ids(&a);
        assert_eq!(got[0], "legal-rule");
        // 911 → NCMEC → the agency → policy → the CyberTipline → the rest.
        let at = |id: &str| {
            got.iter()
                .position(|x| *x == id)
                .unwrap_or_else(|| panic!("no {id}: {got:?}"))
        };
        assert!(
            at("tell-agency") < at("follow-policy") && at("follow-policy") < at("report-cybertipline"),
            "{got:?}"
        );
        assert_eq!(a.actions[at("report-cybertipline")].link, Some("cybertipline"));
        assert_eq!(
            a.actions[at("report-cybertipline")].contact,
            None,
            "the CyberTipline is online only"
        );
        assert!(got.contains(&"specialized-services") && got.contains(&"hotline-advice"));
        assert!(!got.contains(&"nothing-noted") && !got.contains(&"call-911"));
    }

    #[test]
    fn eighteen_or_older_never_gets_the_child_rule_but_the_adult_law_and_the_hotline() {
        let a = assess(&Answers {
            exchange: Answer::Yes,
            age: Age::Adult,
            ..Answers::default()
        });
        assert!(!a.legal_rule());
        let got = ids(&a);
        assert!(!got.iter().any(|id| id.starts_with("legal-rule")), "{got:?}");
        assert!(
            !got.contains(&"report-cybertipline"),
            "the CyberTipline is for children: {got:?}"
        );
        assert_eq!(got[0], "adult-rule");
        assert!(got.contains(&"hotline-advice"));
        assert_eq!(a.headline, Headline::ExploitedAdult);
    }

    #[test]
    fn age_not_known_states_the_rule_as_if_under_18() {
        for age in [Age::NotSure, Age::Unanswered] {
            let a = assess(&Answers {
                exchange: Answer::Yes,
                age,
                ..Answers::default()
            });
            assert!(a.legal_rule());
            assert_eq!(ids(&a)[0], "legal-rule-if-under-18");
            assert!(!ids(&a).contains(&"legal-rule"));
            assert_eq!(a.headline, Headline::ExploitedAgeUnknown);
            assert!(a.headline.text().starts_with("If the youth is under 18"));
        }
    }

    #[test]
    fn missing_and_exploited_offers_ncmec_once() {
        let a = assess(&Answers {
            missing_now: Answer::Yes,
            exchange: Answer::Yes,
            age: Age::Under18,
            ..with_signs(&["older-partner"])
        });
        let ncmec = contacts(&a).iter().filter(|c| **c == "ncmec").count();
        assert_eq!(ncmec, 1, "{:?}", ids(&a));
        let got = ids(&a);
        assert_eq!(&got[..2], &["call-911", "call-ncmec-missing"]);
        // Which screen: `router`'s tests.
        assert!(a.actions[1].page.is_some(), "the missing-child screen one tap away");
        assert!(got.contains(&"report-cybertipline"));
        assert!(
            !got.contains(&"ask-questions") && !got.contains(&"note-changes"),
            "nothing to ask or note of a youth who is not there: {got:?}"
        );
    }

    #[test]
    fn a_missing_adult_gets_911_and_the_agency_but_not_the_childrens_lines() {
        let a = assess(&Answers {
            missing_now: Answer::Yes,
            age: Age::Adult,
            ..Answers::default()
        });
        let got = ids(&a);
        assert_eq!(got[0], "call-911");
        assert!(
            !got.contains(&"call-ncmec-missing") && !got.contains(&"report-within-24-hours"),
            "{got:?}"
        );
        assert!(got.contains(&"tell-agency"));
        assert_eq!(
            assess(&Answers {
                age: Age::Adult,
                ..Answers::default()
            })
            .headline,
            Headline::Nothing
        );
    }

    #[test]
    fn background_alone_brings_prevention_and_watchfulness_not_the_sign_steps() {
        let a = assess(&with_signs(&["child-welfare-involvement"]));
        assert_eq!((a.signs_noted, a.vulnerabilities_noted), (0, 1));
        assert_eq!(a.headline, Headline::Background);
        assert_eq!(ids(&a), vec!["prevention", "stay-watchful"]);
        let all_background: Vec<&str> = SIGNS
            .iter()
            .filter(|s| crate::content::sign_is_background(s))
            .map(|s| s.id)
            .collect();
        assert!(all_background.len() >= 3);
        let a = assess(&with_signs(&all_background));
        assert_eq!(ids(&a), vec!["prevention", "stay-watchful"]);
    }

    #[test]
    fn a_current_sign_brings_ask_note_services_and_the_hotline() {
        let a = assess(&with_signs(&["older-partner", "child-welfare-involvement"]));
        assert_eq!((a.signs_noted, a.vulnerabilities_noted), (1, 1));
        assert_eq!(a.headline, Headline::Signs);
        assert_eq!(
            ids(&a),
            vec![
                "tell-agency",
                "follow-policy",
                "ask-questions",
                "note-changes",
                "specialized-services",
                "hotline-advice"
            ]
        );
    }

    #[test]
    fn a_youth_back_from_a_run_gets_the_guides_return_steps() {
        let a = assess(&Answers {
            returned: Answer::Yes,
            ..Answers::default()
        });
        assert_eq!(a.headline, Headline::Returned);
        let got = ids(&a);
        let welcome = got.iter().position(|x| *x == "returned-welcome").expect("welcome");
        assert_eq!(got.get(welcome + 1), Some(&"returned-ask"));
        assert!(got.contains(&"specialized-services"));
        assert!(
            !got.contains(&"ask-questions") && !got.contains(&"note-changes"),
            "said once, in returned-ask: {got:?}"
        );
    }

    #[test]
    fn not_sure_about_an_exchange_is_a_concern_but_not_the_rule() {
        let a = assess(&Answers {
            exchange: Answer::NotSure,
            ..Answers::default()
        });
        assert!(!a.legal_rule());
        assert_eq!(a.headline, Headline::ExchangeUnsure);
        assert!(ids(&a).contains(&"ask-questions"));
    }

    #[test]
    fn answering_no_alone_is_nothing_noted() {
        let a = assess(&Answers {
            exchange: Answer::No,
            missing_now: Answer::No,
            danger_now: Answer::No,
            returned: Answer::No,
            age: Age::Under18,
            ..Answers::default()
        });
        assert_eq!(a.triggers, vec![Trigger::NothingNoted]);
    }

    /// Every combination of answers (and a few sign sets): no step twice, 911 first whenever it shows,
    /// the steps in the content's order, and never the child rule for an adult.
    #[test]
    fn no_step_twice_and_911_always_first_across_every_combination() {
        let answers = [Answer::Unanswered, Answer::Yes, Answer::No, Answer::NotSure];
        let ages = [Age::Unanswered, Age::Under18, Age::Adult, Age::NotSure];
        let sign_sets = [
            vec![],
            vec!["withdrawal"],
            vec!["running-away"],
            vec!["gang-involvement", "unstable-home"],
        ];
        let mut seen = std::collections::BTreeSet::new();
        for danger_now in answers {
            for missing_now in answers {
                for returned in [Answer::Unanswered, Answer::Yes] {
                    for age in ages {
                        for exchange in answers {
                            for signs in &sign_sets {
                                let a = assess(&Answers {
                                    danger_now,
                                    missing_now,
                                    returned,
                                    age,
                                    exchange,
                                    ..with_signs(signs)
                                });
                                let got = ids(&a);
                                let unique: std::collections::BTreeSet<_> = got.iter().collect();
                                assert_eq!(unique.len(), got.len(), "a step twice: {got:?}");
                                assert!(!got.is_empty());
                                let order: Vec<usize> = got
                                    .iter()
                                    .map(|id| ACTIONS.iter().position(|x| x.id == *id).unwrap_or(usize::MAX))
                                    .collect();
                                assert!(order.windows(2).all(|w| w[0] < w[1]), "out of order: {got:?}");
                                if got.contains(&"call-911") {
                                    assert_eq!(got[0], "call-911");
                                }
                                assert!(contacts(&a).iter().filter(|c| **c == "ncmec").count() <= 1, "{got:?}");
                                if age == Age::Adult {
                                    assert!(!a.legal_rule() && !got.iter().any(|id| id.starts_with("legal-rule")));
                                }
                                seen.extend(got);
                            }
                        }
                    }
                }
            }
        }
        for action in ACTIONS {
            assert!(seen.contains(action.id), "step {} is never shown", action.id);
        }
    }

    #[test]
    fn every_headline_has_its_text() {
        for h in Headline::ALL {
            assert_ne!(h.text(), h.id(), "checker.toml has no headline `{}`", h.id());
        }
        for id in ["always-911", "pending", "pending-now"] {
            assert_ne!(crate::content::headline(id), id, "checker.toml has no headline `{id}`");
        }
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
                age: Age::NotSure,
                exchange: Answer::Yes,
                returned: Answer::Yes,
                ..Answers::default()
            },
        ];
        for answers in cases {
            let (en, es) = (assess(&answers), assess_in(&ES, &answers));
            assert_eq!(ids(&es), ids(&en));
            assert_eq!(es.headline, en.headline);
            assert_ne!(es.headline.text_in(&ES), en.headline.text(), "{:?}", en.headline);
            for (e, s) in en.actions.iter().zip(&es.actions) {
                assert_ne!(e.text, s.text, "step {} is not in Spanish", e.id);
            }
        }
        for h in Headline::ALL {
            assert_ne!(h.text_in(&ES), h.id(), "es/checker.toml has no headline `{}`", h.id());
        }
    }

    #[test]
    fn the_wording_never_makes_the_child_the_actor() {
        let texts = ACTIONS
            .iter()
            .map(|a| a.text)
            .chain(crate::content::QUESTIONS.iter().map(|q| q.text))
            .chain(crate::content::HEADLINES.iter().map(|h| h.text));
        for text in texts {
            for bad in ["traded sex", "trades sex", "youth traded", "sold sex", "prostitut"] {
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
