//! Offline that cannot fail open: the service worker when its cache is gone (evicted by the browser,
//! cleared by the person) and when another build of the app on another path of the same origin
//! activates. The harness is `lib.rs`; run by `cargo xtask test`.
//!
//! The network is taken away by stopping the server, not by the browser's offline emulation: that does
//! not reach the service worker's own fetches.

use browser_tests::*;
use serde_json::{json, Value};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

/// How many files each cache holds, by name.
async fn cache_sizes(b: &Browser) -> TestResult<Value> {
    b.js_async(
        "const done = arguments[arguments.length - 1];
         caches.keys().then(ks => Promise.all(ks.map(k => caches.open(k).then(c => c.keys()).then(r => [k, r.length]))))
           .then(e => done(Object.fromEntries(e)), e => done({ error: String(e) }));",
        vec![],
    )
    .await
}

/// The app (not a fallback) is on screen with its call bar: the heading and the NCMEC link.
async fn assert_app(b: &Browser, path: &str, heading: &str) -> TestResult {
    let h1 = b.texts("main h1").await?;
    ensure!(
        h1 == [heading],
        "offline, {path} shows {h1:?} instead of {heading:?}\n{}",
        b.describe().await
    );
    let main: Option<String> = b
        .js(
            "const a = document.querySelector('.call-bar a.call-ncmec'); return a && a.getAttribute('href');",
            vec![],
        )
        .await?;
    ensure!(
        main.as_deref() == Some(NCMEC_TEL),
        "offline, {path} has no call bar dialling NCMEC ({main:?})"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_its_cache_gone_the_worker_still_answers_offline_with_the_call_links_then_refills_it() -> TestResult {
    let dist = dist()?;
    let (cache, files) = precache_of(&dist)?;
    let (mut site, b) = start_on(&dist, Launch::default()).await?;
    b.open(&site.url("/")).await?;
    b.wait_for_service_worker().await?;

    // The browser evicts the cache (or the person clears site data but the worker stays registered).
    b.delete_caches().await?;
    site.stop().await;

    // No cache and no network: the worker's built-in page, with both call links, not the browser's error.
    b.goto(&site.url("/check")).await?;
    b.wait_until(
        "document.querySelector('a[href=\"tel:911\"]') && document.querySelector('a[href=\"tel:+18008435678\"]')",
        "both call links on the page the worker answers with no cache and no network",
        WAIT,
    )
    .await?;
    let links: Value = b
        .js(
            "const text = h => (document.querySelector(`a[href=\"${h}\"]`) || {}).textContent || '';
             return { ncmec: text('tel:+18008435678').replace(/\\s+/g, ' ').trim(), emergency: text('tel:911').replace(/\\s+/g, ' ').trim(),
                      inline: document.querySelectorAll('style, [style], script').length, path: location.pathname };",
            vec![],
        )
        .await?;
    ensure!(
        links["ncmec"] == "Call NCMEC 1-800-THE-LOST (1-800-843-5678)",
        "the NCMEC link reads {}",
        links["ncmec"]
    );
    ensure!(
        links["emergency"] == "Call 911 A child is missing or in danger now",
        "the 911 link reads {}",
        links["emergency"]
    );
    ensure!(
        links["inline"] == 0 && links["path"] == "/check",
        "the built-in page has inline style or script, or moved: {links}"
    );
    let violations = b.csp_violations().await?;
    ensure!(
        violations.is_empty(),
        "the built-in page violates a CSP: {violations:?}"
    );
    b.assert_accessible("the worker's built-in offline page").await?;

    // Online again: the next visit fills the cache again, so the one after works with no network.
    site.serve(&dist).await?;
    b.open(&site.url("/")).await?;
    let mut sizes = json!({});
    for _ in 0..100 {
        sizes = cache_sizes(&b).await?;
        if sizes[&cache].as_u64() == Some(files as u64) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    ensure!(
        sizes[&cache].as_u64() == Some(files as u64),
        "after an online visit the cache {cache:?} should hold {files} files again: {sizes}"
    );
    site.stop().await;
    b.open(&site.url("/glossary")).await?;
    assert_app(&b, "/glossary (after the cache was filled again)", "Glossary").await?;
    b.quit().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_build_on_another_path_of_the_origin_leaves_this_apps_offline_working() -> TestResult {
    // The root build at `/`, the sub-path build at `/red-flags/`: one origin, two deploys.
    let (root, sub) = (dist()?, subpath_dist()?);
    let both = TempDir::new("red-flags-two-deploys")?;
    copy_dir(&root, both.path())?;
    copy_dir(&sub, &both.path().join(SUBPATH.trim_matches('/')))?;
    let (root_cache, _) = precache_of(&root)?;
    let (sub_cache, _) = precache_of(&sub)?;
    ensure!(
        root_cache != sub_cache,
        "the two builds have the same cache name {root_cache:?}"
    );

    let (mut site, b) = start_on(both.path(), Launch::default()).await?;
    b.open(&site.url("/")).await?;
    b.wait_for_service_worker().await?;
    ensure!(
        b.cache_keys().await?.contains(&root_cache),
        "the root app's cache {root_cache:?} is not there after its install"
    );

    // The other deploy installs and activates (as when the person opens it in another tab).
    let state: Value = b
        .js_async(
            "const done = arguments[arguments.length - 1];
             navigator.serviceWorker.register(arguments[0] + 'sw.js', { scope: arguments[0] }).then(reg => {
               const w = reg.installing || reg.waiting || reg.active;
               if (w.state === 'activated') return done(w.state);
               w.addEventListener('statechange', () => { if (w.state === 'activated' || w.state === 'redundant') done(w.state); });
             }, e => done('error: ' + e));",
            vec![json!(SUBPATH)],
        )
        .await?;
    ensure!(
        state == "activated",
        "the sub-path build's worker did not activate: {state}"
    );
    let keys = b.cache_keys().await?;
    ensure!(
        keys.contains(&sub_cache),
        "the sub-path build's cache {sub_cache:?} is missing: {keys:?}"
    );
    ensure!(
        keys.contains(&root_cache),
        "the sub-path build's worker deleted the root app's cache {root_cache:?}: {keys:?}"
    );

    site.stop().await;
    b.open(&site.url("/check")).await?;
    assert_app(
        &b,
        "/check (root app, after the other deploy activated)",
        "Check for red flags",
    )
    .await?;
    b.open(&site.url("/red-flags/glossary")).await?;
    assert_app(&b, "/red-flags/glossary (the other deploy)", "Glossary").await?;
    b.quit().await;
    Ok(())
}

/// A host that says nothing about caching: no Cache-Control, no Last-Modified, no ETag, and a full
/// answer to every request, conditional or not (as some static hosts and proxies do). It counts the
/// requests for each path. Plain threads, one connection per request.
struct BareHost {
    port: u16,
    counts: std::sync::Arc<std::sync::Mutex<std::collections::BTreeMap<String, usize>>>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl BareHost {
    fn start(dir: &std::path::Path) -> TestResult<BareHost> {
        use std::sync::atomic::Ordering;
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let port = listener.local_addr()?.port();
        let host = BareHost {
            port,
            counts: Default::default(),
            stop: Default::default(),
        };
        let (dir, counts, stop) = (dir.to_path_buf(), host.counts.clone(), host.stop.clone());
        // The build's policy, so the page runs as it would on a real host.
        let csp = policy::csp_of_build(&dir);
        std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (dir, counts, csp) = (dir.clone(), counts.clone(), csp.clone());
                        std::thread::spawn(move || BareHost::answer(stream, &dir, &counts, &csp));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Ok(host)
    }

    fn answer(
        mut stream: std::net::TcpStream,
        dir: &std::path::Path,
        counts: &std::sync::Mutex<std::collections::BTreeMap<String, usize>>,
        csp: &str,
    ) {
        use std::io::{Read, Write};
        let _ = stream.set_nonblocking(false);
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            match stream.read(&mut byte) {
                Ok(1) => head.push(byte[0]),
                _ => return,
            }
        }
        let head = String::from_utf8_lossy(&head);
        let path = head
            .split(' ')
            .nth(1)
            .unwrap_or("/")
            .split('?')
            .next()
            .unwrap_or("/")
            .to_string();
        // Chromium's own loaders of the favicon and of the manifest's icons (for the install check) fetch
        // `image`s outside the page and its worker, each on its own: not what this host counts.
        let browser_ui = head
            .lines()
            .any(|l| l.to_ascii_lowercase().replace(' ', "") == "sec-fetch-dest:image");
        if !browser_ui {
            if let Ok(mut c) = counts.lock() {
                *c.entry(path.clone()).or_default() += 1;
            }
        }
        let file = devserver::resolve("/", &path).filter(|f| !f.split('/').any(|s| s == ".."));
        let (status, body, name) = match file.as_ref().map(|f| (f, std::fs::read(dir.join(f)))) {
            Some((f, Ok(bytes))) => ("200 OK", bytes, f.clone()),
            _ => ("404 Not Found", b"404 Not Found\n".to_vec(), "404.txt".into()),
        };
        let kind = match name.rsplit('.').next() {
            Some("html") => "text/html; charset=utf-8",
            Some("js") => "text/javascript; charset=utf-8",
            Some("wasm") => "application/wasm",
            Some("css") => "text/css",
            Some("svg") => "image/svg+xml",
            Some("png") => "image/png",
            Some("webmanifest") => "application/manifest+json",
            _ => "text/plain; charset=utf-8",
        };
        let _ = write!(
            stream,
            "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nContent-Security-Policy: {csp}\r\n\
             Connection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(&body);
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn counts(&self) -> std::collections::BTreeMap<String, usize> {
        self.counts.lock().map(|c| c.clone()).unwrap_or_default()
    }
}

impl Drop for BareHost {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

/// A first visit downloads each file once, even from a host that sends no caching headers and answers
/// every request in full: the worker's install takes the WASM and the script the page has just loaded
/// from the browser's cache (their contents are checked against the build's digests) instead of
/// downloading them again, which on a slow link would double the visit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_visit_fetches_each_file_once_from_a_host_without_cache_headers() -> TestResult {
    let dist = dist()?;
    let host = BareHost::start(&dist)?;
    let b = Browser::launch().await?;
    b.open(&host.url("/check")).await?;
    b.wait_for_service_worker().await?;
    // The worker is active, so its install (every precached file) is over.
    let counts = host.counts();
    let wasm: Vec<(&String, &usize)> = counts.iter().filter(|(p, _)| p.ends_with(".wasm")).collect();
    ensure!(
        wasm.len() == 1 && *wasm[0].1 == 1,
        "the WASM was not downloaded exactly once on a first visit: {counts:?}"
    );
    let twice: Vec<_> = counts
        .iter()
        .filter(|(path, n)| **n > 1 && path.as_str() != "/check")
        .collect();
    ensure!(
        twice.is_empty(),
        "a first visit downloaded these more than once: {twice:?} (all requests: {counts:?})"
    );
    ensure!(
        !counts.keys().any(|p| p.ends_with(".css")),
        "a stylesheet was requested; it is inside the page: {counts:?}"
    );
    b.quit().await;
    Ok(())
}
