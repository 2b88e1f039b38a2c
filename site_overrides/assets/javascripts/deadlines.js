/*
 * Deadlines as they stand on the reader's day, not only on the build day.
 *
 * Pages carry the due date of every open task as <time datetime="YYYY-MM-DD" data-due>
 * with the absolute date inside, which is what a reader without scripts sees.
 * This script adds after each one «(просрочено на N дней)», «(срок сегодня)» or
 * «(через N дней)», counting from the reader's local today.
 */
(function () {
  "use strict";

  var DAY_MS = 24 * 60 * 60 * 1000;
  var DAYS = { one: "день", few: "дня", many: "дней", other: "дня" };
  var plural = new Intl.PluralRules("ru");

  function days(count) {
    return count + " " + DAYS[plural.select(count)];
  }

  function phrase(daysLeft) {
    if (daysLeft < 0) return "просрочено на " + days(-daysLeft);
    if (daysLeft === 0) return "срок сегодня";
    return "через " + days(daysLeft);
  }

  /* Whole days between two calendar dates, free of time zones and daylight saving. */
  function daysUntil(isoDate, now) {
    var parts = isoDate.split("-").map(Number);
    var due = Date.UTC(parts[0], parts[1] - 1, parts[2]);
    var today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
    return Math.round((due - today) / DAY_MS);
  }

  function annotate() {
    var now = new Date();
    document.querySelectorAll("time[data-due]").forEach(function (time) {
      var next = time.nextElementSibling;
      if (next && next.classList.contains("pk-relative")) next.remove();
      var daysLeft = daysUntil(time.getAttribute("datetime"), now);
      var note = document.createElement("span");
      note.className = "pk-relative " + (daysLeft < 0 ? "pk-relative--overdue" : "pk-relative--ahead");
      note.textContent = " (" + phrase(daysLeft) + ")";
      time.after(note);
    });
  }

  /* Material's document$ emits on every page load, instant navigation included. */
  if (typeof document$ !== "undefined") {
    document$.subscribe(annotate);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", annotate);
  } else {
    annotate();
  }
})();
