// The standard library the page downloads: Pyodide's zip cut down to the modules the calculators
// use, compiled, in two parts. Run under real Pyodide (Node) as the page runs it:
// - the start: Python started as the page starts it (for a snapshot), the engine's wheel unpacked by
//   hand, every acceptance case, its shared link, and batch files of every encoding;
// - the more part, fetched only when needed: what a wheel installed with loadPackage, a workbook (openpyxl)
//   and a QR code (segno) import on top, but never part of a package the start has (importlib.metadata
//   stays with importlib): that part only goes on sys.path.
// Every module that came from the standard library zip is kept, as bytecode for this Python (3.14):
// Python then starts without compiling its startup modules from source, which is most of a cold start.
// Docstrings are left out of the bytecode (asserts stay), and so are column positions (the interpreter
// runs with PYTHONNODEBUGRANGES: tracebacks keep their line numbers): a third of the bytes.
// The worker fetches the full zip if a module is ever missing from both.
// Usage: node macros/stdlib.mjs <runtime folder> <cases.json> <template.xlsx> <start.zip> <more.zip>
//        <engine wheel> <browser wheel>...
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [runtime, cases, workbook, startOut, moreOut, engine, ...wheels] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(runtime, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: runtime + "/", _makeSnapshot: true,
  env: { HOME: "/home/pyodide", PYTHONNODEBUGRANGES: "1" } });
const sitePackages = pyodide.runPython("import sys\nnext(p for p in sys.path if p.endswith('site-packages'))");
pyodide.unpackArchive(new Uint8Array(readFileSync(engine)), "wheel", { extractDir: sitePackages });
pyodide.globals.set("cases_json", readFileSync(cases, "utf-8"));
pyodide.globals.set("workbook", new Uint8Array(readFileSync(workbook)));
pyodide.runPython(`
import ast, importlib._bootstrap_external as external, importlib.util, json, sys, zipfile
import calculators, calculators.batch as batch, calculators.share as share, calculators.table, calculators.workbook

STDLIB = "/lib/python314.zip"


def from_stdlib():
    return {m.__file__[len(STDLIB) + 1:] for m in list(sys.modules.values())
            if (getattr(m, "__file__", None) or "").startswith(STDLIB + "/")}


for case in json.loads(cases_json):
    calculators.run(case["calculator"], case["input"])
    share.query(case["input"] if isinstance(case["input"], dict) else {})
for name, text, encoding in (("tenure", "取得现资格时间,晋升所需年限\\n2018-01-01,5\\n=1,x\\n", "gb18030"),
                             ("ce_hours", "public_hours\\tprofessional_hours\\n30\\t60\\n", "utf-16"),
                             ("quota", "\\ufeffenterprise_level;nominee_count\\nnational;3\\n", "utf-8")):
    run = batch.BatchRun(name, text.encode(encoding), "zh")
    while not run.done:
        run.step(100)
    run.csv_bytes()
    run.summary()
start = from_stdlib()
`);
for (const wheel of wheels) await pyodide.loadPackage(wheel, { messageCallback: () => {} });
pyodide.runPython(`
share.qr_svg("https://example.org/calculators/tenure/?qualified_on=2018-12-31", "QR")
run = batch.BatchRun("tenure", bytes(workbook.to_py()), "en")
while not run.done:
    run.step(100)
run.csv_bytes()
more = from_stdlib() - start
# A package lives in one part: its __path__ is that zip, so a submodule in the other part would not be found.
packages_at_start = {name.split("/")[0] for name in start if "/" in name}
start |= {name for name in more if name.split("/")[0] in packages_at_start}
more -= start


def without_docstrings(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \\
                    and isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.Pass()]
    return tree


full = zipfile.ZipFile(STDLIB)
# Stored, not deflated: the build compresses each part whole with zstd, which finds what modules share.
for names, path in ((start, "/tmp/start.zip"), (more, "/tmp/more.zip")):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as trimmed:
        for name in sorted(names):
            source = full.read(name)
            code = compile(ast.fix_missing_locations(without_docstrings(ast.parse(source))), f"{STDLIB}/{name}",
                           "exec", dont_inherit=True)
            entry = zipfile.ZipInfo(name + "c", full.getinfo(name).date_time)
            trimmed.writestr(entry, bytes(external._code_to_hash_pyc(code, importlib.util.source_hash(source), False)))
`);
writeFileSync(startOut, pyodide.FS.readFile("/tmp/start.zip"));
writeFileSync(moreOut, pyodide.FS.readFile("/tmp/more.zip"));
