"""Screening names against loaded sanctions lists: an index, candidates, scores and reasons.

:class:`Screener` holds the current version of every loaded list. Names are indexed under the
skeleton key of each of their parts (:mod:`wireledger.resolve.keys`), so a query only meets entries
sharing a part in some romanisation: for a query of two or more parts, a candidate must share keys
with two of them (a single shared part could never reach the threshold: see
:mod:`wireledger.resolve.compare`). Candidates are scored by :func:`compare_names` (people) or
:func:`compare_org_names` (organisations), their best name kept, then context (qualifiers) applied
(:mod:`wireledger.resolve.context`).

Results pass the threshold best first (``matches``); candidates whose name passed but whose context
pushed them below it are kept apart (``set_aside``) with the reasons, so a user sees why an alias
like PANYAEV's "Vladimir ALEXEEV" was not taken for the GRU's Vladimir Alexseyev.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..model.sanctions import PERSON, SCREENED_KINDS, ListedName, ListVersionRef, SanctionsEntry
from .compare import (
    SINGLE_PART_CAP,
    NameComparison,
    OrgName,
    compare_names,
    compare_org_names,
    name_score,
    parse_org_name,
)
from .context import Effect, EntryFacts, Qualifiers, apply, assess, entry_facts
from .names import PersonName, Role, parse_person_name
from .organisations import OrganisationIndex

DEFAULT_THRESHOLD = 0.80
_CONTEXT_FLOOR = 0.5  # names scoring below this are not rescued by context


@dataclass
class Match:
    """One list entry found for a query, with its score and the reasons for it."""

    source: ListVersionRef  # the list version the entry was read from
    entry: SanctionsEntry
    matched_name: str
    name_score: float
    score: float
    comparison: NameComparison
    effects: list[Effect] = field(default_factory=list)

    @property
    def different_person(self) -> bool:
        return any(e.different_person for e in self.effects)

    @property
    def reasons(self) -> list[str]:
        return [e.reason for e in self.effects]

    def summary(self) -> str:
        bits = [f"name {self.name_score:.2f}: {self.comparison.explanation}"]
        bits.extend(
            f"{e.qualifier} {e.change} ({e.reason}; query '{e.query}', entry '{e.entry}')"
            for e in self.effects
        )
        return " | ".join(bits)

    def to_dict(self) -> dict[str, Any]:
        e = self.entry
        return {
            "list": self.source.list_id,
            "list_title": self.source.title,
            "list_version": self.source.version_date,
            "version_id": self.source.version_id,
            "entry_id": e.entry_id,
            "schema": e.schema,
            "name": e.caption,
            "matched_name": self.matched_name,
            "score": round(self.score, 3),
            "name_score": round(self.name_score, 3),
            "programs": e.programs,
            "positions": e.positions,
            "birth_dates": e.birth_dates,
            "nationalities": e.nationalities,
            "different_person": self.different_person,
            "explanation": {
                "summary": self.summary(),
                "name": self.comparison.to_dict(),
                "qualifiers": [x.to_dict() for x in self.effects],
            },
        }


@dataclass
class ScreeningResult:
    query: str
    qualifiers: Qualifiers
    threshold: float
    matches: list[Match]
    set_aside: list[Match]

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "qualifiers": self.qualifiers.to_dict(),
            "threshold": self.threshold,
            "matches": [m.to_dict() for m in self.matches],
            "set_aside": [m.to_dict() for m in self.set_aside],
        }


# which keys a name is filed under; stored indexes built with another version are rebuilt
INDEX_VERSION = "wireledger.screen-keys.v1"


@dataclass
class _Indexed:
    entry_no: int
    listed: ListedName
    person: PersonName | None
    org: OrgName | None


def index_name(entry_no: int, schema: str, listed: ListedName) -> tuple[_Indexed, set[str]]:
    """A listed name parsed as a person's (entries of the person schema) or an organisation's, and the
    keys it is filed under: the skeleton of each part that is not a particle (nor an initial)."""
    if schema == PERSON:
        person = parse_person_name(listed.name, listed.family, listed.given, strip=False)
        keys = {p.skeleton for p in person.parts if p.role not in (Role.PARTICLE, Role.INITIAL)}
        item = _Indexed(entry_no, listed, person, None)
    else:
        org = parse_org_name(listed.name)
        keys = {p.skeleton for p in org.parts if p.role is not Role.PARTICLE}
        item = _Indexed(entry_no, listed, None, org)
    keys.discard("")
    return item, keys


def query_keys(person: PersonName, org: OrgName) -> tuple[list[str], int]:
    """The keys a query looks up (one per part, in order, each once) and how many of them a candidate
    must share: two, or one when the query has a single key."""
    parts = [p.skeleton for p in person.parts if p.role not in (Role.PARTICLE, Role.INITIAL)]
    org_parts = [p.skeleton for p in org.parts if p.role is not Role.PARTICLE]
    if len(org_parts) > len(parts):
        parts = org_parts
    if not all(parts):
        parts = [k for k in parts if k]  # a part without a key is no part
    keys = list(dict.fromkeys(parts))
    return keys, min(2, len(keys))


class _Scoring:
    """What every screener shares: scoring the candidates its index finds, context, ranking. A screener
    says how it finds candidates (``_lookup``) and reads an entry (``_entry``)."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold
        self.orgs = OrganisationIndex.default()
        self._facts: dict[int, EntryFacts] = {}

    def _entry(self, entry_no: int) -> tuple[ListVersionRef, SanctionsEntry]:
        raise NotImplementedError

    def _lookup(self, person: PersonName, org: OrgName, kinds: list[bool]) -> list[_Indexed]:
        """Indexed names (people: kind True, others: False) sharing keys with two query parts (or the only
        one), in index order (entry, then name)."""
        raise NotImplementedError

    def facts(self, entry_no: int) -> EntryFacts:
        found = self._facts.get(entry_no)
        if found is None:
            found = self._facts[entry_no] = entry_facts(self._entry(entry_no)[1], self.orgs)
        return found

    def screen(
        self,
        query: str,
        qualifiers: Qualifiers | None = None,
        threshold: float | None = None,
        limit: int = 25,
    ) -> ScreeningResult:
        q = qualifiers or Qualifiers()
        threshold = self.threshold if threshold is None else threshold
        person = parse_person_name(query)
        if person.titles:
            q = Qualifiers(
                q.country, q.birth_year, q.positions, q.affiliations, (*q.ranks, *person.titles), q.kind
            )
        org = parse_org_name(query)
        best: dict[int, tuple[float, _Indexed]] = {}  # entry -> (name score, indexed name)
        # one name part alone is capped below any usual threshold: skip people unless context may lift it
        one_part = len([p for p in person.parts if p.role not in (Role.PARTICLE, Role.INITIAL)]) < 2
        skip_people = one_part and q.is_empty() and threshold > SINGLE_PART_CAP
        seen: dict[int, float] = {}  # the same parsed name (an alias printed twice) is scored once
        kinds = [
            k
            for k in (True, False)
            if not (k and skip_people) and (q.kind is None or k == (q.kind == PERSON))
        ]
        for item in self._lookup(person, org, kinds):
            if item.person is not None:
                key = id(item.person)
                score = seen.get(key)
                if score is None:
                    score = seen[key] = name_score(person, item.person)
            else:
                assert item.org is not None
                score = compare_org_names(org, item.org).score
            prev = best.get(item.entry_no)
            if prev is None or score > prev[0]:
                best[item.entry_no] = (score, item)
        floor = threshold if q.is_empty() else min(threshold, _CONTEXT_FLOOR)
        matches: list[Match] = []
        set_aside: list[Match] = []
        for entry_no, (score_of_name, item) in best.items():
            if score_of_name < floor:
                continue
            if item.person is not None:
                cmp = compare_names(person, item.person)
            else:
                assert item.org is not None
                cmp = compare_org_names(org, item.org)
            name_score_, matched = cmp.score, item.listed.name
            ref, entry = self._entry(entry_no)
            effects = [] if q.is_empty() else assess(self.facts(entry_no), q, self.orgs)
            score = apply(name_score_, effects)
            if cmp.conflicts:
                score = min(score, name_score_)  # context never outweighs conflicting names
            m = Match(ref, entry, matched, name_score_, score, cmp, effects)
            if score >= threshold:
                matches.append(m)
            elif name_score_ >= threshold:
                set_aside.append(m)
        matches.sort(key=_rank_key)
        set_aside.sort(key=_rank_key)
        return ScreeningResult(query, q, threshold, matches[:limit], set_aside[:limit])



class Screener(_Scoring):
    """The current version of every loaded list, indexed in memory for screening."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        super().__init__(threshold)
        self._entries: list[tuple[ListVersionRef, SanctionsEntry]] = []
        self._names: list[_Indexed] = []
        self._postings: dict[bool, dict[str, list[int]]] = {True: {}, False: {}}  # person? -> key -> names

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def name_count(self) -> int:
        return len(self._names)

    def add(self, ref: ListVersionRef, entries: list[SanctionsEntry]) -> None:
        for entry in entries:
            entry_no = len(self._entries)
            self._entries.append((ref, entry))
            for listed in entry.names:
                if listed.kind not in SCREENED_KINDS:
                    continue
                item, keys = index_name(entry_no, entry.schema, listed)
                if not keys:
                    continue
                name_no = len(self._names)
                self._names.append(item)
                postings = self._postings[item.person is not None]
                for key in keys:
                    postings.setdefault(key, []).append(name_no)

    def _entry(self, entry_no: int) -> tuple[ListVersionRef, SanctionsEntry]:
        return self._entries[entry_no]

    def _lookup(self, person: PersonName, org: OrgName, kinds: list[bool]) -> list[_Indexed]:
        keys, need = query_keys(person, org)
        counts: Counter[int] = Counter()
        for key in keys:
            hits: set[int] = set()
            for kind in kinds:
                hits.update(self._postings[kind].get(key, ()))
            counts.update(hits)
        return [self._names[n] for n in sorted(n for n, c in counts.items() if c >= need)]


def _rank_key(m: Match) -> tuple[float, float, str, str]:
    return (-m.score, -m.name_score, m.source.list_id, m.entry.entry_id)
