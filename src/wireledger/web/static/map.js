// The map page: the Natural Earth countries (world-atlas, vendored) as a GeoJSON layer, no tile server,
// and one marker per incident from the page's JSON block. Labels are set as text, never as HTML.
(function () {
  "use strict";
  var markers = JSON.parse(document.getElementById("map-data").textContent);
  var map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([30, 10], 2);
  var drawn = [];
  markers.forEach(function (m) {
    var link = document.createElement("a");
    link.href = "/incident/" + encodeURIComponent(m.id);
    link.textContent = m.label || m.id;
    var marker = L.marker([m.lat, m.lon], { title: m.label || m.id, alt: m.label || m.id })
      .bindPopup(link).addTo(map);
    var el = marker.getElement();
    if (el) {
      el.setAttribute("data-incident", m.id);
    }
    drawn.push(marker);
  });
  if (drawn.length) {
    map.fitBounds(L.featureGroup(drawn).getBounds().pad(0.5), { maxZoom: 5 });
  }
  // for the end-to-end tests and the curious: the markers as Leaflet holds them
  window.wireledgerMap = { map: map, markers: drawn };
  fetch("/static/vendor/world-atlas/countries-110m.json")
    .then(function (r) { return r.json(); })
    .then(function (world) {
      var countries = topojson.feature(world, world.objects.countries);
      L.geoJSON(countries, { attribution: "Natural Earth (world-atlas)", style: { color: "#7a8794", weight: 0.6, fillColor: "#e4e8dd", fillOpacity: 1 } })
        .addTo(map).bringToBack();
      document.getElementById("map").setAttribute("data-basemap", "loaded");
    });
})();
