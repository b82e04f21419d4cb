//! The rules of `content/signs.toml`.

use super::{Checker, Ids, Scanned, CARD_LABEL_MAX};
use crate::model::Content;
use std::collections::BTreeSet;

/// Checks every item of `signs.toml`.
pub(super) fn check(c: &Content, ck: &mut Checker, ids: &Ids, texts_to_scan: &mut Vec<Scanned>) {
    let mut seen = BTreeSet::new();
    for g in &c.groups {
        let item = format!("group `{}`", g.id);
        ck.id(&item, &g.id, &mut seen);
        ck.text(&item, "title", &g.title);
        if !c.signs.iter().any(|s| s.group == g.id) {
            ck.err(item, "has no sign".into());
        }
    }
    let mut seen = BTreeSet::new();
    for s in &c.signs {
        let item = format!("sign `{}`", s.id);
        ck.id(&item, &s.id, &mut seen);
        ck.text(&item, "label", &s.label);
        ck.text(&item, "card", &s.card);
        if s.card.chars().count() > CARD_LABEL_MAX {
            ck.err(
                item.clone(),
                format!(
                    "`card` `{}` is longer than {CARD_LABEL_MAX} characters: it must fit one line of the wallet card",
                    s.card
                ),
            );
        }
        ck.text(&item, "detail", &s.detail);
        if let Some(why) = &s.why {
            ck.text(&item, "why", why);
        }
        ck.reference(&item, "group", &s.group, &ids.groups, "signs.toml");
        ck.reference(&item, "source", &s.source, &ids.sources, "sources.toml");
        texts_to_scan.push((
            "signs.toml",
            item.clone(),
            format!("{} {} {} {}", s.label, s.card, s.detail, s.why.as_deref().unwrap_or("")),
        ));
    }
}
