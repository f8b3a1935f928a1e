// Service worker: the pages, their assets and the Python runtime stay readable offline.
// Pages and unversioned files: network first, so an online reader never sees a stale page;
// the cache answers only when the network does not. Files whose path carries a version (the runtime,
// the wheels, the theme's and our own scripts and styles, named by a hash): cache first. The build
// writes the two names below; a new build gets a new site cache and the old one is deleted.
// An address is kept without its query string: a shared calculation link carries the reader's
// inputs (names included) there, and those never go into storage. The page itself is the same.
// A page is asked for while this worker starts (navigation preload): a browser stops an idle service
// worker after about 30 seconds, so a reader coming back would otherwise wait for it to start before
// the page is even requested (measured in dev/PERFORMANCE.md; longer on a slow phone).
const BUILD = "__BUILD__";
const RUNTIME = "__RUNTIME__";
const RUNTIME_FILES = __RUNTIME_FILES__;
const SEARCH_FILES = __SEARCH_FILES__;
const OFFLINE = __OFFLINE__; // the offline page's words in both languages, and the site's stylesheet
const SITE_CACHE = `site-${BUILD}`;
const RUNTIME_CACHE = `runtime-${RUNTIME}`;
const VERSIONED = new RegExp(__VERSIONED__); // folders of versioned and hashed files (macros/headers.versioned_pattern)

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    await self.registration.navigationPreload?.enable();
    for (const key of await caches.keys()) {
      const ours = key.startsWith("site-") || key.startsWith("runtime-");
      if (ours && key !== SITE_CACHE && key !== RUNTIME_CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

function cacheFor(url) {
  return caches.open(url.pathname.includes("/assets/pyodide/") ? RUNTIME_CACHE : SITE_CACHE);
}

function withoutQuery(url) {
  const bare = new URL(url);
  bare.search = "";
  bare.hash = "";
  return bare.href;
}

// What is stored for a response to an address with a query: the same body and headers, without the
// address, which a stored response keeps (and would give back) as well as its key.
function storable(request, response) {
  if (!new URL(request.url).search) return response;
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

async function keep(url) {
  const bare = withoutQuery(url);
  const cache = await cacheFor(new URL(bare));
  if (!(await cache.match(bare))) await cache.add(bare);
}

// A response goes to the page as it arrives, while a copy is stored: waiting for the copy would hold
// every byte of a 9.6 MB file back until the last one came, which hides a slow download's progress
// and stops the browser compiling the runtime while it downloads.
async function cacheFirst(event) {
  const request = event.request;
  const cache = await cacheFor(new URL(request.url));
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) event.waitUntil(cache.put(withoutQuery(request.url), storable(request, response.clone())));
  return response;
}

// What the server says identifies a version of a file (its ETag or date, and its length); when the copy
// kept says the same, it is not written again: a page and its dozen files were rewritten to storage on
// every visit (30 writes on a calculator page's second visit, 3 now), while the page and the calculators'
// Python started. A host that sends neither an ETag nor a date gets its files written each time.
const VERSION_HEADERS = ["etag", "last-modified", "content-length"];

function sameVersion(kept, response) {
  return (response.headers.has("etag") || response.headers.has("last-modified"))
    && VERSION_HEADERS.every((name) => kept.headers.get(name) === response.headers.get(name));
}

async function keepIfNew(cache, url, response) {
  const kept = await cache.match(url);
  if (!kept || !sameVersion(kept, response)) await cache.put(url, response);
  else await response.body?.cancel(); // the copy's half of the stream, which would otherwise be held
}

async function networkFirst(event) {
  const request = event.request;
  const cache = await cacheFor(new URL(request.url));
  try {
    const response = (await event.preloadResponse) || (await fetch(request));
    if (response.ok) event.waitUntil(keepIfNew(cache, withoutQuery(request.url), storable(request, response.clone())));
    return response;
  } catch (error) {
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    if (request.mode === "navigate") return offlinePage(new URL(request.url));
    throw error;
  }
}

const escaped = (text) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

// A page that is neither online nor kept: the site's own page in the path's language (never the
// browser's error page), listing the pages of that language this device kept, which open offline.
async function offlinePage(url) {
  const scope = new URL(self.registration.scope);
  const english = url.pathname.startsWith(`${scope.pathname}en/`);
  const words = OFFLINE[english ? "en" : "zh"];
  const cache = await caches.open(SITE_CACHE);
  const kept = [];
  for (const request of await cache.keys()) {
    const address = new URL(request.url);
    if (!address.pathname.endsWith("/") || address.pathname.startsWith(`${scope.pathname}en/`) !== english) continue;
    const title = ((await (await cache.match(request)).text()).match(/<title>([^<]*)<\/title>/) || [])[1];
    kept.push(`<li><a href="${escaped(address.href)}">${title || escaped(address.pathname)}</a></li>`);
  }
  const list = kept.length ? `<h2>${words.kept}</h2><ul>${kept.join("")}</ul>` : `<p>${words.none}</p>`;
  const html = `<!doctype html><html lang="${english ? "en" : "zh"}"><head><meta charset="utf-8">`
    + '<meta name="viewport" content="width=device-width,initial-scale=1">'
    + `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; img-src 'self'">`
    + `<title>${words.title}</title><link rel="stylesheet" href="${scope.href}${OFFLINE.style}"></head>`
    + `<body class="offline-page"><main data-offline><h1>${words.title}</h1><p>${words.lead}</p>${list}</main></body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== location.origin) return;
  if (url.pathname.endsWith(".bin.gz")) return; // the build's snapshot: the calculators' worker keeps it itself
  event.respondWith(VERSIONED.test(url.pathname) ? cacheFirst(event) : networkFirst(event));
});

// What a page loaded before this worker controlled it (the first visit) is kept on request:
// the page sends its own resources, with which go the search worker's files (it loads them only when
// the reader searches); a calculator page asks for the runtime as well.
self.addEventListener("message", (event) => {
  const { urls = [], runtime = false } = event.data || {};
  const scope = self.registration.scope;
  const wanted = [...urls, ...(runtime ? RUNTIME_FILES : SEARCH_FILES).map((path) => new URL(path, scope).href)]
    .filter((url) => new URL(url).origin === location.origin);
  event.waitUntil(Promise.allSettled(wanted.map(keep)));
});
