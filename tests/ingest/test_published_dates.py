"""Publication dates: always a date (the day the source wrote), a timestamp's moment kept in UTC beside
it, relative dates refused."""

from __future__ import annotations

import pytest

from wireledger.ingest.dates import is_iso_date, normalise_published, parse_published


@pytest.mark.parametrize(("raw", "expected", "moment"), [
    ("2026-02-06", "2026-02-06", None),
    ("2026-02-06T10:00:00+03:00", "2026-02-06", "2026-02-06T07:00:00Z"),
    ("2026-02-06T01:00:00+03:00", "2026-02-06", "2026-02-05T22:00:00Z"),  # the source's day, not UTC's
    ("2026-02-06T10:00:00Z", "2026-02-06", "2026-02-06T10:00:00Z"),
    ("2026-02-06T10:00:00", "2026-02-06", None),  # no offset: the date only, no guessed zone
    ("Fri, 06 Feb 2026 01:00:00 +0300", "2026-02-06", "2026-02-05T22:00:00Z"),
    ("Fri, 06 Feb 2026 10:00:00 GMT", "2026-02-06", "2026-02-06T10:00:00Z"),
    ("January 1, 2014", "2014-01-01", None),
    ("Feb. 6, 2026 14:05 EST", "2026-02-06", "2026-02-06T19:05:00Z"),
    ("6 février 2026", "2026-02-06", None),
    ("  2026-02-06 ", "2026-02-06", None),
    ("2026-02-30", None, None), ("yesterday", None, None), ("3 hours ago", None, None), ("2014", None, None),
    ("February 2014", None, None), ("not a date", None, None), ("", None, None), (None, None, None),
])
def test_normalise_published(raw, expected, moment):
    assert normalise_published(raw) == expected
    assert parse_published(raw) == (expected, moment)


def test_is_iso_date():
    assert is_iso_date("2026-02-06")
    assert not is_iso_date("2026-2-6") and not is_iso_date("2026-02-30") and not is_iso_date("06/02/2026")
