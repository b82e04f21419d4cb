//! Call links: a large `tel:` link for a contact or one of the user's own numbers, labelled for screen
//! readers with name and number, and running text whose phone numbers never break across lines. Shared
//! by the general views and the agency edition's (`super::agency`).

use crate::content;
use crate::core::phone::MyNumber;
use leptos::prelude::*;

/// Running text whose phone numbers never break across lines.
#[component]
pub fn NumberSafe(text: &'static str) -> impl IntoView {
    crate::core::text::number_runs(text)
        .into_iter()
        .map(|(piece, number)| {
            if number {
                view! { <span class="nowrap">{piece}</span> }.into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
}

/// A large `tel:` link for one contact, labelled for screen readers with name and number.
#[component]
pub fn CallLink(contact: &'static content::Contact) -> impl IntoView {
    // Where the name already says the number ("Call 911"), it is said once, not "Call 911, 911".
    if contact.call.contains(contact.shown_as) {
        return view! {
            <a class="call-link" href=contact.tel()><span class="call-link-name">{contact.call}</span></a>
        }
        .into_any();
    }
    let label = format!("{}, {}", contact.call, contact.shown_as);
    let number = view! { <NumberSafe text=contact.shown_as/> };
    call_link(contact.tel(), label, contact.call, number).into_any()
}

/// A large `tel:` link for one of the user's own numbers, labelled like [`CallLink`].
#[component]
pub fn MyNumberLink(number: MyNumber) -> impl IntoView {
    let ui = crate::router::ui();
    let (name, shown) = (ui.common_call_name(&number.label), number.shown_as());
    let label = ui.common_call_name_number(&number.label, &shown);
    call_link(number.tel(), label, name, shown)
}

/// The markup [`CallLink`] and [`MyNumberLink`] share; `label` is the accessible name, which holds the
/// visible name and number.
pub(super) fn call_link(href: String, label: String, name: impl IntoView, number: impl IntoView) -> impl IntoView {
    view! {
        <a class="call-link" href=href aria-label=label>
            // The space keeps name and number two words for assistive tech, matching the aria-label
            // (WCAG 2.5.3 Label in Name: the visible text must be part of the accessible name).
            <span class="call-link-name">{name}</span>" "
            <span class="call-link-number">{number}</span>
        </a>
    }
}
