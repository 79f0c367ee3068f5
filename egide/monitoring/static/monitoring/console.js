// The live queue: Server-Sent Events say which incidents changed (ids only); the page then
// fetches the queue rows the user may see. Without EventSource, or while it is down, it polls.
(function () {
  "use strict";
  var root = document.getElementById("incident-queue");
  if (!root) {
    return;
  }
  var busy = false;
  var again = false;
  var poller = null;

  function refresh() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    fetch(root.dataset.queueUrl, { credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html !== null) {
          root.innerHTML = html;
        }
      })
      .catch(function () {})
      .finally(function () {
        busy = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  }

  function startPolling() {
    if (poller === null) {
      poller = window.setInterval(refresh, 5000);
    }
  }

  function stopPolling() {
    if (poller !== null) {
      window.clearInterval(poller);
      poller = null;
    }
  }

  if (!("EventSource" in window)) {
    startPolling();
    return;
  }
  var source = new EventSource(root.dataset.streamUrl);
  source.addEventListener("incidents", refresh);
  source.onopen = function () {
    stopPolling();
    refresh();
  };
  source.onerror = function () {
    startPolling();
  };
})();
