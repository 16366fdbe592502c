// Writes the day a fact sheet is printed into its print header (Templates/vademecum/sheet.mustache).
// The sheet's HTML is the same for every visitor and is served from the server's page cache, so
// the server cannot write that day; the reader's browser does, on load and again just before
// printing (a tab left open overnight prints the right day). Without JavaScript the header still
// carries the version and its review date; the print day stays hidden.
(function () {
  "use strict";
  var MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

  function frenchDate(date) {
    var day = date.getDate();
    return (day === 1 ? "1er" : String(day)) + "\u00a0" + MONTHS[date.getMonth()] + "\u00a0" + date.getFullYear();
  }

  function fill() {
    var target = document.getElementById("date-impression");
    if (!target) { return; }
    target.textContent = frenchDate(new Date());
    target.parentNode.hidden = false;
  }

  fill();
  window.addEventListener("beforeprint", fill);
})();
