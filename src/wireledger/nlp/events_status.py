"""What became of the perpetrator (escaped, arrested, killed) and whether the target survived.

Cues are phrases of ``events_status.yaml`` found in the event's words, in a clause that is not denied
("no one is in custody" is no arrest). When several are said, the latest state wins in this order:
killed, then arrested, then escaped ("the gunman fled ... he was arrested on Tuesday" is arrested).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .events_lexicon import Lexicon
from .events_negation import negated
from .events_syntax import lemma, match_phrases, runs

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

_RANK = {"killed": 3, "arrested": 2, "escaped": 1}
_VICTIM_WORDS = {"victim", "victims", "wounded", "injured"}


def perpetrator_status(doc: SpacyDoc, tokens: set[int], lex: Lexicon,
                       perpetrator_tokens: set[int]) -> tuple[str | None, tuple[int, int] | None]:
    """(status, character span of the cue) or (None, None) when nothing is said."""
    best: tuple[int, str, tuple[int, int]] | None = None
    table = lex.status_table
    for s, e in runs(sorted(tokens)):
        for i, j, key in match_phrases(doc, s, e, table, max_len=6):
            status = table[key]
            head = doc[j - 1] if doc[i].pos_ not in ("VERB", "AUX") else doc[i]
            if negated(head, lex) or any(negated(doc[k], lex) for k in range(i, j) if doc[k].pos_ == "VERB"):
                continue
            subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and status != "killed":
                who = subj[0]
                if lemma(who) in _VICTIM_WORDS and who.i not in perpetrator_tokens:
                    continue
                if any(c.lower_ in ("no", "nobody") for c in [who, *who.children]):
                    continue
                if lemma(who) in ("police", "officer", "investigator", "detective", "deputy"):
                    if status == "escaped":
                        continue
            span = (doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text))
            if best is None or _RANK[status] > best[0]:
                best = (_RANK[status], status, span)
    if best is None:
        return None, None
    return best[1], best[2]


def survival_cue(doc: SpacyDoc, tokens: set[int], lex: Lexicon) -> tuple[int, int] | None:
    """Character span of words saying the target lived (wounded, hospitalised, survived), or None."""
    for s, e in runs(sorted(tokens)):
        for i, j, _ in match_phrases(doc, s, e, lex.survived, max_len=5):
            if negated(doc[i], lex):
                continue
            return doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
    return None
