"""Canada's Special Economic Measures Act (SEMA) consolidated list, official XML.

``<data-set>`` holds ``<record>`` elements: ``Country`` (the regime, bilingual "Russia / Russie", or a
regulation's name), ``LastName`` and ``GivenName`` for people or ``Entity`` for organisations,
``Aliases`` (comma-separated), ``Title`` (a rank, bilingual), ``DateOfBirth``, ``Schedule`` and
``Item``. Items are numbered per regime and schedule, so an entry's id is "regime/schedule/item".
The file carries no date: the version date comes from ``--as-of`` or the file's name.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from .base import (
    ALIAS,
    ORGANIZATION,
    PERSON,
    PRIMARY,
    ListedName,
    LoadedList,
    SanctionsEntry,
    load_error,
    loaded_list,
    single_file,
)

LIST_ID = "ca_sema"
TITLE = "Canada Consolidated Special Economic Measures Act (SEMA) Sanctions List"
PUBLISHER = "Global Affairs Canada"
_SLUG = re.compile(r"[^A-Za-z0-9]+")


def looks_like(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(4096).decode("utf-8", errors="replace")
    except OSError:
        return False
    return "<data-set" in head and "<record" in head


def english(text: str) -> str:
    """The English half of a bilingual "English / Français" value."""
    return text.split("/")[0].strip() if " / " in text or "/" in text else text.strip()


def load(paths: list[Path], as_of: str | None = None) -> LoadedList:
    path = single_file(paths, "give each SEMA XML file on its own")
    try:
        root = SafeET.parse(path).getroot()
    except (SafeET.ParseError, DefusedXmlException) as exc:
        raise load_error(path, f"malformed or unsafe XML ({exc})") from exc
    if root.tag != "data-set":
        raise load_error(path, f"root element is <{root.tag}>, not SEMA's <data-set>")
    entries: dict[str, SanctionsEntry] = {}
    for rec in root.iter("record"):
        entry = _entry(rec)
        if entry is None:
            continue
        if entry.entry_id in entries:
            for n in entry.names:
                entries[entry.entry_id].add_name(n)
        else:
            entries[entry.entry_id] = entry
    return loaded_list(
        list_id=LIST_ID,
        title=TITLE,
        publisher=PUBLISHER,
        format="canada",
        paths=paths,
        entries=entries.values(),
        as_of=as_of,
    )


def _text(rec: Element, tag: str) -> str:
    el = rec.find(tag)
    return " ".join((el.text or "").split()) if el is not None else ""


def _entry(rec: Element) -> SanctionsEntry | None:
    regime = _text(rec, "Country")
    last, given, entity = _text(rec, "LastName"), _text(rec, "GivenName"), _text(rec, "Entity")
    if not (last or given or entity):
        return None
    program = english(regime)
    entry_id = "/".join(
        _SLUG.sub("-", v).strip("-") or "-" for v in (program, _text(rec, "Schedule"), _text(rec, "Item"))
    )
    if last or given:
        entry = SanctionsEntry(entry_id=entry_id, schema=PERSON)
        entry.add_name(
            ListedName(
                " ".join(v for v in (given, last) if v), PRIMARY, family=last or None, given=given or None
            )
        )
    else:
        entry = SanctionsEntry(entry_id=entry_id, schema=ORGANIZATION)
        entry.add_name(ListedName(entity, PRIMARY))
    for alias in _text(rec, "Aliases").split(", "):
        entry.add_name(ListedName(alias.strip(" ,"), ALIAS))
    if regime:
        entry.programs.append(program)
        # most regimes are named after a country: kept as the entry's country association (a
        # regulation's name simply never matches a country qualifier)
        entry.countries.append(program)
    title = _text(rec, "Title")
    if title:
        entry.titles.append(english(title))
    dob = _text(rec, "DateOfBirth")
    if dob:
        entry.birth_dates.append(dob)
    schedule = _text(rec, "Schedule")
    if schedule:
        entry.remarks.append(f"Schedule {schedule}, item {_text(rec, 'Item')}")
    return entry
