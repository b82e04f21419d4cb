//! The rules of `content/guide.toml`.

use super::{Checker, Ids, Scanned};
use crate::model::Content;
use std::collections::BTreeSet;

/// Checks every item of `guide.toml`.
pub(super) fn check(c: &Content, ck: &mut Checker, ids: &Ids, texts_to_scan: &mut Vec<Scanned>) {
    let mut seen = BTreeSet::new();
    for s in &c.sections {
        let item = format!("section `{}`", s.slug);
        ck.id(&item, &s.slug, &mut seen);
        ck.text(&item, "title", &s.title);
        ck.text(&item, "summary", &s.summary);
        if s.points.is_empty() && s.statistics.is_empty() {
            ck.err(item.clone(), "has neither `points` nor `statistics`".into());
        }
        for p in &s.points {
            ck.text(&item, "points", p);
        }
        ck.reference(&item, "source", &s.source, &ids.sources, "sources.toml");
        for k in &s.contacts {
            ck.reference(&item, "contacts", k, &ids.contacts, "contacts.toml");
        }
        for st in &s.statistics {
            ck.reference(&item, "statistics", st, &ids.statistics, "statistics.toml");
        }
        texts_to_scan.push((
            "guide.toml",
            item.clone(),
            format!("{} {}", s.summary, s.points.join(" ")),
        ));
    }
}
