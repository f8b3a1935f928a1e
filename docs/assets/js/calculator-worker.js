// Module worker: runs Pyodide and the calculators wheel off the main thread. Its message loop; every
// message is named in protocol.mjs:
//   worker-kept.mjs       what it keeps for the next visit, and reads back ("prepare")
//   worker-start.mjs      starting Python, from a snapshot when it can ("start")
//   worker-downloads.mjs  every byte of a start, counted (the only module that patches a global);
//                         worker-splice.mjs, its checks for continuing a cut download
//   worker-tasks.mjs      answers, QR codes and roster checks, once Python is ready (a roster's in a
//                         worker started for it alone, which the page ends when it is done or stopped)
// The runtime lives under a folder named by its version, which the page passes in.
import "./fzstd.mjs"; // each module of the worker is named here, so that a cold start asks for all of them
import "./snapshot.mjs"; // at once: every further level of imports is one more round trip on a slow link
import "./worker-splice.mjs";
import { resume } from "./worker-downloads.mjs";
import { FAILURE, FROM_WORKER, TO_WORKER } from "./protocol.mjs";
import { prepare } from "./worker-kept.mjs";
import { firstAnswerSent, start } from "./worker-start.mjs";
import { tasksOf } from "./worker-tasks.mjs";

let tasks = null;

async function handle(message) {
  switch (message.type) {
    case TO_WORKER.prepare:
      prepare(message);
      break;
    case TO_WORKER.start: {
      const { started, kept } = await start(message);
      tasks = tasksOf(started);
      await kept;
      break;
    }
    case TO_WORKER.run:
      tasks.answer(message);
      firstAnswerSent();
      break;
    case TO_WORKER.qr:
      await tasks.qr(message);
      break;
    case TO_WORKER.batch:
      await tasks.batch(message);
      break;
    case TO_WORKER.resume:
      resume();
      break;
  }
}

self.onmessage = async ({ data: message }) => {
  try {
    await handle(message);
  } catch (error) {
    postMessage({ type: message.type === TO_WORKER.start ? FROM_WORKER.failed : FROM_WORKER.bug,
      kind: FAILURE.failed, id: message.id, message: String(error) });
  }
};
