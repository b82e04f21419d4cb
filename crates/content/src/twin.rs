//! A translation against its English twin: the same items (by id, in the same order), the same references,
//! numbers and quotations of the law, and every text translated.
//!
//! The comparison walks the TOML of both files, so it needs no code per item type; each field is either
//! translated ([`TEXT_FIELDS`]), the same in every language ([`SAME_FIELDS`]) or only in the translation
//! ([`TRANSLATION_ONLY_FIELDS`]). A field in none of them fails the build until someone decides.

use crate::{ContentError, FILES};
use std::collections::{BTreeMap, BTreeSet};

/// Fields a translation translates, as `table.key` (`term.law.label`: `label` of a `[[term.law]]`).
pub const TEXT_FIELDS: &[&str] = &[
    "source.short",
    "source.title",
    "source.publisher",
    "source.detail",
    "contact.name",
    "contact.call",
    "contact.when",
    "group.title",
    "sign.label",
    "sign.card",
    "sign.detail",
    "sign.why",
    "term.term",
    "term.explanation",
    "term.law.label",
    "term.law.citation",
    "section.title",
    "section.summary",
    "section.points",
    "statistic.text",
    "question.text",
    "question.hint",
    "headline.text",
    "action.text",
    "caution.text",
    "step.title",
    "step.done",
    "step.text",
    "step.points",
    "ready.text",
    "note.text",
];

/// Fields that are the same in every language: ids and references, what a phone dials and shows, flags,
/// years, addresses, organisations' full names (no source gives them in another language), and the words
/// of the law (quoted in English as enacted).
pub const SAME_FIELDS: &[&str] = &[
    "source.id",
    "source.url",
    "contact.id",
    "contact.full_name",
    "contact.shown_as",
    "contact.dial",
    "contact.source",
    "contact.not_for_reports",
    "group.id",
    "group.background",
    "sign.id",
    "sign.group",
    "sign.source",
    "term.slug",
    "term.source",
    "term.related",
    "term.law.text",
    "term.law.source",
    "section.slug",
    "section.source",
    "section.contacts",
    "section.statistics",
    "statistic.id",
    "statistic.year",
    "statistic.source",
    "question.id",
    "question.source",
    "headline.id",
    "action.id",
    "action.when",
    "action.unless",
    "action.with",
    "action.contact",
    "action.link",
    "action.my_numbers",
    "action.page",
    "action.source",
    "caution.id",
    "caution.source",
    "step.id",
    "step.contact",
    "step.my_numbers",
    "step.if_needed",
    "step.source",
    "ready.id",
    "ready.source",
    "note.id",
    "note.source",
];

/// Fields a translation must have and English must not: the plain explanation beside a quotation of the law.
pub const TRANSLATION_ONLY_FIELDS: &[&str] = &["term.law.plain"];

/// Texts a translation keeps exactly as in English although their field is translated: names of
/// organisations, lines, databases and laws, citations, and titles of publications that exist only in
/// English. Only whole values are allowed, so a sentence that merely contains a name is still checked.
pub const SAME_IN_TRANSLATION: &[&str] = &[
    "NCMEC",
    "National Center for Missing & Exploited Children (NCMEC)",
    "CyberTipline",
    "NCIC",
    "Childhelp",
    "Childhelp (childhelphotline.org)",
    "Childhelp National Child Abuse Hotline",
    "National Human Trafficking Hotline",
    "National Runaway Safeline",
    "HHS Office on Trafficking in Persons",
    "U.S. Department of Health and Human Services, Office on Trafficking in Persons",
    "NCMEC, Children Missing from Care",
    "Children Missing from Care; What to do if your child is missing",
    "Child Sex Trafficking in America: A Guide for Child Welfare",
    "Preventing Sex Trafficking and Strengthening Families Act",
    "Trafficking Victims Protection Act of 2000, Pub. L. 106-386, §103",
    "22 U.S.C. §7102",
    "Pub. L. 113-183 §104",
    "Commercial Sexual Exploitation of Children",
    "Child Welfare Information Gateway",
];

/// Wording a Spanish text never uses, each with why: youth are victims, never offenders, and the child is
/// never the one who acts ("es explotado/a sexualmente", never "se prostituye"). Matched case-insensitively
/// anywhere in a translated text.
pub const NEVER_IN_SPANISH: &[(&str, &str)] = &[
    (
        "prostitu",
        "the child is exploited (\"explotado/a sexualmente\"), never prostituted or prostituting",
    ),
    ("trabajo sexual", "a child is a victim of trafficking, not a sex worker"),
    (
        "trabajador sexual",
        "a child is a victim of trafficking, not a sex worker",
    ),
    (
        "trabajadora sexual",
        "a child is a victim of trafficking, not a sex worker",
    ),
    (
        "fugitiv",
        "a youth who ran away is not a fugitive: say \"se escapó\", \"fuga\"",
    ),
    ("delincuen", "youth are victims, never offenders"),
];

/// Every way `lang`'s files (file name → text, as in `content/<lang>/`) differ from their English twins
/// where they must not. Files that do not parse are skipped: [`crate::parse`] reports those.
pub fn compare(lang: &str, en: &BTreeMap<String, String>, translated: &BTreeMap<String, String>) -> Vec<ContentError> {
    let mut errors = Vec::new();
    for file in FILES {
        let (Some(en_text), Some(tr_text)) = (en.get(file), translated.get(file)) else {
            continue;
        };
        let (Ok(en_table), Ok(tr_table)) = (
            toml::from_str::<toml::Table>(en_text),
            toml::from_str::<toml::Table>(tr_text),
        ) else {
            continue;
        };
        let mut twin = Twin {
            file,
            translated_file: format!("{lang}/{file}"),
            never: if lang == "es" { NEVER_IN_SPANISH } else { &[] },
            errors: &mut errors,
        };
        twin.file_tables(&en_table, &tr_table);
    }
    errors
}

/// The item an array entry is, as [`crate::validate`] names it: "sign `withdrawal`".
fn item_name(kind: &str, table: &toml::Table) -> String {
    let id = table
        .get("id")
        .or_else(|| table.get("slug"))
        .and_then(toml::Value::as_str)
        .unwrap_or("?");
    format!("{kind} `{id}`")
}

/// A value as it is written in the file, for messages.
fn show(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => format!("{s:?}"),
        toml::Value::Array(items) => format!("[{}]", items.iter().map(show).collect::<Vec<_>>().join(", ")),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        other => format!("{other:?}"),
    }
}

/// The runs of digits in `text`, sorted: what a translation must keep ("1 de cada 6" for "1 in every 6").
fn numbers_in(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    found.sort_unstable();
    found
}

struct Twin<'a> {
    /// The English file, e.g. `signs.toml`.
    file: &'static str,
    /// The translation's, e.g. `es/signs.toml`.
    translated_file: String,
    /// The language's wording to refuse ([`NEVER_IN_SPANISH`]).
    never: &'static [(&'static str, &'static str)],
    errors: &'a mut Vec<ContentError>,
}

impl Twin<'_> {
    fn err(&mut self, item: &str, problem: String) {
        self.errors.push(ContentError {
            file: self.translated_file.clone(),
            item: item.into(),
            problem,
        });
    }

    fn err_english(&mut self, item: &str, problem: String) {
        self.errors.push(ContentError {
            file: self.file.into(),
            item: item.into(),
            problem,
        });
    }

    /// The top level: `[[kind]]` arrays of items.
    fn file_tables(&mut self, en: &toml::Table, tr: &toml::Table) {
        for (kind, en_value) in en {
            let Some(tr_value) = tr.get(kind) else {
                let file = self.file;
                self.err("", format!("has no `[[{kind}]]` items; content/{file} has them"));
                continue;
            };
            match (en_value.as_array(), tr_value.as_array()) {
                (Some(en_items), Some(tr_items)) => self.items(kind, en_items, tr_items),
                _ => {
                    let file = self.file;
                    self.err("", format!("`{kind}` is not a list of items as in content/{file}"));
                }
            }
        }
        for kind in tr.keys().filter(|k| !en.contains_key(*k)) {
            let file = self.file;
            self.err("", format!("has `[[{kind}]]` items, which content/{file} has not"));
        }
    }

    /// One kind of item: the same ids in the same order, each item field by field.
    fn items(&mut self, kind: &str, en: &[toml::Value], tr: &[toml::Value]) {
        let tables = |items: &[toml::Value]| -> Vec<(String, toml::Table)> {
            items
                .iter()
                .filter_map(|v| v.as_table())
                .map(|t| (item_name(kind, t), t.clone()))
                .collect()
        };
        let (en, tr) = (tables(en), tables(tr));
        let en_names: BTreeSet<&String> = en.iter().map(|(n, _)| n).collect();
        let tr_names: BTreeSet<&String> = tr.iter().map(|(n, _)| n).collect();
        let file = self.file;
        for (name, _) in en.iter().filter(|(n, _)| !tr_names.contains(n)) {
            self.err(name, format!("is missing: content/{file} has it"));
        }
        for (name, _) in tr.iter().filter(|(n, _)| !en_names.contains(n)) {
            self.err(name, format!("is not in content/{file}"));
        }
        let en_order: Vec<&String> = en.iter().map(|(n, _)| n).filter(|n| tr_names.contains(n)).collect();
        let tr_order: Vec<&String> = tr.iter().map(|(n, _)| n).filter(|n| en_names.contains(n)).collect();
        if en_order != tr_order {
            if let Some((e, t)) = en_order.iter().zip(&tr_order).find(|(e, t)| e != t) {
                self.err(
                    "",
                    format!("lists its `[[{kind}]]` items in another order than content/{file}: {t} where it has {e}"),
                );
            }
        }
        for (name, en_item) in &en {
            if let Some((_, tr_item)) = tr.iter().find(|(n, _)| n == name) {
                self.table(kind, name, en_item, tr_item);
            }
        }
    }

    /// One item (or a `[[term.law]]` inside one), at `path` (`sign`, `term.law`).
    fn table(&mut self, path: &str, item: &str, en: &toml::Table, tr: &toml::Table) {
        let file = self.file;
        let keys: BTreeSet<&String> = en.keys().chain(tr.keys()).collect();
        for key in keys {
            let field = format!("{path}.{key}");
            let only_translated = TRANSLATION_ONLY_FIELDS.contains(&field.as_str());
            match (en.get(key), tr.get(key)) {
                (Some(_), _) if only_translated => self.err_english(
                    item,
                    format!("`{key}` belongs in the translations only (it explains the English in their language)"),
                ),
                (Some(_), None) => self.err(item, format!("`{key}` is missing: content/{file} has it")),
                (None, Some(_)) if only_translated => {}
                (None, Some(_)) => self.err(item, format!("`{key}` is not in content/{file}")),
                (Some(a), Some(b)) => self.value(&field, key, item, a, b),
                (None, None) => {}
            }
        }
        for field in TRANSLATION_ONLY_FIELDS {
            let Some(key) = field.strip_prefix(path).and_then(|k| k.strip_prefix('.')) else {
                continue;
            };
            if !key.contains('.') && !tr.contains_key(key) {
                self.err(
                    item,
                    format!("`{key}` is missing: each quotation of the law needs a plain explanation beside it"),
                );
            }
        }
    }

    fn value(&mut self, field: &str, key: &str, item: &str, en: &toml::Value, tr: &toml::Value) {
        let file = self.file;
        // Lists of tables (`[[term.law]]`): the same number, compared in order.
        if let (Some(en_list), Some(tr_list)) = (en.as_array(), tr.as_array()) {
            if en_list.iter().chain(tr_list).any(toml::Value::is_table) {
                if en_list.len() != tr_list.len() {
                    self.err(
                        item,
                        format!(
                            "has {} `{key}` entries, content/{file} has {}",
                            tr_list.len(),
                            en_list.len()
                        ),
                    );
                }
                for (a, b) in en_list.iter().zip(tr_list) {
                    if let (Some(a), Some(b)) = (a.as_table(), b.as_table()) {
                        self.table(field, item, a, b);
                    }
                }
                return;
            }
        }
        if TEXT_FIELDS.contains(&field) {
            match (en, tr) {
                (toml::Value::String(a), toml::Value::String(b)) => self.text(key, item, a, b),
                (toml::Value::Array(a), toml::Value::Array(b)) if a.len() == b.len() => {
                    for (a, b) in a.iter().zip(b) {
                        if let (Some(a), Some(b)) = (a.as_str(), b.as_str()) {
                            self.text(key, item, a, b);
                        }
                    }
                }
                (toml::Value::Array(a), toml::Value::Array(b)) => self.err(
                    item,
                    format!("`{key}` has {} entries, content/{file} has {}", b.len(), a.len()),
                ),
                _ => self.err(
                    item,
                    format!("`{key}` is not the same kind of value as in content/{file}"),
                ),
            }
        } else if SAME_FIELDS.contains(&field) {
            if en != tr {
                self.err(
                    item,
                    format!(
                        "`{key}` is {} but content/{file} has {}: references, numbers and quotations of the law are the same in every language",
                        show(tr),
                        show(en)
                    ),
                );
            }
        } else {
            self.err(
                item,
                format!("`{field}` is in neither TEXT_FIELDS nor SAME_FIELDS (crates/content/src/twin.rs): decide whether it is translated"),
            );
        }
    }

    /// A translated text: not the English (unless a name), and with the same numbers.
    fn text(&mut self, key: &str, item: &str, en: &str, tr: &str) {
        let file = self.file;
        // An empty text is `validate`'s to report.
        if tr.trim().is_empty() {
            return;
        }
        if tr == en && !SAME_IN_TRANSLATION.contains(&tr) {
            self.err(
                item,
                format!(
                    "`{key}` is the same as in content/{file} ({en:?}): translate it, or if it is a name add it to SAME_IN_TRANSLATION"
                ),
            );
        }
        let lower = tr.to_lowercase();
        for (words, why) in self.never.iter().filter(|(w, _)| lower.contains(w)) {
            self.err(item, format!("`{key}` says {words:?}: {why}"));
        }
        let (en_numbers, tr_numbers) = (numbers_in(en), numbers_in(tr));
        if en_numbers != tr_numbers {
            self.err(
                item,
                format!(
                    "`{key}` has the numbers {tr_numbers:?} but content/{file} has {en_numbers:?}: a translation adds or drops no figure"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_field_lists_do_not_overlap() {
        for f in TEXT_FIELDS {
            assert!(!SAME_FIELDS.contains(f) && !TRANSLATION_ONLY_FIELDS.contains(f), "{f}");
        }
        for f in TRANSLATION_ONLY_FIELDS {
            assert!(!SAME_FIELDS.contains(f), "{f}");
        }
    }

    #[test]
    fn numbers_are_compared_as_a_set_of_runs() {
        assert_eq!(numbers_in("In 2014, 1 in every 6"), ["1", "2014", "6"]);
        assert_eq!(numbers_in("En 2014, 1 de cada 6"), numbers_in("In 2014, 1 in every 6"));
        assert_ne!(numbers_in("1-800-843-5678"), numbers_in("1-800-843-5679"));
    }
}
