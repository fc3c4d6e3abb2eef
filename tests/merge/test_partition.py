"""The partition of a unit depends on the unit alone: not on the order its edges are given in."""

from __future__ import annotations

import random

from wireledger.merge.partition import partition


def test_order_of_edges_does_not_change_the_partition() -> None:
    rng = random.Random(7)
    nodes = {f"d{i}#ev1" for i in range(12)}
    names = sorted(nodes)
    edges = [(a, b, round(rng.random(), 3)) for i, a in enumerate(names) for b in names[i + 1:]
             if rng.random() < 0.4]
    first = partition(nodes, edges, 0.5)
    for _ in range(5):
        shuffled = list(edges)
        rng.shuffle(shuffled)
        assert partition(set(nodes), shuffled, 0.5) == first


def test_average_linkage_keeps_a_weakly_attached_event_out() -> None:
    nodes = {"a#1", "b#1", "c#1"}
    edges = [("a#1", "b#1", 0.9), ("b#1", "c#1", 0.35)]  # c is close to b only
    assert partition(nodes, edges, 0.3) == [["a#1", "b#1"], ["c#1"]]
    assert partition(nodes, [*edges, ("a#1", "c#1", 0.4)], 0.3) == [["a#1", "b#1", "c#1"]]


def test_vetoes_and_shared_reports_keep_groups_apart() -> None:
    nodes = {"a#1", "b#1", "b#2"}
    edges = [("a#1", "b#1", 0.9), ("a#1", "b#2", 0.8)]  # b#1 and b#2 are events of one report
    clusters = partition(nodes, edges, 0.3)
    assert ["a#1", "b#1"] in clusters and ["b#2"] in clusters
    assert partition({"a#1", "c#1"}, [("a#1", "c#1", 0.9), ("a#1", "c#1", -1.0)], 0.3) == [["a#1"], ["c#1"]]


def test_links_between_primary_events_are_taken_first() -> None:
    # report c's story (c#p) matches report b's side event b#2 best, but the stories of a, b and c
    # belong together: taken strongest first, b#2 would capture c#p and keep it from b's own story b#p
    nodes = {"a#p", "b#p", "b#2", "c#p"}
    edges = [("b#2", "c#p", 0.9), ("a#p", "b#p", 0.8), ("a#p", "c#p", 0.6), ("b#p", "c#p", 0.6)]
    assert ["b#2", "c#p"] in partition(nodes, edges, 0.45, 0.3)
    clusters = partition(nodes, edges, 0.45, 0.3, primaries={"a#p", "b#p", "c#p"})
    assert ["a#p", "b#p", "c#p"] in clusters and ["b#2"] in clusters
