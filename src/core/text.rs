//! Running text split so that phone numbers can be kept whole on screen (a number broken across lines,
//! "1-800-843-" / "5678", is misread and misdialled).

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
}
