//! Component tests in a real browser (wasm-bindgen-test in headless Chromium, run by `cargo xtask test`):
//! the checker's interactions and the glossary filter, driven through the DOM as a user would.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use red_flags::core::checker::Answers;
use red_flags::pages::{CheckPage, GlossaryPage};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

mod common;
use common::settle;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `f` with a location (as the app has) into a fresh element; returns that element.
fn mount<F, V>(f: F) -> Element
where
    F: Fn() -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let doc = document();
    let root = doc.create_element("div").expect("div");
    doc.body().expect("body").append_child(&root).expect("append");
    let el: HtmlElement = root.clone().unchecked_into();
    leptos::mount::mount_to(el, move || {
        red_flags::router::provide("/", String::new());
        f()
    })
    .forget();
    root
}

/// The checker as the app mounts it (device state provided), starting from an empty device.
fn mount_checker() -> Element {
    if let Ok(Some(storage)) = web_sys::window().expect("window").local_storage() {
        let _ = storage.clear();
    }
    mount(|| {
        red_flags::state::provide_from_device();
        assert_eq!(
            red_flags::state::app_state().check.get_untracked(),
            Answers::default(),
            "storage was cleared"
        );
        view! { <CheckPage/> }
    })
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

fn click(root: &Element, selector: &str) {
    find(root, selector).unchecked_into::<HtmlElement>().click();
}

fn action_ids(root: &Element) -> Vec<String> {
    let list = root.query_selector_all("[data-action]").expect("query");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .filter_map(|e| e.get_attribute("data-action"))
        .collect()
}

#[wasm_bindgen_test]
async fn tapping_signs_updates_the_result_live_and_reset_clears_it() {
    let root = mount_checker();
    settle().await;
    assert_eq!(text(&root, ".result .status"), "No signs or vulnerabilities noted.");
    assert_eq!(action_ids(&root), vec!["nothing-noted"]);

    click(&root, "#sign-older-partner");
    settle().await;
    assert_eq!(text(&root, ".result .status"), "1 sign noted.");
    assert!(action_ids(&root).contains(&"ask-questions".to_string()));

    // A vulnerability is counted apart, and alone it brings prevention, not the sign steps.
    click(&root, "#sign-older-partner");
    click(&root, "#sign-running-away");
    settle().await;
    assert_eq!(text(&root, ".result .status"), "1 vulnerability noted.");
    // PROTOCOL.md, vulnerabilities only: prevention, stay watchful, then policy and mandated-reporter duties.
    assert_eq!(action_ids(&root), vec!["prevention", "stay-watchful", "follow-policy"]);

    click(&root, "#sign-unexplained-gifts");
    settle().await;
    assert_eq!(text(&root, ".result .status"), "1 sign and 1 vulnerability noted.");

    click(&root, ".reset");
    settle().await;
    assert_eq!(text(&root, ".result .status"), "No signs or vulnerabilities noted.");
    let box_: HtmlInputElement = find(&root, "#sign-running-away").unchecked_into();
    assert!(!box_.checked(), "reset left a sign ticked");
    root.remove();
}

#[wasm_bindgen_test]
async fn an_exchange_for_sexual_activity_under_18_puts_the_legal_rule_first() {
    let root = mount_checker();
    settle().await;
    click(&root, "#q-age input[value='Under 18']");
    click(&root, "#q-exchange input[value='Yes']");
    settle().await;
    let ids = action_ids(&root);
    assert_eq!(ids.first().map(String::as_str), Some("legal-rule"), "{ids:?}");
    assert!(text(&root, ".result .headline").contains("victim of sex trafficking"));
    assert!(find(&root, ".action.rule")
        .text_content()
        .unwrap_or_default()
        .contains("no third-party trafficker"));
    root.remove();
}

#[wasm_bindgen_test]
async fn a_youth_missing_now_gets_911_then_the_agency_then_ncmec() {
    let root = mount_checker();
    settle().await;
    click(&root, "#q-missing-now input[value='Yes']");
    settle().await;
    // PROTOCOL.md, missing (age not answered: the under-18 path): 911 now, the agency now, then NCMEC.
    let ids = action_ids(&root);
    assert_eq!(
        &ids[..3],
        &[
            "call-911-missing-child".to_string(),
            "ask-report-number".to_string(),
            "tell-agency".to_string()
        ],
        "{ids:?}"
    );
    let agency = ids.iter().position(|id| id == "tell-agency");
    let ncmec = ids.iter().position(|id| id == "call-ncmec-missing");
    assert!(ncmec.is_some() && agency < ncmec, "{ids:?}");
    assert!(!ids.iter().any(|id| id == "report-within-24-hours"), "{ids:?}");
    let first_call = find(&root, "[data-action='call-911-missing-child'] a.call-link");
    assert_eq!(first_call.get_attribute("href").as_deref(), Some("tel:911"));
    assert!(text(&root, ".result .headline").starts_with("Call 911 now"));
    root.remove();
}

#[wasm_bindgen_test]
async fn the_glossary_filters_as_you_type() {
    let root = mount(|| view! { <GlossaryPage/> });
    settle().await;
    let all = root.query_selector_all(".terms li").expect("q").length();
    assert_eq!(all as usize, red_flags::content::TERMS.len());

    let input: HtmlInputElement = find(&root, "#glossary-q").unchecked_into();
    input.set_value("trauma");
    input
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    settle().await;
    let shown = root.query_selector_all(".terms li a").expect("q");
    let names: Vec<String> = (0..shown.length())
        .filter_map(|i| shown.item(i))
        .filter_map(|n| n.text_content())
        .collect();
    assert_eq!(names.first().map(String::as_str), Some("Trauma bond"), "{names:?}");
    assert!(names.len() < all as usize);

    input.set_value("zzzqqq");
    input
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    settle().await;
    assert_eq!(root.query_selector_all(".terms li").expect("q").length(), 0);
    assert!(text(&root, ".count").contains("No term matches"));
    root.remove();
}
