"""Plain sqlite3 connections to the ledger for the modules that keep derived tables (sanctions lists,
incidents, ledger entities), with one transaction helper and the small SQL utilities they share."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import WireledgerError
from .sqlite import SQLiteStore

CHUNK = 500  # parameters per IN (...) list


def open_connection(path: str | Path) -> sqlite3.Connection:
    """A connection to the ledger at ``path``, created and migrated when needed."""
    SQLiteStore(path).close()  # applies every migration the file has not seen yet
    try:
        conn = sqlite3.connect(str(path), timeout=30.0, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")  # the ledger is in WAL mode: durable against crashes
    except sqlite3.DatabaseError as exc:
        raise WireledgerError("E120", str(path), f"not a usable wireledger database ({exc})") from exc
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def to_json(value: Any) -> str:
    """Compact, key-sorted JSON: equal values give equal strings."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def marks(n: int) -> str:
    """``?,?,?`` for n parameters."""
    return ",".join("?" * n)
