//! The pure core: checker logic, the stored-data codec and the case-note summary.
//!
//! Invariant: nothing under `core` touches the DOM, web-sys or the clock; the views pass time in. All of
//! it is unit-tested natively with `cargo test`.

pub mod checker;
pub mod glossary;
pub mod missing;
pub mod phone;
pub mod qr;
pub mod saved;
pub mod settings;
pub mod summary;
pub mod text;
