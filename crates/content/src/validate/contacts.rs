//! The rules of `content/contacts.toml`.

use super::{Checker, Ids, Scanned};
use crate::model::Content;
use crate::text::{initials, is_acronym, number_problem};
use std::collections::BTreeSet;

/// Checks every item of `contacts.toml`.
pub(super) fn check(c: &Content, ck: &mut Checker, ids: &Ids, texts_to_scan: &mut Vec<Scanned>) {
    let mut seen = BTreeSet::new();
    for k in &c.contacts {
        let item = format!("contact `{}`", k.id);
        ck.id(&item, &k.id, &mut seen);
        ck.text(&item, "name", &k.name);
        match &k.full_name {
            Some(full) => {
                ck.text(&item, "full_name", full);
                if initials(full) != k.name {
                    ck.err(
                        item.clone(),
                        format!(
                            "`full_name` {full:?} does not spell `name` `{}` (its capitalised words' initials are `{}`)",
                            k.name,
                            initials(full)
                        ),
                    );
                }
            }
            None if is_acronym(&k.name) => ck.err(
                item.clone(),
                format!("`name` `{}` is an acronym: give its `full_name`", k.name),
            ),
            None => {}
        }
        ck.text(&item, "call", &k.call);
        if !k.call.contains(&k.name) && !k.call.contains(&k.shown_as) {
            ck.err(
                item.clone(),
                format!("`call` `{}` names neither `name` nor `shown_as`", k.call),
            );
        }
        ck.text(&item, "shown_as", &k.shown_as);
        ck.text(&item, "when", &k.when);
        ck.reference(&item, "source", &k.source, &ids.sources, "sources.toml");
        if let Some(problem) = number_problem(&k.shown_as, &k.dial) {
            ck.err(item.clone(), problem);
        }
        texts_to_scan.push(("contacts.toml", item, k.when.clone()));
    }
}
