/* Navigation that keeps the reader's place (issue 15). Every page reads and works without it:
   the headings' `#` are then plain links. With it, a heading's `#` also copies the section's
   address, and says so in a polite live region. */
(function () {
  "use strict";
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
