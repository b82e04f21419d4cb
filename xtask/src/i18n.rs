//! The Spanish of the files that are not Rust (the shell, the service worker's offline page, the exit
//! page, the manifest), written by the post-build step from the same data the app reads
//! (`content/ui.toml` and `content/es/ui.toml`), so no Spanish is copied by hand.

use crate::Result;

/// The interface texts of both languages, keyed `group.key`, and the pairs the static pages use.
pub struct Texts {
    pub en: std::collections::BTreeMap<String, String>,
    pub es: std::collections::BTreeMap<String, String>,
    /// Each contact's call-link words by id, in each language ("Call NCMEC", "Llamar al NCMEC").
    calls_en: std::collections::BTreeMap<String, String>,
    calls_es: std::collections::BTreeMap<String, String>,
}

impl Texts {
    /// Reads and checks the content of both languages (the build of the app checks the same).
    pub fn load() -> Result<Texts> {
        let all = red_flags_content::load_all(&crate::root().join("content")).map_err(|e| e.to_string())?;
        let calls =
            |c: &red_flags_content::Content| c.contacts.iter().map(|k| (k.id.clone(), k.call.clone())).collect();
        Ok(Texts {
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
        // The call links, as the app labels them (`CallBar`, `CallLink`).
        for id in ["emergency", "ncmec"] {
            pairs.push((self.call("en", id)?.to_string(), self.call("es", id)?.to_string()));
        }
        pairs.push((
            format!("{}, 1-800-THE-LOST", self.call("en", "ncmec")?),
            format!("{}, 1-800-THE-LOST", self.call("es", "ncmec")?),
        ));
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
