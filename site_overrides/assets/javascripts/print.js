/*
 * «Печать справки»: the button of the справка об исполнении pages prints the page.
 *
 * The button is written hidden, and this script shows it: without scripts the
 * browser's own «Печать» (Ctrl+P) prints the same справка, and no dead button is shown.
 */
(function () {
  "use strict";

  function arm() {
    document.querySelectorAll("button[data-pk-print]").forEach(function (button) {
      button.hidden = false;
      button.onclick = function () {
        window.print();
      };
    });
  }

  /* Material's document$ emits on every page load, instant navigation included. */
  if (typeof document$ !== "undefined") {
    document$.subscribe(arm);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", arm);
  } else {
    arm();
  }
})();
