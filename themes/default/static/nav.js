/* Navigation that keeps the reader's place (README, "Navigation"). Without it, "Contents" jumps
   to the sidebar, the search icon opens the search page, a heading's # is a plain link. */
(function () {
  "use strict";
  var root = document.documentElement, header = document.querySelector(".site-header");
  var main = document.getElementById("main"), sidebar = document.getElementById("site-nav");
  if (!header || !main || !sidebar) { return; }
  root.classList.add("nav-js");
  var current = sidebar.querySelector("a.current");

  /* The sticky header's height: the page's scroll padding, the sidebar's top. */
  function measure() { root.style.setProperty("--header-h", header.offsetHeight + "px"); }
  measure();
  if (window.ResizeObserver) { new ResizeObserver(measure).observe(header); }

  /* Scroll `box` (never the page) so that `el` shows, near its middle. */
  function keepInView(box, el) {
    if (!el || box.scrollHeight <= box.clientHeight) { return; }
    var b = box.getBoundingClientRect(), r = el.getBoundingClientRect();
    if (r.top < b.top || r.bottom > b.bottom) { box.scrollTop += r.top - b.top - (box.clientHeight - r.height) / 2; }
  }
  keepInView(sidebar, current);

  /* The section in view: the last mark (in page order, shown) past a line a little below the
     header; at the end of the page, the last one on screen. */
  function inView(marks) {
    var top = Math.max(header.getBoundingClientRect().bottom, 0), h = window.innerHeight;
    var line = top + Math.min(160, (h - top) / 4), end = h + window.scrollY >= root.scrollHeight - 2, found = null;
    for (var i = 0; i < marks.length; i++) {
      var r = marks[i].getBoundingClientRect();
      if (!r.width && !r.height) { continue; }
      if (r.top <= line || (end && r.top < h)) { found = marks[i]; } else { break; }
    }
    return found;
  }

  /* The language switch leads to the same page with the query and the section in view: set as
     the reader scrolls (for a middle click or a copied address) and again on use. */
  var places = main.querySelectorAll("h2[id], h3[id], [data-place]");
  var switches = [].map.call(document.querySelectorAll("[data-lang-switch]"), function (a) {
    return { a: a, base: a.href.split("#")[0].split("?")[0] };
  });
  function updateSwitches() {
    var place = inView(places), hash = place ? "#" + place.id : "";
    switches.forEach(function (s) { s.a.href = s.base + location.search + hash; });
  }
  switches.forEach(function (s) {
    ["mousedown", "touchstart", "focus", "click", "contextmenu"].forEach(function (type) {
      s.a.addEventListener(type, updateSwitches, { passive: true });
    });
  });

  /* "On this page" marks the entry of the section in view (and keeps it in its column's view). */
  var toc = main.querySelector(".page-toc"), entries = [], marked = null;
  if (toc) {
    toc.querySelectorAll("a[href^='#']").forEach(function (a) {
      var el = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
      if (el) { entries.push({ el: el, a: a }); }
    });
    entries.sort(function (x, y) { return x.el.compareDocumentPosition(y.el) & 4 ? -1 : 1; });
  }
  var tocMarks = entries.map(function (e) { return e.el; });
  function updateToc() {
    var place = inView(tocMarks), link = null;
    entries.forEach(function (e) { if (e.el === place) { link = e.a; } });
    if (link === marked) { return; }
    if (marked) { marked.removeAttribute("aria-current"); }
    if (link) { link.setAttribute("aria-current", "location"); keepInView(toc, link); }
    marked = link;
  }

  /* Both follow the scroll, at most every 100 ms, and after its last event. */
  var pending = false;
  function update() { pending = false; updateSwitches(); if (toc) { updateToc(); } }
  function schedule() { if (!pending) { pending = true; setTimeout(update, 100); } }
  ["scroll", "resize", "hashchange"].forEach(function (t) { window.addEventListener(t, schedule, { passive: true }); });
  document.addEventListener("change", schedule);
  update();

  /* A link that works as a button here (its address is the way without scripts). */
  function button(a, controls, toggle) {
    a.setAttribute("role", "button");
    a.setAttribute("aria-controls", controls);
    a.setAttribute("aria-expanded", "false");
    a.addEventListener("keydown", function (e) { if (e.key === " ") { e.preventDefault(); a.click(); } });
    a.addEventListener("click", toggle);
  }

  /* Below 60rem "Contents" opens the sidebar as a drawer, the rest of the page inert. */
  var wide = window.matchMedia("(min-width: 60rem)"), opener = header.querySelector(".contents-link");
  var closer = sidebar.querySelector(".drawer-close"), backdrop = null;
  function setOpen(open) {
    sidebar.classList.toggle("is-open", open);
    root.classList.toggle("drawer-open", open);
    opener.setAttribute("aria-expanded", String(open));
    [header, main, document.querySelector(".site-footer"), document.querySelector(".skip-link")].forEach(function (el) {
      if (el) { el.toggleAttribute("inert", open); }
    });
    if (open) {
      backdrop = document.createElement("div");
      backdrop.className = "drawer-backdrop";
      backdrop.addEventListener("click", function () { setOpen(false); });
      sidebar.before(backdrop);
      keepInView(sidebar, current);
      (current || closer).focus();
    } else {
      if (backdrop) { backdrop.remove(); backdrop = null; }
      opener.focus();
    }
  }
  function isOpen() { return sidebar.classList.contains("is-open"); }
  if (opener && closer) {
    button(opener, "site-nav", function (e) {
      if (!wide.matches) { e.preventDefault(); setOpen(!isOpen()); }
    });
    closer.addEventListener("click", function () { setOpen(false); });
    wide.addEventListener("change", function () { if (wide.matches && isOpen()) { setOpen(false); } });
  }

  /* Below 40rem the colour-scheme switch sits in the drawer's head, not in the full header. */
  var scheme = header.querySelector(".theme-switch"), narrow = window.matchMedia("(width < 40rem)");
  function placeScheme() {
    if (narrow.matches) { closer.before(scheme); } else { header.append(scheme); }
  }
  if (scheme && closer) { placeScheme(); narrow.addEventListener("change", placeScheme); }

  /* Below 60rem the search icon shows the header's form, in a row of its own. */
  var search = header.querySelector(".search-toggle"), form = document.getElementById("header-search");
  function showSearch(open) {
    header.classList.toggle("search-open", open);
    search.setAttribute("aria-expanded", String(open));
    if (open) { form.querySelector("input").focus(); }
  }
  if (search && form) {
    button(search, "header-search", function (e) { e.preventDefault(); showSearch(!header.classList.contains("search-open")); });
  }

  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") { return; }
    if (isOpen()) { e.preventDefault(); setOpen(false); }
    else if (search && header.classList.contains("search-open") && form.contains(document.activeElement)) { showSearch(false); search.focus(); }
  });

  /* A heading's # also copies the section's address, and says so in the live region. */
  var status = document.querySelector(".copy-status"), quiet = null;
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a.heading-anchor");
    if (!a || e.button || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || !navigator.clipboard || !status) { return; }
    navigator.clipboard.writeText(a.href).then(function () {
      status.textContent = status.getAttribute("data-copied");
      clearTimeout(quiet);
      quiet = setTimeout(function () { status.textContent = ""; }, 2500);
    }, function () { /* Not allowed: the link still leads to the section. */ });
  });
})();
