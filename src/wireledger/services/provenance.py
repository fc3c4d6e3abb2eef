"""From a Reading to provenance Statements: one record per value, with the words that support it.

Each statement is (subject id, property, value, document id, character span, extractor@version). Subject
ids are the reading's entity, event and claim ids prefixed with the document id (``doc_…:ev1``). Values
whose reading gives no span of their own borrow the span of the evidence the event or claim rests on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import Claim, Entity, Event, Reading, Statement, now_iso

Span = tuple[int | None, int | None]
Add = Callable[[str, str, Any, Span, str], None]


def global_id(document_id: str, local_id: str) -> str:
    """A subject id unique in the ledger: reading ids ("ev1", "ent_3") are unique only in their document."""
    return local_id if local_id.startswith(document_id) else f"{document_id}:{local_id}"


def reading_statements(reading: Reading, seen: str | None = None) -> list[Statement]:
    """Every value of a reading as a Statement (same ``seen`` time for all)."""
    t = seen or now_iso()
    doc = reading.document.id
    fallback = reading.steps[-1] if reading.steps else "unknown"
    out: list[Statement] = []

    def add(subject: str, prop: str, value: Any, span: Span, extractor: str) -> None:
        out.append(Statement(global_id(doc, subject), prop, value, doc, span[0], span[1],
                             extractor or fallback, t, t))

    for ent in reading.entities:
        _entity(ent, add)
    for ev in reading.events:
        _event(ev, add)
    for claim in reading.claims:
        _claim(claim, add)
    return out


def _entity(ent: Entity, add: Add) -> None:
    named = next((m for m in ent.mentions if m.text == ent.name), ent.mentions[0] if ent.mentions else None)
    span: Span = (named.start, named.end) if named else (None, None)
    add(ent.id, "name", ent.name, span, ent.extractor)
    add(ent.id, "type", ent.type, span, ent.extractor)
    for m in ent.mentions:
        add(ent.id, "mention", {"text": m.text, "kind": m.kind}, (m.start, m.end), ent.extractor)
    for r in ent.roles:
        add(ent.id, "role", {"text": r.text, "title": r.title, "organization": r.organization,
                             "since": r.since}, (r.start, r.end), ent.extractor)


def _event(ev: Event, add: Add) -> None:
    evidence: Span = ev.evidence[0] if ev.evidence else (None, None)
    supported = {s.field: s for s in ev.support}

    def span_of(name: str, own: Span = (None, None)) -> tuple[Span, str]:
        if own[0] is not None:
            return own, ev.extractor
        s = supported.get(name)
        return ((s.start, s.end), s.extractor) if s else (evidence, ev.extractor)

    trigger: Span = (ev.trigger.start, ev.trigger.end) if ev.trigger else (None, None)
    add(ev.id, "type", ev.type, *span_of("type", trigger))
    if ev.date is not None:
        add(ev.id, "date", {"value": ev.date.value, "precision": ev.date.precision},
            *span_of("date", (ev.date.start, ev.date.end)))
    if ev.location is not None:
        place = {k: v for k, v in ev.location.to_dict().items() if k not in ("start", "end")}
        add(ev.id, "location", place, *span_of("location", (ev.location.start, ev.location.end)))
    for p in ev.participants:
        add(ev.id, "participant", {"role": p.role, "name": p.name, "entity": p.entity},
            *span_of("participants", (p.start, p.end)))
    for w in ev.weapons:
        add(ev.id, "weapon", w.category, *span_of("weapons", (w.start, w.end)))
    scalars = {"killed": ev.killed, "wounded": ev.wounded, "target_type": ev.target_type,
               "attempt": ev.attempt, "perpetrator_status": ev.perpetrator_status}
    for name, value in scalars.items():
        if value is not None:
            add(ev.id, name, value, *span_of(name))
    add(ev.id, "modality", {"modality": ev.modality, "polarity": ev.polarity, "background": ev.background},
        *span_of("modality"))


def _claim(claim: Claim, add: Add) -> None:
    span: Span = claim.evidence
    add(claim.id, "claim", {"subject": claim.subject, "predicate": claim.predicate, "object": claim.object,
                            "modality": claim.modality, "polarity": claim.polarity}, span, claim.extractor)
    if claim.attribution:
        add(claim.id, "attribution", [s.name for s in claim.attribution], span, claim.extractor)
