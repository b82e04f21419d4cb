//! Reading the content files and parsing them into [`Content`], validated: one language ([`load`],
//! [`parse`]) or every language the app ships, each translation checked against its English twin
//! ([`load_all`], [`parse_all`]).

use crate::model::{
    CheckerFile, ContactsFile, Content, ContentError, ContentErrors, GlossaryFile, GuideFile, MissingFile, SignsFile,
    SourcesFile, StatisticsFile,
};
use crate::twin::compare;
use crate::ui::{self, UI_FILE};
use crate::validate::validate;
use crate::{agency, FILES};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

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
