"""Ingest one upload (the REST API's ``POST /api/documents``) exactly as ``wireledger ingest`` ingests a
file: the same readers, the same reading pipeline, the same ledger sync (incidents, entities, screening).

An upload is bytes and a name; the name's ending picks the reader (``.txt``, ``.html``, ``.xml``/``.rss``,
``.jsonl``, ``.gz`` of these) and becomes the documents' source id as ``upload:<name>``. Fetching linked
pages stays off whatever the settings say: an upload never makes the server fetch a URL.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from ..errors import UsageError, WireledgerError
from ..ingest import IngestOptions, read_bytes
from ..model import Document
from ..settings import Settings
from .ingestion import IngestSummary, Read, ReadMany, ingest
from .ledger import pipeline_readers, sync_ledger
from .library import document_summary, show

_NAME_CHARS = 200


@dataclass
class Uploader:
    """Ingests uploads into one ledger; the reading pipeline is built on the first upload and kept, and
    uploads are ingested one at a time (they share the pipeline)."""

    settings: Settings

    def __post_init__(self) -> None:
        self.settings = self.settings.with_(allow_fetch=False)
        self._readers: tuple[Read, ReadMany] | None = None
        self._lock = threading.Lock()

    def upload(self, data: bytes, name: str, published: str | None = None,
               format: str | None = None) -> dict[str, Any]:
        """Ingest ``data``; the ingest summary (as ``wireledger ingest --format json`` prints it) and the
        documents the upload stored or found already stored."""
        name = _source_name(name)
        options = IngestOptions(published=published, format=format)
        with self._lock:
            if self._readers is None:
                self._readers = pipeline_readers(self.settings)
            read, read_many = self._readers
            items = list(read_bytes(data, name, options, self.settings))
            summary: IngestSummary = ingest([], options, self.settings, read=read, read_many=read_many,
                                            documents=items)
            if summary.stored:
                sync_ledger(self.settings)
        found = [self._stored(item.id) for item in items if isinstance(item, Document)]
        return {"db": self.settings.db, **summary.to_dict(), "documents": [f for f in found if f]}

    def _stored(self, document_id: str) -> dict[str, Any] | None:
        try:
            return document_summary(show(document_id, self.settings, paths=False).document)
        except WireledgerError:  # read from the upload but not stored (its problem is in the summary)
            return None


def _source_name(name: str) -> str:
    """``upload:<name>`` with the name cut to its last path part and to printable characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if c.isprintable()).strip()[:_NAME_CHARS]
    if not base:
        raise UsageError("an upload needs a file name (its ending picks the reader, e.g. report.txt)",
                         input="file")
    return f"upload:{base}"
