//! red-flags: the NCMEC guide *Child Sex Trafficking in America: A Guide for Child Welfare* in a pocket
//! app for caseworkers and foster parents — a red-flag checker, a glossary, the guide's advice and
//! one-tap calls, offline.
//!
//! Layers, top to bottom (dependencies point down only):
//! - [`app`]: the router, the layout every screen shares (header, navigation, call bar) and mounting.
//! - [`pages`]: one module per screen; thin views over the core and the content.
//! - [`device`], [`storage`], [`quick_exit`]: what is kept on the device (settings, the user's numbers, the
//!   check in progress) as shared state, the thin `localStorage` layer under it, and Quick exit.
//! - [`core`]: pure logic (checker, storage codec, summary). No DOM, no web-sys; tested natively.
//! - [`content`]: the guide's content as static data generated from `content/*.toml` by `build.rs`.

pub mod app;
pub mod content;
pub mod core;
pub mod device;
pub mod install;
pub mod nav;
pub mod pages;
pub mod prerender;
pub mod pwa;
pub mod quick_exit;
pub mod storage;
pub mod takeover;

pub use app::{mount, App};
