// The file picker in Norwegian: the browser's own file input says «Choose File» / «No file
// chosen» in the browser's language. Here the input is hidden from sight (it stays in the tab
// order and keeps its label), the «Velg fil» button beside it opens it, and the chosen file's
// name is shown beside it. Without this script the browser's own input shows, and works.
(function () {
  "use strict";

  function enhance(picker) {
    var input = picker.querySelector("input[type=file]");
    var name = picker.querySelector("[data-file-picker-name]");
    var button = picker.querySelector("[data-file-picker-button]");
    if (!input || !name || !button) {
      return;
    }
    var describedBy = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    describedBy.push(name.id);
    input.setAttribute("aria-describedby", describedBy.join(" "));

    function show() {
      var names = Array.prototype.map.call(input.files || [], function (file) {
        return file.name;
      });
      name.textContent = names.length ? names.join(", ") : name.dataset.empty;
    }

    // Not a second <label>: that would add «Velg fil» to the input's name. The input itself is
    // what the keyboard reaches; the button is for the pointer.
    button.addEventListener("click", function () {
      input.click();
    });
    input.addEventListener("change", show);
    show();
    picker.setAttribute("data-enhanced", "");
  }

  document.querySelectorAll("[data-file-picker]").forEach(enhance);
})();
