// What must happen before the first paint, before the app's WebAssembly starts: Quick exit, the display
// settings, and starting the app once the page has painted. The post-build step inlines this file first
// in every page's <head>.
// The CSP allows it by its SHA-256: after any change here, `cargo test -p policy` names the new hash
// for crates/policy and deploy/.
//
// 1. Quick exit (see src/quick_exit.rs). Everything it does is here, so it works before the app starts,
// and if the app never does: the "Exit this page" link (a.quick-exit, in the static page and in the app),
// Escape pressed three times within 1.5 s, and what a tab does when another tab of the app exits.
// Leaving: the page is hidden at once; every stored key of the app except the user's own set-up (KEPT)
// is removed, so data added later under "red-flags:" goes too, and the missing-child timeline with it
// unless the user chose in Settings to keep it (keptNow); the clipboard is emptied (a summary may be
// on it); the tab is marked; every other tab of the app is told; the page is replaced by exit.html.
// The screens visited before are still in the tab's history, and no page can remove them; so when a
// marked tab comes Back (or Forward) to the app, it is sent straight to exit.html again. A deliberate
// visit (a link, the address bar, the home-screen icon) clears the mark and opens the app as usual.
// The mark is kept twice: in sessionStorage and in window.name, which needs no storage (blocked site
// data, private modes). A page kept in the back/forward cache hides itself as it goes in, and shows
// itself again only if the tab has not exited; the message to other tabs also evicts their cached pages.
(function () {
  "use strict";
  var PREFIX = "red-flags:";
  var KEPT = ["red-flags:settings", "red-flags:numbers"];
  var MISSING = "red-flags:missing";
  var SESSION_MARK = "red-flags:exited";
  // Neutral on purpose: any later page in this tab can read window.name.
  var NAME_MARK = "x-1";
  var html = document.documentElement;
  var channel = null;
  try { channel = new BroadcastChannel("red-flags:tabs"); } catch (e) {}
  // A Spanish page leaves to the Spanish exit page (its title in Spanish).
  function exitUrl() {
    var rest = window.location.pathname.slice(new URL(document.baseURI).pathname.length);
    var spanish = rest === "es" || rest.indexOf("es/") === 0;
    return new URL(spanish ? "es/exit.html" : "exit.html", document.baseURI).href;
  }
  function hide() { html.style.setProperty("display", "none", "important"); }
  function marked() {
    if (window.name === NAME_MARK) return true;
    try { return window.sessionStorage.getItem(SESSION_MARK) === "1"; } catch (e) { return false; }
  }
  function storageReadable() {
    try { window.sessionStorage.getItem(SESSION_MARK); return true; } catch (e) { return false; }
  }
  function mark() {
    window.name = NAME_MARK;
    try { window.sessionStorage.setItem(SESSION_MARK, "1"); } catch (e) {}
  }
  function unmark() {
    if (window.name === NAME_MARK) window.name = "";
    try { window.sessionStorage.removeItem(SESSION_MARK); } catch (e) {}
  }
  function toExitPage() { hide(); window.location.replace(exitUrl()); }
  // What stays: KEPT, and the missing-child timeline when the settings stored now (another tab may have
  // changed them) say so: `exit_erases_missing` false in a record of format 2 (src/core/saved.rs,
  // kept_on_exit). Anything else, settings that cannot be read included, deletes it.
  function keptNow() {
    var kept = KEPT.slice();
    try {
      var s = JSON.parse(window.localStorage.getItem("red-flags:settings"));
      if (s && s.v === 2 && s.exit_erases_missing === false) kept.push(MISSING);
    } catch (e) {}
    return kept;
  }
  function clearStored() {
    try {
      var s = window.localStorage;
      var kept = keptNow();
      for (var i = s.length - 1; i >= 0; i--) {
        var k = s.key(i);
        if (k && k.indexOf(PREFIX) === 0 && kept.indexOf(k) < 0) s.removeItem(k);
      }
    } catch (e) {}
  }
  // Calls `then` once the clipboard is emptied, or could not be. A copy command inside the tap is
  // synchronous; otherwise (Escape is not a user gesture) the Clipboard API, waited for briefly.
  function emptyClipboard(then) {
    var copied = false;
    function onCopy(e) {
      if (!e.clipboardData) return;
      e.clipboardData.setData("text/plain", "");
      e.preventDefault();
      copied = true;
    }
    document.addEventListener("copy", onCopy, true);
    try { copied = document.execCommand("copy") && copied; } catch (e) { copied = false; }
    document.removeEventListener("copy", onCopy, true);
    if (copied) { then(); return; }
    try { navigator.clipboard.writeText("").then(then, then); } catch (e) { then(); }
    setTimeout(then, 300);
  }
  function leave(here) {
    hide();
    mark();
    clearStored();
    if (!here) { toExitPage(); return; }
    if (channel) { try { channel.postMessage("exit"); } catch (e) {} }
    var gone = false;
    emptyClipboard(function () { if (!gone) { gone = true; toExitPage(); } });
  }
  function cameBackOrForward() {
    try {
      var nav = performance.getEntriesByType("navigation")[0];
      return !!nav && nav.type === "back_forward";
    } catch (e) { return false; }
  }
  if (marked()) {
    if (cameBackOrForward()) { toExitPage(); return; }
    unmark();
  }
  if (channel) channel.onmessage = function (e) { if (e.data === "exit") leave(false); };
  window.addEventListener("pagehide", function (e) { if (e.persisted) hide(); });
  // A page restored from the back/forward cache does not run scripts again, but fires pageshow.
  window.addEventListener("pageshow", function (e) {
    if (!e.persisted) return;
    if (marked()) toExitPage();
    // With neither storage nor BroadcastChannel this page cannot learn that the tab exited elsewhere:
    // load it afresh (its answers were never saved) rather than show what it held.
    else if (!channel && !storageReadable()) window.location.reload();
    else html.style.removeProperty("display");
  });
  // Before the app's own listeners (capture, on window), so nothing else acts on the tap.
  window.addEventListener("click", function (e) {
    var a = e.target && e.target.closest ? e.target.closest("a.quick-exit") : null;
    if (!a) return;
    e.preventDefault();
    leave(true);
  }, true);
  // An Escape the focused control uses itself is not a press toward leaving: one the page handled
  // (defaultPrevented), one that clears a search field, closes a date or time picker or a list box. So
  // this listens as the event bubbles up to the window, after the page's own handlers. (A screen reader
  // leaving its focus mode keeps that Escape from the page altogether.) Such an Escape also starts the
  // count over: three in a row that leave are three the page did not use.
  function controlUsesEscape(t) {
    if (!t || !t.tagName) return false;
    if (t.tagName === "SELECT") return true;
    if (t.tagName !== "INPUT") return false;
    var type = (t.type || "").toLowerCase();
    if (type === "search") return t.value !== "";
    return type === "date" || type === "time" || type === "datetime-local" || type === "month" || type === "week";
  }
  var escapes = [];
  window.addEventListener("keydown", function (e) {
    // A held key repeats: that is not three deliberate presses.
    if (e.key !== "Escape" || e.repeat) return;
    if (e.defaultPrevented || controlUsesEscape(e.target)) { escapes = []; return; }
    var now = Date.now();
    escapes = escapes.filter(function (t) { return now - t <= 1500; });
    escapes.push(now);
    if (escapes.length >= 3) { escapes = []; leave(true); }
  });
})();

// 2. The language. A Spanish route (`es/…` under the base) is always Spanish: a shared link opens as
// sent. An English route opens in Spanish when Spanish is the language chosen on this device (the
// settings record's `lang`, written by the app's language switch), or, with no choice stored, when the
// browser's first language the app has is Spanish (navigator.languages): the same screen under `es/`,
// before anything is drawn.
(function () {
  "use strict";
  try {
    // Quick exit (above) is already leaving.
    if (document.documentElement.style.getPropertyValue("display") === "none") return;
    var base = new URL(document.baseURI).pathname;
    var path = window.location.pathname;
    if (path + "/" === base) path = base;
    if (path.indexOf(base) !== 0) return;
    var rest = path.slice(base.length);
    if (rest === "es" || rest.indexOf("es/") === 0 || rest.indexOf(".") >= 0 && rest !== "index.html") return;
    var chosen = null;
    try {
      var s = JSON.parse(window.localStorage.getItem("red-flags:settings"));
      if (s && (s.v === 1 || s.v === 2) && (s.lang === "en" || s.lang === "es")) chosen = s.lang;
    } catch (e) {}
    if (!chosen) {
      var langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
      for (var i = 0; i < langs.length && !chosen; i++) {
        var primary = String(langs[i]).toLowerCase().split("-")[0];
        if (primary === "en" || primary === "es") chosen = primary;
      }
    }
    if (chosen !== "es") return;
    rest = rest.replace(/(^|\/)index\.html$/, "");
    document.documentElement.style.setProperty("display", "none", "important");
    window.location.replace(base + "es/" + rest + window.location.search + window.location.hash);
  } catch (e) {}
})();

// 3. The display settings chosen on the Settings screen (src/core/saved.rs writes them; src/state.rs
// applies them once the app runs): applied now, so a returning visitor never sees the default theme or
// text size flash first and the page never shifts when the app starts. Only values the app itself writes
// are used (a test in src/core/settings.rs keeps this list in step with the app's).
(function () {
  "use strict";
  try {
    var s = JSON.parse(window.localStorage.getItem("red-flags:settings"));
    if (!s || s.v !== 1 && s.v !== 2) return;
    var html = document.documentElement;
    // Settings shows what Quick exit does with the missing-child timeline by this (style/main.css).
    if (s.v === 2 && s.exit_erases_missing === false) html.setAttribute("data-exit", "keep-missing");
    if (s.theme === "light" || s.theme === "dark") html.setAttribute("data-theme", s.theme);
    if (s.text_scale === 125 || s.text_scale === 150) {
      html.style.setProperty("--text-scale", String(s.text_scale / 100));
      html.setAttribute("data-text-scale", String(s.text_scale));
    }
    // The discreet look: a neutral tab title and name (style/main.css shows the name with data-look), a
    // muted status bar (the theme-color metas come before this script in <head>, so they exist now).
    // The names in the page's language: content/ui.toml's and content/es/ui.toml's look.* (a test in
    // src/core/settings.rs holds them equal).
    var NAMES = {
      en: { "notes": "Notes", "checklist": "Checklist", "handbook": "Handbook" },
      es: { "notes": "Notas", "checklist": "Lista", "handbook": "Manual" }
    }[html.lang === "es" ? "es" : "en"];
    if (s.look === "notes" || s.look === "checklist" || s.look === "handbook") {
      html.setAttribute("data-look", s.look);
      document.title = NAMES[s.look];
      var light = document.querySelector('meta[name="theme-color"][media*="light"]');
      if (light) light.setAttribute("content", "#3d4148");
    }
  } catch (e) {}
})();

// 4. The app starts after the first paint. The page is whole without it (every route is prerendered, its
// stylesheet inside), so nothing is fetched before that paint: the post-build step (xtask/src/postbuild.rs)
// turns the module bootstrap into <meta name="app-start">, and the JS and WASM preloads, the manifest and
// the icon into inert <link data-rel>. Once the first paint is on the screen they are added for real, the
// preloads first so both download at once. "On the screen" is the first-contentful-paint entry, which
// arrives after the frame is presented: a frame callback alone runs before that, and a busy phone can
// take 100 ms more to present it, so the downloads (and the CPU to compile them) would compete with the paint; Lighthouse
// then counts the WASM as something the paint waited for. Where paint timing is missing, or nothing
// contentful is painted, the app starts a frame later (a second later). A tab opened in the background
// starts the app when it is first shown.
(function () {
  "use strict";
  function start() {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
      return;
    }
    var head = document.head;
    var preloads = document.querySelectorAll('link[data-rel$="preload"]');
    var others = document.querySelectorAll('link[data-rel]:not([data-rel$="preload"])');
    [preloads, others].forEach(function (later) {
      for (var i = 0; i < later.length; i++) {
        var link = later[i].cloneNode(false);
        link.setAttribute("rel", link.getAttribute("data-rel"));
        link.removeAttribute("data-rel");
        head.appendChild(link);
      }
    });
    // The empty icon that kept Chromium from asking for /favicon.ico before the paint.
    var empty = document.querySelectorAll('link[rel="icon"][href="data:,"]');
    for (var k = 0; k < empty.length; k++) empty[k].parentNode.removeChild(empty[k]);
    // The language alternates are written relative (the build does not know the host); search engines
    // and Lighthouse want them absolute, which the page knows once it is loaded.
    var alternates = document.querySelectorAll("link[rel=alternate][hreflang]");
    for (var j = 0; j < alternates.length; j++) {
      alternates[j].setAttribute("href", alternates[j].href);
    }
    var boot = document.querySelector('meta[name="app-start"]');
    if (boot) {
      var script = document.createElement("script");
      script.type = "module";
      script.src = boot.getAttribute("content");
      head.appendChild(script);
    }
  }
  var started = false;
  function once() {
    if (!started) { started = true; window.setTimeout(start, 0); }
  }
  var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
  if (types.indexOf("paint") < 0) {
    window.requestAnimationFrame(once);
    return;
  }
  new PerformanceObserver(function (list, observer) {
    if (list.getEntriesByName("first-contentful-paint").length) { observer.disconnect(); once(); }
  }).observe({ type: "paint", buffered: true });
  window.requestAnimationFrame(function () { window.setTimeout(once, 1000); });
})();
