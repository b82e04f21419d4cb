//! The rules of `content/glossary.toml`.

use super::{Checker, Ids, Scanned};
use crate::model::Content;
use std::collections::BTreeSet;

/// Checks every item of `glossary.toml`.
pub(super) fn check(c: &Content, ck: &mut Checker, ids: &Ids, texts_to_scan: &mut Vec<Scanned>) {
    let mut seen = BTreeSet::new();
    for t in &c.terms {
        let item = format!("term `{}`", t.slug);
        ck.id(&item, &t.slug, &mut seen);
        ck.text(&item, "term", &t.term);
        ck.text(&item, "explanation", &t.explanation);
        ck.reference(&item, "source", &t.source, &ids.sources, "sources.toml");
        for law in &t.law {
            ck.text(&item, "law.label", &law.label);
            ck.text(&item, "law.text", &law.text);
            if let Some(plain) = &law.plain {
                ck.text(&item, "law.plain", plain);
            }
            ck.text(&item, "law.citation", &law.citation);
            ck.reference(&item, "law.source", &law.source, &ids.sources, "sources.toml");
        }
        for r in &t.related {
            ck.reference(&item, "related", r, &ids.terms, "glossary.toml");
        }
        texts_to_scan.push(("glossary.toml", item.clone(), t.explanation.clone()));
    }
}
