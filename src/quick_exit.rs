//! Quick exit: one tap in the header, or Escape three times within 1.5 s, replaces the app with a
//! neutral page (`public/exit.html`), clears the check in progress, and leaves no Back-button path to
//! the checker.
//!
//! How Back is handled: the exit uses `location.replace` (no new history entry), and marks this tab in
//! sessionStorage. Earlier in-app entries (the router pushes one per screen) cannot be removed by any
//! web page; so `public/early.js`, inlined first in every page's `<head>`, sees a Back/Forward visit to the
//! app in a marked tab and replaces it with the neutral page again, before anything is drawn.
//! What it cannot do: erase the browser's history list. Settings says so.

use crate::storage;
use leptos::ev;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;

/// Three presses within this window trigger the exit.
pub const ESCAPE_WINDOW_MS: f64 = 1500.0;

/// The neutral page, on this origin (it works offline and sends nothing anywhere).
pub fn exit_url() -> String {
    format!("{}/exit.html", crate::app::base_path())
}

/// Leaves now: clears the check and a missing-child episode, marks the tab, replaces this page (no history entry left for it).
pub fn quick_exit() {
    storage::clear_check();
    storage::clear_missing();
    storage::mark_exited();
    let url = exit_url();
    let location = window().location();
    if location.replace(&url).is_err() {
        let _ = location.set_href(&url);
    }
}

/// Counts Escape presses; `press` says when the third came within [`ESCAPE_WINDOW_MS`] of the first.
#[derive(Debug, Default)]
pub struct EscapeCounter {
    presses: Vec<f64>,
}

impl EscapeCounter {
    pub fn press(&mut self, at_ms: f64) -> bool {
        self.presses.retain(|t| at_ms - t <= ESCAPE_WINDOW_MS);
        self.presses.push(at_ms);
        if self.presses.len() >= 3 {
            self.presses.clear();
            return true;
        }
        false
    }
}

/// Listens for Escape ×3 on the whole window, for the app's lifetime.
pub fn install_escape_shortcut() {
    if cfg!(feature = "ssr") {
        return;
    }
    let counter = Rc::new(RefCell::new(EscapeCounter::default()));
    let handle = window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
        // A held key repeats: that is not three deliberate presses.
        if e.key() != "Escape" || e.repeat() {
            return;
        }
        if counter.borrow_mut().press(storage::now_ms()) {
            quick_exit();
        }
    });
    // The listener lives as long as the page.
    std::mem::forget(handle);
}

/// The header button. A real link to the neutral page, so it works even if the click handler does not.
#[component]
pub fn QuickExit() -> impl IntoView {
    view! {
        <a class="quick-exit" href=exit_url() rel="noreferrer"
            on:click=move |e| {
                e.prevent_default();
                quick_exit();
            }>
            "Exit this page"
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_presses_within_the_window_exit() {
        let mut c = EscapeCounter::default();
        assert!(!c.press(0.0));
        assert!(!c.press(400.0));
        assert!(c.press(1400.0));
    }

    #[test]
    fn slow_presses_do_not_exit() {
        let mut c = EscapeCounter::default();
        assert!(!c.press(0.0));
        assert!(!c.press(1000.0));
        assert!(!c.press(2000.0), "the first press is more than 1.5 s before the third");
        assert!(c.press(2100.0), "but presses 2, 3 and 4 are within 1.5 s");
    }

    #[test]
    fn the_count_starts_again_after_an_exit() {
        let mut c = EscapeCounter::default();
        c.press(0.0);
        c.press(1.0);
        assert!(c.press(2.0));
        assert!(!c.press(3.0));
    }
}
