//! The prerendered pages, before and without the app: the shell still offers the call without
//! WebAssembly, every route's page is the screen the app then renders (nothing moves when it takes
//! over), and nothing but the page is fetched before the first paint. The harness is `lib.rs`; run by
//! `cargo xtask test`.

use browser_tests::*;
use serde_json::{json, Value};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_webassembly_the_shell_still_offers_the_call() -> TestResult {
    let (site, b) = start().await?;
    b.block_wasm().await?;
    b.open_without_app(&site.url("/check")).await?;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let ready = b.app_mounted().await?;
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
    plain.block_wasm().await?;
    for path in routes.iter().map(String::as_str).chain([UNKNOWN]) {
        plain.open_without_app(&site.url(path)).await?;
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
