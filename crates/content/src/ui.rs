//! The interface's own words (`content/ui.toml`) and their Spanish twin (`content/es/ui.toml`): reading,
//! validation and code generation.
//!
//! A file is a set of `[group]` tables of texts. Each `group.key` becomes one field `group_key` of the
//! generated `Ui` struct, whose `UI` static holds the English and `es::UI` the Spanish. A text with
//! `{placeholders}` becomes a method that takes each as a `&str`; a pair `key_one` / `key_other` becomes a
//! method `key(n)` that picks by the count. Both languages must have the same keys, the same placeholders
//! per key and the same spaces at either end; no text may be empty; a Spanish text the same as its English
//! is refused unless its key is in [`UI_SAME_IN_TRANSLATION`].

use crate::{uk_spellings_in, ContentError, NEVER_IN_SPANISH};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// The interface file, in `content/` and in each translation's folder.
pub const UI_FILE: &str = "ui.toml";

/// Keys whose Spanish text is, rightly, the same as the English: the app's name (a proper name, like the
/// organisations' names), a format made only of a placeholder and the name, a word that is the same in
/// both languages, product names, and punctuation after a link.
pub const UI_SAME_IN_TRANSLATION: &[&str] = &[
    "app.name",
    "card.save_first_after",
    "screens.title",
    "answers.no",
    "share.android",
    "share.iphone",
    // "2 h 10 min": the units' abbreviations are the same in Spanish.
    "clock.elapsed_minutes",
    "clock.elapsed_hours_minutes",
];

/// Placeholder names that cannot be a Rust parameter name.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "box", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "unsafe", "use", "where", "while",
    "yield",
];

/// One language's interface texts: `group.key` → text, read and checked on their own.
pub type UiTexts = BTreeMap<String, String>;

/// The interface texts of every language, checked against each other.
#[derive(Debug)]
pub struct Ui {
    pub en: UiTexts,
    pub es: UiTexts,
}

fn error(file: &str, key: &str, problem: String) -> ContentError {
    ContentError {
        file: file.to_string(),
        item: if key.is_empty() {
            String::new()
        } else {
            format!("`{key}`")
        },
        problem,
    }
}

/// A group or key name: lower-case ASCII words joined by single underscores.
fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && !s.ends_with('_')
        && !s.contains("__")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The placeholders of a text in order of first appearance, or what is wrong with its braces.
pub fn placeholders(text: &str) -> Result<Vec<String>, String> {
    let mut found: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        if rest[i..].starts_with('}') {
            return Err("has a `}` with no `{` before it".into());
        }
        let after = &rest[i + 1..];
        let Some(end) = after.find('}') else {
            return Err("has a `{` with no `}` after it".into());
        };
        let name = &after[..end];
        if !is_name(name) || KEYWORDS.contains(&name) {
            return Err(format!(
                "has the placeholder `{{{name}}}`: write a lower-case name such as `{{count}}`"
            ));
        }
        if !found.iter().any(|f| f == name) {
            found.push(name.to_string());
        }
        rest = &after[end + 1..];
    }
    Ok(found)
}

fn list(names: &[String]) -> String {
    if names.is_empty() {
        "none".into()
    } else {
        names.iter().map(|n| format!("{{{n}}}")).collect::<Vec<_>>().join(", ")
    }
}

/// Reads one language's file and checks it on its own: names, empty texts, braces, plural pairs, and
/// the language's wording rules.
fn read(file: &str, text: &str, lang: &str, errors: &mut Vec<ContentError>) -> UiTexts {
    let mut texts = UiTexts::new();
    let table = match toml::from_str::<toml::Table>(text) {
        Ok(t) => t,
        Err(e) => {
            errors.push(error(file, "", e.to_string().trim().replace('\n', " ")));
            return texts;
        }
    };
    let mut fields: BTreeMap<String, String> = BTreeMap::new();
    for (group, value) in &table {
        let Some(items) = value.as_table() else {
            errors.push(error(file, group, "must be a `[group]` of texts".into()));
            continue;
        };
        if !is_name(group) {
            errors.push(error(file, group, "is not a lower_case_name".into()));
        }
        for (key, value) in items {
            let at = format!("{group}.{key}");
            if !is_name(key) {
                errors.push(error(file, &at, "is not a lower_case_name".into()));
            }
            let Some(value) = value.as_str() else {
                errors.push(error(file, &at, "must be a text in quotes".into()));
                continue;
            };
            let field = format!("{group}_{key}");
            if let Some(other) = fields.insert(field.clone(), at.clone()) {
                errors.push(error(
                    file,
                    &at,
                    format!("becomes the field `{field}`, as `{other}` does: rename one"),
                ));
            }
            if value.trim().is_empty() {
                errors.push(error(file, &at, "is empty".into()));
            }
            if let Err(problem) = placeholders(value) {
                errors.push(error(file, &at, problem));
            }
            if lang == "en" {
                for uk in uk_spellings_in(value) {
                    errors.push(error(
                        file,
                        &at,
                        format!("has the British spelling `{uk}…` (write US English)"),
                    ));
                }
            } else if lang == "es" {
                let lower = value.to_lowercase();
                for (words, why) in NEVER_IN_SPANISH.iter().filter(|(w, _)| lower.contains(w)) {
                    errors.push(error(file, &at, format!("says `{words}…`: {why}")));
                }
            }
            texts.insert(at, value.to_string());
        }
    }
    for (at, text) in &texts {
        if let Some(base) = at.strip_suffix("_one") {
            if !texts.contains_key(&format!("{base}_other")) {
                errors.push(error(file, at, format!("has no `{base}_other` for the other counts")));
            }
        }
        if let Some(base) = at.strip_suffix("_other") {
            if !texts.contains_key(&format!("{base}_one")) {
                errors.push(error(file, at, format!("has no `{base}_one` for a count of 1")));
            }
            if !placeholders(text).unwrap_or_default().iter().any(|p| p == "n") {
                errors.push(error(file, at, "must say the count as `{n}`".into()));
            }
            if texts.contains_key(base) {
                errors.push(error(
                    file,
                    base,
                    format!("is also the name of the count `{base}_one`/`_other`"),
                ));
            }
        }
    }
    texts
}

/// Reads and checks both languages' interface files and compares the Spanish with the English.
pub fn check(en_text: &str, es_text: &str) -> Result<Ui, Vec<ContentError>> {
    let mut errors = Vec::new();
    let en_file = UI_FILE.to_string();
    let es_file = format!("es/{UI_FILE}");
    let en = read(&en_file, en_text, "en", &mut errors);
    let es = read(&es_file, es_text, "es", &mut errors);
    for same in UI_SAME_IN_TRANSLATION {
        if !en.contains_key(*same) {
            errors.push(error(
                &en_file,
                same,
                "is allowed to stay English but does not exist".into(),
            ));
        }
    }
    if !en.is_empty() && !es.is_empty() {
        for (at, en_text) in &en {
            let Some(es_text) = es.get(at) else {
                errors.push(error(&es_file, at, format!("is missing (content/{en_file} has it)")));
                continue;
            };
            let (en_names, es_names) = (
                placeholders(en_text).unwrap_or_default(),
                placeholders(es_text).unwrap_or_default(),
            );
            let set = |v: &[String]| v.iter().cloned().collect::<BTreeSet<_>>();
            if set(&en_names) != set(&es_names) {
                errors.push(error(
                    &es_file,
                    at,
                    format!(
                        "has the placeholders {} but the English has {}",
                        list(&es_names),
                        list(&en_names)
                    ),
                ));
            }
            let ends = |t: &str| (t.starts_with(char::is_whitespace), t.ends_with(char::is_whitespace));
            if ends(en_text) != ends(es_text) {
                errors.push(error(
                    &es_file,
                    at,
                    "must start and end with a space where the English does (the markup joins it to a link or a value)"
                        .into(),
                ));
            }
            if es_text == en_text && !UI_SAME_IN_TRANSLATION.contains(&at.as_str()) {
                errors.push(error(
                    &es_file,
                    at,
                    "is the same as the English: translate it (or, for a name, add the key to UI_SAME_IN_TRANSLATION)"
                        .into(),
                ));
            }
        }
        for at in es.keys().filter(|at| !en.contains_key(*at)) {
            errors.push(error(
                &es_file,
                at,
                format!("is not in content/{en_file}: add it to the English first, or remove it"),
            ));
        }
    }
    if errors.is_empty() {
        Ok(Ui { en, es })
    } else {
        Err(errors)
    }
}

/// What a key becomes in the generated code.
enum Shape<'a> {
    /// A text with no placeholder: a public field.
    Plain,
    /// A text with placeholders: a private field and a method taking each.
    Template(Vec<String>),
    /// `base_one` and `base_other`: two private fields and a method `base(n, …)`.
    Count { base: &'a str, others: Vec<String> },
}

fn field(at: &str) -> String {
    at.replace('.', "_")
}

/// The shape of each key, from the English (the Spanish has the same keys and placeholders).
fn shapes(en: &UiTexts) -> Vec<(&str, Shape<'_>)> {
    let mut out = Vec::new();
    for (at, text) in en {
        if at.ends_with("_one") {
            continue;
        }
        let names = placeholders(text).unwrap_or_default();
        let shape = match at.strip_suffix("_other") {
            Some(base) => {
                let mut others: Vec<String> = names.into_iter().filter(|n| n != "n").collect();
                for extra in placeholders(&en[&format!("{base}_one")]).unwrap_or_default() {
                    if extra != "n" && !others.contains(&extra) {
                        others.push(extra);
                    }
                }
                Shape::Count { base, others }
            }
            None if names.is_empty() => Shape::Plain,
            None => Shape::Template(names),
        };
        out.push((at.as_str(), shape));
    }
    out
}

/// The type, its methods and the English `UI`: put at the top level of the generated content.
pub fn generate(ui: &Ui) -> String {
    let mut out = String::new();
    let shapes = shapes(&ui.en);
    out.push_str(
        "\n/// The interface's words in one language, from `content/ui.toml` (`UI`) and `content/es/ui.toml`\n\
         /// (`es::UI`). A text with placeholders is a method that fills them; a count picks its form by `n`.\n\
         pub struct Ui {\n",
    );
    for (at, shape) in &shapes {
        match shape {
            Shape::Plain => {
                let _ = writeln!(out, "    /// {:?}\n    pub {}: &'static str,", ui.en[*at], field(at));
            }
            Shape::Template(_) => {
                let _ = writeln!(out, "    {}: &'static str,", field(at));
            }
            Shape::Count { base, .. } => {
                let _ = writeln!(
                    out,
                    "    {}_one: &'static str,\n    {}_other: &'static str,",
                    field(base),
                    field(base)
                );
            }
        }
    }
    out.push_str("}\n\nimpl Ui {\n");
    for (at, shape) in &shapes {
        match shape {
            Shape::Plain => {}
            Shape::Template(names) => {
                let params: String = names.iter().map(|n| format!(", {n}: &str")).collect();
                let args: Vec<String> = names.iter().map(|n| format!("(\"{n}\", {n})")).collect();
                let _ = writeln!(
                    out,
                    "    /// {:?}\n    pub fn {f}(&self{params}) -> String {{\n        ui_fill(self.{f}, &[{}])\n    }}",
                    ui.en[*at],
                    args.join(", "),
                    f = field(at),
                );
            }
            Shape::Count { base, others } => {
                let params: String = others.iter().map(|n| format!(", {n}: &str")).collect();
                let mut args = vec!["(\"n\", n.to_string().as_str())".to_string()];
                args.extend(others.iter().map(|n| format!("(\"{n}\", {n})")));
                let f = field(base);
                let _ = writeln!(
                    out,
                    "    /// {:?} / {:?}\n    pub fn {f}(&self, n: usize{params}) -> String {{\n        \
                     let text = if n == 1 {{ self.{f}_one }} else {{ self.{f}_other }};\n        \
                     ui_fill(text, &[{}])\n    }}",
                    ui.en[&format!("{base}_one")],
                    ui.en[*at],
                    args.join(", "),
                );
            }
        }
    }
    out.push_str(
        "}\n\n\
         /// `template` with each `{name}` replaced by its value (the build checked that every placeholder has one).\n\
         fn ui_fill(template: &str, values: &[(&str, &str)]) -> String {\n    \
             let mut out = String::with_capacity(template.len() + 16);\n    \
             let mut rest = template;\n    \
             while let Some(open) = rest.find('{') {\n        \
                 out.push_str(&rest[..open]);\n        \
                 let after = &rest[open + 1..];\n        \
                 let Some(close) = after.find('}') else { break };\n        \
                 let name = &after[..close];\n        \
                 out.push_str(values.iter().find(|(n, _)| *n == name).map_or(\"\", |(_, v)| *v));\n        \
                 rest = &after[close + 1..];\n    \
             }\n    \
             out.push_str(rest);\n    \
             out\n\
         }\n",
    );
    out.push_str(&statics(&ui.en));
    out
}

/// `pub static UI: Ui = Ui { … };` for one language's texts.
pub fn statics(texts: &UiTexts) -> String {
    let mut out = String::from("\npub static UI: Ui = Ui {\n");
    for (at, text) in texts {
        let _ = writeln!(out, "    {}: {:?},", field(at), text);
    }
    out.push_str("};\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_read_in_order_and_bad_braces_refused() {
        assert_eq!(
            placeholders("{a} and {b} and {a}"),
            Ok(vec!["a".to_string(), "b".to_string()])
        );
        assert_eq!(placeholders("none"), Ok(vec![]));
        assert!(placeholders("a {b").unwrap_err().contains("no `}`"));
        assert!(placeholders("a } b").unwrap_err().contains("no `{`"));
        assert!(placeholders("{Name}").unwrap_err().contains("`{Name}`"));
        assert!(placeholders("{type}").unwrap_err().contains("`{type}`"));
    }

    #[test]
    fn a_count_needs_both_forms_and_the_count_as_n() {
        let en = "[g]\nx_one = \"1 thing\"\ny_other = \"things\"\n";
        let es = "[g]\nx_one = \"1 cosa\"\ny_other = \"cosas\"\n";
        let errors: Vec<String> = check(en, es).unwrap_err().iter().map(|e| e.to_string()).collect();
        for expected in [
            "content/ui.toml: `g.x_one`: has no `g.x_other`",
            "content/ui.toml: `g.y_other`: has no `g.y_one`",
            "content/ui.toml: `g.y_other`: must say the count as `{n}`",
        ] {
            assert!(
                errors.iter().any(|e| e.starts_with(expected)),
                "{expected} not in {errors:#?}"
            );
        }
    }

    #[test]
    fn two_keys_that_make_the_same_field_are_refused() {
        let en = "[a]\nb_c = \"One\"\n[a_b]\nc = \"Two\"\n";
        let es = "[a]\nb_c = \"Uno\"\n[a_b]\nc = \"Dos\"\n";
        let errors: Vec<String> = check(en, es).unwrap_err().iter().map(|e| e.to_string()).collect();
        assert!(
            errors
                .iter()
                .any(|e| e.contains("`a_b.c`: becomes the field `a_b_c`, as `a.b_c` does")),
            "{errors:#?}"
        );
    }
}
