/* Navigation that keeps the reader's place (issue 15). Every page reads and works without it:
   the header's "Contents" is then a jump to the sidebar, its search a link to the search page,
   the headings' `#` plain links, the "on this page" list a list at the top of the page. With it:
   - the language switch leads to the section in view: its links' addresses follow the scroll
     (for a middle click, a copied address or the keyboard), and are set again on click;
   - on narrow screens "Contents" opens the sidebar as a drawer (Escape or the close button
     closes it; the rest of the page is inert meanwhile), and the search button shows the form;
   - the sidebar, and the "on this page" list where it is a column of its own, scroll themselves
     (not the page) to the current entry, which the list marks with aria-current as the reader
     scrolls;
   - a heading's `#` also copies the section's address, and says so in a polite live region. */
(function () {
  "use strict";
  var root = document.documentElement;
  var header = document.querySelector(".site-header");
  var main = document.getElementById("main");
  if (!header || !main) { return; }
  root.classList.add("nav-js");

  /* The sticky header's height, for the headings' scroll margin and the sidebar's top. */
  function measureHeader() { root.style.setProperty("--header-h", header.offsetHeight + "px"); }
  measureHeader();
  if (window.ResizeObserver) { new ResizeObserver(measureHeader).observe(header); }

  /* A link that a script turns into a button (its href stays the way without scripts). */
  function buttonize(a, controls) {
    a.setAttribute("role", "button");
    a.setAttribute("aria-controls", controls);
    a.setAttribute("aria-expanded", "false");
    a.addEventListener("keydown", function (e) {
      if (e.key === " ") { e.preventDefault(); a.click(); }
    });
  }

  /* Scroll `box` (only it, never the page) so that `el` is in its view, near the middle. */
  function keepInView(box, el) {
    if (!box || !el || box.scrollHeight <= box.clientHeight) { return; }
    var b = box.getBoundingClientRect(), r = el.getBoundingClientRect();
    if (r.top < b.top || r.bottom > b.bottom) {
      box.scrollTop += r.top - b.top - (box.clientHeight - r.height) / 2;
    }
  }

  /* The section in view: the last of `marks` (in document order) whose top has passed a line a
     little below the header; at the end of the page, where the last sections cannot reach that
     line, the last one whose top is on screen. Marks not shown (a filtered activity) are skipped. */
  function inView(marks) {
    var top = Math.max(header.getBoundingClientRect().bottom, 0);
    var line = top + Math.min(160, (window.innerHeight - top) * 0.25);
    var atEnd = window.innerHeight + window.scrollY >= root.scrollHeight - 2;
    var found = null;
    for (var i = 0; i < marks.length; i++) {
      var r = marks[i].getBoundingClientRect();
      if (!r.width && !r.height) { continue; }
      if (r.top <= line || (atEnd && r.top < window.innerHeight)) { found = marks[i]; } else { break; }
    }
    return found;
  }

  var places = main.querySelectorAll("h2[id], h3[id], [data-place]");

  /* The language switch: the same page in the other language, with the address's query (a
     search, the curriculum's filter) and the section in view. */
  var switches = Array.prototype.map.call(document.querySelectorAll("[data-lang-switch]"), function (a) {
    return { a: a, base: a.href.split("#")[0].split("?")[0] };
  });
  function updateSwitches() {
    var place = inView(places);
    var hash = place ? "#" + place.id : "";
    switches.forEach(function (s) { s.a.href = s.base + location.search + hash; });
  }
  switches.forEach(function (s) {
    ["mousedown", "focus", "click", "contextmenu"].forEach(function (type) {
      s.a.addEventListener(type, updateSwitches);
    });
    s.a.addEventListener("touchstart", updateSwitches, { passive: true });
  });

  /* The "on this page" list: its entry for the section in view is marked (and, where the list is
     a column of its own, kept in its view). */
  var toc = main.querySelector(".page-toc");
  var tocEntries = [];
  if (toc) {
    toc.querySelectorAll("a[href^='#']").forEach(function (a) {
      var el = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
      if (el) { tocEntries.push({ el: el, a: a }); }
    });
    tocEntries.sort(function (x, y) {
      return x.el.compareDocumentPosition(y.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
  }
  var tocMarks = tocEntries.map(function (e) { return e.el; });
  var tocCurrent = null;
  function updateToc() {
    var place = inView(tocMarks), link = null;
    tocEntries.forEach(function (e) { if (e.el === place) { link = e.a; } });
    if (link === tocCurrent) { return; }
    if (tocCurrent) { tocCurrent.removeAttribute("aria-current"); }
    if (link) { link.setAttribute("aria-current", "location"); }
    tocCurrent = link;
    keepInView(toc, link);
  }

  /* Both follow the scroll, at most every tenth of a second, and always after its last event. */
  var pending = false;
  function update() { pending = false; updateSwitches(); if (toc) { updateToc(); } }
  function schedule() { if (!pending) { pending = true; setTimeout(update, 100); } }
  window.addEventListener("scroll", schedule, { passive: true });
  window.addEventListener("resize", schedule);
  window.addEventListener("hashchange", schedule);
  document.addEventListener("change", schedule);
  update();

  /* The sidebar shows its current entry. */
  var sidebar = document.getElementById("site-nav");
  var current = sidebar && sidebar.querySelector("a.current");
  keepInView(sidebar, current);

  /* The contents drawer, below the width where the sidebar is a column. */
  var wide = window.matchMedia("(min-width: 60rem)");
  var opener = header.querySelector(".contents-link");
  var closer = sidebar && sidebar.querySelector(".drawer-close");
  var backdrop = null;
  function setInert(on) {
    [header, main, document.querySelector(".site-footer"), document.querySelector(".skip-link")].forEach(function (el) {
      if (el) { el.toggleAttribute("inert", on); }
    });
  }
  function drawerOpen() { return sidebar.classList.contains("is-open"); }
  function openDrawer() {
    sidebar.classList.add("is-open");
    root.classList.add("drawer-open");
    backdrop = document.createElement("div");
    backdrop.className = "drawer-backdrop";
    backdrop.addEventListener("click", function () { closeDrawer(); });
    sidebar.parentNode.insertBefore(backdrop, sidebar);
    opener.setAttribute("aria-expanded", "true");
    setInert(true);
    keepInView(sidebar, current);
    (current || closer).focus();
  }
  function closeDrawer() {
    if (!drawerOpen()) { return; }
    sidebar.classList.remove("is-open");
    root.classList.remove("drawer-open");
    if (backdrop) { backdrop.remove(); backdrop = null; }
    setInert(false);
    opener.setAttribute("aria-expanded", "false");
    opener.focus();
  }
  if (sidebar && opener && closer) {
    buttonize(opener, "site-nav");
    opener.addEventListener("click", function (e) {
      if (wide.matches) { return; }
      e.preventDefault();
      if (drawerOpen()) { closeDrawer(); } else { openDrawer(); }
    });
    closer.addEventListener("click", closeDrawer);
    wide.addEventListener("change", function () { if (wide.matches) { closeDrawer(); } });
  }

  /* The search button of narrow screens shows the header's form (a row under the bar). */
  var searchToggle = header.querySelector(".search-toggle");
  var form = document.getElementById("header-search");
  function searchOpen(open) {
    header.classList.toggle("search-open", open);
    searchToggle.setAttribute("aria-expanded", String(open));
  }
  if (searchToggle && form) {
    buttonize(searchToggle, "header-search");
    searchToggle.addEventListener("click", function (e) {
      e.preventDefault();
      var open = !header.classList.contains("search-open");
      searchOpen(open);
      if (open) { form.querySelector("input").focus(); }
    });
    form.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && header.classList.contains("search-open")) {
        searchOpen(false);
        searchToggle.focus();
      }
    });
  }

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && sidebar && drawerOpen()) { e.preventDefault(); closeDrawer(); }
  });

  /* A heading's link also copies the section's address; the page goes there as for any link. */
  var status = document.querySelector(".copy-status");
  var quiet = null;
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a.heading-anchor");
    if (!a || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) { return; }
    if (!navigator.clipboard || !status) { return; }
    navigator.clipboard.writeText(a.href).then(function () {
      status.textContent = status.getAttribute("data-copied");
      clearTimeout(quiet);
      quiet = setTimeout(function () { status.textContent = ""; }, 2500);
    }, function () { /* Not allowed here: the link still leads to the section. */ });
  });
})();
