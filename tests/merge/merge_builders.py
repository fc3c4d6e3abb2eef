"""Readings built by hand for the merge tests: a report with the events an analyst would read from it.

These are model objects the merger consumes (as the reading pipeline would produce them); building them
directly lets the tests vary one fact at a time. Texts are short invented reports.
"""

from __future__ import annotations

from wireledger.model import (
    Claim,
    DateValue,
    Document,
    Entity,
    Event,
    Location,
    Participant,
    Reading,
    Source,
    document_id,
)

CITIES = {
    "Dayton": ("Ohio", "US", 39.76, -84.19),
    "Toledo": ("Ohio", "US", 41.66, -83.56),
    "Garissa": (None, "KE", -0.45, 39.65),
    "Moscow": (None, "RU", 55.75, 37.62),
    "Salisbury": ("England", "GB", 51.07, -1.79),
}


def place(city: str | None) -> Location | None:
    if city is None:
        return None
    region, country, lat, lon = CITIES[city]
    return Location(name=city, city=city, region=region, country=country, lat=lat, lon=lon)


def event(
    eid: str,
    type_: str = "armed_assault",
    *,
    day: str | None = None,
    precision: str = "day",
    city: str | None = None,
    people: tuple[tuple[str, str], ...] = (),
    killed: int | None = None,
    wounded: int | None = None,
    background: bool = False,
    chains: tuple[tuple[str, ...], ...] = (),
    span: tuple[int, int] | None = None,
) -> Event:
    return Event(
        id=eid, type=type_, background=background,
        date=DateValue(day, precision if day else "unknown", day or "") if day else None,
        location=place(city),
        participants=[Participant(name=n, role=r, entity=f"ent_{n.replace(' ', '_')}") for n, r in people],
        killed=killed, wounded=wounded, attributions=[list(c) for c in chains],
        evidence=[span] if span else [],
    )


def report(
    text: str,
    events: list[Event],
    *,
    title: str | None = None,
    published: str | None = "2024-05-13",
    outlet: str | None = None,
    claims: list[Claim] | None = None,
    source_id: str | None = None,
) -> Reading:
    doc = Document(id=document_id((title or "") + "\n" + text), source_id=source_id or (title or text[:30]),
                   text=text, title=title, published=published, outlet=outlet)
    names = {p.name for e in events for p in e.participants}
    entities = [Entity(id=f"ent_{n.replace(' ', '_')}", name=n,
                       type="person" if n[:1].isupper() and " " in n else "group") for n in sorted(names)]
    return Reading(document=doc, entities=entities, events=events, claims=claims or [])


def responsibility(eid: str, group: str, outlet: str, at: tuple[int, int] = (0, 10)) -> Claim:
    """A claim of responsibility as the attribution step reads it: the group is the chain's origin."""
    return Claim(id=f"clm_{group}", text=f"{group} claimed responsibility", subject=None,
                 predicate="responsibility", object="for the attack", modality="alleged",
                 attribution=[Source(group, "organization"), Source(outlet, "outlet")], evidence=at,
                 event=eid)
