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
    pub detail: &'static str,
    pub why: Option<&'static str>,
    pub source: &'static str,
}

/// Words of the law, quoted exactly.
#[derive(Debug, PartialEq, Eq)]
pub struct LegalText {
    pub label: &'static str,
    pub text: &'static str,
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

/// What makes a step apply; `src/core/checker.rs::triggers` decides which fired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Trigger {
    DangerNow,
    MissingNow,
    MaybeMissing,
    ExploitedChild,
    ExploitedAgeUnknown,
    ExploitedAdult,
    ExploitedMissing,
    ExchangeUnsure,
    Returned,
    CurrentSigns,
    Background,
    Concern,
    NothingNoted,
}

/// One next step of the checker's result.
#[derive(Debug, PartialEq, Eq)]
pub struct Action {
    pub id: &'static str,
    /// Shows when any of these fired and none of `unless` did.
    pub when: &'static [Trigger],
    pub unless: &'static [Trigger],
    pub text: &'static str,
    pub contact: Option<&'static str>,
    /// A source whose web address the step links to.
    pub link: Option<&'static str>,
    /// The step offers the user's own saved numbers.
    pub my_numbers: bool,
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

include!(concat!(env!("OUT_DIR"), "/content.rs"));

pub fn source(id: &str) -> Option<&'static Source> {
    SOURCES.iter().find(|s| s.id == id)
}

pub fn contact(id: &str) -> Option<&'static Contact> {
    CONTACTS.iter().find(|c| c.id == id)
}

pub fn term(slug: &str) -> Option<&'static Term> {
    TERMS.iter().find(|t| t.slug == slug)
}

pub fn section(slug: &str) -> Option<&'static Section> {
    SECTIONS.iter().find(|s| s.slug == slug)
}

pub fn statistic(id: &str) -> Option<&'static Statistic> {
    STATISTICS.iter().find(|s| s.id == id)
}

pub fn question(id: &str) -> Option<&'static Question> {
    QUESTIONS.iter().find(|q| q.id == id)
}

/// A headline's text; the id itself if the content lacks it (a test keeps every headline present).
pub fn headline(id: &'static str) -> &'static str {
    HEADLINES.iter().find(|h| h.id == id).map_or(id, |h| h.text)
}

/// The group a sign belongs to.
pub fn sign_is_background(sign: &Sign) -> bool {
    SIGN_GROUPS.iter().any(|g| g.id == sign.group && g.background)
}

/// The contact every screen's call bar dials.
pub fn ncmec() -> &'static Contact {
    contact("ncmec").expect("content/contacts.toml has the `ncmec` contact (checked by tests)")
}

/// Everything that cites `source_id`, as (kind, title, app path), for the Sources screen.
pub fn citing(source_id: &str) -> Vec<(&'static str, &'static str, String)> {
    let mut out = Vec::new();
    for s in SIGNS.iter().filter(|s| s.source == source_id) {
        out.push(("Sign", s.label, "/check".to_string()));
    }
    for t in TERMS {
        if t.source == source_id || t.law.iter().any(|l| l.source == source_id) {
            out.push(("Term", t.term, format!("/glossary/{}", t.slug)));
        }
    }
    for s in SECTIONS.iter().filter(|s| s.source == source_id) {
        out.push(("Guide", s.title, format!("/guide/{}", s.slug)));
    }
    for s in STATISTICS.iter().filter(|s| s.source == source_id) {
        out.push(("Figure", s.text, "/guide/figures".to_string()));
    }
    for c in CONTACTS.iter().filter(|c| c.source == source_id) {
        out.push(("Phone line", c.name, "/call".to_string()));
    }
    for a in ACTIONS.iter().filter(|a| a.source == source_id) {
        out.push(("Next step", a.text, "/check".to_string()));
    }
    for c in CAUTIONS.iter().filter(|c| c.source == source_id) {
        out.push(("Caution", c.text, "/check".to_string()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The verified numbers (shared/sources/FACTS.md), written out here independently of content/.
    const VERIFIED: [(&str, &str); 4] = [
        ("ncmec", "+18008435678"),
        ("emergency", "911"),
        ("trafficking-hotline", "+18883737888"),
        ("childhelp", "+18004224453"),
    ];

    /// The project's source texts, where this checkout has them beside it (as CI and developers do).
    fn shared_source(name: &str) -> Option<String> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/sources").join(name);
        std::fs::read_to_string(path).ok()
    }

    #[test]
    fn phone_numbers_are_the_verified_ones_and_nothing_else() {
        assert_eq!(CONTACTS.len(), VERIFIED.len());
        for (id, dial) in VERIFIED {
            let c = contact(id).unwrap_or_else(|| panic!("contact {id} missing"));
            assert_eq!(c.dial, dial, "{id}");
            assert_eq!(c.tel(), format!("tel:{dial}"));
        }
        assert_eq!(ncmec().shown_as, "1-800-THE-LOST (1-800-843-5678)");
        assert!(contact("childhelp").is_some_and(|c| c.not_for_reports));
        if let Some(facts) = shared_source("FACTS.md") {
            for c in CONTACTS {
                assert!(facts.contains(&format!("`tel:{}`", c.dial)), "{} is not in FACTS.md", c.dial);
            }
        }
    }

    #[test]
    fn all_eleven_signs_of_the_guide_are_present() {
        assert_eq!(SIGNS.len(), 11);
        if let Some(guide) = shared_source("ncmec-guide-for-child-welfare.txt") {
            let list = guide.split("Some signs and").nth(1).expect("the guide's list of signs");
            let bullets = list.lines().take_while(|l| !l.starts_with('\u{201c}')).filter(|l| l.starts_with("- ")).count();
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
            "commercial-sexual-exploitation", "sex-trafficking", "severe-forms-of-trafficking",
            "commercial-sex-act", "survival-sex", "trafficker", "buyer", "trauma-bond", "grooming", "runaway",
            "targeted", "tricked", "traumatized",
        ];
        for slug in expected {
            assert!(term(slug).is_some(), "glossary lacks {slug}");
        }
        for t in TERMS {
            assert!(!t.explanation.trim().is_empty(), "{}", t.slug);
            assert!(source(t.source).is_some(), "{}", t.slug);
            for l in t.law {
                assert!(source(l.source).is_some() && !l.citation.is_empty(), "{}", t.slug);
            }
        }
        // Sex trafficking carries both texts: the 2000 one the guide quotes and today's.
        let st = term("sex-trafficking").map(|t| t.law).unwrap_or_default();
        assert_eq!(st.len(), 2);
        assert!(st[1].text.contains("patronizing, or soliciting") && !st[0].text.contains("patronizing"));
    }

    #[test]
    fn statute_quotes_are_exact() {
        let Some(facts) = shared_source("FACTS.md") else { return };
        let facts = facts.split_whitespace().collect::<Vec<_>>().join(" ");
        for t in TERMS {
            for l in t.law {
                assert!(facts.contains(l.text), "{}: {:?} is not quoted exactly from FACTS.md", t.slug, l.text);
                assert!(!l.citation.contains("§7102(") , "cite the section, not a paragraph: {}", l.citation);
            }
        }
    }

    #[test]
    fn the_only_statistics_are_the_guides_two() {
        assert_eq!(STATISTICS.len(), 2);
        assert_eq!(statistic("endangered-runaways").and_then(|s| s.year), Some(2014));
        assert!(STATISTICS.iter().all(|s| s.source == "guide"));
        if let Some(guide) = shared_source("ncmec-guide-for-child-welfare.txt") {
            for s in STATISTICS {
                assert!(guide.contains(s.text), "{:?} is not in the guide word for word", s.text);
            }
        }
        // No other figure hides in the text: no percent sign outside the two statistics.
        let all_text = SECTIONS.iter().flat_map(|s| s.points.iter().copied().chain([s.summary]))
            .chain(TERMS.iter().map(|t| t.explanation))
            .chain(SIGNS.iter().flat_map(|s| [s.label, s.detail, s.why.unwrap_or("")]))
            .chain(HEADLINES.iter().map(|h| h.text))
            .chain(ACTIONS.iter().map(|a| a.text));
        for text in all_text {
            assert!(!text.contains('%'), "a figure outside statistics: {text}");
        }
    }

    #[test]
    fn every_item_names_a_source_that_exists_and_the_sources_screen_lists_it() {
        let refs = SIGNS.iter().map(|s| s.source)
            .chain(TERMS.iter().map(|t| t.source))
            .chain(SECTIONS.iter().map(|s| s.source))
            .chain(CONTACTS.iter().map(|c| c.source))
            .chain(ACTIONS.iter().map(|a| a.source))
            .chain(CAUTIONS.iter().map(|c| c.source))
            .chain(QUESTIONS.iter().map(|q| q.source));
        for r in refs {
            assert!(source(r).is_some(), "{r}");
        }
        for s in SOURCES {
            assert!(!citing(s.id).is_empty(), "source {} is cited by nothing", s.id);
        }
    }

    #[test]
    fn the_app_says_what_it_is_not() {
        let about = section("about-this-app").expect("about section");
        assert!(about.summary.contains("not made, run or endorsed by NCMEC"));
        assert!(about.points.iter().any(|p| p.contains("not legal advice")));
        assert!(about.points.iter().any(|p| p.contains("call 911")));
        assert!(CAUTIONS.iter().any(|c| c.text.starts_with("A sign is not proof")));
        assert!(CAUTIONS.iter().any(|c| c.text.contains("rarely disclose")));
    }
}
