"""Ledger entities in a SQL ledger (tables of migration 0005): members, keys, decisions, manual decisions
and pins, and redirects. ``SQLEntityStore`` implements ``resolve.ports.EntityTables`` over a ``Database``
(either engine); the caller wraps each change in ``Database.transaction()``, so a report is resolved
completely or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..model import now_iso
from .judgements import SQLJudgements
from .sql import Database, chunks, marks, to_json

_chunks, _marks, _json = chunks, marks, to_json
AREA = "entity"


from ..model.records import StoredMember  # noqa: E402 - kept here for the stores' readers


class SQLEntityStore:
    """``resolve.ports.EntityTables`` on the tables of migration 0005."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.judgements = SQLJudgements(db)  # manual decisions and redirects, shared with the other areas

    # --- which reports to resolve ------------------------------------------------------------------------

    def mark_resolved(self, document: str, read_at: str | None) -> None:
        self.db.execute(
            "INSERT INTO entity_documents (document_id, read_at, resolved_at) VALUES (?, ?, ?) "
            "ON CONFLICT (document_id) DO UPDATE SET read_at = excluded.read_at, resolved_at = "
            "excluded.resolved_at",
            (document, read_at, now_iso()),
        )

    def resolved_documents(self) -> dict[str, str | None]:
        """document id -> read_at of the reading each resolved report was resolved from."""
        return {r[0]: r[1] for r in self.db.execute("SELECT document_id, read_at FROM entity_documents")}

    def resolved_reading(self, document: str) -> tuple[bool, str | None]:
        """(the report is resolved, the read_at of the reading it was resolved from)."""
        row = self.db.execute(
            "SELECT read_at FROM entity_documents WHERE document_id = ?", (document,)
        ).fetchone()
        return (False, None) if row is None else (True, row[0])

    def unmark_resolved(self, document: str) -> None:
        self.db.execute("DELETE FROM entity_documents WHERE document_id = ?", (document,))

    # --- entities and members ------------------------------------------------------------------------------

    def member_keys_of_document(self, document: str) -> list[tuple[str, str]]:
        """(member key, entity id) of a report's members."""
        rows = self.db.execute(
            "SELECT key, entity_id FROM entity_members WHERE document_id = ? ORDER BY key", (document,)
        )
        return [(r[0], r[1]) for r in rows]

    def members_of(self, entity_id: str) -> list[StoredMember]:
        rows = self.db.execute(
            "SELECT key, entity_id, document_id, how, score, member FROM entity_members "
            "WHERE entity_id = ? ORDER BY added_at, key",
            (entity_id,),
        )
        return [StoredMember(r[0], r[1], r[2], r[3], r[4], json.loads(r[5])) for r in rows]

    def put_member(
        self,
        member: dict[str, Any],
        entity_id: str,
        name_key: str,
        how: str,
        score: float | None,
    ) -> None:
        self.db.execute(
            "INSERT INTO entity_members (key, document_id, reading_entity_id, entity_id, name, type, "
            "name_key, how, score, member, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET document_id = excluded.document_id, "
            "reading_entity_id = excluded.reading_entity_id, entity_id = excluded.entity_id, "
            "name = excluded.name, type = excluded.type, name_key = excluded.name_key, how = excluded.how, "
            "score = excluded.score, member = excluded.member, added_at = excluded.added_at",
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

    def member_name_key(self, key: str) -> str | None:
        """The name key a member is filed under (manual pins match on it)."""
        row = self.db.execute("SELECT name_key FROM entity_members WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def move_members(self, keys: Sequence[str], entity_id: str, how: str) -> None:
        self.db.executemany(
            "UPDATE entity_members SET entity_id = ?, how = ?, score = NULL WHERE key = ?",
            [(entity_id, how, k) for k in keys],
        )

    def delete_members(self, keys: Sequence[str]) -> None:
        for chunk in _chunks(sorted(keys)):
            self.db.execute(f"DELETE FROM entity_decisions WHERE member IN ({_marks(len(chunk))})", chunk)
            self.db.execute(f"DELETE FROM entity_members WHERE key IN ({_marks(len(chunk))})", chunk)

    def save_entity(self, profile: dict[str, Any], members: int, keys: Iterable[str], name_keys: int) -> None:
        """Insert or update an entity's row and its blocking keys; its screening is due again."""
        now = now_iso()
        self.db.execute(
            "INSERT INTO ledger_entities (id, kind, type, name, profile, members, mentions, documents, "
            "name_keys, created_at, updated_at, screen_stale) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) "
            "ON CONFLICT(id) DO UPDATE SET "
            "kind = excluded.kind, type = excluded.type, name = excluded.name, profile = excluded.profile, "
            "members = excluded.members, mentions = excluded.mentions, documents = excluded.documents, "
            "name_keys = excluded.name_keys, "
            "updated_at = excluded.updated_at, screen_stale = 1",
            (
                profile["id"],
                profile["kind"],
                profile["type"],
                profile["name"],
                _json(profile),
                members,
                profile.get("mentions"),
                len(profile.get("documents") or {}),
                name_keys,
                now,
                now,
            ),
        )
        self.db.execute("DELETE FROM entity_keys WHERE entity_id = ?", (profile["id"],))
        self.db.executemany(
            "INSERT INTO entity_keys (key, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(k, profile["id"]) for k in sorted(set(keys))],
        )

    def keys_of(self, entity_id: str) -> set[str]:
        """The blocking keys an entity is filed under."""
        return {
            r[0] for r in self.db.execute("SELECT key FROM entity_keys WHERE entity_id = ?", (entity_id,))
        }

    def id_state(self, entity_id: str) -> tuple[bool, bool, str | None]:
        """(an entity has this id now, the id was redirected, where the redirect leads)."""
        live = self.db.execute("SELECT 1 FROM ledger_entities WHERE id = ?", (entity_id,)).fetchone()
        gone = self.judgements.redirect_of(AREA, entity_id)
        return live is not None, gone is not None, None if gone is None else gone["to"]

    def delete_entity(self, entity_id: str) -> None:
        self.db.execute("DELETE FROM entity_keys WHERE entity_id = ?", (entity_id,))
        self.db.execute(
            "UPDATE entity_screening SET current = 0, replaced_at = ? WHERE entity_id = ? AND current = 1",
            (now_iso(), entity_id),
        )
        self.db.execute("DELETE FROM ledger_entities WHERE id = ?", (entity_id,))

    def profile(self, entity_id: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT profile FROM ledger_entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            return None
        found: dict[str, Any] = json.loads(row[0])
        return found

    def candidates(self, keys: Iterable[str]) -> dict[str, tuple[set[str], int]]:
        """entity id -> (the keys it shares with ``keys``, how many name keys it has)."""
        shared: dict[str, set[str]] = {}
        for chunk in _chunks(sorted(set(keys))):
            for key, entity in self.db.execute(
                f"SELECT key, entity_id FROM entity_keys WHERE key IN ({_marks(len(chunk))})", chunk
            ):
                shared.setdefault(entity, set()).add(key)
        out: dict[str, tuple[set[str], int]] = {}
        ids = sorted(shared)
        for chunk in _chunks(ids):
            for entity, n in self.db.execute(
                f"SELECT id, name_keys FROM ledger_entities WHERE id IN ({_marks(len(chunk))})", chunk
            ):
                out[entity] = (shared[entity], int(n))
        return out

    def put_decisions(self, member: str, decisions: Sequence[dict[str, Any]], chosen: str | None) -> None:
        now = now_iso()
        self.db.executemany(
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

    def decisions_of_members(self, keys: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for chunk in _chunks(sorted(keys)):
            for r in self.db.execute(
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
        self,
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
                "(lower(e.name) LIKE ? ESCAPE '\\' OR e.id IN (SELECT entity_id FROM entity_members "
                "WHERE lower(name) LIKE ? ESCAPE '\\'))"
            )
            pattern = (
                "%" + name_like.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            )
            params.extend([pattern, pattern])
        matches = (
            "(SELECT count(DISTINCT list_id || '/' || entry_id) FROM entity_screening s "
            "WHERE s.entity_id = e.id AND s.current = 1 AND s.status = 'match')"
        )
        if sanctioned:
            where.append(f"{matches} > 0")
        sql = (
            f"SELECT e.id, e.kind, e.type, e.name, e.members, e.documents, {matches} AS matches, e.mentions "
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
                "mentions": r[7],
            }
            for r in self.db.execute(sql, params)
        ]

    def person_members(self) -> list[tuple[str, str, str, str, str]]:
        """(entity id, entity name, document id, member name, how) of every person's members."""
        rows = self.db.execute(
            "SELECT e.id, e.name, m.document_id, m.name, m.how FROM ledger_entities e "
            "JOIN entity_members m ON m.entity_id = e.id WHERE e.kind = 'person' ORDER BY e.id, m.key"
        )
        return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    def counts(self) -> dict[str, int]:
        def one(sql: str) -> int:
            return int(self.db.execute(sql).fetchone()[0])

        return {
            "entities": one("SELECT count(*) FROM ledger_entities"),
            "people": one("SELECT count(*) FROM ledger_entities WHERE kind = 'person'"),
            "members": one("SELECT count(*) FROM entity_members"),
            "documents": one("SELECT count(*) FROM entity_documents"),
            "manual_decisions": self.judgements.count(AREA),
            "sanctioned": one(
                "SELECT count(DISTINCT entity_id) FROM entity_screening WHERE current = 1 AND status = "
                "'match'"
            ),
        }

    # --- redirects, manual decisions and pins --------------------------------------------------------------

    def redirect(self, old: str, new: str | None, reason: str) -> None:
        self.judgements.redirect(AREA, old, new, reason)

    def drop_redirect(self, old: str) -> None:
        self.judgements.drop_redirect(AREA, old)

    def resolve_id(self, entity_id: str) -> tuple[str | None, list[dict[str, Any]]]:
        """The live id an id leads to (None when it is gone) and the redirects followed on the way."""
        return self.judgements.follow(AREA, entity_id, self._live)

    def _live(self, entity_id: str) -> bool:
        row = self.db.execute("SELECT 1 FROM ledger_entities WHERE id = ?", (entity_id,)).fetchone()
        return row is not None

    def redirected_here(self, entity_id: str) -> list[dict[str, Any]]:
        return self.judgements.redirected_here(AREA, entity_id)

    def add_statement(self, subject: str, prop: str, value: dict[str, Any], document: str | None, who: str,
                      note: str | None) -> int:
        """A manual merge or split (``prop``), kept as a judgement on the entity."""
        return self.judgements.add(AREA, subject, prop, value, document, who, note)

    def statements_about(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        """Manual decisions whose subject is one of ``ids`` or that name one of them."""
        return self.judgements.about(AREA, ids)

    def statement(self, statement_id: int) -> dict[str, Any] | None:
        return self.judgements.get(statement_id)

    def add_pin(
        self,
        member: dict[str, Any],
        name_key: str,
        entity_id: str,
        away_from: str | None,
        statement_id: int,
    ) -> None:
        self.db.execute(
            "INSERT INTO entity_pins (document_id, name_key, reading_entity_id, entity_id, away_from, "
            "statement_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (document_id, name_key, reading_entity_id) "
            "DO UPDATE SET entity_id = excluded.entity_id, away_from = excluded.away_from, "
            "statement_id = excluded.statement_id",
            (member["document"], name_key, member["entity"], entity_id, away_from, statement_id),
        )

    def pins_of_document(self, document: str) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT name_key, reading_entity_id, entity_id, away_from, statement_id FROM entity_pins "
            "WHERE document_id = ? ORDER BY statement_id",
            (document,),
        )
        return [
            {"name_key": r[0], "entity": r[1], "to": r[2], "away_from": r[3], "statement": r[4]} for r in rows
        ]

    def record_manual(self, keys: Sequence[str], entity_id: str, verdict: str, reason: str) -> None:
        """A manual decision moved ``keys`` to ``entity_id``: it is now the decision that put them there."""
        now = now_iso()
        for chunk in _chunks(sorted(keys)):
            self.db.execute(
                f"UPDATE entity_decisions SET chosen = 0 WHERE member IN ({_marks(len(chunk))})", chunk
            )
        self.db.executemany(
            "INSERT INTO entity_decisions (member, candidate, verdict, chosen, score, name_score, reasons, "
            "decided_at) VALUES (?, ?, ?, 1, 1.0, 0.0, ?, ?)",
            [(k, entity_id, verdict, _json([reason]), now) for k in keys],
        )
