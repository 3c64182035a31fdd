// The facility map: one circle per facility with coordinates; popups are built as DOM text, never HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("facility-data").textContent);
  var cfg = JSON.parse(document.getElementById("map-config").textContent);
  var map = L.map("map");
  if (cfg.tiles) {
    L.tileLayer(cfg.tiles, {attribution: cfg.attribution, maxZoom: 18}).addTo(map);
  }
  var markers = data.map(function (f) {
    var link = document.createElement("a");
    link.href = f.url;
    link.textContent = f.name;
    return L.circleMarker([f.lat, f.lon], {radius: 5, weight: 1, color: "#b71c1c"}).bindPopup(link).addTo(map);
  });
  if (markers.length) {
    map.fitBounds(L.featureGroup(markers).getBounds(), {padding: [20, 20]});
  } else {
    map.setView([41.5, 85], 5);
  }
  document.getElementById("map").dataset.markers = String(markers.length);
})();
