//! Glossary: filter as you type; each term has its own URL with the law's exact words where there are some.

use crate::components::{EnglishNames, SourceNote};
use crate::content;
use crate::core::glossary::filter;
use crate::router::{self, Link, Screen};
use leptos::prelude::*;

/// How long typing must pause before the number of matching terms is read out.
const SETTLE_MS: u64 = 700;

#[component]
pub fn GlossaryPage() -> impl IntoView {
    let ui = router::ui();
    let terms = router::content().terms;
    let query = RwSignal::new(String::new());
    let matches = Memo::new(move |_| filter(terms, &query.read()));
    let count = move || match matches.read().len() {
        0 => ui.glossary_no_match.to_string(),
        n => ui.glossary_count(n),
    };
    // The count is read out once typing pauses, not at every key (a screen reader would interrupt itself
    // with each one); the count on screen follows every key.
    let announced = RwSignal::new(String::new());
    let pending = StoredValue::new(None::<leptos::prelude::TimeoutHandle>);
    Effect::new(move |ran: Option<()>| {
        let text = count();
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        // Nothing to say as the screen opens.
        if ran.is_some() {
            let h = set_timeout_with_handle(move || announced.set(text), std::time::Duration::from_millis(SETTLE_MS));
            pending.set_value(h.ok());
        }
    });
    view! {
        <h1>{ui.screens_glossary}</h1>
        // The search box first: on the first screen even at 200% text.
        <div class="search">
            <label for="glossary-q">{ui.glossary_find}</label>
            <input id="glossary-q" type="search" autocomplete="off" spellcheck="false"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))/>
        </div>
        <p class="count">{count}</p>
        <p class="vh" id="glossary-count-live" role="status" aria-live="polite">{move || announced.get()}</p>
        <p class="lead">{ui.glossary_lead}</p>
        <ul class="terms">
            {move || matches.get().into_iter().map(|t| view! {
                <li>
                    <Link to=Screen::of_term(t)>{t.term}</Link>
                    <p>{t.explanation}</p>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// One term (`/glossary/<slug>`; `crate::router::screen` sends an unknown slug to Not found).
#[component]
pub fn TermPage(term: &'static content::Term) -> impl IntoView {
    let ui = router::ui();
    let content = router::content();
    view! {
        <p class="crumb"><Link to=Screen::Glossary>{ui.nav_glossary}</Link></p>
        <h1>{term.term}</h1>
        <p class="lead">{term.explanation}</p>
        <SourceNote id=term.source/>
        {term.law.iter().enumerate().map(|(i, l)| view! {
            <figure class="law">
                <figcaption>{l.label}</figcaption>
                <blockquote lang="en">"\u{201c}" {l.text} "\u{201d}"</blockquote>
                <p class="citation"><EnglishNames text=l.citation
                    en=crate::content::EN.term(term.slug).and_then(|en| en.law.get(i)).map_or("", |en| en.citation)/></p>
                // A translation explains the law in plain words, marked as unofficial: the quote stays as enacted.
                {l.plain.map(|p| view! {
                    <p class="plain"><strong>{ui.glossary_unofficial_translation}": "</strong>{p}</p>
                })}
                <SourceNote id=l.source/>
            </figure>
        }).collect_view()}
        {(!term.related.is_empty()).then(|| view! {
            <h2>{ui.glossary_related}</h2>
            <ul class="related">
                {term.related.iter().filter_map(|s| content.term(s)).map(|r| view! {
                    <li><Link to=Screen::of_term(r)>{r.term}</Link></li>
                }).collect_view()}
            </ul>
        })}
    }
}
