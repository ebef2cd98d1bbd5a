// A searchable list to pick several from, in place of a <select multiple> that needs Ctrl held
// down (languages; the 357 municipalities). It follows the WAI-ARIA combobox pattern with a
// listbox popup (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/): the user types part of a
// name, moves with the arrow keys, picks with Enter (or a click), and closes with Escape. What is
// picked shows as chips that remove it. The <select> stays in the form, hidden, and is what is
// posted; without this script it is shown and works as before (core/forms.py).
(function () {
  "use strict";

  var counter = 0;

  function enhance(select) {
    var data = select.dataset;
    var field = select.closest(".ds-field") || select.parentElement;
    var label = field.querySelector("label[for='" + select.id + "']");
    var base = select.id || "combobox-" + ++counter;
    var options = Array.prototype.slice.call(select.options);

    var wrapper = document.createElement("div");
    wrapper.className = "combobox";

    var chosen = document.createElement("ul");
    chosen.className = "combobox__chosen";
    chosen.id = base + "_chosen";
    if (label) {
      var name = label.textContent.replace("*", "").trim();
      chosen.setAttribute("aria-label", data.comboboxChosen + ": " + name);
    }

    var control = document.createElement("div");
    control.className = "combobox__control";

    var input = document.createElement("input");
    input.type = "text";
    input.id = base + "_search";
    input.className = "ds-input combobox__input";
    input.autocomplete = "off";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", base + "_listbox");
    var describedBy = select.getAttribute("aria-describedby");
    if (describedBy) {
      input.setAttribute("aria-describedby", describedBy);
    }
    if (select.getAttribute("aria-invalid")) {
      input.setAttribute("aria-invalid", select.getAttribute("aria-invalid"));
    }

    var listbox = document.createElement("ul");
    listbox.id = base + "_listbox";
    listbox.className = "combobox__listbox";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-multiselectable", "true");
    listbox.hidden = true;
    listbox.addEventListener("mousedown", function (event) {
      event.preventDefault(); // a click in the list (or on its scroll bar) keeps the focus in the input
    });
    if (label) {
      label.id = label.id || base + "_label";
      listbox.setAttribute("aria-labelledby", label.id);
      label.htmlFor = input.id;
    }

    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");

    var items = options.map(function (option, index) {
      var item = document.createElement("li");
      item.id = base + "_option_" + index;
      item.className = "combobox__option";
      item.setAttribute("role", "option");
      item.textContent = option.textContent;
      item.addEventListener("click", function () {
        setActive(index);
        toggle(index);
      });
      listbox.appendChild(item);
      return item;
    });

    var visible = [];
    var active = -1;

    function isOpen() {
      return !listbox.hidden;
    }

    function open() {
      if (!isOpen()) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function setActive(index) {
      if (active >= 0) {
        items[active].removeAttribute("data-active");
      }
      active = index;
      if (index >= 0) {
        items[index].setAttribute("data-active", "");
        input.setAttribute("aria-activedescendant", items[index].id);
        var item = items[index];
        if (item.offsetTop < listbox.scrollTop) {
          listbox.scrollTop = item.offsetTop;
        } else if (item.offsetTop + item.offsetHeight > listbox.scrollTop + listbox.clientHeight) {
          listbox.scrollTop = item.offsetTop + item.offsetHeight - listbox.clientHeight;
        }
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function filter() {
      var query = input.value.trim().toLocaleLowerCase("nb");
      visible = [];
      items.forEach(function (item, index) {
        var shown = !query || item.textContent.toLocaleLowerCase("nb").indexOf(query) !== -1;
        item.hidden = !shown;
        if (shown) {
          visible.push(index);
        }
      });
      if (query) {
        status.textContent = visible.length === 0 ? data.comboboxNone
          : visible.length === 1 ? data.comboboxOne
          : data.comboboxMany.replace("%(count)s", visible.length);
      } else {
        status.textContent = "";
      }
      setActive(visible.length && query ? visible[0] : -1);
    }

    function move(step) {
      if (!visible.length) {
        return;
      }
      var at = visible.indexOf(active);
      var next = at === -1 ? (step > 0 ? 0 : visible.length - 1)
        : Math.min(Math.max(at + step, 0), visible.length - 1);
      setActive(visible[next]);
    }

    function toggle(index) {
      options[index].selected = !options[index].selected;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      render();
    }

    function render() {
      while (chosen.firstChild) {
        chosen.removeChild(chosen.firstChild);
      }
      options.forEach(function (option, index) {
        items[index].setAttribute("aria-selected", option.selected ? "true" : "false");
        if (!option.selected) {
          return;
        }
        var entry = document.createElement("li");
        var chip = document.createElement("button");
        chip.type = "button";
        chip.className = "ds-chip";
        chip.setAttribute("data-removable", "");
        chip.setAttribute("aria-label", data.comboboxRemove + " " + option.textContent);
        chip.textContent = option.textContent;
        chip.addEventListener("click", function () {
          option.selected = false;
          select.dispatchEvent(new Event("change", { bubbles: true }));
          render();
          input.focus();
        });
        entry.appendChild(chip);
        chosen.appendChild(entry);
      });
      chosen.hidden = !chosen.firstChild;
    }

    input.addEventListener("input", function () {
      open();
      filter();
    });

    input.addEventListener("keydown", function (event) {
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!isOpen()) {
            open();
            filter();
          }
          if (!event.altKey) {
            move(1);
          }
          break;
        case "ArrowUp":
          event.preventDefault();
          if (isOpen()) {
            move(-1);
          }
          break;
        case "Home":
        case "End":
          if (isOpen() && visible.length) {
            event.preventDefault();
            setActive(event.key === "Home" ? visible[0] : visible[visible.length - 1]);
          }
          break;
        case "Enter":
          // Picks; never sends the form while the list is open.
          if (isOpen()) {
            event.preventDefault();
            if (active >= 0) {
              toggle(active);
            }
          }
          break;
        case "Escape":
          if (isOpen()) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            filter();
          }
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", close);
    input.addEventListener("click", function () {
      if (!isOpen()) {
        open();
        filter();
      }
    });

    var help = describedBy && document.getElementById(select.id + "_helptext");
    if (help && data.comboboxHelp) {
      help.textContent = data.comboboxHelp;
    }

    // The error summary links to the field by the <select>'s id, which is hidden now.
    if (select.id) {
      document.querySelectorAll("a[href='#" + select.id + "']").forEach(function (link) {
        link.addEventListener("click", function (event) {
          event.preventDefault();
          input.focus();
        });
      });
    }

    control.appendChild(input);
    control.appendChild(listbox);
    wrapper.appendChild(control);
    wrapper.appendChild(chosen);
    wrapper.appendChild(status);
    select.parentNode.insertBefore(wrapper, select);
    select.hidden = true;
    select.tabIndex = -1;
    filter();
    render();
  }

  document.querySelectorAll("select[multiple][data-combobox]").forEach(enhance);
})();
