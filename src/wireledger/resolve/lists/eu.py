"""EU designations transcribed from the Official Journal to CSV (OpenSanctions' journal transcription).

One row per designated entity in one legal context. Consolidated files (``{celex}.csv``, first
column ``celex``) are a complete snapshot of a framework act's annexes: one list version. Amendment
files (first columns ``amendedCelex,amendmentCelex``) hold the additions made by one amending act:
they add to the list of the framework act they amend. Multi-valued cells separate values with
``;`` (CSV-quoted inside the cell when a value holds one). Names keep the source's form: the primary
``name`` is usually "Given Patronymic SURNAME"; ``alias`` holds Latin and Cyrillic aliases.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from .base import (
    ALIAS,
    PERSON,
    PREVIOUS,
    PRIMARY,
    VESSEL,
    WEAK_ALIAS,
    ListedName,
    LoadedList,
    SanctionsEntry,
    load_error,
    loaded_list,
    single_file,
)

PUBLISHER = "Council of the European Union (Official Journal), transcribed by OpenSanctions"
CONSOLIDATED_FIRST = ("celex", "recordId", "programKey")
AMENDMENT_FIRST = ("amendedCelex", "amendmentCelex", "recordId", "programKey")
_SCHEMAS = {"person": PERSON, "vessel": VESSEL}
_NAME_COLUMNS = (("alias", ALIAS), ("weakAlias", WEAK_ALIAS), ("previousName", PREVIOUS))
_SLUG = re.compile(r"[^a-z0-9]+")


def header_of(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        return next(csv.reader(fh), [])


def looks_like(path: Path) -> bool:
    try:
        head = tuple(header_of(path))
    except OSError:
        return False
    return head[:3] == CONSOLIDATED_FIRST or head[:4] == AMENDMENT_FIRST


def values(cell: str | None) -> list[str]:
    """A multi-valued cell: ``Foo; "Bar; Baz"`` -> ["Foo", "Bar; Baz"]."""
    if not cell:
        return []
    row = next(csv.reader(io.StringIO(cell), delimiter=";", skipinitialspace=True), [])
    return [v.strip() for v in row if v.strip()]


def load(paths: list[Path], as_of: str | None = None) -> LoadedList:
    path = single_file(paths, "give each EU journal CSV on its own")
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        reader = csv.DictReader(fh)
        head = tuple(reader.fieldnames or ())
        if head[:3] == CONSOLIDATED_FIRST:
            framework_column, companion = "celex", False
        elif head[:4] == AMENDMENT_FIRST:
            framework_column, companion = "amendedCelex", True
        else:
            raise load_error(path, "not an EU journal CSV (header must start with celex or amendedCelex)")
        entries: dict[str, SanctionsEntry] = {}
        frameworks: set[str] = set()
        program_keys: list[str] = []
        for row in reader:
            name = (row.get("name") or "").strip()
            if not name:
                continue
            frameworks.add((row.get(framework_column) or "").strip())
            entry_id = _entry_id(row)
            entry = entries.get(entry_id)
            if entry is None:
                schema = _SCHEMAS.get((row.get("schema") or "").strip().lower(), "organization")
                entry = entries[entry_id] = SanctionsEntry(entry_id=entry_id, schema=schema)
            _merge(entry, row)
            key = (row.get("programKey") or "").strip()
            if key and key not in program_keys:
                program_keys.append(key)
    frameworks.discard("")
    if len(frameworks) != 1:
        raise load_error(path, f"expected rows of one framework act, found {len(frameworks) or 'none'}")
    celex = frameworks.pop()
    programs = ", ".join(program_keys) or "EU"
    return loaded_list(
        list_id=f"eu_{celex}",
        title=f"EU sanctions under {celex} ({programs})",
        publisher=PUBLISHER,
        format="eu",
        paths=paths,
        entries=entries.values(),
        as_of=as_of,
        companion=companion,
    )


def _entry_id(row: dict[str, str]) -> str:
    annex = (row.get("annex") or "").strip() or "-"
    record = (row.get("recordId") or "").strip()
    if record:
        return f"{annex}/{record}"
    # the act prints no number: the name stands in, so the same designation keeps its id
    return f"{annex}/" + _SLUG.sub("-", (row.get("name") or "").lower()).strip("-")


def _merge(entry: SanctionsEntry, row: dict[str, str]) -> None:
    primary = (row.get("name") or "").strip()
    entry.add_name(ListedName(primary, PRIMARY))
    for column, kind in _NAME_COLUMNS:
        for alias in values(row.get(column)):
            for name in _expand_alias(alias, primary, entry.schema):
                entry.add_name(ListedName(name, kind))
    for attr, column in (
        ("birth_dates", "birthDate"),
        ("birth_places", "birthPlace"),
        ("nationalities", "nationality"),
        ("countries", "country"),
        ("positions", "position"),
        ("remarks", "notes"),
    ):
        for v in values(row.get(column)):
            if v not in getattr(entry, attr):
                getattr(entry, attr).append(v)
    for v in values(row.get("jurisdiction")):
        if v not in entry.countries:
            entry.countries.append(v)
    for attr, column in (("programs", "programKey"), ("remarks", "reason")):
        v = (row.get(column) or "").strip()
        if v and v not in getattr(entry, attr):
            getattr(entry, attr).append(v)
    gender = values(row.get("gender"))
    if gender and not entry.gender:
        entry.gender = gender[0].lower()
    if not entry.listed_on:
        entry.listed_on = (row.get("startDate") or "").strip() or None


def _expand_alias(alias: str, primary: str, schema: str) -> list[str]:
    """A person's one-word aliases ("Ahmad", "Zughib, Zgha'ib") are variants of the surname: they are
    written out with the primary name's other words, so that they compare as whole names."""
    pieces = [p.strip() for p in alias.split(",")] if "," in alias else [alias]
    if schema != PERSON or not all(p and len(p.split()) == 1 for p in pieces):
        return [alias]
    words = primary.split()
    if len(words) < 2:
        return [alias]
    caps = [w for w in words if w.isupper() and len(w) > 1]
    surname = caps[-1] if caps else words[-1]
    return [" ".join(p if w == surname else w for w in words) for p in pieces]
