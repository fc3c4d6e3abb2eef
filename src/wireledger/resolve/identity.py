"""Cross-document identity: is this report's person (or organisation) one already in the ledger?

A ledger entity is a group of :class:`~wireledger.resolve.identity_members.Member` values (one per
report that names it); :class:`EntityProfile` sums up what its members say. :func:`score` compares a new
member with one profile and returns a :class:`Decision` with the score and every reason:

**People.** Names are compared part by part with :func:`~wireledger.resolve.compare.compare_names`, in
both directions, each of the member's names against each of the entity's (transliteration, patronymics,
name order, titles stripped, initials). A *conflict* with the entity's full names (Ivan against
Vladimir, two different patronymics) rejects the entity whatever the context; an entity that a manual
merge gave two different full names only needs one of them to fit. Then context raises or
lowers the name score (each agreement closes a share of the gap to 1.0; a disagreement subtracts):

==================  ===================================================  ==========================
evidence            raises                                               lowers
==================  ===================================================  ==========================
organisation        same or related organisation (GRU, its ministry) 0.5  different agencies -0.3
role                same role words 0.4, half of them 0.2                 never (people move)
title / rank        same title 0.15 ("Lt. Gen." = "Lieutenant General")  never (people are promoted)
country             same country 0.1                                     another country -0.15
named together      each person also named in both 0.25, organisation    (absence says nothing)
                    0.15, place 0.1 (three at most)
==================  ===================================================  ==========================

A name match resting on one part (a surname alone, or an initial and a surname) is capped at 0.70 by
the comparison, below :data:`MERGE_THRESHOLD`: such a member joins an entity only with supporting
context (same organisation, same role, or people named in both reports).

**Organisations.** One known organisation (``data/organisations.yaml``: acronyms, official names,
translations and reporters' descriptions, so GRU = GU = Main Intelligence Directorate = "Russia's
military intelligence agency") on both sides is the same organisation; two different known ones are
not; otherwise full names are compared word by word, and an acronym against the initials of a long
name only where one side has no full name (two police departments sharing an acronym stay apart).

:func:`choose` picks the entity a member joins: the best passing one, unless the best rests on a
partial name and another entity passes as well (ambiguous: the member starts an entity of its own).
A member named in full never joins an entity that already holds another entity of the same report (the
reading told them apart), unless both carry the same full name; a surname alone may (the reading did not
link it to its full name).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ..model.yaml_data import load_yaml
from .compare import SINGLE_PART_CAP, NameComparison, compare_names, compare_org_names
from .context import country_codes, role_words
from .identity_members import (
    PERSON,
    Member,
    acronyms,
    full_name,
    parsed_names,
)
from .names import PersonName, person_name_key
from .organisations import OrganisationIndex

MERGE_THRESHOLD = 0.8
AMBIGUITY_MARGIN = 0.05
SHARE = {
    "organisation": 0.5,
    "role": 0.4,
    "role_similar": 0.2,
    "title": 0.15,
    "country": 0.1,
    "named_together:p": 0.25,
    "named_together:o": 0.15,
    "named_together:l": 0.1,
}
PENALTY = {"organisation": 0.3, "country": 0.15}
ACRONYM_SCORE = 0.9
_MAX_NAMES = 24  # an entity's most frequent names compared
_MAX_TOGETHER = 3
_TOKEN = re.compile(r"[a-z0-9]+")

JOIN = "join"
BELOW = "below"
CONFLICT = "conflict"
SAME_REPORT = "same_report"
AMBIGUOUS = "ambiguous"


@dataclass(frozen=True)
class Evidence:
    """One piece of context for or against a merge."""

    kind: str  # organisation | role | title | country | named_together
    detail: str
    share: float = 0.0
    penalty: float = 0.0

    @property
    def reason(self) -> str:
        sign = f"+{self.share:.2f} of the gap" if self.share else f"-{self.penalty:.2f}"
        return f"{self.kind}: {self.detail} ({sign})"


@dataclass
class Decision:
    """A member compared with one ledger entity: the score and the reasons, and what was decided."""

    entity: str
    score: float
    name_score: float
    verdict: str  # join | below | conflict | same_report | ambiguous
    name: str = ""  # the entity's name that matched best
    explanation: str = ""  # of the name comparison
    evidence: list[Evidence] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def partial_name(self) -> bool:
        """The name match rests on one part (a surname alone, an initial and a surname)."""
        return self.name_score <= SINGLE_PART_CAP + 1e-9

    @property
    def reasons(self) -> list[str]:
        head = f"name {self.name_score:.2f}" + (f" against '{self.name}'" if self.name else "")
        if self.explanation:
            head += f": {self.explanation}"
        return [head, *(e.reason for e in self.evidence), *self.notes]

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "score": round(self.score, 3),
            "name_score": round(self.name_score, 3),
            "verdict": self.verdict,
            "name": self.name,
            "reasons": self.reasons,
        }


@dataclass
class EntityProfile:
    """What the members of one ledger entity say, summed up."""

    id: str
    kind: str  # person | organization
    names: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    titles: Counter[str] = field(default_factory=Counter)
    # text -> {text, title, organization, since (the earliest start a member gives)}
    roles: dict[str, dict[str, Any]] = field(default_factory=dict)
    descriptions: Counter[str] = field(default_factory=Counter)
    orgs: dict[str, str] = field(default_factory=dict)
    countries: Counter[str] = field(default_factory=Counter)
    context: Counter[str] = field(default_factory=Counter)
    context_names: dict[str, str] = field(default_factory=dict)
    documents: Counter[str] = field(default_factory=Counter)
    full_keys: set[str] = field(default_factory=set)  # person_name_key of its full names
    mentions: int | None = 0  # spans of all its members; None when a member's count was not kept

    @classmethod
    def of(cls, entity_id: str, members: list[Member]) -> EntityProfile:
        kind = members[0].kind if members else PERSON
        profile = cls(entity_id, kind)
        for m in members:
            profile.add(m)
        return profile

    def add(self, m: Member) -> None:
        self.names.update(m.names)
        self.types[m.type] += 1
        self.titles.update(dict.fromkeys(m.titles, 1))
        for r in m.roles:
            kept = self.roles.setdefault(r["text"], dict(r))
            since = r.get("since")
            if since and (not kept.get("since") or since < kept["since"]):
                kept["since"] = since  # the earliest start any report gives
        self.descriptions.update(dict.fromkeys(m.descriptions, 1))
        for oid, words in m.orgs.items():
            self.orgs.setdefault(oid, words)
        if m.country:
            self.countries[m.country] += 1
        for key, label in m.context.items():
            self.context[key] += 1
            self.context_names.setdefault(key, label)
        self.documents[m.document] += 1
        self.mentions = None if self.mentions is None or m.mentions is None else self.mentions + m.mentions
        if m.kind == PERSON:
            self.full_keys.update(person_name_key(p) for p in parsed_names(m.names) if full_name(p))

    @property
    def type(self) -> str:
        return self.types.most_common(1)[0][0] if self.types else self.kind

    def display_name(self) -> str:
        """The name most members use, preferring full names (given and family) and then longer ones."""
        if not self.names:
            return self.id
        if self.kind == PERSON:

            def rank(item: tuple[str, int]) -> tuple[bool, int, int]:
                parsed = parse(item[0])
                return (full_name(parsed), item[1], len(parsed.significant))
        else:

            def rank(item: tuple[str, int]) -> tuple[bool, int, int]:
                return (len(item[0]) > 4, item[1], len(item[0]))

        return max(self.names.items(), key=rank)[0]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EntityProfile:
        context = d.get("context") or {}
        profile = cls(
            d["id"],
            d["kind"],
            Counter(d.get("names") or {}),
            Counter(d.get("types") or {}),
            Counter(d.get("titles") or {}),
            {r["text"]: dict(r) for r in d.get("roles") or []},
            Counter(d.get("descriptions") or {}),
            dict(d.get("orgs") or {}),
            Counter(d.get("countries") or {}),
            Counter({k: int(v["reports"]) for k, v in context.items()}),
            {k: str(v["name"]) for k, v in context.items()},
            Counter(d.get("documents") or {}),
        )
        profile.mentions = d.get("mentions")
        if profile.kind == PERSON:
            profile.full_keys = {
                person_name_key(p) for p in parsed_names(list(profile.names)) if full_name(p)
            }
        return profile

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "type": self.type,
            "name": self.display_name(),
            "names": dict(self.names.most_common()),
            "types": dict(self.types),
            "titles": dict(self.titles.most_common()),
            "roles": list(self.roles.values()),
            "descriptions": dict(self.descriptions.most_common()),
            "orgs": dict(self.orgs),
            "countries": dict(self.countries.most_common()),
            "documents": dict(self.documents),
            "mentions": self.mentions,
            "context": {
                k: {"name": self.context_names.get(k, k), "reports": n} for k, n in self.context.most_common()
            },
        }


@lru_cache(maxsize=50_000)
def parse(name: str) -> PersonName:
    from .names import parse_person_name

    return parse_person_name(name)


# --- scoring ---------------------------------------------------------------------------------------


def score(
    member: Member, profile: EntityProfile, orgs: OrganisationIndex, threshold: float = MERGE_THRESHOLD
) -> Decision:
    """Compare a member with a ledger entity's profile: score, verdict and reasons."""
    if member.kind != profile.kind:
        return Decision(profile.id, 0.0, 0.0, BELOW, notes=["a person and an organisation"])
    decision = (
        _score_person(member, profile, orgs) if member.kind == PERSON else _score_org(member, profile, orgs)
    )
    if decision.verdict == CONFLICT:
        return decision
    if member.document in profile.documents and _full(member) and not _same_full_name(member, profile):
        decision.verdict = SAME_REPORT
        decision.notes.append("the report names them as two different entities")
        return decision
    decision.verdict = JOIN if decision.score >= threshold else BELOW
    return decision


def _full(member: Member) -> bool:
    """A person named in full, or any organisation: a second such entity in one report is someone else
    (a surname alone the reading did not link to its full name may still be the same person)."""
    return member.kind != PERSON or any(full_name(p) for p in parsed_names(member.names))


def _same_full_name(member: Member, profile: EntityProfile) -> bool:
    if member.kind != PERSON:
        return member.name in profile.names
    return any(full_name(p) and person_name_key(p) in profile.full_keys for p in parsed_names(member.names))


def _score_person(member: Member, profile: EntityProfile, orgs: OrganisationIndex) -> Decision:
    mine = parsed_names(member.names)
    theirs = [parse(n) for n, _ in profile.names.most_common(_MAX_NAMES)]
    theirs = [p for p in theirs if p.parts]
    best: tuple[NameComparison, str] | None = None
    clash: tuple[float, str, str, str] | None = None
    agrees_with_full = False  # some full name of the entity is compatible with the member's
    for a in mine:
        for b in theirs:
            there, back = compare_names(a, b), compare_names(b, a)
            conflicts = there.conflicts or back.conflicts
            if conflicts:
                if clash is None:
                    clash = (min(there.score, back.score), b.original, "; ".join(conflicts), a.original)
                continue
            agrees_with_full = agrees_with_full or full_name(b)
            found = there if there.score >= back.score else back
            if best is None or found.score > best[0].score:
                best = (found, b.original)
    if clash is not None and not agrees_with_full:
        # a name conflicting with every full name the entity carries is someone else, whatever the context
        # (a manual merge can teach an entity two names: then the member only needs to fit one of them)
        low, other, why, mine_ = clash
        return Decision(profile.id, low, low, CONFLICT, other, why,
                        notes=[f"'{mine_}' and '{other}' are different names: never merged"])
    if best is None:
        return Decision(profile.id, 0.0, 0.0, BELOW, notes=["no name to compare"])
    comparison, matched = best
    evidence = person_context(member, profile, orgs)
    final = apply(comparison.score, evidence)
    return Decision(profile.id, final, comparison.score, BELOW, matched, comparison.explanation, evidence)


def apply(value: float, evidence: list[Evidence]) -> float:
    for e in evidence:
        value += (1.0 - value) * e.share
        value -= e.penalty
    return max(0.0, min(1.0, value))


def person_context(member: Member, profile: EntityProfile, orgs: OrganisationIndex) -> list[Evidence]:
    """What the member's report and the entity's reports both say (or disagree on) about the person."""
    out: list[Evidence] = []
    org = _organisation_evidence(member.orgs, profile.orgs, orgs)
    if org is not None:
        out.append(org)
    role = _role_evidence(member, profile, orgs)
    if role is not None:
        out.append(role)
    mine = {_title_key(t): t for t in member.titles}
    theirs = {_title_key(t): t for t in profile.titles}
    same = sorted(k for k in mine.keys() & theirs.keys() if k)
    if same:
        out.append(Evidence("title", f"'{mine[same[0]]}' = '{theirs[same[0]]}'", share=SHARE["title"]))
    if member.country and profile.countries:
        if member.country in profile.countries:
            out.append(Evidence("country", f"both {member.country}", share=SHARE["country"]))
        elif not (country_codes(member.country) & {c for k in profile.countries for c in country_codes(k)}):
            out.append(
                Evidence(
                    "country",
                    f"{member.country}, not {', '.join(profile.countries)}",
                    penalty=PENALTY["country"],
                )
            )
    out.extend(together(member, profile))
    return out


def _organisation_evidence(
    mine: dict[str, str], theirs: dict[str, str], orgs: OrganisationIndex
) -> Evidence | None:
    for a, a_words in mine.items():
        for b, b_words in theirs.items():
            how = orgs.relation(a, b)
            if how in ("same", "related"):
                label = orgs.label(b)
                return Evidence(
                    "organisation",
                    f"{how} organisation {label} ('{a_words}' / '{b_words}')",
                    share=SHARE["organisation"],
                )
    for a in mine:
        for b in theirs:
            if orgs.relation(a, b) == "distinct_agencies":
                return Evidence(
                    "organisation",
                    f"different agencies: {orgs.label(a)} vs {orgs.label(b)}",
                    penalty=PENALTY["organisation"],
                )
    return None


def _role_evidence(member: Member, profile: EntityProfile, orgs: OrganisationIndex) -> Evidence | None:
    best: tuple[float, str, str] | None = None
    for r in member.roles:
        words, _, _ = role_words(r["text"], orgs)
        if not words:
            continue
        for other in profile.roles.values():
            theirs, _, _ = role_words(other["text"], orgs)
            if not theirs:
                continue
            sim = len(words & theirs) / len(words | theirs)
            if best is None or sim > best[0]:
                best = (sim, r["text"], other["text"])
    if best is None or best[0] < 0.5:
        return None
    same = best[0] >= 0.99
    return Evidence(
        "role",
        f"{'same' if same else 'similar'} role: '{best[1]}' / '{best[2]}'",
        share=SHARE["role" if same else "role_similar"],
    )


def together(member: Member, profile: EntityProfile) -> list[Evidence]:
    """People, organisations and places named both in the member's report and in the entity's."""
    own = {"p:" + person_name_key(p) for p in parsed_names(member.names)}
    shared = [k for k in member.context if k in profile.context and k not in own]
    shared.sort(key=lambda k: (-SHARE["named_together:" + k[0]], k))
    out = []
    for key in shared[:_MAX_TOGETHER]:
        what = {"p": "person", "o": "organisation", "l": "place"}[key[0]]
        out.append(
            Evidence(
                "named_together",
                f"{what} '{member.context[key]}' in both reports",
                share=SHARE["named_together:" + key[0]],
            )
        )
    return out


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[dict[str, str], frozenset[str]]:
    raw = load_yaml(
        resources.files("wireledger.resolve").joinpath("data/title_abbreviations.yaml").read_text("utf-8")
    )
    return {k: v for k, v in raw["words"].items()}, frozenset(raw["ignore"])


@lru_cache(maxsize=10_000)
def _title_key(title: str) -> str:
    words, ignore = _abbreviations()
    out = []
    for tok in _TOKEN.findall(title.lower()):
        if tok in ignore:
            continue
        out.append(words.get(tok, tok))
    return " ".join(out)


def _score_org(member: Member, profile: EntityProfile, orgs: OrganisationIndex) -> Decision:
    known_mine = {k: v for k, v in member.orgs.items() if not k.startswith("name:")}
    known_theirs = {k: v for k, v in profile.orgs.items() if not k.startswith("name:")}
    same = sorted(known_mine.keys() & known_theirs.keys())
    if same:
        oid = same[0]
        detail = f"same organisation {orgs.label(oid)}: '{known_mine[oid]}' = '{known_theirs[oid]}'"
        return Decision(profile.id, 1.0, 1.0, BELOW, known_theirs[oid], detail)
    if known_mine and known_theirs:
        detail = (
            f"different organisations: {', '.join(orgs.label(k) for k in sorted(known_mine))} vs "
            f"{', '.join(orgs.label(k) for k in sorted(known_theirs))}"
        )
        return Decision(profile.id, 0.0, 0.0, CONFLICT, "", detail)
    theirs = [b for b, _ in profile.names.most_common(_MAX_NAMES)]
    pairs = [(a, b) for a in member.names for b in theirs]
    # full names on both sides decide: a shared acronym (CPD) cannot join two different police departments
    full = [(a, b) for a, b in pairs if not _is_acronym(a) and not _is_acronym(b)]
    best: tuple[float, str, str] = (0.0, "", "")
    for a, b in full or pairs:
        found = compare_org_names(a, b)
        if found.score > best[0]:
            best = (found.score, b, found.explanation)
    if best[0] < MERGE_THRESHOLD and not full:
        for a in member.names:
            for b in theirs:
                if acronyms(a) & acronyms(b) and _is_acronym(a) != _is_acronym(b):
                    short, long_ = (a, b) if _is_acronym(a) else (b, a)
                    best = (ACRONYM_SCORE, b, f"{short} is the acronym of {long_}")
    return Decision(profile.id, best[0], best[0], BELOW, best[1], best[2])


def _is_acronym(name: str) -> bool:
    return bool(acronyms(name)) and " " not in name.strip()


def choose(decisions: list[Decision]) -> Decision | None:
    """The decision to follow: the best joining one, or None (the member starts an entity of its own).

    Decisions are sorted best first in place; when the best one rests on a partial name and another
    entity passes too, the member is ambiguous and both are marked so.
    """
    decisions.sort(key=lambda d: (d.verdict != JOIN, -d.score, -d.name_score, d.entity))
    passing = [d for d in decisions if d.verdict == JOIN]
    if not passing:
        return None
    best = passing[0]
    if len(passing) > 1 and best.partial_name and passing[1].score >= best.score - AMBIGUITY_MARGIN:
        for d in passing:
            d.verdict = AMBIGUOUS
            d.notes.append(f"ambiguous: {len(passing)} entities fit a partial name equally well")
        return None
    return best
