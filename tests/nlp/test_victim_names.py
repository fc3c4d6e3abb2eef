"""The main incident's victims by name (nlp/events_victims.py), on sentences we wrote."""

from __future__ import annotations

import pytest
from events_support import main_event, names, read_text, summary

PUB = "2025-06-16"


def victims(text: str) -> list[str]:
    doc = read_text(text, PUB)
    ev = main_event(doc)
    assert ev is not None, summary(doc)
    return names(ev, ("victim", "target"))


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Police identified the victim as Marcus Hale.", "marcus hale"),
        ("The woman was identified by the county coroner as Nadia Ferris, 41.", "nadia ferris"),
        ("The victim, Owen Barclay, was pronounced dead at the scene.", "owen barclay"),
        ("Owen Barclay died at the scene.", "owen barclay"),
        ("Priya Landau suffered a gunshot wound to the arm.", "priya landau"),
        ("Luis Ortega was airlifted to Harbor Medical Center.", "luis ortega"),
        ("A vigil for Dana Reyes is planned for Friday.", "dana reyes"),
        ("The dead man is Samuel Okafor.", "samuel okafor"),
    ],
)
def test_a_name_the_report_makes_a_victim_joins_the_main_incident(sentence: str, name: str) -> None:
    text = "A man was shot and killed on Larch Road in Dunmoor on Saturday night, police said. " + sentence
    assert name in victims(text)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The coroner identified the men killed as Omar Velez, 22, and Daniel Ahn, 24.",
         {"omar velez", "daniel ahn"}),
        ("The victims were identified as Barbara Lisle, 80; Cathy Lisle, 60; and Michael Lisle, 59.",
         {"barbara lisle", "cathy lisle", "michael lisle"}),
    ],
)
def test_every_name_of_an_identification_list_is_a_victim(sentence: str, expected: set[str]) -> None:
    found = victims("Three people were shot dead in a house in Dunmoor on Saturday. " + sentence)
    assert expected <= set(found), found


def test_a_speaker_after_the_list_is_not_in_it() -> None:
    found = victims("A man was shot dead in Dunmoor on Saturday. The victim was identified as Omar Velez, "
                    "Sgt. Lena Brooks said.")
    assert "omar velez" in found and "lena brooks" not in found, found


def test_a_description_beside_a_name_makes_it_the_described_victim() -> None:
    text = ("Two men were shot on Elm Street in Dunmoor late Saturday, police said. A second man, Tyrone "
            "Bexley, 31, was taken to a hospital with a gunshot wound to the leg.")
    assert "tyrone bexley" in victims(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Police identified the suspect as Darnell Pruitt, 19.",
        "The suspect, Darnell Pruitt, was arrested on Monday.",
        "Darnell Pruitt was taken into custody.",
        "Darnell Pruitt was not injured.",
        "Detective Darnell Pruitt said the investigation continues.",
    ],
)
def test_suspects_officials_and_the_unhurt_are_not_victims(sentence: str) -> None:
    text = "A man was shot and killed on Larch Road in Dunmoor on Saturday night, police said. " + sentence
    assert "darnell pruitt" not in victims(text)


def test_a_victim_of_a_background_attack_is_not_the_main_incidents() -> None:
    text = ("A woman was shot and wounded on Larch Road in Dunmoor on Saturday night, police said. "
            "In 2019, Harriet Vance was shot dead on the same road.")
    assert "harriet vance" not in victims(text)


def test_named_victims_carry_the_span_of_their_name() -> None:
    text = (
        "A man was shot and killed on Larch Road in Dunmoor on Saturday. "
        "Police identified him as Eli Marsh."
    )
    doc = read_text(text.replace("identified him", "identified the victim"), PUB)
    ev = main_event(doc)
    assert ev is not None
    named = [p for p in ev.participants if p.name == "Eli Marsh"]
    assert named and named[0].start is not None and named[0].end is not None
    assert doc.text[named[0].start : named[0].end] == "Eli Marsh"
    assert any(s.field == "participants.victim" and s.extractor.startswith("wireledger.victims@")
               for s in ev.support)
