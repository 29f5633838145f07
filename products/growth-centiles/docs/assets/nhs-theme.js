/* Keyboard access to boxes that scroll sideways: wide tables and charts.
 *
 * One file, shared with the docs of products made from the template (like nhs-theme.css).
 * Material wraps each table in .md-typeset__scrollwrap, which scrolls when the table is wider
 * than the screen; a chart may sit in a .nhs-scroll box. A box that scrolls must be reachable
 * by keyboard, so while it scrolls it is a named region in the tab order; when it fits, it
 * leaves the tab order again. Its name is its table's caption, or else the heading before it.
 */
(function () {
  "use strict";
  var SELECTOR = ".md-typeset__scrollwrap, .nhs-scroll";

  function headingBefore(node) {
    for (var n = node; n && !n.classList.contains("md-content"); n = n.parentElement) {
      for (var s = n.previousElementSibling; s; s = s.previousElementSibling) {
        if (/^H[1-6]$/.test(s.tagName)) return s.textContent.replace(/¶/g, "").trim();
      }
    }
    return "";
  }

  function nameOf(box) {
    var caption = box.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var heading = headingBefore(box);
    var what = box.querySelector("table") ? "Table" : "Chart";
    return heading ? what + ": " + heading : what;
  }

  function update(box) {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      if (!box.hasAttribute("aria-label")) box.setAttribute("aria-label", nameOf(box) + " (scrolls sideways)");
    } else if (box.hasAttribute("tabindex")) {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }

  function watch() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll(SELECTOR));
    boxes.forEach(update);
    if (!("ResizeObserver" in window)) return;
    var observer = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) { update(entry.target); });
    });
    boxes.forEach(function (box) { observer.observe(box); });
  }

  // Material's document$ emits once its components (the table wrappers among them) are in place.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(watch);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
})();
