// The live queue: Server-Sent Events say which incidents changed (ids only); the page then
// fetches the queue rows the user may see. Without EventSource, or while it is down, it polls.
// An incident waiting to be taken in hand makes itself heard and seen: a repeating tone until the
// operator silences it (a new incident rings again), the count in the tab's title, a banner, and
// a browser notification when the operator has allowed them.
(function () {
  "use strict";
  var root = document.getElementById("incident-queue");
  if (!root) {
    return;
  }
  var busy = false;
  var again = false;
  var poller = null;
  var baseTitle = document.title;
  var banner = document.getElementById("incident-alarm");
  var bannerText = document.getElementById("incident-alarm-text");
  var silenceButton = document.getElementById("incident-alarm-silence");
  var notifyButton = document.getElementById("incident-alarm-notify");
  var known = null; // ids of waiting incidents already announced (null: first look)
  var silenced = {}; // ids the operator silenced
  var audio = null;
  var ringer = null;

  function waiting() {
    return Array.prototype.map.call(root.querySelectorAll("tr[data-status='open']"), function (row) {
      return { id: row.dataset.incident, kind: row.dataset.kind };
    });
  }

  function beep() {
    var AudioContext = window.AudioContext || window.webkitAudioContext;
    if (!AudioContext) {
      return;
    }
    audio = audio || new AudioContext();
    if (audio.state === "suspended") {
      audio.resume();
    }
    [0, 0.35].forEach(function (offset) {
      var tone = audio.createOscillator();
      var gain = audio.createGain();
      tone.frequency.value = 880;
      gain.gain.value = 0.4;
      tone.connect(gain).connect(audio.destination);
      tone.start(audio.currentTime + offset);
      tone.stop(audio.currentTime + offset + 0.25);
    });
    root.dataset.tones = String(Number(root.dataset.tones || 0) + 1);
  }

  function ring(on) {
    if (on && ringer === null) {
      beep();
      ringer = window.setInterval(beep, 2000);
    } else if (!on && ringer !== null) {
      window.clearInterval(ringer);
      ringer = null;
    }
    root.dataset.alarm = on ? "ringing" : "quiet";
  }

  function notify(incidents) {
    if (!("Notification" in window) || Notification.permission !== "granted") {
      return;
    }
    incidents.forEach(function (incident) {
      new Notification(root.dataset.notificationTitle, {
        body: incident.kind + " n° " + incident.id,
        tag: "egide-incident-" + incident.id,
        requireInteraction: true,
      });
    });
  }

  function announce() {
    var open = waiting();
    var fresh = open.filter(function (incident) {
      return known !== null && known.indexOf(incident.id) === -1;
    });
    known = open.map(function (incident) {
      return incident.id;
    });
    document.title = open.length ? "(" + open.length + ") " + baseTitle : baseTitle;
    var loud = open.filter(function (incident) {
      return !silenced[incident.id];
    });
    if (banner) {
      banner.hidden = loud.length === 0;
      if (loud.length) {
        bannerText.textContent = loud
          .map(function (incident) {
            return incident.kind + " n° " + incident.id;
          })
          .join(", ");
      }
    }
    ring(loud.length > 0);
    notify(fresh);
  }

  if (silenceButton) {
    silenceButton.addEventListener("click", function () {
      waiting().forEach(function (incident) {
        silenced[incident.id] = true;
      });
      announce();
    });
  }
  if (notifyButton && "Notification" in window && Notification.permission === "default") {
    notifyButton.hidden = false;
    notifyButton.addEventListener("click", function () {
      Notification.requestPermission().then(function () {
        notifyButton.hidden = Notification.permission === "default";
      });
    });
  }

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
          announce();
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

  announce();
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
