// The incident's map: département outlines (bundled, no tile server), both latest positions as
// labelled markers, the radii around the victim and the fixed zones. Alert radii are solid lines,
// pre-alert radii dashed, and every shape carries a text label: colour is never the only cue.
// The page's text alternative states the same facts.
(function () {
  "use strict";
  var root = document.getElementById("incident-map");
  if (!root || !window.L) {
    return;
  }
  var labels = root.dataset;
  var map = L.map(root, { zoomSnap: 0.5 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(labels.attribution);
  map.setView([46.6, 2.4], 5.5);

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

  function draw(outlines, facts) {
    L.geoJSON(outlines, {
      style: { className: "egide-outline" },
      onEachFeature: function (feature, layer) {
        layer.bindTooltip(feature.properties.nom + " (" + feature.properties.code + ")", { sticky: true });
      },
    }).addTo(map);
    var layers = [];
    facts.zones.forEach(function (zone) {
      radii(layers, zone.lat, zone.lon, zone.alert_m, zone.prealert_m, zone.label);
    });
    if (facts.victim) {
      radii(layers, facts.victim.lat, facts.victim.lon, facts.alert_m, facts.prealert_m, labels.labelVictim);
      layers.push(marker(facts.victim, "victim", labels.labelVictim));
    }
    if (facts.perpetrator) {
      layers.push(marker(facts.perpetrator, "perpetrator", labels.labelPerpetrator));
    }
    if (layers.length) {
      var group = L.featureGroup(layers).addTo(map);
      map.fitBounds(group.getBounds(), { padding: [24, 24], maxZoom: 14 });
    }
    root.dataset.drawn = "true";
  }

  Promise.all([json(labels.outlinesUrl), json(labels.mapUrl)])
    .then(function (results) {
      draw(results[0], results[1]);
    })
    .catch(function () {
      root.dataset.drawn = "failed";
    });
})();
