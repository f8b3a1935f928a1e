// The words of the calculator pages: every one is written into the page by the build (macros/ui.py) as a
// data attribute of the form or the batch section; a script only picks them by key, and builds elements.

// The words for key on a form or a batch section ("batch_done" is data-msg-batch-done), or the key itself.
export function msg(node, key) {
  return node.dataset["msg" + key.split("_").map((w) => w[0].toUpperCase() + w.slice(1)).join("")] || key;
}

// The same, with each {name} replaced by values[name].
export function say(node, key, values = {}) {
  return Object.entries(values).reduce((text, [k, v]) => text.replaceAll(`{${k}}`, String(v)), msg(node, key));
}

export function el(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}
