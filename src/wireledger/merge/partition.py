"""Cutting a group of linked events into incidents: greedy average linkage, deterministic.

The input is a *unit*: events connected by edges scoring at least the link threshold, with every stored
edge among them. Edges are taken strongest first (ties by the events' keys); two groups merge when the
average score over all their pairs (a pair without an edge counts 0) reaches the threshold, no veto stands
between them, and they share no report (one report does not describe one happening as two events).

The result depends only on the unit, never on the order in which its events arrived; this is what makes
the ledger's incidents independent of arrival order while staying incremental (only the unit a new event
touches is cut again).
"""

from __future__ import annotations

from collections import defaultdict

from .state import document_of


def partition(nodes: set[str], edges: list[tuple[str, str, float]], threshold: float,
              average: float | None = None, primaries: set[str] | None = None) -> list[list[str]]:
    """Clusters of ``nodes`` (each sorted; clusters sorted by first member): edges at or above
    ``threshold`` may join two groups whose average score reaches ``average`` (default: the threshold).
    Edges between two ``primaries`` (events that stand for their whole reports) are taken first: a
    report's side event must not pull another report away from the reports it is most like."""
    average = threshold if average is None else average
    parent = {n: n for n in nodes}
    size = dict.fromkeys(nodes, 1)
    sums: dict[str, dict[str, float]] = defaultdict(dict)
    vetoes: dict[str, set[str]] = defaultdict(set)
    docs: dict[str, set[str]] = {n: {document_of(n)} for n in nodes}
    for a, b, s in edges:
        if a not in parent or b not in parent:
            continue
        if s < 0:
            vetoes[a].add(b)
            vetoes[b].add(a)
        else:
            sums[a][b] = sums[a].get(b, 0.0) + s
            sums[b][a] = sums[b].get(a, 0.0) + s

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first = primaries or set()
    ordered = sorted((e for e in edges if e[2] >= threshold and e[0] in parent and e[1] in parent),
                     key=lambda e: (not (e[0] in first and e[1] in first), -e[2], e[0], e[1]))
    for a, b, _ in ordered:
        ga, gb = find(a), find(b)
        if ga == gb or gb in vetoes[ga] or docs[ga] & docs[gb]:
            continue
        if sums[ga].get(gb, 0.0) / (size[ga] * size[gb]) < average:
            continue
        if (size[ga], gb) < (size[gb], ga):
            ga, gb = gb, ga  # ga is the larger group (ties: the smaller key) and absorbs gb
        parent[gb] = ga
        size[ga] += size[gb]
        docs[ga] |= docs.pop(gb)
        for other, w in sums.pop(gb, {}).items():
            back = sums[other]
            back.pop(gb, None)
            if other == ga:
                continue
            sums[ga][other] = sums[ga].get(other, 0.0) + w
            back[ga] = back.get(ga, 0.0) + w
        for other in vetoes.pop(gb, set()):
            vetoes[other].discard(gb)
            if other != ga:
                vetoes[ga].add(other)
                vetoes[other].add(ga)
    clusters: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        clusters[find(n)].append(n)
    return sorted((sorted(c) for c in clusters.values()), key=lambda c: c[0])
