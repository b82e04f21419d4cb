//! Settings: the discreet look, text size, theme, how long a check stays saved, what Quick exit does (and does not do)
//! and whether it also deletes the missing-child timeline, and
//! erasing everything the app stored on this device. Settings are saved as they change.

use crate::components::RadioGroup;
use crate::core::settings::{Look, Settings, Theme, EXPIRY_HOURS, TEXT_SCALES};
use crate::router;
use crate::state::app_state;
use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let ui = router::ui();
    let device = app_state();
    // What happened to the last change, for the status line (empty until something changes).
    let status = RwSignal::new(String::new());
    // `what`: the setting's name, so each change is announced as its own (one repeated "Saved" would be
    // read out once).
    let change = move |what: &'static str, f: &dyn Fn(&mut Settings)| {
        status.set(match device.change_settings(f) {
            Ok(()) => ui.settings_saved(what),
            Err(e) => ui.settings_save_failed(e.notice(ui)),
        });
    };

    view! {
        <h1>{ui.screens_settings}</h1>
        <p class="lead">{ui.settings_lead}</p>
        <p class="status settings-status" role="status" aria-live="polite">{move || status.get()}</p>
        // The language: this screen in the other one (the header's switch, here too). Choosing it is
        // remembered with the other settings.
        <section aria-labelledby="lang-h">
            <h2 id="lang-h">{ui.settings_language_heading}</h2>
            <p class="settings-lang">
                <a class="lang-switch" href=router::location().other_lang_href()
                    lang=router::location().lang().other().code() hreflang=router::location().lang().other().code()
                    on:click=move |_| change(ui.settings_language_heading, &|s: &mut Settings| s.lang = Some(router::location().lang().other()))>
                    {ui.app_language_switch}
                </a>
            </p>
        </section>

        <InstallSection/>

        <RadioGroup name="look" legend=ui.settings_look id="look"
            hint=Some(ui.settings_look_hint)
            options=Look::ALL.into_iter().map(|l| (l, l.id().to_string(), l.label(ui).to_string())).collect()
            get=move || device.settings.get().look
            set=move |look| change(ui.settings_look, &|s: &mut Settings| s.look = look)/>
        <p class="hint">
            <strong>{ui.settings_cannot_hide}</strong>
            {ui.settings_cannot_hide_text}
        </p>

        <RadioGroup name="text-scale" legend=ui.settings_text_size hint=Some(ui.settings_text_size_hint)
            options=TEXT_SCALES.into_iter().map(|pct| (pct, pct.to_string(), format!("{pct}%"))).collect()
            get=move || device.settings.get().text_scale
            set=move |pct| {
                change(ui.settings_text_size, &|s: &mut Settings| s.text_scale = pct);
                // The text grows or shrinks around the option just chosen: keep it in view, clear of the
                // fixed call bar (the page's scroll-padding), where the arrow keys left it.
                request_animation_frame(|| {
                    if let Some(el) = document().active_element() {
                        crate::router::scroll_nearest(&el);
                    }
                });
            }/>

        <RadioGroup name="theme" legend=ui.settings_colors
            options=Theme::ALL.into_iter().map(|t| (t, t.id().to_string(), t.label(ui).to_string())).collect()
            get=move || device.settings.get().theme
            set=move |theme| change(ui.settings_colors, &|s: &mut Settings| s.theme = theme)/>

        <RadioGroup name="expiry" legend=ui.settings_expiry
            hint=Some(ui.settings_expiry_hint)
            options=EXPIRY_HOURS.into_iter().map(|h| (h, h.to_string(), ui.settings_hours(usize::from(h)))).collect()
            get=move || device.settings.get().expiry_hours
            set=move |h| change(ui.settings_expiry_name, &|s: &mut Settings| s.expiry_hours = h)/>

        <section aria-labelledby="exit-h">
            <h2 id="exit-h">{ui.settings_exit_heading}</h2>
            // What it does with the missing-child timeline: both sentences are in the page and
            // style/main.css shows the one for the choice stored (<html data-exit>, which public/early.js
            // sets before the first paint), so the page says it rightly before the app runs, and if it never does.
            <p>
                {ui.settings_exit_text} " "
                {[true, false].into_iter().map(|exit_erases_missing| view! {
                    <span class=if exit_erases_missing { "exit-erases-missing" } else { "exit-keeps-missing" }>
                        {Settings { exit_erases_missing, ..Settings::default() }.exit_missing_text(ui)}
                    </span>
                }).collect_view()}
            </p>
            <p>{ui.settings_exit_tabs}</p>
            <p>{ui.settings_exit_back}</p>
            <p>
                <strong>{ui.settings_exit_cannot}</strong>
                {ui.settings_exit_cannot_text}
            </p>
            <RadioGroup name="exit-missing" legend=ui.settings_exit_missing id="exit-missing"
                hint=Some(ui.settings_exit_missing_hint)
                options=vec![
                    (true, "erase".to_string(), ui.settings_exit_missing_yes.to_string()),
                    (false, "keep".to_string(), ui.settings_exit_missing_no.to_string()),
                ]
                get=move || device.settings.get().exit_erases_missing
                set=move |erase| change(ui.settings_exit_missing_name, &|s: &mut Settings| s.exit_erases_missing = erase)/>
        </section>

        <EraseSection/>
    }
}

/// Installing: the browser's own dialog when it offers one (Home offers it once), and whether the app is
/// ready offline.
#[component]
fn InstallSection() -> impl IntoView {
    let ui = router::ui();
    let offered = crate::install::prompt();
    let installed = crate::install::installed();
    view! {
        <section aria-labelledby="install-h">
            <h2 id="install-h">{ui.settings_install_heading}</h2>
            <crate::components::OfflineReady/>
            <div data-device="">{move || match (installed.get(), offered.get()) {
                (true, _) => view! { <p>{ui.share_installed}</p> }.into_any(),
                (false, true) => view! {
                    <p><button type="button" class="button primary" id="settings-install"
                        on:click=move |_| crate::install::ask()>{ui.home_install}</button></p>
                }.into_any(),
                (false, false) => view! {
                    <p>{ui.settings_install_not_offered}
                        <router::Link to=router::Screen::Share fragment="install-h">{ui.settings_install_how}</router::Link>
                        {ui.settings_install_how_after}</p>
                }.into_any(),
            }}</div>
        </section>
    }
}

/// Erasing everything the app stored on this device, after a confirmation; the outcome is focused so it
/// is read out.
#[component]
fn EraseSection() -> impl IntoView {
    let ui = router::ui();
    let device = app_state();
    let confirming = RwSignal::new(false);
    let erased = RwSignal::new(None::<String>);
    let erased_ref = NodeRef::<leptos::html::P>::new();
    let confirm_ref = NodeRef::<leptos::html::Button>::new();
    let erase = move |_| {
        let outcome = device.erase_all();
        confirming.set(false);
        erased.set(Some(match outcome {
            Ok(_) => ui.settings_erased.into(),
            Err(e) => ui.settings_erase_failed(e.notice(ui)),
        }));
        // The confirmation button is gone: put focus on the outcome so it is read out.
        request_animation_frame(move || {
            if let Some(p) = erased_ref.get_untracked() {
                let _ = p.focus();
            }
        });
    };

    view! {
        <section aria-labelledby="erase-h" class="erase">
            <h2 id="erase-h">{ui.settings_erase_heading}</h2>
            <p>{ui.settings_erase_text}</p>
            <Show when=move || !confirming.get()
                fallback=move || view! {
                    <div class="confirm" role="group" aria-labelledby="confirm-q">
                        <p id="confirm-q"><strong>{ui.settings_erase_confirm}</strong></p>
                        <div class="stack">
                            <button type="button" class="button danger" node_ref=confirm_ref on:click=erase>
                                {ui.settings_erase_yes}
                            </button>
                            <button type="button" class="button" on:click=move |_| {
                                confirming.set(false);
                                crate::router::focus_when_drawn("#erase-start".into());
                            }>
                                {ui.settings_erase_keep}
                            </button>
                        </div>
                    </div>
                }>
                <button type="button" class="button" id="erase-start"
                    on:click=move |_| {
                        erased.set(None);
                        confirming.set(true);
                        request_animation_frame(move || {
                            if let Some(b) = confirm_ref.get_untracked() {
                                let _ = b.focus();
                            }
                        });
                    }>
                    {ui.settings_erase_start}
                </button>
            </Show>
            <p class="erased" tabindex="-1" node_ref=erased_ref>{move || erased.get()}</p>
        </section>
    }
}
