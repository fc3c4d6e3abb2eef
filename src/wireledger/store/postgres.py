"""The team ledger engine: one PostgreSQL database (or one schema of it), migrated on open.

``--db postgresql://user@host:5432/name`` (or ``WIRELEDGER_DB``) opens it; ``?schema=NAME`` keeps the
ledger in its own schema (created when missing). Several processes may write at once: each write is one
transaction, and writers of one kind (documents, incidents, entities, lists) take turns through
transaction-scoped advisory locks, so concurrent ingests store every document once and lose nothing.
Full-text search is PostgreSQL's own (a weighted ``tsvector`` column with a GIN index).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Sequence
from importlib import resources
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..errors import UsageError, WireledgerError
from ..model import now_iso
from .base import SearchHit
from .documents import SQLDocumentStore
from .migrate import available_migrations
from .search_query import TITLE_WEIGHT, search_terms
from .sql import Cursor, Database

_WORDS = re.compile(r"\w+")
_SCHEMA = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def is_postgres_url(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


def _lock_key(name: str) -> int:
    """A stable 63-bit key for an advisory lock named ``name``."""
    return int.from_bytes(hashlib.sha256(f"wireledger:{name}".encode()).digest()[:8], "big") >> 1


def redact(url: str) -> str:
    """The URL without its password, for messages and ``location``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


class _Row(tuple):  # type: ignore[type-arg]  # a tuple of any values
    """A result row readable by position and by column name, as sqlite3.Row is."""

    names: ClassVar[dict[str, int]] = {}

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self.names)


def _row_factory(cursor: Any) -> Any:
    description = cursor.description or []
    names = {d.name: i for i, d in enumerate(description)}
    row_type = type("Row", (_Row,), {"names": names})

    def make(values: Sequence[Any]) -> Any:
        return row_type(values)

    return make


class PostgresDatabase(Database):
    """A ledger in a PostgreSQL database."""

    dialect = "postgresql"

    def __init__(self, url: str, *, create: bool = True) -> None:
        super().__init__()
        try:
            import psycopg
        except ImportError as exc:  # the optional extra is not installed
            raise UsageError(
                "the PostgreSQL ledger needs psycopg: pip install 'wireledger[postgres]'", input="--db"
            ) from exc
        self._psycopg = psycopg
        parts = urlsplit(url)
        query = dict(parse_qsl(parts.query))
        schema = query.pop("schema", None)
        if schema is not None and not _SCHEMA.match(schema):
            raise UsageError(f"schema {schema!r} is not a plain lower-case name", input="--db")
        self.schema = schema
        self.url = url
        conninfo = urlunsplit(parts._replace(scheme="postgresql", query=urlencode(query)))
        try:
            self._conn = psycopg.connect(
                conninfo, autocommit=True, row_factory=_row_factory, connect_timeout=10
            )
        except psycopg.Error as exc:
            raise WireledgerError(
                "E120",
                redact(url),
                f"cannot connect to PostgreSQL ({exc})".strip(),
                "check the URL and that the server is running",
            ) from exc
        self._sql: dict[str, str] = {}
        self._tx: Any = None
        self._apply_migrations(create)

    @property
    def location(self) -> str:
        return redact(self.url)

    def _convert(self, sql: str) -> str:
        """``?`` parameters become ``%s`` (and a literal ``%`` is doubled)."""
        out = self._sql.get(sql)
        if out is None:
            out = sql.replace("%", "%%").replace("?", "%s")
            self._sql[sql] = out
        return out

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        try:
            if not params:
                return self._conn.execute(sql)
            return self._conn.execute(self._convert(sql), params)
        except self._psycopg.errors.QueryCanceled as exc:
            raise WireledgerError("E120", self.location, f"the query was cancelled ({exc})") from exc

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self._conn.cursor() as cur:
                cur.executemany(self._convert(sql), rows)

    def _begin(self) -> None:
        self._tx = self._conn.transaction()
        self._tx.__enter__()

    def _commit(self) -> None:
        tx, self._tx = self._tx, None
        tx.__exit__(None, None, None)

    def _rollback(self) -> None:
        tx, self._tx = self._tx, None
        with contextlib.suppress(RuntimeError):
            tx.__exit__(RuntimeError, RuntimeError("rolled back"), None)

    def lock(self, name: str) -> None:
        self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_lock_key(name),))

    def follow_identity(self, table: str, column: str) -> None:
        self._conn.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
            f"coalesce((SELECT max({column}) FROM {table}), 0) + 1, false)")

    def in_list(self, values: Sequence[Any]) -> tuple[str, Any]:
        return "(SELECT unnest(?::text[]))", [str(v) for v in values]

    def strpos(self, haystack: str, needle: str) -> str:
        return f"strpos({haystack}, {needle})"

    def fold(self, expr: str) -> str:
        marks = "'[' || chr(768) || '-' || chr(879) || ']'"  # U+0300-U+036F, as fold_text takes out
        return f"lower(regexp_replace(normalize({expr}, NFKD), {marks}, '', 'g'))"

    def group_concat(self, expr: str) -> str:
        return f"string_agg(({expr})::text, ',')"

    def close(self) -> None:
        self._conn.close()

    def _apply_migrations(self, create: bool) -> None:
        with self.transaction():
            self.lock("migrations")  # several processes opening a new ledger at once apply each once
            if self.schema:  # created under the lock too: two processes would race to create it
                self._conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"')
                self._conn.execute(f'SET search_path TO "{self.schema}"')  # for the whole session
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            done = {int(r[0]) for r in self._conn.execute("SELECT version FROM schema_migrations")}
            if not done and not create:
                raise WireledgerError(
                    "E100", self.location, "no ledger here", "run `wireledger ingest` first or pass --db"
                )
            folder = resources.files("wireledger.store").joinpath("migrations_pg")
            for migration in available_migrations(folder):
                if migration.version in done:
                    continue
                self._conn.execute(migration.sql)
                self._conn.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (%s, %s, %s)",
                    (migration.version, migration.name, now_iso()),
                )

    # --- full-text search: a generated tsvector column ----------------------------------------------
    def index_document(self, seq: int, title: str, text: str) -> None:
        """Nothing to do: the search column is computed by PostgreSQL from the row."""

    def reindex_documents(self) -> None:
        """Nothing to do: the search column is computed by PostgreSQL from the row."""

    def search_documents(self, query: str, limit: int, include_copies: bool) -> list[SearchHit]:
        """Ranked by cover density, a word in the title (weight A) weighing ``TITLE_WEIGHT`` times one in
        the text (weight B), divided by 1 + log(length) so that a long text does not win by length alone."""
        parts: list[str] = []
        params: list[Any] = []
        for term, prefix in search_terms(query):
            words = _WORDS.findall(term)
            if not words:
                continue
            if prefix:
                parts.append("to_tsquery('english', ?)")
                params.append(" <-> ".join([*words[:-1], f"{words[-1]}:*"]))
            elif len(words) > 1:
                parts.append("phraseto_tsquery('english', ?)")
                params.append(" ".join(words))
            else:
                parts.append("plainto_tsquery('english', ?)")
                params.append(words[0])
        if not parts:
            raise UsageError(f"search query {query!r} has no words to look for", input="search")
        where = "" if include_copies else " AND d.canonical_id IS NULL"
        tsquery = " && ".join(parts)
        rows = self.execute(
            f"WITH q AS (SELECT {tsquery} AS query) "
            "SELECT d.id, d.title, d.published, d.canonical_id, "
            "ts_headline('english', CASE WHEN d.title IS NOT NULL AND strpos(d.text, d.title) = 1 "
            "THEN left(d.text, 20000) ELSE coalesce(d.title, '') || ' ' || left(d.text, 20000) END, q.query, "
            "'StartSel=[, StopSel=], MaxWords=16, MinWords=6, MaxFragments=1, FragmentDelimiter= … ') AS "
            "snip, "
            f"ts_rank_cd('{{0.1, 0.2, {1 / TITLE_WEIGHT}, 1.0}}', d.search, q.query, 1) AS rank "
            f"FROM documents d, q WHERE d.search @@ q.query{where} ORDER BY rank DESC, d.id LIMIT ?",
            (*params, limit),
        )
        return [
            SearchHit(r["id"], r["title"], r["snip"], float(r["rank"]), r["published"], r["canonical_id"])
            for r in rows
        ]


class PostgresStore(SQLDocumentStore):
    """The Store protocol on a PostgreSQL ledger (documents, readings and provenance)."""

    db: PostgresDatabase

    def __init__(self, url: str, *, create: bool = True) -> None:
        super().__init__(PostgresDatabase(url, create=create))

    def __enter__(self) -> PostgresStore:
        return self
