"""The incident record: one happening as the ledger shows it, every value with the reports that give it.

For each field (type, date, place, killed, wounded, who claimed it, ...) the record lists every value the
member reports give, each with its support: which reports, which attribution chains, whether an official
source is among them, how many independent sources. Where reports disagree the field has a *conflict*,
and the record still names a best estimate, by this rule (docs/incidents.md):

1. the value given by the most independent sources;
2. then the value an official source gives (police, a ministry, investigators...);
3. then the value of the latest report (death tolls rise as the wounded die);
4. then, to stay deterministic, the smallest value.

Independent sources: reports are grouped so that copies count once. Near-duplicate copies are linked by
the store and never read twice; among the read reports, two from the same outlet, or two whose texts are
nearly the same (a wire story lightly edited), are one source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..resolve.keys import romanise
from .profile import STORY_TYPE, EventProfile, Fact, date_interval, is_official, ordinal_text, place_key
from .text import cosine

SAME_STORY = 0.9  # text vectors at least this close are one story told twice
SINGLE_VALUED = ("type", "date", "place", "killed", "wounded", "attempt", "perpetrator_status", "claimed_by",
                 "target_type")
MULTI_VALUED = ("perpetrator", "victim", "target", "weapon")
_ARTICLE = re.compile(r"^(?:the|al|el|a)\s+")


@dataclass
class Support:
    document: str
    published: str | None
    outlet: str | None
    title: str | None
    chains: list[list[str]]
    start: int | None
    end: int | None

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "published": self.published, "outlet": self.outlet,
                "title": self.title, "chains": self.chains, "start": self.start, "end": self.end}


@dataclass
class ValueSupport:
    value: Any
    support: list[Support] = field(default_factory=list)
    sources: int = 0  # independent sources
    official: bool = False
    latest: str = ""

    @property
    def documents(self) -> list[str]:
        return sorted({s.document for s in self.support})

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "sources": self.sources, "official": self.official,
                "documents": self.documents, "support": [s.to_dict() for s in self.support]}


@dataclass
class FieldView:
    name: str
    values: list[ValueSupport]  # best first
    conflict: bool

    @property
    def best(self) -> Any:
        return self.values[0].value if self.values else None

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.name, "best": self.best, "conflict": self.conflict,
                "values": [v.to_dict() for v in self.values]}


@dataclass
class IncidentRecord:
    id: str
    fields: dict[str, FieldView]
    documents: list[dict[str, Any]]
    sources: int
    first_reported: str | None
    last_reported: str | None
    date_lo: int | None
    date_hi: int | None
    precision: str
    background_only: bool
    people: list[dict[str, Any]]
    place: dict[str, Any]
    places: list[str] = field(default_factory=list)  # every place name a member report gives

    def best(self, name: str) -> Any:
        view = self.fields.get(name)
        return view.best if view else None

    @property
    def conflicts(self) -> list[FieldView]:
        return [f for f in self.fields.values() if f.conflict]

    def summary(self) -> dict[str, Any]:
        """The headline values (what ``incidents`` lists and filters on)."""
        return {
            "id": self.id, "type": self.best("type"), "date": self.best("date"), "precision": self.precision,
            # the first and last possible day, as proleptic ordinals (for sorting) and as dates
            "date_lo": self.date_lo, "date_hi": self.date_hi,
            "date_first": _iso(self.date_lo), "date_last": _iso(self.date_hi),
            "date_label": date_label(self.date_lo, self.date_hi, self.precision),
            "place": self.best("place"), "city": self.place.get("city"), "region": self.place.get("region"),
            "country": self.place.get("country"), "killed": self.best("killed"),
            "wounded": self.best("wounded"), "reports": len(self.documents), "sources": self.sources,
            "first_reported": self.first_reported, "last_reported": self.last_reported,
            "conflicts": [f.name for f in self.conflicts], "background_only": self.background_only,
            "places": self.places,
        }

    def to_dict(self) -> dict[str, Any]:
        d = self.summary()
        d["fields"] = {k: v.to_dict() for k, v in self.fields.items()}
        d["documents"] = self.documents
        d["people"] = self.people
        return d


def name_value_key(value: Any) -> str:
    """Grouping key of a named value: case, accents, a leading article or "al-" folded."""
    text = re.sub(r"[\-\u2010-\u2015]", " ", str(value).lower())
    text = _ARTICLE.sub("", text.strip())
    return " ".join(romanise(w) for w in text.split() if romanise(w))


def _value_key(name: str, value: Any) -> Any:
    if name in ("claimed_by", "perpetrator", "victim", "target"):
        return name_value_key(value)
    if name == "place":
        return place_key(str(value).split(",")[0]) if value else value
    return value


def independent_groups(profiles: Sequence[EventProfile]) -> dict[str, int]:
    """Document -> index of its independent-source group (same outlet, or nearly the same text)."""
    docs: dict[str, EventProfile] = {}
    for p in sorted(profiles, key=lambda p: (not p.primary, p.key)):
        docs.setdefault(p.document, p)
    order = sorted(docs)
    parent = {d: d for d in order}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, a in enumerate(order):
        for b in order[i + 1:]:
            pa, pb = docs[a], docs[b]
            same_outlet = bool(pa.outlet) and (pa.outlet or "").lower() == (pb.outlet or "").lower()
            same_text = pa.primary and pb.primary and cosine(pa.vector, pb.vector) >= SAME_STORY
            if same_outlet or same_text:
                parent[find(b)] = find(a)
    roots = sorted({find(d) for d in order})
    return {d: roots.index(find(d)) for d in order}


def _dates_compatible(a: str, b: str) -> bool:
    la, ha, _ = date_interval(a, None)
    lb, hb, _ = date_interval(b, None)
    if la is None or lb is None or ha is None or hb is None:
        return a == b
    return la <= hb and lb <= ha


def _rank(v: ValueSupport) -> tuple[Any, ...]:
    return (-v.sources, not v.official, _neg(v.latest), str(v.value))


def _neg(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text)


def _field(name: str, facts: Iterable[tuple[Fact, EventProfile]], groups: dict[str, int]) -> FieldView:
    by_key: dict[Any, ValueSupport] = {}
    source_sets: dict[Any, set[int]] = {}
    for fact, p in facts:
        if fact.value is None or (name == "type" and fact.value == STORY_TYPE):
            continue
        key = _value_key(name, fact.value)
        vs = by_key.setdefault(key, ValueSupport(fact.value))
        chains = [c for c in fact.chains if c and c != ["(outlet)"]]
        if any(s.document == p.document and s.start == fact.start for s in vs.support):
            continue
        vs.support.append(Support(p.document, p.published, p.outlet, p.title, chains, fact.start, fact.end))
        source_sets.setdefault(key, set()).add(groups.get(p.document, -1))
        vs.official = vs.official or any(is_official(c) for c in chains)
        vs.latest = max(vs.latest, p.published or "")
    for key, vs in by_key.items():
        vs.sources = len(source_sets[key])
    values = sorted(by_key.values(), key=_rank)
    conflict = False
    if name in SINGLE_VALUED and len(values) > 1:
        best = values[0].value
        if name == "date":
            conflict = any(not _dates_compatible(str(best), str(v.value)) for v in values[1:])
        elif name == "place":
            conflict = any(not _places_compatible(str(best), str(v.value)) for v in values[1:])
        else:
            conflict = True
    return FieldView(name, values, conflict)


def build_record(incident: str, profiles: Sequence[EventProfile],
                 copies: dict[str, list[str]] | None = None) -> IncidentRecord:
    """The record of an incident from its member events (``copies``: document -> its stored copies)."""
    members = sorted(profiles, key=lambda p: p.key)
    groups = independent_groups(members)
    names = sorted({n for p in members for n in p.facts} | {"type"},
                   key=lambda n: (SINGLE_VALUED + MULTI_VALUED).index(n)
                   if n in SINGLE_VALUED + MULTI_VALUED else 99)
    fields = {n: _field(n, ((f, p) for p in members for f in p.facts.get(n, [])), groups) for n in names}
    fields = {n: v for n, v in fields.items() if v.values}
    documents = []
    for doc in sorted({p.document for p in members}):
        ps = [p for p in members if p.document == doc]
        p0 = ps[0]
        documents.append({"document": doc, "published": p0.published, "outlet": p0.outlet,
                          "title": p0.title, "events": sorted(e for p in ps for e in p.events),
                          "background": all(p.background for p in ps),
                          "copies": sorted((copies or {}).get(doc, []))})
    published = sorted(p.published for p in members if p.published)
    best_date = fields["date"].best if "date" in fields else None
    lo, hi, precision = date_interval(best_date, None) if best_date else (None, None, "unknown")
    if lo is None:
        inferred = [p for p in members if p.date_lo is not None]
        if inferred:
            lo = min(p.date_lo for p in inferred if p.date_lo is not None)
            hi = max(p.date_hi for p in inferred if p.date_hi is not None)
            precision = "inferred"
    place_view = fields.get("place")
    place: dict[str, Any] = {}
    if place_view:
        best_key = _value_key("place", place_view.best)
        holder = next((p for p in members if p.city and place_key(p.city) == best_key), None)
        holder = holder or next((p for p in members if p.country), None)
        if holder:
            place = {"city": holder.city, "region": holder.region, "country": holder.country,
                     "detail": holder.detail, "lat": holder.lat, "lon": holder.lon}
    people: dict[tuple[str, str], dict[str, Any]] = {}
    for p in members:
        for person in p.people:
            if person.role == "mentioned" or person.kind == "other":
                continue
            key = (person.full_key or name_value_key(person.name), person.role)
            entry = people.setdefault(key, {"name": person.name, "role": person.role, "kind": person.kind,
                                            "full_key": person.full_key, "surname_key": person.surname_key,
                                            "affiliations": set(), "documents": set()})
            entry["documents"].add(p.document)
            entry["affiliations"].update(person.affiliations)
    return IncidentRecord(
        id=incident, fields=fields, documents=documents, sources=len(set(groups.values())),
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
        date_lo=lo, date_hi=hi, precision=precision, background_only=all(p.background for p in members),
        people=[{**v, "affiliations": sorted(v["affiliations"]), "documents": sorted(v["documents"])}
                for _, v in sorted(people.items())],
        place=place,
        places=sorted({x for p in members for x in (p.city, p.region, p.place_name, p.detail, p.country)
                       if x}),
    )


def date_label(lo: int | None, hi: int | None, precision: str) -> str:
    """A date as precisely as it is known: ``2026-02-06``, ``2018``, ``2016-01-05..2016-01-12 (inferred)``."""
    if lo is None:
        return "date unknown"
    first = ordinal_text(lo) or ""
    if precision == "day" or lo == hi:
        return first
    if precision == "month":
        return first[:7]
    if precision == "year":
        return first[:4]
    return f"{first}..{ordinal_text(hi)} ({precision})"


def _iso(ordinal: int | None) -> str | None:
    """An ordinal day as YYYY-MM-DD (None stays None)."""
    return date.fromordinal(ordinal).isoformat() if ordinal is not None else None


def _places_compatible(a: str, b: str) -> bool:
    """Two place labels that name the same place at two precisions ("Volokolamskoye Highway, Moscow" and
    "Moscow"): every part of one is a part of the other."""
    parts_a = {p.strip().casefold() for p in a.split(",") if p.strip()}
    parts_b = {p.strip().casefold() for p in b.split(",") if p.strip()}
    return parts_a <= parts_b or parts_b <= parts_a
