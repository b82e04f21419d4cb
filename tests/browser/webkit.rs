//! The WebKit pass: the promises that matter most, in Safari's engine (WebKitGTK's MiniBrowser through
//! WebKitWebDriver, under Xvfb). About half of the phones this app is for are iPhones, and every browser
//! on an iPhone is WebKit. Lean on purpose (one browser at a time, a few minutes in all); the rest of
//! the suite runs in Chromium.
//!
//! What it covers: every route in both languages renders with both call links; offline with the server
//! stopped after one visit (visited, unvisited and unknown routes); Quick exit with Back and Forward;
//! site storage switched off; the missing-child clock across a reload and a clock set back; the update
//! flow (a new version published after one visit is offered, taken in one reload, the old offline copy
//! deleted, and the new one works with the server stopped); no Content-Security-Policy violation.
//!
//! WebKitGTK is Safari's engine, not iOS. It cannot show:
//! - Add to Home Screen and the installed app (standalone display, the home-screen icon);
//! - iOS's storage eviction (what Safari keeps of a site's storage, and for how long). The install help
//!   on `/share` advises adding the app to the Home Screen, marked as the app's advice: neither source
//!   says anything of browsers, so the app states no fact about them;
//! - iOS's own back/forward cache, keyboard, text size (Dynamic Type), `tel:` links and share sheet;
//! - anything that needs CDP (the history's titles, focus emulation, network logs): those tests run in
//!   Chromium only.
//!
//! No CDP here, so nothing runs before a page's own scripts: CSP violations are collected by the server
//! (`report-uri`, [`devserver::CspReports`]) instead of by a probe in the page.

use browser_tests::*;
use serde_json::Value;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(15);

/// One WebKit at a time: each brings its own X server, and the machines have two cores.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Every route in both languages (`/es/…`), then a route the app does not know.
fn every_route() -> Vec<String> {
    let mut paths: Vec<String> = ROUTES.iter().map(|(p, _)| p.to_string()).collect();
    paths.extend(ROUTES.iter().map(|(p, _)| format!("/es{p}")));
    paths.push(UNKNOWN.into());
    paths
}

/// The screen's one heading, and the page's language.
async fn heading(b: &Browser) -> TestResult<(String, String)> {
    let v: Value = b
        .js(
            "return { h1: Array.from(document.querySelectorAll('main h1')).map(h => h.innerText.trim()),
                      lang: document.documentElement.lang };",
            vec![],
        )
        .await?;
    let h1: Vec<String> = serde_json::from_value(v["h1"].clone())?;
    ensure!(
        h1.len() == 1,
        "expected one <h1> in <main>, found {h1:?}\n{}",
        b.describe().await
    );
    Ok((h1[0].clone(), v["lang"].as_str().unwrap_or("").to_string()))
}

async fn assert_route(b: &Browser, path: &str, how: &str) -> TestResult {
    let (h1, lang) = heading(b).await?;
    let want = ROUTES.iter().find(|(p, _)| *p == path).and_then(|(_, h)| *h);
    if let Some(w) = want {
        ensure!(h1 == w, "{how}: {path} shows {h1:?} instead of {w:?}");
    }
    ensure!(!h1.is_empty(), "{how}: {path} has an empty heading");
    let es = path.starts_with("/es");
    ensure!(lang == if es { "es" } else { "en" }, "{how}: {path} is in {lang:?}");
    assert_both_call_links(b, &format!("{how}: {path}")).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webkit_every_route_in_both_languages_has_both_call_links_and_the_csp_holds() -> TestResult {
    let _turn = SERIAL.lock().await;
    let reports = devserver::CspReports::new();
    let site = Site::start_with(&dist()?, devserver::Options::new("/").report_csp(reports.clone())).await?;
    let b = Browser::launch_webkit(&[]).await?;
    for path in every_route() {
        b.open(&site.url(&path)).await?;
        assert_route(&b, &path, "WebKit").await?;
    }
    // The reports are sent after the violation, asynchronously: a last page and a moment for any to land.
    b.open(&site.url("/check")).await?;
    b.wait_for_service_worker().await?;
    let reports = reports.all();
    ensure!(
        reports.is_empty(),
        "WebKit reported Content-Security-Policy violations:\n{}",
        reports.join("\n")
    );
    b.quit().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webkit_offline_after_one_visit_visited_unvisited_and_unknown_routes_work() -> TestResult {
    let _turn = SERIAL.lock().await;
    let mut site = Site::start(&dist()?).await?;
    let b = Browser::launch_webkit(&[]).await?;
    b.open(&site.url("/")).await?;
    b.wait_for_service_worker().await?;
    site.stop().await;
    for path in ["/", "/glossary/grooming", "/es/missing", "/call"] {
        b.open(&site.url(path))
            .await
            .map_err(|e| Failure(format!("WebKit offline: {path} did not start: {e:?}")))?;
        assert_route(&b, path, "WebKit offline").await?;
    }
    b.open(&site.url(UNKNOWN)).await?;
    let (h1, _) = heading(&b).await?;
    ensure!(h1 == "Page not found", "WebKit offline: {UNKNOWN} shows {h1:?}");
    assert_both_call_links(&b, "WebKit offline: not found").await?;
    b.quit().await;
    Ok(())
}

/// Quick exit, then Back and Forward: WebKit's back/forward cache must never show the checker again.
async fn exit_then_back_and_forward(b: &Browser, site: &Site, case: &str) -> TestResult {
    b.open(&site.url("/check")).await?;
    let sign: String = b
        .js("return document.querySelector(\"input[id^='sign-']\").id;", vec![])
        .await?;
    b.tap(&format!("#{sign}")).await?;
    b.wait_until(
        "document.querySelectorAll(\"input[id^='sign-']:checked\").length === 1",
        "a sign to be ticked",
        WAIT,
    )
    .await?;
    b.open(&site.url("/call")).await?;
    b.tap(".top .quick-exit").await?;
    assert_on_exit_page(b, &format!("Exit ({case})")).await?;
    b.driver().back().await?;
    assert_on_exit_page(b, &format!("Back ({case})")).await?;
    b.driver().forward().await?;
    assert_on_exit_page(b, &format!("Forward ({case})")).await?;
    b.driver().back().await?;
    assert_on_exit_page(b, &format!("Back again ({case})")).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webkit_quick_exit_then_back_and_forward_never_show_the_app() -> TestResult {
    let _turn = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = Browser::launch_webkit(&[]).await?;
    exit_then_back_and_forward(&b, &site, "WebKit").await?;
    b.quit().await;
    Ok(())
}

/// Site data switched off (WebKit's own setting: `localStorage` is then `null`): the checker still
/// works, says it cannot save, and Quick exit and Back still never show the app.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webkit_with_storage_off_the_app_works_and_quick_exit_holds() -> TestResult {
    let _turn = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = Browser::launch_webkit(&["--enable-html5-local-storage=false"]).await?;
    b.open(&site.url("/check")).await?;
    let off: bool = b.js("return window.localStorage === null;", vec![]).await?;
    ensure!(
        off,
        "MiniBrowser did not switch localStorage off: the test would prove nothing"
    );
    assert_both_call_links(&b, "WebKit, storage off: /check").await?;
    exit_then_back_and_forward(&b, &site, "WebKit, storage off").await?;
    b.quit().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webkit_the_missing_child_clock_survives_a_reload_and_a_clock_set_back() -> TestResult {
    let _turn = SERIAL.lock().await;
    let site = Site::start(&dist()?).await?;
    let b = Browser::launch_webkit(&[]).await?;
    b.open(&site.url("/missing")).await?;
    b.tap("#learned-now").await?;
    b.wait_until("document.querySelector('#clock-h')", "the missing-for clock", WAIT)
        .await?;
    b.tap("[data-step=police] .done-button").await?;
    b.wait_until(
        "document.querySelector('[data-step=police] .done-at')",
        "the police step's time",
        WAIT,
    )
    .await?;
    let before: Value = b
        .js(
            "return { elapsed: document.querySelector('#clock-h').innerText,
                      done: document.querySelector('[data-step=police] .done-at').innerText };",
            vec![],
        )
        .await?;
    b.reload().await?;
    b.wait_until(
        "document.querySelector('#clock-h') && document.querySelector('[data-step=police] .done-at')",
        "the clock and the step after a reload",
        WAIT,
    )
    .await?;
    let after: Value = b
        .js(
            "return { elapsed: document.querySelector('#clock-h').innerText,
                      done: document.querySelector('[data-step=police] .done-at').innerText };",
            vec![],
        )
        .await?;
    ensure!(
        after["done"] == before["done"]
            && after["elapsed"]
                .as_str()
                .is_some_and(|l| l.starts_with("Missing for") && !l.contains(" h ")),
        "WebKit: the reload changed the episode: before {before}, after {after}"
    );
    assert_a_clock_set_back_keeps_the_episode(&b, &site).await?;
    b.quit().await;
    Ok(())
}

/// The update flow, the way an iPhone user meets it: after one visit a new version is published; the
/// next time the app is opened it offers the update (and stays on the old version until the user
/// agrees), one tap on Reload loads the new version once, the old version's cache is deleted, and with
/// the server gone the new version still opens on every route (visited or not).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webkit_a_new_version_is_offered_taken_in_one_reload_and_works_offline() -> TestResult {
    let _turn = SERIAL.lock().await;
    let mut site = Site::start(&dist()?).await?;
    let b = Browser::launch_webkit(&[]).await?;
    let v2 = publish_v2_and_wait_for_the_prompt(&b, &mut site).await?;
    let before = b.cache_keys().await?;
    let (new_cache, _) = precache_of(v2.path())?;
    take_the_update(&b).await?;
    assert_both_call_links(&b, "WebKit: v2 after the update").await?;
    wait_for_only_cache(&b, &new_cache, &before).await?;

    site.stop().await;
    for path in ["/", "/check", "/glossary/grooming", "/es/missing", "/call"] {
        b.open(&site.url(path))
            .await
            .map_err(|e| Failure(format!("WebKit offline after the update: {path} did not start: {e:?}")))?;
        assert_route(&b, path, "WebKit offline after the update").await?;
        if !path.starts_with("/es") {
            // The English shell is v2's; a Spanish route may get the Spanish shell, which v2 left as is.
            let is_v2: bool = b.js(&format!("return {IS_V2};"), vec![]).await?;
            ensure!(is_v2, "WebKit offline after the update: {path} is not v2's");
        }
    }
    b.quit().await;
    Ok(())
}
