// What the answer box says while the engine starts: how much is left to download and, once the link's
// speed is measured, about how long that takes; nothing about a download when nothing is downloading
// (a visit whose files this device kept). The words are the page's (words.mjs); only the figures are
// worked out here, from the bytes the worker counts.
import { STAGE } from "./protocol.mjs";
import { msg, say } from "./words.mjs";

const WINDOW_MS = 8000; // the speed is what arrived over the last few seconds: a link's speed changes
const MEASURED_AFTER_MS = 2000;
const samples = []; // [time, bytes received]

function speed(received) {
  const now = performance.now();
  samples.push([now, received]);
  while (samples.length > 2 && now - samples[0][0] > WINDOW_MS) samples.shift();
  const [since, from] = samples[0];
  return now - since >= MEASURED_AFTER_MS && received > from ? (received - from) / (now - since) : null;
}

// The status text of a form for a stage of the start (bytes: { received, total } while downloading).
export function waitText(form, stage, bytes) {
  if (stage !== STAGE.runtime) return msg(form, stage);
  if (!bytes || bytes.received <= 0) return msg(form, "loading");
  const left = Math.max(bytes.total - bytes.received, 0);
  let text = say(form, stage, { left: (left / 1e6).toFixed(1) });
  const perMs = speed(bytes.received);
  if (perMs) {
    const seconds = left / perMs / 1000;
    text += seconds < 90 ? say(form, "eta_seconds", { n: Math.max(1, Math.round(seconds)) })
      : say(form, "eta_minutes", { n: Math.round(seconds / 60) });
  }
  return text;
}
