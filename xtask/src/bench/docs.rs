//! `docs/performance.md`, written by the bench from its own results (the JSON it writes to
//! `bench-results/bench.json`), so no figure in it is typed by hand. Without results it writes a page
//! that says so, with the budgets the bench would judge.

use super::browser::mobile;
use super::budget;
use super::report::{fmt_opt, kib, score, KIB};
use serde_json::Value;

/// Where the page goes, from the workspace root.
pub const PATH: &str = "docs/performance.md";

/// The first line under the title: what wrote the page.
const GENERATED: &str = "<!-- Written by `cargo xtask bench` from its own results; do not edit by hand. \
`cargo xtask bench --write-docs` writes it again from `bench-results/bench.json`. -->";

/// The page, from the bench's JSON, or, with `None`, a page saying nothing has been measured yet.
pub fn performance_md(results: Option<&Value>) -> String {
    let mut md = format!("# Performance\n\n{GENERATED}\n\n");
    match results {
        None => {
            md += "**Not yet measured.** No results of `cargo xtask bench` were stored when this page \
was written; run the bench to fill it in.\n\n";
            md += &method();
            md += "\n## Budgets\n\n";
            md += &md_table(
                &["budget", "limit"],
                &budget_limits()
                    .into_iter()
                    .map(|(n, l)| vec![n.to_string(), l])
                    .collect::<Vec<_>>(),
            );
        }
        Some(r) => {
            md += &summary(r);
            md += "\n## Budgets\n\n";
            md += &budgets(r);
            md += "\n## Sizes\n\n";
            md += &sizes(r);
            md += &lighthouse(r);
            md += &own_figures(r);
            md += "\n";
            md += &method();
        }
    }
    md += "\n";
    md += FINDINGS;
    md
}

fn num(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn bytes(v: &Value) -> Option<String> {
    v.as_u64().map(|b| kib(b as usize))
}

fn or_na(s: Option<String>) -> String {
    s.unwrap_or_else(|| "not measured".into())
}

/// `12.3 KiB brotli`, or `not measured`.
fn encoded(v: &Value, encoding: &str) -> String {
    or_na(bytes(v).map(|b| format!("{b} {encoding}")))
}

/// A Markdown table; `|` in a cell is escaped.
pub fn md_table(header: &[&str], rows: &[Vec<String>]) -> String {
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out = format!("| {} |\n", header.join(" | "));
    out += &format!("|{}\n", "---|".repeat(header.len()));
    for row in rows {
        out += &format!("| {} |\n", row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
    }
    out
}

fn summary(r: &Value) -> String {
    let v = &r["versions"];
    format!(
        "Medians of {} run(s) per cell; Lighthouse {}, {}; the whole bench took {} min.\n",
        r["runs"].as_u64().unwrap_or(0),
        v["lighthouse"].as_str().filter(|s| !s.is_empty()).unwrap_or("not run"),
        v["chromium"].as_str().unwrap_or("Chromium (version unknown)"),
        fmt_opt(num(&r["seconds"]).map(|s| s / 60.0), "", 0),
    )
}

fn budgets(r: &Value) -> String {
    let rows: Vec<Vec<String>> = r["budgets"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[])
        .iter()
        .map(|b| {
            vec![
                b["budget"].as_str().unwrap_or("").to_string(),
                b["measured"].as_str().unwrap_or("").to_string(),
                b["limit"].as_str().unwrap_or("").to_string(),
                super::report::verdict(b["holds"].as_bool()),
            ]
        })
        .collect();
    md_table(&["budget", "measured", "limit", ""], &rows)
}

fn visit_line(v: &Value) -> String {
    format!(
        "- first visit to `{}`: {}, {} (each file once)\n",
        v["page"].as_str().unwrap_or("?"),
        encoded(&v["brotli_each_file_once"], "brotli"),
        encoded(&v["gzip_each_file_once"], "gzip"),
    )
}

fn sizes(r: &Value) -> String {
    let mut md = format!("- WebAssembly: {}\n", encoded(&r["wasm_brotli"], "brotli"));
    for v in std::iter::once(&r["first_visit"])
        .chain(r["spanish"]["first_visits"].as_array().into_iter().flatten())
        .filter(|v| v.is_object())
    {
        md += &visit_line(v);
    }
    let spanish = &r["spanish"]["wasm"];
    let signed = |v: &Value| {
        v.as_i64()
            .map(|b| format!("{}{}", if b < 0 { "-" } else { "+" }, kib(b.unsigned_abs() as usize)))
    };
    md += &format!(
        "- what the Spanish content adds to the WebAssembly: {}\n",
        match (signed(&spanish["added_brotli"]), signed(&spanish["added_raw"])) {
            (Some(br), Some(raw)) => format!("{br} brotli ({raw} raw)"),
            _ => "not measured (the bench measures it only when it builds)".into(),
        }
    );
    let requests = r["spanish"]["english_first_visit_spanish_requests"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect::<Vec<_>>());
    md += &format!(
        "- requests for anything Spanish on an English first visit: {}\n",
        match requests {
            Some(a) if a.is_empty() => "none".to_string(),
            Some(a) => a.join(", "),
            None => "not measured".into(),
        }
    );
    md += &format!(
        "- the self-contained reference page: {}\n\n",
        encoded(&r["reference"]["brotli"], "brotli")
    );
    let files: Vec<Vec<String>> = r["files"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[])
        .iter()
        .map(|f| {
            let k = |key: &str| or_na(bytes(&f[key]));
            vec![
                format!("`{}`", f["name"].as_str().unwrap_or("?")),
                k("raw"),
                k("gzip"),
                k("brotli"),
            ]
        })
        .collect();
    md + md_table(&["file", "raw", "gzip", "brotli"], &files).as_str()
}

fn lighthouse(r: &Value) -> String {
    let cells = r["lighthouse"].as_array().map(Vec::as_slice).unwrap_or(&[]);
    if cells.is_empty() {
        return "\n## Lighthouse\n\nNot run (`--no-lighthouse`).\n".into();
    }
    let ms = |v: &Value| fmt_opt(num(v), " ms", 0);
    let rows: Vec<Vec<String>> = cells
        .iter()
        .map(|c| {
            vec![
                format!(
                    "{}, {}, `{}`",
                    c["host"].as_str().unwrap_or("?"),
                    c["method"].as_str().unwrap_or("?"),
                    c["page"].as_str().unwrap_or("?")
                ),
                format!("{} / {}", ms(&c["fcp_ms"]), ms(&c["lcp_ms"])),
                format!("{} / {}", ms(&c["ref_fcp_ms"]), ms(&c["ref_lcp_ms"])),
                fmt_opt(num(&c["lcp_ratio"]), "×", 2),
                ms(&c["tbt_ms"]),
                score(num(&c["performance"])),
                score(num(&c["accessibility"])),
                score(num(&c["best_practices"])),
                score(num(&c["seo"])),
            ]
        })
        .collect();
    format!(
        "\n## Lighthouse\n\nMobile defaults; the reference is the self-contained page, on the same host with the \
same method.\n\n{}",
        md_table(
            &[
                "host, method, page",
                "app FCP / LCP",
                "reference FCP / LCP",
                "LCP ratio",
                "TBT",
                "perf",
                "a11y",
                "BP",
                "SEO"
            ],
            &rows
        )
    )
}

fn own_figures(r: &Value) -> String {
    let figures = match r["own_figures"].as_object() {
        Some(f) if !f.is_empty() => f,
        _ => return String::new(),
    };
    let references: Vec<String> = figures
        .values()
        .next()
        .and_then(|f| f["references"].as_object())
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let mut header = vec!["figure", "app cold", "app warm offline"];
    header.extend(references.iter().map(|s| s.as_str()));
    let shown = |name: &str, v: &Value| {
        if name.contains("CLS") {
            fmt_opt(num(v), "", 4)
        } else if name.starts_with("tasks") {
            fmt_opt(num(v), "", 0)
        } else {
            fmt_opt(num(v), " ms", 0)
        }
    };
    let mut rows: Vec<Vec<String>> = figures
        .iter()
        .map(|(name, f)| {
            let mut row = vec![
                name.clone(),
                shown(name, &f["app_cold"]),
                shown(name, &f["app_warm_offline"]),
            ];
            row.extend(references.iter().map(|k| shown(name, &f["references"][k]["cold"])));
            row
        })
        .collect();
    for (label, key) in [
        ("tap sign → result text", "tap_to_result_ms"),
        ("tap sign → next frame", "tap_to_next_frame_ms"),
    ] {
        rows.push(vec![label.into(), fmt_opt(num(&r[key]["median"]), " ms", 1)]);
    }
    let c = &r["conditions"];
    format!(
        "\n## The bench's own figures\n\nChromium through chromedriver, viewport {}×{}, CPU {}× slower, {} ms round \
trip; cold is a fresh profile, warm offline is the second visit served by the service worker with the server \
stopped.\n\n{}",
        c["viewport"][0].as_u64().unwrap_or(0),
        c["viewport"][1].as_u64().unwrap_or(0),
        fmt_opt(num(&c["cpu_slowdown"]), "", 0),
        fmt_opt(num(&c["rtt_ms"]), "", 0),
        md_table(&header, &rows)
    )
}

/// How the bench measures, with the conditions from the code.
fn method() -> String {
    format!(
        "## How it is measured

`cargo xtask bench` builds release into `target/bench-dist` and measures, in one run:

- **sizes**: every file raw, gzip (level 9) and brotli (quality 11), and what a first visit transfers (from the \
server's log, so the service worker's own precache requests count);
- **the Spanish content's share of the WASM**: the app built a second time with `RED_FLAGS_SPANISH_AS_ENGLISH=1` \
(the Spanish module filled with the English content: the same statics of the same types, all the language code \
in both builds); the difference of the two WASMs is what the Spanish words add;
- **Lighthouse** (mobile defaults, a fresh Chromium each run) on the app's `/`, `/check`, `/es/` and `/es/check` \
and on a **self-contained reference page** (the prerendered home screen, its CSS inline, no script, nothing else to \
fetch: the fastest this content can reach a phone), under both throttling methods, on a brotli host and a \
gzip-only host (the dev server's compression modes), medians of `--runs` runs;
- **its own figures** in Chromium through the end-to-end suite's harness, under Lighthouse's mobile conditions \
({w}×{h}, CPU {cpu}× slower, {rtt} ms round trip, {mbit:.1} Mbit/s): the cold first visit, the warm start offline \
from the service worker (Lighthouse always loads cold), whether the call link is in the first paint, layout \
shift, and tap → result.

```sh
cargo xtask setup --browser            # once: Chromium, chromedriver, axe-core, Lighthouse
cargo xtask bench                      # everything, medians of 5
cargo xtask bench --quick --no-build   # 1 run per cell, reusing target/bench-dist
cargo xtask bench --runs 3 --no-lighthouse --strict   # own figures only; a missed budget fails
cargo xtask bench --write-docs         # this page again from bench-results/bench.json, measuring nothing
```
",
        w = mobile::WIDTH,
        h = mobile::HEIGHT,
        cpu = mobile::CPU_SLOWDOWN,
        rtt = mobile::RTT_MS,
        mbit = mobile::DOWN_BYTES_PER_S * 8.0 / 1024.0 / 1024.0,
    )
}

/// Every budget the bench judges and its limit, from [`budget`].
pub fn budget_limits() -> Vec<(&'static str, String)> {
    let kib_limit = |b: usize| format!("<= {}", fmt_opt(Some(b as f64 / KIB), " KiB", 1));
    vec![
        (
            "first visit, brotli, each file once",
            kib_limit(budget::FIRST_VISIT_BR_BYTES),
        ),
        ("WASM, brotli", kib_limit(budget::WASM_BR_BYTES)),
        (
            "English first visit fetches nothing Spanish",
            "nothing under /es/".into(),
        ),
        (
            "Lighthouse LCP / reference (English, Spanish pages; every benched page)",
            format!("<= {:.2}x", budget::LCP_RATIO),
        ),
        (
            "Lighthouse accessibility, best practices, SEO",
            format!("{} in every run", score(Some(budget::SCORE))),
        ),
        (
            "warm start offline: app ready, CPU 4x",
            format!("<= {:.0} ms", budget::WARM_READY_MS),
        ),
        ("call link in the first paint (cold)", "every run".into()),
        ("layout shift, worst run", "<= 0.0000".into()),
        ("tap -> result, CPU 4x", format!("<= {:.1} ms", budget::TAP_MS)),
    ]
}

/// What the figures mean: the causes found by tracing, which the numbers above do not show.
const FINDINGS: &str = "## Reading the figures

- **The reference is self-contained on purpose.** A reference that links the app's stylesheet pays the same \
render-blocking round trip as the app and hides it in the ratio; the bench also measures that linked-CSS \
reference, beside the self-contained one, to show the difference.
- **Only the page is fetched before the first paint.** The stylesheet and the early script are inside every \
page; `public/early.js` links the app's files, the manifest and the icon once the first paint is presented, and an \
empty icon (`data:,`) keeps Chromium from asking for `/favicon.ico` meanwhile. Lighthouse's simulation (Lantern) \
builds the LCP from every request that ended before the paint, so anything fetched earlier would delay the \
simulated paint (a browser test checks the order of requests).
- **What is left of the paint gap** is the early script, which must run before the first paint (Quick exit's Back \
guard, the language choice, the display settings): most of its time is the first reads of `sessionStorage` and \
`localStorage`, each a synchronous round trip to the browser process. DevTools throttling pays that CPU time for \
real, so its ratios stay above the simulated ones.
- **Why TBT is not 0.** Lighthouse multiplies the tasks it observes by 4; even the reference page, static HTML with \
no script, shows some TBT under *simulate* on a busy machine. The app's longest task is its first render, and a \
trace (`wasm.CompileLazy`) shows about half of it is V8 compiling each WASM function the first time it runs, on \
the page's thread; a page cannot ask for eager compilation. Rendering the frame and the screen in two tasks splits \
the compiling. Hydrating the prerendered page would run the same component code, so the same functions would be \
compiled.
- **Where the WASM's bytes are.** Leptos runs with `csr` only and `erase_components`; other allocators, \
`opt-level = \"s\"` and extra wasm-opt passes were measured and did not pay. Most of the code builds each \
screen's static markup element by element, so only building less of it in the WASM moves the number.
";

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn without_results_the_page_says_not_yet_measured_and_lists_the_budgets() {
        let md = performance_md(None);
        assert!(
            md.starts_with("# Performance\n\n<!-- Written by `cargo xtask bench`"),
            "{md}"
        );
        assert!(md.contains("**Not yet measured.**"), "{md}");
        let wasm = format!("| WASM, brotli | <= {:.1} KiB |", budget::WASM_BR_BYTES as f64 / 1024.0);
        assert!(md.contains(&wasm), "{md}");
        assert!(
            md.contains("412×823, CPU 4× slower, 150 ms round trip, 1.6 Mbit/s"),
            "{md}"
        );
    }

    #[test]
    fn the_page_shows_the_results_it_is_given() {
        let results = json!({
            "runs": 3, "seconds": 600.0,
            "versions": { "lighthouse": "12.2.3", "chromium": "Chromium 131" },
            "conditions": { "viewport": [412, 823], "cpu_slowdown": 4.0, "rtt_ms": 150.0 },
            "files": [{ "name": "a_bg.wasm", "raw": 300_000, "gzip": 140_000, "brotli": 120_000 }],
            "first_visit": { "page": "/", "brotli_each_file_once": 125_000, "gzip_each_file_once": 150_000 },
            "wasm_brotli": 120_000,
            "spanish": {
                "first_visits": [{ "page": "/es/", "brotli_each_file_once": 128_000, "gzip_each_file_once": 151_000 }],
                "english_first_visit_spanish_requests": [],
                "wasm": { "added_brotli": 8_000, "added_raw": 30_000 },
            },
            "reference": { "raw": 20_000, "gzip": 6_500, "brotli": 5_800 },
            "own_figures": { "largest contentful paint": { "app_cold": 572.4, "app_warm_offline": 356.0,
                "references": { "reference (self-contained)": { "cold": 564.0 } } } },
            "tap_to_result_ms": { "median": 26.5 },
            "lighthouse": [{ "host": "brotli", "method": "simulate", "page": "/", "fcp_ms": 710.0, "lcp_ms": 735.0,
                "ref_fcp_ms": 705.0, "ref_lcp_ms": 718.0, "lcp_ratio": 1.0237, "tbt_ms": 172.0,
                "performance": 0.98, "accessibility": 1.0, "best_practices": 1.0, "seo": 1.0 }],
            "budgets": [{ "budget": "WASM, brotli", "measured": "117.2 KiB", "limit": "<= 125.0 KiB", "holds": true }],
        });
        let md = performance_md(Some(&results));
        assert!(!md.contains("Not yet measured"), "{md}");
        for expected in [
            "Medians of 3 run(s) per cell; Lighthouse 12.2.3, Chromium 131; the whole bench took 10 min.",
            "| WASM, brotli | 117.2 KiB | <= 125.0 KiB | hold |",
            "- WebAssembly: 117.2 KiB brotli",
            "- first visit to `/`: 122.1 KiB brotli, 146.5 KiB gzip (each file once)",
            "- first visit to `/es/`: 125.0 KiB brotli",
            "- what the Spanish content adds to the WebAssembly: +7.8 KiB brotli (+29.3 KiB raw)",
            "- requests for anything Spanish on an English first visit: none",
            "| `a_bg.wasm` | 293.0 KiB | 136.7 KiB | 117.2 KiB |",
            "| brotli, simulate, `/` | 710 ms / 735 ms | 705 ms / 718 ms | 1.02× | 172 ms | 98 | 100 | 100 | 100 |",
            "| largest contentful paint | 572 ms | 356 ms | 564 ms |",
            "| tap sign → result text | 26.5 ms |",
        ] {
            assert!(md.contains(expected), "missing {expected:?} in\n{md}");
        }
    }

    #[test]
    fn what_is_not_measured_says_so() {
        let md = performance_md(Some(&json!({ "runs": 1, "spanish": {} })));
        assert!(md.contains("- WebAssembly: not measured\n"), "{md}");
        assert!(md.contains("adds to the WebAssembly: not measured"), "{md}");
        assert!(md.contains("Not run (`--no-lighthouse`)"), "{md}");
    }

    #[test]
    fn a_pipe_in_a_cell_does_not_break_the_table() {
        let t = md_table(&["a", "b"], &[vec!["x|y".into(), "z".into()]]);
        assert_eq!(t, "| a | b |\n|---|---|\n| x\\|y | z |\n");
    }
}
