"""Counts of nobody: the words that say no one died or was hurt, or that every victim is alive.

A count the report does not give is unknown (``None``), never 0 (a report of a kidnapping says nothing of
wounds; "a man was shot dead" says nothing of others hurt). It is 0 only when the text says so:

- a casualty word denied: "There were no casualties" (nobody dead or hurt), "No one else was injured",
  "None of the hostages were hurt", "the driver was not hurt", "without injury";
- a victim said to be alive and unhurt ("escaped unhurt", "is in good health"): nobody hurt, and nobody
  dead when the report tells of no death and of no one hurt;
- captives said to be freed ("the kidnapped engineer has been released"): nobody dead, when the report
  tells of no death.

The words are data (``events_counts.yaml``: ``casualty_nouns``, ``killed``, ``wounded``, ``unhurt``,
``freed``); this module reads which of them the parse denies or predicates of someone.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import load_taxonomy
from .events_lexicon import Lexicon
from .events_syntax import lemma, match_phrases, runs

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

_SUBJ = ("nsubj", "nsubjpass")
_PREDICATE = ("acomp", "attr", "oprd")
_NOBODY = {"nobody", "none", "noone", "no-one"}
# words of harm that say nothing of an outcome when denied ("did not survive" is a death)
_NOT_OUTCOMES = {"survive", "treat", "hospital", "hospitalize", "body", "bodies", "condition"}
CAPTIVE_FAMILY = "seizure"  # the taxonomy's family of attacks that hold people (kidnapping, hijacking...)
_HARM_NOUNS = {"injury", "death", "fatality", "wound", "casualty", "victim", "dead", "injured", "wounded"}


@dataclass
class StatedNone:
    """What the text says of nobody: the fields it sets to 0, each with the character span of the words."""

    killed: tuple[int, int] | None = None
    wounded: tuple[int, int] | None = None


def _nobody(subj: Token) -> bool:
    return lemma(subj) in _NOBODY or subj.lower_ in _NOBODY or any(
        c.lower_ == "no" for c in subj.children if c.dep_ == "det"
    )


def denied_harm(tok: Token) -> bool:
    """The casualty word ``tok`` is denied: "no casualties", "no one was hurt", "none of them were
    injured", "was not hurt", "without injury". Not a verb of saying or knowing that is denied ("police
    did not confirm any deaths" leaves the deaths open)."""
    if any(c.lower_ == "no" and c.dep_ == "det" for c in tok.children):
        return True
    if tok.dep_ == "pobj" and lemma(tok.head) == "without":
        return True
    if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.dep_ == "ROOT"):
        verb = tok
    elif tok.dep_ in _PREDICATE:
        verb = tok.head  # "nobody was hurt" read with "hurt" as an adjective
    else:
        return False
    subjects = [c for c in verb.children if c.dep_ in _SUBJ]
    if any(_nobody(s) for s in subjects):
        return True
    return bool(subjects) and any(c.dep_ == "neg" for c in verb.children)


def _harm_fields(tok: Token, lex: Lexicon) -> tuple[str, ...]:
    low, lem = tok.lower_, lemma(tok)
    if lem in _NOT_OUTCOMES or low in _NOT_OUTCOMES:
        return ()
    if lem in lex.casualty_nouns or low in lex.casualty_nouns:
        return ("killed", "wounded")
    if tok.pos_ in ("NOUN", "PROPN") and lem not in _HARM_NOUNS:
        return ()  # "no shots were fired": shots, not people hurt
    if lem in lex.killed or low in lex.killed:
        return ("killed",)
    if lem in lex.wounded or low in lex.wounded:
        return ("wounded",)
    return ()


def stated_none(
    doc: SpacyDoc,
    tokens: set[int],
    lex: Lexicon,
    event_type: str | None = None,
    told: Collection[str] = (),
) -> StatedNone:
    """The fields the words ``tokens`` (token indices of ``doc``) say are 0. ``event_type``: the
    incident's type (freed captives say nobody died only of a kidnapping, a hostage-taking, a hijacking);
    ``told``: the fields the incident's own words already tell of ("killing several people" is a death
    told, with no number): an unhurt or freed victim then says nothing of them."""
    out = StatedNone()
    told_in: dict[int, set[str]] = {}  # sentence start -> the fields its words tell of, not denied
    for i in sorted(tokens):
        tok = doc[i]
        fields = _harm_fields(tok, lex)
        if not fields:
            continue
        span = (tok.idx, tok.idx + len(tok.text))
        if denied_harm(tok):
            if "killed" in fields and out.killed is None:
                out.killed = span
            if "wounded" in fields and out.wounded is None:
                out.wounded = span
        else:
            told_in.setdefault(tok.sent.start, set()).update(fields)
    death_near = "killed" in told or any("killed" in f for f in told_in.values())
    if out.wounded is not None and out.killed is None and not death_near:
        out.killed = out.wounded  # "No one was hurt": nobody hurt is nobody dead, unless a death is told
    unhurt = _phrase_span(doc, tokens, lex.unhurt)
    if unhurt is not None:
        # "One was shot in the leg, but they are otherwise unharmed": not everyone unhurt
        near = told_in.get(unhurt[2], set()) | set(told)
        if "wounded" not in near:
            out.wounded = out.wounded or unhurt[:2]
            if "killed" not in near:
                out.killed = out.killed or unhurt[:2]
    captive = event_type is not None and load_taxonomy().attack_families.get(event_type) == CAPTIVE_FAMILY
    if captive and "killed" not in told and out.killed is None:
        out.killed = _freed(doc, tokens, lex)
    return out


def _phrase_span(
    doc: SpacyDoc, tokens: set[int], phrases: frozenset[str]
) -> tuple[int, int, int] | None:
    """(start, end, sentence start token) of the first phrase found."""
    for s, e in runs(sorted(tokens)):
        for i, j, _ in match_phrases(doc, s, e, phrases, max_len=4):
            return doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text), doc[i].sent.start
    return None


def _freed(doc: SpacyDoc, tokens: set[int], lex: Lexicon) -> tuple[int, int] | None:
    """ "has been freed", "the hostages were released", "police rescued the hostages": a captive alive."""
    for i in sorted(tokens):
        tok = doc[i]
        if tok.pos_ != "VERB" or lemma(tok) not in lex.freed:
            continue
        if any(c.dep_ == "neg" for c in tok.children):
            continue
        captive = [c for c in tok.children if c.dep_ in ("nsubjpass", "dobj")]
        if captive and all(_person(c, lex) for c in captive):
            return tok.idx, tok.idx + len(tok.text)
    return None


_CAPTIVES = {"hostage", "captive", "abductee"}
_PERSON_ENDINGS = ("er", "or", "ist", "ian", "ee", "ant", "ent")


def _person(tok: Token, lex: Lexicon) -> bool:
    """The freed are people ("the laborers", "Cholele", "he"), not "a statement" police released."""
    lem = lemma(tok)
    if tok.pos_ == "PRON":
        return tok.lower_ not in ("it", "this", "that", "which")
    if tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON":
        return True
    return tok.pos_ == "NOUN" and (
        lem in lex.person_nouns or lem in _CAPTIVES or lem.endswith(_PERSON_ENDINGS)
    ) and lem not in lex.not_people
