"""The incidents on a map and as a network: GeoJSON (a FeatureCollection of points, for QGIS) and GraphML
(the entity graph, for Gephi).

GeoJSON points are ``[longitude, latitude]``, as RFC 7946 orders them; an incident whose place has no
coordinates is left out and counted (``"left_out": {"no_coordinates": N}`` at the end of the collection).
GraphML holds the nodes and edges ``wireledger graph`` draws, around every selected incident.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ...merge.record import IncidentRecord
from .source import ExportSource
from .tables import incident_summary

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot hold
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"


def feature(record: IncidentRecord) -> dict[str, Any] | None:
    lat, lon = record.place.get("lat"), record.place.get("lon")
    if lat is None or lon is None:
        return None
    properties: dict[str, Any] = {}
    for key, value in record.summary().items():
        # flat properties: a list becomes one string, as GIS attribute tables hold them
        properties[key] = "; ".join(str(v) for v in value) if isinstance(value, list) else value
    properties["summary"] = incident_summary(record)
    properties["documents"] = "; ".join(d["document"] for d in record.documents)
    return {"type": "Feature", "id": record.id,
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": properties}


def write_geojson(source: ExportSource, counts: Counter[str]) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": ['
    for _, record in source.records():
        item = feature(record)
        if item is None:
            counts["left_out_no_coordinates"] += 1
            continue
        yield ("," if counts["incidents"] else "") + "\n" + json.dumps(item, ensure_ascii=False)
        counts["incidents"] += 1
    left_out = {"no_coordinates": counts["left_out_no_coordinates"]}
    yield f'\n], "left_out": {json.dumps(left_out)}}}\n'


def _xml_text(value: Any) -> str:
    return escape(_NOT_XML.sub("", str(value)))


def _attr(value: Any) -> str:
    return quoteattr(_NOT_XML.sub("", str(value)))


def _graphml_type(values: list[Any]) -> str:
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "int"
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def _keys(items: list[dict[str, Any]], skip: set[str]) -> dict[str, str]:
    """attribute name -> GraphML type, for the attributes the items carry (None values ignored)."""
    seen: dict[str, list[Any]] = {}
    for item in items:
        for k, v in item.items():
            if k not in skip and v is not None:
                seen.setdefault(k, []).append(v)
    return {k: _graphml_type(v) for k, v in sorted(seen.items())}


def _data(prefix: str, item: dict[str, Any], keys: dict[str, str]) -> str:
    out = []
    for name, kind in keys.items():
        value = item.get(name)
        if value is None:
            continue
        if isinstance(value, list | dict):
            value = json.dumps(value, ensure_ascii=False)
        text = str(value).lower() if kind == "boolean" else value
        out.append(f'<data key="{prefix}{name}">{_xml_text(text)}</data>')
    return "".join(out)


def write_graphml(source: ExportSource, counts: Counter[str]) -> Iterator[str]:
    graph = source.graph()
    nodes = sorted(graph.nodes.values(), key=lambda n: n["id"])
    edges = sorted(graph.edges, key=lambda e: (e["source"], e["target"], e["relation"]))
    node_keys, edge_keys = _keys(nodes, {"id"}), _keys(edges, {"source", "target"})
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield f'<graphml xmlns="{GRAPHML_NS}">\n'
    for prefix, target, keys in (("n_", "node", node_keys), ("e_", "edge", edge_keys)):
        for name, kind in keys.items():
            yield (f'  <key id="{prefix}{name}" for="{target}" attr.name={quoteattr(name)} '
                   f'attr.type="{kind}"/>\n')
    yield '  <graph id="wireledger" edgedefault="directed">\n'
    for node in nodes:
        counts["nodes"] += 1
        counts["incidents"] += node.get("kind") == "incident"
        yield f'    <node id={_attr(node["id"])}>{_data("n_", node, node_keys)}</node>\n'
    for i, edge in enumerate(edges):
        counts["edges"] += 1
        ends = f'source={_attr(edge["source"])} target={_attr(edge["target"])}'
        yield f'    <edge id="e{i}" {ends}>{_data("e_", edge, edge_keys)}</edge>\n'
    yield "  </graph>\n</graphml>\n"
