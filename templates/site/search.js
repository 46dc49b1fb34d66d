(function () {
  "use strict";
  // search-index.js, loaded just before this file, sets the one global it defines.
  var entries = window.docbindSearch || [];
  var root = document.body.getAttribute("data-root") || "";
  var input = document.getElementById("search");
  var list = document.getElementById("search-results");
  input.placeholder = "Search " + entries.length + " fields, codes, errors, notes…";
  entries.forEach(function (e) { e.h = (e.t + " " + e.k + " " + e.c + " " + (e.s || "")).toLowerCase(); });

  function clear() {
    while (list.firstChild) { list.removeChild(list.firstChild); }
  }

  function item(e) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    var title = document.createElement("strong");
    var kind = document.createElement("span");
    var ctx = document.createElement("span");
    a.href = root + e.u;
    title.textContent = e.t;
    kind.className = "kind";
    kind.textContent = e.k;
    ctx.className = "ctx";
    ctx.textContent = e.c;
    a.appendChild(kind);
    a.appendChild(title);
    a.appendChild(ctx);
    li.appendChild(a);
    return li;
  }

  function search(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    clear();
    if (!words.length) { list.hidden = true; return; }
    var hits = entries.filter(function (e) {
      return words.every(function (w) { return e.h.indexOf(w) !== -1; });
    });
    hits.sort(function (a, b) {
      return (a.t.toLowerCase().indexOf(words[0]) === 0 ? 0 : 1) - (b.t.toLowerCase().indexOf(words[0]) === 0 ? 0 : 1);
    });
    hits.slice(0, 40).forEach(function (e) { list.appendChild(item(e)); });
    if (!hits.length) {
      var none = document.createElement("li");
      none.className = "empty";
      none.textContent = "No matches";
      list.appendChild(none);
    }
    list.hidden = false;
  }

  input.addEventListener("input", function () { search(input.value); });
  input.addEventListener("keydown", function (event) {
    var first = list.querySelector("a");
    if (event.key === "Enter" && first) { window.location.href = first.href; }
    if (event.key === "Escape") { input.value = ""; search(""); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && document.activeElement !== input) { event.preventDefault(); input.focus(); }
  });
})();
