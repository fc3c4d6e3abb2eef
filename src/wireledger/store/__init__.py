"""The ledger: ``open_ledger(settings)`` picks a backend by ``settings.db`` (a SQLite path or a
``postgresql://`` URL) and returns the ``Ledger`` with one store per area (see ``store/ledger.py``)."""

from __future__ import annotations

from ..settings import Settings
from .base import (
    DUPLICATE,
    NEAR_DUPLICATE,
    SOURCE_ADDED,
    STORED,
    AddResult,
    Candidate,
    Fingerprint,
    GroupMember,
    SearchHit,
    SkipRecord,
    Store,
    canonical_id,
)
from .ledger import Ledger, open_database, open_ledger
from .postgres import PostgresStore, is_postgres_url
from .sqlite import SQLiteStore

__all__ = [
    "DUPLICATE", "NEAR_DUPLICATE", "SOURCE_ADDED", "STORED", "AddResult", "Candidate", "Fingerprint",
    "GroupMember", "Ledger", "PostgresStore", "SQLiteStore", "SearchHit", "SkipRecord", "Store",
    "canonical_id", "is_postgres_url", "open_database", "open_ledger", "open_store",
]


def open_store(settings: Settings, *, create: bool = True) -> Store:
    """The documents area of the ledger named by ``settings.db`` (see ``open_ledger``)."""
    return open_ledger(settings, create=create).documents
