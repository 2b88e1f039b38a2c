/*
 * A table wider than the screen scrolls sideways inside the wrapper Material puts around it.
 * Keyboard readers must be able to reach that scroll too: the wrapper becomes focusable and
 * named (axe-core's scrollable-region-focusable; tests/test_accessibility.py). Only a wrapper
 * that does scroll: on a phone the tables of tasks and decisions are cards that fit the screen
 * (protocols.css, .pk-tasks), and a reader must not hear of a scroll that is not there. Checked
 * again when the width changes (a phone turned sideways).
 */
(function () {
  "use strict";

  function reachable() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrapper) {
      if (wrapper.scrollWidth > wrapper.clientWidth) {
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        wrapper.setAttribute("aria-label", "Таблица, прокручивается вбок");
      } else {
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute("role");
        wrapper.removeAttribute("aria-label");
      }
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(reachable);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reachable);
  } else {
    reachable();
  }
  window.addEventListener("resize", reachable);
})();
