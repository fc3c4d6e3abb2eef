"""The UK HM Treasury (OFSI) consolidated list: its xlsx export, and the csv form with the same columns.

Row 1 reads ``Last Updated`` and the version date (dd/mm/yyyy); row 2 is the header (36 columns);
then one row per *name*, rows of one designation sharing a ``Group ID``. ``Name 6`` is the surname
(or an entity's whole name), ``Name 1``-``Name 5`` the given names. ``Alias Type`` says whether a row
is the primary name, a variation of it, an a.k.a. or an f.k.a.; ``Alias Quality`` marks low-quality
aliases. Facts (DOB, nationality, position, regime, ...) repeat on every row of a group and are merged.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .base import (
    ALIAS,
    NON_LATIN,
    ORGANIZATION,
    PERSON,
    PREVIOUS,
    PRIMARY,
    VESSEL,
    WEAK_ALIAS,
    ListedName,
    LoadedList,
    SanctionsEntry,
    first_rows_match,
    load_error,
    loaded_list,
    parse_day_month_year,
    single_file,
)

LIST_ID = "uk_ofsi_consolidated"
TITLE = "UK HM Treasury (OFSI) Consolidated List of Financial Sanctions Targets"
PUBLISHER = "HM Treasury, Office of Financial Sanctions Implementation"
REQUIRED = ("Name 6", "Group ID", "Group Type", "Regime")
_GROUP_TYPES = {"individual": PERSON, "entity": ORGANIZATION, "ship": VESSEL}


def rows_of(path: Path) -> Iterator[list[Any]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl

        try:
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a damaged workbook
            raise load_error(path, f"not a readable xlsx workbook ({exc.__class__.__name__}: {exc})") from exc
        try:
            ws = wb.worksheets[0]
            for row in ws.iter_rows(values_only=True):
                yield list(row)
        finally:
            wb.close()
    else:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
            yield from csv.reader(fh)


def looks_like(path: Path) -> bool:
    """True when the file's first rows are OFSI's "Last Updated" line and/or its header."""

    def has_header(row: Sequence[Any]) -> bool:
        cells = [str(c).strip() if c is not None else "" for c in row]
        return all(col in cells for col in REQUIRED)

    return first_rows_match(lambda: rows_of(path), has_header)


def load(paths: list[Path], as_of: str | None = None) -> LoadedList:
    path = single_file(paths, "the OFSI consolidated list is one file; give each version on its own")
    rows = rows_of(path)
    header: list[str] | None = None
    last_updated: str | None = None
    groups: dict[str, SanctionsEntry] = {}
    for row in rows:
        cells = ["" if c is None else str(c).strip() for c in row]
        if header is None:
            if cells and cells[0].lower() == "last updated" and len(cells) > 1:
                last_updated = parse_day_month_year(cells[1]) or _iso(row[1])
                continue
            if all(col in cells for col in REQUIRED):
                header = cells
                continue
            if any(cells):
                raise load_error(path, "no OFSI header row (Name 6 ... Group ID) in the first rows")
            continue
        if not any(cells):
            continue
        rec = dict(zip(header, cells))
        gid = rec.get("Group ID", "")
        if not gid:
            continue
        entry = groups.get(gid)
        if entry is None:
            schema = _GROUP_TYPES.get(rec.get("Group Type", "").lower(), ORGANIZATION)
            entry = groups[gid] = SanctionsEntry(entry_id=gid, schema=schema)
        _merge(entry, rec)
    if header is None:
        raise load_error(path, "empty file or no OFSI header row")
    return loaded_list(
        list_id=LIST_ID,
        title=TITLE,
        publisher=PUBLISHER,
        format="uk-ofsi",
        paths=paths,
        entries=groups.values(),
        as_of=as_of,
        in_file=last_updated,
    )


def _iso(value: Any) -> str | None:
    if hasattr(value, "date"):
        return str(value.date().isoformat())
    return None


def _add(values: list[str], value: str) -> None:
    value = value.strip()
    if value and value not in values:
        values.append(value)


def _merge(entry: SanctionsEntry, rec: dict[str, str]) -> None:
    surname = rec.get("Name 6", "")
    given = " ".join(rec.get(f"Name {i}", "") for i in range(1, 6)).split()
    alias_type = rec.get("Alias Type", "").lower()
    quality = rec.get("Alias Quality", "").lower()
    if alias_type.startswith("primary"):
        kind = PRIMARY if alias_type == "primary name" else ALIAS
    elif alias_type == "fka":
        kind = PREVIOUS
    else:
        kind = ALIAS
    if quality.startswith("low"):
        kind = WEAK_ALIAS
    if entry.schema == PERSON and given:
        full = " ".join([*given, surname]).strip()
        entry.add_name(ListedName(full, kind, family=surname or None, given=" ".join(given)))
    else:
        entry.add_name(ListedName(" ".join([*given, surname]).strip(), kind))
    if rec.get("Name Non-Latin Script"):
        entry.add_name(ListedName(rec["Name Non-Latin Script"], NON_LATIN))
    _add(entry.titles, rec.get("Title", ""))
    _add(entry.positions, rec.get("Position", ""))
    _add(entry.programs, rec.get("Regime", ""))
    dob = rec.get("DOB", "")
    _add(entry.birth_dates, dob.replace("00/00/", "") if dob else "")
    _add(
        entry.birth_places, ", ".join(v for v in (rec.get("Town of Birth"), rec.get("Country of Birth")) if v)
    )
    _add(entry.nationalities, rec.get("Nationality", ""))
    _add(entry.countries, rec.get("Country", ""))
    _add(entry.remarks, rec.get("Other Information", ""))
    if not entry.listed_on:
        entry.listed_on = parse_day_month_year(rec.get("Listed On", "")) or rec.get("Listed On") or None
