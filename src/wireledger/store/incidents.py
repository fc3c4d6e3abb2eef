"""Incidents in a SQL ledger (tables of migration 0004): the merger's state and the incident records.

``SQLIncidentStore`` implements ``merge.ports.IncidentTables`` over a ``Database``; it keeps what the
merger hands it as JSON and rows, and knows nothing of how events are compared. The caller wraps each
change in ``Database.transaction()``, so a report is merged completely or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..model import now_iso
from .judgements import SQLJudgements
from .sql import Database, chunks, marks, to_json

_chunks, _marks, _json = chunks, marks, to_json
AREA = "incident"
RETRACTED = "retracted"


class SQLIncidentStore:
    """``merge.ports.IncidentTables`` on the tables of migration 0004 (either engine)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.judgements = SQLJudgements(db)  # retractions and redirects, shared with the other areas

    def put_mentions(self, mentions: list[dict[str, Any]], keys: dict[str, list[str]]) -> None:
        """Store events (``EventProfile.to_dict()`` each, with its ``key``, ``document`` and ``primary``)."""
        self.db.executemany(
            "INSERT INTO incident_mentions (key, document_id, incident_id, is_primary, profile) "
            "VALUES (?, ?, NULL, ?, ?) ON CONFLICT (key) DO UPDATE SET document_id = excluded.document_id, "
            "incident_id = NULL, is_primary = excluded.is_primary, profile = excluded.profile",
            [(p["key"], p["document"], int(bool(p.get("primary"))), _json(p)) for p in mentions],
        )
        self.db.executemany(
            "INSERT INTO incident_block_keys (block_key, mention) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(k, p["key"]) for p in mentions for k in keys.get(p["key"], [])],
        )

    def delete_mentions(self, mentions: list[str]) -> None:
        for chunk in _chunks(sorted(mentions)):
            marks = _marks(len(chunk))
            self.db.execute(f"DELETE FROM incident_block_keys WHERE mention IN ({marks})", chunk)
            self.db.execute(f"DELETE FROM incident_edges WHERE a IN ({marks})", chunk)
            self.db.execute(f"DELETE FROM incident_edges WHERE b IN ({marks})", chunk)
            self.db.execute(f"DELETE FROM incident_mentions WHERE key IN ({marks})", chunk)

    def mentions_of_document(self, document: str) -> list[str]:
        rows = self.db.execute(
            "SELECT key FROM incident_mentions WHERE document_id = ? ORDER BY key", (document,)
        )
        return [r[0] for r in rows]

    def lookup(self, keys: list[str]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for chunk in _chunks(sorted(set(keys))):
            rows = self.db.execute(
                "SELECT block_key, mention FROM incident_block_keys "
                f"WHERE block_key IN ({_marks(len(chunk))})",
                chunk,
            )
            for key, mention in rows:
                out.setdefault(mention, set()).add(key)
        return out

    def profile_data(self, mentions: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The stored ``EventProfile.to_dict()`` of each of ``mentions`` that is stored."""
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(sorted(set(mentions))):
            rows = self.db.execute(
                f"SELECT key, profile FROM incident_mentions WHERE key IN ({_marks(len(chunk))})", chunk
            )
            out.update((key, json.loads(profile)) for key, profile in rows)
        return out

    def put_edges(self, edges: list[tuple[str, str, float]]) -> None:
        self.db.executemany(
            "INSERT INTO incident_edges (a, b, score) VALUES (?, ?, ?) "
            "ON CONFLICT (a, b) DO UPDATE SET score = excluded.score",
            edges,
        )

    def edges_among(self, mentions: set[str]) -> list[tuple[str, str, float]]:
        out: list[tuple[str, str, float]] = []
        for chunk in _chunks(sorted(mentions)):
            rows = self.db.execute(
                f"SELECT a, b, score FROM incident_edges WHERE a IN ({_marks(len(chunk))})", chunk
            )
            out.extend((a, b, float(s)) for a, b, s in rows if b in mentions)
        return out

    def linked(self, mentions: set[str], threshold: float) -> set[str]:
        out: set[str] = set()
        for chunk in _chunks(sorted(mentions)):
            marks = _marks(len(chunk))
            rows = self.db.execute(
                f"SELECT b FROM incident_edges WHERE a IN ({marks}) AND score >= ? "
                f"UNION SELECT a FROM incident_edges WHERE b IN ({marks}) AND score >= ?",
                [*chunk, threshold, *chunk, threshold],
            )
            out.update(r[0] for r in rows)
        return out

    def incidents_of(self, mentions: Iterable[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for chunk in _chunks(sorted(set(mentions))):
            rows = self.db.execute(
                f"SELECT key, incident_id FROM incident_mentions WHERE key IN ({_marks(len(chunk))}) "
                "AND incident_id IS NOT NULL",
                chunk,
            )
            out.update((k, i) for k, i in rows)
        return out

    def primaries(self, mentions: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for chunk in _chunks(sorted(set(mentions))):
            rows = self.db.execute(
                f"SELECT key FROM incident_mentions WHERE key IN ({_marks(len(chunk))}) AND is_primary = 1",
                chunk,
            )
            out.update(k for (k,) in rows)
        return out

    def incident_members(self, incident: str) -> list[str]:
        rows = self.db.execute(
            "SELECT key FROM incident_mentions WHERE incident_id = ? ORDER BY key", (incident,)
        )
        return [r[0] for r in rows]

    def assign(self, assignments: dict[str, str]) -> None:
        now = now_iso()
        self.db.executemany(
            "INSERT INTO incidents (id, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [(inc, now, now) for inc in sorted(set(assignments.values()))],
        )
        self.db.executemany(
            "UPDATE incident_mentions SET incident_id = ? WHERE key = ?",
            [(inc, m) for m, inc in assignments.items()],
        )

    def drop_incident(self, incident: str) -> None:
        self.db.execute("UPDATE incident_mentions SET incident_id = NULL WHERE incident_id = ?", (incident,))
        self.db.execute("DELETE FROM incident_people WHERE incident_id = ?", (incident,))
        self.db.execute("DELETE FROM incidents WHERE id = ?", (incident,))

    def known_incident(self, incident: str) -> bool:
        return self._live(incident) or self.judgements.redirect_of(AREA, incident) is not None

    def _live(self, incident: str) -> bool:
        return self.db.execute("SELECT 1 FROM incidents WHERE id = ?", (incident,)).fetchone() is not None

    def redirect(self, old: str, new: str | None, reason: str) -> None:
        self.judgements.redirect(AREA, old, new, reason)
        self.db.execute("DELETE FROM incident_people WHERE incident_id = ?", (old,))
        self.db.execute("DELETE FROM incidents WHERE id = ?", (old,))

    # --- incident records ------------------------------------------------------------------------------

    def member_profile_data(self, incident: str) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT profile FROM incident_mentions WHERE incident_id = ? ORDER BY key", (incident,)
        )
        return [json.loads(r[0]) for r in rows]

    def save_record(self, record: dict[str, Any], people: Iterable[tuple[str, str, str, str]]) -> None:
        """Store an incident's headline values (for listing and filtering) and the people in it:
        ``record`` holds ``id``, ``date_lo``, ``date_hi``, ``precision``, ``background_only`` and the
        ``summary`` (``IncidentRecord.summary()``); ``people`` are (name key, name, role, kind) rows."""
        s = record["summary"]
        now = now_iso()
        self.db.execute(
            "INSERT INTO incidents (id, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING",
            (record["id"], now, now),
        )
        self.db.execute(
            "UPDATE incidents SET updated_at = ?, type = ?, date_lo = ?, date_hi = ?, precision = ?, city = "
            "?, "
            "region = ?, country = ?, place = ?, reports = ?, sources = ?, first_reported = ?, "
            "last_reported = ?, background_only = ?, summary = ? WHERE id = ?",
            (
                now,
                s["type"],
                record["date_lo"],
                record["date_hi"],
                record["precision"],
                s["city"],
                s["region"],
                s["country"],
                " | ".join([s["place"] or "", *s.get("places", [])]),
                s["reports"],
                s["sources"],
                s["first_reported"],
                s["last_reported"],
                int(bool(record["background_only"])),
                _json(s),
                record["id"],
            ),
        )
        self.db.execute("DELETE FROM incident_people WHERE incident_id = ?", (record["id"],))
        self.db.executemany(
            "INSERT INTO incident_people (incident_id, name_key, name, role, kind) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [(record["id"], *row) for row in sorted(set(people))],
        )

    def incident_ids_with_prefix(self, prefix: str, limit: int = 5) -> list[str]:
        """Ids of live or redirected incidents that start with ``prefix``, at most ``limit``."""
        pattern = prefix.replace("%", "").replace("_", "\\_") + "%"
        rows = self.db.execute(
            "SELECT id FROM incidents WHERE id LIKE ? ESCAPE '\\' UNION "
            "SELECT old_id FROM redirects WHERE area = 'incident' AND old_id LIKE ? ESCAPE '\\' "
            "ORDER BY 1 LIMIT ?", (pattern, pattern, limit))
        return [r[0] for r in rows]

    def resolve_incident(self, incident: str) -> tuple[str | None, list[dict[str, Any]]]:
        """The live id an id leads to (None when it is gone) and the redirects followed on the way."""
        return self.judgements.follow(AREA, incident, self._live)

    def list_incidents(
        self,
        *,
        type_: str | None = None,
        date_from: int | None = None,
        date_to: int | None = None,
        place: str | None = None,
        min_sources: int = 0,
        include_background: bool = True,
        ids: Iterable[str] | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Incident summaries, oldest first; a date filter keeps incidents whose possible dates meet it."""
        where: list[str] = ["1 = 1"]
        params: list[Any] = []
        if type_:
            where.append("type = ?")
            params.append(type_)
        if date_from is not None:
            where.append("date_hi >= ?")
            params.append(date_from)
        if date_to is not None:
            where.append("date_lo <= ?")
            params.append(date_to)
        if place:
            # the city, region or country, or any place name a member report gives (whole names only),
            # accents and case folded on both sides: "Herat" finds "Herāt"
            f = self.db.fold
            whole_name = self.db.strpos(f("' | ' || place || ' | '"), f("' | ' || ? || ' | '"))
            where.append(
                f"({f('city')} = {f('?')} OR {f('region')} = {f('?')} OR {f('country')} = {f('?')} "
                f"OR {whole_name} > 0)"
            )
            params.extend([place, place, place, place])
        if min_sources:
            where.append("sources >= ?")
            params.append(min_sources)
        if not include_background:
            where.append("background_only = 0")
        if ids is not None:
            wanted = sorted(set(ids))
            if not wanted:
                return []
            where.append(f"id IN ({_marks(len(wanted))})")
            params.extend(wanted)
        sql = (
            f"SELECT summary FROM incidents WHERE {' AND '.join(where)} AND summary IS NOT NULL "
            "ORDER BY date_lo IS NULL, date_lo, id"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [json.loads(r[0]) for r in self.db.execute(sql, params)]

    def incidents_with_person(
        self, keys: Iterable[str], surname: str | None = None
    ) -> dict[str, list[tuple[str, str]]]:
        """incident id -> [(name, role)] of the people in it filed under any of ``keys`` (and, given a bare
        ``surname``, every full name with that surname)."""
        out: dict[str, list[tuple[str, str]]] = {}
        wanted = sorted(set(keys))
        rows: list[Any] = []
        for chunk in _chunks(wanted):
            rows.extend(
                self.db.execute(
                    f"SELECT DISTINCT incident_id, name, role FROM incident_people "
                    f"WHERE name_key IN ({_marks(len(chunk))})",
                    chunk,
                )
            )
        if surname:
            rows.extend(
                self.db.execute(
                    "SELECT DISTINCT incident_id, name, role FROM incident_people WHERE name_key LIKE ?",
                    (f"f:%:{surname}",),
                )
            )
        for inc, name, role in sorted(set(map(tuple, rows))):
            if (name, role) not in out.setdefault(inc, []):
                out[inc].append((name, role))
        return out

    def members_of_organisation(self, key: str) -> list[str]:
        """The people of any incident filed under an organisation's affiliation ``key``."""
        rows = self.db.execute(
            "SELECT DISTINCT name FROM incident_people WHERE name_key = ? ORDER BY name", (key,)
        )
        return [r[0] for r in rows]

    def people_of_incident(self, incident: str) -> list[dict[str, str]]:
        rows = self.db.execute(
            "SELECT DISTINCT name, role, kind FROM incident_people WHERE incident_id = ? ORDER BY role, name",
            (incident,),
        )
        return [{"name": r[0], "role": r[1], "kind": r[2]} for r in rows]

    def primary_incidents(self) -> dict[str, str]:
        """document id -> the incident of the event that stands for it."""
        rows = self.db.execute(
            "SELECT document_id, incident_id FROM incident_mentions WHERE is_primary = 1 "
            "AND incident_id IS NOT NULL"
        )
        return {d: i for d, i in rows}

    def incidents_of_documents(self, documents: Iterable[str]) -> set[str]:
        """The incidents any event of these reports is in."""
        out: set[str] = set()
        for chunk in _chunks(sorted(set(documents))):
            rows = self.db.execute(
                "SELECT DISTINCT incident_id FROM incident_mentions "
                f"WHERE document_id IN ({_marks(len(chunk))}) AND incident_id IS NOT NULL", chunk)
            out.update(r[0] for r in rows)
        return out

    def incidents_of_document(self, document: str) -> list[tuple[str, str, bool]]:
        rows = self.db.execute(
            "SELECT key, incident_id, is_primary FROM incident_mentions WHERE "
            "document_id = ? "
            "ORDER BY is_primary DESC, key",
            (document,),
        )
        return [(k, i, bool(p)) for k, i, p in rows]

    # --- bookkeeping of merged and retracted reports -------------------------------------------------------

    def merged_documents(self) -> dict[str, str | None]:
        return {d: r for d, r in self.db.execute("SELECT document_id, read_at FROM incident_documents")}

    def mark_merged(self, document: str, read_at: str | None) -> None:
        self.db.execute(
            "INSERT INTO incident_documents (document_id, read_at, merged_at) VALUES (?, ?, ?) "
            "ON CONFLICT (document_id) DO UPDATE SET read_at = excluded.read_at, "
            "merged_at = excluded.merged_at",
            (document, read_at, now_iso()),
        )

    def merged_reading(self, document: str) -> tuple[bool, str | None]:
        """(the report is merged, the read_at of the reading that was merged)."""
        row = self.db.execute(
            "SELECT read_at FROM incident_documents WHERE document_id = ?", (document,)
        ).fetchone()
        return (False, None) if row is None else (True, row[0])

    def is_retracted(self, document: str) -> bool:
        return self.judgements.has("document", document, RETRACTED)

    def unmark_merged(self, document: str) -> None:
        self.db.execute("DELETE FROM incident_documents WHERE document_id = ?", (document,))

    def retracted_documents(self) -> set[str]:
        return self.judgements.subjects("document", RETRACTED)

    def mark_retracted(self, document: str, note: str | None = None, who: str = "unknown") -> None:
        """A person retracted the report: a judgement on the document, which every area applies."""
        self.judgements.add("document", document, RETRACTED, {}, document, who, note)

    def ledger_counts(self) -> dict[str, int]:
        def one(sql: str) -> int:
            return int(self.db.execute(sql).fetchone()[0])

        return {
            "incidents": one("SELECT count(*) FROM incidents"),
            "events": one("SELECT count(*) FROM incident_mentions"),
            "documents": one("SELECT count(*) FROM incident_documents"),
            "redirects": self.judgements.count_redirects(AREA),
            "retracted": self.judgements.count("document", RETRACTED),
        }
