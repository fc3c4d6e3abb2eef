"""Casualty counts as said in one sentence: "four were killed", "three people died", "left 12 dead".

Used by the claims step to give every killed/wounded count its own evidence and to notice when one
report gives two counts for the same thing. The event step decides the event's count; this module only
finds what the words say, with a lower bound flag for "at least four".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .attribution_lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "nummod", "npadvmod", "attr", "appos"})
MAX_COUNT = 10_000


@dataclass(frozen=True)
class CountMention:
    field: str  # killed | wounded
    value: int
    at_least: bool
    start: int  # the number's characters
    end: int
    cue_start: int  # the casualty word's characters
    cue_end: int


def number_value(tok: Token, lex: Lexicon, sent_start: int = 0) -> int | None:
    low = tok.lower_.replace(",", "")
    if low.isdigit():
        value = int(low)
        return value if value < MAX_COUNT else None
    if low in lex.numbers:
        prev = tok.doc[tok.i - 1].lower_ if tok.i > sent_start else ""
        if f"{prev} {low}" in lex.numbers:
            return lex.numbers[f"{prev} {low}"]
        if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            return 0
        return lex.numbers[low]
    return None


def _is_lower_bound(num: Token, lex: Lexicon, sent_start: int) -> bool:
    before = " ".join(t.lower_ for t in num.doc[max(sent_start, num.i - 3):num.i])
    return any(before.endswith(b) for b in lex.lower_bounds)


def _casualty_field(tok: Token, lex: Lexicon) -> str | None:
    return lex.casualty_words.get(tok.lower_) or (
        lex.casualty_words.get(tok.lemma_.lower()) if tok.pos_ in ("VERB", "NOUN", "ADJ") else None)


def count_mentions(sent: SpacySpan, lex: Lexicon) -> list[CountMention]:
    """Every casualty count the sentence states (negated casualty words give none)."""
    out: list[CountMention] = []
    for cue in sent:
        field = _casualty_field(cue, lex)
        if field is None or any(c.dep_ == "neg" for c in cue.children):
            continue
        args = [c for c in cue.children if c.dep_ in _ARG_DEPS]
        if cue.dep_ in ("amod", "oprd", "acomp") and cue.head.pos_ in ("NOUN", "PROPN"):
            args.append(cue.head)
        for arg in args:
            s0 = sent.start
            nums = [arg] if number_value(arg, lex, s0) is not None else [
                c for c in arg.children
                if c.dep_ in ("nummod", "det") and number_value(c, lex, s0) is not None]
            if arg.lower_ in ("one", "nobody", "none") and any(c.lower_ == "no" for c in arg.children):
                nums = [arg]
            for num in nums:
                value = number_value(num, lex, s0)
                if value is None or num.lower_ in ("a", "an"):
                    continue
                if num.lower_ == "one" and num.dep_ == "nummod" and num.head.lower_ in ("of",):
                    continue
                out.append(CountMention(field, value, _is_lower_bound(num, lex, s0), num.idx,
                                        num.idx + len(num), cue.idx, cue.idx + len(cue)))
    return out
