"""Incidents in the SQLite ledger (tables of migration 0004): the merger's state and the incident records.

``SQLiteMergeState`` implements ``merge.state.MergeState`` over an open ``sqlite3.Connection`` (autocommit
mode, as :class:`SQLiteStore` opens it); the caller wraps each change in :func:`transaction`, so a report
is merged completely or not at all. The other functions read and write incident records, redirects and
the bookkeeping of merged and retracted reports.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from ..merge.profile import EventProfile
from ..merge.record import IncidentRecord
from ..merge.timeline import affiliation_key, stored_person_keys
from ..model import now_iso
from .connection import chunks as _chunks
from .connection import marks as _marks
from .connection import open_connection as open_connection  # re-exported: callers open through here
from .connection import to_json as _json
from .connection import transaction as transaction  # re-exported for the services


class SQLiteMergeState:
    """``MergeState`` on the tables of migration 0004."""

    def __init__(self, conn: sqlite3.Connection, cache_size: int = 50_000) -> None:
        self.conn = conn
        # parsed profiles, by key: a profile never changes once stored (a report read again gets its
        # events deleted and stored anew), so the cache only has to forget deleted events
        self._cache: dict[str, EventProfile] = {}
        self._cache_size = cache_size

    def put_mentions(self, profiles: list[EventProfile], keys: dict[str, list[str]]) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO incident_mentions (key, document_id, incident_id, is_primary, profile) "
            "VALUES (?, ?, NULL, ?, ?)",
            [(p.key, p.document, int(p.primary), _json(p.to_dict())) for p in profiles])
        self.conn.executemany("INSERT OR IGNORE INTO incident_block_keys (block_key, mention) VALUES (?, ?)",
                              [(k, p.key) for p in profiles for k in keys.get(p.key, [])])

    def delete_mentions(self, mentions: list[str]) -> None:
        for m in mentions:
            self._cache.pop(m, None)
        for chunk in _chunks(sorted(mentions)):
            marks = _marks(len(chunk))
            self.conn.execute(f"DELETE FROM incident_block_keys WHERE mention IN ({marks})", chunk)
            self.conn.execute(f"DELETE FROM incident_edges WHERE a IN ({marks})", chunk)
            self.conn.execute(f"DELETE FROM incident_edges WHERE b IN ({marks})", chunk)
            self.conn.execute(f"DELETE FROM incident_mentions WHERE key IN ({marks})", chunk)

    def mentions_of_document(self, document: str) -> list[str]:
        rows = self.conn.execute("SELECT key FROM incident_mentions WHERE document_id = ? ORDER BY key",
                                 (document,))
        return [r[0] for r in rows]

    def lookup(self, keys: list[str]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for chunk in _chunks(sorted(set(keys))):
            rows = self.conn.execute(
                "SELECT block_key, mention FROM incident_block_keys "
                f"WHERE block_key IN ({_marks(len(chunk))})",
                chunk)
            for key, mention in rows:
                out.setdefault(mention, set()).add(key)
        return out

    def profiles(self, mentions: Iterable[str]) -> dict[str, EventProfile]:
        wanted = set(mentions)
        out = {m: self._cache[m] for m in wanted if m in self._cache}
        for chunk in _chunks(sorted(wanted - set(out))):
            rows = self.conn.execute(
                f"SELECT key, profile FROM incident_mentions WHERE key IN ({_marks(len(chunk))})", chunk)
            for key, profile in rows:
                out[key] = EventProfile.from_dict(json.loads(profile))
                if len(self._cache) >= self._cache_size:
                    self._cache.pop(next(iter(self._cache)))  # the oldest entry
                self._cache[key] = out[key]
        return out

    def put_edges(self, edges: list[tuple[str, str, float]]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO incident_edges (a, b, score) VALUES (?, ?, ?)", edges)

    def edges_among(self, mentions: set[str]) -> list[tuple[str, str, float]]:
        out: list[tuple[str, str, float]] = []
        for chunk in _chunks(sorted(mentions)):
            rows = self.conn.execute(
                f"SELECT a, b, score FROM incident_edges WHERE a IN ({_marks(len(chunk))})", chunk)
            out.extend((a, b, float(s)) for a, b, s in rows if b in mentions)
        return out

    def linked(self, mentions: set[str], threshold: float) -> set[str]:
        out: set[str] = set()
        for chunk in _chunks(sorted(mentions)):
            marks = _marks(len(chunk))
            rows = self.conn.execute(
                f"SELECT b FROM incident_edges WHERE a IN ({marks}) AND score >= ? "
                f"UNION SELECT a FROM incident_edges WHERE b IN ({marks}) AND score >= ?",
                [*chunk, threshold, *chunk, threshold])
            out.update(r[0] for r in rows)
        return out

    def incidents_of(self, mentions: Iterable[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for chunk in _chunks(sorted(set(mentions))):
            rows = self.conn.execute(
                f"SELECT key, incident_id FROM incident_mentions WHERE key IN ({_marks(len(chunk))}) "
                "AND incident_id IS NOT NULL", chunk)
            out.update((k, i) for k, i in rows)
        return out

    def primaries(self, mentions: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for chunk in _chunks(sorted(set(mentions))):
            rows = self.conn.execute(
                f"SELECT key FROM incident_mentions WHERE key IN ({_marks(len(chunk))}) AND is_primary = 1",
                chunk)
            out.update(k for (k,) in rows)
        return out

    def incident_members(self, incident: str) -> list[str]:
        rows = self.conn.execute("SELECT key FROM incident_mentions WHERE incident_id = ? ORDER BY key",
                                 (incident,))
        return [r[0] for r in rows]

    def assign(self, assignments: dict[str, str]) -> None:
        now = now_iso()
        self.conn.executemany("INSERT OR IGNORE INTO incidents (id, created_at, updated_at) VALUES (?, ?, ?)",
                              [(inc, now, now) for inc in sorted(set(assignments.values()))])
        self.conn.executemany("UPDATE incident_mentions SET incident_id = ? WHERE key = ?",
                              [(inc, m) for m, inc in assignments.items()])

    def drop_incident(self, incident: str) -> None:
        self.conn.execute("UPDATE incident_mentions SET incident_id = NULL WHERE incident_id = ?",
                          (incident,))
        self.conn.execute("DELETE FROM incident_people WHERE incident_id = ?", (incident,))
        self.conn.execute("DELETE FROM incidents WHERE id = ?", (incident,))

    def known_incident(self, incident: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM incidents WHERE id = ? UNION ALL "
                                "SELECT 1 FROM incident_redirects WHERE old_id = ?", (incident, incident))
        return row.fetchone() is not None

    def redirect(self, old: str, new: str | None, reason: str) -> None:
        now = now_iso()
        self.conn.execute("INSERT OR REPLACE INTO incident_redirects (old_id, new_id, reason, at) "
                          "VALUES (?, ?, ?, ?)", (old, new, reason, now))
        # earlier redirects to the old id now lead straight to where it went
        self.conn.execute("UPDATE incident_redirects SET new_id = ? WHERE new_id = ?", (new, old))
        self.conn.execute("DELETE FROM incident_people WHERE incident_id = ?", (old,))
        self.conn.execute("DELETE FROM incidents WHERE id = ?", (old,))


# --- incident records ------------------------------------------------------------------------------

def member_profiles(conn: sqlite3.Connection, incident: str) -> list[EventProfile]:
    rows = conn.execute("SELECT profile FROM incident_mentions WHERE incident_id = ? ORDER BY key",
                        (incident,))
    return [EventProfile.from_dict(json.loads(r[0])) for r in rows]


def save_record(conn: sqlite3.Connection, record: IncidentRecord) -> None:
    """Store an incident's headline values (for listing and filtering) and the people in it."""
    s = record.summary()
    now = now_iso()
    conn.execute(
        "INSERT INTO incidents (id, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING",
        (record.id, now, now))
    conn.execute(
        "UPDATE incidents SET updated_at = ?, type = ?, date_lo = ?, date_hi = ?, precision = ?, city = ?, "
        "region = ?, country = ?, place = ?, reports = ?, sources = ?, first_reported = ?, "
        "last_reported = ?, "
        "background_only = ?, summary = ? WHERE id = ?",
        (now, s["type"], record.date_lo, record.date_hi, record.precision, s["city"], s["region"],
         s["country"], " | ".join([s["place"] or "", *s.get("places", [])]), s["reports"], s["sources"],
         s["first_reported"], s["last_reported"],
         int(record.background_only), _json(s), record.id))
    conn.execute("DELETE FROM incident_people WHERE incident_id = ?", (record.id,))
    rows = {(record.id, key, person["name"], person["role"], person["kind"])
            for person in record.people for key in stored_person_keys(person)}
    # the organisations a person of the incident belongs to, so that an organisation finds its people
    rows |= {(record.id, affiliation_key(org), person["name"], person["role"], person["kind"])
             for person in record.people for org in person.get("affiliations") or ()}
    conn.executemany("INSERT OR IGNORE INTO incident_people (incident_id, name_key, name, role, kind) "
                     "VALUES (?, ?, ?, ?, ?)", sorted(rows))


def resolve_incident(conn: sqlite3.Connection, incident: str) -> tuple[str | None, list[dict[str, Any]]]:
    """The live id an id leads to (None when it is gone) and the redirects followed on the way."""
    hops: list[dict[str, Any]] = []
    current: str | None = incident
    seen: set[str] = set()
    while current is not None and current not in seen:
        seen.add(current)
        if conn.execute("SELECT 1 FROM incidents WHERE id = ?", (current,)).fetchone():
            return current, hops
        row = conn.execute("SELECT new_id, reason, at FROM incident_redirects WHERE old_id = ?",
                           (current,)).fetchone()
        if row is None:
            return None, hops
        hops.append({"from": current, "to": row["new_id"], "reason": row["reason"], "at": row["at"]})
        current = row["new_id"]
    return None, hops


def list_incidents(conn: sqlite3.Connection, *, type_: str | None = None, date_from: int | None = None,
                   date_to: int | None = None, place: str | None = None, min_sources: int = 0,
                   include_background: bool = True, ids: Iterable[str] | None = None,
                   limit: int | None = None) -> list[dict[str, Any]]:
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
        # the city, region or country, or any place name a member report gives (whole names only)
        where.append("(lower(city) = lower(?) OR lower(region) = lower(?) OR lower(country) = lower(?) "
                     "OR instr(lower(' | ' || place || ' | '), lower(' | ' || ? || ' | ')) > 0)")
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
    sql = (f"SELECT summary FROM incidents WHERE {' AND '.join(where)} AND summary IS NOT NULL "
           "ORDER BY date_lo IS NULL, date_lo, id")
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [json.loads(r[0]) for r in conn.execute(sql, params)]


def incidents_with_person(conn: sqlite3.Connection, keys: Iterable[str],
                          surname: str | None = None) -> dict[str, list[tuple[str, str]]]:
    """incident id -> [(name, role)] of the people in it filed under any of ``keys`` (and, given a bare
    ``surname``, every full name with that surname)."""
    out: dict[str, list[tuple[str, str]]] = {}
    wanted = sorted(set(keys))
    rows: list[Any] = []
    for chunk in _chunks(wanted):
        rows.extend(conn.execute(f"SELECT DISTINCT incident_id, name, role FROM incident_people "
                                 f"WHERE name_key IN ({_marks(len(chunk))})", chunk))
    if surname:
        rows.extend(conn.execute("SELECT DISTINCT incident_id, name, role FROM incident_people "
                                 "WHERE name_key LIKE ?", (f"f:%:{surname}",)))
    for inc, name, role in sorted(set(map(tuple, rows))):
        if (name, role) not in out.setdefault(inc, []):
            out[inc].append((name, role))
    return out


def members_of_organisation(conn: sqlite3.Connection, organisation: str) -> list[str]:
    """The people of any incident who are said to belong to ``organisation`` (by its name)."""
    rows = conn.execute("SELECT DISTINCT name FROM incident_people WHERE name_key = ? ORDER BY name",
                        (affiliation_key(organisation),))
    return [r[0] for r in rows]


def people_of_incident(conn: sqlite3.Connection, incident: str) -> list[dict[str, str]]:
    rows = conn.execute("SELECT DISTINCT name, role, kind FROM incident_people WHERE incident_id = ? "
                        "ORDER BY role, name", (incident,))
    return [{"name": r[0], "role": r[1], "kind": r[2]} for r in rows]


def primary_incidents(conn: sqlite3.Connection) -> dict[str, str]:
    """document id -> the incident of the event that stands for it."""
    rows = conn.execute("SELECT document_id, incident_id FROM incident_mentions WHERE is_primary = 1 "
                        "AND incident_id IS NOT NULL")
    return {d: i for d, i in rows}


def incidents_of_document(conn: sqlite3.Connection, document: str) -> list[tuple[str, str, bool]]:
    rows = conn.execute("SELECT key, incident_id, is_primary FROM incident_mentions WHERE document_id = ? "
                        "ORDER BY is_primary DESC, key", (document,))
    return [(k, i, bool(p)) for k, i, p in rows]


# --- bookkeeping of merged and retracted reports -------------------------------------------------------

def merged_documents(conn: sqlite3.Connection) -> dict[str, str | None]:
    return {d: r for d, r in conn.execute("SELECT document_id, read_at FROM incident_documents")}


def mark_merged(conn: sqlite3.Connection, document: str, read_at: str | None) -> None:
    conn.execute("INSERT OR REPLACE INTO incident_documents (document_id, read_at, merged_at) "
                 "VALUES (?, ?, ?)",
                 (document, read_at, now_iso()))


def unmark_merged(conn: sqlite3.Connection, document: str) -> None:
    conn.execute("DELETE FROM incident_documents WHERE document_id = ?", (document,))


def retracted_documents(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT document_id FROM incident_retractions")}


def mark_retracted(conn: sqlite3.Connection, document: str, note: str | None = None) -> None:
    conn.execute("INSERT OR REPLACE INTO incident_retractions (document_id, at, note) VALUES (?, ?, ?)",
                 (document, now_iso(), note))


def ledger_counts(conn: sqlite3.Connection) -> dict[str, int]:
    def one(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    return {"incidents": one("SELECT count(*) FROM incidents"),
            "events": one("SELECT count(*) FROM incident_mentions"),
            "documents": one("SELECT count(*) FROM incident_documents"),
            "redirects": one("SELECT count(*) FROM incident_redirects"),
            "retracted": one("SELECT count(*) FROM incident_retractions")}
