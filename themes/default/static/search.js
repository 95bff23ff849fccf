/* The search page: Pagefind's search script (pagefind.js, written by the build with the
   language's index under /<lang>/pagefind/) does the matching, the stemming (English, Russian),
   the folding of diacritics, phrases in quotation marks, and loads only the index chunks a query
   needs. This script reads the query from the address (?q=), keeps it there as it changes, and
   shows every result: the page, each matching section with its heading and an excerpt, ten
   pages at a time. In Azerbaijani ə and ı are indexed as ĕ and ĭ (src/search.rs), so the query
   is written the same way and what is shown is written back. */
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) { return; }
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var more = document.getElementById("search-more");
  var PAGE = 10, SECTIONS = 3;

  // The letter pairs of data-letters ("əĕƏĔıĭ"): to the index, and back.
  var pairs = Array.from(root.dataset.letters || "");
  function swap(s, from, to) {
    for (var i = 0; i + 1 < pairs.length; i += 2) { s = s.split(pairs[i + from]).join(pairs[i + to]); }
    return s;
  }
  function toIndex(s) { return swap(s, 0, 1); }
  function fromIndex(s) { return swap(s, 1, 0); }

  // Pagefind's excerpts are its own escaped text with <mark> around the matches.
  function excerpt(html) {
    var p = document.createElement("p");
    p.innerHTML = fromIndex(html);
    return p;
  }

  function item(data) {
    var li = document.createElement("li");
    var title = document.createElement("a");
    title.className = "search-page-title";
    title.href = data.url;
    title.textContent = fromIndex(data.meta.title || data.url);
    li.appendChild(title);
    // The sections that matched, best first; the page's top when no section did.
    var subs = (data.sub_results || []).filter(function (s) { return s.url !== data.url; });
    if (!subs.length) {
      li.appendChild(excerpt(data.excerpt));
      return li;
    }
    var ul = document.createElement("ul");
    ul.className = "search-sections";
    subs.slice(0, SECTIONS).forEach(function (s) {
      var sli = document.createElement("li");
      var a = document.createElement("a");
      a.href = s.url;
      a.textContent = fromIndex(s.title);
      sli.appendChild(a);
      sli.appendChild(excerpt(s.excerpt));
      ul.appendChild(sli);
    });
    li.appendChild(ul);
    return li;
  }

  var pagefind = null, current = null, shown = 0, serial = 0;

  // The next ten pages of results: in place of the list when `fresh` (a new search, replaced
  // in one step once its first results are at hand, so nothing jumps meanwhile), else after it,
  // the focus on the first new one.
  function showMore(fresh) {
    var batch = current.results.slice(shown, shown + PAGE);
    var mine = serial;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (datas) {
      if (mine !== serial) { return; }
      if (fresh) { list.textContent = ""; }
      var first = null;
      datas.forEach(function (d) {
        var li = item(d);
        list.appendChild(li);
        first = first || li;
      });
      shown += batch.length;
      more.hidden = shown >= current.results.length;
      var n = current.results.length;
      if (fresh) { status.textContent = n ? root.dataset.countLabel + ": " + n : root.dataset.none; }
      else if (first) { first.querySelector("a").focus(); }
    });
  }

  function run() {
    var q = input.value.trim();
    history.replaceState(null, "", q ? "?q=" + encodeURIComponent(q) + location.hash : location.pathname);
    serial += 1;
    var mine = serial;
    if (!q) {
      list.textContent = ""; status.textContent = ""; more.hidden = true;
      return Promise.resolve();
    }
    status.textContent = root.dataset.loading;
    // A word and a number ("Table 7", "Модуль 12") are looked for together, as a phrase: else
    // the number alone matches every "7.1" of the report.
    var query = /^[^\s"\d]+\s+\d+$/.test(q) ? '"' + q + '"' : q;
    return pagefind.search(toIndex(query)).then(function (search) {
      if (mine !== serial) { return; }
      current = search;
      shown = 0;
      return showMore(true);
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  root.querySelector("form").addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(); });
  more.addEventListener("click", function () { showMore(false); });

  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; status.textContent = root.dataset.loading; }
  import(root.dataset.bundle + "pagefind.js").then(function (pf) {
    pagefind = pf;
    return pf.options({ baseUrl: "/", excerptLength: 24 }).then(function () { return pf.init(); });
  }).then(function () {
    root.dataset.ready = "true";
    if (input.value.trim()) { return run(); }
  }).then(function () {
    root.dataset.done = "true";
  }).catch(function (e) {
    status.textContent = root.dataset.failed;
    if (window.console) { console.error(e); }
  });
})();
