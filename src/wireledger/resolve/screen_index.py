"""Screening through the index kept in the ledger (``ScreeningIndexTables``), so that screening one name
costs a few lookups instead of reading and parsing every loaded list.

:func:`refresh_index` builds the index of each current list version that has none, or whose companion
parts or key rules (:data:`~wireledger.resolve.screen.INDEX_VERSION`) changed since it was built; loading
lists calls it, and so does opening a :class:`StoredScreener` (a ledger loaded before the index existed).
:class:`StoredScreener` scores exactly as the in-memory :class:`~wireledger.resolve.screen.Screener`
does (the same keys, the same candidates in the same order); it reads only the candidates' entries.
"""

from __future__ import annotations

from ..model.sanctions import SCREENED_KINDS, IndexState, ListVersionRef, SanctionsEntry
from .compare import OrgName
from .names import PersonName
from .ports import ScreeningIndexTables
from .screen import DEFAULT_THRESHOLD, INDEX_VERSION, _Indexed, _Scoring, index_name, query_keys


def index_rows(tables: ScreeningIndexTables, version_id: int) -> list[tuple[str, int, int]]:
    """(key, person 1/0, name row) for every screened name of a list version."""
    rows: list[tuple[str, int, int]] = []
    for found in tables.names_of(version_id):
        if found.listed.kind not in SCREENED_KINDS:
            continue
        item, keys = index_name(found.entry_rowid, found.schema, found.listed)
        person = int(item.person is not None)
        rows.extend((key, person, found.name_rowid) for key in sorted(keys))
    return rows


def _due(state: IndexState) -> bool:
    return state.built_parts != state.parts or state.built_key_version != INDEX_VERSION


def refresh_index(tables: ScreeningIndexTables) -> list[IndexState]:
    """Build the index of every current list version that needs it; the current versions' states."""
    states = tables.state()
    for state in states:
        if _due(state):
            assert state.ref.version_id is not None
            tables.replace(state.ref.version_id, state.parts, INDEX_VERSION,
                           index_rows(tables, state.ref.version_id))
    return tables.state() if any(map(_due, states)) else states


class StoredScreener(_Scoring):
    """Screening against every list's current version through the ledger's stored index."""

    def __init__(self, tables: ScreeningIndexTables, threshold: float = DEFAULT_THRESHOLD) -> None:
        super().__init__(threshold)
        self.tables = tables
        states = refresh_index(tables)
        self._refs = {s.ref.version_id: s.ref for s in states if s.ref.version_id is not None}
        self._order = {v: i for i, v in enumerate(self._refs)}  # lists in list-id order, as Screener
        self._entry_count = sum(s.entries for s in states)
        self._entries: dict[int, tuple[ListVersionRef, SanctionsEntry]] = {}

    def __len__(self) -> int:
        return self._entry_count

    def _entry(self, entry_no: int) -> tuple[ListVersionRef, SanctionsEntry]:
        return self._entries[entry_no]

    def _lookup(self, person: PersonName, org: OrgName, kinds: list[bool]) -> list[_Indexed]:
        keys, need = query_keys(person, org)
        found = self.tables.lookup(list(self._refs), keys, [int(k) for k in kinds], need)
        found.sort(key=lambda f: (self._order[f.version_id], f.entry_rowid, f.name_rowid))
        missing = {f.entry_rowid for f in found} - self._entries.keys()
        if missing:
            version_of = {f.entry_rowid: f.version_id for f in found}
            for rowid, entry in self.tables.entries(sorted(missing)).items():
                self._entries[rowid] = (self._refs[version_of[rowid]], entry)
        return [index_name(f.entry_rowid, f.schema, f.listed)[0] for f in found]
