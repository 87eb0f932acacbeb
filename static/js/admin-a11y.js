// An accessible name for an admin widget that comes without one. Loaded only in the admin:
// modeltranslation's tabbed forms add a language switch <select> with no label, from a jQuery
// ready handler that may run before or after this script. The select is labelled the moment it
// appears: a MutationObserver's callback runs before the page's next task, so nothing (a screen
// reader, axe) ever meets the select without its name.
(function () {
  function labelSwitch() {
    var label = document.querySelector('meta[name="language-switch-label"]');
    var select = document.getElementById("modeltranslation-main-switch");
    if (!label || !select) {
      return false;
    }
    if (!select.hasAttribute("aria-label")) {
      select.setAttribute("aria-label", label.content);
    }
    return true;
  }

  if (labelSwitch()) {
    return;
  }
  var observer = new MutationObserver(function () {
    if (labelSwitch()) {
      observer.disconnect();
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
})();
