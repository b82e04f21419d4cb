//! Glossary search: which terms match what the user typed.

use crate::content::{Term, TERMS};

/// Lowercases and folds runs of non-alphanumerics to one space, so "trauma-bond" finds "Trauma bond".
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| !is_letter_or_digit(c)).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(lower));
    }
    out
}

/// `char::is_alphanumeric` for Latin-1, which every term is written in (English and Spanish; a test
/// checks): the standard library's Unicode tables behind it and `to_lowercase` are 6.6 KiB of the WASM
/// after brotli. A character past Latin-1 is a separator (no term has one, so none could match).
fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, 'ª' | 'µ' | 'º' | 'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ÿ')
}

/// `char::to_lowercase` for Latin-1 capitals (À–Þ but ×); other characters unchanged.
fn lower(c: char) -> char {
    match c {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => char::from_u32(c as u32 + 32).unwrap_or(c),
        _ => c,
    }
}

pub fn filter(query: &str) -> Vec<&'static Term> {
    let q = fold(query);
    if q.is_empty() {
        return TERMS.iter().collect();
    }
    let (mut by_name, mut by_text): (Vec<_>, Vec<_>) = (Vec::new(), Vec::new());
    for t in TERMS {
        if fold(t.term).contains(&q) {
            by_name.push(t);
        } else if fold(t.explanation).contains(&q) || t.law.iter().any(|l| fold(l.text).contains(&q)) {
            by_text.push(t);
        }
    }
    by_name.extend(by_text);
    by_name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slugs(q: &str) -> Vec<&'static str> {
        filter(q).iter().map(|t| t.slug).collect()
    }

    /// The Latin-1 fold is the Unicode one on every text the search reads, in both languages.
    #[test]
    fn the_fold_is_unicode_lowercase_on_every_searched_text() {
        let unicode = |s: &str| -> String {
            let words = s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
            words.map(|w| w.to_lowercase()).collect::<Vec<_>>().join(" ")
        };
        let terms = TERMS.iter().chain(crate::content::es::TERMS);
        let texts: Vec<&str> = terms
            .flat_map(|t| [t.term, t.explanation].into_iter().chain(t.law.iter().map(|l| l.text)))
            .collect();
        assert!(
            texts.iter().any(|t| t.contains('ó')),
            "the Spanish terms are among the texts"
        );
        for t in texts {
            assert_eq!(fold(t), unicode(t), "{t}");
        }
        assert_eq!(fold("TRATA DE NIÑOS — Ünica"), "trata de niños ünica");
    }

    #[test]
    fn empty_or_blank_query_lists_every_term() {
        assert_eq!(filter("").len(), TERMS.len());
        assert_eq!(filter("  -- ").len(), TERMS.len());
    }

    #[test]
    fn matches_names_case_and_punctuation_insensitively_names_first() {
        assert_eq!(slugs("TRAUMA-bond")[0], "trauma-bond");
        let s = slugs("trafficking");
        assert_eq!(s[0], "sex-trafficking");
        assert!(s.contains(&"severe-forms-of-trafficking"));
    }

    #[test]
    fn finds_terms_by_their_explanation_or_law_text() {
        assert!(slugs("patronizing").contains(&"sex-trafficking"));
        assert!(slugs("bus stations").contains(&"targeted"));
    }

    #[test]
    fn nonsense_matches_nothing() {
        assert!(filter("zzzqqq").is_empty());
    }
}
