//! Audits over every screen and state: no WCAG violation (axe), every `tel:` link from contacts.toml,
//! no request off the origin, no error logged, the shipped CSP never violated, and screenshots of
//! every screen on a small phone. The harness is `lib.rs`; run by `cargo xtask test`.

use browser_tests::thirtyfour::prelude::*;
use browser_tests::*;
use serde_json::{json, Value};
use std::time::Duration;

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
    let (site, b) = start_with(Launch {
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

// ---------------------------------------------------------------------------------------------
// What a user sees
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn screenshots_of_every_screen_on_a_small_phone() -> TestResult {
    let (site, b) = start_with(Launch {
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
        // The first ten seconds: the sticky band is one short row (the name, the other
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
