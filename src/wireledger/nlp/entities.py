"""Entities: spaCy's named entities, corrected with word lists, a gazetteer and context.

From each spaCy entity the step trims articles, possessives and titles (the titles are kept on the
person: "Lt. Gen." -> "Lieutenant General"), then decides the type:

- media: a listed outlet, a name ending in an outlet word ("The Kyiv Independent"), a broadcast call sign,
  or an organisation the text calls an outlet ("the media channel X", "X newspaper", "X reported",
  "told X");
- location: a street or road ("Volokolamskoye Highway", "Interstate 95") or a place the gazetteer knows
  that spaCy took for a person or organisation ("Kyiv"), unless the name is part of a person's name;
- group: an armed group (listed, or named with a group word such as "Front" or "Brigades"), or a NORP
  that is not a nationality ("the Houthis"); nationality adjectives ("Russian") are not entities;
- organization, person, facility otherwise.

Mentions of the same name (after folding and the alias lists) become one entity; ids "e1", "e2"... follow
the order of first mention. Coreference (surnames, titles, pronouns) is the next step's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Entity, Mention
from .base import ReadingDoc
from .entity_cues import Candidate, CueFinder
from .entity_lexicon import EntityLexicon
from .gazetteer import Gazetteer, fold
from .registry import StepContext, register_step

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

EXTRACTOR = "wireledger.entities@1"
LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
CITY_AS_PERSON_MIN_POPULATION = 100_000  # a PERSON that names a city this large is taken for the city
CITY_AFTER_IN_MIN_POPULATION = 15_000  # ... or this large after "in", "near": "a club in Gary"
_PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "from", "to", "across", "around"})
_CALL_SIGN = re.compile(r"^[KW][A-Z]{2,3}(?:-(?:TV|FM|AM|DT))?(?: \d{1,2})?$")
_LEADING_DROP = frozenset({"the", "a", "an", "former", "late", "ex", "then", "'s", "’s"})
_TRAILING_DROP = frozenset({"'s", "’s", "'", "’", ",", ".", ";", ":", "-", "—", "(", ")", '"', "“", "”", "/",
                            "|"})
_COUNTY_WORDS = frozenset({"County", "Parish", "Borough", "Township"})
_JURISDICTION_NOUNS = frozenset({"police", "sheriff", "authorities", "officials", "residents", "deputies",
                                 "firefighters", "prosecutors", "county"})
_TYPE_RANK = {"media": 6, "group": 5, "location": 4, "facility": 3, "organization": 2, "person": 1,
              "other": 0}
_OUTLET_KIND_WORDS = frozenset({"channel", "newspaper", "agency", "broadcaster", "station", "website",
                                "magazine", "tabloid", "outlet", "daily", "news"})
def entity_key(lexicon: EntityLexicon, gazetteer: Gazetteer, text: str, type_: str) -> tuple[str, str | None]:
    """Grouping key and canonical name of a mention."""
    key = fold(text)
    if type_ in ("organization", "group", "media") and key in lexicon.org_canonical:
        canonical = lexicon.org_canonical[key]
        return "org:" + fold(canonical), canonical
    if type_ == "location":
        for place in gazetteer.lookup(text):
            if place.kind == "country" and place.country:
                return "country:" + place.country, place.name
            if place.kind == "state" and place.admin1 and fold(place.name) != key:
                return "state:" + place.admin1, place.name  # "Ill." is Illinois
    return f"{type_ if type_ == 'person' else 'name'}:{key}", None


class EntitiesStep:
    name = "wireledger.entities"
    version = "1"
    reads: tuple[str, ...] = ("document", "spacy", "sentences")
    writes: tuple[str, ...] = ("entities",)

    def __init__(self, lexicon: EntityLexicon, gazetteer: Gazetteer) -> None:
        self.lex = lexicon
        self.gaz = gazetteer
        self.cues = CueFinder(lexicon, gazetteer)

    def __call__(self, doc: ReadingDoc) -> ReadingDoc:
        if doc.spacy is None:
            return doc
        tokens = list(doc.spacy)
        person_words = {w for e in doc.spacy.ents if e.label_ == "PERSON" and len(e) > 1
                        for w in e.text.split()}
        cands = [c for c in (self._from_ent(e, tokens, person_words) for e in doc.spacy.ents) if c]
        cands = self.cues.add_all(doc, cands)
        cands = self._add_known_names(tokens, cands)
        self._type_by_context(tokens, doc, cands)
        doc.entities = self._group(cands)
        return doc

    # -- one spaCy entity -------------------------------------------------------------------------
    def _from_ent(self, ent: SpacySpan, tokens: list[Token], person_words: set[str]) -> Candidate | None:
        label = ent.label_
        if label not in LABELS:
            return None
        s, e = ent.start, ent.end
        for i in range(s, e):  # never across a line break
            if "\n" in tokens[i].text or "\n" in tokens[i].whitespace_:
                e = i + 1 if not tokens[i].is_space else i
                break
        while s < e and (tokens[s].lower_ in _LEADING_DROP or tokens[s].is_punct or tokens[s].is_space):
            if tokens[s].text == "The" and s > 0 and not tokens[s - 1].is_space and \
                    self.lex.is_outlet_name(span_text(tokens, s, e)):
                break  # "The" belongs to an outlet's name mid-sentence: "The Kyiv Independent"
            s += 1
        while e > s and (tokens[e - 1].text in _TRAILING_DROP or tokens[e - 1].is_space):
            e -= 1
        jurisdiction = e < len(tokens) and tokens[e].text in _JURISDICTION_NOUNS and label == "PERSON"
        if jurisdiction and not self._is_person_name(span_text(tokens, s, e), person_words):
            # "Prince William police", "Puyallup residents": a place, whatever its first word looks like
            s, label = ent.start, "GPE"
        elif e < len(tokens) and tokens[e].text in _COUNTY_WORDS and s < e:
            # "Prince William County": a county, whatever title its first word looks like
            s, e, label = ent.start, e + 1, "GPE"
            while tokens[s].lower_ in ("the",):
                s += 1
        titles: list[str] = []
        if label in ("PERSON", "ORG"):
            while s < e:
                if self.lex.nationality(tokens[s].text) and self.lex.title_from(tokens, s + 1, e):
                    s += 1
                    continue
                found = self.lex.title_from(tokens, s, e)
                if not found:
                    break
                s, title = found
                titles.append(title)
            if s >= e:
                return None  # a title alone ("the Lieutenant General"): coreference handles it
        if s >= e:
            return None
        if label in ("PERSON", "ORG"):
            titles = self._titles_before(tokens, s) + titles
            if label == "ORG" and (titles or _followed_by_age(tokens, e)) and \
                    not self.lex.is_institution(span_text(tokens, s, e)):
                label = "PERSON"  # "Police Chief Marcus Bell", "Ieva Rimkute, 34,": a person spaCy missed
        text = span_text(tokens, s, e)
        start, end = tokens[s].idx, tokens[e - 1].idx + len(tokens[e - 1].text)
        after_in = s > 0 and tokens[s - 1].lower_ in _PLACE_PREPOSITIONS
        type_, conf = self._type_of(label, text, titles, person_words, after_in)
        if type_ is None:
            return None
        key, name = entity_key(self.lex, self.gaz, text, type_)
        return Candidate(start, end, text, type_, conf, label, titles, name, key)

    def _titles_before(self, tokens: list[Token], s: int) -> list[str]:
        titles: list[str] = []
        i = s
        while i > 0:
            found = self.lex.title_at(tokens, i)
            if not found or (found[0] == i - 1 and tokens[i - 1].text.islower()):
                break  # a lower-case single word describes ("former agent X"), it is not a title
            i, title = found
            titles.insert(0, title)
        return titles

    def _type_of(self, label: str, text: str, titles: list[str], person_words: set[str],
                 after_in: bool = False) -> tuple[str | None, float]:
        words = text.split()
        lex = self.lex
        if label == "NORP":
            if lex.nationality(text):
                return None, 0.0
            return "group", 0.6
        if label not in ("GPE", "LOC") and (lex.is_outlet_name(text) or _CALL_SIGN.match(text)):
            return "media", 0.9
        if lex.is_street(words) or lex.numbered_road.fullmatch(text):
            return "location", 0.8
        if label in ("GPE", "LOC"):
            return "location", 0.9 if self.gaz.lookup(text) else 0.8
        if label == "FAC":
            return ("location", 0.7) if words[-1].lower() in lex.district_words else ("facility", 0.7)
        if label == "PERSON":
            if words[-1].lower() in lex.institution_words or words[-1].lower() in lex.district_words:
                return "organization", 0.6  # "Gary Methodist Hospital" is not a person
            if not titles and self._is_place(text, person_words, after_in):
                return "location", 0.75
            return "person", 0.85 if len(words) > 1 else 0.7
        # ORG
        key = fold(text)
        if key in lex.org_canonical:
            return ("group" if lex.is_group(text) else "organization"), 0.9
        if not lex.is_institution(text) and any(
                p.kind in ("country", "state", "region") for p in self.gaz.lookup(text)):
            return "location", 0.75
        if after_in and not lex.is_institution(text) and not self._is_person_name(text, person_words) \
                and any(p.kind == "city" for p in self.gaz.lookup(text)):
            return "location", 0.7  # "hurt in Vallejo", "near Cimarron": a town spaCy took for a firm
        if lex.is_group(text):
            return "group", 0.75
        return "organization", 0.75

    @staticmethod
    def _is_person_name(text: str, person_words: set[str]) -> bool:
        """Part of a person's full name elsewhere in the report ("Smith police said" is rare)."""
        return any(w in person_words for w in text.split()) and len(text.split()) == 1

    def _is_place(self, text: str, person_words: set[str], after_in: bool) -> bool:
        places = self.gaz.lookup(text)
        if not places:
            return False
        words = text.split()
        if len(words) == 1 and words[0] in person_words:
            return False  # "Jackson" where "Jesse Jackson" is named
        if len(words) > 1:
            return any(p.kind != "county" and (p.kind != "city" or p.population >= 15_000) for p in places)
        least = CITY_AFTER_IN_MIN_POPULATION if after_in else CITY_AS_PERSON_MIN_POPULATION
        return any(p.kind in ("country", "state", "region") or p.population >= least for p in places)

    # -- mentions spaCy missed --------------------------------------------------------------------
    def _add_known_names(self, tokens: list[Token], cands: list[Candidate]) -> list[Candidate]:
        """Proper nouns spaCy left untagged: a surname of a person named in full elsewhere in the report
        ("Hale said"), a place tagged elsewhere in it ("Kyiv has ..."), or a country, region, US state or
        large city the gazetteer knows."""
        located = {c.key for c in cands if c.type == "location"}
        others = {c.key for c in cands if c.type != "location"}
        surnames = {c.text.split()[-1] for c in cands if c.type == "person" and len(c.text.split()) > 1}
        taken = sorted((c.start, c.end) for c in cands)
        found: list[Candidate] = []
        i, n = 0, len(tokens)
        while i < n:
            if tokens[i].pos_ != "PROPN" or not tokens[i].text[:1].isupper() or tokens[i].ent_type_:
                i += 1
                continue
            j = i + 1
            while j < n and j - i < 3 and tokens[j].pos_ == "PROPN" and tokens[j].text[:1].isupper() \
                    and not tokens[j].ent_type_:
                j += 1
            start, end = tokens[i].idx, tokens[j - 1].idx + len(tokens[j - 1].text)
            text = span_text(tokens, i, j)
            key = fold(text)
            if any(s < end and start < e for s, e in taken):
                i = j
                continue
            if text in surnames:  # "Hale said ...": a surname spaCy did not tag this time
                found.append(Candidate(start, end, text, "person", 0.65, "SURNAME", key="person:" + key))
            elif key not in others and key not in self.lex.not_place_words and (  # not "Man" in "Man shot"
                    key in located or self._is_known_place(text) or (
                    j < n and tokens[j].lower_ in self.lex.not_place_words
                    and any(p.kind == "city" for p in self.gaz.lookup(text)))):  # "a Beloit teen"
                type_key, name = entity_key(self.lex, self.gaz, text, "location")
                found.append(Candidate(start, end, text, "location", 0.65, "GAZETTEER", name=name,
                                       key=type_key))
            i = j
        return cands + found

    def _is_known_place(self, text: str) -> bool:
        key = fold(text)
        return any(p.kind in ("country", "state", "region") or
                   (p.kind == "city" and p.population >= CITY_AS_PERSON_MIN_POPULATION
                    and fold(p.name) == key) for p in self.gaz.lookup(text))

    def _type_by_context(self, tokens: list[Token], doc: ReadingDoc, cands: list[Candidate]) -> None:
        """'X reported' / 'told X': an organisation that is not an institution is an outlet."""
        if not cands:
            return
        starts = {t.idx: i for i, t in enumerate(tokens)}
        ends = {t.idx + len(t.text): i for i, t in enumerate(tokens)}
        for c in cands:
            if c.type != "organization" or self.lex.is_institution(c.text):
                continue
            last = ends.get(c.end)
            first = starts.get(c.start)
            after = _next_word(tokens, last + 1) if last is not None else None
            before = _prev_word(tokens, first - 1) if first is not None else None
            said = after is not None and after.lower_ in self.lex.report_verbs
            told = before is not None and before.lower_ in self.lex.told_verbs and \
                (after is None or after.lower_ not in _OUTLET_KIND_WORDS)  # "told the Telegram channel X"
            if said or told:
                c.type, c.confidence = "media", 0.7

    # -- grouping ---------------------------------------------------------------------------------
    def _group(self, cands: list[Candidate]) -> list[Entity]:
        cands.sort(key=lambda c: c.start)
        media_keys = {fold(c.text) for c in cands if c.type == "media"}
        by_key: dict[str, Entity] = {}
        order: list[Entity] = []
        for c in cands:
            retypable = c.type in ("organization", "person", "location") and not c.titles
            if retypable and fold(c.text) in media_keys:
                c.type, c.key, c.name = "media", fold(c.text), None
            key = c.key if c.type == "person" or c.key.startswith(("org:", "country:", "state:")) else \
                ("person:" if c.type == "person" else "name:") + fold(c.text)
            ent = by_key.get(key)
            if ent is None:
                ent = Entity(id="", name=c.name or c.text, type=c.type, confidence=c.confidence,
                             extractor=EXTRACTOR)
                by_key[key] = ent
                order.append(ent)
            elif _TYPE_RANK[c.type] > _TYPE_RANK[ent.type] and c.confidence >= 0.7:
                ent.type = c.type
            ent.mentions.append(Mention(c.start, c.end, c.text, "name"))
            for t in c.titles:
                if t not in ent.titles:
                    ent.titles.append(t)
            if c.name is None and len(c.text) > len(ent.name) and c.type != "location":
                ent.name = c.text
            ent.confidence = min(0.99, max(ent.confidence, c.confidence) + 0.02)
        for i, ent in enumerate(order, 1):
            ent.id = f"e{i}"
            ent.gender = ent.gender or self._gender(ent.titles)
        return order

    def _gender(self, titles: list[str]) -> str | None:
        return next((self.lex.title_gender[t] for t in titles if t in self.lex.title_gender), None)


def span_text(tokens: list[Token], s: int, e: int) -> str:
    """The text of tokens s..e-1 (never ``Doc.text``, which rebuilds the whole text on every call)."""
    return tokens[s].doc[s:e].text


def _followed_by_age(tokens: list[Token], e: int) -> bool:
    """'Ieva Rimkute, 34,': a name followed by an age."""
    return e + 2 < len(tokens) and tokens[e].text == "," and tokens[e + 1].like_num and \
        tokens[e + 2].text in (",", ")") and tokens[e + 1].text.isdigit() and int(tokens[e + 1].text) < 120


def _next_word(tokens: list[Token], i: int) -> Token | None:
    while i < len(tokens) and (tokens[i].is_space or tokens[i].text in (",", "’s", "'s")):
        i += 1
    return tokens[i] if i < len(tokens) else None


def _prev_word(tokens: list[Token], i: int) -> Token | None:
    while i >= 0 and (tokens[i].is_space or tokens[i].lower_ in ("the", "a", "an")):
        i -= 1
    return tokens[i] if i >= 0 else None


@register_step("entities")
def make_entities_step(context: StepContext) -> EntitiesStep:
    lexicon = context.resource("entity_lexicon", lambda: EntityLexicon.load(context.nlp))
    gazetteer = context.resource("gazetteer", lambda: Gazetteer.load(context.settings.geonames_path))
    return EntitiesStep(lexicon, gazetteer)
