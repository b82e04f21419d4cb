//! Component tests in a real browser for src/pwa.rs: the update prompt and the "app stopped" message.
//! (The service worker itself, offline and the update flow are tested end to end in tests/browser.)
#![cfg(target_arch = "wasm32")]

#[cfg(not(feature = "test-hooks"))]
compile_error!("the component tests need `--features test-hooks` (`cargo xtask test` passes it)");

use leptos::prelude::*;
use red_flags::pwa::{show_panic_message, simulate_update_ready, UpdatePrompt};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

mod common;
use common::settle;

wasm_bindgen_test_configure!(run_in_browser);

fn query(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

#[wasm_bindgen_test]
async fn the_prompt_appears_when_an_update_waits_and_not_now_hides_it() {
    let doc = document();
    let root = doc.create_element("div").expect("div");
    doc.body().expect("body").append_child(&root).expect("append");
    leptos::mount::mount_to(root.clone().unchecked_into::<HtmlElement>(), || {
        red_flags::router::provide("/", String::new());
        view! { <UpdatePrompt/> }
    })
    .forget();
    settle().await;

    // The live region is there before anything is announced, empty and without buttons.
    let region = query(&root, ".update-prompt").expect("status region");
    assert_eq!(region.get_attribute("role").as_deref(), Some("status"));
    assert!(query(&root, ".update-reload").is_none());
    assert!(!region.class_list().contains("is-open"));

    simulate_update_ready();
    settle().await;
    let reload = query(&root, ".update-prompt .update-reload").expect("Reload appears");
    assert_eq!(reload.tag_name(), "BUTTON");
    assert_eq!(reload.get_attribute("type").as_deref(), Some("button"));
    assert_eq!(reload.text_content().as_deref(), Some("Reload"));
    let dismiss = query(&root, ".update-prompt .update-dismiss").expect("Not now appears");
    assert_eq!(dismiss.text_content().as_deref(), Some("Not now"));
    assert!(region.text_content().unwrap_or_default().contains("Update available"));
    assert!(region.class_list().contains("is-open"));

    dismiss.unchecked_into::<HtmlElement>().click();
    settle().await;
    assert!(query(&root, ".update-reload").is_none(), "Not now hides the prompt");
    assert!(
        query(&root, ".update-prompt").is_some(),
        "the status region itself stays"
    );
    root.remove();
}

#[wasm_bindgen_test]
fn a_panic_shows_the_call_links_once() {
    let doc = document();
    show_panic_message();
    show_panic_message();
    let panels = doc.query_selector_all(".app-error").expect("query");
    assert_eq!(panels.length(), 1, "shown once however often the hook runs");
    let panel: Element = panels.item(0).expect("panel").unchecked_into();
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alert"));
    assert!(panel
        .text_content()
        .unwrap_or_default()
        .contains("The app stopped working."));
    for tel in ["tel:911", "tel:+18008435678"] {
        assert!(
            query(&panel, &format!("a.call-link[href=\"{tel}\"]")).is_some(),
            "{tel} link missing"
        );
    }
    let first = doc.body().expect("body").first_element_child().expect("child");
    assert!(
        first.class_list().contains("app-error"),
        "the message is at the top of the page"
    );
    let html = doc.document_element().expect("html");
    assert_eq!(html.get_attribute("data-app").as_deref(), Some("failed"));
    panel.remove();
}
