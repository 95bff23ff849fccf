// Added by `serve` to the pages it serves (never to built files). It listens to the server's
// events (/__livereload): when the site changed after the page was served, the page reloads,
// keeping its scroll position, or only swaps its stylesheets if only stylesheets changed; when a
// rebuild failed, it shows the errors over the page, in the page's language.
(function () {
  "use strict";
  var served = /*GENERATION*/0;
  var labels = /*LABELS*/{};
  var root = document.documentElement;
  var words = labels[root.lang] || labels.en || {};
  // The page listing the errors of a site not built yet: it reloads when they change.
  var errorsPage = root.getAttribute("data-rtcm-serve-errors");
  var key = "rtcm-serve-scroll";
  var events = null, overlay = null, closed = null;

  try {
    var saved = JSON.parse(sessionStorage.getItem(key));
    sessionStorage.removeItem(key);
    if (saved && saved.url === location.href) {
      var restore = function () { window.scrollTo(saved.x, saved.y); };
      restore();
      window.addEventListener("load", restore);
    }
  } catch (e) { /* no sessionStorage: the browser keeps what it can */ }

  function reload() {
    try {
      sessionStorage.setItem(key, JSON.stringify({ url: location.href, x: window.scrollX, y: window.scrollY }));
    } catch (e) { /* reload all the same */ }
    location.reload();
  }

  // Load each stylesheet of the site again (a query defeats the cache), then drop the old one.
  function restyle(generation) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href);
      if (url.origin !== location.origin) { return; }
      url.searchParams.set("serve", generation);
      var copy = link.cloneNode();
      copy.href = url.href;
      copy.onload = copy.onerror = function () { link.remove(); };
      link.after(copy);
    });
  }

  function el(tag, text, name) {
    var e = document.createElement(tag);
    if (text) { e.textContent = text; }
    if (name) { e.className = name; }
    return e;
  }

  function where(p) {
    return p.file + (p.line ? ":" + p.line + (p.column ? ":" + p.column : "") : "");
  }

  // The source lines around the problem's line, numbered, the line marked and its column shown.
  function excerpt(p) {
    var pre = el("pre"), width = String(p.source[p.source.length - 1].line).length;
    p.source.forEach(function (s) {
      var number = String(s.line);
      while (number.length < width) { number = " " + number; }
      var marked = s.line === p.line;
      pre.appendChild(el("span", (marked ? "> " : "  ") + number + " | " + s.text + "\n", marked ? "mark" : ""));
      if (marked && p.column) {
        pre.appendChild(el("span", new Array(width + 6 + p.column - 1).join(" ") + "^\n", "caret"));
      }
    });
    return pre;
  }

  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function show(problems, text) {
    hide();
    if (!problems.length || text === closed) { return; }
    overlay = el("div");
    overlay.id = "rtcm-serve-overlay";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", words.title || "");
    var panel = el("div", "", "panel"), head = el("div", "", "head");
    var close = el("button", words.close || "×");
    close.type = "button";
    close.onclick = function () { closed = text; hide(); };
    head.appendChild(el("h2", words.title));
    head.appendChild(close);
    panel.appendChild(head);
    panel.appendChild(el("p", words.kept));
    var list = el("ol");
    problems.forEach(function (p) {
      var item = el("li");
      if (p.file) { item.appendChild(el("div", where(p), "where")); }
      item.appendChild(el("div", p.message, "message"));
      if (p.source && p.source.length) { item.appendChild(excerpt(p)); }
      list.appendChild(item);
    });
    panel.appendChild(list);
    panel.appendChild(el("p", words.fix));
    overlay.appendChild(el("style", "/*STYLE*/"));
    overlay.appendChild(panel);
    document.body.appendChild(overlay);
    close.focus();
  }

  function connect() {
    if (events) { return; }
    events = new EventSource("/__livereload");
    events.onmessage = function (e) {
      var s = JSON.parse(e.data), text = JSON.stringify(s.problems);
      if (errorsPage !== null) {
        if (s.generation !== served || String(s.problems_at) !== errorsPage) { reload(); }
        return;
      }
      if (s.generation !== served) {
        // Only stylesheets changed since this page was served: swap them, no reload.
        if (s.reload_at <= served && served < s.generation) {
          restyle(s.generation);
          served = s.generation;
        } else {
          reload();
          return;
        }
      }
      show(s.problems, text);
    };
  }

  // A hidden page lets go of its connection (a browser opens only six to a server over
  // HTTP/1.1); shown again, the first event tells it what it missed.
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      if (events) { events.close(); events = null; }
    } else {
      connect();
    }
  });
  if (!document.hidden) { connect(); }
})();
