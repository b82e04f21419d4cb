//! Check: the red-flag checker. Whether the youth is in danger or missing now and how old they are first,
//! then the guide's signs and vulnerabilities, then a return from a run and the case the law settles, and
//! next steps that update as they are tapped. The logic is `crate::core::checker::assess`; this file only shows it, in
//! the language read.

use crate::components::{AgencyNumber, CallLink, CopyText, NumberSafe, RadioGroup, SourceNote, TermLinks};
use crate::content::{self, Trigger};
use crate::core::checker::{assess, Age, AgeNow, Answer, Answers, Assessment, Headline};
use crate::core::summary::{age_now_text, age_text, answer_text, case_note, APP_ADVICE};
use crate::router::{self, Link, Screen};
use crate::state::{app_state, AppState, SaveStatus};
use leptos::prelude::*;

/// A question's options: each value with its form value and its label in the language read. The form
/// value is the English label in every language, so a value means the same on either screen.
fn options<T: Copy>(values: &[T], text: impl Fn(&content::Ui, T) -> &'static str) -> Vec<(T, String, String)> {
    let ui = router::ui();
    values
        .iter()
        .map(|v| (*v, text(&content::UI, *v).to_string(), text(ui, *v).to_string()))
        .collect()
}

#[component]
pub fn CheckPage() -> impl IntoView {
    let (ui, content) = (router::ui(), router::content());
    let state = app_state();
    let answers = state.check;
    let assessment = Memo::new(move |_| assess(content, &answers.get()));
    // A youth who may be in danger or missing: the result comes up right under the urgent questions.
    let urgent = move || assessment.read().headline.is_urgent();
    let yes_no_not_sure = || options(&[Answer::Yes, Answer::No, Answer::NotSure], answer_text);
    let ages_now = options(
        &[AgeNow::Under18, AgeNow::From18To20, AgeNow::From21, AgeNow::NotSure],
        age_now_text,
    );
    let ages_then = options(&[Age::Under18, Age::Adult, Age::NotSure], age_text);
    view! {
        <crate::components::ScreenTitle title=ui.screens_check neutral=ui.look_check_title/>
        <p class="lead">{ui.check_lead}</p>

        // The three answers that decide the urgent steps (danger, missing, the age now), then the guide's
        // signs, one flick below, then what refines the result: a return from a run, an
        // exchange and the age then. A youth in danger or missing: the result comes right under the
        // urgent questions; any other result, right under the last question, where it was answered.
        <Question n=1 id="danger-now" options=yes_no_not_sure() get=move || answers.get().danger_now
            set=move |v| state.change_check(|a| a.danger_now = v)/>
        <Question n=2 id="missing-now" options=yes_no_not_sure() get=move || answers.get().missing_now
            set=move |v| state.change_check(|a| a.missing_now = v)/>
        <Question n=3 id="age" options=ages_now get=move || answers.get().age_now
            set=move |v| state.change_check(|a| a.age_now = v)/>

        // The result's live region: one element for the life of the screen, above both places the result
        // can stand, whose text changes with the answers. A region that arrives with new content (the
        // result moving up when it turns urgent) is mostly not read out (WCAG 4.1.3).
        <p class="vh" id="result-live" role="status" aria-live="polite">{move || live_text(&assessment.read())}</p>

        <Show when=urgent>
            <Result answers=answers assessment=assessment/>
        </Show>

        <section aria-labelledby="signs-h" class="signs">
            <h2 id="signs-h">{ui.check_signs_heading}</h2>
            <p>{ui.check_signs_intro}</p>
            {content.sign_groups.iter().map(|g| view! {
                <fieldset class="group" class:background=g.background>
                    <legend>{g.title}</legend>
                    {content.signs.iter().enumerate().filter(|(_, s)| s.group == g.id).map(|(i, s)| view! {
                        <SignToggle index=i sign=s state=state/>
                    }).collect_view()}
                </fieldset>
            }).collect_view()}
            <SourceNote id="guide"/>
        </section>

        <Question n=4 id="returned" options=options(&[Answer::Yes, Answer::No], answer_text) get=move || answers.get().returned
            set=move |v| state.change_check(|a| a.returned = v)/>
        <Question n=5 id="exchange" options=yes_no_not_sure() get=move || answers.get().exchange
            set=move |v| state.change_check(|a| a.exchange = v)/>
        <Question n=6 id="age-then" options=ages_then get=move || answers.get().age_then
            set=move |v| state.change_check(|a| a.age_then = v)/>

        <Show when=move || !urgent()>
            <Result answers=answers assessment=assessment/>
        </Show>

        <Reset state=state/>
        // Last on the screen: the notice appears with the first tap and must move nothing under the thumb.
        <SavedNotice answers=answers/>
        <LiveSummary assessment=assessment/>
    }
}

/// What the live region reads when the result changes: the headline and, where it applies, the legal
/// rule (a youth under 18 in a commercial sex act is a victim). Nothing before the app runs: the taps
/// are not read yet.
fn live_text(a: &Assessment) -> String {
    // Nothing to say before the app runs or before any answer: the region starts empty, as the
    // prerendered page has it, and speaks when an answer changes the result.
    if !app_state().on_device || a.headline == Headline::Nothing {
        return String::new();
    }
    let content = router::content();
    let mut text = a.headline.text(content).to_string();
    for rule in a.actions.iter().filter(|action| action.id.starts_with("legal-rule")) {
        text.push(' ');
        text.push_str(rule.text);
    }
    text
}

/// "Reset: clear every answer", asked for once more before it erases; then a status says it is done.
/// Focus goes to the confirmation, back to Reset on "No", and to the status on "Yes", never to `<body>`.
#[component]
fn Reset(state: AppState) -> impl IntoView {
    let ui = router::ui();
    let answers = state.check;
    let confirming = RwSignal::new(false);
    let done = RwSignal::new(false);
    let clear = move |_| {
        state.change_check(|a| *a = Answers::default());
        confirming.set(false);
        done.set(true);
        router::focus_when_drawn("#reset-status".into());
    };
    view! {
        <Show when=move || !confirming.get()
            fallback=move || view! {
                <div class="confirm" role="group" aria-labelledby="reset-q">
                    <p id="reset-q"><strong>{ui.check_reset_confirm}</strong></p>
                    <div class="stack">
                        <button type="button" class="button danger" id="reset-yes" on:click=clear>{ui.check_reset_yes}</button>
                        <button type="button" class="button" id="reset-keep"
                            on:click=move |_| {
                                confirming.set(false);
                                router::focus_when_drawn("#reset-start".into());
                            }>
                            {ui.check_reset_keep}
                        </button>
                    </div>
                </div>
            }>
            <button type="button" class="button reset" id="reset-start"
                on:click=move |_| {
                    done.set(false);
                    confirming.set(true);
                    router::focus_when_drawn("#reset-yes".into());
                }
                disabled=move || answers.get().is_blank()>
                {ui.check_reset}
            </button>
        </Show>
        <p class="status reset-status" id="reset-status" tabindex="-1">{move || done.get().then_some(ui.check_reset_done)}</p>
    }
}

/// One line always in view while checking, just above the call bar: how many signs are noted and a link
/// to the next steps; once the youth may be in danger or missing now (yes, or not sure), the call to 911
/// itself.
#[component]
fn LiveSummary(assessment: Memo<Assessment>) -> impl IntoView {
    let urgent_now = move || assessment.read().headline.is_urgent();
    let ui = router::ui();
    let emergency = router::content().emergency();
    // Before the app runs, ticks are not read yet: the bar counts nothing rather than say "None noted".
    let on_device = app_state().on_device;
    view! {
        <div class="live-summary" data-live-summary="" data-device="">
            {move || if urgent_now() {
                view! {
                    <a class="live-911" href=emergency.tel() aria-label=ui.check_call_now_label(emergency.shown_as)>
                        {ui.check_call_now(emergency.shown_as)}
                    </a>
                }.into_any()
            } else {
                let a = assessment.read();
                let noted = match a.signs_noted + a.vulnerabilities_noted {
                    _ if !on_device => None,
                    0 => Some(ui.check_live_none.to_string()),
                    n => Some(ui.check_live_noted(n)),
                };
                view! {
                    <Link to=Screen::Check fragment="result-h"><span>{noted.map(|n| view! { {n}" \u{b7} " })}<span class="live-next">{ui.check_live_next}</span><span class="live-short">{ui.check_live_result}</span>" \u{2193}"</span></Link>
                }.into_any()
            }}
        </div>
    }
}

/// One of the checker's questions (its words from `content/checker.toml`, in the language read), each
/// answer a large radio button.
#[component]
fn Question<T>(
    /// Its place, for the discreet look's neutral label ("Question 1").
    n: u8,
    id: &'static str,
    /// Each value with its form value and label.
    options: Vec<(T, String, String)>,
    get: impl Fn() -> T + Copy + Send + Sync + 'static,
    set: impl Fn(T) + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    T: PartialEq + Copy + Send + Sync + 'static,
{
    let Some(q) = router::content().question(id) else {
        return ().into_any();
    };
    let neutral = router::ui().check_question_n(&n.to_string());
    view! {
        <RadioGroup name=id legend=q.text id=format!("q-{id}") hint=q.hint neutral options get set/>
    }
    .into_any()
}

/// A sign as its label to tick, and "More" beside it: what it means and, where the guide says, why it
/// matters.
#[component]
fn SignToggle(index: usize, sign: &'static content::Sign, state: AppState) -> impl IntoView {
    let answers = state.check;
    let input_id = format!("sign-{}", sign.id);
    let ui = router::ui();
    view! {
        <div class="sign">
            <label class="toggle">
                <input type="checkbox" id=input_id
                    prop:checked=move || answers.get().signs.contains(index)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        state.change_check(|a| a.signs = a.signs.with(index, on));
                    }/>
                <span class="toggle-label">{sign.label}</span>
            </label>
            // Named by what it tells about ("More: Physical abuse", the visible word first), as one
            // string: spans gave "More : …"; the group it opens is named by the sign too.
            <details class="why" aria-label=sign.label>
                <summary aria-label=ui.check_more_about(sign.label)>{ui.check_more}</summary>
                <div class="more">
                    <p>{sign.detail}</p>
                    {sign.why.map(|why| view! { <p><strong>{ui.check_why}</strong>{why}</p> })}
                </div>
            </details>
        </div>
    }
}

/// "3 signs and 1 vulnerability noted." — counted apart, never a score.
fn noted_text(ui: &content::Ui, a: &Assessment) -> String {
    match (a.signs_noted, a.vulnerabilities_noted) {
        (0, 0) => ui.check_noted_none.into(),
        (s, 0) => ui.check_noted_signs(&ui.check_signs(s)),
        (0, v) => ui.check_noted_vulnerabilities(&ui.check_vulnerabilities(v)),
        (s, v) => ui.check_noted_both(&ui.check_signs(s), &ui.check_vulnerabilities(v)),
    }
}

/// The result: 911 first always, then the headline, the steps in order, and the cautions. Prerendered
/// (before the app runs, or without WebAssembly) it gives no verdict: the taps are not read yet.
#[component]
fn Result(answers: RwSignal<Answers>, assessment: Memo<Assessment>) -> impl IntoView {
    let (ui, content) = (router::ui(), router::content());
    let emergency = content.contact("emergency");
    let steps = move || {
        // Each glossary term links to its entry where it first appears in the steps.
        let linked = StoredValue::new(Vec::new());
        let assessment = assessment.get();
        let missing = assessment.missing();
        assessment
            .actions
            .into_iter()
            .map(|action| {
                view! {
                    <li class="action" class:rule=action.id.starts_with("legal-rule") data-action=action.id>
                        <p><TermLinks text=action.text linked/></p>
                        {action.contact.and_then(|id| content.contact(id)).map(|c| view! { <CallLink contact=c/> })}
                        {action.link.and_then(|id| content.source(id)).and_then(|s| s.url.map(|url| view! {
                            <a class="web-link" href=url rel="noreferrer">{ui.check_open_website(s.title)}</a>
                        }))}
                        {action.my_numbers.then(|| view! { <AgencyNumber id=action.id missing/> })}
                        {action.page.map(|page| view! {
                            <Link to=router::screen(page) class="button">{ui.check_open_missing}</Link>
                        })}
                        <StepSource id=action.source/>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="result" aria-labelledby="result-h">
            <h2 id="result-h">{ui.check_result_heading}</h2>
            <div class="always-911">
                <p><strong>{content.headline("always-911")}</strong></p>
                {emergency.map(|c| view! { <CallLink contact=c/> })}
            </div>
            {if !app_state().on_device { view! { <Pending/> }.into_any() } else { view! {
                <div class="live-result" data-result="live">
                    // Read out by the screen's live region (`#result-live`), which stays while this moves.
                    <p class="headline" class:urgent=move || assessment.read().headline.is_urgent()>
                        <strong>{move || assessment.read().headline.text(content)}</strong>
                    </p>
                    <p class="status">{move || noted_text(ui, &assessment.read())}</p>
                    <NotedList answers=answers/>
                    // The case note within reach of the result's first screen: it holds the steps and the
                    // cautions below.
                    <CopySummary answers=answers/>
                    // One short caution above the steps; the full cautions close the result.
                    <div class="caution caution-line"><p>{content.headline("caution-line")}</p><SourceNote id="about-app"/></div>
                    <ol class="actions">{steps}</ol>
                    // The cautions close every result (shared/PROTOCOL.md).
                    <Cautions/>
                </div>
            }.into_any() }}
        </section>
    }
}

/// Which signs and vulnerabilities were ticked, by name, in the list's order.
#[component]
fn NotedList(answers: RwSignal<Answers>) -> impl IntoView {
    let content = router::content();
    move || {
        let signs = answers.with(|a| a.signs);
        let noted: Vec<_> = content
            .sign_groups
            .iter()
            .flat_map(|g| {
                content
                    .signs
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
            {router::content().cautions.iter().map(|c| view! {
                <div class="caution"><p>{c.text}</p><SourceNote id=c.source/></div>
            }).collect_view()}
        </div>
    }
}

/// The result before the app runs: no verdict (the taps are not read yet), what to do now whatever the
/// answers, and every step the checker can give.
#[component]
fn Pending() -> impl IntoView {
    let (ui, content) = (router::ui(), router::content());
    // Row by row, as a result shows them: the most urgent first, each step once.
    let mut all: Vec<&'static content::Action> = Vec::new();
    for row in Trigger::ROWS.iter().filter(|r| **r != Trigger::NothingNoted) {
        for a in content.actions.iter().filter(|a| a.when.contains(row)) {
            if !all.iter().any(|b| b.id == a.id) {
                all.push(a);
            }
        }
    }
    // The first step that says to tell the agency carries the agency's calls, in the agency edition.
    let agency_step = all.iter().find(|a| a.my_numbers).map(|a| a.id);
    view! {
        <div class="pending-result" data-result="pending">
            <p class="headline" role="status"><strong>{content.headline("pending")}</strong></p>
            <p><NumberSafe text=content.headline("pending-now")/></p>
            <p>{ui.check_all_steps}</p>
            <ul class="actions all-steps">
                {all.into_iter().map(|a| view! {
                    <li class="action" data-step=a.id>
                        <p><NumberSafe text=a.text/></p>
                        {(Some(a.id) == agency_step).then(pending_calls)}
                        <StepSource id=a.source/>
                    </li>
                }).collect_view()}
            </ul>
            <Cautions/>
        </div>
    }
}

/// The agency edition: the agency's numbers, each a one-tap call with its purpose, in the agency's
/// order (no answer is read yet, so no situation orders them), in the steps shown before the app runs.
#[cfg(agency)]
fn pending_calls() -> impl IntoView {
    view! { <div class="agency-number" data-for="pending"><crate::components::agency::AgencyCalls/></div> }
}

/// The general edition has no agency numbers to show before the app runs (the user's own are on the
/// device, read once it runs).
#[cfg(not(agency))]
fn pending_calls() -> impl IntoView {}

/// Where a step comes from: its source, or, for the app's own advice, that it is the app's.
#[component]
fn StepSource(id: &'static str) -> impl IntoView {
    if id == APP_ADVICE {
        view! { <p class="source-note" data-app-advice="">{router::ui().check_app_advice}</p> }.into_any()
    } else {
        view! { <SourceNote id/> }.into_any()
    }
}

/// Where the answers are: "Saved on this device until 03:40", or, only when saving is impossible, a
/// short notice that says checking and calling still work.
#[component]
fn SavedNotice(answers: RwSignal<Answers>) -> impl IntoView {
    let state = app_state();
    let ui = router::ui();
    move || match state.save.get() {
        SaveStatus::Saved { saved_at_ms } if !answers.with(Answers::is_blank) => {
            let until = crate::clock::until_text(
                ui,
                state.settings.get().check_expires_at_ms(saved_at_ms),
                crate::clock::now_ms(),
            );
            view! {
                <p class="saved-note" data-saved="saved">
                    {ui.check_saved_until(&until)}
                    <Link to=Screen::Settings>{ui.check_change_how_long}</Link>
                </p>
            }
            .into_any()
        }
        SaveStatus::Failed(e) => view! {
            <p class="saved-note warn" data-saved="failed" role="status">
                {e.notice(ui)}
                {ui.check_not_saved}
            </p>
        }
        .into_any(),
        _ => ().into_any(),
    }
}

/// "Copy summary": the case-note text, copied (or shown to copy by hand).
#[component]
fn CopySummary(answers: RwSignal<Answers>) -> impl IntoView {
    let (ui, content) = (router::ui(), router::content());
    let note = move || {
        let at = crate::clock::local_time(crate::clock::now_ms());
        case_note(ui, content, &answers.get_untracked(), &at)
    };
    view! {
        <div class="copy-summary">
            <CopyText button_id="copy-summary" button=ui.check_copy hint=ui.check_copy_hint
                copied_note=ui.check_copied failed_note=ui.check_copy_failed
                text_id="summary-text" rows="14" text=note/>
        </div>
    }
}
