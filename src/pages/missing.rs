//! A child is missing: at the top, the clock counting up from when the user learned ("Just now", or an
//! earlier time), then the calls in order (911, the agency, NCMEC), each with a "Done" that records the
//! time, the first two "not done — do it now" until marked; after the calls, the agency's reports "due
//! immediately; at the latest by …"; what to have ready (ticks only); the timeline for the case note; and
//! closing it. Everything is saved on the device as the user goes (`red-flags:missing`, through
//! `AppState`'s episode methods), so it is still there after a call, a reload or the phone closing the tab. The time arithmetic is
//! `crate::core::missing`; the words are `content/missing.toml` and the `missing` and `clock` groups of
//! `content/ui.toml`, in the language of the route.

use crate::components::{CallLink, CopyText, NumberSafe, SourceNote};
use crate::content;
use crate::core::missing::{
    agency_reports, do_now, elapsed_text, learned_from_input, timeline, when_text, AgencyReports, Episode, LearnedError,
};
use crate::state::{app_state, AppState, StorageError};
use leptos::prelude::*;

/// The first step shown after what to have ready: the Runaway Safeline, once the calls are made.
const AFTER_THE_CALLS: &str = "runaway";

/// The device's UTC offset at an instant, as the core's time functions take it.
fn offset_at(ms: f64) -> i32 {
    crate::clock::utc_offset_min(ms)
}

/// The screen's shared state: the episode (none until something is recorded), the clock, and why the
/// last change could not be saved. Every change goes through [`EpisodeState::update`] or
/// [`EpisodeState::clear`], which save it on the device ([`AppState::save_episode`]).
#[derive(Clone, Copy)]
struct EpisodeState {
    episode: RwSignal<Option<Episode>>,
    /// Now, refreshed every few seconds and whenever the phone shows the app again.
    now: RwSignal<f64>,
    save_error: RwSignal<Option<StorageError>>,
    device: AppState,
}

impl EpisodeState {
    /// Changes the episode (starting one if there is none) at the current time.
    fn update(self, change: impl FnOnce(&mut Episode, f64)) {
        let t = crate::clock::now_ms();
        self.now.set(t);
        self.episode
            .update(|e| change(e.get_or_insert_with(|| Episode::new(t)), t));
        self.save();
    }

    /// Ends the episode (closed, or expired): nothing of it is left on the device.
    fn clear(self) {
        self.episode.set(None);
        self.save();
    }

    fn save(self) {
        let error = self.episode.with_untracked(|e| self.device.save_episode(e.as_ref()));
        self.save_error.set(error);
    }
}

#[component]
pub fn MissingPage() -> impl IntoView {
    let device = app_state();
    let loaded = device.load_episode();
    let state = EpisodeState {
        episode: RwSignal::new(loaded.episode),
        now: RwSignal::new(crate::clock::now_ms()),
        save_error: RwSignal::new(None),
        device,
    };
    keep_time(state);
    let (ui, content) = (crate::router::ui(), crate::router::content());
    let rule = content.missing_note("rule-24-hours");
    let after = content.missing_steps.iter().position(|s| s.id == AFTER_THE_CALLS);
    let (calls, after) = content
        .missing_steps
        .split_at(after.unwrap_or(content.missing_steps.len()));
    view! {
        <crate::components::ScreenTitle title=ui.screens_missing neutral=ui.look_missing_title/>
        {loaded.unreadable.then(|| view! {
            <p class="saved-note warn" role="status">{ui.missing_cleared}</p>
        })}
        {loaded.clock_changed.then(|| view! {
            <p class="saved-note warn" data-clock-changed="" role="status">{ui.missing_clock_changed}</p>
        })}
        {move || state.save_error.get().map(|e| view! {
            <p class="saved-note warn" data-saved="failed" role="status">
                {e.notice(ui)} {ui.missing_not_saved}
            </p>
        })}
        // The clock's start first, one short block: the timed response begins with how long the child has
        // been missing, and the clock counts up (it is never a countdown). Then the calls: law enforcement
        // must be called immediately, so step 1 stays on the first screen and nothing else stands above
        // it. The Runaway Safeline comes after the calls and what to have ready.
        <Clock state/>
        <ol class="steps">
            {calls.iter().map(|step| view! { <Step step state/> }).collect_view()}
        </ol>
        // Who calls whom: a foster parent's "Done" is theirs, never the agency's duty met.
        {content.missing_note("roles").map(|n| view! {
            <p class="missing-roles">{n.text}</p>
            <SourceNote id=n.source/>
        })}
        <AgencyDue state/>
        {rule.map(|r| view! {
            <section class="rule-24" aria-labelledby="rule-h">
                <h2 id="rule-h">{ui.missing_rule_heading}</h2>
                <p><strong>{r.text}</strong></p>
                <SourceNote id=r.source/>
                {content.statistic("in-child-welfare-care").map(|s| view! {
                    <p>{s.text}" "<span class="figure-year">{match s.year {
                        Some(y) => ui.guide_year(&y.to_string()),
                        None => ui.guide_year_not_given.to_string(),
                    }}</span></p>
                    <SourceNote id=s.source/>
                })}
            </section>
        })}
        <ReadyList state/>
        {(!after.is_empty()).then(|| view! {
            <ol class="steps" start={(calls.len() + 1).to_string()}>
                {after.iter().map(|step| view! { <Step step state/> }).collect_view()}
            </ol>
        })}
        <CopyTimeline state/>
        <Close state/>
        {["ncmec-discretion", "not-legal-advice"].into_iter().filter_map(|id| content.missing_note(id)).map(|n| view! {
            <p class="missing-note">{n.text}</p>
            <SourceNote id=n.source/>
        }).collect_view()}
    }
}

/// Keeps `now` current (the clock counts up, a deadline passes while the screen is open) and drops an
/// episode that expires while the app is open.
fn keep_time(state: EpisodeState) {
    if !state.device.on_device {
        return;
    }
    let tick = move || {
        let t = crate::clock::now_ms();
        state.now.set(t);
        if state
            .episode
            .with_untracked(|e| e.as_ref().is_some_and(|e| t >= e.expires_at_ms()))
        {
            state.clear();
        }
    };
    if let Ok(interval) = set_interval_with_handle(tick, std::time::Duration::from_secs(15)) {
        on_cleanup(move || interval.clear());
    }
    // A phone that was locked or showing the dialler: the clock is right the moment the app shows again.
    let visible = window_event_listener(leptos::ev::visibilitychange, move |_| tick());
    on_cleanup(move || visible.remove());
}

/// The learned time, when it is set (a memo, so ticking an item or marking a step does not redraw what
/// reads it, nor lose a half-picked time).
fn learned_memo(state: EpisodeState) -> Memo<Option<f64>> {
    Memo::new(move |_| state.episode.with(|e| e.as_ref().and_then(|e| e.learned_at_ms)))
}

/// The top of the screen, above step 1: when the user learned and how long the child has been missing
/// (counting up), or the question with "Just now" and an earlier time, until answered. Short, so step 1's
/// call to 911 stays on the first screen of a small phone. Nothing here says "left", and the agency's
/// 24 hours are not here ([`AgencyDue`], after the calls): a deadline never heads the screen.
#[component]
fn Clock(state: EpisodeState) -> impl IntoView {
    let ui = crate::router::ui();
    let changing = RwSignal::new(false);
    let learned = learned_memo(state);
    view! {
        <section class="clock" aria-labelledby="clock-h">
            {move || match learned.get().filter(|_| !changing.get()) {
                None => view! { <LearnedForm state changing/> }.into_any(),
                Some(learned_at) => view! {
                    // A heading that takes focus once the clock starts (it is read out then); the count
                    // inside it is the timer.
                    <h2 id="clock-h" class="elapsed" tabindex="-1">
                        <span role="timer">{move || ui.missing_missing_for(&elapsed_text(learned_at, state.now.get(), ui))}</span>
                    </h2>
                    <p class="learned">
                        {move || ui.missing_learned_at(&when_text(learned_at, state.now.get(), &offset_at, ui))}
                        <button type="button" class="button small" id="learned-change"
                            on:click=move |_| {
                                changing.set(true);
                                // The question takes the button's place: focus goes to the time to change.
                                crate::router::focus_when_drawn("#learned-at".into());
                            }>{ui.missing_change_time}</button>
                    </p>
                }
                .into_any(),
            }}
        </section>
    }
}

/// The agency's reports, "due immediately; at the latest by …" (counted from when the user learned), once
/// the clock runs: after the calls, beside the agency's duty. What is said, once, politely: the 24 hours
/// passing while the screen is open, in the words the screen shows.
#[component]
fn AgencyDue(state: EpisodeState) -> impl IntoView {
    let ui = crate::router::ui();
    let learned = learned_memo(state);
    let overdue = Memo::new(move |_| {
        learned.get().is_some_and(|at| {
            agency_reports(at + crate::core::missing::REPORT_WITHIN_MS, state.now.get()) == AgencyReports::Overdue
        })
    });
    let said = RwSignal::new(String::new());
    Effect::new(move |was: Option<bool>| {
        let is = overdue.get();
        if was == Some(false) && is {
            if let Some(at) = learned.get_untracked() {
                let deadline = at + crate::core::missing::REPORT_WITHIN_MS;
                said.set(ui.missing_agency_overdue(&when_text(deadline, state.now.get_untracked(), &offset_at, ui)));
            }
        } else if !is {
            said.set(String::new());
        }
        is
    });
    view! {
        <div class="agency-reports">
            <p class="vh" id="clock-live" role="status" aria-live="polite">{move || said.get()}</p>
            {move || learned.get().map(|learned_at| {
                let deadline = learned_at + crate::core::missing::REPORT_WITHIN_MS;
                view! {
                    <p class="agency-due" class:overdue=move || overdue.get()>
                        <strong>{move || {
                            let when = when_text(deadline, state.now.get(), &offset_at, ui);
                            if overdue.get() { ui.missing_agency_overdue(&when) } else { ui.missing_agency_due(&when) }
                        }}</strong>
                        " "{ui.missing_agency_count}
                    </p>
                    <SourceNote id="psta"/>
                }
            })}
        </div>
    }
}

/// "When did you learn the child was missing?": now, or a time the user picks (never in the future).
#[component]
fn LearnedForm(state: EpisodeState, changing: RwSignal<bool>) -> impl IntoView {
    let ui = crate::router::ui();
    let error = RwSignal::new(None::<LearnedError>);
    let picker = NodeRef::<leptos::html::Input>::new();
    let set = move |at: Result<f64, LearnedError>| {
        let result = at.and_then(|at| {
            let mut outcome = Ok(());
            state.update(|e, now| outcome = e.set_learned(at, now));
            outcome
        });
        error.set(result.err());
        match result {
            Ok(()) => {
                changing.set(false);
                // The clock takes the form's place: focus goes to its heading, which is read out, so the
                // moment it starts is heard (the buttons tapped are gone).
                crate::router::focus_when_drawn("#clock-h".into());
            }
            Err(_) => {
                if let Some(input) = picker.get_untracked() {
                    let _ = input.focus();
                }
            }
        }
    };
    let use_picked = move |_| {
        let value = picker.get_untracked().map(|i| i.value()).unwrap_or_default();
        set(learned_from_input(&value, crate::clock::now_ms(), &offset_at));
    };
    // The picker offers nothing later than now (the property, so the prerendered page has no time in it).
    let max = move || {
        let now = state.now.get();
        crate::core::missing::input_value(&crate::core::missing::local_at(now, offset_at(now)))
    };
    view! {
        <h2 id="clock-h">{ui.missing_learned_question}</h2>
        // "Just now" and, folded beside it, an earlier time: one row until the earlier time is wanted. A
        // plain button, not the primary style: step 1's call to 911 stays the screen's first action.
        <div class="clock-start">
            <button type="button" class="button small" id="learned-now"
                on:click=move |_| set(Ok(crate::clock::now_ms()))>{ui.missing_just_now}</button>
            <details class="earlier" open=changing.get_untracked()>
                <summary>{ui.missing_earlier_open}</summary>
                <p class="hint">{ui.missing_learned_hint}</p>
                <div class="field" class:invalid=move || error.get().is_some()>
                    <label for="learned-at">{ui.missing_earlier}</label>
                    {move || error.get().map(|e| view! { <p class="field-error" id="learned-error">{e.message(ui)}</p> })}
                    <input id="learned-at" type="datetime-local" node_ref=picker prop:max=max
                        aria-invalid=move || error.get().is_some().then_some("true")
                        aria-describedby=move || error.get().is_some().then_some("learned-error")/>
                </div>
                <div class="row-actions">
                    <button type="button" class="button small" id="learned-set" on:click=use_picked>{ui.missing_use_time}</button>
                    <Show when=move || changing.get()>
                        <button type="button" class="button small" on:click=move |_| {
                            error.set(None);
                            changing.set(false);
                            crate::router::focus_when_drawn("#learned-change".into());
                        }>{ui.missing_cancel}</button>
                    </Show>
                </div>
            </details>
        </div>
    }
}

/// One step: what to do, its one-tap call, and "Done" that records the time (and undoes it).
#[component]
fn Step(step: &'static content::MissingStep, state: EpisodeState) -> impl IntoView {
    let ui = crate::router::ui();
    let done_at = move || state.episode.with(|e| e.as_ref().and_then(|e| e.done_at(step.id)));
    // 911 and the agency: "not done — do it now" from the first minute until marked done.
    let now = move || state.episode.with(|e| do_now(e.as_ref(), step.id));
    let call = match step.contact.and_then(|id| crate::router::content().contact(id)) {
        Some(contact) => view! { <CallLink contact/> }.into_any(),
        // The agency's own line: a one-tap call when a number is saved, or a field to save one here.
        None => view! { <crate::components::AgencyNumber id="missing-agency" missing=true/> }.into_any(),
    };
    view! {
        <li class="step" class:done=move || done_at().is_some() data-step=step.id>
            // The title may break inside a number: at 200% text, "1-800-THE-LOST" in a heading is wider
            // than a small phone.
            <h2>{step.title}</h2>
            <p><NumberSafe text=step.text/></p>
            // The call (or the field for the agency's number) before the step's details: 911 on the first
            // screen, and the agency's number within a flick of the top.
            {call}
            {(!step.points.is_empty()).then(|| view! {
                <ul class="points">{step.points.iter().map(|p| view! { <li><NumberSafe text=*p/></li> }).collect_view()}</ul>
            })}
            <p class="done-at" class:do-now=now role="status">
                {move || match done_at() {
                    Some(at) => Some(ui.missing_done_at(&when_text(at, state.now.get(), &offset_at, ui))),
                    None => now().then(|| ui.missing_do_now.to_string()),
                }}
            </p>
            // Once done, "Undo" is a small link-like button: the step's main action is done.
            <button type="button" class="button done-button" class:undo=move || done_at().is_some()
                aria-label=move || if done_at().is_some() { ui.missing_undo_label(step.title) } else { ui.missing_done_label(step.title) }
                on:click=move |_| {
                    let undo = done_at().is_some();
                    state.update(|e, now| e.set_done(step.id, (!undo).then_some(now)));
                }>
                {move || if done_at().is_some() { ui.missing_undo } else { ui.missing_done }}
            </button>
            <SourceNote id=step.source/>
        </li>
    }
}

/// NCMEC's list of what to have ready, tickable. Only the ticks are kept, never the details.
#[component]
fn ReadyList(state: EpisodeState) -> impl IntoView {
    let (ui, content) = (crate::router::ui(), crate::router::content());
    let intro = content.missing_note("ready-intro");
    let mut sources: Vec<&'static str> = content.ready_items.iter().map(|r| r.source).collect();
    sources.dedup();
    view! {
        <section class="ready" aria-labelledby="ready-h">
            <h2 id="ready-h">{ui.missing_ready_heading}</h2>
            {intro.map(|n| view! { <p>{n.text}</p> })}
            <p class="hint">{ui.missing_ready_hint}</p>
            {content.ready_items.iter().map(|item| view! {
                <div class="sign">
                    <label class="toggle">
                        <input type="checkbox" id=format!("ready-{}", item.id)
                            prop:checked=move || state.episode.with(|e| e.as_ref().is_some_and(|e| e.is_ready(item.id)))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                state.update(|e, _| e.set_ready(item.id, on));
                            }/>
                        <span class="toggle-text"><span class="toggle-label">{item.text}</span></span>
                    </label>
                </div>
            }).collect_view()}
            {sources.into_iter().map(|id| view! { <SourceNote id/> }).collect_view()}
        </section>
    }
}

/// "Copy the timeline": copied (or shown to copy by hand).
#[component]
fn CopyTimeline(state: EpisodeState) -> impl IntoView {
    // The note is in the language the screen is read in.
    let (ui, content) = (crate::router::ui(), crate::router::content());
    let text = move || {
        let now = crate::clock::now_ms();
        let episode = state.episode.get_untracked().unwrap_or_else(|| Episode::new(now));
        timeline(&episode, now, &offset_at, ui, content)
    };
    view! {
        <section class="copy-summary" aria-labelledby="timeline-h">
            <h2 id="timeline-h">{ui.missing_note_heading}</h2>
            <CopyText button_id="copy-timeline" button=ui.missing_copy
                hint=ui.missing_copy_hint
                copied_note=ui.missing_copied
                failed_note=ui.missing_copy_failed
                text_id="timeline-text" rows="12" text/>
        </section>
    }
}

/// "Child found / close this": deletes the episode from the device, after asking.
#[component]
fn Close(state: EpisodeState) -> impl IntoView {
    let ui = crate::router::ui();
    let confirming = RwSignal::new(false);
    let closed = RwSignal::new(false);
    let closed_ref = NodeRef::<leptos::html::P>::new();
    let confirm_ref = NodeRef::<leptos::html::Button>::new();
    let close = move |_| {
        state.clear();
        confirming.set(false);
        closed.set(true);
        request_animation_frame(move || {
            if let Some(p) = closed_ref.get_untracked() {
                let _ = p.focus();
            }
        });
    };
    view! {
        <section class="erase close-episode" aria-labelledby="close-h">
            <h2 id="close-h">{ui.missing_close_heading}</h2>
            <p>{ui.missing_close_text}</p>
            <Show when=move || !confirming.get()
                fallback=move || view! {
                    <div class="confirm" role="group" aria-labelledby="close-q">
                        <p id="close-q"><strong>{ui.missing_close_confirm}</strong></p>
                        <div class="stack">
                            <button type="button" class="button danger" node_ref=confirm_ref on:click=close>{ui.missing_close_yes}</button>
                            <button type="button" class="button" on:click=move |_| confirming.set(false)>{ui.missing_close_keep}</button>
                        </div>
                    </div>
                }>
                <button type="button" class="button" id="close-start"
                    on:click=move |_| {
                        closed.set(false);
                        confirming.set(true);
                        request_animation_frame(move || {
                            if let Some(b) = confirm_ref.get_untracked() {
                                let _ = b.focus();
                            }
                        });
                    }>
                    {ui.missing_close_start}
                </button>
            </Show>
            <p class="erased" tabindex="-1" node_ref=closed_ref>
                {move || closed.get().then_some(ui.missing_closed)}
            </p>
        </section>
    }
}
