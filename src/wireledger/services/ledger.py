"""Keeping the ledger's derived layers in step with its readings.

``wireledger ingest`` stores documents and their readings; the layers derived from readings (incidents,
ledger entities and their sanctions screening) are brought up to date by ``sync_ledger``, which each
derived service does incrementally (only readings not yet taken into account), so an interrupted run
resumes where it stopped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from typing import Any

from ..errors import Problem
from ..model import Document, Reading
from ..settings import Settings
from .ingestion import Read, ReadMany


def pipeline_readers(settings: Settings) -> tuple[Read, ReadMany]:
    """The reading pipeline as the ``read`` and ``read_many`` callables that ``ingest`` stores readings
    with; ``read_many`` batches documents and uses the ``processes`` setting. The pipeline (and spaCy) is
    built on the first document to read."""
    from ..nlp.pipeline import Pipeline  # spaCy loads only when something is to be read

    built: list[Pipeline] = []

    def pipeline() -> Pipeline:
        if not built:
            built.append(Pipeline(settings))
        return built[0]

    def read(doc: Document) -> Reading:
        return pipeline().read(doc)

    def read_many(docs: Iterable[Document]) -> Iterator[Reading | Problem]:
        it = iter(docs)
        first = next(it, None)
        if first is None:
            return
        yield from pipeline().pipe(chain([first], it), processes=settings.processes,
                                   batch_size=settings.batch_size)

    return read, read_many


def pipeline_reader(settings: Settings) -> Read:
    """The reading pipeline as the ``read`` callable that ``ingest`` stores readings with."""
    return pipeline_readers(settings)[0]


def sync_ledger(settings: Settings) -> dict[str, Any]:
    """Bring incidents (and, where built, ledger entities and screening) up to date with the readings."""
    from .entities import EntityService
    from .incidents import IncidentService

    out: dict[str, Any] = {}
    with IncidentService(settings) as incidents:
        out["incidents"] = incidents.sync().to_dict()
    with EntityService(settings) as entities:
        out["entities"] = entities.sync().to_dict()
    return out
