"""Negation, hedges and reporting: whether a clause states, reports, doubts or denies what it says.

"Ukraine has not been linked to the shooting" is a denied link; "the motive and those responsible remain
unclear" leaves the perpetrator open; "Russian media reported" makes a clause reported. A denied or open
clause never yields a positive fact (a perpetrator, a cause): callers ask ``is_open`` before using one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .events_lexicon import Lexicon
from .events_syntax import ancestors_path, lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

_MODAL_HYPOTHETICAL = {"may", "might", "could", "would", "will", "should", "can"}
_ALLEGED = {"alleged", "allege", "suspected", "suspect", "purported"}
_PLANNED = {
    "planned",
    "plan",
    "possible",
    "potential",
    "foiled",
    "foil",
    "thwarted",
    "thwart",
    "future",
    "threatened",
    "threaten",
}
_PLOT_NOUNS = {"plot", "plan", "threat", "conspiracy", "scheme"}
_CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "conj", "xcomp", "csubj", "parataxis", "acl", "pcomp"}


def negated(tok: Token, lex: Lexicon) -> bool:
    """The token's own clause is negated ("has not been linked", "no one was hurt", "without injury")."""
    if any(lemma(c) in lex.negators and c.dep_ in ("neg", "det", "advmod", "preconj") for c in tok.children):
        return True
    verb = clause_verb(tok)
    if (
        verb is not None
        and verb.i == tok.i
        and any(_nobody(c, lex) for c in tok.children if c.dep_ in ("nsubj", "nsubjpass"))
    ):
        return True  # "nobody has been arrested", "no one was hurt"
    if verb is not None and verb.i != tok.i and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "ROOT"):
        return any(c.dep_ == "neg" for c in verb.children)
    return tok.dep_ == "pobj" and lemma(tok.head) == "without"


def _nobody(subj: Token, lex: Lexicon) -> bool:
    return lemma(subj) in ("nobody", "none", "nothing", "noone") or any(
        c.lower_ == "no" for c in subj.children if c.dep_ == "det"
    )


def clause_verb(tok: Token) -> Token | None:
    """The nearest verb (or predicate) governing the token, the token itself if it is one."""
    for a in ancestors_path(tok):
        if a.pos_ in ("VERB", "AUX") or a.dep_ == "ROOT":
            return a
    return None


def modality(tok: Token, lex: Lexicon) -> tuple[str, str]:
    """(polarity, modality) of the clause the token stands in.

    modality is asserted | reported | hypothetical | unknown | denied; polarity positive | negative.
    """
    if negated(tok, lex):
        return "negative", "denied"
    mods = {lemma(c) for c in tok.children if c.dep_ in ("amod", "advmod", "compound")}
    if mods & _ALLEGED:
        return "positive", "alleged"
    if mods & _PLANNED:
        return "positive", "hypothetical"
    path = ancestors_path(tok)
    reported = False
    for k, a in enumerate(path):
        lem = lemma(a)
        if (
            a.pos_ in ("VERB", "AUX", "ADJ")
            and any(c.dep_ == "neg" for c in a.children)
            and k > 0
            and a.dep_ in _CLAUSE_DEPS
            and tok.pos_ in ("VERB", "AUX")
        ):
            return "negative", "denied"
        if lem in lex.denial:
            return "negative", "denied"
        if k > 0 and a.pos_ == "NOUN" and lem in _PLOT_NOUNS:
            return "positive", "hypothetical"  # "a plot to bomb", "threats of attacks"
        if lem in lex.hedges and (a.pos_ in ("ADJ", "VERB", "ADV") or k == 0):
            if lem in ("unclear", "unknown", "uncertain", "unconfirmed", "unverified", "whether", "if"):
                return "positive", "unknown"
            if lem in ("plan", "plot", "threaten", "threat", "intend", "prepare", "would", "will"):
                return "positive", "hypothetical"
        if any(lemma(c) in _MODAL_HYPOTHETICAL and c.dep_ == "aux" for c in a.children) and k <= 1:
            return "positive", "hypothetical"
        if lem in lex.reporting and a.pos_ == "VERB":
            reported = True
    sent = tok.sent
    if not reported and any(
        lemma(t) == "accord" and t.nbor(1).lower_ == "to" for t in sent if t.i + 1 < len(t.doc)
    ):
        reported = True
    if not reported and any(lemma(t) in lex.reporting and t.pos_ == "VERB" for t in sent):
        reported = True
    return "positive", ("reported" if reported else "asserted")


def is_open(tok: Token, lex: Lexicon) -> bool:
    """True when the clause of the token denies or leaves open what it says (never a positive fact)."""
    if negated(tok, lex):
        return True
    for k, a in enumerate(ancestors_path(tok)):
        lem = lemma(a)
        if lem in lex.denial:
            return True
        if lem in ("unclear", "unknown", "uncertain", "unconfirmed", "unverified", "whether"):
            return True
        if k > 0 and a.pos_ in ("VERB", "AUX") and any(c.dep_ == "neg" for c in a.children):
            return True
        if a.pos_ in ("VERB", "AUX", "ADJ") and any(
            lemma(c) in ("unclear", "unknown")
            for c in a.children
            if c.dep_ in ("acomp", "oprd", "xcomp", "attr")
        ):
            return True
    return False
