"""OFAC's SDN list in its official CSV layout: sdn.csv with its companions add.csv and alt.csv.

The files have no header; ``-0-`` (often followed by a space) means empty; lines end in CRLF and the
file may end with a ``\\x1A`` byte. sdn.csv has 12 columns (entry number, name, type, programs joined
by ``] [``, title, five vessel fields, remarks), add.csv 6 (entry number, address number, address,
city, country, remarks), alt.csv 5 (entry number, alias number, type, alias, remarks). The three are
parts of one list: loaded together they make one version; add.csv or alt.csv alone add to the list's
current version. Facts in the remarks ("DOB 24 Apr 1961; nationality Russia; Linked To: X") are
pulled into their fields; quoted "a.k.a. 'X'" in remarks are OFAC's low-quality aliases.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

from ...errors import Problem
from .base import (
    AIRCRAFT,
    ALIAS,
    ORGANIZATION,
    PERSON,
    PREVIOUS,
    VESSEL,
    WEAK_ALIAS,
    ListedName,
    LoadedList,
    SanctionsEntry,
    load_error,
    loaded_list,
)

LIST_ID = "us_ofac_sdn"
TITLE = "US OFAC Specially Designated Nationals (SDN) List"
PUBLISHER = "US Treasury, Office of Foreign Assets Control"
PART_COLUMNS = {"sdn": 12, "add": 6, "alt": 5}
_TYPES = {"individual": PERSON, "vessel": VESSEL, "aircraft": AIRCRAFT}
_ALT_KINDS = {"aka": ALIAS, "nka": ALIAS, "fka": PREVIOUS}
_WEAK_AKA = re.compile(r"""a\.k\.a\.,?\s*['"](.+?)['"]\.?$""", re.I)
_REMARK_FIELDS = (
    (re.compile(r"^(?:alt\.\s*)?DOB\s+(.+)$", re.I), "birth_dates"),
    (re.compile(r"^(?:alt\.\s*)?POB\s+(.+)$", re.I), "birth_places"),
    (re.compile(r"^(?:alt\.\s*)?nationality\s+(.+)$", re.I), "nationalities"),
    (re.compile(r"^(?:alt\.\s*)?citizen\s+(.+)$", re.I), "nationalities"),
    (re.compile(r"^Linked To:\s*(.+)$", re.I), "affiliations"),
)


def read_rows(path: Path, expected_columns: int | None = None) -> list[list[str]]:
    """Rows of one OFAC CSV file, ``-0-`` turned into empty strings."""
    raw = path.read_bytes().rstrip(b"\x1a\r\n")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    rows: list[list[str]] = []
    for row in csv.reader(io.StringIO(text, newline="")):
        if not row or all(not c.strip() for c in row):
            continue
        cells = ["" if c.strip() == "-0-" else c.strip() for c in row]
        if expected_columns is not None and len(cells) != expected_columns:
            raise load_error(
                path, f"row with {len(cells)} columns where OFAC's layout has {expected_columns}"
            )
        rows.append(cells)
    return rows


def part_of(path: Path) -> str | None:
    """Which part of the list a file is (sdn, add or alt), by its name or else its column count."""
    stem = path.name.lower().split(".")[0]
    for part in PART_COLUMNS:
        if stem.startswith(part) or stem.endswith(part):
            return part
    try:
        first = next(csv.reader(io.StringIO(path.read_text("utf-8", errors="replace")[:20000])))
    except StopIteration:
        return None
    if not first or not first[0].strip().isdigit():
        return None
    for part, n in PART_COLUMNS.items():
        if len(first) == n:
            return part
    return None


def load(paths: list[Path], as_of: str | None = None) -> LoadedList:
    """Read sdn.csv and/or its companions (all parts of one list version)."""
    parts: dict[str, Path] = {}
    for p in paths:
        part = part_of(p)
        if part is None:
            raise load_error(p, "not an OFAC sdn.csv, add.csv or alt.csv (unknown layout)")
        if part in parts:
            raise load_error(p, f"two {part}.csv files given for one OFAC list version")
        parts[part] = p
    entries: dict[str, SanctionsEntry] = {}
    problems: list[Problem] = []
    if "sdn" in parts:
        for row in read_rows(parts["sdn"], PART_COLUMNS["sdn"]):
            entry = _entry(row)
            entries[entry.entry_id] = entry
    companion = "sdn" not in parts
    if "alt" in parts:
        _apply(parts["alt"], entries, companion, problems, _alias)
    if "add" in parts:
        _apply(parts["add"], entries, companion, problems, _address)
    return loaded_list(
        list_id=LIST_ID,
        title=TITLE,
        publisher=PUBLISHER,
        format="ofac",
        paths=list(parts.values()),
        entries=entries.values(),
        as_of=as_of,
        companion=companion,
        problems=problems,
    )


def _entry(row: list[str]) -> SanctionsEntry:
    ent_num, name, sdn_type, programs, title = row[0], row[1], row[2], row[3], row[4]
    schema = _TYPES.get(sdn_type.lower(), ORGANIZATION)
    entry = SanctionsEntry(entry_id=ent_num, schema=schema)
    entry.add_name(_listed(name, "primary", schema))
    entry.programs = [p.strip(" []") for p in programs.split("] [") if p.strip(" []")]
    if title:
        entry.positions.append(title)
    if schema == VESSEL:
        if row[9]:
            entry.countries.append(row[9])  # the flag
        if row[10]:
            entry.affiliations.append(row[10])  # the owner
    remarks = row[11].rstrip(".") if row[11] else ""
    for item in _split_remarks(remarks):
        weak = _WEAK_AKA.match(item)
        if weak:
            entry.add_name(ListedName(weak[1], WEAK_ALIAS))
            continue
        for pattern, attr in _REMARK_FIELDS:
            m = pattern.match(item)
            if m:
                getattr(entry, attr).append(m[1].strip().rstrip("."))
                break
        else:
            if item.lower().startswith("gender "):
                entry.gender = item.split(None, 1)[1].lower()
            elif item != title:
                entry.remarks.append(item)
    return entry


def _split_remarks(text: str) -> list[str]:
    """OFAC separates remark items with "; "."""
    return [i.strip() for i in re.split(r";\s+", text) if i.strip()]


def _listed(name: str, kind: str, schema: str) -> ListedName:
    if schema == PERSON and "," in name:
        family, _, given = name.partition(",")
        return ListedName(name, kind, family=family.strip(), given=given.strip() or None)
    return ListedName(name, kind)


def _apply(
    path: Path,
    entries: dict[str, SanctionsEntry],
    companion: bool,
    problems: list[Problem],
    fn: Callable[[SanctionsEntry, list[str]], None],
) -> None:
    part = part_of(path) or "alt"
    unknown = 0
    for row in read_rows(path, PART_COLUMNS[part]):
        entry = entries.get(row[0])
        if entry is None:
            if not companion:
                unknown += 1
                continue
            entry = entries[row[0]] = SanctionsEntry(entry_id=row[0], schema="")
        fn(entry, row)
    if unknown:
        problems.append(
            Problem(
                "W140",
                str(path),
                f"{unknown} rows name entries that sdn.csv does not hold",
                "those rows were skipped",
            )
        )


def _alias(entry: SanctionsEntry, row: list[str]) -> None:
    kind = _ALT_KINDS.get(row[2].strip().lower(), ALIAS)
    schema = entry.schema or (PERSON if "," in row[3] else ORGANIZATION)
    entry.add_name(_listed(row[3], kind, schema))


def _address(entry: SanctionsEntry, row: list[str]) -> None:
    country = row[4].strip()
    if country and country not in entry.countries:
        entry.countries.append(country)
