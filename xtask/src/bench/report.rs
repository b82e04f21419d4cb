//! The pure parts of the report: medians and ratios, budgets and their verdicts, plain-text tables.

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
