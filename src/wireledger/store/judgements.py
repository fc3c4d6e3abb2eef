"""Human judgements and redirects in a SQL ledger (tables of migration 0007), one mechanism for every area.

A judgement is a statement a person made about the ledger: an entity merged into another or split, a
report retracted. It is kept as provenance (``manual:<who>``, when, the note saying why) and never
changed afterwards; the areas apply it on read (the merger leaves a retracted report out, the resolver
pins the members a merge or split moved). A redirect says where an id that was merged away, split or
lost its support leads now; incidents and entities keep theirs here alike.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from ..model import now_iso
from .sql import Database, to_json


class SQLJudgements:
    """``model.judgements.Judgements`` on the tables of migration 0007."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- judgements -------------------------------------------------------------------------------------
    def add(self, area: str, subject: str, verdict: str, value: dict[str, Any], document: str | None,
            who: str, note: str | None) -> int:
        now = now_iso()
        row = self.db.execute(
            "INSERT INTO judgements (area, subject, verdict, value, document_id, extractor, note, "
            "first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING judgement_id",
            (area, subject, verdict, to_json(value), document, f"manual:{who}", note, now, now),
        ).fetchone()
        return int(row[0])

    def get(self, judgement_id: int) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT judgement_id, area, subject, verdict, value, document_id, extractor, note, first_seen "
            "FROM judgements WHERE judgement_id = ?", (judgement_id,)).fetchone()
        return None if row is None else _judgement(row)

    def about(self, area: str, ids: Iterable[str]) -> list[dict[str, Any]]:
        """The judgements of ``area`` whose subject is one of ``ids`` or whose value names one of them."""
        wanted = set(ids)
        out = []
        for row in self.db.execute(
            "SELECT judgement_id, area, subject, verdict, value, document_id, extractor, note, first_seen "
            "FROM judgements WHERE area = ? ORDER BY judgement_id", (area,)):
            found = _judgement(row)
            value = found["value"]
            named = {found["subject"], value.get("other"), value.get("new"), value.get("into")}
            if named & wanted:
                out.append(found)
        return out

    def subjects(self, area: str, verdict: str) -> set[str]:
        rows = self.db.execute("SELECT DISTINCT subject FROM judgements WHERE area = ? AND verdict = ?",
                               (area, verdict))
        return {r[0] for r in rows}

    def has(self, area: str, subject: str, verdict: str) -> bool:
        row = self.db.execute("SELECT 1 FROM judgements WHERE area = ? AND subject = ? AND verdict = ?",
                              (area, subject, verdict)).fetchone()
        return row is not None

    def count(self, area: str, verdict: str | None = None) -> int:
        if verdict is None:
            return int(self.db.one("SELECT count(*) FROM judgements WHERE area = ?", (area,)))
        return int(self.db.one("SELECT count(DISTINCT subject) FROM judgements "
                               "WHERE area = ? AND verdict = ?", (area, verdict)))

    # --- redirects --------------------------------------------------------------------------------------
    def redirect(self, area: str, old: str, new: str | None, reason: str) -> None:
        """``old`` now leads to ``new`` (None: gone); earlier redirects to ``old`` lead straight there."""
        self.db.execute(
            "INSERT INTO redirects (area, old_id, new_id, reason, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (area, old_id) DO UPDATE SET new_id = excluded.new_id, reason = excluded.reason, "
            "at = excluded.at", (area, old, new, reason, now_iso()))
        self.db.execute("UPDATE redirects SET new_id = ? WHERE area = ? AND new_id = ?", (new, area, old))

    def drop_redirect(self, area: str, old: str) -> None:
        self.db.execute("DELETE FROM redirects WHERE area = ? AND old_id = ?", (area, old))

    def redirect_of(self, area: str, old: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT new_id, reason, at FROM redirects WHERE area = ? AND old_id = ?",
                              (area, old)).fetchone()
        return None if row is None else {"to": row[0], "reason": row[1], "at": row[2]}

    def follow(self, area: str, start: str,
               live: Callable[[str], bool]) -> tuple[str | None, list[dict[str, Any]]]:
        """The live id ``start`` leads to (None when it is gone) and the redirects followed on the way."""
        hops: list[dict[str, Any]] = []
        current: str | None = start
        seen: set[str] = set()
        while current is not None and current not in seen:
            seen.add(current)
            if live(current):
                return current, hops
            found = self.redirect_of(area, current)
            if found is None:
                return None, hops
            hops.append({"from": current, **found})
            current = found["to"]
        return None, hops

    def redirected_here(self, area: str, new: str) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT old_id, reason, at FROM redirects WHERE area = ? AND new_id = ? ORDER BY at, old_id",
            (area, new))
        return [{"from": r[0], "reason": r[1], "at": r[2]} for r in rows]

    def count_redirects(self, area: str) -> int:
        return int(self.db.one("SELECT count(*) FROM redirects WHERE area = ?", (area,)))


def _judgement(row: Any) -> dict[str, Any]:
    return {"statement": row[0], "area": row[1], "subject": row[2], "prop": row[3],
            "value": json.loads(row[4]), "document": row[5], "by": str(row[6]).removeprefix("manual:"),
            "note": row[7], "at": row[8]}
