"""Text vectors for comparing reports: fixed term weights, so a pair's similarity depends on the pair alone.

A TF-IDF weight changes whenever a document arrives, and with it every earlier decision; the ledger must
give the same incidents whatever order the reports come in. So the weight of a term is read from the
document itself and from fixed data, never from the rest of the ledger:

- function words (``function_words.txt``) carry nothing;
- words that announce the kind of event (the taxonomy's triggers: "shooting", "killed", "police") are
  compared through the event type, so in the text they weigh little;
- names (a capitalised word that is not at the start of a sentence or a line) weigh most: the street, the
  victim, the bar, the town;
- numbers (ages, addresses, counts) weigh more than ordinary words.

Vectors are sparse ``{term: weight}`` dicts with unit length, rounded and cut to the strongest terms so
that a stored profile stays small.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources

from ..model import load_taxonomy

NAME_WEIGHT = 3.0
NUMBER_WEIGHT = 1.5
WORD_WEIGHT = 1.0
EVENT_WORD_WEIGHT = 0.3
TITLE_BOOST = 2  # a title word counts as this many occurrences
MAX_TERMS = 160  # terms kept per vector
SIGNATURE_TERMS = 10  # names a profile is indexed under for blocking
SIGNATURE_MIN = 4  # ...filled up to this many with its strongest other words

_TOKEN = re.compile(r"[^\W\d_](?:[^\W_]|['\u2019-](?=[^\W\d_]))*|\d+(?:[.,]\d+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"\u201c\u201d(]\s*|\n\s*|[-\u2013\u2014|*•]\s+)$")


@cache
def function_words() -> frozenset[str]:
    text = resources.files("wireledger.merge").joinpath("data/function_words.txt").read_text("utf-8")
    return frozenset(w.strip().lower() for w in text.split() if w.strip() and not w.startswith("#"))


@cache
def event_words() -> frozenset[str]:
    """Lower-case words of every taxonomy trigger, plus their simple inflections."""
    words: set[str] = set()
    tax = load_taxonomy()
    for et in tax.event_types.values():
        for trig in et.triggers:
            words.update(trig.split())
    for spec in tax.weapon_categories.values():
        for trig in spec.get("triggers") or []:
            words.update(str(trig).lower().split())
    inflected = set(words)
    for w in words:
        inflected.update({w + "s", w + "ed", w + "d", w + "ing", w + "er", w + "ers"})
        if w.endswith("e"):
            inflected.add(w[:-1] + "ing")
    return frozenset(inflected - function_words())


def normalise_term(token: str) -> str:
    t = token.lower().replace("\u2019", "'")
    if t.endswith("'s"):
        t = t[:-2]
    return t.replace(",", "")


def _title_case(line: str) -> bool:
    """A line set in Title Case (a headline, a menu, a byline): its capitals say nothing about names."""
    words = [w for w in _TOKEN.findall(line) if w[0].isalpha() and w.lower() not in function_words()]
    return len(words) >= 2 and sum(w[0].islower() for w in words) <= 0.1 * len(words)


def term_counts(text: str, *, boost: int = 1) -> tuple[Counter[str], set[str]]:
    """Term counts of ``text`` and the terms that stood as names (capitalised inside a sentence that is
    not set in Title Case)."""
    counts: Counter[str] = Counter()
    names: set[str] = set()
    stop = function_words()
    for line in text.splitlines():
        plain = not _title_case(line)
        for m in _TOKEN.finditer(line):
            term = normalise_term(m.group())
            if (len(term) < 2 and not term.isdigit()) or term in stop:
                continue
            counts[term] += boost
            before = line[max(0, m.start() - 4):m.start()]
            if plain and m.group()[0].isupper() and not _SENTENCE_START.search(before):
                names.add(term)
    return counts, names


_SITE_SEPARATOR = re.compile(r"\s+(?:[-|–—]|::)\s+")


def strip_site_name(title: str) -> str:
    """A page title without the site name it ends with ("... shot - WALB.com, South Georgia News")."""
    parts = _SITE_SEPARATOR.split(title)
    while len(parts) > 1:
        last = parts[-1]
        words = _TOKEN.findall(last)
        if not words or len(words) > 10:
            break
        if not all(w[0].isupper() or w[0].isdigit() or w.lower() in function_words() for w in words) \
                and "." not in last:
            break
        parts.pop()
    return " - ".join(parts)


def term_weight(term: str, is_name: bool) -> float:
    if term[0].isdigit():
        return NUMBER_WEIGHT
    if term in event_words():
        return EVENT_WORD_WEIGHT
    if is_name:
        return NAME_WEIGHT
    return WORD_WEIGHT


def analyse(texts: Iterable[tuple[str, int]], max_terms: int = MAX_TERMS,
            signature_terms: int | None = None) -> tuple[dict[str, float], list[str]]:
    """A unit-length sparse vector of ``(text, boost)`` pieces (the title boosted, the body not), and its
    signature: the names it uses most (then its strongest other words), what blocking files it under."""
    counts: Counter[str] = Counter()
    names: set[str] = set()
    for text, boost in texts:
        c, n = term_counts(text, boost=boost)
        counts.update(c)
        names |= n
    weights = {t: (1.0 + math.log(c)) * term_weight(t, t in names) for t, c in counts.items()}
    if len(weights) > max_terms:
        kept = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:max_terms]
        weights = dict(kept)
    norm = math.sqrt(sum(w * w for w in weights.values()))
    if not norm:
        return {}, []
    vector = {t: round(w / norm, 4) for t, w in weights.items()}
    signature_terms = SIGNATURE_TERMS if signature_terms is None else signature_terms
    ev = event_words()
    named = sorted((t for t in names if t in vector and t not in ev and not t[0].isdigit()),
                   key=lambda t: (-counts[t], t))[:signature_terms]
    # a report with few names (all capitals, or a short note) is filed under its strongest words too
    fill = [t for t in signature(vector, signature_terms) if t not in named]
    fill = fill[:max(0, SIGNATURE_MIN - len(named))]
    return vector, named + fill


def vectorise(texts: Iterable[tuple[str, int]], max_terms: int = MAX_TERMS) -> dict[str, float]:
    """The vector of ``analyse``."""
    return analyse(texts, max_terms)[0]


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    shared = a.keys() & b.keys()
    return sum([a[t] * b[t] for t in shared]) if shared else 0.0


def signature(vector: Mapping[str, float], n: int = SIGNATURE_TERMS) -> list[str]:
    """The strongest terms of a vector that are not event words: what the report is specifically about."""
    ev = event_words()
    ranked = sorted(((w, t) for t, w in vector.items() if t not in ev and not t.isdigit()),
                    key=lambda wt: (-wt[0], wt[1]))
    return [t for _, t in ranked[:n]]
