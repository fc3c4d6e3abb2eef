"""The Ledger: one object, opened once, that every use case asks its questions of.

``open_ledger(settings)`` is the only place that picks a backend: a SQLite file (the default, embedded)
or a PostgreSQL database (``postgresql://...``). A Ledger holds one connection and one store per area,
each implementing the port its domain defines:

- ``documents``: documents, readings, provenance, search (``store.base.Store``);
- ``incidents``: the merger's state and incident records (``merge.ports.IncidentTables``);
- ``entities``: ledger entities, manual decisions, redirects (``resolve.ports.EntityTables``);
- ``sanctions``: sanctions lists and recorded matches (``resolve.ports.SanctionsTables``);
- ``screening``: the screening of ledger entities (``resolve.ports.ScreeningTables``).

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
from .postgres import PostgresDatabase, is_postgres_url
from .sanctions import SQLSanctionsStore
from .screening import SQLScreeningStore
from .sql import Database
from .sqlite import SQLiteDatabase


class Ledger:
    """Every area of one ledger over one database connection."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.documents = SQLDocumentStore(db)
        self.incidents = SQLIncidentStore(db)
        self.entities = SQLEntityStore(db)
        self.sanctions = SQLSanctionsStore(db)
        self.screening = SQLScreeningStore(db)

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


def open_database(db: str, *, create: bool = True) -> Database:
    """The database a ``--db`` value names: a ``postgresql://`` URL, a ``sqlite:///path`` URL or a path."""
    if is_postgres_url(db):
        return PostgresDatabase(db, create=create)
    # sqlite:///relative/path and sqlite:////absolute/path, as SQLAlchemy writes them; or a plain path
    path = db.removeprefix("sqlite:///") if db.startswith("sqlite:///") else db
    return SQLiteDatabase(Path(path).expanduser(), create=create)


def open_ledger(settings: Settings, *, create: bool = True) -> Ledger:
    """The ledger named by ``settings.db`` (default ``./wireledger.db``). With ``create=False`` a ledger
    that does not exist yet is an error (E100) instead of a new, empty one."""
    return Ledger(open_database(settings.db, create=create))
