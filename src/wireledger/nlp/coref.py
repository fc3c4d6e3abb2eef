"""In-document coreference by rules: every mention of a person or organisation on its entity.

1. Names: a surname ("Alekseev") or a shorter form of a name joins the full name it abbreviates
   ("Vladimir Alekseev"); with two people of one surname, each mention joins the one named last before
   it. Organisations: a shorter form ("Investigative Committee"), an acronym that spells the name, a
   name in brackets after it ("Federal Security Service (FSB)") or "X, known as Y" join their entity,
   and the other form is kept as an alias.
2. Title phrases: "the Lieutenant General", "the general" join the one person already named with that
   title (or, when several are, the one named in the last three sentences).
3. Pronouns: he/him/his and she/her join the most salient compatible person (salience in the manner of
   Lappin and Leass: recency, halved each sentence; subjects weigh more than objects; people spoken of
   only as "the gunman" or "the victim" compete too, so that a pronoun about them is left alone).
   Gender comes from titles and from pronouns already resolved. A pronoun is never its own
   co-argument ("Smith shot him"), and "X and his daughter" is X's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..model import Entity, Mention
from .base import ReadingDoc
from .entity_lexicon import EntityLexicon
from .gazetteer import fold
from .registry import StepContext, register_step

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
            "herself": "f"}
# People spoken of without a name; they compete for pronouns but get no entity.
PERSON_NOUNS = {
    "m": {"man", "boy", "father", "son", "husband", "brother", "uncle", "grandfather", "nephew", "gentleman",
          "businessman", "policeman", "boyfriend"},
    "f": {"woman", "girl", "mother", "daughter", "wife", "sister", "aunt", "grandmother", "niece", "lady",
          "businesswoman", "policewoman", "girlfriend"},
    "": {"gunman", "shooter", "suspect", "attacker", "assailant", "killer", "victim", "officer", "deputy",
         "driver", "teen", "teenager", "child", "resident", "witness", "student", "soldier", "official",
         "agent", "spokesperson", "neighbor", "neighbour", "friend", "relative", "person", "individual",
         "passenger", "customer", "employee", "worker", "owner", "detective", "trooper", "robber",
         "intruder", "perpetrator", "culprit", "defendant", "journalist", "reporter", "pilot", "guard"},
}
_NOUN_GENDER = {w: g for g, words in PERSON_NOUNS.items() for w in words}
_SUBJECT = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
_OBJECT = {"dobj", "attr", "oprd"}
_OBLIQUE = {"dative", "iobj", "pobj", "agent"}
_EMBEDDED = {"poss", "compound", "nmod", "amod", "appos"}
_ORG_TYPES = ("organization", "media", "group")
_KNOWN_AS = re.compile(
    r",?\s+(?:(?:also|commonly|better|widely|formerly|otherwise)\s+)?known\s+as\s+(?:the\s+)?$")
# ", Tenn.", ", S.C.", ", PA" after a place name
_PLACED_AFTER = re.compile(r",[ \t]*(?:[A-Z][a-z]{0,4}\.|[A-Z]\.[ \t]?[A-Z]\.|[A-Z]{2}\b)")
_PLACED_BEFORE = re.compile(
    r"\b(?:in|near|outside|downtown|(?:north|south)(?:east|west)?|east|west|(?:north|south|east|west)ern|"
    r"(?:town|city|village) of)[ \t]+$",
    re.IGNORECASE)  # "in Vance", "north Charlotte", "the town of Klamath"
_STOP_INITIALS = {"of", "the", "and", "for", "on", "in", "de", "la", "del", "&"}
_SentenceIndex = Callable[[int], int]  # character offset -> sentence number
DECAY = 0.5  # salience kept from one sentence to the next
MIN_SALIENCE = 12.0
TITLE_SCOPE_SENTENCES = 3


class CorefStep:
    name = "wireledger.coref"
    version = "1"
    reads: tuple[str, ...] = ("spacy", "sentences", "entities")
    writes: tuple[str, ...] = ("entities",)

    def __init__(self, lexicon: EntityLexicon) -> None:
        self.lex = lexicon

    def __call__(self, doc: ReadingDoc) -> ReadingDoc:
        if doc.spacy is None or not doc.entities:
            return doc
        entities = self._merge_people(doc.entities, doc.text)
        entities = self._merge_organisations(entities, doc.text)
        tokens = list(doc.spacy)
        sentence_of = _sentence_index(doc.sentences)
        self._title_phrases(entities, tokens, sentence_of)
        self._pronouns(entities, doc.spacy, tokens, doc.sentences)
        doc.entities = renumber(entities)
        return doc

    # -- names ------------------------------------------------------------------------------------
    def _merge_people(self, entities: list[Entity], text: str) -> list[Entity]:
        people = [e for e in entities if e.type == "person"]
        full = [e for e in people if len(_name_words(e.name)) > 1]
        # a one-word "organisation" that is a person's surname is that person ("Rimkute had received")
        surnames = {w for f in full for w in (_name_words(f.name)[0], _name_words(f.name)[-1])}
        mistaken = [e for e in entities if e.type == "organization" and e.name in surnames
                    and not self.lex.is_institution(e.name) and fold(e.name) not in self.lex.org_canonical]
        # a "place" named as a person of the report is, unless the text places it ("Vance, S.C.",
        # "in Vance"): "Police said Jaylin and his brother", "the trial of Trung Le"
        names = {f.name for f in full}
        mistaken += [e for e in entities if e.type == "location" and (e.name in surnames or e.name in names)
                     and not any(_placed(text, m) for m in e.mentions)]
        for short in sorted(people + mistaken, key=lambda e: -len(_name_words(e.name))):
            words = _name_words(short.name)
            same = short.type == "location"  # a place read where the full name stands ("Trung Le")
            hosts = [f for f in full if f is not short and f.mentions and (
                _abbreviates(words, _name_words(f.name)) or (same and short.name == f.name))]
            if not hosts:
                continue
            moved: dict[int, list[Mention]] = defaultdict(list)
            for m in short.mentions:
                host = _nearest_host(hosts, m.start)
                moved[id(host)].append(Mention(m.start, m.end, m.text,
                                               "surname" if len(words) == 1 else m.kind))
            for host in hosts:
                if moved.get(id(host)):
                    host.mentions.extend(moved[id(host)])
                    _absorb(host, short, mentions=False)
            short.mentions = []
        return [e for e in entities if e.mentions]

    def _merge_organisations(self, entities: list[Entity], text: str) -> list[Entity]:
        orgs = [e for e in entities if e.type in _ORG_TYPES]
        for a in orgs:
            if not a.mentions:
                continue
            for b in orgs:
                if a is b or not b.mentions:
                    continue
                if _acronym_of(b.name, a.name) or _shorter_form(b.name, a.name, orgs) or \
                        _bracketed(text, a, b) or _known_as(text, a, b):
                    if b.name not in a.aliases:
                        a.aliases.append(b.name)
                    a.mentions.extend(Mention(m.start, m.end, m.text, "alias") for m in b.mentions)
                    _absorb(a, b, mentions=False)
                    if a.type == "organization" and b.type in ("media", "group"):
                        a.type = b.type
                    b.mentions = []
        return [e for e in entities if e.mentions]

    # -- title phrases ----------------------------------------------------------------------------
    def _title_phrases(self, entities: list[Entity], tokens: list[Token],
                       sentence_of: _SentenceIndex) -> None:
        titled = [e for e in entities if e.type == "person" and e.titles]
        if not titled:
            return
        taken = {(m.start, m.end) for e in entities for m in e.mentions}
        covered = sorted(taken)
        for i, tok in enumerate(tokens):
            if tok.lower_ != "the":
                continue
            found = self.lex.title_from(tokens, i + 1, min(len(tokens), i + 6))
            if not found:
                continue
            j, title = found
            if title in self.lex.no_coref_titles:
                continue
            if j < len(tokens) and tokens[j].ent_type_ == "PERSON":
                continue  # "the Lieutenant General Vladimir ..." is the name's own title
            start, end = tok.idx, tokens[j - 1].idx + len(tokens[j - 1].text)
            if any(s < end and start < e for s, e in covered if (s, e) != (start, end)) and \
                    not any(s == start + 4 for s, _ in covered):
                continue
            head = title.split()[-1].lower()
            matching = [e for e in titled if _has_title(e, title, head) and _first_start(e) < start]
            chosen = self._choose_titled(matching, start, sentence_of)
            if chosen is not None:
                chosen.mentions.append(Mention(start, end, tok.doc[i:j].text, "title"))

    @staticmethod
    def _choose_titled(matching: list[Entity], start: int, sentence_of: _SentenceIndex) -> Entity | None:
        if len(matching) == 1:
            return matching[0]
        here = sentence_of(start)
        recent = [e for e in matching
                  if any(0 <= here - sentence_of(m.start) <= TITLE_SCOPE_SENTENCES
                         for m in e.mentions if m.start < start)]
        if not recent:
            return None
        return max(recent, key=lambda e: max(m.start for m in e.mentions if m.start < start))

    # -- pronouns ---------------------------------------------------------------------------------
    def _pronouns(self, entities: list[Entity], sdoc: SpacyDoc, tokens: list[Token],
                  sentences: list[tuple[int, int]]) -> None:
        people = [e for e in entities if e.type == "person"]
        by_token: dict[int, Entity] = {}  # token index of a mention's head -> entity
        char_to_token = {t.idx: t.i for t in tokens}
        for e in people:
            for m in e.mentions:
                span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None and len(span):
                    by_token[span.root.i] = e
                elif m.start in char_to_token:
                    by_token[char_to_token[m.start]] = e
        mention_tokens = {t for e in entities for m in e.mentions
                          for t in range(char_to_token.get(m.start, -1), char_to_token.get(m.start, -1) + 1)}
        salience: dict[str, float] = defaultdict(float)
        gender: dict[str, str | None] = {e.id: e.gender for e in people}
        entity_of: dict[str, Entity] = {e.id: e for e in people}
        bounds = [s for s, _ in sentences]
        next_bound = 1
        in_quote = False
        for tok in tokens:
            while next_bound < len(bounds) and tok.idx >= bounds[next_bound]:
                next_bound += 1
                for key in salience:
                    salience[key] *= DECAY
            if tok.text in ("“", "”", '"'):
                in_quote = tok.text == "“" or (tok.text == '"' and not in_quote)
                continue
            if tok.i in by_token:
                e = by_token[tok.i]
                salience[e.id] += _weight(tok)
                continue
            low = tok.lower_
            if tok.pos_ == "NOUN" and low in _NOUN_GENDER and tok.i not in mention_tokens and \
                    tok.dep_ not in ("compound", "appos") and not _attached_to_name(tok, by_token):
                key = "noun:" + tok.lemma_.lower()
                salience[key] += _weight(tok)
                gender.setdefault(key, _NOUN_GENDER[low] or None)
                continue
            if low not in PRONOUNS or tok.pos_ not in ("PRON", "DET") or in_quote:
                continue
            want = PRONOUNS[low]
            chosen = _possessor_by_conjunction(tok, by_token)
            if chosen is None:
                governing = _governing_subject(tok, by_token, gender, want)
                if governing == "":
                    continue  # the subject above is someone without a name ("the gunman said he...")
                chosen = entity_of.get(governing) if governing else None
            if chosen is None:
                barred = _co_arguments(tok, by_token) if low not in ("his", "her", "hers") else set()
                candidates = [(s, k) for k, s in salience.items()
                              if s >= MIN_SALIENCE and gender.get(k) in (None, want) and k not in barred]
                if not candidates:
                    continue
                best = max(candidates)[1]
                chosen = entity_of.get(best)
                if chosen is None:  # a person known only as "the gunman": no entity to attach to
                    continue
            chosen.mentions.append(Mention(tok.idx, tok.idx + len(tok.text), tok.text, "pronoun"))
            if chosen.gender is None:
                chosen.gender = want
                gender[chosen.id] = want
            salience[chosen.id] += _weight(tok)
            by_token[tok.i] = chosen


# -- helpers ----------------------------------------------------------------------------------------
def _sentence_index(sentences: list[tuple[int, int]]) -> _SentenceIndex:
    starts = [s for s, _ in sentences]

    def index(offset: int) -> int:
        return bisect_right(starts, offset) - 1

    return index


def renumber(entities: list[Entity]) -> list[Entity]:
    """Mentions in text order, entities in order of first mention, ids e1, e2..."""
    for e in entities:
        seen: set[tuple[int, int]] = set()
        unique = []
        for m in sorted(e.mentions, key=lambda m: (m.start, m.end)):
            if (m.start, m.end) not in seen:
                seen.add((m.start, m.end))
                unique.append(m)
        e.mentions = unique
    ordered = sorted((e for e in entities if e.mentions), key=lambda e: e.mentions[0].start)
    for i, e in enumerate(ordered, 1):
        e.id = f"e{i}"
    return ordered


def _name_words(name: str) -> list[str]:
    return [w for w in name.replace(",", " ").split() if not (len(w) <= 2 and w.endswith("."))]


def _placed(text: str, m: Mention) -> bool:
    """The words around a mention make it a place: "Vance, S.C.", "in Vance", "north Charlotte"."""
    return bool(_PLACED_AFTER.match(text, m.end) or _PLACED_BEFORE.search(text[max(0, m.start - 16):m.start]))


def _abbreviates(short: list[str], full: list[str]) -> bool:
    if not short or len(short) >= len(full):
        return False
    if len(short) == 1:
        return short[0] in (full[-1], full[0])  # "Alekseev"; "Eddie" for Eddie Zee Holmes
    return short[0] == full[0] and short[-1] == full[-1]


def _nearest_host(hosts: list[Entity], offset: int) -> Entity:
    before = [(max((m.start for m in h.mentions if m.start < offset), default=-1), h) for h in hosts]
    last, host = max(before, key=lambda p: p[0])
    if last >= 0:
        return host
    return min(hosts, key=lambda h: min(m.start for m in h.mentions))


def _absorb(host: Entity, other: Entity, mentions: bool) -> None:
    for t in other.titles:
        if t not in host.titles:
            host.titles.append(t)
    for a in other.aliases:
        if a not in host.aliases and a != host.name:
            host.aliases.append(a)
    for d in other.descriptions:
        if d not in host.descriptions:
            host.descriptions.append(d)
    host.roles.extend(r for r in other.roles if r not in host.roles)
    host.gender = host.gender or other.gender
    host.confidence = max(host.confidence, other.confidence)
    if mentions:
        host.mentions.extend(other.mentions)


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w.lower() not in _STOP_INITIALS).upper()


def _acronym_of(acronym: str, name: str) -> bool:
    a = acronym.replace(".", "")
    return 2 <= len(a) <= 6 and a.isupper() and len(name.split()) >= 2 and _initials(name) == a


def _shorter_form(short: str, full: str, orgs: list[Entity]) -> bool:
    s, f = short.lower().split(), full.lower().split()
    if len(s) < 2 or len(s) >= len(f) or f[-len(s):] != s:
        return False
    hosts = [o for o in orgs if o.mentions and o.name.lower().split()[-len(s):] == s and o.name != short]
    return len(hosts) == 1


def _bracketed(text: str, full: Entity, short: Entity) -> bool:
    """'Federal Security Service (FSB)': the short name in brackets right after the full one."""
    for m in full.mentions:
        rest = text[m.end:m.end + len(short.name) + 4]
        if rest.startswith((" (" + short.name + ")", "(" + short.name + ")")):
            return True
    return False


def _known_as(text: str, full: Entity, short: Entity) -> bool:
    for m in full.mentions:
        for s in short.mentions:
            if 0 < s.start - m.end <= 40 and _KNOWN_AS.search(text[m.end:s.start]):
                return True
    return False


def _has_title(e: Entity, title: str, head: str) -> bool:
    if title in e.titles:
        return True
    return title.lower() == head and any(t.split()[-1].lower() == head for t in e.titles)


def _first_start(e: Entity) -> int:
    return min(m.start for m in e.mentions)


def _weight(tok: Token) -> float:
    dep = tok.dep_
    role = 80 if dep in _SUBJECT else 50 if dep in _OBJECT else 40 if dep in _OBLIQUE else \
        20 if dep == "poss" else 30
    return 100.0 + role + (0 if dep in _EMBEDDED else 50)


def _attached_to_name(tok: Token, by_token: dict[int, Entity]) -> bool:
    """'the victim, John Reed' / 'victim John Reed': the noun describes a named person."""
    if tok.head.i in by_token and tok.dep_ in ("appos", "compound", "nmod"):
        return True
    return any(child.i in by_token and child.dep_ in ("appos", "compound") for child in tok.children)


def _possessor_by_conjunction(tok: Token, by_token: dict[int, Entity]) -> Entity | None:
    """'Sergei Skripal and his daughter': the possessive belongs to the conjoined name."""
    if tok.dep_ != "poss":
        return None
    noun = tok.head
    if noun.dep_ == "conj" and noun.head.i in by_token:
        return by_token[noun.head.i]
    return None


def _governing_subject(tok: Token, by_token: dict[int, Entity], gender: dict[str, str | None],
                       want: str) -> str | None:
    """The subject of the nearest clause above the pronoun, when it is a person named before it:
    'Valaitis said Rimkute had received threats since her reports...' -> Rimkute. Returns the entity id,
    "" for a person without a name ("the gunman said he..."), None when no clause above has one."""
    node = tok
    # binding: 'Ortega threatened him' - an object pronoun is never its own verb's subject
    skip_own = (tok.dep_ in _OBJECT or tok.dep_ in _OBLIQUE) and tok.lower_ not in ("himself", "herself")
    for _ in range(8):
        head = node.head
        if head is node:
            return None
        node = head
        if node.pos_ not in ("VERB", "AUX"):
            continue
        if skip_own:
            skip_own = False
            continue
        for child in node.children:
            if child.dep_ not in ("nsubj", "nsubjpass") or child.i >= tok.i or child.i == tok.i:
                continue
            if child.i in by_token:
                e = by_token[child.i]
                return e.id if gender.get(e.id) in (None, want) else None
            if child.pos_ == "NOUN" and child.lower_ in _NOUN_GENDER and \
                    (_NOUN_GENDER[child.lower_] or want) == want:
                return ""
    return None


def _co_arguments(tok: Token, by_token: dict[int, Entity]) -> set[str]:
    """Entities that are arguments of the pronoun's own verb ('Smith shot him': not Smith)."""
    verb = tok.head
    return {by_token[c.i].id for c in verb.children
            if c.i != tok.i and c.i in by_token and (c.dep_ in _SUBJECT or c.dep_ in _OBJECT)}


@register_step("coref")
def make_coref_step(context: StepContext) -> CorefStep:
    lexicon = context.resource("entity_lexicon", lambda: EntityLexicon.load(context.nlp))
    return CorefStep(lexicon)
