/* Quick exit: leave for a neutral site at once, replacing this page in the history so that
   "Back" does not bring it back. The link works without JavaScript too (then it only navigates).
   Searches replace the current history entry too: after a quick exit, "Back" never shows a
   town she searched for. */
(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) return;
  var target = link.getAttribute("data-exit-url");
  function leave(event) {
    if (event) event.preventDefault();
    document.body.style.visibility = "hidden";
    window.location.replace(target);
  }
  link.addEventListener("click", leave);
  var search = document.querySelector("form[role=search]");
  if (search) {
    search.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = new URLSearchParams(new FormData(search)).toString();
      window.location.replace(window.location.pathname + "?" + query);
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") leave(event);
  });
})();
