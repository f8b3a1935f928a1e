// What the answer box says while the engine starts: how much is left to download and, once the link's
// speed is steady, about how long that takes; that nothing is arriving, when nothing has for a while;
// nothing about a download when nothing is downloading (a visit whose files this device kept). The words
// are the page's (words.mjs); only the figures are worked out here, from the bytes the worker counts.
import { STAGE } from "./protocol.mjs";
import { msg, say } from "./words.mjs";

// The speed is what arrived over the last few seconds (a link's speed changes), and an estimate is shown
// only once it holds: the first seconds of a download (a link's slow start, several files at once) swung
// it from one minute to three and back on a slow phone link. A gap in the counts (a stall, a Retry)
// starts the measure again.
const WINDOW_MS = 8000;
const FIRST_MS = 10000;
const STEADY_MS = 5000;
const STEADY_SPREAD = 0.25;
const GAP_MS = 3000;
let samples = []; // [time, bytes received]
let estimates = []; // [time, when the download would end], both in ms
let since = null; // when this measure began

// Seconds left, or null while the estimate is not steady. Pure: the tests give it their own times.
export function steadySeconds(now, received, left) {
  const last = samples[samples.length - 1];
  if (!last || now - last[0] > GAP_MS || received < last[1]) {
    samples = [];
    estimates = [];
    since = now;
  }
  samples.push([now, received]);
  while (samples.length > 2 && now - samples[0][0] > WINDOW_MS) samples.shift();
  const [from, fromBytes] = samples[0];
  if (now - from <= 0 || received <= fromBytes) return null;
  const seconds = left / ((received - fromBytes) / (now - from)) / 1000;
  const end = now + seconds * 1000;
  estimates.push([now, end]);
  while (estimates.length > 1 && now - estimates[0][0] > STEADY_MS) estimates.shift();
  const steady = estimates.every(([, other]) => Math.abs(other - end) <= STEADY_SPREAD * seconds * 1000);
  return now - since >= FIRST_MS && now - estimates[0][0] >= STEADY_MS / 2 && steady ? seconds : null;
}

// The status text of a form for a stage of the start (bytes: { received, total } while downloading, and
// quiet: the seconds since anything arrived, once that is long enough to say).
export function waitText(form, stage, bytes) {
  if (stage !== STAGE.runtime) return msg(form, stage);
  if (!bytes || bytes.received <= 0) return msg(form, "loading");
  const left = Math.max(bytes.total - bytes.received, 0);
  const text = say(form, stage, { left: (left / 1e6).toFixed(1) });
  if (bytes.quiet) return text + say(form, "no_data", { n: bytes.quiet });
  const seconds = steadySeconds(performance.now(), bytes.received, left);
  if (seconds === null) return text;
  return text + (seconds < 90 ? say(form, "eta_seconds", { n: Math.max(5, Math.round(seconds / 5) * 5) })
    : say(form, "eta_minutes", { n: Math.round(seconds / 60) }));
}
