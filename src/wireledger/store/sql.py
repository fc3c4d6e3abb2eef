"""One connection to a SQL ledger, whatever the engine: the ``Database`` every table store writes through.

The table stores (documents, incidents, entities, sanctions lists, screening) are written once, in the
SQL that SQLite and PostgreSQL share: ``?`` parameters, ``INSERT ... ON CONFLICT``, ``RETURNING``. What the
two engines say differently is asked of the ``Database``:

- ``in_list(values)``: a sub-select of a list given as one parameter (``json_each`` / ``unnest``);
- ``strpos(haystack, needle)``, ``group_concat(expr)``: the two functions whose names differ;
- ``fold(expr)``: the text without accents and in lower case, as :func:`fold_text` folds it (SQLite
  calls that very function; PostgreSQL says the same in SQL: ``normalize(NFKD)``, combining marks
  U+0300-U+036F taken out, ``lower``, which folds non-ASCII letters under a UTF-8 ``LC_CTYPE``);
- ``transaction()``: one write transaction (re-entrant: an inner block joins the outer one);
- ``lock(name)``: inside a transaction, wait until no other writer holds ``name``; SQLite's single
  writer already serialises, PostgreSQL takes a transaction-scoped advisory lock.

A row can be read by position or by column name on both engines.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from .base import SearchHit

CHUNK = 500  # parameters per IN (...) list
_ACCENTS = re.compile("[\u0300-\u036f]")  # combining diacritical marks, once NFKD took them apart


def fold_text(text: str | None) -> str | None:
    """``text`` without accents and in lower case, for comparing names: "Herāt" -> "herat"."""
    if text is None:
        return None
    return _ACCENTS.sub("", unicodedata.normalize("NFKD", text)).lower()



class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Database:
    """A ledger connection; ``SQLiteDatabase`` and ``PostgresDatabase`` are the two engines."""

    dialect = "sql"

    def __init__(self) -> None:
        self._depth = 0

    # --- what each engine provides ---------------------------------------------------------------
    @property
    def location(self) -> str:
        raise NotImplementedError

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        raise NotImplementedError

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def _begin(self) -> None:
        raise NotImplementedError

    def _commit(self) -> None:
        raise NotImplementedError

    def _rollback(self) -> None:
        raise NotImplementedError

    def lock(self, name: str) -> None:
        """Inside a transaction: hold ``name`` until it ends (writers of one kind take turns)."""

    def follow_identity(self, table: str, column: str) -> None:
        """After rows were given ids by hand: the next generated id comes after the largest (SQLite's
        rowids follow by themselves)."""

    def in_list(self, values: Sequence[Any]) -> tuple[str, Any]:
        """``(SELECT ...)`` yielding ``values``, and the one parameter it takes."""
        raise NotImplementedError

    def strpos(self, haystack: str, needle: str) -> str:
        raise NotImplementedError

    def fold(self, expr: str) -> str:
        """SQL giving ``expr`` folded as :func:`fold_text` folds it."""
        raise NotImplementedError

    def group_concat(self, expr: str) -> str:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # full-text search over documents: each engine has its own
    def index_document(self, seq: int, title: str, text: str) -> None:
        raise NotImplementedError

    def reindex_documents(self) -> None:
        raise NotImplementedError

    def search_documents(self, query: str, limit: int, include_copies: bool) -> list[SearchHit]:
        raise NotImplementedError

    # --- shared -----------------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One transaction; committed when the outermost block ends, rolled back on any exception."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            self._rollback()
            raise
        self._depth = 0
        self._commit()

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    def one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row, or None."""
        row = self.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def to_json(value: Any) -> str:
    """Compact, key-sorted JSON: equal values give equal strings."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def marks(n: int) -> str:
    """``?,?,?`` for n parameters."""
    return ",".join("?" * n)
