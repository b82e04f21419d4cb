//! Every route and the way between them: each renders with the call bar (also at 200% text and on the
//! not-found screen), tapping the navigation reaches every screen without a reload, and Back and Forward
//! move focus and scroll as a tap does. The harness is `lib.rs`; run by `cargo xtask test`.

use browser_tests::*;
use serde_json::{json, Value};
use std::time::Duration;

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
