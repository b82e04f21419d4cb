//! The rules of `content/missing.toml`.

use super::{Checker, Ids, Scanned};
use crate::model::Content;
use std::collections::BTreeSet;

/// Checks every item of `missing.toml`.
pub(super) fn check(c: &Content, ck: &mut Checker, ids: &Ids, texts_to_scan: &mut Vec<Scanned>) {
    let mut seen = BTreeSet::new();
    for s in &c.missing_steps {
        let item = format!("step `{}`", s.id);
        ck.id(&item, &s.id, &mut seen);
        ck.text(&item, "title", &s.title);
        ck.text(&item, "done", &s.done);
        ck.text(&item, "text", &s.text);
        for p in &s.points {
            ck.text(&item, "points", p);
        }
        ck.reference(&item, "source", &s.source, &ids.sources, "sources.toml");
        match (&s.contact, s.my_numbers) {
            (Some(k), false) => ck.reference(&item, "contact", k, &ids.contacts, "contacts.toml"),
            (None, true) => {}
            _ => ck.err(
                item.clone(),
                "needs exactly one of `contact` and `my_numbers = true`: every step is a call".into(),
            ),
        }
        texts_to_scan.push((
            "missing.toml",
            item.clone(),
            format!("{} {} {} {}", s.title, s.done, s.text, s.points.join(" ")),
        ));
    }
    if c.missing_steps.first().and_then(|s| s.contact.as_deref()) != Some("emergency") {
        ck.err(
            String::new(),
            "the first step must call `emergency`: law enforcement is called first".into(),
        );
    }
    for r in &c.ready_items {
        let item = format!("ready `{}`", r.id);
        ck.id(&item, &r.id, &mut seen);
        ck.text(&item, "text", &r.text);
        ck.reference(&item, "source", &r.source, &ids.sources, "sources.toml");
        texts_to_scan.push(("missing.toml", item.clone(), r.text.clone()));
    }
    for n in &c.missing_notes {
        let item = format!("note `{}`", n.id);
        ck.id(&item, &n.id, &mut seen);
        ck.text(&item, "text", &n.text);
        ck.reference(&item, "source", &n.source, &ids.sources, "sources.toml");
        texts_to_scan.push(("missing.toml", item.clone(), n.text.clone()));
    }
}
