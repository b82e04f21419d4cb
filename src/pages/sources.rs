//! Sources: every source the app cites, and what cites it.

use crate::components::EnglishNames;
use crate::content::{Content, Ui};
use crate::router::{self, Link, Screen};
use leptos::prelude::*;

#[component]
pub fn SourcesPage() -> impl IntoView {
    let ui = router::ui();
    let content = router::content();
    view! {
        <h1>{ui.screens_sources}</h1>
        <p class="lead">{ui.sources_lead}</p>
        {content.sources.iter().map(|s| {
            let citing = citing(content, ui, s.id);
            // A title or publisher kept in English in a translation (a publication's own title, an
            // organisation's name) is marked as English, whole or in part.
            let en = crate::content::EN.source(s.id);
            let (en_title, en_publisher) = (en.map_or("", |e| e.title), en.map_or("", |e| e.publisher));
            view! {
                <section class="source" id=s.id aria-labelledby=format!("src-{}", s.id)>
                    <h2 id=format!("src-{}", s.id)><EnglishNames text=s.title en=en_title/></h2>
                    <p class="publisher"><EnglishNames text=s.publisher en=en_publisher/></p>
                    <p>{s.detail}</p>
                    {s.url.map(|u| view! { <p class="url">{u}</p> })}
                    <details>
                        <summary>{ui.sources_cited_by(citing.len())}</summary>
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
/// What cites `source_id`, in one language's content and words.
pub fn citing(c: &'static Content, ui: &'static Ui, source_id: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    let mut add = |kind, title, screen| out.push(Citation { kind, title, screen });
    for s in c.signs.iter().filter(|s| s.source == source_id) {
        add(ui.sources_kind_sign, s.label, Screen::Check);
    }
    for (i, t) in c.terms.iter().enumerate() {
        if t.source == source_id || t.law.iter().any(|l| l.source == source_id) {
            add(ui.sources_kind_term, t.term, Screen::Term(i));
        }
    }
    for (i, s) in c.sections.iter().enumerate().filter(|(_, s)| s.source == source_id) {
        add(ui.sources_kind_guide, s.title, Screen::Section(i));
    }
    let figures = c
        .sections
        .iter()
        .position(|s| s.slug == "figures")
        .map_or(Screen::Guide, Screen::Section);
    for s in c.statistics.iter().filter(|s| s.source == source_id) {
        add(ui.sources_kind_figure, s.text, figures);
    }
    for k in c.contacts.iter().filter(|k| k.source == source_id) {
        add(ui.sources_kind_phone, k.name, Screen::Call);
    }
    for a in c.actions.iter().filter(|a| a.source == source_id) {
        add(ui.sources_kind_step, a.text, Screen::Check);
    }
    for k in c.cautions.iter().filter(|k| k.source == source_id) {
        add(ui.sources_kind_caution, k.text, Screen::Check);
    }
    for s in c.missing_steps.iter().filter(|s| s.source == source_id) {
        add(ui.sources_kind_missing, s.title, Screen::Missing);
    }
    for r in c.ready_items.iter().filter(|r| r.source == source_id) {
        add(ui.sources_kind_ready, r.text, Screen::Missing);
    }
    for n in c.missing_notes.iter().filter(|n| n.source == source_id) {
        add(ui.sources_kind_missing, n.text, Screen::Missing);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_is_cited_and_every_citation_is_a_screen() {
        assert!(
            crate::content::EN.section("figures").is_some(),
            "the figures the statistics cite"
        );
        for s in crate::content::SOURCES {
            let cited = citing(&crate::content::EN, &crate::content::UI, s.id);
            let cited_es = citing(&crate::content::ES, &crate::content::es::UI, s.id);
            assert_eq!(cited.len(), cited_es.len(), "{}", s.id);
            assert!(!cited.is_empty(), "source {} is cited by nothing", s.id);
            for c in cited {
                assert_ne!(c.screen, Screen::NotFound, "{c:?}");
            }
        }
    }
}
