//! Rules on text shared by the validators and the agency edition: phone numbers (what a link may dial,
//! a shown number against its dialled one, numbers in running text), acronyms and their full names, and
//! the strings a content file shows.

/// True for what a `tel:` link may dial: E.164 (`+` and 8 to 15 digits, no leading zero) or a short
/// code ([`is_short_code`]).
pub fn is_dialable(dial: &str) -> bool {
    if is_short_code(dial) {
        return true;
    }
    let Some(digits) = dial.strip_prefix('+') else {
        return false;
    };
    (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0')
}

/// True for a short code a US phone dials: N11, `211` to `911` (`211` community services, `311` city
/// services, `911` emergencies).
pub fn is_short_code(dial: &str) -> bool {
    let b = dial.as_bytes();
    b.len() == 3 && (b'2'..=b'9').contains(&b[0]) && &b[1..] == b"11"
}

/// The phone keypad: the digit each letter A to Z dials (ABC=2 … WXYZ=9). The one map: the app reads
/// it as generated data (`content::KEYPAD`, written by [`crate::generate_all`]), as it reads the content.
pub const KEYPAD: &[u8; 26] = b"22233344455566677778889999";

/// The digit a letter dials on a phone keypad ([`KEYPAD`]).
fn keypad(c: char) -> char {
    let i = (c.to_ascii_uppercase() as usize).wrapping_sub('A' as usize);
    KEYPAD.get(i).map_or('9', |&d| char::from(d))
}

/// What is wrong with a number shown as `shown_as` and dialled as `dial`, with the fix; `None` when it
/// is right. `dial` is E.164 or a short code ([`is_short_code`]). `shown_as` shows the dialled number in
/// each of its forms: `1-800-THE-LOST (1-800-843-5678)` has one before the bracket and one inside it,
/// `(614) 555-0199` one. A form's letters are read as on a phone keypad, so they must spell its digits;
/// a US number may be shown without its country code 1. The content's contacts and an agency's numbers
/// are both checked by this rule.
pub fn number_problem(shown_as: &str, dial: &str) -> Option<String> {
    if !is_dialable(dial) {
        let digits: String = dial.chars().filter(char::is_ascii_digit).collect();
        let fix = match digits.len() {
            10 => format!(": write `+1{digits}`"),
            11 if digits.starts_with('1') => format!(": write `+{digits}`"),
            _ => ": write + and the country code, then the number's digits, with no spaces or dashes".into(),
        };
        return Some(format!(
            "`dial` `{dial}` is not an E.164 number (+ and 8 to 15 digits) or a short code such as 211 or 311{fix}"
        ));
    }
    if is_short_code(dial) {
        return (shown_as.trim() != dial)
            .then(|| format!("`shown_as` `{shown_as}` must be `{dial}`, the short code it dials"));
    }
    let want = &dial[1..];
    let forms: Vec<&str> = match shown_as.trim().strip_suffix(')').and_then(|s| s.rsplit_once(" (")) {
        // A bracket that holds a whole second form, not an area code.
        Some((first, second)) if second.chars().filter(char::is_ascii_alphanumeric).count() >= 7 => vec![first, second],
        _ => vec![shown_as.trim()],
    };
    // Each form read as a phone dials it; the forms that dial another number.
    let wrong: Vec<(&str, String)> = forms
        .into_iter()
        .map(|form| {
            let read: String = form
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| if c.is_ascii_digit() { c } else { keypad(c) })
                .collect();
            (form, read)
        })
        .filter(|(_, read)| read != want && !(want.starts_with('1') && *read == want[1..]))
        .collect();
    match wrong.iter().find(|(form, _)| form.chars().any(|c| c.is_ascii_alphabetic())) {
        _ if wrong.is_empty() => None,
        Some((form, read)) if wrong.len() == 1 => Some(format!(
            "`shown_as` `{shown_as}`: the letters of `{form}` spell {read} on a phone keypad, not the dialled `{dial}`: correct the letters or the digits so they spell the same number"
        )),
        _ => Some(format!(
            "`shown_as` `{shown_as}` does not show the dialled number `{dial}`: make them the same number"
        )),
    }
}

/// Phone numbers written in running text, as `1-800-843-5678` or `1-800-THE-LOST`: every
/// run that starts `1-8` and continues with digits, capitals and dashes to at least 12 characters.
pub fn phone_numbers_in(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i + 3 <= bytes.len() {
        let starts_word = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if starts_word && bytes[i..].starts_with(b"1-8") {
            let mut j = i;
            while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j].is_ascii_uppercase() || bytes[j] == b'-') {
                j += 1;
            }
            let run = text[i..j].trim_end_matches('-');
            if run.len() >= 12 {
                found.push(run.to_string());
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    found
}
/// The keys whose values are identifiers or references, never shown to anyone.
const IDENTIFIER_KEYS: [&str; 10] = [
    "id",
    "slug",
    "group",
    "related",
    "contacts",
    "contact",
    "when",
    "source",
    "statistics",
    "dial",
];

/// Every string a content file shows to users, as (where, text): all string values except
/// identifiers and references ([`IDENTIFIER_KEYS`]). Comments are not values, so they are not included.
pub fn shown_texts(file_text: &str) -> Result<Vec<(String, String)>, String> {
    fn walk(path: &str, value: &toml::Value, out: &mut Vec<(String, String)>) {
        match value {
            toml::Value::String(s) => out.push((path.to_string(), s.clone())),
            toml::Value::Array(items) => items.iter().for_each(|v| walk(path, v, out)),
            toml::Value::Table(table) => {
                for (key, v) in table.iter().filter(|(k, _)| !IDENTIFIER_KEYS.contains(&k.as_str())) {
                    walk(format!("{path}.{key}").trim_start_matches('.'), v, out);
                }
            }
            _ => {}
        }
    }
    let table: toml::Table = toml::from_str(file_text).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    walk("", &toml::Value::Table(table), &mut out);
    Ok(out)
}

/// A name that is only capital letters ("NCMEC"): someone who does not know it needs its full name.
pub fn is_acronym(name: &str) -> bool {
    name.len() >= 2 && name.bytes().all(|b| b.is_ascii_uppercase())
}

/// The initials of a name's capitalised words: "National Center for Missing & Exploited Children" is "NCMEC".
pub fn initials(full_name: &str) -> String {
    full_name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(char::is_ascii_uppercase)
        .collect()
}
