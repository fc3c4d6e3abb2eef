"""The event context (sentence triggers, token spans of dates and mentions) is built once per reading:
the events step builds it, the background step reuses it while the document is unchanged, and a reading
that reuses it says exactly what one that builds it again says."""

from __future__ import annotations

from events_support import pipeline, text_document

from wireledger.model import DateValue
from wireledger.nlp.base import ReadingDoc
from wireledger.nlp.events import EventContext

REPORT = """Two men shot outside Memphis bar

MEMPHIS, Tenn. — Two men were shot outside a bar on Beale Street early Sunday, police said. One of them \
died at the hospital. The gunman fled in a gray sedan.

The shooting follows a deadly robbery at a gas station on Poplar Avenue in March.
"""
PUB = "2026-04-13"


def read_up_to(last: str) -> ReadingDoc:
    """The document after the parse and every step up to and with ``last``."""
    p = pipeline()
    doc = p.parse(ReadingDoc(document=text_document(REPORT, PUB)))
    for step in p.steps:
        doc = step(doc)
        if step.name == last:
            return doc
    raise AssertionError(f"no step {last}")


def background(doc: ReadingDoc) -> ReadingDoc:
    step = next(s for s in pipeline().steps if s.name == "wireledger.background")
    return step(doc)


def test_the_background_step_reads_with_the_events_steps_context() -> None:
    doc = read_up_to("wireledger.events")
    kept = doc.derived["events.context"][1]
    assert isinstance(kept, EventContext) and kept.rdoc is doc
    assert EventContext.of(doc) is kept  # nothing changed since: the same context
    doc = background(doc)
    assert doc.events and doc.derived["events.context"][1] is kept


def test_a_changed_document_gets_a_context_of_its_own() -> None:
    doc = read_up_to("wireledger.events")
    kept = EventContext.of(doc)
    doc.dates = [*doc.dates, DateValue("2026-04-12", "day", "Sunday", 0, 3)]
    fresh = EventContext.of(doc)
    assert fresh is not kept and len(fresh.dates) == len(kept.dates) + 1
    entity = doc.entities[0]
    entity.mentions = entity.mentions[:-1] if len(entity.mentions) > 1 else []
    assert EventContext.of(doc) is not fresh  # a mention fewer: other spans to look things up in


def test_reusing_the_context_changes_nothing_in_the_reading() -> None:
    shared = background(read_up_to("wireledger.events"))
    rebuilt = read_up_to("wireledger.events")
    rebuilt.derived.clear()  # the background step builds its own context
    rebuilt = background(rebuilt)
    assert [e.to_dict() for e in shared.events] == [e.to_dict() for e in rebuilt.events]
    assert len(shared.events) >= 2 and any(e.background for e in shared.events)


def test_a_finished_reading_keeps_no_derived_work() -> None:
    doc = pipeline().read_doc(text_document(REPORT, PUB))
    assert doc.events and doc.derived == {}
