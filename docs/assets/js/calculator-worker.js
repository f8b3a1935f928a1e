// Module worker: runs Pyodide and the calculators wheel off the main thread.
// It only moves JSON between the page and calculators.run, and drives calculators.batch.BatchRun
// a slice of rows at a time, so that the page can show progress and stop a long check.
// The runtime lives under a folder named by its version, which the page passes in.
//
// The first visit keeps a memory snapshot of the interpreter with the engine already imported
// (31 MB, in Cache Storage, keyed by the runtime, the standard library and the wheel, all three
// versioned URLs); later visits start from it without initialising Python or importing anything.
// It is stored uncompressed: gzip took longer than a reader may stay on the page. A snapshot
// cannot be taken after loadPackage, so the engine's wheel is unpacked by hand; one that fails to
// start is dropped and Python starts in full.
const SNAPSHOTS = "python-snapshot";
const ENGINE = "import calculators, calculators.batch, calculators.share, calculators.table, json";
let pyodide = null;

async function savedSnapshot(key) {
  try {
    const hit = await (await caches.open(SNAPSHOTS)).match(key);
    if (!hit) return null;
    return new Uint8Array(await hit.arrayBuffer());
  } catch {
    return null;
  }
}

async function saveSnapshot(key, bytes) {
  try {
    const cache = await caches.open(SNAPSHOTS);
    for (const old of await cache.keys()) await cache.delete(old);
    await cache.put(key, new Response(bytes));
  } catch {
    // Storage full or unavailable: the next visit simply starts Python in full.
  }
}

async function installEngine(runtime, wheelUrl) {
  postMessage({ type: "progress", stage: "loading_wheel" });
  const wheel = new Uint8Array(await (await fetch(wheelUrl)).arrayBuffer());
  const sitePackages = runtime.runPython("import sys\nnext(p for p in sys.path if p.endswith('site-packages'))");
  runtime.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
  runtime.runPython(ENGINE);
}

async function boot(runtimeUrl, stdLibURL, wheelUrl) {
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeUrl).href);
  // Named by the wheel's folder (a hash of the engine's sources) and the standard library's file (a hash
  // of what it was made from); an address without a query string, as every address this site keeps.
  const wheelFolder = new URL(wheelUrl).pathname.split("/").at(-2);
  const stdlibFile = new URL(stdLibURL).pathname.split("/").at(-1).replace(/\.zip$/, "");
  const key = new URL(`python-snapshot-${wheelFolder}-${stdlibFile}.bin`, runtimeUrl).href;
  const canKeep = typeof caches === "object";
  const saved = canKeep ? await savedSnapshot(key) : null;
  if (saved) {
    try {
      const runtime = await loadPyodide({ indexURL: runtimeUrl, stdLibURL, _loadSnapshot: saved });
      runtime.runPython(ENGINE);
      return { runtime };
    } catch {
      await caches.delete(SNAPSHOTS);
    }
  }
  const runtime = await loadPyodide({ indexURL: runtimeUrl, stdLibURL, _makeSnapshot: canKeep });
  await installEngine(runtime, wheelUrl);
  if (!canKeep) return { runtime };
  const snapshot = runtime.makeMemorySnapshot();
  return { runtime, keep: () => saveSnapshot(key, snapshot) };
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

self.fetch = async (input, init) => {
  let response;
  try {
    response = await realFetch(input, init);
  } catch (error) {
    networkFailure();
    throw error;
  }
  if (!starting || !response.body) return response;
  if (!response.ok) { networkFailure(); return response; }
  // No backpressure: bytes are counted as they arrive, even when Pyodide reads the file later.
  const counter = new TransformStream({
    transform(chunk, controller) {
      received += chunk.byteLength;
      report();
      controller.enqueue(chunk);
    },
    flush() { report(true); },
  }, undefined, { highWaterMark: Infinity });
  response.body.pipeTo(counter.writable).catch(networkFailure);
  return new Response(counter.readable, { status: response.status, statusText: response.statusText,
    headers: response.headers });
};

// The page's standard library holds only what the build traced the engine using. A module of the
// full zip that is not in it (a path the trace never took; the build lists them) is not an error:
// the first such import fetches the full zip (once, synchronously, which a worker may do) and
// carries on from it.
const FULL_STDLIB = `
import importlib, importlib.abc, importlib.machinery, sys

class FullStandardLibrary(importlib.abc.MetaPathFinder):
    def __init__(self, url, only_there):
        self.url = url
        self.only_there = set(only_there)
        self.path = "/lib/python_stdlib_full.zip"

    def fetch(self):
        from js import Uint8Array, XMLHttpRequest
        request = XMLHttpRequest.new()
        request.open("GET", self.url, False)
        request.responseType = "arraybuffer"
        request.send()
        if request.status != 200:
            return False
        with open(self.path, "wb") as file:
            file.write(Uint8Array.new(request.response).to_bytes())
        sys.path.append(self.path)
        return True

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] not in self.only_there:
            return None
        if self.path not in sys.path and not self.fetch():
            return None
        # A package that came from the cut-down zip looks in the full one too, from now on.
        for entry in list(path or []):
            if isinstance(entry, str) and ".zip/" in entry and not entry.startswith(self.path):
                twin = self.path + "/" + entry.split(".zip/", 1)[1]
                if twin not in path:
                    path.append(twin)
        importlib.invalidate_caches()
        return importlib.machinery.PathFinder.find_spec(name, path)

sys.meta_path.append(FullStandardLibrary(full_stdlib_url, only_there))
`;

async function start({ runtimeUrl, stdlibUrl, fallback, wheelUrl, bytes }) {
  starting = true;
  runtimeBytes = bytes;
  postMessage({ type: "progress", stage: "loading_runtime" });
  const { runtime, keep } = await boot(runtimeUrl, stdlibUrl, new URL(wheelUrl, self.location.href).href);
  pyodide = runtime;
  call(FULL_STDLIB, { full_stdlib_url: new URL("python_stdlib.zip", runtimeUrl).href, only_there: fallback });
  starting = false;
  postMessage({ type: "ready" });
  if (keep) await keep();
}

const BATCH_SLICE = 2000;
const cancelled = new Set();
let xlsxReady = null;

// openpyxl and its one dependency, self-hosted pure-Python wheels, loaded the first time a workbook is picked.
function loadXlsxReader(urls) {
  xlsxReady ??= (async () => {
    for (const url of urls) await pyodide.loadPackage(new URL(url, self.location.href).href);
    pyodide.runPython("import openpyxl");
  })();
  return xlsxReady;
}

// segno, a self-hosted pure-Python wheel, loaded the first time an answer's QR code is drawn.
let qrReady = null;

async function qr({ id, url, label, wheel }) {
  qrReady ??= pyodide.loadPackage(wheel).then(() => pyodide.runPython("import segno"));
  try {
    await qrReady;
  } catch (error) {
    qrReady = null;
    throw error;
  }
  const svg = call("import calculators.share as s\ns.qr_svg(url, label)", { url, label });
  postMessage({ type: "qr", id, svg });
}

async function batch({ id, name, data, lang, xlsxWheels }) {
  const isWorkbook = data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
  if (isWorkbook) {
    postMessage({ type: "batch-progress", id, stage: "batch_loading_xlsx" });
    try { await loadXlsxReader(xlsxWheels); } catch { xlsxReady = null; }
  }
  postMessage({ type: "batch-progress", id, stage: "batch_reading" });
  const run = call("import calculators.batch as b\nb.BatchRun(name, bytes(data), lang)", { name, data, lang });
  try {
    const total = run.total;
    while (!run.done) {
      if (cancelled.delete(id)) { postMessage({ type: "batch-cancelled", id, done: run.position, total }); return; }
      const done = run.step(BATCH_SLICE);
      postMessage({ type: "batch-progress", id, done, total });
      await new Promise((resolve) => setTimeout(resolve, 0)); // lets a "cancel" message in
    }
    const json = call("import json\njson.dumps(run.summary())", { run });
    const bytes = run.csv_bytes();
    const csv = bytes.toJs();
    bytes.destroy();
    postMessage({ type: "batch", id, json, csv }, [csv.buffer]);
  } finally {
    run.destroy();
  }
}

function call(expression, args) {
  const globals = pyodide.toPy(args);
  try {
    return pyodide.runPython(expression, { globals });
  } finally {
    globals.destroy();
  }
}

self.onmessage = async (event) => {
  const message = event.data;
  try {
    if (message.type === "start") {
      await start(message);
    } else if (message.type === "run") {
      const json = call("import calculators, json\njson.dumps(calculators.run(name, json.loads(inputs)))",
        { name: message.name, inputs: JSON.stringify(message.inputs) });
      postMessage({ type: "answer", id: message.id, json });
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
