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
}

/// One of the guide's signs and vulnerabilities.
#[derive(Debug, PartialEq, Eq)]
pub struct Sign {
    pub id: &'static str,
    pub group: &'static str,
    pub label: &'static str,
    pub detail: &'static str,
    pub why: &'static str,
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

/// What makes an action apply; the checker orders actions by this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Trigger {
    MissingNow,
    MissingFromCare,
    Traded,
    AnyConcern,
    NoConcern,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Action {
    pub id: &'static str,
    pub when: Trigger,
    pub text: &'static str,
    pub contact: Option<&'static str>,
    pub source: &'static str,
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
