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
# the same key may be filed twice for one mention / entity / person: the first row of a primary key stays
# (SQLite's INSERT OR IGNORE; for COPY the rows are filtered first). Column positions of the keys:
IGNORE_DUPLICATES = {"incident_block_keys": (0, 1), "entity_keys": (0, 1), "incident_people": (0, 1, 3)}


def write_ledger(db: str, chunks: Iterable[Any]) -> dict[str, int]:
    if db.startswith(("postgresql://", "postgres://")):
        return write_postgres(db, chunks)
    return write_sqlite(Path(db), chunks)


def write_sqlite(path: Path, chunks: Iterable[Any]) -> dict[str, int]:
    from wireledger.settings import Settings
    from wireledger.store import open_ledger

    if path.exists():
        raise SystemExit(f"{path} exists: the builder writes a fresh ledger")
    open_ledger(Settings(db=str(path))).close()  # the schema, by the migrations
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


def _postgres_schema(url: str) -> None:
    from wireledger.settings import Settings
    from wireledger.store import open_ledger

    open_ledger(Settings(db=url)).close()  # the schema, by the PostgreSQL migrations


def _postgres_finish(url: str) -> None:
    """Identity columns go on after the ids the rows brought; statistics for the planner (autovacuum
    would gather them soon after a bulk load anyway)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for table, col in IDENTITIES:
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{col}'), "
                         f"coalesce((SELECT max({col}) FROM {table}), 0) + 1, false)")
        conn.execute("ANALYZE")


IDENTITIES = [("documents", "seq"), ("source_ids", "seq"), ("entity_decisions", "decision_id")]


def write_postgres(url: str, chunks: Iterable[Any]) -> dict[str, int]:
    import psycopg

    _postgres_schema(url)
    counts: dict[str, int] = {}
    with psycopg.connect(url, autocommit=False) as conn:
        for rows in chunks:
            with conn.cursor() as cur:
                for table, values in rows.tables().items():
                    if not values:
                        continue
                    if table in IGNORE_DUPLICATES:
                        key = IGNORE_DUPLICATES[table]
                        firsts = {tuple(v[i] for i in key): v for v in reversed(values)}
                        values = [v for v in values if firsts[tuple(v[i] for i in key)] is v]
                    with cur.copy(f"COPY {table} ({', '.join(COLUMNS[table])}) FROM STDIN") as copy:
                        for v in values:
                            copy.write_row(v)
                    counts[table] = counts.get(table, 0) + len(values)
            conn.commit()
    _postgres_finish(url)
    return counts


def copy_sqlite_to_postgres(path: Path, url: str, batch: int = 50_000) -> dict[str, int]:
    """The rows of a synthetic SQLite ledger, copied as they are into a fresh PostgreSQL ledger: the same
    content without generating it again (the generator's time is mostly the real profile code)."""
    import psycopg

    _postgres_schema(url)
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    counts: dict[str, int] = {}
    with psycopg.connect(url, autocommit=False) as conn:
        for table, cols in COLUMNS.items():
            rows = src.execute(f"SELECT {', '.join(cols)} FROM {table}")
            n = 0
            while True:
                part = rows.fetchmany(batch)
                if not part:
                    break
                with conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                    for v in part:
                        copy.write_row(v)
                conn.commit()
                n += len(part)
            counts[table] = n
            print(f"  {table}: {n}", flush=True)
    src.close()
    _postgres_finish(url)
    return counts


def main() -> None:
    import argparse
    import time

    ap = argparse.ArgumentParser(description="Copy a synthetic SQLite ledger into a fresh PostgreSQL one.")
    ap.add_argument("sqlite", type=Path)
    ap.add_argument("url", help="postgresql://... of an empty database")
    args = ap.parse_args()
    t0 = time.perf_counter()
    counts = copy_sqlite_to_postgres(args.sqlite, args.url)
    print(f"copied {args.sqlite} -> {args.url}: {counts} in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
