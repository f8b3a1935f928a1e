// The calculator pages' script: moves a form's inputs to the engine (Python, in the worker the head's
// script started) and its answers to the page. All rules, labels and messages come from Python; this
// module only wires the parts together:
//   engine-client.mjs  the worker: its start, its failures, questions and replies (protocol.mjs)
//   form.mjs           form <-> inputs, shared links, errors beside their fields
//   answer.mjs         the answer box; answer-sheet.mjs, its printed sheet
//   batch.mjs          roster checks;  wait.mjs, what the wait says;  words.mjs, the page's words by key
import {
  afterAnswer, render, resultFor, setStatus, showQueued, showSharedNote, showSharedProgress, showSharedStop,
} from "./answer.mjs";
import { engineFailed, wireBatches } from "./batch.mjs";
import { ask, isReady, retry, startEngine, startWhenAsked } from "./engine-client.mjs";
import { fillFromQuery, readForm, rememberQuery, sharedLink, wireRows } from "./form.mjs";
import { FROM_WORKER, STAGE, TO_WORKER } from "./protocol.mjs";
import { waitText } from "./wait.mjs";
import { msg, say } from "./words.mjs";

const forms = [...document.querySelectorAll("form[data-calculator]")];

// A press of Calculate before the engine is ready is kept, and answered once it is.
async function submit(form, shared = false) {
  rememberQuery(form);
  if (!isReady()) { showQueued(form); startWhenAsked(); return; }
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

// Retries pressed since the engine last failed to download: a Retry that fails at once again (no signal
// yet) says that it tried.
let retries = 0;

function pressRetry() {
  retries += 1;
  retry();
}

function failedText(form, key) {
  return msg(form, key) + (retries ? " " + say(form, "retried", { n: retries }) : "");
}

// What the reader sees of the engine's start.
const engineHooks = {
  stage(stage, bytes) {
    const downloading = stage === STAGE.runtime && bytes?.received > 0;
    for (const form of forms) {
      const text = waitText(form, stage, bytes);
      setStatus(form, "loading", text, downloading ? bytes : null);
      showSharedProgress(form, text);
    }
  },
  ready() {
    retries = 0;
    for (const form of forms) {
      setStatus(form, "ready", msg(form, "ready"));
      if (form.dataset.pending) submit(form, form.dataset.pending === "shared");
    }
  },
  failed(key) {
    for (const form of forms) {
      setStatus(form, "failed", failedText(form, key));
      showSharedStop(form, msg(form, "shared_failed"), failedText(form, key), msg(form, "retry"), pressRetry);
    }
    engineFailed();
  },
  repairing() {
    forms.forEach((form) => setStatus(form, "loading", msg(form, "repairing")));
  },
  deferred(bytes) {
    const mb = (bytes / 1e6).toFixed(1);
    for (const form of forms) {
      setStatus(form, "deferred", say(form, "save_data", { mb }));
      showSharedStop(form, say(form, "shared_save_data", { mb }), "", msg(form, "shared_download"), () => submit(form, true));
    }
  },
};

for (const form of forms) {
  form.addEventListener("submit", (event) => { event.preventDefault(); submit(form); });
  form.addEventListener("input", () => rememberQuery(form));
  form.addEventListener("focusin", startWhenAsked);
  form.addEventListener("change", () => rememberQuery(form));
  form.querySelector("[data-copy-calc-link]").addEventListener("click", (e) => copyLink(form, e.currentTarget));
  wireRows(form);
  // A shared link's inputs are in its address: the form shows them at once, without the engine, and the
  // answer follows when the engine is ready, for what the form holds then.
  if (fillFromQuery(form)) {
    form.dataset.pending = "shared";
    rememberQuery(form);
    showSharedNote(form, true);
    form.querySelector("[data-shared-note]").scrollIntoView({ block: "start" });
  }
}
wireBatches();
for (const button of document.querySelectorAll("[data-calc-retry]")) button.addEventListener("click", pressRetry);
if (forms.length) startEngine(engineHooks);
