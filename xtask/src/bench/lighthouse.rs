//! Lighthouse (the npm package `cargo xtask setup --browser` pins into `.tools/npm`), run the way
//! PageSpeed Insights and reviewers run it: mobile defaults, in its own fresh headless Chromium, with
//! either throttling method. The bench runs it on the app and on the reference in the same run.

use crate::Result;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The flags Lighthouse starts Chromium with (the background-networking ones keep Chromium off
/// hosts this closed network refuses).
pub const CHROME_FLAGS: &str = "--headless=new --no-sandbox --disable-gpu --disable-background-networking \
--disable-component-update --disable-sync --no-first-run";

/// Every category: the first run of each app page on each host and method scores them all.
pub const ALL_CATEGORIES: &str = "performance,accessibility,best-practices,seo";
/// The other runs score performance only: the other categories do not depend on timing, and with
/// DevTools throttling their audits (axe-core among them) run at 4× CPU and double a run's time.
pub const PERFORMANCE: &str = "performance";

/// Lighthouse's two ways of throttling to its mobile conditions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Method {
    /// The default: loads unthrottled, then simulates the slow network and CPU from the trace (what
    /// PageSpeed Insights reports).
    #[default]
    Simulate,
    /// Throttles the real load through DevTools (`--throttling-method=devtools`).
    Devtools,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::Simulate => "simulate",
            Method::Devtools => "devtools",
        }
    }
}

/// What the bench reads from one Lighthouse report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub fcp: Option<f64>,
    pub lcp: Option<f64>,
    pub tbt: Option<f64>,
    pub cls: Option<f64>,
    pub speed_index: Option<f64>,
    /// Category scores, 0 to 1.
    pub performance: Option<f64>,
    pub accessibility: Option<f64>,
    pub best_practices: Option<f64>,
    pub seo: Option<f64>,
    pub lighthouse_version: String,
    /// `HeadlessChrome/131.0.6778.85` from the report's user agent.
    pub chromium: String,
    /// A run Lighthouse could not finish (e.g. `NO_FCP`), with its message.
    pub runtime_error: Option<String>,
    pub warnings: Vec<String>,
}

/// Parses a Lighthouse JSON report (`--output=json`).
pub fn parse(json: &str) -> Result<Report> {
    let v: Value = serde_json::from_str(json).map_err(|e| format!("Lighthouse report is not JSON: {e}"))?;
    if v.get("audits").is_none() {
        return Err("Lighthouse report without audits".into());
    }
    let audit = |id: &str| v["audits"][id]["numericValue"].as_f64();
    let category = |id: &str| v["categories"][id]["score"].as_f64();
    let ua = v["environment"]["hostUserAgent"]
        .as_str()
        .or(v["userAgent"].as_str())
        .unwrap_or("");
    let chromium = ua
        .split_whitespace()
        .find(|w| w.starts_with("HeadlessChrome/") || w.starts_with("Chrome/"))
        .unwrap_or("unknown")
        .to_string();
    let runtime_error = v["runtimeError"]["code"]
        .as_str()
        .map(|code| format!("{code}: {}", v["runtimeError"]["message"].as_str().unwrap_or("")));
    Ok(Report {
        fcp: audit("first-contentful-paint"),
        lcp: audit("largest-contentful-paint"),
        tbt: audit("total-blocking-time"),
        cls: audit("cumulative-layout-shift"),
        speed_index: audit("speed-index"),
        performance: category("performance"),
        accessibility: category("accessibility"),
        best_practices: category("best-practices"),
        seo: category("seo"),
        lighthouse_version: v["lighthouseVersion"].as_str().unwrap_or("unknown").to_string(),
        chromium,
        runtime_error,
        warnings: v["runWarnings"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).map(String::from).collect())
            .unwrap_or_default(),
    })
}

/// The command line for one run of `url`, writing its JSON report to `out`.
pub fn command(lighthouse: &Path, chromium: &str, url: &str, method: Method, categories: &str, out: &Path) -> Command {
    let mut c = Command::new(lighthouse);
    c.arg(url)
        .arg("--output=json")
        .arg(format!("--output-path={}", out.display()))
        .arg("--quiet")
        .arg(format!("--only-categories={categories}"))
        .arg(format!("--chrome-flags={CHROME_FLAGS}"))
        .arg(format!("--throttling-method={}", method.name()))
        .env("CHROME_PATH", chromium)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

/// Runs Lighthouse once on `url` and reads its report (kept at `out`).
pub fn run(
    lighthouse: &Path,
    chromium: &str,
    url: &str,
    method: Method,
    categories: &str,
    out: &Path,
) -> Result<Report> {
    let _ = std::fs::remove_file(out);
    let mut child = command(lighthouse, chromium, url, method, categories, out)
        .spawn()
        .map_err(|e| {
            format!(
                "cannot start {}: {e} (run `cargo xtask setup --browser`)",
                lighthouse.display()
            )
        })?;
    let deadline = Instant::now() + Duration::from_secs(240);
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("Lighthouse on {url} did not finish within 240 s"));
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut e, &mut stderr);
    }
    let text = std::fs::read_to_string(out).map_err(|e| {
        format!(
            "Lighthouse on {url} ({}) wrote no report ({e}); it said:\n{}",
            status,
            stderr
                .lines()
                .rev()
                .take(15)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect::<Vec<_>>()
                .join("\n")
        )
    })?;
    parse(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parts of a real Lighthouse 12.2.3 report the bench reads (trimmed).
    const FIXTURE: &str = r#"{
      "lighthouseVersion": "12.2.3",
      "userAgent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.6778.85 Safari/537.36",
      "environment": { "hostUserAgent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.6778.85 Safari/537.36", "benchmarkIndex": 1180 },
      "runWarnings": ["The page loaded too slowly to finish within the time limit."],
      "audits": {
        "first-contentful-paint": { "id": "first-contentful-paint", "score": 0.97, "numericValue": 1566.2, "displayValue": "1.6 s" },
        "largest-contentful-paint": { "id": "largest-contentful-paint", "score": 0.99, "numericValue": 1566.2 },
        "total-blocking-time": { "id": "total-blocking-time", "score": 0.93, "numericValue": 156 },
        "cumulative-layout-shift": { "id": "cumulative-layout-shift", "score": 1, "numericValue": 0 },
        "speed-index": { "id": "speed-index", "score": 1, "numericValue": 1566.2 }
      },
      "categories": {
        "performance": { "id": "performance", "score": 0.96 },
        "accessibility": { "id": "accessibility", "score": 1 },
        "best-practices": { "id": "best-practices", "score": 1 },
        "seo": { "id": "seo", "score": 1 }
      }
    }"#;

    #[test]
    fn a_report_gives_its_timings_scores_and_versions() {
        let r = parse(FIXTURE).unwrap();
        assert_eq!(r.fcp, Some(1566.2));
        assert_eq!(r.lcp, Some(1566.2));
        assert_eq!(r.tbt, Some(156.0));
        assert_eq!(r.cls, Some(0.0));
        assert_eq!(r.performance, Some(0.96));
        assert_eq!(r.accessibility, Some(1.0));
        assert_eq!(r.best_practices, Some(1.0));
        assert_eq!(r.seo, Some(1.0));
        assert_eq!(r.lighthouse_version, "12.2.3");
        assert_eq!(r.chromium, "HeadlessChrome/131.0.6778.85");
        assert_eq!(r.runtime_error, None);
        assert_eq!(r.warnings.len(), 1);
    }

    #[test]
    fn a_failed_run_reports_its_error_and_no_figures() {
        let failed = r#"{ "lighthouseVersion": "12.2.3", "runtimeError": { "code": "NO_FCP", "message": "The page did not paint any content." },
          "audits": { "first-contentful-paint": { "score": null } }, "categories": { "performance": { "score": null } } }"#;
        let r = parse(failed).unwrap();
        assert_eq!(r.fcp, None);
        assert_eq!(r.performance, None);
        assert_eq!(
            r.runtime_error.as_deref(),
            Some("NO_FCP: The page did not paint any content.")
        );
        assert_eq!(r.chromium, "unknown");
        assert!(parse("not json").is_err());
        assert!(parse("{}").is_err());
    }

    #[test]
    fn the_command_pins_the_browser_flags_and_method() {
        let c = command(
            Path::new("/x/lighthouse"),
            "/usr/bin/chromium",
            "http://127.0.0.1:1/",
            Method::Devtools,
            PERFORMANCE,
            Path::new("/tmp/r.json"),
        );
        let args: Vec<String> = c.get_args().map(|a| a.to_string_lossy().into_owned()).collect();
        assert!(args.contains(&"--throttling-method=devtools".to_string()), "{args:?}");
        assert!(args
            .iter()
            .any(|a| a.starts_with("--chrome-flags=--headless=new --no-sandbox")));
        assert!(args.contains(&"--output-path=/tmp/r.json".to_string()));
        assert!(args.contains(&"--only-categories=performance".to_string()), "{args:?}");
        let env: Vec<_> = c.get_envs().collect();
        assert!(env
            .iter()
            .any(|(k, v)| *k == "CHROME_PATH" && v.is_some_and(|v| v == "/usr/bin/chromium")));
    }
}
