/* The curriculum filter: an enhancement of the full list the page already shows. It shows the
   form, hides the activities (and then the modules and parts, and their entries in the list of
   modules) that do not match, and keeps the choice in the address (?stakeholder=…&level=…) so it
   can be shared and survives a language switch. Activities whose cell the scan lost match no
   key: they show only without a filter. */
(function () {
  "use strict";
  var root = document.querySelector("[data-curriculum]");
  if (!root) { return; }
  var form = root.querySelector("[data-filter]");
  var fields = { stakeholder: form.elements.stakeholder, level: form.elements.level };
  var attrs = { stakeholder: "stakeholders", level: "levels" };
  var shown = form.querySelector("[data-shown]");
  var empty = root.querySelector("[data-empty]");
  // Each entry of the module list (a part's title and its list, or a module's item), with the
  // section it leads to.
  var index = [];
  root.querySelectorAll(".module-index a[href^='#']").forEach(function (a) {
    var target = document.getElementById(a.getAttribute("href").slice(1));
    var section = target && target.closest("[data-module], [data-part]");
    if (!section) { return; }
    var item = a.parentNode;
    index.push({ item: item, section: section });
    if (section.hasAttribute("data-part") && item.nextElementSibling && item.nextElementSibling.tagName === "UL") {
      index.push({ item: item.nextElementSibling, section: section });
    }
  });

  function has(select, value) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) { return true; }
    }
    return false;
  }

  function matches(activity, name) {
    var want = fields[name].value;
    if (!want) { return true; }
    return (activity.getAttribute("data-" + attrs[name]) || "").split(" ").indexOf(want) >= 0;
  }

  function apply(updateAddress) {
    var filtering = fields.stakeholder.value || fields.level.value;
    var count = 0;
    root.querySelectorAll("[data-part]").forEach(function (part) {
      var partShown = false;
      part.querySelectorAll("[data-module]").forEach(function (module) {
        var moduleShown = false;
        module.querySelectorAll(".activity").forEach(function (a) {
          var ok = matches(a, "stakeholder") && matches(a, "level");
          a.hidden = !ok;
          if (ok) { moduleShown = true; count++; }
        });
        module.hidden = filtering && !moduleShown;
        partShown = partShown || !module.hidden;
      });
      part.hidden = !partShown;
    });
    shown.textContent = String(count);
    empty.hidden = count > 0;
    // The list of modules offers only the modules (and parts) left with an activity.
    index.forEach(function (entry) { entry.item.hidden = entry.section.hidden; });
    if (updateAddress) {
      var params = new URLSearchParams(location.search);
      Object.keys(fields).forEach(function (name) {
        if (fields[name].value) { params.set(name, fields[name].value); } else { params.delete(name); }
      });
      var q = params.toString();
      history.replaceState(null, "", location.pathname + (q ? "?" + q : "") + location.hash);
    }
  }

  var params = new URLSearchParams(location.search);
  Object.keys(fields).forEach(function (name) {
    var v = params.get(name);
    if (v && has(fields[name], v)) { fields[name].value = v; }
  });
  form.hidden = false;
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  apply(false);
})();
