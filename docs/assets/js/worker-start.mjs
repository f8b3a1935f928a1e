// Starting Python in the worker. It starts from a memory snapshot of the interpreter with the engine
// already imported whenever it can (snapshot.mjs): the one this reader's browser keeps, under the address
// of the build's snapshot (which names the runtime, the standard library and the engine), else, on a fast
// link, the build's own (4.3 MB gzipped). A slow link's first visit starts Python in full, which costs CPU
// and no bytes, and keeps a snapshot of it. A snapshot that fails to start is dropped and Python starts
// in full.
import { FROM_WORKER, STAGE } from "./protocol.mjs";
import { ENGINE_MODULE, installEngine, packSnapshot, unpackSnapshot } from "./snapshot.mjs";
import {
  compileEarly, countStart, counted, download, fetchEarly, importScript, keepDownloads, keepPlain, realFetch, resumable,
  stopCounting,
} from "./worker-downloads.mjs";
import {
  CAN_KEEP, dropSnapshots, savedSnapshot, saveSnapshot, snapshotKept, takeReadAhead, wasmAddress,
} from "./worker-kept.mjs";

// What a start keeps (25 MB: the snapshot, the WebAssembly and the standard library) is written once the
// first answer has gone out, or KEEP_AFTER_MS after ready, whichever comes first: written at once, it
// slowed an answer asked for just then several times over (a shared link answers at ready).
// A reader typing takes longer than that.
const KEEP_AFTER_MS = 2000;
let answered;
const firstAnswer = new Promise((resolve) => { answered = resolve; });
export const firstAnswerSent = () => answered();

// The build's snapshot (packed), or null when it cannot be had: not a failure of the start, which then
// starts Python in full. A download cut short waits for Retry and continues, as the runtime's own do.
// A host that sends the .gz file with a Content-Encoding of gzip has had it decoded already: the gzip
// magic number tells.
async function builtSnapshot(url) {
  try {
    const address = `${url}.gz`;
    const response = await realFetch(address);
    if (!response.ok) return null;
    const bytes = new Uint8Array(await counted(resumable(address, undefined, response), () => {}).arrayBuffer());
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
    const plain = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(plain).arrayBuffer());
  } catch {
    return null;
  }
}

// The snapshot to start from, { packed, kept } (kept: this browser has it already), or null; read (unless
// it was read ahead) or downloaded while the runtime's scripts load.
async function snapshotToStart(url, slowLink) {
  const kept = CAN_KEEP ? await (takeReadAhead(url) ?? savedSnapshot(url)) : null;
  if (kept) return { packed: kept, kept: true };
  const built = slowLink ? null : await builtSnapshot(url);
  return built && { packed: built, kept: false };
}

// { runtime, engine, keep }: keep() writes what this start has to keep (or is null).
async function boot({ runtimeUrl, stdlibUrl, wheelUrl, snapshotUrl, slowLink, calculators }) {
  // Said before any byte is counted, so that the page never shows a download this start will not make.
  if (CAN_KEEP && await snapshotKept(snapshotUrl)) postMessage({ type: FROM_WORKER.progress, stage: STAGE.kept });
  const wasmUrl = wasmAddress(runtimeUrl);
  keepPlain(wasmUrl, "application/wasm", slowLink);
  keepPlain(stdlibUrl, "application/zip", true);
  // Every file the start needs is asked for at once, before the runtime's own script has loaded and
  // asks for them one after another: on a slow link the round trips are seconds. The lock file and the
  // runtime's second script (1.2 MB) go in by loadPyodide's documented options; the standard library
  // and the WebAssembly through the patched fetch (worker-downloads.mjs).
  const lockFileContents = download(new URL("pyodide-lock.json", runtimeUrl).href).then((response) => response.json());
  fetchEarly(stdlibUrl);
  compileEarly(wasmUrl);
  const [{ loadPyodide }, snapshot, { default: createPyodideModule }] = await Promise.all([
    importScript(new URL("pyodide.mjs", runtimeUrl).href), snapshotToStart(snapshotUrl, slowLink),
    importScript(new URL("pyodide.asm.mjs", runtimeUrl).href)]);
  const options = { indexURL: runtimeUrl, stdLibURL: stdlibUrl, lockFileContents, createPyodideModule };
  if (snapshot) {
    try {
      const runtime = await loadPyodide({ ...options, _loadSnapshot: unpackSnapshot(snapshot.packed) });
      const engine = runtime.pyimport(ENGINE_MODULE);
      engine.after_restore(calculators);
      return { runtime, engine, keep: snapshot.kept || !CAN_KEEP ? null : () => saveSnapshot(snapshotUrl, snapshot.packed) };
    } catch {
      await dropSnapshots();
    }
  }
  fetchEarly(wheelUrl);
  const runtime = await loadPyodide({ ...options, _makeSnapshot: CAN_KEEP });
  postMessage({ type: FROM_WORKER.progress, stage: STAGE.wheel });
  const engine = installEngine(runtime, new Uint8Array(await (await fetch(wheelUrl)).arrayBuffer()));
  if (!CAN_KEEP) return { runtime, engine, keep: null };
  const memory = runtime.makeMemorySnapshot();
  return { runtime, engine, keep: () => saveSnapshot(snapshotUrl, packSnapshot(memory)) };
}

// Starts Python with the engine (the start message: the addresses, the download's size, the link's
// speed); resolves with { runtime, engine, more } once ready has been said, and keeps what it should
// afterwards. more: the standard library's finder (calculators.webworker) for the parts a start leaves out.
export async function start(message) {
  countStart(message.bytes);
  postMessage({ type: FROM_WORKER.progress, stage: STAGE.runtime });
  const wheelUrl = new URL(message.wheelUrl, self.location.href).href;
  const { runtime, engine, keep } = await boot({ ...message, wheelUrl });
  const more = engine.add_finder([[message.moreUrl, true], [new URL("python_stdlib.zip", message.runtimeUrl).href, false]],
    message.fallback);
  stopCounting();
  postMessage({ type: FROM_WORKER.ready });
  const started = { runtime, engine, more, moreUrl: message.moreUrl };
  const keepLater = async () => {
    await Promise.race([firstAnswer, new Promise((resolve) => setTimeout(resolve, KEEP_AFTER_MS))]);
    if (keep) await keep();
    await keepDownloads();
  };
  return { started, kept: keepLater() };
}
