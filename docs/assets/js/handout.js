// Handout builder: shows the chosen clauses of the prepared handout below the form, in the order they
// were ticked, and keeps the choice in the address (?c=s4-2,s5-5&title=…&en=1, in that order) so that a
// handout can be kept, sent, printed again and presented in the same order. The clauses, their QR codes
// and every word come from the page; site.js copies the address and dates the printed sheet.
const form = document.querySelector("[data-handout-form]");
const handout = document.querySelector("[data-handout]");
const boxes = [...form.querySelectorAll('input[name="c"]')];
const title = form.elements.namedItem("title");
const english = form.elements.namedItem("en");
const lang = form.dataset.lang;

const known = new Set(boxes.map((box) => box.value));
let order = []; // the ticked clauses, in the order they were ticked

function query() {
  const params = new URLSearchParams();
  if (order.length) params.set("c", order.join(","));
  if (title.value !== title.defaultValue) params.set("title", title.value);
  if (english.checked !== english.defaultChecked) params.set("en", english.checked ? "1" : "0");
  return params;
}

function update() {
  order = order.filter((id) => boxes.find((box) => box.value === id).checked);
  for (const box of boxes) if (box.checked && !order.includes(box.value)) order.push(box.value);
  const ids = new Set(order);
  const parts = [...handout.querySelectorAll("[data-handout-clause]")];
  parts.forEach((part) => { part.hidden = !ids.has(part.dataset.handoutClause); });
  handout.append(...order.map((id) => parts.find((part) => part.dataset.handoutClause === id)));
  handout.querySelector("[data-handout-empty]").hidden = ids.size > 0;
  handout.querySelector("[data-handout-title]").textContent = title.value;
  handout.dataset.english = english.checked ? "on" : "off";
  const params = query();
  history.replaceState(null, "", `${location.origin}${location.pathname}${params.size ? "?" + params : ""}`);
  // The same clauses in presenter mode; a Chinese handout with the English presents both languages.
  const deck = new URLSearchParams();
  if (order.length) deck.set("c", order.join(","));
  if (lang === "zh" && english.checked) deck.set("dual", "1");
  form.querySelector("[data-handout-present]").href = `${form.dataset.presentUrl}${deck.size ? "?" + deck : ""}`;
}

const params = new URLSearchParams(location.search);
order = [...new Set((params.get("c") || "").split(",").map((id) => id.trim()))].filter((id) => known.has(id));
boxes.forEach((box) => { box.checked = order.includes(box.value); });
if (params.has("title")) title.value = params.get("title");
if (params.has("en")) english.checked = params.get("en") === "1";

form.addEventListener("input", update);
form.addEventListener("change", update);
form.addEventListener("submit", (event) => event.preventDefault());
form.querySelector("[data-handout-all]").addEventListener("click", () => { boxes.forEach((b) => { b.checked = true; }); update(); });
form.querySelector("[data-handout-none]").addEventListener("click", () => { boxes.forEach((b) => { b.checked = false; }); update(); });
form.querySelector("[data-handout-print]").addEventListener("click", () => window.print());
update();
