// Enhances the "Cite this page" box: without JavaScript the permanent link is a labelled read-only
// field visitors can select and copy; with it, a "Copy link" button is added next to the field and
// its result is announced to screen readers.
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
    button.textContent = "Copy link";
    field.insertAdjacentElement("afterend", button);

    field.addEventListener("focus", function () {
      field.select();
    });
    button.addEventListener("click", function () {
      copy(field).then(
        function () {
          button.textContent = "Link copied";
          status.textContent = "Permanent link copied to the clipboard.";
        },
        function () {
          field.focus();
          status.textContent = "Press Control+C or Command+C to copy the selected link.";
        }
      );
    });
  });
})();
