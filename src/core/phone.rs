//! "My numbers": the user's own phone lines (state hotline, supervisor, agency on-call). This module
//! owns what a valid entry is (the label rules and turning what someone typed into a dialable string)
//! and the list's edits ([`put`], [`remove`]); the views only wire them to the form.
//!
//! The app ships no state numbers (they differ by state and change); users save their own, on the device.
//! The messages come in the language read (`&Ui`).

use crate::content::Ui;

/// How many numbers a user can save. A handful is what a caseworker needs; a cap keeps the Call
/// screen short and the stored data small.
pub const MAX_NUMBERS: usize = 10;

/// The longest label, in characters. Enough for "Agency on-call (nights)".
pub const MAX_LABEL: usize = 40;

/// One saved number. `dial` is what a `tel:` link dials: E.164 (`+` and digits) or a 3-digit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyNumber {
    pub label: String,
    pub dial: String,
}

impl MyNumber {
    /// Validates both fields; the errors say, in `ui`'s language, which field is wrong and how to fix it.
    pub fn new(ui: &Ui, label: &str, number: &str) -> Result<MyNumber, EntryErrors> {
        let label = validate_label(ui, label);
        let dial = normalise(ui, number);
        match (label, dial) {
            (Ok(label), Ok(dial)) => Ok(MyNumber { label, dial }),
            (label, dial) => Err(EntryErrors {
                label: label.err(),
                number: dial.err(),
            }),
        }
    }

    pub fn tel(&self) -> String {
        format!("tel:{}", self.dial)
    }

    /// The number as people read it: `1-555-123-4567` for US numbers, E.164 otherwise.
    pub fn shown_as(&self) -> String {
        shown_as(&self.dial)
    }
}

/// What is wrong with an entry, per field (either or both).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EntryErrors {
    pub label: Option<String>,
    pub number: Option<String>,
}

/// Why an entry was not put on the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListError {
    /// The list holds [`MAX_NUMBERS`] already, and the entry is not one of them being changed.
    Full,
    /// The entry itself is not valid.
    Entry(EntryErrors),
}

/// Puts an entry on the list: in place of `replacing` while that is still on it, otherwise at the end (a
/// new entry, or one another tab deleted while it was being changed: kept as new). A full list refuses
/// a new entry before the entry itself is looked at. Returns where the entry is.
pub fn put(
    list: &mut Vec<MyNumber>,
    replacing: Option<&MyNumber>,
    entry: Result<MyNumber, EntryErrors>,
) -> Result<usize, ListError> {
    let at = replacing.and_then(|old| list.iter().position(|n| n == old));
    if at.is_none() && list.len() >= MAX_NUMBERS {
        return Err(ListError::Full);
    }
    let entry = entry.map_err(ListError::Entry)?;
    Ok(match at {
        Some(i) => {
            list[i] = entry;
            i
        }
        None => {
            list.push(entry);
            list.len() - 1
        }
    })
}

/// Takes an entry off the list (the entry, not a place in it: another tab may have changed the list).
pub fn remove(list: &mut Vec<MyNumber>, gone: &MyNumber) {
    list.retain(|n| n != gone);
}

/// A label as saved (inner runs of white space folded to one space), or why it cannot be saved, in
/// `ui`'s language.
pub fn validate_label(ui: &Ui, input: &str) -> Result<String, String> {
    let label = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if label.is_empty() {
        return Err(ui.my_numbers_name_empty.into());
    }
    // Zero-width spaces, joiners, marks and fillers: a name of only these leaves the call button unnamed.
    if label.chars().all(|c| c.is_whitespace() || shows_nothing(c)) {
        return Err(ui.my_numbers_name_invisible.into());
    }
    if label.chars().count() > MAX_LABEL {
        return Err(ui.my_numbers_name_too_long(&MAX_LABEL.to_string()));
    }
    Ok(label)
}

/// A character that takes no visible space on its own: controls, format characters (zero-width space,
/// joiners, direction marks, the soft hyphen, word joiner, byte-order mark, tags), the combining grapheme
/// joiner, variation selectors and the Hangul fillers.
fn shows_nothing(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00ad}' | '\u{034f}' | '\u{061c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
            | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{ffa0}'
            | '\u{fff0}'..='\u{fff8}' | '\u{1d173}'..='\u{1d17a}' | '\u{e0000}'..='\u{e0fff}')
}

/// Turns what someone typed into a dialable string.
///
/// - 10 digits (a US number) → `+1` and the digits; 11 digits starting with 1 → `+1…`.
/// - `+` then 8 to 15 digits → E.164 as typed (a `+1` number must have 10 digits after the 1).
/// - Letters are read as on a phone keypad (1-800-THE-LOST), because US vanity numbers are common;
///   the screen shows the digits that will be dialed so a mistyped letter can be seen.
/// - Except a run of letters that are all look-alikes of digits (O for 0, I or l for 1, as in
///   `1-8OO-843-5678`): that is a slip far more often than a word, and the keypad would silently dial
///   another real number. It is refused with a message that says what to type either way
///   ([`lookalike_run`]). Words with any other letter (THE-LOST, 4-A-CHILD) stay vanity numbers.
/// - 3-digit service codes (211, 311, 988 …) are kept as they are, except 911: the Call screen
///   always has its own 911 link, and a second one would only add a chance to mistype it.
/// - Spaces, dashes, dots, slashes and brackets are ignored. Anything else is refused with a message
///   in `ui`'s language.
pub fn normalise(ui: &Ui, input: &str) -> Result<String, String> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(ui.my_numbers_number_empty.into());
    }
    let mut plus = false;
    let mut digits = String::new();
    for (i, c) in trimmed.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => plus = true,
            ' ' | '-' | '.' | '(' | ')' | '/' | '\u{a0}' => {}
            c if c.is_ascii_alphabetic() => digits.push(keypad(c)),
            _ => return Err(ui.my_numbers_cannot_dial(&c.to_string())),
        }
    }
    if let Some(message) = lookalike_run(ui, trimmed) {
        return Err(message);
    }
    if digits.is_empty() {
        return Err(ui.my_numbers_number_empty.into());
    }
    if plus {
        if !(8..=15).contains(&digits.len()) || digits.starts_with('0') {
            return Err(ui.my_numbers_plus_rule.into());
        }
        if let Some(rest) = digits.strip_prefix('1') {
            if rest.len() == 10 && !is_us_ten(rest) {
                return Err(ui.my_numbers_us_exchange.into());
            }
            if !is_us_ten(rest) {
                return Err(ui.my_numbers_us_rule.into());
            }
        }
        return Ok(format!("+{digits}"));
    }
    match digits.len() {
        3 if digits == "911" => Err(ui.my_numbers_no_911.into()),
        3 if digits.ends_with("11") && !digits.starts_with(['0', '1']) || digits == "988" => Ok(digits),
        10 if is_us_ten(&digits) => Ok(format!("+1{digits}")),
        11 if digits.starts_with('1') && is_us_ten(&digits[1..]) => Ok(format!("+{digits}")),
        7 => Err(ui.my_numbers_area_code.into()),
        // Ten digits, but an area code or exchange no US phone can dial (555-123-4567): say why.
        10 => Err(ui.my_numbers_us_exchange.into()),
        11 if digits.starts_with('1') => Err(ui.my_numbers_us_exchange.into()),
        _ => Err(ui.my_numbers_us_rule.into()),
    }
}

/// 10 digits whose area code and exchange do not start with 0 or 1 (the North American plan).
fn is_us_ten(d: &str) -> bool {
    let b = d.as_bytes();
    d.len() == 10 && b.iter().all(u8::is_ascii_digit) && b[0] >= b'2' && b[3] >= b'2'
}

/// The digit a letter is easily mistaken for, if any.
fn lookalike_digit(c: char) -> Option<char> {
    match c.to_ascii_uppercase() {
        'O' => Some('0'),
        'I' | 'L' => Some('1'),
        _ => None,
    }
}

/// The message for the first run of letters in `typed` made only of digit look-alikes (`OO` in
/// `1-8OO-843-5678`), naming the group it is in, the digit it looks like and its keypad digit.
fn lookalike_run(ui: &Ui, typed: &str) -> Option<String> {
    let is_run_char = |c: char| c.is_ascii_alphabetic();
    let chars: Vec<char> = typed.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !is_run_char(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_run_char(chars[i]) {
            i += 1;
        }
        let run = &chars[start..i];
        if run.iter().all(|&c| lookalike_digit(c).is_some()) {
            let letter = run[0];
            let digit = lookalike_digit(letter)?;
            // The group as the user sees it: the letters with the digits around them (`8OO`).
            let group_start = chars[..start]
                .iter()
                .rposition(|c| !c.is_ascii_alphanumeric())
                .map_or(0, |p| p + 1);
            let group_end = chars[i..]
                .iter()
                .position(|c| !c.is_ascii_alphanumeric())
                .map_or(chars.len(), |p| p + i);
            let group: String = chars[group_start..group_end].iter().collect();
            return Some(ui.my_numbers_lookalike(
                &group,
                &letter.to_string(),
                &digit.to_string(),
                &keypad(letter).to_string(),
            ));
        }
    }
    None
}

/// The digit a letter dials on a phone keypad (ABC=2, DEF=3, … WXYZ=9), from the content's map
/// (`crates/content`'s `KEYPAD`, which also checks the content's vanity numbers).
fn keypad(c: char) -> char {
    let i = (c.to_ascii_uppercase() as usize).wrapping_sub('A' as usize);
    crate::content::KEYPAD.get(i).map_or('9', |&d| char::from(d))
}

/// `+15551234567` → `1-555-123-4567` (the way the app shows the built-in lines); others unchanged.
pub fn shown_as(dial: &str) -> String {
    match dial.strip_prefix("+1") {
        Some(d) if is_us_ten(d) => format!("1-{}-{}-{}", &d[..3], &d[3..6], &d[6..]),
        _ => dial.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::UI;

    #[test]
    fn us_ten_digits_in_any_punctuation_become_plus_one() {
        for typed in [
            "555-234-5678",
            "(555) 234-5678",
            "555.234.5678",
            " 5552345678 ",
            "555 234 5678",
        ] {
            assert_eq!(normalise(&UI, typed).as_deref(), Ok("+15552345678"), "{typed}");
        }
    }

    #[test]
    fn eleven_digits_starting_with_one_become_plus_one() {
        assert_eq!(normalise(&UI, "1-800-422-4453").as_deref(), Ok("+18004224453"));
        assert_eq!(normalise(&UI, "+1 800 422 4453").as_deref(), Ok("+18004224453"));
    }

    #[test]
    fn vanity_letters_are_read_as_on_a_keypad() {
        assert_eq!(normalise(&UI, "1-800-THE-LOST").as_deref(), Ok("+18008435678"));
        assert_eq!(normalise(&UI, "1-800-4-a-child").as_deref(), Ok("+18004224453"));
    }

    #[test]
    fn letters_that_look_like_digits_are_refused_not_dialed_as_another_number() {
        // Letter O for zero: the keypad would make it 1-866-843-5678, another real number.
        let err = normalise(&UI, "1-8OO-843-5678").unwrap_err();
        assert!(err.contains("\u{201c}8OO\u{201d}") && err.contains("letter O"), "{err}");
        assert!(err.contains("Type 0") && err.contains("keypad digit, 6"), "{err}");
        for typed in [
            "1-800-843-567O",
            "555-I23-4567",
            "555-l23-4567",
            "555-Ol2-3456",
            "(8oo) 843 5678",
        ] {
            assert!(
                normalise(&UI, typed).is_err(),
                "{typed} must not be dialed as keypad letters"
            );
        }
        let err = normalise(&UI, "555-l23-4567").unwrap_err();
        assert!(
            err.contains("letter l") && err.contains("digit 1") && err.contains("keypad digit, 5"),
            "{err}"
        );
        // Typed with the digits they meant, they save.
        assert_eq!(normalise(&UI, "1-800-843-5678").as_deref(), Ok("+18008435678"));
        // Words with other letters keep their look-alikes as letters: vanity numbers still work.
        assert_eq!(normalise(&UI, "1-800-THE-LOST").as_deref(), Ok("+18008435678"));
        assert_eq!(normalise(&UI, "1 800 the lost").as_deref(), Ok("+18008435678"));
        assert_eq!(normalise(&UI, "1-800-4-A-CHILD").as_deref(), Ok("+18004224453"));
        // And what is refused keeps the entry's other errors independent.
        let errs = MyNumber::new(&UI, "NCMEC", "1-8OO-843-5678").unwrap_err();
        assert!(errs.label.is_none() && errs.number.is_some());
    }

    #[test]
    fn international_numbers_keep_their_country_code() {
        assert_eq!(normalise(&UI, "+44 20 7946 0000").as_deref(), Ok("+442079460000"));
        assert_eq!(normalise(&UI, "+52 55 1234 5678").as_deref(), Ok("+525512345678"));
    }

    #[test]
    fn international_numbers_outside_8_to_15_digits_are_refused() {
        assert!(normalise(&UI, "+1234567").unwrap_err().contains("8 to 15 digits"));
        assert!(normalise(&UI, "+1234567890123456")
            .unwrap_err()
            .contains("8 to 15 digits"));
        assert!(normalise(&UI, "+0441234567").is_err(), "no country code starts with 0");
        // +1 is the US plan: it needs 10 digits after it.
        assert!(normalise(&UI, "+1 555 123").is_err());
    }

    #[test]
    fn nine_one_one_points_to_the_built_in_link() {
        let err = normalise(&UI, "911").unwrap_err();
        assert!(err.contains("Call 911"), "{err}");
        assert!(normalise(&UI, "9-1-1").is_err());
    }

    #[test]
    fn other_three_digit_service_codes_are_kept() {
        assert_eq!(normalise(&UI, "211").as_deref(), Ok("211"));
        assert_eq!(normalise(&UI, "311").as_deref(), Ok("311"));
        assert_eq!(normalise(&UI, "988").as_deref(), Ok("988"));
        assert!(normalise(&UI, "123").is_err());
        assert!(normalise(&UI, "011").is_err());
    }

    #[test]
    fn bad_numbers_get_a_message_that_says_how_to_fix_them() {
        assert!(normalise(&UI, "").unwrap_err().contains("Enter a phone number"));
        assert!(normalise(&UI, "  -- ").unwrap_err().contains("Enter a phone number"));
        assert!(normalise(&UI, "234-5678").unwrap_err().contains("area code"));
        assert!(
            normalise(&UI, "055-234-5678").unwrap_err().contains("0 or 1"),
            "area code cannot start with 0"
        );
        assert!(normalise(&UI, "555-134-5678").is_err(), "exchange cannot start with 1");
        assert!(normalise(&UI, "12345").unwrap_err().contains("10 digits"));
        assert!(normalise(&UI, "555-234-5678 #2")
            .unwrap_err()
            .contains("\u{201c}#\u{201d}"));
        assert!(normalise(&UI, "5+55").is_err(), "+ only first");
    }

    /// Attack 4: the field's own examples must be numbers it accepts, in both languages.
    #[test]
    fn the_examples_in_the_messages_are_accepted() {
        for ui in [crate::content::Lang::En.ui(), crate::content::Lang::Es.ui()] {
            for text in [
                ui.my_numbers_us_rule,
                ui.my_numbers_area_code,
                ui.my_numbers_us_exchange,
            ] {
                let example: String = text
                    .split(|c: char| !(c.is_ascii_digit() || c == '-'))
                    .find(|w| w.len() == 12 && w.matches('-').count() == 2)
                    .unwrap_or_else(|| panic!("no 555-xxx-xxxx example in {text:?}"))
                    .into();
                assert!(normalise(ui, &example).is_ok(), "{example} from {text:?} is refused");
            }
        }
    }

    #[test]
    fn an_exchange_or_area_code_starting_with_0_or_1_says_why() {
        for bad in [
            "555-123-4567",
            "555-012-3456",
            "1-555-123-4567",
            "+1 555 123 4567",
            "055-234-5678",
        ] {
            let e = normalise(&UI, bad).unwrap_err();
            assert_eq!(e, UI.my_numbers_us_exchange, "{bad}");
            assert!(e.contains("0 or 1"), "{e}");
        }
    }

    /// Attack 5: a name made only of characters that show nothing would leave the call button unnamed.
    #[test]
    fn labels_with_nothing_visible_are_refused() {
        for invisible in [
            "\u{200b}",
            "\u{200b}\u{200c}\u{200d}",
            "\u{2060}\u{feff}",
            " \u{200b} \u{00ad} ",
            "\u{180e}\u{200e}\u{200f}",
            "\u{3164}",
            "\u{fe0f}\u{034f}",
            "\u{e0041}",
        ] {
            let e = validate_label(&UI, invisible).unwrap_err();
            assert!(e.contains("Enter a name"), "{invisible:?}: {e}");
        }
        assert_eq!(
            validate_label(&UI, "\u{200b}Supervisor").as_deref(),
            Ok("\u{200b}Supervisor")
        );
        assert!(validate_label(&UI, "Línea 2 ☎").is_ok());
        assert!(MyNumber::new(&UI, "\u{200b}\u{200b}", "555-234-5678").is_err());
    }

    #[test]
    fn labels_are_required_trimmed_and_short() {
        assert_eq!(
            validate_label(&UI, "  State   hotline ").as_deref(),
            Ok("State hotline")
        );
        assert!(validate_label(&UI, "   ").unwrap_err().contains("Enter a name"));
        assert!(validate_label(&UI, &"x".repeat(MAX_LABEL)).is_ok());
        assert!(validate_label(&UI, &"x".repeat(MAX_LABEL + 1))
            .unwrap_err()
            .contains("40 characters"));
    }

    #[test]
    fn an_entry_reports_each_bad_field() {
        let errs = MyNumber::new(&UI, "", "12").unwrap_err();
        assert!(errs.label.is_some() && errs.number.is_some());
        let errs = MyNumber::new(&UI, "Supervisor", "12").unwrap_err();
        assert!(errs.label.is_none() && errs.number.is_some());
        let ok = MyNumber::new(&UI, "Supervisor", "(555) 234-5678").expect("valid");
        assert_eq!(ok.tel(), "tel:+15552345678");
        assert_eq!(ok.shown_as(), "1-555-234-5678");
    }

    fn entry(label: &str) -> MyNumber {
        MyNumber::new(&UI, label, "555-234-5678").expect("valid")
    }

    #[test]
    fn a_new_entry_goes_at_the_end_and_a_changed_one_stays_in_its_place() {
        let mut list = vec![entry("A"), entry("B")];
        assert_eq!(put(&mut list, None, Ok(entry("C"))), Ok(2));
        assert_eq!(put(&mut list, Some(&entry("A")), Ok(entry("Z"))), Ok(0));
        assert_eq!(list, vec![entry("Z"), entry("B"), entry("C")]);
        // The entry being changed was deleted in another tab meanwhile: kept, as a new one.
        assert_eq!(put(&mut list, Some(&entry("gone")), Ok(entry("Y"))), Ok(3));
        assert_eq!(list[3], entry("Y"));
    }

    #[test]
    fn a_full_list_refuses_a_new_entry_first_but_takes_a_change() {
        let mut list: Vec<MyNumber> = (0..MAX_NUMBERS).map(|i| entry(&format!("N{i}"))).collect();
        let bad = MyNumber::new(&UI, "", "12");
        assert_eq!(put(&mut list, None, bad.clone()), Err(ListError::Full));
        assert_eq!(put(&mut list, None, Ok(entry("one more"))), Err(ListError::Full));
        assert_eq!(list.len(), MAX_NUMBERS);
        assert_eq!(put(&mut list, Some(&entry("N3")), Ok(entry("changed"))), Ok(3));
        assert_eq!(list[3], entry("changed"));
        // A change that is not valid: its errors, and the list as it was.
        let before = list.clone();
        assert_eq!(
            put(&mut list, Some(&entry("N4")), bad.clone()),
            Err(ListError::Entry(bad.unwrap_err()))
        );
        assert_eq!(list, before);
    }

    #[test]
    fn removing_takes_the_entry_off_wherever_it_is_now() {
        let mut list = vec![entry("A"), entry("B"), entry("C")];
        remove(&mut list, &entry("B"));
        assert_eq!(list, vec![entry("A"), entry("C")]);
        remove(&mut list, &entry("gone"));
        assert_eq!(list, vec![entry("A"), entry("C")]);
    }

    #[test]
    fn shown_as_formats_us_numbers_only() {
        assert_eq!(shown_as("+18008435678"), "1-800-843-5678");
        assert_eq!(shown_as("+442079460000"), "+442079460000");
        assert_eq!(shown_as("211"), "211");
    }
}
