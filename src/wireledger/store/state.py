"""The ledger's generation (migration 0008): a counter bumped by every change the derived layers follow
(a reading stored, replaced or dropped, a document turned into a copy, a report retracted), and the value
each derived layer last caught up with. ``sync()`` of a layer at the current generation returns at once,
so a query command costs nothing to keep the ledger consistent when nothing changed."""

from __future__ import annotations

from .sql import Database


class SQLLedgerState:
    def __init__(self, db: Database) -> None:
        self.db = db

    def generation(self) -> int:
        return int(self.get("generation") or 0)

    def bump(self) -> None:
        """One more change to follow (inside the transaction that makes it)."""
        self.db.execute("UPDATE ledger_state SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) "
                        "WHERE key = 'generation'")

    def values(self, *keys: str) -> dict[str, str]:
        """Several values in one question (those that are set)."""
        marks = ",".join("?" * len(keys))
        rows = self.db.execute(f"SELECT key, value FROM ledger_state WHERE key IN ({marks})", keys)
        return {str(r[0]): str(r[1]) for r in rows}

    def get(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM ledger_state WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def put(self, key: str, value: str) -> None:
        self.db.execute("INSERT INTO ledger_state (key, value) VALUES (?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))
