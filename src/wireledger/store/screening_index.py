"""The screening index kept in a SQL ledger (tables of migration 0011): the keys each screened name of a
current list version is filed under.

``SQLScreeningIndex`` implements ``resolve.ports.ScreeningIndexTables``. The keys themselves are computed
by the screening code and handed over as rows; this module stores them, says which versions need
(re)building, and finds the names that share keys with a query.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import now_iso
from ..model.sanctions import IndexedName, IndexState, ListedName, ListVersionRef, SanctionsEntry
from .sanctions import SQLSanctionsStore
from .sql import Database, chunks, marks


class SQLScreeningIndex:
    """``resolve.ports.ScreeningIndexTables`` on the tables of migrations 0003 and 0011."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def state(self) -> list[IndexState]:
        """Every list's current version, with what its index (if any) was built from, by list."""
        rows = self.db.execute(
            "SELECT l.list_id, l.title, v.version_id, v.version_date, v.entry_count, i.parts, i.key_version "
            "FROM sanctions_lists l JOIN sanctions_versions v ON v.version_id = l.current_version_id "
            "LEFT JOIN screening_indexed i ON i.version_id = v.version_id ORDER BY l.list_id"
        ).fetchall()
        parts: dict[int, list[int]] = {}
        for base, part in self.db.execute(
            "SELECT base_version_id, version_id FROM sanctions_versions WHERE base_version_id IS NOT NULL "
            "ORDER BY version_id"
        ):
            parts.setdefault(int(base), []).append(int(part))
        return [
            IndexState(
                ListVersionRef(r[0], r[1], int(r[2]), r[3]),
                int(r[4]),
                ",".join(map(str, parts.get(int(r[2]), []))),
                r[5],
                r[6],
            )
            for r in rows
        ]

    def names_of(self, version_id: int) -> list[IndexedName]:
        """Every name of a version's entries (companion names included), in entry then name order."""
        return [
            IndexedName(int(r[0]), int(r[1]), version_id, r[2], ListedName(r[3], r[4], r[5], r[6]))
            for r in self.db.execute(
                "SELECT n.name_rowid, n.entry_rowid, e.schema, n.name, n.kind, n.family, n.given "
                "FROM sanctions_names n JOIN sanctions_entries e ON e.entry_rowid = n.entry_rowid "
                "WHERE e.version_id = ? ORDER BY n.entry_rowid, n.name_rowid",
                (version_id,),
            )
        ]

    def replace(
        self, version_id: int, parts: str, key_version: str, rows: Sequence[tuple[str, int, int]]
    ) -> None:
        """Make ``rows`` ((key, person 1/0, name row)) the index of a version, and drop the indexes of
        versions that are no longer current."""
        with self.db.transaction() as c:
            c.lock("screening_index")
            c.execute("DELETE FROM screening_keys WHERE version_id = ?", (version_id,))
            c.execute("DELETE FROM screening_indexed WHERE version_id = ?", (version_id,))
            c.executemany(
                "INSERT INTO screening_keys (version_id, key, person, name_rowid) VALUES (?, ?, ?, ?)",
                [(version_id, key, person, name) for key, person, name in rows],
            )
            c.execute(
                "INSERT INTO screening_indexed (version_id, parts, key_version, name_count, built_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (version_id, parts, key_version, len({r[2] for r in rows}), now_iso()),
            )
            stale = "(SELECT current_version_id FROM sanctions_lists WHERE current_version_id IS NOT NULL)"
            c.execute(f"DELETE FROM screening_keys WHERE version_id NOT IN {stale}")
            c.execute(f"DELETE FROM screening_indexed WHERE version_id NOT IN {stale}")

    def lookup(
        self, version_ids: Sequence[int], keys: Sequence[str], persons: Sequence[int], need: int
    ) -> list[IndexedName]:
        """The names of those versions filed under at least ``need`` of ``keys``."""
        if not version_ids or not keys or not persons:
            return []
        keys_sql, keys_param = self.db.in_list(keys)
        sql = (
            "SELECT n.name_rowid, n.entry_rowid, e.version_id, e.schema, n.name, n.kind, n.family, n.given "
            "FROM sanctions_names n JOIN sanctions_entries e ON e.entry_rowid = n.entry_rowid "
            "WHERE n.name_rowid IN (SELECT name_rowid FROM screening_keys "
            f"WHERE key IN {keys_sql} AND person IN ({marks(len(persons))}) "
            f"AND version_id IN ({marks(len(version_ids))}) GROUP BY name_rowid HAVING count(*) >= ?)"
        )
        return [
            IndexedName(int(r[0]), int(r[1]), int(r[2]), r[3], ListedName(r[4], r[5], r[6], r[7]))
            for r in self.db.execute(sql, (keys_param, *persons, *version_ids, need))
        ]

    def entries(self, entry_rowids: Sequence[int]) -> dict[int, SanctionsEntry]:
        """Entries by their row, with all their names."""
        found: dict[int, SanctionsEntry] = {}
        for part in chunks(sorted(set(entry_rowids))):
            found.update(SQLSanctionsStore(self.db).entries_where(f"e.entry_rowid IN ({marks(len(part))})",
                                                                  part))
        return found
