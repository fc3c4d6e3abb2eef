"""The day of the main incident may be said only of an anaphor of it ("the Friday attack"), while another,
earlier incident the report tells of has a date of its own. A report we wrote in the image of wire copy."""

from __future__ import annotations

from events_support import main_event, pipeline, summary, text_document


def test_a_day_said_of_the_incidents_anaphor_dates_it() -> None:
    text = (
        "Twelve soldiers have been killed in an attack by gunmen on an army post in the north of the "
        "country.\n\nThe regional governor blamed militants for the Friday attack.\n\nThe army said the "
        "attack was carried out at dawn. In January, gunmen killed four soldiers in a raid on another post."
    )
    doc = pipeline().read_doc(text_document(text, "2026-03-14"))  # a Saturday
    ev = main_event(doc)
    assert ev is not None and ev.date is not None, summary(doc)
    assert ev.date.value == "2026-03-13"
