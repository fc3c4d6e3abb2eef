"""The entity graph: people and organisations, the incidents they took part in (and in which role), the
organisations they belong to, and the sanctions entries they match.

``entity_graph(name, depth, source)`` walks out from one name, breadth first, ``depth`` hops: from a
person or organisation to its incidents, its affiliations (for an organisation, the people who belong
to it) and sanctions matches; from an incident to the people and organisations in it. The data comes
from a ``GraphSource`` (the ledger), so the walk itself stays free of storage. ``incidents_graph``
draws the same nodes and edges around a set of incidents (what the GraphML export writes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from .record import name_value_key


class GraphSource(Protocol):
    def incidents_of(self, name: str) -> list[tuple[str, str, str]]:
        """(incident id, the name as the incident has it, role) for every incident the name takes part in."""
        ...

    def people_of(self, incident: str) -> list[dict[str, str]]:
        """People and organisations in an incident: name, role, kind."""
        ...

    def incident_label(self, incident: str) -> dict[str, Any]: ...

    def affiliations(self, name: str) -> list[str]: ...

    def members(self, name: str) -> list[str]:
        """The people said to belong to the organisation ``name``."""
        ...

    def sanctions(self, name: str) -> list[dict[str, Any]]:
        """The sanctions entries the ledger's screening matched to the person or organisation ``name``
        (never the ones it set aside as another person)."""
        ...

    def incidents_at(self, place: str) -> list[str]:
        """The incidents that happened in ``place`` (a city, region, country or a place a report names)."""
        ...


@dataclass
class Graph:
    root: str
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: list[dict[str, Any]] = field(default_factory=list)

    def add_node(self, node_id: str, **attrs: Any) -> bool:
        if node_id in self.nodes:
            return False
        self.nodes[node_id] = {"id": node_id, **attrs}
        return True

    def add_edge(self, source: str, target: str, relation: str) -> None:
        edge = {"source": source, "target": target, "relation": relation}
        if edge not in self.edges:
            self.edges.append(edge)

    def to_dict(self) -> dict[str, Any]:
        return {"root": self.root, "nodes": sorted(self.nodes.values(), key=lambda n: n["id"]),
                "edges": sorted(self.edges, key=lambda e: (e["source"], e["target"], e["relation"]))}


def entity_id(name: str) -> str:
    return "entity:" + name_value_key(name)


def place_id(name: str) -> str:
    return "place:" + name_value_key(name)


def _add_entity_links(graph: Graph, node: str, name: str, hop: int,
                      source: GraphSource) -> list[tuple[str, str]]:
    """An entity's affiliations, members and kept sanctions matches; the entity nodes added (to walk on)."""
    added: list[tuple[str, str]] = []
    for org in source.affiliations(name):
        oid = entity_id(org)
        if graph.add_node(oid, kind="entity", label=org, entity_kind="organization", hop=hop):
            added.append((oid, org))
        graph.add_edge(node, oid, "affiliated with")
    for member in source.members(name):
        pid = entity_id(member)
        if graph.add_node(pid, kind="entity", label=member, entity_kind="person", hop=hop):
            added.append((pid, member))
        graph.add_edge(pid, node, "affiliated with")
    for match in source.sanctions(name):
        sid = f"sanction:{match.get('list')}:{match.get('entry')}"
        graph.add_node(sid, kind="sanction", hop=hop, **{k: v for k, v in match.items() if k != "id"})
        graph.add_edge(node, sid, "listed as")
    return added


def _add_people(graph: Graph, incident_node: str, incident: str, hop: int,
                source: GraphSource) -> list[tuple[str, str]]:
    """The people and organisations of an incident, each with an edge of its role; the nodes added."""
    added: list[tuple[str, str]] = []
    for person in source.people_of(incident):
        pid = entity_id(person["name"])
        if graph.add_node(pid, kind="entity", label=person["name"], entity_kind=person.get("kind"), hop=hop):
            added.append((pid, person["name"]))
        graph.add_edge(pid, incident_node, person.get("role") or "participant")
    return added


def incidents_graph(incidents: list[tuple[str, str | None]], source: GraphSource, links: int = 2) -> Graph:
    """The graph of a set of incidents, given as (incident id, the place it happened in or None): each
    incident and its place, its people and organisations, and their affiliations and sanctions matches
    (``links`` hops out from the people), with the node ids and relations ``entity_graph`` uses."""
    graph = Graph(root="")
    frontier: list[tuple[str, str]] = []
    for incident, place in incidents:
        iid = "incident:" + incident
        graph.add_node(iid, kind="incident", hop=0, **source.incident_label(incident))
        if place:
            graph.add_node(place_id(place), kind="place", label=place, hop=1)
            graph.add_edge(iid, place_id(place), "happened in")
        frontier.extend(_add_people(graph, iid, incident, 1, source))
    for hop in range(2, 2 + links):  # the people's organisations, then theirs (as ``graph`` at depth 2)
        frontier = [added for node, name in frontier
                    for added in _add_entity_links(graph, node, name, hop, source)]
    return graph


def entity_graph(name: str, depth: int, source: GraphSource) -> Graph:
    """The graph around ``name``: a person or organisation, or else a place (its incidents first)."""
    root = entity_id(name)
    graph = Graph(root)
    frontier: list[tuple[str, str]] = [(root, name)]  # (node id, name or incident id)
    at_place = [] if source.incidents_of(name) or source.members(name) else source.incidents_at(name)
    if at_place and depth > 0:
        root = graph.root = place_id(name)
        graph.add_node(root, kind="place", label=name, hop=0)
        frontier = []
        for incident in at_place:
            iid = "incident:" + incident
            graph.add_node(iid, kind="incident", hop=1, **source.incident_label(incident))
            graph.add_edge(iid, root, "happened in")
            frontier.append((iid, incident))
        depth -= 1
        first_hop = 2
    else:
        graph.add_node(root, kind="entity", label=name, hop=0)
        first_hop = 1
    for hop in range(first_hop, first_hop + max(0, depth)):
        nxt: list[tuple[str, str]] = []
        for node, key in frontier:
            kind = graph.nodes[node]["kind"]
            if kind == "incident":
                nxt.extend(_add_people(graph, node, key, hop, source))
                continue
            if kind != "entity":
                continue
            for incident, _, role in source.incidents_of(key):
                iid = "incident:" + incident
                if graph.add_node(iid, kind="incident", hop=hop, **source.incident_label(incident)):
                    nxt.append((iid, incident))
                graph.add_edge(node, iid, role)
            nxt.extend(_add_entity_links(graph, node, key, hop, source))
        frontier = nxt
    return graph
