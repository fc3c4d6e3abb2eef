"""The reading of one document: entities, events, claims, each pointing at the words that support it.

These are plain data classes; ``Reading.to_dict()`` is the JSON contract documented in
``docs/reading.schema.json`` (``schema_version`` below). Offsets index into ``Document.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .document import Document

READING_SCHEMA_VERSION = "1.0"

ENTITY_TYPES = ("person", "organization", "media", "location", "facility", "group", "other")
MODALITIES = ("asserted", "reported", "alleged", "denied", "hypothetical", "unknown")
PRECISIONS = ("day", "month", "year", "unknown")
PERPETRATOR_STATUSES = ("escaped", "arrested", "killed", "unknown")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    kind: str = "name"  # name | surname | pronoun | title | alias | description

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind}


@dataclass
class RoleFact:
    """A role a person holds: "first deputy head of the GRU" since 2011."""

    text: str
    title: str | None = None
    organization: str | None = None
    since: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "title": self.title, "organization": self.organization,
                "since": self.since, "start": self.start, "end": self.end}


@dataclass
class Entity:
    id: str
    name: str
    type: str
    confidence: float = 0.5
    titles: list[str] = field(default_factory=list)
    roles: list[RoleFact] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    gender: str | None = None  # "m" | "f" | None, for pronoun resolution
    country: str | None = None  # ISO alpha-2 for locations / affiliations
    extractor: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "type": self.type, "confidence": round(self.confidence, 3),
            "titles": list(self.titles), "roles": [r.text for r in self.roles],
            "role_details": [r.to_dict() for r in self.roles], "aliases": list(self.aliases),
            "descriptions": list(self.descriptions), "country": self.country,
            "mentions": [m.to_dict() for m in self.mentions], "extractor": self.extractor,
        }


@dataclass
class DateValue:
    """A resolved date: ``value`` is YYYY-MM-DD, YYYY-MM, YYYY, --MM-DD (year unknown) or None."""

    value: str | None
    precision: str  # day | month | year | unknown
    text: str
    start: int | None = None
    end: int | None = None
    note: str | None = None  # e.g. "year unknown: no publication date"

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "precision": self.precision, "text": self.text,
                "start": self.start, "end": self.end, "note": self.note}


@dataclass
class Location:
    name: str
    detail: str | None = None  # sub-city place: a street, a district, a building
    city: str | None = None
    region: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    start: int | None = None
    end: int | None = None

    def label(self) -> str:
        """"Clio Avenue, Wilmington, Delaware, US": each part once, most specific first (a street with no
        city known is both the detail and the name; a district may carry its city's name)."""
        parts: list[str] = []
        for x in (self.detail, self.city or self.name, self.region, self.country):
            words = " ".join((x or "").split())
            if words and all(words.casefold() != p.casefold() for p in parts):
                parts.append(words)
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "detail": self.detail, "city": self.city, "region": self.region,
                "country": self.country, "lat": self.lat, "lon": self.lon, "geonameid": self.geonameid,
                "start": self.start, "end": self.end}


@dataclass
class Participant:
    name: str
    role: str  # perpetrator | target | victim | investigator | actor | other
    entity: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "name": self.name, "role": self.role,
                "start": self.start, "end": self.end}


@dataclass
class Weapon:
    category: str
    text: str
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"category": self.category, "text": self.text, "start": self.start, "end": self.end}


@dataclass
class Support:
    """Why a value of an event is what it is: the words and the step that read them."""

    field: str
    start: int
    end: int
    extractor: str

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "start": self.start, "end": self.end, "extractor": self.extractor}


@dataclass
class Event:
    id: str
    type: str
    background: bool = False
    attempt: bool | None = None
    # the text says the shooting (the attack) was an accident, or that it was not (None: it says neither)
    accidental: bool | None = None
    # the text says the wound was self-inflicted (the shooter shot himself), or that it was not
    self_inflicted: bool | None = None
    confidence: float = 0.5
    date: DateValue | None = None
    location: Location | None = None
    participants: list[Participant] = field(default_factory=list)
    weapons: list[Weapon] = field(default_factory=list)
    target_type: str | None = None
    killed: int | None = None
    wounded: int | None = None
    perpetrator_status: str | None = None
    modality: str = "asserted"
    polarity: str = "positive"
    attributions: list[list[str]] = field(default_factory=list)
    evidence: list[tuple[int, int]] = field(default_factory=list)
    trigger: Mention | None = None
    summary: str | None = None
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    support: list[Support] = field(default_factory=list)
    extractor: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type, "background": self.background, "attempt": self.attempt,
            "accidental": self.accidental, "self_inflicted": self.self_inflicted,
            "confidence": round(self.confidence, 3),
            "date": self.date.to_dict() if self.date else None,
            "location": self.location.to_dict() if self.location else None,
            "participants": [p.to_dict() for p in self.participants],
            "weapons": [w.to_dict() for w in self.weapons],
            "target_type": self.target_type, "killed": self.killed, "wounded": self.wounded,
            "perpetrator_status": self.perpetrator_status, "modality": self.modality,
            "polarity": self.polarity, "attributions": [list(c) for c in self.attributions],
            "evidence": [{"start": s, "end": e} for s, e in self.evidence],
            "trigger": self.trigger.to_dict() if self.trigger else None, "summary": self.summary,
            "conflicts": list(self.conflicts), "support": [s.to_dict() for s in self.support],
            "extractor": self.extractor,
        }


@dataclass
class Source:
    """One link of an attribution chain: who said it (an outlet, an official, an anonymous source)."""

    name: str
    type: str  # media | official | anonymous | document | outlet | person | organization | other
    entity: str | None = None
    cited_source: int | None = None  # index into Document.cited_sources when it matches
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "entity": self.entity,
                "cited_source": self.cited_source, "start": self.start, "end": self.end}


@dataclass
class Claim:
    id: str
    text: str
    subject: str | None
    predicate: str
    object: str | None
    modality: str
    polarity: str = "positive"
    attribution: list[Source] = field(default_factory=list)  # origin first, outlet last
    evidence: tuple[int, int] = (0, 0)
    event: str | None = None
    entity: str | None = None
    extractor: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "text": self.text, "subject": self.subject, "predicate": self.predicate,
            "object": self.object, "modality": self.modality, "polarity": self.polarity,
            "attribution": [s.name for s in self.attribution],
            "attribution_detail": [s.to_dict() for s in self.attribution],
            "evidence": {"start": self.evidence[0], "end": self.evidence[1]},
            "event": self.event, "entity": self.entity, "extractor": self.extractor,
        }


@dataclass
class Reading:
    document: Document
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)  # name@version of every step that ran
    warnings: list[str] = field(default_factory=list)

    @property
    def main_event(self) -> Event | None:
        return next((e for e in self.events if not e.background), None)

    def to_dict(self) -> dict[str, Any]:
        d = self.document
        doc = d.to_dict()
        # "id" is the join key back to the input: the input's own id when it has one (a JSONL id
        # field), else the content id. "content_id" is always the ledger's content-derived id.
        doc["content_id"] = d.id
        doc["id"] = d.metadata.get("input_id") or d.id
        return {
            "schema_version": READING_SCHEMA_VERSION,
            "document": doc,
            "entities": [e.to_dict() for e in self.entities],
            "events": [e.to_dict() for e in self.events],
            "claims": [c.to_dict() for c in self.claims],
            "steps": list(self.steps),
            "warnings": list(self.warnings),
        }
