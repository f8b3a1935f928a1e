// The standard library the page downloads: Pyodide's zip cut down to the modules the calculators
// use, compiled, in two parts. Run under real Pyodide (Node) as the page runs it:
// - the start: Python started as the page starts it (for a snapshot), the engine's wheel unpacked by
//   hand, every acceptance case, its shared link, and batch files of every encoding;
// - the more part, fetched only when needed: what a wheel installed with loadPackage, a workbook (openpyxl,
//   and xlrd for an Excel 97-2003 one) and a QR code (segno) import on top, but never part of a package the start has (importlib.metadata
//   stays with importlib): that part only goes on sys.path.
// What is kept, and how it is compiled, is in macros/stdlib_trace.py.
// The worker fetches the full zip if a module is ever missing from both.
// Usage: node macros/stdlib.mjs <runtime folder> <cases.json> <template.xlsx> <roster.xls> <start.zip> <more.zip>
//        <engine wheel> <browser wheel>...
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [runtime, cases, workbook, oldWorkbook, startOut, moreOut, engine, ...wheels] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(runtime, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: runtime + "/", _makeSnapshot: true,
  env: { HOME: "/home/pyodide", PYTHONNODEBUGRANGES: "1" } });
const sitePackages = pyodide.pyimport("sys").path.toJs().find((path) => path.endsWith("site-packages"));
pyodide.unpackArchive(new Uint8Array(readFileSync(engine)), "wheel", { extractDir: sitePackages });
// The tracing is Python's own (macros/stdlib_trace.py), defined once in this interpreter.
pyodide.runPython(readFileSync(new URL("./stdlib_trace.py", import.meta.url), "utf-8"));
const trace = (name) => pyodide.globals.get(name);
trace("trace_start")(readFileSync(cases, "utf-8"));
for (const wheel of wheels) await pyodide.loadPackage(wheel, { messageCallback: () => {} });
trace("trace_more")(new Uint8Array(readFileSync(workbook)), new Uint8Array(readFileSync(oldWorkbook)));
trace("write_parts")("/tmp/start.zip", "/tmp/more.zip");
writeFileSync(startOut, pyodide.FS.readFile("/tmp/start.zip"));
writeFileSync(moreOut, pyodide.FS.readFile("/tmp/more.zip"));
