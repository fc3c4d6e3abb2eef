"""Cutting an article into plain and highlighted pieces, and finding a fact's supporting spans."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from wireledger.web.evidence import fact_spans, pieces

TEXT = "Two police officers were killed and three wounded, police said."


def test_the_marked_piece_is_the_span() -> None:
    cut = pieces(TEXT, [(36, 49)])
    assert [p.text for p in cut if p.mark] == [TEXT[36:49]] == ["three wounded"]


def test_overlapping_spans_join_and_spans_outside_the_text_are_clipped() -> None:
    cut = pieces(TEXT, [(0, 10), (5, 19), (60, 999), (-4, 2)])
    assert [p.text for p in cut if p.mark] == [TEXT[0:19], TEXT[60:]]


def test_no_span_is_one_plain_piece() -> None:
    assert [(p.text, p.mark) for p in pieces(TEXT, [])] == [(TEXT, False)]


@settings(deadline=None)  # the machine is shared: no time limit per example
@given(st.text(max_size=60), st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70)), max_size=5))
def test_the_pieces_are_exactly_the_text(text: str, spans: list[tuple[int, int]]) -> None:
    cut = pieces(text, spans)
    assert "".join(p.text for p in cut) == text
    assert all(not (a.mark and b.mark) for a, b in itertools.pairwise(cut))


def test_fact_spans_are_the_support_of_that_field_in_that_document() -> None:
    record = {"fields": {"wounded": {"values": [
        {"value": 3, "support": [{"document": "doc_a", "start": 36, "end": 49},
                                 {"document": "doc_b", "start": 1, "end": 4}]},
        {"value": 4, "support": [{"document": "doc_a", "start": None, "end": None}]}]},
        "killed": {"values": [{"value": 2, "support": [{"document": "doc_a", "start": 20, "end": 30}]}]}}}
    assert fact_spans(record, "wounded", "doc_a") == [(36, 49)]
    assert fact_spans(record, "place", "doc_a") == []
