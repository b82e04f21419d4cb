//! red-flags: the NCMEC guide *Child Sex Trafficking in America: A Guide for Child Welfare* in a pocket
//! app for caseworkers and foster parents — a red-flag checker, a glossary, the guide's advice and
//! one-tap calls, offline.
//!
//! Modules in reading order, top layer first; dependencies point down only (`tests/tidy.rs` checks it).
// Leptos views are deeply nested types; the prerender build (ssr) can reach the default limit of 128
// depending on the order the compiler evaluates them (seen on an incremental rebuild of the card page).
#![recursion_limit = "256"]

/// The frame: the view each screen shows, the layout every screen shares, and mounting in the browser.
mod app;
/// Build-time prerendering: every route rendered natively to HTML by the same components (feature `ssr`;
/// the native unit tests check it too).
#[cfg(any(feature = "ssr", test))]
pub mod prerender;
/// Offline and updates: the service worker's registration, the update prompt, the panic message.
pub mod pwa;
/// The moment the app replaces the static page: what was done on it is replayed on the app.
mod takeover;
/// One module per screen: thin views over the state, the core and the content.
pub mod pages;
/// The view pieces several screens share: call links, the call bar, source notes, copy, radio groups.
mod components;
/// The header's Quick exit link (the exit itself is `public/early.js`).
mod quick_exit;
/// Every route, the base path, links, and taps and Back/Forward through the History API.
pub mod router;
/// The app's reactive state: the check in progress, settings, the user's numbers; the device's or a
/// first visit's. The only way to the device's storage.
pub mod state;
/// Chrome's install offer (`beforeinstallprompt`), kept for Share's Install button.
mod install;
/// `localStorage` behind one availability probe: every failure a value. Only `state` uses it.
mod storage;
/// The clock and the time zone (`Date.now`, local time, the UTC offset at an instant).
pub mod clock;
/// Pure logic (checker, stored formats, summary, phone numbers, the missing-child clock), tested natively.
pub mod core;
/// The guide's content as static data, generated from `content/*.toml` by `build.rs`.
pub mod content;

pub use app::{mount, App};
