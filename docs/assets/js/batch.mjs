// Batch checks of a roster (CSV or .xlsx): the file is read here, checked in the worker a slice of rows
// at a time, and never sent anywhere. Every word of the result comes from the engine or the page.
import { citedClauses } from "./answer.mjs";
import { BATCH_STOPPED, askBatch, engineReady, isReady, startWhenAsked } from "./engine-client.mjs";
import { FROM_WORKER } from "./protocol.mjs";
import { el, msg, say } from "./words.mjs";

function batchTable(section, summary, onlyRejected) {
  const table = el("table", { class: "calc-batch-table" });
  const head = el("tr");
  summary.header.forEach((name) => head.append(el("th", { scope: "col" }, name)));
  table.append(el("caption", { class: "visually-hidden" }, say(section, "batch_table")), el("thead"), el("tbody"));
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

export function showBatch(section, state, ...nodes) {
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
  const address = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
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

// The clauses the rows answered rest on, named and linked as a single answer's are (none when no row was).
function citation(section, clauses) {
  const form = document.querySelector(`form[data-calculator="${section.dataset.batch}"]`);
  return clauses.length && form ? citedClauses(form, clauses, { "data-batch-clauses": "" }) : null;
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
  const cited = citation(section, summary.clauses);
  const readings = summary.readings ? [el("p", { class: "calc-batch-readings", "data-batch-readings": "" }, summary.readings)] : [];
  const render = () => showBatch(section, "done", ...(picker ? [picker] : []), mapping, say(section, "batch_done", counts),
    ...(cited ? [cited] : []), ...readings, shown, link, filter, batchTable(section, summary, only.checked));
  only.addEventListener("change", () => { render(); only.focus(); });
  render();
}

function showReply(section, reply, file) {
  if (reply.type === BATCH_STOPPED) {
    showBatch(section, "cancelled", say(section, reply.reading ? "batch_cancelled_reading" : "batch_cancelled", reply));
  } else if (reply.type === FROM_WORKER.batchFailed) {
    showBatch(section, "error", msg(section, reply.key));
  } else if (reply.type !== FROM_WORKER.batch) {
    showBatch(section, "error", say(section, "batch_file_failed", { detail: reply.message }));
  } else {
    const summary = JSON.parse(reply.json);
    if (summary.problem) showBatch(section, "error", summary.problem[section.dataset.lang]);
    else showSummary(section, summary, reply.csv, file);
  }
}

// The check under way in each section, as its Stop: a file picked meanwhile ends it, and only the
// latest check's reply is shown.
const running = new WeakMap();

async function checkFile(section, file, sheet = null) {
  running.get(section)?.();
  running.delete(section);
  const limit = Number(section.dataset.maxMb);
  if (file.size > limit * 1024 * 1024) { showBatch(section, "error", say(section, "batch_too_big", { limit })); return; }
  if (!isReady()) showBatch(section, "waiting", msg(section, "batch_waiting"));
  startWhenAsked();
  await engineReady;
  showBatch(section, "running");
  const data = new Uint8Array(await file.arrayBuffer());
  const xlsxWheels = section.dataset.xlsxWheels.split(",").filter(Boolean)
    .map((url) => new URL(url, location.href).href);
  const { reply, cancel } = askBatch({ name: section.dataset.batch, data, lang: section.dataset.lang, xlsxWheels, sheet },
    (update) => showProgress(section, update));
  running.set(section, cancel);
  section.querySelector("[data-batch-cancel]").onclick = cancel;
  const answer = await reply;
  if (running.get(section) !== cancel) return;
  running.delete(section);
  section.querySelector("[data-batch-progress]").hidden = true;
  showReply(section, answer, file);
}

// Every batch section of the page checks the file picked in it.
export function wireBatches() {
  for (const section of document.querySelectorAll("[data-batch]")) {
    const picker = section.querySelector("[data-batch-file]");
    picker.addEventListener("change", () => { if (picker.files[0]) checkFile(section, picker.files[0]); });
  }
}

// The engine could not start: said once, in the calculator's answer box; a batch section only points there.
export function engineFailed() {
  document.querySelectorAll("[data-batch]").forEach((section) => showBatch(section, "failed", msg(section, "batch_engine_failed")));
}
