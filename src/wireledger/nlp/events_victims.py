"""The main incident's victims by name, from the sentences that name them.

A report tells the attack with descriptions ("a 23-year-old man was shot") and names the people apart:
"Police identified the victim as Dana Reyes", "The victim, Dana Reyes, was taken to hospital",
"Reyes died at the scene", "a vigil for Dana Reyes". This finds the people (entities of type person)
that such sentences make victims, in the sentences that are not about a background event, and adds them
to the main incident's participants with the span of the name. A person the event already has in
another role (a perpetrator) is not added, nor one described as a suspect ("identified the suspect as").
The cue words are data (``nlp/data/events_victims.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..model import Entity, Participant, Support
from .base import load_data
from .events_syntax import lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..model import Event
    from .events import EventContext

NAME = "wireledger.victims"
VERSION = 1
EXTRACTOR = f"{NAME}@{VERSION}"
NAMED_TYPES = ("person", "organization", "other")  # what the entity step may call a victim's name
# between two names of a list: ", 22, and ", ", age 80; ", " and "
_LIST_GAP = re.compile(r"(?:,\s*(?:age\s*)?\d{1,3})?\s*(?:[,;]\s*(?:and\s+)?|\s+and\s+)")


@dataclass(frozen=True)
class VictimCues:
    identify_verbs: frozenset[str]
    victim_nouns: frozenset[str]
    suspect_nouns: frozenset[str]
    subject_outcome_verbs: frozenset[str]
    passive_outcome_verbs: frozenset[str]
    death_nouns: frozenset[str]
    suffer_verbs: frozenset[str]
    injury_nouns: frozenset[str]
    carried_verbs: frozenset[str]
    care_words: frozenset[str]
    among_nouns: frozenset[str]


@cache
def load_victim_cues() -> VictimCues:
    data = load_data("events_victims.yaml") or {}
    return VictimCues(**{k: frozenset(str(x).lower() for x in data.get(k) or []) for k in (
        "identify_verbs", "victim_nouns", "suspect_nouns", "subject_outcome_verbs", "passive_outcome_verbs",
        "death_nouns", "suffer_verbs", "injury_nouns", "carried_verbs", "care_words", "among_nouns")})


class VictimNamer:
    """Finds the named victims of one report's main incident (see the module docstring)."""

    def __init__(self, ctx: EventContext, cues: VictimCues | None = None) -> None:
        self.ctx = ctx
        self.described: list[tuple[int, int]] = []  # spans of the event's victims told by description
        self.cues = cues or load_victim_cues()
        lex = ctx.lex
        self.suspects = self.cues.suspect_nouns | lex.perpetrator_nouns | frozenset(lex.attacker_nouns)
        self.people = (lex.person_nouns | self.cues.victim_nouns) - self.suspects

    def add_to(self, ev: Event, skip_sentences: set[int]) -> list[Participant]:
        """Add the named victims found outside ``skip_sentences`` (sentence numbers of background events)
        to ``ev``; returns the participants added."""
        taken = {p.entity for p in ev.participants if p.entity}
        self.described = [(p.start, p.end) for p in ev.participants
                          if p.role in ("victim", "target") and p.entity is None and p.start is not None
                          and p.end is not None]
        found: dict[str, tuple[Entity, tuple[int, int]]] = {}
        for ent in self.ctx.rdoc.entities:
            if ent.type not in NAMED_TYPES or ent.id in taken or self._suspect(ent):
                continue
            span = self._victim_mention(ent, skip_sentences)
            if span is not None:
                found[ent.id] = (ent, span)
        for ent, span in self._listed_after([v for _, v in found.values()], taken | set(found)):
            found[ent.id] = (ent, span)
        added: list[Participant] = []
        for ent, span in sorted(found.values(), key=lambda x: x[1]):
            p = Participant(name=ent.name, role="victim", entity=ent.id, start=span[0], end=span[1])
            ev.participants.append(p)
            ev.support.append(Support("participants.victim", span[0], span[1], EXTRACTOR))
            added.append(p)
        return added

    def _listed_after(self, spans: list[tuple[int, int]], taken: set[str]
                      ) -> list[tuple[Entity, tuple[int, int]]]:
        """Names that continue a list of victims' names ("X, 22, and Y, 24"; "X, Y and Z"), which the parse
        often breaks."""
        text = self.ctx.rdoc.text
        ends = sorted(e for _, e in spans)
        out: list[tuple[Entity, tuple[int, int]]] = []
        changed = True
        while changed:
            changed = False
            for ent in self.ctx.rdoc.entities:
                if ent.type not in NAMED_TYPES or ent.id in taken or self._suspect(ent):
                    continue
                for m in ent.mentions:
                    if self._speaker(m.start, m.end):
                        continue  # "..., Sgt. Lee Grant said": a speaker after the list, not in it
                    if any(_LIST_GAP.fullmatch(text[e:m.start]) for e in ends if e <= m.start < e + 24):
                        out.append((ent, (m.start, m.end)))
                        taken.add(ent.id)
                        ends.append(m.end)
                        changed = True
                        break
        return out

    def _victim_mention(self, ent: Entity, skip_sentences: set[int]) -> tuple[int, int] | None:
        doc = self.ctx.doc
        for m in sorted(ent.mentions, key=lambda m: m.start):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not len(span) or self.ctx.sent_of[span.root.i] in skip_sentences:
                continue
            if span.root.pos_ == "PRON":
                continue  # a pronoun's antecedent is a guess; the name itself must be in the cue
            if self.is_victim(span.root, strong_only=ent.type != "person"):
                return m.start, m.end
        return None

    def _speaker(self, start: int, end: int) -> bool:
        span = self.ctx.doc.char_span(start, end, alignment_mode="expand")
        return span is None or not len(span) or span.root.dep_ == "nsubj"

    def _suspect(self, ent: Entity) -> bool:
        """Some mention describes the person as a suspect ("the suspect, X,", "identified the shooter as
        X", "X, the gunman")."""
        for m in ent.mentions:
            span = self.ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            tok = span.root
            if tok.dep_ == "appos" and self._noun_is(tok.head, self.suspects):
                return True
            if any(c.dep_ in ("appos", "compound") and self._noun_is(c, self.suspects) for c in tok.children):
                return True
            if self._noun_is(self._identified_as(tok), self.suspects):
                return True
        return False

    # -------------------------------------------------------------- the cues
    def is_victim(self, tok: Token, strong_only: bool = False) -> bool:
        """The name whose head is ``tok`` is said to be a victim by the words around it. ``strong_only``:
        only the cues that say so of a person whatever the entity step typed the name (identified as a
        victim, in apposition to one); spaCy often types a victim's name as an organisation."""
        head = tok
        # "X and Y were killed": the first of a list speaks for all (an apposition is no list: "X, Sgt. Y
        # said" is often parsed as one; lists with ages are _listed_after's)
        while head.dep_ == "conj" and head.head.i != head.i and head.head.pos_ == "PROPN":
            head = head.head
        if self._identified(head) or self._described(tok) or self._named_as_victim(head) or self._among(head):
            return True
        return not strong_only and (self._outcome_subject(head) or self._of_a_death(head))

    def _noun_is(self, tok: Token | None, words: frozenset[str]) -> bool:
        return tok is not None and (lemma(tok) in words or tok.lower_ in words)

    def _identified_as(self, tok: Token) -> Token | None:
        """The noun a name identifies: "identified the victim as X", "the man, identified as X,", "the
        victim was named as X" -> victim, man, victim."""
        prep = tok.head
        if tok.dep_ != "pobj" or prep.lower_ != "as":
            return None
        verb = prep.head
        for _ in range(2):  # "identified by the county coroner as X": "as" may hang from the agent
            if lemma(verb) in self.cues.identify_verbs or verb.head.i == verb.i:
                break
            verb = verb.head
        if lemma(verb) not in self.cues.identify_verbs:
            return None
        who = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if who is None and verb.dep_ in ("acl", "relcl"):
            who = verb.head  # "a man identified as X"
        return who

    def _identified(self, tok: Token) -> bool:
        who = self._identified_as(tok)
        if who is None or who.pos_ == "PRON":
            return False
        return self._noun_is(who, self.people) and not self._noun_is(who, self.suspects)

    def _described(self, tok: Token) -> bool:
        """"The victim, X, ...", "X, the victim, ...", "shooting victim X", and a name beside a description
        the event already holds as a victim ("a second man, X, 31, was taken to hospital")."""
        if tok.dep_ == "appos" and (
            self._noun_is(tok.head, self.cues.victim_nouns) or self._told_victim(tok.head)
        ):
            return True
        return any(
            c.dep_ in ("appos", "compound") and self._noun_is(c, self.cues.victim_nouns) for c in tok.children
        )

    def _among(self, tok: Token) -> bool:
        """"... wounded three others, including X", "X is among the hostages", "among the dead was X"."""
        if tok.dep_ == "appos":
            tok = tok.head  # "The police chief, X, is among the hostages"
        prep = tok.head
        if tok.dep_ == "pobj" and prep.lower_ == "including":
            return self._told_victim(prep.head) or self._noun_is(prep.head, self.cues.among_nouns)
        if tok.dep_ in ("nsubj", "attr"):
            verb = tok.head
            if lemma(verb) != "be" or any(c.dep_ == "neg" for c in verb.children):
                return False
            return any(c.dep_ == "prep" and c.lower_ == "among" and any(
                g.dep_ == "pobj" and self._noun_is(g, self.cues.among_nouns) for g in c.children)
                for c in verb.children)
        return False

    def _told_victim(self, tok: Token) -> bool:
        return any(s <= tok.idx < e for s, e in self.described)

    def _named_as_victim(self, tok: Token) -> bool:
        """"The dead student is X", "The victims are X, Y and Z"."""
        if tok.dep_ != "attr" or lemma(tok.head) != "be":
            return False
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subj is None or self._noun_is(subj, self.suspects):
            return False
        return self._noun_is(subj, self.cues.victim_nouns) or (
            self._noun_is(subj, self.people)
            and any(self._noun_is(c, self.cues.victim_nouns) for c in subj.children if c.dep_ == "amod")
        )

    def _outcome_subject(self, tok: Token) -> bool:
        """"X died at the scene", "X was shot in the chest", "X suffered a gunshot wound", "X was taken to
        a hospital", and "a man, X, died"."""
        if tok.dep_ == "appos":
            tok = tok.head
        verb = tok.head
        if any(c.dep_ == "neg" for c in verb.children):
            return False
        if tok.dep_ == "nsubj":
            return lemma(verb) in self.cues.subject_outcome_verbs or (
                lemma(verb) in self.cues.suffer_verbs
                and any(c.dep_ == "dobj" and self._noun_is(c, self.cues.injury_nouns) for c in verb.children)
            )
        if tok.dep_ == "nsubjpass":
            return lemma(verb) in self.cues.passive_outcome_verbs or (
                lemma(verb) in self.cues.carried_verbs and self._to_care(verb)
            )
        return False

    def _to_care(self, verb: Token) -> bool:
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "to":
                words = " ".join(t.lower_ for t in prep.subtree)
                if any(w in words for w in self.cues.care_words):
                    return True
        return False

    def _of_a_death(self, tok: Token) -> bool:
        """"the death of X", "a vigil for X", "X's killer"."""
        if tok.dep_ == "poss":
            return self._noun_is(tok.head, self.cues.death_nouns)
        if tok.dep_ == "pobj" and tok.head.lower_ in ("of", "for"):
            return self._noun_is(tok.head.head, self.cues.death_nouns)
        return False
