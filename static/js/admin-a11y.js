// An accessible name for an admin widget that comes without one. Loaded only in the admin:
// modeltranslation's tabbed forms add a language switch <select> with no label.
window.addEventListener("load", function () {
  var label = document.querySelector('meta[name="language-switch-label"]');
  var select = document.getElementById("modeltranslation-main-switch");
  if (label && select && !select.hasAttribute("aria-label")) {
    select.setAttribute("aria-label", label.content);
  }
});
