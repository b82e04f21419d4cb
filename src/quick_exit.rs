//! Quick exit: one tap on "Exit this page" in the header, or Escape three times within 1.5 s, replaces
//! the app with a neutral page (`public/exit.html`) in this tab and in every other open tab of the app,
//! clears the case data and the clipboard, and leaves no Back-button path to the checker. The
//! missing-child timeline goes too unless the user chose in Settings to keep it (`saved::kept_on_exit`).
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
    use crate::core::saved::{kept_on_exit, KEEP_ON_EXIT, KEY_PREFIX, MISSING_KEY, SETTINGS_FORMAT};
    use crate::core::settings::Settings;

    fn early_js() -> String {
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/early.js")).expect("public/early.js")
    }

    /// early.js clears every key of the app on exit except the ones the app keeps (the user's own
    /// set-up, and the missing-child timeline if the user chose so): the same prefix, the same list and
    /// rule, and the channel the app listens on for other tabs.
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
        // The missing-child timeline stays only when the stored settings say so, in the format that can.
        assert!(
            js.contains(&format!("var MISSING = \"{MISSING_KEY}\";")),
            "early.js names another key for the missing-child timeline"
        );
        assert!(
            js.contains(&format!(
                "if (s && s.v === {SETTINGS_FORMAT} && s.exit_erases_missing === false) kept.push(MISSING);"
            )),
            "early.js keeps the missing-child timeline by another rule than saved::kept_on_exit"
        );
        assert_eq!(
            js.matches("kept.push(").count(),
            kept_on_exit(&Settings {
                exit_erases_missing: false,
                ..Settings::default()
            })
            .len()
                - KEEP_ON_EXIT.len(),
            "early.js keeps more than the settings can choose"
        );
        assert!(
            js.contains("var kept = keptNow();") && js.contains("kept.indexOf(k) < 0"),
            "early.js does not clear by what the settings keep"
        );
        assert!(
            js.contains(&format!(
                "new BroadcastChannel(\"{}\")",
                crate::core::saved::TABS_CHANNEL
            )),
            "early.js talks on another channel"
        );
        assert!(
            js.contains(&format!("var SESSION_MARK = \"{}\";", crate::core::saved::EXITED_KEY)),
            "early.js marks under another key"
        );
    }
}
