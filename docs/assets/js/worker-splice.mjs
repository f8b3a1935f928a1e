// The pieces of continuing a cut download that hold no state (worker-downloads.mjs uses them): a read
// that gives up after a stall, a body with a re-sent prefix skipped, and the checks that a second answer
// continues the same file.

const STALL_MS = 20000; // shorter than the page's own watchdog, which would give the start up

export function readOrStall(reader) {
  let timer;
  const stalled = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error("stalled")), STALL_MS); });
  return Promise.race([reader.read(), stalled]).finally(() => clearTimeout(timer));
}

// A reader of body that skips its first `skip` bytes (what a host that ignored the range sent again).
export function skipping(body, skip) {
  let left = skip;
  return body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      if (left >= chunk.byteLength) { left -= chunk.byteLength; return; }
      controller.enqueue(left ? chunk.subarray(left) : chunk);
      left = 0;
    },
  })).getReader();
}

// Whether a 206 continues the file at byte `from`: its Content-Range starts there, and its total is the
// first answer's length when that was given.
export function continues(response, from, length) {
  const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.headers.get("Content-Range") || "");
  return Boolean(range) && Number(range[1]) === from && (!length || range[3] === "*" || Number(range[3]) === length);
}

export const versionOf = (response) => response.headers.get("ETag") || response.headers.get("Last-Modified");

export class NotTheSameFile extends Error {}
