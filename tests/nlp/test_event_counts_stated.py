"""A count the text does not give is unknown (None), never 0; it is 0 only when the text says nobody was
killed or hurt, or accounts for every victim as alive. Short wire reports we wrote in the image of the
international reports the reader failed on."""

from __future__ import annotations

import pytest
from events_support import main_event, pipeline, summary, text_document

PUB = "2026-03-13"  # a Friday


def counts(body: str, title: str | None = None) -> tuple[int | None, int | None]:
    text = f"{title}\n\n{body}" if title else body
    doc = pipeline().read_doc(text_document(text, PUB, title))
    ev = main_event(doc)
    assert ev is not None, summary(doc)
    return ev.killed, ev.wounded


@pytest.mark.parametrize(
    ("body", "killed", "wounded"),
    [
        # silent on injuries: the wounded are unknown, not 0
        (
            "Gunmen shot dead a police officer outside his home in the town of Korvala on Tuesday, "
            "officials said.",
            1,
            None,
        ),
        # a kidnapping says nothing of deaths or wounds
        (
            "Armed men kidnapped two engineers from a road construction camp in the north of the "
            "country on Wednesday, local officials said.",
            None,
            None,
        ),
    ],
)
def test_a_count_the_text_does_not_give_is_unknown(
    body: str, killed: int | None, wounded: int | None
) -> None:
    assert counts(body) == (killed, wounded)


@pytest.mark.parametrize(
    ("body", "killed", "wounded"),
    [
        # "no casualties": neither dead nor hurt
        (
            "Militants set fire to a village health post in the district of Marwan on Monday night, "
            "officials said. There were no casualties in the attack, a police officer said.",
            0,
            0,
        ),
        # a bomber who blew himself up and nobody else hurt
        (
            "A suicide bomber blew himself up outside a seaside hotel in Port Anselm on Thursday after "
            "guards stopped him at the gate. No one else was injured, the interior ministry said.",
            0,
            0,
        ),
        # the hostages unhurt; the hijacker shot dead counts
        (
            "Police snipers shot dead a man who had hijacked a ferry with 40 passengers on board near "
            "Vellmar on Tuesday. None of the passengers were hurt, police said.",
            1,
            0,
        ),
    ],
)
def test_nobody_hurt_is_zero(body: str, killed: int | None, wounded: int | None) -> None:
    assert counts(body) == (killed, wounded)


def test_a_freed_captive_in_good_health_is_no_death_and_no_wound() -> None:
    body = (
        "A Chilean trade envoy kidnapped on Sunday night outside his home in the capital has been freed "
        "and is in good health, the interior minister said on Tuesday. His abductors had demanded a "
        "ransom."
    )
    assert counts(body) == (0, 0)


def test_freed_captives_are_no_deaths_but_say_nothing_of_wounds() -> None:
    body = (
        "Five farm workers kidnapped by gunmen from a plantation in the province of Ardela last week "
        "have been released, officials said on Thursday. The workers were released late on Wednesday "
        "and taken to a police post."
    )
    assert counts(body) == (0, None)


def test_one_hurt_and_the_others_unharmed_is_not_nobody_hurt() -> None:
    body = (
        "Three aid workers kidnapped from a camp in the east last month were freed after a gunfight, "
        "officials said. One was shot in the arm, but they are otherwise unharmed."
    )
    _, wounded = counts(body)
    assert wounded != 0
