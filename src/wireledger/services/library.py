"""Looking at the ledger: list documents, show one, search, count."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import Problem, WireledgerError
from ..ingest import IngestOptions, example_article_path, iter_inputs
from ..model import Document
from ..settings import Settings
from ..store import SearchHit, Store, open_store

EXAMPLE = "example"  # ``show example`` shows the example article shipped with the package


@dataclass
class DocumentView:
    """One document as a user sees it: its fields, where it came from, its copies and its reading."""

    document: Document
    copies: list[str]  # near-duplicates linked to it (when it is the canonical copy)
    reading: dict[str, Any] | None

    def to_dict(self) -> dict[str, Any]:
        reading = None
        if self.reading is not None:
            reading = {k: v for k, v in self.reading.items() if k != "document"}
        return {"document": self.document.to_dict(), "copies": list(self.copies), "reading": reading}


def document_summary(doc: Document, retracted: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The short form of a document used in listings (with its retraction, when ``retracted`` holds one)."""
    out: dict[str, Any] = {"id": doc.id, "source_ids": list(doc.source_ids), "title": doc.title,
                           "published": doc.published, "language": doc.language,
                           "source_format": doc.source_format,
                           "canonical_id": doc.canonical_id, "characters": len(doc.text)}
    gone = (retracted or {}).get(doc.canonical_id or doc.id)
    if gone is not None:
        out["retracted"] = gone
    return out


def hit_dict(hit: SearchHit, rank: int | None = None, best: float | None = None) -> dict[str, Any]:
    """A hit as data; with its ``rank`` (1 = best) and the best hit's score, also its ``relevance``: its
    score as a percentage of the best one's (the engines' raw scores are on no common scale)."""
    row = asdict(hit)
    if rank is not None:
        row["rank"] = rank
        row["relevance"] = round(100 * hit.score / best, 1) if best else None
    return row


def ranked(hits: list[SearchHit]) -> list[dict[str, Any]]:
    """Hits, best first, each with its rank and relevance (see ``hit_dict``)."""
    best = max((h.score for h in hits), default=None)
    return [hit_dict(h, i, best) for i, h in enumerate(hits, 1)]


def _open(settings: Settings | None, store: Store | None) -> tuple[Store, bool]:
    if store is not None:
        return store, False
    return open_store(settings or Settings.load(), create=False), True


def documents(settings: Settings | None = None, *, limit: int | None = None, offset: int = 0,
              store: Store | None = None, include_retracted: bool = False) -> Iterator[Document]:
    """Stored documents in order of arrival (retracted reports only with ``include_retracted``)."""
    ledger, own = _open(settings, store)
    try:
        yield from ledger.documents(limit=limit, offset=offset, include_retracted=include_retracted)
    finally:
        if own:
            ledger.close()


def show(key: str, settings: Settings | None = None, *, store: Store | None = None,
         paths: bool = True) -> DocumentView:
    """A document by content id, by a source id that brought it, or (unless ``paths`` is False, as for the
    REST API, which must not look at the server's files) by the path of an ingested file."""
    settings = settings or Settings.load()
    ledger, own = _open(settings, store)
    try:
        doc = _find(ledger, key, settings) if paths else ledger.get_document(key)
        if doc is None:
            raise WireledgerError("E151", key, "no stored document has this id, source id or path",
                                  "see `wireledger documents`")
        return DocumentView(doc, ledger.copies(doc.id), ledger.get_reading(doc.id))
    finally:
        if own:
            ledger.close()


def _find(ledger: Store, key: str, settings: Settings) -> Document | None:
    doc = ledger.get_document(key)
    if doc is not None:
        return doc
    path = Path(key)
    if key == EXAMPLE and not path.exists():
        path = example_article_path()
    if not path.is_file():
        return None
    for candidate in (str(path), str(path.resolve())):
        doc = ledger.get_document(candidate)
        if doc is not None:
            return doc
    # read the file as ingest would and look its content up
    for item in iter_inputs([str(path)], IngestOptions(), settings):
        if isinstance(item, Problem):
            continue
        doc = ledger.get_document(item.id)
        if doc is not None:
            return doc
    return None


def search(query: str, settings: Settings | None = None, *, limit: int = 20, include_copies: bool = False,
           store: Store | None = None, include_retracted: bool = False) -> list[SearchHit]:
    """Full-text search over titles and texts (words, "phrases", prefix*; all must occur)."""
    ledger, own = _open(settings, store)
    try:
        return ledger.search(query, limit=limit, include_copies=include_copies,
                             include_retracted=include_retracted)
    finally:
        if own:
            ledger.close()


def search_results(query: str, settings: Settings | None = None, *, limit: int = 20,
                   include_copies: bool = False, include_retracted: bool = False,
                   store: Store | None = None) -> list[dict[str, Any]]:
    """What every interface shows for a search: the hits best first with their rank and relevance, and
    (with ``include_retracted``) a retracted report marked with who retracted it, when and why."""
    hits = search(query, settings, limit=limit, include_copies=include_copies, store=store,
                  include_retracted=include_retracted)
    gone = retractions(settings, store=store) if include_retracted else {}
    return [{**row, **({"retracted": gone[row["document_id"]]} if row["document_id"] in gone else {})}
            for row in ranked(hits)]


def retractions(settings: Settings | None = None, *, store: Store | None = None) -> dict[str, dict[str, Any]]:
    """document id -> who retracted the report, when and why."""
    ledger, own = _open(settings, store)
    try:
        return ledger.retractions()
    finally:
        if own:
            ledger.close()


def stats(settings: Settings | None = None, *, store: Store | None = None) -> dict[str, Any]:
    """Counts of what the ledger holds."""
    ledger, own = _open(settings, store)
    try:
        return ledger.stats()
    finally:
        if own:
            ledger.close()


def example_article() -> str:
    """Path of the example article shipped with the package (``wireledger ingest --example``)."""
    return str(example_article_path())
