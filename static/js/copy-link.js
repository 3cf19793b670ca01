// Enhances the "Cite this page" and "Embed this page" boxes: without JavaScript the permanent link
// and the embed code are labelled read-only fields visitors can select and copy; with it, a copy
// button is added after each field and its result is announced to screen readers. A field may name
// its button (data-copy-label, data-copied-label) and its announcement (data-copy-done).
(function () {
  "use strict";

  function copy(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    field.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  document.querySelectorAll("[data-copy-link]").forEach(function (field) {
    var status = field.parentNode.querySelector("[data-copy-link-status]");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "usa-button usa-button--outline margin-top-1";
    button.textContent = field.dataset.copyLabel || "Copy link";
    field.insertAdjacentElement("afterend", button);

    field.addEventListener("focus", function () {
      field.select();
    });
    button.addEventListener("click", function () {
      copy(field).then(
        function () {
          button.textContent = field.dataset.copiedLabel || "Link copied";
          status.textContent = field.dataset.copyDone || "Permanent link copied to the clipboard.";
        },
        function () {
          field.focus();
          status.textContent = "Press Control+C or Command+C to copy the selected text.";
        }
      );
    });
  });
})();
