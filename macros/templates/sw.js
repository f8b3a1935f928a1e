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
const SITE_CACHE = `site-${BUILD}`;
const RUNTIME_CACHE = `runtime-${RUNTIME}`;
const VERSIONED = /\/assets\/(pyodide|wheels|javascripts|stylesheets|js|css)\//; // as in the host headers

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
  if (response.ok) event.waitUntil(cache.put(withoutQuery(request.url), response.clone()));
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
    if (response.ok) event.waitUntil(keepIfNew(cache, withoutQuery(request.url), response.clone()));
    return response;
  } catch (error) {
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    throw error;
  }
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
