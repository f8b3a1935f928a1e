// Site-wide behaviour of the notice pages: copy a clause's link or citation, and keep
// the reader on the same clause when switching language. Plain links work without it.
(function () {
  "use strict";

  function copyText(text, button) {
    var done = function () {
      var label = button.textContent;
      button.textContent = document.documentElement.lang === "en" ? "Copied" : "已复制";
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
      var id = cite.closest("[data-clause]") ? cite.closest("[data-clause]").id : "title";
      copyText(cite.getAttribute("data-copy-citation") + " " + clauseUrl(id), cite);
      return;
    }
    var switcher = target.closest("a[hreflang]");
    if (switcher && location.hash) {
      event.preventDefault();
      location.href = switcher.href.split("#")[0] + location.hash;
    }
  });
})();

// For print: each clause anchor carries its full URL, which the print stylesheet shows.
document.querySelectorAll(".clause-anchor").forEach(function (anchor) {
  anchor.setAttribute("data-url", location.origin + location.pathname + anchor.getAttribute("href"));
});
