"""Bulk writers of synthetic ledgers (``bench/synthetic_ledger.py``): SQLite and PostgreSQL.

The tables are those of the migrations; the writers only know their column lists. SQLite: the schema is
made by opening the ledger the usual way, then rows go in with ``executemany`` in one transaction per
chunk, with ``PRAGMA synchronous=OFF`` and the foreign keys off during the build, and the full-text index
is rebuilt once at the end. PostgreSQL: the schema is made by the backend's own migrations, rows go in with
``COPY ... FROM STDIN`` (psycopg's ``cursor.copy``), then ``ANALYZE``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("seq", "id", "source_id", "title", "text", "url", "outlet", "author", "published",
                  "published_original", "language", "language_confidence", "source_format", "canonical_id",
                  "signature", "data", "ingested_at"),
    "source_ids": ("seq", "source_id", "document_id", "first_seen", "last_seen"),
    "readings": ("document_id", "schema_version", "steps", "reading", "read_at"),
    "incident_mentions": ("key", "document_id", "incident_id", "is_primary", "profile"),
    "incident_block_keys": ("block_key", "mention"),
    "incidents": ("id", "created_at", "updated_at", "type", "date_lo", "date_hi", "precision", "city",
                  "region", "country", "place", "reports", "sources", "first_reported", "last_reported",
                  "background_only", "summary"),
    "incident_people": ("incident_id", "name_key", "name", "role", "kind"),
    "incident_documents": ("document_id", "read_at", "merged_at"),
    "ledger_entities": ("id", "kind", "type", "name", "profile", "members", "documents", "name_keys",
                        "created_at", "updated_at", "screen_stale", "screened_lists", "screen_query"),
    "entity_members": ("key", "document_id", "reading_entity_id", "entity_id", "name", "type", "name_key",
                       "how", "score", "member", "added_at"),
    "entity_keys": ("key", "entity_id"),
    "entity_decisions": ("decision_id", "member", "candidate", "verdict", "chosen", "score", "name_score",
                         "reasons", "decided_at"),
    "entity_documents": ("document_id", "read_at", "resolved_at"),
}
# the same key may be filed twice for one mention / entity / person row: the tables' primary keys decide
IGNORE_DUPLICATES = {"incident_block_keys", "entity_keys", "incident_people"}


def write_ledger(db: str, chunks: Iterable[Any]) -> dict[str, int]:
    if db.startswith(("postgresql://", "postgres://")):
        return write_postgres(db, chunks)
    return write_sqlite(Path(db), chunks)


def write_sqlite(path: Path, chunks: Iterable[Any]) -> dict[str, int]:
    from wireledger.store.sqlite import SQLiteStore

    if path.exists():
        raise SystemExit(f"{path} exists: the builder writes a fresh ledger")
    SQLiteStore(path).close()  # the schema, by the migrations
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("PRAGMA cache_size=-1000000")  # 1 GB of page cache while building
    counts: dict[str, int] = {}
    for rows in chunks:
        conn.execute("BEGIN")
        for table, values in rows.tables().items():
            cols = COLUMNS[table]
            verb = "INSERT OR IGNORE" if table in IGNORE_DUPLICATES else "INSERT"
            conn.executemany(f"{verb} INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                             values)
            counts[table] = counts.get(table, 0) + len(values)
        conn.execute("COMMIT")
    conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')")
    # no ANALYZE: wireledger never runs it, so the planner works without statistics as on a user's ledger
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return counts


def write_postgres(url: str, chunks: Iterable[Any]) -> dict[str, int]:
    import psycopg

    from wireledger.settings import Settings
    from wireledger.store import open_ledger  # type: ignore[attr-defined]  # the lead's Ledger (issue 13)

    open_ledger(Settings(db=url)).close()  # the schema, by the PostgreSQL migrations
    counts: dict[str, int] = {}
    with psycopg.connect(url, autocommit=False) as conn:
        for rows in chunks:
            with conn.cursor() as cur:
                for table, values in rows.tables().items():
                    if not values:
                        continue
                    cols = COLUMNS[table]
                    if table in IGNORE_DUPLICATES:
                        values = list(dict.fromkeys(values))
                    with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                        for v in values:
                            copy.write_row(v)
                    counts[table] = counts.get(table, 0) + len(values)
            conn.commit()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE")
    return counts
