//! The Spanish of the files that are not Rust (the shell, the service worker's offline page, the exit
//! page, the manifest), written by the post-build step from the same data the app reads
//! (`content/ui.toml` and `content/es/ui.toml`), so no Spanish is copied by hand.

use crate::Result;
use red_flags_content::html::escape;

/// The interface texts of both languages, keyed `group.key`, and the pairs the static pages use.
pub struct Texts {
    pub en: std::collections::BTreeMap<String, String>,
    pub es: std::collections::BTreeMap<String, String>,
    /// Each contact's call-link words by id, in each language ("Call NCMEC", "Llamar al NCMEC").
    calls_en: std::collections::BTreeMap<String, String>,
    calls_es: std::collections::BTreeMap<String, String>,
    /// The agency edition's numbers (`RED_FLAGS_AGENCY`): each call link's words and number, in each
    /// language; empty for the general edition.
    pub agency: Vec<AgencyCall>,
}

/// One of the agency's numbers as the shell's call link shows it, as `components::agency` labels it.
pub struct AgencyCall {
    pub dial: String,
    pub shown_as: String,
    pub name_en: String,
    pub name_es: String,
}

impl Texts {
    /// Reads and checks the content of both languages (the build of the app checks the same).
    pub fn load() -> Result<Texts> {
        let all = red_flags_content::load_all(&crate::root().join("content")).map_err(|e| e.to_string())?;
        let calls =
            |c: &red_flags_content::Content| c.contacts.iter().map(|k| (k.id.clone(), k.call.clone())).collect();
        let agency = match std::env::var_os(red_flags_content::agency::AGENCY_ENV) {
            None => Vec::new(),
            Some(path) => {
                let a = red_flags_content::agency::load(std::path::Path::new(&path), &all.en.contacts)
                    .map_err(|e| e.to_string())?;
                let call = |texts: &std::collections::BTreeMap<String, String>, short: &str, purpose: &str| {
                    texts
                        .get("common.call_name")
                        .map(|t| t.replace("{name}", &format!("{short}: {purpose}")))
                        .ok_or("content/ui.toml has no `common.call_name`")
                };
                let short_es = a.short_name_es.as_ref().unwrap_or(&a.short_name);
                let mut calls = Vec::new();
                for n in &a.number {
                    calls.push(AgencyCall {
                        dial: n.dial.clone(),
                        shown_as: n.shown_as.clone(),
                        name_en: call(&all.ui.en, &a.short_name, &n.purpose)?,
                        name_es: call(&all.ui.es, short_es, n.purpose_es.as_ref().unwrap_or(&n.purpose))?,
                    });
                }
                calls
            }
        };
        Ok(Texts {
            agency,
            calls_en: calls(&all.en),
            calls_es: calls(&all.es),
            en: all.ui.en,
            es: all.ui.es,
        })
    }

    /// The call-link words of contact `id` in `lang`.
    pub fn call(&self, lang: &str, id: &str) -> Result<&str> {
        let calls = if lang == "es" { &self.calls_es } else { &self.calls_en };
        calls
            .get(id)
            .map(String::as_str)
            .ok_or_else(|| format!("content/contacts.toml has no contact `{id}`"))
    }

    /// The text of `key` in `lang` (`en` or `es`).
    pub fn get(&self, lang: &str, key: &str) -> Result<&str> {
        let texts = if lang == "es" { &self.es } else { &self.en };
        texts
            .get(key)
            .map(String::as_str)
            .ok_or_else(|| format!("content/ui.toml has no `{key}`"))
    }

    /// Each English text of the static pages with its Spanish, longest first (so a longer text is
    /// replaced before a shorter one inside it).
    fn pairs(&self) -> Result<Vec<(String, String)>> {
        let mut pairs = Vec::new();
        for key in [
            "quick_exit.link",
            "app.menu",
            "app.nav_label",
            "nav.check",
            "nav.guide",
            "nav.glossary",
            "nav.call",
            "nav.missing",
            "screens.share",
            "shell.loading",
            "shell.not_started",
            "shell.description",
            "screens.home_title",
            "common.call_bar_label",
            "common.emergency_when",
            "common.call_bar_911_when",
            "common.call_bar_ncmec_when",
            "offline.title",
            "offline.heading",
            "offline.text",
            "offline.try_again",
            "exit_page.title",
            "look.notes",
            "look.checklist",
            "look.handbook",
        ] {
            pairs.push((self.get("en", key)?.to_string(), self.get("es", key)?.to_string()));
        }
        // The call links, as the app labels them (`CallBar`, `CallLink`).
        for id in ["emergency", "ncmec"] {
            pairs.push((self.call("en", id)?.to_string(), self.call("es", id)?.to_string()));
        }
        // The agency edition's call links in the shell's notice (`postbuild::agency_calls`).
        pairs.extend(self.agency.iter().map(|a| (a.name_en.clone(), a.name_es.clone())));
        // The call bar's accessible names, as `components::call_bar_labels` writes them.
        let labels = |lang: &str| -> Result<[String; 2]> {
            Ok([
                format!(
                    "{} — {}",
                    self.call(lang, "emergency")?,
                    self.get(lang, "common.call_bar_911_when")?
                ),
                format!(
                    "{} — {}, 1-800-THE-LOST (1-800-843-5678)",
                    self.call(lang, "ncmec")?,
                    self.get(lang, "common.call_bar_ncmec_when")?
                ),
            ])
        };
        pairs.extend(labels("en")?.into_iter().zip(labels("es")?));
        pairs.sort_by_key(|(en, _)| std::cmp::Reverse(en.len()));
        Ok(pairs)
    }

    /// Markup with each English text of the static pages in Spanish: a whole element's text
    /// (`>Menu<`, also before a child element: `>Call NCMEC <span`) or a whole attribute value.
    pub fn translate(&self, html: &str) -> Result<String> {
        let mut out = html.to_string();
        for (en, es) in self.pairs()? {
            let en_esc = escape(&en);
            let es_esc = escape(&es);
            for (from, to) in [
                (format!(">{en_esc}<"), format!(">{es_esc}<")),
                (format!(">{en_esc} <"), format!(">{es_esc} <")),
                (format!("\"{en_esc}\""), format!("\"{es_esc}\"")),
            ] {
                out = out.replace(&from, &to);
            }
        }
        Ok(out)
    }
}

/// The Spanish web manifest, beside the Spanish pages: `es/manifest.webmanifest`.
pub const ES_MANIFEST_FILE: &str = "es/manifest.webmanifest";

/// The manifest link in the built page's head, inert until the first paint (`postbuild::defer_app_start`);
/// a Spanish page links [`ES_MANIFEST_FILE`] instead.
const MANIFEST_LINK: &str = "<link data-rel=\"manifest\" href=\"manifest.webmanifest\">";

/// A Spanish page's head: its manifest link to the Spanish manifest (only Spanish pages fetch it).
pub fn spanish_manifest_link(html: &str) -> Result<String> {
    if html.matches(MANIFEST_LINK).count() != 1 {
        return Err(format!("index.html must link the manifest once, as {MANIFEST_LINK}"));
    }
    Ok(html.replacen(
        MANIFEST_LINK,
        &format!("<link data-rel=\"manifest\" href=\"{ES_MANIFEST_FILE}\">"),
        1,
    ))
}

impl Texts {
    /// Each English text of the manifest with its Spanish: the app's names and description, the
    /// shortcuts' names, the screenshots' captions.
    fn manifest_pairs(&self) -> Result<Vec<(String, String)>> {
        let mut pairs = Vec::new();
        for key in [
            "screens.home_title",
            "app.name",
            "shell.description",
            "screens.check",
            "nav.check",
            "screens.missing",
            "nav.missing",
            "screens.glossary",
            "nav.glossary",
            "manifest.screenshot_home",
            "manifest.screenshot_check",
        ] {
            pairs.push((self.get("en", key)?.to_string(), self.get("es", key)?.to_string()));
        }
        // The NCMEC shortcut, labelled as the call bar labels it.
        let (en, es) = (self.call("en", "ncmec")?, self.call("es", "ncmec")?);
        pairs.push((format!("{en}, 1-800-THE-LOST"), format!("{es}, 1-800-THE-LOST")));
        pairs.push((en.to_string(), es.to_string()));
        Ok(pairs)
    }

    /// The Spanish twin of the built manifest (`english`, its `id` already set): every text in Spanish
    /// from the data (a text the data does not have is an error, so the two cannot drift apart),
    /// `lang` "es", and its URLs for a file one folder down: the Spanish home as `start_url`, the shortcuts
    /// to the Spanish screens, the same scope, icons and screenshots, and the same `id` (one installed
    /// app, read in either language).
    pub fn spanish_manifest(&self, english: &str) -> Result<String> {
        use serde_json::Value;
        let mut m: Value = serde_json::from_str(english).map_err(|e| format!("manifest.webmanifest: {e}"))?;
        let pairs = self.manifest_pairs()?;
        let spanish = |v: &mut Value, what: &str| -> Result {
            let en = v
                .as_str()
                .ok_or_else(|| format!("manifest.webmanifest: {what} is not a text"))?;
            let es = pairs
                .iter()
                .find(|(e, _)| e == en)
                .map(|(_, es)| es.clone())
                .ok_or_else(|| format!("manifest.webmanifest: {what} {en:?} is none of content/ui.toml's texts"))?;
            *v = Value::String(es);
            Ok(())
        };
        // One folder down: `./x` in the deploy's folder is `../x` from `es/`.
        let up = |v: &mut Value, what: &str| -> Result {
            let url = v.as_str().unwrap_or_default();
            let rest = url
                .strip_prefix("./")
                .ok_or_else(|| format!("manifest.webmanifest: {what} {url:?} does not start with ./"))?;
            *v = Value::String(format!("../{rest}"));
            Ok(())
        };
        for field in ["name", "short_name", "description"] {
            spanish(&mut m[field], field)?;
        }
        m["lang"] = Value::String("es".into());
        if m["start_url"] != "./" || m["scope"] != "./" {
            return Err(format!(
                "manifest.webmanifest: start_url and scope must be \"./\", not {} and {}",
                m["start_url"], m["scope"]
            ));
        }
        up(&mut m["scope"], "scope")?;
        if let Some(list) = m["icons"].as_array_mut() {
            for icon in list {
                up(&mut icon["src"], "an icon")?;
            }
        }
        if let Some(list) = m["shortcuts"].as_array_mut() {
            for shortcut in list {
                spanish(&mut shortcut["name"], "a shortcut's name")?;
                spanish(&mut shortcut["short_name"], "a shortcut's short_name")?;
                for icon in shortcut["icons"].as_array_mut().into_iter().flatten() {
                    up(&mut icon["src"], "a shortcut's icon")?;
                }
            }
        }
        if let Some(list) = m["screenshots"].as_array_mut() {
            for shot in list {
                spanish(&mut shot["label"], "a screenshot's label")?;
                up(&mut shot["src"], "a screenshot")?;
            }
        }
        serde_json::to_string_pretty(&m).map_err(|e| e.to_string())
    }
}

/// Writes [`ES_MANIFEST_FILE`] from the built manifest (after its `id` is set).
pub fn write_spanish_manifest(staging: &std::path::Path) -> Result {
    let path = staging.join("manifest.webmanifest");
    let english = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let spanish = Texts::load()?.spanish_manifest(&english)?;
    let dest = staging.join(ES_MANIFEST_FILE);
    if let Some(parent) = dest.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(&dest, spanish + "\n").map_err(|e| format!("cannot write {ES_MANIFEST_FILE}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shell_notice_and_call_links_read_in_spanish() {
        let texts = Texts::load().unwrap();
        let html =
            "<div class=\"shell-fallback\">\n<p>The app did not start on this device. You can still call for help.</p>\
            <p><a class=\"call-link\" href=\"tel:911\"><span class=\"call-link-name\">Call 911</span>\
            <span class=\"call-link-number\">A child is missing or in danger now</span></a></p></div>\
            <aside class=\"call-bar\" aria-label=\"Call for help\">\
            <a class=\"call-911\" href=\"tel:911\" aria-label=\"Call 911 — danger or missing now\"><span class=\"call-bar-name\">Call 911</span> \
            <span class=\"call-bar-when\">danger or missing now</span></a>\
            <a aria-label=\"Call NCMEC — missing child, after 911, 1-800-THE-LOST (1-800-843-5678)\">\
            <span class=\"call-bar-name\">Call NCMEC <span class=\"nowrap\">1-800-THE-LOST</span></span> \
            <span class=\"call-bar-when\">missing child, after 911</span></a></aside><summary>Menu</summary>\
            <span class=\"name-look\" data-look=\"notes\">Notes</span><span class=\"name-look\" data-look=\"checklist\">Checklist</span>\
            <span class=\"name-look\" data-look=\"handbook\">Handbook</span>";
        let es = texts.translate(html).unwrap();
        for key in [
            "shell.not_started",
            "common.emergency_when",
            "common.call_bar_label",
            "common.call_bar_911_when",
            "common.call_bar_ncmec_when",
            "app.menu",
            "look.notes",
            "look.checklist",
            "look.handbook",
        ] {
            assert!(es.contains(&escape(texts.get("es", key).unwrap())), "{key}: {es}");
        }
        for english in [
            "did not start",
            "Call 911",
            "Call NCMEC",
            "Call for help",
            "danger or missing now",
            "missing child, after 911",
            "Menu<",
            ">Notes<",
            ">Checklist<",
            ">Handbook<",
        ] {
            assert!(!es.contains(english), "{english} left in {es}");
        }
        assert!(es.contains("1-800-THE-LOST") && es.contains("tel:911"));
    }

    #[test]
    fn the_spanish_manifest_is_the_english_in_spanish_one_folder_down() {
        let texts = Texts::load().unwrap();
        let source = std::fs::read_to_string(crate::root().join("public/manifest.webmanifest")).unwrap();
        let english = source.replace(crate::precache::MANIFEST_ID_SOURCE, "\"id\": \"/red-flags/\"");
        let es: serde_json::Value = serde_json::from_str(&texts.spanish_manifest(&english).unwrap()).unwrap();
        let en: serde_json::Value = serde_json::from_str(&english).unwrap();
        let get = |key| texts.get("es", key).unwrap();
        assert_eq!(es["lang"], "es");
        assert_eq!(
            es["id"], "/red-flags/",
            "one installed app, whichever language installed it"
        );
        assert_eq!(es["name"], get("screens.home_title"));
        assert_eq!(es["short_name"], get("app.name"));
        assert_eq!(es["description"], get("shell.description"));
        // From es/manifest.webmanifest: the Spanish home, the whole app as scope.
        assert_eq!(es["start_url"], "./");
        assert_eq!(es["scope"], "../");
        assert_eq!(es["shortcuts"][0]["name"], get("screens.check"));
        assert_eq!(es["shortcuts"][0]["url"], "./check");
        assert_eq!(es["shortcuts"][0]["icons"][0]["src"], "../icons/icon-96.png");
        assert_eq!(es["icons"][0]["src"], "../icons/icon-192.png");
        assert_eq!(es["screenshots"][0]["label"], get("manifest.screenshot_home"));
        assert_eq!(es["screenshots"][0]["src"], "../screenshots/home-narrow.png");
        assert_eq!(es["shortcuts"][1]["name"], get("screens.missing"));
        assert_eq!(es["shortcuts"][1]["short_name"], get("nav.missing"));
        assert_eq!(es["shortcuts"][1]["url"], "./missing");
        assert_eq!(es["shortcuts"][2]["short_name"], "Llamar al NCMEC");
        assert_eq!(es["shortcuts"][2]["name"], "Llamar al NCMEC, 1-800-THE-LOST");
        // Everything else as in English.
        for field in [
            "display",
            "orientation",
            "background_color",
            "theme_color",
            "categories",
            "dir",
        ] {
            assert_eq!(es[field], en[field], "{field}");
        }
        assert_eq!(
            es["icons"].as_array().map(Vec::len),
            en["icons"].as_array().map(Vec::len)
        );
        // A text the data does not have stops the build.
        let odd = english.replace("\"short_name\": \"Red flags\"", "\"short_name\": \"Red flag\"");
        assert!(texts.spanish_manifest(&odd).unwrap_err().contains("Red flag"));
    }

    #[test]
    fn only_a_spanish_page_links_the_spanish_manifest() {
        let head = "<head><link data-rel=\"manifest\" href=\"manifest.webmanifest\"></head>";
        assert_eq!(
            spanish_manifest_link(head).unwrap(),
            "<head><link data-rel=\"manifest\" href=\"es/manifest.webmanifest\"></head>"
        );
        assert!(spanish_manifest_link("<head></head>").is_err());
    }
}
