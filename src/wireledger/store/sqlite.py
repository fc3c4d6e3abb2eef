"""The default ledger: one SQLite file in WAL mode, migrated on open, with FTS5 search.

Every write is one ``BEGIN IMMEDIATE`` transaction, so a process killed at any moment leaves either the
whole document (with its sources, search entry, band keys and reading) or nothing of it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem, WireledgerError
from ..ingest.dedup import decode_signature, encode_signature
from ..model import Document, Reading, Statement, now_iso
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
    canonical_id,
)
from .migrate import available_migrations, split_statements
from .search_query import fts_query

_DOC_COLUMNS = (
    "id", "source_id", "title", "text", "url", "outlet", "author", "published", "published_original",
    "language", "language_confidence", "source_format", "canonical_id", "ingested_at",
)
_DATA_FIELDS = ("title_span", "section_spans", "paragraphs", "cited_source_spans", "warnings", "metadata")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def statement_key(s: Statement) -> str:
    """Identity of a statement: everything but its timestamps."""
    raw = _json([s.subject, s.prop, s.value, s.document, s.start, s.end, s.extractor])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class SQLiteStore:
    """The Store protocol on one SQLite file."""

    def __init__(self, path: str | Path, *, create: bool = True, migrations: Traversable | None = None):
        self.path = Path(path)
        if not create and not self.path.exists():
            raise InputError("E100", str(self.path), "no ledger here",
                             "run `wireledger ingest` first or pass --db")
        if not self.path.parent.is_dir():
            raise WireledgerError("E120", str(self.path), "the folder for the ledger does not exist")
        try:
            self._conn = sqlite3.connect(str(self.path), timeout=30.0, isolation_level=None)
            self._conn.row_factory = sqlite3.Row
            mode = self._conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            self._conn.execute("PRAGMA synchronous=NORMAL")  # durable against process crashes in WAL
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._apply_migrations(migrations)
        except sqlite3.DatabaseError as exc:
            cause = f"not a usable wireledger database ({exc})"
            raise WireledgerError("E120", str(self.path), cause) from exc
        self.journal_mode = str(mode)

    # --- plumbing --------------------------------------------------------------------------------
    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    @property
    def location(self) -> str:
        return str(self.path)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _apply_migrations(self, folder: Traversable | None) -> None:
        c = self._conn
        c.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                  "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        for migration in available_migrations(folder):
            with self._transaction():  # re-checked under the write lock: two processes may race here
                done = c.execute("SELECT 1 FROM schema_migrations WHERE version = ?",
                                 (migration.version,)).fetchone()
                if done:
                    continue
                for statement in split_statements(migration.sql):
                    c.execute(statement)
                c.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                          (migration.version, migration.name, now_iso()))

    def migrations(self) -> list[tuple[int, str]]:
        rows = self._conn.execute("SELECT version, name FROM schema_migrations ORDER BY version")
        return [(int(r[0]), str(r[1])) for r in rows]

    # --- documents -------------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return self._conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def has_reading(self, doc_id: str) -> bool:
        row = self._conn.execute("SELECT 1 FROM readings WHERE document_id = ?", (doc_id,)).fetchone()
        return row is not None

    def near_duplicate_candidates(self, band_keys: Sequence[str]) -> list[Candidate]:
        keys = sorted(set(band_keys))
        if not keys:
            return []
        rows = self._conn.execute(
            "SELECT id, published, canonical_id, signature FROM documents WHERE id IN "
            "(SELECT document_id FROM band_keys WHERE band_key IN (SELECT value FROM json_each(?))) "
            "ORDER BY id", (_json(keys),))
        return [Candidate(r["id"], r["published"], r["canonical_id"],
                          decode_signature(r["signature"]) if r["signature"] else ()) for r in rows]

    def near_duplicate_group(self, doc_ids: Iterable[str]) -> list[GroupMember]:
        ids = _json(sorted(set(doc_ids)))
        rows = self._conn.execute(
            "WITH roots AS (SELECT DISTINCT coalesce(canonical_id, id) AS root FROM documents "
            "  WHERE id IN (SELECT value FROM json_each(?))) "
            "SELECT id, published FROM documents "
            "WHERE id IN (SELECT root FROM roots) OR canonical_id IN (SELECT root FROM roots) ORDER BY id",
            (ids,))
        return [GroupMember(r["id"], r["published"]) for r in rows]

    def add_document(
        self,
        doc: Document,
        *,
        fingerprint: Fingerprint | None = None,
        near_duplicate_of: Sequence[str] = (),
        reading: Reading | None = None,
        statements: Sequence[Statement] = (),
    ) -> AddResult:
        now = now_iso()
        with self._transaction() as c:
            row = c.execute("SELECT canonical_id FROM documents WHERE id = ?", (doc.id,)).fetchone()
            if row is not None:
                added = False
                for sid in doc.source_ids or [doc.source_id]:
                    added = self._add_source(c, doc.id, sid, now) or added
                return AddResult(SOURCE_ADDED if added else DUPLICATE, doc.id, row["canonical_id"])
            self._insert_document(c, doc, fingerprint, now)
            canonical = doc.id
            relinked: tuple[str, ...] = ()
            if near_duplicate_of:
                group = self.near_duplicate_group([*near_duplicate_of, doc.id])
                canonical = canonical_id(group)
                relinked = self._relink(c, [m.document_id for m in group], canonical, exclude=doc.id)
            saved = False
            if canonical == doc.id and reading is not None:
                self._write_reading(c, reading, statements, now)
                saved = True
            if canonical == doc.id:
                return AddResult(STORED, doc.id, None, relinked, saved)
            return AddResult(NEAR_DUPLICATE, doc.id, canonical, relinked, saved)

    def _insert_document(self, c: sqlite3.Connection, doc: Document, fp: Fingerprint | None,
                         now: str) -> None:
        d = doc.to_dict()
        data = {k: d.get(k) for k in _DATA_FIELDS}
        values = [d.get(k) for k in _DOC_COLUMNS]
        values[_DOC_COLUMNS.index("canonical_id")] = None
        values[_DOC_COLUMNS.index("ingested_at")] = doc.ingested_at or now
        signature = encode_signature(fp.signature) if fp else None
        cols = ", ".join((*_DOC_COLUMNS, "signature", "data"))
        marks = ", ".join("?" * (len(_DOC_COLUMNS) + 2))
        seq = c.execute(f"INSERT INTO documents ({cols}) VALUES ({marks}) RETURNING seq",
                        (*values, signature, _json(data))).fetchone()[0]
        for sid in doc.source_ids or [doc.source_id]:
            self._add_source(c, doc.id, sid, now)
        c.execute("INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)",
                  (seq, doc.title or "", doc.text))
        if fp:
            c.executemany("INSERT OR IGNORE INTO band_keys (band_key, document_id) VALUES (?, ?)",
                          [(str(k), doc.id) for k in fp.band_keys])

    @staticmethod
    def _add_source(c: sqlite3.Connection, doc_id: str, source_id: str, now: str) -> bool:
        """Add a source id to a document (True) or refresh when it was last seen (False)."""
        cur = c.execute("UPDATE source_ids SET last_seen = ? WHERE document_id = ? AND source_id = ?",
                        (now, doc_id, source_id))
        if cur.rowcount:
            return False
        c.execute("INSERT INTO source_ids (source_id, document_id, first_seen, last_seen) "
                  "VALUES (?, ?, ?, ?)", (source_id, doc_id, now, now))
        return True

    def _relink(self, c: sqlite3.Connection, members: list[str], canonical: str,
                exclude: str) -> tuple[str, ...]:
        changed: list[str] = []
        for member in members:
            target = None if member == canonical else canonical
            old = c.execute("SELECT canonical_id FROM documents WHERE id = ?", (member,)).fetchone()[0]
            if old == target:
                continue
            c.execute("UPDATE documents SET canonical_id = ? WHERE id = ?", (target, member))
            if target is not None:  # a copy now: only the canonical copy keeps a reading
                c.execute("DELETE FROM statements WHERE document_id = ?", (member,))
                c.execute("DELETE FROM readings WHERE document_id = ?", (member,))
            if member != exclude:
                changed.append(member)
        return tuple(sorted(changed))

    def get_document(self, key: str) -> Document | None:
        row = self._conn.execute(f"SELECT {', '.join(_DOC_COLUMNS)}, data FROM documents WHERE id = ?",
                                 (key,)).fetchone()
        if row is None:
            row = self._conn.execute(
                f"SELECT {', '.join('d.' + c for c in _DOC_COLUMNS)}, d.data FROM source_ids s "
                "JOIN documents d ON d.id = s.document_id WHERE s.source_id = ? "
                "ORDER BY s.last_seen DESC, d.seq DESC LIMIT 1", (key,)).fetchone()
        return self._row_document(row) if row is not None else None

    def _row_document(self, row: sqlite3.Row) -> Document:
        d: dict[str, Any] = {k: row[k] for k in _DOC_COLUMNS}
        d.update(json.loads(row["data"]))
        sources = [r[0] for r in self._conn.execute(
            "SELECT source_id FROM source_ids WHERE document_id = ? ORDER BY seq", (d["id"],))]
        d["source_ids"] = [d["source_id"], *[s for s in sources if s != d["source_id"]]]
        return Document.from_dict(d)

    def documents(self, limit: int | None = None, offset: int = 0) -> Iterator[Document]:
        page, last, left = 500, -1, limit
        cols = ", ".join(_DOC_COLUMNS)
        row = self._conn.execute("SELECT seq FROM documents ORDER BY seq LIMIT 1 OFFSET ?",
                                 (max(offset, 0),)).fetchone()
        if row is None:
            return
        last = int(row[0]) - 1
        while left is None or left > 0:
            n = page if left is None else min(page, left)
            rows = self._conn.execute(
                f"SELECT seq, {cols}, data FROM documents WHERE seq > ? ORDER BY seq LIMIT ?",
                (last, n)).fetchall()
            if not rows:
                return
            for r in rows:
                yield self._row_document(r)
            last = int(rows[-1]["seq"])
            if left is not None:
                left -= len(rows)

    def copies(self, doc_id: str) -> list[str]:
        rows = self._conn.execute("SELECT id FROM documents WHERE canonical_id = ? ORDER BY id", (doc_id,))
        return [r[0] for r in rows]

    def search(self, query: str, limit: int = 20, include_copies: bool = False) -> list[SearchHit]:
        match = fts_query(query)
        where = "" if include_copies else " AND d.canonical_id IS NULL"
        rows = self._conn.execute(
            "SELECT d.id, d.title, d.published, d.canonical_id, "
            "snippet(documents_fts, -1, '[', ']', ' … ', 16) AS snip, bm25(documents_fts) AS rank "
            "FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid "
            f"WHERE documents_fts MATCH ?{where} ORDER BY rank, d.id LIMIT ?",
            (match, limit))
        return [SearchHit(r["id"], r["title"], r["snip"], -float(r["rank"]), r["published"],
                          r["canonical_id"]) for r in rows]

    def stats(self) -> dict[str, Any]:
        c = self._conn

        def one(sql: str) -> Any:
            return c.execute(sql).fetchone()[0]

        def counts(sql: str) -> dict[str, int]:
            return {str(k): int(n) for k, n in c.execute(sql)}

        return {
            "location": self.location,
            "documents": one("SELECT count(*) FROM documents"),
            "canonical": one("SELECT count(*) FROM documents WHERE canonical_id IS NULL"),
            "near_duplicates": one("SELECT count(*) FROM documents WHERE canonical_id IS NOT NULL"),
            "source_ids": one("SELECT count(*) FROM source_ids"),
            "readings": one("SELECT count(*) FROM readings"),
            "statements": one("SELECT count(*) FROM statements"),
            "skipped_inputs": one("SELECT count(*) FROM skipped_inputs"),
            "skipped_by_code": counts("SELECT code, count(*) FROM skipped_inputs "
                                      "GROUP BY code ORDER BY code"),
            "languages": counts("SELECT coalesce(language, 'unknown'), count(*) FROM documents "
                                "GROUP BY 1 ORDER BY 2 DESC, 1"),
            "formats": counts("SELECT source_format, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1"),
            "published": dict(zip(("earliest", "latest", "undated"), c.execute(
                "SELECT min(published), max(published), sum(published IS NULL) FROM documents").fetchone(),
                strict=True)),
            "migrations": [f"{v:04d}_{n}" for v, n in self.migrations()],
        }

    # --- readings and provenance -----------------------------------------------------------------
    def save_reading(self, reading: Reading, statements: Sequence[Statement] = ()) -> None:
        with self._transaction() as c:
            if c.execute("SELECT 1 FROM documents WHERE id = ?", (reading.document.id,)).fetchone() is None:
                raise WireledgerError("E120", reading.document.id, "reading of a document that is not stored")
            self._write_reading(c, reading, statements, now_iso())

    def _write_reading(self, c: sqlite3.Connection, reading: Reading, statements: Sequence[Statement],
                       now: str) -> None:
        data = reading.to_dict()
        doc = data.pop("document")
        data["document"] = {"id": doc["id"], "content_id": doc["content_id"]}
        c.execute("INSERT INTO readings (document_id, schema_version, steps, reading, read_at) "
                  "VALUES (?, ?, ?, ?, ?) ON CONFLICT (document_id) DO UPDATE SET "
                  "schema_version = excluded.schema_version, steps = excluded.steps, "
                  "reading = excluded.reading, read_at = excluded.read_at",
                  (reading.document.id, data["schema_version"], _json(data["steps"]), _json(data), now))
        keys = []
        for s in statements:
            key = statement_key(s)
            keys.append(key)
            c.execute(
                "INSERT INTO statements (key, subject, prop, value, document_id, span_start, span_end, "
                "extractor, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET last_seen = excluded.last_seen",
                (key, s.subject, s.prop, _json(s.value), s.document, s.start, s.end, s.extractor,
                 s.first_seen or now, s.last_seen or now))
        c.execute("DELETE FROM statements WHERE document_id = ? "
                  "AND key NOT IN (SELECT value FROM json_each(?))", (reading.document.id, _json(keys)))

    def get_reading(self, doc_id: str) -> dict[str, Any] | None:
        row = self._conn.execute("SELECT reading FROM readings WHERE document_id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        data: dict[str, Any] = json.loads(row[0])
        doc = self.get_document(doc_id)
        if doc is not None:
            ids = data.get("document") or {}
            data["document"] = {**doc.to_dict(), **ids}
        return data

    def statements(self, *, document: str | None = None, subject: str | None = None) -> Iterator[Statement]:
        rows = self._conn.execute(
            "SELECT subject, prop, value, document_id, span_start, span_end, extractor, first_seen, "
            "last_seen FROM statements "
            "WHERE (?1 IS NULL OR document_id = ?1) AND (?2 IS NULL OR subject = ?2) "
            "ORDER BY document_id, span_start, subject, prop, key", (document, subject)).fetchall()
        for r in rows:
            yield Statement(r[0], r[1], json.loads(r[2]), r[3], r[4], r[5], r[6], r[7], r[8])

    # --- skipped inputs --------------------------------------------------------------------------
    def record_skip(self, problem: Problem) -> bool:
        now = now_iso()
        with self._transaction() as c:
            cur = c.execute("UPDATE skipped_inputs SET message = ?, last_seen = ? "
                            "WHERE input = ? AND code = ?", (str(problem), now, problem.input, problem.code))
            if cur.rowcount:
                return False
            c.execute("INSERT INTO skipped_inputs (input, code, message, first_seen, last_seen) "
                      "VALUES (?, ?, ?, ?, ?)", (problem.input, problem.code, str(problem), now, now))
        return True

    def skipped(self) -> Iterator[SkipRecord]:
        rows = self._conn.execute("SELECT input, code, message, first_seen, last_seen FROM skipped_inputs "
                                  "ORDER BY input, code").fetchall()
        for r in rows:
            yield SkipRecord(r[0], r[1], r[2], r[3], r[4])
