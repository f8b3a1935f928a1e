// Presenter mode: shows one prepared slide at a time. The deck is every clause, or the clauses
// named in ?c=s4-2,s5-5 (in that order, chosen in the picker: present-picker.mjs); #s4-2 starts on that
// clause; ?dual=1 shows the second language beside the first. The address always names the slide on
// screen, so a reload or a copied address lands on it. Each slide is fitted to the screen
// (present-fit.mjs). Slides, words and QR codes all come from the page.
import { fit, scrollWithin } from "./present-fit.mjs";
import { openPicker, pickerOpen } from "./present-picker.mjs";

const root = document.querySelector("[data-present]");
const deckArea = root.querySelector(".present-deck");
const every = [...root.querySelectorAll("[data-slide]")];
const params = new URLSearchParams(location.search);
const counter = root.querySelector("[data-present-counter]");
const secondButton = root.querySelector("[data-present-second]");

function say(key, values) {
  const text = root.dataset["msg" + key.split("_").map((w) => w[0].toUpperCase() + w.slice(1)).join("")];
  return Object.entries(values).reduce((out, [k, v]) => out.replaceAll(`{${k}}`, v), text);
}

function chooseDeck() {
  if (!params.get("c")) return every;
  const unknown = [];
  const deck = [];
  for (const id of params.get("c").split(",").map((part) => part.trim()).filter(Boolean)) {
    const slide = every.find((s) => s.dataset.slide === id);
    if (slide) deck.push(slide);
    else unknown.push(id);
  }
  if (unknown.length) {
    const problem = root.querySelector("[data-present-problem]");
    problem.textContent = say("present_unknown", { ids: unknown.join(", ") });
    problem.hidden = false;
  }
  return deck.length ? deck : every;
}

const deck = chooseDeck();
let current = -1;
let typed = "";

function address(id) {
  const query = params.toString();
  return `${location.origin}${location.pathname}${query ? "?" + query : ""}#${id}`;
}

function show(index) {
  const next = Math.max(0, Math.min(deck.length - 1, index));
  if (next === current) return;
  deck[current]?.setAttribute("hidden", "");
  current = next;
  const slide = deck[current];
  slide.removeAttribute("hidden");
  counter.textContent = `${current + 1} / ${deck.length}`;
  history.replaceState(null, "", address(slide.dataset.slide));
  deckArea.scrollTop = 0;
  fit(slide, deckArea);
  linkOtherLanguage();
}

// The slide an address names; a hash that is not a clause id (#%, a broken escape) names the first.
function start() {
  let id = "";
  try { id = decodeURIComponent(location.hash.slice(1)); } catch { id = ""; }
  const found = deck.findIndex((s) => s.dataset.slide === id);
  show(found >= 0 ? found : 0);
}

function setSecond(on) {
  root.dataset.second = on ? "on" : "off";
  secondButton.setAttribute("aria-pressed", String(on));
  if (on) params.set("dual", "1");
  else params.delete("dual");
  history.replaceState(null, "", address(deck[current]?.dataset.slide || deck[0].dataset.slide));
  if (deck[current]) fit(deck[current], deckArea);
  linkOtherLanguage();
}

// The picker's order becomes the deck (none chosen: every clause), from its first slide.
function present(ids) {
  if (ids.length) params.set("c", ids.join(","));
  else params.delete("c");
  location.assign(address(ids[0] || every[0].dataset.slide));
}

const pick = () => openPicker(deck.length === every.length && !params.get("c") ? [] : deck.map((s) => s.dataset.slide),
  present);

// The other language's presenter shows the same deck at the same slide (site.js leaves a link marked
// data-keeps-place alone).
function linkOtherLanguage() {
  const other = root.querySelector("[data-present-other]");
  const query = params.toString();
  other.href = `${other.href.split(/[?#]/)[0]}${query ? "?" + query : ""}#${deck[current].dataset.slide}`;
}

function toggleFullscreen() {
  if (document.fullscreenElement) document.exitFullscreen?.();
  else document.documentElement.requestFullscreen?.().catch(() => {});
}

const NEXT = new Set(["ArrowRight", "n"]);
const PREVIOUS = new Set(["ArrowLeft", "Backspace", "p"]);
// These scroll a slide too long for the screen before they change slides.
const DOWN = new Set(["ArrowDown", "PageDown", " "]);
const UP = new Set(["ArrowUp", "PageUp"]);

// Captured on the window before the theme's own shortcuts (which would open search or leave the page).
window.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.altKey || event.metaKey || pickerOpen()) return;
  if (event.target instanceof Element && event.target.closest("button,a") && event.key === "Enter" && !typed) return;
  const key = event.key;
  let handled = true;
  if (/^[0-9]$/.test(key)) {
    typed = (typed + key).slice(0, 3);
    counter.textContent = say("present_jump", { n: typed });
  } else if (key === "Enter" && typed) {
    const wanted = Number(typed) - 1;
    typed = "";
    const before = current;
    show(wanted);
    if (current === before) counter.textContent = `${current + 1} / ${deck.length}`;
  } else if (key === "Escape" && typed) {
    typed = "";
    counter.textContent = `${current + 1} / ${deck.length}`;
  } else if (NEXT.has(key) || key === "Enter") show(current + 1);
  else if (PREVIOUS.has(key)) show(current - 1);
  else if (DOWN.has(key)) { if (!scrollWithin(deckArea, 1)) show(current + 1); }
  else if (UP.has(key)) { if (!scrollWithin(deckArea, -1)) show(current - 1); }
  else if (key === "c" || key === "C") pick();
  else if (key === "Home") show(0);
  else if (key === "End") show(deck.length - 1);
  else if (key === "l" || key === "L") setSecond(root.dataset.second !== "on");
  else if (key === "f" || key === "F") toggleFullscreen();
  else handled = false;
  if (handled) {
    event.preventDefault();
    event.stopPropagation();
  }
}, true);

window.addEventListener("hashchange", start);
root.querySelector("[data-present-prev]").addEventListener("click", () => show(current - 1));
root.querySelector("[data-present-next]").addEventListener("click", () => show(current + 1));
root.querySelector("[data-present-fullscreen]").addEventListener("click", toggleFullscreen);
secondButton.addEventListener("click", () => setSecond(root.dataset.second !== "on"));
root.querySelector("[data-present-pick]").addEventListener("click", pick);
const refit = () => { if (deck[current]) fit(deck[current], deckArea); };
window.addEventListener("resize", refit);
document.addEventListener("addresses-drawn", refit);
start();
setSecond(params.get("dual") === "1");
