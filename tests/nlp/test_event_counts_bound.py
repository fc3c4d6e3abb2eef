"""Counts bound to their incident: a running tally of many incidents ("since July", "in the past ten
years") is not the main incident's count. Reports we wrote in the image of wire copy."""

from __future__ import annotations

import pytest
from events_support import main_event, pipeline, summary, text_document


def killed_of(text: str) -> int | None:
    doc = pipeline().read_doc(text_document(text, "2026-03-13"))
    ev = main_event(doc)
    assert ev is not None, summary(doc)
    return ev.killed


@pytest.mark.parametrize(
    "text",
    [
        "A drone strike killed two militants in a car near the town of Azzan on Thursday, officials said. "
        "About a dozen strikes since June 3 have killed more than 50 people in the region.",
        "Gunmen shot dead a radio presenter outside his home in the city of Dumaguete on Monday, police "
        "said. At least 120 journalists have been killed in the country in the past 20 years.",
    ],
)
def test_a_running_tally_is_not_the_incidents_count(text: str) -> None:
    assert killed_of(text) in (1, 2)
