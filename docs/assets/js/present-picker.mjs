// The deck picker of presenter mode: tick clauses, put them in order (↑/↓ beside each, by keyboard or
// mouse), and present them in that order; the order goes into ?c= and comes back with the address.
// Its clauses and words come from the page (macros/templates/training.html).
const picker = document.querySelector("[data-present-picker]");
const boxes = [...picker.querySelectorAll("[data-pick]")];
const list = picker.querySelector("[data-pick-order]");
const row = picker.querySelector("template[data-pick-row]");
const labelOf = (id) => boxes.find((box) => box.value === id).closest("label").textContent.trim();
let order = [];

function button(item, kind, id, index) {
  const control = item.querySelector(`[data-pick-${kind}]`);
  control.setAttribute("aria-label", `${control.dataset.words} ${labelOf(id)}`);
  control.disabled = (kind === "up" && index === 0) || (kind === "down" && index === order.length - 1);
  control.addEventListener("click", () => {
    if (kind === "remove") order.splice(index, 1);
    else order.splice(index + (kind === "up" ? -1 : 1), 0, ...order.splice(index, 1));
    draw(kind === "remove" ? null : [order.indexOf(id), kind]);
  });
}

// Draws the ordered list; focus: [position, button kind] to keep the keyboard where it was.
function draw(focus = null) {
  boxes.forEach((box) => { box.checked = order.includes(box.value); });
  list.replaceChildren(...order.map((id, index) => {
    const item = row.content.firstElementChild.cloneNode(true);
    item.dataset.id = id;
    item.querySelector("[data-pick-label]").textContent = `${index + 1}. ${labelOf(id)}`;
    for (const kind of ["up", "down", "remove"]) button(item, kind, id, index);
    return item;
  }));
  if (!focus) return;
  const [index, kind] = focus;
  const target = list.children[index]?.querySelector(`[data-pick-${kind}]`);
  (target && !target.disabled ? target : list.children[index]?.querySelector("button"))?.focus();
}

for (const box of boxes) {
  box.addEventListener("change", () => {
    order = box.checked ? [...order, box.value] : order.filter((id) => id !== box.value);
    draw();
  });
}

// Opens the picker on the deck shown; apply(ids) is called with the order chosen (empty: every clause).
export function openPicker(deck, apply) {
  order = [...deck];
  draw();
  picker.querySelector("[data-pick-apply]").onclick = () => apply([...order]);
  picker.showModal();
  (boxes.find((box) => box.checked) ?? boxes[0]).focus();
}

export const pickerOpen = () => picker.open;
