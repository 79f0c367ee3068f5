// The incident's map: a base map from the configured tile source (the IGN Géoplateforme in
// production, Égide's own offline tiles of the demo département otherwise), the latest positions
// as labelled markers, the radii around the victim and the fixed zones. Alert radii are solid lines,
// pre-alert radii dashed, and every shape carries a text label: colour is never the only cue.
// The page's text alternative states the same facts.
(function () {
  "use strict";
  var root = document.getElementById("incident-map");
  if (!root || !window.L) {
    return;
  }
  var labels = root.dataset;
  var map = L.map(root, { zoomSnap: 0.5, maxZoom: Number(labels.tilesMaxZoom) });
  map.attributionControl.setPrefix(false);
  L.tileLayer(labels.tilesUrl, {
    attribution: labels.tilesAttribution,
    maxZoom: Number(labels.tilesMaxZoom),
    minZoom: 6,
  }).addTo(map);
  map.setView([49.03, 1.15], 9);

  function json(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) {
        throw new Error(response.status);
      }
      return response.json();
    });
  }

  function marker(position, kind, text) {
    // A dot on the position and a label beside it: the wearer's above, the victim's below, so
    // both stay readable when the two are close.
    var icon = document.createElement("span");
    var dot = document.createElement("span");
    var label = document.createElement("span");
    dot.className = "egide-map-dot";
    label.className = "egide-map-label";
    label.textContent = text;
    icon.append(dot, label);
    return L.marker([position.lat, position.lon], {
      icon: L.divIcon({ className: "egide-map-marker egide-map-marker--" + kind, html: icon, iconSize: null }),
      title: text,
      alt: text,
      keyboard: true,
    });
  }

  function radii(layers, lat, lon, alertM, prealertM, name) {
    [
      [prealertM, "prealert", labels.labelPrealert],
      [alertM, "alert", labels.labelAlert],
    ].forEach(function (radius) {
      layers.push(
        L.circle([lat, lon], { radius: radius[0], className: "egide-zone egide-zone--" + radius[1] })
          .bindTooltip(name + " — " + radius[2] + " " + radius[0] + " m", { sticky: true })
      );
    });
  }

  function draw(facts) {
    var layers = [];
    facts.zones.forEach(function (zone) {
      radii(layers, zone.lat, zone.lon, zone.alert_m, zone.prealert_m, zone.label);
    });
    if (facts.victim) {
      if (facts.alert_m) {
        radii(layers, facts.victim.lat, facts.victim.lon, facts.alert_m, facts.prealert_m, labels.labelVictim);
      }
      layers.push(marker(facts.victim, "victim", labels.labelVictim));
    }
    if (facts.perpetrator) {
      layers.push(marker(facts.perpetrator, "perpetrator", labels.labelPerpetrator));
    }
    if (layers.length) {
      var group = L.featureGroup(layers).addTo(map);
      map.fitBounds(group.getBounds(), { padding: [24, 24], maxZoom: 13 });
    }
    root.dataset.drawn = "true";
  }

  json(labels.mapUrl)
    .then(draw)
    .catch(function () {
      root.dataset.drawn = "failed";
    });
})();
