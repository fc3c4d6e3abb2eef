"""Killed and wounded: how many people an event killed and hurt, from the words of the event.

Two kinds of evidence are read. *Counts*: a number of people with a casualty word ("two dead and three
injured", "killing at least three people", "four teens were shot", "1 Dead, 3 Hurt"). *Individuals*: one
person with an outcome ("a man was killed", "Alekseev was shot several times", "a British civilian later
died", "left a senior official seriously wounded"); a definite mention or pronoun ("the victim", "he")
refers back to the last person introduced, so "A man was shot ... He died" is one dead, not one dead and
one wounded. Counts win over individuals; among counts the largest stated one wins and the others are
kept as conflicts. "Several" and other vague words never become exact numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .events_lexicon import Lexicon
from .events_syntax import MentionIndex, lemma, match_phrases

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

KILLED, WOUNDED, HIT = "killed", "wounded", "hit"  # HIT: shot or attacked, outcome not said
_SUBJ = ("nsubj", "nsubjpass")
_NEW_MARKERS = {"another", "second", "third", "other", "also"}
# "shot his brother, 6, and wounded an older brother": a second person of the same kin word
_OTHER_OF_KIN = {"older", "younger", "elder", "oldest", "youngest", "eldest"}
_PRONOUNS = {"he", "she", "him", "her", "they", "them", "who", "whom"}
_OTHERS = re.compile(r"\b(?:other|others|more|additional)\b", re.IGNORECASE)  # "five other people shot"


@dataclass
class CountFact:
    field: str  # killed | wounded | hit
    value: int | None  # None: a vague count ("several")
    start: int  # character span of the words
    end: int
    lower_bound: bool = False
    text: str = ""


@dataclass
class Casualties:
    killed: int | None = None
    wounded: int | None = None
    facts: list[CountFact] = field(default_factory=list)
    conflicts: list[dict[str, object]] = field(default_factory=list)
    victims: list[tuple[int, int]] = field(default_factory=list)  # token spans of people hurt or killed


def _number(tok: Token, lex: Lexicon) -> tuple[int | None, bool] | None:
    """(value, known) for a number token or number word; None when the token is not a number."""
    low = tok.lower_.replace(",", "")
    if _age_or_date(tok):
        return None
    if low.isdigit():
        n = int(low)
        return (n, True) if n < 2000 else None
    if low in lex.number_words:
        v = lex.number_words[low]
        return (v, v is not None)
    if tok.like_num:
        return None
    return None


_NOT_COUNTS = {"TIME", "MONEY", "PERCENT"}


def _age_or_date(tok: Token) -> bool:
    """A number that gives an age, a day or an hour, not a number of people: "Boy, 16, dies", "the
    Nov. 29 death", "at 3 a.m."."""
    if tok.ent_type_ in _NOT_COUNTS:
        return True
    if tok.ent_type_ != "DATE" or tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    return prev.text == "," or (prev.ent_type_ == "DATE" and not prev.like_num)


_STATE_POS = ("ADJ", "VERB", "NOUN", "PROPN")  # PROPN: a headline's capitals ("Five Shot At Party")


def _people_shot(doc: SpacyDoc, tok: Token, nxt: Token, num: tuple[int | None, bool]) -> bool:
    """ "4 shot", "Five Shot": people shot, not shots fired ("three shots", "one shot was fired")."""
    if nxt.lower_ != "shot" or nxt.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "attr"):
        return False
    after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
    return (num[0] or 0) > 1 or after is None or after.pos_ not in ("VERB", "AUX")


def _outcome_of_lemmas(lemmas: Iterable[str], lex: Lexicon) -> str | None:
    got = None
    for lem in lemmas:
        if lem in lex.killed:
            return KILLED
        if lem in lex.wounded:
            got = WOUNDED if lem not in _HIT_WORDS else (got or HIT)
    return got


_OUTCOME_PREPS = {"in", "to", "with", "from", "at", "after", "into", "by"}
_PRED_CHILDREN = {"conj", "xcomp", "acomp", "advmod", "oprd", "attr", "advcl", "relcl", "dobj", "ccomp"}


def _predicate_lemmas(
    verb: Token, allowed: set[int], depth: int = 0, lex: Lexicon | None = None
) -> list[str]:
    """The words that say what happened to the subject of ``verb``: the verb, its coordinated and
    complement predicates, its object and the head nouns of its prepositions ("shot and killed", "in
    critical condition", "died from a gunshot wound", "suffered a gunshot wound"). Never the object of
    "of" ("guilty of the murder of ..."), nor what another clause with its own count says ("leaving one
    dead")."""
    out = [lemma(verb)]
    out += [f"{lemma(verb)} {c.lower_}" for c in verb.children if c.dep_ == "prt"]  # "gunned down"
    if depth > 2:
        return out
    for c in verb.children:
        if c.i not in allowed:
            continue
        if c.dep_ in _PRED_CHILDREN:
            if lemma(c) in ("leave",) and c.dep_ in ("advcl", "conj", "xcomp"):
                continue
            if lex is not None and c.dep_ in ("conj", "xcomp", "advcl") and _acts_on_other(c, lex):
                continue  # "a man who demanded money and then struck him": he struck, he was not struck
            if c.dep_ in ("conj", "advcl", "ccomp") and any(g.dep_ in _SUBJ for g in c.children):
                continue  # "he survived, but a woman later died": her death, not his
            if c.dep_ in ("dobj", "attr", "acomp", "oprd", "advmod"):
                if c.dep_ == "dobj" and lex is not None and lemma(c) in lex.not_people:
                    continue  # "a clerk fired one shot": the shots he fired, not one that hit him
                out.append(lemma(c))
                out.extend(lemma(g) for g in c.children if g.dep_ in ("compound", "amod") and g.i in allowed)
            else:
                out.extend(_predicate_lemmas(c, allowed, depth + 1, lex))
        elif c.dep_ == "prep" and lemma(c) in _OUTCOME_PREPS:
            for g in c.children:
                if g.dep_ == "pobj" and g.i in allowed:
                    mods = [lemma(x) for x in g.children if x.dep_ in ("compound", "amod") and x.i in allowed]
                    out.append(lemma(g))
                    out.extend(mods)
                    out.extend(f"{m} {lemma(g)}" for m in mods)  # "critical condition"
        elif c.dep_ == "neg":
            out.append("not")
    return out


def _predicate_outcome(verb: Token, lex: Lexicon, allowed: set[int]) -> str | None:
    """The outcome a person gets as subject of ``verb``: killed beats wounded beats hit."""
    lemmas = _predicate_lemmas(verb, allowed, lex=lex)
    if "not" in lemmas[:4] or "never" in lemmas[:4] or any(x in lex.not_outcome for x in lemmas):
        return None
    return _outcome_of_lemmas(lemmas, lex)


_HIT_WORDS = {"shoot", "shot", "stab", "beat", "hit", "strike", "graze"}
_REFLEXIVES = {"himself", "herself", "themselves", "itself", "myself", "yourself", "self"}


_PASSIVE_FILLERS = {"who", "that", "was", "were", "is", "are", "been", "being", "got", "get"}


def _fatal_after(tok: Token, lex: Lexicon, tokens: set[int]) -> bool:
    """The words right after the person say a fatal shooting, whatever the parse made of them: "a girl
    shot and killed in what police call an accident", "a boy who was accidentally shot, killed"."""
    j, end = tok.i + 1, min(tok.sent.end, tok.i + 6)
    doc = tok.doc
    relative = passive = False
    while j < end and (doc[j].lower_ in _PASSIVE_FILLERS or doc[j].pos_ == "ADV") and j in tokens:
        relative = relative or doc[j].lower_ in ("who", "that")
        passive = passive or doc[j].lower_ in _PASSIVE_FILLERS - {"who", "that"}
        j += 1
    if j >= end - 1 or j not in tokens or lemma(doc[j]) not in _HIT_WORDS or (relative and not passive):
        return False  # "a boy who shot, killed his friend": the one who shot
    k = j + 1
    if doc[k].lower_ in ("and", ",") and k + 1 < tok.sent.end:
        k += 1
    elif doc[k].lower_ == "to" and k + 1 < tok.sent.end and lemma(doc[k + 1]) == "death":
        return True
    if k not in tokens or lemma(doc[k]) not in lex.killed or doc[k].pos_ not in ("VERB", "ADJ", "AUX"):
        return False
    after = doc[k + 1] if k + 1 < tok.sent.end else None
    # "a man shot and killed his wife": an object after the verbs makes the man the one who shot
    return after is None or after.pos_ not in ("DET", "PRON", "PROPN", "NOUN", "NUM")


def _first_conjunct(tok: Token) -> Token:
    """The first of the coordinated words ``tok`` belongs to ("two dead and three others": "two")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _left_in_state(tok: Token, lex: Lexicon) -> bool:
    """The object of "leave" (or a conjunct of it): "left two dead and three others wounded"."""
    head = _first_conjunct(tok)
    return head.dep_ == "dobj" and lemma(head.head) in lex.leave_verbs


def _of_them_fatally(doc: SpacyDoc, i: int, tokens: set[int], lex: Lexicon) -> bool:
    """The number at ``i`` is followed by "of them|those" and an adverb of death: "two of them fatally"."""
    if i + 3 not in tokens or doc[i + 1].lower_ != "of" or doc[i + 2].lower_ not in ("them", "those"):
        return False
    return doc[i + 3].pos_ == "ADV" and lemma(doc[i + 3]) in lex.killed


def _shot_participle(tok: Token, tokens: set[int]) -> Token | None:
    """A past participle right after the noun that says what befell it ("five people shot", "two men
    killed"), when the noun is no subject of its own verb."""
    if tok.dep_ in _SUBJ:
        return None
    return next(
        (
            c
            for c in tok.children
            if c.dep_ == "acl" and c.tag_ in ("VBN", "VBD") and c.i == tok.i + 1 and c.i in tokens
        ),
        None,
    )


def _sent_to_hospital(tok: Token, lex: Lexicon) -> bool:
    """A counted object of a verb that takes it to a hospital ("sent four people to the hospital", "put
    three women in the hospital"): hurt, not (so far) dead."""
    head = _first_conjunct(tok)
    if head.dep_ != "dobj" or lemma(head.head) not in lex.hospital_verbs:
        return False
    if not any(c.dep_ == "nummod" for c in tok.children):
        return False  # "took the child to the hospital": a person already told of, whatever became of them
    places = [g for c in head.head.children if c.dep_ == "prep" and c.lower_ in ("to", "in", "into")
              for g in c.children if g.dep_ == "pobj"]
    return any(lemma(g) in lex.hospitals for g in places)


def _acts_on_other(verb: Token, lex: Lexicon) -> bool:
    """An active verb of harm with an object that is not the subject itself ("shot his brother")."""
    if (
        lemma(verb) not in lex.killed
        and lemma(verb) not in lex.wounded
        and lemma(verb) not in ("hit", "strike")
    ):
        return False
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    if not objs:
        # "shot and killed his wife": the object of the verb coordinated with it, sharing its subject
        return any(
            c.dep_ == "conj" and not any(g.dep_ in _SUBJ for g in c.children) and _acts_on_other(c, lex)
            for c in verb.children
        )
    return all(o.lower_ not in _REFLEXIVES for o in objs)


_TRIES = {"try", "attempt"}


def _subject_above(verb: Token) -> tuple[Token, Token, bool] | None:
    """(the subject, the verb it is the subject of, whether a verb of trying was passed) found by climbing
    from ``verb`` through the verbs it is coordinated with or governed by ("shot his wife and then
    committed suicide", "tried to kill himself"); None within five steps."""
    head, tried = verb, False
    for _ in range(5):
        tried = tried or lemma(head) in _TRIES
        subj = [c for c in head.children if c.dep_ == "nsubj" and c.lower_ not in ("that", "which")]
        if subj:
            return subj[0], head, tried
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def _suicide(tok: Token, lex: Lexicon, tokens: set[int]) -> tuple[Token, str] | None:
    """(the subject, outcome) of "committed suicide" (dead) or "attempted suicide", "tried to commit
    suicide" (hurt)."""
    found = _subject_above(tok.head)
    if found is None:
        return None
    subj, _, tried = found
    if subj.i not in tokens or _np_quantity(subj, lex) is None:
        return None
    return subj, HIT if tried else KILLED


def _self_harm(tok: Token, lex: Lexicon, tokens: set[int]) -> tuple[Token, str] | None:
    """(the subject, outcome) when a reflexive is the object of a verb of harm whose subject also harms
    others ("shot his wife and himself", "before shooting and killing himself"); None for a plain "he
    shot himself", where the subject already counts as hurt."""
    obj = tok
    while obj.dep_ == "conj" and obj.head.i != obj.i:
        obj = obj.head
    verb = obj.head
    turned = (  # "then turned the gun on himself": a suicide, not counted by any verb of harm
        obj.dep_ == "pobj" and verb.lower_ == "on" and lemma(verb.head) == "turn" and verb.head.i in tokens
    )
    if turned:
        verb, outcome = verb.head, KILLED
    elif (
        obj.dep_ != "dobj"
        or verb.i not in tokens
        or (lemma(verb) not in lex.killed and lemma(verb) not in lex.wounded)
    ):
        return None
    else:
        said = [lemma(verb)] + [lemma(c) for c in verb.children if c.dep_ in ("advmod", "acomp", "oprd")]
        found = _outcome_of_lemmas(said, lex)
        if found is None:
            return None
        outcome = HIT if found == WOUNDED and lemma(verb) in _HIT_WORDS else found
    alone = not turned and obj is tok and not any(c.dep_ == "conj" for c in obj.children)
    found_subj = _subject_above(verb)
    if found_subj is None:
        return None
    subj, head, tried = found_subj
    if tried and outcome == KILLED:
        outcome = HIT  # "tried to kill himself"
    if alone and (head is verb or not _acts_on_other(head, lex)):
        return None  # "he shot himself", "a boy found a gun and shot himself": counted already
    person = subj.i in tokens and _np_quantity(subj, lex) is not None
    return (subj, outcome) if person else None  # not "a shot that injured himself"


def _tells_of_other(verb: Token, lex: Lexicon) -> bool:
    """A verb of saying or finding whose object is another person or a clause about someone ("the coroner
    confirmed a boy died", "officers found a man dead"); not "three motorists reported injuries"."""
    if lemma(verb) not in lex.reporting and lemma(verb) not in lex.observing_verbs:
        return False
    if lemma(verb) in lex.observing_verbs and any(
        c.dep_ == "dobj" and (lemma(c) in lex.killed or lemma(c) in lex.fatal_modified) for c in verb.children
    ):
        return True  # "a coroner ruled the shooting death of a girl an accident": the one who rules
    for c in verb.children:
        if c.dep_ == "dobj" and (
            lemma(c) in lex.person_nouns or c.ent_type_ == "PERSON" or c.lower_ in _PRONOUNS
        ):
            return True
        if c.dep_ in ("ccomp", "xcomp") and any(g.dep_ in _SUBJ for g in c.children):
            return True
    return False


_BODIES = {"body", "corpse"}
_PERSON_ENDINGS = (
    "keeper",
    "man",
    "men",
    "woman",
    "women",
    "person",
    "er",
    "or",
    "ist",
    "ian",
    "ee",
    "ier",
    "ent",
    "ant",
    "eer",
)
_APART = {"also", "earlier", "previous", "previously", "separate", "another", "last", "comes", "came"}
_UPDATES = {"rise", "climb", "increase", "reach", "later", "now", "update", "grow", "jump", "revise"}


def _toll(doc: SpacyDoc, tok: Token, lex: Lexicon, tokens: set[int]) -> CountFact | None:
    """The number a death toll is said to stand at, rise to or reach."""
    for t in tok.head.subtree:
        if t.i in tokens and t.i != tok.i and t.dep_ in ("pobj", "attr", "dobj", "nummod") and t.i > tok.i:
            num = _number(t, lex)
            if num is not None and num[1] and t.lower_ not in ("a", "an"):
                lower = any(lemma(x) in ("least", "more") for x in t.subtree)
                return _fact(doc, KILLED, num, t.i, t.i + 1, t, lower)
    return None


def _np_quantity(tok: Token, lex: Lexicon, person: bool = False) -> tuple[int | None, bool, bool] | None:
    """(count, lower_bound, indefinite) of the people the noun phrase headed by ``tok`` names, or None
    when it does not name people (``person``: take it as naming people)."""
    low = lemma(tok)
    is_person = person or (
        low in lex.person_nouns
        or tok.ent_type_ == "PERSON"
        or tok.lower_ in _PRONOUNS
        or low.endswith("year-old")
        or (low == "old" and any(lemma(c) == "year" for c in tok.lefts))
    )
    if tok.like_num and not is_person:
        # "three of four members were shot", "one of them died", "three were injured"
        of = [
            g
            for c in tok.children
            if c.dep_ == "prep" and lemma(c) == "of"
            for g in c.children
            if g.dep_ == "pobj" and (lemma(g) in lex.person_nouns or g.lower_ in ("them", "those", "these"))
        ]
        num = _number(tok, lex)
        harm_object = tok.dep_ == "dobj" and (lemma(tok.head) in lex.killed or lemma(tok.head) in lex.wounded)
        if num is not None and (of or tok.dep_ in _SUBJ or harm_object):  # "kills 1, injures 3"
            return (num[0] if num[1] else None, False, False)
        return None
    if (
        not is_person
        and tok.pos_ == "NOUN"
        and low not in lex.not_people
        and low not in lex.weapons
        and low.endswith(_PERSON_ENDINGS)
        and low not in lex.trigger_last_words
    ):
        is_person = True  # "a shopkeeper", "a city councilman", "a bystander"
    if not is_person or low in lex.not_people:
        return None
    conj = [c for c in tok.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
    lower = False
    value: int | None = None
    known = True
    for c in tok.children:
        if c.dep_ in ("nummod", "det", "amod", "quantmod") or (c.dep_ == "compound" and c.like_num):
            num = _number(c, lex)
            if num is not None and (c.dep_ != "det" or c.lower_ in ("a", "an", "no", "both")):
                value, known = num
                lower = any(lemma(x) in ("least", "more", "over", "than") for x in c.subtree) or any(
                    lemma(x) in ("least", "more") for x in c.lefts
                )
    if tok.like_num:
        num = _number(tok, lex)
        if num is not None:
            value, known = num
    elif value is None and tok.i > 0 and tok.tag_ == "NNS" and tok.doc[tok.i - 1].pos_ == "NUM":
        # a number right before the noun counts it, whatever the parse attached it to ("Four people
        # were shot" after a headline, the number parsed as a sentence of its own)
        num = _number(tok.doc[tok.i - 1], lex)
        if num is not None:
            value, known = num
    indefinite = any(
        c.lower_ in ("a", "an", "another", "one") or lemma(c) in _NEW_MARKERS
        for c in tok.children
        if c.dep_ in ("det", "amod", "nummod")
    )
    if value is None and known:
        plural = tok.tag_ == "NNS" or (tok.tag_ == "NNPS" and not person)  # "Mary Spears" is one
        if plural or tok.lower_ in ("they", "them", "others"):
            return (None, False, indefinite) if tok.lower_ not in ("they", "them") else None
        value = 1
    if not known:
        return (None, lower, indefinite)
    total = value
    for c in conj:
        q = _np_quantity(c, lex)
        if q and q[0] is not None and total is not None:
            total += q[0]
    return (total, lower, indefinite)


@dataclass
class _Person:
    key: str
    outcome: str
    named: bool
    new: bool
    noun: str = ""
    age: str | None = None  # "17" of "a 17-year-old"
    absorbs: bool = False  # a dead person who already stands for one "was shot" mention
    died_later: bool = False  # a dead person who already stands for one "was hurt" mention
    tokens: set[int] = field(default_factory=set)  # the words that named this person
    gender: str | None = None  # male | female, when a word says so


def count_casualties(
    doc: SpacyDoc,
    tokens: set[int],
    lex: Lexicon,
    index: MentionIndex,
    lead_end: int | None = None,
    title_end: int = 0,
) -> Casualties:
    """Killed and wounded over the words ``tokens`` of one event (token indices of ``doc``).

    ``lead_end``: the token where the report's lead ends. Reports state their toll up front: counts
    after the lead are used only when the lead gives none, and people first met after the lead only
    when the lead names nobody; later words can still say that someone met in the lead died. A single
    person in the headline (tokens before ``title_end``) is the one the lead describes, not another.
    """
    res = Casualties()
    facts: list[CountFact] = []
    late_facts: list[CountFact] = []
    facts_lead: list[CountFact] = []
    updates: set[int] = set()  # sentences after the lead that update the toll ("has risen to")
    headline: list[tuple[Token, str]] = []
    people: list[_Person] = []
    selves: list[tuple[Token, str]] = []  # attackers who also hurt themselves
    # "Four injured in drive-by shooting, 2 arrested": the parse of a headline may give the number to
    # another event's words; a number right before a casualty word of this event counts for it
    numbers = {
        i - 1 for i in tokens
        if 0 < i < title_end and i - 1 not in tokens and _number(doc[i - 1], lex) is not None
        and doc[i].pos_ in _STATE_POS and _outcome_of_lemmas([lemma(doc[i])], lex)
    }
    order = sorted(tokens | numbers)
    lead_people = 0
    for i in order:
        if lead_end is not None and i >= lead_end and lead_people == 0:
            lead_people = len(people) or -1
        if lead_end is not None and i >= lead_end and facts is not late_facts:
            facts_lead, facts = facts, late_facts
        tok = doc[i]
        if facts is late_facts and lemma(tok) in _UPDATES:
            updates.add(tok.sent.start)
        # "N dead", "1 Dead, 3 Hurt", "two killed": a number directly before a casualty word
        num = _number(tok, lex)
        if num is not None and tok.lower_ not in ("a", "an", "no") and i + 1 in tokens:
            nxt = doc[i + 1]
            out = _outcome_of_lemmas([lemma(nxt)], lex) if nxt.pos_ in _STATE_POS else None
            if nxt.pos_ == "ADV" and lemma(nxt) in lex.killed:
                out = KILLED  # "two people were shot, one fatally"
            elif _of_them_fatally(doc, i, tokens, lex):
                out, nxt = KILLED, doc[i + 3]  # "four people were shot, two of them fatally"
            if (
                out
                and lemma(nxt) not in lex.person_nouns
                and (lemma(nxt) not in lex.not_people or _people_shot(doc, tok, nxt, num))
            ):
                if out == HIT and any(
                    f.field == KILLED and _sentence_start(doc, f.start) == tok.sent.start for f in facts
                ):
                    out = WOUNDED  # "1 dead, 3 shot": the others shot, after the dead are counted
                facts.append(_fact(doc, out, num, i, i + 2, tok))
                continue
        noun = doc[i + 1].lower_.rstrip("s") if i + 1 in tokens else ""
        if tok.lower_ in lex.multiples and noun in lex.multiple_nouns:
            # "a quadruple shooting", "the double homicide"
            facts.append(
                _fact(doc, lex.multiple_nouns[noun], (lex.multiples[tok.lower_], True), i, i + 2, tok)
            )
            continue
        if lemma(tok) == "toll" and any(lemma(c) == "death" for c in tok.children):
            fact = _toll(doc, tok, lex, tokens)  # "the death toll had risen to eight"
            if fact is not None:
                facts.append(fact)
            continue
        if tok.pos_ not in ("NOUN", "PROPN", "PRON", "NUM") and not (
            tok.pos_ == "ADJ" and tok.lower_ == "old" and tok.dep_ in (*_SUBJ, "pobj", "dobj")
        ):
            continue  # (but "a 6-year-old is dead": the age is the person)
        if lemma(tok) == "suicide" and tok.dep_ == "dobj" and lemma(tok.head) in ("commit", "attempt"):
            harmed = _suicide(tok, lex, tokens)
            if harmed is not None:  # "shot his brother and then committed suicide"
                selves.append(harmed)
            continue
        if tok.lower_ in _REFLEXIVES:
            harmed = _self_harm(tok, lex, tokens)
            if harmed is not None:  # "the man killed his wife and then himself"
                selves.append(harmed)
                res.victims.append((harmed[0].left_edge.i, harmed[0].i + 1))
                facts.append(_fact(doc, harmed[1], (None, False), tok.i, tok.i + 1, tok))  # the words
                for c in tok.children:  # "injured himself and a woman": the others after him
                    q = _np_quantity(c, lex) if c.dep_ == "conj" and c.i in tokens else None
                    if q is not None and q[0] == 1 and not q[1]:
                        _person(people, c, harmed[1], q[2], index, lex)
                        res.victims.append((c.left_edge.i, c.i + 1))
                    elif q is not None:
                        facts.append(
                            _fact(doc, harmed[1], (q[0], q[0] is not None), c.left_edge.i, c.i + 1, c)
                        )
            continue
        if lemma(tok) in _BODIES:
            q = _np_quantity(tok, lex, person=True)
            if q is not None and q[0] is not None and q[0] > 1:
                facts.append(_fact(doc, KILLED, (q[0], True), tok.left_edge.i, tok.i + 1, tok, q[1]))
            continue
        more = _more_people(tok, lex, tokens)
        if more is not None:
            facts.append(_more_fact(doc, tok, more, facts, lex))
            continue
        q = _np_quantity(tok, lex, person=tok.pos_ == "PROPN" and _named_person(tok, index))
        if q is None:
            continue
        outcome = None
        if tok.dep_ == "ROOT" and tok.pos_ in ("NOUN", "PROPN"):
            # a headline without a verb: "Teen in critical condition after accidental shooting"
            said = _predicate_lemmas(tok, tokens, lex=lex)[1:]
            said += [lemma(c) for c in tok.children if c.dep_ == "amod" and c.i > tok.i]  # "One man dead"
            outcome = _outcome_of_lemmas(said, lex)
        elif tok.dep_ == "nsubj" and tok.head.i in tokens and _acts_on_other(tok.head, lex):
            continue  # "the younger brother shot his sibling": the subject is the one who shot
        elif tok.dep_ == "nsubj" and (
            lemma(tok) in lex.perpetrator_nouns or lemma(tok) in lex.attacker_nouns
        ):
            continue  # "three suspects invaded an apartment and shot through the floor"
        elif tok.dep_ == "nsubj" and _tells_of_other(tok.head, lex):
            continue  # "the coroner confirmed the boy died": the one who tells is not the one hurt
        if tok.dep_ in _SUBJ and tok.head.i in tokens:
            outcome = _predicate_outcome(tok.head, lex, tokens)
        elif (
            tok.dep_ == "dobj"
            and tok.head.i in tokens
            and (lemma(tok.head) in lex.killed or lemma(tok.head) in lex.wounded)
        ):
            said = [lemma(tok.head)] + [
                lemma(c) for c in tok.head.children if c.dep_ in ("acomp", "oprd", "advmod", "xcomp", "prt")
            ]
            said += [  # "shot his brother to death"
                lemma(g)
                for c in tok.head.children
                if c.dep_ == "prep" and c.lower_ == "to"
                for g in c.children
                if g.dep_ == "pobj"
            ]
            outcome = _outcome_of_lemmas(said, lex)  # "shot dead the mayor", "fatally shot a man"
            if outcome == WOUNDED and lemma(tok.head) in _HIT_WORDS:
                outcome = HIT
        elif (participle := _shot_participle(tok, tokens)) is not None:
            # "one of five people shot", "the two men killed on Sunday": the participle after the noun
            outcome = _outcome_of_lemmas(_predicate_lemmas(participle, tokens, lex=lex), lex)
        elif _sent_to_hospital(tok, lex):
            outcome = WOUNDED  # "a shooting that sent four people to the hospital"
        elif _left_in_state(tok, lex):
            # "left two people dead and three others wounded": the state follows each object
            window = [lemma(doc[j]) for j in range(tok.i + 1, min(tok.sent.end, tok.i + 6)) if j in tokens]
            outcome = _outcome_of_lemmas(window, lex)
        elif tok.dep_ == "appos" and tok.head.dep_ in _SUBJ and tok.head.head.i in tokens:
            continue  # the appositive's head already counts
        elif (
            tok.dep_ == "pobj"
            and lemma(tok.head) == "of"
            and tok.head.head.i in tokens
            and tok.head.head.pos_ == "NOUN"
        ):
            # "the shooting of a 4-year-old", "the murder of an 8-year-old girl"
            noun = lemma(tok.head.head)
            mods = [c for c in tok.head.head.children if c.dep_ in ("amod", "compound")]
            fatal = any(lemma(c) in lex.killed for c in mods)
            if noun in lex.killed:
                outcome = KILLED
            elif noun in ("shooting", "stabbing", "wounding", "beating"):
                outcome = KILLED if fatal else HIT  # "the fatal shooting of a teenager"
        if outcome in (None, HIT) and _fatal_after(tok, lex, tokens):
            outcome = KILLED
        if outcome is None:
            continue
        value, lower, indefinite = q
        if tok.lower_ in ("who", "that") and tok.head.dep_ == "relcl":
            tok = tok.head.head  # "a juvenile who died": the juvenile
            indefinite = any(c.lower_ in ("a", "an") for c in tok.children if c.dep_ == "det")
        if tok.i < title_end and value == 1 and tok.lower_ not in _PRONOUNS:
            headline.append((tok, outcome))
            for c in tok.children:
                if _listed_in_headline(c, lex):  # "Man, 11-year-old daughter dead": two people
                    headline.append((c, outcome))
                    res.victims.append((c.left_edge.i, c.i + 1))
        elif tok.lower_ in _PRONOUNS or (value == 1 and not lower):
            _person(people, tok, outcome, indefinite, index, lex)
        else:
            facts.append(
                _fact(doc, outcome, (value, value is not None), tok.left_edge.i, tok.i + 1, tok, lower)
            )
        res.victims.append((tok.left_edge.i, tok.i + 1))
    if lead_end is not None and facts is late_facts:
        # per field: the lead's exact counts, else the later ones
        facts = []
        for name in (KILLED, WOUNDED, HIT):
            lead = [f for f in facts_lead if f.field == name]
            exact = [f for f in lead if f.value is not None]
            late = [f for f in late_facts if f.field == name and not _another_time(doc, f, lead_end)]
            updated = [f for f in late if _sentence_start(doc, f.start) in updates]
            facts += lead + updated if exact else lead + late
    if lead_people > 0:
        people = _lead_people(doc, people, lead_people)
    if not people:  # the headline's person is the lead's, told again: counted when the body names none
        for tok, outcome in headline:
            _person(people, tok, outcome, True, index, lex)
    elif len(headline) == 1 and headline[0][1] == KILLED and not any(
        p.outcome == KILLED for p in people
    ) and not any(f.field == KILLED for f in facts):
        # "Boy dies after being shot" ... "He was flown to a hospital": the lead's first person, who the
        # headline says died
        told = _gender(headline[0][0], lex)
        first = min(people, key=lambda p: min(p.tokens))
        if told is None or first.gender in (None, told):
            first.outcome = KILLED
    facts = [f for f in facts if not _in_tally(doc, f, lex) and not _claimed_toll(doc, f, lex)]
    res.facts = facts
    counted = _decide(res, facts, people)
    res.facts = facts + _person_support(doc, counted, facts)
    if not any(f.value is not None for f in facts) and not res.killed:
        _fatal_incident(res, doc, tokens, lex, people)
    _add_selves(res, selves, people, index, facts)
    return res


def _another_time(doc: SpacyDoc, fact: CountFact, lead_end: int) -> bool:
    """A count after the lead in a sentence dated by a day the lead does not give ("Gunmen also attacked
    a camp earlier this month, killing 22", "In 2020, a guard injured 39 people"): another incident's."""
    span = doc.char_span(fact.start, fact.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    sent = span[0].sent
    own = {e.text.lower() for e in sent.ents if e.label_ == "DATE"}
    if not own:
        return False
    lead = {e.text.lower() for e in doc.ents if e.label_ == "DATE" and e.start < lead_end}
    if own & lead:
        return False
    # and the sentence sets itself apart ("also", "earlier this month", "In 2020"): a follow-up report's
    # later sentence that dates its own incident ("the shooting on Mar. 4, 2014 ... left four injured") stays
    apart = any(t.lower_ in _APART for t in sent)
    return apart or any(re.fullmatch(r"(?:in )?(?:19|20)\d\d", d) for d in own)


def _claimed_toll(doc: SpacyDoc, fact: CountFact, lex: Lexicon) -> bool:
    """A toll the attackers claim ("the group claimed to have killed 57 soldiers") is their boast, not the
    report's count (``claimed_toll_verbs`` of events_counts.yaml; a claim by the police or an official is
    a count as any other)."""
    span = doc.char_span(fact.start, fact.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span[0]
    for a in list(tok.ancestors)[:4]:
        if a.pos_ != "VERB" or a.lemma_.lower() not in lex.claimed_toll_verbs:
            continue
        subj = next((c for c in a.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return False
        low = subj.lemma_.lower()
        if low in lex.official_nouns or low in lex.triggers:
            return False  # "the shooting claimed two lives": the event itself
        words = [t for t in a.sent if t.is_alpha]
        title_cased = sum(t.is_title for t in words) > 0.6 * len(words)  # "Shooting Claims Two Lives"
        named = subj.ent_type_ in ("ORG", "NORP") or (subj.pos_ == "PROPN" and not title_cased)
        return named or low in lex.attacker_nouns or low in lex.perpetrator_nouns
    return False


def _in_tally(doc: SpacyDoc, fact: CountFact, lex: Lexicon) -> bool:
    """A count stated with a span of time is a running tally of many incidents, not this one's: "about ten
    drone strikes since July 28 have killed more than 40 people", "at least 190 killed in the past 35
    years", "a death toll of 26 since Tuesday" (``tally_markers`` of events_counts.yaml)."""
    if fact.value is None:
        return False
    span = doc.char_span(fact.start, fact.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    sent = span[0].sent
    for i, _, key in match_phrases(doc, sent.start, sent.end, lex.tally_markers, 4):
        nxt = doc[i + 1] if i + 1 < sent.end else None
        if key == "since" and (nxt is None or not (nxt.ent_type_ in ("DATE", "TIME") or nxt.pos_ == "NUM")):
            continue  # "since he was shot": a clause; "since July 28", "since Tuesday": a span of time
        return True
    return False


def _listed_in_headline(tok: Token, lex: Lexicon) -> bool:
    """A headline's comma lists people where prose says "and": "Woman, teen son dead" (an apposition
    the parser reads) is two people, while "Joe Doe, a teacher, killed" (closed by a second comma) and a
    name are one."""
    doc = tok.doc
    return (
        tok.dep_ == "appos"
        and lemma(tok) in lex.person_nouns
        and not tok.ent_type_
        and (lemma(tok.head) in lex.person_nouns or tok.head.lower_ in lex.person_nouns)
        and not (tok.i + 1 < len(doc) and doc[tok.i + 1].text == ",")
        and not any(c.dep_ == "det" for c in tok.children)
    )


def _lead_people(doc: SpacyDoc, people: list[_Person], n_lead: int) -> list[_Person]:
    """The people the lead tells of, the named ones, and those first met after the lead as the object of a
    verb coordinated with one that tells again of someone from the lead, by age ("the gunman who killed a
    2-year-old boy and critically injured an adult man", the boy being the lead's 2-year-old), unless the lead
    told of someone so called with that outcome."""
    lead = people[:n_lead]
    retold: set[int] = set()  # the verbs that retell the lead's people
    for q in people[n_lead:]:
        if any(q.age is not None and q.age == p.age and q.outcome == p.outcome for p in lead):
            retold |= {doc[i].head.i for i in q.tokens if doc[i].dep_ == "dobj"}
    kept = []
    for k, p in enumerate(people):
        first = doc[min(p.tokens)] if p.tokens else None
        verb = first.head if first is not None and first.dep_ == "dobj" else None
        retells = verb is not None and (
            (verb.dep_ == "conj" and verb.head.i in retold)
            or any(c.dep_ == "conj" and c.i in retold for c in verb.children)
        )
        if retells and any(x.noun == p.noun and x.outcome == p.outcome for x in lead):
            retells = False  # "... and wounding his father": the lead's father again
        if k < n_lead or p.named or retells:
            kept.append(p)
    return kept


_ATTEMPTS = {"attempt", "attempted", "try"}


def _fatal_incident(
    res: Casualties, doc: SpacyDoc, tokens: set[int], lex: Lexicon, people: list[_Person]
) -> None:
    """No one is told about as dead, no count is stated, but the incident is called deadly ("charged in
    the shooting death of a boy", "the fatal shooting", "a homicide"): one dead, the one person only said
    to have been shot (not one said to be in hospital or recovering)."""
    if any(p.outcome != HIT for p in people) or len(people) > 1:
        return
    for i in sorted(tokens):
        tok = doc[i]
        low = lemma(tok)
        if low not in lex.fatal_incident or tok.pos_ not in ("NOUN", "ADJ", "ADV"):
            continue
        if any(lemma(c) in _ATTEMPTS for c in tok.children) or lemma(tok.head) in _ATTEMPTS:
            continue  # "attempted murder"
        if tok.pos_ != "NOUN" and lemma(tok.head) not in lex.fatal_modified:
            continue  # "fatal" of a shooting, not "a fatal error"
        res.killed = 1
        left = (res.wounded or 0) - len(people)
        res.wounded = left if left > 0 else None
        res.facts.append(_fact(doc, KILLED, (None, False), i, i + 1, tok))  # the words that say so
        return


def _add_selves(
    res: Casualties,
    selves: list[tuple[Token, str]],
    people: list[_Person],
    index: MentionIndex,
    facts: list[CountFact],
) -> None:
    """An attacker who shot others and then himself is one more dead or hurt, unless already counted:
    as a person, or in a count stated elsewhere ("3 people were injured" ... "injured himself and ...")."""
    for tok, outcome in selves[:1]:  # the headline and the report tell of one attacker
        ent = index.entity_of(tok)
        if any(tok.i in p.tokens or (ent is not None and p.key == ent.id) for p in people):
            continue
        fields = (KILLED,) if outcome == KILLED else (WOUNDED, HIT)
        counts = [f for f in facts if f.field in fields and f.value is not None]
        sent = (tok.sent.start_char, tok.sent.end_char)
        if counts and not any(sent[0] <= f.start < sent[1] for f in counts):
            continue
        if outcome == KILLED:
            res.killed = (res.killed or 0) + 1
        else:
            res.wounded = (res.wounded or 0) + 1
            res.killed = res.killed or 0


def _more_people(tok: Token, lex: Lexicon, tokens: set[int]) -> int | None:
    """How many more people the object of a verb of harm adds: "wounded another" (1), "injured three more"
    (3); None for other words."""
    verb = tok.head
    if tok.dep_ != "dobj" or verb.i not in tokens or (
        lemma(verb) not in lex.killed and lemma(verb) not in lex.wounded
    ):
        return None
    if tok.lower_ == "another":
        return 1
    num = _number(tok, lex) if tok.like_num else None
    if num is not None and num[1] and any(c.lower_ in ("more", "others") for c in tok.children):
        return num[0]
    return None


def _more_fact(doc: SpacyDoc, tok: Token, more: int, facts: list[CountFact], lex: Lexicon) -> CountFact:
    """ "shot three people and wounded another": four hurt, the count stated before in the sentence and
    the ones more; with no such count, the ones more alone ("one man was killed ... injured three more")."""
    outcome = _outcome_of_lemmas([lemma(tok.head)], lex) or HIT
    hurt = (HIT, WOUNDED)
    same = [
        f
        for f in facts
        if f.value is not None
        and _sentence_start(doc, f.start) == tok.sent.start
        and (f.field in hurt) == (outcome in hurt)
    ]
    if same:
        last = same[-1]
        total = (last.value or 0) + more
        return _fact(doc, last.field, (total, True), tok.i, tok.i + 1, tok)
    return _fact(doc, outcome, (more, True), tok.i, tok.i + 1, tok)


def _sentence_start(doc: SpacyDoc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0].sent.start if span is not None and len(span) else -1


def _fact(
    doc: SpacyDoc, field_: str, num: tuple[int | None, bool], i: int, j: int, tok: Token, lower: bool = False
) -> CountFact:
    value = num[0] if num[1] else None
    return CountFact(field_, value, doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text), lower, doc[i:j].text)


def _person(
    people: list[_Person], tok: Token, outcome: str, indefinite: bool, index: MentionIndex, lex: Lexicon
) -> None:
    ent = index.entity_of(tok)
    named = ent is not None and ent.type == "person" and tok.lower_ not in _PRONOUNS
    noun = lemma(tok)
    definite = any(c.lower_ in ("the", "this", "that") for c in tok.children if c.dep_ == "det")
    key = f"anon{len(people)}"
    if tok.lower_ in _PRONOUNS and _shot_by_police(tok, lex):
        key = "attacker"  # "a gunman killed a clerk before officers shot him dead": the gunman, not the clerk
    elif tok.lower_ in _PRONOUNS and people and (ent is None or all(p.key != ent.id for p in people)):
        # "a boy was shot ... He died": the last person met who can be called so, whoever coref says
        key = _antecedent(people, tok, lex).key
    elif ent is not None and ent.type == "person":
        key = ent.id
    elif tok.lower_ in _PRONOUNS:
        if people:
            key = people[-1].key
    elif definite and not tok.ent_type_:
        # "the man", "the victim": the last person called so, or by a word of the same class
        cls = {c for c, words in lex.reference_classes.items() if noun in words}
        same = [
            p
            for p in people
            if p.noun == noun or "any" in cls or any(p.noun in lex.reference_classes[c] for c in cls)
        ]
        if same:
            key = same[-1].key
    # "another" of the first victim met tells them apart from someone else ("a teen was charged in the
    # shooting death of another teen"), not from a victim
    new = bool(people) and (
        any(lemma(c) in _NEW_MARKERS for c in tok.children)
        or (indefinite and any(c.lower_ in _OTHER_OF_KIN for c in tok.children if c.dep_ == "amod"))
    )
    key = next((p.key for p in people if tok.i in p.tokens), key)  # the same words met again
    for p in people:
        if p.key == key:
            p.outcome = _worse(p.outcome, outcome)
            p.tokens.add(tok.i)
            return
    people.append(
        _Person(key, outcome, named, new, noun, _age(tok, lex), tokens={tok.i}, gender=_gender(tok, lex))
    )


def _named_person(tok: Token, index: MentionIndex) -> bool:
    """The name of a person of the report, whatever spaCy's entity label says."""
    ent = index.entity_of(tok)
    return ent is not None and ent.type == "person"


def _shot_by_police(tok: Token, lex: Lexicon) -> bool:
    """ "officers shot him", "he was killed by police": a pronoun for the attacker, not for a victim."""
    verb = tok.head
    if tok.dep_ == "dobj":
        agents = [c for c in verb.children if c.dep_ == "nsubj"]
    elif tok.dep_ == "nsubjpass":
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    else:
        return False
    return any(lemma(a) in lex.force_nouns for a in agents)


def _gender(tok: Token, lex: Lexicon) -> str | None:
    words = {tok.lower_, lemma(tok)} | {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
    return next((g for g, ws in lex.gendered.items() if words & ws), None)


def _antecedent(people: list[_Person], tok: Token, lex: Lexicon) -> _Person:
    """The person a pronoun refers back to: the last mentioned before it whose gender fits (he/she)."""
    gender = _gender(tok, lex)
    before = sorted(people, key=lambda p: max((i for i in p.tokens if i < tok.i), default=-1))
    fits = [p for p in before if gender is None or p.gender in (None, gender)]
    return (fits or before)[-1]


def _worse(a: str, b: str) -> str:
    rank = {HIT: 0, WOUNDED: 1, KILLED: 2}
    return a if rank[a] >= rank[b] else b


def _age(tok: Token, lex: Lexicon) -> str | None:
    """The age the words give ("a 9-year-old boy", "a nine-year-old"), in digits."""
    for t in tok.subtree:
        if (
            t.like_num
            and t.i < tok.i
            and any(x.lower_ in ("year", "year-old", "years") for x in t.doc[t.i : tok.i + 1])
        ):
            value = lex.number_words.get(t.lower_)
            return str(value) if value is not None else t.text
    return None


_KIN = {
    "victim",
    "person",
    "individual",
    "juvenile",
    "teen",
    "teenager",
    "youth",
    "child",
    "kid",
    "toddler",
    "infant",
    "baby",
    "student",
    "resident",
    "minor",
    "boy",
    "girl",
    "man",
    "woman",
    "male",
    "female",
    "old",
    "year-old",
}


def _same_person(a: _Person, b: _Person) -> bool:
    """Could two mentions be one person: the same age, a name and a description, or words that can
    describe one person ("the teen", "the boy")."""
    if a.age and b.age:
        return a.age == b.age
    if a.named != b.named or a.noun == b.noun:
        return True
    if a.gender and b.gender and a.gender != b.gender:
        return False  # "a man ... a woman", "the boy ... his sister"
    if a.noun in _ANYONE or b.noun in _ANYONE:
        return True  # "one person is dead ... one of the victims, a 20-year-old, died"
    # words that can describe anyone, or a man or a woman ("the boy ... his nephew")
    return (a.noun in _KIN or a.gender is not None) and (b.noun in _KIN or b.gender is not None)


def _person_support(doc: SpacyDoc, counted: list[_Person], facts: list[CountFact]) -> list[CountFact]:
    """The words of each person a count was made of, for the fields no stated number gives."""
    stated = {f.field for f in facts if f.value is not None}
    out = []
    for p in counted:
        field_ = KILLED if p.outcome == KILLED else WOUNDED
        if field_ in stated or (field_ == WOUNDED and HIT in stated):
            continue
        tok = doc[min(p.tokens)]
        out.append(_fact(doc, field_, (None, False), tok.left_edge.i, tok.i + 1, tok))
    return out


def _decide(res: Casualties, facts: list[CountFact], people: list[_Person]) -> list[_Person]:
    """Set the killed and wounded of ``res``; returns the people counted one by one."""
    # People described without a name are often the named ones ("a 40-year-old man was killed ... police
    # identified him as John Smith"): per outcome, the larger of the named and the unnamed counts, unless
    # the unnamed are marked as others ("another man", "a second victim"). Someone only said to have been
    # shot may be one of the dead told about again ("a girl was shot and killed ... Abigail was shot").
    dead = [p for p in people if p.outcome == KILLED]
    people = [p for p in people if p.outcome != HIT or p.new or not _absorbed(p, dead)]
    hurt = [p for p in people if p.outcome == WOUNDED]
    people = [p for p in people if p.outcome != HIT or p.new or not _absorbed(p, hurt, WOUNDED)]
    # "a man was shot and critically hurt ... the victim died": the one hurt is the one who died
    people = [p for p in people if p.outcome != WOUNDED or p.new or p.named or not _died_later(p, dead)]
    people = _one_each(people)
    ind = {KILLED: 0, WOUNDED: 0}
    for outcome in (KILLED, WOUNDED):
        group = [p for p in people if (p.outcome == KILLED) == (outcome == KILLED)]
        named = sum(p.named for p in group)
        unnamed = sum(not p.named for p in group)
        marked = any(p.new for p in group if not p.named)
        ind[outcome] = named + unnamed if marked else max(named, unnamed)
    persons = people
    by_field: dict[str, list[CountFact]] = {KILLED: [], WOUNDED: [], HIT: []}
    for f in facts:
        by_field[f.field].append(f)
    killed = _pick(res, KILLED, by_field[KILLED])
    wounded = _pick(res, WOUNDED, by_field[WOUNDED])
    hit = _pick(res, HIT, by_field[HIT])
    if killed is None:
        killed = ind[KILLED] if (persons or hit is not None or wounded is not None) else None
    if wounded is None:
        if hit is not None:
            # "Five other people were shot": besides the dead
            besides = any(_OTHERS.search(f.text) for f in by_field[HIT] if f.value == hit)
            wounded = hit if besides else max(0, hit - (killed or 0))
        elif ind[WOUNDED]:
            wounded = ind[WOUNDED]  # (a count the text does not give stays unknown, never 0)
    elif hit is not None and killed is not None and wounded + killed < hit:
        # a number shot beats smaller wounded counts ("four shot, two critically"); the first stated,
        # as later numbers shot may tell of other shootings ("seven people shot this week")
        first = min((f for f in by_field[HIT] if f.value is not None), key=lambda f: f.start)
        besides = bool(_OTHERS.search(first.text))
        if first.value is not None and wounded + (0 if besides else killed) < first.value:
            wounded = first.value - (0 if besides else killed)
    if killed is None and wounded is not None:
        killed = 0
    res.killed, res.wounded = killed, wounded
    return persons


def _one_each(people: list[_Person]) -> list[_Person]:
    """People told about twice, differently ("a 7-year-old child" ... "the 7-year-old boy", a full name
    and a surname the entity step kept apart) counted once: the same age, surname or kin word."""
    kept: list[_Person] = []
    for p in people:
        twin = next(
            (
                k
                for k in kept
                if k.outcome == p.outcome
                and not p.new
                and (
                    (p.age is not None and p.age == k.age)
                    or (p.named and k.named and p.noun == k.noun)
                    or (
                        p.outcome == KILLED
                        and not p.named
                        and not k.named
                        and p.age is None
                        and k.age is None
                        and p.noun == k.noun
                        and p.noun in _KIN
                    )
                )
            ),
            None,
        )
        if twin is None and not p.named and not p.new:
            # "a boy was shot ... the 9-year-old boy ... a child wounded": one person told of again,
            # unless marked as another or of another age, sex or kind
            alike = [k for k in kept if (k.outcome == KILLED) == (p.outcome == KILLED) and not k.named]
            twin = next((k for k in alike if _same_unnamed(k, p)), None)
            if twin is not None:
                twin.outcome = _worse(twin.outcome, p.outcome)
                twin.age = twin.age or p.age
        if twin is None:
            kept.append(p)
    return kept


def _same_unnamed(a: _Person, b: _Person) -> bool:
    if a.age and b.age and a.age != b.age:
        return False
    return _same_person(a, b)


_ANYONE = {"victim", "person", "individual", "one"}


def _died_later(hurt: _Person, dead: list[_Person]) -> bool:
    """An unnamed person told about as hurt who can be one of the dead (who died of the wounds later): the
    same word, a word for anyone, or an age alone ("a 9-year-old is dead ... the boy was shot")."""
    for k in dead:
        if (
            not k.died_later
            and (hurt.noun == k.noun or hurt.noun in _ANYONE or "old" in (hurt.noun, k.noun))
            and (hurt.age is None or hurt.age == k.age)
            and (hurt.gender is None or k.gender is None or hurt.gender == k.gender)
        ):
            k.died_later = True
            return True
    return False


def _absorbed(mention: _Person, told: list[_Person], outcome: str = KILLED) -> bool:
    """The "was shot" mention is one of the dead (or of the wounded) told about again (each stands for
    one mention; a wounded person only for one of the same age)."""
    for k in told:
        if (
            k is not mention
            and k.outcome == outcome
            and not k.absorbs
            and (outcome == KILLED or (k.age is not None and k.age == mention.age) or k.noun == mention.noun)
            and _same_person(mention, k)
        ):
            k.absorbs = True
            return True
    return False


def _pick(res: Casualties, field_: str, facts: list[CountFact]) -> int | None:
    exact = [f for f in facts if f.value is not None]
    if not exact:
        return None
    values = sorted({f.value for f in exact if f.value is not None})
    chosen = max(values)
    if len(values) > 1:
        res.conflicts.append(
            {
                "field": field_ if field_ != HIT else "hit",
                "values": values,
                "chosen": chosen,
                "spans": [[f.start, f.end] for f in exact],
            }
        )
    return chosen


def count_in_span(doc: SpacyDoc, start: int, end: int, lex: Lexicon) -> list[tuple[int, int, str]]:
    """Casualty words in tokens [start, end): (i, j, killed|wounded) for every match (for evidence)."""
    out = []
    for i, j, key in match_phrases(doc, start, end, lex.killed | lex.wounded, 3):
        out.append((i, j, KILLED if key in lex.killed else WOUNDED))
    return out
