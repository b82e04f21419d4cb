//! The content model as written in `content/*.toml`: one struct per item kind, the files that hold
//! them, [`Content`] (one language, parsed) and the errors a content file can have.

use serde::Deserialize;
use std::fmt;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    /// How the app names it beside a fact, e.g. "NCMEC guide".
    pub short: String,
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// Which part is cited, or what the source is.
    pub detail: String,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: String,
    pub name: String,
    /// What an acronym `name` stands for ("National Center for Missing & Exploited Children" for NCMEC),
    /// for someone handed the card who does not know it. An organisation's name: the same in every language.
    #[serde(default)]
    pub full_name: Option<String>,
    /// The call link's words, e.g. "Call NCMEC": a translation needs them whole ("Llamar al NCMEC", "Llamar
    /// a la National Runaway Safeline"), since the article each name takes is not a rule of the name.
    pub call: String,
    /// The number as people read it, e.g. "1-800-THE-LOST (1-800-843-5678)".
    pub shown_as: String,
    /// What the phone dials: E.164 (`+18008435678`) or an emergency short code (`911`).
    pub dial: String,
    /// One line on when to call it.
    pub when: String,
    pub source: String,
    /// True for lines that take no reports (Childhelp): the app says so.
    #[serde(default)]
    pub not_for_reports: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignGroup {
    pub id: String,
    pub title: String,
    /// What raises risk in the youth's history (a vulnerability), rather than a sign of what is happening now.
    #[serde(default)]
    pub background: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sign {
    pub id: String,
    pub group: String,
    /// Short label for the toggle.
    pub label: String,
    /// The few words on the printed wallet card (at most [`crate::CARD_LABEL_MAX`] characters).
    pub card: String,
    /// One plain line under the label.
    pub detail: String,
    /// "Why this matters", shown on demand, where the guide says why.
    #[serde(default)]
    pub why: Option<String>,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub slug: String,
    pub term: String,
    pub explanation: String,
    /// Exact statutory text, each quoted with its citation.
    #[serde(default)]
    pub law: Vec<LegalText>,
    pub source: String,
    #[serde(default)]
    pub related: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalText {
    /// What this text is, e.g. "Today's federal definition".
    pub label: String,
    /// The words of the law, exactly, in English as enacted (in every language).
    pub text: String,
    /// In a translation only: `text` explained in plain words of that language, shown beside the English
    /// as an unofficial translation. The English files leave it out.
    #[serde(default)]
    pub plain: Option<String>,
    pub citation: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub points: Vec<String>,
    pub source: String,
    /// Contacts to offer as call buttons at the end of the section.
    #[serde(default)]
    pub contacts: Vec<String>,
    /// Statistics to show in the section.
    #[serde(default)]
    pub statistics: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statistic {
    pub id: String,
    pub text: String,
    /// The year the figure is for, where the source gives one.
    #[serde(default)]
    pub year: Option<u16>,
    pub source: String,
}

/// What makes a checker action apply. The checker's pure logic (`src/core/checker.rs`) turns answers into
/// triggers. Each trigger but `concern` is a row of the result (shared/PROTOCOL.md's table): the rows
/// that fired are taken in the order of [`Trigger::ALL`], and each adds, in the content's order, the
/// actions whose `when` names it, whose `with` all fired and whose `unless` none did, each action once.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Trigger {
    MissingChild,
    MissingYoungAdult,
    MissingAdult,
    DangerNow,
    ExploitedChild,
    ExploitedAgeUnknown,
    ExploitedAdult,
    Returned,
    ExchangeUnsure,
    CurrentSigns,
    Background,
    Concern,
    NothingNoted,
}

impl Trigger {
    pub const ALL: [Trigger; 13] = [
        Trigger::MissingChild,
        Trigger::MissingYoungAdult,
        Trigger::MissingAdult,
        Trigger::DangerNow,
        Trigger::ExploitedChild,
        Trigger::ExploitedAgeUnknown,
        Trigger::ExploitedAdult,
        Trigger::Returned,
        Trigger::ExchangeUnsure,
        Trigger::CurrentSigns,
        Trigger::Background,
        Trigger::Concern,
        Trigger::NothingNoted,
    ];

    pub fn rust_name(self) -> String {
        format!("{self:?}")
    }

    /// As written in `checker.toml`.
    pub fn kebab(self) -> String {
        let mut out = String::new();
        for (i, ch) in format!("{self:?}").chars().enumerate() {
            if ch.is_ascii_uppercase() && i > 0 {
                out.push('-');
            }
            out.push(ch.to_ascii_lowercase());
        }
        out
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: String,
    /// Shows when any of these fired ...
    pub when: Vec<Trigger>,
    /// ... and none of these did.
    #[serde(default)]
    pub unless: Vec<Trigger>,
    /// ... and all of these did (the agency step's wording for a child victim).
    #[serde(default)]
    pub with: Vec<Trigger>,
    pub text: String,
    #[serde(default)]
    pub contact: Option<String>,
    /// A source whose web address the step links to (the CyberTipline).
    #[serde(default)]
    pub link: Option<String>,
    /// The step offers the user's own saved numbers (supervisor, agency), or a way to add one.
    #[serde(default)]
    pub my_numbers: bool,
    /// An app screen the step links to, by path (e.g. `/missing`).
    #[serde(default)]
    pub page: Option<String>,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Caution {
    pub id: String,
    pub text: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub hint: Option<String>,
    pub source: String,
}

/// The checker's headline for each kind of result (`src/core/checker.rs::Headline`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headline {
    pub id: String,
    pub text: String,
}

/// A step of the "A child is missing" screen, in the order it is done.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissingStep {
    pub id: String,
    /// What to do, as an order.
    pub title: String,
    /// The step as a record of what was done, for the case-note timeline.
    pub done: String,
    pub text: String,
    #[serde(default)]
    pub points: Vec<String>,
    /// The line this step dials.
    #[serde(default)]
    pub contact: Option<String>,
    /// The step offers the user's own saved numbers (supervisor, on-call) instead of a contact.
    #[serde(default)]
    pub my_numbers: bool,
    /// Applies only in some cases: not listed as still to do when it is not done.
    #[serde(default)]
    pub if_needed: bool,
    pub source: String,
}

/// One thing to have ready for the reports. The app keeps only whether it is ticked.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadyItem {
    pub id: String,
    pub text: String,
    pub source: String,
}

/// A rule text of the "A child is missing" screen, looked up by id.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub id: String,
    pub text: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourcesFile {
    pub(crate) source: Vec<Source>,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ContactsFile {
    pub(crate) contact: Vec<Contact>,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SignsFile {
    pub(crate) group: Vec<SignGroup>,
    pub(crate) sign: Vec<Sign>,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GlossaryFile {
    pub(crate) term: Vec<Term>,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GuideFile {
    pub(crate) section: Vec<Section>,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StatisticsFile {
    pub(crate) statistic: Vec<Statistic>,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CheckerFile {
    pub(crate) question: Vec<Question>,
    pub(crate) headline: Vec<Headline>,
    pub(crate) action: Vec<Action>,
    pub(crate) caution: Vec<Caution>,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MissingFile {
    pub(crate) step: Vec<MissingStep>,
    pub(crate) ready: Vec<ReadyItem>,
    pub(crate) note: Vec<Note>,
}

/// All content, read and validated.
#[derive(Debug)]
pub struct Content {
    pub sources: Vec<Source>,
    pub contacts: Vec<Contact>,
    pub groups: Vec<SignGroup>,
    pub signs: Vec<Sign>,
    pub terms: Vec<Term>,
    pub sections: Vec<Section>,
    pub statistics: Vec<Statistic>,
    pub questions: Vec<Question>,
    pub headlines: Vec<Headline>,
    pub actions: Vec<Action>,
    pub cautions: Vec<Caution>,
    pub missing_steps: Vec<MissingStep>,
    pub ready_items: Vec<ReadyItem>,
    pub missing_notes: Vec<Note>,
}

/// One problem in one content file, with the item it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub file: String,
    /// e.g. "sign `history-of-running`"; empty for file-level errors.
    pub item: String,
    pub problem: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.item.is_empty() {
            write!(f, "content/{}: {}", self.file, self.problem)
        } else {
            write!(f, "content/{}: {}: {}", self.file, self.item, self.problem)
        }
    }
}

/// Every error found, so an author can fix them all in one go.
#[derive(Debug)]
pub struct ContentErrors(pub Vec<ContentError>);

impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} problem(s) in the content files:", self.0.len())?;
        for e in &self.0 {
            writeln!(f, "  - {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ContentErrors {}
