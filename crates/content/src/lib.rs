//! The app's content model as it is written in `content/*.toml`: reading, validation and code generation.
//!
//! `build.rs` of the app calls [`load_all`] and [`generate_all`]; the app itself never parses anything. Every
//! rule a content file must keep lives in [`validate`], and every rule a translation must keep against its
//! English twin in [`compare`], so that a content mistake fails the build with a message that names the
//! file, the item and the problem.
//!
//! English (`content/*.toml`) is the source. Each translation lives in `content/<lang>/`, one twin per file
//! of [`FILES`]: the same items with the same ids, in the same order, with the same references, numbers and
//! quotations of the law; only the fields of [`TEXT_FIELDS`] are translated.
//!
//! By job: `model` (the items as the files write them), `load` (reading and parsing, every language),
//! `validate` (one validator per content file), `twin` and [`ui`] (a translation against its English),
//! `text` and `spelling` (rules on wording and phone numbers), `codegen` (the Rust the app compiles),
//! [`agency`] (an agency's edition), [`html`] (escaping for the pages written outside the app).

mod codegen;
mod load;
mod model;
mod spelling;
mod text;
mod twin;
mod validate;

pub mod agency;
pub mod html;
pub mod ui;

pub use codegen::{generate_all, SpanishModule, SPANISH_AS_ENGLISH_ENV};
pub use load::{load, load_all, parse, parse_all, Languages};
pub use model::*;
pub use spelling::{uk_spellings_in, UK_SPELLINGS};
pub use text::*;
pub use twin::{compare, NEVER_IN_SPANISH, SAME_FIELDS, SAME_IN_TRANSLATION, TEXT_FIELDS, TRANSLATION_ONLY_FIELDS};
pub use ui::{UI_FILE, UI_SAME_IN_TRANSLATION};
pub use validate::{validate, CARD_LABEL_MAX};

/// The content files, in the order they are read. Each is required.
pub const FILES: [&str; 8] = [
    "sources.toml",
    "contacts.toml",
    "signs.toml",
    "glossary.toml",
    "guide.toml",
    "statistics.toml",
    "checker.toml",
    "missing.toml",
];

/// The translations, each a folder of `content/` holding a twin of every file of [`FILES`].
pub const TRANSLATIONS: [&str; 1] = ["es"];

#[cfg(test)]
mod tests;
