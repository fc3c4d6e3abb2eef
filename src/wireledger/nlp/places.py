"""Places: every location and facility mention geocoded offline (``ReadingDoc.places``).

A name is looked up in the gazetteer (countries, regions, US states and counties, cities; see
gazetteer.py). Among homonyms the choice is made by:

1. what follows the name: "Springfield, Ill.", "Springfield, Illinois", "Salisbury, England";
2. the rest of the report: countries and US states it names, nationalities it uses ("Russian
   authorities"), cities already placed;
3. population.

A sub-city place (a street, a road, a district, a building: "near a residential building on
Volokolamskoye Highway") keeps its own name as ``detail`` and takes the city, region, country and
coordinates of the city named nearest to it: in the same sentence, else the same paragraph, else the
report's most named city. Countries, regions and US states have no coordinates here (no single point
stands for them); US places carry their state's full name as ``region``.
"""

from __future__ import annotations

import copy
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import Entity, Location
from .base import PlaceMention, ReadingDoc
from .entity_lexicon import EntityLexicon
from .gazetteer import Gazetteer, Place, fold, strip_accents
from .registry import StepContext, register_step

_AFTER_COMMA = re.compile(r",[ \t]*((?:[A-Z][A-Za-z]*\.?)(?:[ \t]?[A-Z][A-Za-z]*\.?){0,2})")
_SUB_CITY_TYPES = ("facility",)
KNOWN_BY_NAME_US = 500_000  # US cities a report names without their state
KNOWN_IN_LEAD_US = 100_000  # ... or in the title or first paragraph
KNOWN_BY_NAME_ABROAD = 1_000_000  # foreign cities a US report names without their country
QUARTERED_MIN_POPULATION = 50_000  # "west Nashville": a city large enough to have named quarters
NEIGHBOURHOOD_MAX_KM = 25.0  # a town this far from a city is no neighbourhood of it


@dataclass
class _Context:
    """What the report says about where it is: countries and US states it names, and where."""

    countries: Counter[str] = field(default_factory=Counter)
    states: Counter[str] = field(default_factory=Counter)
    evidence: list[tuple[int, str]] = field(default_factory=list)  # (offset, country code or "US-XX")
    us: bool = False
    lead_end: int = 0  # end of the title and first paragraph
    # how many different place names of the report could lie in each US state ("Sterling" and
    # "Whiteside County" agree on Illinois): places named together are usually near each other
    support: Counter[str] = field(default_factory=Counter)
    names: set[str] = field(default_factory=set)  # the folded place names of the report

    def near(self, code: str, sentence: tuple[int, int], paragraph: tuple[int, int]) -> float:
        """3 when the sentence names the country (or state), 2 for the paragraph, 1 for the report."""
        best = 0.0
        for offset, c in self.evidence:
            if c != code:
                continue
            if sentence[0] <= offset < sentence[1]:
                return 3.0
            best = max(best, 2.0 if paragraph[0] <= offset < paragraph[1] else 1.0)
        return best


class PlacesStep:
    name = "wireledger.places"
    version = "1"
    reads: tuple[str, ...] = ("spacy", "sentences", "entities")
    writes: tuple[str, ...] = ("places", "entities")

    def __init__(self, gazetteer: Gazetteer, lexicon: EntityLexicon) -> None:
        self.gaz = gazetteer
        self.lex = lexicon

    def __call__(self, doc: ReadingDoc) -> ReadingDoc:
        places = [e for e in doc.entities if e.type in ("location", "facility")]
        if not places:
            return doc
        context = self._context(doc, places)
        resolved: list[PlaceMention] = []
        sub_city: list[tuple[Entity, int, int, str]] = []
        for e in places:
            for m in e.mentions:
                if fold(m.text) in self.lex.not_place_words:
                    continue  # "Man" in "Man Shot In Fort Worth": a person noun in a title-cased title
                span = place_span(doc.text, m.start, m.end)
                if span is None:
                    continue
                if span != (m.start, m.end):
                    m = copy.copy(m)
                    m.start, m.end, m.text = span[0], span[1], doc.text[span[0]:span[1]]
                hood = self._neighbourhood(m.text, doc.text, m.end, context)
                if hood is not None:
                    hood.start, hood.end = m.start, m.end
                    e.country = e.country or hood.country
                    resolved.append(PlaceMention(m.start, m.end, m.text, hood, e.id))
                    continue
                if self._is_sub_city(e, m.text):
                    sub_city.append((e, m.start, m.end, m.text))
                    continue
                where = (doc.sentence_of(m.start) or (m.start, m.end), _paragraph_of(doc, m.start))
                known = bool(self.gaz.lookup(m.text))
                quarter = None if known else self._quarter(m.text, doc.text, m.end, context, where)
                if quarter is not None:
                    quarter.start, quarter.end = m.start, m.end
                    e.country = e.country or quarter.country
                    resolved.append(PlaceMention(m.start, m.end, m.text, quarter, e.id))
                    continue
                place = self.choose(m.text, doc.text, m.end, context, where)
                if place is None and known:
                    continue  # the gazetteer knows the name only as places that cannot be meant here
                loc = to_location(place, m.text, self.gaz) if place else None
                if loc is not None:
                    loc.start, loc.end = m.start, m.end
                    e.country = e.country or loc.country
                resolved.append(PlaceMention(m.start, m.end, m.text, loc, e.id))
        cities = [p for p in resolved if p.location is not None and p.location.city]
        for e, start, end, text in sub_city:
            anchor = _anchor_city(cities, start, doc)
            loc = Location(name=text, detail=text, start=start, end=end)
            if anchor is not None and anchor.location is not None:
                a = anchor.location
                loc.city, loc.region, loc.country = a.city, a.region, a.country
                loc.lat, loc.lon, loc.geonameid = a.lat, a.lon, a.geonameid
            e.country = e.country or loc.country
            resolved.append(PlaceMention(start, end, text, loc, e.id))
        resolved.sort(key=lambda p: p.start)
        doc.places = resolved
        return doc

    def _neighbourhood(self, text: str, doc_text: str, end: int, ctx: _Context) -> Location | None:
        """A neighbourhood or borough of a large US city ("Englewood", "Coney Island"; neighbourhoods.yaml):
        the city, with the neighbourhood as detail, when the report names that city, or names its state
        and no other city of it holds a neighbourhood so called. Not when a state or country is written after
        the name, nor when a town of that name lies away from the city in its state or in a state the report
        names (Germantown, Tenn., is no part of Nashville; "Austin" in a Texas report is not Chicago's)."""
        hoods = self.gaz.neighbourhoods.get(fold(text))
        if not hoods:
            return None
        qualifier = _AFTER_COMMA.match(doc_text, end)
        if qualifier and (self.gaz.us_state(qualifier.group(1)) or self.gaz.country_code(qualifier.group(1))):
            return None
        named = [c for c in hoods if fold(c.name) in ctx.names]
        inside = [c for c in hoods if c.admin1 in ctx.states]
        if named:
            city = named[0]
        elif len(inside) == 1:
            city = inside[0]
        else:
            # the gazetteer's most populous bearer of the name lies inside the city (it lists "Coney Island"
            # as a place of its own): a report naming no state means that one
            top = next((p for p in self.gaz.lookup(text) if p.kind == "city"), None)
            near = [c for c in hoods if top is not None and top.country == "US" and top.admin1 == c.admin1
                    and _km(top, c) <= NEIGHBOURHOOD_MAX_KM]
            if ctx.states or not near:
                return None
            city = near[0]
        for p in self.gaz.lookup(text):
            named_state = p.admin1 == city.admin1 or p.admin1 in ctx.states
            if p.kind == "city" and p.country == "US" and named_state and _km(p, city) > NEIGHBOURHOOD_MAX_KM:
                return None
        loc = to_location(city, city.name, self.gaz)
        loc.name = loc.detail = text
        return loc

    def _quarter(self, text: str, doc_text: str, end: int, ctx: _Context,
                 where: tuple[tuple[int, int], tuple[int, int]]) -> Location | None:
        """A part of a city named by a compass word before the city's name ("west Nashville", "North
        Memphis"), when the whole name is no place of its own: the city, with the whole name as detail."""
        words = text.split()
        if len(words) < 2 or words[0].lower() not in self.lex.compass_words:
            return None
        rest = " ".join(words[1:])
        place = self.choose(rest, doc_text, end, ctx, where) if rest[:1].isupper() else None
        if place is None or place.kind != "city" or place.population < QUARTERED_MIN_POPULATION:
            return None
        loc = to_location(place, " ".join(words[1:]), self.gaz)
        loc.name = loc.detail = text
        return loc

    def _is_sub_city(self, e: Entity, text: str) -> bool:
        if e.type in _SUB_CITY_TYPES:
            return True
        words = text.split()
        if self.lex.is_street(words) or self.lex.numbered_road.fullmatch(text):
            return True
        return len(words) > 1 and words[-1].lower() in self.lex.district_words and not self.gaz.lookup(text)

    def _context(self, doc: ReadingDoc, places: list[Entity]) -> _Context:
        ctx = _Context()
        for e in places:
            for m in e.mentions:
                qualifier = _AFTER_COMMA.match(doc.text, m.end)  # "Springfield, Ill.": Illinois is named
                named = self.gaz.us_state(qualifier.group(1)) if qualifier else None
                if named is not None and named.admin1:
                    ctx.states[named.admin1] += 1
                    ctx.countries["US"] += 1
                    ctx.evidence.append((m.start, "US-" + named.admin1))
                    ctx.evidence.append((m.start, "US"))
                for p in self.gaz.lookup(m.text)[:1]:
                    if p.kind in ("country", "region") and p.country:
                        ctx.countries[p.country] += 2
                        ctx.evidence.append((m.start, p.country))
                    elif p.kind == "state" and p.admin1:
                        ctx.states[p.admin1] += 1
                        ctx.countries["US"] += 1
                        ctx.evidence.append((m.start, "US-" + p.admin1))
                        ctx.evidence.append((m.start, "US"))
        names = {fold(m.text) for e in places for m in e.mentions}
        # a city named in an agency's or outlet's name counts for its neighbourhoods ("Chicago police")
        ctx.names = names | self._cities_in_names(doc)
        for start, postal in self._states_in_names(doc):
            # "Delaware State Police", "Georgia Bureau of Investigation", an outlet's "South Georgia News"
            ctx.states[postal] += 1
            ctx.evidence.append((start, "US-" + postal))
        supported: dict[str, set[str]] = {}
        for name in names:
            for p in self.gaz.lookup(name):
                if p.country == "US" and p.admin1:
                    # "DeKalb" and "DeKalb County" are one name: they vote once
                    supported.setdefault(p.admin1, set()).add(_without_county(name))
        for state, bases in supported.items():
            ctx.support[state] += len(bases)
        for name in names:
            found = self.gaz.lookup(name)
            big = next((p for p in found if p.kind == "city"), None)
            hood_of_named = any(fold(c.name) in ctx.names for c in self.gaz.neighbourhoods.get(name, ()))
            if big is not None and big.country == "US" and big.admin1 and big.population >= KNOWN_BY_NAME_US \
                    and not hood_of_named:  # ("Austin" beside "Chicago" is the neighbourhood, not Texas)
                ctx.states[big.admin1] += 1  # "Chicago" names Illinois as well as "Ill." would
        if doc.spacy is not None:
            for ent in doc.spacy.ents:
                if ent.label_ == "NORP":
                    code = self.lex.nationalities.get(fold(ent.text)) or \
                        self.lex.nationalities.get(fold(ent.text).rstrip("s"))
                    if code:
                        ctx.countries[code] += 1
                        ctx.evidence.append((ent.start_char, code))
        # a report whose place names mostly mean US places (their most populous bearer) is about the US
        votes = Counter(
            found[0].country == "US"
            for found in (self.gaz.lookup(n) for n in names)
            if found and found[0].kind != "region"
        )
        ctx.us = ctx.countries["US"] > 0 or bool(ctx.states) or votes[True] > votes[False] or \
            bool(self.gaz.us_cues and self.gaz.us_cues.search(doc.text))
        ts = doc.document.title_span
        body = [p for p in doc.document.paragraphs if not (ts and p.start < ts[1])]
        ctx.lead_end = body[0].end if body else len(doc.text)
        return ctx

    def _states_in_names(self, doc: ReadingDoc) -> list[tuple[int, str]]:
        """US states written out in an organisation's or outlet's name, with where: (offset, postal code).
        Only full state names count ("Del." inside a name is too often something else)."""
        out: list[tuple[int, str]] = []
        named = [(m.start, m.text) for e in doc.entities if e.type in ("organization", "media")
                 for m in e.mentions]
        if doc.document.outlet:
            named.append((0, doc.document.outlet))
        for start, text in named:
            words = text.split()
            if not any(w.lower().strip(".,") in self.lex.state_agency_words for w in words):
                continue  # "Washington Post", "Kansas City Star": a state's name in a name is not always it
            for n in (2, 1):
                for k in range(len(words) - n + 1):
                    part = " ".join(words[k:k + n])
                    state = self.gaz.us_state(part)
                    after = words[k + n].lower() if k + n < len(words) else ""
                    if state is None or not state.admin1 or fold(state.name) != fold(part) or after == "city":
                        continue
                    if any(p.kind == "city" and p.admin1 != state.admin1 and p.population >= KNOWN_BY_NAME_US
                           for p in self.gaz.lookup(part)):
                        continue  # "Washington" is as often the capital
                    out.append((start, state.admin1))
        return out

    def _cities_in_names(self, doc: ReadingDoc) -> set[str]:
        """Large US cities whose name opens an organisation's name ("Chicago Police Department")."""
        out: set[str] = set()
        for e in doc.entities:
            if e.type not in ("organization", "media"):
                continue
            for words in {tuple(m.text.split()) for m in e.mentions}:
                for n in (1, 2):
                    key = fold(" ".join(words[:n]))
                    big = [p for p in self.gaz.lookup(key) if p.kind == "city" and p.country == "US"
                           and fold(p.name) == key and p.population >= KNOWN_BY_NAME_US]
                    if len(words) > n and big:
                        out.add(key)
        return out

    def choose(self, name: str, text: str, end: int, ctx: _Context,
               where: tuple[tuple[int, int], tuple[int, int]] = ((0, 0), (0, 0))) -> Place | None:
        """The place a name most likely means here (see the module docstring), or None."""
        candidates = self.gaz.lookup(name)
        key = fold(name)
        if not key.endswith(" county") and f"{key} county" in ctx.names and ctx.states:
            # "DeKalb police" in a report about DeKalb County, Ga.: the bare name is the county's when the
            # county lies in a state the report names and no city of that name does ("Durham" beside
            # "Durham County" in a North Carolina report is the city)
            counties = [p for p in self.gaz.lookup(f"{key} county") if p.admin1 in ctx.states]
            if counties and not any(p.kind == "city" and p.admin1 in ctx.states for p in candidates):
                candidates = candidates + counties
        qualifier = _AFTER_COMMA.match(text, end)
        if qualifier:
            state = self.gaz.us_state(qualifier.group(1))
            country = self.gaz.country_code(qualifier.group(1))
            if state is not None and state.admin1:
                in_state = [p for p in candidates if p.country == "US" and p.admin1 == state.admin1
                            and p.kind in ("city", "county")]
                if in_state:
                    return _largest(in_state, key)
                if not any(p.kind in ("country", "state") for p in candidates):
                    return Place(name, "city", "US", admin1=state.admin1)  # a town the gazetteer lacks
            elif country:
                in_country = [p for p in candidates if p.country == country and p.kind != "country"]
                if in_country:
                    return _largest(in_country, key)
        if not candidates:
            return None
        ranked = sorted(candidates, key=lambda p: _score(p, key, ctx, where), reverse=True)
        in_lead = where[0][0] < ctx.lead_end
        if plausible(ranked[0], ctx, in_lead):
            return ranked[0]
        if not ctx.us or ranked[0].country == "US":
            return None
        # a US report means the US bearer of a name ("Los Banos"), not a larger one abroad it cannot mean
        return next((p for p in ranked if p.country == "US" and plausible(p, ctx, in_lead)), None)


_DANGLING = frozenset({"and", "or", "&", "at", "of", "near", "in", "on", "to", "from", "the"})
_CROSS_STREETS = re.compile(r"[ \t]+(avenues|streets|roads|boulevards|drives|lanes)\b", re.IGNORECASE)


def place_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The characters a place mention names: a name the tagger cut after a conjunction ("Harford Road
    and") ends before it; two cross streets ("North and Rosedale" of "North and Rosedale avenues") take
    the plural street word after them; a fragment with no name left is None."""
    words = text[start:end].split()
    while words and words[-1].lower().rstrip(",.") in _DANGLING:
        words.pop()
    if not words:
        return None
    end = start + text[start:end].rfind(words[-1]) + len(words[-1])
    if any(w.lower() in ("and", "&") for w in words[1:]):
        cross = _CROSS_STREETS.match(text, end)
        if cross:
            end = cross.end()
    return start, end


def _without_county(name: str) -> str:
    return name[: -len(" county")] if name.endswith(" county") else name


def _largest(places: list[Place], key: str) -> Place:
    """The largest of the places called by this very name, else the largest known by it as another
    name ("Puyallup, Wash." is Puyallup, not Tacoma, which some call so)."""
    own = [p for p in places if fold(p.name) == key]
    return max(own or places, key=lambda p: p.population)


def plausible(p: Place, ctx: _Context, in_lead: bool = True) -> bool:
    """Whether a city chosen without a state or country written after it can be meant here.

    A report about the US that names its states does not place an event in a town of another state
    unless that state is named too, or other place names of the report could lie in it ("Henderson" in
    a Kansas report is the sheriff, not the Nevada city); nor in a foreign town of a country it never
    names ("Man", "Mary"). Large cities are known by name alone ("a Chicago man shot in Gary, Ind."), and
    cities of some size named in the title or the first paragraph ("Tulsa police said").
    """
    if p.kind != "city":
        return True
    if p.country == "US":
        if not ctx.states or not p.admin1 or p.population >= KNOWN_BY_NAME_US or (
            in_lead and p.population >= KNOWN_IN_LEAD_US
        ):
            return True
        return p.admin1 in ctx.states or ctx.support.get(p.admin1, 0) >= 2
    if not ctx.us or p.population >= KNOWN_BY_NAME_ABROAD:
        return True
    return ctx.countries.get(p.country or "", 0) > 0


def _score(p: Place, key: str, ctx: _Context, where: tuple[tuple[int, int], tuple[int, int]]) -> float:
    """Kind first (a country name means the country), then context, then population."""
    total_countries = sum(ctx.countries.values()) or 1
    share = ctx.countries.get(p.country or "", 0) / total_countries
    if p.kind == "country":
        return 12.0 + share
    if p.kind == "region":
        return 11.0 + share
    near_state = ctx.near("US-" + (p.admin1 or ""), *where) if p.country == "US" else 0.0
    if p.country == "US" and p.admin1:
        near_state += 0.75 * max(0, ctx.support.get(p.admin1, 0) - 1)  # other names in the same state
    if p.kind == "state":
        return 8.0 + (3.0 if ctx.us else 0.0) + near_state
    if p.kind == "county":
        return 4.0 + (3.0 if ctx.us else 0.0) + 2.0 * near_state
    score = math.log10(p.population + 10) + ctx.near(p.country or "", *where) + share + near_state
    if fold(p.name) == key:
        score += 2.0  # named by its own name, not by a former or foreign one ("Salisbury" is not Harare)
    return score


def to_location(p: Place, text: str, gaz: Gazetteer) -> Location:
    state = gaz.states.get(p.admin1 or "") if p.country == "US" else None
    region = state.name if state else None
    if p.kind == "country":
        return Location(name=p.name, country=p.country, geonameid=p.geonameid)
    if p.kind == "state" and p.admin1 == "DC":  # the District of Columbia is the city of Washington
        return Location(name=p.name, city="Washington", region=p.name, country=p.country,
                        geonameid=p.geonameid)
    if p.kind in ("state", "region"):
        return Location(name=p.name, region=p.name, country=p.country, geonameid=p.geonameid)
    if p.kind == "county":
        return Location(name=p.name, region=region, country=p.country)
    name = p.name[4:] if p.name.startswith("The ") else p.name  # "The Bronx": the Bronx
    if p.country == "US" and not name.isascii() and text.isascii() and fold(text) == fold(name):
        name = strip_accents(name)  # "Los Banos", as US reports and records write it, not "Los Baños"
    return Location(name=name, city=name, region=region, country=p.country, lat=p.lat, lon=p.lon,
                    geonameid=p.geonameid)


def _km(a: Place, b: Place) -> float:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return 0.0
    dlat = math.radians(b.lat - a.lat)
    dlon = math.radians(b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return 6371.0 * math.hypot(dlat, dlon)


def _anchor_city(cities: list[PlaceMention], start: int, doc: ReadingDoc) -> PlaceMention | None:
    """The city a sub-city place belongs to: same sentence, same paragraph, else the most named."""
    if not cities:
        return None
    for lo, hi in (doc.sentence_of(start) or (start, start), _paragraph_of(doc, start)):
        inside = [c for c in cities if lo <= c.start < hi]
        if inside:
            return min(inside, key=lambda c: abs(c.start - start))
    counts = Counter(c.location.city for c in cities if c.location)
    best = max(counts.items(), key=lambda kv: (kv[1], -min(c.start for c in cities
                                                           if c.location and c.location.city == kv[0])))[0]
    return next(c for c in cities if c.location and c.location.city == best)


def _paragraph_of(doc: ReadingDoc, offset: int) -> tuple[int, int]:
    for p in doc.document.paragraphs:
        if p.start <= offset < p.end:
            return (p.start, p.end)
    text = doc.text
    lo = text.rfind("\n\n", 0, offset)
    hi = text.find("\n\n", offset)
    return (0 if lo < 0 else lo + 2, len(text) if hi < 0 else hi)


@register_step("places")
def make_places_step(context: StepContext) -> PlacesStep:
    gazetteer = context.resource("gazetteer", lambda: Gazetteer.load(context.settings.geonames_path))
    lexicon = context.resource("entity_lexicon", lambda: EntityLexicon.load(context.nlp))
    return PlacesStep(gazetteer, lexicon)
