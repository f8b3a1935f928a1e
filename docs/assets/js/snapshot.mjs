// How the engine and the standard library's finder go into Python, and how a memory snapshot of that
// Python is stored: one module for the worker (which makes a snapshot on a reader's first slow-link visit
// and restores one on the others) and for the build (macros/snapshot.mjs, which makes the snapshot that
// a fast link downloads), so that both make the same interpreter and read the same bytes.
//
// A snapshot is 31 MB of WebAssembly memory, three fifths of it pages Python never wrote. Those are left
// out (a page bitmap says which are kept): 12 MB to store and to read, at no measurable cost.

// The engine goes into Python as one module, calculators.webworker (in the wheel): importing it imports
// everything a start, an answer or a roster needs, and it holds what the worker calls (answers, rosters,
// the warm-up after a restore, the standard library's finder), so that no Python lives in a string here.
export const ENGINE_MODULE = "calculators.webworker";

const PAGE = 4096;

// The engine's wheel unpacked into site-packages by hand and imported: a snapshot cannot be taken
// after loadPackage.
export function installEngine(runtime, wheel) {
  const sitePackages = runtime.pyimport("sys").path.toJs().find((path) => path.endsWith("site-packages"));
  runtime.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
  return runtime.pyimport(ENGINE_MODULE);
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
