// The graph page: the neighbourhood ``wireledger graph`` computes, drawn with cytoscape (vendored).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var elements = [];
  data.nodes.forEach(function (n) {
    var label = n.label || n.id;
    if (n.kind === "incident") {
      label = [n.type, n.date, n.place].filter(Boolean).join(" · ") || n.id;
    } else if (n.kind === "sanction") {
      label = (n.list || "list") + ": " + (n.label || n.name || n.entry || "");
    }
    elements.push({ data: { id: n.id, label: label, kind: n.kind, root: n.id === data.root ? "yes" : "no" } });
  });
  data.edges.forEach(function (e, i) {
    elements.push({ data: { id: "e" + i, source: e.source, target: e.target, label: e.relation } });
  });
  var cy = cytoscape({
    container: document.getElementById("graph"),
    elements: elements,
    maxZoom: 2,
    layout: { name: "cose", animate: false, padding: 30, idealEdgeLength: function () { return 110; },
      nodeRepulsion: function () { return 900000; }, nodeDimensionsIncludeLabels: true },
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 9, "text-wrap": "wrap",
        "text-max-width": 140, "background-color": "#4a6fa5", width: 14, height: 14 } },
      { selector: "node[kind = 'incident']", style: { shape: "round-rectangle", "background-color": "#b5542d" } },
      { selector: "node[kind = 'sanction']", style: { shape: "diamond", "background-color": "#7b2d8b" } },
      { selector: "node[kind = 'place']", style: { shape: "hexagon", "background-color": "#3c8d5a" } },
      { selector: "node[root = 'yes']", style: { width: 22, height: 22, "border-width": 2, "border-color": "#222" } },
      { selector: "edge", style: { width: 1, "line-color": "#aab", "target-arrow-shape": "triangle",
        "target-arrow-color": "#aab", "curve-style": "bezier", label: "data(label)", "font-size": 6, "text-rotation": "autorotate",
        color: "#667" } }
    ]
  });
  cy.on("tap", "node", function (evt) {
    var d = evt.target.data();
    if (d.kind === "incident") {
      window.location.href = "/incident/" + encodeURIComponent(d.id.replace(/^incident:/, ""));
    } else if (d.kind === "entity" || d.kind === "place") {
      window.location.href = "/graph?name=" + encodeURIComponent(evt.target.data("label"));
    }
  });
  window.wireledgerGraph = cy;
})();
