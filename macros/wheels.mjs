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
const COMPILE = `
import base64, hashlib, importlib.util, sys, zipfile
import importlib._bootstrap_external as external

SITE_PACKAGES = next(p for p in sys.path if p.endswith("site-packages"))


def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}\\n"


with zipfile.ZipFile("/tmp/in.whl") as wheel, zipfile.ZipFile("/tmp/out.whl", "w", zipfile.ZIP_DEFLATED) as compiled:
    record = next(name for name in wheel.namelist() if name.endswith(".dist-info/RECORD"))
    lines = []
    for info in wheel.infolist():
        if info.filename == record:
            continue
        data = wheel.read(info)
        if info.filename.endswith(".py"):
            code = compile(data, f"{SITE_PACKAGES}/{info.filename}", "exec", dont_inherit=True)
            data = bytes(external._code_to_hash_pyc(code, importlib.util.source_hash(data), False))
            info = zipfile.ZipInfo(info.filename + "c", info.date_time)
        compiled.writestr(info, data, zipfile.ZIP_DEFLATED)
        lines.append(record_line(info.filename, data))
    compiled.writestr(zipfile.ZipInfo(record, wheel.getinfo(record).date_time), "".join(lines) + f"{record},,\\n",
                      zipfile.ZIP_DEFLATED)
`;
for (const wheel of wheels) {
  pyodide.FS.writeFile("/tmp/in.whl", new Uint8Array(readFileSync(wheel)));
  pyodide.runPython(COMPILE);
  writeFileSync(join(output, basename(wheel)), pyodide.FS.readFile("/tmp/out.whl"));
}
