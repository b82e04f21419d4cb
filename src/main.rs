//! Entry point for the browser build: mounting only. Everything else is in the library.
fn main() {
    red_flags::mount();
}
