//! Quick exit: one tap on "Exit this page" in the header, or Escape three times within 1.5 s, replaces
//! the app with a neutral page (`public/exit.html`) in this tab and in every other open tab of the app,
//! clears the case data and the clipboard, and leaves no Back-button path to the checker.
//!
//! All of it is done by `public/early.js` (inlined first in every page's `<head>`), not here: it works
//! before the WebAssembly has loaded and if it never runs, and there is one implementation. This module
//! only renders the link. How it cannot fail open (blocked storage, the back/forward cache, other tabs,
//! frozen tabs) is told in early.js; the tests are `tests/browser/exit.rs` and `tests/browser/field.rs`.
//! What it cannot do: erase the browser's history, or clipboard history kept outside the browser.
//! Settings says so.

use leptos::prelude::*;

/// The header link. A real link to the neutral page, so even with every script blocked it leaves.
#[component]
pub fn QuickExit() -> impl IntoView {
    view! {
        <a class="quick-exit" href=crate::router::location().exit_url() rel="noreferrer">{crate::router::ui().quick_exit_link}</a>
    }
}

#[cfg(test)]
mod tests {
    use crate::core::saved::{KEEP_ON_EXIT, KEY_PREFIX};

    fn early_js() -> String {
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/early.js")).expect("public/early.js")
    }

    /// early.js clears every key of the app on exit except the ones the app keeps (the user's own
    /// set-up): the same prefix, the same list, and the channel the app listens on for other tabs.
    #[test]
    fn the_early_script_clears_every_key_but_the_kept_ones() {
        let js = early_js();
        assert!(
            js.contains(&format!("var PREFIX = \"{KEY_PREFIX}\";")),
            "early.js clears another prefix"
        );
        let kept = KEEP_ON_EXIT
            .iter()
            .map(|k| format!("\"{k}\""))
            .collect::<Vec<_>>()
            .join(", ");
        assert!(
            js.contains(&format!("var KEPT = [{kept}];")),
            "early.js keeps other keys than {kept}"
        );
        assert!(
            js.contains(&format!("new BroadcastChannel(\"{}\")", crate::storage::TABS_CHANNEL)),
            "early.js talks on another channel"
        );
        assert!(
            js.contains(&format!("var SESSION_MARK = \"{}\";", crate::storage::EXITED_KEY)),
            "early.js marks under another key"
        );
    }
}
