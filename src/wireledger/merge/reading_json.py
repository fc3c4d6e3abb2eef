"""A stored reading (the JSON of ``Reading.to_dict()``) back as a ``Reading``, for merging stored reports.

Only what the merger uses must survive the round trip; unknown keys are ignored so that a newer reading
schema still loads.
"""

from __future__ import annotations

from typing import Any

from ..model import (
    Claim,
    DateValue,
    Document,
    Entity,
    Event,
    Location,
    Mention,
    Participant,
    Reading,
    RoleFact,
    Source,
    Support,
    Weapon,
)


def _fields(cls: type, d: dict[str, Any] | None) -> dict[str, Any]:
    known = set(getattr(cls, "__dataclass_fields__", {}))
    return {k: v for k, v in (d or {}).items() if k in known}


def _mention(d: dict[str, Any] | None) -> Mention | None:
    if not d:
        return None
    return Mention(int(d.get("start") or 0), int(d.get("end") or 0), str(d.get("text") or ""),
                   str(d.get("kind") or "name"))


def _entity(d: dict[str, Any]) -> Entity:
    kw = _fields(Entity, d)
    kw["roles"] = [RoleFact(**_fields(RoleFact, r)) for r in d.get("role_details") or []]
    kw["mentions"] = [m for m in (_mention(x) for x in d.get("mentions") or []) if m]
    return Entity(**kw)


def _event(d: dict[str, Any]) -> Event:
    kw = _fields(Event, d)
    kw["date"] = DateValue(**_fields(DateValue, d["date"])) if d.get("date") else None
    kw["location"] = Location(**_fields(Location, d["location"])) if d.get("location") else None
    kw["participants"] = [Participant(**_fields(Participant, p)) for p in d.get("participants") or []]
    kw["weapons"] = [Weapon(**_fields(Weapon, w)) for w in d.get("weapons") or []]
    kw["evidence"] = [(int(e["start"]), int(e["end"])) for e in d.get("evidence") or []]
    kw["trigger"] = _mention(d.get("trigger"))
    kw["support"] = [Support(**_fields(Support, s)) for s in d.get("support") or []]
    kw["attributions"] = [list(c) for c in d.get("attributions") or []]
    return Event(**kw)


def _claim(d: dict[str, Any]) -> Claim:
    kw = _fields(Claim, d)
    kw["attribution"] = [Source(**_fields(Source, s)) for s in d.get("attribution_detail") or []]
    ev = d.get("evidence") or {}
    kw["evidence"] = (int(ev.get("start") or 0), int(ev.get("end") or 0))
    return Claim(**kw)


def reading_from_dict(data: dict[str, Any], document: Document | None = None) -> Reading:
    """The ``Reading`` a ``Reading.to_dict()`` JSON describes (``document`` overrides the embedded one)."""
    if document is None:
        doc = dict(data.get("document") or {})
        if doc.get("content_id"):
            doc["id"] = doc["content_id"]
        document = Document.from_dict(doc)
    return Reading(
        document=document,
        entities=[_entity(e) for e in data.get("entities") or []],
        events=[_event(e) for e in data.get("events") or []],
        claims=[_claim(c) for c in data.get("claims") or []],
        steps=list(data.get("steps") or []),
        warnings=list(data.get("warnings") or []),
    )
