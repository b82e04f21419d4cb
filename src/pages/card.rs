//! The wallet card: a page that prints, on US Letter at 100%, one strip of two ID-1 cards (85.6 × 54 mm)
//! to cut out and fold in the middle: the signs on the front; the calls, the legal rule and the app's
//! address (with its QR code) on the back. On screen the same cards show as a preview at the phone's
//! width. The user's own numbers go on a third card only if they tick it (kept in this page's state).

use crate::components::{NumberSafe, SourceNote};
use crate::content::{self, Content, Ui};
use crate::pages::share::{app_address, QrCode};
use crate::router::{self, Link, Screen};
use crate::state::AppState;
use leptos::prelude::*;

/// Short headings for the card's two columns of signs (the groups' own titles are too long for it).
fn column_heading(ui: &'static Ui, background: bool) -> &'static str {
    if background {
        ui.card_raises_risk
    } else {
        ui.card_happening_now
    }
}

/// The first sentence of a text: what fits on the card.
fn first_sentence(text: &'static str) -> &'static str {
    text.split_inclusive(". ").next().unwrap_or(text).trim()
}

/// The short names of these sources (ids from `sources.toml`), each once, in order: the card's citation.
fn source_names(content: &'static Content, ids: Vec<&'static str>) -> String {
    let mut names: Vec<&'static str> = Vec::new();
    for name in ids.into_iter().filter_map(|id| content.source(id).map(|s| s.short)) {
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
    let ui = router::ui();
    let include_mine = RwSignal::new(false);
    let has_numbers = move || !device.numbers.read().is_empty();
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <h1>{ui.screens_card}</h1>
        <div class="screen-only">
            <p class="lead">{ui.card_lead}</p>
            <p>{ui.card_print_how}</p>
            {move || if has_numbers() {
                view! {
                    <label class="toggle" for="card-mine">
                        <input type="checkbox" id="card-mine" prop:checked=move || include_mine.get()
                            on:change=move |ev| include_mine.set(event_target_checked(&ev))/>
                        <span class="toggle-text">
                            <span class="toggle-label">{ui.card_add_mine}</span>
                            <span class="toggle-detail">{ui.card_add_mine_detail}</span>
                        </span>
                    </label>
                }.into_any()
            } else {
                view! {
                    <p class="hint">{ui.card_save_first}
                        <Link to=Screen::Call>{ui.nav_call}</Link>{ui.card_save_first_after}</p>
                }.into_any()
            }}
            <p><button type="button" class="button primary" id="print-card" on:click=print disabled=cfg!(feature = "ssr")>{ui.card_print}</button></p>
            {cfg!(feature = "ssr").then(|| view! {
                <p class="hint" data-until-app="">{ui.card_print_until_app}</p>
            })}
        </div>
        <div class="sheet">
            <div class="card-strip">
                <CardFront/>
                <CardBack/>
            </div>
            <CardAgencyStrip/>
            {move || (include_mine.get() && has_numbers()).then(|| view! { <CardMine/> })}
        </div>
        <div class="screen-only">
            <SourceNote id="guide"/>
        </div>
    }
}

#[component]
fn CardFront() -> impl IntoView {
    let ui = router::ui();
    let content = router::content();
    let not_proof = content.cautions.iter().find(|c| c.id == "not-proof");
    // Every source of the folded card, on the front, which has the room: the signs', the caution's,
    // then the back's numbers' and rule's.
    let mut sources: Vec<&'static str> = content.signs.iter().map(|s| s.source).collect();
    sources.extend(not_proof.map(|c| c.source));
    sources.extend(
        CARD_CONTACTS
            .iter()
            .filter_map(|id| content.contact(id))
            .map(|c| c.source),
    );
    sources.extend(content.section("what-it-is").map(|r| r.source));
    let sources = source_names(content, sources);
    view! {
        <section class="wallet-card card-front" aria-labelledby="card-front-h">
            <p class="card-title" id="card-front-h">{ui.card_front_title}</p>
            <div class="card-cols">
                {content.sign_groups.iter().map(|g| view! {
                    <div class="card-col">
                        <p class="card-h">{column_heading(ui, g.background)}</p>
                        <ul class="card-list">
                            {content.signs.iter().filter(|s| s.group == g.id).map(|s| view! { <li>{s.card}</li> }).collect_view()}
                        </ul>
                    </div>
                }).collect_view()}
            </div>
            <p class="card-foot">{not_proof.map(|c| first_sentence(c.text))}" "{ui.card_sources}{sources}</p>
        </section>
    }
    // Type-erased: the card's nested views otherwise overflow the compiler's query depth (SSR build).
    .into_any()
}
#[component]
fn CardBack() -> impl IntoView {
    let ui = router::ui();
    let content = router::content();
    let rule = content.section("what-it-is");
    let contacts: Vec<&'static content::Contact> = CARD_CONTACTS.iter().filter_map(|id| content.contact(id)).collect();
    // A full name is English in every language: marked so for a screen reader reading Spanish.
    let full_name_lang = (router::location().lang() != content::Lang::En).then_some("en");
    view! {
        <section class="wallet-card card-back" aria-labelledby="card-back-h">
            <p class="card-title" id="card-back-h">{ui.card_back_title}</p>
            <div class="card-back-body">
                <div class="card-back-main">
                <ul class="card-calls">
                    {contacts.into_iter().map(|c| {
                        // 911's name is its number: its line says when to call it instead.
                        let line = if c.name.contains(c.shown_as) {
                            view! { <span class="card-call-when">{first_sentence(c.when)}</span> }.into_any()
                        } else {
                            view! { <span class="card-call-number"><NumberSafe text=c.shown_as/></span> }.into_any()
                        };
                        view! {
                            <li>
                                <span class="card-call-name">{c.name}</span>" "
                                {c.full_name.map(|f| view! { <span class="card-call-full" lang=full_name_lang>{f}</span>" " })}
                                {line}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <CardAgency/>
                </div>
                <div class="card-app">
                    {match app_address() {
                        Some(address) => view! {
                            <QrCode address=address.clone() class="card-qr"/>
                            // A line may break after a slash, not inside "es" or a word.
                            <p class="card-address" data-device="">
                                {address.split_inclusive('/').map(|part| view! { {part.to_string()}<wbr/> }).collect_view()}
                            </p>
                        }.into_any(),
                        None => view! { <p class="card-qr card-qr-pending hint" data-device="">{ui.card_qr_pending}</p> }.into_any(),
                    }}
                </div>
            </div>
            {rule.map(|r| view! { <p class="card-rule">{r.summary}</p> })}
        </section>
    }
    // Type-erased: the card's nested views otherwise overflow the compiler's query depth (SSR build).
    .into_any()
}

/// A line to write the agency's number on, under the numbers: the card is often handed on before anyone
/// saves one.
#[cfg(not(agency))]
#[component]
fn CardAgency() -> impl IntoView {
    view! {
        <p class="card-write"><span class="card-write-label">{router::ui().card_agency_line}</span><span class="card-write-blank"></span></p>
    }
}

/// The agency edition prints, where the general edition leaves a line to write a number on, the
/// agency's first number with what it is for; every number, each with its purpose, is on the agency's
/// own card ([`CardAgencyStrip`]), which has the room for four.
#[cfg(agency)]
#[component]
fn CardAgency() -> impl IntoView {
    let agency = router::location().lang().agency();
    agency.numbers.first().map(|n| {
        view! {
            <p class="card-call-full" data-agency="">
                <strong>{agency.short_name}":"</strong>" "{n.purpose}": "<span class="nowrap">{n.shown_as}</span>
            </p>
        }
    })
}

/// The agency's card (agency edition only): its full name, then each number with what it is for.
#[cfg(agency)]
#[component]
fn CardAgencyStrip() -> impl IntoView {
    let agency = router::location().lang().agency();
    let rows: Vec<(String, String)> = agency
        .numbers
        .iter()
        .map(|n| (n.purpose.to_string(), n.shown_as.to_string()))
        .collect();
    view! {
        <div class="card-strip" data-agency="">
            <NumbersCard title=agency.full_name rows=rows id="card-agency-h" class="wallet-card card-mine card-agency"/>
        </div>
    }
}

#[cfg(not(agency))]
#[component]
fn CardAgencyStrip() -> impl IntoView {}

/// A card of numbers, each a name and the number as text: the user's own, or the agency's. `id` is its
/// title's.
#[component]
fn NumbersCard(
    title: &'static str,
    rows: Vec<(String, String)>,
    id: &'static str,
    class: &'static str,
) -> impl IntoView {
    view! {
        <section class=class aria-labelledby=id>
            <p class="card-title" id=id>{title}</p>
            <ul class="card-calls">
                {rows.into_iter().map(|(name, number)| view! {
                    <li><span class="card-call-name">{name}</span>" "<span class="card-call-number nowrap">{number}</span></li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The user's own numbers, on a card of their own.
#[component]
fn CardMine() -> impl IntoView {
    let device = expect_context::<AppState>();
    view! {
        <div class="card-strip">
            {move || {
                let rows = device.numbers.get().into_iter().map(|n| { let shown = n.shown_as(); (n.label, shown) }).collect();
                view! { <NumbersCard title=router::ui().card_mine_title rows=rows id="card-mine-h" class="wallet-card card-mine"/> }
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Lang;

    #[test]
    fn every_sign_is_on_the_card_under_one_of_two_headings() {
        for lang in Lang::ALL {
            let content = lang.content();
            let shown: usize = content
                .sign_groups
                .iter()
                .map(|g| content.signs.iter().filter(|s| s.group == g.id).count())
                .sum();
            assert_eq!(shown, content.signs.len(), "{lang:?}");
            assert_eq!(content.sign_groups.len(), 2, "the card has two columns");
            assert_ne!(column_heading(lang.ui(), true), column_heading(lang.ui(), false));
        }
    }

    #[test]
    fn the_cards_contacts_and_texts_are_in_the_content_of_each_language() {
        for (lang, not_proof, sources) in [
            (Lang::En, "A sign is not proof.", "NCMEC guide; The app's own advice"),
            (
                Lang::Es,
                "Una señal no es una prueba.",
                "Guía del NCMEC; Consejo propio de la aplicación",
            ),
        ] {
            let content = lang.content();
            for id in CARD_CONTACTS {
                assert!(content.contact(id).is_some(), "{id} is not in {lang:?} contacts.toml");
            }
            assert!(content.section("what-it-is").is_some());
            let caution = content
                .cautions
                .iter()
                .find(|c| c.id == "not-proof")
                .expect("the caution");
            assert_eq!(first_sentence(caution.text), not_proof);
            assert_eq!(
                caution.source, "about-app",
                "the card's front cites the caution's source"
            );
            assert_eq!(
                source_names(content, vec!["guide", "about-app", "guide", "no-such-source"]),
                sources
            );
        }
    }

    /// 911's line on the back shows when to call it, not its number twice: its name holds the number in
    /// both languages, and the other lines' names do not.
    #[test]
    fn only_911s_name_holds_its_number_in_each_language() {
        for lang in Lang::ALL {
            let with_number: Vec<&str> = CARD_CONTACTS
                .iter()
                .filter_map(|id| lang.content().contact(id))
                .filter(|c| c.name.contains(c.shown_as))
                .map(|c| c.id)
                .collect();
            assert_eq!(with_number, ["emergency"], "{lang:?}");
        }
    }
}
