// Quick exit's Back-button guard (see src/quick_exit.rs). The post-build step inlines it first in every
// page's <head>, so it runs before anything is drawn and before the app's WebAssembly starts. The CSP
// allows it by its SHA-256: after any change here, `cargo test -p devserver` names the new hash for
// crates/devserver and deploy/.
//
// Quick exit replaces the page with exit.html and marks the tab in sessionStorage. The screens visited
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
