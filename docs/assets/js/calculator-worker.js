// Module worker: runs Pyodide and the calculators wheel off the main thread.
// It only moves JSON between the page and calculators.run, and drives calculators.batch.BatchRun
// a slice of rows at a time, so that the page can show progress and stop a long check.
// The runtime lives under a folder named by its version, which the page passes in.
//
// Python starts from a memory snapshot of the interpreter with the engine already imported whenever it
// can (docs/assets/js/snapshot.mjs): the one this reader's browser keeps (in Cache Storage, under the
// address of the build's snapshot, which names the runtime, the standard library and the engine), else,
// on a fast link, the build's own (4.3 MB gzipped). A slow link's first visit starts Python in full,
// which costs CPU and no bytes, and keeps a snapshot of it. A snapshot that fails to start is dropped
// and Python starts in full.
import { Decompress } from "./fzstd.mjs";
import { ENGINE_MODULE, installEngine, packSnapshot, unpackSnapshot } from "./snapshot.mjs";

const SNAPSHOTS = "python-snapshot";
const CAN_KEEP = typeof caches === "object"; // Cache Storage, for the snapshot and the plain files
let pyodide = null;
let engine = null; // calculators.webworker: every call into Python goes through it

// The kept snapshot (packed), or null.
async function savedSnapshot(key) {
  try {
    const hit = await (await caches.open(SNAPSHOTS)).match(key);
    return hit ? new Uint8Array(await hit.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

async function saveSnapshot(key, packed) {
  try {
    const cache = await caches.open(SNAPSHOTS);
    for (const old of await cache.keys()) await cache.delete(old);
    await cache.put(key, new Response(packed));
  } catch {
    // Storage full or unavailable: the next visit simply starts Python in full.
  }
}

// The build's snapshot (packed), or null when it cannot be had: not a failure of the start, which then
// starts Python in full. A host that sends the .gz file with a Content-Encoding of gzip has had it
// decoded already: the gzip magic number tells.
async function builtSnapshot(url) {
  try {
    const response = await realFetch(`${url}.gz`);
    if (!response.ok) return null;
    const bytes = new Uint8Array(await counted(response, () => {}).arrayBuffer());
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
    const plain = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(plain).arrayBuffer());
  } catch {
    return null;
  }
}

// What an earlier visit kept, read while the page still loads (its "prepare" message), before the
// start: the snapshot (12 MB) and the WebAssembly's plain bytes (9.6 MB), by address. Reading is waiting
// on the browser's storage, not computing, so it does not take a core from the page's own start-up as
// compiling would. The WebAssembly then compiles from memory at the start, instead of streaming out of
// Cache Storage through the worker's thread (the gain is measured in dev/PERFORMANCE.md).
const readAhead = new Map();

function prepare({ snapshotUrl, runtimeUrl }) {
  if (!CAN_KEEP) return;
  readAhead.set(snapshotUrl, savedSnapshot(snapshotUrl));
  const wasm = wasmAddress(runtimeUrl);
  readAhead.set(wasm, keptPlain(wasm).then((kept) => kept?.arrayBuffer() ?? null).catch(() => null));
}

// What was read ahead for url (a promise of its bytes, or of null when nothing was kept), once, or undefined.
function takeReadAhead(url) {
  const ahead = readAhead.get(url);
  readAhead.delete(url);
  return ahead;
}

const wasmAddress = (runtimeUrl) => new URL("pyodide.asm.wasm", runtimeUrl).href;

// The snapshot to start from, { packed, kept } (kept: this browser has it already), or null; read (unless
// it was read ahead) or downloaded while the runtime's scripts load.
async function snapshotToStart(url, slowLink) {
  const kept = CAN_KEEP ? await (takeReadAhead(url) ?? savedSnapshot(url)) : null;
  if (kept) return { packed: kept, kept: true };
  const built = slowLink ? null : await builtSnapshot(url);
  return built && { packed: built, kept: false };
}

async function boot(runtimeUrl, stdLibURL, wheelUrl, snapshotUrl, slowLink, calculators) {
  const wasmUrl = wasmAddress(runtimeUrl);
  KEPT.set(wasmUrl, { type: "application/wasm", compressed: slowLink });
  KEPT.set(stdLibURL, { type: "application/zip", compressed: true });
  // Every file the start needs is asked for at once, before the runtime's own script has loaded and
  // asks for them one after another: on a slow link the round trips are seconds.
  for (const url of [new URL("pyodide-lock.json", runtimeUrl).href, stdLibURL]) fetchEarly(url);
  compileEarly(wasmUrl);
  // The runtime's second script (1.2 MB, which loadPyodide would import only once it runs) is imported
  // alongside the first; loadPyodide then finds it in the module map.
  const [{ loadPyodide }, snapshot] = await Promise.all([
    import(new URL("pyodide.mjs", runtimeUrl).href), snapshotToStart(snapshotUrl, slowLink),
    import(new URL("pyodide.asm.mjs", runtimeUrl).href)]);
  if (snapshot) {
    try {
      const runtime = await loadPyodide({ indexURL: runtimeUrl, stdLibURL, _loadSnapshot: unpackSnapshot(snapshot.packed) });
      const api = runtime.pyimport(ENGINE_MODULE);
      api.after_restore(calculators);
      return { runtime, api, keep: snapshot.kept || !CAN_KEEP ? null : () => saveSnapshot(snapshotUrl, snapshot.packed) };
    } catch {
      if (CAN_KEEP) await caches.delete(SNAPSHOTS);
    }
  }
  fetchEarly(wheelUrl);
  const runtime = await loadPyodide({ indexURL: runtimeUrl, stdLibURL, _makeSnapshot: CAN_KEEP });
  postMessage({ type: "progress", stage: "loading_wheel" });
  const api = installEngine(runtime, new Uint8Array(await (await fetch(wheelUrl)).arrayBuffer()));
  if (!CAN_KEEP) return { runtime, api };
  const memory = runtime.makeMemorySnapshot();
  return { runtime, api, keep: () => saveSnapshot(snapshotUrl, packSnapshot(memory)) };
}

// Every byte the runtime fetches passes through here while Python starts, so that the page can show
// real progress (bytes received of the runtime's size, which the build measured) and tell a network
// failure (a refused or dropped download) from a browser that cannot run the engine.
const realFetch = self.fetch.bind(self);
let starting = false;
let received = 0;
let runtimeBytes = 0;
let reported = 0;
let downloaded = false;

function report(force = false) {
  const now = Date.now();
  if (!force && now - reported < 100) return;
  reported = now;
  postMessage({ type: "bytes", received, total: runtimeBytes });
  if (received >= runtimeBytes && !downloaded) {
    downloaded = true;
    postMessage({ type: "progress", stage: "loading_python" });
  }
}

function networkFailure() {
  if (starting) postMessage({ type: "failed", kind: "network" });
}

async function countedFetch(input, init) {
  let response;
  try {
    response = await realFetch(input, init);
  } catch (error) {
    networkFailure();
    throw error;
  }
  if (!starting || !response.body) return response;
  if (!response.ok) { networkFailure(); return response; }
  return counted(response, networkFailure);
}

// The response, its bytes counted as they arrive; a body cut short is reported to cutShort.
// No backpressure: bytes are counted as they arrive, even when Pyodide reads the file later.
function counted(response, cutShort) {
  const counter = new TransformStream({
    transform(chunk, controller) {
      received += chunk.byteLength;
      report();
      controller.enqueue(chunk);
    },
    flush() { report(true); },
  }, undefined, { highWaterMark: Infinity });
  response.body.pipeTo(counter.writable).catch(cutShort);
  return new Response(counter.readable, { status: response.status, statusText: response.statusText,
    headers: response.headers });
}

// The WebAssembly and the standard library, the two big files of a start, are kept plain in Cache Storage
// (PLAIN_FILES) by the first visit, once Python is ready (written meanwhile, they slowed the start),
// for the visits after it, offline ones included. The standard library,
// and the WebAssembly on a slow link, are fetched compressed with zstd (the build's .zst beside each, a
// fifth to a third smaller than a host's gzip) and decompressed here as they arrive, so that the runtime
// sees the plain file and WebAssembly compiles while it downloads. Decoding costs CPU (a fifth of a
// second for the WebAssembly on a desktop), so a fast link takes the plain WebAssembly with the host's gzip.
// Plain address -> { type, compressed }.
const KEPT = new Map();
const PLAIN_FILES = "python-files";
const toKeep = []; // [address, content type, its bytes to come], from this start's downloads

async function keepPlainFiles() {
  try {
    const cache = await caches.open(PLAIN_FILES);
    for (const old of await cache.keys()) if (!KEPT.has(old.url)) await cache.delete(old);
    for (const [url, type, bytes] of toKeep.splice(0)) {
      await cache.put(url, new Response(await bytes, { headers: { "Content-Type": type } }));
    }
  } catch {
    // Storage full or unavailable, or a download cut short: the next visit downloads again.
  }
}

function decompressed(response, type) {
  let decoder;
  const plain = new TransformStream({
    start(controller) { decoder = new Decompress((chunk) => controller.enqueue(chunk)); },
    transform(chunk) { decoder.push(chunk); },
    flush() { decoder.push(new Uint8Array(0), true); },
  });
  return new Response(response.body.pipeThrough(plain), { headers: { "Content-Type": type } });
}

// The plain copy of url an earlier start kept (PLAIN_FILES), or null.
async function keptPlain(url) {
  return CAN_KEEP ? ((await caches.match(url).catch(() => null)) ?? null) : null;
}

async function download(url, init) {
  const file = KEPT.get(url);
  if (!file) return countedFetch(url, init);
  const kept = await keptPlain(url);
  if (kept) return kept;
  let response = await countedFetch(file.compressed ? `${url}.zst` : url, init);
  if (!response.ok) return response;
  if (file.compressed) response = decompressed(response, file.type);
  if (!CAN_KEEP) return response;
  const [plain, copy] = response.body.tee();
  const bytes = new Response(copy).arrayBuffer();
  bytes.catch(() => {}); // a download cut short fails the start itself
  toKeep.push([url, file.type, bytes]);
  return new Response(plain, { headers: { "Content-Type": file.type } });
}

// Responses asked for before the runtime asks, by address; each is handed out once.
const early = new Map();

function fetchEarly(url) {
  const response = download(url);
  response.catch(() => {}); // a failure is reported by countedFetch, and thrown to whoever takes it
  early.set(url, response);
}

// The WebAssembly compiles as it downloads, while the snapshot is read or downloaded too: Pyodide, which
// would only start compiling once it has the snapshot, is handed the module compiled meanwhile, and its
// own requests for the file (a second one if a snapshot fails to start) get an empty answer.
let compiledWasm = null;

function compileEarly(url) {
  const streamed = () => WebAssembly.compileStreaming(download(url));
  const ahead = takeReadAhead(url);
  const compiled = ahead ? ahead.then((bytes) => (bytes ? WebAssembly.compile(bytes) : streamed())) : streamed();
  compiled.catch(() => {}); // a failure is reported by countedFetch, and thrown to Pyodide when it instantiates
  compiledWasm = url;
  WebAssembly.instantiateStreaming = async (_unused, imports) => {
    const module = await compiled;
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
}

// The runtime asks with a string or a URL, and with options that change nothing here (credentials
// "same-origin", or an empty object); a request with an integrity to check goes to the network.
self.fetch = (input, init) => {
  const url = input instanceof Request || init?.integrity ? null : new URL(String(input), self.location.href).href;
  if (!url) return countedFetch(input, init);
  if (url === compiledWasm) return Promise.resolve(new Response(null));
  const response = early.get(url);
  if (!response) return download(url, init);
  early.delete(url);
  return response;
};

// The finder for the standard library's "more" part and the full zip (calculators.webworker): its class is
// in every snapshot, so that a start only makes an instance, and never defines it.
let moreStdlib = null;
let moreStdlibUrl = null;
let moreReady = null;

// The more part, fetched like any file before a wheel that needs it is installed.
function loadMoreStdlib() {
  moreReady ??= (async () => {
    const served = moreStdlib.served(moreStdlibUrl);
    const response = await fetch(served);
    if (!response.ok) throw new Error(`${response.status} ${served}`);
    const data = new Uint8Array(await response.arrayBuffer());
    moreStdlib.mount(moreStdlibUrl, data);
  })().catch((error) => { moreReady = null; throw error; });
  return moreReady;
}

async function start({ runtimeUrl, stdlibUrl, moreUrl, snapshotUrl, fallback, wheelUrl, bytes, slowLink, calculators }) {
  starting = true;
  runtimeBytes = bytes;
  postMessage({ type: "progress", stage: "loading_runtime" });
  const { runtime, api, keep } = await boot(runtimeUrl, stdlibUrl, new URL(wheelUrl, self.location.href).href,
    snapshotUrl, slowLink, calculators);
  pyodide = runtime;
  engine = api;
  moreStdlibUrl = moreUrl;
  moreStdlib = engine.add_finder([[moreUrl, true], [new URL("python_stdlib.zip", runtimeUrl).href, false]], fallback);
  starting = false;
  postMessage({ type: "ready" });
  await Promise.race([firstAnswer, new Promise((resolve) => setTimeout(resolve, KEEP_AFTER_MS))]);
  if (keep) await keep();
  await keepPlainFiles();
}

// What a start keeps (25 MB: the snapshot, the WebAssembly and the standard library) is written once the
// first answer has gone out, or KEEP_AFTER_MS after ready, whichever comes first: written at once, it
// slowed an answer asked for just then several times over (a shared link answers at ready).
// A reader typing takes longer than that.
const KEEP_AFTER_MS = 2000;
let answered;
const firstAnswer = new Promise((resolve) => { answered = resolve; });

const BATCH_SLICE = 2000;
const cancelled = new Set();
let xlsxReady = null;

// openpyxl and its one dependency, self-hosted pure-Python wheels, loaded the first time a workbook is picked.
// A load that fails may have met a damaged copy the service worker kept: those copies are dropped and the
// load tried once more from the network.
function loadXlsxReader(urls) {
  const load = async () => {
    await loadMoreStdlib();
    for (const url of urls) await pyodide.loadPackage(new URL(url, self.location.href).href);
    engine.import_workbook_reader();
  };
  xlsxReady ??= load().catch(async () => {
    const copies = [moreStdlib.served(moreStdlibUrl), ...urls.map((url) => new URL(url, self.location.href).href)];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const url of copies) await cache.delete(url);
    }
    return load();
  });
  return xlsxReady;
}

// segno, a self-hosted pure-Python wheel, loaded the first time an answer's QR code is drawn.
let qrReady = null;

async function qr({ id, url, label, wheel }) {
  qrReady ??= loadMoreStdlib().then(() => pyodide.loadPackage(wheel)).then(() => engine.import_qr());
  try {
    await qrReady;
  } catch (error) {
    qrReady = null;
    throw error;
  }
  const svg = engine.qr_svg(url, label);
  postMessage({ type: "qr", id, svg });
}

// A file is read, then checked, a slice at a time (calculators.batch.BatchRun), with a pause between
// slices that lets a "cancel" message, or a calculator's question, in.
async function batch({ id, name, data, lang, xlsxWheels, sheet }) {
  const isWorkbook = data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
  if (isWorkbook) {
    postMessage({ type: "batch-progress", id, stage: "batch_loading_xlsx" });
    try {
      await loadXlsxReader(xlsxWheels);
    } catch {
      xlsxReady = null;
      postMessage({ type: "batch-failed", id, key: "batch_xlsx_failed" });
      return;
    }
  }
  postMessage({ type: "batch-progress", id, stage: "batch_reading" });
  const run = engine.start_batch(name, data, lang, sheet ?? null);
  try {
    let done = 0;
    while (!run.done) {
      const reading = run.reading;
      if (cancelled.delete(id)) { postMessage({ type: "batch-cancelled", id, done, total: run.total, reading }); return; }
      done = run.step(BATCH_SLICE);
      postMessage({ type: "batch-progress", id, done, total: run.total, reading });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const json = engine.batch_summary(run);
    const bytes = run.download_bytes();
    const csv = bytes.toJs();
    bytes.destroy();
    postMessage({ type: "batch", id, json, csv }, [csv.buffer]);
  } finally {
    run.destroy();
  }
}

self.onmessage = async (event) => {
  const message = event.data;
  try {
    if (message.type === "prepare") {
      prepare(message);
    } else if (message.type === "start") {
      await start(message);
    } else if (message.type === "run") {
      const json = engine.answer(message.name, JSON.stringify(message.inputs));
      postMessage({ type: "answer", id: message.id, json });
      answered();
    } else if (message.type === "qr") {
      await qr(message);
    } else if (message.type === "batch") {
      await batch(message);
    } else if (message.type === "cancel") {
      cancelled.add(message.id);
    }
  } catch (error) {
    postMessage({ type: message.type === "start" ? "failed" : "bug", kind: "failed", id: message.id,
      message: String(error) });
  }
};
