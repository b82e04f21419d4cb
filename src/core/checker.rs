//! The red-flag checker: answers in, assessment out (which rule fired, which actions, in what order).

use crate::content::{Action, Trigger, ACTIONS, SIGNS};

/// An answer to one of the checker's yes/no questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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
        SIGNS.iter().enumerate().filter(|(i, _)| self.contains(*i)).map(|(_, s)| s.id).collect()
    }
    /// Builds a set from sign ids; ids no longer in the content are dropped.
    pub fn from_ids<'a>(ids: impl IntoIterator<Item = &'a str>) -> SignSet {
        ids.into_iter().fold(SignSet::default(), |set, id| match SIGNS.iter().position(|s| s.id == id) {
            Some(i) => set.with(i, true),
            None => set,
        })
    }
}

/// Everything the user has tapped in the checker. Holds no names and no free text, by design.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Answers {
    /// Has the youth traded any sexual activity for something of value?
    pub traded: Answer,
    /// Is the youth missing right now?
    pub missing_now: Answer,
    /// Is the youth in foster care? (asked only when missing now)
    pub in_care: Answer,
    pub signs: SignSet,
}

impl Answers {
    pub fn is_blank(&self) -> bool {
        *self == Answers::default()
    }
}

/// What the checker concludes. Never a score: a count of signs, the rule the law settles, and actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// The youth traded sex for something of value: a victim of sex trafficking under federal law.
    pub legal_rule: bool,
    pub missing_now: bool,
    pub signs_noted: usize,
    /// Which triggers fired, in priority order.
    pub triggers: Vec<Trigger>,
    /// The actions that fit, most urgent first.
    pub actions: Vec<&'static Action>,
}

/// The triggers that `answers` fire, in priority order.
pub fn triggers(answers: &Answers) -> Vec<Trigger> {
    let missing = answers.missing_now == Answer::Yes;
    let traded = answers.traded == Answer::Yes;
    let concern = traded || answers.traded == Answer::NotSure || !answers.signs.is_empty();
    let mut out = Vec::new();
    if missing {
        out.push(Trigger::MissingNow);
        if answers.in_care == Answer::Yes {
            out.push(Trigger::MissingFromCare);
        }
    }
    if traded {
        out.push(Trigger::Traded);
    }
    if concern {
        out.push(Trigger::AnyConcern);
    }
    if out.is_empty() {
        out.push(Trigger::NoConcern);
    }
    out
}

/// Answers → assessment. Pure: the same answers always give the same result.
pub fn assess(answers: &Answers) -> Assessment {
    let triggers = triggers(answers);
    let actions = triggers
        .iter()
        .flat_map(|t| ACTIONS.iter().filter(move |a| a.when == *t))
        .collect();
    Assessment {
        legal_rule: answers.traded == Answer::Yes,
        missing_now: answers.missing_now == Answer::Yes,
        signs_noted: answers.signs.len(),
        triggers,
        actions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(a: &Assessment) -> Vec<&'static str> {
        a.actions.iter().map(|a| a.id).collect()
    }

    fn sign(id: &str) -> usize {
        SIGNS.iter().position(|s| s.id == id).unwrap_or_else(|| panic!("sign {id} exists"))
    }

    #[test]
    fn nothing_tapped_says_nothing_noted_and_no_rule() {
        let a = assess(&Answers::default());
        assert!(!a.legal_rule);
        assert_eq!(a.signs_noted, 0);
        assert_eq!(a.triggers, vec![Trigger::NoConcern]);
        assert_eq!(ids(&a), vec!["nothing-noted"]);
    }

    #[test]
    fn trading_sex_fires_the_legal_rule_first_with_concern_actions_after() {
        let a = assess(&Answers { traded: Answer::Yes, ..Answers::default() });
        assert!(a.legal_rule);
        assert_eq!(a.triggers, vec![Trigger::Traded, Trigger::AnyConcern]);
        let got = ids(&a);
        assert_eq!(got[0], "legal-rule");
        assert!(got.contains(&"report-to-ncmec"));
        assert!(got.contains(&"specialised-services"));
        assert!(!got.contains(&"nothing-noted"));
        assert!(!got.contains(&"call-911"));
    }

    #[test]
    fn not_sure_about_trading_is_a_concern_but_not_the_rule() {
        let a = assess(&Answers { traded: Answer::NotSure, ..Answers::default() });
        assert!(!a.legal_rule);
        assert_eq!(a.triggers, vec![Trigger::AnyConcern]);
        assert_eq!(ids(&a)[0], "ask-questions");
    }

    #[test]
    fn answering_no_alone_is_no_concern() {
        let a = assess(&Answers { traded: Answer::No, missing_now: Answer::No, ..Answers::default() });
        assert_eq!(a.triggers, vec![Trigger::NoConcern]);
    }

    #[test]
    fn one_sign_gives_concern_actions_and_counts_it() {
        let answers = Answers { signs: SignSet::default().with(sign("running-away"), true), ..Answers::default() };
        let a = assess(&answers);
        assert_eq!(a.signs_noted, 1);
        assert_eq!(a.triggers, vec![Trigger::AnyConcern]);
        assert_eq!(ids(&a), vec!["ask-questions", "note-changes", "specialised-services", "hotline-advice"]);
    }

    #[test]
    fn missing_now_puts_911_first_then_ncmec_before_everything_else() {
        let answers = Answers {
            missing_now: Answer::Yes,
            traded: Answer::Yes,
            signs: SignSet::default().with(0, true),
            ..Answers::default()
        };
        let got = ids(&assess(&answers));
        assert_eq!(&got[..2], &["call-911", "call-ncmec-missing"]);
        assert!(!got.contains(&"report-within-24-hours"), "foster care not answered: {got:?}");
        assert!(got.iter().position(|x| *x == "legal-rule") > Some(1));
    }

    #[test]
    fn missing_from_foster_care_adds_the_24_hour_rule_after_the_calls() {
        let answers = Answers { missing_now: Answer::Yes, in_care: Answer::Yes, ..Answers::default() };
        let a = assess(&answers);
        assert_eq!(a.triggers, vec![Trigger::MissingNow, Trigger::MissingFromCare]);
        assert_eq!(ids(&a), vec!["call-911", "call-ncmec-missing", "report-within-24-hours"]);
    }

    #[test]
    fn in_care_without_missing_does_not_fire_the_24_hour_rule() {
        let answers = Answers { in_care: Answer::Yes, missing_now: Answer::No, ..Answers::default() };
        assert!(!assess(&answers).triggers.contains(&Trigger::MissingFromCare));
    }

    #[test]
    fn every_action_has_a_reachable_trigger() {
        let cases = [
            Answers::default(),
            Answers { traded: Answer::Yes, missing_now: Answer::Yes, in_care: Answer::Yes, ..Answers::default() },
        ];
        let reached: Vec<&str> = cases.iter().flat_map(|c| ids(&assess(c))).collect();
        for action in ACTIONS {
            assert!(reached.contains(&action.id), "action {} is never shown", action.id);
        }
    }

    #[test]
    fn sign_set_round_trips_ids_and_drops_unknown_ones() {
        let set = SignSet::default().with(sign("withdrawal"), true).with(sign("gang-involvement"), true);
        assert_eq!(set.len(), 2);
        let back = SignSet::from_ids(set.ids().into_iter().chain(["no-such-sign"]));
        assert_eq!(back, set);
        assert_eq!(set.with(sign("withdrawal"), false).ids(), vec!["gang-involvement"]);
        assert!(SIGNS.len() <= 32);
    }
}
