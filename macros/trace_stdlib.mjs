// Which files of Pyodide's standard library the calculators use: run under real Pyodide (Node)
// on the built wheel, the acceptance cases and batch files of every encoding, and print every
// module file that came from the standard library zip, one per line. The build keeps only these
// in the zip the page downloads (the worker fetches the full zip if a module is ever missing).
// The wheels are installed with loadPackage, as the page installs them; the browser wheels (segno for
// the answer sheet's QR code, openpyxl for .xlsx files) are exercised too, so that an answer or a
// workbook never needs the full zip.
// Usage: node macros/trace_stdlib.mjs <runtime folder> <cases.json> <template.xlsx> <wheel>...
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [runtime, cases, workbook, ...wheels] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(runtime, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: runtime + "/" });
for (const wheel of wheels) await pyodide.loadPackage(wheel, { messageCallback: () => {} });
pyodide.globals.set("cases_json", readFileSync(cases, "utf-8"));
pyodide.globals.set("workbook", new Uint8Array(readFileSync(workbook)));
const used = pyodide.runPython(`
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
prefix = "/lib/python314.zip/"
"\\n".join(sorted({m.__file__[len(prefix):] for m in list(sys.modules.values())
                   if (getattr(m, "__file__", None) or "").startswith(prefix)}))
`);
process.stdout.write(used + "\n");
