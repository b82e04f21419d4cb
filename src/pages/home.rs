//! Home: what the app is for, the most important actions first.

use crate::app::{CallLink, SourceNote};
use crate::content;
use crate::nav::Link;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let about = content::section("about-this-app");
    view! {
        <h1>"Red flags"</h1>
        <p class="lead">"The signs of child sex trafficking, and what to do. An independent pocket guide built on NCMEC's guide for child welfare."</p>
        <div class="stack">
            <Link to="/check" class="button primary">"Check for red flags"</Link>
            <Link to="/missing" class="button">"A child is missing"</Link>
        </div>
        <ul class="cards">
            <li><Link to="/guide">"The guide, in short"</Link><p>"Who is at risk, the signs, prevention, after a run."</p></li>
            <li><Link to="/glossary">"Glossary"</Link><p>"The guide's and the law's terms."</p></li>
            <li><Link to="/sources">"Sources"</Link><p>"Where every fact comes from."</p></li>
            <li><Link to="/card">"Wallet card"</Link><p>"The signs and the numbers, printed to leave behind."</p></li>
            <li><Link to="/share">"Share this app"</Link><p>"A QR code for another phone, and how to install."</p></li>
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
