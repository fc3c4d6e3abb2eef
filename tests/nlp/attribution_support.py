"""Shared by the attribution tests: one real reading pipeline per test session, and a reader of texts."""

from __future__ import annotations

from functools import cache

from wireledger.ingest.build import DocumentDraft, build_document
from wireledger.model import Claim, Document, Reading
from wireledger.nlp.pipeline import Pipeline


@cache
def pipeline() -> Pipeline:
    return Pipeline()


def document(text: str, outlet: str | None = None, published: str | None = None) -> Document:
    draft = DocumentDraft(text=text, source_id="test", source_format="text", input_name="test",
                          outlet=outlet, published_raw=published)
    return build_document(draft)


def read(text: str, outlet: str | None = None, published: str | None = None) -> Reading:
    return pipeline().read(document(text, outlet, published))


def claims_on(reading: Reading, words: str) -> list[Claim]:
    """The claims whose evidence overlaps the first place ``words`` stand in the text."""
    start = reading.document.text.index(words)
    end = start + len(words)
    return [c for c in reading.claims if c.evidence[0] < end and start < c.evidence[1]]


def chains_on(reading: Reading, words: str, with_outlet: bool = False) -> set[tuple[str, ...]]:
    return {tuple(s.name for s in c.attribution if with_outlet or s.type != "outlet")
            for c in claims_on(reading, words)}


def modalities_on(reading: Reading, words: str) -> set[str]:
    return {c.modality for c in claims_on(reading, words)}
