/* The colour-scheme switch (partials/theme-switch.html): the system's scheme, light or dark.
   The choice is kept in localStorage ("rtcm-theme"; none = the system's) and set as data-theme
   on <html>, which the inline script in the head (partials/theme-init.html) does again before
   the first paint of every page. Other open tabs follow. */
(function () {
  "use strict";
  var KEY = "rtcm-theme";
  var root = document.documentElement;

  function stored() {
    try {
      var t = localStorage.getItem(KEY);
      return t === "light" || t === "dark" ? t : "system";
    } catch (e) {
      return "system";
    }
  }

  function show(choice) {
    if (choice === "system") {
      root.removeAttribute("data-theme");
    } else {
      root.setAttribute("data-theme", choice);
    }
    var buttons = document.querySelectorAll("[data-theme-choice]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-theme-choice") === choice));
    }
  }

  function choose(choice) {
    try {
      if (choice === "system") {
        localStorage.removeItem(KEY);
      } else {
        localStorage.setItem(KEY, choice);
      }
    } catch (e) { /* storage refused: the choice lasts for this page */ }
    show(choice);
  }

  var groups = document.querySelectorAll("[data-theme-switch]");
  for (var i = 0; i < groups.length; i++) {
    groups[i].hidden = false;
    groups[i].addEventListener("click", function (e) {
      var b = e.target.closest("[data-theme-choice]");
      if (b) { choose(b.getAttribute("data-theme-choice")); }
    });
  }
  show(stored());
  window.addEventListener("storage", function (e) {
    if (e.key === KEY || e.key === null) { show(stored()); }
  });
}());
