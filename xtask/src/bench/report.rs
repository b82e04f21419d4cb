//! The report: [`Report::render`] prints every table and budget and returns the JSON of bench.json,
//! from the pure parts below it: medians and ratios, budgets and their verdicts, plain-text tables.

use super::reference::Style;
use super::{browser, budget, is_spanish, lighthouse, sizes, Cell, SpanishShare};
use devserver::{Encoding, LogEntry};
use serde_json::{json, Value};

/// The median of `xs` (mean of the middle two for an even count); `None` when empty. Non-finite values
/// (a figure a run did not produce) are left out.
pub fn median(xs: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = xs.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// `app / reference`, when both are known and the reference is not zero.
pub fn ratio(app: Option<f64>, reference: Option<f64>) -> Option<f64> {
    match (app, reference) {
        (Some(a), Some(r)) if r > 0.0 => Some(a / r),
        _ => None,
    }
}

pub const KIB: f64 = 1024.0;

pub fn kib(bytes: usize) -> String {
    format!("{:.1} KiB", bytes as f64 / KIB)
}

pub fn fmt_opt(x: Option<f64>, unit: &str, decimals: usize) -> String {
    match x {
        Some(v) => format!("{v:.decimals$}{unit}"),
        None => "n/a".into(),
    }
}

/// A Lighthouse score (0–1) as Lighthouse shows it (0–100).
pub fn score(x: Option<f64>) -> String {
    fmt_opt(x.map(|s| s * 100.0), "", 0)
}

/// A plain-text table: the first row is the header; columns padded to their widest cell, the first
/// left-aligned, the rest right-aligned.
pub fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let width: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let mut line = String::new();
        for (c, w) in width.iter().enumerate() {
            let cell = row.get(c).map(String::as_str).unwrap_or("");
            let pad = w - cell.chars().count();
            if c == 0 {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            } else {
                line.push_str("  ");
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
        if i == 0 {
            out.push_str(&"-".repeat(width.iter().sum::<usize>() + 2 * cols.saturating_sub(1)));
            out.push('\n');
        }
    }
    out
}

/// One budget: what was measured against what is allowed, and whether it holds (`None`: not measured).
#[derive(Debug, Clone, PartialEq)]
pub struct Budget {
    pub name: String,
    pub measured: String,
    pub limit: String,
    pub holds: Option<bool>,
}

impl Budget {
    /// `value <= limit`, both shown with `unit` and `decimals`.
    pub fn at_most(name: impl Into<String>, value: Option<f64>, limit: f64, unit: &str, decimals: usize) -> Budget {
        Budget {
            name: name.into(),
            measured: fmt_opt(value, unit, decimals),
            limit: format!("<= {}", fmt_opt(Some(limit), unit, decimals)),
            holds: value.map(|v| v <= limit + 1e-9),
        }
    }

    /// Every value of `values` (e.g. one per run) is at least `min`; shows the lowest. A negative value is
    /// a run that gave no score (Lighthouse failed): it misses, and is counted apart rather than shown.
    pub fn every_at_least(
        name: impl Into<String>,
        values: &[f64],
        min: f64,
        show: fn(Option<f64>) -> String,
    ) -> Budget {
        let failed = values.iter().filter(|v| **v < 0.0).count();
        let lowest = values
            .iter()
            .copied()
            .filter(|v| *v >= 0.0)
            .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.min(v))));
        let failed_note = if failed > 0 {
            format!(", {failed} without a score")
        } else {
            String::new()
        };
        Budget {
            name: name.into(),
            measured: format!("lowest {} of {}{failed_note}", show(lowest), values.len()),
            limit: format!("{} in every run", show(Some(min))),
            holds: lowest.map(|l| failed == 0 && l >= min - 1e-9),
        }
    }

    /// Every labelled value is at most `limit`; shows the worst with its label (a missing value misses).
    pub fn worst_at_most(
        name: impl Into<String>,
        items: &[(String, Option<f64>)],
        limit: f64,
        unit: &str,
        decimals: usize,
    ) -> Budget {
        let missing = items.iter().find(|(_, v)| v.is_none());
        let worst = items
            .iter()
            .filter_map(|(l, v)| v.map(|v| (l, v)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let measured = match (missing, worst) {
            (Some((l, _)), _) => format!("n/a ({l})"),
            (None, Some((l, v))) => format!("worst {} ({l})", fmt_opt(Some(v), unit, decimals)),
            (None, None) => "n/a".into(),
        };
        Budget {
            name: name.into(),
            measured,
            limit: format!("<= {}", fmt_opt(Some(limit), unit, decimals)),
            holds: match (missing, worst) {
                (None, Some((_, v))) => Some(v <= limit + 1e-9),
                _ => None,
            },
        }
    }

    pub fn as_row(&self) -> Vec<String> {
        vec![
            self.name.clone(),
            self.measured.clone(),
            self.limit.clone(),
            verdict(self.holds),
        ]
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({ "budget": self.name, "measured": self.measured, "limit": self.limit, "holds": self.holds })
    }
}

/// "hold" / "MISS" for a budget, "n/a" when the figure is unknown.
pub fn verdict(holds: Option<bool>) -> String {
    match holds {
        Some(true) => "hold".into(),
        Some(false) => "MISS".into(),
        None => "n/a".into(),
    }
}

/// The budgets as a table, with a last line counting what holds.
pub fn budget_table(title: &str, budgets: &[Budget]) -> String {
    let mut rows = vec![vec![title.to_string(), "measured".into(), "budget".into(), "".into()]];
    rows.extend(budgets.iter().map(Budget::as_row));
    let held = budgets.iter().filter(|b| b.holds == Some(true)).count();
    format!("{}{held} of {} hold\n", table(&rows), budgets.len())
}

/// The budgets that miss (or could not be measured).
pub fn misses(budgets: &[Budget]) -> Vec<&Budget> {
    budgets.iter().filter(|b| b.holds != Some(true)).collect()
}

/// `+1.5 KiB` / `-0.2 KiB`.
pub fn signed_kib(bytes: i64) -> String {
    format!(
        "{}{}",
        if bytes < 0 { "-" } else { "+" },
        kib(bytes.unsigned_abs() as usize)
    )
}

/// Everything measured, ready to print.
pub struct Report<'a> {
    pub runs: usize,
    pub sizes: &'a [sizes::FileSize],
    pub wasm_br: usize,
    /// `None` when the bench did not build.
    pub spanish_share: Option<SpanishShare>,
    /// The self-contained reference: raw, gzip, brotli.
    pub inline: (usize, usize, usize),
    pub app_runs: &'a [browser::AppRun],
    /// Each of [`super::SPANISH_VISITS`] and every request of its first visit.
    pub spanish_visits: &'a [(String, Vec<LogEntry>)],
    pub refs: &'a [(Style, Vec<(browser::Load, browser::Load)>)],
    pub cells: &'a [Cell],
    /// Lighthouse's version and the Chromium its reports name.
    pub versions: &'a (String, String),
    pub chromium_version: String,
}

fn med_of<'l>(loads: impl Iterator<Item = &'l browser::Load>, f: fn(&browser::Load) -> Option<f64>) -> Option<f64> {
    median(&loads.filter_map(f).collect::<Vec<_>>())
}

impl Report<'_> {
    /// The printed report, every budget, and the JSON for bench.json.
    pub fn render(&self) -> (String, Vec<Budget>, Value) {
        let mut text = String::new();
        let mut budgets = Vec::new();
        let visits = self.sizes_and_first_visits(&mut text, &mut budgets);
        let lighthouse = self.lighthouse(&mut text, &mut budgets);
        let own = self.own_figures(&mut text, &mut budgets);
        text += &budget_table("budget", &budgets);
        let json = self.json(&visits, lighthouse, own, &budgets);
        (text, budgets, json)
    }

    /// Every file's size, what each first visit fetched, the Spanish content's share of the WASM and
    /// the reference's size; their budgets.
    fn sizes_and_first_visits(&self, text: &mut String, budgets: &mut Vec<Budget>) -> Visits<'_> {
        let first_log = self
            .app_runs
            .first()
            .map(|r| r.first_visit_log.as_slice())
            .unwrap_or(&[]);
        let fetched = sizes::fetched(first_log, self.sizes);
        let visits: Vec<(&str, &[LogEntry], Vec<sizes::Fetched>)> = std::iter::once(("/", first_log))
            .chain(self.spanish_visits.iter().map(|(p, l)| (p.as_str(), l.as_slice())))
            .map(|(p, log)| (p, log, sizes::fetched(log, self.sizes)))
            .collect();
        *text += &format!("\n{}", self.files_table(&visits));
        let mut visits_json = Vec::new();
        for (page, log, fetched) in &visits {
            let br_once = sizes::total(fetched, Encoding::Brotli, true);
            let br_every = sizes::total(fetched, Encoding::Brotli, false);
            let gz_once = sizes::total(fetched, Encoding::Gzip, true);
            let gz_every = sizes::total(fetched, Encoding::Gzip, false);
            let not_found: Vec<&str> = log
                .iter()
                .filter(|e| e.status == 404)
                .map(|e| e.path.as_str())
                .collect();
            *text += &if fetched.is_empty() {
                format!("first visit to {page}: not measured\n")
            } else {
                format!(
                    "first visit to {page}: {} brotli ({} counting every fetch), {} gzip ({} every fetch){}\n",
                    kib(br_once),
                    kib(br_every),
                    kib(gz_once),
                    kib(gz_every),
                    if not_found.is_empty() {
                        String::new()
                    } else {
                        format!("; 404: {}", not_found.join(", "))
                    }
                )
            };
            visits_json.push(json!({
                "page": page,
                "files": fetched.iter().map(|f| json!({ "name": f.name, "brotli": f.brotli, "gzip": f.gzip, "fetches": f.fetches })).collect::<Vec<_>>(),
                "brotli_each_file_once": br_once, "brotli_every_fetch": br_every,
                "gzip_each_file_once": gz_once, "gzip_every_fetch": gz_every, "not_found": not_found,
            }));
        }
        let br_once = sizes::total(&fetched, Encoding::Brotli, true);
        let spanish_in_english = sizes::spanish_requests(first_log);
        *text += &format!(
            "English first visit, requests for anything Spanish: {}\n",
            if first_log.is_empty() {
                "n/a (no visit measured)".to_string()
            } else if spanish_in_english.is_empty() {
                "none".to_string()
            } else {
                spanish_in_english.join(", ")
            }
        );
        let share_text = match self.spanish_share {
            Some(s) => format!(
                "{} brotli ({} raw) with it, {} ({} raw) with the English words in its place: {} brotli ({} raw)",
                kib(s.with_spanish.1),
                kib(s.with_spanish.0),
                kib(s.as_english.1),
                kib(s.as_english.0),
                signed_kib(s.added_brotli()),
                signed_kib(s.added_raw())
            ),
            None => "not measured (needs a build: run without --no-build)".into(),
        };
        *text += &format!("Spanish content in the WASM: {share_text}\n");
        *text += &format!(
            "self-contained reference: {} raw, {} gzip, {} brotli\n\n",
            kib(self.inline.0),
            kib(self.inline.1),
            kib(self.inline.2)
        );
        let first_visit_known = !fetched.is_empty();
        budgets.push(Budget::at_most(
            "first visit, brotli, each file once",
            first_visit_known.then_some(br_once as f64 / KIB),
            budget::FIRST_VISIT_BR_BYTES as f64 / KIB,
            " KiB",
            1,
        ));
        budgets.push(Budget::at_most(
            "WASM, brotli",
            Some(self.wasm_br as f64 / KIB),
            budget::WASM_BR_BYTES as f64 / KIB,
            " KiB",
            1,
        ));
        budgets.push(Budget {
            name: "English first visit fetches nothing Spanish".into(),
            measured: match spanish_in_english.len() {
                _ if first_log.is_empty() => "n/a".into(),
                0 => "nothing under /es/".into(),
                n => format!("{n} request(s): {}", spanish_in_english.join(", ")),
            },
            limit: "nothing under /es/".into(),
            holds: (!first_log.is_empty()).then_some(spanish_in_english.is_empty()),
        });

        Visits {
            json: visits_json,
            spanish_in_english,
        }
    }

    /// Every file of the build: raw, gzip and brotli, and how often each first visit fetched it.
    fn files_table(&self, visits: &[(&str, &[LogEntry], Vec<sizes::Fetched>)]) -> String {
        let mut rows = vec![vec!["file".to_string(), "raw".into(), "gzip".into(), "brotli".into()]];
        rows[0].extend(visits.iter().map(|(p, _, _)| format!("visit {p}")));
        for f in self.sizes {
            let mut row = vec![f.name.clone(), kib(f.raw), kib(f.gzip), kib(f.brotli)];
            for (_, _, fetched) in visits {
                let n = fetched.iter().find(|x| x.name == f.name);
                row.push(n.map(|x| format!("{}x", x.fetches)).unwrap_or_default());
            }
            rows.push(row);
        }
        let sum = |g: fn(&sizes::FileSize) -> usize| self.sizes.iter().map(g).sum::<usize>();
        rows.push(vec![
            "(all of dist/)".into(),
            kib(sum(|f| f.raw)),
            kib(sum(|f| f.gzip)),
            kib(sum(|f| f.brotli)),
        ]);
        table(&rows)
    }

    /// Lighthouse's medians per page, host and method against the reference's; their budgets. The
    /// JSON of every cell.
    fn lighthouse(&self, text: &mut String, budgets: &mut Vec<Budget>) -> Vec<Value> {
        let mut lh_json = Vec::new();
        if !self.cells.is_empty() {
            *text += &format!(
                "Lighthouse {} (mobile defaults), {} ({}); medians of {} run(s)\n",
                self.versions.0, self.chromium_version, self.versions.1, self.runs
            );
            let mut rows = vec![[
                "host, method, page",
                "FCP",
                "LCP",
                "ref FCP",
                "ref LCP",
                "FCP/ref",
                "LCP/ref",
                "TBT",
                "perf",
                "a11y",
                "BP",
                "SEO",
            ]
            .map(String::from)
            .to_vec()];
            let (mut lcp_r, mut other) = (vec![], vec![]);
            for cell in self.cells.iter().filter(|c| c.page != "reference") {
                let reference = self
                    .cells
                    .iter()
                    .find(|c| c.page == "reference" && c.host == cell.host && c.method == cell.method);
                let rf = reference.and_then(|r| r.med(|x| x.fcp));
                let rl = reference.and_then(|r| r.med(|x| x.lcp));
                let (f, l) = (cell.med(|x| x.fcp), cell.med(|x| x.lcp));
                let t = cell.med(|x| x.tbt);
                rows.push(vec![
                    cell.label(),
                    fmt_opt(f, " ms", 0),
                    fmt_opt(l, " ms", 0),
                    fmt_opt(rf, " ms", 0),
                    fmt_opt(rl, " ms", 0),
                    fmt_opt(ratio(f, rf), "x", 2),
                    fmt_opt(ratio(l, rl), "x", 2),
                    fmt_opt(t, " ms", 0),
                    score(cell.med(|x| x.performance)),
                    score(cell.med(|x| x.accessibility)),
                    score(cell.med(|x| x.best_practices)),
                    score(cell.med(|x| x.seo)),
                ]);
                lcp_r.push((cell.page.clone(), cell.label(), ratio(l, rl)));
                for g in [
                    (|x: &lighthouse::Report| x.accessibility) as fn(&lighthouse::Report) -> Option<f64>,
                    |x| x.best_practices,
                    |x| x.seo,
                ] {
                    other.extend(cell.reports.iter().filter_map(g));
                }
                lh_json.push(json!({
                    "host": cell.host, "method": cell.method.name(), "page": cell.page,
                    "fcp_ms": f, "lcp_ms": l, "tbt_ms": t, "ref_fcp_ms": rf, "ref_lcp_ms": rl,
                    "fcp_ratio": ratio(f, rf), "lcp_ratio": ratio(l, rl),
                    "performance": cell.med(|x| x.performance), "accessibility": cell.med(|x| x.accessibility),
                    "best_practices": cell.med(|x| x.best_practices), "seo": cell.med(|x| x.seo),
                    "samples": cell.reports.iter().map(lh_sample).collect::<Vec<_>>(),
                    "reference_samples": reference.map(|r| r.reports.iter().map(lh_sample).collect::<Vec<_>>()),
                }));
            }
            *text += &format!("{}\n", table(&rows));
            let finite = |v: Vec<f64>| {
                v.into_iter()
                    .map(|x| if x.is_nan() { -1.0 } else { x })
                    .collect::<Vec<_>>()
            };
            // Per language: each language's pages hold or miss on their own, so a Spanish page cannot
            // hide behind an English one or the other way round.
            for (suffix, spanish) in [("", false), (", Spanish pages", true)] {
                let of_language: Vec<(String, Option<f64>)> = lcp_r
                    .iter()
                    .filter(|(page, _, _)| is_spanish(page) == spanish)
                    .map(|(_, label, r)| (label.clone(), *r))
                    .collect();
                budgets.push(Budget::worst_at_most(
                    format!("Lighthouse LCP / reference{suffix}"),
                    &of_language,
                    budget::LCP_RATIO,
                    "x",
                    2,
                ));
            }
            budgets.push(Budget::every_at_least(
                "Lighthouse accessibility, best practices, SEO (first run of each)",
                &finite(other),
                budget::SCORE,
                score,
            ));
        }

        lh_json
    }

    /// The bench's own figures from Chromium: the app cold and warm against the references, and taps;
    /// their budgets.
    fn own_figures(&self, text: &mut String, budgets: &mut Vec<Budget>) -> OwnFigures {
        let cold = || self.app_runs.iter().map(|r| &r.cold);
        let warm = || self.app_runs.iter().filter_map(|r| r.warm.as_ref());
        let service_worker = !self.app_runs.is_empty() && self.app_runs.iter().all(|r| r.service_worker);
        *text += &format!(
            "The bench's own figures ({}, chromedriver; CPU 4x, 150 ms RTT, 1.6 Mbit/s; medians of {})\n",
            self.chromium_version, self.runs
        );
        let mut rows = vec![vec![
            "figure".to_string(),
            "app cold".into(),
            "app warm offline (worker)".into(),
        ]];
        for (style, _) in self.refs {
            rows[0].push(format!("{} cold", style.label()));
            rows[0].push("app/ref".into());
        }
        type Fig = (&'static str, fn(&browser::Load) -> Option<f64>, &'static str, usize);
        let figs: [Fig; 6] = [
            ("first contentful paint", |l| l.fcp, " ms", 0),
            ("largest contentful paint", |l| l.lcp, " ms", 0),
            ("call link visible", |l| l.call_visible, " ms", 0),
            ("app ready / page painted", |l| l.interactive, " ms", 0),
            ("layout shift (CLS)", |l| Some(l.cls), "", 4),
            ("tasks over 50 ms", |l| Some(l.long_tasks as f64), "", 0),
        ];
        let mut own_json = serde_json::Map::new();
        for (name, f, unit, dec) in figs {
            let (ac, aw) = (med_of(cold(), f), med_of(warm(), f));
            let mut row = vec![
                name.to_string(),
                fmt_opt(ac, unit, dec),
                if service_worker {
                    fmt_opt(aw, unit, dec)
                } else {
                    "n/a (no worker)".into()
                },
            ];
            let mut refs_json = serde_json::Map::new();
            for (style, loads) in self.refs {
                let rc = med_of(loads.iter().map(|l| &l.0), f);
                row.push(fmt_opt(rc, unit, dec));
                row.push(fmt_opt(ratio(ac, rc), "x", 2));
                refs_json.insert(
                    style.label().into(),
                    json!({ "cold": rc, "ratio": ratio(ac, rc),
                    "warm_http_cache": med_of(loads.iter().map(|l| &l.1), f) }),
                );
            }
            rows.push(row);
            own_json.insert(
                name.into(),
                json!({ "app_cold": ac, "app_warm_offline": aw, "references": refs_json }),
            );
        }
        let taps: Vec<f64> = self.app_runs.iter().flat_map(|r| r.taps.iter().map(|t| t.0)).collect();
        let frames: Vec<f64> = self.app_runs.iter().flat_map(|r| r.taps.iter().map(|t| t.1)).collect();
        let (tap, frame) = (median(&taps), median(&frames));
        rows.push(vec!["tap sign -> result text".into(), fmt_opt(tap, " ms", 1)]);
        rows.push(vec!["tap sign -> next frame".into(), fmt_opt(frame, " ms", 1)]);
        *text += &format!("{}\n", table(&rows));

        let in_first_paint = cold().filter(|l| l.call_in_first_paint).count();
        let max_cls = cold().chain(warm()).map(|l| l.cls).fold(0.0, f64::max);
        let warm_ready = if service_worker {
            med_of(warm(), |l| l.interactive)
        } else {
            None
        };
        budgets.push(Budget::at_most(
            "warm start offline: app ready, CPU 4x",
            warm_ready,
            budget::WARM_READY_MS,
            " ms",
            0,
        ));
        budgets.push(Budget {
            name: "call link in the first paint (cold)".into(),
            measured: format!("{in_first_paint}/{} runs", self.app_runs.len()),
            limit: "every run".into(),
            holds: Some(in_first_paint == self.app_runs.len()),
        });
        budgets.push(Budget::at_most("layout shift, worst run", Some(max_cls), 0.0, "", 4));
        budgets.push(Budget::at_most("tap -> result, CPU 4x", tap, budget::TAP_MS, " ms", 1));
        OwnFigures {
            json: own_json,
            service_worker,
            taps,
            frames,
            tap,
            frame,
        }
    }

    /// Everything measured, as bench.json holds it.
    fn json(&self, visits: &Visits, lh_json: Vec<Value>, own: OwnFigures, budgets: &[Budget]) -> Value {
        let Visits {
            json: visits_json,
            spanish_in_english,
        } = visits;
        let OwnFigures {
            json: own_json,
            service_worker,
            taps,
            frames,
            tap,
            frame,
        } = own;
        json!({
            "runs": self.runs,
            "versions": { "lighthouse": self.versions.0, "lighthouse_chromium": self.versions.1, "chromium": self.chromium_version },
            "conditions": { "viewport": [browser::mobile::WIDTH, browser::mobile::HEIGHT], "cpu_slowdown": browser::mobile::CPU_SLOWDOWN,
                            "rtt_ms": browser::mobile::RTT_MS, "down_bytes_per_s": browser::mobile::DOWN_BYTES_PER_S },
            "files": self.sizes.iter().map(|f| json!({ "name": f.name, "raw": f.raw, "gzip": f.gzip, "brotli": f.brotli })).collect::<Vec<_>>(),
            "first_visit": visits_json.first(),
            "wasm_brotli": self.wasm_br,
            "spanish": {
                "first_visits": visits_json.get(1..),
                "english_first_visit_spanish_requests": spanish_in_english,
                "wasm": self.spanish_share.map(|s| json!({
                    "raw": s.with_spanish.0, "brotli": s.with_spanish.1,
                    "as_english_raw": s.as_english.0, "as_english_brotli": s.as_english.1,
                    "added_raw": s.added_raw(), "added_brotli": s.added_brotli() })),
            },
            "reference": { "raw": self.inline.0, "gzip": self.inline.1, "brotli": self.inline.2 },
            "service_worker": service_worker,
            "own_figures": own_json,
            "tap_to_result_ms": { "median": tap, "samples": taps },
            "tap_to_next_frame_ms": { "median": frame, "samples": frames },
            "lighthouse": lh_json,
            "budgets": budgets.iter().map(Budget::json).collect::<Vec<_>>(),
        })
    }
}

/// The first visits' part of the report: each visit's JSON, and what the English one fetched of the
/// Spanish.
struct Visits<'a> {
    json: Vec<Value>,
    spanish_in_english: Vec<&'a str>,
}

/// The own figures' part of the report.
struct OwnFigures {
    json: serde_json::Map<String, Value>,
    service_worker: bool,
    taps: Vec<f64>,
    frames: Vec<f64>,
    tap: Option<f64>,
    frame: Option<f64>,
}

fn lh_sample(r: &lighthouse::Report) -> Value {
    json!({ "fcp_ms": r.fcp, "lcp_ms": r.lcp, "tbt_ms": r.tbt, "cls": r.cls, "speed_index_ms": r.speed_index,
            "performance": r.performance, "accessibility": r.accessibility, "best_practices": r.best_practices,
            "seo": r.seo, "error": r.runtime_error, "warnings": r.warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_even_and_empty() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[f64::NAN, 5.0]), Some(5.0));
        assert_eq!(median(&[1566.0, 1406.0, 1132.0, 2000.0, 900.0]), Some(1406.0));
    }

    #[test]
    fn ratio_needs_both_and_a_nonzero_reference() {
        assert_eq!(ratio(Some(3.0), Some(2.0)), Some(1.5));
        assert_eq!(ratio(Some(3.0), Some(0.0)), None);
        assert_eq!(ratio(None, Some(2.0)), None);
    }

    #[test]
    fn table_pads_columns_and_underlines_the_header() {
        let t = table(&[vec!["name".into(), "n".into()], vec!["a".into(), "1234".into()]]);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "name     n");
        assert_eq!(lines[1], "----------");
        assert_eq!(lines[2], "a     1234");
        let ragged = table(&[vec!["h".into()], vec!["a".into(), "b".into()]]);
        assert_eq!(ragged.lines().nth(2), Some("a  b"), "{ragged}");
    }

    #[test]
    fn formatting() {
        assert_eq!(kib(2048), "2.0 KiB");
        assert_eq!(fmt_opt(Some(1.234), " ms", 1), "1.2 ms");
        assert_eq!(fmt_opt(None, " ms", 1), "n/a");
        assert_eq!(score(Some(0.96)), "96");
        assert_eq!(score(None), "n/a");
        assert_eq!(verdict(Some(false)), "MISS");
        assert_eq!(verdict(Some(true)), "hold");
        assert_eq!(verdict(None), "n/a");
    }

    #[test]
    fn a_budget_holds_at_its_limit_and_misses_above_or_unmeasured() {
        let at = Budget::at_most("LCP / reference", Some(1.05), 1.05, "x", 2);
        assert_eq!(at.holds, Some(true));
        assert_eq!(at.as_row(), vec!["LCP / reference", "1.05x", "<= 1.05x", "hold"]);
        assert_eq!(Budget::at_most("r", Some(1.88), 1.05, "x", 2).holds, Some(false));
        assert_eq!(Budget::at_most("r", None, 1.05, "x", 2).holds, None);
        let tbt = Budget::at_most("TBT", Some(0.0), 0.0, " ms", 0);
        assert_eq!(tbt.holds, Some(true));
        assert_eq!(Budget::at_most("TBT", Some(156.0), 0.0, " ms", 0).holds, Some(false));
    }

    #[test]
    fn every_run_budgets_look_at_the_lowest_run() {
        let perf = Budget::every_at_least("perf", &[1.0, 0.96, 1.0], 1.0, score);
        assert_eq!(perf.holds, Some(false));
        assert_eq!(perf.measured, "lowest 96 of 3");
        assert_eq!(perf.limit, "100 in every run");
        assert_eq!(
            Budget::every_at_least("perf", &[1.0, 1.0], 1.0, score).holds,
            Some(true)
        );
        assert_eq!(Budget::every_at_least("perf", &[], 1.0, score).holds, None);
        // A run with no score misses, and is not shown as a score of -100.
        let failed = Budget::every_at_least("perf", &[1.0, -1.0, 1.0], 1.0, score);
        assert_eq!(failed.holds, Some(false));
        assert_eq!(failed.measured, "lowest 100 of 3, 1 without a score");
    }

    #[test]
    fn a_budget_over_cells_names_the_worst_and_misses_on_a_gap() {
        let cells = vec![
            ("brotli, simulate, /".to_string(), Some(1.44)),
            ("gzip, devtools, /".to_string(), Some(1.91)),
        ];
        let b = Budget::worst_at_most("LCP / reference", &cells, 1.05, "x", 2);
        assert_eq!(b.measured, "worst 1.91x (gzip, devtools, /)");
        assert_eq!(b.holds, Some(false));
        let good = vec![("a".to_string(), Some(0.98)), ("b".to_string(), Some(1.05))];
        assert_eq!(Budget::worst_at_most("r", &good, 1.05, "x", 2).holds, Some(true));
        let gap = vec![("a".to_string(), Some(0.98)), ("b".to_string(), None)];
        let b = Budget::worst_at_most("r", &gap, 1.05, "x", 2);
        assert_eq!((b.holds, b.measured.as_str()), (None, "n/a (b)"));
    }

    #[test]
    fn the_budget_table_counts_what_holds_and_lists_misses() {
        let budgets = vec![
            Budget::at_most("a", Some(1.0), 2.0, "", 0),
            Budget::at_most("b", Some(3.0), 2.0, "", 0),
            Budget::at_most("c", None, 2.0, "", 0),
        ];
        let t = budget_table("speed", &budgets);
        assert!(t.ends_with("1 of 3 hold\n"), "{t}");
        assert!(t.contains("MISS") && t.contains("n/a"), "{t}");
        let names: Vec<&str> = misses(&budgets).iter().map(|b| b.name.as_str()).collect();
        assert_eq!(names, ["b", "c"]);
    }
}
