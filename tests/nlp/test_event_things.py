"""Participants are people and groups that can act or be attacked: never the weapons, strikes, numbers
or words of time a wire report puts where a subject or object would be. Reports we wrote."""

from __future__ import annotations

import pytest
from events_support import main_event, pipeline, summary, text_document


def participant_names(text: str) -> list[str]:
    doc = pipeline().read_doc(text_document(text, "2026-03-13"))
    ev = main_event(doc)
    assert ev is not None, summary(doc)
    return [p.name.lower() for p in ev.participants]


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("A drone strike killed a militant commander and two of his guards in a car near the town of "
         "Azzan on Thursday, officials said.", "drone strike"),
        ("Two bombers wearing explosive belts blew themselves up at a checkpoint in the city of Kirkuk on "
         "Monday, killing five soldiers, police said.", "explosive belts"),
        ("A car bomb exploded outside a police station in the town of Tal Afar on Sunday, killing three "
         "officers, officials said.", "car"),
    ],
)
def test_things_are_no_participants(text: str, thing: str) -> None:
    names = participant_names(text)
    assert all(not n.endswith(thing.split()[-1]) for n in names), names
