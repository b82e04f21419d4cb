//! The content crate's tests: the real content files, and each rule shown failing on a changed copy.

use super::*;
use crate::codegen::statics;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

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
        e.iter().any(|m| m
            .starts_with("content/glossary.toml: term `commercial-sex-act`: `plain` belongs in the translations only")),
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
    let placeholder = filled_text[filled_text.find('{').expect("{")..=filled_text.find('}').expect("}")].to_string();
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
    assert!(statics(&c).contains("pub static SIGNS: &[Sign]"));
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
    let shown = shown_texts("[[term]]\nslug = \"behaviour\"\nterm = \"Colour\"\nrelated = [\"centre\"]\n# behaviour\n")
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
