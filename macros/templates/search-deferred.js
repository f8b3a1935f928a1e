// Material's search worker (the build writes its file name below), with its index built when it is
// wanted instead of as every page loads. The theme sends the index as soon as its bundle runs, and its
// worker then spent a fifth of a second of CPU building it on the bench's desktop (four times that on a
// phone), on every page, while the page and the calculators' Python started on the same cores, and
// whether or not the reader ever searched. Here it is built when the reader comes to the search box
// (site.js says so on a broadcast channel), or at the latest with the first query typed. Until then
// the worker says it is ready, and an empty query (the theme sends one at once) finds nothing, as it
// would anyway. The theme's worker itself is only imported then: loading and running it took 20-30 ms
// of the worker's thread on every page. It sits beside the theme's worker, whose language files are
// fetched relative to it.
"use strict";
(() => {
  // Material's SearchMessageType.
  const SETUP = 0;
  const READY = 1;
  const QUERY = 2;
  const RESULT = 3;
  let setup = null; // the theme's setup message, held
  let wanted = false;
  let built = false;

  // Material's handler (added by its script, imported when the index is first wanted) runs after this
  // one, which stops what it keeps: a kept message is handed over by dispatching it again once built is set.
  const handOver = (data) => self.dispatchEvent(new MessageEvent("message", { data }));
  function build() {
    wanted = true;
    if (built || !setup) return;
    built = true;
    importScripts("__THEME_WORKER__");
    handOver(setup);
  }

  // The theme's own "ready", after the index is built, was said already.
  const post = self.postMessage.bind(self);
  self.postMessage = (message) => {
    if (message?.type !== READY) post(message);
  };

  self.addEventListener("message", (event) => {
    if (built) return;
    const message = event.data || {};
    if (message.type === SETUP) {
      event.stopImmediatePropagation();
      setup = message;
      post({ type: READY });
      if (wanted) build();
    } else if (message.type === QUERY && !String(message.data).trim()) {
      event.stopImmediatePropagation();
      post({ type: RESULT, data: { items: [] } });
    } else if (message.type === QUERY) {
      // The setup finishes in a microtask of the theme's handler: the query waits one task more.
      event.stopImmediatePropagation();
      build();
      setTimeout(() => handOver(message), 0);
    }
  });

  if (typeof BroadcastChannel === "function") new BroadcastChannel("search-index").onmessage = build;
})();
