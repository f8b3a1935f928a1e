// Starts the calculators' engine from the page's head, while the rest of the page is still being read
// and laid out: the worker and its own scripts load before the theme's stylesheets and scripts are even
// asked for. The build writes this script into the head of every page with a calculator, inline: a
// script of its own would wait for its download and then for its turn behind the first layout and the
// theme's bundle, several times later in the navigation. Its element
// says where the worker, the runtime, the engine and the standard library are. What the worker says
// before the page's script (calculator.js) listens is kept for it; that script finds the engine, how
// to start another and the worker's address in window.calculatorEngine.
//
// On a fast link the worker is told to start only once the theme has started (its DOMContentLoaded
// handler has run). Starting Python means compiling the WebAssembly and restoring a snapshot, which on
// a 2-core machine took a core from the theme's bundle and made the page's longest task exceed the
// 50 ms goal, while Python was ready as soon (dev/PERFORMANCE.md has the runs). On a slow
// link the downloads are what takes long (seconds), so they start at once. Either way the worker is told
// at once to read what an earlier visit kept, the snapshot and the WebAssembly (22 MB from the browser's
// storage: waiting, not computing): read after the start, they were what the restore waited for last.
(() => {
"use strict";
const where = document.currentScript.dataset;
const address = (path) => new URL(path, location.href).href;
const workerUrl = address(where.worker);

// A slow link, where the WebAssembly is worth fetching compressed with zstd and decoding in the worker,
// and the build's snapshot (4.3 MB) not worth fetching at all: the page's own first byte came SLOW_MS or
// more after its request (a phone's mobile data, 150 ms a round trip in Lighthouse's profile, rather than
// a desktop's broadband or fibre). The first byte, not the last: this script runs before the page has
// finished arriving. Without the timing, slow.
const SLOW_MS = 50;
const navigation = performance.getEntriesByType?.("navigation")[0];
const slowLink = !navigation?.responseStart || navigation.responseStart - navigation.requestStart >= SLOW_MS;

// What a start downloads, in bytes, for the progress bar.
const runtimeBytes = Number(slowLink ? where.bytesSlow : where.bytesFast);

// A worker started (or the reason it cannot be: "no_wasm", "no_worker") whose messages and errors are
// kept until listen() is called, then handed over in order.
function startEngine() {
  const engine = { worker: null, failed: null, kept: [], listener: null };
  engine.listen = (listener) => {
    engine.listener = listener;
    for (const event of engine.kept.splice(0)) listener(event);
  };
  if (typeof WebAssembly !== "object") { engine.failed = "no_wasm"; return engine; }
  if (typeof Worker !== "function") { engine.failed = "no_worker"; return engine; }
  try {
    engine.worker = new Worker(workerUrl, { type: "module" });
  } catch {
    engine.failed = "no_worker";
    return engine;
  }
  const keep = (event) => (engine.listener ? engine.listener(event) : engine.kept.push(event));
  engine.worker.onmessage = keep;
  engine.worker.onerror = keep;
  engine.worker.postMessage({ type: "prepare", snapshotUrl: address(where.snapshot), runtimeUrl: address(where.runtime) });
  const start = () => engine.worker.postMessage({ type: "start", wheelUrl: address(where.wheel),
    runtimeUrl: address(where.runtime), stdlibUrl: address(where.stdlib), moreUrl: address(where.stdlibMore),
    snapshotUrl: address(where.snapshot), fallback: where.stdlibFallback.split(","), bytes: runtimeBytes, slowLink,
    calculators: where.calculators.split(",") });
  if (slowLink || document.readyState !== "loading") start();
  else document.addEventListener("DOMContentLoaded", () => setTimeout(start, 0), { once: true });
  return engine;
}

// A reader whose browser asks to save data (Data Saver) gets no engine until they start on the form
// (calculator.js starts it then, and says meanwhile how much it will download). The browser says so
// itself, or through the host: a host that reads the request's Save-Data header answers with a
// Server-Timing entry (the nginx snippet does: macros/headers.py); a static host that cannot read
// request headers leaves it to the browser.
const hostSaw = navigation?.serverTiming?.find((entry) => entry.name === "save-data")?.description;
const saveData = navigator.connection?.saveData === true || hostSaw === "on";
window.calculatorEngine = { first: saveData ? null : startEngine(), start: startEngine, runtimeBytes, workerUrl };
})();
