//! Guide: the guide's advice as short cards, each with its own URL.

use crate::components::{CallLink, SourceNote, TermLinks};
use crate::content;
use crate::router::{self, Link, Screen};
use leptos::prelude::*;

#[component]
pub fn GuidePage() -> impl IntoView {
    let ui = router::ui();
    view! {
        <h1>{ui.screens_guide}</h1>
        <p class="lead">{ui.guide_lead}</p>
        <ul class="cards">
            {router::content().sections.iter().enumerate().map(|(i, s)| view! {
                <li><Link to=Screen::Section(i)>{s.title}</Link><p>{s.summary}</p></li>
            }).collect_view()}
        </ul>
    }
}

/// One section (`/guide/<slug>`; `crate::router::screen` sends an unknown slug to Not found).
#[component]
pub fn SectionPage(section: &'static content::Section) -> impl IntoView {
    let ui = router::ui();
    let content = router::content();
    // The terms linked so far on this screen: each glossary term links to its entry where it first appears.
    let linked = StoredValue::new(Vec::new());
    view! {
        <p class="crumb"><Link to=Screen::Guide>{ui.nav_guide}</Link></p>
        <h1>{section.title}</h1>
        <p class="lead"><TermLinks text=section.summary linked/></p>
        <ul class="points">{section.points.iter().map(|p| view! { <li><TermLinks text=p linked/></li> }).collect_view()}</ul>
        {section.statistics.iter().filter_map(|id| content.statistic(id)).map(|st| view! {
            <figure class="figure">
                <blockquote>{st.text}</blockquote>
                <figcaption>
                    {match st.year { Some(y) => ui.guide_year(&y.to_string()), None => ui.guide_year_not_given.to_string() }}
                    // The section's own note, below, names the source its figures share.
                    {(st.source != section.source).then(|| view! { <SourceNote id=st.source/> })}
                </figcaption>
            </figure>
        }).collect_view()}
        <div class="stack">
            {section.contacts.iter().filter_map(|id| content.contact(id)).map(|c| view! { <CallLink contact=c/> }).collect_view()}
        </div>
        <SourceNote id=section.source/>
    }
}
