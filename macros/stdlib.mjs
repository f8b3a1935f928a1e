// The standard library the page downloads: Pyodide's zip cut down to the modules the calculators
// use, compiled. Run under real Pyodide (Node) on the built wheels: the acceptance cases, batch
// files of every encoding, a workbook (openpyxl) and a QR code (segno), installed with loadPackage
// as the page installs them. Every module that came from the standard library zip is kept, as
// bytecode for this Python (3.14): Python then starts without compiling its startup modules from
// source, which is most of a cold start. Docstrings are left out of the bytecode (asserts stay).
// The worker fetches the full zip if a module is ever missing.
// Usage: node macros/stdlib.mjs <runtime folder> <cases.json> <template.xlsx> <out.zip> <wheel>...
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [runtime, cases, workbook, out, ...wheels] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(runtime, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: runtime + "/" });
for (const wheel of wheels) await pyodide.loadPackage(wheel, { messageCallback: () => {} });
pyodide.globals.set("cases_json", readFileSync(cases, "utf-8"));
pyodide.globals.set("workbook", new Uint8Array(readFileSync(workbook)));
pyodide.runPython(`
import json, sys
import calculators, calculators.batch as batch, calculators.share as share
for case in json.loads(cases_json):
    calculators.run(case["calculator"], case["input"])
    share.query(case["input"] if isinstance(case["input"], dict) else {})
for name, text, encoding in (("tenure", "取得现资格时间,晋升所需年限\\n2018-01-01,5\\n=1,x\\n", "gb18030"),
                             ("ce_hours", "public_hours\\tprofessional_hours\\n30\\t60\\n", "utf-16"),
                             ("quota", "\\ufeffenterprise_level;nominee_count\\nnational;3\\n", "utf-8")):
    run = batch.BatchRun(name, text.encode(encoding), "zh")
    run.step(100)
    run.csv_bytes()
    run.summary()
share.qr_svg("https://example.org/calculators/tenure/?qualified_on=2018-12-31", "QR")
run = batch.BatchRun("tenure", bytes(workbook.to_py()), "en")
run.step(100)
run.csv_bytes()

import ast, importlib._bootstrap_external as external, importlib.util, zipfile

STDLIB = "/lib/python314.zip"
used = sorted({m.__file__[len(STDLIB) + 1:] for m in list(sys.modules.values())
               if (getattr(m, "__file__", None) or "").startswith(STDLIB + "/")})


def without_docstrings(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \\
                    and isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.Pass()]
    return tree


full = zipfile.ZipFile(STDLIB)
with zipfile.ZipFile("/tmp/stdlib.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as trimmed:
    for name in used:
        source = full.read(name)
        code = compile(ast.fix_missing_locations(without_docstrings(ast.parse(source))), f"{STDLIB}/{name}", "exec", dont_inherit=True)
        entry = zipfile.ZipInfo(name + "c", full.getinfo(name).date_time)
        entry.compress_type = zipfile.ZIP_DEFLATED
        trimmed.writestr(entry, bytes(external._code_to_hash_pyc(code, importlib.util.source_hash(source), False)))
`);
writeFileSync(out, pyodide.FS.readFile("/tmp/stdlib.zip"));
