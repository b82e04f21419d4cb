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
    let form = Form::new();
    let Form {
        label,
        number,
        errors,
        form_error,
        editing,
        label_ref,
        number_ref,
    } = form;
    let deleting = RwSignal::new(None::<usize>);
    let status = RwSignal::new(String::new());
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
    let clear_form = move || form.fill(None);
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
            Err(ListError::Entry(e)) => form.refuse(e),
            Ok(outcome) => {
                saved(outcome);
                clear_form();
            }
        }
    };
    let start_edit = move |i: usize| {
        if let Some(n) = numbers.get_untracked().get(i) {
            form.fill(Some(n));
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

    view! {
        <section class="my-numbers" aria-labelledby="my-numbers-h">
            <h2 id="my-numbers-h" tabindex="-1" node_ref=heading_ref>{ui.my_numbers_heading}</h2>
            <p>{ui.my_numbers_intro}</p>
            {move || note.get().map(|n| view! {
                <p class="saved-note warn" data-numbers-note="" role="status">{n.text(ui)}</p>
            })}
            <p class="copy-status" role="status" aria-live="polite">{move || status.get()}</p>
            <ul class="contacts my-number-list">
                {move || numbers.get().into_iter().enumerate().map(|(i, n)| number_row(i, n, deleting, start_edit, delete)).collect_view()}
            </ul>

            <form class="my-number-form" novalidate on:submit=submit>
                <h3>{move || if editing.get().is_some() { ui.my_numbers_change_heading } else { ui.my_numbers_add_heading }}</h3>
                {move || form_error.get().map(|e| view! { <p class="field-error" id="my-form-error" role="alert">{e}</p> })}
                {entry_field(Field { id: "my-label", name: ui.my_numbers_name, hint: ui.my_numbers_name_hint, tel: false },
                    label, Signal::derive(move || errors.get().label), label_ref)}
                {entry_field(Field { id: "my-number", name: ui.my_numbers_number, hint: ui.my_numbers_number_hint, tel: true },
                    number, Signal::derive(move || errors.get().number), number_ref)}
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

/// The entry form's fields, what was refused, and the entry being changed (not its place in the list:
/// another tab may add or delete meanwhile).
#[derive(Clone, Copy)]
struct Form {
    label: RwSignal<String>,
    number: RwSignal<String>,
    errors: RwSignal<EntryErrors>,
    form_error: RwSignal<Option<String>>,
    editing: RwSignal<Option<MyNumber>>,
    label_ref: NodeRef<leptos::html::Input>,
    number_ref: NodeRef<leptos::html::Input>,
}

impl Form {
    fn new() -> Form {
        Form {
            label: RwSignal::new(String::new()),
            number: RwSignal::new(String::new()),
            errors: RwSignal::new(EntryErrors::default()),
            form_error: RwSignal::new(None),
            editing: RwSignal::new(None),
            label_ref: NodeRef::new(),
            number_ref: NodeRef::new(),
        }
    }

    /// The form emptied (`None`) or holding an entry to change, with nothing refused.
    fn fill(self, entry: Option<&MyNumber>) {
        self.label.set(entry.map(|n| n.label.clone()).unwrap_or_default());
        self.number.set(entry.map(MyNumber::shown_as).unwrap_or_default());
        self.errors.set(EntryErrors::default());
        self.form_error.set(None);
        self.editing.set(entry.cloned());
    }

    /// An entry refused: its errors shown and the first field to fix focused; what was typed stays.
    fn refuse(self, e: EntryErrors) {
        let first_bad = if e.label.is_some() {
            self.label_ref
        } else {
            self.number_ref
        };
        self.errors.set(e);
        if let Some(input) = first_bad.get_untracked() {
            let _ = input.focus();
        }
    }
}

/// One saved number: its call link, Edit and Delete (Delete asks first, in the button's place).
fn number_row(
    i: usize,
    n: MyNumber,
    deleting: RwSignal<Option<usize>>,
    start_edit: impl Fn(usize) + Copy + Send + Sync + 'static,
    delete: impl Fn(usize) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let ui = router::ui();
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
}

/// A text field of the entry form: what it is and whether it takes a phone number.
struct Field {
    id: &'static str,
    name: &'static str,
    hint: &'static str,
    tel: bool,
}

/// A labelled field with its hint and, when refused, its error: read out with the field
/// (`aria-describedby`), the field marked invalid, and what was typed kept.
fn entry_field(
    f: Field,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    node_ref: NodeRef<leptos::html::Input>,
) -> impl IntoView {
    let (hint_id, error_id) = (format!("{}-hint", f.id), format!("{}-error", f.id));
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            if error.get().is_some() {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=f.id>{f.name}</label>
            <p class="hint" id=hint_id>{f.hint}</p>
            {move || error.get().map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
            <input id=f.id type=if f.tel { "tel" } else { "text" } inputmode=f.tel.then_some("tel") autocomplete="off"
                maxlength=(!f.tel).then(|| (MAX_LABEL * 2).to_string())
                node_ref=node_ref
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
        </div>
    }
}
