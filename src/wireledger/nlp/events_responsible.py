"""The main incident's perpetrators by name: the group a report holds responsible.

A report tells the attack with descriptions ("suspected militants killed 15 people") and names the group
apart: "Islamic State claimed responsibility for the attack", "officials blamed the attack on X",
"suspicion falls on X", "X was behind the attack", "the assailants are believed to be rebels from X",
"X militants". This finds the organisations and groups (entities) that such words make responsible, in
the sentences that are not about a background event, and adds them to the main incident's perpetrators
with the span of the name. A denied or open clause ("No group has claimed responsibility") names nobody.
A name the event already holds (or a longer form of it: "al-Shabaab" beside "Al-Shabaab militia") is not
added twice. The cue words are data (``nlp/data/events_responsible.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..model import Participant, Support
from .base import load_data
from .events_negation import is_open
from .events_syntax import lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..model import Entity, Event
    from .events import EventContext

NAME = "wireledger.responsible"
VERSION = 1
EXTRACTOR = f"{NAME}@{VERSION}"
GROUP_TYPES = ("organization", "group")  # what may be held responsible by name


@dataclass(frozen=True)
class ResponsibleCues:
    claim_verbs: frozenset[str]
    claim_objects: frozenset[str]
    blame_verbs: dict[str, str]
    behind_words: frozenset[str]
    suspicion_nouns: frozenset[str]
    member_nouns: frozenset[str]
    attacker_nouns: frozenset[str]
    group_nouns: frozenset[str]


@cache
def load_responsible_cues() -> ResponsibleCues:
    data = load_data("events_responsible.yaml") or {}

    def words(key: str) -> frozenset[str]:
        return frozenset(str(x).lower() for x in data.get(key) or [])

    return ResponsibleCues(
        claim_verbs=words("claim_verbs"),
        claim_objects=words("claim_objects"),
        blame_verbs={str(k).lower(): str(v).lower() for k, v in (data.get("blame_verbs") or {}).items()},
        behind_words=words("behind_words"),
        suspicion_nouns=words("suspicion_nouns"),
        member_nouns=words("member_nouns"),
        attacker_nouns=words("attacker_nouns"),
        group_nouns=words("group_nouns"),
    )


def _name_tokens(name: str) -> set[str]:
    out = set()
    for w in name.lower().replace("-", " ").split():
        w = "".join(ch for ch in w if ch.isalnum())
        if w and w not in ("al", "el", "the", "of"):
            out.add(w)
    return out


class PerpetratorNamer:
    """Finds the named groups responsible for one report's main incident (see the module docstring)."""

    def __init__(self, ctx: EventContext, cues: ResponsibleCues | None = None) -> None:
        self.ctx = ctx
        self.cues = cues or load_responsible_cues()
        lex = ctx.lex
        self.attackers = frozenset(lex.attacker_nouns) | lex.perpetrator_nouns | self.cues.attacker_nouns

    def add_to(self, ev: Event, skip_sentences: set[int]) -> list[Participant]:
        held = [_name_tokens(p.name) for p in ev.participants if p.role == "perpetrator" and p.entity]
        victims = {p.entity for p in ev.participants if p.role in ("victim", "target") and p.entity}
        added: list[Participant] = []
        for ent in self.ctx.rdoc.entities:
            if ent.type not in GROUP_TYPES:
                continue
            toks = _name_tokens(ent.name)
            if not toks or any(toks <= h or h <= toks for h in held):
                continue
            # "blamed the attack on X" is parsed as an attack on X: the blame says X is no target
            span = self._responsible_mention(ent, skip_sentences, blamed_only=ent.id in victims)
            if span is None:
                continue
            if ent.id in victims:
                ev.participants = [p for p in ev.participants if p.entity != ent.id]
            p = Participant(name=ent.name, role="perpetrator", entity=ent.id, start=span[0], end=span[1])
            ev.participants.append(p)
            ev.support.append(Support("participants.perpetrator", span[0], span[1], EXTRACTOR))
            held.append(toks)
            added.append(p)
        return added

    def _responsible_mention(self, ent: Entity, skip_sentences: set[int], blamed_only: bool = False
                             ) -> tuple[int, int] | None:
        doc = self.ctx.doc
        for m in sorted(ent.mentions, key=lambda m: m.start):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not len(span) or self.ctx.sent_of[span.root.i] in skip_sentences:
                continue
            if span.root.pos_ == "PRON":
                continue
            if self._blamed(span.root) if blamed_only else self.is_responsible(span.root):
                return m.start, m.end
        return None

    # -------------------------------------------------------------- the cues
    def is_responsible(self, tok: Token) -> bool:
        """The name whose head is ``tok`` is held responsible by the words around it."""
        while tok.dep_ == "compound" and self._noun_is(tok.head, self.cues.group_nouns):
            tok = tok.head  # "the X group claimed ...": the group noun stands in the clause for the name
        head = tok
        while head.dep_ in ("appos", "conj") and head.head.i != head.i:
            head = head.head
        if self._claims(head) or self._blamed(head) or self._behind(head) or self._suspected(head):
            return True
        return self._member_of(tok)

    def _noun_is(self, tok: Token | None, words: frozenset[str]) -> bool:
        return tok is not None and (lemma(tok) in words or tok.lower_ in words)

    def _claims(self, tok: Token) -> bool:
        """"X claimed responsibility (for the attack)", "X claimed the attack"."""
        verb = tok.head
        if tok.dep_ != "nsubj" or lemma(verb) not in self.cues.claim_verbs or is_open(verb, self.ctx.lex):
            return False
        if any(c.dep_ == "neg" for c in verb.children):
            return False
        return any(c.dep_ == "dobj" and self._noun_is(c, self.cues.claim_objects) for c in verb.children)

    def _blamed(self, tok: Token) -> bool:
        """"blamed the attack on X", "the attack was attributed to X"."""
        prep = tok.head
        if tok.dep_ != "pobj":
            return False
        verb = prep.head
        if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ == "dobj":
            verb = verb.head  # "blamed the attack on X", parsed as "the attack on X"
        want = self.cues.blame_verbs.get(lemma(verb))
        return want is not None and prep.lower_ == want and not any(c.dep_ == "neg" for c in verb.children)

    def _behind(self, tok: Token) -> bool:
        """"X was behind the attack", "X is believed to be behind it"."""
        verb = tok.head
        if tok.dep_ not in ("nsubj", "nsubjpass") or any(c.dep_ == "neg" for c in verb.children):
            return False
        preps = [c for c in verb.subtree if c.dep_ == "prep" and c.lower_ in self.cues.behind_words]
        return bool(preps) and lemma(verb) in ("be", "believe", "suspect", "think")

    def _suspected(self, tok: Token) -> bool:
        """"suspicion falls on X"."""
        if tok.dep_ != "pobj" or tok.head.lower_ != "on":
            return False
        verb = tok.head.head
        return any(c.dep_ == "nsubj" and self._noun_is(c, self.cues.suspicion_nouns) for c in verb.children)

    def _member_of(self, tok: Token) -> bool:
        """"militants from X", "X militants", "rebels from the X (ADF)"; "members of X" only when the
        members are the attackers ("the attackers were members of X", "members of X killed ..."): the
        members of an aid group or a party are as often the victims."""
        if not tok.text[:1].isupper() and not self._noun_is(tok, self.cues.group_nouns):
            return False  # "jihadist militants": a description, not a name
        if tok.dep_ in ("compound", "nmod") and self._noun_is(tok.head, self.attackers):
            return True
        if tok.dep_ == "pobj" and tok.head.lower_ in ("from", "of") and tok.head.dep_ == "prep":
            noun = tok.head.head
            if self._noun_is(noun, self.attackers):
                return True
            return self._noun_is(noun, self.cues.member_nouns) and self._attacking(noun)
        return False

    def _attacking(self, noun: Token) -> bool:
        verb = noun.head
        if noun.dep_ == "nsubj":
            return lemma(verb) in self.ctx.lex.triggers and not is_open(verb, self.ctx.lex)
        if noun.dep_ in ("attr", "oprd"):
            for _ in range(3):  # "the attackers were believed to be members of X"
                subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None or verb.dep_ not in ("xcomp", "ccomp") or verb.head.i == verb.i:
                    return self._noun_is(subj, self.attackers)
                verb = verb.head
        return False
