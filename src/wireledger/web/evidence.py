"""Which words of an article support a fact: the character spans the incident record gives for each
value (``support[].start/end``, the provenance of the value), and the article cut into plain and
highlighted pieces for the document page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Piece:
    text: str
    mark: bool


def fact_spans(record: dict[str, Any], field: str, document: str) -> list[tuple[int, int]]:
    """The spans in ``document`` that support the values of ``field`` of an incident record (as
    ``record.to_dict()`` gives it)."""
    view = (record.get("fields") or {}).get(field) or {}
    spans = {(s["start"], s["end"]) for v in view.get("values", []) for s in v.get("support", [])
             if s.get("document") == document and s.get("start") is not None and s.get("end") is not None}
    return sorted(spans)


def pieces(text: str, spans: list[tuple[int, int]]) -> list[Piece]:
    """``text`` cut at the spans (clipped to the text, overlapping spans joined): plain and marked pieces in
    order, together exactly the text."""
    joined: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in spans):
        if start >= end:
            continue
        if joined and start <= joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], end)
        else:
            joined.append([start, end])
    out: list[Piece] = []
    at = 0
    for start, end in joined:
        if start > at:
            out.append(Piece(text[at:start], False))
        out.append(Piece(text[start:end], True))
        at = end
    if at < len(text) or not out:
        out.append(Piece(text[at:], False))
    return out


def chain_label(chain: list[str]) -> str:
    """An attribution chain origin first, as ``claims`` and ``incident`` print it."""
    return " -> ".join(chain)
