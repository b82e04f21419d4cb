//! Any URL the app does not know: say so, and offer the way on. The call bar stays.

use crate::app::href;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1>"Page not found"</h1>
        <p>"This page does not exist. The link may be wrong or out of date."</p>
        <div class="stack">
            <A href=href("/") exact=true attr:class="button primary">"Go to the home screen"</A>
            <A href=href("/check") attr:class="button">"Check for red flags"</A>
        </div>
    }
}
