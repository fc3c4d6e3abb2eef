"""The ledger: the Store protocol and its backends; ``open_store(settings)`` picks one by ``settings.db``."""

from __future__ import annotations

from ..errors import UsageError
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
from .sqlite import SQLiteStore

__all__ = [
    "DUPLICATE", "NEAR_DUPLICATE", "SOURCE_ADDED", "STORED", "AddResult", "Candidate", "Fingerprint",
    "GroupMember", "SQLiteStore", "SearchHit", "SkipRecord", "Store", "canonical_id", "open_store",
]


def open_store(settings: Settings, *, create: bool = True) -> Store:
    """The ledger named by ``settings.db``: a SQLite file path (default ``./wireledger.db``).

    With ``create=False`` a missing SQLite file is an error (E100) instead of a new, empty ledger.
    """
    db = settings.db
    if db.startswith(("postgresql://", "postgres://")):
        raise UsageError("the PostgreSQL ledger is not available in this version; use a SQLite path",
                         input="--db")
    return SQLiteStore(settings.db_path, create=create)
