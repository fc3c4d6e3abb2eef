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


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a prison near the town of Kollo on Monday, killing a guard, officials said. The "
        "attackers fled on motorcycles.\n\nThe prison holds suspected militants. Gunmen also attacked a "
        "border post earlier this month in the west of the country, killing 17 soldiers.",
        "A man with a knife stabbed a pupil at a school in the city of Tarnow on Tuesday, police said. "
        "The pupil was taken to hospital.\n\nThe man was arrested at the scene. In 2019, a pupil at "
        "another school injured 23 people with a knife.",
    ],
)
def test_a_later_count_dated_otherwise_is_another_incidents(text: str) -> None:
    doc = pipeline().read_doc(text_document(text, "2026-03-13"))
    ev = main_event(doc)
    assert ev is not None, summary(doc)
    assert ev.killed not in (17, 23) and ev.wounded not in (17, 23), summary(doc)
