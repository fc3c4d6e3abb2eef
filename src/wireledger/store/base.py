"""The Store protocol: what every ledger backend (SQLite, PostgreSQL) implements.

Backends pass the same test suite (tests/store/). Each document is stored in its own transaction,
together with its source ids, its search index entry, its near-duplicate band keys and its reading.

Near-duplicates: the caller (services) computes a document's MinHash ``Fingerprint`` and decides which
stored candidates are similar enough; the store links the whole group of near-duplicates to one
canonical copy chosen by a fixed rule (earliest publication date, then smallest id), relinking the group
when a later arrival becomes canonical, so the result does not depend on the order of arrival. Only the
canonical copy keeps a reading.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..errors import Problem
from ..model import Document, Reading, Statement
from ..model.document import choose_canonical

# AddResult.status values
STORED = "stored"  # new content, stored (and canonical unless linked as a near-duplicate)
NEAR_DUPLICATE = "near_duplicate"  # new content, stored and linked to another canonical copy
DUPLICATE = "duplicate"  # this content was already stored under this source id: nothing new
SOURCE_ADDED = "source_added"  # this content was already stored; the new source id was added to it

def canonical_id(members: Iterable[GroupMember]) -> str:
    """The canonical copy of a near-duplicate group: earliest publication date, then smallest id.

    The rule itself lives with near-duplicate detection (``model.document.choose_canonical``); every
    backend and the services use it through here.
    """
    return choose_canonical((m.document_id, m.published) for m in members)


@dataclass(frozen=True)
class Fingerprint:
    """What near-duplicate detection keeps for one document: its MinHash signature and LSH band keys."""

    signature: tuple[int, ...]
    band_keys: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    """A stored document that shares at least one band key with a new one."""

    document_id: str
    published: str | None
    canonical_id: str | None  # None when the candidate is itself canonical
    signature: tuple[int, ...]


@dataclass(frozen=True)
class GroupMember:
    document_id: str
    published: str | None


@dataclass(frozen=True)
class AddResult:
    """What happened to one document offered to the store."""

    status: str  # stored | duplicate | near_duplicate | source_added
    document_id: str
    canonical_id: str | None = None  # the canonical copy this document is linked to, if not itself
    relinked: tuple[str, ...] = ()  # other documents whose canonical copy changed in this transaction
    reading_saved: bool = False


@dataclass(frozen=True)
class SearchHit:
    document_id: str
    title: str | None
    snippet: str
    score: float
    published: str | None = None
    canonical_id: str | None = None


@dataclass(frozen=True)
class SkipRecord:
    """An input that was skipped, remembered so that a rerun can tell new problems from known ones."""

    input: str
    code: str
    message: str
    first_seen: str
    last_seen: str


@dataclass
class StoredReading:
    """A reading as stored: the JSON of ``Reading.to_dict()`` and when it was made."""

    document_id: str
    data: dict[str, Any]
    steps: list[str] = field(default_factory=list)
    read_at: str = ""


class Store(Protocol):
    """A ledger backend. Every write method is one transaction."""

    @property
    def location(self) -> str:
        """Where the ledger lives (a path or a URL without its password)."""
        ...

    def migrations(self) -> list[tuple[int, str]]:
        """Applied migrations as (version, name), in order."""
        ...

    # --- documents -------------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool: ...

    def has_reading(self, doc_id: str) -> bool: ...

    def near_duplicate_candidates(self, band_keys: Sequence[str]) -> list[Candidate]:
        """Stored documents sharing at least one band key, each once, ordered by id."""
        ...

    def near_duplicate_group(self, doc_ids: Iterable[str]) -> list[GroupMember]:
        """Every document linked with any of ``doc_ids`` (their canonical copies and all their copies)."""
        ...

    def add_document(
        self,
        doc: Document,
        *,
        fingerprint: Fingerprint | None = None,
        near_duplicate_of: Sequence[str] = (),
        reading: Reading | None = None,
        statements: Sequence[Statement] = (),
    ) -> AddResult:
        """Store one document in one transaction.

        Content already stored (same ``doc.id``) only gains ``doc.source_id``. Otherwise the document,
        its source id, search entry, band keys and (when it ends up canonical) its reading and statements
        are written together. ``near_duplicate_of`` names stored documents the caller found similar.
        """
        ...

    def get_document(self, key: str) -> Document | None:
        """A document by content id or by any source id that brought it (the latest such content)."""
        ...

    def documents(self, limit: int | None = None, offset: int = 0,
                  include_retracted: bool = False) -> Iterator[Document]:
        """All documents in order of arrival; retracted reports (and their copies) only when asked."""
        ...

    def copies_of(self, doc_ids: Iterable[str]) -> dict[str, list[str]]:
        """document id -> its near-duplicate copies, for several documents at once."""
        ...

    def copies(self, doc_id: str) -> list[str]:
        """Ids of the near-duplicates linked to ``doc_id`` as their canonical copy."""
        ...

    def search(self, query: str, limit: int = 20, include_copies: bool = False,
               include_retracted: bool = False) -> list[SearchHit]:
        """Full-text search over titles and texts. ``query`` is user text: words, "quoted phrases",
        and word* prefixes; it is never interpreted as backend query syntax. Retracted reports are
        left out unless asked for."""
        ...

    def retractions(self) -> dict[str, dict[str, Any]]:
        """document id -> who retracted it, when and why."""
        ...

    def stats(self) -> dict[str, Any]: ...

    # --- readings and provenance -----------------------------------------------------------------
    def save_reading(self, reading: Reading, statements: Sequence[Statement] = ()) -> None:
        """Replace the reading of a stored document and its statements (first_seen kept)."""
        ...

    def get_reading(self, doc_id: str) -> dict[str, Any] | None:
        """``Reading.to_dict()`` as stored, or None."""
        ...

    def statements(self, *, document: str | None = None, subject: str | None = None) -> Iterator[Statement]:
        ...

    # --- skipped inputs --------------------------------------------------------------------------
    def record_skip(self, problem: Problem) -> bool:
        """Remember a skipped input; True when this (input, code) was not known before."""
        ...

    def skipped(self) -> Iterator[SkipRecord]: ...

    def close(self) -> None: ...
