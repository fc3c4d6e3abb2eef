"""The day of the main incident: which happening each date expression of the report dates.

A report names several days: the shooting's ("shot Monday", "Monday's shooting", "the Jan. 5 killing"),
and those of what followed (an arrest, a court hearing, a vigil, a statement: "police said Tuesday").
The date the events step found nearest the main incident's trigger may belong to one of the latter, above
all in follow-up reports written days or weeks later. This module reads, for each date expression, the
word it hangs from in the parse and sorts it by the word lists of ``data/events_dates.yaml``; when the
main incident's date is said of a follow-up, a statement or nothing, a date said of the incident itself
(and not of another, earlier one) replaces it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import DateValue
from .events_lexicon import _phrases, _read, load_lexicon
from .events_syntax import lemma

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

    from .events import Draft, EventContext

_log = logging.getLogger(__name__)
_CLIMB = (
    "compound",
    "nummod",
    "npadvmod",
    "pobj",
    "prep",
    "nmod",
    "amod",
    "poss",
    "case",
    "tmod",
    "advmod",
    "appos",
    "det",
    "nsubj",
    "dobj",
    "conj",
    "cc",
)
_MONTH_DAY = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d|\d+/\d+", re.I)
_MONTH_NAME_DAY = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d", re.I)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_BOUNDS = ("since", "until", "through", "till", "by", "before", "from")
_NOMINAL = ("poss", "compound", "amod", "nmod", "nummod")


@dataclass(frozen=True)
class DateWords:
    incident: frozenset[str]
    follow_up: frozenset[str]
    weak_incident: frozenset[str]
    saying: frozenset[str]
    later_harm: frozenset[str]
    time_nouns: frozenset[str]
    other_determiners: frozenset[str]
    charges: frozenset[str]
    happening_verbs: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def date_words() -> DateWords:
    data = _read("events_dates.yaml")
    follow_up = _phrases(data.get("follow_up"))
    return DateWords(
        incident=_phrases(data.get("incident")) | (_attack_triggers() - follow_up),
        follow_up=follow_up,
        weak_incident=_phrases(data.get("weak_incident")),
        saying=_phrases(data.get("saying")),
        later_harm=_phrases(data.get("later_harm")),
        time_nouns=_phrases(data.get("time_nouns")),
        other_determiners=_phrases(data.get("other_determiners")),
        charges=_phrases(data.get("charges")),
        happening_verbs=_phrases(data.get("happening_verbs")),
    )


def _attack_triggers() -> frozenset[str]:
    """The one-word triggers of every attack type of the taxonomy ("explosion", "kidnap", "arson"): a date
    said of any of them is said of an attack, whatever kind of attack the report is about."""
    lex = load_lexicon()
    attacks = {*lex.taxonomy.attack_types, "attack"}
    return frozenset(t for t, slug in lex.triggers.items() if slug in attacks and " " not in t)


def date_role(doc: SpacyDoc, start: int, end: int, words: DateWords | None = None) -> tuple[str, int | None]:
    """What the date expression on tokens [start, end) dates, and the token it hangs from: ``incident``
    (the attack), ``weak`` (a harm word that may be later news: "died Sunday"), ``follow_up`` (an arrest,
    a hearing, a statement), ``other`` (an earlier happening: "a Dec. 3 shooting"), or ``none``."""
    w = words or date_words()
    inside = set(range(start, end))
    tok: Token = doc[end - 1]
    # the expression's own head: the token whose head lies outside it
    for i in range(start, end):
        if doc[i].head.i not in inside or doc[i].head.i == i:
            tok = doc[i]
            break
    prev = start - 1
    while prev >= 0 and doc[prev].is_punct and doc[prev].text in (":", "(", "-", "–"):
        prev -= 1
    if prev >= 0 and prev < start - 1 and lemma(doc[prev]) in w.follow_up:
        return "follow_up", prev  # page furniture: "Updated: Monday, March 25", "UPDATE (9/19/16):"
    child, gov = tok, tok.head
    for _ in range(5):
        if gov.i == child.i:
            return "none", None
        lem = lemma(gov)
        if gov.i not in inside and (lem in w.incident or lem in w.follow_up):
            if lem in w.incident and child.dep_ in _NOMINAL and gov.pos_ in ("NOUN", "PROPN"):
                dets = {c.lower_ for c in gov.children if c.dep_ == "det"}
                if dets & w.other_determiners:
                    return "other", gov.i
            subj = next((c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if lem in w.saying and tok.i < gov.i and (subj is None or tok.i < subj.i):
                # "On Monday, police say a boy was shot": a fronted date is of what is said
                said = next((c for c in gov.children if c.dep_ == "ccomp" and c.i > gov.i), None)
                if said is not None and lemma(said) in w.incident and lemma(said) not in w.follow_up:
                    weak = lemma(said) in w.weak_incident and not _after_harm(said, w)
                    return ("weak" if weak else "incident"), said.i
            if lem in w.follow_up:
                harm = _harm_between(gov, tok, w)
                if harm is not None:  # "accused of killing a clerk on Jan. 26"
                    return "incident", harm.i
                return "follow_up", gov.i
            if lem in w.weak_incident and not _after_harm(gov, w):
                return "weak", gov.i
            return "incident", gov.i
        if (
            gov.pos_ in ("NOUN", "PROPN")
            and gov.i not in inside
            and child.dep_ in _NOMINAL
            and gov.dep_ not in (*_NOMINAL, "npadvmod")  # "Friday's officer-involved shooting"
            and lem not in w.time_nouns
        ):
            return "none", gov.i  # the day of something else: "a New Year's Eve party"
        if gov.pos_ in ("VERB", "AUX") and child.dep_ not in ("aux", "auxpass"):
            if lem == "be" and _state_of(gov, w):
                return "follow_up", gov.i  # "was in stable condition Wednesday"
            subject = _happening_subject(gov, w)
            if subject is not None:
                return "incident", subject.i  # "the incident took place late Thursday"
            return "none", gov.i  # a clause of something else
        if child.dep_ not in _CLIMB and child is not tok:
            return "none", gov.i
        child, gov = gov, gov.head
    return "none", None


def _happening_subject(verb: Token, w: DateWords) -> Token | None:
    """The incident word a verb of going on has as its subject ("the attack began at night", "the
    incident took place late Thursday"; not "the hearing took place Monday" nor "police took steps")."""
    lem = lemma(verb)
    if lem not in w.happening_verbs:
        return None
    if lem == "take" and not any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or lemma(subject) not in w.incident or lemma(subject) in w.follow_up:
        return None
    return None if _indefinite(subject, w) else subject


def _harm_between(gov: Token, date_tok: Token, w: DateWords) -> Token | None:
    """An attack verb of the follow-up word's clause that stands between it and the date it took
    ("charged with shooting two men on May 3", "arrested in connection with the shooting on July 4"; not
    the name of a charge: "charged with murder on Monday"): the parser hangs
    the date from the follow-up word, but it is said of the nearer harm."""
    if date_tok.i <= gov.i:
        return None
    for t in reversed(gov.doc[gov.i + 1 : date_tok.i]):
        if t.pos_ in ("VERB", "AUX") and t.dep_ in ("ccomp", "advcl", "relcl", "conj", "parataxis"):
            return None  # a clause of its own between them
        lem = lemma(t)
        if (
            (t.pos_ == "VERB" or (t.pos_ == "NOUN" and lem not in w.charges and not _indefinite(t, w)))
            and lem in w.incident
            and lem not in w.weak_incident
            and lem not in w.follow_up
            and gov in t.ancestors
        ):
            return t
    return None


def _indefinite(noun: Token, w: DateWords) -> bool:
    """'a shooting': a happening the report brings in, not the one it already tells of."""
    return any(c.dep_ == "det" and c.lower_ in w.other_determiners for c in noun.children)


def _state_of(verb: Token, w: DateWords) -> bool:
    """A copula whose complement is a later state ("in critical condition", "in custody")."""
    for child in verb.children:
        if child.dep_ in ("prep", "attr", "acomp") and (
            lemma(child) in w.follow_up or any(lemma(g) in w.follow_up for g in child.children)
        ):
            return True
    return False


def _after_harm(verb: Token, w: DateWords) -> bool:
    """A harm word with the attack in a clause of its own: "died Wednesday after he was shot"."""
    for child in verb.children:
        if (child.dep_ == "prep" and child.lower_ in ("after", "from")) or child.dep_ == "advcl":
            for t in child.subtree:
                lem = lemma(t)
                if lem in w.incident and lem not in w.weak_incident:
                    return True
    return False


def _written_past(doc: SpacyDoc, start: int, text: str, day: date, current: date | None) -> bool:
    """A day written with its month's name, more than three days before the current date (and, without its
    year, less than ten months), that is not a bound of a span ("since Jan. 1")."""
    if not _MONTH_NAME_DAY.search(text) or (current is not None and (current - day).days <= 3):
        return False
    if current is not None and (current - day).days > 300 and not _YEAR.search(text):
        return False  # a day without its year almost a year back is more likely ahead: "hearing on June 22"
    return start == 0 or doc[start - 1].lower_ not in _BOUNDS


def day_of(d: DateValue | None) -> date | None:
    """The calendar day of a date known to the day (with its year), else None."""
    if d is None or not d.value or d.precision != "day" or d.value.startswith("--"):
        return None
    try:
        return date.fromisoformat(d.value)
    except ValueError:
        return None


def refine_incident_date(
    ctx: EventContext, main: Draft, excluded: set[int], published: date | None
) -> DateValue | None:
    """A better date for the main incident than its current one, or None to keep it.

    The current date stands when it is said of the incident itself. Otherwise the first date of the
    report said of an attack (not in ``excluded`` tokens: other, distinct happenings) that is a day on or
    before the current one and the publication date replaces it; a date said only of a harm word ("died",
    "found") serves when no firmer one is there."""
    words = date_words()
    cur = main.event.date
    cur_role, cur_tok = "none", None
    if cur is not None and cur.start is not None:
        for d, ds, de in ctx.dates:
            if d.start == cur.start:
                cur_role, gov = date_role(ctx.doc, ds, de, words)
                cur_tok = ds
                if cur_role == "weak" and gov is not None and lemma(ctx.doc[gov]) in words.later_harm:
                    cur_role = "later_harm"
                break
    lead_end = ctx.lead_end(3)
    # a day of the lead said of nothing else is the incident's, unless the lead dates the incident itself
    in_lead = cur_role == "none" and cur_tok is not None and day_of(cur) is not None and cur_tok < lead_end
    if cur_role == "incident":
        return None
    headline = cur_tok is not None and ctx.in_title({cur_tok})  # "From April 15: ..." dates the page
    if cur_role in ("none", "other") and not headline and _MONTH_DAY.search(cur.text if cur else ""):
        return None  # a day written out with its month, of no other happening: the report's own date
    limit = None if in_lead else day_of(cur)
    best: dict[str, DateValue] = {}
    for d, ds, de in ctx.dates:
        day = day_of(d)
        if day is None or ds in excluded or (in_lead and ds >= lead_end):
            continue
        if published is not None and day > published:
            continue
        if limit is not None and day > limit:
            continue
        role = date_role(ctx.doc, ds, de, words)[0]
        if role == "weak" and cur_role == "weak":
            continue  # another harm word does not date the attack better than the current one
        if role == "weak" and cur_role == "later_harm" and limit is not None and day >= limit:
            continue  # only an earlier one: "found shot Saturday" ... "died Sunday"
        if role in ("incident", "weak") and role not in best:
            best[role] = d
        elif (
            role == "none"
            and "written" not in best
            and _written_past(ctx.doc, ds, d.text, day, day_of(cur) or published)
        ):
            best["written"] = d
    choice = best.get("incident") or best.get("weak")
    if choice is None and cur_role != "weak" and not _MONTH_DAY.search(cur.text if cur else ""):
        # a follow-up report that dates its attack only by a day written out with its month, in words
        # the parse does not tie to the attack ("Police say Voss on Jan. 11 pointed a rifle at ..."):
        # that day is the report's own past, not the week it was written in
        choice = choice or best.get("written")
    if choice is None or (cur is not None and choice.value == cur.value):
        return None
    _log.debug("incident date: %s %r -> %r", cur_role, cur.text if cur else None, choice.text)
    return choice
