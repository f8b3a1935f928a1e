// What the worker does for the page once Python is ready: an answer, a QR code, a roster's check. Each
// is a call into calculators.webworker; the wheels some of them need (segno, openpyxl) are loaded the
// first time, with the standard library's part a start leaves out.
import { BATCH_FAILURE, BATCH_STAGE, FROM_WORKER } from "./protocol.mjs";

const BATCH_SLICE = 2000;

// The tasks of a started Python ({ runtime, engine, more, moreUrl }, from worker-start.mjs).
export function tasksOf({ runtime, engine, more, moreUrl }) {
  let moreReady = null;
  let xlsxReady = null;
  let qrReady = null;

  // The more part of the standard library, fetched like any file before a wheel that needs it is installed.
  const loadMoreStdlib = () => {
    moreReady ??= (async () => {
      const served = more.served(moreUrl);
      const response = await fetch(served);
      if (!response.ok) throw new Error(`${response.status} ${served}`);
      more.mount(moreUrl, new Uint8Array(await response.arrayBuffer()));
    })().catch((error) => { moreReady = null; throw error; });
    return moreReady;
  };

  // openpyxl and its one dependency, and xlrd, self-hosted pure-Python wheels, loaded the first time a workbook is
  // picked. A load that fails may have met a damaged copy the service worker kept: those copies are
  // dropped and the load tried once more from the network.
  const loadXlsxReader = (urls) => {
    const load = async () => {
      await loadMoreStdlib();
      for (const url of urls) await runtime.loadPackage(new URL(url, self.location.href).href);
      engine.import_workbook_reader();
    };
    xlsxReady ??= load().catch(async () => {
      const copies = [more.served(moreUrl), ...urls.map((url) => new URL(url, self.location.href).href)];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const url of copies) await cache.delete(url);
      }
      return load();
    });
    return xlsxReady;
  };

  const answer = ({ id, name, inputs }) => {
    postMessage({ type: FROM_WORKER.answer, id, json: engine.answer(name, JSON.stringify(inputs)) });
  };

  // segno, a self-hosted pure-Python wheel, loaded the first time an answer's QR code is drawn.
  const qr = async ({ id, url, label, wheel }) => {
    qrReady ??= loadMoreStdlib().then(() => runtime.loadPackage(wheel)).then(() => engine.import_qr());
    try {
      await qrReady;
    } catch (error) {
      qrReady = null;
      throw error;
    }
    postMessage({ type: FROM_WORKER.qr, id, svg: engine.qr_svg(url, label) });
  };

  // A file is read, then checked, a slice at a time (calculators.batch.BatchRun), each slice's progress
  // told. This worker does nothing else: stopping it is the page's (it ends the worker).
  const batch = async ({ name, data, lang, xlsxWheels, sheet }) => {
    // Whether the file is a workbook (.xlsx or .xls), which needs the reader's wheels, is the engine's to say.
    if (engine.is_workbook(data.subarray(0, 8))) {
      postMessage({ type: FROM_WORKER.batchProgress, stage: BATCH_STAGE.loading });
      try {
        await loadXlsxReader(xlsxWheels);
      } catch {
        xlsxReady = null;
        postMessage({ type: FROM_WORKER.batchFailed, key: BATCH_FAILURE.reader });
        return;
      }
    }
    postMessage({ type: FROM_WORKER.batchProgress, stage: BATCH_STAGE.reading });
    const run = engine.start_batch(name, data, lang, sheet ?? null);
    try {
      while (!run.done) {
        const wasReading = run.reading;
        const done = run.step(BATCH_SLICE);
        // The step that ends the reading says so: a Stop pressed next stops the check, none of it done.
        postMessage({ type: FROM_WORKER.batchProgress, done: wasReading && !run.reading ? 0 : done, total: run.total,
          reading: run.reading });
      }
      const json = engine.batch_summary(run);
      const bytes = run.download_bytes();
      const csv = bytes.toJs();
      bytes.destroy();
      postMessage({ type: FROM_WORKER.batch, json, csv }, [csv.buffer]);
    } finally {
      run.destroy();
    }
  };

  return { answer, qr, batch };
}
