// Highlight the evidence of the record named in the URL's #fragment (and on clicks).
(function () {
  "use strict";
  function highlight() {
    var ref = decodeURIComponent(window.location.hash.slice(1));
    document.querySelectorAll("mark.active, a.record-link.active").forEach(function (el) {
      el.classList.remove("active");
    });
    if (!ref) { return; }
    var found = false;
    document.querySelectorAll("mark[data-refs]").forEach(function (el) {
      if (el.getAttribute("data-refs").split(" ").indexOf(ref) !== -1) {
        el.classList.add("active");
        found = true;
      }
    });
    document.querySelectorAll("a.record-link").forEach(function (el) {
      if (el.getAttribute("data-ref") === ref) { el.classList.add("active"); }
    });
    var anchor = document.getElementById(ref);
    if (found && anchor) { anchor.scrollIntoView({block: "center"}); }
  }
  window.addEventListener("hashchange", highlight);
  document.addEventListener("DOMContentLoaded", highlight);
}());
