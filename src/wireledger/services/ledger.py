"""Keeping the ledger's derived layers in step with its readings.

``wireledger ingest`` stores documents and their readings; the layers derived from readings (incidents,
ledger entities and their sanctions screening) are brought up to date by ``sync_ledger``, which each
derived service does incrementally (only readings not yet taken into account), so an interrupted run
resumes where it stopped.
"""

from __future__ import annotations

from typing import Any

from ..model import Document, Reading
from ..settings import Settings
from .ingestion import Read


def pipeline_reader(settings: Settings) -> Read:
    """The reading pipeline as the ``read`` callable that ``ingest`` stores readings with."""
    from ..nlp.pipeline import Pipeline  # spaCy loads only when something is to be read

    pipeline: Pipeline | None = None

    def read(doc: Document) -> Reading:
        nonlocal pipeline
        if pipeline is None:
            pipeline = Pipeline(settings)
        return pipeline.read(doc)

    return read


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
