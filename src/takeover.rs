//! The moment the app takes over from the static page. Every route is prerendered, so on a slow first
//! visit someone can tick signs, answer a question, open "Why this matters" or type in the glossary's
//! search before the WebAssembly has arrived. Those are real form controls (the app's only text area
//! is read-only), and the app's fresh render
//! would silently drop what was done with them. So, before the static page goes, each change is
//! replayed on the app's own control (a click, or the text and an `input` event), which the app then
//! handles and saves as if it had been made there; and focus moves to the same control, which stays
//! where it was on the screen.
//!
//! Controls are matched by `id`, radio buttons by name and value: the same markup on both sides.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

/// Puts the app (`app`, just shown after the static `page`) in the page's place: what was done carries
/// over ([`carry_over`]), focus moves to the app's copy of the control in use, the page goes, and that
/// control stays where it was on the screen. The app may draw more above it than the page did (a
/// carried-over answer brings the result up to the top of Check), and a finger may be about to tap again.
pub fn swap(page: &Element, app: &Element) {
    let in_use = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .filter(|f| page.contains(Some(f)));
    carry_over(page, app);
    let Some((top, target)) = in_use.and_then(|f| {
        let target = counterpart(app, &f)?.dyn_into::<HtmlElement>().ok()?;
        Some((f.get_bounding_client_rect().top(), target))
    }) else {
        page.remove();
        return;
    };
    // Without scrolling: the static page is still above the app's copy, so a plain focus would scroll down
    // to it, and the page would jump back when the static page goes.
    crate::router::focus_in_place(&target);
    page.remove();
    // Once the app has drawn what the replayed changes bring (its effects run after this task's code),
    // before that frame is painted.
    leptos::prelude::request_animation_frame(move || {
        if let Some(window) = web_sys::window() {
            window.scroll_by_with_x_and_y(0.0, target.get_bounding_client_rect().top() - top);
        }
    });
}

/// Replays on `app` what was done to the form controls and disclosures of `page` (the static page,
/// still in the document).
fn carry_over(page: &Element, app: &Element) {
    for el in all(page, "input") {
        let Some(target) = counterpart(app, &el) else {
            continue;
        };
        if let (Some(input), Some(to)) = (el.dyn_ref::<HtmlInputElement>(), target.dyn_ref::<HtmlInputElement>()) {
            let kind = input.type_();
            if kind == "checkbox" || kind == "radio" {
                // A click is what the person did: it sets the control and fires the app's handler. (A
                // radio button that was unchecked needs nothing: checking its neighbour did that.)
                let changed = input.checked() != input.default_checked() && (kind == "checkbox" || input.checked());
                if changed && to.checked() != input.checked() {
                    to.click();
                }
            } else if input.value() != input.default_value() && to.value() != input.value() {
                to.set_value(&input.value());
                notify_input(&target);
            }
        }
    }
    // Disclosures have no id: the two renders have them in the same order.
    let (opened, theirs) = (all(page, "details"), all(app, "details"));
    if opened.len() == theirs.len() {
        for (from, to) in opened.iter().zip(&theirs) {
            if from.has_attribute("open") && !to.has_attribute("open") {
                let _ = to.set_attribute("open", "");
            }
        }
    }
}

/// The app's element that stands for `el` of the static page.
fn counterpart(app: &Element, el: &Element) -> Option<Element> {
    let id = el.id();
    if !id.is_empty() {
        return app
            .query_selector(&format!("[id=\"{}\"]", css_escape(&id)))
            .ok()
            .flatten();
    }
    let input = el.dyn_ref::<HtmlInputElement>()?;
    if input.type_() != "radio" {
        return None;
    }
    let selector = format!(
        "input[type=\"radio\"][name=\"{}\"][value=\"{}\"]",
        css_escape(&input.name()),
        css_escape(&input.value())
    );
    app.query_selector(&selector).ok().flatten()
}

/// Tells the app's `on:input` handler (delegated, so the event must bubble) that the text changed.
fn notify_input(el: &Element) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &init) {
        let _ = el.dispatch_event(&event);
    }
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

/// Escapes a value for a double-quoted CSS attribute selector (ids and names here are plain, but an
/// odd one must not break the selector).
fn css_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}
