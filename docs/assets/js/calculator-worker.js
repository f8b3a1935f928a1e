// Module worker: runs Pyodide and the calculators wheel off the main thread.
// It only moves JSON between the page and calculators.run (and calculators.batch).
// The runtime lives under a folder named by its version, which the page passes in.
let pyodide = null;

async function start({ runtimeUrl, wheelUrl }) {
  postMessage({ type: "progress", stage: "loading_python" });
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeUrl).href);
  pyodide = await loadPyodide({ indexURL: runtimeUrl });
  postMessage({ type: "progress", stage: "loading_wheel" });
  await pyodide.loadPackage(new URL(wheelUrl, self.location.href).href);
  // loadPackage does not throw when the download fails: importing tells.
  pyodide.runPython("import calculators, calculators.batch, json");
  postMessage({ type: "ready" });
}

function call(expression, args) {
  const globals = pyodide.toPy(args);
  try {
    return pyodide.runPython(expression, { globals });
  } finally {
    globals.destroy();
  }
}

self.onmessage = async (event) => {
  const message = event.data;
  try {
    if (message.type === "start") {
      await start(message);
    } else if (message.type === "run") {
      const json = call("import calculators, json\njson.dumps(calculators.run(name, json.loads(inputs)))",
        { name: message.name, inputs: JSON.stringify(message.inputs) });
      postMessage({ type: "answer", id: message.id, json });
    } else if (message.type === "batch") {
      const json = call("import calculators.batch as b, json\njson.dumps(b.run_upload(name, bytes(data), lang))",
        { name: message.name, data: message.data, lang: message.lang });
      postMessage({ type: "batch", id: message.id, json });
    }
  } catch (error) {
    postMessage({ type: message.type === "start" ? "failed" : "bug", id: message.id, message: String(error) });
  }
};
