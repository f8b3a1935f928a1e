// What the worker keeps for the next visit, in Cache Storage, and reads back: the interpreter's snapshot
// (python-snapshot) and the plain WebAssembly and standard library (python-files). This module is those
// two caches' only owner (ARCHITECTURE.md lists every cache and its owner).
export const CAN_KEEP = typeof caches === "object";
const SNAPSHOTS = "python-snapshot";
const PLAIN_FILES = "python-files";

// The kept snapshot (packed), or null.
export async function savedSnapshot(key) {
  try {
    const hit = await (await caches.open(SNAPSHOTS)).match(key);
    return hit ? new Uint8Array(await hit.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

// Whether a snapshot is kept (its entry found, its 12 MB not read): the start then downloads nothing big.
export async function snapshotKept(key) {
  try {
    return Boolean(await (await caches.open(SNAPSHOTS)).match(key));
  } catch {
    return false;
  }
}

export async function saveSnapshot(key, packed) {
  try {
    const cache = await caches.open(SNAPSHOTS);
    for (const old of await cache.keys()) await cache.delete(old);
    await cache.put(key, new Response(packed));
  } catch {
    // Storage full or unavailable: the next visit simply starts Python in full.
  }
}

// A snapshot that failed to start is never tried again.
export async function dropSnapshots() {
  if (CAN_KEEP) await caches.delete(SNAPSHOTS);
}

// The plain copy of url an earlier start kept, or null.
export async function keptPlain(url) {
  return CAN_KEEP ? ((await caches.match(url).catch(() => null)) ?? null) : null;
}

// A kept copy that does not compile is dropped, so that the start downloads the file afresh (and keeps that).
export async function dropPlain(url) {
  if (CAN_KEEP) await caches.open(PLAIN_FILES).then((cache) => cache.delete(url)).catch(() => false);
}

// Keeps this start's downloads of plain files, [address, content type, promise of its bytes] each, and
// drops any address but those of this runtime's (an older runtime's).
export async function keepPlainFiles(addresses, files) {
  try {
    const cache = await caches.open(PLAIN_FILES);
    for (const old of await cache.keys()) if (!addresses.has(old.url)) await cache.delete(old);
    for (const [url, type, bytes] of files) {
      await cache.put(url, new Response(await bytes, { headers: { "Content-Type": type } }));
    }
  } catch {
    // Storage full or unavailable, or a download cut short: the next visit downloads again.
  }
}

// What an earlier visit kept, read while the page still loads (the "prepare" message), before the
// start: the snapshot (12 MB) and the WebAssembly's plain bytes (9.6 MB), by address. Reading is waiting
// on the browser's storage, not computing, so it does not take a core from the page's own start-up as
// compiling would. The WebAssembly then compiles from memory at the start, instead of streaming out of
// Cache Storage through the worker's thread (the gain is measured in dev/PERFORMANCE.md).
const readAhead = new Map();

export const wasmAddress = (runtimeUrl) => new URL("pyodide.asm.wasm", runtimeUrl).href;

export function prepare({ snapshotUrl, runtimeUrl }) {
  if (!CAN_KEEP) return;
  readAhead.set(snapshotUrl, savedSnapshot(snapshotUrl));
  const wasm = wasmAddress(runtimeUrl);
  readAhead.set(wasm, keptPlain(wasm).then((kept) => kept?.arrayBuffer() ?? null).catch(() => null));
}

// What was read ahead for url (a promise of its bytes, or of null when nothing was kept), once, or undefined.
export function takeReadAhead(url) {
  const ahead = readAhead.get(url);
  readAhead.delete(url);
  return ahead;
}
