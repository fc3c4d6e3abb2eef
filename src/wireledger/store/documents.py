"""The documents, readings and provenance of a SQL ledger: the ``Store`` protocol over a ``Database``.

Every write is one transaction, so a process killed at any moment leaves either the whole document (with
its sources, search entry, band keys and reading) or nothing of it. The SQL is shared by SQLite and
PostgreSQL; full-text search is the engine's own (``Database.index_document`` and ``search_documents``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..errors import Problem, WireledgerError
from ..model import Document, Reading, Statement, now_iso
from ..model.document import decode_signature, encode_signature
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
from .sql import Database, chunks, marks, to_json
from .state import SQLLedgerState

_DOC_COLUMNS = (
    "id",
    "source_id",
    "title",
    "text",
    "url",
    "outlet",
    "author",
    "published",
    "published_original",
    "language",
    "language_confidence",
    "source_format",
    "canonical_id",
    "ingested_at",
)
_DATA_FIELDS = ("title_span", "section_spans", "paragraphs", "cited_source_spans", "warnings", "metadata")
_json, _chunks, _marks = to_json, chunks, marks
# a document (or a copy of one) that no retraction took out of the views
NOT_RETRACTED = ("coalesce(d.canonical_id, d.id) NOT IN (SELECT subject FROM judgements "
                 "WHERE area = 'document' AND verdict = 'retracted')")


def statement_key(s: Statement) -> str:
    """Identity of a statement: everything but its timestamps."""
    raw = _json([s.subject, s.prop, s.value, s.document, s.start, s.end, s.extractor])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class SQLDocumentStore:
    """The Store protocol on one ledger database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.state = SQLLedgerState(db)

    def __enter__(self) -> SQLDocumentStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @property
    def location(self) -> str:
        return self.db.location

    def migrations(self) -> list[tuple[int, str]]:
        rows = self.db.execute("SELECT version, name FROM schema_migrations ORDER BY version")
        return [(int(r[0]), str(r[1])) for r in rows]

    # --- documents -------------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def has_reading(self, doc_id: str) -> bool:
        row = self.db.execute("SELECT 1 FROM readings WHERE document_id = ?", (doc_id,)).fetchone()
        return row is not None

    def near_duplicate_candidates(self, band_keys: Sequence[str]) -> list[Candidate]:
        keys = sorted(set(band_keys))
        if not keys:
            return []
        keyset, param = self.db.in_list(keys)
        rows = self.db.execute(
            "SELECT id, published, canonical_id, signature FROM documents WHERE id IN "
            f"(SELECT document_id FROM band_keys WHERE band_key IN {keyset}) ORDER BY id",
            (param,),
        )
        return [
            Candidate(
                r["id"],
                r["published"],
                r["canonical_id"],
                decode_signature(bytes(r["signature"])) if r["signature"] else (),
            )
            for r in rows
        ]

    def near_duplicate_group(self, doc_ids: Iterable[str]) -> list[GroupMember]:
        idset, ids = self.db.in_list(sorted(set(doc_ids)))
        rows = self.db.execute(
            "WITH roots AS (SELECT DISTINCT coalesce(canonical_id, id) AS root FROM documents "
            f"  WHERE id IN {idset}) "
            "SELECT id, published FROM documents "
            "WHERE id IN (SELECT root FROM roots) OR canonical_id IN (SELECT root FROM roots) ORDER BY id",
            (ids,),
        )
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
        with self.db.transaction() as c:
            c.lock("documents")  # concurrent writers take turns: no content stored twice, no lost link
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

    def _insert_document(self, c: Database, doc: Document, fp: Fingerprint | None, now: str) -> None:
        d = doc.to_dict()
        data = {k: d.get(k) for k in _DATA_FIELDS}
        values = [d.get(k) for k in _DOC_COLUMNS]
        values[_DOC_COLUMNS.index("canonical_id")] = None
        values[_DOC_COLUMNS.index("ingested_at")] = doc.ingested_at or now
        signature = encode_signature(fp.signature) if fp else None
        cols = ", ".join((*_DOC_COLUMNS, "signature", "data"))
        marks = ", ".join("?" * (len(_DOC_COLUMNS) + 2))
        seq = c.execute(
            f"INSERT INTO documents ({cols}) VALUES ({marks}) RETURNING seq",
            (*values, signature, _json(data)),
        ).fetchone()[0]
        for sid in doc.source_ids or [doc.source_id]:
            self._add_source(c, doc.id, sid, now)
        self.db.index_document(seq, doc.title or "", doc.text)
        if fp:
            c.executemany(
                "INSERT INTO band_keys (band_key, document_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [(str(k), doc.id) for k in fp.band_keys],
            )

    @staticmethod
    def _add_source(c: Database, doc_id: str, source_id: str, now: str) -> bool:
        """Add a source id to a document (True) or refresh when it was last seen (False)."""
        cur = c.execute(
            "UPDATE source_ids SET last_seen = ? WHERE document_id = ? AND source_id = ?",
            (now, doc_id, source_id),
        )
        if cur.rowcount:
            return False
        c.execute(
            "INSERT INTO source_ids (source_id, document_id, first_seen, last_seen) VALUES (?, ?, ?, ?)",
            (source_id, doc_id, now, now),
        )
        return True

    def _relink(self, c: Database, members: list[str], canonical: str, exclude: str) -> tuple[str, ...]:
        changed: list[str] = []
        for member in members:
            target = None if member == canonical else canonical
            old = c.execute("SELECT canonical_id FROM documents WHERE id = ?", (member,)).fetchone()[0]
            if old == target:
                continue
            c.execute("UPDATE documents SET canonical_id = ? WHERE id = ?", (target, member))
            self.state.bump()
            if target is not None:  # a copy now: only the canonical copy keeps a reading
                c.execute("DELETE FROM statements WHERE document_id = ?", (member,))
                c.execute("DELETE FROM readings WHERE document_id = ?", (member,))
            if member != exclude:
                changed.append(member)
        return tuple(sorted(changed))

    def get_document(self, key: str) -> Document | None:
        row = self.db.execute(
            f"SELECT {', '.join(_DOC_COLUMNS)}, data FROM documents WHERE id = ?", (key,)
        ).fetchone()
        if row is None:
            row = self.db.execute(
                f"SELECT {', '.join('d.' + c for c in _DOC_COLUMNS)}, d.data FROM source_ids s "
                "JOIN documents d ON d.id = s.document_id WHERE s.source_id = ? "
                "ORDER BY s.last_seen DESC, d.seq DESC LIMIT 1",
                (key,),
            ).fetchone()
        return self._row_document(row) if row is not None else None

    def _row_document(self, row: Any) -> Document:
        d: dict[str, Any] = {k: row[k] for k in _DOC_COLUMNS}
        d.update(json.loads(row["data"]))
        sources = [
            r[0]
            for r in self.db.execute(
                "SELECT source_id FROM source_ids WHERE document_id = ? ORDER BY seq", (d["id"],)
            )
        ]
        d["source_ids"] = [d["source_id"], *[s for s in sources if s != d["source_id"]]]
        return Document.from_dict(d)

    def documents(self, limit: int | None = None, offset: int = 0,
                  include_retracted: bool = False) -> Iterator[Document]:
        page, last, left = 500, -1, limit
        cols = ", ".join(_DOC_COLUMNS)
        shown = "1 = 1" if include_retracted else NOT_RETRACTED
        row = self.db.execute(
            f"SELECT seq FROM documents d WHERE {shown} ORDER BY seq LIMIT 1 OFFSET ?", (max(offset, 0),)
        ).fetchone()
        if row is None:
            return
        last = int(row[0]) - 1
        while left is None or left > 0:
            n = page if left is None else min(page, left)
            rows = self.db.execute(
                f"SELECT seq, {cols}, data FROM documents d WHERE seq > ? AND {shown} ORDER BY seq LIMIT ?",
                (last, n)
            ).fetchall()
            if not rows:
                return
            for r in rows:
                yield self._row_document(r)
            last = int(rows[-1]["seq"])
            if left is not None:
                left -= len(rows)

    def copies_of(self, doc_ids: Iterable[str]) -> dict[str, list[str]]:
        """document id -> ids of its near-duplicate copies, for several documents in one question."""
        wanted = sorted(set(doc_ids))
        out: dict[str, list[str]] = {d: [] for d in wanted}
        for chunk in _chunks(wanted):
            rows = self.db.execute(f"SELECT canonical_id, id FROM documents WHERE canonical_id IN "
                                   f"({_marks(len(chunk))}) ORDER BY id", chunk)
            for canonical, copy in rows:
                out[canonical].append(copy)
        return out

    def copies(self, doc_id: str) -> list[str]:
        rows = self.db.execute("SELECT id FROM documents WHERE canonical_id = ? ORDER BY id", (doc_id,))
        return [r[0] for r in rows]

    def search(self, query: str, limit: int = 20, include_copies: bool = False,
               include_retracted: bool = False) -> list[SearchHit]:
        gone = set() if include_retracted else set(self.retractions())
        hits = self.db.search_documents(query, limit + len(gone), include_copies)
        if gone:
            hits = [h for h in hits if h.document_id not in gone and (h.canonical_id or "") not in gone]
        return hits[:limit]

    def retractions(self) -> dict[str, dict[str, Any]]:
        """document id -> the retraction of it (who, when, why), for every retracted report."""
        rows = self.db.execute(
            "SELECT subject, extractor, note, first_seen FROM judgements WHERE area = 'document' "
            "AND verdict = 'retracted' ORDER BY judgement_id")
        return {r[0]: {"by": str(r[1]).removeprefix("manual:"), "note": r[2], "at": r[3]} for r in rows}

    def stats(self) -> dict[str, Any]:
        c = self.db

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
            "retracted": one("SELECT count(DISTINCT subject) FROM judgements WHERE area = 'document' "
                             "AND verdict = 'retracted'"),
            "statements": one("SELECT count(*) FROM statements"),
            "skipped_inputs": one("SELECT count(*) FROM skipped_inputs"),
            "skipped_by_code": counts(
                "SELECT code, count(*) FROM skipped_inputs GROUP BY code ORDER BY code"
            ),
            "languages": counts(
                "SELECT coalesce(language, 'unknown'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1"
            ),
            "formats": counts("SELECT source_format, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1"),
            "published": dict(
                zip(
                    ("earliest", "latest", "undated"),
                    c.execute(
                        "SELECT min(published), max(published), "
                        "coalesce(sum(CASE WHEN published IS NULL THEN 1 ELSE 0 END), 0) FROM documents"
                    ).fetchone(),
                    strict=True,
                )
            ),
            "migrations": [f"{v:04d}_{n}" for v, n in self.migrations()],
        }

    # --- what the derived layers ask of the documents ----------------------------------------------
    def current_readings(self) -> dict[str, str]:
        """document id -> read_at of every canonical document's reading, in order of arrival."""
        rows = self.db.execute(
            "SELECT r.document_id, r.read_at FROM readings r JOIN documents d ON d.id = r.document_id "
            "WHERE d.canonical_id IS NULL ORDER BY d.seq"
        ).fetchall()
        return {r[0]: r[1] for r in rows}

    def canonical_ids(self) -> list[str]:
        """Ids of the canonical documents (those that are read), in order of arrival."""
        return [
            r[0] for r in self.db.execute("SELECT id FROM documents WHERE canonical_id IS NULL ORDER BY seq")
        ]

    def source_rows(self) -> list[tuple[str, str]]:
        """(source id, the canonical document it leads to) for every source id, in order of arrival."""
        rows = self.db.execute(
            "SELECT s.source_id, coalesce(d.canonical_id, d.id) FROM source_ids s "
            "JOIN documents d ON d.id = s.document_id ORDER BY s.seq"
        ).fetchall()
        return [(r[0], r[1]) for r in rows]

    def reading_entities(self, document: str) -> list[dict[str, Any]] | None:
        """The entities of a report's stored reading (``Entity.to_dict()`` form), None without a reading."""
        row = self.db.execute("SELECT reading FROM readings WHERE document_id = ?", (document,)).fetchone()
        if row is None:
            return None
        entities: list[dict[str, Any]] = json.loads(row[0]).get("entities") or []
        return entities

    def document_ids(self, key: str) -> list[str]:
        """The canonical document ids a document id, source id or id prefix (8+ characters) names."""
        rows = self.db.execute(
            "SELECT coalesce(d.canonical_id, d.id) FROM documents d WHERE d.id = ? UNION "
            "SELECT coalesce(d.canonical_id, d.id) FROM source_ids s JOIN documents d ON d.id = "
            "s.document_id "
            "WHERE s.source_id = ?",
            (key, key),
        ).fetchall()
        if not rows and len(key) >= 8:
            rows = self.db.execute(
                "SELECT coalesce(canonical_id, id) FROM documents WHERE id LIKE ?",
                (key.replace("%", "").replace("_", "") + "%",),
            ).fetchall()
        return sorted({r[0] for r in rows})

    def document_labels(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(sorted(set(ids))):
            for r in self.db.execute(
                f"SELECT id, title, published, outlet, source_id FROM documents "
                f"WHERE id IN ({_marks(len(chunk))})",
                chunk,
            ):
                out[r[0]] = {
                    "document": r[0],
                    "title": r[1],
                    "published": r[2],
                    "outlet": r[3],
                    "source_id": r[4],
                }
        return out

    # --- readings and provenance -----------------------------------------------------------------
    def save_reading(self, reading: Reading, statements: Sequence[Statement] = ()) -> None:
        with self.db.transaction() as c:
            if c.execute("SELECT 1 FROM documents WHERE id = ?", (reading.document.id,)).fetchone() is None:
                raise WireledgerError("E120", reading.document.id, "reading of a document that is not stored")
            self._write_reading(c, reading, statements, now_iso())

    def generation(self) -> int:
        """The ledger's generation: it moves whenever a reading, a copy or a retraction changes."""
        return self.state.generation()

    def _write_reading(
        self, c: Database, reading: Reading, statements: Sequence[Statement], now: str
    ) -> None:
        self.state.bump()
        data = reading.to_dict()
        doc = data.pop("document")
        data["document"] = {"id": doc["id"], "content_id": doc["content_id"]}
        c.execute(
            "INSERT INTO readings (document_id, schema_version, steps, reading, read_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (document_id) DO UPDATE SET "
            "schema_version = excluded.schema_version, steps = excluded.steps, "
            "reading = excluded.reading, read_at = excluded.read_at",
            (reading.document.id, data["schema_version"], _json(data["steps"]), _json(data), now),
        )
        keys = []
        for s in statements:
            key = statement_key(s)
            keys.append(key)
            c.execute(
                "INSERT INTO statements (key, subject, prop, value, document_id, span_start, span_end, "
                "extractor, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET last_seen = excluded.last_seen",
                (
                    key,
                    s.subject,
                    s.prop,
                    _json(s.value),
                    s.document,
                    s.start,
                    s.end,
                    s.extractor,
                    s.first_seen or now,
                    s.last_seen or now,
                ),
            )
        keyset, param = self.db.in_list(keys)
        c.execute(
            f"DELETE FROM statements WHERE document_id = ? AND key NOT IN {keyset}",
            (reading.document.id, param),
        )

    def get_reading(self, doc_id: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT reading FROM readings WHERE document_id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        data: dict[str, Any] = json.loads(row[0])
        doc = self.get_document(doc_id)
        if doc is not None:
            ids = data.get("document") or {}
            data["document"] = {**doc.to_dict(), **ids}
        return data

    def statements(self, *, document: str | None = None, subject: str | None = None) -> Iterator[Statement]:
        conditions = [
            c for c, v in (("document_id = ?", document), ("subject = ?", subject)) if v is not None
        ]
        params = [v for v in (document, subject) if v is not None]
        where = " AND ".join(conditions) or "1 = 1"
        rows = self.db.execute(
            "SELECT subject, prop, value, document_id, span_start, span_end, extractor, first_seen, "
            "last_seen FROM statements "
            f"WHERE {where} ORDER BY document_id, span_start, subject, prop, key",
            params,
        ).fetchall()
        for r in rows:
            yield Statement(r[0], r[1], json.loads(r[2]), r[3], r[4], r[5], r[6], r[7], r[8])

    # --- skipped inputs --------------------------------------------------------------------------
    def record_skip(self, problem: Problem) -> bool:
        now = now_iso()
        with self.db.transaction() as c:
            c.lock("documents")
            cur = c.execute(
                "UPDATE skipped_inputs SET message = ?, last_seen = ? WHERE input = ? AND code = ?",
                (str(problem), now, problem.input, problem.code),
            )
            if cur.rowcount:
                return False
            c.execute(
                "INSERT INTO skipped_inputs (input, code, message, first_seen, last_seen) "
                "VALUES (?, ?, ?, ?, ?)",
                (problem.input, problem.code, str(problem), now, now),
            )
        return True

    def skipped(self) -> Iterator[SkipRecord]:
        rows = self.db.execute(
            "SELECT input, code, message, first_seen, last_seen FROM skipped_inputs ORDER BY input, code"
        ).fetchall()
        for r in rows:
            yield SkipRecord(r[0], r[1], r[2], r[3], r[4])
