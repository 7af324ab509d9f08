// Small behaviours of every page, from a static file: the Content-Security-Policy
// runs no inline script. Each works without JavaScript in a plainer way.
(function () {
  "use strict";

  // <button data-print>: print the page (the print stylesheet hides the menus).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-print]");
    if (button) {
      window.print();
    }
  });

  // A table wider than the screen scrolls inside its .table-wrap box; such a box
  // takes the keyboard focus so that it can be scrolled without a mouse, and is
  // named after the table's caption or the heading above it.
  function markScrollable() {
    document.querySelectorAll(".table-wrap, .charts figure, .scroll-box").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var caption = box.querySelector("caption, figcaption, title");
        var heading = caption || precedingHeading(box);
        if (heading) {
          box.setAttribute("aria-label", heading.textContent.trim());
        }
      } else if (!scrolls && box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  function precedingHeading(element) {
    var node = element;
    while (node && node !== document.body) {
      var sibling = node.previousElementSibling;
      while (sibling) {
        if (/^H[1-6]$/.test(sibling.tagName)) {
          return sibling;
        }
        sibling = sibling.previousElementSibling;
      }
      node = node.parentElement;
    }
    return null;
  }

  // <details id="x"> opens when the address ends in #x (the menu links to the pickers).
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") {
      target.open = true;
      var field = target.querySelector("input");
      if (field) {
        field.focus();
      }
    }
  }

  // <input data-filter-tree="ID">: show only the councils of list ID whose name
  // contains what is typed, with or without diacritics (đ as d), and their parents.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d")
      .replace(/Đ/g, "d").toLowerCase();
  }

  function filterTree(input) {
    var tree = document.getElementById(input.getAttribute("data-filter-tree"));
    if (!tree) {
      return;
    }
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    tree.querySelectorAll("li").forEach(function (item) {
      item.hidden = false;
    });
    // Deepest first, so that a parent stays when any of its children matches.
    var items = Array.prototype.slice.call(tree.querySelectorAll("li")).reverse();
    items.forEach(function (item) {
      var link = item.querySelector(":scope > a, :scope > span");
      var name = fold(link ? link.textContent : "");
      var matches = words.every(function (word) { return name.indexOf(word) !== -1; });
      var child = item.querySelector(":scope > ul > li:not([hidden])");
      item.hidden = !(matches || child);
      if (matches) {
        shown += 1;
      }
    });
    var empty = document.getElementById(input.getAttribute("data-filter-empty"));
    if (empty) {
      empty.hidden = shown > 0;
    }
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("input[data-filter-tree]")) {
      filterTree(event.target);
    }
  });

  function ready() {
    markScrollable();
    openTarget();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
  window.addEventListener("resize", markScrollable);
  window.addEventListener("hashchange", openTarget);
})();
