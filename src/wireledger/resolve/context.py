"""Context that raises or lowers a name match: country, birth year, position, rank, affiliation.

:class:`Qualifiers` is what is known about the person screened (from the ledger, or given by hand);
:class:`EntryFacts` is what a list entry says about its person, read once from the entry's fields
and from the sentences of its remarks that speak about that person. :func:`assess` compares the two
and returns :class:`Effect` values, each with the evidence on both sides and a reason.

Agreement closes part of the gap to 1.0 (``score + (1 - score) * share``); disagreement subtracts.
Two disagreements are strong enough to mark a *different person*: a birth year more than two
years off, and an affiliation with a different intelligence, security or police agency (an FSB
officer is not the GRU's first deputy head, whatever his aliases). Positions and ranks only ever
raise a score: people are promoted and move.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rigour.territories import lookup_territory

from ..model.sanctions import SanctionsEntry
from ..model.yaml_data import load_yaml
from .keys import romanise
from .organisations import OrganisationIndex

SHARE = {
    "birth_year": 0.5,
    "birth_year_near": 0.2,
    "affiliation": 0.5,
    "position": 0.4,
    "position_similar": 0.2,
    "country": 0.2,
    "rank": 0.15,
}
PENALTY = {"birth_year": 0.3, "affiliation": 0.3, "country": 0.08}
_YEAR = re.compile(r"(?<!\d)(19\d\d|20[0-3]\d)(?!\d)")
_SENTENCE = re.compile(r"(?<=[.;:])\s+|\n+")
_PRONOUN_START = re.compile(r"^(he|she|his|her)\b", re.I)
_TOKEN = re.compile(r"[a-z0-9]+")
# rank words that are also job titles: read as a role in a position ("Deputy Head", "Chief of Staff")
_ROLE_NOT_RANK = frozenset({"chief", "deputy", "officer", "agent", "director", "commander"})


@dataclass(frozen=True)
class Qualifiers:
    """What is known about the person or organisation being screened."""

    country: str | None = None
    birth_year: int | None = None
    positions: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()
    ranks: tuple[str, ...] = ()
    kind: str | None = None  # person | organization; None screens against both

    def is_empty(self) -> bool:
        return not (self.country or self.birth_year or self.positions or self.affiliations or self.ranks)

    def to_dict(self) -> dict[str, object]:
        return {
            "country": self.country,
            "birth_year": self.birth_year,
            "positions": list(self.positions),
            "affiliations": list(self.affiliations),
            "ranks": list(self.ranks),
            "kind": self.kind,
        }


@dataclass(frozen=True)
class Effect:
    """One qualifier's effect on one match."""

    qualifier: str  # country | birth_year | position | rank | affiliation
    query: str
    entry: str
    change: str  # raised | lowered
    reason: str
    share: float = 0.0  # of the gap to 1.0 closed (raised)
    penalty: float = 0.0  # subtracted (lowered)
    different_person: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "qualifier": self.qualifier,
            "query": self.query,
            "entry": self.entry,
            "change": self.change,
            "reason": self.reason,
            "different_person": self.different_person,
        }


@dataclass
class EntryFacts:
    years: set[int] = field(default_factory=set)
    birth_text: str = ""
    country_texts: list[str] = field(default_factory=list)  # nationalities, countries, birth countries
    orgs: dict[str, str] = field(default_factory=dict)  # org id -> the entry's words
    positions: list[tuple[str, frozenset[str]]] = field(default_factory=list)  # (text, role words)
    ranks: dict[frozenset[str], str] = field(default_factory=dict)


def apply(score: float, effects: list[Effect]) -> float:
    for e in effects:
        if e.share:
            score += (1.0 - score) * e.share
        score -= e.penalty
    return max(0.0, min(1.0, score))


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[str, str], frozenset[str], dict[str, tuple[tuple[str, ...], ...]]]:
    raw = load_yaml(resources.files("wireledger.resolve").joinpath("data/roles.yaml").read_text("utf-8"))
    synonyms: dict[str, str] = {}
    for canon, words in raw["synonyms"].items():
        for w in words:
            synonyms[" ".join(_TOKEN.findall(w.lower()))] = canon
    ranks_raw = load_yaml(
        resources.files("wireledger.resolve").joinpath("data/name_words.yaml").read_text("utf-8")
    )["ranks"]
    ranks: dict[str, list[tuple[str, ...]]] = {}  # first word -> ranks starting with it, longest first
    for rank in sorted({tuple(_TOKEN.findall(r.lower())) for r in ranks_raw}, key=len, reverse=True):
        if rank and rank[0] not in _ROLE_NOT_RANK:
            ranks.setdefault(rank[0], []).append(rank)
    return synonyms, frozenset(raw["ignore"]), {k: tuple(v) for k, v in ranks.items()}


def role_words(text: str, orgs: OrganisationIndex) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """A position as (role words, organisation ids, rank words): "First Deputy Chief of GRU" ->
    ({first, deputy, head}, {ru-gru}, {})."""
    synonyms, ignore, ranks = _vocabulary()
    found = orgs.find(text)
    for words in found.values():
        text = text.replace(words, " ")
    tokens = _TOKEN.findall(text.lower().replace("'s", " "))
    rank_words: set[str] = set()
    out: set[str] = set()
    i = 0
    while i < len(tokens):
        step = _phrase(tokens, i, synonyms, (3, 2))
        if step:
            out.add(synonyms[" ".join(tokens[i : i + step])])
            i += step
            continue
        rank = next((r for r in ranks.get(tokens[i], ()) if tuple(tokens[i : i + len(r)]) == r), None)
        if rank:
            rank_words.add(" ".join(rank))
            i += len(rank)
        elif tokens[i] in synonyms:
            out.add(synonyms[tokens[i]])
            i += 1
        else:
            if tokens[i] not in ignore and not tokens[i].isdigit():
                out.add(tokens[i])
            i += 1
    return frozenset(out), frozenset(found), frozenset(rank_words)


def _phrase(tokens: list[str], i: int, synonyms: dict[str, str], sizes: tuple[int, ...]) -> int:
    for n in sizes:
        if i + n <= len(tokens) and " ".join(tokens[i : i + n]) in synonyms:
            return n
    return 0


def entry_facts(entry: SanctionsEntry, orgs: OrganisationIndex) -> EntryFacts:
    facts = EntryFacts()
    for text in entry.birth_dates:
        facts.years.update(int(y) for y in _YEAR.findall(text))
    facts.birth_text = "; ".join(entry.birth_dates)
    facts.country_texts = [
        *entry.nationalities,
        *entry.countries,
        *(p.split(",")[-1] for p in entry.birth_places),
    ]
    own_texts = [*entry.positions, *entry.affiliations, *entry.titles, *_own_sentences(entry)]
    for text in own_texts:
        orgs.learn(text)
    for text in own_texts:
        for oid, words in orgs.find(text).items():
            facts.orgs.setdefault(oid, _snippet(text, words))
        _, _, ranks = role_words(text, orgs)
        if ranks:
            facts.ranks.setdefault(ranks, text)
    for text in entry.positions:
        roles, _, _ = role_words(text, orgs)
        if roles:
            facts.positions.append((text, roles))
    return facts


def _own_sentences(entry: SanctionsEntry) -> list[str]:
    """Sentences of the remarks that speak about the entry's own person (name them, or start "He")."""
    tokens = {romanise(w) for n in entry.names for w in n.name.replace(",", " ").split() if len(w) >= 4}
    out = []
    for remark in entry.remarks:
        for sentence in _SENTENCE.split(remark):
            words = {romanise(w) for w in sentence.split()}
            if words & tokens or _PRONOUN_START.match(sentence.strip()):
                out.append(sentence.strip())
    return out


def _snippet(text: str, words: str, width: int = 90) -> str:
    if len(text) <= width:
        return text
    at = max(0, text.find(words) - 40)
    return ("..." if at else "") + text[at : at + width].strip() + "..."


@lru_cache(maxsize=20_000)
def country_codes(text: str) -> frozenset[str]:
    """ISO codes of the countries a text names ("Russia / Russie", "(1) Russia (2) Ukraine", "Russian")."""
    out: set[str] = set()
    for piece in re.split(r"\s*(?:/|;|\(\d+\)|\band\b)\s*", text or ""):
        piece = piece.strip(" .,()")
        if not piece:
            continue
        found = lookup_territory(piece)
        if found is not None:
            out.add(found.code)
    return frozenset(out)


def assess(facts: EntryFacts, q: Qualifiers, orgs: OrganisationIndex) -> list[Effect]:
    effects: list[Effect] = []
    if q.birth_year and facts.years:
        diff = min(abs(q.birth_year - y) for y in facts.years)
        if diff == 0:
            effects.append(
                Effect(
                    "birth_year",
                    str(q.birth_year),
                    facts.birth_text,
                    "raised",
                    "same birth year",
                    share=SHARE["birth_year"],
                )
            )
        elif diff == 1:
            effects.append(
                Effect(
                    "birth_year",
                    str(q.birth_year),
                    facts.birth_text,
                    "raised",
                    "birth year one year off",
                    share=SHARE["birth_year_near"],
                )
            )
        elif diff > 2:
            effects.append(
                Effect(
                    "birth_year",
                    str(q.birth_year),
                    facts.birth_text,
                    "lowered",
                    f"born {facts.birth_text}, not {q.birth_year}: a different person",
                    penalty=PENALTY["birth_year"],
                    different_person=True,
                )
            )
    if q.country and facts.country_texts:
        codes = country_codes(q.country)
        theirs = {code: text for text in facts.country_texts for code in country_codes(text)}
        same = sorted(codes & set(theirs))
        if same:
            effects.append(
                Effect(
                    "country", q.country, theirs[same[0]], "raised", "same country", share=SHARE["country"]
                )
            )
        elif codes and theirs:
            effects.append(
                Effect(
                    "country",
                    q.country,
                    "; ".join(dict.fromkeys(theirs.values())),
                    "lowered",
                    "country not among the entry's",
                    penalty=PENALTY["country"],
                )
            )
    effects.extend(_affiliation(facts, q, orgs))
    effects.extend(_position(facts, q, orgs))
    return effects


def _query_orgs(q: Qualifiers, orgs: OrganisationIndex) -> dict[str, str]:
    out: dict[str, str] = {}
    for text in q.affiliations:
        orgs.learn(text)
        found = orgs.find(text)
        if found:
            out.update({k: text for k in found})
        else:
            out.setdefault(orgs.resolve(text), text)
    for text in q.positions:
        out.update({k: text for k in orgs.find(text)})
    return out


def _affiliation(facts: EntryFacts, q: Qualifiers, orgs: OrganisationIndex) -> list[Effect]:
    mine = _query_orgs(q, orgs)
    if not mine or not facts.orgs:
        return []
    for qid, qtext in mine.items():
        for eid, etext in facts.orgs.items():
            if orgs.relation(qid, eid) in ("same", "related"):
                how = "same organisation" if qid == eid else "related organisation"
                return [
                    Effect(
                        "affiliation",
                        qtext,
                        etext,
                        "raised",
                        f"{how}: {orgs.label(eid)}",
                        share=SHARE["affiliation"],
                    )
                ]
    for qid, qtext in mine.items():
        for eid, etext in facts.orgs.items():
            if orgs.relation(qid, eid) == "distinct_agencies":
                return [
                    Effect(
                        "affiliation",
                        qtext,
                        etext,
                        "lowered",
                        f"affiliation conflict: the entry is {orgs.label(eid)}, the query {orgs.label(qid)}: "
                        "a different person",
                        penalty=PENALTY["affiliation"],
                        different_person=True,
                    )
                ]
    return []


def _position(facts: EntryFacts, q: Qualifiers, orgs: OrganisationIndex) -> list[Effect]:
    effects: list[Effect] = []
    query_ranks: dict[frozenset[str], str] = {}
    best: tuple[float, str, str] | None = None
    for text in q.positions:
        words, _, ranks = role_words(text, orgs)
        if ranks:
            query_ranks[ranks] = text
        for etext, ewords in facts.positions:
            if not words:
                continue
            sim = len(words & ewords) / len(words | ewords)
            if best is None or sim > best[0]:
                best = (sim, text, etext)
    for text in q.ranks:
        _, _, ranks = role_words(text, orgs)
        if ranks:
            query_ranks[ranks] = text
    if best is not None and best[0] >= 0.99:
        effects.append(
            Effect("position", best[1], best[2], "raised", "same position", share=SHARE["position"])
        )
    elif best is not None and best[0] >= 0.5:
        effects.append(
            Effect(
                "position", best[1], best[2], "raised", "similar position", share=SHARE["position_similar"]
            )
        )
    for ranks, text in query_ranks.items():
        if ranks in facts.ranks:
            effects.append(
                Effect("rank", text, facts.ranks[ranks], "raised", "same rank", share=SHARE["rank"])
            )
            break
    return effects
