// Every byte a start of Python downloads passes through here, so that the page can show real progress
// (bytes received of the runtime's size, which the build measured) and tell a network failure (a refused
// or dropped download) from a browser that cannot run the engine.
//
// The only module that patches a global: fetch and WebAssembly.instantiateStreaming, which Pyodide calls
// for the standard library and the WebAssembly and offers no option to replace (its lock file and its
// second script are handed over by documented options: worker-start.mjs). PATCHED_FOR names the Pyodide
// these patches were checked against; a test fails when package.json names another, so that an upgrade
// checks them again (CONTRIBUTING.md).
import { Decompress } from "./fzstd.mjs";
import { FAILURE, FROM_WORKER, STAGE } from "./protocol.mjs";
import { NotTheSameFile, continues, readOrStall, skipping, versionOf } from "./worker-splice.mjs";
import { CAN_KEEP, dropPlain, keepPlainFiles, keptPlain, takeReadAhead } from "./worker-kept.mjs";

export const PATCHED_FOR = "314.0.7";
export const realFetch = self.fetch.bind(self);

let starting = false;
let received = 0;
let runtimeBytes = 0;
let reported = 0;
let downloaded = false;

// Counting runs from the start message until Python is ready.
export function countStart(total) { starting = true; runtimeBytes = total; }
export function stopCounting() { starting = false; }

function report(force = false) {
  const now = Date.now();
  if (!force && now - reported < 100) return;
  reported = now;
  postMessage({ type: FROM_WORKER.bytes, received, total: runtimeBytes });
  if (received >= runtimeBytes && !downloaded) {
    downloaded = true;
    postMessage({ type: FROM_WORKER.progress, stage: STAGE.python });
  }
}

function networkFailure() {
  if (starting) postMessage({ type: FROM_WORKER.failed, kind: FAILURE.network });
}

// A download whose body is cut short, or stalls for STALL_MS, waits for the reader's Retry (resume())
// and then continues from the byte it stopped at: a Range request with If-Range. Only the same file is
// spliced: a 206 whose Content-Range starts at that byte (and ends the file of the first answer), or a
// whole file (a host that ignores ranges) of the first answer's version, of which what already arrived
// is skipped. Anything else (a file changed meanwhile, a range that does not fit) fails the download,
// which fails the start, and the next Retry starts again from the first byte. A Retry while the link
// is still down waits for the next one. Only a body the host
// sent as it is (no Content-Encoding) can be continued so: a host compresses a file on the fly afresh
// for each request, so its bytes have no ranges to continue from. The files the worker fetches itself go
// this way (the WebAssembly, the standard library, the build's snapshot, the engine's wheel, and any
// file a host sends as it is); the runtime's two scripts, which the worker imports, cannot (ENGINE.md).
let resumeNow = null;
let resumed = new Promise((resolve) => { resumeNow = resolve; });

export function resume() {
  const go = resumeNow;
  resumed = new Promise((resolve) => { resumeNow = resolve; });
  go();
}

// A cut the page is told of (during a start), with Retry; resolves when the reader presses it.
function untilRetry() {
  if (starting) postMessage({ type: FROM_WORKER.failed, kind: FAILURE.network, resumable: true });
  return resumed;
}

export function resumable(url, init, response) {
  const version = versionOf(response);
  if (!version || response.headers.get("Content-Encoding") || !response.body) return response;
  const length = Number(response.headers.get("Content-Length")) || 0;
  let reader = response.body.getReader();
  let received = 0;
  const reopen = async () => {
    const again = await realFetch(url, { ...init, headers: { Range: `bytes=${received}-`, "If-Range": version } });
    if (again.status === 206 && continues(again, received, length)) return again.body.getReader();
    if (again.status === 200 && versionOf(again) === version && !again.headers.get("Content-Encoding")) {
      return skipping(again.body, received);
    }
    again.body?.cancel().catch(() => {});
    if (again.ok) throw new NotTheSameFile(url);
    throw new Error(`${again.status} ${url}`);
  };
  const body = new ReadableStream({
    async pull(controller) {
      for (;;) {
        try {
          const { done, value } = await readOrStall(reader);
          if (done) controller.close();
          else { received += value.byteLength; controller.enqueue(value); }
          return;
        } catch {
          reader.cancel().catch(() => {});
          reader = null;
          while (!reader) {
            await untilRetry();
            reader = await reopen().catch((error) => error);
            if (reader instanceof NotTheSameFile) { controller.error(reader); return; }
            if (reader instanceof Error) reader = null;
          }
        }
      }
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

// The network's response; a refusal or an error status is reported as the network's failure.
async function fetched(input, init) {
  let response;
  try {
    response = await realFetch(input, init);
  } catch (error) {
    networkFailure();
    throw error;
  }
  if (!response.ok) networkFailure();
  return response;
}

// A script the runtime is made of, imported by address: its bytes cannot be counted or continued
// (ENGINE.md), but a cut import waits for Retry like a download, so that the downloads cut with it keep
// what arrived. Retry imports it again, beside an import that still hangs on a lost signal, under
// another address (a worker keeps a failed import's failure); the first to arrive is taken.
export async function importScript(url) {
  const tries = [];
  for (;;) {
    tries.push(import(tries.length ? `${url}?retry=${tries.length}` : url));
    const next = await Promise.race([Promise.any(tries).then((module) => ({ module }), () => ({ cut: true })),
      resumed.then(() => ({}))]);
    if (next.module) return next.module;
    if (next.cut && !starting) throw new Error(`cannot import ${url}`);
    if (next.cut) await untilRetry();
  }
}

async function countedFetch(input, init) {
  const response = await fetched(input, init);
  if (!starting || !response.body || !response.ok) return response;
  return counted(typeof input === "string" ? resumable(input, init, response) : response, networkFailure);
}

// The response, its bytes counted as they arrive; a body cut short is reported to cutShort.
// No backpressure: bytes are counted as they arrive, even when Pyodide reads the file later.
export function counted(response, cutShort) {
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
// by the first visit, once Python is ready (written meanwhile, they slowed the start), for the visits after
// it, offline ones included. The standard library, and the WebAssembly on a slow link, are fetched
// compressed with zstd (the build's .zst beside each, a fifth to a third smaller than a host's gzip) and
// decompressed here as they arrive, so that the runtime sees the plain file and WebAssembly compiles while
// it downloads. Decoding costs CPU, so a fast link takes the plain WebAssembly with the host's gzip.
const KEPT = new Map(); // plain address -> { type, compressed }
const toKeep = []; // [address, content type, its bytes to come], from this start's downloads

export function keepPlain(url, type, compressed) { KEPT.set(url, { type, compressed }); }
export const keepDownloads = () => keepPlainFiles(new Set(KEPT.keys()), toKeep.splice(0));

function decompressed(response, type) {
  let decoder;
  const plain = new TransformStream({
    start(controller) { decoder = new Decompress((chunk) => controller.enqueue(chunk)); },
    transform(chunk) { decoder.push(chunk); },
    flush() { decoder.push(new Uint8Array(0), true); },
  });
  return new Response(response.body.pipeThrough(plain), { headers: { "Content-Type": type } });
}

export async function download(url, init) {
  const file = KEPT.get(url);
  if (!file) return countedFetch(url, init);
  const kept = await keptPlain(url);
  if (kept) return kept;
  const address = file.compressed ? `${url}.zst` : url;
  let response = await fetched(address, init);
  if (!response.ok) return response;
  response = counted(resumable(address, init, response), () => {}); // a cut is reported by resumable
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

export function fetchEarly(url) {
  const response = download(url);
  response.catch(() => {}); // a failure is reported by countedFetch, and thrown to whoever takes it
  early.set(url, response);
}

// The WebAssembly compiles as it downloads, while the snapshot is read or downloaded too: Pyodide, which
// would only start compiling once it has the snapshot, is handed the module compiled meanwhile, and its
// own requests for the file (a second one if a snapshot fails to start) get an empty answer.
let compiledWasm = null;

export function compileEarly(url) {
  const streamed = () => WebAssembly.compileStreaming(download(url));
  const ahead = takeReadAhead(url);
  // A kept copy that is damaged is not the start's failure: it is dropped and the file downloaded again.
  const fromKept = (bytes) => WebAssembly.compile(bytes).catch(() => dropPlain(url).then(streamed));
  const compiled = ahead ? ahead.then((bytes) => (bytes ? fromKept(bytes) : streamed())) : streamed();
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
