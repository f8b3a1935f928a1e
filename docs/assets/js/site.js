// Site-wide behaviour of the pages: copy a clause's link or citation (or the page's own address),
// keep the reader's place when switching language (the clause in view, or a calculator's inputs),
// and date a printed sheet. Plain links work without it.
(function () {
  "use strict";

  function copyText(text, button) {
    var failed = button.getAttribute("data-copy-failed") || "";
    var done = function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-copied");
      setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { window.prompt(failed, text); });
    } else {
      window.prompt(failed, text);
    }
  }

  function clauseUrl(id) {
    return location.origin + location.pathname + "#" + id;
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) { return; }
    var address = target.closest("[data-copy-address]");
    if (address) {
      copyText(location.href.split("#")[0], address);
      return;
    }
    var link = target.closest("[data-copy-link]");
    if (link) {
      copyText(clauseUrl(link.getAttribute("data-copy-link")), link);
      return;
    }
    var cite = target.closest("[data-copy-citation]");
    if (cite) {
      var clause = cite.closest("[data-clause]");
      var id = clause ? clause.getAttribute("data-clause") : "title";
      copyText(cite.getAttribute("data-copy-citation") + " " + clauseUrl(id), cite);
      return;
    }
  });

  // The clause nearest the top of the window (just under the header), among those still in view.
  function clauseInView() {
    if (window.scrollY === 0) { return null; }
    var header = document.querySelector(".md-header");
    var line = header ? header.getBoundingClientRect().bottom : 0;
    var found = null;
    var nearest = Infinity;
    document.querySelectorAll("[data-clause]").forEach(function (clause) {
      var box = clause.getBoundingClientRect();
      var distance = Math.abs(box.top - line);
      if (box.bottom > line && distance < nearest) { nearest = distance; found = clause; }
    });
    return found ? found.getAttribute("data-clause") : null;
  }

  // Switching language keeps the reader's place: the clause ids are the same in both languages,
  // and a calculator's inputs go to the other page, which answers again. The inputs travel in this
  // tab's session storage, under the other page's path (form.mjs reads them there, once): in the address
  // they would reach the host and the browser's history. Captured before the theme's own handler,
  // which would drop both.
  window.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var switcher = target && target.closest("a[hreflang]");
    if (!switcher || switcher.origin !== location.origin || switcher.hasAttribute("data-keeps-place")) { return; }
    var form = document.querySelector("form[data-calculator]");
    var query = form && form.getAttribute("data-query");
    var clause = clauseInView();
    var page = switcher.href.split(/[?#]/)[0];
    if (query) {
      try {
        sessionStorage.setItem("calculator-inputs", JSON.stringify({ path: new URL(page).pathname, query: query }));
      } catch (error) {
        return;
      }
    }
    var place = query ? "" : clause ? "#" + clause : location.hash;
    if (!query && !place) { return; }
    event.preventDefault();
    event.stopPropagation();
    location.href = page + place;
  }, true);

  // A printed sheet (handout, answer sheet) says when it was printed, in the page's language, from the
  // pattern and month names the build wrote beside it (calculators.wording.DAY_PATTERN): "2026年11月30日",
  // "30 November 2026". Not the browser's date formatting, which loads its locale data on first use.
  function stampPrintedDates() {
    var now = new Date();
    document.querySelectorAll("[data-printed-date]").forEach(function (place) {
      var months = (place.getAttribute("data-months") || "").split(",");
      place.textContent = (place.getAttribute("data-pattern") || "").replace("{year}", now.getFullYear())
        .replace("{month}", now.getMonth() + 1).replace("{day}", now.getDate())
        .replace("{month_name}", months[now.getMonth()] || "");
    });
  }
  stampPrintedDates();
  window.addEventListener("beforeprint", stampPrintedDates);

  // The theme's search index is built only when it is wanted (macros/templates/search-deferred.js):
  // told here when the reader comes to the search box, so that it is ready by the time a query is typed.
  // Every open page of the site hears it; one that has not built its index yet builds it then.
  var searchIndexAsked = false;
  document.addEventListener("focusin", function (event) {
    var box = event.target instanceof Element && event.target.matches("[data-md-component=search-query]");
    if (!box || searchIndexAsked || typeof BroadcastChannel !== "function") { return; }
    searchIndexAsked = true;
    var channel = new BroadcastChannel("search-index");
    channel.postMessage("build");
    channel.close();
  });

  // The theme searches on a key's release: text pasted from a phone's menu, or dropped, comes with no key
  // and would not be searched until one was pressed. Its input event stands in for that key.
  document.addEventListener("input", function (event) {
    var box = event.target instanceof Element && event.target.matches("[data-md-component=search-query]");
    if (box && !event.isComposing) { event.target.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true })); }
  });

  // The not-found page exists in each language; a host that serves the root's (Chinese) for every missing
  // address sends a reader on an English path to the English one.
  var notFound = document.querySelector("[data-not-found]");
  if (notFound && notFound.getAttribute("data-not-found") === "zh" && typeof __md_scope !== "undefined") {
    var base = __md_scope.pathname;
    if (location.pathname.indexOf(base + "en/") === 0) { location.replace(new URL("en/404.html", __md_scope).href); }
  }
})();

// Offline reading: a service worker at the site's root keeps what the reader has opened.
// On the first visit it starts after the page has loaded, so the page tells it what to keep. On a page
// with a calculator it is registered once the engine is ready (or has failed; calculator.js says so):
// installing it and keeping the page's files took the two cores from Python's start.
if ("serviceWorker" in navigator && window.isSecureContext && typeof __md_scope !== "undefined") {
  var registerServiceWorker = function () {
    navigator.serviceWorker.register(new URL("sw.js", __md_scope)).catch(function () {});
  };
  if (window.calculatorEngine) {
    document.addEventListener("calculators-settled", registerServiceWorker, { once: true });
  } else {
    registerServiceWorker();
  }
  // A calculator page keeps the notice's page too: the clauses its answers cite are links to it, which a
  // first visit would otherwise find missing offline.
  navigator.serviceWorker.ready.then(function (registration) {
    var cited = document.querySelector("form[data-notice-url]");
    var urls = [location.href.split("#")[0], new URL("search/search_index.json", __md_scope).href]
      .concat(cited ? [new URL(cited.getAttribute("data-notice-url"), location.href).href] : [])
      .concat(performance.getEntriesByType("resource").map(function (e) { return e.name; }));
    registration.active.postMessage({ urls: urls });
  });
}
