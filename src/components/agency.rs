//! The agency edition's view pieces (`cfg(agency)`): the agency's numbers as one-tap calls, and the
//! "Tell your agency now" step's calls: the agency's numbers first, then the user's own saved numbers.
//! Agency numbers come from the build, so nothing here edits them. Only existing classes are used: the
//! stylesheet (and with it the CSP's hash) is the same in every edition.

use super::calls::{call_link, MyNumberLink, NumberSafe};
use crate::content::agency::{Agency, AgencyLine, Situation};
use leptos::prelude::*;

/// The agency in the language read.
pub fn agency() -> &'static Agency {
    crate::router::location().lang().agency()
}

/// A call link's visible name for one of the agency's lines: "Call Lakeview CFS: Report abuse or
/// neglect, 24 hours".
pub fn line_name(agency: &Agency, line: &AgencyLine) -> String {
    crate::router::ui().common_call_name(&format!("{}: {}", agency.short_name, line.purpose))
}

/// One large `tel:` link for one of the agency's lines, labelled like [`super::calls::CallLink`].
#[component]
pub fn AgencyLineLink(line: &'static AgencyLine) -> impl IntoView {
    let agency = agency();
    let name = line_name(agency, line);
    let label = format!("{name}, {}", line.shown_as);
    call_link(line.tel(), label, name, view! { <NumberSafe text=line.shown_as/> })
}

/// The agency's numbers, each a one-tap call, in the agency's order.
#[component]
pub fn AgencyCalls() -> impl IntoView {
    view! { <ul class="my-number-calls" data-agency="">{links(agency().numbers.iter().collect())}</ul> }
}

/// Some of the agency's lines as the items of a list, each a one-tap call, in the order given.
fn links(lines: Vec<&'static AgencyLine>) -> impl IntoView {
    lines
        .into_iter()
        .map(|line| view! { <li><AgencyLineLink line/></li> })
        .collect_view()
}

/// Where the agency's numbers come from: the agency, linking its policy page when it gave one.
#[component]
pub fn AgencySource() -> impl IntoView {
    let (ui, agency) = (crate::router::ui(), agency());
    view! {
        <p class="source-note">
            {ui.common_source}{agency.full_name}
            {agency.policy.map(|url| view! { " · "<a href=url rel="noreferrer">{ui.agency_policy}</a> })}
        </p>
    }
}

/// "Tell your agency now": the agency's numbers first, then the user's own saved numbers. The lines the
/// agency file names for the situation (`missing`: a child missing now; otherwise a report of suspected
/// trafficking) come first; the agency's other lines follow under words of their own, so the lines to
/// call stand first and apart. `id` is kept so the call sites are those of the general edition.
#[component]
pub fn AgencyNumber(id: &'static str, #[prop(optional)] missing: bool) -> impl IntoView {
    let ui = crate::router::ui();
    let numbers = crate::state::app_state().numbers;
    let situation = Situation::of_step(missing);
    let (first, other) = agency().split_for(situation);
    view! {
        <div class="agency-number" data-for=id>
            <ul class="my-number-calls" data-agency="" data-agency-for=situation.id()>
                {links(first)}
            </ul>
            {(!other.is_empty()).then(|| view! {
                <p class="hint" data-agency-other-h="">{ui.agency_other}</p>
                <ul class="my-number-calls" data-agency="" data-agency-other="">
                    {links(other)}
                </ul>
            })}
            <ul class="my-number-calls">
                {move || numbers.get().into_iter().map(|number| view! { <li><MyNumberLink number/></li> }).collect_view()}
            </ul>
        </div>
    }
}

/// Call's first group: the agency, its numbers and where they come from, above the national lines.
#[component]
pub fn AgencyGroup() -> impl IntoView {
    let (ui, agency) = (crate::router::ui(), agency());
    view! {
        <section class="contact" aria-labelledby="agency-h" data-agency-group="">
            <h2 id="agency-h">{ui.agency_heading}</h2>
            <p class="full-name">{agency.full_name}{agency.state.map(|s| format!(", {s}"))}</p>
            <p>{ui.agency_intro}</p>
            <AgencyCalls/>
            <AgencySource/>
        </section>
    }
}
