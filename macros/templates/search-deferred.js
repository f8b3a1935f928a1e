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
//
// Queries in Chinese are cut into the index's own words first. The index is cut at build time (jieba,
// with the notice's terms in its user dictionary), and the theme cuts a query only where a word of the
// index ends before the query does: 不合格 (不 is a stop word, so the index keeps 合格 alone) or a phrase
// of the notice as typed found nothing. Here each run of Chinese is cut by the longest words of the
// index, and a part that is no word of it (科目, inside 公需科目 and 专业科目) is searched as each word
// that holds it. The results lose the zero-width spaces that mark the index's cuts, which a reader would
// otherwise copy with a title.
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
  let words = null; // the index's Chinese words, read from the setup message when first wanted
  let held = null; // the query that asked for the index, answered once it is built: the newest typed by then

  const HAN = /\p{sc=Han}+/gu;
  const LONGEST = 12;
  const MORE = 20; // words searched for a part that is no word of the index

  function wordsOf(data) {
    const separator = new RegExp(data.config.separator, "u");
    const found = new Set();
    for (const doc of data.docs) {
      for (const text of [doc.title, doc.text]) {
        for (const word of String(text || "").replace(/<[^>]*>/g, " ").split(separator)) {
          if (/^\p{sc=Han}+$/u.test(word)) found.add(word);
        }
      }
    }
    return found;
  }

  // A run of Chinese as the index's words: the longest word at each place, else one character; the
  // characters between words that are no word together become the words that hold them. A character
  // alone (不 of 不合格, a stop word the index leaves out) is searched only when nothing longer is: the
  // theme searches each word as a prefix, and 不 begins hundreds.
  function cut(run) {
    const parts = [];
    let loose = "";
    const flush = () => {
      if (loose.length > 1) {
        const holding = [...words].filter((word) => word.includes(loose)).slice(0, MORE);
        parts.push(...(holding.length ? holding : [loose]));
      } else if (loose) parts.push(loose);
      loose = "";
    };
    for (let i = 0; i < run.length;) {
      let j = Math.min(run.length, i + LONGEST);
      while (j > i + 1 && !words.has(run.slice(i, j))) j--;
      if (j > i + 1 || words.has(run[i])) {
        flush();
        parts.push(run.slice(i, j));
      } else loose += run[i];
      i = j;
    }
    flush();
    return parts.some((part) => part.length > 1) ? parts.filter((part) => part.length > 1) : parts;
  }

  // Chinese punctuation and quotation marks around a word are not part of it.
  function segmented(query) {
    if (!words || !/\p{sc=Han}/u.test(query)) return query;
    const plain = query.replace(/[\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\u2018-\u201f"]/g, " ");
    return [...new Set(plain.replace(HAN, (run) => ` ${cut(run).join(" ")} `).trim().split(/\s+/))].join(" ");
  }

  const unmarked = (text) => (typeof text === "string" ? text.replaceAll("\u200b", "") : text);

  // Material's handler (added by its script, imported when the index is first wanted) runs after this
  // one, which stops what it keeps: a kept message is handed over by dispatching it again once built is set.
  const handOver = (data) => self.dispatchEvent(new MessageEvent("message", { data }));
  function build() {
    wanted = true;
    if (built || !setup) return;
    built = true;
    words = wordsOf(setup.data);
    importScripts("__THEME_WORKER__");
    handOver(setup);
  }

  // The theme's own "ready", after the index is built, was said already.
  // The theme's results, their titles and texts without the index's zero-width spaces.
  const post = self.postMessage.bind(self);
  self.postMessage = (message) => {
    if (message?.type === RESULT) {
      for (const group of message.data?.items || []) {
        for (const item of group) Object.assign(item, { title: unmarked(item.title), text: unmarked(item.text) });
      }
    }
    if (message?.type !== READY) post(message);
  };

  self.addEventListener("message", (event) => {
    const message = event.data || {};
    if (message.type === QUERY && held && message !== held) {
      // Typed while the index is being built: only the newest query is answered, after it, so that an
      // answer to an earlier letter never comes last.
      event.stopImmediatePropagation();
      held = message;
      return;
    }
    if (built && message.type === QUERY) message.data = segmented(String(message.data));
    if (built) return;
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
      held = message;
      build();
      setTimeout(() => {
        const newest = held;
        held = null;
        handOver(newest);
      }, 0);
    }
  });

  if (typeof BroadcastChannel === "function") new BroadcastChannel("search-index").onmessage = build;
})();
