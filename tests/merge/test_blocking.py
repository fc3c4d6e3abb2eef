"""Blocking keys meet symmetrically: if a finds b, b finds a (so candidates do not depend on order)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from wireledger.merge.blocking import index_keys, is_candidate, query_keys
from wireledger.merge.profile import EventProfile, Person

_DAYS = st.integers(min_value=date(2015, 11, 1).toordinal(), max_value=date(2017, 2, 28).toordinal())


@st.composite
def profiles(draw: st.DrawFn) -> EventProfile:
    precision = draw(st.sampled_from(["day", "month", "year", "inferred", "unknown"]))
    lo = draw(_DAYS)
    hi = lo
    if precision == "month":
        d = date.fromordinal(lo)
        lo = date(d.year, d.month, 1).toordinal()
        hi = lo + 27
    elif precision == "year":
        d = date.fromordinal(lo)
        lo, hi = date(d.year, 1, 1).toordinal(), date(d.year, 12, 31).toordinal()
    elif precision == "inferred":
        lo, hi = lo - 7, lo
    surname = draw(st.sampled_from(["lee", "stone", "bell"]))
    city = draw(st.sampled_from([None, "Dayton", "Toledo"]))
    words = st.sampled_from(["salem", "smithville", "garissa", "avenue"])
    terms = draw(st.lists(words, min_size=1, max_size=3))
    places = draw(st.lists(st.sampled_from(["main street", "dayton", "salem avenue"]), max_size=2))
    return EventProfile(
        key=f"doc{draw(st.integers(0, 10**6))}#ev1", document="d", event="ev1",
        type=draw(st.sampled_from(["armed_assault", "sanction"])), attack=True, background=False,
        primary=True, date_lo=None if precision == "unknown" else lo,
        date_hi=None if precision == "unknown" else hi,
        precision=precision, city=city, country="US",
        people=[Person(f"Ann {surname}", "victim", "person", f"a:{surname}" if draw(st.booleans()) else None,
                       surname)],
        vector=dict.fromkeys(terms, 0.5), signature=sorted(set(terms)), places=sorted(set(places)),
    )


@settings(max_examples=300, deadline=None)
@given(profiles(), profiles())
def test_blocking_is_symmetric(a: EventProfile, b: EventProfile) -> None:
    a_finds_b = set(query_keys(a)) & set(index_keys(b))
    b_finds_a = set(query_keys(b)) & set(index_keys(a))
    assert bool(a_finds_b) == bool(b_finds_a)
    assert is_candidate(a_finds_b, not a.intervals()) == is_candidate(b_finds_a, not b.intervals())


def test_a_year_precise_event_meets_day_precise_events_of_that_year_only() -> None:
    def prof(lo: int, hi: int, precision: str) -> EventProfile:
        return EventProfile(key="k", document="d", event="e", type="chemical_attack", attack=True,
                            background=True, primary=False, date_lo=lo, date_hi=hi, precision=precision,
                            city="Salisbury", country="GB")

    year = prof(date(2018, 1, 1).toordinal(), date(2018, 12, 31).toordinal(), "year")
    march = prof(date(2018, 3, 4).toordinal(), date(2018, 3, 4).toordinal(), "day")
    later = prof(date(2020, 3, 4).toordinal(), date(2020, 3, 4).toordinal(), "day")
    assert set(query_keys(year)) & set(index_keys(march))
    assert not set(query_keys(year)) & set(index_keys(later))
