"""Rules that find mentions spaCy misses or mistypes, from the words around them.

Each finder returns Candidates (mentions before grouping); ``merge_candidates`` adds them to spaCy's,
retyping a spaCy mention the rule covers ("Volokolamskoye Highway" tagged PERSON becomes a location).

- streets and numbered roads: "East Jefferson Street", "Interstate 55";
- armed groups: a capitalised name ending in a group word ("the Red Dawn Brigades");
- outlets named by what they are: "the news agency X", "the media channel X", "X newspaper";
- places qualified by their state or country: "Gary, Ind.", "Springfield, Illinois", "Salisbury, England";
- datelines: "MORRISON -", "BIRMINGHAM, Ala. (AP) -" at the start of a report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .base import ReadingDoc
from .entity_lexicon import EntityLexicon
from .gazetteer import Gazetteer, fold

_SENTENCE_END = re.compile(r"(?<=[a-z0-9])\.\s")  # "Vakarai. Valaitis": a full stop, not "U.S. News"
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_STREET_LEAD = frozenset({"The", "On", "At", "In", "Near", "And", "Along", "Off", "From", "To"})


_QUALIFIED_PLACE = re.compile(
    r"\b([A-Z][a-zA-Z'’.-]+(?:[ \t][A-Z][a-zA-Z'’.-]+){0,3}),[ \t]"
    r"((?:[A-Z][a-zA-Z]*\.?)(?:[ \t]?[A-Z][a-zA-Z]*\.?){0,2})"
)
# "in McComb", "near Traer", "the town of Elmo": a capitalised name after a word that places it, not
# followed by another capitalised word ("in Pike County", "in McComb Police custody" are other names)
_AFTER_PLACING_WORD = re.compile(
    r"\b(?:in|near|outside|at|(?:town|city|village|community) of)[ \t]+"
    r"((?:Mc|Mac|O')?[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)"
    r"(?![ \t]*[A-Z0-9'’-]|[\w'’-])")  # not the start of a longer name; "in Gary club" is fine
TOWN_CUE_MIN_POPULATION = 1000
_DATELINE = re.compile(
    r"^[ \t]*([A-Z][A-Z'’.-]+(?:[ \t][A-Z][A-Z'’.-]+){0,3})"
    r"(?:,[ \t]*([A-Z][A-Za-z.]*(?:[ \t][A-Z][A-Za-z.]*){0,2}))?"
    r"[ \t]*(?:\([A-Za-z .]+\)[ \t]*)?(?:—|–|--|-)[ \t]",
    re.MULTILINE,
)
DATELINE_PARAGRAPHS = 3  # a dateline opens one of the first paragraphs
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")


@dataclass
class Candidate:
    """One mention found in the text, before mentions are grouped into entities."""

    start: int
    end: int
    text: str
    type: str
    confidence: float
    label: str  # spaCy label, or the rule that found it
    titles: list[str] = field(default_factory=list)
    name: str | None = None  # shown name when the lists know a better one ("U.K." -> "United Kingdom")
    key: str = ""
    country: str | None = None
    strong: bool = False  # a rule sure enough to retype a spaCy person or place ("the newspaper X")

    def __post_init__(self) -> None:
        if not self.key:
            self.key = fold(self.text)


class CueFinder:
    def __init__(self, lexicon: EntityLexicon, gazetteer: Gazetteer) -> None:
        self.lex = lexicon
        self.gaz = gazetteer
        kinds = "|".join(re.escape(k) for k in lexicon.outlet_kind_nouns)
        name = r"((?:The\s+)?[A-Z0-9][\w&'’.-]*(?:[ \t]+(?:of[ \t]+)?[A-Z0-9][\w&'’.-]*){0,4})"
        self._kind_before = re.compile(rf"\b(?:{kinds})[ \t]+{name}")
        after = "|".join(re.escape(k) for k in lexicon.outlet_kind_nouns
                         if k not in ("daily", "weekly", "outlet", "publication"))
        self._kind_after = re.compile(rf"{name}[ \t]+(?:{after})\b")
        words = "|".join(re.escape(w.capitalize() if w.islower() else w) for w in
                         sorted(lexicon.street_words, key=len, reverse=True))
        group_words = "|".join(re.escape(w.capitalize()) for w in sorted(lexicon.group_words, key=len,
                                                                             reverse=True))
        self._group_name = re.compile(rf"\b((?:[A-Z][\w'’-]+[ \t]+){{1,4}}(?:{group_words}))\b")
        self._street = re.compile(
            rf"\b((?:(?:North|South|East|West|N\.|S\.|E\.|W\.)[ \t]+)?"
            rf"(?:[A-Z0-9][\w'’-]*\.?[ \t]+){{1,3}}(?:{words}))(?![\w])"
        )

    def add_all(self, doc: ReadingDoc, cands: list[Candidate]) -> list[Candidate]:
        text = doc.text
        cands = self._add_streets(text, cands)
        cands = self._add_groups(text, cands)
        cands = self._add_media_cues(text, cands)
        cands = self._add_qualified_places(text, cands)
        # a month or weekday spaCy reads as a date is no town ("set up in March" is not March, England)
        dates = [(e.start_char, e.end_char) for e in doc.spacy.ents if e.label_ in ("DATE", "TIME")] \
            if doc.spacy is not None else []
        cands = self._add_towns_after_prepositions(text, cands, dates)
        return self._add_datelines(text, cands)

    def _add_streets(self, text: str, cands: list[Candidate]) -> list[Candidate]:
        found: list[Candidate] = []
        for rx in (self._street, self.lex.numbered_road):
            for m in rx.finditer(text):
                start, end = m.start(), m.end()
                while True:  # drop sentence-initial function words: "On Main Street" -> "Main Street"
                    first, _, rest = text[start:end].partition(" ")
                    if rest and first in _STREET_LEAD:
                        start += len(first) + 1
                    else:
                        break
                if len(text[start:end].split()) < 2 and rx is self._street:
                    continue
                found.append(Candidate(start, end, text[start:end], "location", 0.75, "STREET"))
        return merge_candidates(cands, found, retype="location")

    def _add_groups(self, text: str, cands: list[Candidate]) -> list[Candidate]:
        """'the Red Dawn Brigades': a capitalised name ending in a group word, which spaCy often misses."""
        found = []
        for m in self._group_name.finditer(text):
            start, end = m.span(1)
            name = text[start:end]
            if name.split()[0] in _STREET_LEAD:
                continue
            found.append(Candidate(start, end, name, "group", 0.7, "GROUP"))
        return merge_candidates(cands, found, retype="group")

    def _add_media_cues(self, text: str, cands: list[Candidate]) -> list[Candidate]:
        found: list[Candidate] = []
        for rx in (self._kind_before, self._kind_after):
            for m in rx.finditer(text):
                start, end = m.span(1)
                name = _SENTENCE_END.split(text[start:end])[0].rstrip(".,;:")
                end = start + len(name)
                at_line_start = m.start(1) == _line_start(text, start)
                if name.startswith("The ") and rx is self._kind_after and at_line_start:
                    name, start = name[4:], start + 4
                words = name.split()
                if not words or all(self.lex.nationality(w) or w in ("The", "A", "An") for w in words):
                    continue
                if self.lex.is_institution(name):
                    continue
                strong = rx is self._kind_before and bool(_DETERMINER_BEFORE.search(text, 0, m.start()))
                found.append(Candidate(start, end, name, "media", 0.8 if strong else 0.75, "MEDIA_CUE",
                                       strong=strong))
        return merge_candidates(cands, found, retype="media")

    def _add_qualified_places(self, text: str, cands: list[Candidate]) -> list[Candidate]:
        """'Gary, Ind.', 'Springfield, Illinois', 'Salisbury, England': a place and the state or country
        it is in. The qualifier alone decides for US states; a country needs the gazetteer to know the
        place there."""
        found: list[Candidate] = []
        for m in _QUALIFIED_PLACE.finditer(text):
            name, qualifier = m.group(1), m.group(2).strip()
            while name.split()[0] in _STREET_LEAD and len(name.split()) > 1:
                name = name.split(" ", 1)[1]
            start = m.end(1) - len(name)
            if name.split()[0] in _STREET_LEAD or self.lex.nationality(name):
                continue
            state = self.gaz.us_state(qualifier)
            places = self.gaz.lookup(name)
            if state is not None:
                postal = qualifier.isupper() and len(qualifier) == 2
                if postal and not any(p.admin1 == state.admin1 and p.country == "US" for p in places):
                    continue  # "Smith, IN" is not enough; "Gary, IN" is, when Gary is in Indiana
                if any(p.kind in ("state", "country") for p in places):
                    continue  # "Texas, Oklahoma": a list of states, not a town
            else:
                country = self.gaz.country_code(qualifier)
                if country is None or not any(p.country == country and p.kind == "city" for p in places):
                    continue
            found.append(Candidate(start, m.end(1), name, "location", 0.8, "QUALIFIED", strong=True))
        return merge_candidates(cands, found, retype="location")

    def _add_towns_after_prepositions(self, text: str, cands: list[Candidate],
                                      dates: list[tuple[int, int]]) -> list[Candidate]:
        """'in McComb', 'west of the town of Traer': a name the gazetteer knows as a town after a word
        that places things, which spaCy often misses or reads as a person; not over other mentions."""
        found: list[Candidate] = []
        # a person's name is no obstacle ("in Traer" is not someone), others are
        taken = sorted([(c.start, c.end) for c in cands if c.type != "person" or c.titles] + dates)
        for m in _AFTER_PLACING_WORD.finditer(text):
            start, end = m.span(1)
            name = m.group(1)
            if any(s < end and start < e for s, e in taken):
                continue
            key = fold(name)
            if not any(p.kind == "city" and p.population >= TOWN_CUE_MIN_POPULATION and fold(p.name) == key
                       for p in self.gaz.lookup(name)):
                continue
            found.append(Candidate(start, end, name, "location", 0.7, "TOWN_CUE", strong=True))
        return merge_candidates(cands, found, retype="location")

    def _add_datelines(self, text: str, cands: list[Candidate]) -> list[Candidate]:
        """'MORRISON -' or 'BIRMINGHAM, Ala. (AP) -' opening one of the first paragraphs."""
        found: list[Candidate] = []
        starts = [0, *(m.end() for m in _PARAGRAPH.finditer(text, 0, 4000))][:DATELINE_PARAGRAPHS]
        for pos in starts:
            m = _DATELINE.match(text, pos)
            if not m:
                continue
            name = m.group(1)
            qualified = bool(m.group(2)) and self.gaz.us_state(m.group(2)) is not None
            if len(name) < 3 or not (self.gaz.lookup(name) or qualified):
                continue
            found.append(Candidate(m.start(1), m.end(1), name, "location", 0.8, "DATELINE", strong=True))
        return merge_candidates(cands, found, retype="location")


def merge_candidates(cands: list[Candidate], found: list[Candidate], retype: str) -> list[Candidate]:
    """Add rule-found mentions; one that overlaps a spaCy mention retypes it (unless it is a person
    with titles or a place) or replaces it when it is longer."""
    out = list(cands)
    for f in found:
        overlapping = [c for c in out if c.start < f.end and f.start < c.end]
        if not overlapping:
            out.append(f)
            continue
        for c in overlapping:
            if c.type == retype or (c.type == "person" and c.titles) or \
                    (retype == "media" and c.type in ("location", "person") and not f.strong):
                continue
            if f.start <= c.start and c.end <= f.end:
                c.start, c.end, c.text = f.start, f.end, f.text
                c.type, c.key, c.name = retype, fold(f.text), None
                c.confidence = max(c.confidence, f.confidence)
    return out


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


