"""What a batch job does with the lines of its partition, independent of the engine that runs it.

The engine hands each task an iterator of input lines, ``(input name, line number, line text)``.
``read_lines`` turns them into result rows: the line becomes a Document through the same JSONL reader
``wireledger ingest`` and ``wireledger read`` use (so ids, source ids and titles are the same), then the
reading pipeline reads the documents of the partition in batches. Every line gives at most one row:

* a **reading row** (``READING_COLUMNS``): ids, a few flat columns for analysts, and the reading itself
  as JSON (``Reading.to_dict()``), which is the source of truth;
* an **error row** (``ERROR_COLUMNS``): the line that failed, its coded problem (E110, E111, E112 from
  the JSONL reader, E107 for a line over the ``max_bytes`` size limit, E130 when the reading
  failed, W001 for a document that is not in English and is therefore not read) and the line's text,
  so that it can be fixed and read again.

Blank lines give no row. A failing line or document never stops the partition.

The pipeline (spaCy model, word lists, gazetteer) takes seconds to build and some hundred megabytes, so
it is built once per Python worker process and kept for the tasks that process runs next
(``worker_pipeline``): Spark reuses its Python workers between tasks by default
(``spark.python.worker.reuse``), so a worker reads many partitions with one pipeline.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from ..ingest.jsonl import read_jsonl
from ..ingest.options import IngestOptions
from ..ingest.sources import human_size
from ..model import Document, Event, Reading
from ..settings import Settings

if TYPE_CHECKING:
    from ..nlp.pipeline import Pipeline

# (input name as the user sees it, 1-based line number, the line without its line break)
InputLine = tuple[str, int, str]

READING = "reading"
ERROR = "error"
MAX_RECORD_CHARS = 10_000  # of a line over the size limit, the error table keeps this much


@dataclass(frozen=True)
class ReadingRow:
    """One document read. The flat columns describe the main event (the first one not in the
    background); ``reading`` is the whole reading as JSON."""

    document_id: str  # the ledger's content id
    source_id: str  # the input's own id (the JSONL id field), else input:line
    input: str  # input name and line, e.g. "dumps/a.jsonl:12"
    input_name: str
    line: int
    title: str | None
    published: str | None
    event_type: str | None
    event_date: str | None
    place: str | None
    country: str | None
    killed: int | None
    wounded: int | None
    events: int  # events read, background included
    reading: str  # Reading.to_dict() as JSON


@dataclass(frozen=True)
class ErrorRow:
    """One line that gave no reading, with its coded problem."""

    input: str
    input_name: str
    line: int
    code: str
    message: str  # the one-line coded message, as the CLI prints it
    cause: str
    consequence: str | None
    record: str  # the line as read


# column name -> Spark SQL type; the order is the order of the fields above
READING_COLUMNS: dict[str, str] = {
    "document_id": "string", "source_id": "string", "input": "string", "input_name": "string",
    "line": "int", "title": "string", "published": "string", "event_type": "string",
    "event_date": "string", "place": "string", "country": "string", "killed": "int", "wounded": "int",
    "events": "int", "reading": "string",
}
ERROR_COLUMNS: dict[str, str] = {
    "input": "string", "input_name": "string", "line": "int", "code": "string", "message": "string",
    "cause": "string", "consequence": "string", "record": "string",
}

Row = tuple[str, tuple[Any, ...]]  # (READING or ERROR, the row's values in column order)


# -- the pipeline, once per worker process ------------------------------------------------------------
_PIPELINES: dict[Settings, Pipeline] = {}
_PIPELINES_LOCK = threading.Lock()


def worker_pipeline(settings: Settings) -> Pipeline:
    """The reading pipeline for ``settings``, built on first use in this process and then kept.

    Keyed by the settings (a frozen dataclass), so jobs with other settings in the same long-lived
    worker get their own pipeline. Built lazily, never at import."""
    with _PIPELINES_LOCK:
        pipeline = _PIPELINES.get(settings)
        if pipeline is None:
            from ..nlp.pipeline import Pipeline  # spaCy loads only where something is read

            pipeline = Pipeline(settings)
            _PIPELINES[settings] = pipeline
        return pipeline


# -- lines -> rows ------------------------------------------------------------------------------------
def read_lines(lines: Iterable[InputLine], options: IngestOptions, settings: Settings,
               pipeline: Pipeline | None = None) -> Iterator[Row]:
    """The rows of a partition's lines (see the module docstring), read in batches of
    ``settings.batch_size``. ``pipeline`` defaults to this process's ``worker_pipeline(settings)``,
    built only when the first document is to be read."""
    it = iter(lines)
    while chunk := list(islice(it, max(1, settings.batch_size))):
        documents: list[tuple[Document, InputLine]] = []
        for line in chunk:
            for item in document_of_line(line, options, settings.max_bytes):
                if isinstance(item, Problem):
                    yield ERROR, error_row(item, line)
                elif not_english(item):
                    problem = Problem("W001", item.source_id, "document is not in English", "not read")
                    yield ERROR, error_row(problem, line)
                else:
                    documents.append((item, line))
        if not documents:
            continue
        reader = pipeline if pipeline is not None else worker_pipeline(settings)
        results = reader.pipe((d for d, _ in documents), processes=1, batch_size=len(documents))
        for (_, line), result in zip(documents, results, strict=True):
            if isinstance(result, Reading):
                yield READING, reading_row(result, line)
            else:
                yield ERROR, error_row(result, line)


def document_of_line(line: InputLine, options: IngestOptions,
                     max_bytes: int | None = None) -> list[Document | Problem]:
    """The Document of one JSONL line (or its coded problem); nothing for a blank line. A line over
    ``max_bytes`` is refused (E107), as ``wireledger ingest`` refuses it."""
    name, lineno, text = line
    raw = text.encode("utf-8", "surrogateescape")
    if max_bytes is not None and len(raw) > max_bytes:
        return [Problem("E107", f"{name}:{lineno}", f"line is over the {human_size(max_bytes)} size limit "
                        "(max_bytes)", "line skipped")]
    try:
        return list(read_jsonl([(lineno, raw)], name, options, options.published))
    except Exception as exc:  # the reader's own failure on one line is that line's problem
        return [Problem("E116", f"{name}:{lineno}", f"unexpected failure ({type(exc).__name__}: {exc})",
                        "line skipped")]


def not_english(doc: Document) -> bool:
    """The reading is English-only: a document flagged W001 is not read (as in ``wireledger read``)."""
    return any(w.startswith("W001") for w in doc.warnings)


def error_row(problem: Problem, line: InputLine) -> tuple[Any, ...]:
    name, lineno, text = line
    if problem.code == "E107":  # a line too long to read is not kept whole either
        text = text[:MAX_RECORD_CHARS]
    return astuple(ErrorRow(f"{name}:{lineno}", name, lineno, problem.code, str(problem), problem.cause,
                            problem.consequence, text))


def reading_row(reading: Reading, line: InputLine) -> tuple[Any, ...]:
    name, lineno, _ = line
    doc = reading.document
    main = reading.main_event
    return astuple(ReadingRow(
        document_id=doc.id, source_id=doc.source_id, input=f"{name}:{lineno}", input_name=name,
        line=lineno, title=doc.title, published=doc.published,
        event_type=main.type if main else None,
        event_date=main.date.value if main and main.date else None,
        place=place_of(main), country=main.location.country if main and main.location else None,
        killed=main.killed if main else None, wounded=main.wounded if main else None,
        events=len(reading.events),
        reading=json.dumps(reading.to_dict(), ensure_ascii=False),
    ))


def place_of(event: Event | None) -> str | None:
    """The event's place as one line: city (or the place's name), region, country; each part once."""
    if event is None or event.location is None:
        return None
    loc = event.location
    parts = [p for p in (loc.city or loc.name, loc.region, loc.country) if p]
    return ", ".join(dict.fromkeys(parts)) or None
