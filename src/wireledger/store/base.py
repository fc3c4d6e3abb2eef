"""The Store protocol: what every ledger backend (SQLite, PostgreSQL) implements.

Backends pass the same test suite (tests/store/). Each document is stored in its own transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from ..model import Document, Reading


@dataclass(frozen=True)
class AddResult:
    """What happened to one document offered to the store."""

    status: str  # stored | duplicate | near_duplicate | source_added
    document_id: str
    canonical_id: str | None = None


@dataclass(frozen=True)
class SearchHit:
    document_id: str
    title: str | None
    snippet: str
    score: float


class Store(Protocol):
    def add_document(self, doc: Document) -> AddResult: ...

    def get_document(self, doc_id_or_source_id: str) -> Document | None: ...

    def documents(self, limit: int | None = None, offset: int = 0) -> Iterator[Document]: ...

    def search(self, query: str, limit: int = 20) -> list[SearchHit]: ...

    def stats(self) -> dict[str, Any]: ...

    def save_reading(self, reading: Reading) -> None: ...

    def get_reading(self, doc_id: str) -> dict[str, Any] | None: ...

    def close(self) -> None: ...
