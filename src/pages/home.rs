//! Home: what the app is for, the most important actions first.

use crate::app::{href, CallLink, SourceNote};
use crate::content;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let about = content::section("about-this-app");
    view! {
        <h1>"Red flags"</h1>
        <p class="lead">"The signs of child sex trafficking, and what to do. From NCMEC's guide for child welfare."</p>
        <div class="stack">
            <A href=href("/check") attr:class="button primary">"Check for red flags"</A>
            <A href=href("/guide/when-a-child-is-missing") attr:class="button">"A child is missing"</A>
        </div>
        <ul class="cards">
            <li><A href=href("/guide")>"The guide, in short"</A><p>"Who is at risk, prevention, after a run."</p></li>
            <li><A href=href("/glossary")>"Glossary"</A><p>"The guide's and the law's terms."</p></li>
            <li><A href=href("/sources")>"Sources"</A><p>"Where every fact comes from."</p></li>
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
