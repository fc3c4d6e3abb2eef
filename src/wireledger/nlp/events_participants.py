"""Participants of an event and the type of its target.

Roles come from the parse around each trigger: the subject of an active attack verb, the agent of a
passive one ("kidnapped by terrorists") and an agent noun ("the gunman") are perpetrators; the object of an
attack verb, the subject of a passive one and the object of "attack on" are targets; people the counts
find killed or hurt are victims; the subject of an investigation or arrest is the investigator; the subject
of any other happening (a sanction, an award, a negotiation) is its actor and its object its target.
A clause that is denied or left open ("Ukraine has not been linked", "those responsible remain unclear")
never gives a perpetrator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Entity, Participant
from .events_lexicon import Lexicon
from .events_negation import is_open
from .events_syntax import DETERMINERS, MentionIndex, lemma, noun_phrase
from .events_triggers import Trigger

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

INVESTIGATING = frozenset({"investigation", "arrest", "charge", "sentence"})
_PERP_ENT_TYPES = {"person", "organization", "group", "other", "media"}
_NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_PHYSICAL_PREPS = {"on", "against", "at", "upon", "into", "near", "outside", "inside", "in"}
_PRONOUNS = {
    "he",
    "she",
    "him",
    "her",
    "they",
    "them",
    "it",
    "who",
    "whom",
    "that",
    "which",
    "i",
    "we",
    "you",
    "his",
    "its",
    "their",
    "someone",
    "somebody",
    "anyone",
    "one",
    "nobody",
}
_NOT_PERPETRATORS = {
    "police",
    "officer",
    "authority",
    "official",
    "investigator",
    "detective",
    "witness",
    "victim",
    "resident",
    "neighbor",
    "source",
    "report",
    "media",
}
_PEOPLE = {"man", "woman", "person", "people", "boy", "girl", "teen", "men", "women", "someone"}


class ParticipantFinder:
    """Finds the participants of one event within its words."""

    def __init__(
        self,
        doc: SpacyDoc,
        index: MentionIndex,
        lex: Lexicon,
        tokens: set[int],
        skip: set[int] | None = None,
        title: tuple[int, int] | None = None,
    ) -> None:
        """``skip``: tokens that can never name a participant (the words of date expressions);
        ``title``: the character span of the headline, whose grammar is clipped."""
        self.skip = skip or set()
        self.title = title
        self.doc = doc
        self.index = index
        self.lex = lex
        self.tokens = tokens
        self.out: list[Participant] = []
        self.no_places = False
        self.seen: set[tuple[str, str]] = set()

    # -------------------------------------------------------------- public
    def for_attack(self, trig: Trigger) -> None:
        tok = self.doc[trig.head]
        if trig.kind == "agent":
            if not is_open(tok, self.lex):
                self.add(tok, "perpetrator")
            return
        if trig.kind == "verb":
            # a headline's "Reporter shot outside her home" is a passive without its auxiliary
            headline_passive = self.in_title(tok) and not any(
                c.dep_ in ("dobj", "nsubjpass", "agent") for c in tok.children
            )
            aiming = lemma(tok) in ("fire", "open", "shoot", "turn")  # "fired on", "opened fire at"
            for c in tok.children:
                if c.dep_ == "nsubj" and headline_passive:
                    self._target(c)
                elif c.dep_ == "nsubj" and not is_open(c, self.lex):
                    self._perpetrator(c)
                elif c.dep_ in ("dobj", "nsubjpass"):
                    self._target(c)
                elif c.dep_ == "agent":
                    for g in c.children:
                        if g.dep_ == "pobj" and not is_open(g, self.lex):
                            self._perpetrator(g)
                elif c.dep_ == "prep" and (
                    lemma(c) == "against" or (aiming and lemma(c) in ("on", "at", "upon"))
                ):
                    for g in c.children:
                        if g.dep_ == "pobj":
                            self._target(g)
            if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
                # "the men who attacked...", "a man shot by police"
                if any(c.dep_ == "nsubj" and lemma(c) in ("who", "that") for c in tok.children):
                    self._perpetrator(tok.head)
                elif tok.dep_ == "acl" and lemma(tok.head) in self.lex.person_nouns:
                    self._target(tok.head)
        else:
            for c in tok.children:
                if c.dep_ == "prep" and lemma(c) in ("on", "against", "of", "upon"):
                    for g in c.children:
                        if g.dep_ == "pobj" and not (lemma(c) == "of" and g.pos_ not in ("PROPN", "NOUN")):
                            self._target(g)
                elif c.dep_ == "prep" and lemma(c) == "by":
                    for g in c.children:
                        if g.dep_ == "pobj" and not is_open(g, self.lex):
                            self._perpetrator(g)
            if tok.dep_ in ("nsubj",) and lemma(tok.head) in self.lex.killed | self.lex.wounded:
                for c in tok.head.children:
                    if c.dep_ == "dobj":
                        self._target(c, role="victim")

    def for_other(self, trig: Trigger, etype: str) -> None:
        tok = self.doc[trig.head]
        subj_role = "investigator" if etype in INVESTIGATING else "actor"
        obj_role = "target"
        verb = tok if trig.kind == "verb" else self._governing_verb(tok)
        if verb is None:
            return
        receiving = etype in ("award", "appointment", "negotiation")
        self.no_places = etype in ("protest", "arrest", "investigation", "charge", "award", "appointment")
        for c in verb.children:
            if c.i == tok.i:
                continue
            if c.dep_ == "nsubj":
                self._subject_chain(c, subj_role)
            elif c.dep_ == "nsubjpass":
                self.add(c, "actor" if receiving else obj_role)
            elif c.dep_ == "dobj" and not receiving:
                self.add(c, obj_role)
            elif c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        self.add(g, subj_role)
        if trig.kind != "verb":
            for c in tok.children:
                if c.dep_ == "poss" or (c.dep_ == "prep" and lemma(c) in ("by", "from")):
                    for g in [c] if c.dep_ == "poss" else c.children:
                        if g.dep_ in ("poss", "pobj"):
                            self.add(g, subj_role)
                elif c.dep_ == "prep" and lemma(c) in ("against", "on", "of", "into"):
                    for g in c.children:
                        if g.dep_ == "pobj":
                            self.add(g, obj_role)

    def victims(self, spans: list[tuple[int, int]]) -> None:
        for _, j in spans:
            self._target(self.doc[j - 1], role="victim")

    # ------------------------------------------------------------- helpers
    def _governing_verb(self, tok: Token) -> Token | None:
        """The nearest verb above a noun trigger that has a subject ("Alekseev was among officials
        involved in negotiations" -> "was"), else the nearest verb."""
        t, first = tok, None
        for _ in range(5):
            if t.head.i == t.i:
                break
            t = t.head
            if t.pos_ in ("VERB", "AUX"):
                first = first or t
                if any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                    return t
        return first

    def _subject_chain(self, subj: Token, role: str) -> None:
        """The subject, or when it is a pronoun ("it had opened"), the subject of the clause above."""
        if subj.lower_ in ("that", "who", "which") and subj.head.dep_ in ("relcl", "acl"):
            self.add(subj.head.head, role)
            return
        if subj.lower_ in _PRONOUNS and self.index.entity_of(subj) is None:
            verb = subj.head
            for _ in range(3):
                if verb.head.i == verb.i:
                    return
                verb = verb.head
                nsubj = [c for c in verb.children if c.dep_ == "nsubj"]
                if nsubj and nsubj[0].lower_ not in _PRONOUNS:
                    self.add(nsubj[0], role)
                    return
            return
        self.add(subj, role)

    def _dateline(self, tok: Token) -> bool:
        """The token opens a line ("CULIACÁN, Mexico — ..."): a dateline, not a participant."""
        start = self.doc[tok.left_edge.i].idx
        return start == 0 or self.doc.text[max(0, start - 1) : start] == "\n"

    def _perpetrator(self, tok: Token) -> None:
        attacker = lemma(tok) in self.lex.attacker_nouns or tok.lower_ in self.lex.attacker_nouns
        if not attacker and (lemma(tok) in self.lex.taxonomy.event_types or lemma(tok) in self.lex.triggers):
            return  # "the explosion killed...": the subject is the event itself
        if lemma(tok) in self.lex.weapons or tok.lower_ in self.lex.weapons:
            return  # "shot by a shotgun": a weapon, not a perpetrator
        ent = self.index.entity_of(tok)
        if ent is None and lemma(tok) in _NOT_PERPETRATORS:
            return
        if (
            ent is None
            and lemma(tok) in _PEOPLE
            and not any(c.dep_ in ("dobj", "prep") for c in tok.head.children)
        ):
            return  # "a man shot in the leg": said of a victim; "two men fired at her" names the shooters
        if ent is not None and ent.type not in _PERP_ENT_TYPES:
            return
        self.add(tok, "perpetrator")

    def in_title(self, tok: Token) -> bool:
        return self.title is not None and self.title[0] <= tok.idx < self.title[1]

    def _target(self, tok: Token, role: str = "target") -> None:
        if lemma(tok) in self.lex.triggers and self.index.entity_of(tok) is None:
            return
        if lemma(tok) in self.lex.not_people or lemma(tok) in ("fire", "outskirts", "edge", "area", "side"):
            return
        ent = self.index.entity_of(tok)
        if ent is not None and ent.type == "location" and self._dateline(tok):
            return
        if ent is None and (
            lemma(tok) in self.lex.attacker_nouns
            or lemma(tok) in self.lex.perpetrator_nouns
            or tok.lower_ in self.lex.perpetrator_nouns
        ):
            return
        if role == "target" and ent is None and lemma(tok) in self.lex.person_nouns:
            role = "victim"
        self.add(tok, role)

    def add(self, tok: Token, role: str) -> None:
        for t in [tok, *[c for c in tok.conjuncts if c.i > tok.i]]:
            self._add_one(t, role)

    def _add_one(self, tok: Token, role: str) -> None:
        if (
            tok.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ")
            or tok.is_punct
            or tok.i not in self.tokens
        ):
            return
        if tok.ent_type_ in _NOT_NAMES or tok.i in self.skip:
            return
        attacker = lemma(tok) in self.lex.attacker_nouns or tok.lower_ in self.lex.attacker_nouns
        if (
            not attacker
            and self.index.entity_of(tok) is None
            and (lemma(tok) in self.lex.triggers or lemma(tok) in self.lex.taxonomy.event_types)
        ):
            return
        ent: Entity | None = self.index.entity_of(tok)
        if (
            ent is not None
            and ent.type == "location"
            and self.no_places
            and role in ("actor", "investigator")
        ):
            return
        if ent is not None:
            name = ent.name
            span = self._mention_span(tok)
        else:
            if tok.lower_ in _PRONOUNS or tok.pos_ == "PRON":
                return
            if self._thing(tok, role):
                return
            s, e = noun_phrase(tok)
            while s < e and self.doc[s].lower_ in DETERMINERS:
                s += 1
            if s >= e:
                return
            name = self.doc[s:e].text
            span = (self.doc[s].idx, self.doc[e - 1].idx + len(self.doc[e - 1].text))
        key = (ent.id if ent else name.lower(), role)
        if key in self.seen:
            return
        if role in ("target", "victim"):
            other = (key[0], "victim" if role == "target" else "target")
            if other in self.seen:
                return
        self.seen.add(key)
        self.out.append(
            Participant(name=name, role=role, entity=ent.id if ent else None, start=span[0], end=span[1])
        )

    def _thing(self, tok: Token, role: str) -> bool:
        """An unnamed noun phrase that can neither act nor be attacked (the ``things`` of
        events_triggers.yaml): a weapon or a device ("explosive belts", "a vest"), a strike ("About 10
        drone strikes"), a number or a vague quantity ("Tens"), a word of time or order ("the latest"); a
        vehicle as the one who attacked ("car bomb")."""
        low, lem = tok.lower_, lemma(tok)
        if tok.pos_ == "NUM" or tok.like_num or low in self.lex.number_words:
            return True
        if lem in self.lex.attacker_nouns or lem in self.lex.perpetrator_nouns:
            return False  # "a gunman": the taxonomy's weapon words include the people who carry them
        if {lem, low} & self.lex.things:
            return True
        return role in ("perpetrator", "actor") and (lem in self.lex.vehicles or low in self.lex.vehicles)

    def _mention_span(self, tok: Token) -> tuple[int, int]:
        ent = self.index.entity_of(tok)
        if ent is not None:
            for m in ent.mentions:
                if m.start <= tok.idx < m.end:
                    return m.start, m.end
        return tok.idx, tok.idx + len(tok.text)


def target_type(
    participants: list[Participant], index_entities: dict[str, Entity], lex: Lexicon, extra_text: str = ""
) -> tuple[str | None, str | None]:
    """(GTD target type slug, the cue that decided it) from the targets' titles, roles, organisations,
    descriptions and names; the longest matching cue wins, titles before roles before descriptions."""
    cues = lex.target_cues
    targets = [p for p in participants if p.role == "target"] + [
        p for p in participants if p.role == "victim"
    ]
    if not targets:
        best = _best_cue(extra_text.lower(), cues)
        return (cues[best], best) if best else (None, None)
    for p in targets:
        ent = index_entities.get(p.entity or "")
        layers: list[list[str]] = []
        if ent is not None:
            layers.append(list(ent.titles))
            layers.append([r.text for r in ent.roles] + [r.organization or "" for r in ent.roles])
            layers.append(list(ent.descriptions))
            if ent.type in ("organization", "facility", "location"):
                layers.append([ent.name])
        layers.append([p.name])
        for layer in layers:
            best = _best_cue(" ".join(layer).lower(), cues)
            if best:
                return cues[best], best
    best = _best_cue(extra_text.lower(), cues)
    if best:
        return cues[best], best
    if any((index_entities.get(p.entity or "") or Entity("", "", "other")).type == "person" for p in targets):
        return "private_citizens", None
    return None, None


def _best_cue(text: str, cues: dict[str, str]) -> str | None:
    if not text.strip():
        return None
    words = " " + " ".join("".join(ch if ch.isalnum() or ch in "-'" else " " for ch in text).split()) + " "
    best = None
    for cue in cues:
        if (f" {cue} " in words or f" {cue}s " in words) and (best is None or len(cue) > len(best)):
            best = cue
    return best
