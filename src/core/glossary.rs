//! Glossary search: which terms match what the user typed.

use crate::content::Term;
#[cfg(test)]
use crate::content::TERMS;

/// Lowercases, drops accents and folds runs of non-alphanumerics to one space, so "trauma-bond" finds
/// "Trauma bond" and "explotacion" (typed on a keyboard without accents) finds "Explotación".
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

/// `char::to_lowercase` for Latin-1 capitals (À–Þ but ×), then the letter without its accent
/// (á → a, ñ → n, ü → u); other characters unchanged.
fn lower(c: char) -> char {
    let c = match c {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => char::from_u32(c as u32 + 32).unwrap_or(c),
        _ => c,
    };
    match c {
        'à'..='å' => 'a',
        'ç' => 'c',
        'è'..='ë' => 'e',
        'ì'..='ï' => 'i',
        'ñ' => 'n',
        'ò'..='ö' | 'ø' => 'o',
        'ù'..='ü' => 'u',
        'ý' | 'ÿ' => 'y',
        _ => c,
    }
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

/// A term's name as running text would say it: without the part in brackets ("Trafficker (pimp)" →
/// "Trafficker", "Grooming (manipulación)" → "Grooming").
fn spoken_name(term: &str) -> &str {
    term.split(" (").next().unwrap_or(term).trim()
}

/// `text` cut into runs, each with the index (in `terms`) of the term it names, if it names one: where a
/// glossary term appears in running text, the view links it to its entry. A term matches as a whole word
/// (or with a plural `s`), whatever its case or accents; the longest name wins where two start at the
/// same place. Each term in `linked` is left as text (already linked further up the screen), and each
/// term linked here is added to it, so a screen links each term once, where it first appears.
pub fn term_runs<'a>(text: &'a str, terms: &[Term], linked: &mut Vec<usize>) -> Vec<(&'a str, Option<usize>)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let folded: Vec<char> = chars.iter().map(|&(_, c)| lower(c)).collect();
    let names: Vec<(usize, Vec<char>)> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (i, spoken_name(t.term).chars().map(lower).collect::<Vec<char>>()))
        .filter(|(_, n)| !n.is_empty())
        .collect();
    let byte = |ci: usize| chars.get(ci).map_or(text.len(), |&(b, _)| b);
    let is_word = |ci: usize| folded.get(ci).is_some_and(|&c| is_letter_or_digit(c));
    let mut runs = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < folded.len() {
        let at_word_start = i == 0 || !is_word(i - 1);
        let hit = at_word_start
            .then(|| {
                // The longest name that matches here; of two as long, the first. (A pick rather than a
                // sort of `names`: no sort is linked into the WASM.)
                names
                    .iter()
                    .filter_map(|(t, name)| {
                        if linked.contains(t) || !folded[i..].starts_with(name) {
                            return None;
                        }
                        let mut end = i + name.len();
                        if folded.get(end) == Some(&'s') && !is_word(end + 1) {
                            end += 1;
                        }
                        (!is_word(end)).then_some((*t, name.len(), end))
                    })
                    .min_by_key(|&(_, len, _)| std::cmp::Reverse(len))
                    .map(|(t, _, end)| (t, end))
            })
            .flatten();
        match hit {
            Some((t, end)) => {
                if start < i {
                    runs.push((&text[byte(start)..byte(i)], None));
                }
                runs.push((&text[byte(i)..byte(end)], Some(t)));
                linked.push(t);
                start = end;
                i = end;
            }
            None => i += 1,
        }
    }
    if start < folded.len() {
        runs.push((&text[byte(start)..], None));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slugs(q: &str) -> Vec<&'static str> {
        filter(TERMS, q).iter().map(|t| t.slug).collect()
    }

    /// The Latin-1 fold is the Unicode one, accents dropped, on every text the search reads, in both
    /// languages.
    #[test]
    fn the_fold_is_unicode_lowercase_without_accents_on_every_searched_text() {
        let plain = |c: char| match c {
            'á' => 'a',
            'é' => 'e',
            'í' => 'i',
            'ó' => 'o',
            'ú' | 'ü' => 'u',
            'ñ' => 'n',
            _ => c,
        };
        let unicode = |s: &str| -> String {
            let words = s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
            let lower = words.map(|w| w.to_lowercase().chars().map(plain).collect::<String>());
            lower.collect::<Vec<_>>().join(" ")
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
        assert_eq!(fold("TRATA DE NIÑOS — Única, Ésta"), "trata de ninos unica esta");
    }

    /// Spanish typed with or without its accents finds the same terms.
    #[test]
    fn spanish_search_ignores_accents() {
        let es = crate::content::es::TERMS;
        let with: Vec<_> = filter(es, "explotación").iter().map(|t| t.slug).collect();
        assert!(!with.is_empty(), "some Spanish term speaks of explotación");
        let without: Vec<_> = filter(es, "EXPLOTACION").iter().map(|t| t.slug).collect();
        assert_eq!(with, without);
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

    fn linked<'a>(text: &'a str, terms: &'static [Term], linked: &mut Vec<usize>) -> Vec<(&'a str, &'static str)> {
        term_runs(text, terms, linked)
            .into_iter()
            .filter_map(|(run, t)| t.map(|t| (run, terms[t].slug)))
            .collect()
    }

    #[test]
    fn running_text_links_each_term_once_as_a_whole_word() {
        let mut seen = Vec::new();
        let text = "Traffickers use grooming. A trafficker may be a boyfriend; survival sex is not sextrafficking.";
        let runs = term_runs(text, TERMS, &mut seen);
        assert_eq!(
            runs.iter().map(|(r, _)| *r).collect::<String>(),
            text,
            "nothing lost or added"
        );
        assert_eq!(
            linked(text, TERMS, &mut Vec::new()),
            [
                ("Traffickers", "trafficker"),
                ("grooming", "grooming"),
                ("survival sex", "survival-sex")
            ]
        );
        // Already linked further up the screen: left as text.
        assert!(linked("Grooming again.", TERMS, &mut seen).is_empty());
        // Spanish, accents and case aside; the name without its brackets.
        let es = crate::content::es::TERMS;
        let found = linked("Señales de GROOMING y de trata.", es, &mut Vec::new());
        assert_eq!(found, [("GROOMING", "grooming")]);
    }

    /// Where two names start at the same place the longest wins, wherever it is in the list; of two
    /// names as long, the first in the list.
    #[test]
    fn the_longest_name_wins_where_two_start_at_one_place() {
        let term = |slug: &'static str, term: &'static str| Term {
            slug,
            term,
            explanation: "",
            law: &[],
            source: "",
            related: &[],
        };
        let terms = [
            term("sex", "Sex"),
            term("sex-trafficking", "Sex trafficking"),
            term("sex-trafficker", "Sex trafficker (pimp)"),
            term("sex-traffickers", "Sex Trafficker"),
        ];
        let slugs = |text: &str| -> Vec<&'static str> {
            term_runs(text, &terms, &mut Vec::new())
                .into_iter()
                .filter_map(|(_, t)| t.map(|t| terms[t].slug))
                .collect()
        };
        assert_eq!(slugs("Sex trafficking is a crime."), ["sex-trafficking"]);
        assert_eq!(slugs("A sex trafficker and sex."), ["sex-trafficker", "sex"]);
    }
}
