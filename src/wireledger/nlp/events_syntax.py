"""Small helpers over spaCy's parse that the event steps share: lemma windows, phrases, subtrees,
the link from a token to the entity or place mention that covers it."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..model import Entity
from .base import PlaceMention, ReadingDoc

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

DETERMINERS = {
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "some",
    "any",
}


def lemma(tok: Token) -> str:
    """Lower-case lemma; falls back to the lower-case form for proper nouns the lemmatizer keeps."""
    lem = tok.lemma_.lower()
    return lem if lem and lem != "-pron-" else tok.lower_


def forms(tok: Token) -> tuple[str, str]:
    return lemma(tok), tok.lower_


def doc_words(doc: SpacyDoc) -> tuple[list[str], list[str]]:
    """Lemmas and lower-case forms of every token, computed once per document."""
    cached = doc.user_data.get("wireledger.words")
    if cached is None or len(cached[0]) != len(doc):
        cached = ([lemma(t) for t in doc], [t.lower_ for t in doc])
        doc.user_data["wireledger.words"] = cached
    return cached


class PhraseTable:
    """Lemma phrases compiled for matching: first word -> [(words, key)], longest first."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for key in phrases:
            words = tuple(key.split())
            if words:
                self.first.setdefault(words[0], []).append((words, key))
        for entries in self.first.values():
            entries.sort(key=lambda x: -len(x[0]))

    def match_at(
        self, lemmas: list[str], lowers: list[str], i: int, end: int, max_len: int
    ) -> tuple[int, str] | None:
        cands = self.first.get(lemmas[i], []) + (
            self.first.get(lowers[i], []) if lowers[i] != lemmas[i] else []
        )
        best: tuple[int, str] | None = None
        for words, key in cands:
            n = len(words)
            if n > max_len or i + n > end or (best is not None and n <= best[0]):
                continue
            if all(w == lemmas[i + k] or w == lowers[i + k] for k, w in enumerate(words)):
                best = (n, key)
        return best


_TABLES: dict[int, tuple[object, PhraseTable]] = {}


def _table(phrases: Iterable[str] | dict[str, object]) -> PhraseTable:
    entry = _TABLES.get(id(phrases))
    if entry is not None and entry[0] is phrases:
        return entry[1]
    table = PhraseTable(phrases)
    if isinstance(phrases, frozenset | dict):  # immutable lexicon tables: compile once
        _TABLES[id(phrases)] = (phrases, table)
    return table


def phrase_at(doc: SpacyDoc, i: int, n: int, end: int) -> list[str]:
    """Candidate keys for the n tokens starting at i (lemmas, surface forms, last word surface)."""
    if i + n > end:
        return []
    lemmas, lowers = doc_words(doc)
    lem = " ".join(lemmas[i : i + n])
    low = " ".join(lowers[i : i + n])
    mixed = " ".join([*lemmas[i : i + n - 1], lowers[i + n - 1]])
    out = [lem]
    for k in (low, mixed):
        if k not in out:
            out.append(k)
    return out


def match_phrases(
    doc: SpacyDoc, start: int, end: int, table: Iterable[str] | dict[str, object], max_len: int = 4
) -> Iterator[tuple[int, int, str]]:
    """Longest-first matches of lemma phrases of ``table`` in tokens [start, end): (i, j, key)."""
    compiled = _table(table)
    lemmas, lowers = doc_words(doc)
    end = min(end, len(doc))
    i = start
    while i < end:
        hit = compiled.match_at(lemmas, lowers, i, end, max_len)
        if hit:
            yield i, i + hit[0], hit[1]
            i += hit[0]
        else:
            i += 1


def has_phrase(doc: SpacyDoc, tokens: Iterable[int], phrases: Iterable[str], max_len: int = 4) -> str | None:
    """The first phrase of ``phrases`` found in the (contiguous runs of) token indices, or None."""
    idx = sorted(set(tokens))
    if not idx:
        return None
    table = phrases if isinstance(phrases, frozenset) else frozenset(phrases)
    for s, e in runs(idx):
        for _, _, key in match_phrases(doc, s, e, table, max_len):
            return key
    return None


def runs(idx: list[int]) -> list[tuple[int, int]]:
    """Contiguous runs of sorted token indices as [start, end) pairs."""
    out: list[tuple[int, int]] = []
    for i in idx:
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def char_runs(doc: SpacyDoc, idx: Iterable[int]) -> list[tuple[int, int]]:
    """Character spans of the contiguous runs of token indices (trailing punctuation trimmed)."""
    out = []
    for s, e in runs(sorted(set(idx))):
        while e - 1 > s and doc[e - 1].is_punct:
            e -= 1
        out.append((doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)))
    return out


def doc_heads(doc: SpacyDoc) -> list[int]:
    """The head index of every token, computed once per document."""
    cached = doc.user_data.get("wireledger.heads")
    if cached is None or len(cached) != len(doc):
        cached = [t.head.i for t in doc]
        doc.user_data["wireledger.heads"] = cached
    return cached


def path_ids(doc: SpacyDoc, i: int) -> list[int]:
    """Token index i and its ancestors' indices, nearest first."""
    heads = doc_heads(doc)
    out = [i]
    while heads[out[-1]] != out[-1] and len(out) < 64:
        out.append(heads[out[-1]])
    return out


def ancestors_path(tok: Token) -> list[Token]:
    """The token and its ancestors, nearest first."""
    doc = tok.doc
    return [doc[i] for i in path_ids(doc, tok.i)]


def tree_distance(a: Token, b: Token) -> int:
    doc = a.doc
    pa = {i: k for k, i in enumerate(path_ids(doc, a.i))}
    for k, i in enumerate(path_ids(doc, b.i)):
        if i in pa:
            return pa[i] + k
    return 99


def noun_phrase(tok: Token, with_det: bool = False) -> tuple[int, int]:
    """Token span [start, end) of the noun phrase headed by ``tok`` (modifiers to its left and
    compounds, without relative clauses or prepositional phrases)."""
    left = tok.i
    for child in tok.lefts:
        if child.dep_ in ("det", "predet") and not with_det and child.lower_ in DETERMINERS:
            continue
        if child.dep_ in (
            "amod",
            "compound",
            "nummod",
            "nmod",
            "poss",
            "det",
            "predet",
            "quantmod",
            "npadvmod",
            "advmod",
            "case",
            "punct",
            "nn",
        ):
            left = min(left, child.left_edge.i)
    while left < tok.i and (tok.doc[left].is_punct or (not with_det and tok.doc[left].lower_ in DETERMINERS)):
        left += 1
    right = tok.i + 1
    for child in tok.rights:
        if child.dep_ in ("compound", "flat", "case") and child.i == right:
            right = child.right_edge.i + 1
    return left, right


class MentionIndex:
    """Which entity or place mention covers a character offset."""

    def __init__(self, rdoc: ReadingDoc) -> None:
        spans: list[tuple[int, int, Entity]] = []
        for ent in rdoc.entities:
            for m in ent.mentions:
                spans.append((m.start, m.end, ent))
        spans.sort(key=lambda x: (x[0], -x[1]))
        self._starts = [s for s, _, _ in spans]
        self._spans = spans
        self._places = sorted(rdoc.places, key=lambda p: p.start)
        self._place_starts = [p.start for p in self._places]

    def entity_at(self, start: int, end: int | None = None) -> Entity | None:
        """The entity with a mention overlapping [start, end) (the longest such mention)."""
        end = start + 1 if end is None else end
        k = bisect.bisect_right(self._starts, end - 1)
        best: tuple[int, Entity] | None = None
        for s, e, ent in self._spans[max(0, k - 12) : k]:
            if s < end and e > start and (best is None or e - s > best[0]):
                best = (e - s, ent)
        return best[1] if best else None

    def entity_of(self, tok: Token) -> Entity | None:
        return self.entity_at(tok.idx, tok.idx + len(tok.text))

    def place_at(self, start: int, end: int) -> PlaceMention | None:
        k = bisect.bisect_right(self._place_starts, end - 1)
        for p in self._places[max(0, k - 6) : k]:
            if p.start < end and p.end > start:
                return p
        return None

    def places_in(self, start: int, end: int) -> list[PlaceMention]:
        lo = bisect.bisect_left(self._place_starts, start)
        hi = bisect.bisect_left(self._place_starts, end)
        return self._places[lo:hi]
