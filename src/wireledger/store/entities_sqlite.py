"""Ledger entities in the SQLite ledger (tables of migration 0005): members, keys, decisions, manual
decisions and pins, redirects, and the sanctions screening of each entity.

Plain functions over an open ``sqlite3.Connection`` (autocommit mode, as :class:`SQLiteStore` opens it);
the caller wraps each change in :func:`transaction`, so a report is resolved completely or not at all.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import now_iso
from .connection import chunks as _chunks
from .connection import marks as _marks
from .connection import open_connection as open_connection  # re-exported: callers open through here
from .connection import to_json as _json
from .connection import transaction as transaction  # re-exported for the services

# --- which reports to resolve ------------------------------------------------------------------------


def pending(conn: sqlite3.Connection) -> tuple[list[tuple[str, str]], list[str]]:
    """(reports to resolve as (document id, read_at), reports to take out), in arrival order."""
    rows = conn.execute(
        "SELECT r.document_id, r.read_at FROM readings r JOIN documents d ON d.id = r.document_id "
        "WHERE d.canonical_id IS NULL ORDER BY d.seq"
    ).fetchall()
    current = {r[0]: r[1] for r in rows}
    done = {r[0]: r[1] for r in conn.execute("SELECT document_id, read_at FROM entity_documents")}
    to_resolve = [(d, t) for d, t in current.items() if done.get(d, "\0") != t]
    to_remove = sorted(d for d in done if d not in current)
    return to_resolve, to_remove


def reading_entities(conn: sqlite3.Connection, document: str) -> list[dict[str, Any]] | None:
    """The entities of a report's stored reading (``Entity.to_dict()`` form), None without a reading."""
    row = conn.execute("SELECT reading FROM readings WHERE document_id = ?", (document,)).fetchone()
    if row is None:
        return None
    entities: list[dict[str, Any]] = json.loads(row[0]).get("entities") or []
    return entities


def mark_resolved(conn: sqlite3.Connection, document: str, read_at: str | None) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO entity_documents (document_id, read_at, resolved_at) VALUES (?, ?, ?)",
        (document, read_at, now_iso()),
    )


def unmark_resolved(conn: sqlite3.Connection, document: str) -> None:
    conn.execute("DELETE FROM entity_documents WHERE document_id = ?", (document,))


def document_ids(conn: sqlite3.Connection, key: str) -> list[str]:
    """The canonical document ids a document id, source id or id prefix (8+ characters) names."""
    rows = conn.execute(
        "SELECT coalesce(d.canonical_id, d.id) FROM documents d WHERE d.id = ? UNION "
        "SELECT coalesce(d.canonical_id, d.id) FROM source_ids s JOIN documents d ON d.id = s.document_id "
        "WHERE s.source_id = ?",
        (key, key),
    ).fetchall()
    if not rows and len(key) >= 8:
        rows = conn.execute(
            "SELECT coalesce(canonical_id, id) FROM documents WHERE id LIKE ?",
            (key.replace("%", "").replace("_", "") + "%",),
        ).fetchall()
    return sorted({r[0] for r in rows})


def document_labels(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(sorted(set(ids))):
        for r in conn.execute(
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


# --- entities and members ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredMember:
    key: str
    entity_id: str
    document_id: str
    how: str
    score: float | None
    member: dict[str, Any]


def member_keys_of_document(conn: sqlite3.Connection, document: str) -> list[tuple[str, str]]:
    """(member key, entity id) of a report's members."""
    rows = conn.execute(
        "SELECT key, entity_id FROM entity_members WHERE document_id = ? ORDER BY key", (document,)
    )
    return [(r[0], r[1]) for r in rows]


def members_of(conn: sqlite3.Connection, entity_id: str) -> list[StoredMember]:
    rows = conn.execute(
        "SELECT key, entity_id, document_id, how, score, member FROM entity_members "
        "WHERE entity_id = ? ORDER BY added_at, key",
        (entity_id,),
    )
    return [StoredMember(r[0], r[1], r[2], r[3], r[4], json.loads(r[5])) for r in rows]


def put_member(
    conn: sqlite3.Connection,
    member: dict[str, Any],
    entity_id: str,
    name_key: str,
    how: str,
    score: float | None,
) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO entity_members (key, document_id, reading_entity_id, entity_id, name, type, "
        "name_key, how, score, member, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            member["key"],
            member["document"],
            member["entity"],
            entity_id,
            member["name"],
            member["type"],
            name_key,
            how,
            score,
            _json(member),
            now_iso(),
        ),
    )


def move_members(conn: sqlite3.Connection, keys: Sequence[str], entity_id: str, how: str) -> None:
    conn.executemany(
        "UPDATE entity_members SET entity_id = ?, how = ?, score = NULL WHERE key = ?",
        [(entity_id, how, k) for k in keys],
    )


def delete_members(conn: sqlite3.Connection, keys: Sequence[str]) -> None:
    for chunk in _chunks(sorted(keys)):
        conn.execute(f"DELETE FROM entity_decisions WHERE member IN ({_marks(len(chunk))})", chunk)
        conn.execute(f"DELETE FROM entity_members WHERE key IN ({_marks(len(chunk))})", chunk)


def save_entity(
    conn: sqlite3.Connection, profile: dict[str, Any], members: int, keys: Iterable[str], name_keys: int
) -> None:
    """Insert or update an entity's row and its blocking keys; its screening is due again."""
    now = now_iso()
    conn.execute(
        "INSERT INTO ledger_entities (id, kind, type, name, profile, members, documents, name_keys, "
        "created_at, updated_at, screen_stale) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) "
        "ON CONFLICT(id) DO UPDATE SET "
        "kind = excluded.kind, type = excluded.type, name = excluded.name, profile = excluded.profile, "
        "members = excluded.members, documents = excluded.documents, name_keys = excluded.name_keys, "
        "updated_at = excluded.updated_at, screen_stale = 1",
        (
            profile["id"],
            profile["kind"],
            profile["type"],
            profile["name"],
            _json(profile),
            members,
            len(profile.get("documents") or {}),
            name_keys,
            now,
            now,
        ),
    )
    conn.execute("DELETE FROM entity_keys WHERE entity_id = ?", (profile["id"],))
    conn.executemany(
        "INSERT OR IGNORE INTO entity_keys (key, entity_id) VALUES (?, ?)",
        [(k, profile["id"]) for k in sorted(set(keys))],
    )


def delete_entity(conn: sqlite3.Connection, entity_id: str) -> None:
    conn.execute("DELETE FROM entity_keys WHERE entity_id = ?", (entity_id,))
    conn.execute(
        "UPDATE entity_screening SET current = 0, replaced_at = ? WHERE entity_id = ? AND current = 1",
        (now_iso(), entity_id),
    )
    conn.execute("DELETE FROM ledger_entities WHERE id = ?", (entity_id,))


def profile(conn: sqlite3.Connection, entity_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT profile FROM ledger_entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        return None
    found: dict[str, Any] = json.loads(row[0])
    return found


def candidates(conn: sqlite3.Connection, keys: Iterable[str]) -> dict[str, tuple[set[str], int]]:
    """entity id -> (the keys it shares with ``keys``, how many name keys it has)."""
    shared: dict[str, set[str]] = {}
    for chunk in _chunks(sorted(set(keys))):
        for key, entity in conn.execute(
            f"SELECT key, entity_id FROM entity_keys WHERE key IN ({_marks(len(chunk))})", chunk
        ):
            shared.setdefault(entity, set()).add(key)
    out: dict[str, tuple[set[str], int]] = {}
    ids = sorted(shared)
    for chunk in _chunks(ids):
        for entity, n in conn.execute(
            f"SELECT id, name_keys FROM ledger_entities WHERE id IN ({_marks(len(chunk))})", chunk
        ):
            out[entity] = (shared[entity], int(n))
    return out


def put_decisions(
    conn: sqlite3.Connection, member: str, decisions: Sequence[dict[str, Any]], chosen: str | None
) -> None:
    now = now_iso()
    conn.executemany(
        "INSERT INTO entity_decisions (member, candidate, verdict, chosen, score, name_score, reasons, "
        "decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                member,
                d["entity"],
                d["verdict"],
                int(d["entity"] == chosen),
                float(d["score"]),
                float(d["name_score"]),
                _json(d["reasons"]),
                now,
            )
            for d in decisions
        ],
    )


def decisions_of_members(conn: sqlite3.Connection, keys: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for chunk in _chunks(sorted(keys)):
        for r in conn.execute(
            "SELECT member, candidate, verdict, chosen, score, name_score, reasons, decided_at "
            f"FROM entity_decisions WHERE member IN ({_marks(len(chunk))}) ORDER BY decision_id",
            chunk,
        ):
            out.setdefault(r[0], []).append(
                {
                    "candidate": r[1],
                    "verdict": r[2],
                    "chosen": bool(r[3]),
                    "score": r[4],
                    "name_score": r[5],
                    "reasons": json.loads(r[6]),
                    "decided_at": r[7],
                }
            )
    return out


def list_entities(
    conn: sqlite3.Connection,
    *,
    kind: str | None = None,
    type_: str | None = None,
    name_like: str | None = None,
    sanctioned: bool = False,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    where = ["1 = 1"]
    params: list[Any] = []
    if kind:
        where.append("e.kind = ?")
        params.append(kind)
    if type_:
        where.append("e.type = ?")
        params.append(type_)
    if name_like:
        where.append(
            "(e.name LIKE ? ESCAPE '\\' OR e.id IN (SELECT entity_id FROM entity_members "
            "WHERE name LIKE ? ESCAPE '\\'))"
        )
        pattern = "%" + name_like.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params.extend([pattern, pattern])
    matches = (
        "(SELECT count(DISTINCT list_id || '/' || entry_id) FROM entity_screening s "
        "WHERE s.entity_id = e.id AND s.current = 1 AND s.status = 'match')"
    )
    if sanctioned:
        where.append(f"{matches} > 0")
    sql = (
        f"SELECT e.id, e.kind, e.type, e.name, e.members, e.documents, {matches} AS matches "
        f"FROM ledger_entities e WHERE {' AND '.join(where)} ORDER BY e.documents DESC, e.name, e.id"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [
        {
            "id": r[0],
            "kind": r[1],
            "type": r[2],
            "name": r[3],
            "members": r[4],
            "documents": r[5],
            "sanctions_matches": r[6],
        }
        for r in conn.execute(sql, params)
    ]


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    def one(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    return {
        "entities": one("SELECT count(*) FROM ledger_entities"),
        "people": one("SELECT count(*) FROM ledger_entities WHERE kind = 'person'"),
        "members": one("SELECT count(*) FROM entity_members"),
        "documents": one("SELECT count(*) FROM entity_documents"),
        "manual_decisions": one("SELECT count(*) FROM entity_statements"),
        "sanctioned": one(
            "SELECT count(DISTINCT entity_id) FROM entity_screening WHERE current = 1 AND status = 'match'"
        ),
    }


# --- redirects, manual decisions and pins --------------------------------------------------------------


def redirect(conn: sqlite3.Connection, old: str, new: str | None, reason: str) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO entity_redirects (old_id, new_id, reason, at) VALUES (?, ?, ?, ?)",
        (old, new, reason, now_iso()),
    )
    conn.execute("UPDATE entity_redirects SET new_id = ? WHERE new_id = ?", (new, old))


def drop_redirect(conn: sqlite3.Connection, old: str) -> None:
    conn.execute("DELETE FROM entity_redirects WHERE old_id = ?", (old,))


def resolve_id(conn: sqlite3.Connection, entity_id: str) -> tuple[str | None, list[dict[str, Any]]]:
    """The live id an id leads to (None when it is gone) and the redirects followed on the way."""
    hops: list[dict[str, Any]] = []
    current: str | None = entity_id
    seen: set[str] = set()
    while current is not None and current not in seen:
        seen.add(current)
        if conn.execute("SELECT 1 FROM ledger_entities WHERE id = ?", (current,)).fetchone():
            return current, hops
        row = conn.execute(
            "SELECT new_id, reason, at FROM entity_redirects WHERE old_id = ?", (current,)
        ).fetchone()
        if row is None:
            return None, hops
        hops.append({"from": current, "to": row[0], "reason": row[1], "at": row[2]})
        current = row[0]
    return None, hops


def redirected_here(conn: sqlite3.Connection, entity_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT old_id, reason, at FROM entity_redirects WHERE new_id = ? ORDER BY at", (entity_id,)
    )
    return [{"from": r[0], "reason": r[1], "at": r[2]} for r in rows]


def add_statement(
    conn: sqlite3.Connection,
    subject: str,
    prop: str,
    value: dict[str, Any],
    document: str | None,
    who: str,
    note: str | None,
) -> int:
    now = now_iso()
    row = conn.execute(
        "INSERT INTO entity_statements (subject, prop, value, document_id, extractor, note, first_seen, "
        "last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING statement_id",
        (subject, prop, _json(value), document, f"manual:{who}", note, now, now),
    ).fetchone()
    return int(row[0])


def statements_about(conn: sqlite3.Connection, ids: Iterable[str]) -> list[dict[str, Any]]:
    """Manual decisions whose subject is one of ``ids`` or that name one of them."""
    wanted = set(ids)
    out = []
    for r in conn.execute(
        "SELECT statement_id, subject, prop, value, document_id, extractor, note, first_seen "
        "FROM entity_statements ORDER BY statement_id"
    ):
        value = json.loads(r[3])
        named = {r[1], value.get("other"), value.get("new"), value.get("into")}
        if named & wanted:
            out.append(
                {
                    "statement": r[0],
                    "subject": r[1],
                    "prop": r[2],
                    "value": value,
                    "document": r[4],
                    "by": r[5].removeprefix("manual:"),
                    "note": r[6],
                    "at": r[7],
                }
            )
    return out


def statement(conn: sqlite3.Connection, statement_id: int) -> dict[str, Any] | None:
    r = conn.execute(
        "SELECT subject, prop, extractor, note, first_seen FROM entity_statements WHERE statement_id = ?",
        (statement_id,),
    ).fetchone()
    if r is None:
        return None
    return {
        "statement": statement_id,
        "subject": r[0],
        "prop": r[1],
        "by": r[2].removeprefix("manual:"),
        "note": r[3],
        "at": r[4],
    }


def add_pin(
    conn: sqlite3.Connection,
    member: dict[str, Any],
    name_key: str,
    entity_id: str,
    away_from: str | None,
    statement_id: int,
) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO entity_pins (document_id, name_key, reading_entity_id, entity_id, away_from, "
        "statement_id) VALUES (?, ?, ?, ?, ?, ?)",
        (member["document"], name_key, member["entity"], entity_id, away_from, statement_id),
    )


def pins_of_document(conn: sqlite3.Connection, document: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT name_key, reading_entity_id, entity_id, away_from, statement_id FROM entity_pins "
        "WHERE document_id = ? ORDER BY statement_id",
        (document,),
    )
    return [
        {"name_key": r[0], "entity": r[1], "to": r[2], "away_from": r[3], "statement": r[4]} for r in rows
    ]


def record_manual(conn: sqlite3.Connection, keys: Sequence[str], entity_id: str, verdict: str,
                  reason: str) -> None:
    """A manual decision moved ``keys`` to ``entity_id``: it is now the decision that put them there."""
    now = now_iso()
    for chunk in _chunks(sorted(keys)):
        conn.execute(f"UPDATE entity_decisions SET chosen = 0 WHERE member IN ({_marks(len(chunk))})", chunk)
    conn.executemany(
        "INSERT INTO entity_decisions (member, candidate, verdict, chosen, score, name_score, reasons, "
        "decided_at) VALUES (?, ?, ?, 1, 1.0, 0.0, ?, ?)",
        [(k, entity_id, verdict, _json([reason]), now) for k in keys],
    )
