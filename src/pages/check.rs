//! Check: the red-flag checker. The legal question first, then the guide's signs, then next steps that
//! update as signs are tapped. The logic is `crate::core::checker::assess`; this file only shows it.

use crate::app::{CallLink, CheckState, SourceNote};
use crate::content::{self, CAUTIONS, SIGNS, SIGN_GROUPS};
use crate::core::checker::{assess, Answer, Answers};
use crate::core::summary::case_note;
use crate::device::Device;
use crate::storage::{self, SaveStatus};
use leptos::prelude::*;
use crate::nav::Link;

#[component]
pub fn CheckPage() -> impl IntoView {
    let CheckState(answers) = expect_context::<CheckState>();
    let assessment = Memo::new(move |_| assess(&answers.get()));
    let urgent = move || {
        let a = assessment.read();
        a.legal_rule || a.missing_now
    };
    view! {
        <h1>"Check for red flags"</h1>
        <p class="lead">"Tap what you have seen or know. Nothing here asks for names."</p>
        <SavedNotice answers=answers/>

        <Question id="traded" get=move || answers.get().traded
            set=move |v| answers.update(|a| a.traded = v) not_sure=true/>
        <Question id="missing-now" get=move || answers.get().missing_now
            set=move |v| answers.update(|a| a.missing_now = v) not_sure=false/>
        <Show when=move || answers.get().missing_now == Answer::Yes>
            <Question id="in-care" get=move || answers.get().in_care
                set=move |v| answers.update(|a| a.in_care = v) not_sure=false/>
        </Show>

        <Show when=urgent>
            <Result answers=answers/>
        </Show>

        <section aria-labelledby="signs-h" class="signs">
            <h2 id="signs-h">"Signs and vulnerabilities"</h2>
            <p>"From the guide's list. Tap each one that applies."</p>
            {SIGN_GROUPS.iter().map(|g| view! {
                <fieldset class="group">
                    <legend>{g.title}</legend>
                    {SIGNS.iter().enumerate().filter(|(_, s)| s.group == g.id).map(|(i, s)| view! {
                        <SignToggle index=i sign=s answers=answers/>
                    }).collect_view()}
                </fieldset>
            }).collect_view()}
            <SourceNote id="guide"/>
        </section>

        <Show when=move || !urgent()>
            <Result answers=answers/>
        </Show>

        <button type="button" class="button reset" on:click=move |_| answers.set(Answers::default())
            disabled=move || answers.get().is_blank()>
            "Reset: clear every answer"
        </button>
    }
}

/// One yes/no question as a group of large radio buttons.
#[component]
fn Question(
    id: &'static str,
    get: impl Fn() -> Answer + Copy + Send + Sync + 'static,
    set: impl Fn(Answer) + Copy + Send + Sync + 'static,
    not_sure: bool,
) -> impl IntoView {
    let Some(q) = content::question(id) else {
        return ().into_any();
    };
    let mut options = vec![(Answer::Yes, "Yes"), (Answer::No, "No")];
    if not_sure {
        options.push((Answer::NotSure, "Not sure"));
    }
    view! {
        <fieldset class="question" id=format!("q-{id}")>
            <legend>{q.text}</legend>
            {q.hint.map(|h| view! { <p class="hint">{h}</p> })}
            <div class="options">
                {options.into_iter().map(|(value, label)| view! {
                    <label class="option">
                        <input type="radio" name=id value=label
                            prop:checked=move || get() == value
                            on:change=move |_| set(value)/>
                        <span>{label}</span>
                    </label>
                }).collect_view()}
            </div>
        </fieldset>
    }
    .into_any()
}

#[component]
fn SignToggle(index: usize, sign: &'static content::Sign, answers: RwSignal<Answers>) -> impl IntoView {
    let input_id = format!("sign-{}", sign.id);
    view! {
        <div class="sign">
            <label class="toggle">
                <input type="checkbox" id=input_id
                    prop:checked=move || answers.get().signs.contains(index)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        answers.update(|a| a.signs = a.signs.with(index, on));
                    }/>
                <span class="toggle-text">
                    <span class="toggle-label">{sign.label}</span>
                    <span class="toggle-detail">{sign.detail}</span>
                </span>
            </label>
            <details class="why">
                <summary>"Why this matters"</summary>
                <p>{sign.why}</p>
            </details>
        </div>
    }
}

/// The assessment: the rule if it fired, the count, the actions in order, and the cautions, always.
#[component]
fn Result(answers: RwSignal<Answers>) -> impl IntoView {
    let assessment = Memo::new(move |_| assess(&answers.get()));
    view! {
        <section class="result" aria-labelledby="result-h">
            <h2 id="result-h">"Next steps"</h2>
            <p class="status" role="status" aria-live="polite">
                {move || {
                    let a = assessment.read();
                    let signs = match a.signs_noted {
                        0 => "No signs noted".to_string(),
                        1 => "1 sign noted".to_string(),
                        n => format!("{n} signs noted"),
                    };
                    if a.legal_rule { format!("The law settles this. {signs}.") } else { format!("{signs}.") }
                }}
            </p>
            <ol class="actions">
                {move || assessment.get().actions.into_iter().map(|action| view! {
                    <li class="action" class:rule=action.id == "legal-rule" data-action=action.id>
                        <p>{action.text}</p>
                        {action.contact.and_then(content::contact).map(|c| view! { <CallLink contact=c/> })}
                        <SourceNote id=action.source/>
                    </li>
                }).collect_view()}
            </ol>
            <CopySummary answers=answers/>
            <div class="cautions">
                {CAUTIONS.iter().map(|c| view! {
                    <div class="caution"><p>{c.text}</p><SourceNote id=c.source/></div>
                }).collect_view()}
            </div>
        </section>
    }
}

/// Where the answers are: "Saved on this device until 03:40", or, only when saving is impossible, a
/// short notice that says checking and calling still work.
#[component]
fn SavedNotice(answers: RwSignal<Answers>) -> impl IntoView {
    let device = expect_context::<Device>();
    move || match device.save.get() {
        SaveStatus::Saved { saved_at_ms } if !answers.with(Answers::is_blank) => {
            let until = storage::until_text(saved_at_ms + device.settings.get().expiry_ms(), storage::now_ms());
            view! {
                <p class="saved-note" data-saved="saved">
                    {format!("Saved on this device {until}. ")}
                    <Link to="/settings">"Change how long"</Link>
                </p>
            }
            .into_any()
        }
        SaveStatus::Failed(e) => view! {
            <p class="saved-note warn" data-saved="failed" role="status">
                {e.notice()}
                " Your answers are not saved: they go if the app closes. You can still check and call."
            </p>
        }
        .into_any(),
        _ => ().into_any(),
    }
}

/// "Copy summary": the case-note text on the clipboard, or, where the Clipboard API is missing or
/// refuses, in a read-only box, selected and ready to copy by hand.
#[component]
fn CopySummary(answers: RwSignal<Answers>) -> impl IntoView {
    let copied = RwSignal::new(false);
    let fallback = RwSignal::new(None::<String>);
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    let show_fallback = move |text: String| {
        fallback.set(Some(text));
        request_animation_frame(move || {
            if let Some(t) = textarea.get_untracked() {
                let _ = t.focus();
                t.select();
            }
        });
    };
    let copy = move |_| {
        copied.set(false);
        fallback.set(None);
        let text = case_note(&answers.get_untracked(), &storage::local_time(storage::now_ms()));
        let navigator = window().navigator();
        // `navigator.clipboard` is undefined outside secure contexts and in some browsers: calling it then
        // would throw through the WebAssembly, so look before calling.
        let has_clipboard = web_sys::js_sys::Reflect::get(&navigator, &"clipboard".into())
            .map(|c| !c.is_undefined() && !c.is_null())
            .unwrap_or(false);
        if !has_clipboard {
            show_fallback(text);
            return;
        }
        let promise = navigator.clipboard().write_text(&text);
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => copied.set(true),
                Err(_) => show_fallback(text),
            }
        });
    };
    view! {
        <div class="copy-summary">
            <button type="button" class="button" id="copy-summary" on:click=copy>
                "Copy summary for case notes"
            </button>
            <p class="hint">"Date and time, your answers, the signs and next steps. No names."</p>
            <p class="copy-status" role="status" aria-live="polite">
                {move || copied.get().then_some("Summary copied. Paste it into your case notes.")}
            </p>
            {move || fallback.get().map(|text| view! {
                <label for="summary-text" class="summary-label">
                    "Copying did not work here. The summary is selected below: copy it by hand."
                </label>
                <textarea id="summary-text" class="summary-text" readonly rows="14" node_ref=textarea
                    prop:value=text></textarea>
            })}
        </div>
    }
}
