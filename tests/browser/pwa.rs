//! The installed app: offline after one visit, the update prompt (taken and declined), the manifest and
//! its icons, and a sub-path deploy that keeps routes, links and offline under its path. The harness is
//! `lib.rs`; run by `cargo xtask test`.

use browser_tests::*;
use serde_json::{json, Value};
use std::time::Duration;

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
    b.tap(".main-nav a[href='/red-flags/check']").await?;
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
