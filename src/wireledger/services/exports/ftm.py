"""The incidents as FollowTheMoney entities, one JSON object a line (``ftm``), for Aleph and the
OpenSanctions tools.

- ``Event``: an incident (its best values; ``involved`` its people and organisations, ``organizer`` who
  carried it out or claimed it);
- ``Article``: a report behind it, and ``Documentation`` linking the event to each report;
- ``Person`` / ``Organization``: the ledger entity a participant resolved to (its names, titles,
  countries), or, when the resolver kept none, an entity of the participant's name alone;
- ``Mention``: a participant named in a report, resolved to its entity;
- ``Membership``: a person's organisation, as the reports give it;
- ``Sanction``: a sanctions list entry the ledger's screening matched to an entity (set-aside matches
  never), with the list, programme, entry id and the match's score.

Ids are stable: ``wl-`` and the ledger's own id (``wl-inc-...``, ``wl-ent-...``,
``wl-doc-...``: FtM ids take no underscore), or a hash of what the entity stands for.
Written without the followthemoney package; the tests validate the output against its schema.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from ...merge.record import IncidentRecord, name_value_key
from ...model import load_taxonomy
from .source import ExportSource
from .tables import incident_summary

PREFIX = "wl-"
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def ftm_entity(entity_id: str, schema: str, **properties: Any) -> dict[str, Any]:
    """An entity as FtM's JSON form; each property a list of strings (spaces collapsed, as FtM's cleaning
    would), empty values dropped."""
    props: dict[str, list[str]] = {}
    for name, value in properties.items():
        values = value if isinstance(value, list | tuple | set) else [value]
        kept = [" ".join(str(v).split()) for v in values if v is not None and str(v).strip()]
        if kept:
            props[name] = list(dict.fromkeys(kept))
    return {"id": entity_id, "schema": schema, "properties": props}


def _hashed(kind: str, *parts: str) -> str:
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]  # an id, not a secret
    return f"{PREFIX}{kind}-{digest}"


def ftm_id(ledger_id: str) -> str:
    """The FtM id of a ledger id (FtM ids hold letters, digits, dots and dashes: ``inc_26e2`` becomes
    ``wl-inc-26e2``)."""
    return PREFIX + ledger_id.replace("_", "-")


def _country(code: Any) -> str | None:
    text = str(code or "")
    return text.lower() if len(text) == 2 and text.isalpha() else None


def _schema(kind: str | None) -> str:
    return "Person" if kind == "person" else "Organization"


class FtmWriter:
    """Turns incident records into entities, each entity written once."""

    def __init__(self, source: ExportSource, counts: Counter[str]) -> None:
        self.source = source
        self.counts = counts
        self.written: set[str] = set()

    def emit(self, entity: dict[str, Any]) -> Iterator[str]:
        if entity["id"] in self.written:
            return
        self.written.add(entity["id"])
        self.counts["entities"] += 1
        self.counts["schema_" + entity["schema"]] += 1
        yield json.dumps(entity, ensure_ascii=False) + "\n"

    def incident(self, record: IncidentRecord) -> Iterator[str]:
        summary = record.summary()
        event_id = ftm_id(record.id)
        people: list[tuple[dict[str, Any], str]] = []
        for person in record.people:
            entity_id, lines = self.party(person)
            yield from lines
            people.append((person, entity_id))
        organizers = [e for p, e in people if p["role"] == "perpetrator"]
        claimed = record.fields.get("claimed_by")
        for value in claimed.values if claimed else []:
            claimant = {"name": str(value.value), "kind": "organization", "role": "claimed_by",
                        "documents": value.documents}
            entity_id, lines = self.party(claimant)
            yield from lines
            organizers.append(entity_id)
        kind = load_taxonomy().event_types.get(str(summary["type"]))
        best_date = record.best("date")
        counts = [f"{n}: {summary[n]}" for n in ("killed", "wounded") if summary[n] is not None]
        yield from self.emit(ftm_entity(
            event_id, "Event", name=incident_summary(record), recordId=record.id,
            date=best_date if best_date and _DATE.match(str(best_date)) else None,
            startDate=summary["date_first"] if record.precision not in ("day", "month", "year") else None,
            endDate=summary["date_last"] if record.precision not in ("day", "month", "year") else None,
            country=_country(summary["country"]), location=summary["place"],
            keywords=[kind.label if kind else None, summary["type"]],
            involved=[e for _, e in people], organizer=organizers,
            description="; ".join(counts) or None,
            summary="conflicting reports on: " + ", ".join(summary["conflicts"])
            if summary["conflicts"] else None))
        for doc in record.documents:
            article = ftm_id(str(doc["document"]))
            yield from self.article(doc)
            yield from self.emit(ftm_entity(
                _hashed("documentation", record.id, doc["document"]), "Documentation", entity=event_id,
                document=article, role="background mention" if doc["background"] else "report"))
        for person, entity_id in people:
            for doc in person.get("documents") or ():
                yield from self.emit(ftm_entity(
                    _hashed("mention", str(doc), entity_id, person["name"]), "Mention", name=person["name"],
                    document=ftm_id(str(doc)), resolved=entity_id, detectedSchema=_schema(person["kind"])))

    def article(self, doc: dict[str, Any]) -> Iterator[str]:
        stored = self.source.document(str(doc["document"]))
        url = stored.url if stored is not None and stored.url else None
        yield from self.emit(ftm_entity(
            ftm_id(str(doc["document"])), "Article", title=doc.get("title"), name=doc.get("title"),
            publishedAt=str(doc["published"])[:10] if doc.get("published") else None,  # the day
            publisher=doc.get("outlet"),
            author=stored.author if stored is not None else None,
            sourceUrl=url if url and url.lower().startswith(("http://", "https://")) else None))

    def party(self, person: dict[str, Any]) -> tuple[str, Iterable[str]]:
        """The entity id of an incident's person or organisation, and the lines that write it (its ledger
        entity with its sanctions matches and organisations, or an entity of its name)."""
        ledger_id = self.source.entity_of(person)
        if ledger_id is None:
            return self.named(str(person["name"]), str(person["kind"]), person)
        return ftm_id(ledger_id), self.ledger_entity(ledger_id, person)

    def named(self, name: str, kind: str, person: dict[str, Any]) -> tuple[str, Iterable[str]]:
        entity_id = _hashed("name", _schema(kind), name_value_key(name))
        lines = list(self.emit(ftm_entity(entity_id, _schema(kind), name=name)))
        return entity_id, [*lines, *self.memberships(entity_id, kind, person)]

    def ledger_entity(self, ledger_id: str, person: dict[str, Any]) -> Iterator[str]:
        entity_id = ftm_id(ledger_id)
        if entity_id in self.written:
            return
        view = self.source.entity(ledger_id)
        schema = _schema(view.get("kind"))
        props: dict[str, Any] = {"name": view.get("name"), "alias": view.get("aliases")}
        if schema == "Person":
            props["title"] = view.get("titles")
        props["country"] = [_country(c) for c in view.get("countries") or []]
        yield from self.emit(ftm_entity(entity_id, schema, **props))
        for match in (view.get("sanctions") or {}).get("matches") or []:
            yield from self.emit(ftm_entity(
                _hashed("sanction", ledger_id, str(match["list"]), str(match["entry_id"])), "Sanction",
                entity=entity_id, authority=match.get("list_title") or match["list"],
                program=match.get("programs") or [], recordId=match["entry_id"],
                summary=f"wireledger screening matched {view.get('name')} to the entry {match['name']} "
                        f"({match['list']} {match.get('list_version') or ''}, score {match['score']:.2f})"))
        yield from self.memberships(entity_id, str(view.get("kind")), person)

    def memberships(self, entity_id: str, kind: str, person: dict[str, Any]) -> Iterator[str]:
        """A person's organisations (the ledger entity of each when the resolver kept one)."""
        if kind != "person":
            return
        for org in person.get("affiliations") or []:
            org_id, lines = self.party({"name": str(org), "kind": "organization", "role": "affiliation",
                                        "documents": person.get("documents") or []})
            yield from lines
            yield from self.emit(ftm_entity(_hashed("membership", entity_id, org_id), "Membership",
                                            member=entity_id, organization=org_id))


def write_ftm(source: ExportSource, counts: Counter[str]) -> Iterator[str]:
    writer = FtmWriter(source, counts)
    for _, record in source.records():
        counts["incidents"] += 1
        yield from writer.incident(record)
