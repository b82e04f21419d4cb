//! The checker and the glossary: the result follows the answers live, the legal rule and the urgent
//! calls come first where they must, no verdict without WebAssembly, the glossary filters as you type.
//! The harness is `lib.rs`; run by `cargo xtask test`.

use browser_tests::thirtyfour::prelude::*;
use browser_tests::*;
use serde_json::{json, Value};
use std::time::Duration;

// ---------------------------------------------------------------------------------------------
// The checker and the glossary
// ---------------------------------------------------------------------------------------------

async fn status_text(b: &Browser) -> TestResult<String> {
    Ok(b.texts(".result .status").await?.join(" | "))
}

async fn action_ids(b: &Browser) -> TestResult<Vec<String>> {
    b.js(
        "return Array.from(document.querySelectorAll('.result .actions [data-action]')).map(e => e.dataset.action);",
        vec![],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checker_an_exchange_under_18_then_puts_the_legal_rule_first_and_never_for_an_adult_then() -> TestResult {
    let (site, b) = start().await?;
    b.open(&site.url("/check")).await?;
    let before = action_ids(&b).await?;
    ensure!(
        !before.contains(&"legal-rule".to_string()),
        "the legal rule shows before any answer: {before:?}"
    );
    answer(&b, "age", "Under 18").await?;
    answer(&b, "exchange", "Yes").await?;
    b.wait_until(
        "document.querySelector('.result .actions [data-action]')?.dataset.action === 'legal-rule'",
        "the legal rule to be the first step after an exchange under 18",
        Duration::from_secs(5),
    )
    .await?;
    let ids = action_ids(&b).await?;
    ensure!(
        ids.contains(&"report-cybertipline".to_string()),
        "no CyberTipline step after an exchange: {ids:?}"
    );
    let cyber: Vec<String> = b.js("return Array.from(document.querySelectorAll('.result [data-action=\"report-cybertipline\"] a.web-link')).map(a => a.href);", vec![]).await?;
    ensure!(
        cyber == ["https://report.cybertip.org/"],
        "the CyberTipline is not a real link: {cyber:?}"
    );
    let headline = b.texts(".result .headline").await?.join(" ");
    ensure!(
        headline.contains("victim of sex trafficking"),
        "the headline does not state the rule: {headline:?}"
    );
    // The rule comes right under the question it answers, where it cannot be missed: after the
    // exchange question, with only the age-then question between.
    let between: Vec<String> = b
        .js(
            "const q = document.querySelector('#q-exchange'), r = document.querySelector('.result');
             const after = (a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
             if (!q || !r || !after(q, r)) return ['the result is not after the exchange question'];
             return [...document.querySelectorAll('main .question, main .signs')]
               .filter(e => after(q, e) && after(e, r)).map(e => e.id || e.className);",
            vec![],
        )
        .await?;
    ensure!(
        between == ["q-age-then"],
        "with the legal rule, the result must follow the exchange question (only the age then between): {between:?}"
    );
    // 18 or older at the time: never the child rule; the National Human Trafficking Hotline, then what the
    // statute says for adults.
    answer(&b, "age", "21 or older").await?;
    answer(&b, "age-then", "18 or older").await?;
    b.wait_until(
        "!!document.querySelector('.result [data-action=\"adult-rule\"]')",
        "the adult rule for 18 or older",
        Duration::from_secs(5),
    )
    .await?;
    let ids = action_ids(&b).await?;
    ensure!(
        !ids.iter().any(|id| id.starts_with("legal-rule")),
        "the child rule shows for an adult: {ids:?}"
    );
    ensure!(
        ids.first().map(String::as_str) == Some("hotline-adult"),
        "the Hotline is not the first step for 18 or older then: {ids:?}"
    );
    let headline = b.texts(".result .headline").await?.join(" ");
    ensure!(
        headline.contains("National Human Trafficking Hotline"),
        "the headline does not name the Hotline in full: {headline:?}"
    );
    // 18 now, 16 then: the rule turns on the age at the time.
    answer(&b, "age", "18 to 20").await?;
    answer(&b, "age-then", "Under 18").await?;
    b.wait_until(
        "document.querySelector('.result .actions [data-action]')?.dataset.action === 'legal-rule'",
        "the legal rule for a youth 18 now and under 18 then",
        Duration::from_secs(5),
    )
    .await?;
    let ids = action_ids(&b).await?;
    ensure!(
        ids.get(1).map(String::as_str) == Some("tell-agency-victim")
            && ids.contains(&"report-cybertipline".to_string()),
        "18 now, under 18 then: {ids:?}"
    );
    // Not sure of the age then: the rule, said as "if the youth was under 18 then".
    answer(&b, "age-then", "Not sure").await?;
    b.wait_until(
        "!!document.querySelector('.result [data-action=\"legal-rule-if-under-18\"]')",
        "the rule stated for a youth under 18",
        Duration::from_secs(5),
    )
    .await?;
    let text = b
        .texts(".result [data-action='legal-rule-if-under-18']")
        .await?
        .join(" ");
    ensure!(
        text.starts_with("If the youth was under 18 then"),
        "the rule for an unknown age reads {text:?}"
    );
    b.quit().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checker_signs_update_the_result_live_and_reset_clears() -> TestResult {
    let (site, b) = start().await?;
    b.open(&site.url("/check")).await?;
    let status = status_text(&b).await?;
    ensure!(
        status.contains("No signs or vulnerabilities noted"),
        "before any tap the status is {status:?}"
    );
    let reset_disabled: bool = b
        .js("return document.querySelector('button.reset').disabled;", vec![])
        .await?;
    ensure!(reset_disabled, "reset is enabled with nothing to clear");

    let toggles: Vec<String> = b.js("return Array.from(document.querySelectorAll('.signs .group:not(.background) input[type=checkbox]')).map(i => i.id);", vec![]).await?;
    ensure!(toggles.len() >= 2, "fewer than 2 sign toggles on /check: {toggles:?}");
    b.tap(&format!("#{}", toggles[0])).await?;
    b.wait_until(
        "document.querySelector('.result .status').innerText.includes('1 sign noted')",
        "\"1 sign noted\" after one tap",
        Duration::from_secs(5),
    )
    .await?;
    b.tap(&format!("#{}", toggles[1])).await?;
    b.wait_until(
        "document.querySelector('.result .status').innerText.includes('2 signs noted')",
        "\"2 signs noted\" after two taps",
        Duration::from_secs(5),
    )
    .await?;
    let ids = action_ids(&b).await?;
    ensure!(
        ids.contains(&"ask-questions".to_string()) && !ids.contains(&"nothing-noted".to_string()),
        "actions with 2 signs: {ids:?}"
    );
    // Untapping one counts down.
    b.tap(&format!("#{}", toggles[0])).await?;
    b.wait_until(
        "document.querySelector('.result .status').innerText.includes('1 sign noted')",
        "\"1 sign noted\" after untapping one",
        Duration::from_secs(5),
    )
    .await?;

    // The answers survive a trip to another screen (shared state), then reset clears everything.
    answer(&b, "exchange", "Not sure").await?;
    b.tap(".main-nav a[href$='glossary']").await?;
    b.wait_until(
        "location.pathname === '/glossary'",
        "the glossary",
        Duration::from_secs(5),
    )
    .await?;
    b.tap(".main-nav a[href$='check']").await?;
    b.wait_until(
        "document.querySelector('.result .status')?.innerText.includes('1 sign noted')",
        "the answers to survive leaving /check",
        Duration::from_secs(5),
    )
    .await?;

    // Reset asks first: "Yes, clear every answer".
    b.tap("button.reset").await?;
    b.tap("#reset-yes").await?;
    b.wait_until(
        "document.querySelector('.result .status').innerText.includes('No signs or vulnerabilities noted')",
        "\"No signs or vulnerabilities noted\" after reset",
        Duration::from_secs(5),
    )
    .await?;
    let left: Value = b
        .js("return { checked: document.querySelectorAll('main input:checked').length,
                      reset: document.querySelector('button.reset').disabled,
                      actions: Array.from(document.querySelectorAll('.result [data-action]')).map(e => e.dataset.action) };", vec![])
        .await?;
    ensure!(left["checked"] == 0, "reset left {} answers checked", left["checked"]);
    ensure!(left["reset"] == true, "reset stays enabled after clearing");
    ensure!(
        left["actions"] == json!(["nothing-noted"]),
        "after reset the actions are {}",
        left["actions"]
    );
    b.quit().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checker_danger_or_missing_now_puts_911_first_then_ncmec_once_and_the_24_hour_rule() -> TestResult {
    let (site, b) = start().await?;
    b.open(&site.url("/check")).await?;
    // Every result opens with 911, whatever was answered: even with nothing answered.
    let opening: Value = b
        .js("const r = document.querySelector('.result'); const first = r && r.querySelector('.always-911');
             return { text: first && first.innerText, tel: first && first.querySelector('a[href^=\"tel:\"]')?.getAttribute('href'),
                      first: !!first && !first.previousElementSibling?.matches(':not(h2)') };", vec![])
        .await?;
    ensure!(
        opening["tel"] == "tel:911"
            && opening["text"]
                .as_str()
                .is_some_and(|t| t.contains("If the youth is in danger or missing now: call 911.")),
        "the result does not open with the 911 line: {opening}"
    );
    ensure!(
        opening["first"] == true,
        "the 911 line is not the first thing under the result's heading: {opening}"
    );
    // The danger question is asked before anything else.
    let first_q: String = b
        .js("return document.querySelector('main fieldset.question').id;", vec![])
        .await?;
    ensure!(
        first_q == "q-danger-now",
        "the first question is {first_q}, not danger now"
    );
    answer(&b, "danger-now", "Yes").await?;
    b.wait_until(
        "document.querySelector('.result .actions [data-action]')?.dataset.action === 'call-911'",
        "911 as the first step for a youth in danger now",
        Duration::from_secs(5),
    )
    .await?;
    let headline = b.texts(".result .headline").await?.join(" ");
    ensure!(
        headline.contains("Call 911 now"),
        "the headline for danger now is {headline:?}"
    );
    // Unsure is not a reason to wait, and "not sure" on danger is not the missing steps.
    answer(&b, "danger-now", "Not sure").await?;
    b.wait_until(
        "document.querySelector('.result .headline')?.innerText.includes('You don\\'t need to be sure')",
        "the not-sure danger headline",
        Duration::from_secs(5),
    )
    .await?;
    let headline = b.texts(".result .headline").await?.join(" ");
    ensure!(
        headline == "If you think the youth could be in danger right now, call 911. You don't need to be sure.",
        "the headline for danger not sure is {headline:?}"
    );
    let ids = action_ids(&b).await?;
    ensure!(
        ids.first().map(String::as_str) == Some("call-911") && !ids.contains(&"call-ncmec-missing".to_string()),
        "steps for danger not sure: {ids:?}"
    );
    ensure!(
        !b.texts("main").await?.join(" ").contains("Find out"),
        "\"find out\" before calling is still there"
    );
    answer(&b, "danger-now", "No").await?;
    answer(&b, "age", "Under 18").await?;
    answer(&b, "exchange", "Yes").await?;
    answer(&b, "missing-now", "Yes").await?;
    b.wait_until(
        "document.querySelector('.result .actions [data-action]')?.dataset.action === 'call-911-missing-child'",
        "911 as the first step for a youth missing now",
        Duration::from_secs(5),
    )
    .await?;
    let ids = action_ids(&b).await?;
    ensure!(
        ids.get(..4).map(|s| s.join(","))
            == Some("call-911-missing-child,ask-report-number,tell-agency-victim,call-ncmec-missing".into()),
        "steps for missing now: {ids:?}"
    );
    let tels: Vec<String> = b.js("return Array.from(document.querySelectorAll('.result .actions a[href^=\"tel:\"]')).map(a => a.getAttribute('href'));", vec![]).await?;
    ensure!(
        tels.get(..2) == Some(&["tel:911".to_string(), NCMEC_TEL.to_string()][..]),
        "call links in the steps, in order: {tels:?}"
    );
    ensure!(
        tels.iter().filter(|t| *t == NCMEC_TEL).count() == 1,
        "NCMEC offered more than once: {tels:?}"
    );
    let agency = b.texts(".result [data-action='tell-agency-victim']").await?.join(" ");
    ensure!(
        agency.contains("Tell your agency now") && agency.contains("24 hours"),
        "the agency step reads {agency:?}"
    );
    let ncmec = b.texts(".result [data-action='call-ncmec-missing']").await?.join(" ");
    ensure!(
        ncmec.contains("does not reach NCMEC by itself"),
        "the NCMEC step reads {ncmec:?}"
    );
    ensure!(
        !ids.contains(&"ask-questions".to_string()),
        "asks questions of a youth who is not there: {ids:?}"
    );
    b.quit().await;
    Ok(())
}

/// With the WebAssembly blocked (a failed download on a weak signal, or WebAssembly turned off), the
/// prerendered checker must never show a verdict: taps cannot be read, so "nothing noted" would be false.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_webassembly_the_checker_gives_no_verdict() -> TestResult {
    let (site, b) = start().await?;
    b.block_wasm().await?;
    b.open_without_app(&site.url("/check")).await?;
    for (name, label) in [("missing-now", "Yes"), ("exchange", "Yes")] {
        b.tap(&format!("#q-{name} label.option:has(input[value='{label}'])"))
            .await?;
    }
    b.tap(".signs .group:not(.background) label.toggle").await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let seen: Value = b
        .js(
            "const r = document.querySelector('#shell .result');
             return { ready: document.documentElement.dataset.app === 'ready', text: r ? r.innerText : null,
                      copy: !!document.querySelector('#shell #copy-summary'),
                      tel911: !!r?.querySelector('a[href=\"tel:911\"]'),
                      steps: r ? r.querySelectorAll('[data-step]').length : 0 };",
            vec![],
        )
        .await?;
    ensure!(
        seen["ready"] == false,
        "the app mounted although .wasm was blocked: the block did not work"
    );
    let text = seen["text"].as_str().unwrap_or("");
    ensure!(
        text.contains("appears here once the app has loaded"),
        "the static result does not say it is loading: {text:?}"
    );
    for verdict in ["Nothing noted", "No signs", "noted.", "victim of sex trafficking."] {
        ensure!(
            !text.contains(verdict),
            "the static result gives a verdict ({verdict:?}) it cannot know: {text:?}"
        );
    }
    ensure!(
        text.contains("call 911, tell your agency, then call NCMEC"),
        "the static result does not say 911, the agency, then NCMEC: {text:?}"
    );
    ensure!(seen["tel911"] == true, "the static result has no 911 link: {seen}");
    ensure!(
        seen["copy"] == false,
        "\"Copy summary\" shows although it cannot work: {seen}"
    );
    ensure!(
        seen["steps"].as_u64() >= Some(15),
        "the static result does not list every possible step: {seen}"
    );
    // Saving a number cannot work either: the button says so instead of doing nothing.
    b.goto(&site.url("/call")).await?;
    b.wait_until(
        "document.readyState === 'complete'",
        "the Call page to load",
        Duration::from_secs(10),
    )
    .await?;
    let form: Value = b
        .js(
            "const f = document.querySelector('#shell .my-number-form');
             return { disabled: !!f?.querySelector('button[type=submit]')?.disabled,
                      note: f?.querySelector('[data-until-app]')?.innerText || '' };",
            vec![],
        )
        .await?;
    ensure!(
        form["disabled"] == true
            && form["note"]
                .as_str()
                .is_some_and(|n| n.contains("once the app has loaded")),
        "without WebAssembly \"Save number\" looks usable: {form}"
    );
    b.quit().await;
    Ok(())
}

/// Empties a text field with Backspace, as a person would. (WebDriver's `clear()` fires no `input`
/// event, which no keyboard or the search field's own clear button would do.)
async fn erase(input: &WebElement) -> TestResult {
    let len = input.prop("value").await?.unwrap_or_default().chars().count();
    input.send_keys(Key::Backspace.value().to_string().repeat(len)).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn glossary_filters_as_you_type_and_every_term_has_a_url() -> TestResult {
    let (site, b) = start().await?;
    b.open(&site.url("/glossary")).await?;
    let all = b.texts("main .terms li").await?;
    ensure!(all.len() >= 5, "the glossary lists only {} terms", all.len());
    let layout = "const y = (s) => { const e = document.querySelector(s); return e ? Math.round(e.getBoundingClientRect().top + scrollY) : null; };
                  return [y('#glossary-q'), y('main .count'), y('main .terms'), Math.round(document.querySelector('main .count').getBoundingClientRect().height)];";
    let before: Vec<Option<i64>> = b.js(layout, vec![]).await?;

    let input = b.find("#glossary-q").await?;
    input.send_keys("trauma").await?;
    b.wait_until(
        &format!("document.querySelectorAll('main .terms li').length < {}", all.len()),
        "the list to narrow after typing \"trauma\"",
        Duration::from_secs(5),
    )
    .await?;
    let shown = b.texts("main .terms li").await?;
    ensure!(!shown.is_empty(), "\"trauma\" matches nothing");
    for t in &shown {
        ensure!(
            t.to_lowercase().contains("trauma"),
            "\"trauma\" shows a term that does not mention it: {t:?}"
        );
    }
    ensure!(
        shown.iter().any(|t| t.starts_with("Trauma bond")),
        "\"trauma\" does not show \"Trauma bond\": {shown:?}"
    );
    let count = b.texts("main .count").await?.join("");
    ensure!(
        count == format!("{} terms", shown.len()) || (shown.len() == 1 && count == "1 term"),
        "the count says {count:?} for {} terms",
        shown.len()
    );

    erase(&input).await?;
    input.send_keys("zqxjvk").await?;
    b.wait_until(
        "document.querySelectorAll('main .terms li').length === 0",
        "no terms for nonsense",
        Duration::from_secs(5),
    )
    .await?;
    let message = b.texts("main .count").await?.join("");
    ensure!(
        message.contains("No term matches"),
        "nonsense shows {message:?} instead of \"No term matches\""
    );
    let after: Vec<Option<i64>> = b.js(layout, vec![]).await?;
    ensure!(
        before == after,
        "the layout jumped when nothing matched: [input, count, list, count height] before {before:?}, after {after:?}"
    );

    // Each term has its own URL, reachable from the list and directly.
    erase(&input).await?;
    b.wait_until(
        &format!("document.querySelectorAll('main .terms li').length === {}", all.len()),
        "the whole list again after clearing",
        Duration::from_secs(5),
    )
    .await?;
    let hrefs: Vec<String> = b
        .js(
            "return Array.from(document.querySelectorAll('main .terms a')).map(a => a.getAttribute('href'));",
            vec![],
        )
        .await?;
    ensure!(
        hrefs.len() == all.len(),
        "{} terms but {} links",
        all.len(),
        hrefs.len()
    );
    for (href, text) in hrefs.iter().zip(&all) {
        ensure!(
            href.starts_with("/glossary/"),
            "term link {href:?} is not under /glossary/"
        );
        b.open(&site.url(href)).await?;
        let got = h1(&b).await?;
        ensure!(
            text.starts_with(&got) && got != NOT_FOUND_H1,
            "{href} shows {got:?}, the list said {text:?}"
        );
    }
    b.quit().await;
    Ok(())
}
