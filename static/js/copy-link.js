// Enhances the "Cite this page" box: without JavaScript the permanent link is a read-only field
// visitors can select and copy; with it, a button copies the link and says so to screen readers.
(function () {
  "use strict";

  function announce(box, message) {
    var status = box.querySelector("[data-copy-link-status]");
    if (status) {
      status.textContent = message;
    }
  }

  function copyFrom(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    field.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  document.querySelectorAll("[data-copy-link-for]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy-link-for"));
    if (!field) {
      return;
    }
    var box = button.parentNode;
    button.hidden = false;
    field.addEventListener("focus", function () {
      field.select();
    });
    button.addEventListener("click", function () {
      copyFrom(field).then(
        function () {
          button.textContent = "Link copied";
          announce(box, "Permanent link copied to the clipboard.");
        },
        function () {
          field.focus();
          field.select();
          announce(box, "Press Control+C or Command+C to copy the selected link.");
        }
      );
    });
  });
})();
