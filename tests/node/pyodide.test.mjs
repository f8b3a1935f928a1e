// The calculators under real Pyodide (Node), loaded from the built site exactly as the
// browser loads them, must answer every acceptance case as CPython does.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { decompress } from "fzstd";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ENGINE_MODULE, installEngine, packSnapshot, unpackSnapshot } from "../../docs/assets/js/snapshot.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const site = join(root, "site");
const runtimeBase = join(site, "assets", "pyodide");
const runtime = join(runtimeBase, readdirSync(runtimeBase)[0]);
const cases = JSON.parse(readFileSync(join(root, "tests", "data", "cases.json"), "utf-8"));
const python = process.env.PYTHON || join(root, ".venv", "bin", "python");

function builtWheel() {
  const base = join(site, "assets", "wheels");
  const hash = readdirSync(base).find((name) => /^[0-9a-f]{12}$/.test(name));
  const [wheel] = readdirSync(join(base, hash)).filter((name) => name.endsWith(".whl"));
  return join(base, hash, wheel);
}

// A pinned wheel as the page installs it: compiled to bytecode by the build (macros/wheels.mjs).
function browserWheel(name) {
  const base = join(site, "assets", "wheels");
  const folder = readdirSync(base).find((entry) => /^bytecode-[0-9a-f]{12}$/.test(entry));
  assert.ok(folder, "the build wrote no compiled wheels");
  const wheel = readdirSync(join(base, folder)).find((file) => file.startsWith(`${name}-`));
  assert.ok(wheel, `no compiled ${name} wheel`);
  return join(base, folder, wheel);
}

// Runs an import in Pyodide and gives back { imported, compiled }: how many modules it imported, and those
// that Python compiled from source meanwhile (none, for a wheel installed as the page installs it).
function compiledFromSource(statement) {
  return JSON.parse(pyodide.runPython(`
import importlib._bootstrap_external as external, json, sys
before = set(sys.modules)
compiled = []
to_code = external.SourceLoader.source_to_code
def spy(self, data, path, *args, **kwargs):
    compiled.append(path)
    return to_code(self, data, path, *args, **kwargs)
external.SourceLoader.source_to_code = spy
try:
    exec(${JSON.stringify(statement)}, {})
finally:
    external.SourceLoader.source_to_code = to_code
json.dumps({"imported": len(set(sys.modules) - before), "compiled": compiled})`));
}

function cpython(name, input) {
  try {
    return JSON.parse(execFileSync(python, ["-m", "calculators", name], { cwd: root, input: JSON.stringify(input) }));
  } catch (error) {
    if (error.status === 2) return JSON.parse(error.stdout);
    throw error;
  }
}

let pyodide;

// The two parts of the standard library the build traced: what the page starts with, and the more that
// a workbook or a QR code needs, which the page puts on the path before it installs their wheels. The
// site serves them compressed with zstd only; they are decompressed as the worker does, with fzstd.
const unpacked = mkdtempSync(join(tmpdir(), "stdlib-"));

function stdlibPart(pattern) {
  const name = readdirSync(runtime).find((file) => pattern.test(file));
  assert.ok(name, `the build wrote no ${pattern}`);
  const target = join(unpacked, name.replace(/\.zst$/, ""));
  writeFileSync(target, decompress(new Uint8Array(readFileSync(join(runtime, name)))));
  return target;
}
const startStdlib = stdlibPart(/^python_stdlib-[0-9a-f]{12}\.zip\.zst$/);
const moreStdlib = stdlibPart(/^python_stdlib_more-[0-9a-f]{12}\.zip\.zst$/);

let moreMounted = false;

function mountMoreStdlib() {
  if (moreMounted) return;
  moreMounted = true;
  pyodide.FS.writeFile("/lib/python_stdlib_more.zip", new Uint8Array(readFileSync(moreStdlib)));
  pyodide.runPython("import sys; sys.path.append('/lib/python_stdlib_more.zip')");
}

before(async () => {
  const { loadPyodide } = await import(pathToFileURL(join(runtime, "pyodide.mjs")).href);
  // Every test below runs on the cut-down standard library, and Node has no fallback to the full zip,
  // so a module the trace missed fails here: the answers on the start part alone, a workbook and a QR
  // code with the more part too.
  pyodide = await loadPyodide({ indexURL: runtime + "/", stdLibURL: startStdlib });
  // The engine installed as the worker installs it: its wheel unpacked into site-packages by hand.
  installEngine(pyodide, new Uint8Array(readFileSync(builtWheel())));
}, { timeout: 120000 });

// An answer as the worker asks for one: through calculators.webworker.
function inPyodide(name, input, runtimePyodide = pyodide) {
  return JSON.parse(runtimePyodide.pyimport(ENGINE_MODULE).answer(name, JSON.stringify(input)));
}

test("runs under Python 3.12 or newer, not the host's CPython", () => {
  const version = pyodide.runPython("import sys; sys.version_info[:2]").toJs();
  assert.ok(version[0] === 3 && version[1] >= 12, `Pyodide Python ${version}`);
});

test("the trimmed standard library is the one in use, and lacks what the engine never imports", () => {
  assert.equal(pyodide.runPython("import importlib.util; importlib.util.find_spec('tomllib') is None"), true);
  assert.equal(pyodide.runPython("import json; json.__file__"), "/lib/python314.zip/json/__init__.pyc");
  // What only a workbook or a QR code needs is in the more part, not in the start.
  assert.equal(pyodide.runPython("import importlib.util; importlib.util.find_spec('xml') is None"), true);
  // Compiled without column positions, with line numbers: a traceback still says where.
  const positions = pyodide.runPython("import json.decoder; list(json.decoder.JSONDecoder.decode.__code__.co_positions())").toJs();
  assert.ok(positions.every(([, , start, end]) => start === undefined && end === undefined));
  assert.ok(positions.some(([line]) => Number.isInteger(line)));
});

test("the answer sheet's QR code is drawn in Pyodide by the self-hosted segno, installed as bytecode", async () => {
  mountMoreStdlib();
  await pyodide.loadPackage(browserWheel("segno"));
  const segno = compiledFromSource("import segno");
  assert.ok(segno.imported > 5, `import segno imported ${segno.imported} modules`);
  assert.deepEqual(segno.compiled, []);
  assert.match(pyodide.runPython("import segno.writers; segno.writers.__file__"), /site-packages\/segno\/writers\.pyc$/);
  const svg = pyodide.runPython("import calculators.share as s; s.qr_svg('https://example.org/?a=1', 'QR')");
  const cpythonSvg = execFileSync(python, ["-c", "import calculators.share as s; print(s.qr_svg('https://example.org/?a=1', 'QR'), end='')"],
    { cwd: root }).toString();
  assert.equal(svg, cpythonSvg);
});

for (const c of cases) {
  test(`case ${c.id}: Pyodide answers as CPython and as the contract says`, () => {
    const answer = inPyodide(c.calculator, c.input);
    assert.deepEqual(answer, cpython(c.calculator, c.input));
    assert.equal(answer.ok, c.expect.ok);
    if (c.expect.ok) assert.deepEqual(answer.result, c.expect.result);
    else assert.deepEqual([...new Set(answer.errors.map((e) => e.code))].sort(), [...c.expect.error_codes].sort());
  });
}

test("bad input is an answer in Pyodide too, never an exception", () => {
  for (const input of [null, [], "x", { qualified_on: { a: 1 } }, { qualified_on: "２０２３年２月３０日" }]) {
    const answer = inPyodide("tenure", input);
    assert.equal(answer.ok, false);
    assert.ok(answer.errors.every((e) => e.zh && e.en));
  }
});

test("a calculator written as CONTRIBUTING.md says answers in Pyodide with its verdict, alone and in a roster", () => {
  const source = readFileSync(join(root, "tests", "engine", "example_calculator.py"));
  pyodide.FS.mkdirTree("/home/pyodide/example");
  pyodide.FS.writeFile("/home/pyodide/example/example_calculator.py", new Uint8Array(source));
  pyodide.runPython(`import sys; sys.path.insert(0, "/home/pyodide/example")
import calculators, example_calculator
calculators.register(example_calculator.CALCULATOR)`);
  try {
    const input = { hours: "45.5" };
    const answer = inPyodide("example_hours", input);
    const registered = "import sys; sys.path.insert(0, sys.argv.pop(1)); import calculators, example_calculator; "
      + "calculators.register(example_calculator.CALCULATOR); from calculators import cli; sys.exit(cli.main())";
    const expected = JSON.parse(execFileSync(python, ["-c", registered, join(root, "tests", "engine"), "example_hours"],
      { cwd: root, input: JSON.stringify(input) }));
    assert.deepEqual(answer, expected);
    assert.deepEqual(answer.verdict, { met: false, zh: "学时不够", en: "Not enough hours" });
    const summary = JSON.parse(pyodide.runPython(`
import json, calculators.webworker as w
run = w.start_batch("example_hours", "学时\\n95\\n".encode(), "zh", None)
while not run.done:
    run.step()
w.batch_summary(run)`));
    assert.deepEqual(summary.header.slice(0, 2), ["结果", "结论"]);
    assert.deepEqual(summary.rows[0].cells.slice(0, 2), ["已计算", "符合"]);
  } finally {
    pyodide.runPython("import calculators; del calculators.CALCULATORS['example_hours']");
  }
});

test("the batch runs in Pyodide with every row kept, a slice at a time, as CPython does", () => {
  const text = "public_hours,professional_hours\r30,60\r-1,5\r=1+2,50\r";
  const globals = pyodide.toPy({ data: new TextEncoder().encode(text) });
  const csv = pyodide.runPython(`
import calculators.batch as b
run = b.BatchRun("ce_hours", bytes(data), "en")
while not run.done:
    run.step(1)
run.csv()`, { globals });
  globals.destroy();
  const cpython = execFileSync(python, ["-c", `import sys, calculators.batch as b
sys.stdout.write(b.run_file("ce_hours", sys.stdin.buffer.read(), "en").csv())`], { input: text, cwd: root }).toString();
  assert.equal(csv, cpython);
  const rows = csv.trim().split(/\r\n/);
  assert.equal(rows.length, 4);
  assert.match(rows[2], /^rejected,/);
  assert.match(rows[3], /'=1\+2/);
});

test("an Excel template filled in is read in Pyodide with the self-hosted openpyxl, installed as bytecode", async () => {
  mountMoreStdlib();
  for (const name of ["et_xmlfile", "openpyxl"]) await pyodide.loadPackage(browserWheel(name));
  const openpyxl = compiledFromSource("import openpyxl, openpyxl.reader.excel, et_xmlfile");
  assert.ok(openpyxl.imported > 100, `import openpyxl imported ${openpyxl.imported} modules`);
  assert.deepEqual(openpyxl.compiled, []);
  const globals = pyodide.toPy({ data: new Uint8Array(readFileSync(join(site, "data", "tenure-template.zh.xlsx"))) });
  const summary = JSON.parse(pyodide.runPython(`
import json, calculators.batch as b
run = b.run_file("tenure", bytes(data), "zh")
json.dumps(run.summary())`, { globals }));
  globals.destroy();
  assert.equal(summary.problem, null);
  assert.deepEqual(summary.counts, { rows: 1, ok: 1, rejected: 0, empty: 0, skipped: 0 });
  assert.equal(summary.rows[0].cells[0], "已计算");
});

// A snapshot restored as the worker restores one: unpacked from its stored form, then reseeded and warmed
// up with a real answer from the page's calculators (names; every calculator for a page that names none
// the engine knows).
async function restored(packed, names = [], warmed = 3) {
  const { loadPyodide } = await import(pathToFileURL(join(runtime, "pyodide.mjs")).href);
  const interpreter = await loadPyodide({ indexURL: runtime + "/", stdLibURL: startStdlib, _loadSnapshot: unpackSnapshot(packed) });
  const warmedUp = JSON.parse(interpreter.pyimport(ENGINE_MODULE).after_restore(names));
  assert.ok(warmedUp.length === warmed && warmedUp.every((ok) => ok), `the warm-up answered ${warmedUp}`);
  // The standard library's finder comes with the snapshot: the worker only makes one (defining it after a
  // restore took 40-56 ms of every start).
  assert.equal(interpreter.runPython("import calculators.webworker as w, importlib.abc\n"
    + "issubclass(w.MoreStandardLibrary, importlib.abc.MetaPathFinder)"), true);
  return interpreter;
}

test("a snapshot taken after the engine is imported (as the page keeps one) restores and answers as CPython", async () => {
  const { loadPyodide } = await import(pathToFileURL(join(runtime, "pyodide.mjs")).href);
  const first = await loadPyodide({ indexURL: runtime + "/", stdLibURL: startStdlib, _makeSnapshot: true });
  installEngine(first, new Uint8Array(readFileSync(builtWheel())));
  const interpreter = await restored(packSnapshot(first.makeMemorySnapshot()));
  for (const c of cases) assert.deepEqual(inPyodide(c.calculator, c.input, interpreter), cpython(c.calculator, c.input), c.id);
}, { timeout: 120000 });

test("the build's snapshot (what a fast link's first visit starts from) answers as CPython, and draws afresh", async () => {
  const name = readdirSync(runtime).find((file) => /^python-snapshot-[0-9a-f]{12}\.bin\.gz$/.test(file));
  assert.ok(name, "the build wrote no snapshot");
  const packed = new Uint8Array(gunzipSync(readFileSync(join(runtime, name))));
  const draws = [];
  for (const names of [["tenure"], ["no_such_calculator"]]) {
    const interpreter = await restored(packed, names, names[0] === "tenure" ? 1 : 3);
    for (const c of cases) assert.deepEqual(inPyodide(c.calculator, c.input, interpreter), cpython(c.calculator, c.input), c.id);
    draws.push(interpreter.runPython("import random; random.getrandbits(64)"));
  }
  // Two readers of one build do not share the random state the snapshot froze.
  assert.notEqual(draws[0], draws[1]);
}, { timeout: 120000 });
