//! An agency's edition: one small TOML file (`deploy/agency.example.toml` is a complete example) that
//! puts the agency's own numbers on every phone it hands the app to. `cargo xtask build --agency FILE`
//! sets [`AGENCY_ENV`] to the file's path; `build.rs` reads and checks it with [`load`] and compiles it
//! with [`generate`] into static Rust, as it does the content. A mistake fails the build with a message
//! that names the file, the field and the fix.
//!
//! Numbers are checked by the content's own rule ([`crate::number_problem`]); a number every edition
//! already has (911, NCMEC and the other national lines of `content/contacts.toml`) is refused.

use crate::Contact;
use serde::Deserialize;
use std::fmt;
use std::path::Path;

/// The environment variable that names the agency file (an absolute path); unset for the general edition.
pub const AGENCY_ENV: &str = "RED_FLAGS_AGENCY";

/// The interface texts only the agency edition reads: `[agency]` in `content/ui.toml` and its twin.
pub const UI_GROUP: &str = "agency.";

/// The most numbers an agency puts on the phone: each is a one-tap call in the urgent steps, and more
/// than four is a list to read, not a call to make.
pub const MAX_NUMBERS: usize = 4;

/// The situations a number can be for (its optional `for` list), as the file writes them and as the
/// app's `content::agency::Situation` names them. The case note names the lines for its situation.
pub const SITUATIONS: [(&str, &str); 3] = [
    // A child missing now: the checker's missing result and /missing.
    ("missing-child", "MissingChild"),
    // A report of suspected trafficking (or abuse): the checker's other results that say to tell the agency.
    ("suspected-trafficking", "SuspectedTrafficking"),
    // Support for the caseworker or foster parent: never the line a report goes to.
    ("support", "Support"),
];

/// The agency file as written. A required text left out reads as empty, so its message names the
/// field and the fix (rather than the TOML parser's "missing field" at line 1).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// As the app names it in a line: "Lakeview CFS".
    #[serde(default)]
    pub short_name: String,
    /// Its whole name: "Lakeview County Children and Family Services".
    #[serde(default)]
    pub full_name: String,
    /// In Spanish, where the name differs; the English one otherwise.
    #[serde(default)]
    pub short_name_es: Option<String>,
    #[serde(default)]
    pub full_name_es: Option<String>,
    /// The state it works in, optional ("Ohio"); `state_es` where Spanish writes it otherwise.
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub state_es: Option<String>,
    /// Its policy page, optional: https only.
    #[serde(default)]
    pub policy: Option<String>,
    /// One to four numbers, in the order they are offered.
    #[serde(default)]
    pub number: Vec<AgencyNumber>,
}

/// One of the agency's numbers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencyNumber {
    /// What it is for: "Report abuse or neglect, 24 hours".
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub purpose_es: Option<String>,
    /// As people read it: "1-614-555-0100", "311", "1-800-KID-SAFE (1-800-543-7233)".
    #[serde(default)]
    pub shown_as: String,
    /// What the phone dials: E.164 (`+16145550100`) or a short code such as `211` or `311`.
    #[serde(default)]
    pub dial: String,
    /// The situations it is for (ids of [`SITUATIONS`]), optional: where no line is for a situation, the
    /// case note lists every line with its purpose.
    #[serde(default, rename = "for")]
    pub for_situations: Option<Vec<String>>,
}

/// One problem in the agency file: the field it is in and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyError {
    pub file: String,
    /// e.g. "number 2 `dial`"; empty for the file as a whole.
    pub field: String,
    pub problem: String,
}

impl fmt::Display for AgencyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}: {}", self.file, self.problem)
        } else {
            write!(f, "{}: {}: {}", self.file, self.field, self.problem)
        }
    }
}

/// Every problem in the file, so all are fixed in one go.
#[derive(Debug)]
pub struct AgencyErrors(pub Vec<AgencyError>);

impl fmt::Display for AgencyErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} problem(s) in the agency file:", self.0.len())?;
        for e in &self.0 {
            writeln!(f, "  - {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for AgencyErrors {}

/// Reads and checks the agency file at `path` against the lines every edition has (`contacts`).
pub fn load(path: &Path, contacts: &[Contact]) -> Result<Agency, AgencyErrors> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        AgencyErrors(vec![AgencyError {
            file: file.clone(),
            field: String::new(),
            problem: format!("cannot be read ({e}): give the path of an agency file like deploy/agency.example.toml"),
        }])
    })?;
    parse(&file, &text, contacts)
}

/// [`load`] from the file's text; `file` is how messages name it.
pub fn parse(file: &str, text: &str, contacts: &[Contact]) -> Result<Agency, AgencyErrors> {
    let agency: Agency = toml::from_str(text).map_err(|e| {
        // The parser's own position (a line and carets) where it has one that means something; the
        // message alone otherwise.
        let at = e.span().filter(|s| s.start > 0 || s.end < text.len()).map(|s| {
            let line = text[..s.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: ")
        });
        AgencyErrors(vec![AgencyError {
            file: file.into(),
            field: String::new(),
            problem: format!(
                "{}{} (see deploy/agency.example.toml for every field)",
                at.unwrap_or_default(),
                e.message().trim()
            ),
        }])
    })?;
    let errors = validate(file, &agency, contacts);
    if errors.is_empty() {
        Ok(agency)
    } else {
        Err(AgencyErrors(errors))
    }
}

/// Every rule of the agency file; returns every problem found.
pub fn validate(file: &str, a: &Agency, contacts: &[Contact]) -> Vec<AgencyError> {
    let mut errors = Vec::new();
    let mut err = |field: String, problem: String| {
        errors.push(AgencyError {
            file: file.into(),
            field,
            problem,
        })
    };
    check_agency(a, &mut err);
    let mut dialled: Vec<&str> = Vec::new();
    for (i, n) in a.number.iter().enumerate() {
        let at = format!("number {}", i + 1);
        check_number(&at, n, contacts, &mut err);
        if dialled.contains(&n.dial.as_str()) {
            err(
                format!("{at} `dial`"),
                format!("`{}` is listed twice: keep one", n.dial),
            );
        }
        dialled.push(&n.dial);
    }
    errors
}

/// The rules of the agency's own fields: its names, state, policy link and how many numbers it lists.
fn check_agency(a: &Agency, err: &mut impl FnMut(String, String)) {
    for (field, value, example) in [
        ("short_name", &a.short_name, "short_name = \"Lakeview CFS\""),
        (
            "full_name",
            &a.full_name,
            "full_name = \"Lakeview County Children and Family Services\"",
        ),
    ] {
        if value.trim().is_empty() {
            err(
                format!("`{field}`"),
                format!("is missing or empty: add the line, e.g. {example}"),
            );
        }
    }
    let texts = [
        ("short_name_es", a.short_name_es.as_ref()),
        ("full_name_es", a.full_name_es.as_ref()),
        ("state", a.state.as_ref()),
        ("state_es", a.state_es.as_ref()),
    ];
    for (field, value) in texts {
        if value.is_some_and(|v| v.trim().is_empty()) {
            err(
                format!("`{field}`"),
                "is empty: write it, or leave the line out if it is optional".into(),
            );
        }
    }
    if a.state.is_none() && a.state_es.is_some() {
        err(
            "`state_es`".into(),
            "is given without `state`: add `state` in English".into(),
        );
    }
    if let Some(url) = &a.policy {
        if !url.starts_with("https://") || url.len() <= "https://".len() {
            err(
                "`policy`".into(),
                format!("`{url}` must be a web address starting with https:// (the app links to no other kind)"),
            );
        }
    }
    if a.number.is_empty() || a.number.len() > MAX_NUMBERS {
        err(
            "`[[number]]`".into(),
            format!(
                "lists {} numbers: give one to {MAX_NUMBERS}, each in a [[number]] block",
                a.number.len()
            ),
        );
    }
}

/// The rules of one of the agency's numbers (`at`: "number 2"), but its being listed twice.
fn check_number(at: &str, n: &AgencyNumber, contacts: &[Contact], err: &mut impl FnMut(String, String)) {
    if n.purpose.trim().is_empty() {
        err(
            format!("{at} `purpose`"),
            "is missing or empty: say what the number is for, e.g. purpose = \"Report abuse or neglect, 24 hours\""
                .into(),
        );
    }
    match &n.purpose_es {
        None => err(
            format!("{at} `purpose_es`"),
            "is missing: add what the number is for in Spanish, e.g. purpose_es = \"Reportar abuso o negligencia, las 24 horas\"".into(),
        ),
        Some(p) if p.trim().is_empty() => {
            err(format!("{at} `purpose_es`"), "is empty: say in Spanish what the number is for".into())
        }
        Some(_) => {}
    }
    if n.shown_as.trim().is_empty() {
        err(
            format!("{at} `shown_as`"),
            "is missing or empty: write the number as people read it, e.g. shown_as = \"1-614-555-0100\"".into(),
        );
    }
    match &n.for_situations {
        None => {}
        Some(list) if list.is_empty() => err(
            format!("{at} `for`"),
            "is an empty list: name the situations the number is for, or leave the line out".into(),
        ),
        Some(list) => {
            for (j, s) in list.iter().enumerate() {
                if !SITUATIONS.iter().any(|(id, _)| id == s) {
                    err(
                        format!("{at} `for`"),
                        format!("`{s}` is not a situation: write one or more of {}", situation_ids()),
                    );
                } else if list[..j].contains(s) {
                    err(format!("{at} `for`"), format!("`{s}` is listed twice: keep one"));
                }
            }
        }
    }
    if n.dial.trim().is_empty() {
        err(
            format!("{at} `dial`"),
            "is missing or empty: add what the phone dials, e.g. dial = \"+16145550100\"".into(),
        );
    } else if let Some(national) = contacts.iter().find(|c| c.dial == n.dial) {
        err(
            format!("{at} `dial`"),
            format!(
                "`{}` is {}, which every edition already shows: remove this number (list only the agency's own)",
                n.dial, national.name
            ),
        );
    } else if let Some(problem) = (!n.shown_as.trim().is_empty())
        .then(|| crate::number_problem(&n.shown_as, &n.dial))
        .flatten()
    {
        err(format!("{at} `shown_as`/`dial`"), problem);
    }
}

/// The situation ids, for messages: `"missing-child"`, `"suspected-trafficking"`, `"support"`.
fn situation_ids() -> String {
    let ids: Vec<String> = SITUATIONS.iter().map(|(id, _)| format!("\"{id}\"")).collect();
    ids.join(", ")
}

/// Rust source for the app's `content::agency` module: `pub static EN: Agency` and `pub static ES:
/// Agency`, with the types of that module in scope.
pub fn generate(a: &Agency) -> String {
    let or = |es: &Option<String>, en: &String| es.clone().unwrap_or_else(|| en.clone());
    let one = |short: String, full: String, state: Option<String>, purposes: Vec<String>| {
        let numbers: Vec<String> = a
            .number
            .iter()
            .zip(purposes)
            .map(|(n, purpose)| {
                let situations: Vec<String> = n
                    .for_situations
                    .iter()
                    .flatten()
                    .filter_map(|s| SITUATIONS.iter().find(|(id, _)| id == s))
                    .map(|(_, variant)| format!("Situation::{variant}"))
                    .collect();
                format!(
                    "AgencyLine {{ purpose: {purpose:?}, shown_as: {:?}, dial: {:?}, situations: &[{}] }}",
                    n.shown_as,
                    n.dial,
                    situations.join(", ")
                )
            })
            .collect();
        format!(
            "Agency {{ short_name: {short:?}, full_name: {full:?}, state: {state:?}, policy: {:?}, numbers: &[{}] }}",
            a.policy,
            numbers.join(", ")
        )
    };
    let en = one(
        a.short_name.clone(),
        a.full_name.clone(),
        a.state.clone(),
        a.number.iter().map(|n| n.purpose.clone()).collect(),
    );
    let es = one(
        or(&a.short_name_es, &a.short_name),
        or(&a.full_name_es, &a.full_name),
        a.state_es.clone().or_else(|| a.state.clone()),
        a.number.iter().map(|n| or(&n.purpose_es, &n.purpose)).collect(),
    );
    format!(
        "// @generated by build.rs from the agency file. Edit that file, not this one.\n\
         pub static EN: Agency = {en};\npub static ES: Agency = {es};\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contacts() -> Vec<Contact> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
        crate::load(&dir).expect("the real content").contacts
    }

    fn example() -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/agency.example.toml");
        std::fs::read_to_string(path).expect("deploy/agency.example.toml")
    }

    /// The example with `from` replaced by `to` (which must be in it), checked; the messages.
    fn errors_with(from: &str, to: &str) -> Vec<String> {
        let text = example();
        assert!(text.contains(from), "the example has no `{from}`");
        match parse("agency.toml", &text.replacen(from, to, 1), &contacts()) {
            Ok(_) => Vec::new(),
            Err(e) => e.0.iter().map(ToString::to_string).collect(),
        }
    }

    fn one_error_naming(errors: &[String], parts: &[&str]) {
        assert_eq!(errors.len(), 1, "{errors:#?}");
        for p in parts {
            assert!(errors[0].contains(p), "`{p}` is not in: {}", errors[0]);
        }
    }

    #[test]
    fn the_example_is_valid_and_generates_both_languages() {
        let a = parse("deploy/agency.example.toml", &example(), &contacts()).expect("the example is valid");
        assert!((1..=MAX_NUMBERS).contains(&a.number.len()));
        let code = generate(&a);
        assert!(code.contains("pub static EN: Agency = Agency { short_name: "), "{code}");
        assert!(code.contains("pub static ES: Agency = Agency { short_name: "), "{code}");
        for n in &a.number {
            assert_eq!(code.matches(&format!("dial: {:?}", n.dial)).count(), 2, "{code}");
            assert!(code.contains(&format!("purpose: {:?}", n.purpose_es.as_ref().expect("Spanish"))));
        }
    }

    #[test]
    fn a_bad_number_is_refused_naming_file_field_and_fix() {
        let errors = errors_with("dial = \"+16145550100\"", "dial = \"614-555-0100\"");
        one_error_naming(&errors, &["agency.toml", "number 1 `shown_as`/`dial`", "E.164", "+"]);
        let errors = errors_with("dial = \"+16145550100\"", "dial = \"+16145550101\"");
        one_error_naming(
            &errors,
            &["agency.toml", "number 1", "does not show the dialled number"],
        );
    }

    #[test]
    fn letters_that_do_not_spell_the_digits_are_refused() {
        let errors = errors_with("1-614-JKL-0142 (", "1-614-JKM-0142 (");
        one_error_naming(&errors, &["agency.toml", "number 3", "JKM-0142", "spell"]);
    }

    #[test]
    fn a_policy_page_must_be_https() {
        let errors = errors_with("policy = \"https://", "policy = \"http://");
        one_error_naming(&errors, &["agency.toml", "`policy`", "https://"]);
    }

    #[test]
    fn a_number_every_edition_has_is_refused() {
        let errors = errors_with(
            "shown_as = \"1-614-JKL-0142 (1-614-555-0142)\"\ndial = \"+16145550142\"",
            "shown_as = \"911\"\ndial = \"911\"",
        );
        one_error_naming(
            &errors,
            &["agency.toml", "number 3 `dial`", "911", "every edition", "remove"],
        );
        let errors = errors_with(
            "shown_as = \"1-614-JKL-0142 (1-614-555-0142)\"\ndial = \"+16145550142\"",
            "shown_as = \"1-800-843-5678\"\ndial = \"+18008435678\"",
        );
        one_error_naming(&errors, &["agency.toml", "number 3 `dial`", "NCMEC", "remove"]);
    }

    #[test]
    fn a_missing_spanish_purpose_is_refused() {
        let text = example();
        let line = text
            .lines()
            .find(|l| l.starts_with("purpose_es"))
            .expect("the example has purpose_es");
        let errors = errors_with(&format!("{line}\n"), "");
        one_error_naming(
            &errors,
            &["agency.toml", "number 1 `purpose_es`", "Spanish", "purpose_es = "],
        );
    }

    /// A required field left out: the message names the file, the field and the fix, and points at no
    /// line (the parser's "missing field" points at line 1 with carets, which is not where it is missing).
    #[test]
    fn a_missing_required_field_is_named_with_its_fix_and_no_position() {
        let no_caret = |errors: &[String]| {
            for e in errors {
                assert!(!e.contains('^') && !e.contains("line 1") && !e.contains('|'), "{e}");
            }
        };
        let full_name = example()
            .lines()
            .find(|l| l.starts_with("full_name "))
            .expect("the example has full_name")
            .to_string();
        let errors = errors_with(&format!("{full_name}\n"), "");
        one_error_naming(&errors, &["agency.toml", "`full_name`", "missing", "full_name = \""]);
        no_caret(&errors);
        let errors = errors_with("dial = \"+16145550199\"\n", "");
        one_error_naming(&errors, &["agency.toml", "number 2 `dial`", "missing", "dial = \"+"]);
        no_caret(&errors);
        let errors = errors_with("shown_as = \"(614) 555-0199\"\n", "");
        one_error_naming(
            &errors,
            &["agency.toml", "number 2 `shown_as`", "missing", "shown_as = \""],
        );
        no_caret(&errors);
        // A real syntax error keeps its line, which is where it is.
        let errors = errors_with("state = \"Ohio\"", "state = Ohio");
        one_error_naming(&errors, &["agency.toml", "line 18"]);
    }

    #[test]
    fn the_situations_a_number_is_for_are_checked_and_compiled() {
        let errors = errors_with("for = [\"missing-child\"", "for = [\"missing\"");
        one_error_naming(
            &errors,
            &[
                "agency.toml",
                "number 1 `for`",
                "`missing`",
                "\"missing-child\", \"suspected-trafficking\", \"support\"",
            ],
        );
        let errors = errors_with("for = [\"support\"]", "for = []");
        one_error_naming(
            &errors,
            &["agency.toml", "number 3 `for`", "empty", "leave the line out"],
        );
        let errors = errors_with("for = [\"support\"]", "for = [\"support\", \"support\"]");
        one_error_naming(&errors, &["agency.toml", "number 3 `for`", "twice"]);
        let a = parse("a.toml", &example(), &contacts()).expect("the example is valid");
        let code = generate(&a);
        assert!(
            code.contains("situations: &[Situation::MissingChild, Situation::SuspectedTrafficking] }"),
            "{code}"
        );
        assert!(code.contains("situations: &[Situation::Support] }"), "{code}");
    }

    #[test]
    fn no_numbers_too_many_unknown_keys_and_empty_names_are_refused() {
        let a = |extra: &str| {
            let mut text = String::from("short_name = \"X\"\nfull_name = \"X Y\"\n");
            text.push_str(extra);
            parse("a.toml", &text, &[])
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert!(a("").contains("lists 0 numbers"), "{}", a(""));
        let n = "[[number]]\npurpose = \"p\"\npurpose_es = \"q\"\nshown_as = \"211\"\ndial = \"211\"\n";
        assert_eq!(a(n), "");
        let five: String = (0..5)
            .map(|i| n.replace("211", ["211", "311", "411", "511", "611"][i]))
            .collect();
        assert!(a(&five).contains("lists 5 numbers"), "{}", a(&five));
        assert!(a(&format!("colour = \"red\"\n{n}")).contains("unknown field `colour`"));
        let empty = parse("a.toml", &format!("short_name = \" \"\nfull_name = \"X\"\n{n}"), &[]);
        assert!(empty
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
            .contains("`short_name`: is missing or empty"));
    }
}
