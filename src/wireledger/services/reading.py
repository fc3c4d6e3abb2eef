"""Reading without storing: inputs -> Documents -> Readings (``wireledger read``).

``read_paths`` reads files, folders, globs, JSONL and feeds exactly as ``ingest`` does and yields, in
input order, a Reading for every document in English and a coded Problem for every input that could not
be read (ingest errors, documents in another language (W001), documents whose reading failed (E130)).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..errors import Problem
from ..ingest import IngestOptions, iter_inputs
from ..model import Document, Reading
from ..nlp.pipeline import Pipeline
from ..settings import Settings

ReadResult = Reading | Problem


@dataclass
class ReadCounts:
    """What a read run did, for the exit code and a closing line."""

    read: int = 0
    problems: int = 0  # errors: inputs or documents that produced no reading
    warnings: int = 0

    def add(self, result: ReadResult) -> None:
        if isinstance(result, Reading):
            self.read += 1
        elif result.is_error:
            self.problems += 1
        else:
            self.warnings += 1

    @property
    def exit_code(self) -> int:
        if self.read == 0:
            return 2
        return 1 if self.problems or self.warnings else 0


def readable(doc: Document) -> Problem | None:
    """None when the document can be read; a W001 Problem when it is not in English."""
    for warning in doc.warnings:
        if warning.startswith("W001"):
            return Problem("W001", doc.source_id, "document is not in English", "not read")
    return None


def read_documents(documents: Iterable[Document | Problem], pipeline: Pipeline, processes: int = 1,
                   batch_size: int = 32) -> Iterator[ReadResult]:
    """Readings of the documents and the problems among them, in input order."""
    held: deque[Problem] = deque()

    def to_read() -> Iterator[Document]:
        for item in documents:
            if isinstance(item, Problem):
                held.append(item)
                continue
            problem = readable(item)
            if problem is not None:
                held.append(problem)
            else:
                yield item

    for result in pipeline.pipe(to_read(), processes=processes, batch_size=batch_size):
        while held:
            yield held.popleft()
        yield result
    while held:
        yield held.popleft()


def read_paths(paths: Sequence[str], options: IngestOptions, settings: Settings,
               processes: int | None = None, batch_size: int | None = None,
               pipeline: Pipeline | None = None) -> Iterator[ReadResult]:
    """Read every input under ``paths`` (see ``wireledger.ingest``) without storing anything.

    Raises UsageError (E150) for bad options or a missing spaCy model before reading anything.
    """
    documents = iter_inputs(paths, options, settings)
    pipeline = pipeline or Pipeline(settings)
    yield from read_documents(documents, pipeline, processes=processes or settings.processes,
                              batch_size=batch_size or settings.batch_size)
