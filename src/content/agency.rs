//! The agency's edition (`cargo xtask build --agency FILE`): the agency's names and numbers in each
//! language, compiled in from the agency file by `build.rs` (checked there by `crates/content`'s
//! `agency` module), as the content is. Only that edition has this module (`cfg(agency)`); the general
//! edition is built without it, byte for byte as before.

use super::Lang;

/// The agency, in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Agency {
    /// As a line names it: "Lakeview CFS".
    pub short_name: &'static str,
    pub full_name: &'static str,
    pub state: Option<&'static str>,
    /// Its policy page (https).
    pub policy: Option<&'static str>,
    /// One to four, in the order the agency offers them.
    pub numbers: &'static [AgencyLine],
}

/// One of the agency's numbers.
#[derive(Debug, PartialEq, Eq)]
pub struct AgencyLine {
    /// What it is for: "Report abuse or neglect, 24 hours".
    pub purpose: &'static str,
    pub shown_as: &'static str,
    /// E.164 or a short code (311).
    pub dial: &'static str,
}

impl AgencyLine {
    pub fn tel(&self) -> String {
        format!("tel:{}", self.dial)
    }
}

include!(concat!(env!("OUT_DIR"), "/agency.rs"));

impl Lang {
    /// The agency's names and numbers in this language.
    pub fn agency(self) -> &'static Agency {
        match self {
            Lang::En => &EN,
            Lang::Es => &ES,
        }
    }
}

/// The agency in the language of `content` (`content::EN` or `content::ES`), for what reads no route:
/// the case note.
pub fn of(content: &super::Content) -> &'static Agency {
    if std::ptr::eq(content, &super::ES) {
        &ES
    } else {
        &EN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_numbers_in_the_same_order() {
        let (en, es) = (Lang::En.agency(), Lang::Es.agency());
        assert!((1..=4).contains(&en.numbers.len()));
        let dials = |a: &Agency| a.numbers.iter().map(|n| n.dial).collect::<Vec<_>>();
        assert_eq!(dials(en), dials(es));
        assert!(en
            .numbers
            .iter()
            .all(|n| n.dial != "911" && n.tel().starts_with("tel:")));
    }
}
