//! End-to-end tests for field use: the saved check (restore, expiry), quick exit (and the Back button),
//! the user's own numbers, the copied case-note summary, settings, and storage that is corrupted, full or
//! switched off. The harness is `lib.rs`; run by `cargo xtask test`.
//!
//! Time is controlled without any test hook in the app: a test writes a check into localStorage with a
//! `saved_at` in the past, exactly as an old visit would have left it.

use browser_tests::thirtyfour::prelude::*;
use browser_tests::*;
use serde_json::{json, Value};
use std::time::Duration;

const CHECK_KEY: &str = "red-flags:check";
const NUMBERS_KEY: &str = "red-flags:numbers";
const SETTINGS_KEY: &str = "red-flags:settings";
const WAIT: Duration = Duration::from_secs(10);

/// One Chromium at a time from this file: each is heavy, and the test machines have two cores.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn stored(b: &Browser, key: &str) -> TestResult<Option<String>> {
    b.js("return localStorage.getItem(arguments[0]);", vec![json!(key)])
        .await
}

async fn store(b: &Browser, key: &str, value: &str) -> TestResult {
    b.js::<Value>(
        "localStorage.setItem(arguments[0], arguments[1]); return null;",
        vec![json!(key), json!(value)],
    )
    .await?;
    Ok(())
}

/// The id of the first sign on the Check screen (from the DOM, so content changes do not break this).
async fn first_sign(b: &Browser) -> TestResult<String> {
    let id: Option<String> = b
        .js(
            "const i = document.querySelector(\"input[id^='sign-']\"); return i && i.id.slice(5);",
            vec![],
        )
        .await?;
    match id {
        Some(id) => Ok(id),
        None => fail(format!("no sign checkbox on the Check screen\n{}", b.describe().await)),
    }
}

async fn checked(b: &Browser, css: &str) -> TestResult<bool> {
    b.js(
        "const e = document.querySelector(arguments[0]); return !!(e && e.checked);",
        vec![json!(css)],
    )
    .await
}

async fn saved_note(b: &Browser) -> TestResult<String> {
    Ok(b.texts(".saved-note").await?.join(" | "))
}

fn check_record(saved_at_expr: &str, sign: &str) -> String {
    // Built in the page so the time comes from the browser's clock, as the app's would.
    format!(
        "JSON.stringify({{v: 1, saved_at: {saved_at_expr}, traded: 'yes', missing_now: 'no', in_care: 'unanswered', signs: ['{sign}']}})"
    )
}

// ---- The saved check ----

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_check_in_progress_survives_a_reload_and_reset_clears_it() -> TestResult {
    let _turn = SERIAL.lock().await;
    let (site, b) = start().await?;
    b.open(&site.url("/check")).await?;
    ensure!(
        stored(&b, CHECK_KEY).await?.is_none(),
        "a fresh device has a saved check already"
    );
    let sign = first_sign(&b).await?;
    b.tap(&format!("#sign-{sign}")).await?;
    b.tap("input[name='exchange'][value='Not sure']").await?;
    b.wait_until(
        "document.querySelector('.saved-note[data-saved=saved]')",
        "the 'Saved on this device' note",
        WAIT,
    )
    .await?;
    let note = saved_note(&b).await?;
    ensure!(
        note.starts_with("Saved on this device until ") && note.contains(':'),
        "the note should say until when it is saved, got {note:?}"
    );

    // What is stored: the format version, the time, the answers and sign ids. Nothing else.
    let raw = stored(&b, CHECK_KEY).await?.unwrap_or_default();
    let record: Value = serde_json::from_str(&raw).map_err(|e| format!("stored check is not JSON ({e}): {raw}"))?;
    ensure!(record["v"] == 3, "stored check has no format version 3: {raw}");
    ensure!(
        record["signs"] == json!([sign]),
        "stored signs are {} instead of [{sign}]",
        record["signs"]
    );
    ensure!(record["exchange"] == "not-sure", "stored answer: {raw}");
    let mut keys: Vec<String> = record
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    keys.sort();
    ensure!(
        keys == [
            "age_now",
            "age_then",
            "danger_now",
            "exchange",
            "missing_now",
            "returned",
            "saved_at",
            "signs",
            "v"
        ],
        "stored check holds more than answers: {keys:?}"
    );

    // As after a call, or the OS closing the tab: a fresh load of the page.
    b.reload().await?;
    ensure!(
        checked(&b, &format!("#sign-{sign}")).await?,
        "the sign was not restored after a reload\n{}",
        b.describe().await
    );
    ensure!(
        checked(&b, "input[name='exchange'][value='Not sure']").await?,
        "the answer was not restored after a reload"
    );
    ensure!(
        saved_note(&b).await?.starts_with("Saved on this device until"),
        "no saved note after restore"
    );

    // Reset asks first: "Yes, clear every answer".
    b.tap("button.reset").await?;
    b.tap("#reset-yes").await?;
    b.wait_until(
        "!document.querySelector(\"input[id^='sign-']:checked\")",
        "Reset to clear the signs",
        WAIT,
    )
    .await?;
    ensure!(
        stored(&b, CHECK_KEY).await?.is_none(),
        "Reset left the check on the device"
    );
    b.reload().await?;
    ensure!(
        !checked(&b, &format!("#sign-{sign}")).await?,
        "a reset check came back after a reload"
    );
    b.quit().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_check_is_not_restored_and_the_expiry_setting_applies() -> TestResult {
    let _turn = SERIAL.lock().await;
    let (site, b) = start().await?;
    b.open(&site.url("/check")).await?;
    let sign = first_sign(&b).await?;

    // Saved 13 hours ago: past the default 12 hours.
    b.js::<Value>(
        &format!(
            "localStorage.setItem('{CHECK_KEY}', {}); return null;",
            check_record("Date.now() - 13 * 3600e3", &sign)
        ),
        vec![],
    )
    .await?;
    b.reload().await?;
    ensure!(
        !checked(&b, &format!("#sign-{sign}")).await?,
        "a 13-hour-old check was restored"
    );
    ensure!(
        stored(&b, CHECK_KEY).await?.is_none(),
        "the expired check was left on the device"
    );

    // Saved 2 hours ago: restored, with its own expiry shown.
    b.js::<Value>(
        &format!(
            "localStorage.setItem('{CHECK_KEY}', {}); return null;",
            check_record("Date.now() - 2 * 3600e3", &sign)
        ),
        vec![],
    )
    .await?;
    b.reload().await?;
    ensure!(
        checked(&b, &format!("#sign-{sign}")).await?,
        "a 2-hour-old check was not restored\n{}",
        b.describe().await
    );
    ensure!(
        checked(&b, "input[name='exchange'][value='Yes']").await?,
        "the restored answer (a format-1 record's \"traded\") is wrong"
    );
    ensure!(
        saved_note(&b).await?.contains("until"),
        "no expiry shown for the restored check"
    );

    // Keep checks for 1 hour: the same 2-hour-old check is now too old.
    b.open(&site.url("/settings")).await?;
    b.tap("input[name='expiry'][value='1']").await?;
    b.wait_until(
        "(localStorage.getItem('red-flags:settings') || '').includes('\"expiry_hours\":1}')",
        "the expiry setting to be saved",
        WAIT,
    )
    .await?;
    b.open(&site.url("/check")).await?;
    ensure!(
        !checked(&b, &format!("#sign-{sign}")).await?,
        "a check older than the 1-hour setting was restored"
    );
    ensure!(
        stored(&b, CHECK_KEY).await?.is_none(),
        "the check past the 1-hour setting was left on the device"
    );
    b.quit().await;
    Ok(())
}

// ---- Quick exit ----

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_exit_replaces_the_app_clears_the_check_and_back_does_not_return() -> TestResult {
    let _turn = SERIAL.lock().await;
    let (site, b) = start().await?;
    b.open(&site.url("/")).await?;
    // Through the app, as a user would: four screens of the app in this tab's history.
    for (link, path) in [("call", "/call"), ("guide", "/guide"), ("check", "/check")] {
        b.tap(&format!(".main-nav a[href$='{link}']")).await?;
        b.wait_until(
            &format!("location.pathname.endsWith('{path}') && document.querySelector('main h1')"),
            path,
            WAIT,
        )
        .await?;
    }
    b.wait_until(
        "document.querySelector(\"input[id^='sign-']\")",
        "the Check screen's signs",
        WAIT,
    )
    .await?;
    let sign = first_sign(&b).await?;
    b.tap(&format!("#sign-{sign}")).await?;
    b.wait_until(
        &format!("localStorage.getItem('{CHECK_KEY}')"),
        "the check to be saved",
        WAIT,
    )
    .await?;

    let exit = b.find(".top .quick-exit").await?;
    let rect: Value = b
        .js("const r = document.querySelector('.top .quick-exit').getBoundingClientRect(); return {w: r.width, h: r.height, top: r.top};", vec![])
        .await?;
    ensure!(
        rect["h"].as_f64().unwrap_or(0.0) >= 44.0 && rect["w"].as_f64().unwrap_or(0.0) >= 44.0,
        "the exit button is smaller than 44px: {rect}"
    );
    ensure!(
        rect["top"].as_f64().unwrap_or(-1.0) >= 0.0,
        "the exit button is not at the top of the screen: {rect}"
    );
    exit.click().await?;
    assert_on_exit_page(&b, "tapping Exit").await?;
    ensure!(
        stored(&b, CHECK_KEY).await?.is_none(),
        "quick exit left the check on the device"
    );

    // Back, three times: each earlier screen of the app sends the tab to the neutral page again.
    for i in 1..=3 {
        b.driver().back().await?;
        assert_on_exit_page(&b, &format!("Back #{i}")).await?;
    }

    // A deliberate visit opens the app as usual, and the exited check is gone.
    b.open(&site.url("/check")).await?;
    ensure!(
        !checked(&b, &format!("#sign-{sign}")).await?,
        "the check came back after quick exit"
    );
    b.quit().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn escape_three_times_is_a_quick_exit_and_twice_is_not() -> TestResult {
    let _turn = SERIAL.lock().await;
    let (site, b) = start().await?;
    b.open(&site.url("/")).await?;
    // One in-app screen before it, so Back has somewhere in the app to go.
    b.tap(".main-nav a[href$='check']").await?;
    b.wait_until("location.pathname.endsWith('/check')", "the Check screen", WAIT)
        .await?;
    b.driver()
        .action_chain()
        .send_keys(Key::Escape + Key::Escape)
        .perform()
        .await?;
    tokio::time::sleep(Duration::from_millis(1700)).await;
    b.driver().action_chain().send_keys(Key::Escape).perform().await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    ensure!(
        b.path().await?.ends_with("/check"),
        "Escape twice, then once 1.7 s later, left the app\n{}",
        b.describe().await
    );

    b.driver()
        .action_chain()
        .send_keys(Key::Escape + Key::Escape + Key::Escape)
        .perform()
        .await?;
    assert_on_exit_page(&b, "Escape ×3").await?;
    b.driver().back().await?;
    assert_on_exit_page(&b, "Back after Escape ×3").await?;
    b.quit().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_exit_works_offline() -> TestResult {
    let _turn = SERIAL.lock().await;
    let (mut site, b) = start().await?;
    b.open(&site.url("/")).await?;
    b.wait_for_service_worker().await?;
    b.tap(".main-nav a[href$='check']").await?;
    b.wait_until("location.pathname.endsWith('/check')", "the Check screen", WAIT)
        .await?;
    // The network is gone (as in a basement, or airplane mode): the neutral page must still show.
    site.stop().await;
    b.tap(".top .quick-exit").await?;
    assert_on_exit_page(&b, "Exit, offline").await?;
    b.driver().back().await?;
    assert_on_exit_page(&b, "Back, offline").await?;
    b.quit().await;
    Ok(())
}

// ---- My numbers ----

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn my_numbers_are_validated_saved_called_edited_and_deleted() -> TestResult {
    let _turn = SERIAL.lock().await;
    let (site, b) = start().await?;
    b.open(&site.url("/call")).await?;
    let label = b.find("#my-label").await?;
    let number = b.find("#my-number").await?;
    label.send_keys("State hotline").await?;
    number.send_keys("234-5678").await?;
    b.tap(".my-number-form button[type=submit]").await?;

    // Refused, with the message linked to the field, focus on it, and nothing typed lost.
    b.wait_until(
        "document.getElementById('my-number-error')",
        "the number's error message",
        WAIT,
    )
    .await?;
    let field: Value = b
        .js(
            "const i = document.getElementById('my-number');
             return { invalid: i.getAttribute('aria-invalid'), describedby: i.getAttribute('aria-describedby'),
                      focused: document.activeElement === i, value: i.value,
                      label: document.getElementById('my-label').value,
                      error: document.getElementById('my-number-error').innerText };",
            vec![],
        )
        .await?;
    ensure!(
        field["invalid"] == "true",
        "the bad number is not marked aria-invalid: {field}"
    );
    ensure!(
        field["describedby"]
            .as_str()
            .is_some_and(|d| d.split(' ').any(|x| x == "my-number-error")),
        "the error is not linked by aria-describedby: {field}"
    );
    ensure!(
        field["focused"] == true,
        "focus did not move to the field to fix: {field}"
    );
    ensure!(
        field["value"] == "234-5678" && field["label"] == "State hotline",
        "what was typed was lost: {field}"
    );
    ensure!(
        field["error"].as_str().is_some_and(|e| e.contains("area code")),
        "the error does not say how to fix it: {field}"
    );
    b.assert_accessible("the Call screen with a number refused").await?;

    // 911 points to the built-in link.
    number.clear().await?;
    number.send_keys("911").await?;
    b.tap(".my-number-form button[type=submit]").await?;
    b.wait_until(
        "(document.getElementById('my-number-error') || {}).innerText.includes('Call 911')",
        "the 911 message",
        WAIT,
    )
    .await?;

    number.clear().await?;
    number.send_keys("(555) 234-5678").await?;
    b.tap(".my-number-form button[type=submit]").await?;
    b.wait_until(
        "document.querySelector(\".my-number a.call-link[href='tel:+15552345678']\")",
        "the saved number's call link",
        WAIT,
    )
    .await?;
    let link_text = b.texts(".my-number a.call-link").await?.join(" ");
    ensure!(
        link_text.contains("State hotline") && link_text.contains("1-555-234-5678"),
        "the call link reads {link_text:?}"
    );
    ensure!(
        b.find("#my-number")
            .await?
            .value()
            .await?
            .unwrap_or_default()
            .is_empty(),
        "the form was not cleared after saving"
    );

    // Stored on the device only, and back after a reload.
    let raw = stored(&b, NUMBERS_KEY).await?.unwrap_or_default();
    ensure!(
        raw.contains("+15552345678") && raw.contains("\"v\":1"),
        "stored numbers: {raw}"
    );
    b.reload().await?;
    ensure!(
        b.tel_links().await?.contains(&"tel:+15552345678".to_string()),
        "the number is gone after a reload"
    );

    // Edit: the form is filled in, and saving changes the entry in place.
    b.tap(".my-number button[aria-label='Edit State hotline']").await?;
    let label = b.find("#my-label").await?;
    ensure!(
        label.value().await?.as_deref() == Some("State hotline"),
        "Edit did not fill in the name"
    );
    label.clear().await?;
    label.send_keys("Supervisor").await?;
    b.tap(".my-number-form button[type=submit]").await?;
    b.wait_until(
        "document.querySelector(\".my-number a.call-link[aria-label^='Call Supervisor']\")",
        "the renamed number",
        WAIT,
    )
    .await?;
    ensure!(
        b.find_all(".my-number").await?.len() == 1,
        "editing added a second entry"
    );

    // Delete asks first, then removes it from the screen and the device.
    b.tap(".my-number button[aria-label='Delete Supervisor']").await?;
    b.tap(".my-number .confirm button.danger").await?;
    b.wait_until(
        "document.querySelectorAll('.my-number').length === 0",
        "the number to be deleted",
        WAIT,
    )
    .await?;
    ensure!(
        stored(&b, NUMBERS_KEY).await?.is_none(),
        "the deleted number is still stored"
    );
    ensure!(
        !b.tel_links().await?.contains(&"tel:+15552345678".to_string()),
        "the deleted number can still be called"
    );
    b.quit().await;
    Ok(())
}

// ---- The case-note summary ----

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copy_summary_puts_the_case_note_on_the_clipboard_or_in_a_selected_box() -> TestResult {
    let _turn = SERIAL.lock().await;
    let (site, b) = start().await?;
    b.open(&site.url("/check")).await?;
    let sign = first_sign(&b).await?;
    b.tap(&format!("#sign-{sign}")).await?;
    let sign_label: String = b
        .js("return document.querySelector('#sign-' + arguments[0]).closest('label').querySelector('.toggle-label').innerText.trim();", vec![json!(sign)])
        .await?;
    let expect = |text: &str, how: &str| -> TestResult {
        for part in [
            "Red flags check, ",
            "(device time)",
            "Signs noted (1):",
            &sign_label,
            "Suggested next steps:",
            "(Source: ",
            "A sign is not proof.",
            "This app is not legal advice.",
        ] {
            ensure!(text.contains(part), "the summary ({how}) lacks {part:?}:\n{text}");
        }
        Ok(())
    };

    // 1. The Clipboard API, where the browser grants it.
    let granted = b.allow_clipboard(&site.origin()).await.is_ok();
    b.tap("#copy-summary").await?;
    b.wait_until(
        "document.querySelector('.copy-status').innerText.includes('copied') || document.getElementById('summary-text')",
        "the summary to be copied or shown",
        WAIT,
    )
    .await?;
    let copied: bool = b
        .js(
            "return document.querySelector('.copy-status').innerText.includes('copied');",
            vec![],
        )
        .await?;
    if copied {
        let clip = b.read_clipboard().await?;
        match clip["t"].as_str() {
            Some(text) => expect(text, "clipboard")?,
            None => eprintln!(
                "note: the clipboard could not be read back ({}), permissions granted: {granted}",
                clip["e"]
            ),
        }
    } else {
        eprintln!(
            "note: this Chromium refused the Clipboard API (permissions granted: {granted}); the fallback showed"
        );
    }

    // 2. The fallback, made certain: a Clipboard API that refuses.
    b.js::<Value>(
        "navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError')); return null;",
        vec![],
    )
    .await?;
    b.tap("#copy-summary").await?;
    b.wait_until(
        "document.getElementById('summary-text')",
        "the read-only summary box",
        WAIT,
    )
    .await?;
    b.wait_until(
        "document.activeElement === document.getElementById('summary-text')",
        "focus on the summary box",
        WAIT,
    )
    .await?;
    let bx: Value = b
        .js(
            "const t = document.getElementById('summary-text');
             return { value: t.value, readonly: t.readOnly, start: t.selectionStart, end: t.selectionEnd,
                      label: !!document.querySelector('label[for=summary-text]') };",
            vec![],
        )
        .await?;
    let text = bx["value"].as_str().unwrap_or("");
    expect(text, "fallback box")?;
    ensure!(
        bx["readonly"] == true && bx["label"] == true,
        "the summary box is not a labelled read-only field: {bx}"
    );
    ensure!(
        bx["start"] == 0 && bx["end"].as_u64() == Some(text.encode_utf16().count() as u64),
        "the summary is not all selected: {bx}"
    );
    b.assert_accessible("the Check screen with the summary box").await?;
    b.quit().await;
    Ok(())
}

/// On a Spanish route the copied note is Spanish: its labels, the questions, the signs ticked
/// and the steps, with no English label; the saved notice and the copy notes are Spanish too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_case_note_copied_on_a_spanish_route_is_in_spanish() -> TestResult {
    let _turn = SERIAL.lock().await;
    let (site, b) = start().await?;
    b.open(&site.url("/es/check")).await?;
    let sign = first_sign(&b).await?;
    b.tap(&format!("#sign-{sign}")).await?;
    // The form values are the same in both languages; the label shown is Spanish.
    b.tap("#q-missing-now label.option:has(input[value='Yes'])").await?;
    let (sign_label, yes): (String, String) = b
        .js(
            "return [document.querySelector('#sign-' + arguments[0]).closest('label').querySelector('.toggle-label').innerText.trim(),
                     document.querySelector(\"#q-missing-now label.option:has(input[value='Yes'])\").innerText.trim()];",
            vec![json!(sign)],
        )
        .await?;
    ensure!(yes == "S\u{ed}", "the answer's label on the Spanish screen: {yes:?}");
    b.wait_until("document.querySelector('.saved-note')", "the saved notice", WAIT)
        .await?;
    let saved = saved_note(&b).await?;
    ensure!(
        saved.starts_with("Guardado en este dispositivo hasta "),
        "the saved notice: {saved:?}"
    );
    // The clipboard write is captured, so what would be pasted is read back whatever the permissions.
    b.js::<Value>(
        "window.__copied = undefined;
         if (navigator.clipboard) navigator.clipboard.writeText = t => { window.__copied = t; return Promise.resolve(); };
         return null;",
        vec![],
    )
    .await?;
    b.tap("#copy-summary").await?;
    b.wait_until(
        "window.__copied !== undefined || document.getElementById('summary-text')",
        "the summary to be copied or shown",
        WAIT,
    )
    .await?;
    let (text, status): (String, String) = b
        .js(
            "const box = document.getElementById('summary-text');
             return [window.__copied !== undefined ? window.__copied : box.value,
                     document.querySelector('.copy-status').innerText + (box ? document.querySelector('label[for=summary-text]').innerText : '')];",
            vec![],
        )
        .await?;
    ensure!(
        status.starts_with("Resumen copiado") || status.starts_with("No se pudo copiar"),
        "the copy note is not Spanish: {status:?}"
    );
    for part in [
        "Verificaci\u{f3}n de Red flags, ",
        "(hora del dispositivo)",
        "\u{bf}Est\u{e1} el joven desaparecido en este momento? S\u{ed}",
        "Se\u{f1}ales marcadas (1):",
        "Vulnerabilidades marcadas: ninguna.",
        &sign_label,
        "Resultado: ",
        "Pr\u{f3}ximos pasos sugeridos:",
        "(Fuente: ",
        "Una se\u{f1}al no es una prueba.",
        "Basado en: ",
        "1-800-THE-LOST (1-800-843-5678)",
    ] {
        ensure!(text.contains(part), "the Spanish summary lacks {part:?}:\n{text}");
    }
    for english in [
        "Red flags check",
        "device time",
        "Signs noted",
        "Vulnerabilities noted",
        "Result:",
        "(Source:",
        "Suggested next steps",
        "Based on",
        "Not answered",
        "A sign is not proof",
    ] {
        ensure!(
            !text.contains(english),
            "English {english:?} in the Spanish summary:\n{text}"
        );
    }
    b.quit().await;
    Ok(())
}

// ---- Settings ----

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_apply_at_once_persist_and_erase_everything_asks_first() -> TestResult {
    let _turn = SERIAL.lock().await;
    let (site, b) = start().await?;
    b.open(&site.url("/")).await?;
    b.tap(".foot a[href$='settings']").await?;
    b.wait_until(
        "location.pathname.endsWith('/settings') && document.querySelector(\"input[name='theme']\")",
        "the Settings screen",
        WAIT,
    )
    .await?;
    b.assert_accessible("the Settings screen").await?;
    // Each part of Settings has its heading (a question's legend, or a section's), the language too.
    let lang_heading: Option<String> = b
        .js(
            "const s = document.querySelector('main .settings-lang').closest('section[aria-labelledby]');
             return s && document.getElementById(s.getAttribute('aria-labelledby')).innerText;",
            vec![],
        )
        .await?;
    ensure!(
        lang_heading == Some(ui_text("en", "settings.language_heading")?),
        "the language link in Settings has no heading of its own: {lang_heading:?}"
    );
    b.tap("input[name='text-scale'][value='150']").await?;
    b.tap("input[name='theme'][value='dark']").await?;
    let look = "return { theme: document.documentElement.dataset.theme || null,
                         scale: document.documentElement.style.getPropertyValue('--text-scale').trim(),
                         px: getComputedStyle(document.documentElement).fontSize };";
    let now: Value = b.js(look, vec![]).await?;
    ensure!(
        now["theme"] == "dark" && now["scale"] == "1.5",
        "settings did not apply at once: {now}"
    );
    ensure!(
        now["px"] == "24px",
        "text at 150% should be 24px at the root, is {}",
        now["px"]
    );
    b.reload().await?;
    let after: Value = b.js(look, vec![]).await?;
    ensure!(
        after == now,
        "settings did not persist across a reload: {after} vs {now}"
    );
    ensure!(
        b.csp_violations().await?.is_empty(),
        "applying settings broke the CSP: {:?}",
        b.csp_violations().await?
    );

    // Something of everything on the device, then erase.
    store(
        &b,
        CHECK_KEY,
        &format!(
            "{{\"v\":1,\"saved_at\":{},\"traded\":\"yes\",\"missing_now\":\"no\",\"in_care\":\"no\",\"signs\":[]}}",
            0
        ),
    )
    .await?;
    store(
        &b,
        NUMBERS_KEY,
        "{\"v\":1,\"numbers\":[{\"label\":\"Supervisor\",\"dial\":\"+15552345678\"}]}",
    )
    .await?;
    store(&b, "unrelated-key", "kept").await?;
    b.tap("#erase-start").await?;
    b.wait_until(
        "document.activeElement && document.activeElement.classList.contains('danger')",
        "focus on the confirmation",
        WAIT,
    )
    .await?;
    ensure!(
        stored(&b, SETTINGS_KEY).await?.is_some(),
        "asking for confirmation already erased"
    );
    b.tap(".erase button.danger").await?;
    b.wait_until(
        "document.querySelector('.erased').innerText.includes('Erased')",
        "the erased message",
        WAIT,
    )
    .await?;
    for key in [CHECK_KEY, NUMBERS_KEY, SETTINGS_KEY] {
        ensure!(stored(&b, key).await?.is_none(), "{key} survived Erase everything");
    }
    ensure!(
        stored(&b, "unrelated-key").await?.as_deref() == Some("kept"),
        "Erase removed a key that is not the app's"
    );
    let reset: Value = b.js(look, vec![]).await?;
    ensure!(
        reset["theme"].is_null() && reset["scale"] == "1",
        "settings were not reset on screen: {reset}"
    );
    b.quit().await;
    Ok(())
}

// ---- Storage that is corrupted, full or switched off ----

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn corrupted_storage_never_stops_the_app() -> TestResult {
    let _turn = SERIAL.lock().await;
    let (site, b) = start().await?;
    b.open(&site.url("/")).await?;
    store(&b, CHECK_KEY, "{\"v\":1,\"saved_at\":").await?;
    store(&b, SETTINGS_KEY, "[1,2,3]").await?;
    store(&b, NUMBERS_KEY, "{\"v\":99,\"numbers\":\"from the future\"}").await?;
    b.open(&site.url("/check")).await?;
    b.tap("input[name='exchange'][value='Yes']").await?;
    b.wait_until(
        "document.querySelector('[data-action^=legal-rule]')",
        "the checker to work",
        WAIT,
    )
    .await?;
    b.wait_until(
        "document.querySelector('.saved-note[data-saved=saved]')",
        "the check to be saved over the corrupted one",
        WAIT,
    )
    .await?;
    let raw = stored(&b, CHECK_KEY).await?.unwrap_or_default();
    ensure!(
        serde_json::from_str::<Value>(&raw).is_ok(),
        "the corrupted check was not replaced: {raw}"
    );
    ensure!(
        stored(&b, SETTINGS_KEY).await?.is_none(),
        "the wrong-shaped settings were left in place"
    );
    ensure!(
        stored(&b, NUMBERS_KEY).await?.as_deref() == Some("{\"v\":99,\"numbers\":\"from the future\"}"),
        "numbers in a newer format must be left for the newer app"
    );
    b.open(&site.url("/call")).await?;
    ensure!(
        b.tel_links().await?.contains(&"tel:911".to_string()),
        "no 911 link with corrupted storage"
    );
    let errors = b.errors().await?;
    ensure!(errors.is_empty(), "the page reported errors:\n{}", errors.join("\n"));
    b.quit().await;
    Ok(())
}

/// Installs `script` before any page script of every document in this browser.
async fn before_every_page(b: &Browser, script: &str) -> TestResult {
    b.cdp("Page.addScriptToEvaluateOnNewDocument", json!({ "source": script }))
        .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn storage_switched_off_or_full_shows_a_notice_and_checking_and_calling_still_work() -> TestResult {
    let _turn = SERIAL.lock().await;
    for (case, script, notice) in [
        (
            "switched off",
            "Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });",
            "not letting the app save",
        ),
        (
            "full",
            "Storage.prototype.setItem = function () { throw new DOMException('quota', 'QuotaExceededError'); };",
            "full",
        ),
    ] {
        let (site, b) = start().await?;
        before_every_page(&b, script).await?;
        b.open(&site.url("/check")).await?;
        let sign = first_sign(&b).await?;
        b.tap(&format!("#sign-{sign}")).await?;
        b.wait_until("document.querySelector('.saved-note[data-saved=failed]')", &format!("the notice when storage is {case}"), WAIT).await?;
        let note = saved_note(&b).await?;
        ensure!(note.contains(notice) && note.contains("You can still check and call"), "storage {case}: notice reads {note:?}");
        b.tap("input[name='missing-now'][value='Yes']").await?;
        b.wait_until("document.querySelector('[data-action=call-911-missing-child] a[href=\"tel:911\"]')", &format!("911 first with storage {case}"), WAIT).await?;
        // The Call screen and saving a number: refused to save, but usable now.
        b.tap(".main-nav a[href$='call']").await?;
        b.wait_until("document.getElementById('my-label')", "the Call screen", WAIT).await?;
        b.find("#my-label").await?.send_keys("Supervisor").await?;
        b.find("#my-number").await?.send_keys("555-234-5678").await?;
        b.tap(".my-number-form button[type=submit]").await?;
        b.wait_until("document.querySelector(\"a[href='tel:+15552345678']\")", &format!("the number to be usable with storage {case}"), WAIT).await?;
        let status = b.texts(".my-numbers .copy-status").await?.join(" ");
        ensure!(status.contains("until the app is closed"), "storage {case}: saving a number does not say it is not kept: {status:?}");
        let errors: Vec<String> = b.errors().await?.into_iter().filter(|e| !e.contains("DOMException")).collect();
        ensure!(errors.is_empty(), "storage {case}: the page reported errors:\n{}", errors.join("\n"));
        b.quit().await;
        drop(site);
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Before the app starts
// ---------------------------------------------------------------------------------------------

/// On a slow first visit the prerendered page is up long before the WebAssembly: a sign ticked, the
/// legal question answered, "Why this matters" opened or a search typed there is kept when the app takes
/// over (and the check is saved), never silently dropped.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_is_done_before_the_app_starts_is_kept() -> TestResult {
    let _serial = SERIAL.lock().await;
    let (site, b) = start_with(Launch {
        no_load_wait: true,
        ..Launch::default()
    })
    .await?;
    b.cdp("Network.enable", json!({})).await?;
    // About 40 kB/s: the page and stylesheet in well under a second, the WASM in several.
    b.cdp(
        "Network.emulateNetworkConditions",
        json!({ "offline": false, "latency": 0, "downloadThroughput": 40_000, "uploadThroughput": -1 }),
    )
    .await?;
    let not_started = "document.documentElement.dataset.app !== 'ready'";

    b.goto(&site.url("/check")).await?;
    b.wait_until(
        // The exchange question comes after the signs: wait for it too, as the page may still be arriving.
        "!!document.querySelector(\"#shell input[id^='sign-']\") && !!document.querySelector('#shell main details')
         && !!document.querySelector('#shell input[name=\"exchange\"][value=\"Yes\"]')",
        "the prerendered Check page",
        WAIT,
    )
    .await?;
    let sign: String = b
        .js(
            "const i = document.querySelector(\"#shell input[id^='sign-']\"); i.click();
             document.querySelector('#shell input[name=\"exchange\"][value=\"Yes\"]').click();
             document.querySelector('#shell main details').open = true;
             i.focus();
             return i.id;",
            vec![],
        )
        .await?;
    // Where the focused sign sits on the screen: the take-over must not move it.
    let top_before: f64 = b
        .js(
            "return document.getElementById(arguments[0]).getBoundingClientRect().top;",
            vec![json!(sign)],
        )
        .await?;
    let early: bool = b.js(&format!("return {not_started};"), vec![]).await?;
    ensure!(
        early,
        "the app had started before the test could act on the static page: slow the network further"
    );
    // Ticks are not read before the app runs: the summary bar must not say that none were noted. (The bar
    // is near the end of the page, which may still be arriving.)
    b.wait_until(
        "!!document.querySelector('#shell [data-live-summary] a')",
        "the prerendered summary bar",
        WAIT,
    )
    .await?;
    let bar: String = b
        .js(
            "return document.querySelector('#shell [data-live-summary]').textContent;",
            vec![],
        )
        .await?;
    ensure!(
        !bar.contains("None noted") && bar.contains("Next steps"),
        "before the app runs, with a sign ticked, the summary bar says {bar:?}"
    );
    // At this speed the WASM (served uncompressed) takes about 20 s to arrive.
    b.wait_ready_within(Duration::from_secs(90)).await?;
    let after: Value = b
        .js(
            "const s = document.getElementById(arguments[0]);
             return { shell: !!document.getElementById('shell'), sign: !!s && s.checked,
                      traded: !!document.querySelector('input[name=\"exchange\"][value=\"Yes\"]:checked'),
                      open: !!document.querySelector('main details[open]'),
                      focused: document.activeElement === s,
                      top: s ? s.getBoundingClientRect().top : null,
                      legal: !!document.querySelector('[data-action^=\"legal-rule\"]'),
                      stored: localStorage.getItem('red-flags:check') };",
            vec![json!(sign)],
        )
        .await?;
    ensure!(
        after["shell"] == false,
        "the static page is still there after the app started: {after}"
    );
    ensure!(
        after["sign"] == true,
        "the sign ticked before the app started ({sign}) is not ticked in the app: {after}"
    );
    ensure!(
        after["traded"] == true,
        "the answer given before the app started is lost: {after}"
    );
    ensure!(
        after["legal"] == true,
        "the app did not act on the carried-over answer (no legal rule in the next steps): {after}\n{}",
        b.describe().await
    );
    ensure!(
        after["open"] == true,
        "\"Why this matters\", opened before the app started, closed again: {after}"
    );
    ensure!(
        after["focused"] == true,
        "focus did not move to the app's own checkbox: {after}"
    );
    ensure!(
        // Within a pixel: the scroll position the take-over restores is a whole number of pixels, and
        // the sign's top is not.
        after["top"]
            .as_f64()
            .is_some_and(|top| (top - top_before).abs() <= 1.01),
        "the focused sign moved on the screen as the app took over: top {top_before} px before, after {after}"
    );
    let stored = after["stored"].as_str().unwrap_or("");
    ensure!(
        stored.contains(sign.trim_start_matches("sign-")),
        "the carried-over check was not saved: {stored:?}"
    );

    // A search typed into the static glossary stays typed, and filters. The WASM must come over the slow
    // network again, not from the HTTP cache or the service worker the first page installed.
    b.cdp("Network.setBypassServiceWorker", json!({ "bypass": true }))
        .await?;
    b.cdp("Network.clearBrowserCache", json!({})).await?;
    b.goto(&site.url("/glossary")).await?;
    b.wait_until(
        "!!document.querySelector('#shell #glossary-q')",
        "the prerendered Glossary page",
        WAIT,
    )
    .await?;
    b.js::<Value>(
        "const q = document.querySelector('#shell #glossary-q'); q.value = 'groom'; q.focus(); return null;",
        vec![],
    )
    .await?;
    let early: bool = b.js(&format!("return {not_started};"), vec![]).await?;
    ensure!(
        early,
        "the app had started before the test could type on the static glossary: slow the network further"
    );
    // At this speed the WASM (served uncompressed) takes about 20 s to arrive.
    b.wait_ready_within(Duration::from_secs(90)).await?;
    let after: Value = b
        .js(
            "const q = document.getElementById('glossary-q');
             return { value: q.value, focused: document.activeElement === q,
                      terms: Array.from(document.querySelectorAll('main .terms li a')).map(a => a.textContent) };",
            vec![],
        )
        .await?;
    ensure!(
        after["value"] == "groom",
        "the search typed before the app started is gone: {after}"
    );
    ensure!(
        after["terms"]
            .as_array()
            .is_some_and(|t| t.len() == 1 && t[0] == "Grooming"),
        "the carried-over search did not filter: {after}"
    );
    ensure!(
        after["focused"] == true,
        "focus did not move to the app's search box: {after}"
    );
    b.quit().await;
    Ok(())
}

/// A returning visitor's theme and text size apply before the first paint (`public/early.js`), not when
/// the app starts: no flash of the default theme, and nothing moves when the app takes over.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn display_settings_apply_before_the_app_starts() -> TestResult {
    let _serial = SERIAL.lock().await;
    let (site, b) = start().await?;
    let settings = r#"{"v":1,"text_scale":150,"theme":"dark","expiry_hours":12}"#;
    before_every_page(
        &b,
        &format!("localStorage.setItem({}, {});", json!(SETTINGS_KEY), json!(settings)),
    )
    .await?;
    const APPLIED: &str = "return { theme: document.documentElement.dataset.theme || null,
        scale: document.documentElement.style.getPropertyValue('--text-scale'),
        app: document.documentElement.dataset.app || null };";

    // Without the WASM only the early script can have applied them.
    b.block_wasm().await?;
    b.goto(&site.url("/glossary")).await?;
    let early: Value = b.js(APPLIED, vec![]).await?;
    ensure!(
        early["app"].is_null(),
        "the app started although .wasm was blocked: {early}"
    );
    ensure!(
        early["theme"] == "dark" && early["scale"] == "1.5",
        "the stored settings were not applied before the app: {early}"
    );

    // With the app: the same, and its start shifts nothing.
    b.unblock_wasm().await?;
    b.open(&site.url("/glossary")).await?;
    let app: Value = b.js(APPLIED, vec![]).await?;
    ensure!(
        app["theme"] == "dark" && app["scale"] == "1.5",
        "the app shows other settings: {app}"
    );
    let shift = b.layout_shift().await?;
    ensure!(
        shift == 0.0,
        "the page shifted by {shift} when the app applied the stored settings"
    );
    b.quit().await;
    Ok(())
}
