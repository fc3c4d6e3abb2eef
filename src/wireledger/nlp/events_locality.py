"""The locality a report's body says its incident happened in.

Wire copy datelines name the bureau ("BANGKOK:", "CARACAS (Reuters) -"), headlines name the country or
the capital, and reports mention other incidents' cities; the body states where this one happened: "on
a military post in Nassoumbou commune", "near the town of Mladenovac", "the central market of the town
of Azaz", "in the Saiburi district of Pattani", "Kalemago, a village in ...". A place named so is a
*stated locality*. Its evidence is one of the patterns of ``events_places.yaml``:

- a locality noun after the name ("Nassoumbou commune", "the Saiburi district");
- a locality noun and "of" before it ("the town of Azaz", "the village of Changki");
- a locality noun in an apposition after it ("Kalemago, a village in ...");
- a preposition of place before it ("in Oicha", "near Koutoukale", "at the Gare de Lyon").

Only places at the level of a town or below count (not a region or a country), and not the places that
only say where a person is from, where the wounded were taken, or a dateline. The caller
(``events_location.event_location``) decides between the stated localities, the headline's city and the
dateline.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..model import Location
from .base import PlaceMention, load_data
from .events_syntax import lemma

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .events import EventContext

STRONG, PREPOSITION = 2, 1  # the evidence of a stated locality: a locality noun, or only a preposition
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
}


@dataclass
class StatedLocality:
    mention: PlaceMention
    location: Location
    evidence: int  # STRONG | PREPOSITION
    sentence: int  # index of the sentence in the EventContext


@cache
def _words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = load_data("events_places.yaml")
    preps = frozenset(str(w).lower() for w in data.get("locative_prepositions") or ())
    nouns = frozenset(str(w).lower() for w in data.get("locality_nouns") or ())
    wide = frozenset(str(w).lower() for w in data.get("region_nouns") or ())
    return preps, nouns, wide


@cache
def _list(name: str) -> frozenset[str]:
    """A word list of events_places.yaml."""
    return frozenset(str(w).lower() for w in load_data("events_places.yaml").get(name) or ())


def _district_nouns() -> frozenset[str]:
    return _list("district_nouns")


def is_district(ctx: EventContext, p: PlaceMention) -> bool:
    """The words call the place a part of a city: "the Sonadanga area", "the district of Hayy al-Shurta"."""
    span = ctx.doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    doc, nouns = span.doc, _district_nouns()
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    before = doc[span.start - 2].lower_ if span.start >= 2 and doc[span.start - 1].lower_ == "of" else ""
    return after in nouns or before in nouns


def region_after(span: Span) -> bool:
    """The name is followed by a region noun: "Aleppo province", "Soum governorate"."""
    _, _, wide = _words()
    return span.end < len(span.doc) and span.doc[span.end].lower_ in wide


def evidence_of(span: Span) -> int:
    """How the words around a place name state it as a locality: STRONG, PREPOSITION or 0."""
    preps, nouns, wide = _words()
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in wide:
        return 0  # "Soum province", "Aleppo governorate": a region
    if after is not None and after.lower_ in nouns:
        return STRONG  # "Nassoumbou commune", "the Saiburi district of Pattani"
    i = span.start - 1
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in nouns:
        j = i - 2
        while j >= 0 and (doc[j].pos_ in ("DET", "ADJ") or doc[j].lower_ == "the"):
            j -= 1
        if j >= 0 and doc[j].lower_ in _PATH:
            return 0  # "on its way from the town of Mokokchung to Dimapur": a route, not the place
        return STRONG  # "the town of Azaz"
    if after is not None and after.text == "," and span.end + 3 <= len(doc):
        nxt = doc[span.end + 1 : span.end + 4]
        if nxt[0].lower_ in ("a", "an", "the") and any(t.lower_ in nouns for t in nxt[1:]):
            return STRONG  # "Kalemago, a village in Central Sulawesi"
    around = _list("around_adjectives")
    while i >= 0 and (doc[i].pos_ in ("DET", "ADJ") or doc[i].tag_ == "POS" or doc[i].lower_ == "the"):
        if doc[i].lower_ in around:
            return 0  # "in suburban Phoenix": around the city, not in it
        i -= 1  # "in the central", "in Thailand's"
    if i >= 0 and doc[i].lower_ in preps and lemma(doc[i].head) not in _elsewhere():
        return PREPOSITION
    return 0


_PATH = {"from", "to", "towards", "toward", "via"}


def _elsewhere() -> frozenset[str]:
    """Verbs and nouns whose place is not the incident's: "detained in Dnipro", "buried in Kyoto"."""
    return _list("not_incident_heads")


def _is_locality(ctx: EventContext, p: PlaceMention, span: Span) -> bool:
    """A town, a village, a district or a street: not a region or a country, not a date ("in March")."""
    if p.text.lower() in _MONTHS or span.root.ent_type_ in ("DATE", "TIME", "PERSON", "NORP", "ORG"):
        return False
    if not p.text[:1].isupper():
        return False
    first, last = p.text.split()[0].lower().rstrip("."), p.text.split()[-1].lower()
    if first in _list("part_first_words") or last in _list("part_last_words"):
        return False  # "the South Side", "Northern California", "Southeast D.C.": a part, not a town
    loc = p.location
    if loc is None:
        # a name the gazetteer lacks: a town when the tagger reads it as one ("near the town of Mladenovac")
        return span.root.pos_ == "PROPN"
    return bool(loc.city)


def stated_localities(
    ctx: EventContext, toks: set[int], exclude: list[PlaceMention], lead_sentences: int = 3
) -> list[StatedLocality]:
    """The stated localities of the sentences of ``toks`` and of the body's first ``lead_sentences``
    sentences (after the headline), in the order of the text; ``exclude``: places the caller has already
    set aside (origins, destinations, the dateline)."""
    from .events_location import place_location  # (the caller's module; imported late, no cycle)

    ts = ctx.rdoc.document.title_span
    sents = {ctx.sent_of[i] for i in toks}
    body = [k for k, (s, _) in enumerate(ctx.sentences) if not (ts and ts[0] <= ctx.doc[s].idx < ts[1])]
    sents |= set(body[:lead_sentences])
    skip = {(p.start, p.end) for p in exclude}
    out: list[StatedLocality] = []
    for k in sorted(sents):
        s, e = ctx.sentences[k]
        for p in ctx.index.places_in(ctx.doc[s].idx, ctx.doc[e - 1].idx + len(ctx.doc[e - 1])):
            if (p.start, p.end) in skip:
                continue
            span = ctx.doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is None or not len(span) or not _is_locality(ctx, p, span):
                continue
            ev = evidence_of(span)
            if ev == PREPOSITION and p.location is None and span.root.ent_type_ != "GPE":
                ev = 0  # "in Owens Avenue", "at Trumbull Gardens": a name the tagger does not take for a town
            if ev:
                loc = place_location(p)
                if p.location is None:
                    loc = Location(name=p.text, city=p.text, start=p.start, end=p.end)
                out.append(StatedLocality(p, loc, ev, k))
        out.extend(_named_by_noun(ctx, k, out))
    out.sort(key=lambda f: (f.sentence, f.mention.start))
    return out


def _name_word(tok: Token) -> bool:
    """A word of a proper name: tagged so, or a capitalised noun inside a sentence ("the village of
    Changki", which the tagger reads as a common noun)."""
    return tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.is_title)


def _named_by_noun(ctx: EventContext, k: int, found: list[StatedLocality]) -> list[StatedLocality]:
    """Localities the places step did not take for places (the tagger read them as an organisation or a
    person) but the words state as ones: a proper name before a locality noun ("in the Rueso district",
    "Razmak tehsil") or after one and "of" ("the village of Kalemago")."""
    _, nouns, _ = _words()
    doc = ctx.doc
    s, e = ctx.sentences[k]
    taken = {i for f in found for i in range(f.mention.start, f.mention.end)}
    placed = [(p.start, p.end) for p in ctx.rdoc.places]
    out: list[StatedLocality] = []
    for i in range(s, e):
        if doc[i].lower_ not in nouns or doc[i].pos_ != "NOUN":
            continue
        if i - 1 > s and _name_word(doc[i - 1]):
            j = i - 1
            while j - 1 > s and _name_word(doc[j - 1]):
                j -= 1
            name = doc[j:i]
        elif i + 2 < e and doc[i + 1].lower_ == "of" and _name_word(doc[i + 2]):
            j = i + 3
            while j < e and _name_word(doc[j]):
                j += 1
            name = doc[i + 2 : j]
        else:
            continue
        start, end = name.start_char, name.end_char
        if start in taken or any(ps < end and start < pe for ps, pe in placed):
            continue  # a place of the places step: judged above
        if name.root.ent_type_ in ("DATE", "TIME", "NORP", "CARDINAL") or not name.text[:1].isupper():
            continue
        if name.text.split()[0].lower().rstrip(".") in _list("part_first_words"):
            continue
        mention = PlaceMention(start, end, name.text, None)
        out.append(StatedLocality(mention, Location(name=name.text, city=name.text, start=start, end=end),
                                  STRONG, k))
        taken.add(start)
    return out


def country_around(ctx: EventContext, stated: StatedLocality) -> str | None:
    """The country of a locality the gazetteer does not know: a place of its own sentence that has one
    ("the town of Azaz in Aleppo province", "near Koutoukale, Niger"), else the country the report names
    most."""
    s, e = ctx.sentences[stated.sentence]
    lo, hi = ctx.doc[s].idx, ctx.doc[e - 1].idx + len(ctx.doc[e - 1])
    near = [p for p in ctx.index.places_in(lo, hi) if p.location is not None and p.location.country]
    near.sort(key=lambda p: abs(p.start - stated.mention.start))
    if near:
        return near[0].location.country if near[0].location else None
    return report_country(ctx)


def report_country(ctx: EventContext) -> str | None:
    """The country the report's places name most (the first named among equals)."""
    counts = Counter(p.location.country for p in ctx.rdoc.places if p.location and p.location.country)
    return counts.most_common(1)[0][0] if counts else None


_SPACES = re.compile(r"\s+")


def same_place(a: str | None, b: str | None) -> bool:
    return bool(a and b) and _SPACES.sub(" ", str(a)).lower() == _SPACES.sub(" ", str(b)).lower()
