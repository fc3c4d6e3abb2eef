"""The FCDO UK Sanctions List summary export (OpenDocument spreadsheet, .ods): a publication of its own.

Eight columns: Unique ID (the UK Sanctions List reference, e.g. ``CHW0007``), OFSI Group ID, Name,
Regime Name, Type (Individual / Entity / Ship), Designation source, Date Designated (dd-mm-yyyy),
Sanctions Imposed. One row per designation; individuals' names are printed surname first
("Alexseyev Vladimir Stepanovich"). The export carries no date of its own: the version date comes from
``--as-of`` or the file's name (FCDO_SL_Mon_Aug_11_2025.ods).

The sheet is read as a stream of rows straight from the archive's content.xml (external entities and
network access off), because the export runs to millions of repeated empty cells.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from .base import (
    ORGANIZATION,
    PERSON,
    VESSEL,
    ListedName,
    LoadedList,
    SanctionsEntry,
    first_rows_match,
    load_error,
    loaded_list,
    parse_day_month_year,
    single_file,
)

LIST_ID = "uk_fcdo_sanctions_list"
TITLE = "UK Sanctions List (FCDO), summary export"
PUBLISHER = "UK Foreign, Commonwealth and Development Office"
HEADER = ("Unique ID", "OFSI Group ID", "Name", "Regime Name", "Type")
_NS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_NS_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TYPES = {"individual": PERSON, "entity": ORGANIZATION, "ship": VESSEL}
_MAX_REPEAT = 64  # repeated cells beyond this are padding to the sheet's edge


def rows_of(path: Path) -> Iterator[list[str]]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise load_error(path, f"not an OpenDocument spreadsheet ({exc})") from exc
    with archive, archive.open("content.xml") as fh:
        row_tag = f"{{{_NS_TABLE}}}table-row"
        cell_tags = (f"{{{_NS_TABLE}}}table-cell", f"{{{_NS_TABLE}}}covered-table-cell")
        repeat_attr = f"{{{_NS_TABLE}}}number-columns-repeated"
        try:
            for _, el in etree.iterparse(
                fh, events=("end",), tag=row_tag, resolve_entities=False, no_network=True, load_dtd=False
            ):
                cells: list[str] = []
                for cell in el.iterchildren(*cell_tags):
                    text = "\n".join("".join(p.itertext()) for p in cell.iterchildren(f"{{{_NS_TEXT}}}p"))
                    repeat = int(cell.get(repeat_attr, "1") or 1)
                    cells.extend([text.strip()] * (repeat if repeat <= _MAX_REPEAT or text else 1))
                el.clear()
                while cells and not cells[-1]:
                    cells.pop()
                yield cells
        except etree.XMLSyntaxError as exc:
            raise load_error(path, f"malformed content.xml ({exc})") from exc


def looks_like(path: Path) -> bool:
    return first_rows_match(lambda: rows_of(path), lambda row: tuple(row[: len(HEADER)]) == HEADER)


def load(paths: list[Path], as_of: str | None = None) -> LoadedList:
    path = single_file(paths, "the FCDO summary export is one file; give each version on its own")
    header: list[str] | None = None
    entries: dict[str, SanctionsEntry] = {}
    for row in rows_of(path):
        if header is None:
            if tuple(row[: len(HEADER)]) == HEADER:
                header = row
            elif any(row):
                raise load_error(path, "no FCDO header row (Unique ID, OFSI Group ID, Name, ...)")
            continue
        if not any(row):
            continue
        rec = dict(zip(header, row))
        uid = rec.get("Unique ID", "").strip()
        name = rec.get("Name", "").strip()
        if not uid or not name:
            continue
        schema = _TYPES.get(rec.get("Type", "").strip().lower(), ORGANIZATION)
        entry = entries.get(uid)
        if entry is None:
            entry = entries[uid] = SanctionsEntry(entry_id=uid, schema=schema)
        if schema == PERSON and " " in name:
            entry.add_name(
                ListedName(name, "primary" if len(entry.names) == 0 else "alias", family=name.split()[0])
            )
        else:
            entry.add_name(ListedName(name, "primary" if len(entry.names) == 0 else "alias"))
        for attr, column in (("programs", "Regime Name"),):
            value = rec.get(column, "").strip()
            if value and value not in getattr(entry, attr):
                getattr(entry, attr).append(value)
        group = rec.get("OFSI Group ID", "").strip()
        if group:
            note = f"OFSI Group ID {group}"
            if note not in entry.remarks:
                entry.remarks.append(note)
        for column in ("Designation source", "Sanctions Imposed"):
            value = rec.get(column, "").strip()
            if value:
                note = f"{column}: {value}"
                if note not in entry.remarks:
                    entry.remarks.append(note)
        if not entry.listed_on:
            entry.listed_on = parse_day_month_year(rec.get("Date Designated", "")) or None
    if header is None:
        raise load_error(path, "empty sheet or no FCDO header row")
    return loaded_list(
        list_id=LIST_ID,
        title=TITLE,
        publisher=PUBLISHER,
        format="uk-fcdo",
        paths=paths,
        entries=entries.values(),
        as_of=as_of,
    )
