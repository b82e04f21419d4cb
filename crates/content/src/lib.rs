//! The app's content model as it is written in `content/*.toml`: reading, validation and code generation.
//!
//! `build.rs` of the app calls [`load_all`] and [`generate_all`]; the app itself never parses anything. Every
//! rule a content file must keep lives in [`validate`], and every rule a translation must keep against its
//! English twin in [`compare`], so that a content mistake fails the build with a message that names the
//! file, the item and the problem.
//!
//! English (`content/*.toml`) is the source. Each translation lives in `content/<lang>/`, one twin per file
//! of [`FILES`]: the same items with the same ids, in the same order, with the same references, numbers and
//! quotations of the law; only the fields of [`TEXT_FIELDS`] are translated.

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

pub mod agency;
pub mod html;
mod twin;
pub mod ui;
pub use twin::{compare, NEVER_IN_SPANISH, SAME_FIELDS, SAME_IN_TRANSLATION, TEXT_FIELDS, TRANSLATION_ONLY_FIELDS};
pub use ui::{UI_FILE, UI_SAME_IN_TRANSLATION};

/// The content files, in the order they are read. Each is required.
pub const FILES: [&str; 8] = [
    "sources.toml",
    "contacts.toml",
    "signs.toml",
    "glossary.toml",
    "guide.toml",
    "statistics.toml",
    "checker.toml",
    "missing.toml",
];

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
    /// The few words on the printed wallet card (at most [`CARD_LABEL_MAX`] characters).
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
struct SourcesFile {
    source: Vec<Source>,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContactsFile {
    contact: Vec<Contact>,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SignsFile {
    group: Vec<SignGroup>,
    sign: Vec<Sign>,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryFile {
    term: Vec<Term>,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GuideFile {
    section: Vec<Section>,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatisticsFile {
    statistic: Vec<Statistic>,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckerFile {
    question: Vec<Question>,
    headline: Vec<Headline>,
    action: Vec<Action>,
    caution: Vec<Caution>,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MissingFile {
    step: Vec<MissingStep>,
    ready: Vec<ReadyItem>,
    note: Vec<Note>,
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

/// The translations, each a folder of `content/` holding a twin of every file of [`FILES`].
pub const TRANSLATIONS: [&str; 1] = ["es"];

/// Reads every file of [`FILES`] and the interface's [`UI_FILE`] from `dir`; `prefix` is how errors name
/// the folder (`""` or `"es/"`).
fn read_texts(dir: &Path, prefix: &str, errors: &mut Vec<ContentError>) -> BTreeMap<String, String> {
    let mut texts = BTreeMap::new();
    for name in FILES.into_iter().chain([UI_FILE]) {
        match std::fs::read_to_string(dir.join(name)) {
            Ok(text) => {
                texts.insert(name.to_string(), text);
            }
            Err(e) => errors.push(ContentError {
                file: format!("{prefix}{name}"),
                item: String::new(),
                problem: format!("cannot be read: {e}"),
            }),
        }
    }
    texts
}

/// Reads every file of [`FILES`] from `dir` (English only), then parses and validates them.
pub fn load(dir: &Path) -> Result<Content, ContentErrors> {
    let mut errors = Vec::new();
    let texts = read_texts(dir, "", &mut errors);
    if !errors.is_empty() {
        return Err(ContentErrors(errors));
    }
    parse(&texts)
}

/// The content in every language the app ships.
#[derive(Debug)]
pub struct Languages {
    /// The source: `content/*.toml`.
    pub en: Content,
    /// `content/es/*.toml`, checked against `en` by [`compare`].
    pub es: Content,
    /// The interface's words, `content/ui.toml` and `content/es/ui.toml`, checked by [`ui::check`].
    pub ui: ui::Ui,
}

impl Languages {
    /// The general edition: without the agency edition's interface texts (`[agency]` in ui.toml), which
    /// only its code reads. They are checked all the same.
    pub fn drop_agency_texts(&mut self) {
        for texts in [&mut self.ui.en, &mut self.ui.es] {
            texts.retain(|key, _| !key.starts_with(agency::UI_GROUP));
        }
    }
}

/// Reads, parses and validates `dir` (English) and `dir/es` (Spanish), and checks the Spanish against
/// its English twin. Every problem of both is reported at once.
pub fn load_all(dir: &Path) -> Result<Languages, ContentErrors> {
    let mut errors = Vec::new();
    let en = read_texts(dir, "", &mut errors);
    let es = read_texts(&dir.join("es"), "es/", &mut errors);
    if !errors.is_empty() {
        return Err(ContentErrors(errors));
    }
    parse_all(&en, &es)
}

/// [`load_all`] from file name → text, for each language ([`FILES`] and [`UI_FILE`]).
pub fn parse_all(en: &BTreeMap<String, String>, es: &BTreeMap<String, String>) -> Result<Languages, ContentErrors> {
    let mut errors = Vec::new();
    let ui = match (en.get(UI_FILE), es.get(UI_FILE)) {
        (Some(en_ui), Some(es_ui)) => ui::check(en_ui, es_ui).map_err(|e| errors.extend(e)).ok(),
        (en_ui, _) => {
            errors.push(ContentError {
                file: if en_ui.is_none() {
                    UI_FILE.into()
                } else {
                    format!("es/{UI_FILE}")
                },
                item: String::new(),
                problem: "is missing".into(),
            });
            None
        }
    };
    let en_content = parse(en).map_err(|e| errors.extend(e.0)).ok();
    let es_content = parse(es)
        .map_err(|e| {
            errors.extend(e.0.into_iter().map(|e| ContentError {
                file: format!("es/{}", e.file),
                ..e
            }))
        })
        .ok();
    errors.extend(compare("es", en, es));
    match (en_content, es_content, ui) {
        (Some(en), Some(es), Some(ui)) if errors.is_empty() => Ok(Languages { en, es, ui }),
        _ => Err(ContentErrors(errors)),
    }
}

fn parse_file<T: for<'de> Deserialize<'de>>(
    texts: &BTreeMap<String, String>,
    name: &str,
    errors: &mut Vec<ContentError>,
) -> Option<T> {
    let Some(text) = texts.get(name) else {
        errors.push(ContentError {
            file: name.into(),
            item: String::new(),
            problem: "is missing".into(),
        });
        return None;
    };
    match toml::from_str::<T>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(ContentError {
                file: name.into(),
                item: String::new(),
                problem: e.to_string().trim().replace('\n', " "),
            });
            None
        }
    }
}

/// Parses and validates content from file name → text.
pub fn parse(texts: &BTreeMap<String, String>) -> Result<Content, ContentErrors> {
    let mut errors = Vec::new();
    let sources = parse_file::<SourcesFile>(texts, "sources.toml", &mut errors);
    let contacts = parse_file::<ContactsFile>(texts, "contacts.toml", &mut errors);
    let signs = parse_file::<SignsFile>(texts, "signs.toml", &mut errors);
    let glossary = parse_file::<GlossaryFile>(texts, "glossary.toml", &mut errors);
    let guide = parse_file::<GuideFile>(texts, "guide.toml", &mut errors);
    let statistics = parse_file::<StatisticsFile>(texts, "statistics.toml", &mut errors);
    let checker = parse_file::<CheckerFile>(texts, "checker.toml", &mut errors);
    let missing = parse_file::<MissingFile>(texts, "missing.toml", &mut errors);
    let (
        Some(sources),
        Some(contacts),
        Some(signs),
        Some(glossary),
        Some(guide),
        Some(statistics),
        Some(checker),
        Some(missing),
    ) = (sources, contacts, signs, glossary, guide, statistics, checker, missing)
    else {
        return Err(ContentErrors(errors));
    };
    let content = Content {
        sources: sources.source,
        contacts: contacts.contact,
        groups: signs.group,
        signs: signs.sign,
        terms: glossary.term,
        sections: guide.section,
        statistics: statistics.statistic,
        questions: checker.question,
        headlines: checker.headline,
        actions: checker.action,
        cautions: checker.caution,
        missing_steps: missing.step,
        ready_items: missing.ready,
        missing_notes: missing.note,
    };
    let errors = validate(&content);
    if errors.is_empty() {
        Ok(content)
    } else {
        Err(ContentErrors(errors))
    }
}

/// True for what a `tel:` link may dial: E.164 (`+` and 8 to 15 digits, no leading zero) or a short
/// code ([`is_short_code`]).
pub fn is_dialable(dial: &str) -> bool {
    if is_short_code(dial) {
        return true;
    }
    let Some(digits) = dial.strip_prefix('+') else {
        return false;
    };
    (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0')
}

/// True for a short code a US phone dials: N11, `211` to `911` (`211` community services, `311` city
/// services, `911` emergencies).
pub fn is_short_code(dial: &str) -> bool {
    let b = dial.as_bytes();
    b.len() == 3 && (b'2'..=b'9').contains(&b[0]) && &b[1..] == b"11"
}

/// The phone keypad: the digit each letter A to Z dials (ABC=2 … WXYZ=9). The one map: the app reads
/// it as generated data (`content::KEYPAD`, written by [`generate_all`]), as it reads the content.
pub const KEYPAD: &[u8; 26] = b"22233344455566677778889999";

/// The digit a letter dials on a phone keypad ([`KEYPAD`]).
fn keypad(c: char) -> char {
    let i = (c.to_ascii_uppercase() as usize).wrapping_sub('A' as usize);
    KEYPAD.get(i).map_or('9', |&d| char::from(d))
}

/// What is wrong with a number shown as `shown_as` and dialled as `dial`, with the fix; `None` when it
/// is right. `dial` is E.164 or a short code ([`is_short_code`]). `shown_as` shows the dialled number in
/// each of its forms: `1-800-THE-LOST (1-800-843-5678)` has one before the bracket and one inside it,
/// `(614) 555-0199` one. A form's letters are read as on a phone keypad, so they must spell its digits;
/// a US number may be shown without its country code 1. The content's contacts and an agency's numbers
/// are both checked by this rule.
pub fn number_problem(shown_as: &str, dial: &str) -> Option<String> {
    if !is_dialable(dial) {
        let digits: String = dial.chars().filter(char::is_ascii_digit).collect();
        let fix = match digits.len() {
            10 => format!(": write `+1{digits}`"),
            11 if digits.starts_with('1') => format!(": write `+{digits}`"),
            _ => ": write + and the country code, then the number's digits, with no spaces or dashes".into(),
        };
        return Some(format!(
            "`dial` `{dial}` is not an E.164 number (+ and 8 to 15 digits) or a short code such as 211 or 311{fix}"
        ));
    }
    if is_short_code(dial) {
        return (shown_as.trim() != dial)
            .then(|| format!("`shown_as` `{shown_as}` must be `{dial}`, the short code it dials"));
    }
    let want = &dial[1..];
    let forms: Vec<&str> = match shown_as.trim().strip_suffix(')').and_then(|s| s.rsplit_once(" (")) {
        // A bracket that holds a whole second form, not an area code.
        Some((first, second)) if second.chars().filter(char::is_ascii_alphanumeric).count() >= 7 => vec![first, second],
        _ => vec![shown_as.trim()],
    };
    // Each form read as a phone dials it; the forms that dial another number.
    let wrong: Vec<(&str, String)> = forms
        .into_iter()
        .map(|form| {
            let read: String = form
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| if c.is_ascii_digit() { c } else { keypad(c) })
                .collect();
            (form, read)
        })
        .filter(|(_, read)| read != want && !(want.starts_with('1') && *read == want[1..]))
        .collect();
    match wrong.iter().find(|(form, _)| form.chars().any(|c| c.is_ascii_alphabetic())) {
        _ if wrong.is_empty() => None,
        Some((form, read)) if wrong.len() == 1 => Some(format!(
            "`shown_as` `{shown_as}`: the letters of `{form}` spell {read} on a phone keypad, not the dialled `{dial}`: correct the letters or the digits so they spell the same number"
        )),
        _ => Some(format!(
            "`shown_as` `{shown_as}` does not show the dialled number `{dial}`: make them the same number"
        )),
    }
}

/// Phone numbers written in running text, as `1-800-843-5678` or `1-800-THE-LOST`: every
/// run that starts `1-8` and continues with digits, capitals and dashes to at least 12 characters.
pub fn phone_numbers_in(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i + 3 <= bytes.len() {
        let starts_word = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if starts_word && bytes[i..].starts_with(b"1-8") {
            let mut j = i;
            while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j].is_ascii_uppercase() || bytes[j] == b'-') {
                j += 1;
            }
            let run = text[i..j].trim_end_matches('-');
            if run.len() >= 12 {
                found.push(run.to_string());
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    found
}

/// Common British spellings, each the start of a word ("behaviour" also finds "behaviours"): the app
/// writes US English. Each is chosen so that no US word starts with it ("specialis" would catch
/// "specialist", so the "-ise" words are listed as "-ise", "-ising" and "-isation").
/// The longest a sign's `card` words may be: one line of the 85.6 mm wallet card's half-width column.
pub const CARD_LABEL_MAX: usize = 26;

pub const UK_SPELLINGS: &[&str] = &[
    // -our
    "behaviour",
    "colour",
    "favour",
    "honour",
    "labour",
    "neighbour",
    "harbour",
    "rumour",
    "humour",
    "endeavour",
    "flavour",
    "odour",
    "vigour",
    "armour",
    "parlour",
    "savour",
    // -re
    "centre",
    "theatre",
    "metre",
    "litre",
    "fibre",
    "calibre",
    "sombre",
    "spectre",
    // -ise, -isation
    "organise",
    "organising",
    "organisation",
    "recognise",
    "recognising",
    "recognisable",
    "realise",
    "realising",
    "realisation",
    "specialise",
    "specialising",
    "specialisation",
    "apologise",
    "apologising",
    "criticise",
    "criticising",
    "emphasise",
    "emphasising",
    "prioritise",
    "prioritising",
    "summarise",
    "summarising",
    "minimise",
    "minimising",
    "maximise",
    "authorise",
    "authorising",
    "authorisation",
    "categorise",
    "utilise",
    "finalise",
    "normalise",
    "normalising",
    "memorise",
    "traumatise",
    "traumatising",
    "victimise",
    "victimising",
    "victimisation",
    "stigmatise",
    "sexualise",
    "sexualisation",
    "glamorise",
    "glamorising",
    "mobilise",
    "stabilise",
    "stabilising",
    "sanitise",
    "analyse",
    "analysing",
    "paralyse",
    // doubled l
    "travelled",
    "travelling",
    "traveller",
    "dialled",
    "dialling",
    "counselling",
    "counsellor",
    "cancelled",
    "cancelling",
    "labelled",
    "labelling",
    "modelled",
    "modelling",
    "signalled",
    "signalling",
    "fuelled",
    "levelled",
    "marvellous",
    "jewellery",
    "enrolment",
    "fulfilment",
    // others
    "licence",
    "defence",
    "offence",
    "practise",
    "practising",
    "programme",
    "catalogue",
    "cheque",
    "enquire",
    "enquiry",
    "enquiries",
    "judgement",
    "ageing",
    "sceptic",
    "paediatric",
    "anaesthe",
    "manoeuvre",
    "whilst",
    "amongst",
    "aeroplane",
    "pyjama",
    "grey",
];

/// The British spellings ([`UK_SPELLINGS`]) that start a word of `text`, case-insensitively.
pub fn uk_spellings_in(text: &str) -> Vec<&'static str> {
    let mut found = Vec::new();
    for word in text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()) {
        let word = word.to_ascii_lowercase();
        // "grey" alone: "Greyhound" is a US name.
        for uk in UK_SPELLINGS.iter().filter(|uk| {
            if **uk == "grey" {
                word == "grey"
            } else {
                word.starts_with(**uk)
            }
        }) {
            if !found.contains(uk) {
                found.push(*uk);
            }
        }
    }
    found
}

/// The keys whose values are identifiers or references, never shown to anyone.
const IDENTIFIER_KEYS: [&str; 10] = [
    "id",
    "slug",
    "group",
    "related",
    "contacts",
    "contact",
    "when",
    "source",
    "statistics",
    "dial",
];

/// Every string a content file shows to users, as (where, text): all string values except
/// identifiers and references ([`IDENTIFIER_KEYS`]). Comments are not values, so they are not included.
pub fn shown_texts(file_text: &str) -> Result<Vec<(String, String)>, String> {
    fn walk(path: &str, value: &toml::Value, out: &mut Vec<(String, String)>) {
        match value {
            toml::Value::String(s) => out.push((path.to_string(), s.clone())),
            toml::Value::Array(items) => items.iter().for_each(|v| walk(path, v, out)),
            toml::Value::Table(table) => {
                for (key, v) in table.iter().filter(|(k, _)| !IDENTIFIER_KEYS.contains(&k.as_str())) {
                    walk(format!("{path}.{key}").trim_start_matches('.'), v, out);
                }
            }
            _ => {}
        }
    }
    let table: toml::Table = toml::from_str(file_text).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    walk("", &toml::Value::Table(table), &mut out);
    Ok(out)
}

/// A name that is only capital letters ("NCMEC"): someone who does not know it needs its full name.
pub fn is_acronym(name: &str) -> bool {
    name.len() >= 2 && name.bytes().all(|b| b.is_ascii_uppercase())
}

/// The initials of a name's capitalised words: "National Center for Missing & Exploited Children" is "NCMEC".
pub fn initials(full_name: &str) -> String {
    full_name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(char::is_ascii_uppercase)
        .collect()
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// Collects the problems of one file as items are checked.
struct Checker<'a> {
    file: &'static str,
    errors: &'a mut Vec<ContentError>,
}

impl Checker<'_> {
    fn err(&mut self, item: String, problem: String) {
        self.errors.push(ContentError {
            file: self.file.into(),
            item,
            problem,
        });
    }
    fn text(&mut self, item: &str, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.err(item.into(), format!("`{field}` is empty"));
        }
    }
    fn id(&mut self, item: &str, value: &str, seen: &mut BTreeSet<String>) {
        if !is_slug(value) {
            self.err(
                item.into(),
                format!("id `{value}` must be lowercase letters, digits and dashes"),
            );
        }
        if !seen.insert(value.to_string()) {
            self.err(item.into(), format!("id `{value}` is used twice"));
        }
    }
    fn reference(&mut self, item: &str, field: &str, value: &str, known: &BTreeSet<String>, in_file: &str) {
        if !known.contains(value) {
            self.err(
                item.into(),
                format!("`{field}` names `{value}`, which is not in content/{in_file}"),
            );
        }
    }
}

/// Checks every rule; returns every problem found.
pub fn validate(c: &Content) -> Vec<ContentError> {
    let mut errors = Vec::new();
    let source_ids: BTreeSet<String> = c.sources.iter().map(|s| s.id.clone()).collect();
    let contact_ids: BTreeSet<String> = c.contacts.iter().map(|s| s.id.clone()).collect();
    let group_ids: BTreeSet<String> = c.groups.iter().map(|s| s.id.clone()).collect();
    let term_ids: BTreeSet<String> = c.terms.iter().map(|s| s.slug.clone()).collect();
    let stat_ids: BTreeSet<String> = c.statistics.iter().map(|s| s.id.clone()).collect();
    // Numbers that running text may mention: each contact's shown form, and its parts.
    let mut known_numbers = BTreeSet::new();
    for contact in &c.contacts {
        known_numbers.extend(phone_numbers_in(&contact.shown_as));
    }
    let mut texts_to_scan: Vec<(&'static str, String, String)> = Vec::new();

    {
        let mut ck = Checker {
            file: "sources.toml",
            errors: &mut errors,
        };
        let mut seen = BTreeSet::new();
        for s in &c.sources {
            let item = format!("source `{}`", s.id);
            ck.id(&item, &s.id, &mut seen);
            ck.text(&item, "short", &s.short);
            ck.text(&item, "title", &s.title);
            ck.text(&item, "publisher", &s.publisher);
            ck.text(&item, "detail", &s.detail);
            if let Some(url) = &s.url {
                if !url.starts_with("https://") {
                    ck.err(item.clone(), format!("`url` `{url}` must start with https://"));
                }
            }
        }
        if c.sources.is_empty() {
            ck.err(String::new(), "lists no source".into());
        }
    }
    {
        let mut ck = Checker {
            file: "contacts.toml",
            errors: &mut errors,
        };
        let mut seen = BTreeSet::new();
        for k in &c.contacts {
            let item = format!("contact `{}`", k.id);
            ck.id(&item, &k.id, &mut seen);
            ck.text(&item, "name", &k.name);
            match &k.full_name {
                Some(full) => {
                    ck.text(&item, "full_name", full);
                    if initials(full) != k.name {
                        ck.err(
                            item.clone(),
                            format!(
                                "`full_name` {full:?} does not spell `name` `{}` (its capitalised words' initials are `{}`)",
                                k.name,
                                initials(full)
                            ),
                        );
                    }
                }
                None if is_acronym(&k.name) => ck.err(
                    item.clone(),
                    format!("`name` `{}` is an acronym: give its `full_name`", k.name),
                ),
                None => {}
            }
            ck.text(&item, "call", &k.call);
            if !k.call.contains(&k.name) && !k.call.contains(&k.shown_as) {
                ck.err(
                    item.clone(),
                    format!("`call` `{}` names neither `name` nor `shown_as`", k.call),
                );
            }
            ck.text(&item, "shown_as", &k.shown_as);
            ck.text(&item, "when", &k.when);
            ck.reference(&item, "source", &k.source, &source_ids, "sources.toml");
            if let Some(problem) = number_problem(&k.shown_as, &k.dial) {
                ck.err(item.clone(), problem);
            }
            texts_to_scan.push(("contacts.toml", item, k.when.clone()));
        }
    }
    {
        let mut ck = Checker {
            file: "signs.toml",
            errors: &mut errors,
        };
        let mut seen = BTreeSet::new();
        for g in &c.groups {
            let item = format!("group `{}`", g.id);
            ck.id(&item, &g.id, &mut seen);
            ck.text(&item, "title", &g.title);
            if !c.signs.iter().any(|s| s.group == g.id) {
                ck.err(item, "has no sign".into());
            }
        }
        let mut seen = BTreeSet::new();
        for s in &c.signs {
            let item = format!("sign `{}`", s.id);
            ck.id(&item, &s.id, &mut seen);
            ck.text(&item, "label", &s.label);
            ck.text(&item, "card", &s.card);
            if s.card.chars().count() > CARD_LABEL_MAX {
                ck.err(
                    item.clone(),
                    format!(
                        "`card` `{}` is longer than {CARD_LABEL_MAX} characters: it must fit one line of the wallet card",
                        s.card
                    ),
                );
            }
            ck.text(&item, "detail", &s.detail);
            if let Some(why) = &s.why {
                ck.text(&item, "why", why);
            }
            ck.reference(&item, "group", &s.group, &group_ids, "signs.toml");
            ck.reference(&item, "source", &s.source, &source_ids, "sources.toml");
            texts_to_scan.push((
                "signs.toml",
                item.clone(),
                format!("{} {} {} {}", s.label, s.card, s.detail, s.why.as_deref().unwrap_or("")),
            ));
        }
    }
    {
        let mut ck = Checker {
            file: "glossary.toml",
            errors: &mut errors,
        };
        let mut seen = BTreeSet::new();
        for t in &c.terms {
            let item = format!("term `{}`", t.slug);
            ck.id(&item, &t.slug, &mut seen);
            ck.text(&item, "term", &t.term);
            ck.text(&item, "explanation", &t.explanation);
            ck.reference(&item, "source", &t.source, &source_ids, "sources.toml");
            for law in &t.law {
                ck.text(&item, "law.label", &law.label);
                ck.text(&item, "law.text", &law.text);
                if let Some(plain) = &law.plain {
                    ck.text(&item, "law.plain", plain);
                }
                ck.text(&item, "law.citation", &law.citation);
                ck.reference(&item, "law.source", &law.source, &source_ids, "sources.toml");
            }
            for r in &t.related {
                ck.reference(&item, "related", r, &term_ids, "glossary.toml");
            }
            texts_to_scan.push(("glossary.toml", item.clone(), t.explanation.clone()));
        }
    }
    {
        let mut ck = Checker {
            file: "guide.toml",
            errors: &mut errors,
        };
        let mut seen = BTreeSet::new();
        for s in &c.sections {
            let item = format!("section `{}`", s.slug);
            ck.id(&item, &s.slug, &mut seen);
            ck.text(&item, "title", &s.title);
            ck.text(&item, "summary", &s.summary);
            if s.points.is_empty() && s.statistics.is_empty() {
                ck.err(item.clone(), "has neither `points` nor `statistics`".into());
            }
            for p in &s.points {
                ck.text(&item, "points", p);
            }
            ck.reference(&item, "source", &s.source, &source_ids, "sources.toml");
            for k in &s.contacts {
                ck.reference(&item, "contacts", k, &contact_ids, "contacts.toml");
            }
            for st in &s.statistics {
                ck.reference(&item, "statistics", st, &stat_ids, "statistics.toml");
            }
            texts_to_scan.push((
                "guide.toml",
                item.clone(),
                format!("{} {}", s.summary, s.points.join(" ")),
            ));
        }
    }
    {
        let mut ck = Checker {
            file: "statistics.toml",
            errors: &mut errors,
        };
        let mut seen = BTreeSet::new();
        for s in &c.statistics {
            let item = format!("statistic `{}`", s.id);
            ck.id(&item, &s.id, &mut seen);
            ck.text(&item, "text", &s.text);
            ck.reference(&item, "source", &s.source, &source_ids, "sources.toml");
            if let Some(year) = s.year.filter(|y| !(1990..=2100).contains(y)) {
                ck.err(item.clone(), format!("`year` {year} is not a plausible year"));
            }
        }
    }
    {
        let mut ck = Checker {
            file: "checker.toml",
            errors: &mut errors,
        };
        let mut seen = BTreeSet::new();
        for q in &c.questions {
            let item = format!("question `{}`", q.id);
            ck.id(&item, &q.id, &mut seen);
            ck.text(&item, "text", &q.text);
            if let Some(hint) = &q.hint {
                ck.text(&item, "hint", hint);
            }
            ck.reference(&item, "source", &q.source, &source_ids, "sources.toml");
        }
        for a in &c.actions {
            let item = format!("action `{}`", a.id);
            ck.id(&item, &a.id, &mut seen);
            ck.text(&item, "text", &a.text);
            ck.reference(&item, "source", &a.source, &source_ids, "sources.toml");
            if let Some(k) = &a.contact {
                ck.reference(&item, "contact", k, &contact_ids, "contacts.toml");
            }
            if let Some(l) = &a.link {
                ck.reference(&item, "link", l, &source_ids, "sources.toml");
                if c.sources.iter().any(|s| &s.id == l && s.url.is_none()) {
                    ck.err(item.clone(), format!("`link` names `{l}`, which has no `url`"));
                }
            }
            if let Some(page) = &a.page {
                if !page.starts_with('/') || page.contains(char::is_whitespace) {
                    ck.err(
                        item.clone(),
                        format!("`page` `{page}` is not an app path such as `/missing`"),
                    );
                }
            }
            if a.when.is_empty() {
                ck.err(
                    item.clone(),
                    "`when` names no trigger: the step would never show".into(),
                );
            }
            texts_to_scan.push(("checker.toml", item.clone(), a.text.clone()));
        }
        let mut headline_ids = BTreeSet::new();
        for h in &c.headlines {
            let item = format!("headline `{}`", h.id);
            ck.id(&item, &h.id, &mut headline_ids);
            ck.text(&item, "text", &h.text);
            texts_to_scan.push(("checker.toml", item.clone(), h.text.clone()));
        }
        for x in &c.cautions {
            let item = format!("caution `{}`", x.id);
            ck.id(&item, &x.id, &mut seen);
            ck.text(&item, "text", &x.text);
            ck.reference(&item, "source", &x.source, &source_ids, "sources.toml");
        }
        // The answers that must always lead somewhere: a child in danger or missing now, a child exploited,
        // a youth just back from a run, and nothing noted. (Other triggers may work through `concern`.)
        for t in [
            Trigger::DangerNow,
            Trigger::MissingChild,
            Trigger::MissingYoungAdult,
            Trigger::MissingAdult,
            Trigger::ExploitedChild,
            Trigger::ExploitedAgeUnknown,
            Trigger::ExploitedAdult,
            Trigger::Returned,
            Trigger::ExchangeUnsure,
            Trigger::CurrentSigns,
            Trigger::Background,
            Trigger::NothingNoted,
        ] {
            if !c.actions.iter().any(|a| a.when.contains(&t)) {
                ck.err(String::new(), format!("no action for `when = [\"{}\"]`", t.kebab()));
            }
        }
        if c.cautions.is_empty() {
            ck.err(
                String::new(),
                "lists no caution: the checker must always say signs are not proof".into(),
            );
        }
    }
    {
        let mut ck = Checker {
            file: "missing.toml",
            errors: &mut errors,
        };
        let mut seen = BTreeSet::new();
        for s in &c.missing_steps {
            let item = format!("step `{}`", s.id);
            ck.id(&item, &s.id, &mut seen);
            ck.text(&item, "title", &s.title);
            ck.text(&item, "done", &s.done);
            ck.text(&item, "text", &s.text);
            for p in &s.points {
                ck.text(&item, "points", p);
            }
            ck.reference(&item, "source", &s.source, &source_ids, "sources.toml");
            match (&s.contact, s.my_numbers) {
                (Some(k), false) => ck.reference(&item, "contact", k, &contact_ids, "contacts.toml"),
                (None, true) => {}
                _ => ck.err(
                    item.clone(),
                    "needs exactly one of `contact` and `my_numbers = true`: every step is a call".into(),
                ),
            }
            texts_to_scan.push((
                "missing.toml",
                item.clone(),
                format!("{} {} {} {}", s.title, s.done, s.text, s.points.join(" ")),
            ));
        }
        if c.missing_steps.first().and_then(|s| s.contact.as_deref()) != Some("emergency") {
            ck.err(
                String::new(),
                "the first step must call `emergency`: law enforcement is called first".into(),
            );
        }
        for r in &c.ready_items {
            let item = format!("ready `{}`", r.id);
            ck.id(&item, &r.id, &mut seen);
            ck.text(&item, "text", &r.text);
            ck.reference(&item, "source", &r.source, &source_ids, "sources.toml");
            texts_to_scan.push(("missing.toml", item.clone(), r.text.clone()));
        }
        for n in &c.missing_notes {
            let item = format!("note `{}`", n.id);
            ck.id(&item, &n.id, &mut seen);
            ck.text(&item, "text", &n.text);
            ck.reference(&item, "source", &n.source, &source_ids, "sources.toml");
            texts_to_scan.push(("missing.toml", item.clone(), n.text.clone()));
        }
    }
    for (file, item, text) in texts_to_scan {
        for n in phone_numbers_in(&text) {
            if !known_numbers.contains(&n) {
                errors.push(ContentError {
                    file: file.into(),
                    item,
                    problem: format!(
                        "mentions the phone number `{n}`, which is not a contact's number in content/contacts.toml"
                    ),
                });
                break;
            }
        }
    }
    errors
}

fn opt(s: &Option<String>) -> String {
    match s {
        Some(s) => format!("Some({s:?})"),
        None => "None".into(),
    }
}

fn triggers(v: &[Trigger]) -> String {
    let items: Vec<String> = v.iter().map(|t| format!("Trigger::{}", t.rust_name())).collect();
    format!("&[{}]", items.join(", "))
}

fn strs(v: &[String]) -> String {
    let items: Vec<String> = v.iter().map(|s| format!("{s:?}")).collect();
    format!("&[{}]", items.join(", "))
}

/// Rust source for the app's static content: `pub static SOURCES: &[Source] = &[…];` and so on,
/// with the types of the app's `content` module in scope.
pub fn generate(c: &Content) -> String {
    let mut out = String::from("// @generated by build.rs from content/*.toml. Edit those files, not this one.\n");
    out.push_str(&statics(c));
    out
}

/// What the generated `es` module holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SpanishModule {
    /// The Spanish content: what the app ships.
    #[default]
    Translated,
    /// The English content in the Spanish module's place: the same statics of the same types, with the
    /// English words (and no plain explanations beside the statutes, which only a translation has).
    /// Identical strings and tables are then shared with the English ones, so the difference between a
    /// WASM built this way and the real one is what the Spanish words add: `cargo xtask bench` measures
    /// the Spanish content's share of the WASM so. Never shipped.
    AsEnglish,
}

/// The environment variable `build.rs` reads: `1` generates [`SpanishModule::AsEnglish`]. Only the
/// bench sets it, for a build of its own.
pub const SPANISH_AS_ENGLISH_ENV: &str = "RED_FLAGS_SPANISH_AS_ENGLISH";

impl SpanishModule {
    /// From the value of [`SPANISH_AS_ENGLISH_ENV`]: `1` is [`SpanishModule::AsEnglish`], anything else
    /// (or unset) the real Spanish.
    pub fn from_env_value(value: Option<&str>) -> SpanishModule {
        match value {
            Some("1") => SpanishModule::AsEnglish,
            _ => SpanishModule::Translated,
        }
    }
}

/// [`generate`] for every language: English at the top level, as the app reads it, and each translation
/// the same statics in a module of its own (`es::SIGNS`); `spanish` says whose words `es` holds.
pub fn generate_all(all: &Languages, spanish: SpanishModule) -> String {
    let mut out = String::from(
        "// @generated by build.rs from content/*.toml and content/es/*.toml. Edit those files, not this one.\n",
    );
    out.push_str(&format!(
        "/// The phone keypad: the digit each letter A to Z dials.\npub static KEYPAD: &[u8; 26] = b{:?};\n",
        std::str::from_utf8(KEYPAD).unwrap_or_default()
    ));
    out.push_str(&statics(&all.en));
    out.push_str(&ui::generate(&all.ui));
    let es = match spanish {
        SpanishModule::Translated => {
            out.push_str("\n/// The Spanish content (`content/es/*.toml`): the same items as above, translated.\n");
            statics(&all.es) + &ui::statics(&all.ui.es)
        }
        SpanishModule::AsEnglish => {
            out.push_str(
                "\n/// The English content in the Spanish module's place (`RED_FLAGS_SPANISH_AS_ENGLISH=1`, for the\n\
                 /// bench's measure of the Spanish content's share of the WASM).\n",
            );
            statics(&all.en) + &ui::statics(&all.ui.en)
        }
    };
    out.push_str("pub mod es {\n    use super::*;\n\n");
    for line in es.lines() {
        out.push_str(if line.is_empty() { "" } else { "    " });
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("}\n");
    out
}

/// The `pub static` items of one language.
fn statics(c: &Content) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "pub static SOURCES: &[Source] = &[");
    for s in &c.sources {
        let _ = writeln!(
            out,
            "    Source {{ id: {:?}, short: {:?}, title: {:?}, publisher: {:?}, detail: {:?}, url: {} }},",
            s.id,
            s.short,
            s.title,
            s.publisher,
            s.detail,
            opt(&s.url)
        );
    }
    let _ = writeln!(out, "];\npub static CONTACTS: &[Contact] = &[");
    for k in &c.contacts {
        let _ = writeln!(
            out,
            "    Contact {{ id: {:?}, name: {:?}, full_name: {}, call: {:?}, shown_as: {:?}, dial: {:?}, when: {:?}, source: {:?}, not_for_reports: {} }},",
            k.id, k.name, opt(&k.full_name), k.call, k.shown_as, k.dial, k.when, k.source, k.not_for_reports
        );
    }
    let _ = writeln!(out, "];\npub static SIGN_GROUPS: &[SignGroup] = &[");
    for g in &c.groups {
        let _ = writeln!(
            out,
            "    SignGroup {{ id: {:?}, title: {:?}, background: {} }},",
            g.id, g.title, g.background
        );
    }
    let _ = writeln!(out, "];\npub static SIGNS: &[Sign] = &[");
    for s in &c.signs {
        let _ = writeln!(
            out,
            "    Sign {{ id: {:?}, group: {:?}, label: {:?}, card: {:?}, detail: {:?}, why: {}, source: {:?} }},",
            s.id,
            s.group,
            s.label,
            s.card,
            s.detail,
            opt(&s.why),
            s.source
        );
    }
    let _ = writeln!(out, "];\npub static TERMS: &[Term] = &[");
    for t in &c.terms {
        let _ = writeln!(
            out,
            "    Term {{ slug: {:?}, term: {:?}, explanation: {:?}, law: &[{}], source: {:?}, related: {} }},",
            t.slug,
            t.term,
            t.explanation,
            t.law
                .iter()
                .map(|l| format!(
                    "LegalText {{ label: {:?}, text: {:?}, plain: {}, citation: {:?}, source: {:?} }}",
                    l.label,
                    l.text,
                    opt(&l.plain),
                    l.citation,
                    l.source
                ))
                .collect::<Vec<_>>()
                .join(", "),
            t.source,
            strs(&t.related)
        );
    }
    let _ = writeln!(out, "];\npub static SECTIONS: &[Section] = &[");
    for s in &c.sections {
        let _ = writeln!(
            out,
            "    Section {{ slug: {:?}, title: {:?}, summary: {:?}, points: {}, source: {:?}, contacts: {}, statistics: {} }},",
            s.slug, s.title, s.summary, strs(&s.points), s.source, strs(&s.contacts), strs(&s.statistics)
        );
    }
    let _ = writeln!(out, "];\npub static STATISTICS: &[Statistic] = &[");
    for s in &c.statistics {
        let _ = writeln!(
            out,
            "    Statistic {{ id: {:?}, text: {:?}, year: {:?}, source: {:?} }},",
            s.id, s.text, s.year, s.source
        );
    }
    let _ = writeln!(out, "];\npub static QUESTIONS: &[Question] = &[");
    for q in &c.questions {
        let _ = writeln!(
            out,
            "    Question {{ id: {:?}, text: {:?}, hint: {}, source: {:?} }},",
            q.id,
            q.text,
            opt(&q.hint),
            q.source
        );
    }
    let _ = writeln!(out, "];\npub static ACTIONS: &[Action] = &[");
    for a in &c.actions {
        let _ = writeln!(
            out,
            "    Action {{ id: {:?}, when: {}, unless: {}, with: {}, text: {:?}, contact: {}, link: {}, my_numbers: {}, page: {}, source: {:?} }},",
            a.id,
            triggers(&a.when),
            triggers(&a.unless),
            triggers(&a.with),
            a.text,
            opt(&a.contact),
            opt(&a.link),
            a.my_numbers,
            opt(&a.page),
            a.source
        );
    }
    let _ = writeln!(out, "];\npub static HEADLINES: &[Headline] = &[");
    for h in &c.headlines {
        let _ = writeln!(out, "    Headline {{ id: {:?}, text: {:?} }},", h.id, h.text);
    }
    let _ = writeln!(out, "];\npub static CAUTIONS: &[Caution] = &[");
    for x in &c.cautions {
        let _ = writeln!(
            out,
            "    Caution {{ id: {:?}, text: {:?}, source: {:?} }},",
            x.id, x.text, x.source
        );
    }
    let _ = writeln!(out, "];\npub static MISSING_STEPS: &[MissingStep] = &[");
    for s in &c.missing_steps {
        let _ = writeln!(
            out,
            "    MissingStep {{ id: {:?}, title: {:?}, done: {:?}, text: {:?}, points: {}, contact: {}, my_numbers: {}, if_needed: {}, source: {:?} }},",
            s.id, s.title, s.done, s.text, strs(&s.points), opt(&s.contact), s.my_numbers, s.if_needed, s.source
        );
    }
    let _ = writeln!(out, "];\npub static READY_ITEMS: &[ReadyItem] = &[");
    for r in &c.ready_items {
        let _ = writeln!(
            out,
            "    ReadyItem {{ id: {:?}, text: {:?}, source: {:?} }},",
            r.id, r.text, r.source
        );
    }
    let _ = writeln!(out, "];\npub static MISSING_NOTES: &[Note] = &[");
    for n in &c.missing_notes {
        let _ = writeln!(
            out,
            "    Note {{ id: {:?}, text: {:?}, source: {:?} }},",
            n.id, n.text, n.source
        );
    }
    let _ = writeln!(out, "];");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The real content files, as the build reads them.
    /// The shipped files of one language (`""` English, `"es"` Spanish), by name.
    fn shipped(lang: &str) -> BTreeMap<String, String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content").join(lang);
        FILES
            .iter()
            .chain(&[UI_FILE])
            .map(|f| {
                let text = std::fs::read_to_string(dir.join(f)).unwrap_or_else(|e| panic!("content/{lang}/{f}: {e}"));
                (f.to_string(), text)
            })
            .collect()
    }

    fn real() -> BTreeMap<String, String> {
        shipped("")
    }

    /// The real content with one replacement in one file; panics if `from` is not there (so a test
    /// cannot silently test nothing).
    fn with(file: &str, from: &str, to: &str) -> BTreeMap<String, String> {
        let mut t = real();
        let text = t.get_mut(file).expect("known file");
        assert!(text.contains(from), "{file} does not contain {from:?}");
        *text = text.replacen(from, to, 1);
        t
    }

    fn errors(texts: &BTreeMap<String, String>) -> Vec<String> {
        match parse(texts) {
            Ok(_) => Vec::new(),
            Err(e) => e.0.iter().map(|e| e.to_string()).collect(),
        }
    }

    /// The real Spanish files, as the build reads them.
    fn real_es() -> BTreeMap<String, String> {
        shipped("es")
    }

    /// Every item and field of a content file, as "kind `id`.key" (and "kind `id`.law[0].key"): what a
    /// translation must have the same of (its own explanations of the law apart).
    fn keys(file_text: &str) -> BTreeSet<String> {
        fn walk(prefix: &str, table: &toml::Table, out: &mut BTreeSet<String>) {
            for (key, value) in table {
                if TRANSLATION_ONLY_FIELDS.iter().any(|f| f.ends_with(&format!(".{key}"))) {
                    continue;
                }
                match value.as_array() {
                    Some(items) if items.iter().all(toml::Value::is_table) && !items.is_empty() => {
                        for (i, item) in items.iter().filter_map(toml::Value::as_table).enumerate() {
                            let id = item
                                .get("id")
                                .or_else(|| item.get("slug"))
                                .and_then(toml::Value::as_str);
                            let name = match id {
                                Some(id) => format!("{prefix}{key} `{id}`"),
                                None => format!("{prefix}{key}[{i}]"),
                            };
                            out.insert(name.clone());
                            walk(&format!("{name}."), item, out);
                        }
                    }
                    _ => {
                        out.insert(format!("{prefix}{key}"));
                    }
                }
            }
        }
        let table: toml::Table = toml::from_str(file_text).expect("valid TOML");
        let mut out = BTreeSet::new();
        walk("", &table, &mut out);
        out
    }

    #[test]
    fn the_spanish_content_has_the_same_keys_as_the_english_in_every_file() {
        let (en, es) = (real(), real_es());
        for file in FILES {
            let (en_keys, es_keys) = (keys(&en[file]), keys(&es[file]));
            assert!(en_keys.len() > 3, "{file}: {en_keys:?}");
            assert_eq!(
                en_keys.symmetric_difference(&es_keys).collect::<Vec<_>>(),
                Vec::<&String>::new(),
                "content/es/{file} differs from content/{file}"
            );
        }
        let all = parse_all(&en, &es).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(all.es.signs.len(), all.en.signs.len());
        assert!(all.es.terms.iter().flat_map(|t| &t.law).all(|l| l.plain.is_some()));
        assert!(all.en.terms.iter().flat_map(|t| &t.law).all(|l| l.plain.is_none()));
        let code = generate_all(&all, SpanishModule::Translated);
        assert!(
            code.contains("pub static SIGNS: &[Sign]") && code.contains("pub mod es {"),
            "{code}"
        );
        assert!(code.contains(&format!("{:?}", all.es.signs[0].label)));
    }

    /// The `es` module of generated code, its lines unindented.
    fn es_module(code: &str) -> String {
        let start = code.find("pub mod es {\n").expect("an `es` module") + "pub mod es {\n".len();
        let body = &code[start..code.rfind("}\n").expect("the module closes")];
        let body = body
            .strip_prefix("    use super::*;\n\n")
            .expect("the module uses the types above");
        body.lines()
            .map(|l| l.strip_prefix("    ").unwrap_or(l).to_string() + "\n")
            .collect()
    }

    #[test]
    fn spanish_as_english_puts_the_english_statics_in_the_spanish_module() {
        let all = parse_all(&real(), &real_es()).unwrap_or_else(|e| panic!("{e}"));
        let as_english = generate_all(&all, SpanishModule::AsEnglish);
        let translated = generate_all(&all, SpanishModule::Translated);
        let english = statics(&all.en) + &ui::statics(&all.ui.en);
        // The same statics, byte for byte, as the top level's: every string and table can be shared.
        assert_eq!(es_module(&as_english), english);
        assert!(as_english.starts_with(&translated[..translated.find("\n/// The Spanish content").unwrap()]));
        assert!(!as_english.contains(&format!("{:?}", all.es.signs[0].label)));
        assert!(!as_english.contains(&format!("{:?}", all.ui.es["nav.glossary"])));
        // The real build has the Spanish there, of the same shape.
        let es = es_module(&translated);
        assert_ne!(es, english);
        assert!(es.contains(&format!("{:?}", all.es.signs[0].label)));
        let shape = |code: &str| {
            code.lines()
                .map(|l| l.split(':').next().unwrap_or("").to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(shape(&es), shape(&english));
        assert_eq!(SpanishModule::from_env_value(Some("1")), SpanishModule::AsEnglish);
        assert_eq!(SpanishModule::from_env_value(Some("0")), SpanishModule::Translated);
        assert_eq!(SpanishModule::from_env_value(None), SpanishModule::Translated);
    }

    /// A copy of the real `content/` (English and Spanish) in a fresh temporary folder, removed on drop.
    struct ContentCopy(std::path::PathBuf);

    impl ContentCopy {
        fn new(name: &str) -> ContentCopy {
            let dir = std::env::temp_dir().join(format!("red-flags-content-{}-{name}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(dir.join("es")).expect("temporary folder");
            for (file, text) in real() {
                std::fs::write(dir.join(&file), text).expect("write copy");
            }
            for (file, text) in real_es() {
                std::fs::write(dir.join("es").join(&file), text).expect("write copy");
            }
            ContentCopy(dir)
        }

        fn es(&self, file: &str) -> String {
            std::fs::read_to_string(self.0.join("es").join(file)).expect("copied file")
        }

        fn set_es(&self, file: &str, text: &str) {
            std::fs::write(self.0.join("es").join(file), text).expect("write copy");
        }

        fn en(&self, file: &str) -> String {
            std::fs::read_to_string(self.0.join(file)).expect("copied file")
        }

        fn set_en(&self, file: &str, text: &str) {
            std::fs::write(self.0.join(file), text).expect("write copy");
        }

        /// `load_all` on the copy, every error as the build prints it.
        fn errors(&self) -> Vec<String> {
            match load_all(&self.0) {
                Ok(_) => Vec::new(),
                Err(e) => e.0.iter().map(|e| e.to_string()).collect(),
            }
        }
    }

    impl Drop for ContentCopy {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// The `[[kind]]` block of the item with this id in a content file's text: from its header to the next.
    fn block<'a>(text: &'a str, kind: &str, id: &str) -> &'a str {
        let header = format!("[[{kind}]]\n");
        let start = text
            .match_indices(&header)
            .map(|(i, _)| i)
            .find(|&i| text[i + header.len()..].starts_with(&format!("id = \"{id}\"\n")))
            .unwrap_or_else(|| panic!("no [[{kind}]] with id {id}"));
        let end = text[start + 1..].find("\n[[").map_or(text.len(), |i| start + 1 + i + 1);
        &text[start..end]
    }

    /// The ids of a kind of item, read from the file (so the tests follow the content).
    fn ids(file_text: &str, kind: &str) -> Vec<String> {
        let table: toml::Table = toml::from_str(file_text).expect("valid TOML");
        table[kind]
            .as_array()
            .expect("a list of items")
            .iter()
            .filter_map(|t| t.get("id").and_then(toml::Value::as_str).map(String::from))
            .collect()
    }

    #[test]
    fn a_spanish_item_missing_or_extra_is_named_with_file_and_key() {
        let copy = ContentCopy::new("missing");
        let signs = copy.es("signs.toml");
        let last = ids(&signs, "sign").pop().expect("a sign");
        copy.set_es("signs.toml", &signs.replace(block(&signs, "sign", &last), ""));
        let e = copy.errors();
        assert!(
            e.iter()
                .any(|m| m.starts_with(&format!("content/es/signs.toml: sign `{last}`: is missing"))),
            "{e:?}"
        );

        let copy = ContentCopy::new("extra");
        let missing = copy.es("missing.toml");
        let first = ids(&missing, "ready").remove(0);
        let extra = block(&missing, "ready", &first).replacen(&first, "made-up", 1);
        copy.set_es("missing.toml", &format!("{missing}\n{extra}"));
        let e = copy.errors();
        assert!(
            e.iter()
                .any(|m| m == "content/es/missing.toml: ready `made-up`: is not in content/missing.toml"),
            "{e:?}"
        );
    }

    #[test]
    fn a_spanish_reference_or_order_that_differs_is_named_with_file_and_key() {
        let copy = ContentCopy::new("reference");
        let contacts = copy.es("contacts.toml");
        let first = ids(&contacts, "contact").remove(0);
        let item = block(&contacts, "contact", &first);
        let table: toml::Table = toml::from_str(item).expect("TOML");
        let source = table["contact"][0]["source"].as_str().expect("a source").to_string();
        // Another source that exists: only the comparison with English can catch it.
        let other = ids(&copy.es("sources.toml"), "source")
            .into_iter()
            .find(|s| *s != source)
            .expect("two sources");
        let changed = item.replace(&format!("source = \"{source}\""), &format!("source = \"{other}\""));
        copy.set_es("contacts.toml", &contacts.replace(item, &changed));
        let e = copy.errors();
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with(&format!(
                "content/es/contacts.toml: contact `{first}`: `source` is {other:?}"
            )),
            "{e:?}"
        );

        let copy = ContentCopy::new("order");
        let checker = copy.es("checker.toml");
        let first = ids(&checker, "caution").remove(0);
        let moved = block(&checker, "caution", &first).to_string();
        copy.set_es("checker.toml", &format!("{}\n{moved}", checker.replace(&moved, "")));
        let e = copy.errors();
        assert!(
            e.iter()
                .any(|m| m.starts_with("content/es/checker.toml: lists its `[[caution]]` items in another order")),
            "{e:?}"
        );
    }

    #[test]
    fn a_spanish_text_empty_untranslated_or_with_other_figures_is_named_with_file_and_key() {
        let copy = ContentCopy::new("empty");
        let signs = copy.es("signs.toml");
        let first = ids(&signs, "sign").remove(0);
        let item = block(&signs, "sign", &first);
        let label = item.lines().find(|l| l.starts_with("label = ")).expect("a label");
        copy.set_es("signs.toml", &signs.replace(item, &item.replace(label, "label = \"\"")));
        let e = copy.errors();
        assert_eq!(
            e,
            [format!("content/es/signs.toml: sign `{first}`: `label` is empty")],
            "{e:?}"
        );

        let copy = ContentCopy::new("english");
        let en = real()["signs.toml"].clone();
        let en_detail = block(&en, "sign", &first)
            .lines()
            .find(|l| l.starts_with("detail = "))
            .expect("a detail");
        let es_detail = item.lines().find(|l| l.starts_with("detail = ")).expect("a detail");
        copy.set_es("signs.toml", &signs.replace(item, &item.replace(es_detail, en_detail)));
        let e = copy.errors();
        assert!(
            e.iter().any(|m| m.starts_with(&format!(
                "content/es/signs.toml: sign `{first}`: `detail` is the same as in content/signs.toml"
            ))),
            "{e:?}"
        );

        let copy = ContentCopy::new("figures");
        let statistics = copy.es("statistics.toml");
        let first = ids(&statistics, "statistic").remove(0);
        let item = block(&statistics, "statistic", &first);
        let text = item.lines().find(|l| l.starts_with("text = ")).expect("a text");
        let digit = text.find(|c: char| c.is_ascii_digit()).expect("a figure");
        let mut wrong = text.to_string();
        wrong.replace_range(digit..digit + 1, if &text[digit..digit + 1] == "9" { "8" } else { "9" });
        copy.set_es(
            "statistics.toml",
            &statistics.replace(item, &item.replace(text, &wrong)),
        );
        let e = copy.errors();
        assert!(
            e.iter().any(|m| m.starts_with(&format!(
                "content/es/statistics.toml: statistic `{first}`: `text` has the numbers"
            ))),
            "{e:?}"
        );
    }

    #[test]
    fn the_statute_stays_english_with_a_plain_spanish_explanation_beside_it() {
        let (en, es) = (real(), real_es());
        let law_text = "text = \"any sex act on account of";
        assert!(
            es["glossary.toml"].contains(law_text),
            "the Spanish glossary quotes the statute in English"
        );
        let mut changed = es.clone();
        let text = changed.get_mut("glossary.toml").expect("glossary");
        *text = text.replacen(law_text, "text = \"cualquier acto sexual: any sex act on account of", 1);
        let e = errors_all(&en, &changed);
        assert!(
            e.iter()
                .any(|m| m.starts_with("content/es/glossary.toml: term `commercial-sex-act`: `text` is \"cualquier")),
            "{e:?}"
        );
        let mut changed = es.clone();
        let text = changed.get_mut("glossary.toml").expect("glossary");
        let plain = text
            .lines()
            .find(|l| l.starts_with("plain = "))
            .expect("a plain explanation")
            .to_string();
        *text = text.replacen(&format!("{plain}\n"), "", 1);
        let e = errors_all(&en, &changed);
        assert!(
            e.iter().any(|m| m.starts_with("content/es/glossary.toml: term `")
                && m.contains("`plain` is missing: each quotation of the law needs a plain explanation")),
            "{e:?}"
        );
        let mut changed = en.clone();
        let text = changed.get_mut("glossary.toml").expect("glossary");
        *text = text.replacen(law_text, &format!("plain = \"any sex act\"\n{law_text}"), 1);
        let e = errors_all(&changed, &es);
        assert!(
            e.iter().any(|m| m.starts_with(
                "content/glossary.toml: term `commercial-sex-act`: `plain` belongs in the translations only"
            )),
            "{e:?}"
        );
    }

    #[test]
    fn spanish_cards_keep_the_length_limit_and_phone_numbers_must_be_contacts() {
        let (en, es) = (real(), real_es());
        let mut changed = es.clone();
        let text = changed.get_mut("signs.toml").expect("signs");
        let card = text
            .lines()
            .find(|l| l.starts_with("card = "))
            .expect("a card")
            .to_string();
        *text = text.replacen(&card, "card = \"Una etiqueta demasiado larga para la tarjeta\"", 1);
        let e = errors_all(&en, &changed);
        assert!(
            e.iter()
                .any(|m| m.starts_with("content/es/signs.toml: sign `") && m.contains("longer than 26 characters")),
            "{e:?}"
        );
        let mut changed = es.clone();
        let text = changed.get_mut("guide.toml").expect("guide");
        assert!(text.contains("al 1-800-THE-LOST (1-800-843-5678)"));
        *text = text.replacen(
            "al 1-800-THE-LOST (1-800-843-5678)",
            "al 1-800-LA-PERDIDA (1-800-843-5678)",
            1,
        );
        let e = errors_all(&en, &changed);
        assert!(
            e.iter().any(
                |m| m.starts_with("content/es/guide.toml: section `when-a-child-is-missing`")
                    && m.contains("`1-800-LA-PERDIDA`")
            ),
            "{e:?}"
        );
    }

    /// The texts of an interface file as written, line by line: (line index, `group.key`, text).
    fn ui_lines(text: &str) -> Vec<(usize, String, String)> {
        let mut group = String::new();
        let mut out = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if let Some(g) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                group = g.to_string();
            } else if let Some((key, value)) = line.split_once(" = \"") {
                out.push((i, format!("{group}.{key}"), value.trim_end_matches('"').to_string()));
            }
        }
        out
    }

    /// `text` with its line `at` replaced by `line`.
    fn with_line(text: &str, at: usize, line: &str) -> String {
        let mut lines: Vec<&str> = text.lines().collect();
        lines[at] = line;
        lines.join("\n") + "\n"
    }

    #[test]
    fn the_interface_texts_have_the_same_keys_in_both_languages() {
        let all = parse_all(&real(), &real_es()).unwrap_or_else(|e| panic!("{e}"));
        assert!(all.ui.en.len() > 100, "{} interface texts", all.ui.en.len());
        assert_eq!(
            all.ui.en.keys().collect::<Vec<_>>(),
            all.ui.es.keys().collect::<Vec<_>>()
        );
        // Read from the files themselves too, so a key the parser dropped would show.
        let keys = |text: &str| ui_lines(text).into_iter().map(|(_, at, _)| at).collect::<BTreeSet<_>>();
        assert_eq!(keys(&real()[UI_FILE]), keys(&real_es()[UI_FILE]));
        assert_eq!(keys(&real()[UI_FILE]).len(), all.ui.en.len());
        let code = generate_all(&all, SpanishModule::Translated);
        assert!(
            code.contains("pub struct Ui {") && code.contains("\npub static UI: Ui = Ui {"),
            "{code}"
        );
        assert!(
            code.contains("\n    pub static UI: Ui = Ui {"),
            "the Spanish UI in `es`"
        );
        let (_, at, text) = &ui_lines(&real_es()[UI_FILE])[0];
        assert!(
            code.contains(&format!("    {}: {text:?},", at.replace('.', "_"))),
            "{at}"
        );
    }

    #[test]
    fn a_spanish_interface_text_missing_extra_changed_or_empty_is_named_with_file_and_key() {
        let es = real_es()[UI_FILE].clone();
        let lines = ui_lines(&es);
        let (plain_line, plain, _) = lines
            .iter()
            .find(|(_, at, t)| !t.contains('{') && !UI_SAME_IN_TRANSLATION.contains(&at.as_str()))
            .expect("a plain text that must be translated");
        let (filled_line, filled, filled_text) = lines.iter().find(|(_, _, t)| t.contains('{')).expect("a template");
        let key = |at: &str| at.split_once('.').expect("group.key").1.to_string();
        let group_line = es.lines().position(|l| l.starts_with('[')).expect("a group");
        let group = es
            .lines()
            .nth(group_line)
            .expect("line")
            .trim_matches(['[', ']'])
            .to_string();
        let placeholder =
            filled_text[filled_text.find('{').expect("{")..=filled_text.find('}').expect("}")].to_string();
        let english = ui_lines(&real()[UI_FILE])
            .into_iter()
            .find(|(_, at, _)| at == plain)
            .expect("the English twin")
            .2;
        let cases = [
            (
                "a key removed",
                with_line(&es, *plain_line, "# removed"),
                format!("content/es/ui.toml: `{plain}`: is missing (content/ui.toml has it)"),
            ),
            (
                "a key added",
                with_line(&es, group_line, &format!("[{group}]\nadded_in_spanish_only = \"Algo\"")),
                format!("content/es/ui.toml: `{group}.added_in_spanish_only`: is not in content/ui.toml"),
            ),
            (
                "a placeholder renamed",
                with_line(
                    &es,
                    *filled_line,
                    &format!("{} = {:?}", key(filled), filled_text.replace(&placeholder, "{renamed}")),
                ),
                format!("content/es/ui.toml: `{filled}`: has the placeholders "),
            ),
            (
                "a placeholder dropped",
                with_line(
                    &es,
                    *filled_line,
                    &format!("{} = {:?}", key(filled), filled_text.replace(&placeholder, "x")),
                ),
                format!("content/es/ui.toml: `{filled}`: has the placeholders "),
            ),
            (
                "a text emptied",
                with_line(&es, *plain_line, &format!("{} = \"\"", key(plain))),
                format!("content/es/ui.toml: `{plain}`: is empty"),
            ),
            (
                "a text left in English",
                with_line(&es, *plain_line, &format!("{} = {english:?}", key(plain))),
                format!("content/es/ui.toml: `{plain}`: is the same as the English"),
            ),
        ];
        for (what, text, expected) in cases {
            let copy = ContentCopy::new("ui-es");
            copy.set_es(UI_FILE, &text);
            let errors = copy.errors();
            assert!(
                errors.iter().any(|e| e.starts_with(&expected)),
                "{what}: expected {expected:?} in {errors:#?}"
            );
        }
        // Emptying the English names the English file.
        let en = real()[UI_FILE].clone();
        let (line, at, _) = ui_lines(&en).into_iter().next().expect("a text");
        let copy = ContentCopy::new("ui-en");
        copy.set_en(UI_FILE, &with_line(&en, line, &format!("{} = \" \"", key(&at))));
        let expected = format!("content/ui.toml: `{at}`: is empty");
        assert!(
            copy.errors().contains(&expected),
            "{expected} not in {:#?}",
            copy.errors()
        );
        // The untouched copy is valid: each failure above is the change's.
        assert_eq!(ContentCopy::new("ui-valid").errors(), Vec::<String>::new());
        assert_eq!(copy.en("sources.toml"), real()["sources.toml"]);
    }

    #[test]
    fn a_spanish_interface_text_keeps_the_spaces_that_join_it_to_the_markup() {
        let es = real_es()[UI_FILE].clone();
        let (line, at, text) = ui_lines(&es)
            .into_iter()
            .find(|(_, _, t)| t.ends_with(' '))
            .expect("a text that ends with a space");
        let key = at.split_once('.').expect("group.key").1;
        let copy = ContentCopy::new("ui-space");
        copy.set_es(
            UI_FILE,
            &with_line(&es, line, &format!("{key} = {:?}", text.trim_end())),
        );
        let expected = format!("content/es/ui.toml: `{at}`: must start and end with a space where the English does");
        assert!(
            copy.errors().iter().any(|e| e.starts_with(&expected)),
            "{expected} not in {:#?}",
            copy.errors()
        );
        assert!(copy.es(UI_FILE).contains(&format!("{key} = {:?}", text.trim_end())));
    }

    #[test]
    fn spanish_wording_never_makes_the_child_an_offender() {
        let (en, mut es) = (real(), real_es());
        let text = es.get_mut("glossary.toml").expect("glossary");
        let from = "Cualquier persona que se beneficie de vender a un menor a un comprador.";
        assert!(text.contains(from));
        *text = text.replacen(
            from,
            "Cualquier persona que se beneficie cuando un menor se prostituye.",
            1,
        );
        let e = errors_all(&en, &es);
        assert!(
            e.iter()
                .any(|m| m.starts_with("content/es/glossary.toml: term `trafficker`: `explanation` says \"prostitu\"")),
            "{e:?}"
        );
        for text in real_es().values() {
            let lower = text.to_lowercase();
            assert!(!NEVER_IN_SPANISH.iter().any(|(w, _)| lower.contains(w)));
        }
    }

    fn errors_all(en: &BTreeMap<String, String>, es: &BTreeMap<String, String>) -> Vec<String> {
        match parse_all(en, es) {
            Ok(_) => Vec::new(),
            Err(e) => e.0.iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn the_real_content_is_valid() {
        let c = parse(&real()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.signs.len(), 11);
        assert!(generate(&c).contains("pub static SIGNS: &[Sign]"));
    }

    #[test]
    fn an_acronym_needs_its_full_name_which_must_spell_it_and_be_the_same_in_spanish() {
        let full = "full_name = \"National Center for Missing & Exploited Children\"\n";
        let e = errors(&with("contacts.toml", full, ""));
        assert_eq!(
            e,
            ["content/contacts.toml: contact `ncmec`: `name` `NCMEC` is an acronym: give its `full_name`"]
        );

        let e = errors(&with(
            "contacts.toml",
            full,
            "full_name = \"National Centre for Exploited Children\"\n",
        ));
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with("content/contacts.toml: contact `ncmec`: `full_name` \"National Centre for Exploited Children\" does not spell `name` `NCMEC`"),
            "{e:?}"
        );

        let e = errors(&with("contacts.toml", full, "full_name = \" \"\n"));
        assert!(
            e.iter().any(|m| m.ends_with("contact `ncmec`: `full_name` is empty")),
            "{e:?}"
        );

        // Spanish keeps the organisation's English name: a translated one fails the build.
        let mut es = real_es();
        let text = es.get_mut("contacts.toml").expect("es contacts");
        assert!(text.contains(full));
        *text = text.replacen(
            full,
            "full_name = \"Centro Nacional para Menores Desaparecidos y Explotados\"\n",
            1,
        );
        let e = errors_all(&real(), &es);
        assert!(
            e.iter().any(|m| m.starts_with(
                "content/es/contacts.toml: contact `ncmec`: `full_name` is \"Centro Nacional para Menores Desaparecidos y Explotados\" but content/contacts.toml has \"National Center for Missing & Exploited Children\""
            )),
            "{e:?}"
        );
    }

    #[test]
    fn initials_spell_an_acronym_from_the_capitalised_words() {
        assert_eq!(initials("National Center for Missing & Exploited Children"), "NCMEC");
        assert!(is_acronym("NCMEC") && is_acronym("NCIC"));
        assert!(!is_acronym("911 emergency") && !is_acronym("Childhelp") && !is_acronym("N"));
    }

    #[test]
    fn a_short_phone_number_is_rejected_naming_file_and_item() {
        let e = errors(&with("contacts.toml", "dial = \"+18008435678\"", "dial = \"123\""));
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].starts_with("content/contacts.toml: contact `ncmec`:"), "{}", e[0]);
        assert!(e[0].contains("`123` is not an E.164 number"), "{}", e[0]);
    }

    #[test]
    fn a_dialled_number_that_differs_from_the_shown_one_is_rejected() {
        let e = errors(&with(
            "contacts.toml",
            "dial = \"+18008435678\"",
            "dial = \"+18008435679\"",
        ));
        assert!(
            e.iter()
                .any(|m| m.contains("contact `ncmec`") && m.contains("does not show the dialled number")),
            "{e:?}"
        );
    }

    #[test]
    fn a_source_that_does_not_exist_is_rejected() {
        let e = errors(&with(
            "signs.toml",
            "id = \"withdrawal\"\ngroup = \"now\"",
            "id = \"withdrawal\"\ngroup = \"nowhere\"",
        ));
        assert!(
            e.iter()
                .any(|m| m.contains("content/signs.toml: sign `withdrawal`: `group` names `nowhere`")),
            "{e:?}"
        );
        let e = errors(&with(
            "glossary.toml",
            "source = \"guide\"\nrelated = [\"commercial-sex-act\", \"runaway\"]",
            "source = \"blog\"\nrelated = [\"commercial-sex-act\", \"runaway\"]",
        ));
        assert!(
            e.iter().any(|m| m.contains("term `survival-sex`")
                && m.contains("`source` names `blog`, which is not in content/sources.toml")),
            "{e:?}"
        );
    }

    #[test]
    fn unknown_keys_and_bad_toml_name_the_file() {
        let e = errors(&with("statistics.toml", "year = 2014", "year = 2014\npercent = 17"));
        assert!(
            e.iter()
                .any(|m| m.starts_with("content/statistics.toml:") && m.contains("percent")),
            "{e:?}"
        );
        let e = errors(&with("guide.toml", "[[section]]", "[[section]"));
        assert!(e.iter().any(|m| m.starts_with("content/guide.toml:")), "{e:?}");
    }

    #[test]
    fn a_signs_card_words_must_be_there_and_short() {
        let e = errors(&with("signs.toml", "card = \"Gang involvement\"", "card = \"\""));
        assert!(
            e.iter().any(|m| m.contains("sign `gang-involvement`: `card` is empty")),
            "{e:?}"
        );
        let long = "card = \"Gang involvement, especially among girls\"";
        let e = errors(&with("signs.toml", "card = \"Gang involvement\"", long));
        assert!(
            e.iter()
                .any(|m| m.starts_with("content/signs.toml: sign `gang-involvement`")
                    && m.contains("longer than 26 characters")),
            "{e:?}"
        );
        let e = errors(&with("signs.toml", "card = \"Gang involvement\"\n", ""));
        assert!(
            e.iter()
                .any(|m| m.starts_with("content/signs.toml:") && m.contains("card")),
            "a sign without `card`: {e:?}"
        );
    }

    #[test]
    fn empty_text_and_duplicate_ids_are_rejected() {
        let e = errors(&with("signs.toml", "label = \"Gang involvement\"", "label = \"  \""));
        assert!(
            e.iter()
                .any(|m| m.contains("sign `gang-involvement`: `label` is empty")),
            "{e:?}"
        );
        let e = errors(&with("signs.toml", "id = \"withdrawal\"", "id = \"gang-involvement\""));
        assert!(
            e.iter().any(|m| m.contains("id `gang-involvement` is used twice")),
            "{e:?}"
        );
    }

    #[test]
    fn a_phone_number_in_text_must_be_a_contact() {
        let e = errors(&with(
            "guide.toml",
            "Next, call NCMEC at 1-800-THE-LOST (1-800-843-5678).",
            "Next, call NCMEC at 1-800-843-5679.",
        ));
        assert!(
            e.iter()
                .any(|m| m.contains("section `when-a-child-is-missing`") && m.contains("`1-800-843-5679`")),
            "{e:?}"
        );
    }

    #[test]
    fn an_unknown_action_trigger_is_rejected() {
        let e = errors(&with("checker.toml", "when = [\"nothing-noted\"]", "when = []"));
        assert!(
            e.iter()
                .any(|m| m.contains("action `nothing-noted`: `when` names no trigger")),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|m| m.contains("no action for `when = [\"nothing-noted\"]`")),
            "{e:?}"
        );
        let e = errors(&with(
            "checker.toml",
            "when = [\"nothing-noted\"]",
            "when = [\"sometimes\"]",
        ));
        assert!(
            e.iter()
                .any(|m| m.starts_with("content/checker.toml:") && m.contains("sometimes")),
            "{e:?}"
        );
    }

    #[test]
    fn every_shown_text_is_us_english() {
        for (file, text) in real() {
            let found: Vec<String> = shown_texts(&text)
                .unwrap_or_else(|e| panic!("{file}: {e}"))
                .into_iter()
                .flat_map(|(at, t)| uk_spellings_in(&t).into_iter().map(move |uk| format!("{at}: {uk}")))
                .collect();
            assert!(
                found.is_empty(),
                "content/{file} has British spellings (write US English): {found:?}"
            );
        }
    }

    #[test]
    fn british_spellings_are_found_in_shown_text_only() {
        assert_eq!(
            uk_spellings_in("Changes in Behaviour; specialised help, harbouring"),
            ["behaviour", "specialise", "harbour"]
        );
        assert_eq!(
            uk_spellings_in("Crisis counselling. It travelled; cannot be dialled."),
            ["counselling", "travelled", "dialled"]
        );
        let us = "behavior specialized specialist harboring counseling traveled dialed realistic criticism organism \
                  cancellation practice Greyhound analysis fulfill dialogue";
        assert_eq!(uk_spellings_in(us), Vec::<&str>::new());
        let shown =
            shown_texts("[[term]]\nslug = \"behaviour\"\nterm = \"Colour\"\nrelated = [\"centre\"]\n# behaviour\n")
                .expect("toml");
        assert_eq!(shown, [("term.term".to_string(), "Colour".to_string())]);
    }

    #[test]
    fn a_missing_step_must_be_a_call_and_the_first_calls_911() {
        let e = errors(&with(
            "missing.toml",
            "contact = \"runaway-safeline\"",
            "contact = \"nowhere\"",
        ));
        assert!(
            e.iter()
                .any(|m| m.contains("content/missing.toml: step `runaway`: `contact` names `nowhere`")),
            "{e:?}"
        );
        let e = errors(&with("missing.toml", "my_numbers = true\n", ""));
        assert!(
            e.iter()
                .any(|m| m.contains("step `agency`: needs exactly one of `contact` and `my_numbers")),
            "{e:?}"
        );
        let e = errors(&with("missing.toml", "contact = \"emergency\"", "contact = \"ncmec\""));
        assert!(
            e.iter().any(|m| m.contains("the first step must call `emergency`")),
            "{e:?}"
        );
        let e = errors(&with("missing.toml", "id = \"clothing\"", "id = \"photo\""));
        assert!(e.iter().any(|m| m.contains("id `photo` is used twice")), "{e:?}");
        let e = errors(&with(
            "missing.toml",
            "1-800-THE-LOST or your state's",
            "1-800-555-0100 or your state's",
        ));
        assert!(
            e.iter()
                .any(|m| m.contains("step `refused`") && m.contains("`1-800-555-0100`")),
            "{e:?}"
        );
    }

    #[test]
    fn dialable_numbers() {
        assert!(is_dialable("+18008435678"));
        assert!(is_dialable("911"));
        assert!(!is_dialable("18008435678"));
        assert!(!is_dialable("+1800"));
        assert!(!is_dialable("+1-800-843-5678"));
        assert!(!is_dialable("+0123456789"));
        assert!(is_dialable("211") && is_dialable("311") && !is_dialable("111") && !is_dialable("011"));
    }

    #[test]
    fn a_shown_number_must_be_the_dialled_one_with_letters_spelling_its_digits() {
        for (shown, dial) in [
            ("1-800-THE-LOST (1-800-843-5678)", "+18008435678"),
            ("1-800-422-4453 (1-800-4-A-CHILD)", "+18004224453"),
            ("(614) 555-0199", "+16145550199"),
            ("614-555-0199", "+16145550199"),
            ("311", "311"),
        ] {
            assert_eq!(number_problem(shown, dial), None, "{shown}");
        }
        let letters = number_problem("1-800-THE-LOSS (1-800-843-5678)", "+18008435678").unwrap_or_default();
        assert!(
            letters.contains("the letters of `1-800-THE-LOSS` spell 18008435677"),
            "{letters}"
        );
        let other = number_problem("1-614-555-0100", "+16145550101").unwrap_or_default();
        assert!(other.contains("does not show the dialled number"), "{other}");
        let short = number_problem("3-1-1", "311").unwrap_or_default();
        assert!(short.contains("must be `311`"), "{short}");
        let bad = number_problem("614-555-0100", "614-555-0100").unwrap_or_default();
        assert!(
            bad.contains("not an E.164 number") && bad.contains("write `+16145550100`"),
            "{bad}"
        );
    }

    #[test]
    fn phone_numbers_are_found_in_text() {
        assert_eq!(
            phone_numbers_in("Call 1-800-THE-LOST (1-800-843-5678) now"),
            vec!["1-800-THE-LOST".to_string(), "1-800-843-5678".to_string()]
        );
        assert!(phone_numbers_in("In 2014, 1 in every 6").is_empty());
    }
}
