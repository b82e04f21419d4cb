//! Text as it stands in HTML, for the pages written outside the app's components: the prerendered
//! `<head>` (`src/prerender.rs`) and the static pages' Spanish (`xtask/src/i18n.rs`).

/// `text` with the characters that mean something in markup (`&`, `<`, `>`, `"`) escaped, so it can stand
/// in an element or a double-quoted attribute.
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
    fn markup_characters_are_escaped_and_the_rest_kept() {
        assert_eq!(escape("a <b> & \"c\" ¿sí?"), "a &lt;b&gt; &amp; &quot;c&quot; ¿sí?");
        assert_eq!(escape("&lt;"), "&amp;lt;", "escaped once, ampersand first");
    }
}
