// The council picker one level at a time (templates/partials/council_picker.html): when
// the chosen council has councils below it that are not listed (data-more), they are
// read from the picker's address (data-council-picker, JSON) and listed under it, and
// those listed under another council are taken away again, so the list stays a few
// levels long. Without JavaScript the form's "Show" button opens the chosen council,
// whose children are then listed: the same way, one page at a time.
(function () {
  "use strict";

  var INDENT = "\u00a0\u00a0\u00a0";

  function ancestry(select, option) {
    var slugs = {};
    var byValue = {};
    Array.prototype.forEach.call(select.options, function (each) {
      byValue[each.value] = each;
    });
    var node = option;
    while (node) {
      slugs[node.value] = true;
      node = node.dataset.parent ? byValue[node.dataset.parent] : null;
    }
    return slugs;
  }

  function prune(select, chosen) {
    var keep = ancestry(select, chosen);
    Array.prototype.slice.call(select.options).forEach(function (option) {
      var from = option.dataset.added;
      if (from !== undefined && !keep[from] && option !== chosen) {
        var parent = select.querySelector('option[value="' + CSS.escape(from) + '"]');
        if (parent) {
          parent.setAttribute("data-more", "");
        }
        option.remove();
      }
    });
  }

  function list(select, parent, councils) {
    var depth = Number(parent.dataset.depth || 0) + 1;
    var after = parent;
    councils.forEach(function (council) {
      var option = document.createElement("option");
      option.value = council.slug;
      option.textContent = INDENT.repeat(depth) + council.name;
      option.dataset.parent = parent.value;
      option.dataset.depth = String(depth);
      option.dataset.added = parent.value;
      if (council.more) {
        option.setAttribute("data-more", "");
      }
      after.after(option);
      after = option;
    });
    parent.removeAttribute("data-more");
    var status = select.form.querySelector("[data-council-picker-status]");
    if (status && councils.length) {
      status.textContent = status.dataset.message;
    }
  }

  document.addEventListener("change", function (event) {
    var select = event.target;
    var form = select.form;
    if (select.id !== "council-choice" || !form || !form.dataset.councilPicker) {
      return;
    }
    var chosen = select.options[select.selectedIndex];
    if (!chosen) {
      return;
    }
    prune(select, chosen);
    if (!chosen.hasAttribute("data-more") || chosen.dataset.loading) {
      return;
    }
    chosen.dataset.loading = "1";
    var url = form.dataset.councilPicker + "?council=" + encodeURIComponent(chosen.value);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : { councils: [] };
      })
      .then(function (data) {
        if (select.options[select.selectedIndex] === chosen) {
          list(select, chosen, data.councils || []);
        }
      })
      .catch(function () {})
      .finally(function () {
        delete chosen.dataset.loading;
      });
  });
})();
