"""A month or weekday that spaCy reads as a date is never taken for a town after "in"."""

from __future__ import annotations

from attribution_support import read as read_text


def test_in_march_is_a_date_not_the_english_town() -> None:
    reading = read_text(
        "Gunmen killed a guard outside the depot in Brenholt on Friday, police said.\n\n"
        "The depot was opened in March after a series of thefts. In May, a driver was wounded there.")
    locations = [e.name for e in reading.entities if e.type == "location"]
    assert "March" not in locations and "May" not in locations
    assert reading.events and (reading.events[0].location is None
                               or reading.events[0].location.name != "March")
