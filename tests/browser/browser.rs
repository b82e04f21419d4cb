//! End-to-end tests: the release build in Debian's Chromium, as a phone user meets it (412×823, touch).
//! Run by `cargo xtask test` (step 3). Each test starts its own server and its own Chromium with a fresh
//! profile, so a failure names one behaviour and leaves nothing behind. The harness is `lib.rs`.

use browser_tests::thirtyfour::prelude::*;
use browser_tests::*;
use serde_json::{json, Value};
use std::time::Duration;

/// A URL the app does not know: the not-found screen, with the call bar.
const UNKNOWN: &str = "/no-such-page";
const NOT_FOUND_H1: &str = "Page not found";
const NCMEC_TEL: &str = "tel:+18008435678";

/// Serves the build under test and opens a phone-sized Chromium on it.
async fn start() -> TestResult<(Site, Browser)> {
    let site = Site::start(&dist()?).await?;
    let browser = Browser::launch().await?;
    Ok((site, browser))
}

async fn h1(b: &Browser) -> TestResult<String> {
    let texts = b.texts("main h1").await?;
    ensure!(
        texts.len() == 1,
        "expected exactly one <h1> in <main>, found {texts:?}\n{}",
        b.describe().await
    );
    Ok(texts[0].clone())
}

/// The call bar is there with its two one-tap calls, 911 first in reading order and then NCMEC, of equal size
/// (±2 px), inside the screen (within thumb reach, not scrolled away), each a thumb's size, each accessible
/// name carrying the number it dials.
pub(crate) async fn assert_call_bar(b: &Browser, where_: &str) -> TestResult {
    let bar: Value = b
        .js(
            "const one = sel => {
               const a = document.querySelector(sel);
               if (!a) return null;
               const r = a.getBoundingClientRect();
               return { href: a.getAttribute('href'), label: a.getAttribute('aria-label'), top: r.top, bottom: r.bottom,
                        height: r.height, width: r.width,
                        visible: getComputedStyle(a).visibility === 'visible' && r.width > 0 };
             };
             return { ncmec: one('.call-bar a.call-ncmec'), e911: one('.call-bar a.call-911'), vh: innerHeight,
                      order: Array.from(document.querySelectorAll('.call-bar a[href^=\"tel:\"]')).map(a => a.getAttribute('href')),
                      lang: document.documentElement.lang };",
            vec![],
        )
        .await?;
    let vh = bar["vh"].as_f64().unwrap_or(0.0);
    // The same numbers in both languages; the labels in the page's.
    let labels = if bar["lang"] == "es" {
        [
            "Llamar al NCMEC — menor desaparecido, después del 911, 1-800-THE-LOST (1-800-843-5678)",
            "Llamar al 911 — peligro o desaparición ahora",
        ]
    } else {
        [
            "Call NCMEC — missing child, after 911, 1-800-THE-LOST (1-800-843-5678)",
            "Call 911 — danger or missing now",
        ]
    };
    for (key, href, label) in [("ncmec", NCMEC_TEL, labels[0]), ("e911", "tel:911", labels[1])] {
        let link = &bar[key];
        ensure!(
            !link.is_null(),
            "no {key} link in the call bar on {where_}\n{}",
            b.describe().await
        );
        ensure!(
            link["href"] == href,
            "the call bar's {key} link on {where_} dials {} instead of {href}",
            link["href"]
        );
        ensure!(
            link["label"] == label,
            "the call bar's {key} link on {where_} is labelled {} instead of {label:?}",
            link["label"]
        );
        ensure!(
            link["visible"] == true,
            "the call bar's {key} link is not visible on {where_}: {link}"
        );
        let (bottom, height) = (
            link["bottom"].as_f64().unwrap_or(f64::MAX),
            link["height"].as_f64().unwrap_or(0.0),
        );
        ensure!(
            bottom <= vh + 0.5 && link["top"].as_f64().unwrap_or(-1.0) >= 0.0,
            "the call bar's {key} link is not on screen on {where_}: {link}"
        );
        ensure!(
            height >= 44.0 && link["width"].as_f64().unwrap_or(0.0) >= 44.0,
            "the call bar's {key} link is {height}px tall on {where_}: a thumb needs at least 44px"
        );
    }
    ensure!(
        bar["order"] == json!(["tel:911", NCMEC_TEL]),
        "the call bar on {where_} does not read 911 first, then NCMEC: {}",
        bar["order"]
    );
    for side in ["width", "height"] {
        let (e911, ncmec) = (
            bar["e911"][side].as_f64().unwrap_or(0.0),
            bar["ncmec"][side].as_f64().unwrap_or(0.0),
        );
        ensure!(
            (e911 - ncmec).abs() <= 2.0,
            "the call bar's two calls differ in {side} on {where_} (911 {e911}px, NCMEC {ncmec}px): they must be equal"
        );
    }
    Ok(())
}

/// At the default text size each call's name and number in the bar reads on one line: a number split across
/// lines is misread.
async fn assert_call_bar_on_one_line(b: &Browser, where_: &str) -> TestResult {
    let lines: Vec<u64> = b
        .js(
            "return ['.call-bar a.call-ncmec .nowrap', '.call-bar a.call-911 .call-bar-name'].map(sel => {
               const a = document.querySelector(sel);
               const range = document.createRange();
               range.selectNodeContents(a);
               const rects = Array.from(range.getClientRects()).filter(x => x.width > 0);
               // Not shown (the number, on a phone too narrow for it beside the \"when\" line): no line to split.
               if (rects.length === 0) return 1;
               const height = Math.max(...rects.map(r => r.bottom)) - Math.min(...rects.map(r => r.top));
               // Lines of text: the text's height over one line's (a font size and a half at most).
               return Math.ceil(height / (parseFloat(getComputedStyle(a).fontSize) * 1.6));
             });",
            vec![],
        )
        .await?;
    ensure!(
        lines == [1, 1],
        "the call bar's links take {lines:?} lines on {where_}: each must be one line"
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Routes and navigation
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_renders_with_the_call_bar() -> TestResult {
    let (site, b) = start().await?;
    for (path, heading) in ROUTES {
        b.open(&site.url(path)).await?;
        let got = h1(&b).await?;
        match heading {
            Some(want) => ensure!(&got == want, "{path} shows the heading {got:?}, expected {want:?}"),
            None => ensure!(
                !got.is_empty() && got != NOT_FOUND_H1,
                "{path} shows the heading {got:?}"
            ),
        }
        let shell_gone: bool = b
            .js("return document.getElementById('shell') === null;", vec![])
            .await?;
        ensure!(
            shell_gone,
            "the static shell is still in the page on {path} after the app mounted"
        );
        assert_call_bar(&b, path).await?;
        assert_call_bar_on_one_line(&b, path).await?;
    }
    for path in [UNKNOWN, "/glossary/no-such-term", "/guide/no-such-section"] {
        b.open(&site.url(path)).await?;
        let got = h1(&b).await?;
        ensure!(
            got == NOT_FOUND_H1,
            "{path} shows {got:?} instead of the not-found screen"
        );
        assert_call_bar(&b, path).await?;
        let home: Vec<String> = b
            .js(
                "return Array.from(document.querySelectorAll('main a')).map(a => a.getAttribute('href'));",
                vec![],
            )
            .await?;
        ensure!(
            home.iter().any(|h| h == "/"),
            "the not-found screen at {path} offers no way home: links {home:?}"
        );
    }
    b.quit().await;
    Ok(())
}

/// WCAG 1.4.4: at 200% text every screen still fits the phone's width (no sideways scrolling), the
/// call bar stays on screen and leaves most of it for content.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_works_at_200_percent_text() -> TestResult {
    let (site, b) = start().await?;
    // Every route in English, then its Spanish twin (longer words, the same call bar).
    let spanish = ROUTES.iter().map(|(p, _)| {
        if *p == "/" {
            "/es/".to_string()
        } else {
            format!("/es{p}")
        }
    });
    for path in ROUTES.iter().map(|(p, _)| p.to_string()).chain(spanish) {
        let path = path.as_str();
        b.open(&site.url(path)).await?;
        // The same as the browser's text size at 200%: every size in the stylesheet is in rem.
        let fit: Value = b
            .js(
                "document.documentElement.style.setProperty('--text-scale', '2');
                 const root = parseFloat(getComputedStyle(document.documentElement).fontSize);
                 const bar = document.querySelector('.call-bar').getBoundingClientRect();
                 // The layout viewport: on a phone `innerWidth` grows with content wider than it.
                 return { root, scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth,
                          bar_top: bar.top, bar_height: bar.height, vh: innerHeight };",
                vec![],
            )
            .await?;
        ensure!(
            fit["root"].as_f64().unwrap_or(0.0) >= 31.5,
            "{path}: text did not grow to 200%: {fit}"
        );
        let (scroll, width) = (
            fit["scroll"].as_f64().unwrap_or(f64::MAX),
            fit["width"].as_f64().unwrap_or(0.0),
        );
        ensure!(
            scroll <= width + 1.0,
            "{path} scrolls sideways at 200% text ({scroll}px wide in {width}px): {fit}"
        );
        let (bar_h, vh) = (
            fit["bar_height"].as_f64().unwrap_or(f64::MAX),
            fit["vh"].as_f64().unwrap_or(0.0),
        );
        ensure!(
            bar_h <= vh * 0.35,
            "{path}: at 200% text the call bar takes {bar_h}px of {vh}px"
        );
        assert_call_bar(&b, &format!("{path} at 200% text")).await?;
    }
    b.quit().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_screen_is_reachable_by_tapping_the_nav() -> TestResult {
    let (site, b) = start().await?;
    b.open(&site.url("/")).await?;
    // A marker on `window` survives client-side navigation only: tapping the nav must not reload.
    b.js::<Value>("window.__rfSamePage = true; return null;", vec![])
        .await?;
    let steps: &[(&str, &str, &str)] = &[
        (".main-nav a[href$='check']", "/check", "Check for red flags"),
        (".main-nav a[href$='guide']", "/guide", "The guide, in short"),
        ("main .cards a[href$='/guide/after-a-run']", "/guide/after-a-run", ""),
        ("main .crumb a", "/guide", "The guide, in short"),
        (".main-nav a[href$='glossary']", "/glossary", "Glossary"),
        (
            "main .terms a[href$='/glossary/trauma-bond']",
            "/glossary/trauma-bond",
            "Trauma bond",
        ),
        ("main .related a", "", ""),
        (".main-nav a[href$='call']", "/call", "Call"),
        (".main-nav a[href$='missing']", "/missing", "A child is missing"),
        ("footer.foot a[href$='sources']", "/sources", "Sources"),
        ("footer.foot a[href$='settings']", "/settings", "Settings"),
        ("header a.brand", "/", "Red flags"),
        ("main a.button.primary[href$='check']", "/check", "Check for red flags"),
    ];
    for (selector, want_path, want_h1) in steps {
        let before = b.path().await?;
        b.tap(selector).await?;
        if want_path.is_empty() {
            b.wait_until(
                &format!("location.pathname !== {}", json!(before)),
                &format!("tapping {selector} to leave {before}"),
                Duration::from_secs(5),
            )
            .await?;
        } else {
            b.wait_until(
                &format!("location.pathname === {}", json!(want_path)),
                &format!("tapping {selector} to open {want_path}"),
                Duration::from_secs(5),
            )
            .await?;
        }
        let got = h1(&b).await?;
        if want_h1.is_empty() {
            ensure!(
                !got.is_empty() && got != NOT_FOUND_H1,
                "tapping {selector} led to {got:?}"
            );
        } else {
            b.wait_until(
                &format!(
                    "document.querySelector('main h1').innerText.trim() === {}",
                    json!(want_h1)
                ),
                &format!("the heading {want_h1:?} after tapping {selector}"),
                Duration::from_secs(5),
            )
            .await?;
        }
        assert_call_bar(&b, &format!("the screen after tapping {selector}")).await?;
        let same: bool = b.js("return window.__rfSamePage === true;", vec![]).await?;
        ensure!(
            same,
            "tapping {selector} reloaded the whole page instead of navigating inside the app"
        );
    }
    // Back and Forward move between screens too, without a reload.
    for (go, want_path, want_h1) in [
        ("history.back()", "/", "Red flags"),
        ("history.forward()", "/check", "Check for red flags"),
    ] {
        b.js::<Value>(&format!("{go}; return null;"), vec![]).await?;
        b.wait_until(
            &format!(
                "location.pathname === {} && document.querySelector('main h1')?.innerText.trim() === {}",
                json!(want_path),
                json!(want_h1)
            ),
            &format!("{go} to show {want_path} ({want_h1:?})"),
            Duration::from_secs(5),
        )
        .await?;
    }
    // A source note opens Sources at that source, scrolled into view; a new screen starts at its top.
    b.tap(".main-nav a[href$='glossary']").await?;
    b.wait_until(
        "location.pathname === '/glossary'",
        "the glossary",
        Duration::from_secs(5),
    )
    .await?;
    b.tap("main .terms a[href$='/glossary/sex-trafficking']").await?;
    b.wait_until(
        "!!document.querySelector('main figure.law .source-note a')",
        "the term's statute quote",
        Duration::from_secs(5),
    )
    .await?;
    b.js::<Value>(
        "document.querySelector('main figure.law .source-note a').scrollIntoView(); return null;",
        vec![],
    )
    .await?;
    b.tap("main figure.law .source-note a").await?;
    b.wait_until(
        "location.pathname === '/sources' && location.hash.length > 1",
        "the source note to open Sources",
        Duration::from_secs(5),
    )
    .await?;
    b.wait_until(
        "(() => { const t = document.getElementById(location.hash.slice(1)); if (!t) return false;
                  const r = t.getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight; })()",
        "the cited source to be scrolled into view",
        Duration::from_secs(5),
    )
    .await?;
    b.tap(".main-nav a[href$='call']").await?;
    b.wait_until(
        "location.pathname === '/call' && scrollY === 0",
        "Call to open at its top",
        Duration::from_secs(5),
    )
    .await?;
    let title: String = b.js("return document.title;", vec![]).await?;
    ensure!(
        title == "Call · Red flags",
        "after tapping Call the tab is titled {title:?}"
    );
    // Focus moves to the new screen (as after a page load), not left on the tapped link.
    b.wait_until(
        "document.activeElement === document.getElementById('main')",
        "focus to move to <main>",
        Duration::from_secs(5),
    )
    .await?;
    let same: bool = b.js("return window.__rfSamePage === true;", vec![]).await?;
    ensure!(same, "Back, Forward or a source note reloaded the whole page");
    b.quit().await;
    Ok(())
}

/// Back and Forward show the screen as a tap does: from its top, with focus on `<main>` so a screen
/// reader goes on with the new screen. Also in a page the back/forward cache restored (Chromium's
/// default), whose listeners must still answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn back_and_forward_move_focus_and_scroll_as_a_tap_does() -> TestResult {
    let (site, b) = start().await?;
    b.open(&site.url("/check")).await?;
    b.tap(".main-nav a[href$='glossary']").await?;
    b.wait_until(
        "location.pathname === '/glossary' && document.querySelector('main h1')?.innerText.trim() === 'Glossary'",
        "the glossary",
        Duration::from_secs(5),
    )
    .await?;
    // Another document from the address bar: this one goes into the back/forward cache.
    b.js::<Value>(
        "window.__rfKept = true; addEventListener('pageshow', (e) => { window.__rfRestored = e.persisted; }); return null;",
        vec![],
    )
    .await?;
    b.open(&site.url("/call")).await?;
    b.driver().back().await?;
    b.wait_until(
        "location.pathname === '/glossary' && !!document.querySelector('main .terms a')",
        "Back to the glossary",
        Duration::from_secs(5),
    )
    .await?;
    let restored: Value = b
        .js(
            "return { kept: window.__rfKept === true, restored: window.__rfRestored === true };",
            vec![],
        )
        .await?;
    ensure!(
        restored["kept"] == true && restored["restored"] == true,
        "the glossary did not come back from the back/forward cache, so this run proves nothing: {restored}"
    );
    // Scrolled down, focus on a control low on the screen, as after reading and tapping around.
    for (go, low, want_path, want_h1) in [
        (
            "history.back()",
            "main .terms li:last-child a",
            "/check",
            "Check for red flags",
        ),
        (
            "history.forward()",
            "main .signs fieldset:last-of-type input",
            "/glossary",
            "Glossary",
        ),
    ] {
        b.js::<Value>(
            "const el = document.querySelector(arguments[0]); el.scrollIntoView(); el.focus(); return null;",
            vec![json!(low)],
        )
        .await?;
        let before: Value = b
            .js("return { y: scrollY, focus: document.activeElement?.tagName };", vec![])
            .await?;
        ensure!(
            before["y"].as_f64().unwrap_or(0.0) > 100.0,
            "the screen before {go} is not scrolled down: {before}"
        );
        b.js::<Value>(&format!("{go}; return null;"), vec![]).await?;
        b.wait_until(
            &format!(
                "location.pathname === {} && document.querySelector('main h1')?.innerText.trim() === {}",
                json!(want_path),
                json!(want_h1)
            ),
            &format!("{go} to show {want_path}"),
            Duration::from_secs(5),
        )
        .await?;
        let shown = b
            .wait_until(
                "document.activeElement === document.getElementById('main') && scrollY === 0",
                &format!("{go}: focus on <main> and the screen at its top, as after a tap"),
                Duration::from_secs(5),
            )
            .await;
        if let Err(e) = shown {
            let now: Value = b
                .js(
                    "return { y: scrollY, focus: document.activeElement?.outerHTML.slice(0, 80) };",
                    vec![],
                )
                .await?;
            return fail(format!("{e:?}\n  after {go}: {now}"));
        }
    }
    b.quit().await;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The checker and the glossary
// ---------------------------------------------------------------------------------------------

/// Taps the answer `label` ("Yes", "No", "Not sure") of the question named `name`.
async fn answer(b: &Browser, name: &str, label: &str) -> TestResult {
    let input = format!(".question input[name='{name}'][value='{label}']");
    if b.tap(&input).await.is_err() {
        // Styled radios may hide the input itself: tap its label, as a finger would.
        b.tap(&format!("#q-{name} label.option:has(input[value='{label}'])"))
            .await?;
    }
    let checked: bool = b
        .js(
            "return !!document.querySelector(arguments[0])?.checked;",
            vec![json!(input)],
        )
        .await?;
    ensure!(checked, "tapping {label:?} for {name:?} did not select it");
    Ok(())
}

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
    // exchange question, with only the age-then question between (issue 26 moved the signs above both).
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

    // Reset asks first (issue 30): "Yes, clear every answer".
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
    b.cdp("Network.enable", json!({})).await?;
    b.cdp("Network.setBlockedURLs", json!({ "urls": ["*.wasm"] })).await?;
    b.goto(&site.url("/check")).await?;
    b.wait_until(
        "document.readyState === 'complete'",
        "the page to load",
        Duration::from_secs(10),
    )
    .await?;
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

// ---------------------------------------------------------------------------------------------
// Offline and updates
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_after_one_visit_every_route_and_an_unvisited_deep_link_work() -> TestResult {
    let (mut site, b) = start().await?;
    b.open(&site.url("/")).await?;
    b.wait_for_service_worker().await?;
    site.stop().await;
    let down = std::net::TcpStream::connect(site.origin().trim_start_matches("http://")).is_err();
    ensure!(down, "the server still answers after stop()");

    let mut paths: Vec<&str> = ROUTES.iter().map(|(p, _)| *p).collect();
    paths.extend(["/glossary/grooming", "/guide/missing-from-foster-care", UNKNOWN]);
    for path in paths {
        b.open(&site.url(path))
            .await
            .map_err(|e| Failure(format!("offline, {path} did not start: {e:?}")))?;
        let got = h1(&b).await?;
        let want = ROUTES.iter().find(|(p, _)| *p == path).and_then(|(_, h)| *h);
        match (path, want) {
            (UNKNOWN, _) => ensure!(got == NOT_FOUND_H1, "offline, {path} shows {got:?}"),
            (_, Some(w)) => ensure!(got == w, "offline, {path} shows {got:?} instead of {w:?}"),
            (_, None) => ensure!(!got.is_empty() && got != NOT_FOUND_H1, "offline, {path} shows {got:?}"),
        }
        assert_call_bar(&b, &format!("{path} offline")).await?;
    }
    // Tapping around still works offline, and the call screen lists every line.
    b.open(&site.url("/")).await?;
    b.tap(".main-nav a[href$='call']").await?;
    b.wait_until(
        "location.pathname === '/call'",
        "the call screen offline",
        Duration::from_secs(5),
    )
    .await?;
    let tels = b.tel_links().await?;
    for number in dialable_numbers()? {
        ensure!(
            tels.contains(&format!("tel:{number}")),
            "offline, /call has no link dialling {number}: {tels:?}"
        );
    }
    b.quit().await;
    Ok(())
}

/// v1 installed and controlling, then v2 on the server and the update found: the prompt is showing.
async fn updated_server_with_prompt() -> TestResult<(Site, Browser, TempDir)> {
    let (mut site, b) = start().await?;
    let v2 = publish_v2_and_wait_for_the_prompt(&b, &mut site).await?;
    Ok((site, b, v2))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn update_prompt_reloads_once_into_v2_and_deletes_old_caches() -> TestResult {
    let (site, b, v2) = updated_server_with_prompt().await?;
    b.assert_accessible("/check with the update prompt showing").await?;
    let old_caches = b.cache_keys().await?;
    let (new_cache, _) = precache_of(v2.path())?;
    ensure!(
        !old_caches.contains(&new_cache) || old_caches.len() > 1,
        "v2's cache {new_cache} is the only cache before the update: {old_caches:?}"
    );
    let loads = b.navigations().await?;

    take_the_update(&b).await?;
    let after = b.navigations().await?;
    ensure!(
        after == loads + 1,
        "tapping reload loaded the page {} times (expected exactly 1)",
        after.saturating_sub(loads)
    );
    assert_call_bar(&b, "v2 after the update").await?;
    wait_for_only_cache(&b, &new_cache, &old_caches).await?;
    drop(site);
    b.quit().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn update_declined_keeps_v1_working() -> TestResult {
    let (site, b, _v2) = updated_server_with_prompt().await?;
    let loads = b.navigations().await?;
    b.tap(".update-prompt .update-dismiss").await?;
    b.wait_until(
        &format!("!({PROMPT_SHOWN})"),
        "the prompt to go away after .update-dismiss",
        Duration::from_secs(5),
    )
    .await?;
    for (selector, path) in [
        (".main-nav a[href$='glossary']", "/glossary"),
        (".main-nav a[href$='guide']", "/guide"),
        (".main-nav a[href$='check']", "/check"),
    ] {
        b.tap(selector).await?;
        b.wait_until(
            &format!("location.pathname === '{path}' && !!document.querySelector('main h1')"),
            &format!("{path} in v1 after declining"),
            Duration::from_secs(5),
        )
        .await?;
        assert_call_bar(&b, &format!("{path} after declining the update")).await?;
    }
    let is_v2: bool = b.js(&format!("return {IS_V2};"), vec![]).await?;
    ensure!(!is_v2, "declining the update still switched to v2");
    ensure!(
        b.navigations().await? == loads,
        "declining the update reloaded the page"
    );
    let errors = b.errors().await?;
    ensure!(
        errors.is_empty(),
        "errors after declining the update:\n{}",
        errors.join("\n")
    );
    drop(site);
    b.quit().await;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Installability and the manifest
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn installable_with_a_complete_manifest_and_icons_of_the_stated_size() -> TestResult {
    let (site, b) = start().await?;
    b.open(&site.url("/")).await?;
    b.wait_for_service_worker().await?;

    let manifest_info = b.cdp("Page.getAppManifest", json!({})).await?;
    let errors = manifest_info["errors"].as_array().cloned().unwrap_or_default();
    ensure!(
        errors.is_empty(),
        "Chromium reports manifest errors: {}",
        Value::Array(errors)
    );
    let mut installability = Value::Null;
    for _ in 0..20 {
        installability = b.cdp("Page.getInstallabilityErrors", json!({})).await?;
        if installability["installabilityErrors"]
            .as_array()
            .is_some_and(|e| e.is_empty())
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    ensure!(
        installability["installabilityErrors"]
            .as_array()
            .is_some_and(|e| e.is_empty()),
        "Chromium says the app is not installable: {}",
        installability["installabilityErrors"]
    );

    let dist = dist()?;
    let m: Value = serde_json::from_str(&std::fs::read_to_string(dist.join("manifest.webmanifest"))?)?;
    for field in [
        "id",
        "name",
        "short_name",
        "description",
        "start_url",
        "scope",
        "background_color",
        "theme_color",
    ] {
        ensure!(
            m[field].as_str().is_some_and(|s| !s.is_empty()),
            "the manifest has no {field}: {m}"
        );
    }
    ensure!(
        m["display"] == "standalone",
        "the manifest's display is {}, not standalone",
        m["display"]
    );
    ensure!(
        m["short_name"].as_str().is_some_and(|s| s.chars().count() <= 12),
        "short_name {} is longer than a home screen shows (12)",
        m["short_name"]
    );

    // Every image the manifest names exists, is a PNG where it says so, and has the size it claims.
    let check_image = |what: &str, img: &Value| -> TestResult<(u32, u32, String)> {
        let src = img["src"]
            .as_str()
            .ok_or_else(|| Failure(format!("{what} without src: {img}")))?;
        let path = dist.join(src.trim_start_matches("./").trim_start_matches('/'));
        let bytes =
            std::fs::read(&path).map_err(|e| format!("{what} {src} is not in the build ({}): {e}", path.display()))?;
        let sizes = img["sizes"].as_str().unwrap_or("");
        let purpose = img["purpose"].as_str().unwrap_or("any").to_string();
        if src.ends_with(".png") || img["type"] == "image/png" {
            let (w, h) = png_size(&bytes).ok_or_else(|| Failure(format!("{what} {src} is not a PNG")))?;
            ensure!(
                sizes == format!("{w}x{h}"),
                "{what} {src} says sizes={sizes:?} but is {w}x{h} pixels"
            );
            Ok((w, h, purpose))
        } else {
            Ok((0, 0, purpose))
        }
    };
    let mut icons = Vec::new();
    for icon in m["icons"].as_array().cloned().unwrap_or_default() {
        icons.push(check_image("icon", &icon)?);
    }
    let has = |size: u32, purpose: &str| {
        icons
            .iter()
            .any(|(w, h, p)| *w == size && *h == size && p.split_whitespace().any(|x| x == purpose))
    };
    ensure!(has(192, "any"), "no 192x192 PNG icon with purpose any: {icons:?}");
    ensure!(has(512, "any"), "no 512x512 PNG icon with purpose any: {icons:?}");
    ensure!(
        has(512, "maskable"),
        "no 512x512 PNG icon with purpose maskable: {icons:?}"
    );

    let shortcuts = m["shortcuts"].as_array().cloned().unwrap_or_default();
    ensure!(!shortcuts.is_empty(), "the manifest has no shortcuts");
    // A long press on the icon goes straight to the checker or the missing-child steps, in either
    // language (the Spanish manifest's shortcuts open the Spanish screens, named in Spanish).
    let es: Value = b
        .js_async(
            "const done = arguments[arguments.length - 1];
             fetch('es/manifest.webmanifest').then(r => r.json()).then(done, e => done({ error: String(e) }));",
            vec![],
        )
        .await?;
    for (lang, manifest, check, missing) in [
        (
            "en",
            &m,
            ui_text("en", "screens.check")?,
            ui_text("en", "screens.missing")?,
        ),
        (
            "es",
            &es,
            ui_text("es", "screens.check")?,
            ui_text("es", "screens.missing")?,
        ),
    ] {
        let list = manifest["shortcuts"].as_array().cloned().unwrap_or_default();
        for (url, name) in [("./check", check), ("./missing", missing)] {
            ensure!(
                list.iter().any(|s| s["url"] == url && s["name"] == name.as_str()),
                "the {lang} manifest has no shortcut {name:?} to {url}: {}",
                manifest["shortcuts"]
            );
        }
    }
    let screenshots = m["screenshots"].as_array().cloned().unwrap_or_default();
    ensure!(!screenshots.is_empty(), "the manifest has no screenshots");
    for s in &screenshots {
        check_image("screenshot", s)?;
    }
    // Each shortcut opens a screen of the app (not the not-found screen), with the call bar.
    for s in &shortcuts {
        let name = s["name"].as_str().unwrap_or("");
        let url = s["url"].as_str().unwrap_or("");
        ensure!(
            !name.is_empty() && !url.is_empty(),
            "a shortcut needs a name and a url: {s}"
        );
        let absolute = if url.starts_with('/') {
            site.url(url)
        } else {
            site.url(&format!("/{}", url.trim_start_matches("./")))
        };
        b.open(&absolute).await?;
        let got = h1(&b).await?;
        ensure!(
            got != NOT_FOUND_H1,
            "the shortcut {name:?} ({url}) opens the not-found screen"
        );
        assert_call_bar(&b, &format!("the shortcut {name:?}")).await?;
    }
    b.quit().await;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Accessibility
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accessibility_every_route_and_state_has_no_wcag_violations() -> TestResult {
    let (site, b) = start().await?;
    let mut failures = Vec::new();
    let mut check = |state: String, violations: Vec<String>| {
        if !violations.is_empty() {
            failures.push(format!("== {state}\n{}", violations.join("\n")));
        }
    };
    for (path, _) in ROUTES.iter().chain([(UNKNOWN, None)].iter()) {
        b.open(&site.url(path)).await?;
        check(path.to_string(), b.axe().await?);
    }
    // The checker in every state: an answer, signs tapped, the result after them, the urgent result first.
    b.open(&site.url("/check")).await?;
    let toggles: Vec<String> = b
        .js(
            "return Array.from(document.querySelectorAll('.signs input[type=checkbox]')).map(i => i.id);",
            vec![],
        )
        .await?;
    for id in toggles.iter().take(2) {
        b.tap(&format!("#{id}")).await?;
    }
    b.tap("main details.why summary").await?;
    // Each state from the top of the screen: where a tap left the scroll, a control can straddle the edge
    // of the call bar or the checker's live summary, which axe's target-size counts as a small target.
    let to_top = "window.scrollTo(0, 0); return null;";
    b.js::<Value>(to_top, vec![]).await?;
    check("/check with 2 signs tapped and \"why\" open".into(), b.axe().await?);
    answer(&b, "age", "Under 18").await?;
    answer(&b, "exchange", "Yes").await?;
    b.wait_until(
        "!!document.querySelector('[data-action=\"legal-rule\"]')",
        "the legal rule",
        Duration::from_secs(5),
    )
    .await?;
    b.js::<Value>(to_top, vec![]).await?;
    check("/check with the legal rule shown".into(), b.axe().await?);
    answer(&b, "missing-now", "Yes").await?;
    b.wait_until(
        "!!document.querySelector('[data-action=\"call-ncmec-missing\"]')",
        "the missing-child steps",
        Duration::from_secs(5),
    )
    .await?;
    b.js::<Value>(to_top, vec![]).await?;
    check("/check missing from care, all actions shown".into(), b.axe().await?);
    // The glossary with nothing matching.
    b.open(&site.url("/glossary")).await?;
    b.find("#glossary-q").await?.send_keys("zqxjvk").await?;
    b.wait_until(
        "document.querySelectorAll('main .terms li').length === 0",
        "an empty glossary search",
        Duration::from_secs(5),
    )
    .await?;
    check("/glossary with no term matching".into(), b.axe().await?);
    // Keyboard users: the skip link is the first thing Tab reaches and it leads to the content.
    b.open(&site.url("/guide")).await?;
    b.js::<Value>("document.activeElement?.blur(); return null;", vec![])
        .await?;
    b.driver().action_chain().send_keys(Key::Tab).perform().await?;
    let focused: Value = b
        .js(
            "const a = document.activeElement; return { cls: a.className, href: a.getAttribute('href') };",
            vec![],
        )
        .await?;
    if focused["cls"].as_str().is_none_or(|c| !c.contains("skip-link")) {
        failures.push(format!(
            "== keyboard\nthe first Tab stop on /guide is {focused}, not the skip link"
        ));
    }
    ensure!(
        failures.is_empty(),
        "axe-core (WCAG 2.0/2.1 A+AA, 2.2 AA) found violations:\n{}",
        failures.join("\n")
    );
    b.quit().await;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Privacy, integrity and security
// ---------------------------------------------------------------------------------------------

/// Visits every route and walks the checker and glossary, so every screen and state has run.
async fn tour(b: &Browser, site: &Site, mut on_screen: impl FnMut(String, Vec<String>)) -> TestResult {
    for (path, _) in ROUTES.iter().chain([(UNKNOWN, None)].iter()) {
        b.open(&site.url(path)).await?;
        on_screen(path.to_string(), b.tel_links().await?);
    }
    b.open(&site.url("/check")).await?;
    answer(b, "exchange", "Yes").await?;
    answer(b, "missing-now", "Yes").await?;
    b.wait_until(
        "!!document.querySelector('[data-action=\"call-ncmec-missing\"]')",
        "every checker action",
        Duration::from_secs(5),
    )
    .await?;
    let toggles: Vec<String> = b
        .js(
            "return Array.from(document.querySelectorAll('.signs input[type=checkbox]')).map(i => i.id);",
            vec![],
        )
        .await?;
    for id in &toggles {
        b.tap(&format!("#{id}")).await?;
    }
    on_screen("/check with every answer".into(), b.tel_links().await?);
    for (_, path) in [("guide", "/guide"), ("glossary", "/glossary")] {
        b.open(&site.url(path)).await?;
        let links: Vec<String> = b.js("return Array.from(document.querySelectorAll('main .cards a, main .terms a')).map(a => a.getAttribute('href'));", vec![]).await?;
        for href in links {
            b.open(&site.url(&href)).await?;
            on_screen(href, b.tel_links().await?);
        }
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_tel_link_dials_a_number_from_contacts_toml() -> TestResult {
    let (site, b) = start().await?;
    let allowed: Vec<String> = dialable_numbers()?.into_iter().map(|n| format!("tel:{n}")).collect();
    let mut bad = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut screens = 0;
    tour(&b, &site, |screen, tels| {
        screens += 1;
        for t in tels {
            if !allowed.contains(&t) {
                bad.push(format!("{screen}: {t}"));
            }
            seen.insert(t);
        }
    })
    .await?;
    // The static pages (the shell shown before and without WebAssembly, the quick-exit page) are
    // replaced before the tour can read them: check their markup as served.
    let dist = dist()?;
    for entry in std::fs::read_dir(&dist)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(&path)?;
            for part in html.split("href=\"tel:").skip(1) {
                let tel = format!("tel:{}", part.split('"').next().unwrap_or(""));
                if !allowed.contains(&tel) {
                    bad.push(format!("{} (static): {tel}", path.display()));
                }
                seen.insert(tel);
            }
        }
    }
    ensure!(
        bad.is_empty(),
        "tel: links that dial no number of content/contacts.toml ({allowed:?}):\n{}",
        bad.join("\n")
    );
    ensure!(screens >= ROUTES.len(), "the tour saw only {screens} screens");
    for must in ["tel:911", NCMEC_TEL] {
        ensure!(seen.contains(must), "no screen offers {must}; seen {seen:?}");
    }
    b.quit().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_request_leaves_the_origin_and_nothing_logs_an_error() -> TestResult {
    let site = Site::start(&dist()?).await?;
    let b = Browser::launch_with(Launch {
        network_log: true,
        ..Launch::default()
    })
    .await?;
    // Drop what Chromium's start page fetched before the app was opened.
    b.logged_requests().await?;
    let origin = site.origin();
    let mut requests = Vec::new();
    let mut errors = Vec::new();
    for (path, _) in ROUTES.iter().chain([(UNKNOWN, None)].iter()) {
        b.open(&site.url(path)).await?;
        // Let late requests (service worker registration, manifest, icons) start.
        tokio::time::sleep(Duration::from_millis(300)).await;
        requests.extend(b.resource_urls().await?);
        errors.extend(b.errors().await?.into_iter().map(|e| format!("{path}: {e}")));
    }
    tour(&b, &site, |_, _| {}).await?;
    requests.extend(b.resource_urls().await?);
    requests.extend(b.logged_requests().await?);
    errors.extend(b.errors().await?);
    // Only the network counts: data:/blob: URLs and Chromium's own chrome:// pages never leave the device.
    let internal = ["data:", "blob:", "about:", "chrome:", "chrome-untrusted:", "devtools:"];
    let strays: Vec<&String> = requests
        .iter()
        .filter(|u| {
            !(u.starts_with(&format!("{origin}/")) || *u == &origin || internal.iter().any(|s| u.starts_with(s)))
        })
        .collect();
    ensure!(
        requests.len() > ROUTES.len(),
        "only {} requests recorded: the request log is not working",
        requests.len()
    );
    ensure!(
        strays.is_empty(),
        "requests that left {origin}:\n{}",
        strays.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
    );
    ensure!(errors.is_empty(), "errors on the console:\n{}", errors.join("\n"));
    b.quit().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shipped_csp_is_never_violated() -> TestResult {
    let (site, b) = start().await?;
    let mut violations = Vec::new();
    for (path, _) in ROUTES.iter().chain([(UNKNOWN, None)].iter()) {
        b.open(&site.url(path)).await?;
        tokio::time::sleep(Duration::from_millis(200)).await;
        violations.extend(b.csp_violations().await?.into_iter().map(|v| format!("{path}: {v}")));
        // The stylesheet is inline: the CSP must allow it by its hash, or the page shows unstyled (the
        // violation above says which hash is missing).
        let styled: Value = b
            .js(
                "return { links: document.querySelectorAll('link[rel=stylesheet]').length,
                          styles: document.querySelectorAll('style').length,
                          bar: getComputedStyle(document.querySelector('.call-bar')).position };",
                vec![],
            )
            .await?;
        ensure!(
            styled == json!({ "links": 0, "styles": 1, "bar": "fixed" }),
            "{path}: the page's stylesheet is not the one inline <style>, applied: {styled}"
        );
    }
    b.open(&site.url("/")).await?;
    b.wait_for_service_worker().await?;
    b.open(&site.url("/check")).await?;
    answer(&b, "exchange", "Yes").await?;
    b.tap("main details.why summary").await?;
    violations.extend(b.csp_violations().await?.into_iter().map(|v| format!("/check: {v}")));
    // The probe really hears violations: provoke one in a throwaway page of the same origin (inline
    // script is blocked by the CSP), so an empty list above means "none", not "not listening".
    let provoked: Value = b
        .js_async(
            "const done = arguments[arguments.length - 1];
             const s = document.createElement('script'); s.textContent = 'window.__rfInline = 1;';
             document.head.appendChild(s);
             setTimeout(() => done({ ran: window.__rfInline === 1, heard: window.__rf.csp.length }), 300);",
            vec![],
        )
        .await?;
    ensure!(
        provoked["ran"] == false,
        "an inline script ran: the CSP does not block inline script"
    );
    ensure!(
        provoked["heard"].as_u64().unwrap_or(0) > violations.len() as u64,
        "the CSP probe did not hear a provoked violation: {provoked}"
    );
    ensure!(
        violations.is_empty(),
        "Content-Security-Policy violations:\n{}",
        violations.join("\n")
    );
    b.quit().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_webassembly_the_shell_still_offers_the_call() -> TestResult {
    let (site, b) = start().await?;
    b.cdp("Network.enable", json!({})).await?;
    b.cdp("Network.setBlockedURLs", json!({ "urls": ["*.wasm"] })).await?;
    b.goto(&site.url("/check")).await?;
    b.wait_until(
        "document.readyState === 'complete'",
        "the shell to load",
        Duration::from_secs(10),
    )
    .await?;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let ready: bool = b
        .js("return document.documentElement.dataset.app === 'ready';", vec![])
        .await?;
    ensure!(
        !ready,
        "the app mounted although .wasm was blocked: the block did not work"
    );
    assert_call_bar(&b, "the shell without WebAssembly").await?;
    let link = b.find(".call-bar a.call-ncmec").await?;
    ensure!(link.is_displayed().await?, "the shell's call link is not displayed");
    ensure!(
        link.attr("href").await?.as_deref() == Some(NCMEC_TEL),
        "the shell's call link does not dial {NCMEC_TEL}"
    );
    // After a while the shell says the app did not start, and offers 911 and NCMEC.
    b.wait_until("(() => { const f = document.querySelector('.shell-fallback'); const s = f && getComputedStyle(f);
                 return !!f && s.display !== 'none' && s.visibility === 'visible' && f.getBoundingClientRect().height > 40; })()",
                 "the shell's fallback message (\"The app did not start\") to become visible", Duration::from_secs(12)).await?;
    let fallback = b.texts(".shell-fallback").await?.join(" ");
    ensure!(fallback.contains("did not start"), "the fallback says {fallback:?}");
    let tels = b.tel_links().await?;
    ensure!(
        tels.contains(&"tel:911".to_string()) && tels.contains(&NCMEC_TEL.to_string()),
        "the fallback offers {tels:?}"
    );
    b.quit().await;
    Ok(())
}

/// Every route's path, read from the build: each `<route>/index.html` the prerenderer wrote.
fn prerendered_routes(dist: &std::path::Path) -> TestResult<Vec<String>> {
    fn walk(dir: &std::path::Path, prefix: &str, out: &mut Vec<String>) -> TestResult {
        for item in std::fs::read_dir(dir)? {
            let path = item?.path();
            let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
            if path.is_dir() {
                walk(&path, &format!("{prefix}{name}/"), out)?;
            } else if name == "index.html" {
                out.push(if prefix.is_empty() {
                    "/".into()
                } else {
                    format!("/{}", prefix.trim_end_matches('/'))
                });
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dist, "", &mut out)?;
    out.sort();
    Ok(out)
}

/// What a screen says and links to: `<main>`'s text (without the shell's "did not start" notice, and
/// without what depends on the device: `[data-device]`, like the address the app is served from, which
/// no build-time page can know) and every link's target, in order. The text is compared without whitespace: the server renders an empty
/// dynamic text (an empty status line) as one space, the browser as nothing; neither takes up room.
const MAIN_CONTENT: &str = "const m = document.querySelector(arguments[0]);
    if (!m) return null;
    const c = m.cloneNode(true);
    c.querySelectorAll('.shell-fallback, [data-result], [data-until-app], [data-device]').forEach(f => f.remove());
    return { text: c.textContent.replace(/\\s+/g, ''),
             links: Array.from(c.querySelectorAll('a')).map(a => a.getAttribute('href')),
             checked: Array.from(m.querySelectorAll('input')).map(i => i.checked),
             title: document.title,
             h1: Array.from(c.querySelectorAll('h1')).map(h => h.textContent.trim()) };";

/// When the first contentful paint was presented, and when the app's WebAssembly was first requested.
const APP_AFTER_PAINT: &str = "
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const wasm = performance.getEntriesByType('resource').find(e => e.name.endsWith('.wasm'));
    return { paint: paint ? paint.startTime : null, wasm: wasm ? wasm.startTime : null };";

/// Every route has its own prerendered page, so the first paint over the network is the screen itself,
/// and readable without WebAssembly. The page is what the app renders (same text, same links), so the
/// app takes over without anything moving: no layout shift.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_is_prerendered_as_the_screen_the_app_then_renders() -> TestResult {
    let dist = dist()?;
    let routes = prerendered_routes(&dist)?;
    ensure!(
        routes.len() >= ROUTES.len() + 20,
        "only {} prerendered pages in the build: {routes:?}",
        routes.len()
    );
    for (path, _) in ROUTES {
        ensure!(
            routes.iter().any(|r| r == path),
            "{path} has no prerendered page ({path}/index.html)"
        );
    }
    let site = Site::start(&dist).await?;
    let (plain, app) = (Browser::launch().await?, Browser::launch().await?);
    plain.cdp("Network.enable", json!({})).await?;
    plain
        .cdp("Network.setBlockedURLs", json!({ "urls": ["*.wasm"] }))
        .await?;
    for path in routes.iter().map(String::as_str).chain([UNKNOWN]) {
        plain.goto(&site.url(path)).await?;
        plain
            .wait_until(
                "document.readyState === 'complete'",
                "the prerendered page to load",
                Duration::from_secs(10),
            )
            .await?;
        let ready: bool = plain
            .js("return document.documentElement.dataset.app === 'ready';", vec![])
            .await?;
        ensure!(!ready, "the app mounted on {path} although .wasm was blocked");
        let page: Value = plain.js(MAIN_CONTENT, vec![json!("#shell main")]).await?;
        ensure!(
            !page.is_null(),
            "{path}: the page has no <main> before the app runs\n{}",
            plain.describe().await
        );
        ensure!(
            page["h1"].as_array().map(Vec::len) == Some(1),
            "{path}: the prerendered page has headings {}",
            page["h1"]
        );
        ensure!(
            !page["text"].as_str().unwrap_or("").contains("Loading"),
            "{path}: the prerendered page says Loading: {}",
            page["text"]
        );
        assert_call_bar(&plain, &format!("{path} before the app runs")).await?;

        app.goto(&site.url(path)).await?;
        app.wait_ready().await?;
        // Nothing of the app is fetched until the first paint is on the screen (public/early.js), so
        // neither the download nor its compiling competes with that paint.
        let starts: Value = app.js(APP_AFTER_PAINT, vec![]).await?;
        ensure!(
            starts["paint"]
                .as_f64()
                .zip(starts["wasm"].as_f64())
                .is_some_and(|(p, w)| w >= p),
            "{path}: the app's WebAssembly was requested before the first paint was on the screen: {starts}"
        );
        let mounted: Value = app.js(MAIN_CONTENT, vec![json!("#app main")]).await?;
        ensure!(
            page["text"] == mounted["text"],
            "{path}: the prerendered page says\n  {}\nbut the app renders\n  {}",
            page["text"],
            mounted["text"]
        );
        ensure!(
            page["links"] == mounted["links"],
            "{path}: the prerendered page links to\n  {}\nbut the app to\n  {}",
            page["links"],
            mounted["links"]
        );
        ensure!(
            page["title"] == mounted["title"],
            "{path}: the prerendered page is titled {} but the app {}",
            page["title"],
            mounted["title"]
        );
        ensure!(
            page["title"].as_str().is_some_and(|t| t.contains("Red flags")),
            "{path}: the title {} does not name the app",
            page["title"]
        );
        ensure!(
            page["checked"] == mounted["checked"],
            "{path}: the prerendered page's options are ticked as {} but the app's as {}",
            page["checked"],
            mounted["checked"]
        );
        let shift = app.layout_shift().await?;
        ensure!(
            shift == 0.0,
            "{path}: the page shifted by {shift} as the app took over from the prerendered page"
        );
    }
    plain.quit().await;
    app.quit().await;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// What a user sees
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn screenshots_of_every_screen_on_a_small_phone() -> TestResult {
    let site = Site::start(&dist()?).await?;
    let b = Browser::launch_with(Launch {
        viewport: SMALL_PHONE,
        ..Launch::default()
    })
    .await?;
    let mut shots = Vec::new();
    // Every screen in English, then in Spanish (`/es/…`, named `es-…`).
    let english = ROUTES.iter().map(|(path, _)| *path).chain([UNKNOWN]);
    let spanish = english.clone().map(|p| {
        if p == "/" {
            "/es/".to_string()
        } else {
            format!("/es{p}")
        }
    });
    for path in english.map(str::to_string).chain(spanish) {
        b.open(&site.url(&path)).await?;
        let name = match path.trim_matches('/') {
            "" => "home".to_string(),
            "es" => "es-home".to_string(),
            p => p.replace('/', "-"),
        };
        // Nothing wider than the screen: a phone user must never scroll sideways. The nav's links in one
        // row, in either language (a second row pushes every screen down).
        let overflow: Value = b
            .js(
                "const row = [...document.querySelectorAll('.nav-row')].find(e => e.checkVisibility());
                 const tops = row ? [...row.querySelectorAll('a')].map(a => Math.round(a.getBoundingClientRect().top)) : [];
                 // The layout viewport: on a phone `innerWidth` grows with content wider than it.
                 return { doc: document.documentElement.scrollWidth, vw: document.documentElement.clientWidth,
                          rows: new Set(tops).size };",
                vec![],
            )
            .await?;
        ensure!(
            overflow["rows"] == 1,
            "{path}: the nav's links take {} rows",
            overflow["rows"]
        );
        // The first ten seconds (issue 26): the sticky band is one short row (the name, the other
        // language, Exit), "A child is missing" is one tap away in the nav, and what a screen is for is on
        // its first screen, above the call bar: Home's two actions, Share's whole code.
        let first: Value = b
            .js(
                "const box = s => { const e = document.querySelector(s); if (!e) return null;
                   const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, h: r.height }; };
                 const missing = [...document.querySelectorAll('.main-nav .nav-row a')]
                   .find(a => a.pathname.endsWith('/missing') && a.checkVisibility());
                 return { band: box('.top'), lang_in_band: !!document.querySelector('.top .lang-switch'),
                          missing: !!missing, bar: box('.call-bar'),
                          check: box('main a.button.primary[href$=\"check\"]'),
                          lost: box('main .stack a.button[href$=\"missing\"]'), qr: box('.qr-frame') };",
                vec![],
            )
            .await?;
        let num = |v: &Value| v.as_f64().unwrap_or(f64::NAN);
        ensure!(
            num(&first["band"]["h"]) <= 64.0 && first["lang_in_band"] == true,
            "{path}: the header band is over 64 px or the language switch is not in it: {first}"
        );
        ensure!(
            first["missing"] == true,
            "{path}: \"A child is missing\" is not one tap away in the nav: {first}"
        );
        let bar_top = num(&first["bar"]["top"]);
        let on_first_screen = |what: &str| {
            let b = &first[what];
            num(&b["top"]) >= num(&first["band"]["bottom"]) - 0.5 && num(&b["bottom"]) <= bar_top + 0.5
        };
        if name == "home" || name == "es-home" {
            eprintln!("{path}: header band and first screen: {first}");
            ensure!(
                on_first_screen("check") && on_first_screen("lost"),
                "{path}: Home's two actions are not both on the first screen: {first}"
            );
        }
        if name.ends_with("share") {
            ensure!(
                on_first_screen("qr"),
                "{path}: the QR code is not whole on the first screen: {first}"
            );
        }
        ensure!(
            overflow["doc"].as_u64() <= overflow["vw"].as_u64(),
            "{path} is wider than a 360px screen: {overflow}"
        );
        shots.push(b.screenshot(&name).await?);
    }
    b.open(&site.url("/check")).await?;
    answer(&b, "missing-now", "Yes").await?;
    b.wait_until(
        "!!document.querySelector('[data-action=\"call-911-missing-child\"]')",
        "the urgent result",
        Duration::from_secs(5),
    )
    .await?;
    b.js::<Value>(
        "document.querySelector('.result').scrollIntoView(); return null;",
        vec![],
    )
    .await?;
    shots.push(b.screenshot("check-missing-now").await?);
    // The same result in Spanish, from a blank check.
    b.js::<Value>("localStorage.removeItem('red-flags:check'); return null;", vec![])
        .await?;
    b.open(&site.url("/es/check")).await?;
    answer(&b, "missing-now", "Yes").await?;
    b.wait_until(
        "!!document.querySelector('[data-action^=\"call-911\"]')",
        "the urgent result in Spanish",
        Duration::from_secs(5),
    )
    .await?;
    b.js::<Value>(
        "document.querySelector('.result').scrollIntoView(); return null;",
        vec![],
    )
    .await?;
    shots.push(b.screenshot("es-check-missing-now").await?);
    for shot in &shots {
        let bytes = std::fs::read(shot)?;
        let (w, h) = png_size(&bytes).ok_or_else(|| Failure(format!("{} is not a PNG", shot.display())))?;
        // 360×640 CSS pixels at 2.625 device pixels each.
        ensure!(
            w >= 360 && (h as f64 / w as f64 - 640.0 / 360.0).abs() < 0.05,
            "{} is {w}x{h}, not a 360x640 screen",
            shot.display()
        );
    }
    eprintln!(
        "screenshots: {} files in {}",
        shots.len(),
        workspace().join("tests/screenshots").display()
    );
    b.quit().await;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Sub-path deploys
// ---------------------------------------------------------------------------------------------

/// Built with `--public-url /red-flags/` and served only under it: deep links render, every link stays
/// under the sub-path, tapping navigates inside the app, and the service worker makes it work offline.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sub_path_deploy_keeps_routes_links_and_offline_under_its_path() -> TestResult {
    let dir = subpath_dist()?;
    // The prerendered pages link under the sub-path too (they are what shows before the app runs).
    for page in prerendered_routes(&dir)? {
        let file = dir.join(page.trim_start_matches('/')).join("index.html");
        let html = std::fs::read_to_string(&file)?;
        let outside: Vec<&str> = html
            .split("href=\"/")
            .skip(1)
            .filter(|h| !h.starts_with(&SUBPATH[1..]))
            .map(|h| &h[..h.len().min(30)])
            .collect();
        ensure!(
            outside.is_empty(),
            "{}: links outside {SUBPATH}: {outside:?}",
            file.display()
        );
    }
    let mut site = Site::start_at(&dir, SUBPATH).await?;
    let b = Browser::launch().await?;
    b.open(&site.url("/red-flags/glossary/grooming")).await?;
    ensure!(
        h1(&b).await? == "Grooming",
        "the sub-path deep link did not render its term\n{}",
        b.describe().await
    );
    assert_call_bar(&b, "/red-flags/glossary/grooming").await?;
    let links: Vec<String> = b
        .js(
            "return Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))
               .filter(h => h.startsWith('/'));",
            vec![],
        )
        .await?;
    ensure!(!links.is_empty(), "no app links found");
    let outside: Vec<&String> = links.iter().filter(|h| !h.starts_with(SUBPATH)).collect();
    ensure!(
        outside.is_empty(),
        "links that leave the sub-path (the host has nothing there): {outside:?}"
    );

    let before = b.navigations().await?;
    b.tap("nav a[href='/red-flags/check']").await?;
    b.wait_until(
        "location.pathname === '/red-flags/check' && !!document.querySelector('#q-exchange')",
        "the Check screen after tapping Check",
        Duration::from_secs(10),
    )
    .await?;
    ensure!(
        b.navigations().await? == before,
        "tapping Check reloaded the page instead of routing in the app"
    );

    b.wait_for_service_worker().await?;
    let scope: String = b
        .js_async(
            "const done = arguments[arguments.length - 1];
                   navigator.serviceWorker.getRegistration().then(r => done(r ? r.scope : ''));",
            vec![],
        )
        .await?;
    ensure!(
        scope == site.url(SUBPATH),
        "the service worker's scope is {scope:?}, not the sub-path"
    );
    site.stop().await;
    for path in ["/red-flags/guide/prevention", "/red-flags/"] {
        b.open(&site.url(path)).await?;
        let got = h1(&b).await?;
        ensure!(!got.is_empty() && got != NOT_FOUND_H1, "offline, {path} shows {got:?}");
        assert_call_bar(&b, &format!("{path} offline")).await?;
    }
    b.quit().await;
    Ok(())
}

/// Nothing but the page is fetched before the first paint: the app's files, the manifest and the icon
/// are linked by `public/early.js` once the paint is on the screen (the preloads first), and an empty
/// icon keeps Chromium from asking for `/favicon.ico` meanwhile (the served page, and the server's log). Lighthouse's simulated LCP counts
/// every request that ends before the paint as something it waited for (LCP 904 ms against an FCP of
/// 682 when the icon and manifest were linked from the start). Once the app runs, the page links the
/// real icon and its language's manifest, once each.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_page_is_fetched_before_the_first_paint() -> TestResult {
    let dist = dist()?;
    for (path, manifest) in [
        ("/", "manifest.webmanifest"),
        ("/check", "manifest.webmanifest"),
        ("/es/check", "es/manifest.webmanifest"),
    ] {
        let log = devserver::RequestLog::new();
        let site = Site::start_with(&dist, devserver::Options::new("/").log(log.clone())).await?;
        let b = Browser::launch().await?;
        b.open(&site.url(path)).await?;
        b.wait_ready().await?;
        let links: Value = b
            .js(
                "const hrefs = sel => Array.from(document.querySelectorAll(sel)).map(l => l.getAttribute('href'));
                 return { icon: hrefs('link[rel=icon]'), manifest: hrefs('link[rel=manifest]') };",
                vec![],
            )
            .await?;
        ensure!(
            links["icon"] == json!(["icons/icon.svg"]),
            "{path}: once the app runs the page's icons are {}",
            links["icon"]
        );
        ensure!(
            links["manifest"] == json!([manifest]),
            "{path}: once the app runs the page's manifests are {}",
            links["manifest"]
        );
        // As served, the page links no icon but the empty one and no manifest: both wait for early.js.
        // (The order of requests cannot show it: early.js links the app's files, the icon and the
        // manifest in one task, and Chromium may send them in any order.)
        let file = match path.trim_matches('/') {
            "" => "index.html".to_string(),
            p => format!("{p}/index.html"),
        };
        let html = std::fs::read_to_string(dist.join(&file))?;
        ensure!(
            !html.contains("<link rel=\"manifest\""),
            "{path}: the page links its manifest before the first paint"
        );
        ensure!(
            html.matches("<link rel=\"icon\"").count() == html.matches("<link rel=\"icon\" href=\"data:,\">").count(),
            "{path}: the page links an icon to fetch before the first paint"
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
        let paths: Vec<String> = log.take().into_iter().map(|e| e.path).collect();
        ensure!(
            paths.first().map(String::as_str) == Some(path),
            "{path}: the first request was not the page: {paths:?}"
        );
        ensure!(
            !paths.iter().any(|p| p == "/favicon.ico"),
            "{path}: Chromium asked for /favicon.ico: {paths:?}"
        );
        b.quit().await;
    }
    Ok(())
}
