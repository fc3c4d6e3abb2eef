"""Blocking: which stored events a new event is compared with at all.

An event is filed under keys made of a *facet* (a place, a person's name, a signature term of its text,
its kind for events that are not attacks) and a *time bucket* that respects the precision of its date:
``W:n`` (a seven-day block) for a date known to the day (or inferred from the publication date), ``M:YYYY-MM``
for a date known to the month, ``Y:YYYY`` for a year, ``U`` for no date. The buckets an event is filed
under cover its *rounded interval* (its date widened to whole buckets).

A query asks every bucket, of every size, that meets its own rounded interval widened by ``WINDOW_DAYS``
on each side. So a finds b exactly when their rounded intervals lie within ``WINDOW_DAYS`` of each other,
which is symmetric: if a finds b, b finds a, and the candidate pairs (hence the incidents) do not depend
on the order of arrival. An event dated only "in 2018" meets every event of 2018 (and the edges of the
years around it), as it should.

Undated events: name and term facets are also filed under ``A`` (all time) and an undated event asks
``A``; a dated event asks ``U`` for those facets. Full names are always asked across all time (``A``): a
trial two years later names the same victim. Place facets are never asked without a date: "Chicago" alone
would block every Chicago event together.

A stored event becomes a candidate when it shares a full name with the new one, or a place the reports
name within ``NARROW_DAYS``, or at least ``MIN_SHARED_FACETS`` facets (the same city and a street name, a
surname and a term...); when neither has a date, one shared term is enough. Each of these is a property
of the pair, so the rule stays symmetric.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .profile import EventProfile
from .text import signature

WINDOW_DAYS = 14
NARROW_DAYS = 3  # a place the report names, alone, finds the events within this many days
MIN_SHARED_FACETS = 2
_WEEK = 7


def _own_buckets(lo: int, hi: int, precision: str) -> list[str]:
    if precision == "year":
        return [f"Y:{y:04d}" for y in range(date.fromordinal(lo).year, date.fromordinal(hi).year + 1)]
    if precision == "month":
        return _month_buckets(lo, hi)
    return [f"W:{w}" for w in range(lo // _WEEK, hi // _WEEK + 1)]


def _rounded(lo: int, hi: int, precision: str) -> tuple[int, int]:
    if precision == "year":
        first, last = date.fromordinal(lo).year, date.fromordinal(hi).year
        return date(first, 1, 1).toordinal(), date(last, 12, 31).toordinal()
    if precision == "month":
        a, b = date.fromordinal(lo), date.fromordinal(hi)
        nxt = date(b.year + (b.month == 12), b.month % 12 + 1, 1)
        return date(a.year, a.month, 1).toordinal(), nxt.toordinal() - 1
    return (lo // _WEEK) * _WEEK, (hi // _WEEK) * _WEEK + _WEEK - 1


def _month_buckets(lo: int, hi: int) -> list[str]:
    a, b = date.fromordinal(lo), date.fromordinal(hi)
    out = []
    y, m = a.year, a.month
    while (y, m) <= (b.year, b.month):
        out.append(f"M:{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _query_buckets(lo: int, hi: int, precision: str) -> list[str]:
    rlo, rhi = _rounded(lo, hi, precision)
    qlo, qhi = rlo - WINDOW_DAYS, rhi + WINDOW_DAYS
    out = [f"W:{w}" for w in range(qlo // _WEEK, qhi // _WEEK + 1)]
    out.extend(_month_buckets(qlo, qhi))
    out.extend(f"Y:{y:04d}" for y in range(date.fromordinal(qlo).year, date.fromordinal(qhi).year + 1))
    return out


def facets(p: EventProfile) -> tuple[list[str], list[str], list[str]]:
    """(facets asked with dates only, facets also asked without a date, facets asked across all time)."""
    dated: list[str] = []
    city = p.city_key
    if city:
        dated.append(f"p:{(p.country or '').lower()}:{city}")
    elif p.region:
        dated.append(f"r:{(p.country or '').lower()}:{p.region.lower()}")
    dated.extend(f"s:{k}" for k in sorted(p.surname_keys))
    if not p.attack:
        dated.append(f"k:{p.type}")
    anytime = [f"t:{t}" for t in (p.signature or signature(p.vector))]
    always = [f"n:{k}" for k in sorted(p.full_keys)]
    return dated, anytime, always


def _narrow(p: EventProfile) -> tuple[list[str], list[tuple[int, int]]]:
    """Place facets with day windows: the places the report names and the event's city, for dates known
    to the day (or inferred from publication)."""
    days = [(lo, hi) for lo, hi, pr in p.intervals() if pr in ("day", "inferred")]
    if not days:
        return [], []
    names = set(p.places)
    if p.city_key:
        names.add(p.city_key)
    return [f"pd:{n}" for n in sorted(names)], days


def index_keys(p: EventProfile) -> list[str]:
    """The keys an event is filed under."""
    dated, anytime, always = facets(p)
    intervals = p.intervals()
    own = sorted({b for lo, hi, pr in intervals for b in _own_buckets(lo, hi, pr)}) if intervals else ["U"]
    keys = [f"{f}|{b}" for f in dated for b in own if b != "U"]
    narrow, days = _narrow(p)
    keys.extend(f"{f}|D:{d}" for f in narrow for lo, hi in days for d in range(lo, hi + 1))
    keys.extend(f"{f}|{b}" for f in anytime for b in own)
    keys.extend(f"{f}|A" for f in anytime + always)
    return sorted(set(keys))


def query_keys(p: EventProfile) -> list[str]:
    """The keys under which an event looks for the stored events it may be one happening with."""
    dated, anytime, always = facets(p)
    keys = {f"{f}|A" for f in always}
    intervals = p.intervals()
    if not intervals:
        keys.update(f"{f}|{b}" for f in anytime for b in ("A", "U"))
        return sorted(keys)
    buckets = sorted({b for lo, hi, pr in intervals for b in _query_buckets(lo, hi, pr)})
    keys.update(f"{f}|{b}" for f in dated for b in buckets)
    narrow, days = _narrow(p)
    keys.update(f"{f}|D:{d}" for f in narrow for lo, hi in days
                for d in range(lo - NARROW_DAYS, hi + NARROW_DAYS + 1))
    keys.update(f"{f}|{b}" for f in anytime for b in [*buckets, "U"])
    return sorted(keys)


def facet_of(key: str) -> str:
    return key.rsplit("|", 1)[0]


def is_candidate(matched_keys: Iterable[str], undated: bool = False) -> bool:
    """Whether the keys under which a stored event was found make it worth scoring: a shared full name or
    a place named within days, or two shared facets; when neither event has a date (nothing narrows the
    search) one shared term is enough. ``undated``: the new event has no date (a stored event found under
    a ``U`` key has none either)."""
    keys = set(matched_keys)
    shared = {facet_of(k) for k in keys}
    if any(f.startswith(("n:", "pd:")) for f in shared) or len(shared) >= MIN_SHARED_FACETS:
        return True
    return undated and any(k.endswith("|U") for k in keys)
