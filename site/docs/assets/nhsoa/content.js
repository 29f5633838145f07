/* Material for MkDocs: open the tab named in the address (from its partials/javascripts/content.html). */
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
