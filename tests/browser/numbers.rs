//! "Your numbers" on the Call screen: a number typed with letters that look like digits is refused
//! with a clear message, and nothing typed is lost. Same harness as `browser.rs` (`lib.rs`); run by
//! `cargo xtask test`.

use browser_tests::*;
use serde_json::Value;
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
