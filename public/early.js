// What must happen before the first paint, before the app's WebAssembly starts: Quick exit's Back-button
// guard, and the display settings. The post-build step inlines this file first in every page's <head>.
// The CSP allows it by its SHA-256: after any change here, `cargo test -p devserver` names the new hash
// for crates/devserver and deploy/.
//
// 1. Quick exit's guard (see src/quick_exit.rs). Quick exit replaces the page with exit.html and marks the tab in sessionStorage. The screens visited
// before it are still in the tab's history, and no page can remove them; so when this tab comes Back
// (or Forward) to the app while marked, it is sent straight to exit.html again. A deliberate visit
// (a link, the address bar, the home-screen icon) clears the mark and opens the app as usual.
(function () {
  "use strict";
  var KEY = "red-flags:exited";
  function exitUrl() { return new URL("exit.html", document.baseURI).href; }
  function marked() {
    try { return window.sessionStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }
  function cameBackOrForward() {
    try {
      var nav = performance.getEntriesByType("navigation")[0];
      return !!nav && nav.type === "back_forward";
    } catch (e) { return false; }
  }
  function leave() {
    try { window.localStorage.removeItem("red-flags:check"); } catch (e) {}
    try { window.localStorage.removeItem("red-flags:missing"); } catch (e) {}
    try { window.sessionStorage.setItem(KEY, "1"); } catch (e) {}
    window.location.replace(exitUrl());
  }
  if (marked()) {
    if (cameBackOrForward()) { window.location.replace(exitUrl()); return; }
    try { window.sessionStorage.removeItem(KEY); } catch (e) {}
  }
  // A page restored from the back/forward cache does not run scripts again, but fires pageshow.
  window.addEventListener("pageshow", function (e) {
    if (e.persisted && marked()) window.location.replace(exitUrl());
  });
  // Before the app has started, the static shell's Exit link leaves the same way (the app's own
  // header handles its link itself).
  document.addEventListener("click", function (e) {
    var a = e.target && e.target.closest ? e.target.closest("#shell a.quick-exit") : null;
    if (!a) return;
    e.preventDefault();
    leave();
  });
})();

// 2. The display settings chosen on the Settings screen (src/core/saved.rs writes them; src/device.rs
// applies them once the app runs): applied now, so a returning visitor never sees the default theme or
// text size flash first and the page never shifts when the app starts. Only values the app itself writes
// are used (a test in src/core/settings.rs keeps this list in step with the app's).
(function () {
  "use strict";
  try {
    var s = JSON.parse(window.localStorage.getItem("red-flags:settings"));
    if (!s || s.v !== 1) return;
    var html = document.documentElement;
    if (s.theme === "light" || s.theme === "dark") html.setAttribute("data-theme", s.theme);
    if (s.text_scale === 125 || s.text_scale === 150) html.style.setProperty("--text-scale", String(s.text_scale / 100));
  } catch (e) {}
})();
