// Progressive enhancement only: every page works without this script.
(function () {
  "use strict";
  var sort = document.getElementById("sort");
  if (sort && sort.form) {
    // Re-sort as soon as the choice changes; the button stays for no-JS users.
    sort.addEventListener("change", function () { sort.form.submit(); });
    var button = sort.form.querySelector("button");
    if (button) { button.hidden = true; }
  }
})();
