//! The Spanish of the files that are not Rust (the shell, the service worker's offline page, the exit
//! page, the manifest), written by the post-build step from the same data the app reads
//! (`content/ui.toml` and `content/es/ui.toml`), so no Spanish is copied by hand.

use crate::Result;

/// The interface texts of both languages, keyed `group.key`, and the pairs the static pages use.
pub struct Texts {
    pub en: std::collections::BTreeMap<String, String>,
    pub es: std::collections::BTreeMap<String, String>,
}

/// `template` with each `{name}` replaced by its value.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_string(), |t, (name, value)| {
        t.replace(&format!("{{{name}}}"), value)
    })
}

impl Texts {
    /// Reads and checks both files (the build of the app checks the same).
    pub fn load() -> Result<Texts> {
        let dir = crate::root().join("content");
        let read = |p: std::path::PathBuf| std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()));
        let en = read(dir.join(red_flags_content::UI_FILE))?;
        let es = read(dir.join("es").join(red_flags_content::UI_FILE))?;
        let ui = red_flags_content::ui::check(&en, &es)
            .map_err(|errors| errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))?;
        Ok(Texts { en: ui.en, es: ui.es })
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
            "nav.sources",
            "shell.loading",
            "shell.not_started",
            "shell.description",
            "screens.home_title",
            "common.call_bar_label",
            "common.emergency_when",
            "offline.title",
            "offline.heading",
            "offline.text",
            "offline.try_again",
            "exit_page.title",
        ] {
            pairs.push((self.get("en", key)?.to_string(), self.get("es", key)?.to_string()));
        }
        {
            let (en, es) = ("en", "es");
            let emergency = |l| self.get(l, "offline.emergency");
            for (key, values_en, values_es) in [
                (
                    "common.call_name",
                    vec![("name", "911".to_string())],
                    vec![("name", "911".to_string())],
                ),
                (
                    "common.call_name",
                    vec![("name", "NCMEC".to_string())],
                    vec![("name", "NCMEC".to_string())],
                ),
                (
                    "common.call_name",
                    vec![("name", format!("911 {}", emergency(en)?))],
                    vec![("name", format!("911 {}", emergency(es)?))],
                ),
                (
                    "common.call_name_number",
                    vec![("name", "NCMEC".into()), ("number", "1-800-THE-LOST".into())],
                    vec![("name", "NCMEC".into()), ("number", "1-800-THE-LOST".into())],
                ),
            ] {
                let values_en: Vec<(&str, &str)> = values_en.iter().map(|(n, v)| (*n, v.as_str())).collect();
                let values_es: Vec<(&str, &str)> = values_es.iter().map(|(n, v)| (*n, v.as_str())).collect();
                pairs.push((
                    fill(self.get(en, key)?, &values_en),
                    fill(self.get(es, key)?, &values_es),
                ));
            }
        }
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

/// Text as it stands in markup.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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
            <aside class=\"call-bar\" aria-label=\"Call for help\"><a aria-label=\"Call NCMEC, 1-800-THE-LOST\">\
            <span>Call NCMEC <span class=\"nowrap\">1-800-THE-LOST</span></span></a></aside><summary>Menu</summary>";
        let es = texts.translate(html).unwrap();
        for key in [
            "shell.not_started",
            "common.emergency_when",
            "common.call_bar_label",
            "app.menu",
        ] {
            assert!(es.contains(&escape(texts.get("es", key).unwrap())), "{key}: {es}");
        }
        for english in ["did not start", "Call 911", "Call NCMEC", "Call for help", "Menu<"] {
            assert!(!es.contains(english), "{english} left in {es}");
        }
        assert!(es.contains("1-800-THE-LOST") && es.contains("tel:911"));
    }
}
