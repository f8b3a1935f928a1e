// The calculators under real Pyodide (Node), loaded from the built site exactly as the
// browser loads them, must answer every acceptance case as CPython does.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const site = join(root, "site");
const runtimeBase = join(site, "assets", "pyodide");
const runtime = join(runtimeBase, readdirSync(runtimeBase)[0]);
const cases = JSON.parse(readFileSync(join(root, "tests", "data", "cases.json"), "utf-8"));
const python = process.env.PYTHON || join(root, ".venv", "bin", "python");

function builtWheel() {
  const base = join(site, "assets", "wheels");
  const [hash] = readdirSync(base);
  const [wheel] = readdirSync(join(base, hash)).filter((name) => name.endsWith(".whl"));
  return join(base, hash, wheel);
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

before(async () => {
  const { loadPyodide } = await import(pathToFileURL(join(runtime, "pyodide.mjs")).href);
  pyodide = await loadPyodide({ indexURL: runtime + "/" });
  await pyodide.loadPackage(builtWheel());
  pyodide.runPython("import calculators, json");
}, { timeout: 120000 });

function inPyodide(name, input) {
  const globals = pyodide.toPy({ name, inputs: JSON.stringify(input) });
  try {
    return JSON.parse(pyodide.runPython("import calculators, json\njson.dumps(calculators.run(name, json.loads(inputs)))", { globals }));
  } finally {
    globals.destroy();
  }
}

test("runs under Python 3.12 or newer, not the host's CPython", () => {
  const version = pyodide.runPython("import sys; sys.version_info[:2]").toJs();
  assert.ok(version[0] === 3 && version[1] >= 12, `Pyodide Python ${version}`);
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

test("the batch runs in Pyodide with every row kept", () => {
  const globals = pyodide.toPy({ text: "public_hours,professional_hours\n30,60\n-1,5\n40,50\n" });
  const csv = pyodide.runPython("import calculators.batch as b\nb.run_csv('ce_hours', text, 'en')", { globals });
  globals.destroy();
  const rows = csv.trim().split(/\r?\n/);
  assert.equal(rows.length, 4);
  assert.match(rows[2], /rejected/);
});
