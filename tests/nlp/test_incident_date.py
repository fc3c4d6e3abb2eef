"""The main incident's day: a date said of the shooting wins over dates said of what followed it
(an arrest, a hearing, a statement); a dateline's day anchors the report's weekdays."""

from __future__ import annotations

from datetime import date

import pytest
from events_support import main_event, read_text, summary

from wireledger.nlp.dates import WRITTEN_NOTE, find_dates, written_on
from wireledger.nlp.incident_date import date_role

PUB = "2026-03-12"  # a Thursday


def _main_date(text: str, published: str = PUB) -> tuple[str | None, str]:
    doc = read_text(text, published)
    ev = main_event(doc)
    assert ev is not None and ev.date is not None, summary(doc)
    d = ev.date
    assert d.start is not None and d.end is not None
    assert doc.text[d.start : d.end] == d.text  # the provenance span is the expression itself
    return d.value, d.text


def test_statement_day_gives_way_to_the_shooting_day() -> None:
    text = (
        "Two hurt in Millbrook shooting\n\n"
        "Two men were wounded in a shooting outside a bowling alley in Millbrook, police said Wednesday.\n\n"
        "The shooting happened at about 11 p.m. Monday in the 900 block of Orchard Lane, police said."
    )
    assert _main_date(text) == ("2026-03-09", "Monday")


def test_follow_up_report_takes_the_day_of_the_killing_not_of_the_arrest() -> None:
    text = (
        "Suspect arrested in Dunmore killing\n\n"
        "Police arrested a 31-year-old man on Tuesday in the death of a store clerk in Dunmore.\n\n"
        "Investigators say the clerk was shot Feb. 27 during a robbery at a gas station on Pine Road."
    )
    value, said = _main_date(text)
    assert (value, said) == ("2026-02-27", "Feb. 27")


def test_fronted_date_of_a_saying_is_the_day_of_what_is_said() -> None:
    text = (
        "Boy wounded in Carver Heights\n\n"
        "A 12-year-old boy was in stable condition Wednesday.\n\n"
        "On Tuesday afternoon, police say the boy was shot while walking home from school on Ash Street."
    )
    assert _main_date(text)[0] == "2026-03-10"


def test_any_kind_of_attack_dates_the_incident_not_only_a_shooting() -> None:
    # a later death ("overnight") must not move a bombing to the day the wounded died
    text = (
        "The number of people killed in Tuesday's blast at the Kisoro bus depot has risen to nine, "
        "a district official said, after two of the injured died in hospital overnight.\n\n"
        "Officials said a bag packed with explosives had been left under a bench near the ticket office."
    )
    assert _main_date(text)[0] == "2026-03-10"


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("The man was shot Monday near the park.", "incident"),
        ("Monday's shooting left two dead.", "incident"),
        ("He was arraigned Monday on murder charges.", "follow_up"),
        ("A vigil was held Monday for the victims.", "follow_up"),
        ("The victim died Monday at a hospital.", "weak"),
        ("The victim died Monday after he was shot in the chest.", "incident"),
        ("It happened a block from a Monday shooting that wounded three.", "other"),
        (
            "Voss is charged with one count of murder and is accused of killing Dale Brisco, 34, at the"
            " Red Fox Tavern, 210 N. Elm St., on Monday.",
            "incident",
        ),
        ("He was charged with murder on Monday.", "follow_up"),
        ("Shots rang out Monday near the middle school.", "incident"),
        (
            "Prosecutors charged three men in connection with the shooting of a girl on Kestrel Avenue"
            " on Monday.",
            "incident",
        ),
        ("Posted: Sunday, March 8 Updated: Monday, March 9 A man was shot near the park.", "follow_up"),
    ],
)
def test_date_role(sentence: str, role: str) -> None:
    doc = read_text(sentence, PUB)
    assert doc.spacy is not None
    d = next(x for x in doc.dates if x.text.startswith("Monday"))
    span = doc.spacy.char_span(d.start, d.end, alignment_mode="expand")
    assert span is not None
    assert date_role(doc.spacy, span.start, span.end)[0] == role


def test_dateline_day_anchors_weekdays_of_a_later_publication() -> None:
    text = "KESTREL, Ga. (Nov. 4, 2025): Deputies are looking for the driver in a Tuesday night shooting."
    assert written_on(text, date(2026, 3, 12)) == date(2025, 11, 4)
    tuesday = next(d for d in find_dates(text, date(2026, 3, 12)) if d.text == "Tuesday night")
    assert tuesday.value == "2025-11-04" and tuesday.note == WRITTEN_NOTE
    # the same dateline on the day of publication changes nothing
    assert written_on(text, date(2025, 11, 4)) is None
    assert written_on("Deputies are looking for a driver.", date(2026, 3, 12)) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He was shot on Thanksgiving near the river.", "2025-11-27"),  # the fourth Thursday of November
        ("A Christmas night shooting left one dead.", "2025-12-25"),
        ("Shots rang out on New Year's Eve.", "2025-12-31"),
        ("The boy was hurt on Easter Sunday.", "2025-04-20"),
        ("She was wounded on Memorial Day.", "2025-05-26"),  # the last Monday of May
    ],
)
def test_holidays_are_the_most_recent_such_day(text: str, value: str) -> None:
    found = find_dates(text, date(2026, 3, 12))
    assert [d.value for d in found] == [value]
    d = found[0]
    assert d.start is not None and d.end is not None and text[d.start : d.end] == d.text


@pytest.mark.parametrize("text", ["The Christmas lights were stolen.", "They ate Thanksgiving dinner."])
def test_a_holiday_word_without_a_day_said_is_no_date(text: str) -> None:
    assert find_dates(text, date(2026, 3, 12)) == []


def test_the_day_of_another_noun_does_not_date_the_shooting() -> None:
    doc = read_text("A man was shot at a Christmas Eve party in Elmwood.", PUB)
    assert doc.spacy is not None
    d = next(x for x in doc.dates if x.text.startswith("Christmas"))
    span = doc.spacy.char_span(d.start, d.end, alignment_mode="expand")
    assert span is not None
    assert date_role(doc.spacy, span.start, span.end)[0] == "none"


def test_follow_up_takes_a_written_out_earlier_day_the_parse_does_not_tie_to_the_attack() -> None:
    text = (
        "Ferndale man to stand trial in neighbor's death\n\n"
        "Charges against Harlan Voss, 58, were held for court after a preliminary hearing Tuesday.\n\n"
        "Police say Voss on Feb. 11 pointed a loaded rifle at his neighbor across a fence on Birch Road. "
        "The neighbor, Dale Brisco, 61, was shot in the chest and died at a hospital."
    )
    assert _main_date(text) == ("2026-02-11", "Feb. 11")


def test_a_bound_or_a_day_close_to_the_report_is_no_written_out_incident_day() -> None:
    text = (
        "Ferndale man to stand trial in neighbor's death\n\n"
        "Charges against Harlan Voss, 58, were held for court after a preliminary hearing Tuesday.\n\n"
        "Since Feb. 11 the street has seen no other crime, police said. "
        "The neighbor, Dale Brisco, 61, was shot in the chest and died at a hospital."
    )
    assert _main_date(text)[1] != "Feb. 11"


def test_a_day_without_its_year_almost_a_year_back_is_no_written_out_incident_day() -> None:
    text = (
        "Ferndale man to stand trial in neighbor's death\n\n"
        "Charges against Harlan Voss, 58, were held for court after a preliminary hearing Tuesday.\n\n"
        "His trial is to open on March 30, a date the judge set. "
        "The neighbor, Dale Brisco, 61, was shot in the chest and died at a hospital."
    )
    assert _main_date(text)[1] != "March 30"


@pytest.mark.parametrize("sentence,day,words", [
    ("The attack took place late Monday near the village of Orlen, the ministry said.", "2026-03-09",
     "late Monday"),
    ("The ambush began on Tuesday night as a patrol returned to its base, the ministry said.", "2026-03-10",
     "Tuesday night"),
])
def test_a_day_the_attack_took_place_or_began_dates_it(sentence: str, day: str, words: str) -> None:
    text = (
        "Gunmen kill four soldiers in northern valley\n\n"
        "Gunmen killed four soldiers and wounded two in an ambush in the northern valley, the defence "
        "ministry said Wednesday.\n\n" + sentence)
    assert _main_date(text) == (day, words)


def test_the_hearing_that_took_place_does_not_date_the_attack() -> None:
    text = (
        "Court hears case of Tarnby shooting\n\n"
        "A man was shot dead outside a bar in Tarnby on Monday, police said.\n\n"
        "A hearing took place on Wednesday in the city court.")
    assert _main_date(text)[0] == "2026-03-09"
