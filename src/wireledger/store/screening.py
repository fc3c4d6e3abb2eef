"""The sanctions screening of ledger entities in a SQL ledger (table ``entity_screening`` of migration
0005): which list versions each entity was screened against, and its current and past matches.
``SQLScreeningStore`` implements ``resolve.ports.ScreeningTables``; the caller holds the transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..model import now_iso
from .sql import Database, to_json

_json = to_json


class SQLScreeningStore:
    """``resolve.ports.ScreeningTables`` on the tables of migrations 0003 and 0005."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def lists_signature(self) -> str:
        """What the current sanctions lists are: each list's current version and the companion parts added to
        it. Empty when no list is loaded; it changes whenever a list version or part is loaded."""
        rows = self.db.execute(
            "SELECT l.list_id, l.current_version_id, v.version_id FROM sanctions_lists l "
            "LEFT JOIN sanctions_versions v ON v.base_version_id = l.current_version_id "
            "WHERE l.current_version_id IS NOT NULL ORDER BY l.list_id, v.version_id"
        ).fetchall()
        if not rows:
            return ""
        parts: dict[str, list[Any]] = {}
        for list_id, current, companion in rows:
            entry = parts.setdefault(str(list_id), [int(current), []])
            if companion is not None:
                entry[1].append(int(companion))
        signature = [[k, v[0], ",".join(map(str, v[1])) or None] for k, v in sorted(parts.items())]
        return hashlib.sha256(_json(signature).encode("utf-8")).hexdigest()[:16]

    def to_screen(self, lists: str, everything: bool = False) -> list[tuple[str, dict[str, Any], str | None]]:
        """(id, profile, last query signature) of the entities whose screening is due."""
        sql = "SELECT id, profile, screen_query FROM ledger_entities"
        params: tuple[Any, ...] = ()
        if not everything:
            sql += " WHERE screen_stale = 1 OR screened_lists IS NULL OR screened_lists != ?"
            params = (lists,)
        return [(r[0], json.loads(r[1]), r[2]) for r in self.db.execute(sql + " ORDER BY id", params)]

    def mark_screened(self, entity_id: str, lists: str, query: str) -> None:
        self.db.execute(
            "UPDATE ledger_entities SET screen_stale = 0, screened_lists = ?, screen_query = ? WHERE id = ?",
            (lists, query, entity_id),
        )

    def current_screening(self, entity_id: str) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT status, query, qualifiers, list_id, version_id, version_date, entry_id, entry_name, "
            "score, "
            "name_score, different_person, explanation, screened_at FROM entity_screening "
            "WHERE entity_id = ? AND current = 1 ORDER BY status, score DESC, list_id, entry_id",
            (entity_id,),
        )
        return [
            {
                "status": r[0],
                "query": r[1],
                "qualifiers": json.loads(r[2]),
                "list": r[3],
                "version_id": r[4],
                "version_date": r[5],
                "entry_id": r[6],
                "name": r[7],
                "score": r[8],
                "name_score": r[9],
                "different_person": bool(r[10]),
                "match": json.loads(r[11]),
                "screened_at": r[12],
            }
            for r in rows
        ]

    def replace_screening(
        self,
        entity_id: str,
        query: str,
        qualifiers: dict[str, Any],
        found: Sequence[tuple[str, dict[str, Any]]],
    ) -> bool:
        """Make ``found`` ((status, Match.to_dict()) pairs) the entity's current screening. Earlier rows
        are kept, marked replaced, only when the outcome changed (another entry, list version, status or
        score)."""

        def outcome(
            rows: Iterable[tuple[str, str, int, str, float]],
        ) -> set[tuple[str, str, int, str, float]]:
            return {(s, lst, int(v), e, round(float(sc), 3)) for s, lst, v, e, sc in rows}

        old = outcome(
            self.db.execute(
                "SELECT status, list_id, version_id, entry_id, score FROM entity_screening "
                "WHERE entity_id = ? AND current = 1",
                (entity_id,),
            )
        )
        new = outcome((s, m["list"], m["version_id"], m["entry_id"], m["score"]) for s, m in found)
        if old == new:
            return False
        now = now_iso()
        self.db.execute(
            "UPDATE entity_screening SET current = 0, replaced_at = ? WHERE entity_id = ? AND current = 1",
            (now, entity_id),
        )
        self.db.executemany(
            "INSERT INTO entity_screening (entity_id, status, current, query, qualifiers, list_id, "
            "version_id, "
            "version_date, entry_id, entry_name, score, name_score, different_person, explanation, "
            "screened_at) "
            "VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    entity_id,
                    s,
                    query,
                    _json(qualifiers),
                    m["list"],
                    m["version_id"],
                    m["list_version"],
                    m["entry_id"],
                    m["name"],
                    float(m["score"]),
                    float(m["name_score"]),
                    int(bool(m["different_person"])),
                    _json(m),
                    now,
                )
                for s, m in found
            ],
        )
        return True
