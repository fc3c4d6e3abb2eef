"""Person names taken apart: titles stripped, parts tagged (given, family, patronymic, initial).

A name as printed in the news ("Lieutenant General Vladimir Alekseev"), on a list ("ALEXSEYEV, Vladimir
Stepanovich", "Vladimir Stepanovich ALEXSEYEV"), or in another script ("Владимир Степанович АЛЕКСЕЕВ")
becomes a :class:`PersonName`: a tuple of :class:`NamePart` with their romanised form (rigour's
transliteration), spelling and skeleton keys (see :mod:`wireledger.resolve.keys`), and a role.
Comparing two names lives in :mod:`wireledger.resolve.compare`.

Roles come from structure, never from a list of names:

- the source says so (a list's separate surname and given-name fields);
- ``SURNAME, Given Patronymic``: what precedes the comma is the family name;
- a part in capitals inside a mixed-case name is the family name (the EU and UN convention);
- otherwise natural order: the last part is the family name;
- a part after the first with an East Slavic patronymic ending (-ovich, -evna, ...) that is not the
  family name is a patronymic; a single letter is an initial; small words listed in
  ``data/name_words.yaml`` (al, bin, de, van) are particles.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib import resources

from rigour.names import tokenize_name
from rigour.text.scripts import is_latin

from ..model.yaml_data import load_yaml
from .keys import romanise, skeleton_key, spelling_key


class Role(StrEnum):
    GIVEN = "given"
    FAMILY = "family"
    PATRONYMIC = "patronymic"
    INITIAL = "initial"
    PARTICLE = "particle"
    UNKNOWN = "unknown"


# East Slavic patronymics (Stepanovich, Yuryevna, Ilyinichna) and Turkic ones written as a word
# (oglu, kyzy). Matched on the spelling key.
_PATRONYMIC_ENDINGS = re.compile(r"(ovich|evich|ovna|evna|ichna|ogli|oglu|kizi)$")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class NamePart:
    """One word of a name."""

    text: str  # as written
    roman: str  # lowercase ASCII
    spelling: str  # romanisation conventions folded (keys.spelling_key)
    skeleton: str  # loose key for blocking (keys.skeleton_key)
    role: Role
    latin: bool  # written in Latin script
    is_initial: bool = False


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name, parts tagged; ``titles`` holds the ranks and honorifics stripped from it."""

    original: str
    parts: tuple[NamePart, ...]
    titles: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    family_known: bool = False  # the family name is known from structure, not guessed from word order

    @property
    def significant(self) -> tuple[NamePart, ...]:
        """Parts that carry identity: not particles."""
        return tuple(p for p in self.parts if p.role is not Role.PARTICLE)

    def display(self) -> str:
        return " ".join(p.text for p in self.parts)


@dataclass(frozen=True)
class _TitleTable:
    phrases: dict[str, tuple[tuple[str, ...], ...]]  # first word -> phrases starting with it, longest first
    suffixes: frozenset[str]
    particles: frozenset[str]


@lru_cache(maxsize=1)
def _titles() -> _TitleTable:
    raw = load_yaml(
        resources.files("wireledger.resolve").joinpath("data/name_words.yaml").read_text("utf-8")
    )
    words: set[tuple[str, ...]] = set()
    for group, values in raw.items():
        if group in ("suffixes", "particles"):
            continue
        for value in values:
            words.add(tuple(_title_tokens(value)))
    from rigour._core import person_name_prefixes_list  # the prefix list rigour strips itself

    for value in person_name_prefixes_list():
        toks = tuple(_title_tokens(value))
        if toks and toks != ("the",):
            words.add(toks)
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(words, key=len, reverse=True):
        phrases.setdefault(phrase[0], []).append(phrase)
    return _TitleTable(
        {k: tuple(v) for k, v in phrases.items()},
        frozenset(raw.get("suffixes", [])),
        frozenset(raw.get("particles", [])),
    )


def _title_tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[\s\-]+", text.lower().replace(".", " ")) if t]


def strip_titles(text: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """``text`` without leading titles/ranks and trailing generation suffixes, plus what was removed.

    A title is only removed when a name remains after it ("Major" alone stays a name).
    """
    table = _titles()
    words = text.split()
    titles: list[str] = []
    i = 0
    while i < len(words):
        lowered = [w.lower().strip(".,") for w in words[i : i + 4]]
        flat: list[str] = []
        spans: list[int] = []  # flat token index -> how many words consumed
        for n, w in enumerate(lowered):
            for tok in [t for t in re.split(r"-", w) if t]:
                flat.append(tok)
                spans.append(n + 1)
        hit = None
        for phrase in table.phrases.get(flat[0] if flat else "", ()):
            if tuple(flat[: len(phrase)]) == phrase:
                hit = spans[len(phrase) - 1]
                # the phrase must end on a word boundary
                if len(flat) > len(phrase) and spans[len(phrase)] == hit:
                    hit = None
                    continue
                break
        if hit is None or i + hit >= len(words):
            break
        titles.append(" ".join(words[i : i + hit]))
        i += hit
    rest = words[i:]
    suffixes: list[str] = []
    while len(rest) > 1 and rest[-1].lower().strip(".,") in table.suffixes:
        suffixes.insert(0, rest.pop())
    if rest:
        rest[-1] = rest[-1].rstrip(",")
    return " ".join(rest), tuple(titles), tuple(suffixes)


def _clean(text: str) -> str:
    text = _PARENS.sub(" ", text)
    text = text.replace("\u2019", "'").replace("`", "'")
    return _SPACES.sub(" ", text).strip(" ,;")


@lru_cache(maxsize=100_000)
def parse_person_name(
    text: str,
    family: str | None = None,
    given: str | None = None,
    strip: bool = True,
) -> PersonName:
    """Take a person's name apart.

    ``family`` and ``given`` are the surname and given names when the source prints them apart (they
    must be words of ``text``); ``strip`` removes leading titles and ranks (for names from free text).
    """
    cleaned = _clean(text)
    titles: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    if strip:
        cleaned, titles, suffixes = strip_titles(cleaned)
    head, sep, tail = cleaned.partition(",")
    comma = bool(sep) and bool(tail.strip()) and "," not in tail
    ordered = tail.strip() + " " + head.strip() if comma else cleaned.replace(",", " ")
    raw_tokens = tokenize_name(ordered)
    family_at: set[int] = set()
    if comma:
        n_family = len(tokenize_name(head))
        family_at = set(range(len(raw_tokens) - n_family, len(raw_tokens)))
    elif family:
        wanted = Counter(t.lower() for t in tokenize_name(_clean(family)))
        for i in range(len(raw_tokens) - 1, -1, -1):  # the surname's words, found from the end
            low = raw_tokens[i].lower()
            if wanted[low] > 0:
                wanted[low] -= 1
                family_at.add(i)
    mixed_case = any(t.isupper() and len(t) > 1 for t in raw_tokens) and any(
        not t.isupper() for t in raw_tokens if t.isalpha()
    )
    roles = _roles(raw_tokens, family_at, bool(family_at or given), mixed_case)
    parts = tuple(
        NamePart(
            text=tok,
            roman=romanise(tok),
            spelling=spelling_key(tok),
            skeleton=skeleton_key(tok),
            role=role,
            latin=_is_latin(tok),
            is_initial=role is Role.INITIAL,
        )
        for tok, role in zip(raw_tokens, roles)
        if romanise(tok)
    )
    known = bool(family_at) or mixed_case
    return PersonName(original=text, parts=parts, titles=titles, suffixes=suffixes, family_known=known)


def _roles(tokens: list[str], family_at: set[int], structured: bool, mixed_case: bool) -> list[Role]:
    stop = _stopwords()
    n = len(tokens)
    patronymic = [i > 0 and bool(_PATRONYMIC_ENDINGS.search(spelling_key(t))) for i, t in enumerate(tokens)]
    # "Surname Given Patronymic" without a comma (the FCDO export): the last word looks like a
    # patronymic and the one before it does not.
    family_first = not structured and not mixed_case and n >= 3 and patronymic[-1] and not patronymic[-2]
    roles: list[Role] = []
    for i, tok in enumerate(tokens):
        if tok.lower() in stop and n > 1:
            role = Role.PARTICLE
        elif len(romanise(tok)) == 1:
            role = Role.INITIAL
        elif structured:
            role = Role.FAMILY if i in family_at else Role.PATRONYMIC if patronymic[i] else Role.GIVEN
        elif mixed_case:
            if tok.isupper() and len(tok) > 1:
                role = Role.FAMILY
            else:
                role = Role.PATRONYMIC if patronymic[i] else Role.GIVEN
        elif n == 1:
            role = Role.UNKNOWN
        elif family_first:
            role = Role.FAMILY if i == 0 else Role.PATRONYMIC if patronymic[i] else Role.GIVEN
        elif i == n - 1:
            role = Role.FAMILY
        else:
            role = Role.PATRONYMIC if patronymic[i] else Role.GIVEN
        roles.append(role)
    return roles


def _stopwords() -> frozenset[str]:
    return _titles().particles


def _is_latin(token: str) -> bool:
    return token.isascii() or is_latin(token)


def name_keys(name: str | PersonName) -> frozenset[str]:
    """Blocking keys of a name: the skeleton key of every significant part.

    Two names that could be the same person share at least one key; the cross-document identity
    resolver and the screening index group candidates by them.
    """
    parsed = name if isinstance(name, PersonName) else parse_person_name(name)
    return frozenset(p.skeleton for p in parsed.significant if p.skeleton and not p.is_initial)


def person_name_key(name: str | PersonName) -> str:
    """One order-free key for a whole name: spelling keys of its given and family parts, sorted.

    Equal keys mean the same name up to romanisation, word order, titles and patronymic.
    """
    parsed = name if isinstance(name, PersonName) else parse_person_name(name)
    keep = [
        p.spelling
        for p in parsed.parts
        if p.role not in (Role.PARTICLE, Role.PATRONYMIC, Role.INITIAL) and p.spelling
    ]
    return " ".join(sorted(keep))
