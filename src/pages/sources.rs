//! Sources: every source the app cites, and what cites it.

use crate::content::{self, SOURCES};
use crate::router::{Link, Screen};
use leptos::prelude::*;

#[component]
pub fn SourcesPage() -> impl IntoView {
    view! {
        <h1>"Sources"</h1>
        <p class="lead">"Every fact in this app comes from one of these. Each lists what it backs."</p>
        {SOURCES.iter().map(|s| {
            let citing = citing(s.id);
            view! {
                <section class="source" id=s.id aria-labelledby=format!("src-{}", s.id)>
                    <h2 id=format!("src-{}", s.id)>{s.title}</h2>
                    <p class="publisher">{s.publisher}</p>
                    <p>{s.detail}</p>
                    {s.url.map(|u| view! { <p class="url">{u}</p> })}
                    <details>
                        <summary>{format!("Cited by {} item(s)", citing.len())}</summary>
                        <ul class="citing">
                            {citing.into_iter().map(|c| view! {
                                <li><span class="kind">{c.kind} ": "</span><Link to=c.screen>{c.title}</Link></li>
                            }).collect_view()}
                        </ul>
                    </details>
                </section>
            }
        }).collect_view()}
    }
}

/// One item that cites a source: what kind it is, its title, and the screen it is on.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    pub kind: &'static str,
    pub title: &'static str,
    pub screen: Screen,
}

/// Everything that cites `source_id`, for the Sources screen.
pub fn citing(source_id: &str) -> Vec<Citation> {
    use content::*;
    let mut out = Vec::new();
    let mut add = |kind, title, screen| out.push(Citation { kind, title, screen });
    for s in SIGNS.iter().filter(|s| s.source == source_id) {
        add("Sign", s.label, Screen::Check);
    }
    for t in TERMS {
        if t.source == source_id || t.law.iter().any(|l| l.source == source_id) {
            add("Term", t.term, Screen::of_term(t));
        }
    }
    for s in SECTIONS.iter().filter(|s| s.source == source_id) {
        add("Guide", s.title, Screen::of_section(s));
    }
    let figures = section("figures").map_or(Screen::Guide, Screen::of_section);
    for s in STATISTICS.iter().filter(|s| s.source == source_id) {
        add("Figure", s.text, figures);
    }
    for c in CONTACTS.iter().filter(|c| c.source == source_id) {
        add("Phone line", c.name, Screen::Call);
    }
    for a in ACTIONS.iter().filter(|a| a.source == source_id) {
        add("Next step", a.text, Screen::Check);
    }
    for c in CAUTIONS.iter().filter(|c| c.source == source_id) {
        add("Caution", c.text, Screen::Check);
    }
    for s in MISSING_STEPS.iter().filter(|s| s.source == source_id) {
        add("A child is missing", s.title, Screen::Missing);
    }
    for r in READY_ITEMS.iter().filter(|r| r.source == source_id) {
        add("What to have ready", r.text, Screen::Missing);
    }
    for n in MISSING_NOTES.iter().filter(|n| n.source == source_id) {
        add("A child is missing", n.text, Screen::Missing);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_is_cited_and_every_citation_is_a_screen() {
        assert!(content::section("figures").is_some(), "the figures the statistics cite");
        for s in SOURCES {
            let cited = citing(s.id);
            assert!(!cited.is_empty(), "source {} is cited by nothing", s.id);
            for c in cited {
                assert_ne!(c.screen, Screen::NotFound, "{c:?}");
            }
        }
    }
}
