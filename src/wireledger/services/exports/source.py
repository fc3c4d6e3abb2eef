"""What every export reads: the incidents a filter selects (each as its summary and its full record), the
reports behind them, the ledger entities their people resolve to (with the sanctions matches their
screening kept), and the entity graph around them.

Everything is asked of the incident and entity services, so an export shows what ``incidents``,
``incident``, ``entity`` and ``graph`` show: retracted reports are gone from all of them, merged ids are
followed, screening matches set aside as another person never appear.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from ...merge.graph import Graph, incidents_graph
from ...merge.record import IncidentRecord, name_value_key
from ...model import Document
from ...settings import Settings
from ...store import Ledger
from ..entities import EntityService
from ..incidents import IncidentService, ledger_graph_source


@dataclass(frozen=True)
class Filters:
    """The filters of ``wireledger incidents`` (the same names as ``IncidentService.incidents``)."""

    place: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    type_: str | None = None
    min_sources: int = 0
    background: bool = True

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["type"] = out.pop("type_")
        return out


class ExportSource:
    """One ledger's incidents, reports and entities as the exports need them."""

    def __init__(self, settings: Settings, ledger: Ledger, filters: Filters) -> None:
        self.settings = settings
        self.filters = filters
        self.incident_service = IncidentService(settings, ledger)
        self._entity_service: EntityService | None = None
        self._summaries: list[dict[str, Any]] | None = None
        self._entity_ids: dict[tuple[str, tuple[str, ...]], str | None] = {}
        self._by_document: dict[str, list[tuple[str, set[str]]]] = {}
        self._entities: dict[str, dict[str, Any]] = {}
        self._documents: dict[str, Document | None] = {}

    # --- incidents -------------------------------------------------------------------------------------
    def summaries(self) -> list[dict[str, Any]]:
        """The incidents the filters select, as ``incidents`` lists them (oldest first)."""
        if self._summaries is None:
            f = self.filters
            self._summaries = self.incident_service.incidents(
                place=f.place, date_from=f.date_from, date_to=f.date_to, type_=f.type_,
                min_sources=f.min_sources, background=f.background)
        return self._summaries

    def records(self) -> Iterator[tuple[dict[str, Any], IncidentRecord]]:
        """Each selected incident's summary and full record (as ``incident ID`` shows it), one at a time."""
        for summary in self.summaries():
            record, _ = self.incident_service.record(summary["id"])
            if record is not None:
                yield summary, record

    def document(self, doc_id: str) -> Document | None:
        if doc_id not in self._documents:
            self._documents[doc_id] = self.incident_service.store.get_document(doc_id)
        return self._documents[doc_id]

    # --- ledger entities -------------------------------------------------------------------------------
    @property
    def entity_service(self) -> EntityService:
        if self._entity_service is None:
            self._entity_service = EntityService(self.settings, self.incident_service.ledger)
            self._entity_service.sync()
        return self._entity_service

    def entity_of(self, person: dict[str, Any]) -> str | None:
        """The ledger entity an incident's person or organisation (``record.people``) resolved to: the one
        with a member of that name in one of the person's reports (None when the resolver kept none)."""
        documents = tuple(sorted(person.get("documents") or ()))
        cache_key = (str(person["name"]), documents)
        if cache_key not in self._entity_ids:
            self._entity_ids[cache_key] = self._find_entity(str(person["name"]), set(documents))
        return self._entity_ids[cache_key]

    def _find_entity(self, name: str, documents: set[str]) -> str | None:
        wanted = name_value_key(name)
        for doc in sorted(documents):
            for entity, keys in self._document_entities(doc):
                if wanted in keys or any(k.endswith(" " + wanted) for k in keys):
                    return entity
        return None

    def _document_entities(self, doc: str) -> list[tuple[str, set[str]]]:
        """The ledger entities with a member in report ``doc``, each with the name keys of those members
        (a member's key is ``<document>#<the reading's entity id>``; its names are the reading's)."""
        if doc not in self._by_document:
            found = self.entity_service.tables.member_keys_of_document(doc)
            readings = {str(e.get("id")): e for e in self.incident_service.store.reading_entities(doc) or []}
            names: dict[str, set[str]] = {}
            for key, entity in found:
                given = readings.get(key.rpartition("#")[2]) or {}
                words = [given.get("name") or "", *(given.get("aliases") or ())]
                names.setdefault(entity, set()).update(name_value_key(n) for n in words if n)
            self._by_document[doc] = sorted(names.items())
        return self._by_document[doc]

    def entity(self, entity_id: str) -> dict[str, Any]:
        """A ledger entity as ``entity ID`` shows it (names, titles, sanctions matches...)."""
        if entity_id not in self._entities:
            self._entities[entity_id] = self.entity_service.entity(entity_id)["entity"]
        return self._entities[entity_id]

    # --- the entity graph ----------------------------------------------------------------------------
    def graph(self) -> Graph:
        """The entity graph of the selected incidents: each incident, where it happened, its people and
        organisations, their affiliations and kept sanctions matches (the nodes and edges ``graph`` draws)."""
        places = [(s["id"], s.get("city") or s.get("region") or s.get("country")) for s in self.summaries()]
        return incidents_graph(places, ledger_graph_source(self.incident_service))
