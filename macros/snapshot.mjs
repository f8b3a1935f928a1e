// The memory snapshot a fast link downloads on its first visit: Python started on the page's cut-down
// standard library, the engine's wheel unpacked and imported, exactly as the worker does it
// (docs/assets/js/snapshot.mjs), and stored packed as the worker stores the snapshot it keeps.
// Usage: node macros/snapshot.mjs <runtime folder> <start standard library .zip> <engine wheel> <output>
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { installEngine, packSnapshot } from "../docs/assets/js/snapshot.mjs";

const [runtime, stdlib, wheel, output] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(runtime, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: runtime + "/", stdLibURL: stdlib, _makeSnapshot: true });
installEngine(pyodide, new Uint8Array(readFileSync(wheel)));
writeFileSync(output, packSnapshot(pyodide.makeMemorySnapshot()));
