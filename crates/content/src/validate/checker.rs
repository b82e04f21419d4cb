//! The rules of `content/checker.toml`.

use super::{Checker, Ids, Scanned};
use crate::model::{Content, Trigger};
use std::collections::BTreeSet;

/// Checks every item of `checker.toml`.
pub(super) fn check(c: &Content, ck: &mut Checker, ids: &Ids, texts_to_scan: &mut Vec<Scanned>) {
    let mut seen = BTreeSet::new();
    for q in &c.questions {
        let item = format!("question `{}`", q.id);
        ck.id(&item, &q.id, &mut seen);
        ck.text(&item, "text", &q.text);
        if let Some(hint) = &q.hint {
            ck.text(&item, "hint", hint);
        }
        ck.reference(&item, "source", &q.source, &ids.sources, "sources.toml");
    }
    for a in &c.actions {
        let item = format!("action `{}`", a.id);
        ck.id(&item, &a.id, &mut seen);
        ck.text(&item, "text", &a.text);
        ck.reference(&item, "source", &a.source, &ids.sources, "sources.toml");
        if let Some(k) = &a.contact {
            ck.reference(&item, "contact", k, &ids.contacts, "contacts.toml");
        }
        if let Some(l) = &a.link {
            ck.reference(&item, "link", l, &ids.sources, "sources.toml");
            if c.sources.iter().any(|s| &s.id == l && s.url.is_none()) {
                ck.err(item.clone(), format!("`link` names `{l}`, which has no `url`"));
            }
        }
        if let Some(page) = &a.page {
            if !page.starts_with('/') || page.contains(char::is_whitespace) {
                ck.err(
                    item.clone(),
                    format!("`page` `{page}` is not an app path such as `/missing`"),
                );
            }
        }
        if a.when.is_empty() {
            ck.err(
                item.clone(),
                "`when` names no trigger: the step would never show".into(),
            );
        }
        texts_to_scan.push(("checker.toml", item.clone(), a.text.clone()));
    }
    let mut headline_ids = BTreeSet::new();
    for h in &c.headlines {
        let item = format!("headline `{}`", h.id);
        ck.id(&item, &h.id, &mut headline_ids);
        ck.text(&item, "text", &h.text);
        texts_to_scan.push(("checker.toml", item.clone(), h.text.clone()));
    }
    for x in &c.cautions {
        let item = format!("caution `{}`", x.id);
        ck.id(&item, &x.id, &mut seen);
        ck.text(&item, "text", &x.text);
        ck.reference(&item, "source", &x.source, &ids.sources, "sources.toml");
    }
    // Every row of the result must lead somewhere: every trigger but `concern`, which only qualifies
    // other actions (`unless`).
    for t in Trigger::ALL.into_iter().filter(|t| *t != Trigger::Concern) {
        if !c.actions.iter().any(|a| a.when.contains(&t)) {
            ck.err(String::new(), format!("no action for `when = [\"{}\"]`", t.kebab()));
        }
    }
    if c.cautions.is_empty() {
        ck.err(
            String::new(),
            "lists no caution: the checker must always say signs are not proof".into(),
        );
    }
}
