// Red flags' service worker: offline-first, following Workbox's precache model, written by hand (no
// library, nothing from another origin).
//
// - install:  download every file of the build (the list below, written at build time by
//             `cargo xtask post-build`, xtask/src/precache.rs), check that each is the real file
//             (HTTP ok, right type, SHA-256 equal to its revision), store them all in this version's
//             cache, or fail the install and store nothing.
// - activate: delete this app's caches of other versions *of this deploy* (its scope: another build of
//             the app under another path of the same origin keeps its own); take control of open pages.
// - fetch:    navigations inside the scope get the app shell (shell.html: the page with "Loading…",
//             which the app replaces with the route) from the cache, so every route, even one never
//             visited, opens offline (the prerendered pages are for visits over the network); precached files come from this version's
//             cache; everything else goes to the network untouched and is never cached.
// - repair:   a cache can vanish under a live worker (the browser evicts it under storage pressure, or
//             the person clears it). A navigation that finds it gone or incomplete is answered by the
//             network and fills the cache again in the background; with no network either, by a small
//             page built in here with the call links (offlinePage), never the browser's error page.
// - Spanish:  nothing Spanish is precached (an English visit fetches none of it). The first Spanish
//             navigation fetches the Spanish shell, exit page and manifest (PRECACHE.lazy, checked by
//             their revisions) and keeps them in this version's cache; a version installed from a
//             Spanish page, or replacing one that had them, fetches them at install.
//             Until then a Spanish route offline gets the English shell, and the app renders it in
//             Spanish from its URL; the built-in offline page is in the route's language.
// - updates:  a new version waits until the page asks it to take over ({type: 'SKIP_WAITING'}), which
//             the page does only when the person chooses "Reload". Until then the old worker keeps
//             answering from its own cache, so old JS and WASM are never mixed with new.
'use strict';

// <precache> written by `cargo xtask post-build` (xtask/src/precache.rs); do not edit by hand.
const PRECACHE = {"cache":"red-flags-unbuilt","shell":"./","entries":[],"lazy":[],"offline":{}};
// </precache>

// Every cache of this app starts with this (precache.rs CACHE_PREFIX).
const CACHE_PREFIX = 'red-flags-';

// URLs in the list are paths under Trunk's public URL; resolve them against this script's URL.
const abs = (url) => new URL(url, self.location.href).href;
const SHELL = abs(PRECACHE.shell);
// This deploy's caches: the prefix, the public URL (the folder of the shell), a space, then the
// version (precache.rs `cache_prefix`). Builds on other paths of the origin have other names.
const OWN_PREFIX = CACHE_PREFIX + new URL(SHELL).pathname.replace(/[^/]*$/, '') + ' ';
// Names from before caches were named per deploy: `red-flags-` and 16 hex digits, any deploy's.
const UNSCOPED_NAME = /^red-flags-[0-9a-f]{16}$/;
const REVISIONS = new Map(PRECACHE.entries.map((e) => [abs(e.url), e.revision]));
// The Spanish shell, exit page and manifest with their revisions: kept once a Spanish route is opened.
const LAZY = new Map(PRECACHE.lazy.map((e) => [abs(e.url), e.revision]));
const ES_SHELL = abs('es/shell.html');
// The Spanish routes: under the scope's `es` folder.
const ES_SCOPE = new URL('es', SHELL).href;

// What a file must be served as. `trunk serve` and SPA hosts answer a missing file with index.html and
// status 200: such an answer for a script is an error, never something to cache.
function expectedType(url) {
  const path = new URL(url).pathname;
  if (url === SHELL || path.endsWith('.html')) return 'text/html';
  if (path.endsWith('.js')) return 'javascript';
  if (path.endsWith('.wasm')) return 'application/wasm';
  if (path.endsWith('.css')) return 'text/css';
  if (path.endsWith('.png')) return 'image/png';
  if (path.endsWith('.svg')) return 'image/svg+xml';
  return null;
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

// Downloads one file and returns a response that is certainly that file. The HTTP cache is taken
// first, as it is, however old and whatever the host said about caching ('force-cache'): on a first
// visit the page has just downloaded the same WASM and JS, and fetching them again (or only asking
// whether they changed, which some hosts answer with the whole file) would double what a slow
// connection carries. The digest check makes that safe: a stale or substituted copy from the cache is
// fetched once more, past the cache, and checked again.
async function fetchVerified(url, revision) {
  try {
    return await fetchChecked(url, revision, 'force-cache');
  } catch (err) {
    return fetchChecked(url, revision, 'reload');
  }
}

async function fetchChecked(url, revision, cacheMode) {
  const res = await fetch(new Request(url, { cache: cacheMode, credentials: 'same-origin' }));
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const type = (res.headers.get('content-type') || '').toLowerCase();
  const want = expectedType(url);
  if (want !== 'text/html' && type.includes('text/html')) {
    throw new Error(`${url}: got an HTML page instead of the file (missing on the server?)`);
  }
  if (want && !type.includes(want)) throw new Error(`${url}: served as "${type}", expected ${want}`);
  const body = await res.arrayBuffer();
  const digest = hex(await crypto.subtle.digest('SHA-256', body));
  if (digest !== revision) {
    throw new Error(`${url}: content is not this build's (stale or substituted file)`);
  }
  // A fresh response: not marked as redirected (which navigations refuse), same status and headers.
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}

// Whether an older version of this deploy kept the Spanish shell: someone reads the app in Spanish.
async function spanishWasKept() {
  if (!LAZY.has(ES_SHELL)) return false;
  for (const name of await caches.keys()) {
    if (name !== PRECACHE.cache && name.startsWith(OWN_PREFIX) && (await (await caches.open(name)).match(ES_SHELL))) {
      return true;
    }
  }
  return false;
}

// Whether a page of this deploy open now is a Spanish one: the visit that installs the worker is read in
// Spanish, so the Spanish files are kept at once (offline at the next visit, with no other visit first).
async function spanishOpen() {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  return windows.some((w) => isSpanish(new URL(w.url)));
}

async function precache() {
  const cache = await caches.open(PRECACHE.cache);
  try {
    const wanted = new Map(REVISIONS);
    if (LAZY.has(ES_SHELL) && ((await spanishWasKept()) || (await spanishOpen()))) {
      LAZY.forEach((revision, url) => wanted.set(url, revision));
    }
    // Download and check everything first, then store: all or nothing.
    const files = await Promise.all(
      Array.from(wanted, async ([url, revision]) => [url, await fetchVerified(url, revision)]),
    );
    await Promise.all(files.map(([url, res]) => cache.put(url, res)));
  } catch (err) {
    // The cache name is unique to this build and worker, so no running version uses it.
    await caches.delete(PRECACHE.cache);
    throw err;
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = (await caches.keys()).filter((name) => name !== PRECACHE.cache);
      await Promise.all(
        names.map(async (name) => {
          if (name.startsWith(OWN_PREFIX) || (UNSCOPED_NAME.test(name) && (await ownsUnscoped(name)))) {
            await caches.delete(name);
          }
        }),
      );
      await self.clients.claim();
      // Installed from an English page while a Spanish one was opened: keep the Spanish files now.
      if (await spanishOpen()) await spanishShell(await caches.open(PRECACHE.cache));
    })(),
  );
});

// An unscoped cache (an older build's) is this deploy's if it holds this deploy's shell: the shell is
// the one URL every build of a deploy precaches and no other deploy does.
async function ownsUnscoped(name) {
  const cache = await caches.open(name);
  return Boolean(await cache.match(SHELL));
}

self.addEventListener('message', (event) => {
  const type = event.data && event.data.type;
  if (type === 'SKIP_WAITING') {
    self.skipWaiting();
  } else if (type === 'GET_VERSION' && event.ports[0]) {
    // For tests and diagnostics: which build this worker serves.
    event.ports[0].postMessage({ cache: PRECACHE.cache });
  }
});

// From this version's own cache only (never another version's), else the network.
async function fromCache(key, request) {
  const cache = await caches.open(PRECACHE.cache);
  const hit = await cache.match(key);
  return hit || fetch(request);
}

// One repair at a time: every navigation while the cache is missing asks for one.
let repairing = null;

function repair() {
  if (!repairing) {
    repairing = precache().finally(() => {
      repairing = null;
    });
  }
  return repairing.catch(() => {
    // Offline or the server has a newer build: the next navigation tries again (or the new worker installs).
  });
}

// Whether a URL is a Spanish route (`<scope>es`, `<scope>es/…`).
function isSpanish(url) {
  return url.href === ES_SCOPE || url.href.startsWith(ES_SCOPE + '/');
}

// The Spanish shell: from this version's cache, else fetched with the other Spanish files (the exit
// page, the manifest), checked and kept (all or none); null offline.
async function spanishShell(cache) {
  if (!LAZY.has(ES_SHELL)) return null;
  const hit = await cache.match(ES_SHELL);
  if (hit) return hit;
  try {
    const files = await Promise.all(
      Array.from(LAZY, async ([url, revision]) => [url, await fetchVerified(url, revision)]),
    );
    await Promise.all(files.map(([url, res]) => cache.put(url, res.clone())));
    return files.find(([url]) => url === ES_SHELL)[1];
  } catch (err) {
    return null;
  }
}

// A Spanish file kept in the cache (the exit page, the manifest), else, for a page, its English twin from
// the cache (the manifest's relative URLs would be wrong one folder down), else the network.
async function lazyFile(key, request) {
  const cache = await caches.open(PRECACHE.cache);
  const english = key.replace(ES_SCOPE + '/', new URL('./', SHELL).href);
  return (await cache.match(key)) || (key.endsWith('.html') && (await cache.match(english))) || fetch(request);
}

// Answers a navigation: the shell (Spanish for a Spanish route, once it can be had) from this version's
// cache; if the cache is gone, the network, and with no network either, the built-in offline page.
async function navigate(event) {
  const cache = await caches.open(PRECACHE.cache);
  const url = new URL(event.request.url);
  const spanish = isSpanish(url);
  const shell = await cache.match(SHELL);
  if (!shell || (await cache.keys()).length < REVISIONS.size) {
    event.waitUntil(repair());
  }
  // A route whose own page is precached (the missing-child steps must read without the app) gets it.
  const page = await cache.match(routePage(url));
  if (page) return page;
  if (shell && spanish) return (await spanishShell(cache)) || shell;
  if (shell) return shell;
  try {
    return await fetch(event.request);
  } catch (err) {
    return offlinePage(spanish ? 'es' : 'en');
  }
}

// The offline page's texts (from the data, written at build time); English if the build has none.
const OFFLINE_EN = {
  title: 'Red flags: no connection',
  heading: 'No connection',
  text: 'The app could not open with no connection on this device. You can still call.',
  call_911: 'Call 911',
  emergency: 'A child is missing or in danger now',
  call_ncmec: 'Call NCMEC',
  try_again: 'Try again',
};

function escapeHtml(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// The last resort, built in because it must work with nothing cached: the call links, plain HTML
// with no script and no style (the app's stylesheet is inside its pages, which are gone with the
// cache), so it passes the host's CSP and carries a stricter one of its own.
function offlinePage(lang) {
  const found = PRECACHE.offline[lang] ? lang : 'en';
  const texts = Object.assign({}, OFFLINE_EN, PRECACHE.offline[found]);
  // The agency edition's numbers (none in the general edition), after the national two.
  const agency = (texts.agency || [])
    .map(
      (a) =>
        `<p><a class="call-link" href="${escapeHtml(a.tel)}"><span class="call-link-name">${escapeHtml(a.name)}</span> <span class="call-link-number">${escapeHtml(a.shown)}</span></a></p>\n`,
    )
    .join('');
  delete texts.agency;
  const t = Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, escapeHtml(v)]));
  const html = `<!doctype html>
<html lang="${found}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title>
</head>
<body>
<main id="main" class="offline-page">
<h1>${t.heading}</h1>
<p>${t.text}</p>
<p><a class="call-link" href="tel:911"><span class="call-link-name">${t.call_911}</span> <span class="call-link-number">${t.emergency}</span></a></p>
<p><a class="call-link" href="tel:+18008435678"><span class="call-link-name">${t.call_ncmec}</span> <span class="call-link-number">1-800-THE-LOST (1-800-843-5678)</span></a></p>
${agency}<p><a href="">${t.try_again}</a></p>
</main>
</body>
</html>
`;
  return new Response(html, {
    status: 503,
    statusText: 'Service Unavailable',
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy':
        "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      'Cache-Control': 'no-store',
    },
  });
}

// A navigation to a client route: inside the scope, and a last path segment without a dot (a file
// opened directly, like the manifest or an icon, goes to the network as usual).
// The prerendered page of a route: `<scope>missing` → `<scope>missing/index.html`.
function routePage(url) {
  const path = url.pathname.replace(/\/index\.html$/, '').replace(/\/$/, '');
  return url.origin + path + '/index.html';
}

function isAppRoute(url) {
  if (!url.href.startsWith(self.registration.scope)) return false;
  const last = url.pathname.split('/').pop();
  return !last.includes('.') || last === 'index.html';
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && isAppRoute(url)) {
    event.respondWith(navigate(event));
    return;
  }
  const key = url.origin + url.pathname;
  if (REVISIONS.has(key)) {
    event.respondWith(fromCache(key, request));
  } else if (LAZY.has(key)) {
    event.respondWith(lazyFile(key, request));
  }
  // Anything else: no respondWith, so the browser fetches it normally and nothing is stored.
});
