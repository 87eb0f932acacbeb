// Printing opens every collapsed section, so a printed page has all of its content, and
// closes again the ones that were closed. Without JavaScript the page still prints its
// open sections; nothing depends on this.
(function () {
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
})();
