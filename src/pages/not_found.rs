//! Any URL the app does not know: say so, and offer the way on. The call bar stays.

use crate::router::{self, Link, Screen};
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let ui = router::ui();
    view! {
        <h1>{ui.screens_not_found}</h1>
        <p>{ui.not_found_text}</p>
        <div class="stack">
            <Link to=Screen::Home exact=true class="button primary">{ui.not_found_home}</Link>
            <Link to=Screen::Check class="button">{ui.screens_check}</Link>
        </div>
    }
}
