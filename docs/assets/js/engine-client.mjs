// The page's side of the engine: takes over the worker that the head's script (runtime.js) started,
// watches its start, and asks it questions. What the reader sees of all this is the page's (calculator.js),
// told through the hooks given to startEngine.
//
// No fixed deadline while the runtime downloads: the start fails as a network failure only when no byte
// has arrived for STALL_MS, and as an engine that cannot start only when Python, with every byte in, is
// still not ready after START_MS (a policy or browser that stops WebAssembly hangs).
import { BATCH_FAILURE, BATCH_STAGE, FAILURE, FROM_WORKER, STAGE, TO_WORKER } from "./protocol.mjs";

const { first: firstEngine, start: newEngine, runtimeBytes, workerUrl } = window.calculatorEngine;
const STALL_MS = 30000;
const START_MS = 90000;
const QUIET_MS = 5000;
const FAILURES = { [FAILURE.network]: "failed_network", [FAILURE.failed]: "failed" };

// A start that fails where earlier visits kept the engine's files may have met a damaged copy (half a
// WebAssembly, an error page kept in place of a script), which would fail every visit after it. Those
// copies are dropped and the engine started once more from the network, and the page says so; only a
// second failure is reported, and then it is the network's or the browser's.
const KEPT_CACHES = /^(python-files|python-snapshot|runtime-)/;

let hooks = null; // { stage(stage, bytes), ready(), failed(key), repairing() }
let worker = null;
let ready = false;
let repaired = false;
let asked = false; // a Data Saver visit's engine has been started
let paused = false; // a download was cut short; the worker waits for Retry
let failing = false; // this start's failure is being told
let lastBytes = null;
let stage = STAGE.runtime;
let lastSign = 0;
let watchdog = null;
let nextId = 1;
let whenReady = null;
const pending = new Map(); // request id -> its resolve

// The reply of a roster check the reader stopped (the page's own: its worker says nothing more).
export const BATCH_STOPPED = "batch-stopped";
export const engineReady = new Promise((resolve) => { whenReady = resolve; });
export const isReady = () => ready;
export const newId = () => nextId++;

// Asks the worker; resolves with its reply (an answer, or a "bug" when it could not answer).
export function ask(message, id = newId()) {
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker.postMessage({ ...message, id });
  });
}

// A roster's check runs in a worker of its own, started for it (from what this device keeps, as a
// second visit's engine starts) and ended when the check is: Stop ends it at once, whatever Python is
// doing inside a row or a library, and the calculator's own worker keeps answering meanwhile.
// onProgress hears the roster worker's start ({ stage: BATCH_STAGE.starting }) and then the check's progress.
export function askBatch(message, onProgress) {
  const engine = newEngine();
  let last = {};
  let settle = null;
  const reply = new Promise((resolve) => { settle = resolve; });
  const end = (data) => {
    engine.worker?.terminate();
    settle(data);
  };
  if (engine.failed) end({ type: FROM_WORKER.batchFailed, key: BATCH_FAILURE.worker });
  else {
    onProgress({ stage: BATCH_STAGE.starting });
    engine.listen((event) => {
      const data = event.type === "error" ? { type: FROM_WORKER.failed } : event.data;
      if (data.type === FROM_WORKER.ready) {
        engine.worker.postMessage({ type: TO_WORKER.batch, ...message }, [message.data.buffer]);
      } else if (data.type === FROM_WORKER.batchProgress) {
        last = data;
        onProgress(data);
      } else if (data.type === FROM_WORKER.failed) {
        end({ type: FROM_WORKER.batchFailed, key: BATCH_FAILURE.worker });
      } else if ([FROM_WORKER.batch, FROM_WORKER.batchFailed, FROM_WORKER.bug].includes(data.type)) {
        end(data);
      }
    });
  }
  const cancel = () => end({ type: BATCH_STOPPED, done: last.done ?? 0, total: last.total ?? 0, reading: last.reading ?? true });
  return { reply, cancel };
}

function stopWorker() {
  clearInterval(watchdog);
  worker?.terminate();
  worker = null;
}

function failAll(key) {
  ready = false;
  stopWorker();
  hooks.failed(key);
  document.dispatchEvent(new Event("calculators-settled"));
  pending.clear();
}

// The caches that hold something (the worker opens its own at the start, which creates them empty).
async function keptCaches() {
  const names = (await caches.keys().catch(() => [])).filter((name) => KEPT_CACHES.test(name));
  const held = await Promise.all(names.map(async (name) => (await (await caches.open(name)).keys()).length > 0));
  return names.filter((_, i) => held[i]);
}

// The first failure a start reports is the one told: a download cut short makes the start fail in turn
// (its message may come before the worker is stopped), and that must not be told over it as an engine
// that cannot start.
async function failStart(key) {
  if (failing) return;
  failing = true;
  if (!repaired && typeof caches === "object") {
    const kept = await keptCaches().catch(() => []);
    if (kept.length) {
      repaired = true;
      stopWorker();
      await Promise.all(kept.map((name) => caches.delete(name).catch(() => false)));
      listen(newEngine());
      hooks.repairing();
      return;
    }
  }
  failAll(key);
}

function showStage(next, bytes = null) {
  stage = next;
  lastSign = performance.now();
  if (!ready) hooks.stage(stage, stage === STAGE.runtime ? bytes : null);
}

function becomeReady() {
  clearInterval(watchdog);
  ready = true;
  whenReady();
  document.dispatchEvent(new Event("calculators-settled"));
  navigator.serviceWorker?.ready.then((registration) => registration.active.postMessage({ runtime: true }));
  hooks.ready();
}

function heard(data) {
  if (data.type === FROM_WORKER.bytes) {
    lastBytes = data;
    if (paused) return;
    if (stage === STAGE.runtime) showStage(STAGE.runtime, data);
    else lastSign = performance.now();
  } else if (data.type === FROM_WORKER.progress) {
    if (!ready && data.stage !== stage) showStage(data.stage);
  } else if (data.type === FROM_WORKER.ready) {
    becomeReady();
  } else if (data.type === FROM_WORKER.failed && data.resumable) {
    pause();
  } else if (data.type === FROM_WORKER.failed) {
    if (!ready && !paused) failStart(FAILURES[data.kind] || "failed");
  } else if (pending.has(data.id)) {
    const done = pending.get(data.id);
    pending.delete(data.id);
    done(data);
  }
}

// Bytes arriving keep the start alive; a silence of STALL_MS while downloading is a network failure, and
// one of QUIET_MS is said meanwhile (the wait's words would otherwise stand still on the last estimate).
function watch() {
  clearInterval(watchdog);
  watchdog = setInterval(() => {
    const quiet = performance.now() - lastSign;
    if (stage === STAGE.runtime && quiet > STALL_MS) failStart("failed_network");
    else if (stage !== STAGE.runtime && quiet > START_MS) failStart("failed");
    else if (stage === STAGE.runtime && quiet >= QUIET_MS && lastBytes?.received > 0 && !ready) {
      hooks.stage(stage, { ...lastBytes, quiet: Math.floor(quiet / 1000) });
    }
  }, 1000);
}

// Listens to an engine started by the head's script (or by a Retry, or a repair).
function listen(engine) {
  if (engine.failed) { failAll(engine.failed); return; }
  worker = engine.worker;
  failing = false;
  showStage(STAGE.runtime, { received: 0, total: runtimeBytes });
  watch();
  // A worker that fails before it says anything: its script did not arrive (network), or this browser
  // cannot run a module worker. Fetching the script again tells which.
  let said = false;
  const broke = async () => {
    if (said) { failStart("failed"); return; }
    try {
      failAll((await fetch(workerUrl, { cache: "no-store" })).ok ? "no_worker" : "failed_network");
    } catch {
      failAll("failed_network");
    }
  };
  engine.listen((event) => {
    if (worker !== engine.worker) return; // a worker given up on (failAll) says nothing more
    if (event.type === "error") { broke(); return; }
    said = true;
    heard(event.data);
  });
}

// Takes over the engine the head started; the hooks show its stages, its readiness and its failure.
// Under Data Saver the head started none: the page says so (hooks.deferred) until startWhenAsked().
export function startEngine(pageHooks) {
  hooks = pageHooks;
  if (firstEngine) listen(firstEngine);
  else hooks.deferred(runtimeBytes);
}

// The reader has started on a form (or a roster): the engine a Data Saver visit put off starts now.
export function startWhenAsked() {
  if (!firstEngine && !worker && !ready && !asked) {
    asked = true;
    listen(newEngine());
  }
}

// A download cut short: the worker keeps what arrived and waits; the reader is told, with Retry.
function pause() {
  if (ready || paused) return;
  paused = true;
  clearInterval(watchdog);
  hooks.failed("failed_network");
}

// A Retry continues a download cut short (the worker asks for the rest), or starts a new engine.
export function retry() {
  if (paused && worker) {
    paused = false;
    worker.postMessage({ type: TO_WORKER.resume });
    showStage(STAGE.runtime, lastBytes);
    watch();
  } else if (!worker && !ready) {
    listen(newEngine());
  }
}
