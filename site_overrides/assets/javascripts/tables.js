/*
 * A table wider than the screen scrolls sideways inside the wrapper Material puts around it.
 * Keyboard readers must be able to reach that scroll too: the wrapper becomes focusable and
 * named (axe-core's scrollable-region-focusable; tests/test_accessibility.py).
 */
(function () {
  "use strict";

  function reachable() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrapper) {
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", "Таблица, прокручивается вбок");
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(reachable);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reachable);
  } else {
    reachable();
  }
})();
