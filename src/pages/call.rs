//! Call: every line, with when to call it. 911 first when a child is missing or in danger now.

use crate::components::{AgencyGroup, CallLink, EnglishNames, MyNumberLink, SourceNote};
use crate::content;
use crate::core::phone::{self, EntryErrors, ListError, MyNumber, MAX_LABEL, MAX_NUMBERS};
use crate::router::{self, Link, Screen};
use crate::state::app_state;
use leptos::prelude::*;

#[component]
pub fn CallPage() -> impl IntoView {
    let ui = router::ui();
    let contacts = router::content().contacts;
    // 911 first: it is the first call when a child is missing or in danger now.
    // Picked in three passes rather than sorted: the standard library's sort would add kilobytes to the WASM.
    let rank = |c: &content::Contact| match c.id {
        "emergency" => 0,
        "ncmec" => 1,
        _ => 2,
    };
    let ordered: Vec<&'static content::Contact> = (0..3)
        .flat_map(|r| contacts.iter().filter(move |c| rank(c) == r))
        .collect();
    // A full name is English in every language: marked so for a screen reader reading Spanish.
    let full_name_lang = (router::location().lang() != content::Lang::En).then_some("en");
    view! {
        <h1>{ui.screens_call}</h1>
        <p class="lead">{ui.call_lead}</p>
        <SourceNote id="guide"/>
        <p><Link to=Screen::Missing class="button">{ui.call_missing_link}</Link></p>
        // The agency edition's group, above the national lines (nothing in the general edition).
        <AgencyGroup/>
        <ul class="contacts">
            {ordered.into_iter().map(|c| view! {
                <li class="contact">
                    <h2><EnglishNames text=c.name en=crate::content::EN.contact(c.id).map_or("", |e| e.name)/></h2>
                    {c.full_name.map(|f| view! { <p class="full-name" lang=full_name_lang>{f}</p> })}
                    <p>{c.when}</p>
                    {c.not_for_reports.then(|| view! { <p class="note"><strong>{ui.call_not_reporting}</strong></p> })}
                    <CallLink contact=c/>
                    <SourceNote id=c.source/>
                </li>
            }).collect_view()}
        </ul>
        <p>{ui.call_state_numbers}</p>
        <SourceNote id="childhelp"/>
        <MyNumbers/>
    }
}

/// The user's own numbers (state hotline, supervisor, agency on-call): large call links, editable and
/// deletable, saved on this device only. Whatever was typed stays in the form when it is refused. The
/// list edits and their checks are `core::phone` ([`phone::put`], [`phone::remove`]); saving onto the list
/// as stored now is the state's ([`crate::state::AppState::change_numbers`]): this view wires signals.
#[component]
fn MyNumbers() -> impl IntoView {
    let ui = router::ui();
    let state = app_state();
    let numbers = state.numbers;
    let label = RwSignal::new(String::new());
    let number = RwSignal::new(String::new());
    let errors = RwSignal::new(EntryErrors::default());
    let form_error = RwSignal::new(None::<String>);
    // The entry being changed (not its place in the list: another tab may add or delete meanwhile).
    let editing = RwSignal::new(None::<MyNumber>);
    let deleting = RwSignal::new(None::<usize>);
    let status = RwSignal::new(String::new());
    let label_ref = NodeRef::<leptos::html::Input>::new();
    let number_ref = NodeRef::<leptos::html::Input>::new();
    let heading_ref = NodeRef::<leptos::html::H2>::new();

    // The stored list could not be read (cleared) or is a newer version's: said above the list.
    let note = RwSignal::new(state.numbers_note());
    let saved = move |(done, saved): (String, Result<(), crate::state::StorageError>)| {
        note.set(state.numbers_note());
        status.set(match saved {
            Ok(()) => done,
            Err(e) => ui.my_numbers_save_failed(&done, e.notice(ui)),
        });
    };
    let clear_form = move || {
        label.set(String::new());
        number.set(String::new());
        errors.set(EntryErrors::default());
        form_error.set(None);
        editing.set(None);
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form_error.set(None);
        let entry = MyNumber::new(ui, &label.get_untracked(), &number.get_untracked());
        let put = state.change_numbers(|list| {
            let at = phone::put(list, editing.get_untracked().as_ref(), entry)?;
            Ok(ui.my_numbers_saved(&list[at].label, &list[at].shown_as()))
        });
        match put {
            Err(ListError::Full) => form_error.set(Some(ui.my_numbers_too_many(&MAX_NUMBERS.to_string()))),
            Err(ListError::Entry(e)) => {
                // Focus the first field to fix; what was typed stays where it was.
                let first_bad = if e.label.is_some() {
                    label_ref.get_untracked()
                } else {
                    number_ref.get_untracked()
                };
                errors.set(e);
                if let Some(input) = first_bad {
                    let _ = input.focus();
                }
            }
            Ok(outcome) => {
                saved(outcome);
                clear_form();
            }
        }
    };
    let start_edit = move |i: usize| {
        if let Some(n) = numbers.get_untracked().get(i) {
            label.set(n.label.clone());
            number.set(n.shown_as());
            errors.set(EntryErrors::default());
            form_error.set(None);
            editing.set(Some(n.clone()));
            deleting.set(None);
            if let Some(input) = label_ref.get_untracked() {
                let _ = input.focus();
            }
        }
    };
    let delete = move |i: usize| {
        if let Some(gone) = numbers.get_untracked().get(i).cloned() {
            let removed = state.change_numbers(|list| {
                phone::remove(list, &gone);
                Ok::<_, std::convert::Infallible>(ui.my_numbers_deleted(&gone.label))
            });
            deleting.set(None);
            if editing.get_untracked().as_ref() == Some(&gone) {
                clear_form();
            }
            let Ok(outcome) = removed;
            saved(outcome);
            if let Some(h) = heading_ref.get_untracked() {
                let _ = h.focus();
            }
        }
    };

    let described = |hint: &'static str, error: &'static str, bad: bool| {
        if bad {
            format!("{hint} {error}")
        } else {
            hint.to_string()
        }
    };

    view! {
        <section class="my-numbers" aria-labelledby="my-numbers-h">
            <h2 id="my-numbers-h" tabindex="-1" node_ref=heading_ref>{ui.my_numbers_heading}</h2>
            <p>{ui.my_numbers_intro}</p>
            {move || note.get().map(|n| view! {
                <p class="saved-note warn" data-numbers-note="" role="status">{n.text(ui)}</p>
            })}
            <p class="copy-status" role="status" aria-live="polite">{move || status.get()}</p>
            <ul class="contacts my-number-list">
                {move || numbers.get().into_iter().enumerate().map(|(i, n)| {
                    let name = n.label.clone();
                    let name2 = n.label.clone();
                    let dial = n.dial.clone();
                    view! {
                        <li class="contact my-number" data-dial=dial>
                            <MyNumberLink number=n/>
                            <Show when=move || deleting.get() == Some(i)
                                fallback=move || {
                                    let name = name.clone();
                                    view! {
                                        <div class="row-actions">
                                            <button type="button" class="button small" data-edit=i
                                                aria-label=ui.my_numbers_edit_label(&name)
                                                on:click=move |_| start_edit(i)>{ui.my_numbers_edit}</button>
                                            <button type="button" class="button small" data-delete=i
                                                aria-label=ui.my_numbers_delete_label(&name)
                                                on:click=move |_| {
                                                    deleting.set(Some(i));
                                                    // The confirmation takes the button's place: focus goes to it.
                                                    router::focus_when_drawn(format!("[data-delete-yes=\"{i}\"]"));
                                                }>{ui.my_numbers_delete}</button>
                                        </div>
                                    }
                                }>
                                <div class="confirm" role="group">
                                    <p><strong>{ui.my_numbers_delete_confirm(&name2)}</strong></p>
                                    <div class="row-actions">
                                        <button type="button" class="button small danger" data-delete-yes=i
                                            on:click=move |_| delete(i)>{ui.my_numbers_delete_yes}</button>
                                        <button type="button" class="button small"
                                            on:click=move |_| {
                                                deleting.set(None);
                                                router::focus_when_drawn(format!("[data-delete=\"{i}\"]"));
                                            }>{ui.my_numbers_keep}</button>
                                    </div>
                                </div>
                            </Show>
                        </li>
                    }
                }).collect_view()}
            </ul>

            <form class="my-number-form" novalidate on:submit=submit>
                <h3>{move || if editing.get().is_some() { ui.my_numbers_change_heading } else { ui.my_numbers_add_heading }}</h3>
                {move || form_error.get().map(|e| view! { <p class="field-error" id="my-form-error" role="alert">{e}</p> })}
                <div class="field" class:invalid=move || errors.get().label.is_some()>
                    <label for="my-label">{ui.my_numbers_name}</label>
                    <p class="hint" id="my-label-hint">{ui.my_numbers_name_hint}</p>
                    {move || errors.get().label.map(|e| view! { <p class="field-error" id="my-label-error">{e}</p> })}
                    <input id="my-label" type="text" autocomplete="off" maxlength=(MAX_LABEL * 2).to_string()
                        node_ref=label_ref
                        aria-invalid=move || errors.get().label.is_some().then_some("true")
                        aria-describedby=move || described("my-label-hint", "my-label-error", errors.get().label.is_some())
                        prop:value=move || label.get()
                        on:input=move |ev| label.set(event_target_value(&ev))/>
                </div>
                <div class="field" class:invalid=move || errors.get().number.is_some()>
                    <label for="my-number">{ui.my_numbers_number}</label>
                    <p class="hint" id="my-number-hint">{ui.my_numbers_number_hint}</p>
                    {move || errors.get().number.map(|e| view! { <p class="field-error" id="my-number-error">{e}</p> })}
                    <input id="my-number" type="tel" inputmode="tel" autocomplete="off"
                        node_ref=number_ref
                        aria-invalid=move || errors.get().number.is_some().then_some("true")
                        aria-describedby=move || described("my-number-hint", "my-number-error", errors.get().number.is_some())
                        prop:value=move || number.get()
                        on:input=move |ev| number.set(event_target_value(&ev))/>
                </div>
                // Before the app runs (the prerendered page, or no WebAssembly) the form cannot save: say so.
                {(!state.on_device).then(|| view! {
                    <p class="hint" data-until-app="">{ui.my_numbers_until_app}</p>
                })}
                <div class="stack">
                    <button type="submit" class="button primary" disabled=!state.on_device>
                        {move || if editing.get().is_some() { ui.my_numbers_save_changes } else { ui.my_numbers_save_number }}
                    </button>
                    <Show when=move || editing.get().is_some()>
                        <button type="button" class="button" on:click=move |_| {
                            // Back to the Edit button of the entry that was being changed (the Cancel
                            // button goes), or the list's heading if that entry is gone.
                            let at = editing.get_untracked().and_then(|old| numbers.get_untracked().iter().position(|n| *n == old));
                            clear_form();
                            router::focus_when_drawn(match at {
                                Some(i) => format!("[data-edit=\"{i}\"]"),
                                None => "#my-numbers-h".into(),
                            });
                        }>{ui.my_numbers_cancel}</button>
                    </Show>
                </div>
            </form>
        </section>
    }
}
