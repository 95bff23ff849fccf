/* Search within one language of the report, in the browser: no server, no library.
   Matching ignores case and diacritics, so "olke" finds "ölkə" and "ucun" finds "üçün". */
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) { return; }
  var lang = document.documentElement.lang;
  var input = root.querySelector("input[name=q]");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");

  function fold(s) {
    return s.toLocaleLowerCase(lang).normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/\u0259/g, "e").replace(/\u0131/g, "i");
  }

  function snippet(doc, term) {
    var i = doc.folded.indexOf(term);
    if (i < 0) { return document.createTextNode(doc.text.slice(0, 160)); }
    var start = Math.max(0, i - 70), end = Math.min(doc.text.length, i + term.length + 90);
    // Start and end on word boundaries.
    if (start > 0) { var sp = doc.text.indexOf(" ", start); if (sp >= 0 && sp < i) { start = sp + 1; } }
    if (end < doc.text.length) { var ep = doc.text.lastIndexOf(" ", end); if (ep > i + term.length) { end = ep; } }
    var p = document.createElement("span");
    p.appendChild(document.createTextNode((start > 0 ? "… " : "") + doc.text.slice(start, i)));
    var mark = document.createElement("mark");
    mark.textContent = doc.text.slice(i, i + term.length);
    p.appendChild(mark);
    p.appendChild(document.createTextNode(doc.text.slice(i + term.length, end) + (end < doc.text.length ? " …" : "")));
    return p;
  }

  function run(docs) {
    var q = input.value.trim();
    history.replaceState(null, "", q ? "?q=" + encodeURIComponent(q) : location.pathname);
    list.textContent = "";
    if (!q) { status.textContent = ""; return; }
    var terms = fold(q).split(/\s+/).filter(Boolean);
    var hits = [];
    docs.forEach(function (doc, order) {
      var score = 0;
      for (var k = 0; k < terms.length; k++) {
        var inTitle = doc.foldedTitle.indexOf(terms[k]) >= 0;
        var inText = doc.folded.indexOf(terms[k]) >= 0;
        if (!inTitle && !inText) { return; }
        score += (inTitle ? 10 : 0) + (inText ? 1 : 0);
      }
      hits.push({ score: score, order: order, doc: doc });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    status.textContent = hits.length ? root.dataset.countLabel + ": " + hits.length : root.dataset.none;
    hits.slice(0, 50).forEach(function (hit) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = hit.doc.url;
      a.textContent = hit.doc.title;
      li.appendChild(a);
      if (hit.doc.section) {
        var s = document.createElement("span");
        s.className = "search-section";
        s.textContent = hit.doc.section;
        li.appendChild(s);
      }
      var p = document.createElement("p");
      p.appendChild(snippet(hit.doc, terms[0]));
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  fetch(root.dataset.index).then(function (r) { return r.json(); }).then(function (docs) {
    docs.forEach(function (d) { d.folded = fold(d.text); d.foldedTitle = fold(d.title); });
    var q = new URLSearchParams(location.search).get("q");
    if (q) { input.value = q; }
    input.addEventListener("input", function () { run(docs); });
    run(docs);
  });
})();
