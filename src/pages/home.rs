//! Home: what the app is for, the most important actions first.

use crate::components::{CallLink, SourceNote};
use crate::content;
use crate::router::{Link, Screen};
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let about = content::section("about-this-app");
    view! {
        <h1>"Red flags"</h1>
        <p class="lead">"The signs of child sex trafficking, and what to do. An independent pocket guide built on the guide for child welfare by the National Center for Missing & Exploited Children (NCMEC)."</p>
        <ul class="when-to-call">
            {["ncmec", "trafficking-hotline"].into_iter().filter_map(content::contact).map(|c| view! {
                <li><strong>{format!("{}: ", c.name)}</strong>{c.when}" "<SourceNote id=c.source/></li>
            }).collect_view()}
        </ul>
        <div class="stack">
            <Link to=Screen::Check class="button primary">"Check for red flags"</Link>
            <Link to=Screen::Missing class="button">"A child is missing"</Link>
        </div>
        <ul class="cards">
            <li><Link to=Screen::Guide>"The guide, in short"</Link><p>"Who is at risk, the signs, prevention, after a run."</p></li>
            <li><Link to=Screen::Glossary>"Glossary"</Link><p>"The guide's and the law's terms."</p></li>
            <li><Link to=Screen::Sources>"Sources"</Link><p>"Where every fact comes from."</p></li>
            <li><Link to=Screen::Card>"Wallet card"</Link><p>"The signs and the numbers, printed to leave behind."</p></li>
            <li><Link to=Screen::Share>"Share this app"</Link><p>"A QR code for another phone, and how to install."</p></li>
        </ul>
        {about.map(|s| view! {
            <section class="about" aria-labelledby="about-h">
                <h2 id="about-h">{s.title}</h2>
                <p>{s.summary}</p>
                <ul>{s.points.iter().map(|p| view! { <li>{*p}</li> }).collect_view()}</ul>
                {content::contact("emergency").map(|c| view! { <CallLink contact=c/> })}
                <SourceNote id=s.source/>
            </section>
        })}
    }
}
