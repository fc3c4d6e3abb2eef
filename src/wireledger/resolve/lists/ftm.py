"""FollowTheMoney entities as JSON lines (OpenSanctions' export format): one entity per line.

Listed people and organisations are the entities marked ``"target": true`` (or with the topic
``sanction``) of a schema that has names (Person, Organization, Company, LegalEntity, Vessel,
Airplane). ``Sanction`` entities attach programs and dates to the entity they name. The version
date is the newest ``last_seen`` in the file (when the export was made), else ``--as-of``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .base import (
    AIRCRAFT,
    ALIAS,
    ORGANIZATION,
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

PUBLISHER = "OpenSanctions (FollowTheMoney export)"
_SCHEMAS = {
    "Person": PERSON,
    "Organization": ORGANIZATION,
    "Company": ORGANIZATION,
    "LegalEntity": ORGANIZATION,
    "PublicBody": ORGANIZATION,
    "Vessel": VESSEL,
    "Airplane": AIRCRAFT,
}
_NAME_PROPS = (("name", PRIMARY), ("alias", ALIAS), ("previousName", PREVIOUS), ("weakAlias", WEAK_ALIAS))
_FACTS = (
    ("birth_dates", "birthDate"),
    ("birth_places", "birthPlace"),
    ("nationalities", "nationality"),
    ("nationalities", "citizenship"),
    ("countries", "country"),
    ("countries", "jurisdiction"),
    ("positions", "position"),
    ("remarks", "notes"),
    ("programs", "programId"),
)


def looks_like(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            first = fh.readline()
        obj = json.loads(first)
    except (OSError, ValueError):
        return False
    return isinstance(obj, dict) and "schema" in obj and "properties" in obj


def load(paths: list[Path], as_of: str | None = None) -> LoadedList:
    path = single_file(paths, "give each FollowTheMoney file on its own")
    entities: list[dict[str, Any]] = []
    with path.open(encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError as exc:
                raise load_error(path, f"line {n} is not valid JSON ({exc})") from exc
            if isinstance(obj, dict) and "schema" in obj:
                entities.append(obj)
    entries: dict[str, SanctionsEntry] = {}
    seen: list[str] = []
    for obj in entities:
        seen.extend(str(obj.get(k, ""))[:10] for k in ("last_seen",) if obj.get(k))
        schema = _SCHEMAS.get(str(obj.get("schema")))
        props = obj.get("properties") or {}
        if schema is None or not _listed(obj, props):
            continue
        entry = SanctionsEntry(entry_id=str(obj.get("id")), schema=schema)
        first, last = props.get("firstName") or [], props.get("lastName") or []
        for prop, kind in _NAME_PROPS:
            for name in props.get(prop) or []:
                entry.add_name(_name(str(name), kind, first, last))
        if not entry.names and obj.get("caption"):
            entry.add_name(ListedName(str(obj["caption"])))
        for attr, prop in _FACTS:
            for v in props.get(prop) or []:
                if str(v) not in getattr(entry, attr):
                    getattr(entry, attr).append(str(v))
        gender = props.get("gender") or []
        entry.gender = str(gender[0]) if gender else None
        entries[entry.entry_id] = entry
    for obj in entities:
        if obj.get("schema") != "Sanction":
            continue
        props = obj.get("properties") or {}
        for target in props.get("entity") or []:
            sanctioned = entries.get(str(target))
            if sanctioned is None:
                continue
            for prog in props.get("program") or []:
                if str(prog) not in sanctioned.programs:
                    sanctioned.programs.append(str(prog))
            start = props.get("startDate") or []
            if start and not sanctioned.listed_on:
                sanctioned.listed_on = str(min(start))
    in_file = max(seen) if seen else None
    stem = path.name.split(".")[0]
    return loaded_list(
        list_id=f"ftm_{stem}",
        title=f"FollowTheMoney entities: {stem}",
        publisher=PUBLISHER,
        format="ftm",
        paths=paths,
        entries=entries.values(),
        as_of=as_of,
        in_file=in_file,
    )


def _listed(obj: dict[str, Any], props: dict[str, Any]) -> bool:
    if obj.get("target") is True:
        return True
    return "target" not in obj and "sanction" in (props.get("topics") or [])


def _name(name: str, kind: str, first: list[str], last: list[str]) -> ListedName:
    """Give a name its surname and given names when the entity's lastName/firstName are words of it."""
    words = {w.lower() for w in name.replace(",", " ").split()}
    family = next((v for v in last if v.lower() in words), None)
    given = next((v for v in first if v.lower() in words), None)
    return ListedName(name, kind, family=family, given=given)
