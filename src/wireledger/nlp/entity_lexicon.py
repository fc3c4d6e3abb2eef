"""Word lists the entity steps use, loaded once from wireledger/nlp/data/*.yaml.

Titles are matched as token sequences (so "Lt. Gen." and "Lieutenant General" are one title), outlets
and organisations by folded name. Everything is built once per pipeline (a shared step resource).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .base import load_data
from .gazetteer import fold
from .reporting_verbs import load_reporting_verbs

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Token

MAX_TITLE_TOKENS = 5


@dataclass
class EntityLexicon:
    titles: dict[tuple[str, ...], str] = field(default_factory=dict)  # lower token tuple -> full title
    title_heads: dict[str, set[str]] = field(default_factory=dict)  # "general" -> {"Lieutenant General", ...}
    title_gender: dict[str, str] = field(default_factory=dict)  # full title -> "m" | "f"
    no_coref_titles: set[str] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)  # folded names
    outlet_words: set[str] = field(default_factory=set)
    outlet_kind_nouns: list[str] = field(default_factory=list)
    report_verbs: set[str] = field(default_factory=set)
    told_verbs: set[str] = field(default_factory=set)
    org_canonical: dict[str, str] = field(default_factory=dict)  # folded alias -> shown name
    group_words: set[str] = field(default_factory=set)
    group_names: set[str] = field(default_factory=set)  # folded
    institution_words: set[str] = field(default_factory=set)
    nationalities: dict[str, str | None] = field(default_factory=dict)  # folded adjective -> ISO code
    street_words: set[str] = field(default_factory=set)
    street_not_after: set[str] = field(default_factory=set)
    district_words: set[str] = field(default_factory=set)
    compass_words: set[str] = field(default_factory=set)
    not_place_words: set[str] = field(default_factory=set)  # folded
    state_agency_words: set[str] = field(default_factory=set)  # "Delaware State Police": names the state
    numbered_road: re.Pattern[str] = field(default_factory=lambda: re.compile(r"(?!)"))

    @classmethod
    def load(cls, nlp: Language) -> EntityLexicon:
        lex = cls()
        titles = load_data("titles.yaml")
        full_titles: list[str] = [t for group in ("military", "police", "government", "honorific")
                                  for t in titles.get(group) or ()]
        for title in full_titles:
            lex._add_title(nlp, title, title)
        for written, full in (titles.get("abbreviations") or {}).items():
            lex._add_title(nlp, written, full)
        for gender, names in (titles.get("gender") or {}).items():
            for name in names:
                lex.title_gender[(titles.get("abbreviations") or {}).get(name, name)] = gender
                lex.title_gender[name] = gender
        abbreviations = titles.get("abbreviations") or {}
        lex.no_coref_titles = {abbreviations.get(t, t) for t in titles.get("no_coref") or ()}
        outlets = load_data("outlets.yaml")
        lex.outlets = {fold(n) for n in outlets.get("names") or ()}
        lex.outlet_words = {w.lower() for w in outlets.get("name_words") or ()}
        lex.outlet_kind_nouns = sorted(outlets.get("kind_nouns") or (), key=len, reverse=True)
        lex.report_verbs = set(load_reporting_verbs().outlet_forms)
        lex.told_verbs = set(outlets.get("told_verbs") or ())
        orgs = load_data("organizations.yaml")
        for names in orgs.get("aliases") or ():
            for name in names:
                lex.org_canonical.setdefault(fold(name), names[0])
        lex.group_words = {w.lower() for w in orgs.get("group_words") or ()}
        lex.group_names = {fold(n) for n in orgs.get("group_names") or ()}
        lex.institution_words = {w.lower() for w in orgs.get("institution_words") or ()}
        demonyms = load_data("demonyms.yaml")
        lex.nationalities = {fold(k): v for k, v in (demonyms.get("nationalities") or {}).items()}
        places = load_data("places.yaml")
        lex.street_words = {w.lower() for w in places.get("street_words") or ()}
        lex.street_not_after = {w.lower() for w in places.get("street_not_after") or ()}
        lex.district_words = {w.lower() for w in places.get("district_words") or ()}
        lex.compass_words = {w.lower() for w in places.get("compass_words") or ()}
        lex.not_place_words = {fold(w) for w in places.get("not_place_words") or ()}
        lex.state_agency_words = {w.lower() for w in places.get("state_agency_words") or ()}
        lex.numbered_road = re.compile(places["numbered_road"])
        return lex

    def _add_title(self, nlp: Language, written: str, full: str) -> None:
        key = tuple(t.lower_ for t in nlp.make_doc(written))
        self.titles.setdefault(key, full)
        self.title_heads.setdefault(full.split()[-1].lower(), set()).add(full)

    # -- questions the steps ask ------------------------------------------------------------------
    def title_at(self, tokens: list[Token], end: int) -> tuple[int, str] | None:
        """The longest title ending just before token index ``end``: (start index, full title)."""
        for n in range(min(MAX_TITLE_TOKENS, end), 0, -1):
            key = tuple(t.lower_ for t in tokens[end - n:end])
            full = self.titles.get(key)
            if full:
                return end - n, full
        return None

    def title_from(self, tokens: list[Token], start: int, limit: int) -> tuple[int, str] | None:
        """The longest title starting at token index ``start`` and ending before ``limit``."""
        for n in range(min(MAX_TITLE_TOKENS, limit - start), 0, -1):
            key = tuple(t.lower_ for t in tokens[start:start + n])
            full = self.titles.get(key)
            if full:
                return start + n, full
        return None

    def nationality(self, text: str) -> bool:
        key = fold(text)
        if key in self.nationalities:
            return True
        if key.endswith("s") and key[:-1] in self.nationalities:
            return True  # "Russians", "Muslims"
        return key.endswith("ans") and key[:-1] in self.nationalities

    def is_outlet_name(self, name: str) -> bool:
        key = fold(name)
        if key in self.outlets:
            return True
        words = name.split()
        return len(words) >= 2 and words[-1].lower() in self.outlet_words

    def is_institution(self, name: str) -> bool:
        words = [w.lower().strip(".,") for w in name.split()]
        return any(w in self.institution_words for w in words)

    def is_group(self, name: str) -> bool:
        key = fold(name)
        if key in self.group_names or fold(self.org_canonical.get(key, "")) in self.group_names:
            return True
        return name.split()[-1].lower() in self.group_words if name.split() else False

    def is_street(self, words: list[str]) -> bool:
        if len(words) < 2 or words[-1].lower() not in self.street_words:
            return False
        if words[-1].lower() in ("court", "ct.", "place", "way", "row", "circle") and \
                words[-2].lower() in self.street_not_after:
            return False
        return words[0][:1].isupper() or words[0][:1].isdigit()
