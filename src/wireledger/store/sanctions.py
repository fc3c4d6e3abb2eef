"""Sanctions lists in a SQL ledger (tables of migration 0003): versions, entries, names, matches.

``SQLSanctionsStore`` implements ``resolve.ports.SanctionsTables`` over a ``Database`` (either engine);
each write is one transaction. Rules:

- loading a list version whose date is the newest of its list makes it the *current* version; the
  previous current version is marked superseded but kept, with its entries, so recorded matches
  still point at the version (and the entry text) they were made against;
- an older version is stored as history and does not become current;
- a file set already loaded for the list (same SHA-256) is not stored twice;
- a companion part (OFAC alt.csv / add.csv alone, an EU amendment file) adds its names and facts to
  the entries of the list's current version; it needs that version loaded first.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from ..errors import InputError
from ..model import now_iso
from ..model.sanctions import (
    ADDED,
    ALREADY,
    HISTORY,
    LOADED,
    ListedName,
    ListVersionRef,
    LoadedList,
    SanctionsEntry,
    SaveReport,
    VersionInfo,
)
from .sql import Database, to_json

_json = to_json


class SQLSanctionsStore:
    """``resolve.ports.SanctionsTables`` on the tables of migration 0003."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def save_list(self, loaded: LoadedList) -> SaveReport:
        """Store one loaded list version (or companion part) and say what became of it."""
        files = [f.__dict__ for f in loaded.files]
        digests = sorted(f.sha256 for f in loaded.files)
        with self.db.transaction() as c:
            c.lock("lists")
            c.execute(
                "INSERT INTO sanctions_lists (list_id, title, publisher, format) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(list_id) DO UPDATE SET title = excluded.title, publisher = excluded.publisher",
                (loaded.list_id, loaded.title, loaded.publisher, loaded.format),
            )
            for row in c.execute(
                "SELECT version_id, version_date, files FROM sanctions_versions WHERE list_id = ?",
                (loaded.list_id,),
            ).fetchall():
                if sorted(f["sha256"] for f in json.loads(row["files"])) == digests:
                    return SaveReport(
                        loaded.list_id,
                        int(row["version_id"]),
                        row["version_date"],
                        ALREADY,
                        len(loaded.entries),
                        loaded.name_count,
                    )
            current = c.execute(
                "SELECT v.version_id, v.version_date FROM sanctions_lists l "
                "JOIN sanctions_versions v ON v.version_id = l.current_version_id WHERE l.list_id = ?",
                (loaded.list_id,),
            ).fetchone()
            if loaded.companion:
                if current is None:
                    raise InputError(
                        "E140",
                        ", ".join(f.path for f in loaded.files),
                        f"a companion part of {loaded.list_id} needs the list itself loaded first",
                        "nothing added; load the main file (e.g. sdn.csv) first",
                    )
                return self._add_companion(c, loaded, int(current["version_id"]), files)
            version_id = self._insert_version(c, loaded, "full", None, files)
            self._insert_entries(c, version_id, loaded.entries, version_id)
            now = now_iso()
            if current is None or loaded.version_date >= current["version_date"]:
                c.execute(
                    "UPDATE sanctions_lists SET current_version_id = ? WHERE list_id = ?",
                    (version_id, loaded.list_id),
                )
                replaced = int(current["version_id"]) if current is not None else None
                if replaced is not None:
                    c.execute(
                        "UPDATE sanctions_versions SET superseded_at = ? WHERE version_id = ?",
                        (now, replaced),
                    )
                return SaveReport(
                    loaded.list_id,
                    version_id,
                    loaded.version_date,
                    LOADED,
                    len(loaded.entries),
                    loaded.name_count,
                    replaced,
                )
            c.execute(
                "UPDATE sanctions_versions SET superseded_at = ? WHERE version_id = ?", (now, version_id)
            )
            return SaveReport(
                loaded.list_id,
                version_id,
                loaded.version_date,
                HISTORY,
                len(loaded.entries),
                loaded.name_count,
            )

    def _insert_version(
        self, c: Database, loaded: LoadedList, kind: str, base: int | None, files: list[dict[str, Any]]
    ) -> int:
        row = c.execute(
            "INSERT INTO sanctions_versions (list_id, version_date, version_date_source, kind, "
            "base_version_id, "
            "files, entry_count, name_count, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "
            "version_id",
            (
                loaded.list_id,
                loaded.version_date,
                loaded.version_date_source,
                kind,
                base,
                _json(files),
                len(loaded.entries),
                loaded.name_count,
                now_iso(),
            ),
        ).fetchone()
        return int(row[0])

    def _insert_entries(self, c: Database, version_id: int, entries: list[SanctionsEntry],
                        added_by: int) -> None:
        """Every entry of a version and its names, in two bulk inserts (the row ids are given here, under
        the lists lock, so no insert has to wait for the id the one before it got)."""
        first = int(c.one("SELECT coalesce(max(entry_rowid), 0) FROM sanctions_entries")) + 1
        c.executemany(
            "INSERT INTO sanctions_entries (entry_rowid, version_id, entry_id, schema, caption, data) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(first + i, version_id, e.entry_id, e.schema or "other", e.caption, _json(e.data()))
             for i, e in enumerate(entries)])
        c.executemany(
            "INSERT INTO sanctions_names (entry_rowid, name, kind, family, given, added_by_version_id) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(first + i, n.name, n.kind, n.family, n.given, added_by)
             for i, e in enumerate(entries) for n in e.names])
        c.follow_identity("sanctions_entries", "entry_rowid")

    def _insert_entry(self, c: Database, version_id: int, entry: SanctionsEntry, added_by: int) -> None:
        rowid = c.execute(
            "INSERT INTO sanctions_entries (version_id, entry_id, schema, caption, data) VALUES (?, ?, ?, "
            "?, ?) "
            "RETURNING entry_rowid",
            (version_id, entry.entry_id, entry.schema or "other", entry.caption, _json(entry.data())),
        ).fetchone()[0]
        c.executemany(
            "INSERT INTO sanctions_names (entry_rowid, name, kind, family, given, added_by_version_id) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(rowid, n.name, n.kind, n.family, n.given, added_by) for n in entry.names],
        )

    def _add_companion(
        self, c: Database, loaded: LoadedList, current: int, files: list[dict[str, Any]]
    ) -> SaveReport:
        version_id = self._insert_version(c, loaded, "companion", current, files)
        unmatched = added_names = 0
        for part in loaded.entries:
            row = c.execute(
                "SELECT entry_rowid, data FROM sanctions_entries WHERE version_id = ? AND entry_id = ?",
                (current, part.entry_id),
            ).fetchone()
            if row is None:
                if part.schema:  # a whole new entry (an EU amendment designating someone new)
                    self._insert_entry(c, current, part, version_id)
                    added_names += len(part.names)
                else:
                    unmatched += 1
                continue
            known = {
                (r["name"], r["kind"])
                for r in c.execute(
                    "SELECT name, kind FROM sanctions_names WHERE entry_rowid = ?", (row["entry_rowid"],)
                )
            }
            new = [n for n in part.names if (n.name, n.kind) not in known]
            c.executemany(
                "INSERT INTO sanctions_names (entry_rowid, name, kind, family, given, added_by_version_id) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(row["entry_rowid"], n.name, n.kind, n.family, n.given, version_id) for n in new],
            )
            added_names += len(new)
            data = json.loads(row["data"])
            for key, values in part.data().items():
                if isinstance(values, list) and values:
                    merged = list(data.get(key) or [])
                    merged.extend(v for v in values if v not in merged)
                    data[key] = merged
            c.execute(
                "UPDATE sanctions_entries SET data = ? WHERE entry_rowid = ?",
                (_json(data), row["entry_rowid"]),
            )
        c.execute(
            "UPDATE sanctions_versions SET name_count = ? WHERE version_id = ?", (added_names, version_id)
        )
        return SaveReport(
            loaded.list_id,
            version_id,
            loaded.version_date,
            ADDED,
            len(loaded.entries),
            added_names,
            unmatched=unmatched,
        )

    def current_entries(self) -> Iterator[tuple[ListVersionRef, list[SanctionsEntry]]]:
        """The entries of every list's current version, with the version they belong to."""
        lists = self.db.execute(
            "SELECT l.list_id, l.title, v.version_id, v.version_date FROM sanctions_lists l "
            "JOIN sanctions_versions v ON v.version_id = l.current_version_id ORDER BY l.list_id"
        ).fetchall()
        for lst in lists:
            ref = ListVersionRef(lst["list_id"], lst["title"], int(lst["version_id"]), lst["version_date"])
            yield ref, self.entries_of(int(lst["version_id"]))

    def entries_of(self, version_id: int) -> list[SanctionsEntry]:
        return list(self.entries_where("e.version_id = ?", (version_id,)).values())

    def entries_where(self, where: str, params: Sequence[Any]) -> dict[int, SanctionsEntry]:
        """The entries (``e``) that ``where`` selects, by row, in row order, each with its names."""
        names: dict[int, list[ListedName]] = {}
        for r in self.db.execute(
            "SELECT n.entry_rowid, n.name, n.kind, n.family, n.given FROM sanctions_names n "
            f"JOIN sanctions_entries e ON e.entry_rowid = n.entry_rowid WHERE {where} "
            "ORDER BY n.name_rowid",
            params,
        ):
            names.setdefault(int(r["entry_rowid"]), []).append(
                ListedName(r["name"], r["kind"], r["family"], r["given"])
            )
        return {
            int(r["entry_rowid"]): SanctionsEntry.from_data(
                r["entry_id"], r["schema"], names.get(int(r["entry_rowid"]), []), json.loads(r["data"])
            )
            for r in self.db.execute(
                f"SELECT e.entry_rowid, e.entry_id, e.schema, e.data FROM sanctions_entries e WHERE {where} "
                "ORDER BY e.entry_rowid",
                params,
            )
        }

    def versions(self, list_id: str | None = None) -> list[VersionInfo]:
        """Every stored version (current first within a list), optionally of one list."""
        sql = (
            "SELECT v.*, l.title, CASE WHEN l.current_version_id = v.version_id THEN 1 ELSE 0 END AS "
            "is_current FROM sanctions_versions v "
            "JOIN sanctions_lists l ON l.list_id = v.list_id"
        )
        args: tuple[Any, ...] = ()
        if list_id:
            sql += " WHERE v.list_id = ?"
            args = (list_id,)
        sql += " ORDER BY v.list_id, is_current DESC, v.version_date DESC, v.version_id DESC"
        return [
            VersionInfo(
                int(r["version_id"]),
                r["list_id"],
                r["title"],
                r["version_date"],
                r["version_date_source"],
                r["kind"],
                bool(r["is_current"]),
                int(r["entry_count"]),
                int(r["name_count"]),
                r["loaded_at"],
                r["superseded_at"],
                json.loads(r["files"]),
            )
            for r in self.db.execute(sql, args)
        ]

    def record_match(
        self,
        query: str,
        qualifiers: dict[str, Any],
        match: dict[str, Any],
        subject_id: str | None = None,
    ) -> int:
        """Keep one match (as ``Match.to_dict()`` shows it) with the list version it was made against."""
        with self.db.transaction() as c:
            row = c.execute(
                "INSERT INTO sanctions_matches (screened_at, query, qualifiers, subject_id, list_id, "
                "version_id, "
                "entry_id, entry_name, score, different_person, explanation) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "RETURNING match_id",
                (
                    now_iso(),
                    query,
                    _json(qualifiers),
                    subject_id,
                    match["list"],
                    match["version_id"],
                    match["entry_id"],
                    match["name"],
                    float(match["score"]),
                    int(bool(match.get("different_person"))),
                    _json(match),
                ),
            ).fetchone()
        return int(row[0])

    def matches(self, subject_id: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Recorded matches, newest first, each with the version it was made against and whether that
        version is still current."""
        sql = (
            "SELECT m.*, v.version_date, CASE WHEN l.current_version_id = m.version_id THEN 1 ELSE 0 END AS "
            "is_current "
            "FROM sanctions_matches m JOIN sanctions_versions v ON v.version_id = m.version_id "
            "JOIN sanctions_lists l ON l.list_id = m.list_id"
        )
        args: list[Any] = []
        if subject_id is not None:
            sql += " WHERE m.subject_id = ?"
            args.append(subject_id)
        sql += " ORDER BY m.match_id DESC LIMIT ?"
        args.append(limit)
        return [
            {
                "match_id": r["match_id"],
                "screened_at": r["screened_at"],
                "query": r["query"],
                "subject_id": r["subject_id"],
                "list": r["list_id"],
                "version_id": r["version_id"],
                "version_date": r["version_date"],
                "version_is_current": bool(r["is_current"]),
                "entry_id": r["entry_id"],
                "name": r["entry_name"],
                "score": r["score"],
                "different_person": bool(r["different_person"]),
            }
            for r in self.db.execute(sql, args)
        ]
