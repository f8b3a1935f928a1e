// A calculator's answer box: the engine's stages while it starts, then each answer (verdict, reasons,
// notes, the clauses cited, or the errors to mend), as the engine worded it in the reader's language.
import { prepareSheet, printSheet } from "./answer-sheet.mjs";
import { clearErrors, controlFor, rememberQuery, resetForm, showErrors } from "./form.mjs";
import { el, msg } from "./words.mjs";

export function resultFor(form) {
  return document.querySelector(`[data-calculator-result][data-for="${form.id}"]`);
}

// A state of the box other than an answer: loading (with its progress bar and, while the reader waits,
// the way to the method section), ready, or failed (with Retry).
export function setStatus(form, state, text, bytes = null) {
  const result = resultFor(form);
  const status = result.querySelector(".calc-status[data-drawn]"); // drawn here, not the page's first words
  if (state === "loading" && result.dataset.state === "loading" && status) {
    updateLoading(result, status, text, bytes); // in place: a reader may be on the method link
    return;
  }
  result.dataset.state = state;
  result.removeAttribute("data-json");
  const nodes = [el("p", { class: "calc-status", "data-drawn": "" }, text)];
  if (bytes) nodes.push(el("progress", { max: String(bytes.total), value: String(Math.min(bytes.received, bytes.total)),
    "aria-label": text }));
  if (form.dataset.pending === "pressed" && state !== "ready") nodes.push(queuedLine(form));
  if (state === "loading" && document.getElementById("method")) {
    const method = el("p", { class: "calc-wait-method" });
    method.append(el("a", { href: "#method" }, msg(form, "wait_method")));
    nodes.push(method);
  }
  const fallback = result.querySelector(".calc-fallback");
  fallback.hidden = state !== "failed";
  result.replaceChildren(...nodes, fallback);
}

function updateLoading(result, status, text, bytes) {
  status.textContent = text;
  let bar = result.querySelector("progress");
  if (!bytes) { bar?.remove(); return; }
  if (!bar) { bar = el("progress"); status.after(bar); }
  bar.max = bytes.total;
  bar.value = Math.min(bytes.received, bytes.total);
  bar.setAttribute("aria-label", text);
}

const queuedLine = (form) => el("p", { class: "calc-queued" }, msg(form, "queued"));

// A press of Calculate before the engine is ready is kept (data-pending) and said so.
export function showQueued(form) {
  form.dataset.pending = form.dataset.pending === "shared" ? "shared" : "pressed";
  if (form.dataset.pending === "shared") return;
  const result = resultFor(form);
  if (!result.querySelector(".calc-queued")) result.querySelector(".calc-status").after(queuedLine(form));
}

// The line an answer ends with (a roster's result too): each clause as the notice names it (第五部分第（五）项,
// Part V(5)), linked to it; its id only in the address.
export function citedClauses(form, ids, attributes = {}) {
  const names = JSON.parse(form.dataset.clauseNames || "{}");
  const line = el("p", { class: "calc-clauses", ...attributes }, msg(form, "clauses_cited") + " ");
  ids.forEach((id, i) => {
    if (i) line.append(form.dataset.lang === "zh" ? "、" : ", ");
    line.append(el("a", { href: `${form.dataset.noticeUrl}#${id}` }, names[id] ?? id));
  });
  return line;
}

// The verdict as the engine states it (qualified where a reading decides it), or null: nothing judged.
const verdictOf = (answer) => (answer.ok && answer.verdict ? answer.verdict : null);

function answerNodes(form, answer, lang) {
  const nodes = [];
  const verdict = verdictOf(answer);
  if (verdict) {
    nodes.push(el("p", { class: `calc-verdict calc-verdict--${verdict.met ? "yes" : "no"}` }, verdict[lang]));
  }
  const list = el("ul", { class: "calc-explanation" });
  answer.explanation[lang].forEach((line) => list.append(el("li", {}, line)));
  nodes.push(list);
  if (answer.rests_on[lang].length) {
    const readings = el("ul", { class: "calc-readings", "aria-label": msg(form, "rests_on") });
    answer.rests_on[lang].forEach((line) => readings.append(el("li", {}, line)));
    nodes.push(el("p", { class: "calc-readings-title" }, msg(form, "rests_on")), readings);
  }
  if (answer.notes.length) {
    const notes = el("ul", { class: "calc-notes", "aria-label": msg(form, "notes") });
    answer.notes.forEach((note) => notes.append(el("li", {}, note[lang])));
    nodes.push(notes);
  }
  nodes.push(citedClauses(form, answer.clauses));
  return nodes;
}

// Each error links to its field; the field itself says it too.
function errorNodes(form, answer, lang) {
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
  showErrors(form, answer.errors, lang);
  return [el("p", { class: "calc-verdict calc-verdict--no" }, msg(form, "errors_title")), list];
}

// json is the engine's answer as it came (kept on the box for tests and the language switch).
export function render(form, answer, json) {
  const lang = form.dataset.lang;
  const result = resultFor(form);
  clearErrors(form);
  const heading = el("h2", { class: "calc-answer-heading", tabindex: "-1" }, msg(form, "answer_heading"));
  const body = answer.ok ? answerNodes(form, answer, lang) : errorNodes(form, answer, lang);
  const extra = [];
  if (answer.ok) {
    const print = el("button", { type: "button", class: "md-button calc-print", "data-print-sheet": "" },
      msg(form, "sheet_print"));
    print.addEventListener("click", () => printSheet(form));
    extra.push(print);
  }
  result.replaceChildren(heading, ...body, ...extra, result.querySelector(".calc-fallback") || el("p"));
  result.dataset.state = answer.ok ? "ok" : "error";
  const verdict = verdictOf(answer);
  result.dataset.verdict = verdict ? (verdict.met ? "yes" : "no") : "none";
  result.dataset.json = json;
  prepareSheet(form, answer.ok ? { answer, nodes: body } : null);
}

// An answer opened from a shared link is brought into view, with a line that says whose inputs these
// are; an answer with errors sends the reader to the first field to mend.
export function afterAnswer(form, answer, shared) {
  const result = resultFor(form);
  form.querySelector("[data-shared-waiting]")?.remove();
  if (shared) {
    showSharedNote(form);
    result.querySelector(".calc-answer-heading").focus({ preventScroll: true });
    result.scrollIntoView({ block: "start" });
  } else if (!answer.ok) {
    (form.querySelector("[aria-invalid=true]") || result.querySelector(".calc-answer-heading")).focus();
  }
}

// The line that says the form holds a shared link's inputs; while the engine starts (waiting), a second
// line at the top says what happens next: that the answer follows by itself, with the start's progress
// (showSharedProgress); or, when it cannot follow by itself, why, and the one press that goes on
// (showSharedStop: Retry after a failed download, the download itself under Data Saver).
export function showSharedNote(form, waiting = false) {
  if (form.querySelector("[data-shared-note]")) return;
  const note = el("p", { class: "calc-shared", "data-shared-note": "" }, msg(form, "shared_note") + " ");
  const clear = el("button", { type: "button", class: "md-button" }, msg(form, "shared_clear"));
  clear.addEventListener("click", () => {
    history.replaceState(null, "", location.origin + location.pathname);
    delete form.dataset.pending;
    resetForm(form);
    note.remove();
    clearErrors(form);
    rememberQuery(form);
    setStatus(form, "ready", msg(form, "ready"));
    form.querySelector("input,select")?.focus();
  });
  note.append(clear);
  if (waiting) {
    const line = el("span", { class: "calc-shared-waiting", "data-shared-waiting": "" });
    line.append(el("span", { "data-shared-lead": "" }, msg(form, "shared_waiting") + " "),
      el("span", { class: "calc-shared-progress", "data-shared-progress": "", role: "status" }));
    note.append(line);
  }
  form.prepend(note);
}

function sharedLine(form, lead, progress, action = null) {
  const line = form.querySelector("[data-shared-waiting]");
  if (!line) return;
  line.dataset.state = action ? "stopped" : "waiting";
  line.querySelector("[data-shared-lead]").textContent = lead;
  line.querySelector("[data-shared-progress]").textContent = progress;
  line.querySelector("[data-shared-action]")?.remove();
  if (action) line.append(action);
}

export function showSharedProgress(form, text) {
  sharedLine(form, msg(form, "shared_waiting") + " ", text);
}

export function showSharedStop(form, lead, reason, label, onPress) {
  const button = el("button", { type: "button", class: "md-button", "data-shared-action": "" }, label);
  button.addEventListener("click", onPress);
  sharedLine(form, lead, reason, button);
}
