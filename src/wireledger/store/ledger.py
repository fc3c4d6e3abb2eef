"""The Ledger: one object, opened once, that every use case asks its questions of.

``open_ledger(settings)`` is the only place that picks a backend: a SQLite file (the default, embedded)
or a PostgreSQL database (``postgresql://...``). A Ledger holds one connection and one store per area,
each implementing the port its domain defines:

- ``documents``: documents, readings, provenance, search (``store.base.Store``);
- ``incidents``: the merger's state and incident records (``merge.ports.IncidentTables``);
- ``entities``: ledger entities, manual decisions, redirects (``resolve.ports.EntityTables``);
- ``sanctions``: sanctions lists and recorded matches (``resolve.ports.SanctionsTables``);
- ``screening``: the screening of ledger entities (``resolve.ports.ScreeningTables``);
- ``screening_index``: the keys screening looks names up by (``resolve.ports.ScreeningIndexTables``);
- ``judgements``: what people decided (merges, splits, retractions) and the redirects of every area
  (``store/judgements.py``); the entity and incident stores record theirs through it;
- ``state``: the generation every change the derived layers follow moves, and where each layer is;
- ``tokens``: the API tokens (names, roles, hashes of their secrets; ``store/tokens.py``).

All areas share the connection, so ``transaction()`` spans them; ``lock(name)`` makes concurrent writers
of one kind take turns (a no-op on SQLite, whose writers are serialised anyway).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..settings import Settings
from .documents import SQLDocumentStore
from .entities import SQLEntityStore
from .incidents import SQLIncidentStore
from .judgements import SQLJudgements
from .postgres import PostgresDatabase, is_postgres_url
from .sanctions import SQLSanctionsStore
from .screening import SQLScreeningStore
from .screening_index import SQLScreeningIndex
from .sql import Database
from .sqlite import SQLiteDatabase
from .state import SQLLedgerState
from .tokens import SQLTokenStore


class Ledger:
    """Every area of one ledger over one database connection."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.documents = SQLDocumentStore(db)
        self.incidents = SQLIncidentStore(db)
        self.entities = SQLEntityStore(db)
        self.sanctions = SQLSanctionsStore(db)
        self.screening = SQLScreeningStore(db)
        self.screening_index = SQLScreeningIndex(db)
        self.judgements = SQLJudgements(db)
        self.state = SQLLedgerState(db)
        self.tokens = SQLTokenStore(db)

    @property
    def location(self) -> str:
        return self.db.location

    @property
    def backend(self) -> str:
        return self.db.dialect

    @contextmanager
    def transaction(self) -> Iterator[Ledger]:
        with self.db.transaction():
            yield self

    def lock(self, name: str) -> None:
        self.db.lock(name)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def sqlite_path(db: str) -> Path | None:
    """The file of a SQLite ``--db`` value (a path, ``sqlite:///relative`` or ``sqlite:////absolute``, as
    SQLAlchemy writes them); None for a PostgreSQL URL."""
    if is_postgres_url(db):
        return None
    return Path(db.removeprefix("sqlite:///") if db.startswith("sqlite:///") else db).expanduser()


def open_database(db: str, *, create: bool = True) -> Database:
    """The database a ``--db`` value names: a ``postgresql://`` URL, a ``sqlite:///path`` URL or a path."""
    path = sqlite_path(db)
    if path is None:
        return PostgresDatabase(db, create=create)
    return SQLiteDatabase(path, create=create)


def remove_if_unused(db: str) -> bool:
    """Delete a SQLite ledger that holds no document, no list and no entity (one a run created for
    nothing, e.g. ``ingest`` of a missing file); True when it was removed."""
    path = sqlite_path(db)
    if path is None or not path.exists():
        return False
    with Ledger(SQLiteDatabase(path, create=False)) as ledger:
        used = any(ledger.db.one(f"SELECT count(*) FROM {t}")
                   for t in ("documents", "sanctions_lists", "ledger_entities", "judgements"))
    if used:
        return False
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return True


def open_ledger(settings: Settings, *, create: bool = True) -> Ledger:
    """The ledger named by ``settings.db`` (default ``./wireledger.db``). With ``create=False`` a ledger
    that does not exist yet is an error (E100) instead of a new, empty one."""
    return Ledger(open_database(settings.db, create=create))
