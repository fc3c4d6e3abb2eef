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
    from spacy.tokens import Token

_RANK = {"killed": 3, "arrested": 2, "escaped": 1}
_VICTIM_WORDS = {"victim", "victims", "wounded", "injured"}


def perpetrator_status(
    doc: SpacyDoc, tokens: set[int], lex: Lexicon, perpetrator_tokens: set[int]
) -> tuple[str | None, tuple[int, int] | None]:
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
                if status == "escaped" and lemma(who) in ("police", "officer", "investigator", "deputy"):
                    continue
            span = (doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text))
            if best is None or _RANK[status] > best[0]:
                best = (_RANK[status], status, span)
    killed = _killed_by_police(doc, tokens, lex, perpetrator_tokens)
    if killed is not None and (best is None or best[0] < _RANK["killed"]):
        best = (_RANK["killed"], "killed", killed)
    if best is None:
        return None, None
    return best[1], best[2]


_FORCES = {
    "police",
    "officer",
    "deputy",
    "trooper",
    "agent",
    "soldier",
    "guard",
    "swat",
    "marshal",
    "sheriff",
    "policeman",
    "security",
    "force",
}
_HIM = {"him", "her", "them", "he", "she", "they"}
_REFLEXIVE = {"himself", "herself", "themselves"}


def _is_perpetrator(tok: Token, lex: Lexicon, perpetrator_tokens: set[int]) -> bool:
    return (
        tok.i in perpetrator_tokens
        or tok.lower_ in _HIM
        or lemma(tok) in lex.attacker_nouns
        or tok.lower_ in lex.attacker_nouns
        or lemma(tok) in lex.perpetrator_nouns
    )


def _killed_by_police(
    doc: SpacyDoc, tokens: set[int], lex: Lexicon, perpetrator_tokens: set[int]
) -> tuple[int, int] | None:
    """ "officers shot him dead", "the gunman was killed by police", "he then shot himself"."""
    for i in sorted(tokens):
        verb = doc[i]
        if verb.pos_ != "VERB" or lemma(verb) not in ("kill", "shoot") or negated(verb, lex):
            continue
        if lemma(verb) == "shoot" and not any(lemma(c) in ("dead", "death") for c in verb.subtree):
            continue
        kids = list(verb.children)
        subj = [c for c in kids if c.dep_ == "nsubj"]
        obj = [c for c in kids if c.dep_ == "dobj"]
        passive_subj = [c for c in kids if c.dep_ == "nsubjpass"]
        agents = [g for c in kids if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        span = (verb.idx, verb.idx + len(verb.text))
        if subj and obj and lemma(subj[0]) in _FORCES and _is_perpetrator(obj[0], lex, perpetrator_tokens):
            return span
        if (
            passive_subj
            and agents
            and _is_perpetrator(passive_subj[0], lex, perpetrator_tokens)
            and lemma(agents[0]) in _FORCES
        ):
            return span
        if subj and obj and obj[0].lower_ in _REFLEXIVE and _is_perpetrator(subj[0], lex, perpetrator_tokens):
            return span
    return None


def survival_cue(doc: SpacyDoc, tokens: set[int], lex: Lexicon) -> tuple[int, int] | None:
    """Character span of words saying the target lived (wounded, hospitalised, survived), or None."""
    for s, e in runs(sorted(tokens)):
        for i, j, _ in match_phrases(doc, s, e, lex.survived, max_len=5):
            if negated(doc[i], lex):
                continue
            return doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
    return None
