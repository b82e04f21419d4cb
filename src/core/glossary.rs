//! Glossary search: which terms match what the user typed.

use crate::content::Term;
#[cfg(test)]
use crate::content::TERMS;

/// Lowercases and folds runs of non-alphanumerics to one space, so "trauma-bond" finds "Trauma bond".
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Terms of `terms` (one language's) matching `query`: the term's name first, then those whose
/// explanation (or its plain translation of the law) matches. Empty → all.
pub fn filter(terms: &'static [Term], query: &str) -> Vec<&'static Term> {
    let q = fold(query);
    if q.is_empty() {
        return terms.iter().collect();
    }
    let (mut by_name, mut by_text): (Vec<_>, Vec<_>) = (Vec::new(), Vec::new());
    for t in terms {
        if fold(t.term).contains(&q) {
            by_name.push(t);
        } else if fold(t.explanation).contains(&q)
            || t.law
                .iter()
                .any(|l| fold(l.text).contains(&q) || l.plain.is_some_and(|p| fold(p).contains(&q)))
        {
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
        filter(TERMS, q).iter().map(|t| t.slug).collect()
    }

    #[test]
    fn empty_or_blank_query_lists_every_term() {
        assert_eq!(filter(TERMS, "").len(), TERMS.len());
        assert_eq!(filter(TERMS, "  -- ").len(), TERMS.len());
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
        assert!(filter(TERMS, "zzzqqq").is_empty());
    }
}
