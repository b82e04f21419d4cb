//! Check: the red-flag checker. Whether the youth is in danger or missing now first, then a return from a
//! run, age and the case the law settles, then the guide's signs and vulnerabilities, and next steps that
//! update as they are tapped. The logic is `crate::core::checker::assess`; this file only shows it.

use crate::components::{CallLink, CopyText, MyNumberLink, NumberSafe, RadioGroup, SourceNote};
use crate::content::{self, Trigger, CAUTIONS, SIGNS, SIGN_GROUPS};
use crate::core::checker::{assess, Age, Answer, Answers, Assessment};
use crate::core::summary::{age_text, case_note};
use crate::router::{self, Link, Screen};
use crate::state::app_state;
use crate::storage::SaveStatus;
use leptos::prelude::*;

const YES_NO_NOT_SURE: &[(Answer, &str)] = &[(Answer::Yes, "Yes"), (Answer::No, "No"), (Answer::NotSure, "Not sure")];
const YES_NO: &[(Answer, &str)] = &[(Answer::Yes, "Yes"), (Answer::No, "No")];

#[component]
pub fn CheckPage() -> impl IntoView {
    let answers = app_state().check;
    let assessment = Memo::new(move |_| assess(&answers.get()));
    // A child who may be in danger or missing, or the legal rule: the result comes up right under the
    // questions.
    let urgent = move || assessment.read().headline.comes_first();
    let ages: Vec<(Age, &'static str)> = [Age::Under18, Age::Adult, Age::NotSure]
        .into_iter()
        .map(|a| (a, age_text(a)))
        .collect();
    view! {
        <h1>"Check for red flags"</h1>
        <p class="lead">"Tap what you have seen or know. Nothing here asks for names."</p>

        <Question n=1 id="danger-now" options=YES_NO_NOT_SURE.to_vec() get=move || answers.get().danger_now
            set=move |v| answers.update(|a| a.danger_now = v)/>
        <Question n=2 id="missing-now" options=YES_NO_NOT_SURE.to_vec() get=move || answers.get().missing_now
            set=move |v| answers.update(|a| a.missing_now = v)/>
        <Question n=3 id="returned" options=YES_NO.to_vec() get=move || answers.get().returned
            set=move |v| answers.update(|a| a.returned = v)/>
        <Question n=4 id="age" options=ages get=move || answers.get().age
            set=move |v| answers.update(|a| a.age = v)/>
        <Question n=5 id="exchange" options=YES_NO_NOT_SURE.to_vec() get=move || answers.get().exchange
            set=move |v| answers.update(|a| a.exchange = v)/>

        <Show when=urgent>
            <Result answers=answers assessment=assessment/>
        </Show>

        <section aria-labelledby="signs-h" class="signs">
            <h2 id="signs-h">"Signs and vulnerabilities"</h2>
            <p>"From the guide's list. Tick each one that applies; \u{201c}More\u{201d} says what it means and why it matters."</p>
            {SIGN_GROUPS.iter().map(|g| view! {
                <fieldset class="group" class:background=g.background>
                    <legend>{g.title}</legend>
                    {SIGNS.iter().enumerate().filter(|(_, s)| s.group == g.id).map(|(i, s)| view! {
                        <SignToggle index=i sign=s answers=answers/>
                    }).collect_view()}
                </fieldset>
            }).collect_view()}
            <SourceNote id="guide"/>
        </section>

        <Show when=move || !urgent()>
            <Result answers=answers assessment=assessment/>
        </Show>

        <button type="button" class="button reset" on:click=move |_| answers.set(Answers::default())
            disabled=move || answers.get().is_blank()>
            "Reset: clear every answer"
        </button>
        // Last on the screen: the notice appears with the first tap and must move nothing under the thumb.
        <SavedNotice answers=answers/>
        <LiveSummary answers=answers assessment=assessment/>
    }
}

/// One line always in view while checking, just above the call bar: how many signs are noted and a link
/// to the next steps; once the youth may be in danger or missing now, the call to 911 itself.
#[component]
fn LiveSummary(answers: RwSignal<Answers>, assessment: Memo<Assessment>) -> impl IntoView {
    let urgent_now = move || answers.with(|a| a.danger_now == Answer::Yes || a.missing_now == Answer::Yes);
    let emergency = content::emergency();
    view! {
        <div class="live-summary" data-live-summary="">
            {move || if urgent_now() {
                view! {
                    <a class="live-911" href=emergency.tel() aria-label=format!("Call {} now: in danger or missing now", emergency.shown_as)>
                        {format!("Call {} now", emergency.shown_as)}
                    </a>
                }.into_any()
            } else {
                let a = assessment.read();
                let noted = match a.signs_noted + a.vulnerabilities_noted {
                    0 => "None noted".to_string(),
                    n => format!("{n} noted"),
                };
                view! {
                    <Link to=Screen::Check fragment="result-h"><span>{noted}" \u{b7} "<span class="live-next">"Next steps"</span><span class="live-short">"Result"</span>" \u{2193}"</span></Link>
                }.into_any()
            }}
        </div>
    }
}

/// One of the checker's questions (its words from `content/checker.toml`), each answer a large radio
/// button whose form value is its label.
#[component]
fn Question<T>(
    /// Its place, for the discreet look's neutral label ("Question 1").
    n: u8,
    id: &'static str,
    options: Vec<(T, &'static str)>,
    get: impl Fn() -> T + Copy + Send + Sync + 'static,
    set: impl Fn(T) + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    T: PartialEq + Copy + Send + Sync + 'static,
{
    let Some(q) = content::question(id) else {
        return ().into_any();
    };
    let options = options
        .into_iter()
        .map(|(value, label)| (value, label.to_string(), label.to_string()))
        .collect();
    view! {
        <RadioGroup name=id legend=q.text id=format!("q-{id}") hint=q.hint neutral=format!("Question {n}") options get set/>
    }
    .into_any()
}

/// A sign as its label to tick, and "More" beside it: what it means and, where the guide says, why it
/// matters.
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
                <span class="toggle-label">{sign.label}</span>
            </label>
            <details class="why">
                <summary>"More"<span class="vh">{format!(": {}", sign.label)}</span></summary>
                <div class="more">
                    <p>{sign.detail}</p>
                    {sign.why.map(|why| view! { <p><strong>"Why this matters: "</strong>{why}</p> })}
                </div>
            </details>
        </div>
    }
}

/// "3 signs and 1 vulnerability noted." — counted apart, never a score.
fn noted_text(a: &Assessment) -> String {
    let plural = |n: usize, one: &str, many: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    match (a.signs_noted, a.vulnerabilities_noted) {
        (0, 0) => "No signs or vulnerabilities noted.".into(),
        (s, 0) => format!("{} noted.", plural(s, "sign", "signs")),
        (0, v) => format!("{} noted.", plural(v, "vulnerability", "vulnerabilities")),
        (s, v) => format!(
            "{} and {} noted.",
            plural(s, "sign", "signs"),
            plural(v, "vulnerability", "vulnerabilities")
        ),
    }
}

/// The result: 911 first always, then the headline, the cautions, and the steps in order. Prerendered
/// (before the app runs, or without WebAssembly) it gives no verdict: the taps are not read yet.
#[component]
fn Result(answers: RwSignal<Answers>, assessment: Memo<Assessment>) -> impl IntoView {
    let emergency = content::contact("emergency");
    let steps = move || {
        assessment.get().actions.into_iter().map(|action| view! {
            <li class="action" class:rule=action.id.starts_with("legal-rule") data-action=action.id>
                <p><NumberSafe text=action.text/></p>
                {action.contact.and_then(content::contact).map(|c| view! { <CallLink contact=c/> })}
                {action.link.and_then(content::source).and_then(|s| s.url.map(|url| view! {
                    <a class="web-link" href=url rel="noreferrer">{format!("Open the {} (website)", s.title)}</a>
                }))}
                {action.my_numbers.then(|| view! { <AgencyNumbers/> })}
                {action.page.map(|page| view! {
                    <Link to=router::screen(page) class="button">"Open the missing-child steps and 24-hour clock"</Link>
                })}
                <SourceNote id=action.source/>
            </li>
        }).collect_view()
    };
    view! {
        <section class="result" aria-labelledby="result-h">
            <h2 id="result-h">"Next steps"</h2>
            <div class="always-911">
                <p><strong>{content::headline("always-911")}</strong></p>
                {emergency.map(|c| view! { <CallLink contact=c/> })}
            </div>
            {if !app_state().on_device { view! { <Pending/> }.into_any() } else { view! {
                <div class="live-result" data-result="live">
                    <p class="headline" class:urgent=move || assessment.read().headline.is_urgent()
                        role="status" aria-live="polite">
                        <strong>{move || assessment.read().headline.text()}</strong>
                    </p>
                    <p class="status">{move || noted_text(&assessment.read())}</p>
                    <NotedList answers=answers/>
                    <Cautions/>
                    <ol class="actions">{steps}</ol>
                    <CopySummary answers=answers/>
                </div>
            }.into_any() }}
        </section>
    }
}

/// Which signs and vulnerabilities were ticked, by name, in the list's order.
#[component]
fn NotedList(answers: RwSignal<Answers>) -> impl IntoView {
    move || {
        let signs = answers.with(|a| a.signs);
        let noted: Vec<_> = SIGN_GROUPS
            .iter()
            .flat_map(|g| {
                SIGNS
                    .iter()
                    .enumerate()
                    .filter(move |(i, s)| s.group == g.id && signs.contains(*i))
            })
            .map(|(_, s)| view! { <li>{s.label}</li> })
            .collect::<Vec<_>>();
        (!noted.is_empty()).then(|| view! { <ul class="noted-list">{noted}</ul> })
    }
}

#[component]
fn Cautions() -> impl IntoView {
    view! {
        <div class="cautions">
            {CAUTIONS.iter().map(|c| view! {
                <div class="caution"><p>{c.text}</p><SourceNote id=c.source/></div>
            }).collect_view()}
        </div>
    }
}

/// The result before the app runs: no verdict (the taps are not read yet), what to do now whatever the
/// answers, and every step the checker can give.
#[component]
fn Pending() -> impl IntoView {
    view! {
        <div class="pending-result" data-result="pending">
            <p class="headline" role="status"><strong>{content::headline("pending")}</strong></p>
            <p><NumberSafe text=content::headline("pending-now")/></p>
            <Cautions/>
            <p>"Every step this checker can suggest, most urgent first:"</p>
            <ul class="actions all-steps">
                {content::ACTIONS.iter().filter(|a| !a.when.contains(&Trigger::NothingNoted)).map(|a| view! {
                    <li class="action" data-step=a.id><p><NumberSafe text=a.text/></p><SourceNote id=a.source/></li>
                }).collect_view()}
            </ul>
        </div>
    }
}

/// The user's own supervisor or agency numbers as call links, or a way to add one.
#[component]
fn AgencyNumbers() -> impl IntoView {
    let state = app_state();
    move || {
        let numbers = state.numbers.get();
        if numbers.is_empty() {
            view! {
                <p class="hint">
                    <Link to=Screen::Call fragment="my-numbers-h">"Save your supervisor's or agency's number"</Link>
                    " for one-tap calls here."
                </p>
            }
            .into_any()
        } else {
            view! {
                <ul class="my-number-calls">
                    {numbers.into_iter().map(|number| view! { <li><MyNumberLink number/></li> }).collect_view()}
                </ul>
            }
            .into_any()
        }
    }
}

/// Where the answers are: "Saved on this device until 03:40", or, only when saving is impossible, a
/// short notice that says checking and calling still work.
#[component]
fn SavedNotice(answers: RwSignal<Answers>) -> impl IntoView {
    let state = app_state();
    move || match state.save.get() {
        SaveStatus::Saved { saved_at_ms } if !answers.with(Answers::is_blank) => {
            let until = crate::clock::until_text(
                state.settings.get().check_expires_at_ms(saved_at_ms),
                crate::clock::now_ms(),
            );
            view! {
                <p class="saved-note" data-saved="saved">
                    {format!("Saved on this device {until}. ")}
                    <Link to=Screen::Settings>"Change how long"</Link>
                </p>
            }
            .into_any()
        }
        SaveStatus::Failed(e) => view! {
            <p class="saved-note warn" data-saved="failed" role="status">
                {e.notice(crate::router::ui())}
                " Your answers are not saved: they go if the app closes. You can still check and call."
            </p>
        }
        .into_any(),
        _ => ().into_any(),
    }
}

/// "Copy summary": the case-note text, copied (or shown to copy by hand).
#[component]
fn CopySummary(answers: RwSignal<Answers>) -> impl IntoView {
    view! {
        <div class="copy-summary">
            <CopyText button_id="copy-summary" button="Copy summary for case notes"
                hint="Date and time, your answers, the signs and next steps. No names."
                copied_note="Summary copied. Paste it into your case notes."
                failed_note="Copying did not work here. The summary is selected below: copy it by hand."
                text_id="summary-text" rows="14"
                text=move || case_note(&answers.get_untracked(), &crate::clock::local_time(crate::clock::now_ms()))/>
        </div>
    }
}
