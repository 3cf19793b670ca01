// Suggestions on every search box (header, home, /search/), with GOV.UK's accessible-autocomplete
// (an ARIA combobox: arrow keys move through the options, Enter chooses, Escape closes, and a live
// region announces how many options there are). Without JavaScript each box is a plain search field.
//
// Suggestions come from /api/search/suggest/: topics, agencies and life events, whose choice opens
// the search filtered by them, then page titles, whose choice opens the page. Enter with no option
// highlighted searches for the words typed, as the plain field would.
(function () {
  "use strict";

  if (typeof window.accessibleAutocomplete !== "function") {
    return;
  }

  var MIN_LENGTH = 2;

  function escapeHtml(text) {
    var element = document.createElement("span");
    element.textContent = text;
    return element.innerHTML;
  }

  function suggestionHtml(item) {
    if (typeof item === "string") {
      return escapeHtml(item);
    }
    return (
      '<span class="kb-suggestion__title">' + escapeHtml(item.title) + '<span class="usa-sr-only">,</span></span>' +
      '<span class="kb-suggestion__kind">' + escapeHtml(item.kind_label) + "</span>"
    );
  }

  function source(url) {
    var pending = null;
    return function (query, populateResults) {
      if (pending) {
        pending.abort();
      }
      pending = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(query), { signal: pending.signal, headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .then(populateResults)
        .catch(function (error) {
          if (error.name !== "AbortError") {
            populateResults([]);
          }
        });
    };
  }

  function enhance(field) {
    var form = field.form;
    var container = document.createElement("div");
    container.className = "kb-autocomplete";
    field.parentNode.insertBefore(container, field);
    field.remove();

    window.accessibleAutocomplete({
      element: container,
      id: field.id,
      name: field.name,
      defaultValue: field.value,
      placeholder: field.placeholder,
      minLength: MIN_LENGTH,
      displayMenu: "overlay",
      confirmOnBlur: false,
      showNoOptionsFound: false,
      inputClasses: "usa-input",
      menuClasses: "kb-autocomplete__menu",
      source: source(field.dataset.suggestUrl),
      templates: {
        inputValue: function (item) {
          return item && typeof item === "object" ? item.title : item || "";
        },
        suggestion: suggestionHtml,
      },
      onConfirm: function (item) {
        if (item && item.url) {
          window.location.assign(item.url);
        }
      },
    });

    var input = document.getElementById(field.id);
    input.maxLength = field.maxLength;
    // The library keeps Enter for choosing an option while its menu is open; with no option
    // highlighted, Enter should search for the words typed, as it does in a plain field.
    input.addEventListener("keydown", function (event) {
      var menuOpen = input.getAttribute("aria-expanded") === "true";
      if (event.key === "Enter" && menuOpen && !input.getAttribute("aria-activedescendant")) {
        form.requestSubmit();
      }
    });
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(enhance);
})();
