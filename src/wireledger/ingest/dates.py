"""Publication dates as inputs write them, normalised.

``published`` is always a date (``2026-02-06``), whatever the input: for a timestamp, the calendar day as
the source wrote it (at its own offset: the day its "today" and "yesterday" mean). A timestamp with an
offset is also kept as the moment in UTC (``2026-02-06T07:00:00Z``, ``Document.metadata["published_utc"]``)
and the source's own string, offset included, beside it. A timestamp without an offset keeps only its
date: we do not guess a time zone.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from typing import Any

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_MIN_YEAR, _MAX_YEAR = 1800, 2200
# Languages of free-form dates (month names); a fixed list keeps dateparser from trying all 200.
DATE_LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "ru", "uk", "pl", "tr", "ar")


def is_iso_date(value: str) -> bool:
    """True for a real calendar date written YYYY-MM-DD."""
    if not _ISO_DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def utc_timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _from_datetime(moment: datetime, has_time: bool) -> tuple[str | None, str | None]:
    if not _MIN_YEAR <= moment.year <= _MAX_YEAR:
        return None, None
    utc = None
    if has_time and moment.tzinfo is not None and moment.utcoffset() is not None:
        utc = utc_timestamp(moment)
    return moment.date().isoformat(), utc


def normalise_published(raw: str | None) -> str | None:
    """The ISO date of a publication date string, or None when it is not understood."""
    return parse_published(raw)[0]


def parse_published(raw: str | None) -> tuple[str | None, str | None]:
    """(ISO date, UTC timestamp) of a publication date string: the date as the source wrote it, and the
    moment in UTC when it gives a time with an offset (else None). (None, None) when it is not understood.

    Relative expressions ("yesterday", "3 hours ago") are refused: they mean nothing without the
    moment they were written.
    """
    if raw is None:
        return None, None
    value = " ".join(str(raw).split())
    if not value:
        return None, None
    if _ISO_DATE.match(value):
        ok = is_iso_date(value) and _MIN_YEAR <= int(value[:4]) <= _MAX_YEAR
        return (value if ok else None), None
    has_time = bool(_HAS_TIME.search(value))
    try:
        iso = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
        return _from_datetime(iso, has_time or "T" in value)
    except ValueError:
        pass
    try:
        rfc = parsedate_to_datetime(value)
        return _from_datetime(rfc, has_time)
    except (TypeError, ValueError, IndexError):
        pass
    parsed = _dateparser_parse(value)
    return _from_datetime(parsed, has_time) if parsed is not None else (None, None)


@cache
def _date_parser() -> Any:
    from dateparser.date import DateDataParser  # slow to import; only free-form dates need it

    return DateDataParser(languages=list(DATE_LANGUAGES), settings={
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["day", "month", "year"],
    })


def _dateparser_parse(value: str) -> datetime | None:
    if len(value) > 80:
        return None
    try:
        data = _date_parser().get_date_data(value)
    except Exception:  # dateparser raises many kinds of errors on odd strings: not a date
        return None
    moment = data.date_obj if data else None
    return moment if isinstance(moment, datetime) else None
