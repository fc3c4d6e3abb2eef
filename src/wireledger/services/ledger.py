"""Keeping the ledger's derived layers in step with its readings.

``wireledger ingest`` stores documents and their readings; the layers derived from readings (incidents,
ledger entities and their sanctions screening) are brought up to date by ``sync_ledger``, which each
derived service does incrementally (only readings not yet taken into account), so an interrupted run
resumes where it stopped.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from pathlib import Path
from typing import Any

from ..errors import Problem, UsageError
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


def stored_readers(path: str | Path, read: Read, read_many: ReadMany,
                   batch: int = 64) -> tuple[Read, ReadMany]:
    """``read`` and ``read_many`` that take a document's reading from the JSONL file ``path`` (one
    ``Reading.to_dict()`` a line, matched by content id) when it holds one, and otherwise read it and
    append the reading to the file. Measuring the merging again then costs no reading; the file is the
    user's to delete when the reader changes (a stored reading is never checked against the reader)."""
    from ..merge.reading_json import reading_from_dict

    file = Path(path)
    stored: dict[str, dict[str, Any]] = {}
    if file.exists():
        with file.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    data = json.loads(line)
                    doc = data.get("document") or {}
                    stored[str(doc.get("content_id") or doc.get("id"))] = data

    def keep(reading: Reading) -> Reading:
        data = reading.to_dict()
        stored[reading.document.id] = data
        with file.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(data, ensure_ascii=False) + "\n")
        return reading

    def from_file(doc: Document) -> Reading | None:
        data = stored.get(doc.id)
        return reading_from_dict(data, document=doc) if data is not None else None

    def read_one(doc: Document) -> Reading:
        found = from_file(doc)
        return found if found is not None else keep(read(doc))

    def read_batches(docs: Iterable[Document]) -> Iterator[Reading | Problem]:
        it = iter(docs)
        while chunk := list(islice(it, batch)):
            missing = [d for d in chunk if d.id not in stored]
            fresh = dict(zip((d.id for d in missing), read_many(missing), strict=False)) if missing else {}
            for doc in chunk:
                found = from_file(doc)
                if found is not None:
                    yield found
                    continue
                result = fresh.get(doc.id)
                if result is None:
                    return  # the reader gave fewer results: ingest reads the rest one by one
                yield keep(result) if isinstance(result, Reading) else result

    return read_one, read_batches


def pipeline_reader(settings: Settings) -> Read:
    """The reading pipeline as the ``read`` callable that ``ingest`` stores readings with."""
    return pipeline_readers(settings)[0]


def sync_ledger(settings: Settings) -> dict[str, Any]:
    """Bring incidents (and, where built, ledger entities and screening) up to date with the readings."""
    from ..store import open_ledger
    from .entities import EntityService
    from .incidents import IncidentService

    out: dict[str, Any] = {}
    with open_ledger(settings) as ledger:
        out["incidents"] = IncidentService(settings, ledger).sync().to_dict()
        out["entities"] = EntityService(settings, ledger).sync().to_dict()
    return out


def migrate_ledger(source: str, target: str,
                   progress: Callable[[str, int], None] | None = None) -> dict[str, Any]:
    """Copy the ledger ``source`` (a path, ``sqlite:///path`` or ``postgresql://`` URL) into the new, empty
    ledger ``target``, whatever the two engines; the source is not changed."""
    from ..store import open_database
    from ..store.copy import copy_ledger
    from ..store.ledger import Ledger

    if source == target:
        raise UsageError("--from and --to name the same ledger", input="migrate")
    with Ledger(open_database(source, create=False)) as src, Ledger(open_database(target)) as dst:
        return copy_ledger(src, dst, progress).to_dict()
