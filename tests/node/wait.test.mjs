// The wait's estimate of the time left (docs/assets/js/wait.mjs, as built): shown only once it holds, never
// the swing of a slow link's first half minute (the walk-through of 7 December 2026: 59 s, 88 s, 2 and 3
// minutes, then 90 s, for a real 120 s); measured afresh after a gap in the counts.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { test } from "node:test";

const JS = new URL("../../site/assets/js/", import.meta.url);
const { steadySeconds } = await import(new URL(readdirSync(JS).find((f) => /^wait\.[0-9a-f]+\.mjs$/.test(f)), JS));

// What the wait would show every half second, with the true time left, at a speed (bytes a second)
// that changes over time.
function run(total, speedAt, seconds, start) {
  const shown = [];
  let received = 0;
  for (let t = 0.5; t <= seconds; t += 0.5) {
    received += speedAt(t) / 2;
    const left = total - received;
    shown.push({ t, estimate: steadySeconds(start + t * 1000, received, left), truth: left / speedAt(t) });
  }
  return shown;
}

test("a slow link's first half minute (a slow start, several files at once) never swings the estimate", () => {
  const noise = [1.3, 0.7, 1.2, 0.8, 1.0, 1.25, 0.75];
  const speed = (t) => 31250 * Math.min(1, 0.2 + t / 25) * (t < 35 ? noise[Math.floor(t / 2) % noise.length] : 1);
  const shown = run(4_240_000, speed, 90, 0).filter(({ estimate }) => estimate !== null);
  assert.ok(shown.length && shown[0].t >= 10);
  for (const { t, estimate } of shown) {
    const near = shown.filter((other) => Math.abs(other.t - t) <= 10).map((other) => other.estimate);
    assert.ok(Math.max(...near) <= 1.6 * Math.min(...near), `swings near ${t} s: ${near.map(Math.round)}`);
  }
  assert.ok(shown.filter(({ t }) => t >= 50).every(({ estimate, truth }) => Math.abs(estimate - truth) <= 0.15 * truth));
});

test("a steady link's estimate comes after ten seconds, and a gap starts the measure again", () => {
  const start = 1_000_000;
  const shown = run(3_000_000, () => 100_000, 20, start);
  const first = shown.find(({ estimate }) => estimate !== null);
  assert.ok(first.t >= 10 && first.t <= 11);
  assert.ok(Math.abs(shown.at(-1).estimate - shown.at(-1).truth) < 0.5);
  assert.equal(steadySeconds(start + 30_000, 2_100_000, 900_000), null);
});
