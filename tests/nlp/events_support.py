"""Shared by the date, event, background and golden-reading tests: one real pipeline (the steps up to
the background step) per test session, and readers of short texts and of our fixture articles."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from wireledger.ingest import IngestOptions, iter_inputs
from wireledger.ingest.build import DocumentDraft, build_document
from wireledger.model import Document, Event
from wireledger.nlp.base import ReadingDoc
from wireledger.nlp.pipeline import Pipeline
from wireledger.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
READING_STEPS = ("sentences", "entities", "coref", "roles", "dates", "places", "events", "background")


@cache
def pipeline() -> Pipeline:
    return Pipeline(Settings(), only=READING_STEPS)


def text_document(text: str, published: str | None = None, title: str | None = None) -> Document:
    draft = DocumentDraft(
        text=text,
        source_id="test",
        source_format="text",
        input_name="test",
        published_raw=published,
        title=title,
    )
    return build_document(draft)


def read_text(text: str, published: str | None = None) -> ReadingDoc:
    return pipeline().read_doc(text_document(text, published))


def read_path(path: Path, published: str | None = None, item: int = 0) -> ReadingDoc:
    items = [
        d
        for d in iter_inputs([str(path)], IngestOptions(published=published), Settings())
        if isinstance(d, Document)
    ]
    assert len(items) > item, f"{path}: {len(items)} documents read"
    return pipeline().read_doc(items[item])


def main_event(doc: ReadingDoc) -> Event | None:
    return next((e for e in doc.events if not e.background), None)


def names(event: Event, roles: tuple[str, ...] | None = None) -> list[str]:
    return [p.name.lower() for p in event.participants if roles is None or p.role in roles]


def summary(doc: ReadingDoc) -> list[dict[str, Any]]:
    """What a failing assertion prints: every event, briefly."""
    return [
        {
            "type": e.type,
            "bg": e.background,
            "date": e.date.value if e.date else None,
            "killed": e.killed,
            "wounded": e.wounded,
            "status": e.perpetrator_status,
            "modality": e.modality,
            "polarity": e.polarity,
            "participants": [(p.name, p.role) for p in e.participants],
        }
        for e in doc.events
    ]
