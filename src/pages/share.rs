//! Share the app: its own address as a QR code drawn on the device (works offline, phone to phone), the
//! Web Share sheet or a copied link, and how to install it on Android and iPhone.
//!
//! Only the app's address ever leaves through Share or Copy: nothing from a check, a number or a timeline.
//!
//! The address is the origin and base the page was served from, known only in the browser: the
//! prerendered page shows a placeholder marked `data-device`, which the prerender test leaves out.

use crate::components::{CopyText, SourceNote};
use crate::core::qr;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The address the app was loaded from (origin + the deploy's base). `None` while prerendering: the
/// host is not known at build time.
pub fn app_address() -> Option<String> {
    if cfg!(feature = "ssr") {
        return None;
    }
    let origin = window().location().origin().ok()?;
    // The home screen in the language read: a Spanish reader shares the Spanish app.
    let location = crate::router::location();
    let home = crate::router::Screen::Home.path(location.lang());
    Some(qr::app_address(&origin, &location.href(&home)))
}

/// The address as a QR code: crisp SVG, dark modules on white whatever the theme (scanners want
/// contrast), labelled for screen readers with the address itself.
#[component]
pub fn QrCode(address: String, #[prop(optional)] class: Option<&'static str>) -> impl IntoView {
    match qr::encode(&address) {
        Some(code) => {
            let view_box = code.view_box();
            view! {
            <svg class=class.unwrap_or("qr") viewBox=view_box role="img"
                aria-label=crate::router::ui().share_qr_label(&address) shape-rendering="crispEdges"
                xmlns="http://www.w3.org/2000/svg">
                <rect width="100%" height="100%" fill="#fff"/>
                <path d=code.path fill="#000"/>
            </svg>
            }
            .into_any()
        }
        None => view! { <p class="hint">{crate::router::ui().share_qr_too_long}</p> }.into_any(),
    }
}

/// Whether this browser has the Web Share API (`navigator.share`): phones mostly, desktop Linux not.
fn can_share() -> bool {
    !cfg!(feature = "ssr")
        && web_sys::js_sys::Reflect::get(&window().navigator(), &"share".into()).is_ok_and(|f| f.is_function())
}

/// Opens the system's share sheet with the app's address and nothing else. Called inside the tap: the
/// API needs that user activation. The promise's result is `Ok` when shared, `Err` with the
/// rejection's name (`AbortError` when the person closed the sheet).
fn share(address: &str, done: impl FnOnce(Result<(), String>) + 'static) {
    let navigator = window().navigator();
    let data = web_sys::js_sys::Object::new();
    let _ = web_sys::js_sys::Reflect::set(&data, &"url".into(), &JsValue::from_str(address));
    let call = web_sys::js_sys::Reflect::get(&navigator, &"share".into())
        .ok()
        .and_then(|f| f.dyn_into::<web_sys::js_sys::Function>().ok())
        .and_then(|f| f.call1(&navigator, &data).ok())
        .and_then(|p| p.dyn_into::<web_sys::js_sys::Promise>().ok());
    let Some(promise) = call else {
        done(Err("TypeError".into()));
        return;
    };
    leptos::task::spawn_local(async move {
        let result = wasm_bindgen_futures::JsFuture::from(promise).await;
        done(result.map(|_| ()).map_err(|e| {
            web_sys::js_sys::Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .unwrap_or_default()
        }));
    });
}

#[component]
pub fn SharePage() -> impl IntoView {
    let ui = crate::router::ui();
    let address = app_address();
    view! {
        <h1>{ui.screens_share}</h1>
        // The code first, so the whole of it is on the first screen of a small phone; what to do with it
        // right below.
        <section class="share-box" aria-label=ui.share_address_label>
            <ShareAddress address lead=ui.share_lead/>
        </section>
        <InstallHelp/>
    }
}

/// The code, the address as selectable text, and Share / Copy link. Prerendered (`None`: the host the
/// page will be served from is not known yet) the same boxes hold a placeholder, so nothing moves when
/// the app draws the code.
#[component]
fn ShareAddress(address: Option<String>, lead: &'static str) -> impl IntoView {
    let ui = crate::router::ui();
    let status = RwSignal::new(None::<&'static str>);
    let for_share = address.clone().unwrap_or_default();
    let for_copy = StoredValue::new(address.clone().unwrap_or_default());
    let on_share = move |_| {
        status.set(None);
        share(&for_share, move |result| {
            status.set(match result {
                Ok(()) => Some(ui.share_shared),
                // The person closed the share sheet: nothing to say.
                Err(name) if name == "AbortError" => None,
                Err(_) => Some(ui.share_share_failed),
            })
        });
    };
    view! {
        <div class="qr-frame" data-device="">
            {match address.clone() {
                Some(address) => view! { <QrCode address/> }.into_any(),
                None => view! { <p class="hint">{ui.share_qr_pending}</p> }.into_any(),
            }}
        </div>
        <p class="address" data-device="">{address.unwrap_or_else(|| "\u{a0}".into())}</p>
        <p class="lead">{lead}</p>
        {can_share().then(|| view! {
            <button type="button" class="button primary" id="share-app" on:click=on_share>{ui.share_share}</button>
            <p class="copy-status" role="status" aria-live="polite">{move || status.get()}</p>
        })}
        <div class="copy-address">
            <CopyText
                button_id="copy-address"
                button=ui.share_copy
                hint=ui.share_copy_hint
                copied_note=ui.share_copied
                failed_note=ui.share_copy_failed
                text_id="address-text"
                rows="2"
                text=move || for_copy.get_value()
            />
        </div>
    }
}

/// How to add the app to the home screen, per platform, and what works offline afterwards.
#[component]
fn InstallHelp() -> impl IntoView {
    let install = crate::install::prompt();
    let installed = crate::install::installed();
    let ask = move |_| crate::install::ask();
    let ui = crate::router::ui();
    view! {
        <section class="install" aria-labelledby="install-h">
            <h2 id="install-h">{ui.share_install_heading}</h2>
            {move || installed.get().then(|| view! {
                <p class="copy-status" data-device="">{ui.share_installed}</p>
            })}
            <h3>{ui.share_android}</h3>
            {move || install.get().then(|| view! {
                <p data-device=""><button type="button" class="button primary" id="install-app" on:click=ask>{ui.share_install}</button></p>
            })}
            <p>{ui.share_android_steps} <strong>{ui.share_android_install_app}</strong>
               {ui.share_android_or} <strong>{ui.share_android_add}</strong> "."</p>
            <h3>{ui.share_iphone}</h3>
            <p>{ui.share_iphone_tap} <strong>{ui.share_iphone_share}</strong> {ui.share_iphone_then} <strong>{ui.share_iphone_add}</strong> "."</p>
            <p>{ui.share_iphone_storage}</p>
            <p class="source-note" data-app-advice="">{ui.check_app_advice}</p>
            <h3>{ui.share_offline_heading}</h3>
            <p>{ui.share_offline_text}</p>
            <p>{ui.share_stays}</p>
            <SourceNote id="about-app"/>
        </section>
    }
}
