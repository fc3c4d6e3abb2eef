"""The default ledger engine: one SQLite file in WAL mode, migrated on open, with FTS5 search.

Writes are ``BEGIN IMMEDIATE`` transactions: one writer at a time, so a process killed at any moment
leaves either a whole change or nothing of it, and concurrent writers simply take turns.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from ..errors import InputError, WireledgerError
from ..model import now_iso
from .base import SearchHit
from .documents import SQLDocumentStore
from .migrate import available_migrations, split_statements
from .search_query import TITLE_WEIGHT, fts_query
from .sql import Cursor, Database, fold_text


class SQLiteDatabase(Database):
    """A ledger in one SQLite file."""

    dialect = "sqlite"

    def __init__(self, path: str | Path, *, create: bool = True, migrations: Traversable | None = None):
        super().__init__()
        self.path = Path(path)
        if not create and not self.path.exists():
            raise InputError(
                "E100", str(self.path), "no ledger here", "run `wireledger ingest` first or pass --db"
            )
        if not self.path.parent.is_dir():
            raise WireledgerError("E120", str(self.path), "the folder for the ledger does not exist")
        try:
            self._conn = sqlite3.connect(str(self.path), timeout=60.0, isolation_level=None)
            self._conn.row_factory = sqlite3.Row
            self._conn.create_function("wl_fold", 1, fold_text, deterministic=True)
            mode = self._conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            self._conn.execute("PRAGMA synchronous=NORMAL")  # durable against process crashes in WAL
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._apply_migrations(migrations)
        except sqlite3.DatabaseError as exc:
            cause = f"not a usable wireledger database ({exc})"
            raise WireledgerError("E120", str(self.path), cause) from exc
        self.journal_mode = str(mode)

    @property
    def location(self) -> str:
        return str(self.path)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        return self._conn.execute(sql, params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._conn.executemany(sql, rows)

    def _begin(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        self._conn.execute("COMMIT")

    def _rollback(self) -> None:
        self._conn.execute("ROLLBACK")

    def in_list(self, values: Sequence[Any]) -> tuple[str, Any]:
        return "(SELECT value FROM json_each(?))", json.dumps(list(values), ensure_ascii=False)

    def strpos(self, haystack: str, needle: str) -> str:
        return f"instr({haystack}, {needle})"

    def fold(self, expr: str) -> str:
        return f"wl_fold({expr})"

    def group_concat(self, expr: str) -> str:
        return f"group_concat({expr})"

    def close(self) -> None:
        self._conn.close()

    def _apply_migrations(self, folder: Traversable | None) -> None:
        c = self._conn
        c.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        for migration in available_migrations(folder):
            with self.transaction():  # re-checked under the write lock: two processes may race here
                done = c.execute(
                    "SELECT 1 FROM schema_migrations WHERE version = ?", (migration.version,)
                ).fetchone()
                if done:
                    continue
                for statement in split_statements(migration.sql):
                    c.execute(statement)
                c.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, now_iso()),
                )

    # --- full-text search: FTS5 over titles and texts -----------------------------------------------
    def index_document(self, seq: int, title: str, text: str) -> None:
        self._conn.execute(
            "INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)", (seq, title, text)
        )

    def reindex_documents(self) -> None:
        """Rebuild the search index from the documents table (after a bulk copy into this ledger)."""
        self._conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')")

    def search_documents(self, query: str, limit: int, include_copies: bool) -> list[SearchHit]:
        """Ranked by BM25 with a word in the title weighing ``TITLE_WEIGHT`` times one in the text. (FTS5
        gives a word found in more than half the documents a near-zero weight, so scores can be tiny: the
        order still follows how often, and where, the words occur.)"""
        match = fts_query(query)
        where = "" if include_copies else " AND d.canonical_id IS NULL"
        rows = self._conn.execute(
            "SELECT d.id, d.title, d.published, d.canonical_id, "
            "snippet(documents_fts, -1, '[', ']', ' … ', 16) AS snip, "
            f"bm25(documents_fts, {TITLE_WEIGHT}, 1.0) AS rank "
            "FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid "
            f"WHERE documents_fts MATCH ?{where} ORDER BY rank, d.id LIMIT ?",
            (match, limit),
        )
        return [
            SearchHit(r["id"], r["title"], r["snip"], -float(r["rank"]), r["published"], r["canonical_id"])
            for r in rows
        ]


class SQLiteStore(SQLDocumentStore):
    """The Store protocol on one SQLite file (documents, readings and provenance)."""

    db: SQLiteDatabase

    def __init__(self, path: str | Path, *, create: bool = True, migrations: Traversable | None = None):
        super().__init__(SQLiteDatabase(path, create=create, migrations=migrations))
        self.path = self.db.path
        self.journal_mode = self.db.journal_mode

    def __enter__(self) -> SQLiteStore:
        return self
