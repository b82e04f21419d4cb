//! On a real phone: the checker's live summary stays in view and leads to the result (or to
//! 911), the first answer moves nothing, 200% browser text leaves at least half the screen to content
//! and never scrolls sideways, "Exit this page" covers no other control, and the discreet look changes
//! the title, the header and the status bar and survives a reload. Screenshots of the checker at 100%,
//! 150% and 200% text, light and dark, and in the discreet look, go to tests/screenshots/.
//!
//! Browser text size: Chromium's own default font size (the preference a user sets in its settings),
//! set through CDP's `Page.setFontSizes`. It changes what `rem` and `em` media queries see, as a
//! user's text size does; page zoom or device scale factor would only magnify.

use browser_tests::thirtyfour::prelude::*;
use browser_tests::*;
use serde_json::{json, Value};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);

/// Every kind of screen (each screen, a term, a section, not found).
const ROUTES: &[&str] = &[
    "/",
    "/check",
    "/glossary",
    "/glossary/trauma-bond",
    "/guide",
    "/guide/after-a-run",
    "/missing",
    "/call",
    "/sources",
    "/settings",
    "/card",
    "/share",
    "/no-such-page",
];

/// The Spanish twins of the screens whose words run longest, checked at 200% text too.
const ES_ROUTES: &[&str] = &[
    "/es/",
    "/es/check",
    "/es/glossary",
    "/es/missing",
    "/es/call",
    "/es/settings",
];

/// One Chromium at a time from this file: each is heavy, and the test machines have two cores.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Chromium as a small phone (360 × 640), the size most of this file's tests look at.
async fn small_phone() -> TestResult<Browser> {
    Browser::launch_with(Launch {
        viewport: SMALL_PHONE,
        ..Launch::default()
    })
    .await
}

/// Chromium's default text size in percent of its 16 px (the user's own browser setting).
async fn text_size(b: &Browser, pct: u32) -> TestResult {
    b.cdp(
        "Page.setFontSizes",
        json!({ "fontSizes": { "standard": 16 * pct / 100, "fixed": 13 * pct / 100 } }),
    )
    .await?;
    settle(b).await
}

/// Light or dark, as the phone's setting.
async fn scheme(b: &Browser, dark: bool) -> TestResult {
    b.cdp(
        "Emulation.setEmulatedMedia",
        json!({ "features": [{ "name": "prefers-color-scheme", "value": if dark { "dark" } else { "light" } }] }),
    )
    .await?;
    Ok(())
}

/// Two frames: layout and sticky positions are up to date.
async fn settle(b: &Browser) -> TestResult {
    b.js_async::<Value>(
        "const done = arguments[arguments.length - 1];
         requestAnimationFrame(() => requestAnimationFrame(() => done(null)));",
        vec![],
    )
    .await?;
    Ok(())
}

async fn scroll_to(b: &Browser, y: f64) -> TestResult {
    b.js::<Value>("window.scrollTo(0, arguments[0]); return null;", vec![json!(y)])
        .await?;
    settle(b).await
}

async fn answer(b: &Browser, name: &str, label: &str) -> TestResult {
    b.tap(&format!("#q-{name} label.option:has(input[value='{label}'])"))
        .await?;
    b.wait_until(
        &format!("document.querySelector(\"input[name='{name}'][value='{label}']\").checked"),
        &format!("{name} = {label}"),
        WAIT,
    )
    .await
}

/// The live summary's box and the call bar's top, in the viewport.
const SUMMARY_BOX: &str = "const s = document.querySelector('.live-summary').getBoundingClientRect();
    const bar = document.querySelector('.call-bar').getBoundingClientRect();
    const top = document.querySelector('.top').getBoundingClientRect();
    return { top: s.top, bottom: s.bottom, bar: bar.top, header: top.bottom, vh: innerHeight };";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_live_summary_stays_in_view_while_checking_and_leads_to_the_result() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = Browser::launch().await?;
    b.open(&site.url("/check")).await?;
    let height: f64 = b.js("return document.documentElement.scrollHeight;", vec![]).await?;
    let vh: f64 = b.js("return innerHeight;", vec![]).await?;
    ensure!(
        height > 2.0 * vh,
        "the checker is only {height}px high: nothing to scroll"
    );
    let mut y = 0.0;
    while y <= height {
        scroll_to(&b, y).await?;
        let s: Value = b.js(SUMMARY_BOX, vec![]).await?;
        let f = |k: &str| s[k].as_f64().unwrap_or(f64::NAN);
        ensure!(
            f("top") >= f("header") - 0.5 && f("bottom") <= f("bar") + 0.5,
            "scrolled to {y}px the live summary is not in view between the header and the call bar: {s}"
        );
        y += vh / 2.0;
    }
    // Ticking a sign: the count, where the thumb is.
    scroll_to(&b, 0.0).await?;
    let first = b.find(".sign input[type=checkbox]").await?;
    let id = first.attr("id").await?.unwrap_or_default();
    b.tap(&format!("#{id}")).await?;
    b.wait_until(
        "document.querySelector('.live-summary').innerText.includes('1 noted')",
        "the live summary to count the ticked sign",
        WAIT,
    )
    .await?;
    // Its link goes to the next steps.
    scroll_to(&b, 0.0).await?;
    b.tap(".live-summary a").await?;
    b.wait_until(
        "(() => { const r = document.getElementById('result-h').getBoundingClientRect();
                  return r.top >= 0 && r.bottom <= innerHeight; })()",
        "the result's heading in view after tapping the live summary",
        WAIT,
    )
    .await?;
    let noted = b.texts(".result .noted-list li").await?;
    ensure!(noted.len() == 1, "the result does not name the ticked sign: {noted:?}");
    // Danger now: the summary is the call to 911 (from contacts.toml).
    scroll_to(&b, 0.0).await?;
    answer(&b, "danger-now", "Yes").await?;
    b.wait_until(
        "document.querySelector('.live-summary a[href=\"tel:911\"]')",
        "the live summary to become the 911 call",
        WAIT,
    )
    .await?;
    scroll_to(&b, height / 2.0).await?;
    let s: Value = b.js(SUMMARY_BOX, vec![]).await?;
    ensure!(
        s["bottom"].as_f64() <= s["bar"].as_f64().map(|v| v + 0.5),
        "the 911 summary is not in view: {s}"
    );
    ensure!(b.errors().await?.is_empty(), "errors: {:?}", b.errors().await?);
    b.quit().await;
    Ok(())
}

/// Every layout-shift entry from now on, input or not (a tap's own shifts count here: the next tap
/// must land where the thumb expects).
const OBSERVE_SHIFTS: &str = "window.__shifts = [];
    new PerformanceObserver(l => l.getEntries().forEach(e => window.__shifts.push({ value: e.value,
        sources: (e.sources || []).map(s => s.node ? (s.node.className || s.node.nodeName) : '?') })))
      .observe({ type: 'layout-shift' });
    return null;";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_answer_moves_nothing_under_the_thumb() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = Browser::launch().await?;
    for (question, value) in [("danger-now", "No"), ("returned", "No"), ("age", "Under 18")] {
        b.open(&site.url("/check")).await?;
        b.js::<Value>("localStorage.clear(); return null;", vec![]).await?;
        b.open(&site.url("/check")).await?;
        settle(&b).await?;
        b.js::<Value>(OBSERVE_SHIFTS, vec![]).await?;
        let before: f64 = b
            .js(
                "return document.querySelector(arguments[0]).getBoundingClientRect().top + scrollY;",
                vec![json!(format!("#q-{question}"))],
            )
            .await?;
        answer(&b, question, value).await?;
        b.wait_until(
            "document.querySelector('[data-saved]')",
            "the saved notice after the first answer",
            WAIT,
        )
        .await?;
        settle(&b).await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let shifts: Vec<Value> = b.js("return window.__shifts;", vec![]).await?;
        let after: f64 = b
            .js(
                "return document.querySelector(arguments[0]).getBoundingClientRect().top + scrollY;",
                vec![json!(format!("#q-{question}"))],
            )
            .await?;
        ensure!(
            shifts.is_empty(),
            "answering {question} = {value} first shifted the page: {shifts:?}"
        );
        ensure!(
            (before - after).abs() < 0.5,
            "the question answered moved from {before} to {after}"
        );
    }
    b.quit().await;
    Ok(())
}

/// What stays on screen whatever the scroll (the sticky header, the call bar, the checker's live
/// summary), measured scrolled into the page, as a fraction of the viewport's height.
const COVERED: &str = "const h = (s) => { const e = document.querySelector(s);
        if (!e) return 0; const r = e.getBoundingClientRect();
        return Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0)); };
    const fixed = (s) => { const e = document.querySelector(s); return !!e &&
        ['fixed', 'sticky'].includes(getComputedStyle(e).position); };
    let covered = ['.top', '.call-bar', '.live-summary'].filter(fixed).map(h).reduce((a, b) => a + b, 0);
    // The layout viewport's width: on a phone `innerWidth` grows with content wider than the screen.
    const vw = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > vw + 0.5
        && ![...e.children].some(c => c.getBoundingClientRect().right > vw + 0.5)).slice(0, 4)
        .map(e => e.outerHTML.slice(0, 90));
    return { covered: covered / innerHeight, doc: document.documentElement.scrollWidth, wide,
             vw: document.documentElement.clientWidth, body: document.body.scrollWidth };";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_200_percent_browser_text_every_route_shows_content_and_nothing_scrolls_sideways() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = small_phone().await?;
    let mut problems = Vec::new();
    let runs = [150, 200]
        .into_iter()
        .flat_map(|pct| ROUTES.iter().map(move |p| (pct, *p)))
        .chain(ES_ROUTES.iter().map(|p| (200, *p)));
    {
        for (pct, path) in runs {
            b.goto(&site.url(path)).await?;
            b.wait_until(
                "document.documentElement.dataset.app === 'ready' || document.querySelector('main h1')",
                "the page",
                Duration::from_secs(20),
            )
            .await?;
            b.wait_ready().await?;
            text_size(&b, pct).await?;
            let root_px: f64 = b
                .js(
                    "return parseFloat(getComputedStyle(document.documentElement).fontSize);",
                    vec![],
                )
                .await?;
            ensure!(
                (root_px - 16.0 * pct as f64 / 100.0).abs() < 0.5,
                "the browser's text size is not {pct}%: the root font is {root_px}px"
            );
            // The glossary's search box is on its first screen, above the call bar.
            if path.ends_with("/glossary") {
                let fits: Value = b
                    .js(
                        "const q = document.querySelector('#glossary-q').getBoundingClientRect();
                         const bar = document.querySelector('.call-bar').getBoundingClientRect();
                         return { q: q.bottom, bar: bar.top, ok: q.top >= 0 && q.bottom <= bar.top };",
                        vec![],
                    )
                    .await?;
                if fits["ok"] != true {
                    problems.push(format!(
                        "{path} at {pct}%: the search box is not on the first screen: {fits}"
                    ));
                }
            }
            scroll_to(&b, 400.0).await?;
            let m: Value = b.js(COVERED, vec![]).await?;
            if m["covered"].as_f64().unwrap_or(1.0) > 0.5 {
                problems.push(format!("{path} at {pct}%: header and bars cover more than half: {m}"));
            }
            if m["doc"].as_u64() > m["vw"].as_u64() || m["vw"].as_u64() > Some(u64::from(SMALL_PHONE.width)) {
                problems.push(format!("{path} at {pct}%: scrolls sideways: {m}"));
            }
            // The navigation is one tap away in its menu, instead of rows of links.
            let menu_shown: bool = b
                .js(
                    "return document.querySelector('.menu > summary').getBoundingClientRect().height > 0
                        && document.querySelector('.nav-row').getBoundingClientRect().height === 0;",
                    vec![],
                )
                .await?;
            if !menu_shown {
                problems.push(format!("{path} at {pct}%: the navigation did not fold into a menu"));
            }
        }
    }
    // The menu works: open it, and its links are there to tap. It closes as the new screen shows, whose
    // heading is then in view (left open, the menu fills the screen and the tap seems to do nothing).
    for home in ["/", "/es/"] {
        b.open(&site.url(home)).await?;
        text_size(&b, 200).await?;
        b.tap(".menu > summary").await?;
        b.tap(".menu a[href$='glossary']").await?;
        b.wait_until(
            "location.pathname.endsWith('/glossary')",
            "the Glossary through the menu",
            WAIT,
        )
        .await?;
        settle(&b).await?;
        let after: Value = b
            .js(
                "const h1 = document.querySelector('main h1').getBoundingClientRect();
                 return { open: document.querySelector('.menu').open, h1: h1.top, vh: innerHeight };",
                vec![],
            )
            .await?;
        ensure!(
            after["open"] == false && after["h1"].as_f64().is_some_and(|t| t < 320.0),
            "{home}: after navigating through the menu at 200% text it stays open or the new heading is not in view: {after}"
        );
    }
    // At 100% the five links show in a row, with no menu.
    text_size(&b, 100).await?;
    let row: Value = b
        .js(
            "const links = [...document.querySelectorAll('.main-nav .nav-row a')].map(a => a.getBoundingClientRect());
             return { visible: links.filter(r => r.height > 0).length, tops: new Set(links.map(r => Math.round(r.top))).size,
                      menu: document.querySelector('.menu > summary').getBoundingClientRect().height };",
            vec![],
        )
        .await?;
    ensure!(
        row["visible"] == 5 && row["tops"] == 1 && row["menu"] == 0,
        "at 100% the navigation is not one row of five links: {row}"
    );
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    b.quit().await;
    Ok(())
}

/// Every control the exit's box overlaps, at this scroll position: one inside the header must not overlap
/// it at all; one outside may only be hidden under the header's band there (what is drawn at the middle
/// of the overlap is the band), never beside or over the exit. Nothing may cover the exit itself.
const EXIT_OVERLAPS: &str = "const exit = document.querySelector('.top .quick-exit');
    const band = document.querySelector('.top');
    const e = exit.getBoundingClientRect();
    const out = [];
    for (const p of [[0.5, 0.5], [0.1, 0.1], [0.9, 0.9]]) {
      const hit = document.elementFromPoint(e.left + e.width * p[0], e.top + e.height * p[1]);
      if (!hit || !exit.contains(hit)) out.push('the exit is covered by ' + (hit ? hit.outerHTML.slice(0, 80) : 'nothing'));
    }
    for (const c of document.querySelectorAll('a[href], button, input, select, textarea, summary, label')) {
      if (c === exit || exit.contains(c)) continue;
      const r = c.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const l = Math.max(r.left, e.left), t = Math.max(r.top, e.top);
      const rr = Math.min(r.right, e.right), b = Math.min(r.bottom, e.bottom);
      if (rr - l < 0.5 || b - t < 0.5) continue;
      const label = c.outerHTML.slice(0, 80);
      if (band.contains(c)) { out.push('in the header, overlaps the exit: ' + label); continue; }
      const hit = document.elementFromPoint((l + rr) / 2, (t + b) / 2);
      if (!hit || !band.contains(hit)) out.push('drawn where the exit is: ' + label);
    }
    return out;";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_exit_control_covers_no_other_control_on_any_route_while_scrolling() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = small_phone().await?;
    let mut problems = Vec::new();
    let mut checked = 0;
    for pct in [100, 150, 200] {
        for path in ROUTES {
            b.open(&site.url(path)).await?;
            text_size(&b, pct).await?;
            let height: f64 = b.js("return document.documentElement.scrollHeight;", vec![]).await?;
            let vh: f64 = b.js("return innerHeight;", vec![]).await?;
            let mut y = 0.0;
            while y < height {
                scroll_to(&b, y).await?;
                let found: Vec<String> = b.js(EXIT_OVERLAPS, vec![]).await?;
                checked += 1;
                problems.extend(
                    found
                        .into_iter()
                        .map(|f| format!("{path} at {pct}%, scrolled {y}px: {f}")),
                );
                y += vh / 3.0;
            }
        }
    }
    ensure!(checked > 3 * ROUTES.len(), "only {checked} positions checked");
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    b.quit().await;
    Ok(())
}

/// The header's background, the light theme-color, the title and the name shown. While the app starts, its
/// own render waits hidden beside the static page (app.rs), so the name is read from the visible header.
const LOOK: &str = "return { title: document.title, look: document.documentElement.dataset.look || null,
    header: getComputedStyle(document.querySelector('.top')).backgroundColor,
    theme: document.querySelector('meta[name=\"theme-color\"][media*=\"light\"]').content,
    brand: [...document.querySelectorAll('.top .brand')].find(b => b.checkVisibility()).innerText.trim() };";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_discreet_look_changes_title_header_and_theme_color_and_survives_a_reload() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = Browser::launch().await?;
    b.open(&site.url("/settings")).await?;
    scheme(&b, false).await?;
    let before: Value = b.js(LOOK, vec![]).await?;
    ensure!(
        before["look"].is_null() && before["theme"] == "#8a1538" && before["brand"] == "Red flags",
        "the standard look is not the default: {before}"
    );
    b.tap("#look label.option:has(input[value='notes'])").await?;
    b.wait_until("document.title === 'Notes'", "the neutral tab title", WAIT)
        .await?;
    let after: Value = b.js(LOOK, vec![]).await?;
    ensure!(
        after["look"] == "notes"
            && after["theme"] == "#3d4148"
            && after["header"] == "rgb(61, 65, 72)"
            && after["brand"] == "Notes",
        "the discreet look did not change title, header, theme-color and name: {after}"
    );
    // Moving to another screen keeps the neutral title.
    b.tap(".main-nav a[href$='check']").await?;
    b.wait_until("location.pathname.endsWith('/check')", "the checker", WAIT)
        .await?;
    settle(&b).await?;
    ensure!(
        b.js::<String>("return document.title;", vec![]).await? == "Notes",
        "the checker's title is not neutral"
    );
    // The screens' own headings too: the checker's, the missing-child steps', and Home's (its name,
    // and no lead that names the subject).
    let check_h1 = b.texts("main h1").await?;
    ensure!(
        check_h1 == [ui_text("en", "look.check_title")?],
        "the checker's heading is not neutral: {check_h1:?}"
    );
    b.tap(".main-nav a[href$='missing']").await?;
    b.wait_until(
        "location.pathname.endsWith('/missing')",
        "the missing-child steps",
        WAIT,
    )
    .await?;
    let missing_h1 = b.texts("main h1").await?;
    ensure!(
        missing_h1 == [ui_text("en", "look.missing_title")?],
        "the missing-child heading is not neutral: {missing_h1:?}"
    );
    b.tap("header a.brand").await?;
    b.wait_until("document.querySelector('main .stack')", "Home", WAIT)
        .await?;
    let home: Value = b
        .js(
            "return { h1: document.querySelector('main h1').innerText,
                      lead: document.querySelector('main .lead').checkVisibility(),
                      first: document.querySelector('main .stack a.button.primary').innerText.trim() };",
            vec![],
        )
        .await?;
    ensure!(
        home["h1"] == "Notes" && home["lead"] == false && home["first"] == "Questions",
        "Home's heading, lead or first button (right under the heading) is not neutral: {home}"
    );
    b.tap(".main-nav a[href$='check']").await?;
    b.wait_until("location.pathname.endsWith('/check')", "the checker", WAIT)
        .await?;
    // The questions show a neutral label until tapped; the question stays in the page, unseen (opacity),
    // so a screen reader still reads it.
    const SEEN: &str = "const l = document.querySelector('#q-danger-now legend');
        const full = l.querySelector('.q-full'), neutral = l.querySelector('.q-neutral');
        return { neutral: getComputedStyle(neutral).display !== 'none' ? neutral.innerText : '',
                 full_opacity: getComputedStyle(full).opacity, full: full.textContent };";
    let legend: Value = b.js(SEEN, vec![]).await?;
    ensure!(
        legend["neutral"] == "Question 1" && legend["full_opacity"] == "0",
        "the first question is not neutral to the eye: {legend}"
    );
    b.tap("#q-danger-now legend").await?;
    settle(&b).await?;
    let legend: Value = b.js(SEEN, vec![]).await?;
    ensure!(
        legend["neutral"] == ""
            && legend["full_opacity"] == "1"
            && legend["full"].as_str().is_some_and(|t| t.len() > 12),
        "tapping the question does not show it: {legend}"
    );
    // A reload: applied before the app runs (early.js), on the prerendered page.
    b.goto(&site.url("/check")).await?;
    let early: Value = b.js(LOOK, vec![]).await?;
    ensure!(
        early["look"] == "notes" && early["title"] == "Notes" && early["theme"] == "#3d4148",
        "after a reload the discreet look is gone: {early}"
    );
    b.wait_ready().await?;
    let ready: Value = b.js(LOOK, vec![]).await?;
    ensure!(
        ready == early,
        "the app changed the look as it started: {early} → {ready}"
    );
    // Dark: the header is dark, not bright.
    scheme(&b, true).await?;
    settle(&b).await?;
    let dark: Value = b.js(LOOK, vec![]).await?;
    ensure!(
        dark["header"] == "rgb(37, 37, 43)",
        "the discreet header is not dark in dark mode: {dark}"
    );
    // Off again: all back.
    b.open(&site.url("/settings")).await?;
    b.tap("#look label.option:has(input[value='standard'])").await?;
    b.wait_until(
        "!document.documentElement.dataset.look && document.title.includes('Red flags')",
        "the standard look",
        WAIT,
    )
    .await?;
    ensure!(b.errors().await?.is_empty(), "errors: {:?}", b.errors().await?);
    b.quit().await;
    Ok(())
}

/// The discreet look on a Spanish page: the names from content/es/ui.toml in the header and the tab title,
/// set by the app and, after a reload, by early.js before it runs; the same stored look on an English
/// page gives the English names.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_discreet_look_is_named_in_spanish_on_spanish_pages() -> TestResult {
    let _one = SERIAL.lock().await;
    let (notas, notes) = (ui_text("es", "look.notes")?, ui_text("en", "look.notes")?);
    ensure!(
        notas != notes,
        "the Spanish name of the look is the English one: {notas}"
    );
    let site = Site::start(&dist()?).await?;
    let b = Browser::launch().await?;
    b.open(&site.url("/es/settings")).await?;
    scheme(&b, false).await?;
    let option = b.texts("#look label.option:has(input[value='notes'])").await?;
    ensure!(
        option.len() == 1 && option[0].contains(&notas),
        "the Spanish settings offer the look as {option:?}, not {notas}"
    );
    b.tap("#look label.option:has(input[value='notes'])").await?;
    b.wait_until(
        &format!("document.title === {}", json!(notas)),
        "the Spanish neutral tab title",
        WAIT,
    )
    .await?;
    let after: Value = b.js(LOOK, vec![]).await?;
    ensure!(
        after["look"] == "notes" && after["brand"] == notas.as_str() && after["theme"] == "#3d4148",
        "the discreet look on /es/settings: {after}"
    );
    // A reload on another Spanish screen: early.js names it before the app runs, the prerendered header
    // carries the Spanish name, and the app keeps both.
    b.goto(&site.url("/es/guide")).await?;
    let early: Value = b.js(LOOK, vec![]).await?;
    ensure!(
        early["look"] == "notes" && early["title"] == notas.as_str() && early["brand"] == notas.as_str(),
        "after a reload of /es/guide: {early}"
    );
    b.wait_ready().await?;
    let ready: Value = b.js(LOOK, vec![]).await?;
    ensure!(
        ready == early,
        "the app changed the Spanish look as it started: {early} → {ready}"
    );
    // The same look, English chosen: the English names.
    b.js::<Value>(
        "localStorage.setItem('red-flags:settings',
           JSON.stringify({ v: 1, text_scale: 100, theme: 'system', expiry_hours: 12, look: 'notes', lang: 'en' })); return null;",
        vec![],
    )
    .await?;
    b.goto(&site.url("/guide")).await?;
    let english: Value = b.js(LOOK, vec![]).await?;
    ensure!(
        english["title"] == notes.as_str() && english["brand"] == notes.as_str(),
        "the English page names the look {english}, not {notes}"
    );
    ensure!(b.errors().await?.is_empty(), "errors: {:?}", b.errors().await?);
    b.quit().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn screenshots_of_the_checker_at_each_text_size_light_dark_and_discreet() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = small_phone().await?;
    let mut shots = Vec::new();
    for discreet in [false, true] {
        b.open(&site.url("/check")).await?;
        b.js::<Value>(
            "localStorage.clear(); if (arguments[0]) localStorage.setItem('red-flags:settings',
               JSON.stringify({ v: 1, text_scale: 100, theme: 'system', expiry_hours: 12, look: 'notes' })); return null;",
            vec![json!(discreet)],
        )
        .await?;
        b.open(&site.url("/check")).await?;
        // Mid-way: two questions answered, two signs ticked.
        answer(&b, "danger-now", "No").await?;
        answer(&b, "missing-now", "No").await?;
        for id in b
            .js::<Vec<String>>(
                "return [...document.querySelectorAll('.sign input')].slice(0, 2).map(i => i.id);",
                vec![],
            )
            .await?
        {
            b.tap(&format!("#{id}")).await?;
        }
        let sizes: &[u32] = if discreet { &[100] } else { &[100, 150, 200] };
        for &pct in sizes {
            for dark in [false, true] {
                scheme(&b, dark).await?;
                text_size(&b, pct).await?;
                let name = format!(
                    "phone-check{}-{pct}-{}",
                    if discreet { "-discreet" } else { "" },
                    if dark { "dark" } else { "light" }
                );
                b.js::<Value>(
                    "document.querySelector('.signs').scrollIntoView(); return null;",
                    vec![],
                )
                .await?;
                settle(&b).await?;
                shots.push(b.screenshot(&format!("{name}-midway")).await?);
                b.js::<Value>(
                    "document.querySelector('.result').scrollIntoView(); return null;",
                    vec![],
                )
                .await?;
                settle(&b).await?;
                shots.push(b.screenshot(&format!("{name}-result")).await?);
            }
        }
        text_size(&b, 100).await?;
    }
    for shot in &shots {
        let bytes = std::fs::read(shot)?;
        ensure!(png_size(&bytes).is_some(), "{} is not a PNG", shot.display());
    }
    eprintln!("screenshots: {} files", shots.len());
    b.quit().await;
    Ok(())
}

/// A word run into the one before it ("involved.Source:", "stepsCall"): a lower-case letter or a period
/// directly followed by a capitalized word, in what the screen shows. Names written that way on purpose
/// are listed.
const RUN_TOGETHER: &str = "const ok = ['CyberTipline', 'iPhone'];
    const text = document.body.innerText;
    const found = [];
    for (const m of text.matchAll(/[A-Za-z]*[a-z.][A-Z][a-z]+/g)) {
      if (!ok.some(w => m[0].endsWith(w))) found.push(text.slice(Math.max(0, m.index - 20), m.index + m[0].length + 10));
    }
    return found;";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_screen_runs_two_words_together() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = Browser::launch().await?;
    let mut problems = Vec::new();
    for path in ROUTES {
        b.open(&site.url(path)).await?;
        for f in b.js::<Vec<String>>(RUN_TOGETHER, vec![]).await? {
            problems.push(format!("{path}: {f:?}"));
        }
    }
    // The checker's results: urgent, the law's rule, signs noted.
    b.open(&site.url("/check")).await?;
    answer(&b, "age", "Under 18").await?;
    answer(&b, "exchange", "Yes").await?;
    answer(&b, "missing-now", "Yes").await?;
    b.tap(".sign input[type=checkbox]").await?;
    b.js::<Value>(
        "document.querySelectorAll('details').forEach(d => d.open = true); return null;",
        vec![],
    )
    .await?;
    settle(&b).await?;
    for f in b.js::<Vec<String>>(RUN_TOGETHER, vec![]).await? {
        problems.push(format!("/check with a result: {f:?}"));
    }
    // The test can fail: a run-together sentence is found.
    let caught: Vec<String> = b
        .js(
            &format!(
                "document.querySelector('main h1').textContent = 'The child is involved.Source: x'; {RUN_TOGETHER}"
            ),
            vec![],
        )
        .await?;
    ensure!(!caught.is_empty(), "the check does not catch \"involved.Source\"");
    ensure!(problems.is_empty(), "words run together:\n{}", problems.join("\n"));
    b.quit().await;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Beyond the automated check: what a screen-reader, keyboard or forced-colours user meets.
// ---------------------------------------------------------------------------------------------

/// Presses `key` where focus is, as a keyboard user would, then waits two frames (focus moves drawn).
async fn press(b: &Browser, key: impl Into<TypingData>) -> TestResult {
    b.driver().action_chain().send_keys(key).perform().await?;
    settle(b).await
}

/// Where focus is: `{ id, tag, text, body }` (`body`: focus fell to `<body>` or nowhere).
const FOCUS: &str = "const a = document.activeElement;
    return { id: a?.id || null, tag: a?.tagName || null, text: (a?.innerText || '').trim().slice(0, 60),
             data: a ? Object.assign({}, a.dataset) : null, body: !a || a === document.body };";

/// Fails unless focus, after `what`, is on the element `css` matches; never on `<body>`.
async fn focus_on(b: &Browser, css: &str, what: &str) -> TestResult {
    let on = b
        .wait_until(
            &format!("document.activeElement === document.querySelector({})", json!(css)),
            &format!("focus on `{css}` after {what}"),
            WAIT,
        )
        .await;
    if let Err(e) = on {
        let now: Value = b.js(FOCUS, vec![]).await?;
        return fail(format!("{e:?}\n  focus after {what}: {now}"));
    }
    Ok(())
}

/// The name a screen reader hears for each node with `role`, from Chromium's accessibility tree.
async fn ax_names(b: &Browser, role: &str) -> TestResult<Vec<String>> {
    let tree = b.cdp("Accessibility.getFullAXTree", json!({})).await?;
    Ok(tree["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|n| n["role"]["value"] == role && n["ignored"] != true)
        .map(|n| n["name"]["value"].as_str().unwrap_or_default().to_string())
        .collect())
}

/// Issue 30, points 1, 4, 5 and 11 on Check, by keyboard only: the live summary's link puts focus on the
/// result's heading; an urgent answer changes the text of the one live region the screen had from the
/// start (a new region would not be read out); Reset asks first, "No" goes back to Reset, "Yes" to a
/// status; focus is never on `<body>`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_result_is_announced_in_one_live_region_and_focus_follows_every_action_on_check() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = Browser::launch().await?;
    b.open(&site.url("/check")).await?;
    b.wait_until(
        "document.querySelector('[data-result=live]')",
        "the app's result (not the prerendered one)",
        WAIT,
    )
    .await?;
    let before: Value = b
        .js(
            "window.__live = document.getElementById('result-live');
             return window.__live ? { role: __live.getAttribute('role'), text: __live.textContent } : null;",
            vec![],
        )
        .await?;
    // A sign ticked by keyboard (Space on the checkbox), then the live summary's link (Enter).
    b.js::<Value>(
        "document.querySelector('.sign input[type=checkbox]').focus(); return null;",
        vec![],
    )
    .await?;
    press(&b, " ").await?;
    b.js::<Value>(
        "document.querySelector('.live-summary a').focus(); return null;",
        vec![],
    )
    .await?;
    press(&b, Key::Enter).await?;
    focus_on(&b, "#result-h", "the live summary's \"Next steps\" link").await?;
    ensure!(
        before["role"] == "status",
        "no live region for the result in the page from the start: {before}"
    );
    // Danger now: Yes, by keyboard (Space on the radio button).
    b.js::<Value>(
        "document.querySelector(\"input[name='danger-now'][value='Yes']\").focus(); return null;",
        vec![],
    )
    .await?;
    press(&b, " ").await?;
    b.wait_until(
        "document.querySelector('.live-summary a[href=\"tel:911\"]')",
        "the result to turn urgent",
        WAIT,
    )
    .await?;
    let after: Value = b
        .js(
            "const now = document.getElementById('result-live');
             return { same: now === window.__live && now.isConnected, text: now?.textContent,
                      others: document.querySelectorAll('main [role=status] .headline, main .headline[role=status]').length };",
            vec![],
        )
        .await?;
    ensure!(
        after["same"] == true
            && after["text"] != before["text"]
            && after["text"].as_str().is_some_and(|t| t.contains("911")),
        "the urgent result is not said by the live region the screen started with: before {before}, after {after}"
    );
    ensure!(
        after["others"] == 0,
        "a headline is still a live region of its own (read twice, or not at all): {after}"
    );
    // Reset, "No, keep them", Reset, "Yes": focus on the confirmation, on Reset, on the status.
    b.js::<Value>("document.getElementById('reset-start').focus(); return null;", vec![])
        .await?;
    press(&b, Key::Enter).await?;
    focus_on(&b, "#reset-yes", "Reset").await?;
    b.js::<Value>("document.getElementById('reset-keep').focus(); return null;", vec![])
        .await?;
    press(&b, Key::Enter).await?;
    focus_on(&b, "#reset-start", "\"No, keep them\"").await?;
    ensure!(
        b.js::<bool>(
            "return document.querySelector(\"input[name='danger-now'][value='Yes']\").checked;",
            vec![]
        )
        .await?,
        "\"No, keep them\" cleared the answers"
    );
    press(&b, Key::Enter).await?;
    focus_on(&b, "#reset-yes", "Reset again").await?;
    press(&b, Key::Enter).await?;
    focus_on(&b, "#reset-status", "\"Yes, clear every answer\"").await?;
    let status = b.texts("#reset-status").await?.join("");
    ensure!(
        status == ui_text("en", "check.reset_done")?,
        "after Reset the status says {status:?}"
    );
    ensure!(
        b.js::<bool>("return !document.querySelector('main input:checked');", vec![])
            .await?,
        "Reset left answers checked"
    );
    ensure!(b.errors().await?.is_empty(), "errors: {:?}", b.errors().await?);
    b.quit().await;
    Ok(())
}

/// Issue 30, points 2, 13 and 16: in the discreet look a screen reader still hears each question (the
/// neutral "Question 1" is for eyes only), the hint as the group's description, and `<main>` named by
/// the screen's heading.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_discreet_look_keeps_the_questions_in_the_accessibility_tree() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = Browser::launch().await?;
    b.open(&site.url("/settings")).await?;
    b.tap("#look label.option:has(input[value='notes'])").await?;
    b.wait_until("document.title === 'Notes'", "the neutral tab title", WAIT)
        .await?;
    b.tap(".main-nav a[href$='check']").await?;
    b.wait_until(
        "location.pathname.endsWith('/check') && document.querySelector('#q-danger-now')",
        "the Check screen",
        WAIT,
    )
    .await?;
    settle(&b).await?;
    let shown: Value = b
        .js(
            "const q = document.querySelector('#q-age');
             return { question: q.querySelector('.q-full').textContent.trim(),
                      neutral: getComputedStyle(q.querySelector('.q-neutral')).display,
                      hint: q.querySelector('.hint')?.textContent.trim() || null,
                      described: q.getAttribute('aria-describedby'),
                      hintId: q.querySelector('.hint')?.id || null,
                      h1: document.querySelector('main h1').innerText.trim() };",
            vec![],
        )
        .await?;
    ensure!(
        shown["neutral"] != "none",
        "the discreet look does not show the neutral label: {shown}"
    );
    ensure!(
        shown["hint"].is_string() && shown["described"] == shown["hintId"],
        "the age question's hint does not describe its group: {shown}"
    );
    let groups = ax_names(&b, "group").await?;
    let question = shown["question"].as_str().unwrap_or_default();
    ensure!(
        !question.is_empty() && groups.iter().any(|g| g == question),
        "in the discreet look the age question is not in the accessibility tree by its words {question:?}: groups {groups:?}"
    );
    ensure!(
        !groups.iter().any(|g| g.starts_with("Question ")),
        "a screen reader hears a neutral \"Question n\" for a group: {groups:?}"
    );
    let mains = ax_names(&b, "main").await?;
    ensure!(
        mains.iter().any(|m| Some(m.as_str()) == shown["h1"].as_str()),
        "<main> is not named by the screen's heading {}: {mains:?}",
        shown["h1"]
    );
    // "More" beside a sign: named by the sign, as one phrase.
    let summary = b
        .js::<String>(
            "return document.querySelector('.why summary').getAttribute('aria-label') || '';",
            vec![],
        )
        .await?;
    ensure!(
        summary.starts_with("More: ") && !summary.contains(" :"),
        "a \"More\" is named {summary:?}"
    );
    b.quit().await;
    Ok(())
}

/// Issue 30, points 7 and 8: forced colours (Windows High Contrast) keep a box round every call link and
/// the call bar's two buttons, and the urgent headline marked; in dark mode the focus ring in the header
/// contrasts with the header (at least 3:1).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forced_colours_keep_the_call_links_boxed_and_the_header_focus_ring_shows_in_dark_mode() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = Browser::launch().await?;
    b.open(&site.url("/call")).await?;
    b.cdp(
        "Emulation.setEmulatedMedia",
        json!({ "features": [{ "name": "forced-colors", "value": "active" }] }),
    )
    .await?;
    settle(&b).await?;
    let boxes: Vec<Value> = b
        .js(
            "return Array.from(document.querySelectorAll('.call-bar a, main .call-link')).map(a => {
               const s = getComputedStyle(a);
               return { cls: a.className, style: s.borderTopStyle, width: parseFloat(s.borderTopWidth) };
             });",
            vec![],
        )
        .await?;
    ensure!(boxes.len() >= 3, "too few call links on /call: {boxes:?}");
    let unboxed: Vec<&Value> = boxes
        .iter()
        .filter(|b| b["style"] == "none" || b["width"].as_f64().unwrap_or(0.0) < 1.0)
        .collect();
    ensure!(
        unboxed.is_empty(),
        "in forced colours these call links have no border and read as plain text: {unboxed:?}"
    );
    // Point 12: the call bar's names carry the numbers they dial in digits; no link says 911 twice.
    let links = ax_names(&b, "link").await?;
    let when_911 = ui_text("en", "common.call_bar_911_when")?;
    ensure!(
        links.iter().any(|l| l.contains("911") && l.contains(&when_911))
            && links.iter().any(|l| l.contains("1-800-843-5678")),
        "the call bar's accessible names lack their numbers in digits: {links:?}"
    );
    ensure!(
        !links.iter().any(|l| l.contains("911, 911")),
        "a link is read \"…911, 911\": {links:?}"
    );
    // The urgent headline keeps a highlight of its own (the system's Mark colours).
    b.tap(".main-nav a[href$='check']").await?;
    b.wait_until("document.querySelector('[data-result=live]')", "the Check screen", WAIT)
        .await?;
    answer(&b, "danger-now", "Yes").await?;
    let headline: Value = b
        .js(
            "const h = document.querySelector('.headline.urgent'); const s = getComputedStyle(h);
             return { adjust: s.forcedColorAdjust, bg: s.backgroundColor, page: getComputedStyle(document.body).backgroundColor };",
            vec![],
        )
        .await?;
    ensure!(
        headline["adjust"] == "none" && headline["bg"] != headline["page"],
        "in forced colours the urgent headline has no highlight: {headline}"
    );
    // Dark mode, no forced colours: Tab to the header's name link; its ring against the header.
    b.cdp(
        "Emulation.setEmulatedMedia",
        json!({ "features": [{ "name": "prefers-color-scheme", "value": "dark" }, { "name": "forced-colors", "value": "none" }] }),
    )
    .await?;
    b.open(&site.url("/")).await?;
    b.js::<Value>("document.activeElement?.blur(); return null;", vec![])
        .await?;
    press(&b, Key::Tab).await?;
    press(&b, Key::Tab).await?;
    let ring: Value = b
        .js(
            "const a = document.activeElement; const s = getComputedStyle(a);
             const bg = getComputedStyle(document.querySelector('.top')).backgroundColor;
             const lum = c => { const [r, g, b] = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map(v => {
                 v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
               return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
             const [l1, l2] = [lum(s.outlineColor), lum(bg)].sort((x, y) => y - x);
             return { inHeader: !!a.closest('.top'), outline: s.outlineColor, style: s.outlineStyle, bg,
                      ratio: (l1 + 0.05) / (l2 + 0.05) };",
            vec![],
        )
        .await?;
    ensure!(
        ring["inHeader"] == true && ring["style"] != "none" && ring["ratio"].as_f64().unwrap_or(0.0) >= 3.0,
        "in dark mode the focus ring in the header is under 3:1 against it: {ring}"
    );
    b.quit().await;
    Ok(())
}

/// Issue 30, points 5, 6 and 14 on Settings and Call, by keyboard only: each setting changed is named in
/// the status; the text size chosen with the arrow keys stays clear of the call bar; "No, keep it" goes
/// back to the button it came from; on a saved number, Delete focuses its confirmation, "No, keep it"
/// the Delete button, Edit's Cancel the Edit button. Focus is never on `<body>`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_and_call_keep_focus_on_a_control_after_every_action() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = Browser::launch().await?;
    b.open(&site.url("/settings")).await?;
    b.wait_until("document.querySelector(\"input[name='text-scale']\")", "Settings", WAIT)
        .await?;
    b.js::<Value>(
        "document.querySelector(\"input[name='text-scale']:checked\").focus(); return null;",
        vec![],
    )
    .await?;
    press(&b, Key::Down).await?;
    settle(&b).await?;
    let placed: Value = b
        .js(
            "const a = document.activeElement; const r = a.closest('label').getBoundingClientRect();
             return { name: a.name, value: a.value, bottom: r.bottom,
                      bar: document.querySelector('.call-bar').getBoundingClientRect().top,
                      status: document.querySelector('.settings-status').textContent };",
            vec![],
        )
        .await?;
    ensure!(
        placed["name"] == "text-scale" && placed["bottom"].as_f64() <= placed["bar"].as_f64(),
        "the text size chosen by the arrow keys is under the call bar: {placed}"
    );
    let text_size = ui_text("en", "settings.text_size")?;
    ensure!(
        placed["status"].as_str().is_some_and(|s| s.starts_with(&text_size)),
        "the status does not name the setting saved ({text_size}): {placed}"
    );
    b.js::<Value>("document.getElementById('erase-start').focus(); return null;", vec![])
        .await?;
    press(&b, Key::Enter).await?;
    focus_on(&b, ".erase .confirm .danger", "\"Erase everything\"").await?;
    press(&b, Key::Tab).await?;
    press(&b, Key::Enter).await?;
    focus_on(&b, "#erase-start", "\"No, keep it\" in Settings").await?;

    b.open(&site.url("/call")).await?;
    b.wait_until("!document.querySelector('[data-until-app]')", "the app on /call", WAIT)
        .await?;
    b.find("#my-label").await?.send_keys("Supervisor").await?;
    b.find("#my-number").await?.send_keys("555-234-5678").await?;
    b.js::<Value>(
        "document.querySelector('.my-number-form button[type=submit]').focus(); return null;",
        vec![],
    )
    .await?;
    press(&b, Key::Enter).await?;
    b.wait_until(
        "document.querySelector('[data-delete=\"0\"]')",
        "the saved number",
        WAIT,
    )
    .await?;
    b.js::<Value>(
        "document.querySelector('[data-delete=\"0\"]').focus(); return null;",
        vec![],
    )
    .await?;
    press(&b, Key::Enter).await?;
    focus_on(&b, "[data-delete-yes=\"0\"]", "Delete on a saved number").await?;
    press(&b, Key::Tab).await?;
    press(&b, Key::Enter).await?;
    focus_on(&b, "[data-delete=\"0\"]", "\"No, keep it\" on a saved number").await?;
    b.js::<Value>(
        "document.querySelector('[data-edit=\"0\"]').focus(); return null;",
        vec![],
    )
    .await?;
    press(&b, Key::Enter).await?;
    focus_on(&b, "#my-label", "Edit").await?;
    b.js::<Value>(
        "Array.from(document.querySelectorAll('.my-number-form button[type=button]')).pop().focus(); return null;",
        vec![],
    )
    .await?;
    press(&b, Key::Enter).await?;
    focus_on(&b, "[data-edit=\"0\"]", "Edit's Cancel").await?;
    ensure!(b.errors().await?.is_empty(), "errors: {:?}", b.errors().await?);
    b.quit().await;
    Ok(())
}

/// Issue 30, points 9 and 15 on the glossary search: the number of terms is read out once typing pauses
/// (not at every key), and Escape pressed three times in the search field, which uses Escape to clear
/// itself, is not a quick exit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_glossary_search_announces_once_and_its_escape_is_not_a_quick_exit() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = Browser::launch().await?;
    b.open(&site.url("/glossary")).await?;
    b.find("#glossary-q").await?.send_keys("grooming").await?;
    b.js::<Value>("document.getElementById('glossary-q').focus(); return null;", vec![])
        .await?;
    assert_escape_three_times_stays_on(&b, "/glossary", "the search field").await?;
    b.wait_until(
        "document.getElementById('glossary-count-live')",
        "the glossary's live count",
        WAIT,
    )
    .await?;
    b.js::<Value>(
        "window.__said = [];
         new MutationObserver(() => __said.push(document.getElementById('glossary-count-live').textContent))
           .observe(document.getElementById('glossary-count-live'), { childList: true, subtree: true, characterData: true });
         return null;",
        vec![],
    )
    .await?;
    b.find("#glossary-q").await?.send_keys("traffick").await?;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let said: Vec<String> = b.js("return __said.filter(s => s);", vec![]).await?;
    let count = b.texts("main .count").await?.join("");
    ensure!(
        said.len() == 1 && said[0] == count,
        "typing one word announced {said:?} (the count shows {count:?})"
    );
    b.quit().await;
    Ok(())
}

/// Issue 30, point 10: a phone held sideways (640 × 360) gets the compact bars too, so the fixed ones
/// (the sticky header, the live summary, the call bar) leave well over half the height to the checker
/// (221 px measured; 185 px before the compact rules applied to short screens).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn held_sideways_the_fixed_bars_leave_over_half_the_screen_to_the_checker() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = Browser::launch_with(Launch {
        viewport: Viewport {
            width: 640,
            height: 360,
        },
        ..Launch::default()
    })
    .await?;
    b.open(&site.url("/check")).await?;
    let height: f64 = b.js("return document.documentElement.scrollHeight;", vec![]).await?;
    scroll_to(&b, height / 3.0).await?;
    let s: Value = b.js(SUMMARY_BOX, vec![]).await?;
    let free = s["top"].as_f64().unwrap_or(0.0) - s["header"].as_f64().unwrap_or(f64::NAN);
    ensure!(
        free >= 200.0,
        "held sideways (640 × 360) the checker gets {free:.0} px between the fixed bars: {s}"
    );
    b.quit().await;
    Ok(())
}

/// The checker is short where it matters: at 360 × 640, in both languages, the
/// guide's signs start within one flick (one screen) of the two urgent questions, and a result puts one
/// short caution above its steps and the full cautions after them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_signs_are_one_flick_below_the_urgent_questions_and_one_caution_line_leads_the_steps() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = small_phone().await?;
    for path in ["/check", "/es/check"] {
        b.open(&site.url(path)).await?;
        let gap: Value = b
            .js(
                "const q2 = document.querySelector('#q-missing-now').getBoundingClientRect();
                 const signs = document.querySelector('#signs-h').getBoundingClientRect();
                 const first = document.querySelector('.signs .sign').getBoundingClientRect();
                 return { q2_bottom: q2.bottom + scrollY, signs_top: signs.top + scrollY,
                          first_sign_bottom: first.bottom + scrollY, vh: innerHeight,
                          page: document.documentElement.scrollHeight };",
                vec![],
            )
            .await?;
        eprintln!("{path}: the urgent questions and the signs: {gap}");
        let num = |k: &str| gap[k].as_f64().unwrap_or(f64::NAN);
        ensure!(
            num("first_sign_bottom") - num("q2_bottom") <= num("vh"),
            "{path}: the first sign ends more than one screen below question 2: {gap}"
        );
        // A result: one short caution line before step 1; the full cautions after the last step.
        answer(&b, "exchange", "Yes").await?;
        b.wait_until(
            "!!document.querySelector('.live-result .actions .action')",
            "a result with steps",
            WAIT,
        )
        .await?;
        let order: Value = b
            .js(
                "const r = document.querySelector('.live-result');
                 const kids = [...r.querySelectorAll('.caution, .actions > .action')];
                 return kids.map(e => e.classList.contains('action') ? 'step'
                   : e.classList.contains('caution-line') ? 'line' : 'caution');",
                vec![],
            )
            .await?;
        let order: Vec<String> = serde_json::from_value(order)?;
        // The glossary's terms in the steps link to their entries ("sex trafficking" in the legal rule).
        let terms: Vec<String> = b
            .js(
                "return [...document.querySelectorAll('.live-result .actions a.term-link')].map(a => a.pathname);",
                vec![],
            )
            .await?;
        ensure!(
            terms.iter().any(|p| p.contains("/glossary/")),
            "{path}: no glossary term in the steps links to its entry: {terms:?}"
        );
        // The case note's copy button before the steps, within reach of the result's first screen.
        let copy_first: bool = b
            .js(
                "const c = document.querySelector('#copy-summary'), s = document.querySelector('.live-result .actions');
                 return !!(c && s && (c.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING));",
                vec![],
            )
            .await?;
        ensure!(copy_first, "{path}: the copy button is not before the steps");
        let first_step = order.iter().position(|k| k == "step");
        let last_step = order.iter().rposition(|k| k == "step");
        ensure!(
            first_step == Some(1)
                && order[0] == "line"
                && order.iter().filter(|k| *k == "line").count() == 1
                && order[last_step.unwrap_or(0) + 1..].iter().all(|k| k == "caution")
                && order.iter().filter(|k| *k == "caution").count() >= 3,
            "{path}: expected one caution line, then the steps, then the cautions: {order:?}"
        );
        b.js::<Value>("localStorage.removeItem('red-flags:check'); return null;", vec![])
            .await?;
    }
    b.quit().await;
    Ok(())
}

/// The header's or the navigation's visible link to a path ending in `arguments[0]` (the band's, the row's,
/// or the open menu's): its
/// box in the viewport, whether a tap at its centre lands on it, and how far the page is scrolled.
const NAV_LINK: &str = "const a = [...document.querySelectorAll('.top a, .main-nav a')]
      .find(a => a.pathname.endsWith(arguments[0]) && a.checkVisibility());
    if (!a) return null;
    const r = a.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    return { top: r.top, bottom: r.bottom, h: r.height, w: r.width, x, y, vh: innerHeight,
             hit: !!hit && a.contains(hit), scroll: scrollY,
             end: document.documentElement.scrollHeight - innerHeight };";

/// A tap at a point of the viewport, as a finger would: the browser hit-tests it, so a link covered there
/// is not what it reaches (WebDriver's click would scroll the element into view first).
async fn tap_at(b: &Browser, link: &Value) -> TestResult {
    for kind in ["mousePressed", "mouseReleased"] {
        b.cdp(
            "Input.dispatchMouseEvent",
            json!({ "type": kind, "x": link["x"], "y": link["y"], "button": "left", "clickCount": 1 }),
        )
        .await?;
    }
    Ok(())
}

/// Whether a [`NAV_LINK`] answer is a link wholly in the viewport, at least 44 px tall and wide, that a tap
/// at its centre reaches.
fn in_reach(link: &Value) -> bool {
    let n = |k: &str| link[k].as_f64().unwrap_or(f64::NAN);
    link["hit"] == true && n("top") >= 0.0 && n("bottom") <= n("vh") && n("h") >= 44.0 && n("w") >= 44.0
}

/// "A child is missing" is one tap away from anywhere on a screen: scrolled to
/// the very bottom of Home, Check and the Glossary at 360 × 640 at the default text size, in both
/// languages, the navigation's link is in view, nothing covers it, and a tap there opens the screen.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_child_is_missing_is_one_tap_away_at_the_bottom_of_a_screen() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = small_phone().await?;
    for path in ["/", "/check", "/glossary", "/es/", "/es/check", "/es/glossary"] {
        b.open(&site.url(path)).await?;
        scroll_to(&b, 1e6).await?;
        let link: Value = b.js(NAV_LINK, vec![json!("/missing")]).await?;
        eprintln!("{path}, scrolled to the bottom: \"A child is missing\" at {link}");
        let n = |k: &str| link[k].as_f64().unwrap_or(f64::NAN);
        ensure!(
            n("scroll") > 640.0 && (n("scroll") - n("end")).abs() < 2.0,
            "{path}: not scrolled to the bottom: {link}"
        );
        ensure!(
            in_reach(&link),
            "{path}: at the bottom of the screen \"A child is missing\" is not in view and uncovered: {link}"
        );
        tap_at(&b, &link).await?;
        let want = if path.starts_with("/es/") {
            "/es/missing"
        } else {
            "/missing"
        };
        b.wait_until(
            &format!("location.pathname === '{want}' && !!document.querySelector('.steps')"),
            &format!("{want} after one tap from the bottom of {path}"),
            WAIT,
        )
        .await?;
    }
    b.quit().await;
    Ok(())
}

/// Settings (and with it the discreet look) is reachable from the top of every screen: a gear in the
/// header's band at the default text size, in the navigation's menu at 200% text,
/// in both languages, and a tap there opens it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_is_in_the_navigation_at_the_top_of_every_screen() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = small_phone().await?;
    let mut problems = Vec::new();
    for path in ROUTES.iter().chain(ES_ROUTES) {
        b.open(&site.url(path)).await?;
        let link: Value = b.js(NAV_LINK, vec![json!("/settings")]).await?;
        if !in_reach(&link) {
            problems.push(format!("{path}: Settings is not in the navigation at the top: {link}"));
        }
    }
    for (path, want) in [("/check", "/settings"), ("/es/glossary", "/es/settings")] {
        b.open(&site.url(path)).await?;
        let link: Value = b.js(NAV_LINK, vec![json!("/settings")]).await?;
        ensure!(
            in_reach(&link),
            "{path}: Settings is not in the navigation at the top: {link}"
        );
        tap_at(&b, &link).await?;
        b.wait_until(
            &format!("location.pathname === '{want}' && !!document.querySelector(\"input[name='look']\")"),
            &format!("{want} (with the discreet look) after one tap from {path}"),
            WAIT,
        )
        .await?;
        // At 200% text the navigation is a menu: Settings is in it.
        b.open(&site.url(path)).await?;
        text_size(&b, 200).await?;
        b.tap(".menu > summary").await?;
        b.tap(".menu .nav a[href$='settings']").await?;
        b.wait_until(
            &format!("location.pathname === '{want}'"),
            &format!("{want} through the menu at 200% text from {path}"),
            WAIT,
        )
        .await?;
        text_size(&b, 100).await?;
    }
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    b.quit().await;
    Ok(())
}

/// The app's own text size on top of the browser's: for every combination of
/// browser text (100%, 200%) and the app's Settings → Text size (100%, 125%, 150%), on every route, the
/// fixed and sticky bars leave at least half a 360 × 640 screen, Check included with its live summary,
/// both as it starts and when it says "Call 911 now".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fixed_bars_leave_half_the_screen_at_every_browser_and_app_text_size() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = small_phone().await?;
    let mut problems = Vec::new();
    let mut worst = (0.0_f64, String::new());
    b.open(&site.url("/")).await?;
    for scale in [100, 125, 150] {
        b.js::<Value>(
            "localStorage.clear(); localStorage.setItem('red-flags:settings',
               JSON.stringify({ v: 1, text_scale: arguments[0], theme: 'system', expiry_hours: 12 })); return null;",
            vec![json!(scale)],
        )
        .await?;
        for pct in [100, 200] {
            for path in ROUTES.iter().chain(ES_ROUTES) {
                b.open(&site.url(path)).await?;
                text_size(&b, pct).await?;
                let root_px: f64 = b
                    .js(
                        "return parseFloat(getComputedStyle(document.documentElement).fontSize);",
                        vec![],
                    )
                    .await?;
                // The app's size on top of the browser's, up to 32 px, never below the browser's own.
                let browser_px = 16.0 * f64::from(pct) / 100.0;
                let want = (browser_px * f64::from(scale) / 100.0).min(browser_px.max(32.0));
                ensure!(
                    (root_px - want).abs() < 0.5,
                    "{path}: the root font is {root_px}px, not {want}px (browser {pct}%, app {scale}%)"
                );
                let wide: Value = b
                    .js("return [document.documentElement.scrollWidth, innerWidth];", vec![])
                    .await?;
                if wide[0].as_f64() > wide[1].as_f64().map(|w| w + 1.0) {
                    problems.push(format!(
                        "{path} at browser {pct}%, app {scale}%: the page is wider than the screen (scrollWidth, innerWidth: {wide})"
                    ));
                }
                let urgent = if path.ends_with("check") {
                    vec![false, true]
                } else {
                    vec![false]
                };
                for urgent in urgent {
                    // A check left from the other language's page may already say so.
                    let said: bool = b
                        .js(
                            "const i = document.querySelector(\"input[name='danger-now'][value='Yes']\"); return !!i && i.checked;",
                            vec![],
                        )
                        .await?;
                    if urgent && !said {
                        answer(&b, "danger-now", "Yes").await?;
                    }
                    scroll_to(&b, 400.0).await?;
                    let m: Value = b.js(COVERED, vec![]).await?;
                    let covered = m["covered"].as_f64().unwrap_or(1.0);
                    let what = format!(
                        "{path} at browser {pct}%, app {scale}%{}",
                        if urgent { ", urgent" } else { "" }
                    );
                    if covered > worst.0 {
                        worst = (covered, what.clone());
                    }
                    if covered >= 0.5 {
                        problems.push(format!(
                            "{what}: the bars cover {:.0}% of the screen: {m}",
                            covered * 100.0
                        ));
                    }
                }
                if path.ends_with("check") {
                    b.js::<Value>("localStorage.removeItem('red-flags:check'); return null;", vec![])
                        .await?;
                }
            }
        }
    }
    eprintln!("the most the bars cover: {:.1}% ({})", worst.0 * 100.0, worst.1);
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    b.quit().await;
    Ok(())
}

/// The agency's number is within reach on "A child is missing": with no number
/// saved, the field to save it in step 2 starts less than two screens from the top at 360 × 640 in both
/// languages, while step 1's call to 911 stays whole on the first screen and the steps keep their order.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_agency_number_field_is_within_one_flick_of_the_top_of_missing() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = small_phone().await?;
    for path in ["/missing", "/es/missing"] {
        b.open(&site.url(path)).await?;
        let at: Value = b
            .js(
                "const field = document.querySelector('#missing-agency-number').getBoundingClientRect();
                 const call = document.querySelector('[data-step=police] .call-link').getBoundingClientRect();
                 const bar = document.querySelector('.call-bar').getBoundingClientRect();
                 return { field: field.top + scrollY, call_top: call.top, call_bottom: call.bottom, bar: bar.top,
                          steps: [...document.querySelectorAll('.steps > .step')].map(s => s.dataset.step),
                          vh: innerHeight };",
                vec![],
            )
            .await?;
        eprintln!("{path}: the agency's field and step 1's call: {at}");
        let n = |k: &str| at[k].as_f64().unwrap_or(f64::NAN);
        ensure!(
            n("field") < 2.0 * n("vh"),
            "{path}: the field to save the agency's number starts {} px down, not within one flick: {at}",
            n("field")
        );
        ensure!(
            n("call_top") >= 0.0 && n("call_bottom") <= n("bar"),
            "{path}: step 1's call to 911 is not whole on the first screen: {at}"
        );
        let steps: Vec<String> = serde_json::from_value(at["steps"].clone())?;
        ensure!(
            steps.starts_with(&["police".into(), "agency".into(), "ncmec".into()]),
            "{path}: the steps are out of order: {steps:?}"
        );
    }
    b.quit().await;
    Ok(())
}

/// The install prompt accepted: a `beforeinstallprompt` whose `userChoice` says
/// "accepted", then Install, and Settings says the app is installed, in both languages; on Home, the
/// one-time offer goes once the app is installed (`appinstalled`, from the browser's own menu too).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accepting_the_install_prompt_says_installed_in_settings_and_home_stops_offering() -> TestResult {
    const OFFER: &str = "const e = new Event('beforeinstallprompt', { cancelable: true });
        e.prompt = () => { window.__prompted = true; return Promise.resolve(); };
        e.userChoice = Promise.resolve({ outcome: 'accepted', platform: 'web' });
        window.dispatchEvent(e); return null;";
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = small_phone().await?;
    for (path, installed) in [
        ("/settings", "This app is installed on this device."),
        ("/es/settings", "Esta aplicación está instalada en este dispositivo."),
    ] {
        b.open(&site.url(path)).await?;
        b.js::<Value>(OFFER, vec![]).await?;
        b.wait_until(
            "!!document.querySelector('#settings-install')",
            "Settings' Install button",
            WAIT,
        )
        .await?;
        b.tap("#settings-install").await?;
        b.wait_until("window.__prompted === true", "the browser's dialog", WAIT)
            .await?;
        let said = format!(
            "document.querySelector('#install-h').closest('section').innerText.includes({})",
            json!(installed)
        );
        b.wait_until(&said, &format!("{path} to say \"{installed}\""), WAIT)
            .await?;
    }
    for path in ["/", "/es/"] {
        b.js::<Value>("localStorage.clear(); return null;", vec![]).await?;
        b.open(&site.url(path)).await?;
        b.js::<Value>(OFFER, vec![]).await?;
        b.wait_until(
            "!!document.querySelector('#home-install')",
            "Home's offer to install",
            WAIT,
        )
        .await?;
        b.js::<Value>("window.dispatchEvent(new Event('appinstalled')); return null;", vec![])
            .await?;
        b.wait_until(
            "!document.querySelector('#home-install')",
            "Home's offer to go once installed",
            WAIT,
        )
        .await?;
    }
    b.quit().await;
    Ok(())
}

/// "Ready offline" fills in after the service worker has everything, seconds after the first paint: the
/// line keeps the height it had empty, so Home's content below it does not move (a layout shift the
/// prerender test saw as 0.005–0.010 on `/` and `/es/`, the Spanish line wrapping to two).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ready_offline_line_moves_nothing_when_it_fills() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    // The status region is the line itself or inside it.
    let place = "const l = document.querySelector('.offline-ready'); const n = l.nextElementSibling;
        const s = l.matches('[role=status]') ? l : l.querySelector('[role=status]');
        return [l.getBoundingClientRect().height, n.getBoundingClientRect().top, s.textContent];";
    for path in ["/", "/es/"] {
        // Empty: the prerendered page, the app blocked.
        let b = small_phone().await?;
        b.cdp("Network.setBlockedURLs", json!({ "urls": ["*.wasm"] })).await?;
        b.open(&site.url(path)).await?;
        let empty: Value = b.js(place, vec![]).await?;
        ensure!(empty[2] == "", "{path}: the line is not empty before the app: {empty}");
        b.quit().await;
        // Full: the app, once the worker has everything.
        let b = small_phone().await?;
        b.open(&site.url(path)).await?;
        b.wait_ready().await?;
        b.wait_until(
            "document.querySelector('.offline-ready').textContent.trim().length > 0 && document.querySelector('.offline-ready [role=status], [role=status].offline-ready').textContent.length > 0",
            "the Ready offline line to fill",
            Duration::from_secs(60),
        )
        .await?;
        let full: Value = b.js(place, vec![]).await?;
        b.quit().await;
        let (h0, h1) = (empty[0].as_f64().unwrap_or(0.0), full[0].as_f64().unwrap_or(-1.0));
        let (t0, t1) = (empty[1].as_f64().unwrap_or(0.0), full[1].as_f64().unwrap_or(-1.0));
        ensure!(
            (h0 - h1).abs() < 1.0 && (t0 - t1).abs() < 1.0,
            "{path}: the line was {h0} px tall empty and {h1} px full; what follows moved from {t0} to {t1} px ({full})"
        );
    }
    Ok(())
}

/// The first visible element matching `arguments[0]`, as [`NAV_LINK`] answers: its box in the viewport,
/// whether a tap at its centre lands on it, and how far the page is scrolled.
const TARGET: &str = "const a = [...document.querySelectorAll(arguments[0])].find(a => a.checkVisibility());
    if (!a) return null;
    const r = a.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    return { top: r.top, bottom: r.bottom, h: r.height, w: r.width, x, y, vh: innerHeight,
             hit: !!hit && a.contains(hit), scroll: scrollY,
             end: document.documentElement.scrollHeight - innerHeight };";

/// At 200% browser text (32 px) the navigation folds into the ☰ menu, and the menu stays in the sticky
/// band: scrolled to the very bottom of every route, in both languages, the menu's button is in view and
/// uncovered, "A child is missing" is in reach in the menu it opens, with no scrolling, and a tap there
/// opens the screen, with the menu closed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_200_percent_text_a_child_is_missing_is_in_the_menu_in_reach_at_the_bottom_of_every_route() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = small_phone().await?;
    let mut problems = Vec::new();
    for path in ROUTES.iter().chain(ES_ROUTES) {
        b.open(&site.url(path)).await?;
        text_size(&b, 200).await?;
        scroll_to(&b, 1e6).await?;
        let menu: Value = b.js(TARGET, vec![json!(".menu > summary")]).await?;
        if !in_reach(&menu) {
            problems.push(format!(
                "{path}: at the bottom, the menu's button is not in view and uncovered: {menu}"
            ));
            continue;
        }
        tap_at(&b, &menu).await?;
        settle(&b).await?;
        let link: Value = b.js(NAV_LINK, vec![json!("/missing")]).await?;
        if !in_reach(&link) || link["scroll"] != menu["scroll"] {
            problems.push(format!(
                "{path}: at the bottom, the open menu's \"A child is missing\" is not in reach: {link} (menu {menu})"
            ));
            continue;
        }
        if ["/guide/after-a-run", "/es/glossary"].contains(path) {
            tap_at(&b, &link).await?;
            let want = if path.starts_with("/es/") {
                "/es/missing"
            } else {
                "/missing"
            };
            b.wait_until(
                &format!("location.pathname === '{want}' && !!document.querySelector('.steps')"),
                &format!("{want} through the menu from the bottom of {path}"),
                WAIT,
            )
            .await?;
            settle(&b).await?;
            let open: bool = b.js("return document.querySelector('.menu').open;", vec![]).await?;
            if open {
                problems.push(format!("{path}: the menu stays open on {want}"));
            }
        }
    }
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    b.quit().await;
    Ok(())
}

/// The timed response starts with how long the child has been missing: on "A child is missing" at
/// 360 × 640 in both languages, the clock's start ("Just now", and the earlier time beside it) is on the
/// first screen, above the steps, with step 1's call to 911 still whole on the first screen; once started,
/// the time since is there, still above the steps, and 911 still on the first screen.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_clock_starts_on_the_first_screen_of_missing_above_the_steps_and_911() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = small_phone().await?;
    const AT: &str = "const box = s => { const e = document.querySelector(s); if (!e) return null;
          const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; };
        const clock = document.querySelector('.clock'), steps = document.querySelector('.steps');
        const band = document.querySelector('.main-nav').checkVisibility() ? '.main-nav' : '.top';
        return { start: box('#learned-now'), earlier: box('.earlier > summary'), elapsed: box('.clock .elapsed'),
                 call: box('[data-step=police] .call-link'), bar: box('.call-bar'), band: box(band),
                 above_steps: !!clock && !!steps && !!(clock.compareDocumentPosition(steps) & Node.DOCUMENT_POSITION_FOLLOWING),
                 headings: [...document.querySelectorAll('main h1, main h2')].slice(0, 3).map(h => h.tagName + ' ' + h.textContent.trim()) };";
    for path in ["/missing", "/es/missing"] {
        b.open(&site.url(path)).await?;
        b.js::<Value>("localStorage.removeItem('red-flags:missing'); return null;", vec![])
            .await?;
        b.open(&site.url(path)).await?;
        let before: Value = b.js(AT, vec![]).await?;
        eprintln!("{path}, before the clock starts: {before}");
        let n = |v: &Value, what: &str, k: &str| v[what][k].as_f64().unwrap_or(f64::NAN);
        let first_screen = |v: &Value, what: &str| {
            n(v, what, "top") >= n(v, "band", "bottom") - 0.5 && n(v, what, "bottom") <= n(v, "bar", "top") + 0.5
        };
        ensure!(
            first_screen(&before, "start") && first_screen(&before, "earlier"),
            "{path}: the clock's start is not on the first screen: {before}"
        );
        ensure!(
            first_screen(&before, "call") && before["above_steps"] == true,
            "{path}: the clock is not above the steps, or step 1's call to 911 is not whole on the first screen: {before}"
        );
        b.tap("#learned-now").await?;
        b.wait_until("document.querySelector('.clock .elapsed')", "the clock", WAIT)
            .await?;
        settle(&b).await?;
        let after: Value = b.js(AT, vec![]).await?;
        eprintln!("{path}, the clock started: {after}");
        ensure!(
            first_screen(&after, "elapsed") && first_screen(&after, "call") && after["above_steps"] == true,
            "{path}: once started, the time since or step 1's call to 911 is not on the first screen: {after}"
        );
        let headings: Vec<String> = serde_json::from_value(after["headings"].clone())?;
        ensure!(
            headings.len() == 3
                && headings[0].starts_with("H1")
                && headings[1].starts_with("H2 ")
                && headings[2].starts_with("H2 "),
            "{path}: the headings are not the screen's, the clock's, then step 1's: {headings:?}"
        );
        b.assert_accessible(&format!("{path} with the clock at the top"))
            .await?;
        b.js::<Value>("localStorage.removeItem('red-flags:missing'); return null;", vec![])
            .await?;
    }
    b.quit().await;
    Ok(())
}

/// Share (the QR code to leave behind) is one tap from the top of every screen, in both languages: an
/// icon in the band at the default text size, in the ☰ menu at 200% text; a tap there opens it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn share_is_one_tap_from_the_top_of_every_screen() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = small_phone().await?;
    let mut problems = Vec::new();
    for path in ROUTES.iter().chain(ES_ROUTES) {
        b.open(&site.url(path)).await?;
        let link: Value = b.js(NAV_LINK, vec![json!("/share")]).await?;
        if !in_reach(&link) {
            problems.push(format!("{path}: Share is not in reach at the top: {link}"));
        }
    }
    for (path, want, pct) in [
        ("/check", "/share", 100),
        ("/es/missing", "/es/share", 100),
        ("/glossary", "/share", 200),
    ] {
        b.open(&site.url(path)).await?;
        text_size(&b, pct).await?;
        if pct == 200 {
            b.tap(".menu > summary").await?;
            settle(&b).await?;
        }
        let link: Value = b.js(NAV_LINK, vec![json!("/share")]).await?;
        ensure!(in_reach(&link), "{path} at {pct}%: Share is not in reach: {link}");
        tap_at(&b, &link).await?;
        b.wait_until(
            &format!("location.pathname === '{want}' && !!document.querySelector('.qr-frame')"),
            &format!("{want} after one tap from {path} at {pct}%"),
            WAIT,
        )
        .await?;
        text_size(&b, 100).await?;
    }
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    b.quit().await;
    Ok(())
}

/// The checker's live summary sits above the call bar, never over it, whatever wraps in either: at
/// browser text 100% and 200% × the app's text size 100%, 125% and 150%, in both languages, on Check in
/// its urgent state ("Call 911 now"), the summary's box and the call bar's do not intersect, and the
/// summary's 911 link is whole on the screen and uncovered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_live_summary_never_overlaps_the_call_bar_at_any_text_size_in_either_language() -> TestResult {
    let _one = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = small_phone().await?;
    let mut problems = Vec::new();
    const BOXES: &str = "const box = s => { const r = document.querySelector(s).getBoundingClientRect();
          return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; };
        const a = document.querySelector('.live-summary .live-911');
        const r = a ? a.getBoundingClientRect() : null;
        // The middle of each edge (the corners are rounded) and the centre.
        const [mx, my] = r ? [(r.left + r.right) / 2, (r.top + r.bottom) / 2] : [0, 0];
        const hits = r ? [[r.left + 2, my], [r.right - 2, my], [mx, r.top + 2], [mx, r.bottom - 2], [mx, my]]
            .every(([x, y]) => { const e = document.elementFromPoint(x, y); return !!e && a.contains(e); }) : false;
        return { summary: box('.live-summary'), bar: box('.call-bar'), band: box('.top'), vh: innerHeight,
                 link: r ? { top: r.top, bottom: r.bottom } : null, hits };";
    b.open(&site.url("/")).await?;
    for scale in [100, 125, 150] {
        b.js::<Value>(
            "localStorage.clear(); localStorage.setItem('red-flags:settings',
               JSON.stringify({ v: 1, text_scale: arguments[0], theme: 'system', expiry_hours: 12 })); return null;",
            vec![json!(scale)],
        )
        .await?;
        for pct in [100, 200] {
            for path in ["/check", "/es/check"] {
                b.open(&site.url(path)).await?;
                text_size(&b, pct).await?;
                let said: bool = b
                    .js(
                        "const i = document.querySelector(\"input[name='danger-now'][value='Yes']\"); return !!i && i.checked;",
                        vec![],
                    )
                    .await?;
                if !said {
                    answer(&b, "danger-now", "Yes").await?;
                }
                scroll_to(&b, 400.0).await?;
                let m: Value = b.js(BOXES, vec![]).await?;
                let n = |what: &str, k: &str| m[what][k].as_f64().unwrap_or(f64::NAN);
                let what = format!("{path} at browser {pct}%, app {scale}%");
                eprintln!("{what}: {m}");
                if n("summary", "bottom") > n("bar", "top") + 0.5 {
                    problems.push(format!(
                        "{what}: the live summary overlaps the call bar by {:.0} px: {m}",
                        n("summary", "bottom") - n("bar", "top")
                    ));
                }
                let whole =
                    n("link", "top") >= n("band", "bottom") - 0.5 && n("link", "bottom") <= n("bar", "top") + 0.5;
                if !whole || m["hits"] != true {
                    problems.push(format!(
                        "{what}: the summary's 911 link is not whole and uncovered: {m}"
                    ));
                }
            }
            b.js::<Value>("localStorage.removeItem('red-flags:check'); return null;", vec![])
                .await?;
        }
    }
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    b.quit().await;
    Ok(())
}
