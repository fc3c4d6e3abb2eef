"""Incremental incident merging: a new report joins, starts or links incidents; a retracted one leaves.

For each event of a new report the merger files it under its blocking keys, scores it against the stored
events those keys find, and stores the pairs worth keeping (edges). The *unit* of the new events (every
event connected to them by edges at or above the link threshold) is then cut into incidents again by the
deterministic average-linkage partition; nothing outside that unit is touched. Because blocking keys,
pair scores and the partition depend only on the events themselves, the incidents do not depend on the
order in which reports arrive.

Incident ids are stable: a cluster keeps the id of the incident it shares most events with (ties: the
larger incident, then the smaller id). An incident absorbed by another redirects to it; an incident that
loses all its support (a retracted report) is dropped with a redirect note. New incidents get an id made
from their first event's key, so the same content gives the same id.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from ..model import Reading
from .blocking import index_keys, is_candidate, query_keys
from .partition import partition
from .profile import EventProfile, build_profiles
from .scoring import MergeParams, score_pair
from .state import MergeState

MERGED = "merged into {new}"
RETRACTED = "no remaining support after {doc} was retracted"
REREAD = "no remaining support after {doc} was read again"


@dataclass
class MergeOutcome:
    """What one change did to the ledger's incidents."""

    joined: dict[str, str] = field(default_factory=dict)  # event key -> incident it is now in
    started: list[str] = field(default_factory=list)  # incidents that did not exist before
    redirected: dict[str, str | None] = field(default_factory=dict)  # old id -> new id (None: gone)
    touched: set[str] = field(default_factory=set)  # live incidents whose members changed

    def absorb(self, other: MergeOutcome) -> None:
        self.joined.update(other.joined)
        self.started.extend(i for i in other.started if i not in self.started)
        self.redirected.update(other.redirected)
        self.touched |= other.touched

    def to_dict(self) -> dict[str, object]:
        return {"joined": dict(self.joined), "started": list(self.started),
                "redirected": dict(self.redirected), "touched": sorted(self.touched)}


def new_incident_id(seed: str, taken: MergeState) -> str:
    """``inc_`` and 12 hex digits of the seed's hash; a later free variant if that id was ever used."""
    for n in range(1000):
        raw = seed if n == 0 else f"{seed}/{n}"
        inc = "inc_" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:12]
        if not taken.known_incident(inc):
            return inc
    raise RuntimeError(f"no free incident id for {seed!r}")  # pragma: no cover - 1000 collisions


class IncidentMerger:
    def __init__(self, state: MergeState, params: MergeParams | None = None) -> None:
        self.state = state
        self.params = params or MergeParams()

    # --- adding ----------------------------------------------------------------------------------
    def add_reading(self, reading: Reading) -> MergeOutcome:
        return self.add_profiles(build_profiles(reading))

    def add_profiles(self, profiles: list[EventProfile]) -> MergeOutcome:
        """Merge the events of one report into the ledger. A report already merged is replaced."""
        outcome = MergeOutcome()
        previous: dict[str, str] = {}  # event key -> the incident it was in before this report came again
        emptied: set[str] = set()  # incidents this report alone supported before
        for doc in sorted({p.document for p in profiles}):
            if self.state.mentions_of_document(doc):
                kinds = {p.key: (p.attack, p.type) for p in profiles}
                outcome.absorb(self.remove_document(doc, REREAD, keep=previous, kinds=kinds, emptied=emptied))
        if not profiles:
            return outcome
        # incidents the report's new reading cannot hold again are gone now (their ids must not be
        # handed out afresh); those it may hold again wait for the cut
        self._drop_unused(emptied - set(previous.values()), profiles[0].document, outcome)
        keys = {p.key: index_keys(p) for p in profiles}
        edges: list[tuple[str, str, float]] = []
        own = {q.key for q in profiles}
        for p in profiles:
            found = self.state.lookup(query_keys(p))
            undated = not p.intervals()
            candidates = [m for m, ks in found.items() if m not in own and is_candidate(ks, undated)]
            for _, other in sorted(self.state.profiles(candidates).items()):
                edges.extend(self._edge(p, other))
        self.state.put_mentions(profiles, keys)
        self.state.put_edges(edges)
        new = {p.key for p in profiles}
        unit = self._unit(new)
        outcome.absorb(self._recut(unit, new_members=new, reuse=previous))
        self._drop_unused(emptied, profiles[0].document, outcome)
        return outcome

    def _drop_unused(self, emptied: set[str], document: str, outcome: MergeOutcome) -> None:
        """Incidents a report alone supported, that its new reading no longer supports: gone."""
        for inc in sorted(emptied):
            if not self.state.incident_members(inc) and not self.state.known_incident(inc):
                self.state.redirect(inc, None, REREAD.format(doc=document))
                outcome.redirected[inc] = None
                outcome.touched.discard(inc)

    def _edge(self, a: EventProfile, b: EventProfile) -> list[tuple[str, str, float]]:
        s = score_pair(a, b, self.params)
        lo, hi = (a.key, b.key) if a.key < b.key else (b.key, a.key)
        if s.veto:
            return [(lo, hi, -1.0)] if s.reasons.get("text", 1.0) >= self.params.link else []
        return [(lo, hi, round(s.score, 4))] if s.score >= self.params.floor else []

    def _unit(self, start: set[str]) -> set[str]:
        seen = set(start)
        frontier = set(start)
        while frontier:
            frontier = self.state.linked(frontier, self.params.link) - seen
            seen |= frontier
        return seen

    # --- cutting a unit into incidents -------------------------------------------------------------
    def _recut(self, unit: set[str], new_members: set[str] | None = None,
               reuse: dict[str, str] | None = None) -> MergeOutcome:
        outcome = MergeOutcome()
        if not unit:
            return outcome
        clusters = partition(unit, self.state.edges_among(unit), self.params.link, self.params.average,
                             self.state.primaries(unit))
        current = self.state.incidents_of(unit)
        old_sizes = {inc: len(self.state.incident_members(inc)) for inc in set(current.values())}
        overlaps: list[tuple[int, int, str, int]] = []  # (-overlap, -old size, old id, cluster index)
        for i, cluster in enumerate(clusters):
            for inc, n in Counter(current[m] for m in cluster if m in current).items():
                overlaps.append((-n, -old_sizes[inc], inc, i))
        ids: dict[int, str] = {}
        used: set[str] = set()
        for _, _, inc, i in sorted(overlaps):
            if i not in ids and inc not in used:
                ids[i] = inc
                used.add(inc)
        assignments: dict[str, str] = {}
        final: dict[str, str] = {}
        for i, cluster in enumerate(clusters):
            if i not in ids and reuse:
                # a report read again keeps the ids of the incidents it alone supported
                held = Counter(reuse[m] for m in cluster if m in reuse)
                old = sorted(held.items(), key=lambda kv: (-kv[1], kv[0]))
                free = [o for o, _ in old if o not in used and not self.state.known_incident(o)]
                if free:
                    ids[i] = free[0]
                    used.add(free[0])
                    self.state.assign({cluster[0]: free[0]})
            inc = ids.get(i) or new_incident_id(cluster[0], self.state)
            if i not in ids:
                outcome.started.append(inc)
                self.state.assign({cluster[0]: inc})  # reserve the id before the next new one is made
            for m in cluster:
                final[m] = inc
                if current.get(m) != inc:
                    assignments[m] = inc
                    outcome.touched.add(inc)
                    if m in current:
                        outcome.touched.add(current[m])
                if new_members and m in new_members:
                    outcome.joined[m] = inc
        self.state.assign(assignments)
        for inc in sorted(set(current.values()) - used):
            # an old incident none of whose events kept its id: absorbed by the incident that now holds
            # most of its events
            holders = Counter(final[m] for m, c in current.items() if c == inc)
            target = min(holders, key=lambda t: (-holders[t], t))
            self.state.redirect(inc, target, MERGED.format(new=target))
            outcome.redirected[inc] = target
        outcome.touched = {t for t in outcome.touched if t not in outcome.redirected}
        return outcome

    # --- removing ------------------------------------------------------------------------------------
    def remove_document(self, document: str, reason: str = RETRACTED, keep: dict[str, str] | None = None,
                        kinds: dict[str, tuple[bool, str]] | None = None,
                        emptied: set[str] | None = None) -> MergeOutcome:
        """Take away everything one report supported; incidents left without support are dropped. With
        ``keep`` (the report is read again) they are only emptied, and the events whose new reading is
        still the same kind of happening (``kinds``: key -> (attack, type)) are noted in ``keep``."""
        outcome = MergeOutcome()
        mentions = self.state.mentions_of_document(document)
        if not mentions:
            return outcome
        neighbours = self.state.linked(set(mentions), self.params.link) - set(mentions)
        affected = self.state.incidents_of(mentions)
        if keep is not None:
            old = self.state.profiles(mentions)
            for m, inc in affected.items():
                kind = (kinds or {}).get(m)
                if kind and m in old and ((kind[0] and old[m].attack) or kind[1] == old[m].type):
                    keep[m] = inc
        self.state.delete_mentions(mentions)
        for inc in sorted(set(affected.values())):
            if not self.state.incident_members(inc):
                self.state.drop_incident(inc)
                if keep is None:
                    self.state.redirect(inc, None, reason.format(doc=document))
                    outcome.redirected[inc] = None
                elif emptied is not None:
                    emptied.add(inc)
            else:
                outcome.touched.add(inc)
        done: set[str] = set()
        for n in sorted(neighbours):
            if n in done:
                continue
            unit = self._unit({n})
            done |= unit
            outcome.absorb(self._recut(unit))
        outcome.touched = {t for t in outcome.touched if t not in outcome.redirected}
        return outcome
