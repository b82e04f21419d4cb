//! Home: what the app is for, the most important actions first: "Check for red flags" and "A child is
//! missing" come right under the heading, so both are on the first screen of a small phone in either
//! language. Then, once each until dismissed, the invitation to install (when the browser offers it), and
//! whether the app is ready offline.

use crate::components::{CallLink, LookNames, OfflineReady, SourceNote};
use crate::router::{self, Link, Screen};
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let ui = router::ui();
    let content = router::content();
    let about = content.section("about-this-app");
    view! {
        // In the discreet look, the look's neutral name, as in the header and the tab title.
        <h1><LookNames name=ui.app_name/></h1>
        <div class="stack">
            // Right under the heading, so neutral in the discreet look too ("Questions").
            <Link to=Screen::Check class="button primary"><span class="name-standard">{ui.screens_check}</span><span class="name-neutral">{ui.look_check_title}</span></Link>
            <Link to=Screen::Missing class="button">{ui.screens_missing}</Link>
        </div>
        <p class="lead not-discreet">{ui.home_lead}</p>
        <OfflineReady/>
        <AgencyInvite/>
        <InstallInvite/>
        <ul class="when-to-call">
            // 911 first: a child missing or in danger now.
            {["emergency", "ncmec", "trafficking-hotline"].into_iter().filter_map(|id| content.contact(id)).map(|c| view! {
                <li><strong>{ui.home_contact_name(c.name)}</strong>{c.when}" "<SourceNote id=c.source/></li>
            }).collect_view()}
        </ul>
        // In the agency edition, its numbers: after 911 and the national lines, never before them.
        <AgencyCalls/>
        <ul class="cards">
            <li><Link to=Screen::Guide>{ui.screens_guide}</Link><p>{ui.home_guide_card}</p></li>
            <li><Link to=Screen::Glossary>{ui.screens_glossary}</Link><p>{ui.home_glossary_card}</p></li>
            <li><Link to=Screen::Sources>{ui.screens_sources}</Link><p>{ui.home_sources_card}</p></li>
            <li><Link to=Screen::Card>{ui.screens_card}</Link><p>{ui.home_card_card}</p></li>
            <li><Link to=Screen::Share>{ui.screens_share}</Link><p>{ui.home_share_card}</p></li>
        </ul>
        {about.map(|s| view! {
            <section class="about" aria-labelledby="about-h">
                <h2 id="about-h">{s.title}</h2>
                <p>{s.summary}</p>
                <ul>{s.points.iter().map(|p| view! { <li>{*p}</li> }).collect_view()}</ul>
                {content.contact("emergency").map(|c| view! { <CallLink contact=c/> })}
                <SourceNote id=s.source/>
            </section>
        })}
    }
}

/// The browser's own install dialog, offered once: shown while the browser offers to install and the
/// app is not installed, until "Install" or "Not now" (remembered with the settings).
#[component]
fn InstallInvite() -> impl IntoView {
    let ui = router::ui();
    let device = crate::state::app_state();
    let offered = crate::install::prompt();
    let installed = crate::install::installed();
    let show = move || offered.get() && !installed.get() && !device.settings.get().dismissed.install;
    let dismiss = move || {
        // Not saved (storage blocked or full): the invitation stays away until the app closes.
        let _ = device.change_settings(|s| s.dismissed.install = true);
    };
    view! {
        <Show when=show>
            // Below the agency's invitation, out of a small phone's first screen: it comes when the browser
            // offers, after the page is drawn, and moves nothing in view.
            <section class="invite" aria-label=ui.home_install data-device="">
                <p>{ui.home_install_invite}</p>
                <div class="row-actions">
                    <button type="button" class="button small primary" id="home-install"
                        on:click=move |_| { crate::install::ask(); dismiss(); }>
                        {ui.home_install}
                    </button>
                    <button type="button" class="button small" on:click=move |_| dismiss()>{ui.home_not_now}</button>
                </div>
            </section>
        </Show>
    }
}

/// Saving the agency's number before it is needed, so the steps for a child missing or in danger can
/// call it in one tap: shown until a number is saved or "Not now" (remembered with the settings). A
/// number saved here keeps the invitation in view, now with its call link.
#[cfg(not(agency))]
#[component]
fn AgencyInvite() -> impl IntoView {
    let ui = router::ui();
    let device = crate::state::app_state();
    let had_none = device.numbers.get_untracked().is_empty();
    let show = move || had_none && !device.settings.get().dismissed.agency_number;
    let dismiss = move |_| {
        // Not saved (storage blocked or full): the invitation stays away until the app closes.
        let _ = device.change_settings(|s| s.dismissed.agency_number = true);
    };
    view! {
        <Show when=show>
            <section class="invite" aria-labelledby="agency-invite-h">
                <h2 id="agency-invite-h" class="invite-h">{ui.home_agency_heading}</h2>
                <p>{ui.home_agency_invite}</p>
                <crate::components::AgencyNumber id="home-agency"/>
                <button type="button" class="button small" on:click=dismiss>{ui.home_not_now}</button>
            </section>
        </Show>
    }
}

/// The general edition has no agency numbers of its own to show after "when to call".
#[cfg(not(agency))]
#[component]
fn AgencyCalls() -> impl IntoView {}

/// The agency edition invites nothing: its numbers are built in ([`AgencyCalls`]).
#[cfg(agency)]
#[component]
fn AgencyInvite() -> impl IntoView {}

/// In the agency edition, the agency's own numbers after the "when to call" list (911 first, then the
/// national lines): one-tap calls, each saying when to call it, and where they come from. Only the
/// agency's: a number the user saved is not shown above the agency's name as its source (Call lists
/// the user's own under "Your numbers").
#[cfg(agency)]
#[component]
fn AgencyCalls() -> impl IntoView {
    view! {
        <section class="invite" aria-labelledby="agency-invite-h">
            <h2 id="agency-invite-h" class="invite-h">{router::ui().agency_heading}</h2>
            <crate::components::agency::AgencyCalls/>
            <crate::components::agency::AgencySource/>
        </section>
    }
}
