//! The rules of `content/statistics.toml`.

use super::{Checker, Ids};
use crate::model::Content;
use std::collections::BTreeSet;

/// Checks every item of `statistics.toml`.
pub(super) fn check(c: &Content, ck: &mut Checker, ids: &Ids) {
    let mut seen = BTreeSet::new();
    for s in &c.statistics {
        let item = format!("statistic `{}`", s.id);
        ck.id(&item, &s.id, &mut seen);
        ck.text(&item, "text", &s.text);
        ck.reference(&item, "source", &s.source, &ids.sources, "sources.toml");
        if let Some(year) = s.year.filter(|y| !(1990..=2100).contains(y)) {
            ck.err(item.clone(), format!("`year` {year} is not a plausible year"));
        }
    }
}
