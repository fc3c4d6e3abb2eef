"""Accidental and self-inflicted shootings: every pattern's example sentence matches it, and the flags of
the events of our fixture reports follow their words (true, false when denied, null when silent)."""

from __future__ import annotations

from functools import cache

import attribution_support
from reading_support import fixture_document

from wireledger.model import Event, load_taxonomy
from wireledger.nlp.base import load_data
from wireledger.nlp.circumstances import CircumstanceCues, Cue, set_flags


@cache
def cues() -> CircumstanceCues:
    return CircumstanceCues(attribution_support.pipeline().nlp)


def _found(text: str) -> list[Cue]:
    return cues().find(attribution_support.pipeline().nlp(text))


def test_every_pattern_matches_its_example() -> None:
    data = load_data("circumstances.yaml")
    for flag in ("accidental", "self_inflicted"):
        for rule in data[flag]:
            found = {(c.flag, c.value) for c in _found(rule["example"])}
            assert (flag, True) in found, (flag, rule["example"], found)


def test_denied_open_and_unrelated_words() -> None:
    assert {(c.flag, c.value) for c in _found("Police said the shooting was not accidental.")} == {
        ("accidental", False)}
    assert _found("Police are investigating whether the shooting was accidental.") == []
    assert _found("A bomb went off near the market, killing four people.") == []
    assert _found("The driver was hurt in a car accident on the highway.") == []
    assert _found("A gunman shot two men outside a bar on Friday.") == []


def test_flags_follow_the_cues_among_an_events_own_words() -> None:
    attacks = load_taxonomy().attack_types
    shooting = Event(id="ev1", type="armed_assault", evidence=[(0, 50)])
    arrest = Event(id="ev2", type="arrest", evidence=[(0, 50)])
    elsewhere = Event(id="ev3", type="armed_assault", evidence=[(60, 90)], background=True)
    found = [Cue("accidental", False, 5, 15), Cue("accidental", True, 20, 30),
             Cue("self_inflicted", False, 40, 45)]
    set_flags([shooting, arrest, elsewhere], found, attacks)
    assert shooting.accidental is True and shooting.self_inflicted is False
    assert [s.field for s in shooting.support] == ["accidental", "self_inflicted"]
    assert arrest.accidental is None and elsewhere.accidental is None and elsewhere.self_inflicted is None


def test_the_main_attack_takes_the_cues_outside_every_attack_events_words() -> None:
    attacks = load_taxonomy().attack_types
    earlier = Event(id="ev1", type="bombing", evidence=[(0, 20)], background=True)
    main = Event(id="ev2", type="armed_assault", evidence=[(30, 60)])
    ruling = Event(id="ev3", type="investigation", evidence=[(70, 120)])  # "ruled the death accidental"
    later = Event(id="ev4", type="armed_assault", evidence=[(130, 160)])
    set_flags([earlier, main, ruling, later], [Cue("accidental", True, 90, 100),
                                               Cue("self_inflicted", True, 5, 10)], attacks)
    assert main.accidental is True and later.accidental is None and earlier.accidental is None
    assert earlier.self_inflicted is True and main.self_inflicted is None


def _main(name: str) -> Event:
    reading = attribution_support.pipeline().read(fixture_document(name))
    assert any(s.startswith("wireledger.circumstances@") for s in reading.steps)
    main = reading.main_event
    assert main is not None and main.type in load_taxonomy().attack_types
    return main


def test_an_accidental_hunting_shooting_is_flagged_and_stays_an_attack() -> None:
    main = _main("accidental_hunting_shooting.txt")
    assert main.accidental is True and main.self_inflicted is None
    assert main.to_dict()["accidental"] is True
    assert any(s.field == "accidental" and s.extractor.startswith("wireledger.circumstances@")
               for s in main.support)


def test_a_self_inflicted_wound_and_a_denied_accident() -> None:
    main = _main("self_inflicted_after_standoff.txt")
    assert main.self_inflicted is True and main.accidental is not True


def test_an_ordinary_shooting_says_neither() -> None:
    main = _main("entities_springfield_shooting.txt")
    assert main.accidental is None and main.self_inflicted is None
