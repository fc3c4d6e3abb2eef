"""Weapons of an event: the taxonomy's weapon triggers found in the event's words, with their category.

A weapon named as a noun keeps its noun phrase ("a car bomb", "an AK-47 rifle"); an attack verb that
implies one ("was shot", "stabbed") gives the category with the verb as its text when no noun names a
weapon of that category. A weapon noun that only says where something happened ("a shooting at a club",
"outside the gun shop") is not a weapon.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Weapon
from .events_lexicon import Lexicon
from .events_syntax import MentionIndex, lemma, match_phrases, noun_phrase, runs

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

_LOCATIVE = {
    "at",
    "in",
    "outside",
    "inside",
    "near",
    "into",
    "from",
    "behind",
    "across",
    "to",
    "toward",
    "towards",
    "by",
    "on",
}
# Words that name the happening or the attacker rather than the weapon: a category when nothing else does.
_EVENT_WORDS = {
    "blast",
    "explosion",
    "bombing",
    "car bombing",
    "shooting",
    "gunfire",
    "stabbing",
    "fire",
    "gunman",
    "gunmen",
    "shot",
    "shoot",
    "gunshot",
    "sniper",
}
_FIRING = {"open", "fire", "return"}  # "opened fire", "returned fire": guns, not flames
_VERBAL_OK = {
    "shoot",
    "shot",
    "shooting",
    "gunfire",
    "gunshot",
    "stab",
    "stabbing",
    "gunman",
    "gunmen",
    "sniper",
    "ramming",
    "rammed",
    "ran over",
    "mowed down",
    "poison",
    "firebomb",
    "blast",
}


def find_weapons(
    doc: SpacyDoc, tokens: set[int], lex: Lexicon, index: MentionIndex | None = None, upper_text: bool = False
) -> list[Weapon]:
    """Weapons in the words ``tokens``; words inside a name (an entity mention, an acronym such as the
    outlet "SHOT" in mixed-case text) are never weapons."""
    nominal: list[Weapon] = []
    verbal: list[Weapon] = []
    seen: set[tuple[str, str]] = set()
    for s, e in runs(sorted(tokens)):
        for i, j, key in match_phrases(doc, s, e, lex.weapons, max_len=3):
            head = doc[j - 1]
            cat = lex.weapons[key]
            if head.pos_ == "PROPN" and head.ent_type_ in ("ORG", "GPE", "PERSON", "FAC"):
                continue
            if not upper_text and any(doc[k].text.isupper() and len(doc[k].text) > 1 for k in range(i, j)):
                continue
            if index is not None:
                ent = index.entity_at(doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text))
                if ent is not None and ent.type in ("person", "organization", "media", "location"):
                    continue
            if key == "fire" and (
                head.pos_ == "VERB" or any(lemma(doc[k]) in _FIRING for k in range(max(0, i - 2), i))
            ):
                cat, key = "firearms", "fire"
                if head.pos_ == "VERB" and not any(
                    c.dep_ == "dobj" and lemma(c) in ("shot", "round", "bullet") for c in head.children
                ):
                    continue
            if (
                head.dep_ == "pobj"
                and lemma(head.head) in _LOCATIVE
                and key not in _VERBAL_OK
                and head.head.head.i not in tokens | {head.i}
            ):
                continue
            if (
                head.dep_ == "pobj"
                and lemma(head.head) in _LOCATIVE
                and lemma(head.head) != "with"
                and key not in _VERBAL_OK
                and head.head.dep_ == "prep"
                and head.head.head.pos_ in ("NOUN", "PROPN")
            ):
                continue  # "a shooting at a club"
            if (
                head.pos_ in ("VERB", "AUX")
                or key in _EVENT_WORDS
                or (key in _VERBAL_OK and head.pos_ != "NOUN")
            ):
                text = doc[i:j].text
                start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
                if (cat, "v") not in seen:
                    seen.add((cat, "v"))
                    verbal.append(Weapon(category=cat, text=text, start=start, end=end))
                continue
            ns, ne = noun_phrase(head)
            ns = min(ns, i)
            while ns < i and (doc[ns].pos_ in ("DET", "NUM", "ADJ") and doc[ns].dep_ not in ("compound",)):
                ns += 1
            text = doc[ns:ne].text
            k = (cat, text.lower())
            if k in seen:
                continue
            seen.add(k)
            nominal.append(
                Weapon(
                    category=cat, text=text, start=doc[ns].idx, end=doc[ne - 1].idx + len(doc[ne - 1].text)
                )
            )
    cats = {w.category for w in nominal}
    return nominal + [w for w in verbal if w.category not in cats]
