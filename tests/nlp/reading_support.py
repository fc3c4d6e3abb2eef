"""Shared by the entity, coreference, places and pipeline tests: one real pipeline per test session,
and readers of our own fixture articles (tests/fixtures/articles) and of short texts."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from wireledger.ingest import IngestOptions, iter_inputs
from wireledger.ingest.build import DocumentDraft, build_document
from wireledger.model import Document, Entity
from wireledger.nlp.base import ReadingDoc
from wireledger.nlp.pipeline import Pipeline
from wireledger.settings import Settings

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
# the steps these tests are about; dates, events and claims are tested by their own modules
ENTITY_STEPS = ("sentences", "entities", "coref", "roles", "places")


@cache
def pipeline() -> Pipeline:
    return Pipeline(only=ENTITY_STEPS)


def fixture_document(name: str) -> Document:
    items = list(iter_inputs([str(ARTICLES / name)], IngestOptions(), Settings()))
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


@cache
def read_fixture(name: str) -> ReadingDoc:
    return pipeline().read_doc(fixture_document(name))


def text_document(text: str, published: str | None = None) -> Document:
    draft = DocumentDraft(text=text, source_id="test", source_format="text", input_name="test",
                          published_raw=published)
    return build_document(draft)


def read_text(text: str, published: str | None = None) -> ReadingDoc:
    return pipeline().read_doc(text_document(text, published))


def entity(doc: ReadingDoc, name: str) -> Entity:
    found = [e for e in doc.entities if e.name == name]
    assert len(found) == 1, f"{name!r}: {[(e.name, e.type) for e in doc.entities]}"
    return found[0]


def entity_with_mention(doc: ReadingDoc, text: str) -> Entity:
    found = [e for e in doc.entities if any(m.text == text for m in e.mentions)]
    assert len(found) == 1, f"{text!r}: {[(e.name, [m.text for m in e.mentions]) for e in found]}"
    return found[0]
