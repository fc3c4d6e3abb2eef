"""Timelines: incidents in date order, for a person or organisation, a place, a time range or a type.

Each entry keeps the precision its date is known to: an appointment "since 2011" stands as ``2011``, a
shooting "on Feb. 6" as ``2026-02-06``; an incident whose date only comes from when it was reported is
marked ``(inferred)``. Entries sort by the first day their date could be, then by how precise it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .profile import date_interval, name_keys
from .record import date_label, name_value_key

_PRECISION_ORDER = {"day": 0, "month": 1, "year": 2, "inferred": 3, "unknown": 4}


@dataclass
class TimelineEntry:
    incident: str
    date: str  # as precisely as known
    precision: str
    type: str | None
    place: str | None
    roles: list[str] = field(default_factory=list)  # the subject's roles in it (timeline by name)
    sources: int = 0
    reports: int = 0
    background_only: bool = False
    sort_key: tuple[int, int, str] = (10**9, 9, "")

    def to_dict(self) -> dict[str, Any]:
        return {"incident": self.incident, "date": self.date, "precision": self.precision, "type": self.type,
                "place": self.place, "roles": self.roles, "sources": self.sources, "reports": self.reports,
                "background_only": self.background_only}


def person_keys(name: str) -> list[str]:
    """The keys ``incident_people`` files a name under that a query by ``name`` should meet: a full name
    meets the same full name and the mentions by surname alone, never another person of that surname."""
    full, surname = name_keys(name)
    keys = [f"f:{full}"] if full else []
    if surname:
        keys.append(f"s:{surname}")
    keys.append(f"o:{name_value_key(name)}")
    return keys


def affiliation_key(organisation: str) -> str:
    """The key ``incident_people`` files a person under for an organisation they belong to."""
    return f"a:{name_value_key(organisation)}"


def stored_person_keys(person: dict[str, Any]) -> list[str]:
    """The keys a person of an incident record is filed under (see ``person_keys``)."""
    if person.get("kind") == "person":
        if person.get("full_key"):  # sf: finds everyone of a surname, s: only those named by it alone
            return [f"f:{person['full_key']}", f"sf:{person.get('surname_key')}"]
        if person.get("surname_key"):
            return [f"s:{person['surname_key']}"]
    return [f"o:{name_value_key(person['name'])}"]


def entry_from_summary(summary: dict[str, Any], roles: list[str] | None = None) -> TimelineEntry:
    precision = summary.get("precision") or "unknown"
    lo = hi = None
    if summary.get("date"):
        lo, hi, _ = date_interval(str(summary["date"]), None)
    if lo is None and summary.get("date_lo") is not None:
        lo, hi = summary.get("date_lo"), summary.get("date_hi")
    return TimelineEntry(
        incident=summary["id"], date=date_label(lo, hi, precision) if lo is not None else "date unknown",
        precision=precision, type=summary.get("type"), place=summary.get("place"),
        roles=sorted(set(roles or [])),
        sources=int(summary.get("sources") or 0), reports=int(summary.get("reports") or 0),
        background_only=bool(summary.get("background_only")),
        sort_key=(lo if lo is not None else 10**9, _PRECISION_ORDER.get(precision, 9), summary["id"]),
    )


def build_timeline(summaries: list[dict[str, Any]],
                   roles: dict[str, list[str]] | None = None) -> list[TimelineEntry]:
    """Timeline entries of incident summaries (``roles``: incident -> the subject's roles in it)."""
    entries = [entry_from_summary(s, (roles or {}).get(s["id"])) for s in summaries]
    return sorted(entries, key=lambda e: e.sort_key)
