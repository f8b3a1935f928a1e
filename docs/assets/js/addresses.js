// The printed and projected addresses of clauses, and their QR codes, point at the site this page is
// open at. The build writes them for the address it was told (SITE_URL); a copy opened anywhere else (a
// preview, an office server, a trainer's laptop) has them rewritten here, so that what a trainee's phone
// scans opens the page the trainer has open. An address only this computer opens (loopback, or the
// "any address" a server listens on, 0.0.0.0) opens nothing on a phone: the page warns, on screen and in
// print. A local network's address (a private one, a .local name: a training room's) opens on the phones
// of that network: the page says so, without alarm, and on the notice's pages only in print.
import { encode } from "./uqr.mjs";

const AT_ONCE = 2; // codes drawn per task (some 5 ms each): a page of 69 clauses never holds the main thread long
// localhost, 127/8, 0.0.0.0 and IPv6's loopback and unspecified address.
const NOWHERE = /^(localhost|.+\.localhost|127(\.\d+){3}|0\.0\.0\.0|\[::1?\])$/i;
// .local, 10/8, 172.16/12, 192.168/16, 169.254/16, IPv6 unique-local and link-local.
const LOCAL = /^(.+\.local|10(\.\d+){3}|192\.168(\.\d+){2}|172\.(1[6-9]|2\d|3[01])(\.\d+){2}|169\.254(\.\d+){2}|\[(f[cd][0-9a-f]{0,2}:[0-9a-f:]*|fe[89ab][0-9a-f]:[0-9a-f:]*)\])$/i;

const site = window.__md_scope instanceof URL ? window.__md_scope : new URL(".", location.href);

// A QR code of url as the build draws it (error correction M, the standard's four-module quiet zone),
// in the SVG namespace of the code it replaces.
function code(url, label, namespace) {
  const { size, data } = encode(url, { ecc: "M", border: 4 });
  const svg = document.createElementNS(namespace, "svg");
  for (const [name, value] of [["viewBox", `0 0 ${size} ${size}`], ["class", "qr"], ["role", "img"],
    ["aria-label", label]]) svg.setAttribute(name, value);
  let d = "";
  data.forEach((row, y) => row.forEach((dark, x) => { if (dark) d += `M${x} ${y}h1v1h-1z`; }));
  const path = document.createElementNS(namespace, "path");
  path.setAttribute("d", d);
  svg.append(path);
  return svg;
}

// An address may break after each "/", "?", "&" or "#", never inside a name or a port (a projected
// address broke as "…:342 / 18/…").
function show(place, url) {
  const parts = url.split(/(?<=[/?&#])(?!\/)/);
  place.replaceChildren(...parts.flatMap((part, i) => (i ? [document.createElement("wbr"), part] : [part])));
}

function redraw(place) {
  const wanted = new URL(place.dataset.address, site).href;
  const written = place.textContent;
  show(place, wanted);
  if (written === wanted) return;
  const old = place.closest("[data-address-box]")?.querySelector("svg.qr");
  old?.replaceWith(code(wanted, (old.getAttribute("aria-label") || "").replace(written, wanted), old.namespaceURI));
}

const waiting = [...document.querySelectorAll("[data-address]")];

// Said when every address is drawn: a longer address can make a slide longer (present.js fits it again).
function drawSome() {
  waiting.splice(0, AT_ONCE).forEach(redraw);
  if (waiting.length) setTimeout(drawSome, 0);
  else document.dispatchEvent(new Event("addresses-drawn"));
}

// Printing now draws what is left at once.
window.addEventListener("beforeprint", () => waiting.splice(0).forEach(redraw));
if (document.readyState === "complete") drawSome();
else window.addEventListener("load", () => setTimeout(drawSome, 0), { once: true });

const nowhere = NOWHERE.test(location.hostname);
if (nowhere || LOCAL.test(location.hostname)) {
  for (const warning of document.querySelectorAll("[data-address-warning]")) {
    warning.textContent = (nowhere ? warning.dataset.addressWarning : warning.dataset.addressNote).replace("{host}", location.host);
    warning.dataset.level = nowhere ? "nowhere" : "local";
    warning.hidden = false;
  }
}
