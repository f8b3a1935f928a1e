// A calculator's form as inputs for the engine and back: the fields the build drew from the calculator's
// own metadata (data-fields), the nominee rows of the quota form, a shared link's query string, and the
// engine's errors put beside the fields they name.
import { el } from "./words.mjs";

// ---- the nominee rows of the quota form ----
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

// Whether a value ticks a checkbox: the engine's own words for true (data-true, calculators.inputs.TRUE_WORDS),
// read as the engine reads them (full-width folded, trimmed, any case).
function ticked(control, value) {
  const text = String(value).normalize("NFKC").trim().toLowerCase();
  return value === true || control.dataset.true.split(",").includes(text);
}

// A new row is numbered alone: a shared link's thousand nominees are a thousand rows, not a million renumberings.
export function addRow(records, values = {}) {
  const row = records.querySelector("template[data-row-template]").content.firstElementChild.cloneNode(true);
  const list = records.querySelector("[data-rows]");
  list.append(row);
  numberRow(row, list.children.length - 1);
  for (const control of row.querySelectorAll("[name]")) {
    const key = control.name.split(".").pop();
    if (!(key in values)) continue;
    if (control.type === "checkbox") control.checked = ticked(control, values[key]);
    else control.value = values[key];
  }
  return row;
}

// ---- form <-> inputs ----
export function readForm(form) {
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

// The address that opens this form with its inputs filled in (and answered).
export function sharedLink(form) {
  return `${location.origin}${location.pathname}?${toQuery(readForm(form))}`;
}

// The form's inputs as a query string, kept on the form for the language switch (site.js).
export function rememberQuery(form) {
  form.setAttribute("data-query", toQuery(readForm(form)).toString());
}

// A control the reader has already changed, which a link's value never overwrites.
function changed(control) {
  if (control.type === "checkbox") return control.checked !== control.defaultChecked;
  if (control.tagName === "SELECT") return [...control.options].some((o) => o.selected !== o.defaultSelected);
  return control.value !== control.defaultValue;
}

// The inputs this page opens with: those the other language's page left for it in this tab's session
// storage (site.js; read once), else a shared link's, in the address.
function openingInputs() {
  try {
    const carried = JSON.parse(sessionStorage.getItem("calculator-inputs") || "null");
    if (carried?.path === location.pathname) {
      sessionStorage.removeItem("calculator-inputs");
      return new URLSearchParams(carried.query);
    }
  } catch {
    // storage refused (a private window's policy): the address's inputs only
  }
  return new URLSearchParams(location.search);
}
const opening = openingInputs();

// Fills the form from the inputs the page opened with; true when they named one of the form's fields.
export function fillFromQuery(form) {
  const params = opening;
  let filled = false;
  for (const name of form.dataset.fields.split(",")) {
    if (!params.has(name)) continue;
    filled = true;
    const value = params.get(name);
    const records = form.querySelector(`[data-records="${name}"]`);
    if (records) {
      if (records.querySelector("[data-row]")) continue;
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
    if (!control || changed(control)) continue;
    if (control.type === "checkbox") control.checked = ticked(control, value);
    else if (control.tagName === "SELECT" && ![...control.options].some((o) => o.value === value)) {
      control.append(el("option", { value }, value));
      control.value = value;
    } else control.value = value;
  }
  return filled;
}

// Empties the form, its nominee rows included.
export function resetForm(form) {
  form.reset();
  const records = form.querySelector("[data-records]");
  if (records) { records.querySelector("[data-rows]").replaceChildren(); delete records.dataset.raw; }
}

// ---- the engine's errors beside their fields ----
export function clearErrors(form) {
  form.querySelectorAll("[data-error-for]").forEach((node) => { node.hidden = true; node.textContent = ""; });
  form.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
}

export function controlFor(form, field) {
  return field ? form.querySelector(`[name="${CSS.escape(field)}"]`) : null;
}

export function showErrors(form, errors, lang) {
  for (const error of errors) {
    const field = error.field || "";
    const place = form.querySelector(`[data-error-for="${CSS.escape(field)}"]`)
      || form.querySelector(`[data-error-for="${CSS.escape(field.split(/[[.]/)[0])}"]`);
    if (!place) continue;
    place.hidden = false;
    place.textContent = (place.textContent ? place.textContent + " " : "") + error[lang];
    controlFor(form, field)?.setAttribute("aria-invalid", "true");
  }
}

// The nominee rows' buttons: add a row, remove one (the rest renumbered).
export function wireRows(form) {
  const records = form.querySelector("[data-records]");
  if (!records) return;
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
