//! `cargo xtask bench`: what a first visit costs, in bytes and in time, against the physical limit,
//! measured by the bench itself and by Lighthouse in the same run.
//!
//! 1. Builds the release app into `target/bench-dist` (or `--dist DIR`; `--no-build` reuses it) and
//!    sizes every file raw, gzip and brotli ([`sizes`]), through the devserver's compression cache.
//!    Before it, the same app with the English words in its Spanish module, to measure what the
//!    Spanish content adds to the WASM ([`SpanishShare`]).
//! 2. Writes the reference pages ([`reference`]): the prerendered home screen as a static page, with
//!    its CSS inline and nothing else to fetch (the budgets' reference), and with the CSS linked (to
//!    show the render-blocking round trip a ratio against it would hide).
//! 3. Its own figures in Chromium through the end-to-end suite's harness ([`browser`]), `--runs N`
//!    fresh profiles (default 5): the app cold, its warm start offline from the service worker, taps;
//!    both references cold and from the HTTP cache. Then a first visit to each Spanish page of
//!    [`SPANISH_VISITS`], for its bytes.
//! 4. Lighthouse 12 ([`lighthouse`], mobile defaults) on the pages of [`app_pages`] (`/`, `/check`,
//!    `/es/`, `/es/check`) and the reference, on a brotli
//!    host and a gzip-only host (the devserver's compression modes), with both throttling methods,
//!    `--runs` times each.
//! 5. Prints the tables and the budgets ([`report`]), writes `bench-results/bench.json` and, from
//!    that JSON, `docs/performance.md` ([`docs`]). `--write-docs` only writes the page again from the
//!    stored JSON (or, with none, a page saying nothing is measured yet), measuring nothing.
//!
//! Budgets are printed as hold / MISS; `--strict` makes a miss fail the command.

mod browser;
mod docs;
mod lighthouse;
mod reference;
mod report;
mod sizes;

use crate::{root, Result};
use devserver::{Compression, CompressionCache, Encoding, Options};
use lighthouse::Method;
use reference::Style;
use report::{fmt_opt, kib, median, score, signed_kib, Report};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// The budgets (shown in `docs/performance.md`): ceilings that guard what was reached. A change that
/// crosses one says why in its commit.
pub mod budget {
    /// App LCP over the self-contained reference's, every benched page, host and method (Lighthouse medians).
    pub const LCP_RATIO: f64 = 1.10;
    /// Lighthouse accessibility, best practices and SEO (0–1), every run that scores them.
    pub const SCORE: f64 = 1.0;
    /// Everything a first visit transfers, brotli, each file once.
    pub const FIRST_VISIT_BR_BYTES: usize = 250 * 1024;
    /// The WebAssembly, brotli.
    pub const WASM_BR_BYTES: usize = 200 * 1024;
    /// Warm start offline (served by the worker), CPU 4×: navigation to the app ready.
    pub const WARM_READY_MS: f64 = 500.0;
    /// From the tap on a sign to the result's text changing, CPU 4×.
    pub const TAP_MS: f64 = 50.0;
}

/// The command line.
#[derive(Debug, Clone, PartialEq)]
pub struct Args {
    pub runs: usize,
    /// `--quick`: one run per cell unless `--runs` says otherwise, and fewer Spanish pages in Lighthouse.
    pub quick: bool,
    pub build: bool,
    pub dist: Option<PathBuf>,
    pub lighthouse: bool,
    pub strict: bool,
    /// `--write-docs`: only write `docs/performance.md` from the stored results.
    pub write_docs: bool,
}

pub fn parse_args(args: &[String]) -> Result<Args> {
    let known = [
        "--runs",
        "--dist",
        "--quick",
        "--no-build",
        "--no-lighthouse",
        "--strict",
        "--write-docs",
    ];
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if !known.contains(&a) {
            return Err(format!("bench: unknown argument `{a}`"));
        }
        i += if a == "--runs" || a == "--dist" { 2 } else { 1 };
    }
    let has = |f: &str| args.iter().any(|a| a == f);
    let runs = match crate::flag(args, "--runs") {
        Some(n) => n
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or(format!("--runs `{n}` is not a positive number"))?,
        None if has("--quick") => 1,
        None => 5,
    };
    Ok(Args {
        runs,
        quick: has("--quick"),
        build: !has("--no-build"),
        dist: crate::flag(args, "--dist").map(PathBuf::from),
        lighthouse: !has("--no-lighthouse"),
        strict: has("--strict"),
        write_docs: has("--write-docs"),
    })
}

/// The hosts Lighthouse loads from.
const HOSTS: [(&str, Compression); 2] = [("brotli", Compression::Brotli), ("gzip only", Compression::Gzip)];
const METHODS: [Method; 2] = [Method::Simulate, Method::Devtools];
/// The app's pages Lighthouse scores; each is compared with the one reference (the home screen, the
/// limit for any page of the app). `--quick` scores one Spanish page.
pub fn app_pages(quick: bool) -> Vec<&'static str> {
    let mut pages = vec!["/", "/check", "/es/"];
    if !quick {
        pages.push("/es/check");
    }
    pages
}

/// A page of the Spanish app (`/es` and everything under it).
pub fn is_spanish(page: &str) -> bool {
    page == "/es" || page.starts_with("/es/")
}

/// The Spanish pages whose first visit (fresh profile, the worker's install included) the bench sizes,
/// beside the English first visit to `/`.
pub const SPANISH_VISITS: [&str; 2] = ["/es/", "/es/check"];

/// Where the bench builds the app with the English words in its Spanish module.
pub const SPANISH_AS_ENGLISH_DIST: &str = "target/bench-dist-spanish-as-english";

/// What the Spanish content adds to the WASM: the real build's WASM against one built the same way
/// (release, Trunk, wasm-opt, the post-build) with `RED_FLAGS_SPANISH_AS_ENGLISH=1`, which makes the
/// content's code generation fill the Spanish module with the English content (the same statics of
/// the same types; see `red_flags_content::SpanishModule`). Every string and table that is the same
/// in both languages is then shared, and all the code (the routes, the switch, the per-language
/// lookups) is in both builds, so the difference is the Spanish words and the tables that point at
/// them: the content's share, not the code's. Measured only when the bench builds (two release
/// compiles of the app; the as-English one first, so the target directory is left as a normal build
/// needs it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpanishShare {
    /// The real WASM: raw, brotli.
    pub with_spanish: (usize, usize),
    /// With the English words in the Spanish module: raw, brotli.
    pub as_english: (usize, usize),
}

impl SpanishShare {
    /// Brotli bytes the Spanish content adds (negative if the build with it were smaller).
    pub fn added_brotli(&self) -> i64 {
        self.with_spanish.1 as i64 - self.as_english.1 as i64
    }
    pub fn added_raw(&self) -> i64 {
        self.with_spanish.0 as i64 - self.as_english.0 as i64
    }
}

/// Lighthouse reports of one page on one host with one method, one per run.
#[derive(Debug, Default)]
struct Cell {
    host: &'static str,
    method: Method,
    page: String,
    reports: Vec<lighthouse::Report>,
}

impl Cell {
    fn med(&self, f: fn(&lighthouse::Report) -> Option<f64>) -> Option<f64> {
        median(&self.reports.iter().filter_map(f).collect::<Vec<_>>())
    }
    fn label(&self) -> String {
        format!("{}, {}, {}", self.host, self.method.name(), self.page)
    }
}

/// Writes `docs/performance.md` from `results` (the bench's JSON), or a not-yet-measured page.
fn write_docs(results: Option<&Value>) -> Result {
    let path = root().join(docs::PATH);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(&path, docs::performance_md(results))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(())
}

/// The stored results, if the bench has run in this checkout.
fn stored_results() -> Result<Option<Value>> {
    let path = root().join("bench-results/bench.json");
    match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// `cargo xtask bench`: the steps of the module's docs, in order.
pub fn run(args: &[String]) -> Result {
    let args = parse_args(args)?;
    if args.write_docs {
        return write_docs(stored_results()?.as_ref());
    }
    let started = Instant::now();
    let root = root();
    crate::setup::run(true)?;
    let dist = args.dist.clone().unwrap_or_else(|| root.join("target/bench-dist"));
    let as_english_dist = root.join(SPANISH_AS_ENGLISH_DIST);
    if args.build {
        build_both(&dist, &as_english_dist)?;
    }
    if !dist.join("index.html").exists() {
        return Err(format!(
            "{}/index.html is missing: run without --no-build",
            dist.display()
        ));
    }
    let results = root.join("bench-results");
    std::fs::create_dir_all(&results).map_err(|e| format!("cannot create bench-results/: {e}"))?;
    let runs = args.runs;

    println!("\n== bench: sizes (raw, gzip -9, brotli -q 11) ==");
    let cache = CompressionCache::new();
    let sizes = sizes::measure(&dist, &cache)?;
    let wasm_br = sizes::wasm_brotli(&sizes);
    let spanish_share = if args.build {
        Some(spanish_share(&dist, &as_english_dist, &cache)?)
    } else {
        None
    };
    let references = References::write(&dist, &results, &cache)?;
    let rt = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    let (app_runs, refs) = own_figures(&rt, &dist, &references, &cache, runs)?;
    let spanish_visits = spanish_first_visits(&rt, &dist, &cache)?;
    let (cells, versions) = if args.lighthouse {
        lighthouse_cells(&rt, &args, &dist, &references.inline_dir, &cache, &results)?
    } else {
        (Vec::new(), (String::new(), String::new()))
    };

    let out = Report {
        runs,
        sizes: &sizes,
        wasm_br,
        spanish_share,
        inline: references.inline,
        app_runs: &app_runs,
        spanish_visits: &spanish_visits,
        refs: &refs,
        cells: &cells,
        versions: &versions,
        chromium_version: chromium_version(),
    };
    write_results(&out, &results, started, args.strict)
}

/// The app twice: with the English words in its Spanish module (for [`SpanishShare`]), then as it ships.
fn build_both(dist: &Path, as_english_dist: &Path) -> Result {
    let env = red_flags_content::SPANISH_AS_ENGLISH_ENV;
    println!(
        "== bench: build with the English words in the Spanish module ({env}=1), into {} ==",
        as_english_dist.display()
    );
    crate::build_with_env("/", as_english_dist, &[(env, "1")])?;
    println!("== bench: build ==");
    crate::build("/", dist)
}

/// What the Spanish content adds to the WASM: the two builds' WASM, raw and brotli.
fn spanish_share(dist: &Path, as_english_dist: &Path, cache: &Arc<CompressionCache>) -> Result<SpanishShare> {
    let (_, with) = sizes::wasm_file(dist)?;
    let (_, as_english) = sizes::wasm_file(as_english_dist)?;
    let share = SpanishShare {
        with_spanish: (with.len(), cache.get(&with, Encoding::Brotli).len()),
        as_english: (as_english.len(), cache.get(&as_english, Encoding::Brotli).len()),
    };
    println!(
        "   WASM {} brotli; with the English words in the Spanish module {}: the Spanish content {}",
        kib(share.with_spanish.1),
        kib(share.as_english.1),
        signed_kib(share.added_brotli())
    );
    Ok(share)
}

/// The two reference pages, written under `bench-results/`.
struct References {
    /// The self-contained page (the budgets' reference).
    inline_dir: PathBuf,
    /// The same with its CSS linked.
    linked_dir: PathBuf,
    /// The self-contained page: raw, gzip, brotli.
    inline: (usize, usize, usize),
}

impl References {
    fn write(dist: &Path, results: &Path, cache: &Arc<CompressionCache>) -> Result<References> {
        println!("== bench: reference pages (the prerendered home screen as static HTML, no script) ==");
        let ref_inline = results.join("reference");
        let ref_linked = results.join("reference-linked-css");
        let inline_html = reference::write(dist, &ref_inline, Style::Inline)?;
        reference::write(dist, &ref_linked, Style::Linked)?;
        let inline_br = cache.get(inline_html.as_bytes(), Encoding::Brotli).len();
        let inline_gz = cache.get(inline_html.as_bytes(), Encoding::Gzip).len();
        println!(
            "   self-contained reference: {} raw, {} gzip, {} brotli, one request",
            kib(inline_html.len()),
            kib(inline_gz),
            kib(inline_br)
        );
        Ok(References {
            inline_dir: ref_inline,
            linked_dir: ref_linked,
            inline: (inline_html.len(), inline_gz, inline_br),
        })
    }
}

/// Each reference's loads: (cold, from the HTTP cache), one per run.
type ReferenceLoads = Vec<(Style, Vec<(browser::Load, browser::Load)>)>;

/// The bench's own figures: `runs` fresh profiles of the app and of both references.
fn own_figures(
    rt: &tokio::runtime::Runtime,
    dist: &Path,
    references: &References,
    cache: &Arc<CompressionCache>,
    runs: usize,
) -> Result<(Vec<browser::AppRun>, ReferenceLoads)> {
    println!("== bench: own figures, {runs} run(s), Chromium via chromedriver, CPU 4x, 150 ms RTT, 1.6 Mbit/s ==");
    let mut app_runs = Vec::new();
    let mut refs: ReferenceLoads = vec![(Style::Inline, Vec::new()), (Style::Linked, Vec::new())];
    for i in 0..runs {
        let t = Instant::now();
        app_runs.push(rt.block_on(browser::app_run(dist, cache.clone()))?);
        for (style, loads) in refs.iter_mut() {
            let dir = if *style == Style::Inline {
                &references.inline_dir
            } else {
                &references.linked_dir
            };
            loads.push(rt.block_on(browser::reference_run(dir, cache.clone()))?);
        }
        println!("   run {}/{runs}: {:.0} s", i + 1, t.elapsed().as_secs_f64());
    }
    Ok((app_runs, refs))
}

/// A first visit to each of [`SPANISH_VISITS`], with every request it made.
fn spanish_first_visits(
    rt: &tokio::runtime::Runtime,
    dist: &Path,
    cache: &Arc<CompressionCache>,
) -> Result<Vec<(String, Vec<devserver::LogEntry>)>> {
    println!("== bench: first visits to the Spanish pages (fresh profile, worker installed) ==");
    let mut spanish_visits = Vec::new();
    for page in SPANISH_VISITS {
        let log = rt.block_on(browser::first_visit(dist, cache.clone(), page))?;
        println!("   {page}: {} requests", log.len());
        spanish_visits.push((page.to_string(), log));
    }
    Ok(spanish_visits)
}

/// A server per host for the app and for the reference, as (host, is the reference, server).
fn lighthouse_servers(
    rt: &tokio::runtime::Runtime,
    dist: &Path,
    ref_inline: &Path,
    cache: &Arc<CompressionCache>,
) -> Result<Vec<(&'static str, bool, devserver::Server)>> {
    rt.block_on(async {
        let mut v = Vec::new();
        for (host, compression) in HOSTS {
            for (dir, is_ref) in [(dist, false), (ref_inline, true)] {
                let mut opts = Options::new("/").compression(compression).cache(cache.clone());
                if is_ref {
                    opts = opts.without_security_headers();
                }
                let server = devserver::start_with(dir, "127.0.0.1:0".parse().expect("address"), opts)
                    .await
                    .map_err(|e| format!("bench: cannot serve {}: {e}", dir.display()))?;
                v.push((host, is_ref, server));
            }
        }
        Ok::<_, String>(v)
    })
}

/// Lighthouse on every page of [`app_pages`] and the reference, each host and method, `runs` times;
/// the cells, and Lighthouse's version with the Chromium its reports name.
fn lighthouse_cells(
    rt: &tokio::runtime::Runtime,
    args: &Args,
    dist: &Path,
    ref_inline: &Path,
    cache: &Arc<CompressionCache>,
    results: &Path,
) -> Result<(Vec<Cell>, (String, String))> {
    let runs = args.runs;
    let mut cells: Vec<Cell> = Vec::new();
    let mut versions = (String::new(), String::new());
    let lh_bin = crate::setup::lighthouse_bin();
    let app_pages = app_pages(args.quick);
    println!(
        "== bench: Lighthouse (mobile), {runs} run(s) of {} pages x 2 hosts x 2 methods ==",
        app_pages.len() + 1
    );
    let servers = lighthouse_servers(rt, dist, ref_inline, cache)?;
    let url = |host: &str, is_ref: bool, page: &str| {
        servers
            .iter()
            .find(|(h, r, _)| *h == host && *r == is_ref)
            .map(|(_, _, s)| format!("http://{}{page}", s.addr))
            .unwrap_or_default()
    };
    let pages: Vec<(String, bool)> = app_pages
        .iter()
        .map(|p| (p.to_string(), false))
        .chain([("reference".to_string(), true)])
        .collect();
    for (host, _) in HOSTS {
        for method in METHODS {
            for (page, _) in &pages {
                cells.push(Cell {
                    host,
                    method,
                    page: page.clone(),
                    reports: Vec::new(),
                });
            }
        }
    }
    let report_path = results.join("lighthouse-last.json");
    let total = cells.len() * runs;
    let mut done = 0;
    // Runs interleave hosts, methods and pages, so drift in the machine's load spreads evenly.
    for run in 0..runs {
        for cell in cells.iter_mut() {
            let is_ref = cell.page == "reference";
            let target = url(cell.host, is_ref, if is_ref { "/" } else { &cell.page });
            let categories = if run == 0 && !is_ref {
                lighthouse::ALL_CATEGORIES
            } else {
                lighthouse::PERFORMANCE
            };
            let t = Instant::now();
            let r = lighthouse::run(
                &lh_bin,
                crate::setup::CHROMIUM,
                &target,
                cell.method,
                categories,
                &report_path,
            )?;
            done += 1;
            println!(
                "   {done}/{total} {}: FCP {} LCP {} TBT {} perf {} ({:.0} s){}",
                cell.label(),
                fmt_opt(r.fcp, " ms", 0),
                fmt_opt(r.lcp, " ms", 0),
                fmt_opt(r.tbt, " ms", 0),
                score(r.performance),
                t.elapsed().as_secs_f64(),
                r.runtime_error
                    .as_deref()
                    .map(|e| format!(" ERROR {e}"))
                    .unwrap_or_default()
            );
            if versions.0.is_empty() {
                versions = (r.lighthouse_version.clone(), r.chromium.clone());
            }
            cell.reports.push(r);
        }
    }
    rt.block_on(async {
        for (_, _, s) in servers {
            s.stop().await;
        }
    });
    Ok((cells, versions))
}

/// Prints the report, writes bench.json and `docs/performance.md`; with `strict`, a missed budget fails.
fn write_results(out: &Report, results: &Path, started: Instant, strict: bool) -> Result {
    let (text, budgets, value) = out.render();
    println!("{text}");
    let mut value = value;
    value["seconds"] = json!(started.elapsed().as_secs_f64());
    let path = results.join("bench.json");
    let json_text = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
    std::fs::write(&path, json_text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!(
        "wrote {} ({:.0} s in all)",
        path.display(),
        started.elapsed().as_secs_f64()
    );
    write_docs(Some(&value))?;
    let missed = report::misses(&budgets);
    if strict && !missed.is_empty() {
        return Err(format!(
            "{} budget(s) missed: {}",
            missed.len(),
            missed.iter().map(|b| b.name.as_str()).collect::<Vec<_>>().join("; ")
        ));
    }
    Ok(())
}

fn chromium_version() -> String {
    std::process::Command::new(crate::setup::CHROMIUM)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|_| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use report::Budget;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn arguments_default_to_five_runs_and_quick_is_one() {
        let a = parse_args(&[]).unwrap();
        assert_eq!(
            (a.runs, a.build, a.lighthouse, a.strict, a.quick, a.write_docs),
            (5, true, true, false, false, false)
        );
        assert!(parse_args(&args("--write-docs")).unwrap().write_docs);
        assert_eq!(parse_args(&args("--quick")).unwrap().runs, 1);
        assert!(parse_args(&args("--quick")).unwrap().quick);
        assert_eq!(parse_args(&args("--quick --runs 3")).unwrap().runs, 3);
        let a = parse_args(&args("--no-build --dist /tmp/d --no-lighthouse --strict")).unwrap();
        assert_eq!(a.dist, Some(PathBuf::from("/tmp/d")));
        assert!(!a.build && !a.lighthouse && a.strict);
        assert!(parse_args(&args("--runs 0")).is_err());
        assert!(parse_args(&args("--runs x")).is_err());
        assert!(parse_args(&args("--fast")).unwrap_err().contains("--fast"));
    }

    fn lh(fcp: f64, lcp: f64, tbt: f64, perf: f64) -> lighthouse::Report {
        lighthouse::Report {
            fcp: Some(fcp),
            lcp: Some(lcp),
            tbt: Some(tbt),
            performance: Some(perf),
            accessibility: Some(1.0),
            best_practices: Some(1.0),
            seo: Some(1.0),
            ..Default::default()
        }
    }

    #[test]
    fn the_report_compares_each_cell_with_its_reference_and_judges_the_budgets() {
        let cells = vec![
            Cell {
                host: "brotli",
                method: Method::Devtools,
                page: "/".into(),
                reports: vec![
                    lh(1566.0, 1566.0, 156.0, 0.96),
                    lh(1500.0, 1500.0, 0.0, 1.0),
                    lh(1600.0, 1600.0, 90.0, 0.98),
                ],
            },
            Cell {
                host: "brotli",
                method: Method::Devtools,
                page: "reference".into(),
                reports: vec![
                    lh(833.0, 833.0, 0.0, 1.0),
                    lh(800.0, 800.0, 0.0, 1.0),
                    lh(900.0, 900.0, 0.0, 1.0),
                ],
            },
        ];
        let versions = ("12.2.3".to_string(), "HeadlessChrome/131".to_string());
        let sizes = vec![sizes::FileSize {
            name: "a_bg.wasm".into(),
            raw: 300_000,
            gzip: 140_000,
            brotli: 120_000,
        }];
        let r = Report {
            runs: 3,
            sizes: &sizes,
            wasm_br: 120_000,
            spanish_share: None,
            inline: (20_000, 6_500, 5_800),
            app_runs: &[],
            spanish_visits: &[],
            refs: &[],
            cells: &cells,
            versions: &versions,
            chromium_version: "Chromium 131".into(),
        };
        let (text, budgets, json) = r.render();
        assert!(
            text.contains(
                "Lighthouse 12.2.3 (mobile defaults), Chromium 131 (HeadlessChrome/131); medians of 3 run(s)"
            ),
            "{text}"
        );
        let row = text
            .lines()
            .find(|l| l.starts_with("brotli, devtools, /"))
            .expect(&text);
        assert!(
            row.contains("1566 ms") && row.contains("833 ms") && row.contains("1.88x") && row.contains("98"),
            "{row}"
        );
        let verdict = |name: &str| budgets.iter().find(|b| b.name == name).map(|b| b.holds);
        assert_eq!(verdict("Lighthouse LCP / reference"), Some(Some(false)));
        assert_eq!(
            verdict("Lighthouse accessibility, best practices, SEO (first run of each)"),
            Some(Some(true))
        );
        assert_eq!(verdict("WASM, brotli"), Some(Some(true)));
        assert_eq!(
            verdict("first visit, brotli, each file once"),
            Some(None),
            "no visit measured"
        );
        assert_eq!(
            json["lighthouse"][0]["lcp_ratio"].as_f64().map(|x| (x * 100.0).round()),
            Some(188.0)
        );
        assert_eq!(json["lighthouse"][0]["samples"].as_array().map(Vec::len), Some(3));
        assert!(
            text.contains("Spanish content in the WASM: not measured (needs a build"),
            "{text}"
        );
    }

    #[test]
    fn the_pages_lighthouse_scores_include_spanish_and_quick_keeps_one() {
        assert_eq!(app_pages(false), ["/", "/check", "/es/", "/es/check"]);
        assert_eq!(app_pages(true), ["/", "/check", "/es/"]);
        assert!(is_spanish("/es/") && is_spanish("/es/check") && is_spanish("/es"));
        assert!(!is_spanish("/") && !is_spanish("/check") && !is_spanish("/estimates"));
    }

    fn entry(path: &str, file: &str) -> devserver::LogEntry {
        devserver::LogEntry {
            path: path.into(),
            file: Some(file.into()),
            status: 200,
            encoding: Encoding::Brotli,
            body_bytes: 0,
        }
    }

    /// A report of sizes and first visits only: English to `/` with `english_log`, Spanish to `/es/`.
    fn spanish_report(
        english_log: Vec<devserver::LogEntry>,
        share: Option<SpanishShare>,
    ) -> (String, Vec<Budget>, Value) {
        let sizes = vec![
            sizes::FileSize {
                name: "a_bg.wasm".into(),
                raw: 300_000,
                gzip: 140_000,
                brotli: 120_000,
            },
            sizes::FileSize {
                name: "index.html".into(),
                raw: 20_000,
                gzip: 6_000,
                brotli: 5_000,
            },
            sizes::FileSize {
                name: "es/index.html".into(),
                raw: 22_000,
                gzip: 7_000,
                brotli: 6_000,
            },
            sizes::FileSize {
                name: "es/shell.html".into(),
                raw: 10_000,
                gzip: 3_000,
                brotli: 2_000,
            },
        ];
        let app_runs = [browser::AppRun {
            first_visit_log: english_log,
            ..Default::default()
        }];
        let spanish_visits = [(
            "/es/".to_string(),
            vec![
                entry("/es/", "es/index.html"),
                entry("/a_bg.wasm", "a_bg.wasm"),
                entry("/es/shell.html", "es/shell.html"),
            ],
        )];
        let versions = (String::new(), String::new());
        let r = Report {
            runs: 1,
            sizes: &sizes,
            wasm_br: 120_000,
            spanish_share: share,
            inline: (20_000, 6_500, 5_800),
            app_runs: &app_runs,
            spanish_visits: &spanish_visits,
            refs: &[],
            cells: &[],
            versions: &versions,
            chromium_version: "Chromium 131".into(),
        };
        r.render()
    }

    #[test]
    fn an_english_first_visit_that_fetches_anything_spanish_misses() {
        let verdict = |budgets: &[Budget]| {
            let b = budgets
                .iter()
                .find(|b| b.name == "English first visit fetches nothing Spanish")
                .expect("the budget");
            (b.measured.clone(), b.holds)
        };
        let english = vec![entry("/", "index.html"), entry("/a_bg.wasm", "a_bg.wasm")];
        let (text, budgets, json) = spanish_report(english.clone(), None);
        assert_eq!(verdict(&budgets), ("nothing under /es/".to_string(), Some(true)));
        assert!(
            text.contains("English first visit, requests for anything Spanish: none"),
            "{text}"
        );
        // Both languages' first visits, each file once: the English 120 000 + 5 000, the Spanish 120 000 + 6 000 + 2 000.
        assert!(text.contains("first visit to /: 122.1 KiB brotli"), "{text}");
        assert!(text.contains("first visit to /es/: 125.0 KiB brotli"), "{text}");
        assert_eq!(json["first_visit"]["brotli_each_file_once"], 125_000);
        assert_eq!(json["spanish"]["first_visits"][0]["brotli_each_file_once"], 128_000);
        assert_eq!(json["spanish"]["first_visits"][0]["page"], "/es/");
        let header = text.lines().find(|l| l.starts_with("file")).expect(&text);
        assert!(header.contains("visit /") && header.contains("visit /es/"), "{header}");

        let mut leaky = english;
        leaky.push(entry("/es/shell.html", "es/shell.html"));
        let (text, budgets, json) = spanish_report(leaky, None);
        assert_eq!(
            verdict(&budgets),
            ("1 request(s): /es/shell.html".to_string(), Some(false))
        );
        assert!(text.contains("requests for anything Spanish: /es/shell.html"), "{text}");
        assert_eq!(
            json["spanish"]["english_first_visit_spanish_requests"][0],
            "/es/shell.html"
        );

        let (text, budgets, _) = spanish_report(Vec::new(), None);
        assert_eq!(verdict(&budgets), ("n/a".to_string(), None), "no visit measured");
        assert!(text.contains("first visit to /: not measured\n"), "{text}");
    }

    /// The page is written from the report's own JSON: a key renamed on one side shows here.
    #[test]
    fn the_docs_page_reads_the_reports_own_json() {
        let share = SpanishShare {
            with_spanish: (300_000, 120_000),
            as_english: (270_000, 112_000),
        };
        let english = vec![entry("/", "index.html"), entry("/a_bg.wasm", "a_bg.wasm")];
        let (_, _, json) = spanish_report(english, Some(share));
        let md = docs::performance_md(Some(&json));
        for expected in [
            "- WebAssembly: 117.2 KiB brotli",
            "- first visit to `/`: 122.1 KiB brotli",
            "- first visit to `/es/`: 125.0 KiB brotli",
            "- what the Spanish content adds to the WebAssembly: +7.8 KiB brotli (+29.3 KiB raw)",
            "- requests for anything Spanish on an English first visit: none",
            "| `es/shell.html` | 9.8 KiB | 2.9 KiB | 2.0 KiB |",
        ] {
            assert!(md.contains(expected), "missing {expected:?} in\n{md}");
        }
    }

    #[test]
    fn the_spanish_share_of_the_wasm_is_the_difference_of_the_two_builds() {
        let share = |as_english_br: usize| SpanishShare {
            with_spanish: (300_000, 120_000),
            as_english: (270_000, as_english_br),
        };
        let (text, budgets, json) = spanish_report(Vec::new(), Some(share(112_000)));
        assert!(
            budgets.iter().all(|b| !b.name.contains("Spanish content")),
            "the Spanish share is a figure, not a budget"
        );
        assert!(
            text.contains("Spanish content in the WASM: 117.2 KiB brotli (293.0 KiB raw) with it, 109.4 KiB (263.7 KiB raw) with the English words in its place: +7.8 KiB brotli (+29.3 KiB raw)"),
            "{text}"
        );
        assert_eq!(json["spanish"]["wasm"]["added_brotli"], 8_000);
        let (_, _, json) = spanish_report(Vec::new(), Some(share(100_000)));
        assert_eq!(json["spanish"]["wasm"]["added_brotli"], 20_000);
        assert_eq!(signed_kib(-2048), "-2.0 KiB");
    }

    #[test]
    fn spanish_pages_have_their_own_ratio_budgets() {
        let cell = |page: &str, lcp: f64| Cell {
            host: "brotli",
            method: Method::Simulate,
            page: page.into(),
            reports: vec![lh(lcp, lcp, 0.0, 1.0)],
        };
        let cells = vec![cell("/", 1000.0), cell("/es/", 1200.0), cell("reference", 1000.0)];
        let versions = ("12.2.3".to_string(), String::new());
        let r = Report {
            runs: 1,
            sizes: &[],
            wasm_br: 0,
            spanish_share: None,
            inline: (0, 0, 0),
            app_runs: &[],
            spanish_visits: &[],
            refs: &[],
            cells: &cells,
            versions: &versions,
            chromium_version: String::new(),
        };
        let (text, budgets, _) = r.render();
        let b = |name: &str| budgets.iter().find(|b| b.name == name).cloned().expect(name);
        assert_eq!(b("Lighthouse LCP / reference").holds, Some(true));
        let es = b("Lighthouse LCP / reference, Spanish pages");
        assert_eq!(
            (es.measured.as_str(), es.holds),
            ("worst 1.20x (brotli, simulate, /es/)", Some(false))
        );
        assert!(
            text.lines()
                .any(|l| l.starts_with("brotli, simulate, /es/") && l.contains("1.20x")),
            "{text}"
        );
    }
}
