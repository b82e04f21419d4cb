//! End-to-end tests of the agency edition (`cargo xtask build --agency deploy/agency.example.toml`):
//! the agency's numbers, `tel:` exact and in the file's order, in English and Spanish, in the checker's
//! urgent result ("Tell your agency now"), on /missing's step 2, as Call's first group, on the printed
//! card's numbers side, offline with the server stopped, and with the WebAssembly blocked (the
//! prerendered pages carry them).

use browser_tests::*;
use serde_json::{json, Value};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);

/// One Chromium at a time from this file: each is heavy, and the test machines have two cores.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The example file's numbers, as `tel:` links and as shown, in its order: read from the file the
/// edition was built from, so the test follows the example.
fn agency_numbers() -> TestResult<Vec<(String, String)>> {
    let text = std::fs::read_to_string(workspace().join(AGENCY_EXAMPLE))?;
    let value = |line: &str, key: &str| {
        line.strip_prefix(key)
            .map(|v| v.trim().trim_start_matches('=').trim().trim_matches('"').to_string())
    };
    let shown: Vec<String> = text.lines().filter_map(|l| value(l, "shown_as ")).collect();
    let tels: Vec<String> = text
        .lines()
        .filter_map(|l| value(l, "dial "))
        .map(|d| format!("tel:{d}"))
        .collect();
    ensure!(
        !tels.is_empty() && tels.len() == shown.len(),
        "the example's numbers: {tels:?} {shown:?}"
    );
    Ok(tels.into_iter().zip(shown).collect())
}

fn tels() -> TestResult<Vec<String>> {
    Ok(agency_numbers()?.into_iter().map(|(tel, _)| tel).collect())
}

async fn start() -> TestResult<(Site, Browser)> {
    let site = Site::start(&agency_dist()?).await?;
    let b = Browser::launch_with(Launch {
        viewport: PHONE,
        ..Launch::default()
    })
    .await?;
    Ok((site, b))
}

/// The `href`s of the `tel:` links inside `css`, in document order.
async fn tels_in(b: &Browser, css: &str) -> TestResult<Vec<String>> {
    b.js(
        "return Array.from(document.querySelectorAll(arguments[0])).flatMap(e => Array.from(e.querySelectorAll('a[href^=\"tel:\"]'))).map(a => a.getAttribute('href'));",
        vec![json!(css)],
    )
    .await
}

/// The agency's numbers are the first `tel:` links inside `css`, in the file's order.
async fn agency_first(b: &Browser, css: &str, where_: &str) -> TestResult {
    let want = tels()?;
    let found = tels_in(b, css).await?;
    ensure!(
        found.len() >= want.len() && found[..want.len()] == want[..],
        "{where_}: the agency's numbers are not first in `{css}`: {found:?}, expected {want:?} first"
    );
    Ok(())
}

async fn answer_missing_now(b: &Browser) -> TestResult {
    let input = ".question input[name='missing-now'][value='Yes']";
    if b.tap(input).await.is_err() {
        b.tap("#q-missing-now label.option:has(input[value='Yes'])").await?;
    }
    b.wait_until(
        "!!document.querySelector('.result [data-action^=\"call-911\"]')",
        "the urgent result",
        WAIT,
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_agency_numbers_come_first_in_the_urgent_steps_on_call_and_on_the_card() -> TestResult {
    let _turn = SERIAL.lock().await;
    let (site, b) = start().await?;
    for (lang, prefix, heading) in [("en", "", "Your agency"), ("es", "/es", "Su agencia")] {
        // The checker's urgent result: "Tell your agency now" calls the agency's numbers.
        b.open(&site.url(&format!("{prefix}/check"))).await?;
        answer_missing_now(&b).await?;
        agency_first(&b, ".result .action .agency-number", &format!("{lang} checker")).await?;
        b.js::<Value>("localStorage.removeItem('red-flags:check'); return null;", vec![])
            .await?;

        // /missing, step 2.
        b.open(&site.url(&format!("{prefix}/missing"))).await?;
        let second: String = b
            .js(
                "return document.querySelectorAll('.step')[1]?.dataset.step ?? '';",
                vec![],
            )
            .await?;
        ensure!(second == "agency", "{lang} /missing: step 2 is {second:?}");
        agency_first(&b, "[data-step=\"agency\"]", &format!("{lang} /missing step 2")).await?;

        // Call: the agency's group first, above the national lines.
        b.open(&site.url(&format!("{prefix}/call"))).await?;
        agency_first(&b, "main", &format!("{lang} /call")).await?;
        let group = b.texts("main [data-agency-group] h2").await?;
        ensure!(
            group == [heading],
            "{lang} /call: the first group's heading is {group:?}"
        );
        let first_group: bool = b
            .js(
                "const g = document.querySelector('main [data-agency-group]'), c = document.querySelector('main ul.contacts');
                 return !!g && !!c && !!(g.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING);",
                vec![],
            )
            .await?;
        ensure!(
            first_group,
            "{lang} /call: the agency's group is not above the national lines"
        );
        // Nothing to edit: the agency's numbers are not in "Your numbers".
        let editable = b
            .find_all("[data-agency-group] button, [data-agency-group] input")
            .await?;
        ensure!(editable.is_empty(), "{lang} /call: the agency's group has controls");
        b.assert_accessible(&format!("{lang} /call, agency edition")).await?;
        b.open(&site.url(&format!("{prefix}/"))).await?;
        agency_first(&b, "main .invite", &format!("{lang} Home")).await?;
        b.assert_accessible(&format!("{lang} Home, agency edition")).await?;

        // The card, printed: the numbers side carries each number as text, in print media, inside the
        // card, and the blank write-in line is gone.
        b.open(&site.url(&format!("{prefix}/card"))).await?;
        let printed = b
            .cdp(
                "Page.printToPDF",
                json!({ "preferCSSPageSize": true, "printBackground": true }),
            )
            .await?;
        ensure!(
            printed["data"].as_str().is_some_and(|d| d.starts_with("JVBERi")),
            "{lang} /card did not print a PDF"
        );
        b.cdp("Emulation.setEmulatedMedia", json!({ "media": "print" })).await?;
        let card: Value = b
            .js(
                "const back = document.querySelector('.card-back'), r = back.getBoundingClientRect();
                 const inside = e => { const l = e?.getBoundingClientRect(); return !!l && l.height > 0 && l.top >= r.top - 1 && l.bottom <= r.bottom + 1; };
                 const agency = back.querySelector('[data-agency]');
                 return { text: agency?.innerText ?? '', inside: inside(agency) && inside(back.querySelector('.card-rule')),
                          blank: !!back.querySelector('.card-write') };",
                vec![],
            )
            .await?;
        b.cdp("Emulation.setEmulatedMedia", json!({ "media": "" })).await?;
        let text = card["text"].as_str().unwrap_or("");
        for (_, shown) in agency_numbers()? {
            ensure!(text.contains(&shown), "{lang} /card: {shown} is not printed: {card}");
        }
        ensure!(
            card["inside"] == true,
            "{lang} /card: the numbers or the rule overflow the card: {card}"
        );
        ensure!(card["blank"] == false, "{lang} /card: the write-in line is still there");
    }
    let errors = b.errors().await?;
    ensure!(errors.is_empty(), "the pages reported errors:\n{}", errors.join("\n"));
    b.quit().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_with_the_server_stopped_the_agency_numbers_are_there() -> TestResult {
    let _turn = SERIAL.lock().await;
    let (mut site, b) = start().await?;
    b.open(&site.url("/")).await?;
    b.wait_for_service_worker().await?;
    site.stop().await;
    for prefix in ["", "/es"] {
        b.open(&site.url(&format!("{prefix}/call"))).await?;
        agency_first(&b, "main", &format!("offline {prefix}/call")).await?;
        b.open(&site.url(&format!("{prefix}/missing"))).await?;
        agency_first(&b, "[data-step=\"agency\"]", &format!("offline {prefix}/missing")).await?;
        b.open(&site.url(&format!("{prefix}/check"))).await?;
        answer_missing_now(&b).await?;
        agency_first(&b, ".result .action .agency-number", &format!("offline {prefix}/check")).await?;
        b.js::<Value>("localStorage.removeItem('red-flags:check'); return null;", vec![])
            .await?;
    }
    b.quit().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_webassembly_the_prerendered_pages_carry_the_agency_numbers() -> TestResult {
    let _turn = SERIAL.lock().await;
    let (site, b) = start().await?;
    b.cdp("Network.enable", json!({})).await?;
    b.cdp("Network.setBlockedURLs", json!({ "urls": ["*.wasm"] })).await?;
    for prefix in ["", "/es"] {
        for (path, css) in [
            ("/missing", "[data-step=\"agency\"]"),
            ("/call", "main"),
            ("/", "main .invite"),
        ] {
            let route = format!("{prefix}{path}");
            b.goto(&site.url(&route)).await?;
            b.wait_until("document.readyState === 'complete'", "the page to load", WAIT)
                .await?;
            let ready: bool = b
                .js("return document.documentElement.dataset.app === 'ready';", vec![])
                .await?;
            ensure!(!ready, "{route}: the app mounted although .wasm was blocked");
            agency_first(&b, css, &format!("{route} without WebAssembly")).await?;
        }
        b.goto(&site.url(&format!("{prefix}/card"))).await?;
        b.wait_until("document.readyState === 'complete'", "the card to load", WAIT)
            .await?;
        let printed = b.texts(".card-back [data-agency]").await?.join(" ");
        for (_, shown) in agency_numbers()? {
            ensure!(
                printed.contains(&shown),
                "{prefix}/card without WebAssembly lacks {shown}: {printed:?}"
            );
        }
    }
    b.quit().await;
    Ok(())
}
