//! Running text split so that phone numbers can be kept whole on screen (a number broken across lines,
//! "1-800-843-" / "5678", is misread and misdialled), and a translation's English names found so a
//! screen reader reads them in English.

/// `text` as pieces in order, each `(piece, is_number)`. A number is a run of digits, capitals and dashes
/// that starts with a digit and holds at least two dashes: `1-800-THE-LOST`, `1-888-373-7888`.
pub fn number_runs(text: &str) -> Vec<(&str, bool)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        let word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if word_start && bytes[i].is_ascii_digit() {
            let mut j = i;
            while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j].is_ascii_uppercase() || bytes[j] == b'-') {
                j += 1;
            }
            while j > i && bytes[j - 1] == b'-' {
                j -= 1;
            }
            if text[i..j].matches('-').count() >= 2 {
                if start < i {
                    out.push((&text[start..i], false));
                }
                out.push((&text[i..j], true));
                start = j;
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    if start < text.len() {
        out.push((&text[start..], false));
    }
    out
}

/// A translated line as pieces in order, each `(piece, is_english)`: the parts of `text` kept in English,
/// found against the English line `en`. The line is read in parts split at "; " (a list of publishers);
/// a part is English when the English line has it word for word, or in its first two words or more
/// ("Trafficking Victims Protection Act of 2000" in "…, con sus enmiendas").
pub fn english_runs<'a>(text: &'a str, en: &str) -> Vec<(&'a str, bool)> {
    let en_parts: Vec<&str> = en.split("; ").collect();
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let (part, tail) = match rest.find("; ") {
            Some(i) => (&rest[..i], Some(&rest[i..])),
            None => (rest, None),
        };
        let english = en_parts.iter().map(|e| common_words(part, e)).max().unwrap_or(0);
        if english == part.len() && !part.is_empty() {
            out.push((part, true));
        } else if english > 0 {
            out.push((&part[..english], true));
            out.push((&part[english..], false));
        } else if !part.is_empty() {
            out.push((part, false));
        }
        match tail {
            Some(t) => {
                out.push(("; ", false));
                rest = &t[2..];
            }
            None => return out,
        }
    }
}

/// How many bytes of `a` begin `b` as whole words, ending on a word: all of `a` if `b` is `a`, else the
/// first two words or more they share, without the trailing comma or space; 0 if fewer.
fn common_words(a: &str, b: &str) -> usize {
    if a == b {
        return a.len();
    }
    // A word ends before a space or punctuation, not inside a hyphenated name ("red-flags").
    let ends_word = |next: Option<char>| next.is_none_or(|n| n.is_whitespace() || ",;:.)".contains(n));
    let (mut end, mut words) = (0, 0);
    let mut b_chars = b.chars();
    let mut a_chars = a.char_indices().peekable();
    while let Some((i, c)) = a_chars.next() {
        if b_chars.next() != Some(c) {
            break;
        }
        let (a_next, b_next) = (a_chars.peek().map(|(_, n)| *n), b_chars.clone().next());
        if c.is_alphanumeric() && ends_word(a_next) && b_next.is_none_or(|n| !n.is_alphanumeric()) {
            end = i + c.len_utf8();
            words += 1;
        }
    }
    if words >= 2 {
        end
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_found_whole_and_the_rest_kept_in_order() {
        let text = "Next, call NCMEC at 1-800-THE-LOST (1-800-843-5678) now.";
        let runs = number_runs(text);
        assert_eq!(
            runs,
            vec![
                ("Next, call NCMEC at ", false),
                ("1-800-THE-LOST", true),
                (" (", false),
                ("1-800-843-5678", true),
                (") now.", false)
            ]
        );
        assert_eq!(runs.iter().map(|(s, _)| *s).collect::<String>(), text);
    }

    #[test]
    fn plain_text_years_and_single_dashes_are_not_numbers() {
        assert_eq!(
            number_runs("In 2014, 1 in every 6."),
            vec![("In 2014, 1 in every 6.", false)]
        );
        assert_eq!(number_runs("24-hour rule"), vec![("24-hour rule", false)]);
        assert_eq!(number_runs("Call 911-"), vec![("Call 911-", false)]);
        assert_eq!(number_runs(""), vec![]);
        assert_eq!(number_runs("1-888-373-7888"), vec![("1-888-373-7888", true)]);
    }

    #[test]
    fn english_runs_finds_the_english_names_in_a_translated_line() {
        let act = english_runs(
            "Trafficking Victims Protection Act of 2000, con sus enmiendas",
            "Trafficking Victims Protection Act of 2000, as amended",
        );
        assert_eq!(
            act,
            [
                ("Trafficking Victims Protection Act of 2000", true),
                (", con sus enmiendas", false)
            ]
        );
        let publishers = english_runs(
            "Congreso de los Estados Unidos; National Center for Missing & Exploited Children (NCMEC)",
            "U.S. Congress; National Center for Missing & Exploited Children (NCMEC)",
        );
        assert_eq!(
            publishers,
            [
                ("Congreso de los Estados Unidos", false),
                ("; ", false),
                ("National Center for Missing & Exploited Children (NCMEC)", true)
            ]
        );
        // One shared word is a coincidence, not a name.
        assert_eq!(
            english_runs(
                "red-flags (un proyecto independiente)",
                "red-flags (an independent project)"
            ),
            [("red-flags (un proyecto independiente)", false)]
        );
        assert_eq!(english_runs("Línea", "Hotline"), [("Línea", false)]);
    }
}
