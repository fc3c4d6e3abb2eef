"""Event triggers: the words that announce a happening, typed into the taxonomy, and how the words of a
sentence are shared out between the happenings it mentions.

A trigger is a verb or noun whose lemma (or lemma phrase) the taxonomy or ``events_triggers.yaml`` lists
("was shot" -> armed_assault, "car bombing" -> bombing, "investigating" -> investigation), or an agent noun
("the gunman", "the shooter") that announces an attack. Triggers of one sentence that hang from each other
in the parse and are of compatible kinds form one *group*; every word of the sentence goes to the group of
its nearest trigger in the tree, so that each happening reads its participants, dates and places from
its own words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .events_lexicon import Lexicon
from .events_syntax import MentionIndex, lemma, match_phrases, path_ids

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

GENERIC = "attack"  # an attack whose type the other words decide
OUTCOME_TYPES = frozenset({"death", "hospitalization"})
CLASH = "armed_clash"
_CLAUSE_DEPS = {"ROOT", "conj", "ccomp", "advcl", "relcl", "xcomp", "parataxis", "csubj"}
_SKIP_ENTS = {
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "FAC",
    "DATE",
    "TIME",
    "WORK_OF_ART",
    "LAW",
    "NORP",
    "PRODUCT",
    "MONEY",
    "CARDINAL",
    "ORDINAL",
    "QUANTITY",
    "PERCENT",
}
_PLURAL_DETS = {"the", "these", "those", "both"}


@dataclass
class Trigger:
    type: str  # taxonomy slug, or GENERIC
    start: int  # token indices [start, end)
    end: int
    head: int  # the syntactic head token of the trigger phrase
    key: str  # the lemma phrase that matched
    kind: str  # verb | noun | agent
    anaphoric: bool = False  # "the attack", "the incident"
    generic: bool = False  # "other incidents", "a wave of attacks"

    def is_attack(self, lex: Lexicon) -> bool:
        return self.type == GENERIC or self.type in lex.taxonomy.attack_types


@dataclass
class Group:
    """The triggers of one sentence that speak of one happening, and the words that belong to it."""

    triggers: list[Trigger]
    tokens: set[int] = field(default_factory=set)
    sentence: tuple[int, int] = (0, 0)  # token span of the sentence

    @property
    def head(self) -> Trigger:
        return self.triggers[0]

    def category(self, lex: Lexicon) -> str:
        return category_of(self.triggers, lex)


def category_of(triggers: list[Trigger], lex: Lexicon) -> str:
    """attack | outcome (deaths, hospital stays said alone) | armed_clash | the type of the first trigger."""
    attacks = [t for t in triggers if t.is_attack(lex)]
    if any(t.type == CLASH for t in triggers) and all(t.type == GENERIC for t in attacks):
        return CLASH
    if attacks:
        return "attack"
    if triggers and all(t.type in OUTCOME_TYPES for t in triggers):
        return "outcome"
    return triggers[0].type if triggers else "other"


def _phrase_head(doc: SpacyDoc, start: int, end: int) -> int:
    """The token of [start, end) whose head lies outside the span (the last one if several)."""
    best = end - 1
    for i in range(start, end):
        h = doc[i].head.i
        if h < start or h >= end or h == i:
            best = i
    return best


def _blocked(doc: SpacyDoc, start: int, end: int, sent_end: int, sent_start: int, lex: Lexicon) -> bool:
    """True when a blocked phrase ("in charge", "heart attack") covers a word of [start, end)."""
    lo = max(sent_start, start - 3)
    hi = min(sent_end, end + 3)
    return any(i < end and j > start for i, j, _ in match_phrases(doc, lo, hi, lex.blocked, max_len=4))


def _is_generic(tok: Token, lex: Lexicon, etype: str) -> bool:
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound":
        return False
    kids = list(tok.children)
    if any(lemma(c) in lex.generic_modifiers for c in kids if c.dep_ in ("amod", "det", "advmod", "nummod")):
        return True
    if tok.head.i != tok.i and tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        gov = tok.head.head
        if lemma(gov) in lex.generic_modifiers and gov.pos_ == "NOUN":  # "a series of attacks"
            return True
    if tok.tag_ in ("NNS", "NNPS") and (etype == GENERIC or etype in lex.taxonomy.attack_types):
        dets = [c for c in kids if c.dep_ in ("det", "nummod", "poss")]
        if not any(c.lower_ in _PLURAL_DETS or c.like_num or c.dep_ == "poss" for c in dets):
            return True
    return False


def find_triggers(
    doc: SpacyDoc,
    start: int,
    end: int,
    lex: Lexicon,
    index: MentionIndex | None = None,
    upper_text: bool = False,
) -> list[Trigger]:
    """Triggers in the tokens [start, end) of one sentence.

    Words inside a name (an entity mention of ``index``, an all-capitals acronym in mixed-case text such
    as the outlet "SHOT") are never triggers.
    """
    out: list[Trigger] = []
    for i, j, key in match_phrases(doc, start, end, lex.trigger_table, max_len=lex.max_trigger_len):
        head = _phrase_head(doc, i, j)
        tok = doc[head]
        if tok.pos_ not in ("VERB", "NOUN", "PROPN", "ADJ", "AUX") and j - i == 1:
            continue
        if (
            tok.ent_type_ in _SKIP_ENTS
            and tok.ent_type_ != "NORP"
            and not (tok.ent_type_ == "ORG" and key in lex.attacker_nouns)
        ):
            continue
        if tok.is_title and tok.pos_ == "PROPN" and i > start and not doc[i - 1].is_sent_start:
            continue  # part of a name ("Hero of the Russian Federation", "Shooting Star")
        if not upper_text and any(doc[k].text.isupper() and len(doc[k].text) > 1 for k in range(i, j)):
            continue
        if index is not None and key not in lex.attacker_nouns:
            ent = index.entity_at(doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text))
            if ent is not None and ent.type != "other":
                continue
        if _blocked(doc, i, j, end, start, lex):
            continue
        if key in lex.attacker_nouns:
            if tok.dep_ in ("amod", "compound") and tok.head.i > tok.i:
                continue  # "gunman attacks" is fine, "killer whale" is not a killer
            kind = "agent"
            etype = lex.attacker_nouns[key] or GENERIC
        else:
            etype = lex.triggers[key]
            kind = "verb" if tok.pos_ in ("VERB", "AUX") else "noun"
            if key in lex.verb_only and (kind == "noun" or tok.dep_ == "amod"):
                continue  # "the alleged plot": an adjective, not an allegation
            if (
                kind == "noun"
                and tok.dep_ == "compound"
                and tok.head.i >= j
                and not _is_trigger_word(doc, tok.head.i, lex)
            ):
                continue  # "ransom demand", "murder charges", "shooting victim": a modifier, not a happening
            if kind == "verb" and key in lex.needs_person_object and not _has_person_object(tok, lex):
                continue
        dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
        anaphoric = kind == "noun" and key in lex.anaphors and bool(dets & {"the", "this", "that", "its"})
        generic = kind != "verb" and _is_generic(tok, lex, etype)
        out.append(Trigger(etype, i, j, head, key, kind, anaphoric, generic))
    return out


def _is_trigger_word(doc: SpacyDoc, i: int, lex: Lexicon) -> bool:
    """The word ends some trigger phrase ("attack" in "bomb attack", "bomb" in "car bomb")."""
    return lemma(doc[i]) in lex.trigger_last_words or doc[i].lower_ in lex.trigger_last_words


def _has_person_object(verb: Token, lex: Lexicon) -> bool:
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            low = lemma(c)
            if (
                low in lex.person_nouns
                or c.ent_type_ in ("PERSON", "NORP")
                or c.pos_ == "PRON"
                or any(lemma(g) in lex.person_nouns for g in c.children if g.dep_ == "prep")
            ):
                return True
    return False


def _compatible(a: Trigger, b: Trigger, lex: Lexicon) -> bool:
    if CLASH in (a.type, b.type) and GENERIC in (a.type, b.type):
        return True  # "killed during clashes": the deaths of the fighting
    if a.is_attack(lex) and (b.is_attack(lex) or b.type in OUTCOME_TYPES):
        return True
    if b.is_attack(lex) and a.type in OUTCOME_TYPES:
        return True
    return a.type == b.type


def _clause_heads(doc: SpacyDoc) -> list[bool]:
    """Whether each token is a verb or auxiliary heading a clause (``_CLAUSE_DEPS``), once per document."""
    cached = doc.user_data.get("wireledger.clause_heads")
    if cached is None or len(cached) != len(doc):
        cached = [t.pos_ in ("VERB", "AUX") and t.dep_ in _CLAUSE_DEPS for t in doc]
        doc.user_data["wireledger.clause_heads"] = cached
    return cached


def _join_anaphors(groups: list[Group], group_of: dict[int, Group], own_date: dict[int, str],
                   lex: Lexicon) -> list[Group]:
    """A group whose attack words are all definite anaphors ("taken to hospital after the blast"), with
    no date of its own, tells of the happening an earlier attack word of the same sentence already names
    ("the car bombing that killed X, despite him being taken to hospital after the blast"), when the two
    are of compatible kinds: it joins that group."""
    kept: list[Group] = []
    for g in sorted(groups, key=lambda g: min(t.start for t in g.triggers)):
        attacks = [t for t in g.triggers if t.is_attack(lex)]
        if attacks and all(t.anaphoric for t in attacks) and all(own_date.get(t.head) is None
                                                                 for t in g.triggers):
            first = min(t.start for t in g.triggers)
            earlier = next((k for k in reversed(kept)
                            if any(not t.anaphoric and t.start < first and t.is_attack(lex)
                                   and _compatible(t, attacks[0], lex) for t in k.triggers)), None)
            if earlier is not None:
                earlier.triggers.extend(g.triggers)
                for t in g.triggers:
                    group_of[t.head] = earlier
                continue
        kept.append(g)
    return kept


def group_sentence(
    doc: SpacyDoc,
    start: int,
    end: int,
    triggers: list[Trigger],
    lex: Lexicon,
    own_date: dict[int, str] | None = None,
) -> list[Group]:
    """Group a sentence's triggers and share its words out between the groups.

    A trigger joins the group of its nearest ancestor trigger when both are of compatible kinds (an
    attack and its outcome, two attack words) and it has no date of its own that differs; otherwise it
    starts a group. ``own_date`` maps a trigger head to the date value attached inside its phrase.
    """
    own_date = own_date or {}
    live = [t for t in triggers if not t.generic]
    by_head = {t.head: t for t in live}
    group_of: dict[int, Group] = {}
    groups: list[Group] = []
    paths = {t.head: path_ids(doc, t.head) for t in live}
    for t in sorted(live, key=lambda t: len(paths[t.head])):
        parent = next((by_head[a] for a in paths[t.head][1:] if a in by_head), None)
        g = group_of.get(parent.head) if parent else None
        mine, theirs = own_date.get(t.head), (own_date.get(g.head.head) if g else None)
        if (
            g is not None
            and parent is not None
            and _compatible(parent, t, lex)
            and (mine is None or theirs is None or mine == theirs)
        ):
            g.triggers.append(t)
        else:
            g = Group([t], sentence=(start, end))
            groups.append(g)
        group_of[t.head] = g
    if not groups:
        return []
    groups = _join_anaphors(groups, group_of, own_date, lex)
    # Share out the words: the nearest trigger ancestor decides; words under no trigger go to the
    # trigger nearest below their lowest ancestor that has one.
    depth_under = {h: {a: k for k, a in enumerate(p)} for h, p in paths.items()}
    is_clause = _clause_heads(doc)
    for i in range(start, end):
        path = path_ids(doc, i)
        k_trig = next((k for k, a in enumerate(path) if a in group_of), None)
        k_clause = next((k for k, a in enumerate(path) if is_clause[a]), None)
        owner = group_of[path[k_trig]] if k_trig is not None else None
        if k_clause is not None and (k_trig is None or k_clause < k_trig):
            # the word's own clause has a trigger ("he received an award the following year"): it wins
            # over a trigger of a clause above ("the EU sanctioned ..., and he received ...")
            clause = path[k_clause]
            below = [
                (d[clause], h)
                for h, d in depth_under.items()
                if clause in d and not any(is_clause[x] for x in paths[h][: d[clause]] if x != h)
            ]
            if below:
                owner = group_of[min(below)[1]]
        if owner is None:
            for a in path:
                below = [(d[a], h) for h, d in depth_under.items() if a in d]
                if below:
                    owner = group_of[min(below)[1]]
                    break
        if owner is None:
            owner = groups[0]
        owner.tokens.add(i)
    for g in groups:
        g.triggers.sort(key=lambda t: (t.kind == "agent", t.anaphoric, t.start))
    groups.sort(key=lambda g: min(g.tokens) if g.tokens else g.head.start)
    return groups
