// Enhances the search page's filter form. Without JavaScript a visitor ticks filters or picks a
// sort order and presses "Apply filters" or "Sort". With it, each change submits the form at once
// (an ordinary GET, so the address stays shareable), the now redundant buttons are hidden, and
// focus comes back to the control the visitor changed once the new results have loaded.
(function () {
  "use strict";

  var FOCUS_KEY = "kb-search-focus";
  var form = document.getElementById("search-form");
  var filters = form && form.querySelector("[data-search-filters]");
  if (!form || !filters) {
    return;
  }
  var desktop = window.matchMedia("(min-width: 64em)");

  // The filters are a left rail on desktop and fold into one line on a phone.
  function syncFiltersWithScreen() {
    if (desktop.matches) {
      filters.open = true;
    }
  }
  syncFiltersWithScreen();
  desktop.addEventListener("change", syncFiltersWithScreen);

  form.querySelectorAll("[data-apply-button]").forEach(function (button) {
    button.hidden = true;
  });
  form.querySelectorAll("[data-auto-apply-hint]").forEach(function (hint) {
    hint.hidden = false;
  });

  form.addEventListener("change", function (event) {
    var control = event.target;
    if (control.type !== "checkbox" && control.tagName !== "SELECT") {
      return;
    }
    try {
      sessionStorage.setItem(FOCUS_KEY, control.id);
    } catch (error) {
      // Storage can be refused (private browsing); the search still applies, focus just starts at the top.
    }
    form.requestSubmit();
  });

  var focusId = null;
  try {
    focusId = sessionStorage.getItem(FOCUS_KEY);
    sessionStorage.removeItem(FOCUS_KEY);
  } catch (error) {
    focusId = null;
  }
  var control = focusId && document.getElementById(focusId);
  if (control) {
    if (filters.contains(control)) {
      filters.open = true;
    }
    control.focus();
  }
})();
