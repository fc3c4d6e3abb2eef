"""What a sanctions list is once read: a version of a list, holding entries with names and facts.

Every loader (one module per publication format) returns a :class:`LoadedList`. Fields keep the
source's wording; only structure is extracted (which column is a name, which is a date of birth).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ...errors import InputError, Problem
from ...model.sanctions import (
    AIRCRAFT as AIRCRAFT,
)
from ...model.sanctions import (
    ALIAS as ALIAS,
)
from ...model.sanctions import (
    NON_LATIN as NON_LATIN,
)
from ...model.sanctions import (
    ORGANIZATION as ORGANIZATION,
)
from ...model.sanctions import (
    OTHER as OTHER,
)
from ...model.sanctions import (  # the data itself lives in the model: the store keeps it too
    PERSON as PERSON,
)
from ...model.sanctions import (
    PREVIOUS as PREVIOUS,
)
from ...model.sanctions import (
    PRIMARY as PRIMARY,
)
from ...model.sanctions import (
    SCREENED_KINDS as SCREENED_KINDS,
)
from ...model.sanctions import (
    VESSEL as VESSEL,
)
from ...model.sanctions import (
    WEAK_ALIAS as WEAK_ALIAS,
)
from ...model.sanctions import (
    ListedName as ListedName,
)
from ...model.sanctions import (
    ListVersionRef as ListVersionRef,
)
from ...model.sanctions import (
    LoadedList as LoadedList,
)
from ...model.sanctions import (
    SanctionsEntry as SanctionsEntry,
)
from ...model.sanctions import (
    SourceFile as SourceFile,
)

# --- helpers shared by loaders -------------------------------------------------------------------

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_NAMED = re.compile(r"(\d{1,2})[ _-]?(" + "|".join(_MONTHS) + r")[a-z]*[ _-]?(\d{4})", re.I)
_NAMED_US = re.compile(r"(" + "|".join(_MONTHS) + r")[a-z]*[ _-](\d{1,2})[ _-](\d{4})", re.I)
_YM = re.compile(r"(?<!\d)(\d{4})-(\d{2})(?!\d)")


def date_in_name(name: str) -> str | None:
    """An ISO date written in a file or folder name (2024-05-03, Aug_11_2025, 2025-08), if any."""
    for pattern, order in ((_ISO, "ymd"), (_NAMED_US, "mdy"), (_NAMED, "dmy")):
        m = pattern.search(name)
        if not m:
            continue
        try:
            if order == "ymd":
                return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            if order == "mdy":
                return date(int(m[3]), _MONTHS.index(m[1][:3].lower()) + 1, int(m[2])).isoformat()
            return date(int(m[3]), _MONTHS.index(m[2][:3].lower()) + 1, int(m[1])).isoformat()
        except ValueError:
            continue
    m = _YM.search(name)
    if m and 1 <= int(m[2]) <= 12:
        return date(int(m[1]), int(m[2]), 1).isoformat()
    return None


def resolve_version_date(paths: list[Path], in_file: str | None, as_of: str | None,
                         newest_listed: str | None = None) -> tuple[str, str]:
    """The version date and where it came from, first found of: the date the file gives itself
    (``file``), ``--as-of``, a date in the file's or folder's name (``file_name``), the newest listing
    date its entries print (``newest_listing``: the list is at least that recent), the file's mtime."""
    if in_file:
        return in_file, "file"
    if as_of:
        return as_of, "as_of"
    for p in paths:
        for part in (p.name, p.parent.name):
            found = date_in_name(part)
            if found:
                return found, "file_name"
    if newest_listed:
        return newest_listed, "newest_listing"
    newest = max(p.stat().st_mtime for p in paths)
    return datetime.fromtimestamp(newest).date().isoformat(), "file_modified"


def newest_listing(entries: Iterable[SanctionsEntry]) -> str | None:
    """The newest listing date the entries print (ISO or day.month.year), if any."""
    found = [d for e in entries if e.listed_on
             for d in (_iso_or_none(e.listed_on) or parse_day_month_year(e.listed_on),) if d]
    return max(found, default=None)


def _iso_or_none(text: str) -> str | None:
    try:
        return date.fromisoformat(text.strip()[:10]).isoformat()
    except ValueError:
        return None


def parse_day_month_year(text: str) -> str | None:
    """ "14/04/2025" or "14-04-2025" -> "2025-04-14"."""
    m = re.fullmatch(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*", text or "")
    if not m:
        return None
    try:
        return date(int(m[3]), int(m[2]), int(m[1])).isoformat()
    except ValueError:
        return None


def load_error(path: Path | str, cause: str, consequence: str = "list not loaded") -> InputError:
    return InputError("E140", str(path), cause, consequence)


def split_values(text: str | None, sep: str = ";") -> list[str]:
    if not text:
        return []
    return [v.strip() for v in str(text).split(sep) if v.strip()]


def single_file(paths: Sequence[Path], what: str) -> Path:
    """The one file a single-file format was given; an error naming the input when given several."""
    if len(paths) != 1:
        raise load_error(paths[0], what)
    return paths[0]


def first_rows_match(rows: Callable[[], Iterable[Sequence[Any]]], test: Callable[[Sequence[Any]], bool],
                     within: int = 3) -> bool:
    """Whether one of the first ``within`` rows passes ``test`` (format sniffing: a title line or a
    "last updated" line may come before the header). An unreadable file is simply not the format."""
    try:
        for i, row in enumerate(rows()):
            if test(row):
                return True
            if i + 1 >= within:
                return False
    except Exception:  # any unreadable file is simply not this format
        return False
    return False


def loaded_list(
    *,
    list_id: str,
    title: str,
    publisher: str,
    format: str,
    paths: Sequence[Path],
    entries: Iterable[SanctionsEntry],
    as_of: str | None,
    in_file: str | None = None,
    companion: bool = False,
    problems: list[Problem] | None = None,
) -> LoadedList:
    """A version of a list as read from ``paths``: dated by the file, ``as_of``, the name, the newest
    listing date of its entries, or the mtime (``resolve_version_date``)."""
    entries = list(entries)
    version, source = resolve_version_date(list(paths), in_file, as_of, newest_listing(entries))
    return LoadedList(
        list_id=list_id,
        title=title,
        publisher=publisher,
        format=format,
        version_date=version,
        version_date_source=source,
        entries=entries,
        files=[SourceFile.of(p) for p in paths],
        companion=companion,
        problems=problems or [],
    )
