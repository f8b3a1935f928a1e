// The calculator pages' script: moves a form's inputs to the engine (Python, in the worker the head's
// script started) and its answers to the page. All rules, labels and messages come from Python; this
// module only wires the parts together:
//   engine-client.mjs  the worker: its start, its failures, questions and replies (protocol.mjs)
//   form.mjs           form <-> inputs, shared links, errors beside their fields
//   answer.mjs         the answer box; answer-sheet.mjs, its printed sheet
//   batch.mjs          roster checks;  words.mjs, the page's words by key
import { afterAnswer, render, resultFor, setStatus, showQueued } from "./answer.mjs";
import { engineFailed, wireBatches } from "./batch.mjs";
import { ask, isReady, retry, startEngine } from "./engine-client.mjs";
import { fillFromQuery, readForm, rememberQuery, sharedLink, wireRows } from "./form.mjs";
import { FROM_WORKER, STAGE, TO_WORKER } from "./protocol.mjs";
import { msg } from "./words.mjs";

const forms = [...document.querySelectorAll("form[data-calculator]")];

// A press of Calculate before the engine is ready is kept, and answered once it is.
async function submit(form, shared = false) {
  rememberQuery(form);
  if (!isReady()) { showQueued(form); return; }
  delete form.dataset.pending;
  const result = resultFor(form);
  result.setAttribute("aria-busy", "true");
  const data = await ask({ type: TO_WORKER.run, name: form.dataset.calculator, inputs: readForm(form) });
  result.removeAttribute("aria-busy");
  if (data.type === FROM_WORKER.answer) {
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

// What the reader sees of the engine's start.
const engineHooks = {
  stage(stage, bytes) {
    const percent = bytes ? Math.floor((100 * Math.min(bytes.received, bytes.total)) / bytes.total) : null;
    for (const form of forms) {
      const text = percent === null ? msg(form, stage) : msg(form, stage).replace("{percent}", String(percent));
      setStatus(form, "loading", text, stage === STAGE.runtime ? bytes : null);
    }
  },
  ready() {
    for (const form of forms) {
      setStatus(form, "ready", msg(form, "ready"));
      if (fillFromQuery(form)) submit(form, true);
      else if (form.dataset.pending) submit(form);
    }
  },
  failed(key) {
    forms.forEach((form) => setStatus(form, "failed", msg(form, key)));
    engineFailed();
  },
  repairing() {
    forms.forEach((form) => setStatus(form, "loading", msg(form, "repairing")));
  },
};

for (const form of forms) {
  form.addEventListener("submit", (event) => { event.preventDefault(); submit(form); });
  form.addEventListener("input", () => rememberQuery(form));
  form.addEventListener("change", () => rememberQuery(form));
  form.querySelector("[data-copy-calc-link]").addEventListener("click", (e) => copyLink(form, e.currentTarget));
  wireRows(form);
}
wireBatches();
for (const button of document.querySelectorAll("[data-calc-retry]")) button.addEventListener("click", retry);
if (forms.length) startEngine(engineHooks);
