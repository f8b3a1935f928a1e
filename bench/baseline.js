// The naive way of embedding Pyodide, for comparison only (served by bench/run.py, never
// part of the site): load the runtime and the wheel on the main thread at page load.
const form = document.querySelector("form[data-calculator]");
const result = document.querySelector("[data-calculator-result]");
const where = document.querySelector("script[data-runtime]").dataset; // our head script, switched off
const runtime = new URL(where.runtime, location.href).href;
const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
const pyodide = await loadPyodide({ indexURL: runtime });
await pyodide.loadPackage(new URL(where.wheel, location.href).href);
pyodide.runPython("import calculators, json");
result.dataset.state = "ready";
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const inputs = Object.fromEntries(new FormData(form));
  const globals = pyodide.toPy({ name: form.dataset.calculator, inputs: JSON.stringify(inputs) });
  const json = pyodide.runPython("import calculators, json\njson.dumps(calculators.run(name, json.loads(inputs)))",
    { globals });
  globals.destroy();
  const answer = JSON.parse(json);
  result.replaceChildren(...(answer.ok ? answer.explanation[form.dataset.lang] : answer.errors.map((e) => e.en))
    .map((line) => Object.assign(document.createElement("p"), { textContent: line })));
  result.dataset.state = answer.ok ? "ok" : "error";
});
