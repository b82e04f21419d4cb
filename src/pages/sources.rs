//! Sources: every source the app cites, and what cites it.

use crate::content::{self, SOURCES};
use crate::nav::Link;
use leptos::prelude::*;

#[component]
pub fn SourcesPage() -> impl IntoView {
    view! {
        <h1>"Sources"</h1>
        <p class="lead">"Every fact in this app comes from one of these. Each lists what it backs."</p>
        {SOURCES.iter().map(|s| {
            let citing = content::citing(s.id);
            view! {
                <section class="source" id=s.id aria-labelledby=format!("src-{}", s.id)>
                    <h2 id=format!("src-{}", s.id)>{s.title}</h2>
                    <p class="publisher">{s.publisher}</p>
                    <p>{s.detail}</p>
                    {s.url.map(|u| view! { <p class="url">{u}</p> })}
                    <details>
                        <summary>{format!("Cited by {} item(s)", citing.len())}</summary>
                        <ul class="citing">
                            {citing.into_iter().map(|(kind, title, path)| view! {
                                <li><span class="kind">{kind} ": "</span><Link to=path.clone()>{title}</Link></li>
                            }).collect_view()}
                        </ul>
                    </details>
                </section>
            }
        }).collect_view()}
    }
}
