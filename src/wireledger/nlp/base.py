"""The reading pipeline's shared state and step protocol.

A ``ReadingDoc`` carries one Document through the pipeline: the spaCy parse, layout-aware sentences,
entities, dates, places, events and claims. Every step is a small object with a versioned name and
``__call__(doc) -> doc``; the name@version goes into the provenance of every value it writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any, Protocol

from ..model import Claim, DateValue, Document, Entity, Event, Location, Reading
from ..model.yaml_data import load_yaml

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc



def data_bytes(name: str) -> bytes:
    """The raw content of one of the files in wireledger/nlp/data."""
    return resources.files("wireledger.nlp").joinpath("data", name).read_bytes()


def load_data(name: str) -> Any:
    """One of the YAML word lists in wireledger/nlp/data (read with the C loader when there is one)."""
    text = resources.files("wireledger.nlp").joinpath("data", name).read_text(encoding="utf-8")
    return load_yaml(text)


@dataclass
class PlaceMention:
    """A place named in the text, geocoded when the gazetteer knows it."""

    start: int
    end: int
    text: str
    location: Location | None
    entity: str | None = None


@dataclass
class ReadingDoc:
    document: Document
    spacy: SpacyDoc | None = None
    sentences: list[tuple[int, int]] = field(default_factory=list)  # layout-aware, char offsets
    entities: list[Entity] = field(default_factory=list)
    dates: list[DateValue] = field(default_factory=list)  # every date expression, resolved
    places: list[PlaceMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # work a step derived from the fields above that a later step of the same reading may reuse while
    # they are unchanged (name -> (what it was derived from, the work); e.g. events.EventContext.of).
    # No output: the pipeline empties it when the reading is done.
    derived: dict[str, tuple[Any, Any]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.document.text

    def sentence_of(self, offset: int) -> tuple[int, int] | None:
        for s, e in self.sentences:
            if s <= offset < e:
                return (s, e)
        return None

    def entity(self, entity_id: str | None) -> Entity | None:
        if entity_id is None:
            return None
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_reading(self) -> Reading:
        return Reading(document=self.document, entities=self.entities, events=self.events,
                       claims=self.claims, steps=list(self.steps), warnings=list(self.warnings))


class Step(Protocol):
    name: str  # e.g. "wireledger.dates"
    version: str  # e.g. "1"
    reads: tuple[str, ...]
    writes: tuple[str, ...]

    def __call__(self, doc: ReadingDoc) -> ReadingDoc: ...


def extractor_name(step: Step) -> str:
    return f"{step.name}@{step.version}"
