"""Modality and polarity: how firmly a statement is made.

A sentence is cut into clauses (a predicate with its own dependents, apart from the clauses it governs).
Each clause gets one modality of ``model.reading.MODALITIES``, decided in this order:

1. denied: its predicate is negated ("has not been linked"), a denial phrase ("declined to comment"), or a
   frame whose cue denies ("the ministry denied ..."); unknown instead when the negated predicate is one
   of knowing or telling ("has not been identified", "did not say whether").
2. unknown: "remain unclear", "his condition is unknown", "not immediately known".
3. hypothetical: a modal (may, might, could), a condition ("if", "whether"), a hedge ("possibly").
4. alleged: an accusing frame (accused, claimed, suspected) or a hedge adverb (allegedly, reportedly).
5. reported: any other frame (said, reported, according to).
6. asserted: the outlet's own statement.

Polarity follows: ``negative`` for denied, ``uncertain`` for unknown and hypothetical, else ``positive``.
A negative or uncertain clause never becomes a positive fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .attribution_lexicon import Lexicon
from .attribution_sources import contains_phrase, plain

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

_CLAUSE_DEPS = frozenset({"ROOT", "parataxis", "advcl", "conj"})
# an adverbial clause is a statement of its own only after these ("..., while the gunman fled")
_CLAUSE_MARKS = frozenset({"while", "whereas", "though", "although", "but", "if", "unless", "whether"})
_PREDICATE_POS = frozenset({"VERB", "AUX"})
_PRED_COMPLEMENTS = frozenset({"acomp", "attr", "oprd", "xcomp", "ccomp"})
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")


@dataclass
class Clause:
    head: int  # token index of the predicate
    tokens: set[int] = field(default_factory=set)
    subject: int | None = None  # token index of its subject (inherited by "... and has not commented")
    modality: str = "asserted"
    polarity: str = "positive"
    cue: str | None = None  # the words that decided the modality

    def span(self, doc: SpacyDoc) -> tuple[int, int]:
        first = doc[min(self.tokens)]
        last = doc[max(self.tokens)]
        return first.idx, last.idx + len(last)


def polarity_of(modality: str) -> str:
    if modality == "denied":
        return "negative"
    if modality in ("unknown", "hypothetical"):
        return "uncertain"
    return "positive"


def _is_clause_head(tok: Token, allowed: set[int]) -> bool:
    if tok.dep_ == "ROOT" or tok.head.i not in allowed:
        return True
    if tok.dep_ not in _CLAUSE_DEPS:
        return False
    if tok.dep_ == "conj":
        return tok.pos_ in _PREDICATE_POS and tok.head.pos_ in _PREDICATE_POS
    if tok.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in _CLAUSE_MARKS for c in tok.children)
    return tok.pos_ in _PREDICATE_POS or any(c.dep_ in _SUBJECT_DEPS for c in tok.children)


def clauses(sent_tokens: list[Token], allowed: set[int]) -> list[Clause]:
    """Cut the tokens ``allowed`` (a sentence, or the content of a frame) into clauses."""
    heads = [t for t in sent_tokens if t.i in allowed and _is_clause_head(t, allowed)]
    head_ids = {h.i for h in heads}
    out: list[Clause] = []
    for h in heads:
        toks: set[int] = set()
        stack = [h]
        while stack:
            t = stack.pop()
            toks.add(t.i)
            stack += [c for c in t.children if c.i in allowed and c.i not in head_ids]
        # a coordinating word or subordinator at the edge belongs to no clause
        edge = sorted(toks)
        doc = sent_tokens[0].doc
        while edge and (doc[edge[0]].dep_ in ("cc", "mark", "punct", "prep") and edge[0] != h.i):
            toks.discard(edge.pop(0))
        while edge and edge[-1] != h.i and (sent_tokens[0].doc[edge[-1]].is_punct or
                                            sent_tokens[0].doc[edge[-1]].dep_ in ("cc", "mark")):
            toks.discard(edge.pop())
        if not any(not sent_tokens[0].doc[i].is_punct for i in toks):
            continue
        out.append(Clause(head=h.i, tokens=toks, subject=_subject_of(h)))
    return out


def _subject_of(h: Token) -> int | None:
    node = h
    for _ in range(3):
        subj = next((c for c in node.children if c.dep_ in _SUBJECT_DEPS[:3]), None)
        if subj is not None:
            if subj.lower_ in ("who", "which", "that") and node.dep_ == "relcl":
                return node.head.i
            return subj.i
        if node.dep_ in ("conj", "xcomp", "advcl") and node.head.i != node.i:
            node = node.head  # "has not been linked ... and has not commented": the same subject
            continue
        break
    return None


def clause_modality(clause: Clause, sent: SpacySpan, lex: Lexicon, frame_modality: str | None) -> Clause:
    """Fill ``clause.modality``, ``polarity`` and ``cue``; ``frame_modality`` is the cue's, if any."""
    doc = sent.doc
    head = doc[clause.head]
    text = plain(" ".join(doc[i].text for i in sorted(clause.tokens)))
    modality, cue = _decide(head, clause, text, lex, frame_modality)
    clause.modality, clause.cue = modality, cue
    clause.polarity = polarity_of(modality)
    return clause


def _predicates(head: Token) -> list[Token]:
    """The predicate and its complements: "is unknown", "remain unclear", "has not been linked"."""
    return [head] + [c for c in head.children if c.dep_ in _PRED_COMPLEMENTS]


def _decide(head: Token, clause: Clause, text: str, lex: Lexicon,
            frame_modality: str | None) -> tuple[str, str | None]:
    preds = _predicates(head)
    negs = [c for p in preds for c in p.children if c.dep_ == "neg" and c.i in clause.tokens]
    subj = head.doc[clause.subject] if clause.subject is not None else None
    nobody = subj is not None and (subj.lower_ in lex.negative_subjects
                                   or any(c.dep_ == "det" and c.lower_ == "no" for c in subj.children))
    if subj is not None and subj.i in clause.tokens and nobody:
        return "denied", subj.lower_  # "No group has claimed responsibility", "Nobody was hurt"
    for phrase in lex.denied_phrases:
        if contains_phrase(text, phrase):
            return "denied", phrase
    if negs:
        lemmas = {p.lemma_.lower() for p in preds}
        if lemmas & lex.unknown_negated_verbs:
            return "unknown", "not " + head.lemma_.lower()
        return "denied", "not " + head.lemma_.lower()
    if frame_modality == "denied":
        return "denied", "denial"
    for phrase in lex.unknown_phrases:
        if contains_phrase(text, phrase):
            return "unknown", phrase
    if any(p.lower_ in lex.unknown_words for p in preds) or frame_modality == "unknown":
        return "unknown", next((p.lower_ for p in preds if p.lower_ in lex.unknown_words), "not said")
    for c in head.children:
        if c.dep_ == "aux" and c.lower_ in lex.hypothetical_modals and c.i in clause.tokens:
            return "hypothetical", c.lower_
        if c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless"):
            return "hypothetical", c.lower_
        if c.dep_ == "advmod" and c.lower_ in lex.hypothetical_phrases:
            return "hypothetical", c.lower_
    for phrase in lex.hypothetical_phrases:
        if " " in phrase and contains_phrase(text, phrase):
            return "hypothetical", phrase
    if frame_modality == "alleged":
        return "alleged", "accusation"
    for word in text.split():
        if word in lex.alleged_adverbs:
            return "alleged", word
    for phrase in lex.alleged_phrases:
        if contains_phrase(text, phrase):
            return "alleged", phrase
    if frame_modality is not None:
        return "reported", None
    return "asserted", None
