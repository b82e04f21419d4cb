//! The view pieces several screens share: call links, the call bar, source notes, the copy button and
//! a group of radio buttons. Each is written once, here; screens compose them.

use crate::content;
use crate::router::{Link, Screen};
use leptos::prelude::*;

mod calls;
pub use calls::{CallLink, MyNumberLink, NumberSafe};

/// The call bar on every screen, within thumb reach: 911 first (danger or missing now), then NCMEC
/// (a missing child, after 911), two buttons of equal size and weight, each one tap. Each accessible
/// name carries the number it dials. `index.html`'s shell carries the same bar (`xtask/src/i18n.rs`
/// builds its Spanish labels with [`call_bar_labels`]'s format).
#[component]
pub fn CallBar() -> impl IntoView {
    let ui = crate::router::ui();
    let content = crate::router::content();
    let (ncmec, emergency) = (content.ncmec(), content.emergency());
    let words = ncmec.shown_as.split(" (").next().unwrap_or(ncmec.shown_as);
    let [label_911, label_ncmec] = call_bar_labels(ui, content);
    let bar = NodeRef::<leptos::html::Aside>::new();
    Effect::new(move |_| {
        if let Some(bar) = bar.get() {
            follow_height(bar);
        }
    });
    view! {
        <aside class="call-bar" aria-label=ui.common_call_bar_label node_ref=bar>
            <a class="call-911" href=emergency.tel() aria-label=label_911>
                <span class="call-bar-name">{emergency.call}</span>
                " "<span class="call-bar-when">{ui.common_call_bar_911_when}</span>
            </a>
            <a class="call-ncmec" href=ncmec.tel() aria-label=label_ncmec>
                <span class="call-bar-name">{ncmec.call}</span>
                " "<span class="call-bar-when">{ui.common_call_bar_ncmec_when}</span>
                " "<span class="nowrap">{words}</span>
            </a>
        </aside>
    }
}

/// Keeps `--bar-box` on the root at the call bar's height as drawn (its border and the safe area
/// included), whatever wraps inside it: what is held above the bar (the checker's live summary, the update
/// prompt) and the page's room at its end stand on it, so nothing overlaps the bar in any language or at
/// any text size. Before the app runs, style/main.css counts the bar's height from `--bar-h`.
fn follow_height(bar: web_sys::HtmlElement) {
    use wasm_bindgen::JsCast;
    let measure = {
        let bar = bar.clone();
        move || {
            let Some(root) = document().document_element() else {
                return;
            };
            let h = bar.get_bounding_client_rect().height();
            // Zero while the app renders hidden beside the static page: that page's bar still stands.
            if h <= 0.0 {
                return;
            }
            if let Some(root) = root.dyn_ref::<web_sys::HtmlElement>() {
                // Whole pixels, rounded up: formatting an f64 would link Rust's float printing (~13 KB).
                let _ = root
                    .style()
                    .set_property("--bar-box", &format!("{}px", h.ceil() as u32));
            }
        }
    };
    measure();
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(measure);
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&bar);
        // The bar lives as long as the app; so do its observer and callback.
        callback.forget();
    }
}

/// The call bar's accessible names, 911's then NCMEC's: "Call 911 — danger or missing now",
/// "Call NCMEC — missing child, after 911, 1-800-THE-LOST (1-800-843-5678)": the visible words in their
/// order (the number last, which a phone's bar does not show), so the name holds the visible text.
pub fn call_bar_labels(ui: &content::Ui, content: &content::Content) -> [String; 2] {
    let (ncmec, emergency) = (content.ncmec(), content.emergency());
    [
        format!("{} — {}", emergency.call, ui.common_call_bar_911_when),
        format!("{} — {}, {}", ncmec.call, ui.common_call_bar_ncmec_when, ncmec.shown_as),
    ]
}

/// "Source: NCMEC guide", linking to the source on the Sources screen.
#[component]
pub fn SourceNote(id: &'static str) -> impl IntoView {
    let source = crate::router::content().source(id);
    let label = source.map(|s| s.short).unwrap_or(id);
    view! {
        <p class="source-note">
            {crate::router::ui().common_source} <Link to=Screen::Sources fragment=id>{label}</Link>
        </p>
    }
}

/// Running text whose glossary terms link to their entries (each once on a screen: `linked` holds the
/// terms linked so far), its phone numbers never broken across lines.
#[component]
pub fn TermLinks(text: &'static str, linked: StoredValue<Vec<usize>>) -> impl IntoView {
    let terms = crate::router::content().terms;
    let runs = linked
        .try_update_value(|seen| crate::core::glossary::term_runs(text, terms, seen))
        .unwrap_or_default();
    runs.into_iter()
        .map(|(run, term)| match term {
            Some(i) => view! { <Link to=Screen::Term(i) class="term-link">{run}</Link> }.into_any(),
            None => view! { <NumberSafe text=run/> }.into_any(),
        })
        .collect_view()
}

/// What [`CopyText`] copies, built at the tap: one type whatever the caller's closure, so the component
/// is in the WASM once rather than once per caller.
pub struct TextFn(std::sync::Arc<dyn Fn() -> String + Send + Sync>);

impl<F: Fn() -> String + Send + Sync + 'static> From<F> for TextFn {
    fn from(f: F) -> TextFn {
        TextFn(std::sync::Arc::new(f))
    }
}

/// A copy button for case-note text: on the clipboard, or where the Clipboard API is missing or refuses,
/// in a read-only box (`text_id`), selected and ready to copy by hand. `text` is built at the tap.
#[component]
pub fn CopyText(
    button_id: &'static str,
    button: &'static str,
    hint: &'static str,
    copied_note: &'static str,
    failed_note: &'static str,
    text_id: &'static str,
    rows: &'static str,
    #[prop(into)] text: TextFn,
) -> impl IntoView {
    let text = text.0;
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
        let text = text();
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
        <button type="button" class="button" id=button_id on:click=copy>{button}</button>
        <p class="hint">{hint}</p>
        <p class="copy-status" role="status" aria-live="polite">{move || copied.get().then_some(copied_note)}</p>
        {move || fallback.get().map(|text| view! {
            <label for=text_id class="summary-label">{failed_note}</label>
            <textarea id=text_id class="summary-text" readonly rows=rows node_ref=textarea prop:value=text></textarea>
        })}
    }
}

/// A question as a group of large radio buttons, one per `(value, form value, label)`: `get` says which
/// is chosen, `set` is called with the value tapped. The `checked` attribute carries the choice into a
/// prerendered page (which has no properties); the property follows every change after.
#[component]
pub fn RadioGroup<T>(
    /// The inputs' `name`.
    name: &'static str,
    legend: &'static str,
    #[prop(optional, into)] id: Option<String>,
    #[prop(optional_no_strip)] hint: Option<&'static str>,
    /// A neutral label the discreet look shows instead of the legend and hint until the question is
    /// tapped (style/main.css); the question then takes focus when tapped anywhere.
    #[prop(optional, into)]
    neutral: Option<String>,
    options: Vec<(T, String, String)>,
    get: impl Fn() -> T + Copy + Send + Sync + 'static,
    set: impl Fn(T) + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    T: PartialEq + Copy + Send + Sync + 'static,
{
    let values: Vec<T> = options.iter().map(|(value, _, _)| *value).collect();
    let choose: Chooser = {
        let values = values.clone();
        std::sync::Arc::new(move |i: usize| {
            if let Some(value) = values.get(i) {
                set(*value);
            }
        })
    };
    let chosen: Chosen = std::sync::Arc::new(move || {
        let now = get();
        values.iter().position(|v| *v == now)
    });
    let options = options.into_iter().map(|(_, value, label)| (value, label)).collect();
    radio_group(name, (legend, neutral), id, hint, options, chosen, choose)
}

type Chooser = std::sync::Arc<dyn Fn(usize) + Send + Sync>;
type Chosen = std::sync::Arc<dyn Fn() -> Option<usize> + Send + Sync>;

/// The markup of [`RadioGroup`], by option index: one copy in the WASM for every group.
fn radio_group(
    name: &'static str,
    // The legend, and the discreet look's neutral label for it.
    (legend, neutral): (&'static str, Option<String>),
    id: Option<String>,
    hint: Option<&'static str>,
    options: Vec<(String, String)>,
    chosen: Chosen,
    choose: Chooser,
) -> AnyView {
    let first = untrack(|| chosen());
    let tabindex = neutral.is_some().then_some("-1");
    // The hint is the group's description (WCAG 1.3.1), read with the question.
    let hint_id = hint.map(|_| format!("{name}-hint"));
    let described_by = hint_id.clone();
    view! {
        <fieldset class="question" id=id tabindex=tabindex aria-describedby=described_by>
            {match neutral {
                // The neutral label is for eyes only: a screen reader reads the question itself, which the
                // discreet look moves out of sight but keeps in the accessibility tree (style/main.css).
                Some(neutral) => view! {
                    <legend><span class="q-full">{legend}</span><span class="q-neutral" aria-hidden="true">{neutral}</span></legend>
                }.into_any(),
                None => view! { <legend>{legend}</legend> }.into_any(),
            }}
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            <div class="options">
                {options.into_iter().enumerate().map(|(i, (value, label))| {
                    let (chosen, choose) = (chosen.clone(), choose.clone());
                    view! {
                        <label class="option">
                            <input type="radio" name=name value=value
                                checked=first == Some(i)
                                prop:checked=move || chosen() == Some(i)
                                on:change=move |_| choose(i)/>
                            <span>{label}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
    .into_any()
}

/// A translated line with the names it keeps in English marked `lang="en"`, found against the English
/// line `en` ([`crate::core::text::english_runs`]), so a Spanish voice does not read them as Spanish.
/// In English, the line as is.
#[component]
pub fn EnglishNames(text: &'static str, en: &'static str) -> impl IntoView {
    if crate::router::location().lang() == content::Lang::En {
        return text.into_any();
    }
    crate::core::text::english_runs(text, en)
        .into_iter()
        .map(|(piece, english)| {
            if english {
                view! { <span lang="en">{piece}</span> }.into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
        .into_any()
}

/// The app's name, or in the discreet look the look's neutral name: every name is in the page and
/// style/main.css shows the one `<html data-look>` chooses (public/early.js sets it before the first
/// paint). The header's brand and Home's heading.
#[component]
pub fn LookNames(name: &'static str) -> impl IntoView {
    let ui = crate::router::ui();
    view! {
        <span class="name-standard">{name}</span>
        {crate::core::settings::Look::ALL.into_iter().filter_map(|look| look.name(ui).map(|n| view! {
            <span class="name-look" data-look=look.id()>{n}</span>
        })).collect_view()}
    }
}

/// A screen's heading whose words say what the app is about: in the discreet look, a neutral one
/// instead (style/main.css shows one of the two).
#[component]
pub fn ScreenTitle(title: &'static str, neutral: &'static str) -> impl IntoView {
    view! {
        <h1><span class="name-standard">{title}</span><span class="name-neutral">{neutral}</span></h1>
    }
}

/// "Ready offline" once the service worker has everything. The status region is always in the page
/// (announced when it fills) and depends on the device (`data-device`: the prerender test leaves it
/// out). Its room is the text itself, unseen and unread beside it, so the line takes the same height
/// empty and full, in either language at any width or text size: nothing below it moves when it fills.
#[component]
pub fn OfflineReady() -> impl IntoView {
    let ui = crate::router::ui();
    let ready = crate::install::offline_ready();
    view! {
        <div class="offline-ready">
            <span class="offline-ready-room" aria-hidden="true">{ui.home_offline_ready}</span>
            <p role="status" data-device="">{move || ready.get().then_some(ui.home_offline_ready)}</p>
        </div>
    }
}

/// The agency's number where a step says to tell the agency: a one-tap call for each number saved, or,
/// with none saved, a field to save one right here, checked as "Your numbers" on Call checks it (what
/// was typed stays in the field when it is refused, with the reason). `id` makes the field's ids unique
/// on the screen. The agency edition has its own ([`agency::AgencyNumber`]), which orders the agency's
/// lines by `missing` (whether the step is for a child missing now); here there are none to order.
#[cfg(not(agency))]
#[component]
pub fn AgencyNumber(id: &'static str, #[prop(optional)] missing: bool) -> impl IntoView {
    use crate::core::phone::{EntryErrors, MyNumber};
    let _ = missing;
    let ui = crate::router::ui();
    let state = crate::state::app_state();
    let numbers = state.numbers;
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let (field, hint, err) = (format!("{id}-number"), format!("{id}-hint"), format!("{id}-error"));
    let described = {
        let (hint, err) = (hint.clone(), err.clone());
        move || match error.get() {
            Some(_) => format!("{hint} {err}"),
            None => hint.clone(),
        }
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match MyNumber::new(ui, ui.my_numbers_agency_name, &typed.get_untracked()) {
            Err(EntryErrors { number, label }) => {
                error.set(number.or(label));
                if let Some(input) = input_ref.get_untracked() {
                    let _ = input.focus();
                }
            }
            Ok(entry) => {
                let done = ui.my_numbers_saved(&entry.label, &entry.shown_as());
                match state.change_numbers(|list| crate::core::phone::put(list, None, Ok(entry))) {
                    Err(_) => error.set(Some(
                        ui.my_numbers_too_many(&crate::core::phone::MAX_NUMBERS.to_string()),
                    )),
                    Ok((_, saved)) => {
                        error.set(None);
                        typed.set(String::new());
                        status.set(match saved {
                            Ok(()) => done,
                            Err(e) => ui.my_numbers_save_failed(&done, e.notice(ui)),
                        });
                    }
                }
            }
        }
    };
    view! {
        <div class="agency-number">
            {move || {
                let list = numbers.get();
                if list.is_empty() {
                    let (field, hint, err, described) = (field.clone(), hint.clone(), err.clone(), described.clone());
                    view! {
                        <form class="agency-form" novalidate on:submit=save>
                            <div class="field" class:invalid=move || error.get().is_some()>
                                <label for=field.clone()>{ui.my_numbers_agency_label}</label>
                                <p class="hint" id=hint>{ui.my_numbers_number_hint}</p>
                                {move || error.get().map(|e| view! { <p class="field-error" id=err.clone()>{e}</p> })}
                                <input id=field type="tel" inputmode="tel" autocomplete="off" node_ref=input_ref
                                    aria-invalid=move || error.get().is_some().then_some("true")
                                    aria-describedby=described
                                    prop:value=move || typed.get()
                                    on:input=move |ev| typed.set(event_target_value(&ev))/>
                            </div>
                            // Before the app runs (a prerendered page) nothing can be saved: say so.
                            {(!state.on_device).then(|| view! { <p class="hint" data-until-app="">{ui.my_numbers_until_app}</p> })}
                            <button type="submit" class="button small primary" disabled=!state.on_device>
                                {ui.my_numbers_save_number}
                            </button>
                        </form>
                    }
                    .into_any()
                } else {
                    view! {
                        <ul class="my-number-calls">
                            {list.into_iter().map(|number| view! { <li><MyNumberLink number/></li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
            <p class="copy-status" role="status" aria-live="polite">{move || status.get()}</p>
        </div>
    }
}

/// The agency edition's pieces: the agency's numbers as calls, before the user's own.
#[cfg(agency)]
pub mod agency;
#[cfg(agency)]
pub use agency::{AgencyGroup, AgencyNumber};

/// Call's group of the agency's numbers: only the agency edition has one ([`agency::AgencyGroup`]).
#[cfg(not(agency))]
#[component]
pub fn AgencyGroup() -> impl IntoView {}
