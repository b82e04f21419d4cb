//! What the wasm component tests (tests/web.rs, tests/pwa.rs) share.

/// Lets Leptos's scheduled effects run: a macrotask turn.
pub async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
