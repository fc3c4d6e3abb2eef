"""Where an event happened: the places of its words, completed by the report's dateline and main city.

The nearest place to the trigger in the parse decides, made as specific as the event's words allow: a
street, building or district (kept as ``detail``) within a city named beside it ("a shooting in Moscow" ...
"on Volokolamskoye Highway" -> Volokolamskoye Highway, Moscow). A place that only says where a person is
from ("a Detroit man", "a Pollok boy") is not where the event happened. An event whose words name no city
takes the city of the report's dateline ("MEMPHIS, Tenn. (AP) --"), else the city the report names most.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..model import Location
from .base import PlaceMention, load_data
from .events_locality import STRONG as STRONG_EVIDENCE
from .events_locality import (
    country_around,
    evidence_of,
    is_district,
    region_after,
    report_country,
    same_place,
    stated_localities,
)
from .events_syntax import char_runs, lemma, tree_distance

if TYPE_CHECKING:
    from .events import EventContext
    from .events_triggers import Trigger

_STREET_WORDS = {
    "street",
    "st",
    "avenue",
    "ave",
    "road",
    "rd",
    "drive",
    "dr",
    "boulevard",
    "blvd",
    "lane",
    "ln",
    "highway",
    "hwy",
    "court",
    "ct",
    "way",
    "place",
    "pl",
    "circle",
    "parkway",
    "pkwy",
    "block",
    "route",
    "square",
    "terrace",
    "trail",
    "pike",
    "alley",
}


NEARBY_TOWN_MAX_DISTANCE = 2  # parse-tree steps from the event's trigger: "shot ... in Charenton"


def place_location(p: PlaceMention) -> Location:
    if p.location is not None:
        loc = Location(**{k: getattr(p.location, k) for k in p.location.__dataclass_fields__})
        loc.start, loc.end = p.start, p.end
        return loc
    return Location(name=p.text, start=p.start, end=p.end)


def kind_of(loc: Location, resolved: bool) -> str:
    """sub (street, building, district) | city | region | country | unknown (not in the gazetteer)."""
    if not resolved:
        last = loc.name.lower().rstrip(".").split()[-1] if loc.name.split() else ""
        return "sub" if last in _STREET_WORDS or any(c.isdigit() for c in loc.name) else "unknown"
    if loc.detail and loc.detail != loc.city:
        return "sub"
    if loc.city:
        return "city"
    if loc.region:
        return "region"
    return "country" if loc.country else "unknown"


@dataclass
class PlaceCandidate:
    distance: int
    mention: PlaceMention
    location: Location
    kind: str


def _is_origin(ctx: EventContext, p: PlaceMention) -> bool:
    """A place that modifies a person noun: where someone is from, not where the event happened."""
    span = ctx.doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    root = span.root
    if root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.i >= span.end:
        return lemma(root.head) in ctx.lex.person_nouns
    # "a 25-year-old man of Tacoma"
    return root.dep_ == "pobj" and lemma(root.head) == "of" and lemma(root.head.head) in ctx.lex.person_nouns


@cache
def _part_nouns() -> str:
    words = load_data("events_places.yaml").get("part_nouns") or ()
    return "|".join(re.escape(w) for w in words)


def _called_part(ctx: EventContext, name: str) -> bool:
    """The report calls the place part of a city somewhere: "the Kensington section of Philadelphia",
    "the city's Knoxville section"."""
    nouns = _part_nouns()
    if not nouns or not name:
        return False
    pattern = rf"(?:\bthe|['’]s)\s+{re.escape(name)}\s+(?:{nouns})\b"  # not "a Pittsburgh neighborhood"
    return re.search(pattern, ctx.rdoc.text) is not None


@cache
def _destination_words() -> tuple[frozenset[str], frozenset[str]]:
    data = load_data("events_places.yaml")
    return frozenset(data.get("destination_verbs") or ()), frozenset(data.get("destination_nouns") or ())


def _is_destination(ctx: EventContext, p: PlaceMention) -> bool:
    """Where a victim was taken ("airlifted to a hospital in Shreveport", "a Little Rock hospital")."""
    span = ctx.doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    verbs, nouns = _destination_words()
    tok, through_to = span.root, False
    for _ in range(4):
        if tok.head is tok:
            break
        tok = tok.head
        if tok.lower_ == "to":
            through_to = True
        elif lemma(tok) in nouns:
            return True
        elif tok.pos_ in ("VERB", "AUX"):
            return through_to and lemma(tok) in verbs
    return False


_TITLE_SEPARATORS = (" - ", " | ", " :: ", " — ", " – ")


def _in_outlet_name(ctx: EventContext, p: PlaceMention) -> bool:
    """A place in the outlet's name a page title ends with ("... - KSLA News 12 Shreveport")."""
    ts = ctx.rdoc.document.title_span
    if not ts or not (ts[0] <= p.start < ts[1]):
        return False
    before = ctx.rdoc.text[ts[0] : p.start]
    return any(sep in before for sep in _TITLE_SEPARATORS)


_AROUND = re.compile(r"(?:-|\s+)(?:area|suburbs?|metro)\b|\s+suburb\s+of\b", re.IGNORECASE)


def _around(ctx: EventContext, p: PlaceMention) -> bool:
    """A city named for the area around it, not as the place: "a Phoenix-area shooting", "the Denver
    suburb of Wheat Ridge", "in the Seattle area"."""
    return bool(_AROUND.match(ctx.rdoc.text, p.end))


def candidates(ctx: EventContext, toks: set[int], trigs: list[Trigger]) -> list[PlaceCandidate]:
    out: list[PlaceCandidate] = []
    for s, e in char_runs(ctx.doc, toks):
        for p in ctx.index.places_in(s, e):
            if _is_origin(ctx, p) or _in_outlet_name(ctx, p) or _is_destination(ctx, p) or _around(ctx, p):
                continue
            span = ctx.doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            dist = min(tree_distance(span.root, ctx.doc[t.head]) for t in trigs) if trigs else 0
            loc = place_location(p)
            kind = kind_of(loc, p.location is not None)
            if kind == "unknown" and span.root.ent_type_ == "GPE":
                kind = "town"  # a place name the gazetteer lacks: most often a small town
            if kind in ("city", "town") and region_after(span):
                kind = "region"  # "in Aleppo province": the province, not the city of its name
            if kind in ("city", "town") and _called_part(ctx, p.text):
                kind = "sub"  # a district that bears a town's name
                loc = Location(name=p.text, detail=p.text, start=p.start, end=p.end)
            out.append(PlaceCandidate(dist, p, loc, kind))
    out.sort(key=lambda c: (c.distance, c.mention.start))
    return out


_DATELINE_END = re.compile(r"\s*(?:[,(:]|--|[-\u2013\u2014](?=\s))")


def _opens_dateline(ctx: EventContext, p: PlaceMention, starts: list[int]) -> bool:
    """The place opens a paragraph as a dateline does, followed by a comma, a parenthesis or a dash
    ("MEMPHIS, Tenn. (AP) --", "BOSTON (Reuters) -"), not as the first word of a name ("Chicago Tribune
    reporter ...", "Oklahoma City Thunder ...")."""
    return any(s <= p.start <= s + 3 for s in starts) and bool(_DATELINE_END.match(ctx.rdoc.text, p.end))


def dateline_city(ctx: EventContext) -> PlaceCandidate | None:
    """The city a body paragraph opens with ("MEMPHIS, Tenn. (AP) --"), if any."""
    paras = ctx.rdoc.document.paragraphs
    ts = ctx.rdoc.document.title_span
    starts = [p.start for p in paras if not (ts and p.start < ts[1])][:2]
    for p in ctx.rdoc.places:
        if p.location is not None and _opens_dateline(ctx, p, starts):
            loc = place_location(p)
            kind = kind_of(loc, True)
            if kind in ("city", "sub") and loc.city:
                return PlaceCandidate(0, p, loc, kind)
    return None


def police_town(ctx: EventContext) -> Location | None:
    """The town whose police force the report names first ("Rocky Mount Police Department"), placed in
    the region the report names when it names one."""
    for ent in ctx.rdoc.entities:
        if ent.type not in ("organization", "group") or not ent.mentions:
            continue
        name = " ".join(ent.name.split())
        low = name.lower()
        for words in sorted(ctx.lex.agency_words, key=len, reverse=True):
            if low.endswith(" " + words):
                town = name[: len(name) - len(words) - 1].strip()
                first = town.split()[0].lower() if town.split() else ""
                states = {p.location.region for p in ctx.rdoc.places if p.location and p.location.region}
                if (
                    not town
                    or first in ctx.lex.not_towns
                    or town.split()[-1].lower() in ctx.lex.not_town_last
                    or town in states
                    or town.lower().endswith(" county")
                    or not all(w[:1].isupper() for w in town.split())
                ):
                    break
                region = next(
                    (
                        p.location
                        for p in ctx.rdoc.places
                        if p.location is not None and p.location.region and not p.location.city
                    ),
                    None,
                )
                m = min(ent.mentions, key=lambda x: x.start)
                return Location(
                    name=town,
                    city=town,
                    region=region.region if region else None,
                    country=region.country if region else None,
                    start=m.start,
                    end=m.end,
                )
    return None


def report_city(ctx: EventContext, region: str | None = None) -> PlaceCandidate | None:
    """The report's own city: its dateline's, else the city it names most often; with ``region``, only
    the cities of that region count."""
    paras = ctx.rdoc.document.paragraphs
    ts = ctx.rdoc.document.title_span
    starts = [p.start for p in paras if not (ts and p.start < ts[1])][:2]
    cities: Counter[str] = Counter()
    first: dict[str, PlaceCandidate] = {}
    origin: PlaceCandidate | None = None
    for p in ctx.rdoc.places:
        if p.location is None:
            continue
        loc = place_location(p)
        kind = kind_of(loc, True)
        if kind not in ("city", "sub") or not loc.city or _in_outlet_name(ctx, p):
            continue
        if region is not None and loc.region != region:
            continue
        cand = PlaceCandidate(0, p, loc, kind)
        if _opens_dateline(ctx, p, starts):  # "MEMPHIS, Tenn. (AP) --"
            return cand
        if _is_destination(ctx, p):
            continue
        if not _is_origin(ctx, p):
            cities[loc.city] += 1
            first.setdefault(loc.city, cand)
        elif origin is None:
            origin = cand  # "a Las Vegas boy": where people are from, when nothing else places it
    if not cities:
        return origin
    return first[cities.most_common(1)[0][0]]


def _stated_city(
    ctx: EventContext, toks: set[int], dateline: PlaceCandidate | None, title_city: PlaceCandidate | None
) -> PlaceCandidate | None:
    """The locality the body states the main incident happened in (``events_locality``), as a candidate
    that beats the dateline and the report's most named city: the one stated with a locality noun first,
    the first in the text among equals; the headline's city when the body states it too."""
    skip = [c.mention for c in (dateline,) if c is not None]
    skip += [
        p
        for p in ctx.rdoc.places
        if _is_origin(ctx, p) or _in_outlet_name(ctx, p) or _is_destination(ctx, p) or _around(ctx, p)
    ]
    found = stated_localities(ctx, toks, skip)
    if not found:
        return None
    if title_city is not None:
        named = [f for f in found if same_place(f.location.city, title_city.location.city)]
        span = ctx.doc.char_span(title_city.mention.start, title_city.mention.end, alignment_mode="expand")
        if named or (span is not None and len(span) and evidence_of(span)):
            return title_city  # "Shooting At Birthday Party In Compton": the headline states it too
    best = min(found, key=lambda f: (f.sentence, -f.evidence, f.mention.start))  # the body's first statement
    loc = best.location
    if loc.country is None:
        loc.country = country_around(ctx, best)
    kind = "city" if best.mention.location is not None and loc.city else "town"
    if kind == "town":
        loc.city = loc.city or loc.name
    # (the candidate's distance carries the strength of its evidence, for the caller's choice)
    return PlaceCandidate(best.evidence, best.mention, loc, "city" if loc.city else kind)


def event_location(
    ctx: EventContext, toks: set[int], trigs: list[Trigger], use_report_city: bool = False
) -> Location | None:
    """The place of one event (see the module docstring). The report's main incident placed in no
    country is in the country the report names most ("near the town of Mladenovac ... Serbia")."""
    loc = _event_location(ctx, toks, trigs, use_report_city)
    if use_report_city and loc is not None and loc.country is None:
        loc.country = report_country(ctx)
    return loc


def _event_location(
    ctx: EventContext, toks: set[int], trigs: list[Trigger], use_report_city: bool = False
) -> Location | None:
    cands = candidates(ctx, toks, trigs)
    city = next((c for c in cands if c.kind in ("city", "sub") and c.location.city), None)
    dateline = dateline_city(ctx) if use_report_city else None
    # the report's dateline names its incident's city; a city the event's words name in another country
    # overrules it; a street of the dateline's city is kept as the detail
    same_country = city is None or (
        dateline is not None and city.location.country == dateline.location.country
    )
    street_of_it = (
        city is not None
        and dateline is not None
        and city.kind == "sub"
        and city.location.city == dateline.location.city
    )
    # a town of the dateline's state that the event's own words name is where it happened ("NEW ORLEANS
    # (AP) -- ... the shootings in Charenton"): the dateline is the reporter's city
    nearby_town = (
        city is not None
        and dateline is not None
        and city.kind == "city"
        and city.distance <= NEARBY_TOWN_MAX_DISTANCE
        and city.location.region is not None
        and city.location.region == dateline.location.region
        and city.location.city != dateline.location.city
    )
    # a city the headline gives the event ("Shooting at Kokomo bar") is where it happened, whatever the
    # dateline says
    ts = ctx.rdoc.document.title_span
    title_city = next(
        (
            c
            for c in cands
            if c.kind == "city" and c.location.city and ts and ts[0] <= c.mention.start < ts[1]
        ),
        None,
    )
    if title_city is not None:
        city = title_city
    other_region = next(
        (
            c.location.region
            for c in cands[:2]
            if dateline is not None
            and c.kind == "region"
            and c.location.region
            and c.location.region != dateline.location.region
        ),
        None,
    )
    # the event's words name another state than the dateline's: "BOSTON (Reuters) - ... at their southern
    # Maine home"
    dateline_holds = same_country and other_region is None and not street_of_it and not nearby_town
    if dateline is not None and dateline_holds and title_city is None:
        city = dateline
    # the body's own statement of the locality beats the dateline, the headline's city and the report's
    # most named city; the event's own nearest city yields only to a locality stated with its noun ("the
    # town of Azaz")
    own = city is not None and city is not dateline and city is not title_city
    stated = _stated_city(ctx, toks, dateline, title_city) if use_report_city else None
    stated_detail: str | None = None
    if stated is not None and (not own or stated.distance == STRONG_EVIDENCE):
        part = is_district(ctx, stated.mention) or _called_part(ctx, stated.mention.text)
        if city is not None and part and stated.location.city != city.location.city:
            # "in the Englewood neighborhood", "the Sonadanga area": a district of the city already found
            stated_detail = stated.mention.text
        else:
            city = stated
    if city is None and use_report_city:
        town = police_town(ctx)
        if town is not None:
            return town
        city = report_city(ctx, other_region)
        if city is not None and any(
            c.kind in ("region", "country")
            and c.location.country
            and c.location.country != city.location.country
            for c in cands[:1]
        ):
            city = None  # the event's words place it in another country
    detail = next(
        (
            c
            for c in cands
            if c.kind == "sub" and (city is None or c.location.city in (None, city.location.city))
        ),
        None,
    )
    if city is None:
        wide = next((c for c in cands if c.kind == "town"), None) or next(
            (c for c in cands if c.kind in ("unknown", "region", "country")), None
        )
        if wide is None and detail is None:
            return None
        base = wide or detail
        assert base is not None
        loc = base.location
        if base.kind == "town":
            loc.city = loc.name
        if detail is not None and base is not detail:
            loc.detail = detail.location.detail or detail.location.name
        return loc
    c = city.location
    if city.kind == "town":
        c = Location(name=c.name, city=c.name)
        region = next((x.location for x in cands if x.kind == "region"), None)
        if region is not None:
            c.region, c.country = region.region, region.country
    det = None
    if detail is None and stated_detail is not None:
        det = stated_detail
    elif detail is not None:
        det = detail.location.detail or detail.location.name
    elif city.kind == "sub":
        det = c.detail
    anchor = detail or city
    return Location(
        name=c.city or c.name,
        detail=det,
        city=c.city,
        region=c.region,
        country=c.country,
        lat=c.lat,
        lon=c.lon,
        geonameid=c.geonameid,
        start=anchor.mention.start,
        end=anchor.mention.end,
    )
