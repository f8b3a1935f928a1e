// The thin page layer of the calculators: take over the worker that the head's script (runtime.js)
// started, move form inputs to Python and answers back to the page. All rules, labels and
// messages come from Python.
// No fixed deadline while the runtime downloads: the start fails as a network failure only when no
// byte has arrived for STALL_MS, and as an engine that cannot start only when Python, with every
// byte in, is still not ready after START_MS (a policy or browser that stops WebAssembly hangs).
const { first: firstEngine, start: startEngine, runtimeBytes, workerUrl } = window.calculatorEngine;

const STALL_MS = 30000;
const START_MS = 90000;
const forms = [...document.querySelectorAll("form[data-calculator]")];

function resultFor(form) {
  return document.querySelector(`[data-calculator-result][data-for="${form.id}"]`);
}

function msg(form, key) {
  return form.dataset["msg" + key.split("_").map((w) => w[0].toUpperCase() + w.slice(1)).join("")] || key;
}

function el(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}

function setStatus(form, state, text, bytes = null) {
  const result = resultFor(form);
  result.dataset.state = state;
  result.removeAttribute("data-json");
  const nodes = [el("p", { class: "calc-status" }, text)];
  if (bytes) nodes.push(el("progress", { max: String(bytes.total), value: String(Math.min(bytes.received, bytes.total)),
    "aria-label": text }));
  if (form.dataset.pending && state !== "ready") nodes.push(el("p", { class: "calc-queued" }, msg(form, "queued")));
  const fallback = result.querySelector(".calc-fallback");
  fallback.hidden = state !== "failed";
  result.replaceChildren(...nodes, fallback);
}

// ---- the nominee rows of the quota form -------------------------------------------
function numberRow(row, i) {
  row.querySelector("[data-row-number]").textContent = String(i + 1);
  row.querySelectorAll("[name],[id],[for],[aria-describedby],[data-error-for]").forEach((node) => {
    for (const attr of ["name", "id", "for", "aria-describedby", "data-error-for"]) {
      const value = node.getAttribute(attr);
      if (value) node.setAttribute(attr, value.replace(/(\[|-)(\d+|__i__)(\]|-)/g, `$1${i}$3`));
    }
  });
}

function renumber(records) {
  records.querySelectorAll("[data-row]").forEach(numberRow);
}

// A new row is numbered alone: a shared link's thousand nominees are a thousand rows, not a million renumberings.
function addRow(records, values = {}) {
  const row = records.querySelector("template[data-row-template]").content.firstElementChild.cloneNode(true);
  const list = records.querySelector("[data-rows]");
  list.append(row);
  numberRow(row, list.children.length - 1);
  for (const control of row.querySelectorAll("[name]")) {
    const key = control.name.split(".").pop();
    if (!(key in values)) continue;
    if (control.type === "checkbox") control.checked = [true, "true", "1", "on"].includes(values[key]);
    else control.value = values[key];
  }
  return row;
}

// ---- form <-> inputs ----------------------------------------------------------------
function readForm(form) {
  const inputs = {};
  for (const name of form.dataset.fields.split(",")) {
    const records = form.querySelector(`[data-records="${name}"]`);
    if (records) {
      // A shared link's list that could not be read goes to the engine as it came, so that the
      // reader gets the engine's error rather than an answer for nobody.
      if (records.dataset.raw !== undefined) { inputs[name] = records.dataset.raw; continue; }
      const rows = [...records.querySelectorAll("[data-row]")].map((row) => {
        const item = {};
        for (const control of row.querySelectorAll("[name]")) {
          item[control.name.split(".").pop()] = control.type === "checkbox" ? control.checked : control.value;
        }
        return item;
      });
      if (rows.length) inputs[name] = rows;
      continue;
    }
    const control = form.elements.namedItem(name);
    if (!control) continue;
    inputs[name] = control.type === "checkbox" ? control.checked : control.value;
  }
  return inputs;
}

function toQuery(inputs) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(inputs)) {
    if (value === "" || value === false) continue;
    params.set(name, typeof value === "object" ? JSON.stringify(value) : String(value));
  }
  return params;
}

function fillFromQuery(form) {
  const params = new URLSearchParams(location.search);
  let filled = false;
  for (const name of form.dataset.fields.split(",")) {
    if (!params.has(name)) continue;
    filled = true;
    const value = params.get(name);
    const records = form.querySelector(`[data-records="${name}"]`);
    if (records) {
      let rows = null;
      try { rows = JSON.parse(value); } catch { rows = null; }
      records.querySelector("[data-rows]").replaceChildren();
      // Only plain rows of plain values, no more than the engine takes, are built as form rows; any other
      // list goes to the engine as it came, which answers with its own error.
      const plain = (v) => ["string", "number", "boolean"].includes(typeof v);
      const readable = Array.isArray(rows) && rows.length <= Number(records.dataset.max || Infinity) &&
        rows.every((r) => r && typeof r === "object" && !Array.isArray(r) && Object.values(r).every(plain));
      if (readable) rows.forEach((r) => addRow(records, r));
      else records.dataset.raw = value;
      continue;
    }
    const control = form.elements.namedItem(name);
    if (!control) continue;
    if (control.type === "checkbox") control.checked = ["true", "1", "on"].includes(value);
    else if (control.tagName === "SELECT" && ![...control.options].some((o) => o.value === value)) {
      control.append(el("option", { value }, value));
      control.value = value;
    } else control.value = value;
  }
  return filled;
}

// ---- answers -----------------------------------------------------------------------
function clearErrors(form) {
  form.querySelectorAll("[data-error-for]").forEach((node) => { node.hidden = true; node.textContent = ""; });
  form.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
}

function showErrors(form, errors, lang) {
  for (const error of errors) {
    const field = error.field || "";
    const place = form.querySelector(`[data-error-for="${CSS.escape(field)}"]`)
      || form.querySelector(`[data-error-for="${CSS.escape(field.split(/[[.]/)[0])}"]`);
    if (!place) continue;
    place.hidden = false;
    place.textContent = (place.textContent ? place.textContent + " " : "") + error[lang];
    const control = form.querySelector(`[name="${CSS.escape(field)}"]`);
    if (control) control.setAttribute("aria-invalid", "true");
  }
}

function clauseLinks(form, ids) {
  const span = el("span");
  ids.forEach((id, i) => {
    if (i) span.append(", ");
    span.append(el("a", { href: `${form.dataset.noticeUrl}#${id}` }, id));
  });
  return span;
}

function controlFor(form, field) {
  return field ? form.querySelector(`[name="${CSS.escape(field)}"]`) : null;
}

function render(form, answer, json) {
  const lang = form.dataset.lang;
  const result = resultFor(form);
  clearErrors(form);
  const nodes = [el("h2", { class: "calc-answer-heading", tabindex: "-1" }, msg(form, "answer_heading"))];
  if (answer.ok) {
    const verdict = answer.result.meets ?? answer.result.ok;
    if (verdict !== null && verdict !== undefined) {
      nodes.push(el("p", { class: `calc-verdict calc-verdict--${verdict ? "yes" : "no"}` },
        msg(form, verdict ? "verdict_yes" : "verdict_no")));
    }
    const list = el("ul", { class: "calc-explanation" });
    answer.explanation[lang].forEach((line) => list.append(el("li", {}, line)));
    nodes.push(list);
    if (answer.notes.length) {
      const notes = el("ul", { class: "calc-notes", "aria-label": msg(form, "notes") });
      answer.notes.forEach((note) => notes.append(el("li", {}, note[lang])));
      nodes.push(notes);
    }
    const cited = el("p", { class: "calc-clauses" }, msg(form, "clauses_cited") + " ");
    cited.append(clauseLinks(form, answer.clauses));
    nodes.push(cited);
    const print = el("button", { type: "button", class: "md-button calc-print", "data-print-sheet": "" },
      msg(form, "sheet_print"));
    print.addEventListener("click", async () => { await sheetReady.get(form); window.print(); });
    nodes.push(print);
  } else {
    nodes.push(el("p", { class: "calc-verdict calc-verdict--no" }, msg(form, "errors_title")));
    const list = el("ul", { class: "calc-errors" });
    for (const error of answer.errors) {
      const control = controlFor(form, error.field);
      const item = el("li");
      if (control) {
        const link = el("a", { href: `#${control.id}` }, error[lang]);
        link.addEventListener("click", (event) => { event.preventDefault(); control.focus(); });
        item.append(link);
      } else {
        item.textContent = error[lang];
      }
      list.append(item);
    }
    nodes.push(list);
    showErrors(form, answer.errors, lang);
  }
  result.replaceChildren(...nodes, result.querySelector(".calc-fallback") || el("p"));
  result.dataset.state = answer.ok ? "ok" : "error";
  const verdict = answer.ok ? (answer.result.meets ?? answer.result.ok) : null;
  result.dataset.verdict = verdict === true ? "yes" : verdict === false ? "no" : "none";
  result.dataset.json = json;
  // The printed sheet is prepared after the answer is on screen, so that it never delays it.
  sheetReady.set(form, answer.ok
    ? new Promise((resolve) => { setTimeout(() => resolve(fillSheet(form, answer, nodes)), 0); })
    : clearSheet(form));
}

// ---- the printed answer sheet: what was entered, the answer, the clauses in full, the link and its QR code ----
const sheetReady = new Map();

function sheetFor(form) {
  return document.querySelector(`[data-answer-sheet="${form.id}"]`);
}

function shownValue(form, control) {
  if (control.type === "checkbox") return msg(form, control.checked ? "sheet_yes" : "sheet_no");
  if (control.tagName === "SELECT") return control.selectedOptions[0]?.textContent ?? control.value;
  return control.value.trim() || "—";
}

function inputRows(form) {
  const rows = [];
  for (const field of form.querySelectorAll(":scope > [data-field], :scope > [data-records]")) {
    if (field.dataset.records !== undefined) {
      field.querySelectorAll("[data-row]").forEach((row, i) => {
        const parts = [...row.querySelectorAll("[data-field]")].map((part) =>
          `${part.querySelector("label").firstChild.textContent.trim()}: ${shownValue(form, part.querySelector("[name]"))}`);
        rows.push([`${field.querySelector("legend").textContent} ${i + 1}`, parts.join("; ")]);
      });
      continue;
    }
    const control = field.querySelector("[name]");
    rows.push([field.querySelector("label").firstChild.textContent.trim(), shownValue(form, control)]);
  }
  return rows;
}

function sharedLink(form) {
  return `${location.origin}${location.pathname}?${toQuery(readForm(form))}`;
}

function clearSheet(form) {
  sheetFor(form)?.removeAttribute("data-ready");
  return Promise.resolve();
}

async function fillSheet(form, answer, nodes) {
  const sheet = sheetFor(form);
  if (!sheet) return;
  const body = sheet.querySelector("[data-sheet-inputs]");
  body.replaceChildren(...inputRows(form).map(([label, value]) => {
    const tr = el("tr");
    tr.append(el("th", { scope: "row" }, label), el("td", {}, value));
    return tr;
  }));
  const copies = nodes.slice(1).filter((node) => !node.matches("[data-print-sheet]")).map((node) => node.cloneNode(true));
  sheet.querySelector("[data-sheet-answer]").replaceChildren(...copies);
  sheet.querySelectorAll("[data-sheet-clause]").forEach((part) => { part.hidden = !answer.clauses.includes(part.dataset.sheetClause); });
  const url = sharedLink(form);
  sheet.querySelector("[data-sheet-url]").textContent = url;
  const place = sheet.querySelector("[data-sheet-qr]");
  place.replaceChildren();
  sheet.setAttribute("data-ready", "");
  const reply = await ask({ type: "qr", url, label: `${msg(form, "qr_of")} ${url}`,
    wheel: new URL(form.dataset.qrWheel, location.href).href });
  if (reply.type !== "qr" || sheet.querySelector("[data-sheet-url]").textContent !== url) return;
  if (!reply.svg) { place.replaceChildren(el("p", { class: "sheet-no-qr" }, msg(form, "sheet_no_qr"))); return; }
  // Parsed as HTML, which puts <svg> in the SVG namespace (segno's inline SVG names none); nothing runs.
  const svg = new DOMParser().parseFromString(reply.svg, "text/html").body.firstElementChild;
  place.replaceChildren(document.importNode(svg, true));
}

// ---- the worker ---------------------------------------------------------------------
let worker = null;
let ready = false;
let whenReady = null;
const readyPromise = new Promise((resolve) => { whenReady = resolve; });
let nextId = 1;
const pending = new Map();
const progress = new Map();

let stage = "loading_runtime";
let lastSign = 0;
let watchdog = null;

function failAll(key) {
  ready = false;
  clearInterval(watchdog);
  worker?.terminate();
  worker = null;
  forms.forEach((form) => setStatus(form, "failed", msg(form, key)));
  document.dispatchEvent(new Event("calculators-settled"));
  // Said once, in the calculator's answer box; a batch section below only points there.
  document.querySelectorAll("[data-batch]").forEach((section) => showBatch(section, "failed", msg(section, "batch_engine_failed")));
  pending.clear();
}

const FAILURES = { network: "failed_network", failed: "failed" };

// A start that fails where earlier visits kept the engine's files may have met a damaged copy (half a
// WebAssembly, an error page kept in place of a script), which would fail every visit after it. Those
// copies are dropped and the engine started once more from the network, and the page says so; only a
// second failure is reported, and then it is the network's or the browser's.
const KEPT_CACHES = /^(python-files|python-snapshot|runtime-)/;
let repaired = false;

// The caches that hold something (the worker opens its own at the start, which creates them empty).
async function keptCaches() {
  const names = (await caches.keys().catch(() => [])).filter((name) => KEPT_CACHES.test(name));
  const held = await Promise.all(names.map(async (name) => (await (await caches.open(name)).keys()).length > 0));
  return names.filter((_, i) => held[i]);
}

async function failStart(key) {
  if (!repaired && typeof caches === "object") {
    const kept = await keptCaches().catch(() => []);
    if (kept.length) {
      repaired = true;
      clearInterval(watchdog);
      worker?.terminate();
      worker = null;
      await Promise.all(kept.map((name) => caches.delete(name).catch(() => false)));
      startWorker(startEngine());
      forms.forEach((form) => setStatus(form, "loading", msg(form, "repairing")));
      return;
    }
  }
  failAll(key);
}

function showStage(next, bytes = null) {
  stage = next;
  lastSign = performance.now();
  const percent = bytes ? Math.floor((100 * Math.min(bytes.received, bytes.total)) / bytes.total) : null;
  forms.forEach((form) => {
    if (ready) return;
    const text = percent === null ? msg(form, stage) : msg(form, stage).replace("{percent}", String(percent));
    setStatus(form, "loading", text, stage === "loading_runtime" ? bytes : null);
  });
}

// The engine was started from the page's head (runtime.js); a Retry starts a new one.
function startWorker(engine) {
  if (engine.failed) { failAll(engine.failed); return; }
  worker = engine.worker;
  showStage("loading_runtime", { received: 0, total: runtimeBytes });
  // Bytes arriving keep the start alive; a silence of STALL_MS while downloading is a network failure.
  watchdog = setInterval(() => {
    const quiet = performance.now() - lastSign;
    if (stage === "loading_runtime" && quiet > STALL_MS) failStart("failed_network");
    else if (stage !== "loading_runtime" && quiet > START_MS) failStart("failed");
  }, 1000);
  // A worker that fails before it says anything: its script did not arrive (network), or this browser
  // cannot run a module worker. Fetching the script again tells which.
  let heard = false;
  const failed = async () => {
    if (heard) { failStart("failed"); return; }
    try {
      failAll((await fetch(workerUrl, { cache: "no-store" })).ok ? "no_worker" : "failed_network");
    } catch {
      failAll("failed_network");
    }
  };
  const said = ({ data }) => {
    heard = true;
    if (data.type === "bytes") {
      if (stage === "loading_runtime") showStage("loading_runtime", data);
      else lastSign = performance.now();
    } else if (data.type === "progress") {
      if (!ready && data.stage !== stage) showStage(data.stage);
    } else if (data.type === "ready") {
      clearInterval(watchdog);
      ready = true;
      whenReady();
      document.dispatchEvent(new Event("calculators-settled"));
      navigator.serviceWorker?.ready.then((registration) => registration.active.postMessage({ runtime: true }));
      for (const form of forms) {
        setStatus(form, "ready", msg(form, "ready"));
        if (fillFromQuery(form)) submit(form, true);
        else if (form.dataset.pending) submit(form);
      }
    } else if (data.type === "failed") {
      if (!ready) failStart(FAILURES[data.kind] || "failed");
    } else if (data.type === "batch-progress") {
      progress.get(data.id)?.(data);
    } else if (pending.has(data.id)) {
      const done = pending.get(data.id);
      pending.delete(data.id);
      done(data);
    }
  };
  engine.listen((event) => {
    if (worker !== engine.worker) return; // a worker given up on (failAll) says nothing more
    if (event.type === "error") failed();
    else said(event);
  });
}

function ask(message, id = nextId++) {
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker.postMessage({ ...message, id });
  });
}

// An answer opened from a shared link is brought into view, with a line that says whose inputs these
// are; an answer with errors sends the reader to the first field to mend.
function afterAnswer(form, answer, shared) {
  const result = resultFor(form);
  if (shared) {
    showSharedNote(form);
    result.querySelector(".calc-answer-heading").focus({ preventScroll: true });
    result.scrollIntoView({ block: "start" });
  } else if (!answer.ok) {
    (form.querySelector("[aria-invalid=true]") || result.querySelector(".calc-answer-heading")).focus();
  }
}

function showSharedNote(form) {
  if (form.querySelector("[data-shared-note]")) return;
  const note = el("p", { class: "calc-shared", "data-shared-note": "" }, msg(form, "shared_note") + " ");
  const clear = el("button", { type: "button", class: "md-button" }, msg(form, "shared_clear"));
  clear.addEventListener("click", () => {
    history.replaceState(null, "", location.pathname);
    form.reset();
    const records = form.querySelector("[data-records]");
    if (records) { records.querySelector("[data-rows]").replaceChildren(); delete records.dataset.raw; }
    note.remove();
    clearErrors(form);
    rememberQuery(form);
    setStatus(form, "ready", msg(form, "ready"));
    form.querySelector("input,select")?.focus();
  });
  note.append(clear);
  form.prepend(note);
}

// The form's inputs as a query string, kept on the form for the language switch (site.js).
function rememberQuery(form) {
  form.setAttribute("data-query", toQuery(readForm(form)).toString());
}

// A press of Calculate before the engine is ready is kept, and answered once it is.
async function submit(form, shared = false) {
  rememberQuery(form);
  if (!ready) {
    form.dataset.pending = "true";
    if (!resultFor(form).querySelector(".calc-queued")) {
      resultFor(form).querySelector(".calc-status").after(el("p", { class: "calc-queued" }, msg(form, "queued")));
    }
    return;
  }
  delete form.dataset.pending;
  const result = resultFor(form);
  result.setAttribute("aria-busy", "true");
  const data = await ask({ type: "run", name: form.dataset.calculator, inputs: readForm(form) });
  result.removeAttribute("aria-busy");
  if (data.type === "answer") {
    const answer = JSON.parse(data.json);
    render(form, answer, data.json);
    afterAnswer(form, answer, shared);
  } else {
    setStatus(form, "failed", msg(form, "failed"));
  }
}

async function copyLink(form, button) {
  const url = sharedLink(form);
  try {
    await navigator.clipboard.writeText(url);
    button.dataset.copied = "true";
    const label = button.textContent;
    button.textContent = msg(form, "copied");
    setTimeout(() => { button.textContent = label; }, 1500);
  } catch {
    window.prompt(msg(form, "copy_failed"), url);
  }
}

// ---- batch checks of a spreadsheet: read here, checked in the worker, never sent anywhere ----
function say(section, key, values = {}) {
  return Object.entries(values).reduce((text, [k, v]) => text.replaceAll(`{${k}}`, String(v)), msg(section, key));
}

function batchTable(section, summary, onlyRejected) {
  const table = el("table", { class: "calc-batch-table" });
  const head = el("tr");
  summary.header.forEach((name) => head.append(el("th", { scope: "col" }, name)));
  table.append(el("thead"), el("tbody"));
  table.tHead.append(head);
  for (const row of onlyRejected ? summary.rejected : summary.rows) {
    const tr = el("tr", { class: `calc-batch-row--${row.status}` });
    row.cells.forEach((cell, i) => tr.append(el("td", i === summary.reason_column ? { class: "calc-batch-reason" } : {}, cell)));
    table.tBodies[0].append(tr);
  }
  const wrap = el("div", { class: "calc-batch-scroll", tabindex: "0", role: "region",
    "aria-label": say(section, "batch_table") });
  wrap.append(table);
  return wrap;
}

function showBatch(section, state, ...nodes) {
  const result = section.querySelector("[data-batch-result]");
  result.dataset.state = state;
  result.replaceChildren(...nodes.map((node) => (typeof node === "string" ? el("p", {}, node) : node)));
}

function showProgress(section, data) {
  const box = section.querySelector("[data-batch-progress]");
  const bar = box.querySelector("progress");
  box.hidden = false;
  if (data.total === undefined || data.reading) {
    bar.removeAttribute("value");
    box.querySelector("[data-batch-progress-label]").textContent = data.reading
      ? say(section, "batch_reading_rows", data) : say(section, data.stage);
    return;
  }
  bar.max = Math.max(data.total, 1);
  bar.value = data.done;
  box.querySelector("[data-batch-progress-label]").textContent = say(section, "batch_running", data);
}

// The result file lives in one blob address per section, given up when the next file is checked.
const downloads = new WeakMap();

function downloadAddress(section, csv) {
  if (downloads.has(section)) URL.revokeObjectURL(downloads.get(section));
  const address = URL.createObjectURL(new Blob(["\ufeff", csv], { type: "text/csv;charset=utf-8" }));
  downloads.set(section, address);
  return address;
}

// A workbook with several visible sheets: the one read is named, and another can be chosen.
function sheetPicker(section, summary, file) {
  if (!summary.sheets || summary.sheets.length < 2) return null;
  const id = `${section.id || section.dataset.batch}-sheet`;
  const label = el("label", { for: id }, msg(section, "batch_sheet"));
  const select = el("select", { id, "data-batch-sheet": "" });
  for (const name of summary.sheets) {
    const option = el("option", { value: name }, name);
    if (name === summary.sheet) option.selected = true;
    select.append(option);
  }
  select.addEventListener("change", () => checkFile(section, file, select.value));
  const field = el("div", { class: "calc-field" });
  field.append(label, select);
  return field;
}

function showSummary(section, summary, csv, file) {
  const counts = summary.counts;
  const stem = file.name.replace(/\.[^.]*$/, "") || section.dataset.batch;
  const link = el("a", { href: downloadAddress(section, csv),
    download: `${stem}-${msg(section, "batch_result_suffix")}.csv`, "data-batch-download": "" }, msg(section, "batch_download"));
  const mapping = el("p", { class: "calc-batch-mapping", "data-batch-mapping": "" }, summary.mapping);
  const picker = sheetPicker(section, summary, file);
  const filter = el("label", { class: "calc-batch-filter" });
  const only = el("input", { type: "checkbox", "data-batch-only-rejected": "" });
  filter.append(only, " " + msg(section, "batch_only_rejected"));
  const shown = say(section, "batch_shown", { shown: summary.rows.length, rows: counts.rows });
  const render = () => showBatch(section, "done", ...(picker ? [picker] : []), mapping, say(section, "batch_done", counts),
    shown, link, filter, batchTable(section, summary, only.checked));
  only.addEventListener("change", () => { render(); only.focus(); });
  render();
}

async function checkFile(section, file, sheet = null) {
  const limit = Number(section.dataset.maxMb);
  if (file.size > limit * 1024 * 1024) { showBatch(section, "error", say(section, "batch_too_big", { limit })); return; }
  if (!ready) showBatch(section, "waiting", msg(section, "batch_waiting"));
  await readyPromise;
  showBatch(section, "running");
  const data = new Uint8Array(await file.arrayBuffer());
  const xlsxWheels = section.dataset.xlsxWheels.split(",").filter(Boolean)
    .map((url) => new URL(url, location.href).href);
  const cancel = section.querySelector("[data-batch-cancel]");
  const id = nextId++;
  cancel.onclick = () => worker.postMessage({ type: "cancel", id });
  progress.set(id, (update) => showProgress(section, update));
  const reply = await ask({ type: "batch", name: section.dataset.batch, data, lang: section.dataset.lang, xlsxWheels,
    sheet }, id);
  progress.delete(id);
  section.querySelector("[data-batch-progress]").hidden = true;
  if (reply.type === "batch-cancelled") {
    showBatch(section, "cancelled", say(section, reply.reading ? "batch_cancelled_reading" : "batch_cancelled", reply));
  } else if (reply.type === "batch-failed") {
    showBatch(section, "error", msg(section, reply.key));
  } else if (reply.type !== "batch") {
    showBatch(section, "error", say(section, "batch_file_failed", { detail: reply.message }));
  } else {
    const summary = JSON.parse(reply.json);
    if (summary.problem) showBatch(section, "error", summary.problem[section.dataset.lang]);
    else showSummary(section, summary, reply.csv, file);
  }
}

for (const section of document.querySelectorAll("[data-batch]")) {
  const picker = section.querySelector("[data-batch-file]");
  picker.addEventListener("change", () => { if (picker.files[0]) checkFile(section, picker.files[0]); });
}

for (const form of forms) {
  form.addEventListener("submit", (event) => { event.preventDefault(); submit(form); });
  form.addEventListener("input", () => rememberQuery(form));
  form.addEventListener("change", () => rememberQuery(form));
  form.querySelector("[data-copy-calc-link]").addEventListener("click", (e) => copyLink(form, e.currentTarget));
  const records = form.querySelector("[data-records]");
  if (records) {
    records.addEventListener("input", () => { delete records.dataset.raw; });
    records.querySelector("[data-add-row]").addEventListener("click", () => {
      delete records.dataset.raw;
      addRow(records).querySelector("input,select")?.focus();
    });
    records.addEventListener("click", (event) => {
      const remove = event.target.closest("[data-remove-row]");
      if (!remove) return;
      delete records.dataset.raw;
      remove.closest("[data-row]").remove();
      renumber(records);
      records.querySelector("[data-add-row]").focus();
    });
  }
}
for (const retry of document.querySelectorAll("[data-calc-retry]")) {
  retry.addEventListener("click", () => { if (!worker && !ready) startWorker(startEngine()); });
}
if (forms.length) startWorker(firstEngine);

