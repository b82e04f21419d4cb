//! "Your numbers" on the Call screen: a number typed with letters that look like digits is refused
//! with a clear message, and nothing typed is lost. The harness is `lib.rs`; run by
//! `cargo xtask test`.

use browser_tests::*;
use serde_json::{json, Value};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_letter_o_for_zero_is_refused_with_a_message_and_the_entry_kept() -> TestResult {
    let (site, b) = start().await?;
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

/// The agency's number inline: where a step says to tell the agency (the checker's, /missing's)
/// and in Home's invitation, a field saves it in place: a bad entry is refused with the
/// reason and stays in the field, a good one becomes a one-tap call there. In both languages.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_inline_agency_field_refuses_a_bad_entry_then_saves_and_shows_the_call() -> TestResult {
    let (site, b) = start_with(Launch {
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

/// Types a name and a number into the form and submits it.
async fn submit_number(b: &Browser, label: &str, number: &str) -> TestResult {
    for (id, text) in [("#my-label", label), ("#my-number", number)] {
        let input = b.find(id).await?;
        input.clear().await?;
        input.send_keys(text).await?;
    }
    b.tap(".my-number-form button[type=submit]").await
}

/// Issue 27, attacks 2 and 3: a stored list that cannot be read is cleared and the Call screen says so
/// (as /missing does); a list a newer version wrote is neither shown nor written over by a save, and the
/// save says why. Settings a newer version wrote are not written over either.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_corrupt_or_newer_record_is_never_lost_without_a_word() -> TestResult {
    let (site, b) = start().await?;
    b.open(&site.url("/call")).await?;
    let put = |key: &'static str, raw: String| {
        let b = &b;
        async move {
            b.js::<Value>(
                "localStorage.setItem(arguments[0], arguments[1]); return null;",
                vec![json!(key), json!(raw)],
            )
            .await
        }
    };
    let note = "((document.querySelector('[data-numbers-note]') || {}).innerText || '')";

    // 2. Corrupt: cleared, and said.
    put("red-flags:numbers", "{\"v\":1,\"numbers\":[{\"label\":\"Sup".into()).await?;
    b.open(&site.url("/call")).await?;
    b.wait_until(
        &format!("{note}.includes('could not be read')"),
        "a notice that the saved numbers could not be read",
        WAIT,
    )
    .await?;
    assert_both_call_links(&b, "/call after a corrupt record").await?;

    // 3. Newer: shown as such, and a save refuses to write over it.
    let newer = r#"{"v":2,"numbers":[{"label":"Supervisor","dial":"+15552345678","kind":"work"}]}"#;
    put("red-flags:numbers", newer.into()).await?;
    b.open(&site.url("/call")).await?;
    b.wait_until(
        &format!("{note}.includes('newer version')"),
        "a notice that a newer version saved the numbers",
        WAIT,
    )
    .await?;
    submit_number(&b, "State hotline", "555-234-5678").await?;
    b.wait_until(
        "document.querySelector('.my-numbers .copy-status').innerText.includes('will not write over')",
        "the save to say it did not write over the newer record",
        WAIT,
    )
    .await?;
    let stored: Option<String> = b
        .js("return localStorage.getItem('red-flags:numbers');", vec![])
        .await?;
    ensure!(
        stored.as_deref() == Some(newer),
        "the newer record was written over: {stored:?}"
    );

    // Settings: the discreet look of a newer record is not dropped by the next change.
    let newer_settings = r#"{"v":3,"text_scale":100,"theme":"system","exit_erases_missing":false,"expiry_hours":12,"look":"notes","new":true}"#;
    put("red-flags:settings", newer_settings.into()).await?;
    b.open(&site.url("/settings")).await?;
    b.tap("input[name=theme]:not(:checked)").await?;
    b.wait_until(
        "document.body.innerText.includes('will not write over')",
        "the settings change to say it did not write over the newer record",
        WAIT,
    )
    .await?;
    let stored: Option<String> = b
        .js("return localStorage.getItem('red-flags:settings');", vec![])
        .await?;
    ensure!(
        stored.as_deref() == Some(newer_settings),
        "the newer settings were written over: {stored:?}"
    );
    b.quit().await;
    Ok(())
}

/// Issue 27, attacks 4 and 5: the number field's own example is accepted, a number no phone can dial
/// says why, and a name of zero-width characters is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fields_example_saves_and_an_invisible_name_is_refused() -> TestResult {
    let (site, b) = start().await?;
    b.open(&site.url("/call")).await?;
    submit_number(&b, "\u{200b}\u{200c}\u{2060}", "555-234-5678").await?;
    b.wait_until(
        "document.getElementById('my-label-error')",
        "the name's error message",
        WAIT,
    )
    .await?;
    let saved: usize = b
        .js("return document.querySelectorAll('.my-number').length;", vec![])
        .await?;
    ensure!(saved == 0, "a name with nothing visible was saved");

    submit_number(&b, "State hotline", "555-123-4567").await?;
    b.wait_until(
        "(document.getElementById('my-number-error') || {}).innerText?.includes('0 or 1')",
        "the number's error to say why 555-123-4567 cannot be dialed",
        WAIT,
    )
    .await?;
    let example = ui_text("en", "my_numbers.us_rule")?;
    let example = example
        .split(|c: char| !(c.is_ascii_digit() || c == '-'))
        .find(|w| w.len() == 12)
        .ok_or_else(|| Failure(format!("no example number in {example:?}")))?
        .to_string();
    submit_number(&b, "State hotline", &example).await?;
    b.wait_until(
        "document.querySelectorAll('.my-number').length === 1",
        "the example number to be saved",
        WAIT,
    )
    .await?;
    b.quit().await;
    Ok(())
}
