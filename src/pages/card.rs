//! The wallet card: a page that prints, on US Letter at 100%, one strip of two ID-1 cards (85.6 × 54 mm)
//! to cut out and fold in the middle: the signs on the front; the calls, the legal rule and the app's
//! address (with its QR code) on the back. On screen the same cards show as a preview at the phone's
//! width. The user's own numbers go on a third card only if they tick it (kept in this page's state).

use crate::components::{NumberSafe, SourceNote};
use crate::content::{self, SIGNS, SIGN_GROUPS};
use crate::pages::share::{app_address, QrCode};
use crate::router::{Link, Screen};
use crate::state::AppState;
use leptos::prelude::*;

/// Short headings for the card's two columns of signs (the groups' own titles are too long for it).
fn column_heading(background: bool) -> &'static str {
    if background {
        "Raises risk"
    } else {
        "May be happening now"
    }
}

/// The first sentence of a text: what fits on the card.
fn first_sentence(text: &'static str) -> &'static str {
    text.split_inclusive(". ").next().unwrap_or(text).trim()
}

/// The short names of these sources (ids from `sources.toml`), each once, in order: the card's citation.
fn source_names(ids: Vec<&'static str>) -> String {
    let mut names: Vec<&'static str> = Vec::new();
    for name in ids.into_iter().filter_map(|id| content::source(id).map(|s| s.short)) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join("; ")
}

/// The card lines for these contacts: name and number as text (paper cannot dial), in this order.
const CARD_CONTACTS: [&str; 3] = ["emergency", "ncmec", "trafficking-hotline"];

#[component]
pub fn CardPage() -> impl IntoView {
    let device = expect_context::<AppState>();
    let include_mine = RwSignal::new(false);
    let has_numbers = move || !device.numbers.read().is_empty();
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <h1>"Wallet card"</h1>
        <div class="screen-only">
            <p class="lead">"The signs and the numbers to leave behind at a visit, for a wallet: keep it where the youth will not come across it."</p>
            <p>"Print at 100% scale on US Letter paper. Cut along the dashed line, then fold in the middle: one two-sided card."</p>
            {move || if has_numbers() {
                view! {
                    <label class="toggle" for="card-mine">
                        <input type="checkbox" id="card-mine" prop:checked=move || include_mine.get()
                            on:change=move |ev| include_mine.set(event_target_checked(&ev))/>
                        <span class="toggle-text">
                            <span class="toggle-label">"Add my saved numbers"</span>
                            <span class="toggle-detail">"On a third card. Only on this printout: nothing is saved."</span>
                        </span>
                    </label>
                }.into_any()
            } else {
                view! {
                    <p class="hint">"To add your own numbers (your state's hotline, your supervisor), save them on "
                        <Link to=Screen::Call>"Call"</Link>" first."</p>
                }.into_any()
            }}
            <p><button type="button" class="button primary" id="print-card" on:click=print disabled=cfg!(feature = "ssr")>"Print"</button></p>
            {cfg!(feature = "ssr").then(|| view! {
                <p class="hint" data-until-app="">"The Print button works once the app has loaded. Your browser's own Print works now."</p>
            })}
        </div>
        <div class="sheet">
            <div class="card-strip">
                <CardFront/>
                <CardBack/>
            </div>
            {move || (include_mine.get() && has_numbers()).then(|| view! { <CardMine/> })}
        </div>
        <div class="screen-only">
            <SourceNote id="guide"/>
        </div>
    }
}

#[component]
fn CardFront() -> impl IntoView {
    let not_proof = content::CAUTIONS.iter().find(|c| c.id == "not-proof");
    // The signs' source, then the caution's.
    let mut sources: Vec<&'static str> = SIGNS.iter().map(|s| s.source).collect();
    sources.extend(not_proof.map(|c| c.source));
    let sources = source_names(sources);
    view! {
        <section class="wallet-card card-front" aria-labelledby="card-front-h">
            <p class="card-title" id="card-front-h">"Red flags of child sex trafficking"</p>
            <div class="card-cols">
                {SIGN_GROUPS.iter().map(|g| view! {
                    <div class="card-col">
                        <p class="card-h">{column_heading(g.background)}</p>
                        <ul class="card-list">
                            {SIGNS.iter().filter(|s| s.group == g.id).map(|s| view! { <li>{s.card}</li> }).collect_view()}
                        </ul>
                    </div>
                }).collect_view()}
            </div>
            <p class="card-foot">{not_proof.map(|c| first_sentence(c.text))}" Sources: "{sources}</p>
        </section>
    }
}

#[component]
fn CardBack() -> impl IntoView {
    let rule = content::section("what-it-is");
    let contacts: Vec<&'static content::Contact> = CARD_CONTACTS.iter().filter_map(|id| content::contact(id)).collect();
    let mut sources: Vec<&'static str> = contacts.iter().map(|c| c.source).collect();
    sources.extend(rule.map(|r| r.source));
    let sources = source_names(sources);
    view! {
        <section class="wallet-card card-back" aria-labelledby="card-back-h">
            <p class="card-title" id="card-back-h">"Who to call"</p>
            <div class="card-back-body">
                <ul class="card-calls">
                    {contacts.into_iter().map(|c| {
                        // 911's name is its number: its line says when to call it instead.
                        let line = if c.name.contains(c.shown_as) {
                            view! { <span class="card-call-when">{first_sentence(c.when)}</span> }.into_any()
                        } else {
                            view! { <span class="card-call-number"><NumberSafe text=c.shown_as/></span> }.into_any()
                        };
                        view! {
                            <li><span class="card-call-name">{c.name}</span>" "{line}</li>
                        }
                    }).collect_view()}
                </ul>
                <div class="card-app">
                    {match app_address() {
                        Some(address) => view! {
                            <QrCode address=address.clone() class="card-qr"/>
                            <p class="card-address" data-device="">{address}</p>
                        }.into_any(),
                        None => view! { <p class="card-qr card-qr-pending hint" data-device="">"The code appears once the app has loaded."</p> }.into_any(),
                    }}
                </div>
            </div>
            {rule.map(|r| view! { <p class="card-rule">{r.summary}</p> })}
            <p class="card-foot">"Sources: "{sources}</p>
        </section>
    }
}

/// The user's own numbers, on a card of their own.
#[component]
fn CardMine() -> impl IntoView {
    let device = expect_context::<AppState>();
    view! {
        <div class="card-strip">
            <section class="wallet-card card-mine" aria-labelledby="card-mine-h">
                <p class="card-title" id="card-mine-h">"More numbers"</p>
                <ul class="card-calls">
                    {move || device.numbers.get().into_iter().map(|n| view! {
                        <li><span class="card-call-name">{n.label.clone()}</span>" "<span class="card-call-number nowrap">{n.shown_as()}</span></li>
                    }).collect_view()}
                </ul>
            </section>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sign_is_on_the_card_under_one_of_two_headings() {
        let shown: usize = SIGN_GROUPS
            .iter()
            .map(|g| SIGNS.iter().filter(|s| s.group == g.id).count())
            .sum();
        assert_eq!(shown, SIGNS.len());
        assert_eq!(SIGN_GROUPS.len(), 2, "the card has two columns");
        assert_ne!(column_heading(true), column_heading(false));
    }

    #[test]
    fn the_cards_contacts_and_texts_are_in_the_content() {
        for id in CARD_CONTACTS {
            assert!(content::contact(id).is_some(), "{id} is not in contacts.toml");
        }
        assert!(content::section("what-it-is").is_some());
        let caution = content::CAUTIONS
            .iter()
            .find(|c| c.id == "not-proof")
            .expect("the caution");
        assert_eq!(first_sentence(caution.text), "A sign is not proof.");
        assert_eq!(
            caution.source, "about-app",
            "the card's front cites the caution's source"
        );
        assert_eq!(
            source_names(vec!["guide", "about-app", "guide", "no-such-source"]),
            "NCMEC guide; About this app"
        );
    }
}
