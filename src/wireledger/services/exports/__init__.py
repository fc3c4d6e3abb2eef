"""Exports: the ledger's incidents in the formats other tools read (``wireledger export``, the Python API's
``LedgerHandle.export``, and the REST API's export route).

``export(settings, fmt, **filters)`` takes the filters of ``wireledger incidents`` and returns an
``ExportStream``: the output in chunks of text, produced one incident at a time as it is iterated (the
GraphML graph is drawn whole first), with what it wrote and left out in ``.counts`` once it is done. The
formats (``FORMATS``): json, jsonl, csv-gtd, csv-acled, ftm, geojson, graphml. Every format shows what the
other views show: the same incidents, retracted reports gone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from ...errors import UsageError
from ...settings import Settings
from ...store import Ledger, open_ledger
from ..incidents import parse_day
from .ftm import write_ftm
from .geo import write_geojson, write_graphml
from .records import write_json, write_jsonl
from .source import ExportSource, Filters
from .tables import write_acled, write_gtd

__all__ = ["FORMATS", "ExportFormat", "ExportStream", "Filters", "export", "export_to_file"]

Writer = Callable[[ExportSource, Counter[str]], Iterator[str]]


@dataclass(frozen=True)
class ExportFormat:
    name: str
    media_type: str
    extension: str
    description: str
    write: Writer


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("json", "application/json", ".json",
                 "one object: schema_version, the filters and the incidents with their facts, sources and "
                 "entities", write_json),
    ExportFormat("jsonl", "application/x-ndjson", ".jsonl", "one incident (as in json) a line", write_jsonl),
    ExportFormat("csv-gtd", "text/csv", ".csv",
                 "one attack a row, columns named as in the Global Terrorism Database codebook", write_gtd),
    ExportFormat("csv-acled", "text/csv", ".csv",
                 "one incident a row, columns named as in the ACLED codebook", write_acled),
    ExportFormat("ftm", "application/x-ndjson", ".ftm.json",
                 "FollowTheMoney entities a line: Event, Article, Person, Organization, Mention, "
                 "Documentation, Membership, Sanction", write_ftm),
    ExportFormat("geojson", "application/geo+json", ".geojson",
                 "a FeatureCollection of the incidents with coordinates, as points", write_geojson),
    ExportFormat("graphml", "application/graphml+xml", ".graphml",
                 "the entity graph of the incidents (incidents, people, organisations, places, sanctions "
                 "entries) for Gephi", write_graphml),
)}


class ExportStream(Iterator[str]):
    """The chunks of one export. ``counts`` (incidents written, ``left_out_<reason>``, and per format
    entities, nodes or edges) is complete once the stream is exhausted. Closing it (or exhausting it)
    closes the ledger the export opened."""

    def __init__(self, chunks: Iterator[str], counts: Counter[str], resources: ExitStack,
                 fmt: ExportFormat) -> None:
        self._chunks = chunks
        self.counts = counts
        self.format = fmt
        self._resources = resources

    def __iter__(self) -> ExportStream:
        return self

    def __next__(self) -> str:
        try:
            return next(self._chunks)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        self._resources.close()

    def __enter__(self) -> ExportStream:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def export_format(fmt: str) -> ExportFormat:
    found = FORMATS.get(fmt)
    if found is None:
        raise UsageError(f"--format {fmt!r} is not an export format: {', '.join(FORMATS)}", input="--format")
    return found


def export(settings: Settings, fmt: str, *, place: str | None = None, date_from: str | None = None,
           date_to: str | None = None, type_: str | None = None, min_sources: int = 0,
           background: bool = True, ledger: Ledger | None = None) -> ExportStream:
    """The incidents the filters select (as ``IncidentService.incidents`` takes them) in format ``fmt``.

    Bad arguments (an unknown format, a date that is not one) raise a coded UsageError (E150) here,
    before anything is written; a ledger that cannot be opened raises E120."""
    chosen = export_format(fmt)
    parse_day(date_from, "--from")
    parse_day(date_to, "--to")
    if min_sources < 0:
        raise UsageError(f"--min-sources must be 0 or more, not {min_sources}", input="--min-sources")
    resources = ExitStack()
    if ledger is None:
        ledger = resources.enter_context(open_ledger(settings))
    filters = Filters(place=place, date_from=date_from, date_to=date_to, type_=type_,
                      min_sources=min_sources, background=background)
    counts: Counter[str] = Counter()
    source = ExportSource(settings, ledger, filters)
    return ExportStream(chosen.write(source, counts), counts, resources, chosen)


def export_to_file(stream: ExportStream, path: str | Path) -> dict[str, int]:
    """Write an export to ``path`` (through a temporary file beside it, renamed when complete, so a
    failed export leaves no half-written file) and return its counts."""
    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    try:
        with stream, partial.open("w", encoding="utf-8", newline="") as out:
            for chunk in stream:
                out.write(chunk)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return dict(stream.counts)
