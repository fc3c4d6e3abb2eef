"""The batch use cases: read JSONL dumps on a distributed engine, then load the readings into a ledger.

``run_batch`` runs the reading pipeline over partitions of the inputs (Spark today) and writes the
readings and an error table as Parquet (see ``wireledger.batch``). ``load_readings`` puts such readings
into the ledger through the same ``ingest`` as ``wireledger ingest`` (documents with their readings, one
transaction each, duplicates recognised by content id), then syncs the derived layers (incidents,
ledger entities) with ``sync_ledger``. Loading the same output twice adds nothing the second time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem, UsageError
from ..ingest import IngestOptions
from ..model import Document, Reading
from ..settings import Settings
from .ingestion import IngestSummary, Progress, ingest
from .ledger import sync_ledger

ENGINES = ("spark",)


@dataclass
class BatchSummary:
    """What a batch job read and wrote."""

    engine: str
    output: str
    errors_output: str
    master: str
    inputs: int
    partitions: int
    readings: int
    errors: dict[str, int]  # code -> rows in the error table
    seconds: float  # the whole job
    start_seconds: float  # of which starting Spark

    @property
    def exit_code(self) -> int:
        if self.readings == 0:
            return 2
        return 1 if any(code.startswith("E") for code in self.errors) else 0

    def to_dict(self) -> dict[str, Any]:
        return {"engine": self.engine, "output": self.output, "errors_output": self.errors_output,
                "master": self.master, "inputs": self.inputs, "partitions": self.partitions,
                "readings": self.readings, "errors": dict(self.errors),
                "error_rows": sum(self.errors.values()), "seconds": round(self.seconds, 1),
                "start_seconds": round(self.start_seconds, 1),
                "exit_code": self.exit_code}


def run_batch(inputs: Sequence[str], output: str, options: IngestOptions | None = None,
              settings: Settings | None = None, *, engine: str = "spark", master: str | None = None,
              partitions: int | None = None, overwrite: bool = False) -> BatchSummary:
    """Read the JSONL files ``inputs`` (paths, globs or URIs) on ``engine``; write the readings to
    ``output`` (Parquet) and the lines that gave none to its error table (``x.errors.parquet``)."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}", input="batch")
    if not inputs:
        raise UsageError("give at least one input path or pattern", input="batch")
    if partitions is not None and partitions < 1:
        raise UsageError("--partitions must be at least 1", input="batch")
    from ..batch.spark import run_spark_batch  # pyspark is imported only when a job runs

    job = run_spark_batch(list(inputs), output, options or IngestOptions(), settings or Settings.load(),
                          master=master, partitions=partitions, overwrite=overwrite)
    return BatchSummary("spark", job.output, job.errors_output, job.master, job.inputs, job.partitions,
                        job.readings, job.errors, job.seconds, job.start_seconds)


@dataclass
class LoadSummary:
    """What loading a batch output did: the ingest summary, and the derived layers' sync."""

    path: str
    errors_path: str | None
    ingest: IngestSummary
    readings_in_file: int = 0
    problems_in_file: int = 0
    sync: dict[str, Any] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return self.ingest.exit_code

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "errors_path": self.errors_path,
                "readings_in_file": self.readings_in_file, "problems_in_file": self.problems_in_file,
                **self.ingest.to_dict(), "sync": self.sync}


def load_readings(path: str | Path, settings: Settings | None = None, *, errors: bool = True,
                  progress: Progress | None = None) -> LoadSummary:
    """Put the readings of a batch output into the ledger named by ``settings.db``, then sync it.

    With ``errors`` the batch's error table (when there is one) is loaded too: its problems are recorded
    as skipped inputs, as ``wireledger ingest`` records the lines it could not read."""
    from ..batch.output import batch_problems, batch_readings
    from ..batch.spark import errors_path

    settings = settings or Settings.load()
    if not Path(path).exists():  # before the ledger is opened (and perhaps created)
        raise UsageError(f"{path} does not exist (the output of wireledger batch)", input=str(path))
    problems_at = Path(errors_path(str(path)))
    has_errors = errors and problems_at.exists()
    summary = LoadSummary(str(path), str(problems_at) if has_errors else None, IngestSummary())
    waiting: dict[str, Reading] = {}  # the reading of the document ingest is handling now

    def documents() -> Iterator[Document | Problem]:
        for reading in batch_readings(path):
            summary.readings_in_file += 1
            waiting.clear()  # ingest is done with the previous document before it asks for the next
            waiting[reading.document.id] = reading
            yield reading.document
        if has_errors:
            for problem in batch_problems(problems_at):
                summary.problems_in_file += 1
                yield problem

    def read(doc: Document) -> Reading:
        reading = waiting.pop(doc.id, None)
        if reading is None:  # cannot happen: ingest reads only the document it was just given
            raise LookupError(f"no reading of {doc.id} in {path}")
        return reading

    summary.ingest = ingest([], settings=settings, read=read, documents=documents(), progress=progress)
    # incremental: cheap when nothing is new, and it finishes what an interrupted load left unsynced
    summary.sync = sync_ledger(settings)
    return summary
