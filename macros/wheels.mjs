// The pinned pure-Python wheels the page installs when a reader needs them (openpyxl and et-xmlfile for a
// workbook, segno for the answer sheet's QR code), served as bytecode for the page's Python (3.14), compiled
// under Pyodide in Node. From source, Python compiled every module on import: openpyxl's 178 took about a
// second in Node before a workbook could be read, segno's 0.2 s before the first QR code, and a Calculate
// pressed meanwhile waited. Each module's source is replaced by its bytecode (a sourceless .pyc where the
// .py was, as the standard library the page downloads is), docstrings kept, column positions left out as
// there; RECORD lists the new files with their hashes.
// Usage: node macros/wheels.mjs <runtime folder> <output folder> <wheel>...
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

const [runtime, output, ...wheels] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(runtime, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: runtime + "/", env: { HOME: "/home/pyodide", PYTHONNODEBUGRANGES: "1" } });
// The compiling is Python's own (macros/compile_wheel.py), defined once in this interpreter.
pyodide.runPython(readFileSync(new URL("./compile_wheel.py", import.meta.url), "utf-8"));
const compileWheel = pyodide.globals.get("compile_wheel");
for (const wheel of wheels) {
  pyodide.FS.writeFile("/tmp/in.whl", new Uint8Array(readFileSync(wheel)));
  compileWheel("/tmp/in.whl", "/tmp/out.whl");
  writeFileSync(join(output, basename(wheel)), pyodide.FS.readFile("/tmp/out.whl"));
}
