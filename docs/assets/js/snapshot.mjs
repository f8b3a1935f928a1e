// How the engine and the standard library's finder go into Python, and how a memory snapshot of that
// Python is stored: one module for the worker (which makes a snapshot on a reader's first slow-link visit
// and restores one on the others) and for the build (macros/snapshot.mjs, which makes the snapshot that
// a fast link downloads), so that both make the same interpreter and read the same bytes.
//
// A snapshot is 31 MB of WebAssembly memory, three fifths of it pages Python never wrote. Those are left
// out (a page bitmap says which are kept): 12 MB to store and to read, at no measurable cost.

// What the engine imports: every module a start, an answer or a CSV batch needs, already imported in a snapshot.
export const ENGINE = "import calculators, calculators.batch, calculators.share, calculators.table, calculators.workbook, json";

// Run after a restore, before the engine says it is ready.
// - The snapshot froze the random module's state with the rest of memory, the same for every reader of
//   one build: it is drawn afresh from the browser. (The engine uses no randomness, and its answers do
//   not depend on the hash seed that the snapshot carries: tests/test_cases.py.)
// - Every calculator of the page answers once (all of them where the page names none it knows), from
//   its form's defaults (where a required field has none: its first choice, the year's cutoff for a
//   date, else its minimum), so that a reader's first answer does not wait while the browser compiles
//   the WebAssembly it runs through: restored, Python has run almost none of it (measured in Chromium: a
//   first answer took 10-100 ms in the worker, the next ones 1-2 ms; this costs 10-40 ms once, about
//   half of it for one calculator). It gives back whether each answer was one (JSON), for the tests: an
//   error would warm up the wrong paths.
export const afterRestore = (names) => `
import random
random.seed()


def _warm_up(names):
    import json, calculators, calculators.rules as rules

    def example(field):
        if field["default"] is not None or not field["required"]:
            return field["default"]
        if field.get("choices"):
            return field["choices"][0]["value"]
        return rules.value("cutoff").isoformat() if field["type"] == "date" else field["min"]

    names = [name for name in names if name in calculators.CALCULATORS] or list(calculators.CALCULATORS)
    answers = [calculators.run(name, {field["name"]: example(field) for field in calculators.metadata(name)["fields"]})
               for name in names]
    json.dumps(answers)
    return json.dumps([answer["ok"] for answer in answers])


_warm_up(${JSON.stringify(names)})
`;

// The finder: the page's standard library holds only what the build traced a start and the answers
// using; what a workbook or a QR code needs on top is a second zip (the "more" part), fetched with their
// wheels. A module of the full zip that is in neither (a path the trace never took; the build lists their
// top-level names) is not an error either: its import fetches the next part that may hold it (once,
// synchronously, which a worker may do), the more part and then the full zip, and carries on from it.
// It is defined when the engine is installed, so that every snapshot holds it (defining it after a
// restore took 40-56 ms of every start); the worker makes one with the page's addresses.
const FINDER = `
import importlib, importlib.abc, importlib.machinery, sys

class MoreStandardLibrary(importlib.abc.MetaPathFinder):
    def __init__(self, parts, only_there):
        # (address, where it goes, whether it is served as .zst): the build's more part, then Pyodide's zip.
        self.parts = [(url, f"/lib/{url.rpartition('/')[2]}", compressed) for url, compressed in parts]
        self.only_there = set(only_there)

    def mount(self, url, data):
        """Put the part served at url (its bytes as served, a JavaScript Uint8Array) on the path. A new
        zip needs no invalidate_caches(), which would import importlib.metadata, itself in the more part."""
        path, compressed = self.part(url)
        if path not in sys.path:
            data = data.to_bytes()
            if compressed:
                from compression import zstd
                data = zstd.decompress(data)
            with open(path, "wb") as file:
                file.write(data)
            sys.path.append(path)

    def part(self, url):
        """Where the part whose plain address is url goes, and whether it is served compressed."""
        return next((part, compressed) for address, part, compressed in self.parts if address == url)

    def served(self, url):
        """Where that part is fetched from: its .zst when served compressed."""
        return url + ".zst" if self.part(url)[1] else url

    def fetch(self, url):
        from js import Uint8Array, XMLHttpRequest
        request = XMLHttpRequest.new()
        request.open("GET", self.served(url), False)
        request.responseType = "arraybuffer"
        request.send()
        if request.status != 200:
            return False
        self.mount(url, Uint8Array.new(request.response))
        return True

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] not in self.only_there:
            return None
        for url, part, _ in self.parts:
            if part not in sys.path and not self.fetch(url):
                continue
            # A package that came from another zip looks in this one too, from now on.
            for entry in list(path or []):
                if isinstance(entry, str) and ".zip/" in entry and not entry.startswith(part):
                    twin = part + "/" + entry.split(".zip/", 1)[1]
                    if twin not in path:
                        path.append(twin)
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            if spec:
                return spec
        return None
`;

const PAGE = 4096;

// The engine's wheel unpacked into site-packages by hand and imported: a snapshot cannot be taken
// after loadPackage.
export function installEngine(runtime, wheel) {
  const sitePackages = runtime.runPython("import sys\nnext(p for p in sys.path if p.endswith('site-packages'))");
  runtime.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
  runtime.runPython(ENGINE);
  runtime.runPython(FINDER);
}

// [byte length, page count] (two 32-bit words), one byte per page (1: kept), then the kept pages.
export function packSnapshot(bytes) {
  const aligned = bytes.byteOffset % 4 ? bytes.slice() : bytes;
  const words = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2);
  const pages = Math.ceil(bytes.length / PAGE);
  const kept = new Uint8Array(pages);
  kept[pages - 1] = 1; // the last page may be partial: kept whole, never scanned by words
  for (let page = 0; page < pages - 1; page++) {
    const end = ((page + 1) * PAGE) >> 2;
    for (let word = (page * PAGE) >> 2; word < end; word++) {
      if (words[word]) { kept[page] = 1; break; }
    }
  }
  const count = kept.reduce((sum, bit) => sum + bit, 0);
  const packed = new Uint8Array(8 + pages + count * PAGE);
  new Uint32Array(packed.buffer, 0, 2).set([bytes.length, pages]);
  packed.set(kept, 8);
  let offset = 8 + pages;
  for (let page = 0; page < pages; page++) {
    if (!kept[page]) continue;
    const part = bytes.subarray(page * PAGE, Math.min((page + 1) * PAGE, bytes.length));
    packed.set(part, offset);
    offset += PAGE;
  }
  return packed;
}

export function unpackSnapshot(packed) {
  if (packed.length < 8) throw new Error("not a snapshot");
  const [length, pages] = new Uint32Array(packed.slice(0, 8).buffer);
  const kept = packed.subarray(8, 8 + pages);
  if (pages !== Math.ceil(length / PAGE) || kept.length !== pages) throw new Error("not a snapshot");
  const bytes = new Uint8Array(length);
  let offset = 8 + pages;
  for (let page = 0; page < pages; page++) {
    if (!kept[page]) continue;
    const size = Math.min(PAGE, length - page * PAGE);
    if (offset + size > packed.length) throw new Error("a snapshot cut short");
    bytes.set(packed.subarray(offset, offset + size), page * PAGE);
    offset += PAGE;
  }
  return bytes;
}
