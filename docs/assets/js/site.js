// Site-wide behaviour of the notice pages: copy a clause's link or citation, and keep
// the reader on the same clause when switching language. Plain links work without it.
(function () {
  "use strict";

  function copyText(text, button) {
    var done = function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-copied");
      setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { window.prompt("", text); });
    } else {
      window.prompt("", text);
    }
  }

  function clauseUrl(id) {
    return location.origin + location.pathname + "#" + id;
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) { return; }
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

  // Switching language keeps the reader on the same clause: the ids are the same in both.
  // Captured before the theme's own handler, which would drop the fragment.
  window.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var switcher = target && target.closest("a[hreflang]");
    if (switcher && location.hash) {
      event.preventDefault();
      event.stopPropagation();
      location.href = switcher.href.split("#")[0] + location.hash;
    }
  }, true);
})();

// For print: each clause anchor carries its full URL, which the print stylesheet shows.
document.querySelectorAll(".clause-anchor").forEach(function (anchor) {
  anchor.setAttribute("data-url", location.origin + location.pathname + anchor.getAttribute("href"));
});

// Offline reading: a service worker at the site's root keeps what the reader has opened.
// On the first visit it starts after the page has loaded, so the page tells it what to keep.
if ("serviceWorker" in navigator && window.isSecureContext && typeof __md_scope !== "undefined") {
  navigator.serviceWorker.register(new URL("sw.js", __md_scope)).catch(function () {});
  navigator.serviceWorker.ready.then(function (registration) {
    var urls = [location.href.split("#")[0], new URL("search/search_index.json", __md_scope).href]
      .concat(performance.getEntriesByType("resource").map(function (e) { return e.name; }));
    registration.active.postMessage({ urls: urls });
  });
}
