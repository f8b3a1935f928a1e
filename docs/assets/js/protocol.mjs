// Every message between a calculator page and its worker, by name, and the kinds of failure a start
// reports: the one place that says what each side may send. The page (calculator.js and its modules)
// and the worker (calculator-worker.js and its modules) import these names; the head's engine script
// (runtime.js, inline and not a module) sends the first two by the same names, and a test reads it.

// Page to worker.
export const TO_WORKER = Object.freeze({
  prepare: "prepare", // { snapshotUrl, runtimeUrl }: read what an earlier visit kept, before the start
  start: "start", // { runtimeUrl, stdlibUrl, moreUrl, snapshotUrl, fallback, wheelUrl, bytes, slowLink, calculators }
  run: "run", // { id, name, inputs }: one answer
  qr: "qr", // { id, url, label, wheel }: the QR code of an answer's link
  batch: "batch", // { name, data, lang, xlsxWheels, sheet }: a roster's bytes, to a worker started for it
  resume: "resume", // the reader pressed Retry after a download was cut short: continue it
});

// Worker to page.
export const FROM_WORKER = Object.freeze({
  bytes: "bytes", // { received, total }: the start's downloads
  progress: "progress", // { stage }: one of STAGE
  ready: "ready", // the engine answers from now on
  failed: "failed", // { kind, resumable }: one of FAILURE; the start has failed, or (resumable) waits for resume
  answer: "answer", // { id, json }: the engine's answer
  qr: "qr", // { id, svg }: the SVG, or none for a link too long
  batchProgress: "batch-progress", // { stage } while loading, then { done, total, reading }
  batch: "batch", // { json, csv }: the summary and the result file
  batchFailed: "batch-failed", // { key }: an interface message's key
  bug: "bug", // { id, message }: a request the worker could not carry out
});

// The stages of a start (each also the key of the words the page shows for it).
export const STAGE = Object.freeze({
  runtime: "loading_runtime",
  kept: "loading_kept", // this device kept what a start needs: nothing big to download
  python: "loading_python",
  wheel: "loading_wheel",
});

// A roster's stages before its rows are read, and why a roster's check failed (each also the key of the
// words the page shows for it).
export const BATCH_STAGE = Object.freeze({ starting: "batch_starting", loading: "batch_loading_xlsx", reading: "batch_reading" });
export const BATCH_FAILURE = Object.freeze({ worker: "batch_worker_failed", reader: "batch_xlsx_failed" });

// Why a start failed: the network (a download refused or cut short) or the engine itself.
export const FAILURE = Object.freeze({ network: "network", failed: "failed" });
