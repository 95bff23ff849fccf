/* Tables wider than their frame: say so. Each .table-wrap gets the classes "overflows" (its
   table is wider than the frame), "more-left" and "more-right" (columns hidden on that side),
   which style.css turns into shadows at the frame's edges; while it overflows, a short hint
   ("Scroll sideways…", in the page's language, from this script tag's data-hint) stands above
   it. Kept up to date on scroll, on resize and when the fonts arrive. */
(function () {
  "use strict";
  var script = document.currentScript;
  var hintText = script && script.getAttribute("data-hint");
  var wraps = document.querySelectorAll(".table-wrap");
  if (!wraps.length) { return; }

  function update(wrap) {
    var max = wrap.scrollWidth - wrap.clientWidth;
    var over = max > 1;
    wrap.classList.toggle("overflows", over);
    wrap.classList.toggle("more-left", over && wrap.scrollLeft > 1);
    wrap.classList.toggle("more-right", over && wrap.scrollLeft < max - 1);
    var hint = wrap.previousElementSibling;
    if (hint && hint.classList.contains("scroll-hint")) { hint.hidden = !over; }
  }

  function updateAll() {
    for (var i = 0; i < wraps.length; i++) { update(wraps[i]); }
  }

  for (var i = 0; i < wraps.length; i++) {
    var wrap = wraps[i];
    if (hintText) {
      var hint = document.createElement("p");
      hint.className = "scroll-hint";
      hint.setAttribute("aria-hidden", "true");
      hint.textContent = hintText;
      hint.hidden = true;
      wrap.parentNode.insertBefore(hint, wrap);
    }
    wrap.addEventListener("scroll", function (e) { update(e.currentTarget); }, { passive: true });
  }
  updateAll();
  if ("ResizeObserver" in window) {
    var seen = new ResizeObserver(function (entries) {
      for (var i = 0; i < entries.length; i++) {
        var w = entries[i].target.closest(".table-wrap");
        if (w) { update(w); }
      }
    });
    for (var j = 0; j < wraps.length; j++) {
      seen.observe(wraps[j]);
      if (wraps[j].firstElementChild) { seen.observe(wraps[j].firstElementChild); }
    }
  } else {
    window.addEventListener("resize", updateAll);
  }
  if (document.fonts && document.fonts.ready) { document.fonts.ready.then(updateAll); }
}());
