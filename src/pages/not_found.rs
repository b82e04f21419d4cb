//! Any URL the app does not know: say so, and offer the way on. The call bar stays.

use crate::router::{Link, Screen};
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1>"Page not found"</h1>
        <p>"This page does not exist. The link may be wrong or out of date."</p>
        <div class="stack">
            <Link to=Screen::Home exact=true class="button primary">"Go to the home screen"</Link>
            <Link to=Screen::Check class="button">"Check for red flags"</Link>
        </div>
    }
}
