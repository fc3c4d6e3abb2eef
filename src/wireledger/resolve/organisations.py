"""Organisations named many ways: acronyms, official names, translations, reporters' descriptions.

:class:`OrganisationIndex` finds the organisations a text mentions (``find``) and says whether two
organisations are one, related (one part of the other) or distinct agencies (``relation``). It is
built from ``data/organisations.yaml`` and learns more from the texts it reads: a "Long Name (ACR)"
pair printed in a list's remarks or an article teaches that ACR and Long Name are one organisation.
Organisations not in the data are identified by their name's spelling keys (``name:<keys>``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..model.yaml_data import load_yaml
from .keys import spelling_key

AGENCY_KINDS = frozenset({"intelligence", "security", "police"})
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_PAIR = re.compile(
    r"\b((?:[A-Z][\w'-]+|of|the|and|for)(?:\s+(?:[A-Z][\w'-]+|of|the|and|for)){1,8})\s*\(([A-Z][A-Za-z-]{1,9})\)"
)
_WORD = re.compile(r"[\w'-]+")
_TOKEN = re.compile(r"[A-Za-z0-9]+")
_GENERIC = frozenset({"the", "of", "and", "for", "a", "an", "in"})


@dataclass(frozen=True)
class Organisation:
    id: str
    kind: str = ""
    country: str = ""
    part_of: str = ""
    names: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.acronyms[0] if self.acronyms else (self.names[0] if self.names else self.id)


@dataclass
class OrganisationIndex:
    orgs: dict[str, Organisation] = field(default_factory=dict)
    _phrases: dict[str, str] = field(default_factory=dict)  # lowercased known name/description -> id
    _learnt: dict[str, str] = field(default_factory=dict)  # lowercased name learnt from a text -> id
    _acronyms: dict[str, str] = field(default_factory=dict)  # acronym (as written) -> id
    _pattern: re.Pattern[str] | None = None

    @classmethod
    def default(cls) -> OrganisationIndex:
        index = cls()
        for org in _known():
            index.add(org)
        return index

    def add(self, org: Organisation, learnt: bool = False) -> None:
        self.orgs[org.id] = org
        target = self._learnt if learnt else self._phrases
        for name in org.names:
            target.setdefault(_norm(name), org.id)
        for acr in org.acronyms:
            self._acronyms.setdefault(acr.replace("-", " "), org.id)
        if not learnt:
            self._pattern = None

    def learn(self, text: str) -> None:
        """Learn "Long Name (ACR)" pairs printed in ``text``."""
        if "(" not in text:
            return
        for m in _PAIR.finditer(text.translate(_APOSTROPHES)):
            long_name, acr = m[1].strip(), m[2]
            words = long_name.split()
            while words and words[0].lower() in _GENERIC:
                words.pop(0)
            if len(words) < 2 or not _acronym_fits(acr, words):
                continue
            long_name = " ".join(words)
            norm = _norm(long_name)
            known = (
                self._phrases.get(norm) or self._learnt.get(norm) or self._acronyms.get(acr.replace("-", " "))
            )
            if known:
                self._learnt.setdefault(norm, known)
                self._acronyms.setdefault(acr.replace("-", " "), known)
            else:
                self.add(
                    Organisation("name:" + _keys(long_name), names=(long_name,), acronyms=(acr,)), learnt=True
                )

    def _compiled(self) -> re.Pattern[str]:
        if self._pattern is None:
            alts = sorted(self._phrases, key=len, reverse=True)
            self._pattern = re.compile(
                r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in alts) + r")(?![\w-])", re.I
            )
        return self._pattern

    def find(self, text: str) -> dict[str, str]:
        """Organisations mentioned in ``text``: id -> the words that named it."""
        if not text:
            return {}
        text = text.translate(_APOSTROPHES)
        found: dict[str, str] = {}
        for m in self._compiled().finditer(text):
            oid = self._phrases.get(_norm(m[0]))
            if oid is not None:
                found.setdefault(oid, m[0])
        if self._learnt:
            lowered = _norm(text)
            for name, oid in self._learnt.items():
                if name in lowered and oid not in found:
                    at = lowered.find(name)
                    found[oid] = text[at : at + len(name)] if len(text) == len(lowered) else name
        upper = text.isupper()
        tokens = _TOKEN.findall(text)
        for i, word in enumerate(tokens):
            pair = f"{word} {tokens[i + 1]}" if i + 1 < len(tokens) else ""
            for candidate in (pair, word):
                oid = self._acronyms.get(candidate)
                if oid is None or (upper and len(candidate) < 3):
                    continue  # short acronyms are not told apart from words in all-capitals text
                found.setdefault(oid, candidate)
                break
        return found

    def resolve(self, name: str) -> str:
        """The id of the organisation ``name`` refers to (a known one, else one from its spelling)."""
        found = self.find(name)
        if len(found) == 1:
            return next(iter(found))
        return "name:" + _keys(name)

    def relation(self, a: str, b: str) -> str:
        """same | related (one part of the other) | distinct_agencies | distinct | unknown."""
        if a == b:
            return "same"
        oa, ob = self.orgs.get(a), self.orgs.get(b)
        if oa is None or ob is None:
            return "unknown"
        if oa.part_of == b or ob.part_of == a:
            return "related"
        if oa.kind in AGENCY_KINDS and ob.kind in AGENCY_KINDS:
            return "distinct_agencies"
        return "distinct"

    def label(self, oid: str) -> str:
        org = self.orgs.get(oid)
        return org.label if org else oid.removeprefix("name:")


def _norm(text: str) -> str:
    return " ".join(text.translate(_APOSTROPHES).lower().split())


def _keys(name: str) -> str:
    return "-".join(spelling_key(w) for w in _WORD.findall(name) if w.lower() not in _GENERIC)


def _acronym_fits(acr: str, words: list[str]) -> bool:
    """An acronym's first letter is an initial of the long name's first word or a later one."""
    initials = [w[0].upper() for w in words if w.lower() not in _GENERIC]
    return bool(initials) and acr[0].upper() in initials[:2]


@lru_cache(maxsize=1)
def _known() -> tuple[Organisation, ...]:
    raw = load_yaml(
        resources.files("wireledger.resolve").joinpath("data/organisations.yaml").read_text("utf-8")
    )
    out: list[Organisation] = []
    for item in raw:
        names = tuple(item.get("names") or ()) + tuple(item.get("descriptions") or ())
        out.append(
            Organisation(
                id=item["id"],
                kind=item.get("kind", ""),
                country=item.get("country", ""),
                part_of=item.get("part_of", ""),
                names=names,
                acronyms=tuple(item.get("acronyms") or ()),
            )
        )
    return tuple(out)
