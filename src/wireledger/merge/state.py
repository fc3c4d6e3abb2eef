"""Where the merger keeps its working state: the ``MergeState`` protocol and an in-memory implementation.

The merger never loads the whole ledger: it asks the state for the events filed under some blocking keys,
the profiles of some events, the scored pairs among some events, and which incident each event is in.
``MemoryState`` keeps all of it in dicts (for evaluations and tests); ``StoredMergeState`` keeps it in
the ledger's tables through the ``IncidentTables`` port (``merge/ports.py``), which the SQLite and
PostgreSQL stores implement.

Edges are stored once, with ``a < b``. A negative score marks a veto (two events that can never be one).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Protocol

from .ports import IncidentTables
from .profile import EventProfile


def document_of(mention: str) -> str:
    return mention.split("#", 1)[0]


class MergeState(Protocol):
    def put_mentions(self, profiles: list[EventProfile], keys: dict[str, list[str]]) -> None:
        """Store new events with their blocking keys (not yet in any incident)."""
        ...

    def delete_mentions(self, mentions: list[str]) -> None:
        """Forget events: their profiles, blocking keys, edges and incident membership."""
        ...

    def mentions_of_document(self, document: str) -> list[str]: ...

    def lookup(self, keys: list[str]) -> dict[str, set[str]]:
        """Events filed under any of ``keys``, each with the keys it was found under."""
        ...

    def profiles(self, mentions: Iterable[str]) -> dict[str, EventProfile]: ...

    def put_edges(self, edges: list[tuple[str, str, float]]) -> None: ...

    def edges_among(self, mentions: set[str]) -> list[tuple[str, str, float]]:
        """Every stored edge whose two ends are both in ``mentions``."""
        ...

    def linked(self, mentions: set[str], threshold: float) -> set[str]:
        """Events joined to any of ``mentions`` by an edge scoring at least ``threshold``."""
        ...

    def incidents_of(self, mentions: Iterable[str]) -> dict[str, str]: ...

    def primaries(self, mentions: Iterable[str]) -> set[str]:
        """Those of ``mentions`` that stand for their whole report (primary profiles)."""
        ...

    def incident_members(self, incident: str) -> list[str]: ...

    def assign(self, assignments: dict[str, str]) -> None:
        """Put events into incidents (creating the incidents that are new)."""
        ...

    def drop_incident(self, incident: str) -> None: ...

    def known_incident(self, incident: str) -> bool:
        """Whether an id is or was in use (live, or redirected)."""
        ...

    def redirect(self, old: str, new: str | None, reason: str) -> None: ...


class MemoryState:
    """``MergeState`` in dicts."""

    def __init__(self) -> None:
        self._profiles: dict[str, EventProfile] = {}
        self._keys: dict[str, list[str]] = {}
        self._index: dict[str, set[str]] = defaultdict(set)
        self._by_doc: dict[str, set[str]] = defaultdict(set)
        self._edges: dict[str, dict[str, float]] = defaultdict(dict)
        self._incident: dict[str, str] = {}
        self._members: dict[str, set[str]] = defaultdict(set)
        self.redirects: dict[str, tuple[str | None, str]] = {}

    def put_mentions(self, profiles: list[EventProfile], keys: dict[str, list[str]]) -> None:
        for p in profiles:
            self._profiles[p.key] = p
            self._keys[p.key] = list(keys.get(p.key, []))
            self._by_doc[p.document].add(p.key)
            for k in self._keys[p.key]:
                self._index[k].add(p.key)

    def delete_mentions(self, mentions: list[str]) -> None:
        for m in mentions:
            p = self._profiles.pop(m, None)
            if p is None:
                continue
            for k in self._keys.pop(m, []):
                self._index[k].discard(m)
                if not self._index[k]:
                    del self._index[k]
            self._by_doc[p.document].discard(m)
            if not self._by_doc[p.document]:
                del self._by_doc[p.document]
            for other in self._edges.pop(m, {}):
                self._edges[other].pop(m, None)
            inc = self._incident.pop(m, None)
            if inc is not None:
                self._members[inc].discard(m)

    def mentions_of_document(self, document: str) -> list[str]:
        return sorted(self._by_doc.get(document, ()))

    def lookup(self, keys: list[str]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for k in keys:
            for m in self._index.get(k, ()):
                out[m].add(k)
        return dict(out)

    def profiles(self, mentions: Iterable[str]) -> dict[str, EventProfile]:
        return {m: self._profiles[m] for m in mentions if m in self._profiles}

    def all_profiles(self) -> list[EventProfile]:
        return list(self._profiles.values())

    def put_edges(self, edges: list[tuple[str, str, float]]) -> None:
        for a, b, s in edges:
            self._edges[a][b] = s
            self._edges[b][a] = s

    def edges_among(self, mentions: set[str]) -> list[tuple[str, str, float]]:
        out = []
        for a in mentions:
            for b, s in self._edges.get(a, {}).items():
                if a < b and b in mentions:
                    out.append((a, b, s))
        return out

    def linked(self, mentions: set[str], threshold: float) -> set[str]:
        out: set[str] = set()
        for a in mentions:
            out.update(b for b, s in self._edges.get(a, {}).items() if s >= threshold)
        return out

    def incidents_of(self, mentions: Iterable[str]) -> dict[str, str]:
        return {m: self._incident[m] for m in mentions if m in self._incident}

    def primaries(self, mentions: Iterable[str]) -> set[str]:
        return {m for m in mentions if m in self._profiles and self._profiles[m].primary}

    def incident_members(self, incident: str) -> list[str]:
        return sorted(self._members.get(incident, ()))

    def assign(self, assignments: dict[str, str]) -> None:
        for m, inc in assignments.items():
            old = self._incident.get(m)
            if old is not None:
                self._members[old].discard(m)
            self._incident[m] = inc
            self._members[inc].add(m)

    def drop_incident(self, incident: str) -> None:
        for m in self._members.pop(incident, set()):
            self._incident.pop(m, None)

    def known_incident(self, incident: str) -> bool:
        return bool(self._members.get(incident)) or incident in self.redirects

    def redirect(self, old: str, new: str | None, reason: str) -> None:
        self.redirects[old] = (new, reason)
        self._members.pop(old, None)

    def incidents(self) -> dict[str, list[str]]:
        return {inc: sorted(ms) for inc, ms in self._members.items() if ms}


class StoredMergeState:
    """``MergeState`` over the ledger's incident tables (``merge.ports.IncidentTables``, implemented by the
    SQLite and PostgreSQL stores), which keep profiles as JSON: this side turns them into ``EventProfile``
    and keeps the parsed ones in a bounded cache (a stored profile never changes: a report read again
    has its events deleted and stored anew, so only deletions need forgetting)."""

    def __init__(self, tables: IncidentTables, cache_size: int = 50_000) -> None:
        self.tables = tables
        self._cache: dict[str, EventProfile] = {}
        self._cache_size = cache_size

    def put_mentions(self, profiles: list[EventProfile], keys: dict[str, list[str]]) -> None:
        self.tables.put_mentions([p.to_dict() for p in profiles], keys)

    def delete_mentions(self, mentions: list[str]) -> None:
        for m in mentions:
            self._cache.pop(m, None)
        self.tables.delete_mentions(mentions)

    def mentions_of_document(self, document: str) -> list[str]:
        return self.tables.mentions_of_document(document)

    def lookup(self, keys: list[str]) -> dict[str, set[str]]:
        return self.tables.lookup(keys)

    def profiles(self, mentions: Iterable[str]) -> dict[str, EventProfile]:
        wanted = set(mentions)
        out = {m: self._cache[m] for m in wanted if m in self._cache}
        for key, data in self.tables.profile_data(wanted - set(out)).items():
            out[key] = EventProfile.from_dict(data)
            if len(self._cache) >= self._cache_size:
                self._cache.pop(next(iter(self._cache)))  # the oldest entry
            self._cache[key] = out[key]
        return out

    def forget(self) -> None:
        """Drop the cache (after a rolled-back transaction, whose profiles may be gone)."""
        self._cache.clear()

    def put_edges(self, edges: list[tuple[str, str, float]]) -> None:
        self.tables.put_edges(edges)

    def edges_among(self, mentions: set[str]) -> list[tuple[str, str, float]]:
        return self.tables.edges_among(mentions)

    def linked(self, mentions: set[str], threshold: float) -> set[str]:
        return self.tables.linked(mentions, threshold)

    def incidents_of(self, mentions: Iterable[str]) -> dict[str, str]:
        return self.tables.incidents_of(mentions)

    def primaries(self, mentions: Iterable[str]) -> set[str]:
        return self.tables.primaries(mentions)

    def incident_members(self, incident: str) -> list[str]:
        return self.tables.incident_members(incident)

    def assign(self, assignments: dict[str, str]) -> None:
        self.tables.assign(assignments)

    def drop_incident(self, incident: str) -> None:
        self.tables.drop_incident(incident)

    def known_incident(self, incident: str) -> bool:
        return self.tables.known_incident(incident)

    def redirect(self, old: str, new: str | None, reason: str) -> None:
        self.tables.redirect(old, new, reason)
