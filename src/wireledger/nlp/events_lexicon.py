"""The word lists of the events steps, loaded once from ``nlp/data/events_*.yaml`` and the taxonomy.

Every list the event steps use is data: trigger defaults, agent nouns, anaphors, casualty words, status
cues, negation and hedge cues. ``load_lexicon()`` merges them with the taxonomy's triggers into lookup
tables keyed by lemma phrases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..model import Taxonomy, load_taxonomy
from .base import load_data
from .reporting_verbs import load_reporting_verbs

_PRONOUN_WORDS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})

def _read(name: str) -> dict[str, Any]:
    data = load_data(name)
    return data if isinstance(data, dict) else {}


def _phrases(items: Any) -> frozenset[str]:
    return frozenset(str(x).lower() for x in items or [])


@dataclass(frozen=True)
class Lexicon:
    taxonomy: Taxonomy
    triggers: dict[str, str]  # lemma phrase -> event type slug ("attack" = generic attack)
    attacker_nouns: dict[str, str | None]
    perpetrator_nouns: frozenset[str]
    needs_person_object: frozenset[str]
    anaphors: frozenset[str]
    generic_modifiers: frozenset[str]
    blocked: frozenset[str]
    follow_up_types: frozenset[str]
    verb_only: frozenset[str]
    number_words: dict[str, int | None]
    lower_bound: frozenset[str]
    killed: frozenset[str]
    wounded: frozenset[str]
    leave_verbs: frozenset[str]
    incidental_triggers: dict[str, str]
    hospital_verbs: frozenset[str]
    hospitals: frozenset[str]
    not_outcome: frozenset[str]
    observing_verbs: frozenset[str]
    multiples: dict[str, int]
    multiple_nouns: dict[str, str]
    force_nouns: frozenset[str]
    fatal_incident: frozenset[str]
    fatal_modified: frozenset[str]
    gendered: dict[str, frozenset[str]]
    reference_classes: dict[str, frozenset[str]]
    person_nouns: frozenset[str]
    not_people: frozenset[str]
    status: dict[str, frozenset[str]]
    survived: frozenset[str]
    unknown_perpetrator: frozenset[str]
    negators: frozenset[str]
    denial: frozenset[str]
    hedges: frozenset[str]
    reporting: frozenset[str]
    accusing: frozenset[str]
    distinct_modifiers: frozenset[str]
    earlier_object_verbs: frozenset[str]
    earlier_adverbs: frozenset[str]
    came_verbs: frozenset[str]
    came_marks: frozenset[str]
    days_before_main: int
    main_weights: dict[str, float]
    agency_words: frozenset[str]
    not_towns: frozenset[str]
    weapons: dict[str, str]  # lemma phrase -> weapon category
    target_cues: dict[str, str]  # cue phrase -> target type
    not_town_last: frozenset[str] = frozenset()  # last words that make a force's name no town
    casualty_nouns: frozenset[str] = frozenset()  # "no casualties": neither dead nor hurt
    unhurt: frozenset[str] = frozenset()  # "escaped unhurt", "in good health": a victim alive and unhurt
    freed: frozenset[str] = frozenset()  # "was freed", "have been released": a captive alive
    tally_markers: frozenset[str] = frozenset()  # "since July", "in the past 35 years": a running tally
    claimed_toll_verbs: frozenset[str] = frozenset()  # "the group claimed to have killed 57"
    official_nouns: frozenset[str] = frozenset()  # "police claimed ...": an official's count stands
    things: frozenset[str] = frozenset()  # nouns of things that neither act nor are attacked ("belts")
    vehicles: frozenset[str] = frozenset()  # a vehicle may be a target, never the perpetrator

    # derived lookup tables, built once from the lists above
    trigger_table: dict[str, str] = field(init=False, repr=False)  # triggers and attacker nouns
    trigger_last_words: frozenset[str] = field(init=False, repr=False)  # last word of every trigger
    status_table: dict[str, str] = field(init=False, repr=False)  # perpetrator-status cue -> status

    @property
    def max_trigger_len(self) -> int:
        return 4

    def __post_init__(self) -> None:
        table = {**self.triggers, **{k: (v or "attack") for k, v in self.attacker_nouns.items()}}
        object.__setattr__(self, "trigger_table", table)  # frozen dataclass: set once, here
        object.__setattr__(self, "trigger_last_words", frozenset(k.split()[-1] for k in table))
        status = {k: st for st, cues in self.status.items() for k in cues}
        object.__setattr__(self, "status_table", status)


@cache
def load_lexicon() -> Lexicon:
    tax = load_taxonomy()
    trig = _read("events_triggers.yaml")
    counts = _read("events_counts.yaml")
    status = _read("events_status.yaml")
    neg = _read("events_negation.yaml")
    bg = _read("events_background.yaml")
    places = _read("events_places.yaml")
    defaults = {str(k).lower(): str(v) for k, v in (trig.get("default_type") or {}).items()}
    triggers: dict[str, str] = {}
    for slug, et in tax.event_types.items():
        for t in et.triggers:
            if t in defaults:
                triggers[t] = defaults[t]
            else:
                triggers.setdefault(t, slug)
    for t, slug in (trig.get("extra_triggers") or {}).items():
        triggers[str(t).lower()] = str(slug)
    for t, slug in defaults.items():
        triggers.setdefault(t, slug)
    known = set(tax.event_types) | {"attack"}
    unknown = sorted({v for v in triggers.values() if v not in known})
    if unknown:
        raise ValueError(f"events_triggers.yaml names event types the taxonomy lacks: {unknown}")
    return Lexicon(
        taxonomy=tax,
        triggers=triggers,
        attacker_nouns={
            str(k).lower(): (str(v) if v else None) for k, v in (trig.get("attacker_nouns") or {}).items()
        },
        perpetrator_nouns=_phrases(trig.get("perpetrator_nouns")),
        needs_person_object=_phrases(trig.get("needs_person_object")),
        anaphors=_phrases(trig.get("anaphors")),
        generic_modifiers=_phrases(trig.get("generic_modifiers")),
        blocked=_phrases(trig.get("blocked")),
        follow_up_types=_phrases(trig.get("follow_up_types")),
        verb_only=_phrases(trig.get("verb_only")),
        number_words={
            str(k).lower(): (int(v) if v is not None else None)
            for k, v in (counts.get("number_words") or {}).items()
        },
        lower_bound=_phrases(counts.get("lower_bound")),
        killed=_phrases(counts.get("killed")),
        wounded=_phrases(counts.get("wounded")),
        leave_verbs=_phrases(counts.get("leave_verbs")),
        incidental_triggers={
            str(k).lower(): str(v) for k, v in (trig.get("incidental_triggers") or {}).items()
        },
        hospital_verbs=_phrases(counts.get("hospital_verbs")),
        hospitals=_phrases(counts.get("hospitals")),
        not_outcome=_phrases(counts.get("not_outcome")),
        observing_verbs=_phrases(counts.get("observing_verbs")),
        multiples={str(k): int(v) for k, v in (counts.get("multiples") or {}).items()},
        multiple_nouns={str(k): str(v) for k, v in (counts.get("multiple_nouns") or {}).items()},
        force_nouns=_phrases(counts.get("force_nouns")),
        fatal_incident=_phrases(counts.get("fatal_incident")),
        fatal_modified=_phrases(counts.get("fatal_modified")),
        gendered={str(k): _phrases(v) for k, v in (counts.get("gendered") or {}).items()},
        reference_classes={str(k): _phrases(v) for k, v in (counts.get("reference_classes") or {}).items()},
        # every word for a man or a woman names a person too ("his uncle", "her boyfriend")
        person_nouns=_phrases(counts.get("person_nouns")).union(
            *(_phrases(v) for v in (counts.get("gendered") or {}).values())
        ) - _PRONOUN_WORDS,
        not_people=_phrases(counts.get("not_people")),
        status={str(k): _phrases(v) for k, v in (status.get("perpetrator_status") or {}).items()},
        survived=_phrases(status.get("survived")),
        unknown_perpetrator=_phrases(status.get("unknown_perpetrator")),
        negators=_phrases(neg.get("negators")),
        denial=_phrases(neg.get("denial")),
        hedges=_phrases(neg.get("hedges")),
        reporting=load_reporting_verbs().clause_verbs,
        accusing=_phrases(neg.get("accusing")),
        distinct_modifiers=_phrases(bg.get("distinct_modifiers")),
        earlier_object_verbs=_phrases(bg.get("earlier_object_verbs")),
        earlier_adverbs=_phrases(bg.get("earlier_adverbs")),
        came_verbs=_phrases(bg.get("came_verbs")),
        came_marks=_phrases(bg.get("came_marks")),
        days_before_main=int(bg.get("days_before_main", 7)),
        main_weights={str(k): float(v) for k, v in (bg.get("main_weights") or {}).items()},
        agency_words=_phrases(places.get("agency_words")),
        not_towns=_phrases(places.get("not_towns")),
        not_town_last=_phrases(places.get("not_town_last")),
        casualty_nouns=_phrases(counts.get("casualty_nouns")),
        unhurt=_phrases(counts.get("unhurt")),
        freed=_phrases(counts.get("freed")),
        tally_markers=_phrases(counts.get("tally_markers")),
        claimed_toll_verbs=_phrases(counts.get("claimed_toll_verbs")),
        official_nouns=_phrases(counts.get("official_nouns")),
        things=_phrases(trig.get("things")),
        vehicles=_phrases(trig.get("vehicles")),
        weapons=tax.weapon_triggers(),
        target_cues=tax.target_cues(),
    )
