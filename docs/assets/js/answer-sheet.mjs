// The printed answer sheet of a calculator: what was entered, the answer, the clauses in full, the link
// that opens it again and that link's QR code (drawn by the engine: segno, in the worker).
import { ask } from "./engine-client.mjs";
import { sharedLink } from "./form.mjs";
import { TO_WORKER, FROM_WORKER } from "./protocol.mjs";
import { el, msg } from "./words.mjs";

const sheetReady = new Map(); // form -> the promise of its sheet being filled

function sheetFor(form) {
  return document.querySelector(`[data-answer-sheet="${form.id}"]`);
}

function shownValue(form, control) {
  if (control.type === "checkbox") return msg(form, control.checked ? "sheet_yes" : "sheet_no");
  if (control.tagName === "SELECT") return control.selectedOptions[0]?.textContent ?? control.value;
  return control.value.trim() || "—";
}

const labelOf = (field) => field.querySelector("label").firstChild.textContent.trim();

// [label, value shown] for every field, a nominee row as one line.
function inputRows(form) {
  const rows = [];
  for (const field of form.querySelectorAll(":scope > [data-field], :scope > [data-records]")) {
    if (field.dataset.records !== undefined) {
      const zh = form.dataset.lang === "zh"; // each language's own colon and separator
      field.querySelectorAll("[data-row]").forEach((row, i) => {
        const parts = [...row.querySelectorAll("[data-field]")].map((part) =>
          `${labelOf(part)}${zh ? "：" : ": "}${shownValue(form, part.querySelector("[name]"))}`);
        rows.push([`${field.querySelector("legend").textContent} ${i + 1}`, parts.join(zh ? "；" : "; ")]);
      });
      continue;
    }
    rows.push([labelOf(field), shownValue(form, field.querySelector("[name]"))]);
  }
  return rows;
}

async function fillSheet(form, answer, nodes) {
  const sheet = sheetFor(form);
  if (!sheet) return;
  sheet.querySelector("[data-sheet-inputs]").replaceChildren(...inputRows(form).map(([label, value]) => {
    const tr = el("tr");
    tr.append(el("th", { scope: "row" }, label), el("td", {}, value));
    return tr;
  }));
  sheet.querySelector("[data-sheet-answer]").replaceChildren(...nodes.map((node) => node.cloneNode(true)));
  sheet.querySelectorAll("[data-sheet-clause]").forEach((part) => { part.hidden = !answer.clauses.includes(part.dataset.sheetClause); });
  const url = sharedLink(form);
  sheet.querySelector("[data-sheet-url]").textContent = url;
  const place = sheet.querySelector("[data-sheet-qr]");
  place.replaceChildren();
  sheet.setAttribute("data-ready", "");
  const reply = await ask({ type: TO_WORKER.qr, url, label: `${msg(form, "qr_of")} ${url}`,
    wheel: new URL(form.dataset.qrWheel, location.href).href });
  if (reply.type !== FROM_WORKER.qr || sheet.querySelector("[data-sheet-url]").textContent !== url) return;
  if (!reply.svg) { place.replaceChildren(el("p", { class: "sheet-no-qr" }, msg(form, "sheet_no_qr"))); return; }
  // Parsed as HTML, which puts <svg> in the SVG namespace (segno's inline SVG names none); nothing runs.
  const svg = new DOMParser().parseFromString(reply.svg, "text/html").body.firstElementChild;
  place.replaceChildren(document.importNode(svg, true));
}

// The sheet of this answer (shown = the answer's nodes as on screen), or none for an answer with errors.
// It is filled after the answer is on screen, so that it never delays it.
export function prepareSheet(form, shown) {
  if (!shown) {
    sheetFor(form)?.removeAttribute("data-ready");
    sheetReady.set(form, Promise.resolve());
    return;
  }
  sheetReady.set(form, new Promise((resolve) => {
    setTimeout(() => resolve(fillSheet(form, shown.answer, shown.nodes)), 0);
  }));
}

export async function printSheet(form) {
  await sheetReady.get(form);
  window.print();
}
