"""Dates: absolute and relative expressions resolved against the publication date and the sentence."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wireledger.nlp.dates import NO_PUBLISHED, DatesStep, find_dates, parse_published, resolve_date

PUB = "2026-02-06"  # a Friday


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("Feb. 6", "2026-02-06", "day"),
        ("Dec. 22", "2025-12-22", "day"),  # the most recent Dec. 22 on or before publication
        ("today", "2026-02-06", "day"),
        ("yesterday", "2026-02-05", "day"),
        ("last night", "2026-02-05", "day"),
        ("last Tuesday", "2026-02-03", "day"),
        ("on Monday", "2026-02-02", "day"),
        ("Friday", "2026-02-06", "day"),  # the day itself is the most recent Friday
        ("last Friday", "2026-01-30", "day"),
        ("Saturday night", "2026-01-31", "day"),
        ("early Sunday", "2026-02-01", "day"),
        ("in 2016", "2016", "year"),
        ("a decade ago", "2016", "year"),
        ("two days ago", "2026-02-04", "day"),
        ("last year", "2025", "year"),
        ("last month", "2026-01", "month"),
        ("in March", "2025-03", "month"),  # a month after publication's is last year's
        ("June 16, 2013", "2013-06-16", "day"),
        ("Sept. 11, 2001", "2001-09-11", "day"),
        ("3 JAN 90", "1990-01-03", "day"),
        ("30 DECEMBER", "2025-12-30", "day"),
        ("1/5/2014", "2014-01-05", "day"),
        ("November 2015", "2015-11", "month"),
    ],
)
def test_resolve_against_publication(text: str, value: str, precision: str) -> None:
    d = resolve_date(text, PUB)
    assert (d.value, d.precision) == (value, precision), d


def test_original_text_and_offsets_are_kept() -> None:
    text = "Police said the man was shot on Monday near the station."
    [d] = find_dates(text, parse_published(PUB))
    assert text[d.start : d.end] == d.text == "Monday"


def test_the_following_year_counts_from_the_year_named_before_it() -> None:
    text = (
        "The United States sanctioned him in 2016. Media reported that he was decorated the following year."
    )
    found = {d.text: d for d in find_dates(text, parse_published(PUB))}
    assert found["the following year"].value == "2017"
    assert found["the following year"].precision == "year"


def test_that_year_and_years_later() -> None:
    text = "She was elected in 2009, and that year's budget passed. Two years later she resigned."
    found = {d.text.lower(): d.value for d in find_dates(text, parse_published(PUB))}
    assert found["that year's"] == "2009"
    assert found["two years later"] == "2011"


def test_a_year_set_in_the_sentence_anchors_a_month_and_day() -> None:
    text = "In 2019, on March 3, the factory burned down."
    found = {d.text: d.value for d in find_dates(text, parse_published(PUB))}
    assert found["March 3"] == "2019-03-03"


def test_a_year_the_sentence_only_mentions_does_not_anchor() -> None:
    text = "He has served since 2011 and was shot on Feb. 6."
    found = {d.text: d.value for d in find_dates(text, parse_published(PUB))}
    assert found["Feb. 6"] == "2026-02-06"


def test_without_publication_no_year_is_invented() -> None:
    d = resolve_date("Feb. 6", None)
    assert (d.value, d.precision, d.note) == ("--02-06", "day", NO_PUBLISHED)
    rel = resolve_date("yesterday", None)
    assert rel.value is None and rel.precision == "unknown" and rel.note
    assert resolve_date("in 2016", None).value == "2016"  # what the text says is kept


@pytest.mark.parametrize(
    "text",
    [
        "The 1200 block of Main Street",
        "we may go",
        "a 2016 Main Street home",
        "shot 2015 times",
        "$2016 in cash",
    ],
)
def test_numbers_and_words_that_are_not_dates(text: str) -> None:
    assert [d.text for d in find_dates(text, parse_published(PUB))] == []


def test_upper_case_wire_copy() -> None:
    text = "LIMA, 12 MAR 90 -- TERRORISTS ATTACKED A POLICE POST YESTERDAY."
    found = {d.text: d.value for d in find_dates(text, parse_published("1990-03-12"))}
    assert found["12 MAR 90"] == "1990-03-12"
    assert found["YESTERDAY"] == "1990-03-11"


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2049, 12, 31)))
def test_written_out_dates_round_trip(day: date) -> None:
    text = f"{day.strftime('%B')} {day.day}, {day.year}"
    assert resolve_date(text, PUB).value == day.isoformat()


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
    st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
)
def test_a_weekday_is_within_the_week_before_publication(published: date, weekday: str) -> None:
    d = resolve_date(weekday, published)
    assert d.value is not None
    day = date.fromisoformat(d.value)
    assert published - timedelta(days=6) <= day <= published
    assert day.strftime("%A") == weekday


def test_step_reads_the_document() -> None:
    from events_support import text_document

    from wireledger.nlp.base import ReadingDoc

    doc = ReadingDoc(
        document=text_document(
            "A bomb exploded on Tuesday. Two days later police arrested a man.", published=PUB
        )
    )
    doc = DatesStep()(doc)
    assert [(d.text, d.value) for d in doc.dates] == [
        ("Tuesday", "2026-02-03"),
        ("Two days later", "2026-02-05"),
    ]
