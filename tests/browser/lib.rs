//! Harness for the browser tests (see browser.rs).
