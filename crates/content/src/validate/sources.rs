//! The rules of `content/sources.toml`.

use super::Checker;
use crate::model::Content;
use std::collections::BTreeSet;

/// Checks every item of `sources.toml`.
pub(super) fn check(c: &Content, ck: &mut Checker) {
    let mut seen = BTreeSet::new();
    for s in &c.sources {
        let item = format!("source `{}`", s.id);
        ck.id(&item, &s.id, &mut seen);
        ck.text(&item, "short", &s.short);
        ck.text(&item, "title", &s.title);
        ck.text(&item, "publisher", &s.publisher);
        ck.text(&item, "detail", &s.detail);
        if let Some(url) = &s.url {
            if !url.starts_with("https://") {
                ck.err(item.clone(), format!("`url` `{url}` must start with https://"));
            }
        }
    }
    if c.sources.is_empty() {
        ck.err(String::new(), "lists no source".into());
    }
}
