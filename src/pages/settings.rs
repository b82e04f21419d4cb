//! Settings: text size, theme, the discreet look, how long a check stays saved, what Quick exit does (and does not do), and
//! erasing everything the app stored on this device. Settings are saved as they change.

use crate::components::RadioGroup;
use crate::core::checker::Answers;
use crate::core::settings::{hours_label, Look, Settings, Theme, EXPIRY_HOURS, TEXT_SCALES};
use crate::state::app_state;
use crate::storage;
use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let device = app_state();
    let answers = device.check;
    // What happened to the last change, for the status line (empty until something changes).
    let status = RwSignal::new(String::new());
    let change = move |f: &dyn Fn(&mut Settings)| {
        // The change goes onto what is stored now: another tab may have changed the other settings.
        let mut s = storage::fresh_settings(device.settings.get_untracked());
        f(&mut s);
        device.settings.set(s);
        status.set(match storage::save_settings(&s) {
            Ok(()) => "Saved on this device.".into(),
            Err(e) => format!("{} This setting applies until the app is closed.", e.notice()),
        });
    };

    let confirming = RwSignal::new(false);
    let erased = RwSignal::new(None::<String>);
    let erased_ref = NodeRef::<leptos::html::P>::new();
    let confirm_ref = NodeRef::<leptos::html::Button>::new();
    let erase = move |_| {
        let outcome = storage::erase_all();
        storage::announce_erased();
        device.settings.set(Settings::default());
        device.numbers.set(Vec::new());
        answers.set(Answers::default());
        confirming.set(false);
        erased.set(Some(match outcome {
            Ok(_) => "Erased. Your settings, your numbers and any saved check are gone from this device.".into(),
            Err(e) => format!("{} Nothing was stored, so there is nothing to erase.", e.notice()),
        }));
        // The confirmation button is gone: put focus on the outcome so it is read out.
        request_animation_frame(move || {
            if let Some(p) = erased_ref.get_untracked() {
                let _ = p.focus();
            }
        });
    };

    view! {
        <h1>"Settings"</h1>
        <p class="lead">"Saved on this device only."</p>
        <p class="status settings-status" role="status" aria-live="polite">{move || status.get()}</p>

        <RadioGroup name="text-scale" legend="Text size" hint=Some("On top of your browser's text size.")
            options=TEXT_SCALES.into_iter().map(|pct| (pct, pct.to_string(), format!("{pct}%"))).collect()
            get=move || device.settings.get().text_scale
            set=move |pct| change(&|s: &mut Settings| s.text_scale = pct)/>

        <RadioGroup name="theme" legend="Colors"
            options=Theme::ALL.into_iter().map(|t| (t, t.id().to_string(), t.label().to_string())).collect()
            get=move || device.settings.get().theme
            set=move |theme| change(&|s: &mut Settings| s.theme = theme)/>

        <RadioGroup name="look" legend="Discreet look" id="look"
            hint=Some(concat!(
                "For when the phone may be seen: the name you choose here in the header and the tab, a gray header ",
                "that does not turn the phone's status bar red, and the checker's questions as ",
                "\u{201c}Question 1\u{201d} until you tap them."
            ))
            options=Look::ALL.into_iter().map(|l| (l, l.id().to_string(), l.label().to_string())).collect()
            get=move || device.settings.get().look
            set=move |look| change(&|s: &mut Settings| s.look = look)/>
        <p class="hint">
            <strong>"What it cannot hide: "</strong>
            "the name under the icon of an installed app, its shortcuts (a long press on the icon) and the "
            "name and color shown while it starts; the call bar's NCMEC and 911 buttons and Exit, on "
            "every screen; your browser's history and open tabs, which list the app's address and "
            "screens; the screens' own headings, signs and results."
        </p>

        <RadioGroup name="expiry" legend="Keep a check in progress on this device for"
            hint=Some(concat!(
                "Your answers are saved as you tap, so they are still there after a call or if the phone ",
                "closes the app. They hold no names. After this time they are deleted."
            ))
            options=EXPIRY_HOURS.into_iter().map(|h| (h, h.to_string(), hours_label(h).to_string())).collect()
            get=move || device.settings.get().expiry_hours
            set=move |h| change(&|s: &mut Settings| s.expiry_hours = h)/>

        <section aria-labelledby="exit-h">
            <h2 id="exit-h">"Quick exit"</h2>
            <p>
                "\u{201c}Exit this page\u{201d} at the top of every screen, or the Escape key pressed three "
                "times quickly, replaces this app with a blank page at once and deletes the check in progress."
            </p>
            <p>
                "Every other open tab or window of this app goes blank too. It also empties the clipboard, "
                "so a copied summary is not left there to paste."
            </p>
            <p>"The Back button then shows the blank page again, not the app."</p>
            <p>
                <strong>"What it cannot do: "</strong>
                "it does not erase your browser's history. The app's address may still be listed there. "
                "It cannot clear a clipboard history kept by your phone's keyboard or system, or a summary "
                "you already pasted somewhere. Your saved numbers and settings stay on the device."
            </p>
        </section>

        <section aria-labelledby="erase-h" class="erase">
            <h2 id="erase-h">"Erase everything"</h2>
            <p>
                "Deletes everything this app stored on this device: settings, your numbers and any saved check. "
                "The app itself stays, so it still works offline."
            </p>
            <Show when=move || !confirming.get()
                fallback=move || view! {
                    <div class="confirm" role="group" aria-labelledby="confirm-q">
                        <p id="confirm-q"><strong>"Erase everything this app stored on this device? This cannot be undone."</strong></p>
                        <div class="stack">
                            <button type="button" class="button danger" node_ref=confirm_ref on:click=erase>
                                "Yes, erase everything"
                            </button>
                            <button type="button" class="button" on:click=move |_| confirming.set(false)>
                                "No, keep it"
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
                    "Erase everything this app stored on this device"
                </button>
            </Show>
            <p class="erased" tabindex="-1" node_ref=erased_ref>{move || erased.get()}</p>
        </section>
    }
}
