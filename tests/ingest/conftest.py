"""Helpers for the ingestion tests: run the real readers over paths and split what comes out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from wireledger.errors import Problem
from wireledger.ingest import IngestOptions, iter_inputs
from wireledger.model import Document
from wireledger.settings import Settings

INGEST_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
BROKEN_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "broken"

Ingest = Callable[..., tuple[list[Document], list[Problem]]]


def run_ingest(paths: Sequence[str | Path], settings: Settings | None = None, stdin: Any = None,
               fetcher: Any = None, **options: Any) -> tuple[list[Document], list[Problem]]:
    docs: list[Document] = []
    problems: list[Problem] = []
    for item in iter_inputs([str(p) for p in paths], IngestOptions(**options), settings or Settings(),
                            fetcher=fetcher, stdin=stdin):
        (docs if isinstance(item, Document) else problems).append(item)  # type: ignore[arg-type]  # the list is chosen by the item's type
    return docs, problems


@pytest.fixture
def ingest() -> Ingest:
    return run_ingest


@pytest.fixture
def ingest_dir() -> Path:
    return INGEST_FIXTURES


@pytest.fixture
def broken_dir() -> Path:
    return BROKEN_FIXTURES


def assert_offsets(doc: Document) -> None:
    """Every span of a Document indexes into its text and says what it claims."""
    text = doc.text
    if doc.title_span is not None:
        s, e = doc.title_span
        assert 0 <= s < e <= len(text)
    for sec in doc.sections:
        assert 0 <= sec.start < sec.heading_end <= sec.end <= len(text)
        assert text[sec.start:sec.heading_end] == sec.heading
    last = -1
    for para in doc.paragraphs:
        assert 0 <= para.start < para.end <= len(text)
        assert para.start >= last
        last = para.end
        assert text[para.start:para.end].strip() == text[para.start:para.end]
        if para.section is not None:
            sec = doc.sections[para.section]
            assert sec.heading_end <= para.start and para.end <= sec.end
    for src in doc.cited_sources:
        assert text[src.start:src.end] == src.name


@pytest.fixture
def check_offsets() -> Callable[[Document], None]:
    return assert_offsets
