//! Call: every line, with when to call it. 911 first when a child is missing or in danger now.

use crate::app::{CallLink, SourceNote};
use crate::content::{self, CONTACTS};
use leptos::prelude::*;

#[component]
pub fn CallPage() -> impl IntoView {
    // 911 first: it is the first call when a child is missing or in danger now.
    let mut ordered: Vec<&'static content::Contact> = CONTACTS.iter().collect();
    ordered.sort_by_key(|c| (c.id != "emergency", c.id != "ncmec"));
    view! {
        <h1>"Call"</h1>
        <p class="lead">"A child missing or in danger now: call 911 first. Then NCMEC."</p>
        <ul class="contacts">
            {ordered.into_iter().map(|c| view! {
                <li class="contact">
                    <h2>{c.name}</h2>
                    <p>{c.when}</p>
                    {c.not_for_reports.then(|| view! { <p class="note"><strong>"Not a reporting line."</strong></p> })}
                    <CallLink contact=c/>
                    <SourceNote id=c.source/>
                </li>
            }).collect_view()}
        </ul>
        <p>"State child-abuse reporting numbers differ by state and change. This app ships none. Childhelp can tell you yours."</p>
    }
}
