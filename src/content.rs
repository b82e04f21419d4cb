//! The guide's content as static data, compiled in from `content/*.toml` by `build.rs`.
//!
//! This module owns the content types and the look-ups by id; the data itself is generated. Nothing
//! here parses at run time.

/// A source the app cites. Every other item names one by `id`.
#[derive(Debug, PartialEq, Eq)]
pub struct Source {
    pub id: &'static str,
    pub short: &'static str,
    pub title: &'static str,
    pub publisher: &'static str,
    pub detail: &'static str,
    pub url: Option<&'static str>,
}

/// A phone line. `dial` is E.164 or `911`: what a `tel:` link dials.
#[derive(Debug, PartialEq, Eq)]
pub struct Contact {
    pub id: &'static str,
    pub name: &'static str,
    /// What an acronym `name` stands for, in English in every language (an organisation's name).
    pub full_name: Option<&'static str>,
    /// The call link's words ("Call NCMEC"), whole, because a translation's article depends on the name.
    pub call: &'static str,
    pub shown_as: &'static str,
    pub dial: &'static str,
    pub when: &'static str,
    pub source: &'static str,
    pub not_for_reports: bool,
}

impl Contact {
    pub fn tel(&self) -> String {
        format!("tel:{}", self.dial)
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct SignGroup {
    pub id: &'static str,
    pub title: &'static str,
    /// Vulnerabilities (what raises risk), rather than signs of what is happening now.
    pub background: bool,
}

/// One of the guide's signs and vulnerabilities.
#[derive(Debug, PartialEq, Eq)]
pub struct Sign {
    pub id: &'static str,
    pub group: &'static str,
    pub label: &'static str,
    /// The few words on the printed wallet card.
    pub card: &'static str,
    pub detail: &'static str,
    pub why: Option<&'static str>,
    pub source: &'static str,
}

/// Words of the law, quoted exactly.
#[derive(Debug, PartialEq, Eq)]
pub struct LegalText {
    pub label: &'static str,
    pub text: &'static str,
    /// In a translation: `text` explained in plain words of its language, to be shown as an unofficial
    /// translation beside the English (which stays as enacted). `None` in English.
    pub plain: Option<&'static str>,
    pub citation: &'static str,
    pub source: &'static str,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Term {
    pub slug: &'static str,
    pub term: &'static str,
    pub explanation: &'static str,
    pub law: &'static [LegalText],
    pub source: &'static str,
    pub related: &'static [&'static str],
}

#[derive(Debug, PartialEq, Eq)]
pub struct Section {
    pub slug: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    pub points: &'static [&'static str],
    pub source: &'static str,
    pub contacts: &'static [&'static str],
    pub statistics: &'static [&'static str],
}

#[derive(Debug, PartialEq, Eq)]
pub struct Statistic {
    pub id: &'static str,
    pub text: &'static str,
    pub year: Option<u16>,
    pub source: &'static str,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Question {
    pub id: &'static str,
    pub text: &'static str,
    pub hint: Option<&'static str>,
    pub source: &'static str,
}

/// What makes a step apply; `src/core/checker.rs::triggers` decides which fired. Each but `Concern` is
/// a row of the result, taken in this order (`Trigger::ROWS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Trigger {
    /// Missing now (or not sure), under 18 now or age not known.
    MissingChild,
    /// Missing now (or not sure), 18 to 20 now.
    MissingYoungAdult,
    /// Missing now (or not sure), 21 or older now.
    MissingAdult,
    /// In danger now (or not sure).
    DangerNow,
    /// An exchange for sexual activity, under 18 at the time.
    ExploitedChild,
    /// ... the age at the time not known.
    ExploitedAgeUnknown,
    /// ... 18 or older at the time.
    ExploitedAdult,
    Returned,
    ExchangeUnsure,
    CurrentSigns,
    Background,
    /// Any of the rows but `Background` and `NothingNoted` (for `unless`).
    Concern,
    NothingNoted,
}

impl Trigger {
    /// The result's rows, most urgent first: danger and missing, then the others.
    pub const ROWS: [Trigger; 12] = [
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
        Trigger::NothingNoted,
    ];
}

/// One next step of the checker's result.
#[derive(Debug, PartialEq, Eq)]
pub struct Action {
    pub id: &'static str,
    /// Shows when any of these fired and none of `unless` did.
    pub when: &'static [Trigger],
    pub unless: &'static [Trigger],
    /// ... and all of these did.
    pub with: &'static [Trigger],
    pub text: &'static str,
    pub contact: Option<&'static str>,
    /// A source whose web address the step links to.
    pub link: Option<&'static str>,
    /// The step offers the user's own saved numbers.
    pub my_numbers: bool,
    /// An app screen the step links to.
    pub page: Option<&'static str>,
    pub source: &'static str,
}

/// A headline of the checker's result, by id (`core::checker::Headline::id`).
#[derive(Debug, PartialEq, Eq)]
pub struct Headline {
    pub id: &'static str,
    pub text: &'static str,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Caution {
    pub id: &'static str,
    pub text: &'static str,
    pub source: &'static str,
}

/// A step of the "A child is missing" screen (`/missing`), in order.
#[derive(Debug, PartialEq, Eq)]
pub struct MissingStep {
    pub id: &'static str,
    /// What to do, as an order.
    pub title: &'static str,
    /// The step as a record of what was done (the case-note timeline lists done steps so).
    pub done: &'static str,
    pub text: &'static str,
    pub points: &'static [&'static str],
    /// The line the step dials; `None` when it offers the user's own numbers (`my_numbers`).
    pub contact: Option<&'static str>,
    pub my_numbers: bool,
    /// Applies only in some cases: not "still to do" when it is not done.
    pub if_needed: bool,
    pub source: &'static str,
}

/// One thing to have ready for the reports (the app keeps only whether it is ticked).
#[derive(Debug, PartialEq, Eq)]
pub struct ReadyItem {
    pub id: &'static str,
    pub text: &'static str,
    pub source: &'static str,
}

/// A rule text of the "A child is missing" screen.
#[derive(Debug, PartialEq, Eq)]
pub struct Note {
    pub id: &'static str,
    pub text: &'static str,
    pub source: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/content.rs"));

/// A language the app is read in. English is the source; every screen has a Spanish twin under `/es/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The BCP 47 code: `<html lang>`, `hreflang`, the stored choice.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The language from its code (`es`, `es-MX` → Spanish); `None` for one the app has not.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The other language: where the language switch goes.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Es,
            Lang::Es => Lang::En,
        }
    }

    /// The interface's words in this language.
    pub fn ui(self) -> &'static Ui {
        match self {
            Lang::En => &UI,
            Lang::Es => &es::UI,
        }
    }

    /// The guide's content in this language.
    pub fn content(self) -> &'static Content {
        match self {
            Lang::En => &EN,
            Lang::Es => &ES,
        }
    }
}

/// One language's content: the same items, ids, order and references in each (checked at build time by
/// `crates/content/src/twin.rs`), so an index into one is the same item in the other.
pub struct Content {
    pub sources: &'static [Source],
    pub contacts: &'static [Contact],
    pub sign_groups: &'static [SignGroup],
    pub signs: &'static [Sign],
    pub terms: &'static [Term],
    pub sections: &'static [Section],
    pub statistics: &'static [Statistic],
    pub questions: &'static [Question],
    pub actions: &'static [Action],
    pub headlines: &'static [Headline],
    pub cautions: &'static [Caution],
    pub missing_steps: &'static [MissingStep],
    pub ready_items: &'static [ReadyItem],
    pub missing_notes: &'static [Note],
}

macro_rules! content_of {
    ($($m:ident)::*) => {
        Content {
            sources: $($m::)*SOURCES,
            contacts: $($m::)*CONTACTS,
            sign_groups: $($m::)*SIGN_GROUPS,
            signs: $($m::)*SIGNS,
            terms: $($m::)*TERMS,
            sections: $($m::)*SECTIONS,
            statistics: $($m::)*STATISTICS,
            questions: $($m::)*QUESTIONS,
            actions: $($m::)*ACTIONS,
            headlines: $($m::)*HEADLINES,
            cautions: $($m::)*CAUTIONS,
            missing_steps: $($m::)*MISSING_STEPS,
            ready_items: $($m::)*READY_ITEMS,
            missing_notes: $($m::)*MISSING_NOTES,
        }
    };
}

/// The English content.
pub static EN: Content = content_of!(self);
/// The Spanish content.
pub static ES: Content = content_of!(es);

impl Content {
    pub fn source(&self, id: &str) -> Option<&'static Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn contact(&self, id: &str) -> Option<&'static Contact> {
        self.contacts.iter().find(|c| c.id == id)
    }

    pub fn term(&self, slug: &str) -> Option<&'static Term> {
        self.terms.iter().find(|t| t.slug == slug)
    }

    pub fn section(&self, slug: &str) -> Option<&'static Section> {
        self.sections.iter().find(|s| s.slug == slug)
    }

    pub fn statistic(&self, id: &str) -> Option<&'static Statistic> {
        self.statistics.iter().find(|s| s.id == id)
    }

    pub fn question(&self, id: &str) -> Option<&'static Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// A headline's text; the id itself if the content lacks it (a test keeps every headline present).
    pub fn headline(&self, id: &'static str) -> &'static str {
        self.headlines.iter().find(|h| h.id == id).map_or(id, |h| h.text)
    }

    /// Whether a sign is a vulnerability (its group is background), rather than a sign of what is
    /// happening now.
    pub fn sign_is_background(&self, sign: &Sign) -> bool {
        self.sign_groups.iter().any(|g| g.id == sign.group && g.background)
    }

    pub fn missing_note(&self, id: &str) -> Option<&'static Note> {
        self.missing_notes.iter().find(|n| n.id == id)
    }

    /// The contact every screen's call bar dials.
    pub fn ncmec(&self) -> &'static Contact {
        self.contact("ncmec")
            .expect("content/contacts.toml has the `ncmec` contact (checked by tests)")
    }

    /// 911: the first call when a child is missing or in danger now.
    pub fn emergency(&self) -> &'static Contact {
        self.contact("emergency")
            .expect("content/contacts.toml has the `emergency` contact (checked by tests)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The verified numbers (sources/FACTS.md), written out here independently of content/.
    const VERIFIED: [(&str, &str); 5] = [
        ("ncmec", "+18008435678"),
        ("emergency", "911"),
        ("trafficking-hotline", "+18883737888"),
        ("childhelp", "+18004224453"),
        ("runaway-safeline", "+18007862929"),
    ];

    /// The project's source texts (the guide as text, FACTS.md): the folder `RED_FLAGS_SOURCES` names, by
    /// default the repository's `sources/` (copies, kept equal to the shared originals by
    /// `the_sources_are_the_shared_originals`). Without it, `check` cannot run: under CI (`CI` set) the
    /// test fails; elsewhere it passes and says on the terminal what it skipped (written past the test
    /// harness's capture, so a passing run shows it too).
    fn shared_source(name: &str, check: &str) -> Option<String> {
        let dir = std::env::var_os("RED_FLAGS_SOURCES")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sources"));
        let ci = std::env::var_os("CI").is_some();
        read_source(&dir, name, check, ci, &mut std::io::stderr())
    }

    fn read_source(
        dir: &std::path::Path,
        name: &str,
        check: &str,
        ci: bool,
        out: &mut dyn std::io::Write,
    ) -> Option<String> {
        let path = dir.join(name);
        match std::fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(e) => {
                let what = format!(
                    "{check}: not checked, {} cannot be read ({e}); set RED_FLAGS_SOURCES to the folder \
                     holding the guide's text and FACTS.md",
                    path.display()
                );
                assert!(!ci, "CI is set, so every check runs: {what}");
                let _ = writeln!(out, "SKIPPED {what}");
                None
            }
        }
    }

    /// The repository's copies of the source texts are the originals, where the originals are at hand
    /// (`shared/sources` beside the checkout): a change there is copied here in the same commit.
    #[test]
    fn the_sources_are_the_shared_originals() {
        let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let shared = here.join("../shared/sources");
        if !shared.is_dir() {
            eprintln!("SKIPPED the sources' comparison with {}: not there", shared.display());
            return;
        }
        for name in ["FACTS.md", "ncmec-guide-for-child-welfare.txt"] {
            let original = std::fs::read_to_string(shared.join(name)).unwrap_or_default();
            let copy = std::fs::read_to_string(here.join("sources").join(name)).unwrap_or_default();
            assert!(
                !original.is_empty() && original == copy,
                "sources/{name} differs from {}: copy the original into sources/",
                shared.join(name).display()
            );
        }
    }

    #[test]
    fn a_missing_source_is_skipped_aloud_and_fails_under_ci() {
        let nowhere = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("no-such-folder");
        let mut said = Vec::new();
        assert_eq!(read_source(&nowhere, "FACTS.md", "a check", false, &mut said), None);
        let said = String::from_utf8(said).unwrap_or_default();
        assert!(
            said.starts_with("SKIPPED a check: not checked, ") && said.contains("no-such-folder/FACTS.md"),
            "{said}"
        );
        let under_ci = std::panic::catch_unwind(|| read_source(&nowhere, "FACTS.md", "a check", true, &mut Vec::new()));
        assert!(under_ci.is_err(), "absent sources fail under CI");
        let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let found = read_source(here, "Cargo.toml", "a check", true, &mut Vec::new());
        assert!(found.is_some_and(|t| t.contains("[package]")));
    }

    /// Every sentence the content shows, from every file.
    fn every_text() -> Vec<&'static str> {
        every_text_of(&EN)
    }

    /// Every sentence one language's content shows, from every file.
    fn every_text_of(c: &Content) -> Vec<&'static str> {
        c.sections
            .iter()
            .flat_map(|s| s.points.iter().copied().chain([s.title, s.summary]))
            .chain(c.terms.iter().flat_map(|t| [t.term, t.explanation]))
            .chain(c.terms.iter().flat_map(|t| t.law).map(|l| l.label))
            .chain(
                c.signs
                    .iter()
                    .flat_map(|s| [Some(s.label), Some(s.detail), s.why])
                    .flatten(),
            )
            .chain(c.sign_groups.iter().map(|g| g.title))
            .chain(c.headlines.iter().map(|h| h.text))
            .chain(c.actions.iter().map(|a| a.text))
            .chain(c.cautions.iter().map(|c| c.text))
            .chain(c.questions.iter().flat_map(|q| [Some(q.text), q.hint]).flatten())
            .chain(
                c.contacts
                    .iter()
                    .flat_map(|c| [Some(c.name), c.full_name, Some(c.when)])
                    .flatten(),
            )
            .chain(c.statistics.iter().map(|s| s.text))
            .chain(
                c.missing_steps
                    .iter()
                    .flat_map(|s| s.points.iter().copied().chain([s.title, s.text])),
            )
            .chain(c.ready_items.iter().map(|r| r.text))
            .chain(c.missing_notes.iter().map(|n| n.text))
            .collect()
    }

    fn explanation(slug: &str) -> &'static str {
        EN.term(slug)
            .unwrap_or_else(|| panic!("glossary lacks {slug}"))
            .explanation
    }

    /// NCMEC's full name as FACTS.md gives it ("NCMEC, National Center for Missing & Exploited Children").
    const NCMEC_FULL_NAME: &str = "National Center for Missing & Exploited Children";

    /// Someone handed the card may not know an acronym: every contact named by one says what it stands for,
    /// in each language, and NCMEC's is FACTS.md's, word for word.
    #[test]
    fn every_contact_named_by_an_acronym_has_its_full_name() {
        for lang in Lang::ALL {
            for c in lang.content().contacts {
                let acronym = c.name.len() >= 2 && c.name.chars().all(|ch| ch.is_ascii_uppercase());
                if acronym {
                    assert!(
                        c.full_name.is_some_and(|f| !f.trim().is_empty()),
                        "{lang:?}: contact {} is named {:?} with no full name",
                        c.id,
                        c.name
                    );
                }
            }
            let ncmec = lang.content().contact("ncmec").expect("the ncmec contact");
            assert_eq!(ncmec.name, "NCMEC", "{lang:?}");
            assert_eq!(ncmec.full_name, Some(NCMEC_FULL_NAME), "{lang:?}");
        }
        if let Some(facts) = shared_source("FACTS.md", "NCMEC's full name against FACTS.md") {
            assert!(
                facts.contains(&format!("| NCMEC, {NCMEC_FULL_NAME} |")),
                "FACTS.md no longer gives NCMEC's full name as {NCMEC_FULL_NAME:?}"
            );
        }
    }

    #[test]
    fn phone_numbers_are_the_verified_ones_and_nothing_else() {
        assert_eq!(CONTACTS.len(), VERIFIED.len());
        for (id, dial) in VERIFIED {
            let c = EN.contact(id).unwrap_or_else(|| panic!("contact {id} missing"));
            assert_eq!(c.dial, dial, "{id}");
            assert_eq!(c.tel(), format!("tel:{dial}"));
        }
        assert_eq!(EN.ncmec().shown_as, "1-800-THE-LOST (1-800-843-5678)");
        assert_eq!(
            EN.contact("runaway-safeline").map(|c| c.shown_as),
            Some("1-800-RUNAWAY (1-800-786-2929)")
        );
        assert!(EN.contact("childhelp").is_some_and(|c| c.not_for_reports));
        if let Some(facts) = shared_source("FACTS.md", "the phone numbers against FACTS.md") {
            for c in CONTACTS {
                assert!(
                    facts.contains(&format!("`tel:{}`", c.dial)),
                    "{} is not in FACTS.md",
                    c.dial
                );
            }
        }
    }

    #[test]
    fn all_eleven_signs_of_the_guide_are_present() {
        assert_eq!(SIGNS.len(), 11);
        if let Some(guide) = shared_source(
            "ncmec-guide-for-child-welfare.txt",
            "the count of signs against the guide",
        ) {
            let list = guide.split("Some signs and").nth(1).expect("the guide's list of signs");
            let bullets = list
                .lines()
                .take_while(|l| !l.starts_with('\u{201c}'))
                .filter(|l| l.starts_with("- "))
                .count();
            assert_eq!(bullets, SIGNS.len(), "the guide lists {bullets} signs");
        }
        for s in SIGNS {
            assert!(SIGN_GROUPS.iter().any(|g| g.id == s.group), "{}", s.id);
            assert_eq!(s.source, "guide");
        }
    }

    #[test]
    fn every_glossary_term_has_an_explanation_and_a_real_source() {
        let expected = [
            "commercial-sexual-exploitation",
            "sex-trafficking",
            "severe-forms-of-trafficking",
            "commercial-sex-act",
            "survival-sex",
            "trafficker",
            "trauma-bond",
            "grooming",
            "runaway",
            "targeted",
            "tricked",
            "traumatized",
        ];
        for slug in expected {
            assert!(EN.term(slug).is_some(), "glossary lacks {slug}");
        }
        for t in TERMS {
            assert!(!t.explanation.trim().is_empty(), "{}", t.slug);
            assert!(EN.source(t.source).is_some(), "{}", t.slug);
            for l in t.law {
                assert!(EN.source(l.source).is_some() && !l.citation.is_empty(), "{}", t.slug);
            }
        }
        // Sex trafficking carries both texts: the 2000 one the guide quotes and today's.
        let st = EN.term("sex-trafficking").map(|t| t.law).unwrap_or_default();
        assert_eq!(st.len(), 2);
        assert!(st[1].text.contains("patronizing, or soliciting") && !st[0].text.contains("patronizing"));
    }

    /// A text cited to the guide is the guide's words; any other is the statute's, as FACTS.md gives it.
    #[test]
    fn statute_quotes_are_exact() {
        let (Some(facts), Some(guide)) = (
            shared_source("FACTS.md", "the statute quotes against FACTS.md"),
            shared_source(
                "ncmec-guide-for-child-welfare.txt",
                "the statute quotes against the guide",
            ),
        ) else {
            return;
        };
        let one_line = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let (facts, guide) = (one_line(facts), one_line(guide));
        for t in TERMS {
            for l in t.law {
                let (words, from) = if l.source == "guide" {
                    (&guide, "the guide")
                } else {
                    (&facts, "FACTS.md")
                };
                assert!(
                    words.contains(l.text),
                    "{}: {:?} is not quoted exactly from {from}",
                    t.slug,
                    l.text
                );
                assert!(
                    !l.citation.contains("§7102("),
                    "cite the section, not a paragraph: {}",
                    l.citation
                );
                if l.label.contains("as the guide quotes it") {
                    assert_eq!(
                        l.source, "guide",
                        "{}: a quote labelled as the guide's cites the guide",
                        t.slug
                    );
                }
            }
        }
        // The guide's quotation differs from the statute's by one word; each label goes with its own.
        let st = EN.term("sex-trafficking").map(|t| t.law).unwrap_or_default();
        assert!(st
            .iter()
            .any(|l| l.label.contains("as the guide quotes it") && l.text.contains("for the purposes of")));
    }

    #[test]
    fn the_only_statistics_are_the_guides_two() {
        assert_eq!(STATISTICS.len(), 2);
        assert_eq!(EN.statistic("endangered-runaways").and_then(|s| s.year), Some(2014));
        assert!(STATISTICS.iter().all(|s| s.source == "guide"));
        if let Some(guide) = shared_source("ncmec-guide-for-child-welfare.txt", "the statistics against the guide") {
            for s in STATISTICS {
                assert!(guide.contains(s.text), "{:?} is not in the guide word for word", s.text);
            }
        }
        // No other figure hides in the text: no percent sign outside the two statistics.
        for text in every_text()
            .into_iter()
            .filter(|t| !STATISTICS.iter().any(|s| s.text == *t))
        {
            assert!(!text.contains('%'), "a figure outside statistics: {text}");
        }
    }

    #[test]
    fn every_item_names_a_source_that_exists_and_the_sources_screen_lists_it() {
        let refs = SIGNS
            .iter()
            .map(|s| s.source)
            .chain(TERMS.iter().map(|t| t.source))
            .chain(SECTIONS.iter().map(|s| s.source))
            .chain(CONTACTS.iter().map(|c| c.source))
            .chain(ACTIONS.iter().map(|a| a.source))
            .chain(CAUTIONS.iter().map(|c| c.source))
            .chain(QUESTIONS.iter().map(|q| q.source))
            .chain(MISSING_STEPS.iter().map(|s| s.source))
            .chain(READY_ITEMS.iter().map(|r| r.source))
            .chain(MISSING_NOTES.iter().map(|n| n.source));
        for r in refs {
            assert!(EN.source(r).is_some(), "{r}");
        }
    }

    /// The missing-child screen keeps PROTOCOL.md's order: 911 now, the agency now (the user's own
    /// numbers), then NCMEC; the young-adult, refused and runaway steps only if needed. NCMEC's discretion
    /// note keeps FACTS.md's words in full.
    #[test]
    fn the_missing_child_steps_come_in_the_protocol_s_order() {
        let ids: Vec<&str> = MISSING_STEPS.iter().map(|s| s.id).collect();
        assert_eq!(ids, ["police", "agency", "ncmec", "young-adult", "refused", "runaway"]);
        assert_eq!(MISSING_STEPS[0].contact, Some("emergency"));
        assert!(MISSING_STEPS[1].my_numbers && MISSING_STEPS[1].contact.is_none());
        assert!(MISSING_STEPS[1].text.contains("Neither call waits for the other"));
        assert_eq!(MISSING_STEPS[2].contact, Some("ncmec"));
        assert!(MISSING_STEPS[2].text.contains("Make sure the agency has reported"));
        assert!(MISSING_STEPS
            .iter()
            .all(|s| s.if_needed == (s.title.starts_with("If ") || s.title.starts_with("After the calls"))));
        let discretion = EN.missing_note("ncmec-discretion").expect("discretion note").text;
        assert!(
            discretion.contains("or that the child is likely a victim of child sex trafficking"),
            "{discretion}"
        );
        // The case-note record of a done step says what was done, in the past tense, never as the order.
        for s in MISSING_STEPS {
            let first = s.done.split_whitespace().next().unwrap_or("");
            assert!(
                (first.ends_with("ed") || first == "Told") && s.done != s.title,
                "step `{}`: `done` should read as a record: {:?}",
                s.id,
                s.done
            );
        }
        for id in [
            "roles",
            "rule-24-hours",
            "ready-intro",
            "ncmec-discretion",
            "not-legal-advice",
        ] {
            assert!(EN.missing_note(id).is_some(), "content/missing.toml has no note `{id}`");
        }
        assert!(READY_ITEMS.iter().any(|r| r.text.contains("Do not search the devices")));
        if let Some(facts) = shared_source("FACTS.md", "the missing-child steps against FACTS.md") {
            let facts = facts.split_whitespace().collect::<Vec<_>>().join(" ");
            for phrase in [
                "within two hours",
                "may not have a waiting period",
                "missing child clearinghouse",
                "eyeglasses or braces",
            ] {
                assert!(facts.contains(phrase), "FACTS.md no longer says {phrase:?}");
            }
        }
    }

    #[test]
    fn the_app_says_what_it_is_not() {
        let about = EN.section("about-this-app").expect("about section");
        assert!(about.summary.contains("not made, run or endorsed by NCMEC"));
        assert!(about.points.iter().any(|p| p.contains("not legal advice")));
        assert!(about.points.iter().any(|p| p.contains("call 911")));
        assert!(CAUTIONS.iter().any(|c| c.text.starts_with("A sign is not proof")));
        assert!(CAUTIONS.iter().any(|c| c.text.contains("rarely disclose")));
    }

    #[test]
    fn no_text_says_no_trafficker_is_needed_in_other_words_than_the_guides() {
        for text in every_text() {
            assert!(
                !text.contains("No trafficker has to be involved"),
                "say the guide's \"no third-party trafficker\": {text}"
            );
        }
        let what = EN.section("what-it-is").expect("what-it-is section");
        assert!(
            what.summary.contains("even if no third-party trafficker is involved"),
            "{}",
            what.summary
        );
    }

    #[test]
    fn any_youth_can_be_targeted_and_some_are_especially_vulnerable() {
        let at_risk = EN
            .section("who-is-at-risk")
            .expect("who-is-at-risk section")
            .points
            .join(" ");
        for text in [explanation("targeted"), at_risk.as_str()] {
            assert!(text.contains("Any youth can be targeted"), "{text}");
            assert!(text.contains("especially vulnerable"), "{text}");
        }
    }

    /// FACTS.md: the agency reports "immediately, and in no case later than 24 hours"; a police report
    /// does not by itself create an NCMEC report.
    #[test]
    fn the_24_hour_card_says_immediately_both_reports_and_the_foster_parents_part() {
        let card = EN.section("missing-from-foster-care").expect("24-hour section");
        assert!(
            card.summary.contains("immediately, and in no case later than 24 hours"),
            "{}",
            card.summary
        );
        let points = card.points.join(" ");
        assert!(
            points.contains("A police report does not by itself create an NCMEC report"),
            "{points}"
        );
        assert!(points.contains("Foster parents: tell your agency at once"), "{points}");
        if let Some(facts) = shared_source("FACTS.md", "the 24-hour rule and the police report against FACTS.md") {
            assert!(
                facts.contains("immediately,\n  and in no case later than 24 hours")
                    || facts.contains("immediately, and in no case later than 24 hours")
            );
            assert!(facts.contains("A police report does not by itself create an NCMEC report"));
        }
    }

    /// The guide: manipulation with physical control "can make" a victim feel trapped; survival sex is not
    /// tied to being on a run.
    #[test]
    fn the_trauma_bond_keeps_the_guides_hedge_and_survival_sex_is_not_tied_to_a_run() {
        for text in every_text().into_iter().filter(|t| t.contains("trapped")) {
            assert!(
                text.contains("can make a victim feel trapped"),
                "keep the guide's \"can make\": {text}"
            );
        }
        assert!(explanation("trauma-bond").contains("can make a victim feel trapped"));
        assert!(explanation("traumatized").contains("can make a victim feel trapped"));
        let survival = explanation("survival-sex");
        assert!(
            !survival.contains("run") && !survival.contains("away"),
            "the guide does not tie survival sex to a run: {survival}"
        );
        assert!(
            survival.contains("under 18, it is child sex trafficking, and the youth is a victim"),
            "{survival}"
        );
    }

    /// Text in neither source was cut or replaced by the guide's own words.
    #[test]
    fn definitions_the_sources_do_not_give_are_not_made_up() {
        for text in every_text() {
            assert!(
                !text.contains("covers buyers"),
                "the statute adds \"patronizing, or soliciting\", not \"buyers\": {text}"
            );
        }
        // Where the guide uses a term without defining it, the U.S. Department of Justice's definition
        // (FACTS.md), cited to it; no entry is left saying the term is not defined.
        for (slug, source, words) in [
            ("commercial-sexual-exploitation", "ojjdp-csec", "financial benefit"),
            (
                "grooming",
                "smart-grooming",
                "building trust with a child and with the adults around",
            ),
        ] {
            let t = EN.term(slug).expect(slug);
            assert_eq!(t.source, source, "{slug}");
            assert!(t.explanation.contains(words), "{slug}: {}", t.explanation);
            assert!(EN.source(source).is_some() && ES.source(source).is_some(), "{source}");
        }
        for t in EN.terms.iter().chain(ES.terms) {
            assert!(
                !t.explanation.contains("does not define") && !t.explanation.contains("no define"),
                "an entry the sources cannot define is not a glossary entry: {}",
                t.term
            );
        }
        if let Some(facts) = shared_source("FACTS.md", "the definitions against FACTS.md") {
            assert!(facts.contains("sexual abuse or exploitation of a child for the financial benefit"));
            assert!(facts.contains("building trust with a child and the adults around a child"));
            assert!(facts.contains("is not legally defined by federal statute or case law"));
        }
    }

    /// The Sources screen says every fact comes from one of its sources: what only the app stands behind
    /// is cited as "the app's own advice", and the screen's lead says what that label means.
    #[test]
    fn the_apps_own_advice_is_labelled_as_the_apps() {
        for (content, ui) in [(&EN, &UI), (&ES, &es::UI)] {
            let own = content.source("about-app").expect("about-app");
            assert!(
                ui.sources_lead.contains(own.short),
                "{:?} does not explain {:?}",
                ui.sources_lead,
                own.short
            );
            assert!(
                own.short.contains("own advice") || own.short.contains("propio"),
                "{}",
                own.short
            );
        }
    }

    /// Issue 26: an entry the sources cannot define is not a glossary entry. The guide says "to a buyer"
    /// and never defines the word, nor does FACTS.md; the 2015 "patronizing, or soliciting" is quoted
    /// under sex trafficking only (FACTS gives the words, not a reading of them as being about buyers).
    #[test]
    fn buyer_is_not_a_glossary_entry_and_the_2015_words_stay_under_sex_trafficking() {
        for lang in [&EN, &ES] {
            assert!(lang.term("buyer").is_none(), "the sources do not define \"buyer\"");
            for t in lang.terms {
                assert!(!t.related.contains(&"buyer"), "{} links to buyer", t.slug);
            }
        }
        let trafficking = EN.term("sex-trafficking").expect("sex trafficking");
        assert!(trafficking
            .law
            .iter()
            .any(|l| l.source == "tvpa" && l.text.contains("patronizing, or soliciting")));
    }

    /// PROTOCOL.md principle 5: the youth is never the actor. The guide's "many youth report trading
    /// sexual activity" becomes "sexual activity was exchanged"; nothing says the youth trades, sells or
    /// engages in sex, in either language.
    #[test]
    fn no_text_makes_the_youth_the_one_who_trades_or_sells() {
        let en = [
            "trading sex",
            "trading sexual",
            "trade sex",
            "trades sex",
            "traded sex",
            "sell sex",
            "sells sex",
            "selling sex",
            "sell herself",
            "sell himself",
            "sell themselves",
            "prostitut",
            "engage in sex",
            "engages in sex",
            "engaged in sex",
            "engaging in sex",
        ];
        let es = [
            "intercambiar actividad sexual",
            "intercambiaron",
            "intercambian actividad sexual",
            "intercambia actividad sexual",
            "vender sexo",
            "vende sexo",
            "venden sexo",
            "venderse",
            "prostitu",
        ];
        for (lang, words) in [(&EN, &en[..]), (&ES, &es[..])] {
            for text in every_text_of(lang) {
                let lower = text.to_lowercase();
                for w in words {
                    assert!(!lower.contains(w), "{w:?} makes the youth the actor: {text}");
                }
            }
        }
        let survival = EN.term("survival-sex").expect("survival sex").explanation;
        assert!(survival.starts_with("Sexual activity exchanged"), "{survival}");
    }

    /// A fact names its true source. The commercial sex act: the guide quotes the statute and gives the
    /// examples (money, drugs or a place to stay: no food), the statute gives none. NCMEC answering 24
    /// hours a day is NCMEC's own word (FACTS.md), not the guide's. "Youth rarely disclose" is the
    /// guide's ("even less likely to disclose"); "do not interrogate" stays the app's own.
    #[test]
    fn facts_name_the_source_that_says_them() {
        for lang in [&EN, &ES] {
            let act = lang.term("commercial-sex-act").expect("commercial sex act");
            assert_eq!(act.source, "guide");
            assert!(act
                .law
                .iter()
                .all(|l| l.source == "tvpa" && l.citation == "22 U.S.C. §7102"));
            assert!(
                !act.explanation.contains("food") && !act.explanation.contains("comida"),
                "{}",
                act.explanation
            );
            let ncmec = lang.contact("ncmec").expect("ncmec");
            assert!(ncmec.when.contains("24"), "{}", ncmec.when);
            assert_ne!(
                ncmec.source, "guide",
                "the guide does not say NCMEC answers 24 hours a day"
            );
            let from = lang.source(ncmec.source).expect("its source").detail;
            assert!(
                from.contains("24 hours a day") || from.contains("24 horas del día"),
                "{from}"
            );
            let disclose = lang
                .cautions
                .iter()
                .find(|c| c.id == "rarely-disclose")
                .expect("caution");
            assert_eq!(disclose.source, "guide");
            assert!(lang
                .cautions
                .iter()
                .any(|c| c.id == "do-not-interrogate" && c.source == "about-app"));
        }
        assert!(EN
            .term("commercial-sex-act")
            .is_some_and(|t| t.explanation.contains("money, drugs or a place to stay")));
        if let Some(guide) = shared_source("ncmec-guide-for-child-welfare.txt", "the facts' sources in the guide") {
            assert!(guide.contains("such as money, drugs or a place to stay"));
            assert!(guide.contains("even less likely to disclose victimization"));
            assert!(!guide.contains("24 hours a day"));
        }
        if let Some(facts) = shared_source("FACTS.md", "the facts' sources in FACTS.md") {
            assert!(facts.contains("NCMEC answers 1-800-THE-LOST \"24 hours a day\""));
        }
    }

    /// "Tell your supervisor" is the app's own advice (PROTOCOL.md), so the step cited to
    /// §671(a)(34)(A) says only what FACTS.md reads there: tell the agency now; it has 24 hours. The
    /// missing 21-or-older step is not cited to the guide, which is about children.
    #[test]
    fn steps_cited_to_a_source_say_only_what_it_says() {
        for lang in [&EN, &ES] {
            let find = |id: &str| {
                lang.actions
                    .iter()
                    .find(|a| a.id == id)
                    .unwrap_or_else(|| panic!("{id}"))
            };
            let victim = find("tell-agency-victim");
            assert_eq!(victim.source, "psta-victims");
            assert!(!victim.text.contains("supervisor"), "{}", victim.text);
            let adult = find("call-911-missing-adult");
            assert_eq!(adult.source, "app-advice");
            assert_eq!(adult.when, &[Trigger::MissingAdult]);
            let danger = find("call-911");
            assert!(!danger.when.contains(&Trigger::MissingAdult) && danger.unless.contains(&Trigger::MissingAdult));
        }
    }

    /// One Spanish term for legal advice, the one used most ("asesoría legal", content/es/TERMS.md).
    #[test]
    fn spanish_says_asesoria_legal_everywhere() {
        let texts = every_text_of(&ES);
        assert!(texts.iter().any(|t| t.contains("asesoría legal")));
        assert!(
            texts.iter().all(|t| !t.contains("asesoramiento")),
            "asesoramiento legal"
        );
    }

    #[test]
    fn the_guide_has_the_caseload_card_and_lists_the_signs() {
        let caseload = EN.section("is-a-child-a-victim").expect("the caseload card");
        assert_eq!(caseload.title, "Is a child on your caseload a victim?");
        assert_eq!(caseload.source, "guide");
        let text = format!("{} {}", caseload.summary, caseload.points.join(" "));
        for said in [
            "do not disclose",
            "ask questions",
            "connection to safer people decreases",
            "survival sex",
            "under 18",
            "victim",
        ] {
            assert!(text.contains(said), "the caseload card does not say {said:?}: {text}");
        }
        // The signs card is the guide's own list, in its order and words (the checker's are shorter).
        let signs = EN.section("signs").expect("the signs card");
        assert_eq!(signs.source, "guide");
        assert_eq!(signs.points.len(), SIGNS.len(), "the signs card lists every sign");
        if let Some(guide) = shared_source(
            "ncmec-guide-for-child-welfare.txt",
            "the signs card against the guide's list",
        ) {
            let list = guide.split("Some signs and").nth(1).expect("the guide's list of signs");
            let bullets: Vec<&str> = list.lines().filter(|l| l.starts_with("- ")).collect();
            assert_eq!(bullets.len(), signs.points.len());
            for (bullet, point) in bullets.iter().zip(signs.points) {
                let first = |s: &str| {
                    s.trim_start_matches("- ")
                        .split(|c: char| !c.is_alphabetic())
                        .next()
                        .unwrap_or_default()
                        .to_lowercase()
                };
                assert_eq!(
                    first(bullet),
                    first(point),
                    "the signs card is not in the guide's order at {point:?}"
                );
            }
        }
        // The Guide lists them in the guide's order: the caseload question, then the signs.
        let at = |slug| SECTIONS.iter().position(|s| s.slug == slug);
        assert!(at("is-a-child-a-victim") < at("signs") && at("signs") < at("prevention"));
    }

    /// The page description and the install sheet say the app is independent (FACTS.md: what the app must
    /// say about itself), and say the same thing.
    #[test]
    fn the_page_description_and_the_manifest_say_the_app_is_independent() {
        let root = env!("CARGO_MANIFEST_DIR");
        let index = std::fs::read_to_string(format!("{root}/index.html")).expect("index.html");
        let manifest = std::fs::read_to_string(format!("{root}/public/manifest.webmanifest")).expect("manifest");
        let described = |text: &str, open: &str, close: &str| -> String {
            let start = text.find(open).unwrap_or_else(|| panic!("no {open}")) + open.len();
            text[start..].split(close).next().unwrap_or_default().to_string()
        };
        let page = described(&index, "<meta name=\"description\" content=\"", "\"");
        let install = described(&manifest, "\"description\": \"", "\"");
        assert!(
            page.starts_with("An independent pocket guide built on NCMEC's guide"),
            "{page}"
        );
        assert_eq!(
            page, install,
            "index.html and the manifest describe the app differently"
        );
    }

    /// Whether a string literal is exactly an ARIA attribute's name ("aria-" and lowercase letters, as
    /// every name in the spec is): only such a literal is spared the US-English check, never one that
    /// holds anything more (a value, text, other words), so nothing shown can hide behind it.
    fn is_aria_attribute_name(literal: &str) -> bool {
        literal
            .strip_prefix("aria-")
            .is_some_and(|name| !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase()))
    }

    #[test]
    fn only_an_aria_attribute_name_is_spared_the_spelling_check() {
        assert!(is_aria_attribute_name("aria-labelledby"));
        assert!(is_aria_attribute_name("aria-describedby"));
        for shown in [
            "aria-labelledby colour",
            "aria-label=Colour",
            "aria-labelledby,favourite",
            "aria-labelledby\tcolour",
            "aria-",
            "Aria-colour",
            "colour aria-labelledby",
            "behaviour",
        ] {
            assert!(!is_aria_attribute_name(shown), "{shown:?} would skip the check");
        }
    }

    /// US English in what the app shows: the string literals of `src/` (outside the tests), the page
    /// template, the manifest and the quick-exit page. Content files are checked by the content crate.
    #[test]
    fn every_shown_string_in_the_app_is_us_english() {
        fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    rust_files(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        rust_files(&root.join("src"), &mut files);
        let mut found = Vec::new();
        for path in files {
            let code = std::fs::read_to_string(&path).expect("readable");
            let code = code.split("#[cfg(test)]").next().unwrap_or_default();
            for (n, line) in code.lines().enumerate() {
                let line = line.trim_start();
                if line.starts_with("//") {
                    continue;
                }
                // The odd pieces between quotes are the string literals.
                for literal in line.split('"').skip(1).step_by(2) {
                    // An ARIA attribute's name is the spec's spelling ("aria-labelledby"), never shown.
                    if is_aria_attribute_name(literal) {
                        continue;
                    }
                    for uk in red_flags_content::uk_spellings_in(literal) {
                        found.push(format!(
                            "{}:{}: {uk}",
                            path.strip_prefix(root).unwrap_or(&path).display(),
                            n + 1
                        ));
                    }
                }
            }
        }
        for page in ["index.html", "public/manifest.webmanifest", "public/exit.html"] {
            let text = std::fs::read_to_string(root.join(page)).expect("readable");
            for uk in red_flags_content::uk_spellings_in(&text) {
                found.push(format!("{page}: {uk}"));
            }
        }
        assert!(
            found.is_empty(),
            "British spellings in what the app shows (write US English): {found:?}"
        );
    }
}

/// The agency edition's names and numbers (`cargo xtask build --agency FILE`).
#[cfg(agency)]
pub mod agency;
