//! The rules a content file must keep, one validator per file of [`crate::FILES`], run in that order by
//! [`validate`]; then the phone numbers in running text, which must be contacts' numbers.

use crate::model::{Content, ContentError};
use crate::text::phone_numbers_in;
use std::collections::BTreeSet;

mod checker;
mod contacts;
mod glossary;
mod guide;
mod missing;
mod signs;
mod sources;
mod statistics;

/// The longest a sign's `card` words may be: one line of the 85.6 mm wallet card's half-width column.
pub const CARD_LABEL_MAX: usize = 26;

/// A shown text to scan for phone numbers: (file, item, text).
type Scanned = (&'static str, String, String);

/// The ids other items may name, by the file that holds them.
struct Ids {
    sources: BTreeSet<String>,
    contacts: BTreeSet<String>,
    groups: BTreeSet<String>,
    terms: BTreeSet<String>,
    statistics: BTreeSet<String>,
}

impl Ids {
    fn of(c: &Content) -> Ids {
        Ids {
            sources: c.sources.iter().map(|s| s.id.clone()).collect(),
            contacts: c.contacts.iter().map(|s| s.id.clone()).collect(),
            groups: c.groups.iter().map(|s| s.id.clone()).collect(),
            terms: c.terms.iter().map(|s| s.slug.clone()).collect(),
            statistics: c.statistics.iter().map(|s| s.id.clone()).collect(),
        }
    }
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

impl<'a> Checker<'a> {
    fn new(file: &'static str, errors: &'a mut Vec<ContentError>) -> Checker<'a> {
        Checker { file, errors }
    }
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
    let ids = Ids::of(c);
    let mut texts_to_scan: Vec<Scanned> = Vec::new();
    sources::check(c, &mut Checker::new("sources.toml", &mut errors));
    contacts::check(
        c,
        &mut Checker::new("contacts.toml", &mut errors),
        &ids,
        &mut texts_to_scan,
    );
    signs::check(
        c,
        &mut Checker::new("signs.toml", &mut errors),
        &ids,
        &mut texts_to_scan,
    );
    glossary::check(
        c,
        &mut Checker::new("glossary.toml", &mut errors),
        &ids,
        &mut texts_to_scan,
    );
    guide::check(
        c,
        &mut Checker::new("guide.toml", &mut errors),
        &ids,
        &mut texts_to_scan,
    );
    statistics::check(c, &mut Checker::new("statistics.toml", &mut errors), &ids);
    checker::check(
        c,
        &mut Checker::new("checker.toml", &mut errors),
        &ids,
        &mut texts_to_scan,
    );
    missing::check(
        c,
        &mut Checker::new("missing.toml", &mut errors),
        &ids,
        &mut texts_to_scan,
    );
    unknown_numbers(c, texts_to_scan, &mut errors);
    errors
}

/// A phone number in running text must be one a contact shows (its shown form, or a part of it): the
/// first other number of each text is an error.
fn unknown_numbers(c: &Content, texts_to_scan: Vec<Scanned>, errors: &mut Vec<ContentError>) {
    let mut known_numbers = BTreeSet::new();
    for contact in &c.contacts {
        known_numbers.extend(phone_numbers_in(&contact.shown_as));
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
}
