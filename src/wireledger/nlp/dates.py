"""Dates: find date expressions in a report and resolve them to calendar values.

Absolute ("Feb. 6", "June 16, 2013", "3 JAN 90", "in 2016") and relative ("today", "yesterday", "last
Tuesday", "Saturday night", "a decade ago", "the following year") expressions are resolved against two
anchors: the publication date of the document and, for expressions that count from another date ("the
following year"), the most recent year named before them in the same sentence or paragraph.

News convention: a weekday or a month and day without a year is the most recent such day on or before the
publication date. Without a publication date no year is invented: "Feb. 6" becomes ``--02-06`` (precision
day, year unknown) and "yesterday" stays unresolved, each with a note saying why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..model import DateValue
from .base import ReadingDoc, load_data
from .registry import StepContext, register_step

NO_PUBLISHED = "year unknown: no publication date"
WRITTEN_NOTE = "counted from the day the report says it was written"
_ABBREV = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|"
    r"Sgt|Capt|Gov|Sen|Rep|Rev|Jr|Sr|No|Ave|Blvd|Mt|Ft|vs|etc)|\b[A-Z]|\.[A-Z])\.$"
)
_IN_YEAR = "a year the sentence is set in"
_IN_PREP = re.compile(r"\b(?:in|during|of)\s+(?:early\s+|late\s+|mid-?)?$", re.IGNORECASE)

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "several": None,
    "few": None,
    "a few": None,
}

_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR4 = r"(?:19[0-9]{2}|20[0-9]{2})"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:morning|afternoon|evening|night|overnight)"
_B = r"(?<![\w.-])"  # left word boundary that also refuses "2-" and ".5"
_E = r"(?![\w])"

# Each pattern has a kind that decides how it is resolved. Earlier patterns win on overlap when they
# start at the same place and are at least as long (see _scan).
_PATTERNS: list[tuple[str, str]] = [
    ("iso", rf"{_B}(?P<y>{_YEAR4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12][0-9]|3[01]){_E}"),
    (
        "numeric",
        rf"{_B}(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12][0-9]|3[01])(?:/(?P<y>{_YEAR4}|[0-9]{{2}}))?{_E}",
    ),
    (
        "mdy",
        rf"{_B}(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<mon>{_MONTH})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR4}))?{_E}",
    ),
    (
        "dmy",
        rf"{_B}(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH})(?:,?\s+(?P<y>{_YEAR4}|[0-9]{{2}}))?{_E}",
    ),
    ("my", rf"{_B}(?:(?:early|mid|late)[- ])?(?P<mon>{_MONTH_FULL}|{_MONTH_ABBR}),?\s+(?P<y>{_YEAR4}){_E}"),
    (
        "month",
        rf"\b(?:in|since|during|until|till|by|of|last|this|early|late|mid|next)[ -]"
        rf"(?P<mon>{_MONTH_FULL}){_E}",
    ),
    (
        "rel_day",
        r"(?P<w>\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|"
        r"(?:this|earlier\s+this|early\s+this|late\s+this)\s+(?:morning|afternoon|evening)|"
        r"last\s+night|overnight|earlier\s+today|early\s+today|late\s+yesterday))\b",
    ),
    (
        "weekday",
        rf"{_B}(?P<mod>(?:last|this|past|early|late|on|by|since)\s+)?(?P<wd>{_WEEKDAY})"
        rf"(?:\s+(?P<part>{_PART}))?{_E}",
    ),
    (
        "ago",
        r"(?P<w>\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"several|a\s+few)\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+(?:ago|earlier|before))\b",
    ),
    (
        "rel_period",
        r"(?P<w>\b(?P<mod>last|this|next|earlier\s+this|later\s+this|late\s+last|early\s+last|"
        r"early\s+this|late\s+this|the\s+previous|the\s+past)\s+(?P<unit>year|month))\b",
    ),
    (
        "anchored",
        r"(?P<w>\b(?:the\s+(?P<dir>following|next|previous|preceding|same)\s+(?P<unit>year|month)|"
        r"that\s+(?P<that>year)(?:'s|’s)?|(?P<n>a|one|two|three|four|five|\d+)\s+(?P<unit2>years?)"
        r"\s+(?P<dir2>later|after(?:wards?)?|earlier|before)))\b",
    ),
    (
        "later",
        r"(?P<w>\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>days?|weeks?)"
        r"\s+(?P<dir>later|after(?:wards?)?))\b",
    ),
    ("year", rf"(?<![\w$#.,/-])(?P<y>{_YEAR4})(?:'s|’s)?(?![\w/-]|,\d|\.\d)"),
]


def _load_holidays() -> dict[str, dict[str, Any]]:
    data = load_data("holidays.yaml") or {}
    return {str(k).lower(): dict(v) for k, v in (data.get("holidays") or {}).items()}


_HOLIDAYS = _load_holidays()
_HOLIDAY_NAMES = "|".join(
    re.escape(n).replace("'", "['’]?").replace(r"\ ", r"\s+")
    for n in sorted(_HOLIDAYS, key=len, reverse=True)
)
_PATTERNS.append(
    (
        "holiday",
        rf"{_B}(?P<mod>(?:on|over|during)\s+)?(?P<h>{_HOLIDAY_NAMES})"
        rf"(?:\s+(?P<part>{_PART}))?{_E}(?!\s+(?:holiday\s+)?weekend)",
    )
)
_COMPILED = [(kind, re.compile(p, re.IGNORECASE)) for kind, p in _PATTERNS]
# month and holiday names must be capitalised unless the text is upper case
_CASED_KINDS = {"month", "mdy", "dmy", "my", "holiday"}
_COUNTED = re.compile(
    r"\s+(?:times|people|rounds|shots|bullets|troops|soldiers|men|women|cases|homes|cars|"
    r"vehicles|votes|acres|feet|miles|pounds|dollars|residents|members|students)\b",
    re.I,
)
_STREETISH = re.compile(r"\s+(?:[A-Z][a-z]+\s+)?(?:block|St|Street|Ave|Avenue|Road|Rd|Blvd|Lane|Drive|Dr)\b")


@dataclass
class _Match:
    kind: str
    start: int
    end: int
    groups: dict[str, str | None]


def parse_published(value: str | None) -> date | None:
    """The publication date of an ISO 8601 date or datetime string, or None."""
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")


def is_upper_text(text: str) -> bool:
    """Mostly capital letters (old wire copy)."""
    up, low = len(_UPPER.findall(text)), len(_LOWER.findall(text))
    return up + low > 0 and up > 0.8 * (up + low)


def _scan(text: str) -> list[_Match]:
    upper = is_upper_text(text)
    found: list[_Match] = []
    for kind, rx in _COMPILED:
        for m in rx.finditer(text):
            if kind in _CASED_KINDS and not upper:
                mon = m.group("h" if kind == "holiday" else "mon")
                if not mon[:1].isupper():
                    continue
            if kind == "holiday" and not (
                _holiday(m.group("h")).get("bare") or m.group("mod") or m.group("part")
            ):
                continue  # "Christmas lights", "Thanksgiving dinner": no day said
            if kind == "year" and (_STREETISH.match(text, m.end()) or _COUNTED.match(text, m.end())):
                continue
            if kind == "weekday" and not upper and not m.group("wd")[:1].isupper():
                continue
            start = m.start()
            if kind == "month":
                start = m.start("mon")
            elif kind == "weekday" and (m.group("mod") or "").strip().lower() in ("on", "by", "since"):
                start = m.start("wd")
            elif kind == "holiday":
                start = m.start("h")
            found.append(_Match(kind, start, m.end(), m.groupdict()))
    # Longest match first, then earliest; drop any match overlapping a kept one.
    order = {k: i for i, (k, _) in enumerate(_PATTERNS)}
    found.sort(key=lambda x: (-(x.end - x.start), x.start, order[x.kind]))
    kept: list[_Match] = []
    for f in found:
        if all(f.end <= k.start or f.start >= k.end for k in kept):
            kept.append(f)
    kept.sort(key=lambda x: x.start)
    return kept


def _most_recent(month: int, day: int, ref: date) -> date | None:
    """The most recent month-day on or before ``ref`` (None for an impossible date such as Feb 30)."""
    for year in (ref.year, ref.year - 1, ref.year - 2, ref.year - 3, ref.year - 4):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if d <= ref:
            return d
    return None


def _year2(y: str) -> int:
    n = int(y)
    if len(y) == 2:
        return 1900 + n if n >= 30 else 2000 + n
    return n


def _day(s: str) -> int:
    return int(re.sub(r"\D", "", s))


def _value(d: date, precision: str) -> str:
    if precision == "day":
        return d.isoformat()
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def _shift_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, 1)


def _resolve(
    m: _Match, published: date | None, anchor_year: int | None
) -> tuple[str | None, str, str | None]:
    """-> (value, precision, note) for one scanned expression."""
    g = m.groups
    kind = m.kind
    if kind in ("iso", "numeric", "mdy", "dmy"):
        month = int(str(g["m"])) if kind in ("iso", "numeric") else _MONTHS[str(g["mon"]).lower().rstrip(".")]
        day = _day(str(g["d"]))
        if g.get("y"):
            try:
                return date(_year2(str(g["y"])), month, day).isoformat(), "day", None
            except ValueError:
                return None, "unknown", "not a calendar date"
        if anchor_year is not None:
            try:
                return date(anchor_year, month, day).isoformat(), "day", "year from the same sentence"
            except ValueError:
                return None, "unknown", "not a calendar date"
        if published is None:
            if day > 29 + (month != 2) * 2 or (month in (4, 6, 9, 11) and day > 30):
                return None, "unknown", "not a calendar date"
            return f"--{month:02d}-{day:02d}", "day", NO_PUBLISHED
        d = _most_recent(month, day, published)
        return (d.isoformat(), "day", None) if d else (None, "unknown", "not a calendar date")
    if kind == "my":
        month = _MONTHS[str(g["mon"]).lower().rstrip(".")]
        return f"{int(str(g['y'])):04d}-{month:02d}", "month", None
    if kind == "month":
        month = _MONTHS[str(g["mon"]).lower()]
        year = anchor_year
        if year is None and published is not None:
            year = published.year if month <= published.month else published.year - 1
        if year is None:
            return None, "unknown", NO_PUBLISHED
        return f"{year:04d}-{month:02d}", "month", None
    if kind == "year":
        return f"{int(str(g['y'])):04d}", "year", None
    if kind == "anchored":
        return _resolve_anchored(g, published, anchor_year)
    if kind == "holiday":
        return _resolve_holiday(str(g["h"]), published)
    if kind == "later":
        return None, "unknown", "counts from a day the text does not give"
    if published is None:
        return None, "unknown", "relative date: no publication date to count from"
    if kind == "rel_day":
        w = re.sub(r"\s+", " ", str(g["w"]).lower())
        if "before yesterday" in w:
            return (published - timedelta(days=2)).isoformat(), "day", None
        if "yesterday" in w or w in ("last night",):
            return (published - timedelta(days=1)).isoformat(), "day", None
        return published.isoformat(), "day", None
    if kind == "weekday":
        wd = _WEEKDAYS[str(g["wd"]).lower()]
        mod = (g.get("mod") or "").strip().lower()
        back = (published.weekday() - wd) % 7
        if mod in ("last", "past") and back == 0:
            back = 7
        return (published - timedelta(days=back)).isoformat(), "day", None
    if kind == "ago":
        n = _count(str(g["n"]))
        unit = str(g["unit"]).lower().rstrip("s")
        if n is None:
            return None, "unknown", "vague count"
        if unit == "day":
            return (published - timedelta(days=n)).isoformat(), "day", None
        if unit == "week":
            return (published - timedelta(days=7 * n)).isoformat(), "day", "approximate: weeks ago"
        if unit == "month":
            return _value(_shift_months(published, -n), "month"), "month", None
        years = n * (10 if unit == "decade" else 1)
        return f"{published.year - years:04d}", "year", None
    if kind == "rel_period":
        mod = re.sub(r"\s+", " ", str(g["mod"]).lower())
        unit = str(g["unit"]).lower()
        step = -1 if ("last" in mod or "previous" in mod or "past" in mod) else (1 if mod == "next" else 0)
        if unit == "year":
            return f"{published.year + step:04d}", "year", None
        return _value(_shift_months(published, step), "month"), "month", None
    return None, "unknown", None


def _holiday(name: str) -> dict[str, Any]:
    return _HOLIDAYS.get(re.sub(r"\s+", " ", name.lower().replace("’", "'")), {}) or _HOLIDAYS.get(
        re.sub(r"\s+", " ", name.lower().replace("’", "").replace("'", "")), {}
    )


def _holiday_in(year: int, spec: dict[str, Any]) -> date | None:
    if spec.get("date"):
        month, day = (int(x) for x in str(spec["date"]).split("-"))
        return date(year, month, day)
    rule = spec.get("rule")
    if rule == "easter":
        return _easter(year)
    if isinstance(rule, list) and len(rule) == 3:
        month, weekday, n = (int(x) for x in rule)
        if n > 0:
            first = date(year, month, 1)
            return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
        last = _shift_months(date(year, month, 1), 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    return None


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    la = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * la) // 451
    month, day = divmod(h + la - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _resolve_holiday(name: str, published: date | None) -> tuple[str | None, str, str | None]:
    """The most recent such holiday on or before publication."""
    spec = _holiday(name)
    if published is None:
        if spec.get("date"):
            return f"--{spec['date']}", "day", NO_PUBLISHED
        return None, "unknown", NO_PUBLISHED
    for year in (published.year, published.year - 1):
        d = _holiday_in(year, spec)
        if d is not None and d <= published:
            return d.isoformat(), "day", None
    return None, "unknown", None


def _resolve_anchored(
    g: dict[str, str | None], published: date | None, anchor_year: int | None
) -> tuple[str | None, str, str | None]:
    if anchor_year is None:
        return None, "unknown", "counts from a year the text does not give"
    if g.get("that"):
        return f"{anchor_year:04d}", "year", None
    if g.get("dir"):
        direction = str(g["dir"]).lower()
        if str(g.get("unit") or "").lower() == "month":
            return None, "unknown", "counts from a month the text does not give"
        delta = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "same": 0}[direction]
        return f"{anchor_year + delta:04d}", "year", None
    n = _count(str(g.get("n") or "one")) or 1
    sign = 1 if str(g.get("dir2") or "").lower().startswith(("later", "after")) else -1
    return f"{anchor_year + sign * n:04d}", "year", None


def _count(word: str) -> int | None:
    w = re.sub(r"\s+", " ", word.lower())
    if w.isdigit():
        return int(w)
    return _NUMBER_WORDS.get(w)


def _year_of(value: str | None) -> int | None:
    if value and re.match(r"\d{4}", value):
        return int(value[:4])
    return None


def find_dates(
    text: str,
    published: date | None,
    units: list[tuple[int, int]] | None = None,
    paragraphs: list[tuple[int, int]] | None = None,
) -> list[DateValue]:
    """Every date expression of ``text``, resolved.

    ``units`` are sentence spans: an explicit year named earlier in the same sentence anchors a month-day
    without year and "the following year"; ``paragraphs`` widen the search for the anchor of expressions
    that count from another year ("the following year", "that year").
    """
    units = units or rough_sentences(text)
    paragraphs = paragraphs or _paragraphs(text)
    written = written_on(text, published)
    if written is not None:
        published = written
    out: list[DateValue] = []
    for m in _scan(text):
        anchor: int | None = None
        sent = next(((s, e) for s, e in units if s <= m.start < e), (0, len(text)))
        para = next(((s, e) for s, e in paragraphs if s <= m.start < e), sent)
        if m.kind in ("mdy", "dmy", "numeric", "month"):
            anchor = _year_before(out, sent[0], m.start, explicit_only=True)
        elif m.kind == "anchored":
            anchor = _year_before(out, min(sent[0], para[0]), m.start, explicit_only=False)
        value, precision, note = _resolve(m, published, anchor)
        if m.kind == "later":
            value, precision, note = _days_later(m, out, min(sent[0], para[0]))
        if written is not None and note is None and m.kind in ("rel_day", "weekday", "ago", "rel_period"):
            note = WRITTEN_NOTE
        if m.kind == "year" and _IN_PREP.search(text, max(0, m.start - 8), m.start):
            note = _IN_YEAR
        out.append(
            DateValue(
                value=value,
                precision=precision,
                text=text[m.start : m.end],
                start=m.start,
                end=m.end,
                note=note,
            )
        )
    return out


_WRITTEN_ON = re.compile(
    rf"(?:^|\n)[A-Z][A-Z .'-]+,(?:\s+[A-Z][A-Za-z.]+)*\s*\((?P<a>{_MONTH}\s+{_DAY},?\s+{_YEAR4})\)"
    rf"|\bPosted:?\s+(?:{_WEEKDAY},?\s+)?(?P<b>{_MONTH}\s+{_DAY},?\s+{_YEAR4})"
)


def written_on(text: str, published: date | None) -> date | None:
    """The day a report says it was written on, when earlier than its publication date: a dateline
    ("SPRINGVALE, Ore. (March 3, 2014) —") or a "Posted: Monday, March 3, 2014" line near the top. A
    report republished or updated later still counts its "Saturday" and "yesterday" from that day."""
    m = _WRITTEN_ON.search(text, 0, 400)
    if m is None or published is None:
        return None
    found = _scan(m.group("a") or m.group("b") or "")
    if not found:
        return None
    value = _resolve(found[0], None, None)[0]
    day = parse_published(value)
    return day if day is not None and day < published else None


def _days_later(m: _Match, found: list[DateValue], lo: int) -> tuple[str | None, str, str | None]:
    """ "Two days later": counted from the last day named before it in the paragraph."""
    for d in reversed(found):
        if d.start is None or d.start < lo or d.precision != "day" or not d.value or d.value.startswith("--"):
            continue
        n = _count(str(m.groups["n"])) or 1
        days = n * (7 if str(m.groups["unit"]).lower().startswith("week") else 1)
        return (date.fromisoformat(d.value) + timedelta(days=days)).isoformat(), "day", None
    return None, "unknown", "counts from a day the text does not give"


def _year_before(found: list[DateValue], lo: int, hi: int, explicit_only: bool) -> int | None:
    for d in reversed(found):
        if d.start is None or d.start < lo or d.start >= hi:
            continue
        if explicit_only and not (re.search(r"\d{4}", d.text) and d.note == _IN_YEAR):
            continue
        y = _year_of(d.value)
        if y is not None:
            return y
    return None


def rough_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by punctuation and blank lines, for callers without a sentence segmentation."""
    spans, start = [], 0
    for m in re.finditer(r"(?<=[.!?])[\"')\]’”]?\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=[A-Z])", text):
        if "\n" not in m.group(0) and _ABBREV.search(text, max(0, m.start() - 6), m.start() + 1):
            continue
        if text[start : m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip() or not spans:
        spans.append((start, len(text)))
    return spans


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"\n\s*\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def resolve_date(text: str, published: str | date | None = None, anchor_year: int | None = None) -> DateValue:
    """Resolve one date expression ("Feb. 6", "last Tuesday", "the following year") to a DateValue."""
    pub = published if isinstance(published, date) or published is None else parse_published(published)
    matches = _scan(text)
    if not matches:
        return DateValue(value=None, precision="unknown", text=text, note="not a date expression")
    m = max(matches, key=lambda x: x.end - x.start)
    value, precision, note = _resolve(m, pub, anchor_year)
    return DateValue(
        value=value, precision=precision, text=text[m.start : m.end], start=m.start, end=m.end, note=note
    )


class DatesStep:
    """Pipeline step: every date expression of the document, resolved, into ``ReadingDoc.dates``."""

    name = "wireledger.dates"
    version = "1"
    reads = ("document", "sentences")
    writes = ("dates",)

    def __call__(self, doc: ReadingDoc) -> ReadingDoc:
        published = parse_published(doc.document.published)
        paragraphs = [(p.start, p.end) for p in doc.document.paragraphs] or None
        doc.dates = find_dates(doc.text, published, doc.sentences or None, paragraphs)
        return doc


@register_step("dates")
def make_dates_step(context: StepContext) -> DatesStep:
    return DatesStep()
