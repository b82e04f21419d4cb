//! Share the app: its own address as a QR code drawn on the device (works offline, phone to phone), the
//! Web Share sheet or a copied link, and how to install it on Android and iPhone.
//!
//! Only the app's address ever leaves through Share or Copy: nothing from a check, a number or a timeline.

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
    Some(qr::app_address(&origin, &crate::router::location().href("/")))
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
                aria-label=format!("QR code of {address}") shape-rendering="crispEdges"
                xmlns="http://www.w3.org/2000/svg">
                <rect width="100%" height="100%" fill="#fff"/>
                <path d=code.path fill="#000"/>
            </svg>
            }
            .into_any()
        }
        None => view! { <p class="hint">"This address is too long for a QR code."</p> }.into_any(),
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
    let address = app_address();
    view! {
        <h1>"Share this app"</h1>
        <p class="lead">"Let someone scan this code with their phone's camera. This phone shows it with no signal; theirs needs a connection to open the app the first time."</p>
        <section class="share-box" aria-label="The app's address">
            <ShareAddress address/>
        </section>
        <InstallHelp/>
    }
}

/// The code, the address as selectable text, and Share / Copy link. Prerendered (`None`: the host the
/// page will be served from is not known yet) the same boxes hold a placeholder, so nothing moves when
/// the app draws the code.
#[component]
fn ShareAddress(address: Option<String>) -> impl IntoView {
    let status = RwSignal::new(None::<&'static str>);
    let for_share = address.clone().unwrap_or_default();
    let for_copy = StoredValue::new(address.clone().unwrap_or_default());
    let on_share = move |_| {
        status.set(None);
        share(&for_share, move |result| {
            status.set(match result {
                Ok(()) => Some("Shared."),
                // The person closed the share sheet: nothing to say.
                Err(name) if name == "AbortError" => None,
                Err(_) => Some("Sharing did not work here. Use Copy link instead."),
            })
        });
    };
    view! {
        <div class="qr-frame" data-device="">
            {match address.clone() {
                Some(address) => view! { <QrCode address/> }.into_any(),
                None => view! { <p class="hint">"The code appears once the app has loaded."</p> }.into_any(),
            }}
        </div>
        <p class="address" data-device="">{address.unwrap_or_else(|| "\u{a0}".into())}</p>
        {can_share().then(|| view! {
            <button type="button" class="button primary" id="share-app" on:click=on_share>"Share"</button>
            <p class="copy-status" role="status" aria-live="polite">{move || status.get()}</p>
        })}
        <div class="copy-address">
            <CopyText
                button_id="copy-address"
                button="Copy link"
                hint="Only the app's address is shared: nothing you entered in it."
                copied_note="Link copied."
                failed_note="Copying did not work here. The link is selected: copy it from this box."
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
    view! {
        <section class="install" aria-labelledby="install-h">
            <h2 id="install-h">"Install it on a phone"</h2>
            {move || installed.get().then(|| view! {
                <p class="copy-status" data-device="">"This app is installed on this device."</p>
            })}
            <h3>"Android (Chrome)"</h3>
            {move || install.get().then(|| view! {
                <p data-device=""><button type="button" class="button primary" id="install-app" on:click=ask>"Install"</button></p>
            })}
            <p>"Open Chrome's menu (the three dots, top right), then tap " <strong>"Install app"</strong>
               " or " <strong>"Add to Home screen"</strong> "."</p>
            <h3>"iPhone (Safari)"</h3>
            <p>"Tap " <strong>"Share"</strong> " (the square with an arrow), then " <strong>"Add to Home Screen"</strong> "."</p>
            <h3>"What works offline"</h3>
            <p>"After it has been opened once, every screen works with no signal: the checker, the guide, the glossary, the steps for a missing child, this code and the wallet card. Calls still need a phone network."</p>
            <p>"Your saved numbers and settings stay on that device only."</p>
            <SourceNote id="about-app"/>
        </section>
    }
}
