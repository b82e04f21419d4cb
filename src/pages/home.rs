//! Home: what the app is for, the most important actions first.

use crate::components::{CallLink, SourceNote};
use crate::router::{self, Link, Screen};
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let ui = router::ui();
    let content = router::content();
    let about = content.section("about-this-app");
    view! {
        <h1>{ui.app_name}</h1>
        <p class="lead">{ui.home_lead}</p>
        <ul class="when-to-call">
            // 911 first: a child missing or in danger now.
            {["emergency", "ncmec", "trafficking-hotline"].into_iter().filter_map(|id| content.contact(id)).map(|c| view! {
                <li><strong>{ui.home_contact_name(c.name)}</strong>{c.when}" "<SourceNote id=c.source/></li>
            }).collect_view()}
        </ul>
        <div class="stack">
            <Link to=Screen::Check class="button primary">{ui.screens_check}</Link>
            <Link to=Screen::Missing class="button">{ui.screens_missing}</Link>
        </div>
        <ul class="cards">
            <li><Link to=Screen::Guide>{ui.screens_guide}</Link><p>{ui.home_guide_card}</p></li>
            <li><Link to=Screen::Glossary>{ui.screens_glossary}</Link><p>{ui.home_glossary_card}</p></li>
            <li><Link to=Screen::Sources>{ui.screens_sources}</Link><p>{ui.home_sources_card}</p></li>
            <li><Link to=Screen::Card>{ui.screens_card}</Link><p>{ui.home_card_card}</p></li>
            <li><Link to=Screen::Share>{ui.screens_share}</Link><p>{ui.home_share_card}</p></li>
        </ul>
        {about.map(|s| view! {
            <section class="about" aria-labelledby="about-h">
                <h2 id="about-h">{s.title}</h2>
                <p>{s.summary}</p>
                <ul>{s.points.iter().map(|p| view! { <li>{*p}</li> }).collect_view()}</ul>
                {content.contact("emergency").map(|c| view! { <CallLink contact=c/> })}
                <SourceNote id=s.source/>
            </section>
        })}
    }
}
