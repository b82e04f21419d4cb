//! The bench's own figures in Chromium, driven through the end-to-end suite's harness
//! (`browser_tests::Browser`: chromedriver, a fresh profile, CDP commands through chromedriver), under
//! Lighthouse's mobile conditions: 412×823 at 1.75 device px, CPU 4× slower, 150 ms RTT, 1.6 Mbit/s.
//!
//! What only this can measure: a warm start offline, served by the service worker (Lighthouse always
//! loads cold), what a first visit transfers including the worker's own precache requests (the
//! server's log), whether the call link is in the first paint, and tap → result.
//!
//! CDP events are not available through chromedriver, so everything is recorded in the page by an
//! observer installed before any page script ([`OBSERVE`]) and read back by polling.

use crate::Result;
use browser_tests::{Browser, Launch, Site, PHONE};
use devserver::{Compression, CompressionCache, LogEntry, Options, RequestLog};
use serde_json::{json, Value};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Lighthouse's mobile conditions ("slow 4G", Moto G Power class).
pub mod mobile {
    pub const WIDTH: u32 = 412;
    pub const HEIGHT: u32 = 823;
    pub const DEVICE_SCALE: f64 = 1.75;
    pub const CPU_SLOWDOWN: f64 = 4.0;
    pub const RTT_MS: f64 = 150.0;
    /// 1638.4 kbit/s down, 750 kbit/s up, in bytes per second.
    pub const DOWN_BYTES_PER_S: f64 = 1638.4 * 1024.0 / 8.0;
    pub const UP_BYTES_PER_S: f64 = 750.0 * 1024.0 / 8.0;
}

/// A long task is one over 50 ms.
pub const LONG_TASK_MS: f64 = 50.0;

fn err(e: browser_tests::Failure) -> String {
    e.0
}

/// Injected before any of the page's own scripts: records paints, layout shifts, long tasks, when the
/// call link is first laid out on screen and when the app is ready, and resolves `__benchDone` with all
/// of it 2 s after ready (for a static page, after DOMContentLoaded and the first paint).
const OBSERVE: &str = r#"(() => {
  const m = { fcp: null, lcp: null, cls: 0, shifts: [], longTasks: [], callVisible: null, ready: null, dcl: null };
  window.__bench = m;
  const obs = (type, fn) => { try { new PerformanceObserver(l => l.getEntries().forEach(fn)).observe({ type, buffered: true }); } catch (e) {} };
  obs('paint', e => { if (e.name === 'first-contentful-paint') m.fcp = e.startTime; });
  obs('largest-contentful-paint', e => { m.lcp = e.startTime; });
  obs('layout-shift', e => { if (!e.hadRecentInput) { m.cls += e.value; m.shifts.push([e.startTime, e.value]); } });
  obs('longtask', e => { m.longTasks.push([e.startTime, e.duration]); });
  obs('mark', e => { if (e.name === 'app-ready' && m.ready === null) m.ready = e.startTime; });
  const poll = () => {
    if (m.callVisible === null) {
      const el = document.querySelector('.call-ncmec');
      if (el) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && getComputedStyle(el).visibility !== 'hidden') m.callVisible = performance.now();
      }
    }
    if (m.ready === null && document.documentElement && document.documentElement.getAttribute('data-app') === 'ready') m.ready = performance.now();
    if (m.callVisible === null || m.ready === null) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  document.addEventListener('DOMContentLoaded', () => { m.dcl = performance.now(); });
  window.__benchDone = new Promise(resolve => {
    const wait = () => {
      const app = !!document.querySelector('script[src]');
      const at = app ? m.ready : (m.dcl !== null && m.fcp !== null ? Math.max(m.dcl, m.fcp) : null);
      if (at === null) return setTimeout(wait, 50);
      setTimeout(() => resolve(Object.assign({}, m, { interactive: at, isApp: app })), 2000);
    };
    wait();
  });
})();"#;

/// Figures of one page load.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Load {
    pub fcp: Option<f64>,
    pub lcp: Option<f64>,
    pub call_visible: Option<f64>,
    /// App: ready (`data-app="ready"`); a static page: parsed and painted.
    pub interactive: Option<f64>,
    pub cls: f64,
    /// Tasks over 50 ms from navigation on (TBT's tasks, at 4× CPU), and the longest.
    pub long_tasks: usize,
    pub longest_task: f64,
    pub long_tasks_after_ready: usize,
    pub call_in_first_paint: bool,
}

/// Reads what [`OBSERVE`] resolved with.
pub fn load_figures(v: &Value) -> Load {
    let num = |v: &Value| v.as_f64();
    let interactive = num(&v["interactive"]);
    let tasks: Vec<(f64, f64)> = v["longTasks"]
        .as_array()
        .map(|a| a.iter().filter_map(|t| Some((num(&t[0])?, num(&t[1])?))).collect())
        .unwrap_or_default();
    let long = |&(_, d): &(f64, f64)| d > LONG_TASK_MS;
    let fcp = num(&v["fcp"]);
    let call_visible = num(&v["callVisible"]);
    Load {
        fcp,
        lcp: num(&v["lcp"]),
        call_visible,
        interactive,
        cls: num(&v["cls"]).unwrap_or(0.0),
        long_tasks: tasks.iter().filter(|t| long(t)).count(),
        longest_task: tasks.iter().map(|t| t.1).fold(0.0, f64::max),
        long_tasks_after_ready: tasks
            .iter()
            .filter(|t| long(t) && interactive.is_some_and(|i| t.0 >= i))
            .count(),
        // rAF runs before the frame's paint: laid out at or before the first contentful paint means painted in it.
        call_in_first_paint: matches!((call_visible, fcp), (Some(c), Some(f)) if c <= f + 0.5),
    }
}

async fn launch() -> Result<Browser> {
    let b = Browser::launch_with(Launch {
        viewport: PHONE,
        network_log: false,
        no_load_wait: true,
        default_font_px: None,
    })
    .await
    .map_err(err)?;
    for (method, params) in [
        ("Page.enable", json!({})),
        ("Network.enable", json!({})),
        (
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": mobile::WIDTH, "height": mobile::HEIGHT,
                    "deviceScaleFactor": mobile::DEVICE_SCALE, "mobile": true }),
        ),
        (
            "Emulation.setCPUThrottlingRate",
            json!({ "rate": mobile::CPU_SLOWDOWN }),
        ),
        (
            "Network.emulateNetworkConditions",
            json!({ "offline": false, "latency": mobile::RTT_MS,
                    "downloadThroughput": mobile::DOWN_BYTES_PER_S,
                    "uploadThroughput": mobile::UP_BYTES_PER_S }),
        ),
        ("Page.addScriptToEvaluateOnNewDocument", json!({ "source": OBSERVE })),
    ] {
        b.cdp(method, params).await.map_err(err)?;
    }
    Ok(b)
}

/// Navigates to `url` and waits until `ready` (a script resolving `done(value)`, or `done(null)` when
/// not yet) gives a value in the new document.
async fn navigate_and_wait(b: &Browser, url: &str, ready: &str, timeout: Duration) -> Result<Value> {
    // Marks the document we leave, so a poll that runs in it before the navigation commits is ignored.
    let _ = b.js::<Value>("window.__benchOld = true; return null;", vec![]).await;
    b.goto(url).await.map_err(err)?;
    let script = format!(
        "const done = arguments[arguments.length - 1]; \
         if (window.__benchOld || !window.__bench) return done(null); {ready}"
    );
    let deadline = Instant::now() + timeout;
    let mut last = String::new();
    while Instant::now() < deadline {
        match b.js_async::<Value>(&script, vec![]).await {
            Ok(Value::Null) => {}
            Ok(v) => return Ok(v),
            Err(e) => last = e.0,
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("timed out after {timeout:?} loading {url} ({last})"))
}

async fn measure_load(b: &Browser, url: &str) -> Result<Load> {
    let v = navigate_and_wait(b, url, "window.__benchDone.then(done);", Duration::from_secs(90)).await?;
    Ok(load_figures(&v))
}

/// Taps `#sign-running-away` at `/check` `n` times; ms from the tap (pointerup) to the result's text
/// changing, and to the next frame after it.
async fn measure_taps(b: &Browser, n: usize) -> Result<Vec<(f64, f64)>> {
    const PREPARE: &str = r#"const done = arguments[arguments.length - 1];
    (async () => {
      const frame = () => new Promise(r => requestAnimationFrame(() => r()));
      const input = document.querySelector('#sign-running-away');
      if (!input) return { error: 'no #sign-running-away on /check' };
      if (!document.querySelector('.result .status')) return { error: 'no .result .status on /check' };
      input.scrollIntoView({ block: 'center' });
      await frame(); await frame();
      let el = input;
      const r0 = el.getBoundingClientRect();
      if (r0.width < 4 || r0.height < 4) el = input.closest('label') || input;
      const r = el.getBoundingClientRect();
      const status = () => document.querySelector('.result .status').textContent;
      const t = window.__tap = { before: status(), t0: null, t1: null, frame: null };
      addEventListener('pointerup', e => { if (t.t0 === null) t.t0 = e.timeStamp; }, { capture: true });
      const mo = new MutationObserver(() => {
        if (t.t1 === null && status() !== t.before) {
          t.t1 = performance.now(); mo.disconnect();
          requestAnimationFrame(() => setTimeout(() => { t.frame = performance.now(); }, 0));
        }
      });
      mo.observe(document.querySelector('.result'), { childList: true, characterData: true, subtree: true });
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    })().then(done, e => done({ error: String(e) }));"#;
    let mut out = Vec::new();
    for _ in 0..n {
        let at: Value = b.js_async(PREPARE, vec![]).await.map_err(err)?;
        if let Some(e) = at["error"].as_str() {
            return Err(e.to_string());
        }
        let (x, y) = (at["x"].as_f64().unwrap_or(0.0), at["y"].as_f64().unwrap_or(0.0));
        for kind in ["mousePressed", "mouseReleased"] {
            b.cdp(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 }),
            )
            .await
            .map_err(err)?;
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let v: Value = b
                .js(
                    "const t = window.__tap; return (t && t.frame !== null && t.t0 !== null) ? t : null;",
                    vec![],
                )
                .await
                .map_err(err)?;
            if let (Some(t0), Some(t1), Some(f)) = (v["t0"].as_f64(), v["t1"].as_f64(), v["frame"].as_f64()) {
                out.push((t1 - t0, f - t0));
                break;
            }
            if Instant::now() > deadline {
                return Err("a tap on a sign did not change the result within 10 s".into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    Ok(out)
}

/// One fresh-profile run of the app.
#[derive(Debug, Default)]
pub struct AppRun {
    pub cold: Load,
    /// The second visit with the server stopped, served by the service worker.
    pub warm: Option<Load>,
    pub taps: Vec<(f64, f64)>,
    /// Every request of the first visit, the worker's precache requests included.
    pub first_visit_log: Vec<LogEntry>,
    pub service_worker: bool,
}

/// Lets the service worker install and precache (part of a first visit); whether it is active.
async fn worker_installed(b: &Browser) -> Result<bool> {
    let sw: Value = b
        .js_async(
            "const done = arguments[arguments.length - 1];
             (async () => { if (!('serviceWorker' in navigator)) return false;
               const reg = await navigator.serviceWorker.getRegistration(); if (!reg) return false;
               await Promise.race([navigator.serviceWorker.ready, new Promise(r => setTimeout(r, 20000))]);
               return !!reg.active; })().then(done, () => done(false));",
            vec![],
        )
        .await
        .map_err(err)?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    Ok(sw.as_bool().unwrap_or(false))
}

/// The build in `dist` served at `/` as a brotli host, with the log of every request it answers.
async fn logged_site(dist: &Path, cache: Arc<CompressionCache>) -> Result<(Site, Arc<RequestLog>)> {
    let log = RequestLog::new();
    let opts = Options::new("/")
        .compression(Compression::Brotli)
        .cache(cache)
        .log(log.clone());
    let site = Site::start_with(dist, opts).await.map_err(err)?;
    Ok((site, log))
}

/// A first visit to `page` in a fresh profile, the worker's install included: every request of it.
pub async fn first_visit(dist: &Path, cache: Arc<CompressionCache>, page: &str) -> Result<Vec<LogEntry>> {
    let (mut site, log) = logged_site(dist, cache).await?;
    let b = launch().await?;
    let visit = async {
        measure_load(&b, &site.url(page)).await?;
        worker_installed(&b).await
    }
    .await;
    b.quit().await;
    site.stop().await;
    visit?;
    Ok(log.take())
}

/// Cold `/`, the worker installing, taps at `/check`, then `/` again with the server gone.
pub async fn app_run(dist: &Path, cache: Arc<CompressionCache>) -> Result<AppRun> {
    let (mut site, log) = logged_site(dist, cache).await?;
    let b = launch().await?;
    let mut run = AppRun {
        cold: measure_load(&b, &site.url("/")).await?,
        ..AppRun::default()
    };
    run.service_worker = worker_installed(&b).await?;
    run.first_visit_log = log.take();
    navigate_and_wait(
        &b,
        &site.url("/check"),
        "done(window.__bench.ready !== null ? true : null);",
        Duration::from_secs(60),
    )
    .await?;
    run.taps = measure_taps(&b, 3).await?;
    if run.service_worker {
        site.stop().await;
        run.warm = Some(measure_load(&b, &site.url("/")).await?);
    }
    b.quit().await;
    Ok(run)
}

/// One fresh-profile run of a reference page: cold, then again from the HTTP cache (server up).
pub async fn reference_run(dir: &Path, cache: Arc<CompressionCache>) -> Result<(Load, Load)> {
    let opts = Options::new("/")
        .compression(Compression::Brotli)
        .cache(cache)
        .without_security_headers();
    let site = Site::start_with(dir, opts).await.map_err(err)?;
    let b = launch().await?;
    let cold = measure_load(&b, &site.url("/")).await?;
    let warm = measure_load(&b, &site.url("/")).await?;
    b.quit().await;
    Ok((cold, warm))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_figures_count_long_tasks_and_those_after_ready() {
        let v = json!({ "fcp": 100.0, "lcp": 300.0, "callVisible": 95.0, "interactive": 500.0, "cls": 0.0,
                        "longTasks": [[200.0, 400.0], [600.0, 70.0], [700.0, 30.0]] });
        let l = load_figures(&v);
        assert_eq!(l.long_tasks, 2);
        assert_eq!(l.long_tasks_after_ready, 1);
        assert_eq!(l.longest_task, 400.0);
        assert_eq!(l.lcp, Some(300.0));
        assert!(l.call_in_first_paint);
        let late = load_figures(&json!({ "fcp": 100.0, "callVisible": 400.0 }));
        assert!(!late.call_in_first_paint);
        assert_eq!(late.long_tasks, 0);
        assert_eq!(late.interactive, None);
    }
}
