//! Spanish: every `/es/…` route opens in Spanish with the call bar and passes axe; the
//! language switch goes to the same screen in the other language and the choice survives a reload; a
//! first visit whose browser prefers Spanish lands on the Spanish version. The harness is `lib.rs`;
//! run by `cargo xtask test`.

use browser_tests::*;
use serde_json::json;
use std::path::Path;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);

/// Every Spanish route of the build, from its prerendered pages (`es/<route>/index.html`).
fn spanish_routes(dist: &Path) -> TestResult<Vec<String>> {
    let mut routes = Vec::new();
    let mut dirs = vec![dist.join("es")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.file_name().is_some_and(|n| n == "index.html") {
                let rel = path
                    .parent()
                    .and_then(|p| p.strip_prefix(dist).ok())
                    .map(|p| p.display().to_string());
                routes.push(format!("/{}", rel.unwrap_or_default()));
            }
        }
    }
    routes.sort();
    if routes.len() < 20 {
        return fail(format!("only {} Spanish routes in the build: {routes:?}", routes.len()));
    }
    Ok(routes)
}

/// The call bar's numbers on the page shown.
async fn call_bar(b: &Browser) -> TestResult<Vec<String>> {
    b.js(
        "return Array.from(document.querySelectorAll('.call-bar a[href^=\"tel:\"]')).map(a => a.getAttribute('href'));",
        vec![],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_spanish_route_is_spanish_with_the_call_bar_and_accessible() -> TestResult {
    let dist = dist()?;
    let routes = spanish_routes(&dist)?;
    let (site, b) = start_on(&dist, Launch::default()).await?;
    b.open(&site.url("/check")).await?;
    let english_bar = call_bar(&b).await?;
    ensure!(
        english_bar == ["tel:911", "tel:+18008435678"],
        "the English call bar is not 911 first, then NCMEC: {english_bar:?}"
    );
    let mut problems = Vec::new();
    for route in &routes {
        let route = route.trim_end_matches('/');
        let route = if route == "/es" { "/es/" } else { route };
        b.open(&site.url(route)).await?;
        let lang: String = b.js("return document.documentElement.lang;", vec![]).await?;
        if lang != "es" {
            problems.push(format!("{route}: <html lang={lang:?}>"));
        }
        let bar = call_bar(&b).await?;
        if bar != english_bar {
            problems.push(format!("{route}: call bar {bar:?}, English {english_bar:?}"));
        }
        // The two calls of equal size (±2 px), as in English: the Spanish words are longer.
        let sizes: Vec<f64> = b
            .js(
                "return ['.call-bar a.call-911', '.call-bar a.call-ncmec'].flatMap(s => {
                   const a = document.querySelector(s);
                   const r = a ? a.getBoundingClientRect() : { width: -99, height: -99 };
                   return [r.width, r.height];
                 });",
                vec![],
            )
            .await?;
        if sizes.len() != 4 || (sizes[0] - sizes[2]).abs() > 2.0 || (sizes[1] - sizes[3]).abs() > 2.0 {
            problems.push(format!(
                "{route}: the call bar's 911 and NCMEC (width, height) differ: {sizes:?}"
            ));
        }
        let switch: serde_json::Value = b
            .js(
                "const a = document.querySelector('#app .lang-switch');
                 return a && { lang: a.lang, hreflang: a.hreflang, path: new URL(a.href).pathname, text: a.innerText };",
                vec![],
            )
            .await?;
        let english = route
            .strip_prefix("/es")
            .filter(|r| !r.is_empty() && *r != "/")
            .unwrap_or("/");
        if switch["lang"] != "en"
            || switch["hreflang"] != "en"
            || switch["path"] != english
            || switch["text"] != "English"
        {
            problems.push(format!("{route}: the switch {switch}"));
        }
        match b.axe().await {
            Ok(v) if v.is_empty() => {}
            Ok(v) => problems.push(format!("{route}: axe: {}", v.join("; "))),
            Err(e) => problems.push(format!("{route}: axe did not run: {}", e.0)),
        }
    }
    b.quit().await;
    ensure!(
        problems.is_empty(),
        "{} of {} Spanish routes:\n{}",
        problems.len(),
        routes.len(),
        problems.join("\n")
    );
    Ok(())
}

/// The page's sentences of 4 words or more, as the reader sees them: statute quotations (`blockquote`,
/// quoted in English on purpose), addresses and anything with a digit (numbers, citations) left out, and
/// names (every word capitalised but the small ones, like a publication's title).
const SENTENCES: &str = r#"
    // Removed from the page itself (it is left next): innerText keeps line breaks only where rendered.
    const root = document.body;
    root.querySelectorAll('blockquote, script, style, #shell, [lang=\"en\"]:not(html)').forEach(e => e.remove());
    const small = new Set(['a', 'an', 'and', 'for', 'in', 'of', 'on', 'the', 'to', '&', 'at', 'by', 'from', 'with']);
    const text = root.innerText || root.textContent;
    return text.split(/[.!?:;\n\u2014]+/).map(s => s.trim().replace(/\s+/g, ' ')).filter(s => {
        const words = s.split(' ').filter(w => /[A-Za-z]/.test(w));
        if (words.length < 4 || /[0-9]/.test(s) || /www\.|https?:/.test(s)) return false;
        return words.some(w => /^[a-z]/.test(w) && !small.has(w));
    });"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_english_sentence_is_left_on_a_spanish_page() -> TestResult {
    let dist = dist()?;
    let routes = spanish_routes(&dist)?;
    let (site, b) = start_on(&dist, Launch::default()).await?;
    let mut problems = Vec::new();
    let mut checked = 0;
    for route in &routes {
        let route = route.trim_end_matches('/');
        let english = route.strip_prefix("/es").filter(|r| !r.is_empty()).unwrap_or("/");
        b.open(&site.url(english)).await?;
        let sentences: Vec<String> = b.js(SENTENCES, vec![]).await?;
        let spanish = if route == "/es" { "/es/" } else { route };
        b.open(&site.url(spanish)).await?;
        // What is marked as English on purpose (statute quotations, publications' own titles) is left out.
        let text: String = b
            .js(
                "document.querySelectorAll('[lang=\"en\"]:not(html)').forEach(e => e.remove());
                 return document.body.innerText;",
                vec![],
            )
            .await?;
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        checked += sentences.len();
        for s in sentences.iter().filter(|s| text.contains(s.as_str())) {
            problems.push(format!("{spanish}: \"{s}\""));
        }
    }
    b.quit().await;
    ensure!(checked > 200, "only {checked} English sentences were looked for");
    ensure!(
        problems.is_empty(),
        "English left on Spanish pages ({} of {checked} sentences):\n{}",
        problems.len(),
        problems.join("\n")
    );
    Ok(())
}

/// How a page fits the phone: the width is the layout viewport's (on a phone `innerWidth` grows with
/// content wider than it); `cut` lists the buttons whose text runs past their edges.
const FIT: &str = "const s = document.querySelector('#app .lang-switch').getBoundingClientRect();
    const cut = [...document.querySelectorAll('#app .quick-exit, #app .call-link')]
        .filter(e => e.scrollWidth > e.clientWidth).map(e => e.innerText.replace(/\\s+/g, ' '));
    return { root: parseFloat(getComputedStyle(document.documentElement).fontSize), cut,
             scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth,
             switch_h: s.height, switch_w: s.width, switch_right: s.right };";

/// What does not fit in `fit` (the result of [`FIT`]) on the page `page`.
fn misfits(page: &str, fit: &serde_json::Value) -> Vec<String> {
    let num = |k: &str| fit[k].as_f64().unwrap_or(f64::NAN);
    let mut problems = Vec::new();
    if num("root") < 31.5 {
        problems.push(format!("{page}: text did not grow to 200%: {fit}"));
    }
    if num("scroll") > num("width") + 1.0 {
        problems.push(format!("{page}: scrolls sideways at 200% text: {fit}"));
    }
    if fit["cut"].as_array().is_none_or(|cut| !cut.is_empty()) {
        problems.push(format!("{page}: a button's text runs past its edges: {fit}"));
    }
    if num("switch_h") < 44.0 || num("switch_w") < 44.0 || num("switch_right") > num("width") + 1.0 {
        problems.push(format!(
            "{page}: the language switch is under 44 px or off screen: {fit}"
        ));
    }
    problems
}

/// WCAG 1.4.4 in Spanish (longer words): with the browser's text size at 200% (Chromium's default font
/// size, 32 px, a setting of the profile as a user's is) on a 360 px phone, no Spanish route scrolls
/// sideways, the text of "Exit this page" and of every call link stays inside it (the checker's result
/// too), and the switch keeps 44 px.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_spanish_route_fits_360_px_at_200_percent_text() -> TestResult {
    let dist = dist()?;
    let routes = spanish_routes(&dist)?;
    let (site, b) = start_on(
        &dist,
        Launch {
            viewport: SMALL_PHONE,
            default_font_px: Some(32),
            ..Launch::default()
        },
    )
    .await?;
    let mut problems = Vec::new();
    for route in &routes {
        b.open(&site.url(route)).await?;
        problems.extend(misfits(route, &b.js(FIT, vec![]).await?));
    }
    // The result with its call links (911, then NCMEC's two numbers), nested in the checker's list.
    // A click in script: a tap lands elsewhere on a page that is wider than the screen, and zoomed out.
    b.open(&site.url("/es/check")).await?;
    b.js::<serde_json::Value>(
        "document.querySelector(\"input[name='missing-now'][value='Yes']\").click(); return null;",
        vec![],
    )
    .await?;
    b.wait_until(
        "!!document.querySelector('[data-action=\"call-ncmec-missing\"] .call-link')",
        "the result's call links",
        WAIT,
    )
    .await?;
    problems.extend(misfits("/es/check, a child missing now", &b.js(FIT, vec![]).await?));
    b.quit().await;
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_spanish_route_gets_the_spanish_not_found() -> TestResult {
    let (site, b) = start().await?;
    b.open(&site.url("/es/no-existe")).await?;
    let (lang, h1, switch): (String, String, String) = b
        .js(
            "return [document.documentElement.lang, document.querySelector('#app h1').innerText,
                     document.querySelector('#app .lang-switch').getAttribute('href')];",
            vec![],
        )
        .await?;
    b.quit().await;
    ensure!(lang == "es", "<html lang={lang:?}>");
    ensure!(h1 != "Page not found" && !h1.is_empty(), "the heading: {h1:?}");
    // The same address in English: its not-found page, not a page of its own.
    ensure!(switch == "/no-existe", "the switch leads to {switch:?}");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_switch_keeps_the_screen_and_the_choice_survives_a_reload() -> TestResult {
    let (site, b) = start().await?;
    b.open(&site.url("/guide")).await?;
    b.tap("#app .lang-switch").await?;
    b.wait_until(
        "location.pathname === '/es/guide' && document.documentElement.dataset.app === 'ready' && document.documentElement.lang === 'es'",
        "the Spanish Guide",
        WAIT,
    )
    .await?;
    // A link without a language (shared, bookmarked, typed) now opens in Spanish.
    b.goto(&site.url("/check")).await?;
    b.wait_until(
        "location.pathname === '/es/check'",
        "the saved choice to open /es/check",
        WAIT,
    )
    .await?;
    b.reload().await?;
    ensure!(b.path().await? == "/es/check", "after a reload: {}", b.path().await?);
    // And back to English, remembered too.
    b.tap("#app .lang-switch").await?;
    b.wait_until(
        "location.pathname === '/check' && document.documentElement.dataset.app === 'ready' && document.documentElement.lang === 'en'",
        "the English Check",
        WAIT,
    )
    .await?;
    b.goto(&site.url("/guide")).await?;
    b.wait_ready().await?;
    ensure!(
        b.path().await? == "/guide",
        "the English choice was not kept: {}",
        b.path().await?
    );
    let stored: String = b
        .js("return localStorage.getItem('red-flags:settings') || '';", vec![])
        .await?;
    ensure!(stored.contains("\"lang\":\"en\""), "the stored settings: {stored}");
    // The place on the screen goes along: a source on Sources stays in view in the other language.
    b.open(&site.url("/sources#guide")).await?;
    b.tap("#app .lang-switch").await?;
    b.wait_until(
        "location.pathname === '/es/sources' && document.documentElement.dataset.app === 'ready'",
        "the Spanish Sources",
        WAIT,
    )
    .await?;
    let hash: String = b.js("return location.hash;", vec![]).await?;
    b.quit().await;
    ensure!(hash == "#guide", "the switch dropped the fragment: {hash:?}");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_visit_in_a_spanish_browser_lands_on_spanish_and_a_shared_link_keeps_its_language() -> TestResult {
    let (site, b) = start().await?;
    b.goto(&site.url("/exit.html")).await?;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "Object.defineProperty(navigator, 'languages', { get: () => ['es-MX', 'es', 'en'] });" }),
    )
    .await?;
    b.goto(&site.url("/call")).await?;
    b.wait_until("location.pathname === '/es/call'", "the Spanish Call screen", WAIT)
        .await?;
    b.wait_ready().await?;
    let lang: String = b.js("return document.documentElement.lang;", vec![]).await?;
    ensure!(lang == "es", "<html lang={lang:?}>");
    b.quit().await;

    // An English browser opening a Spanish link gets Spanish.
    let b = Browser::launch().await?;
    b.open(&site.url("/es/glossary")).await?;
    let path = b.path().await?;
    let lang: String = b.js("return document.documentElement.lang;", vec![]).await?;
    b.quit().await;
    ensure!(path == "/es/glossary" && lang == "es", "{path} lang={lang}");
    Ok(())
}

/// The title and first heading of a built page, as the browser reads them (entities decoded, spaces
/// collapsed).
async fn title_and_h1(b: &Browser, html: &str) -> TestResult<(String, String)> {
    b.js(
        "const d = new DOMParser().parseFromString(arguments[0], 'text/html');
         const norm = s => (s || '').replace(/\\s+/g, ' ').trim();
         return [norm(d.title), norm((d.querySelector('main h1') || {}).textContent)];",
        vec![json!(html)],
    )
    .await
}

/// Issue 17: after one visit in Spanish, with the server stopped (not the browser's offline emulation,
/// which the worker's own fetches ignore), every Spanish route opens in Spanish from the service worker:
/// the same title and heading as its prerendered page, `lang="es"`, the switch to English and the call bar.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_one_spanish_visit_every_spanish_route_opens_in_spanish_with_the_server_stopped() -> TestResult {
    let dist = dist()?;
    let routes = spanish_routes(&dist)?;
    let (mut site, b) = start_on(&dist, Launch::default()).await?;
    b.open(&site.url("/es/")).await?;
    b.wait_for_service_worker().await?;
    let online_bar = call_bar(&b).await?;
    ensure!(online_bar.len() == 2, "the call bar online: {online_bar:?}");
    // Installed from a Spanish page: the Spanish shell, exit page and manifest are kept at once.
    let kept: Vec<String> = b
        .js_async(
            "const done = arguments[arguments.length - 1];
             (async () => { const out = [];
               for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys())
                 if (new URL(r.url).pathname.startsWith('/es/')) out.push(new URL(r.url).pathname);
               return out.sort(); })().then(done, e => done(['error: ' + e]));",
            vec![],
        )
        .await?;
    ensure!(
        kept == ["/es/exit.html", "/es/manifest.webmanifest", "/es/shell.html"],
        "after a Spanish visit the worker keeps {kept:?}"
    );
    site.stop().await;
    let mut problems = Vec::new();
    for route in &routes {
        let file = dist.join(route.trim_start_matches('/')).join("index.html");
        let (title, h1) = title_and_h1(&b, &std::fs::read_to_string(&file)?).await?;
        let route = if route == "/es" { "/es/" } else { route.as_str() };
        if let Err(e) = b.open(&site.url(route)).await {
            problems.push(format!("{route}: {}", e.0));
            continue;
        }
        let shown: serde_json::Value = b
            .js(
                "const norm = s => (s || '').replace(/\\s+/g, ' ').trim();
                 const a = document.querySelector('#app .lang-switch');
                 return { title: norm(document.title), h1: norm((document.querySelector('main h1') || {}).textContent),
                          lang: document.documentElement.lang, switch: a && a.innerText,
                          controlled: !!navigator.serviceWorker.controller };",
                vec![],
            )
            .await?;
        if shown["title"] != title.as_str()
            || shown["h1"] != h1.as_str()
            || shown["lang"] != "es"
            || shown["switch"] != "English"
            || shown["controlled"] != true
        {
            problems.push(format!("{route}: {shown}, built: {title:?} / {h1:?}"));
        }
        let bar = call_bar(&b).await?;
        if bar != online_bar {
            problems.push(format!("{route}: call bar {bar:?}"));
        }
    }
    b.quit().await;
    ensure!(
        problems.is_empty(),
        "offline, {} of {} Spanish routes:\n{}",
        problems.len(),
        routes.len(),
        problems.join("\n")
    );
    Ok(())
}

/// The Spanish web manifest (`es/manifest.webmanifest`): linked from Spanish pages only, so an English
/// visit (the worker's install included) requests nothing under `/es/`; in Spanish, starting at the
/// Spanish home, with the whole app as its scope and the same id, at the root and under a sub-path; and
/// Chromium finds the app installable from a Spanish page, with each shortcut opening a Spanish screen.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_spanish_manifest_is_for_spanish_pages_only() -> TestResult {
    let log = devserver::RequestLog::new();
    let site = Site::start_with(&dist()?, devserver::Options::new("/").log(log.clone())).await?;
    let b = Browser::launch().await?;
    for path in ["/", "/check", "/guide", "/card"] {
        b.open(&site.url(path)).await?;
        if path == "/" {
            b.wait_for_service_worker().await?;
        }
    }
    let manifest = b.cdp("Page.getAppManifest", json!({})).await?;
    ensure!(
        manifest["url"] == site.url("/manifest.webmanifest").as_str(),
        "an English page's manifest: {}",
        manifest["url"]
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    let spanish: Vec<String> = log
        .take()
        .into_iter()
        .map(|e| e.path)
        .filter(|p| p.starts_with("/es"))
        .collect();
    ensure!(
        spanish.is_empty(),
        "an English visit requested Spanish files: {spanish:?}"
    );
    b.quit().await;

    let name = ui_text("es", "screens.home_title")?;
    let description = ui_text("es", "shell.description")?;
    let not_found = ui_text("es", "screens.not_found")?;
    for (dist, base) in [(dist()?, "/"), (subpath_dist()?, SUBPATH)] {
        let site = Site::start_at(&dist, base).await?;
        let b = Browser::launch().await?;
        b.open(&site.url(&format!("{base}es/"))).await?;
        let manifest = b.cdp("Page.getAppManifest", json!({})).await?;
        let url = manifest["url"].as_str().unwrap_or_default().to_string();
        ensure!(
            url == site.url(&format!("{base}es/manifest.webmanifest")),
            "{base}es/ links the manifest {url}"
        );
        let errors = manifest["errors"].as_array().cloned().unwrap_or_default();
        ensure!(errors.is_empty(), "{base}: errors in the Spanish manifest: {errors:?}");
        let m: serde_json::Value = serde_json::from_str(manifest["data"].as_str().unwrap_or("null"))
            .map_err(|e| format!("{base}: the Spanish manifest is not JSON: {e}"))?;
        ensure!(
            m["lang"] == "es" && m["name"] == name.as_str() && m["description"] == description.as_str(),
            "{base}: the Spanish manifest's texts: {m}"
        );
        ensure!(m["id"] == base, "{base}: the Spanish manifest's id is {}", m["id"]);
        let resolved: serde_json::Value = b
            .js(
                "const m = arguments[0], at = u => new URL(u, arguments[1]).pathname;
                 return { start: at(m.start_url), scope: at(m.scope), shortcuts: m.shortcuts.map(s => at(s.url)),
                          icons: m.icons.map(i => at(i.src)) };",
                vec![m.clone(), json!(url)],
            )
            .await?;
        ensure!(
            resolved["start"] == format!("{base}es/").as_str() && resolved["scope"] == base,
            "{base}: start_url and scope resolve to {resolved}"
        );
        let icons = resolved["icons"].as_array().cloned().unwrap_or_default();
        for icon in &icons {
            let path = icon.as_str().unwrap_or_default();
            let file = dist.join(path.strip_prefix(base).unwrap_or(path));
            ensure!(
                file.is_file(),
                "{base}: the Spanish manifest's icon {path} is not in the build"
            );
        }
        if base == "/" {
            let mut installability = serde_json::Value::Null;
            for _ in 0..20 {
                installability = b.cdp("Page.getInstallabilityErrors", json!({})).await?;
                if installability["installabilityErrors"]
                    .as_array()
                    .is_some_and(Vec::is_empty)
                {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            ensure!(
                installability["installabilityErrors"]
                    .as_array()
                    .is_some_and(Vec::is_empty),
                "not installable from a Spanish page: {installability}"
            );
        }
        for shortcut in resolved["shortcuts"].as_array().cloned().unwrap_or_default() {
            let path = shortcut.as_str().unwrap_or_default();
            ensure!(
                path.starts_with(&format!("{base}es/")),
                "{base}: a shortcut opens {path}"
            );
            b.open(&site.url(path)).await?;
            let (lang, h1): (String, String) = b
                .js(
                    "return [document.documentElement.lang, document.querySelector('main h1').innerText];",
                    vec![],
                )
                .await?;
            ensure!(
                lang == "es" && h1 != not_found,
                "{base}: the shortcut {path} opens {h1:?} (lang {lang})"
            );
        }
        b.quit().await;
    }
    Ok(())
}

/// A page as a search engine or Lighthouse loads it (from the network, no worker yet): the alternates
/// in both languages, absolute once the page has loaded. (A page the worker serves from its shell has
/// none; no crawler runs the worker.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_loaded_page_names_both_languages_by_absolute_address() -> TestResult {
    let site = Site::start(&dist()?).await?;
    for (page, english, spanish) in [
        ("/es/glossary/grooming", "/glossary/grooming", "/es/glossary/grooming"),
        ("/check", "/check", "/es/check"),
    ] {
        let b = Browser::launch().await?;
        b.open(&site.url(page)).await?;
        let alternates: Vec<String> = b
            .js(
                "return Array.from(document.querySelectorAll('link[rel=alternate][hreflang]'))
                     .map(l => l.hreflang + ' ' + l.getAttribute('href'));",
                vec![],
            )
            .await?;
        b.quit().await;
        let want = [
            format!("en {}", site.url(english)),
            format!("es {}", site.url(spanish)),
            format!("x-default {}", site.url(english)),
        ];
        ensure!(alternates == want, "{page}: alternates {alternates:?}, want {want:?}");
    }
    Ok(())
}

/// The checker in Spanish, after shared/PROTOCOL.md: "not sure" of danger in the protocol's words (and
/// not the missing steps), and a youth 18 now who was 16 then a child victim, with the agency's 24 hours.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_spanish_checker_says_not_sure_and_the_age_then_rule_in_spanish() -> TestResult {
    let (site, b) = start().await?;
    b.open(&site.url("/es/check")).await?;
    b.wait_ready().await?;
    // The form values are the English labels in both languages.
    let tap = |name: &'static str, value: &'static str| {
        format!("document.querySelector(\"input[name='{name}'][value='{value}']\").click(); return null;")
    };
    b.js::<serde_json::Value>(&tap("danger-now", "Not sure"), vec![])
        .await?;
    b.wait_until(
        "document.querySelector('.result .headline')?.innerText.includes('No necesita estar seguro')",
        "the Spanish not-sure headline",
        WAIT,
    )
    .await?;
    let headline = b.texts(".result .headline").await?.join(" ");
    ensure!(
        headline == "Si cree que el joven podr\u{ed}a estar en peligro en este momento, llame al 911. No necesita estar seguro/a.",
        "the Spanish headline for danger not sure is {headline:?}"
    );
    let first: Vec<String> = b
        .js("return Array.from(document.querySelectorAll('.result .actions [data-action]')).map(e => e.dataset.action);", vec![])
        .await?;
    ensure!(
        first.first().map(String::as_str) == Some("call-911") && !first.contains(&"call-ncmec-missing".to_string()),
        "steps for danger not sure: {first:?}"
    );
    b.js::<serde_json::Value>(&tap("danger-now", "No"), vec![]).await?;
    b.js::<serde_json::Value>(&tap("age", "18 to 20"), vec![]).await?;
    b.js::<serde_json::Value>(&tap("exchange", "Yes"), vec![]).await?;
    b.js::<serde_json::Value>(&tap("age-then", "Under 18"), vec![]).await?;
    b.wait_until(
        "document.querySelector('.result .actions [data-action]')?.dataset.action === 'legal-rule'",
        "the legal rule for 18 now, under 18 then",
        WAIT,
    )
    .await?;
    let headline = b.texts(".result .headline").await?.join(" ");
    ensure!(
        headline.contains("es v\u{ed}ctima de trata"),
        "the Spanish headline for 18 now, under 18 then is {headline:?}"
    );
    let agency = b.texts(".result [data-action='tell-agency-victim']").await?.join(" ");
    ensure!(
        agency.contains("Avise ahora") && agency.contains("24 horas"),
        "the Spanish agency step reads {agency:?}"
    );
    b.quit().await;
    Ok(())
}

/// Issue 30, point 17: on Spanish pages the names kept in English are marked `lang="en"` wherever they
/// stand, whole or in part: the other hotlines' headings on Call, the act's title and the publishers
/// on Sources, a law's citation in the glossary.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn english_names_on_spanish_pages_are_marked_english() -> TestResult {
    let (site, b) = start().await?;
    let english = "return Array.from(document.querySelectorAll(arguments[0] + ' [lang=en]')).map(e => e.textContent);";
    b.open(&site.url("/es/call")).await?;
    let call: Vec<String> = b.js(english, vec![json!("#app .contact h2")]).await?;
    b.open(&site.url("/es/sources")).await?;
    let titles: Vec<String> = b.js(english, vec![json!("#app .source h2")]).await?;
    let publishers: Vec<String> = b.js(english, vec![json!("#app .publisher")]).await?;
    b.open(&site.url("/es/glossary/sex-trafficking")).await?;
    let citations: Vec<String> = b.js(english, vec![json!("#app .citation")]).await?;
    b.quit().await;
    ensure!(
        call.iter().any(|n| n == "National Human Trafficking Hotline"),
        "the hotlines' English names on /es/call are not marked English: {call:?}"
    );
    ensure!(
        titles.iter().any(|t| t == "Trafficking Victims Protection Act of 2000"),
        "the act's English title on /es/sources is not marked English: {titles:?}"
    );
    ensure!(
        publishers
            .iter()
            .any(|p| p == "National Center for Missing & Exploited Children (NCMEC)"),
        "the English publishers on /es/sources are not marked English: {publishers:?}"
    );
    ensure!(
        !citations.is_empty(),
        "the law's citation on /es/glossary/sex-trafficking is not marked English"
    );
    Ok(())
}
