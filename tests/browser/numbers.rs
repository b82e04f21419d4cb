//! "Your numbers" on the Call screen: a number typed with letters that look like digits is refused
//! with a clear message, and nothing typed is lost. Same harness as `browser.rs` (`lib.rs`); run by
//! `cargo xtask test`.

use browser_tests::*;
use serde_json::{json, Value};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_letter_o_for_zero_is_refused_with_a_message_and_the_entry_kept() -> TestResult {
    let site = Site::start(&dist()?).await?;
    let b = Browser::launch().await?;
    b.open(&site.url("/call")).await?;
    b.find("#my-label").await?.send_keys("NCMEC").await?;
    // Letter O for zero: read on a keypad it would be 1-866-843-5678, another real number.
    b.find("#my-number").await?.send_keys("1-8OO-843-5678").await?;
    b.tap(".my-number-form button[type=submit]").await?;
    b.wait_until(
        "document.getElementById('my-number-error')",
        "the number's error message",
        WAIT,
    )
    .await?;
    let state: Value = b
        .js(
            "const i = document.getElementById('my-number');
             return { error: document.getElementById('my-number-error').innerText, value: i.value,
                      label: document.getElementById('my-label').value, focused: document.activeElement === i,
                      saved: document.querySelectorAll('.my-number').length,
                      stored: localStorage.getItem('red-flags:numbers') };",
            vec![],
        )
        .await?;
    let error = state["error"].as_str().unwrap_or_default();
    ensure!(
        error.contains("8OO") && error.contains("letter O") && error.contains("Type 0"),
        "the message does not say what is wrong and what to type: {error:?}"
    );
    ensure!(
        state["value"] == "1-8OO-843-5678" && state["label"] == "NCMEC",
        "what was typed was lost: {state}"
    );
    ensure!(state["focused"] == true, "focus did not move to the number: {state}");
    ensure!(
        state["saved"] == 0 && !state["stored"].as_str().unwrap_or_default().contains("+1866"),
        "the number was saved: {state}"
    );
    b.assert_accessible("the Call screen with a look-alike letter refused")
        .await?;

    // A vanity number still saves, as the digits it stands for.
    let number = b.find("#my-number").await?;
    number.clear().await?;
    number.send_keys("1-800-THE-LOST").await?;
    b.tap(".my-number-form button[type=submit]").await?;
    b.wait_until(
        "document.querySelector(\".my-number a.call-link[href='tel:+18008435678']\")",
        "the vanity number's call link",
        WAIT,
    )
    .await?;
    b.quit().await;
    Ok(())
}

/// The agency's number inline (issue 26): where a step says to tell the agency (the checker's, /missing's)
/// and in Home's invitation, a field saves it in place: a bad entry is refused with the
/// reason and stays in the field, a good one becomes a one-tap call there. In both languages.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_inline_agency_field_refuses_a_bad_entry_then_saves_and_shows_the_call() -> TestResult {
    let site = Site::start(&dist()?).await?;
    let b = Browser::launch_with(Launch {
        viewport: SMALL_PHONE,
        ..Launch::default()
    })
    .await?;
    for (lang, page, id) in [
        ("en", "/check", "tell-agency"),
        ("es", "/es/check", "tell-agency"),
        ("en", "/missing", "missing-agency"),
        ("es", "/es/missing", "missing-agency"),
        ("en", "/", "home-agency"),
        ("es", "/es/", "home-agency"),
    ] {
        b.open(&site.url(page)).await?;
        b.js::<Value>("localStorage.clear(); return null;", vec![]).await?;
        b.open(&site.url(page)).await?;
        let (field, error) = (format!("{id}-number"), format!("{id}-error"));
        if page.ends_with("check") {
            // A child missing now: the result's steps include telling the agency.
            b.js::<Value>(
                "document.querySelector(\"input[name='missing-now'][value='Yes']\").click(); return null;",
                vec![],
            )
            .await?;
            b.wait_until(
                &format!("document.getElementById('{field}')"),
                "the checker's agency step with its field",
                WAIT,
            )
            .await?;
        }
        b.find(&format!("#{field}")).await?.send_keys("555-0100").await?;
        b.tap(&format!(".agency-form:has(#{field}) button[type=submit]"))
            .await?;
        b.wait_until(
            &format!("document.getElementById('{error}')"),
            "the agency field's error message",
            WAIT,
        )
        .await?;
        let refused: Value = b
            .js(
                "return { error: document.getElementById(arguments[0]).innerText,
                          value: document.getElementById(arguments[1]).value,
                          stored: localStorage.getItem('red-flags:numbers') };",
                vec![json!(error), json!(field)],
            )
            .await?;
        ensure!(
            refused["error"].as_str() == Some(ui_text(lang, "my_numbers.area_code")?.as_str())
                && refused["value"] == "555-0100"
                && refused["stored"].is_null(),
            "{page}: a 7-digit number was not refused with its reason, or what was typed was lost: {refused}"
        );
        let input = b.find(&format!("#{field}")).await?;
        input.clear().await?;
        input.send_keys("555-234-5678").await?;
        b.tap(&format!(".agency-form:has(#{field}) button[type=submit]"))
            .await?;
        b.wait_until(
            "document.querySelector(\".agency-number a.call-link[href='tel:+15552345678']\")",
            "the saved agency number's call link",
            WAIT,
        )
        .await?;
        let name = ui_text(lang, "my_numbers.agency_name")?;
        let stored: String = b
            .js("return localStorage.getItem('red-flags:numbers');", vec![])
            .await?;
        ensure!(
            stored.contains("+15552345678") && stored.contains(&name),
            "{page}: the agency's number is not stored as {name:?}: {stored}"
        );
        if id == "home-agency" {
            // The invitation's need is met: on the next visit it does not show.
            b.open(&site.url(page)).await?;
            ensure!(
                b.find_all(&format!("#{field}")).await?.is_empty(),
                "{page}: the invitation shows again with a number saved"
            );
        }
    }
    b.quit().await;
    Ok(())
}
