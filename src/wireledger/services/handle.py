"""The Python API's objects: ``read`` a text without a ledger, and ``LedgerHandle``, one open ledger with
the questions every interface asks, answered by the same services (no SQL here).

    >>> import wireledger
    >>> reading = wireledger.read(text, published="2026-02-06")
    >>> with wireledger.open("wireledger.db") as ledger:
    ...     ledger.ingest(["reports/"], published="2026-02-06")
    ...     ledger.incidents(place="Moscow").to_dataframe()

The reading pipeline (spaCy and the word lists) takes seconds to build, so it is built on the first text
to read and kept for the process, one per Settings (``pipeline_for``); nothing is built at import.
Lists come back as ``ResultSet``: a sequence of plain dicts (what ``--format json`` prints) with
``to_dataframe()`` when pandas is installed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, overload

from ..errors import Problem, UsageError, WireledgerError
from ..ingest.readers import read_text_input
from ..model import Document, Reading
from ..settings import Settings
from ..store import Ledger, open_ledger
from .entities import EntityService
from .exports import export, export_to_file
from .incidents import IncidentService
from .ingestion import IngestSummary, ingest
from .library import search_results
from .screening import ScreeningService

if TYPE_CHECKING:
    from ..nlp.pipeline import Pipeline

__all__ = ["LedgerHandle", "ResultSet", "open_handle", "pipeline_for", "read_text"]


class ResultSet(Sequence[dict[str, Any]]):
    """Rows as plain dicts, in the order the service gave them."""

    def __init__(self, rows: Iterable[dict[str, Any]]) -> None:
        self._rows = list(rows)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> ResultSet: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | ResultSet:
        if isinstance(index, slice):
            return ResultSet(self._rows[index])
        return self._rows[index]

    def __len__(self) -> int:
        return len(self._rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ResultSet):
            return self._rows == other._rows
        return isinstance(other, list) and self._rows == other

    __hash__ = None  # type: ignore[assignment]  # a mutable sequence of dicts: not hashable

    def __repr__(self) -> str:
        return f"<ResultSet of {len(self._rows)} rows>"

    def to_list(self) -> list[dict[str, Any]]:
        return list(self._rows)

    def to_dataframe(self) -> Any:
        """The rows as a pandas DataFrame (one column per key). pandas is optional: without it, a coded
        error (E150) names the package to install."""
        try:
            import pandas
        except ImportError:
            raise UsageError("to_dataframe() needs pandas, which is not installed (pip install pandas)",
                             input="to_dataframe") from None
        return pandas.DataFrame.from_records(self._rows)


def pipeline_for(settings: Settings) -> Pipeline:
    """The reading pipeline for these settings, built once per process on first use (the ledger is no
    part of it: handles on two ledgers share one pipeline)."""
    return _pipeline(settings.with_(db=Settings().db))


@cache
def _pipeline(settings: Settings) -> Pipeline:
    from ..nlp.pipeline import Pipeline

    return Pipeline(settings)


def text_document(text: str, published: str | None = None, title: str | None = None) -> Document:
    """A Document for a text given in Python, read as a plain-text file would be (a first line that is a
    headline becomes the title); ``published`` as ``--published`` gives it (YYYY-MM-DD)."""
    if not isinstance(text, str):
        raise UsageError(f"a text must be a str, not {type(text).__name__}", input="read")
    source_id = "text:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    doc = read_text_input(text.encode("utf-8"), source_id, source_id, published)
    if title:
        doc.title = title
    return doc


def read_text(text: str, published: str | None = None, settings: Settings | None = None,
              title: str | None = None) -> Reading:
    """Read one text without a ledger: its entities, events and claims (``wireledger.read``)."""
    _check_published(published)
    return pipeline_for(settings or Settings.load()).read(text_document(text, published, title))


def _check_published(published: str | None) -> None:
    from datetime import date

    if published is None:
        return
    try:
        date.fromisoformat(published)
    except (TypeError, ValueError):
        raise UsageError(f"published {published!r} is not a date like 2026-02-06",
                         input="published") from None


def _is_path(item: str | Path) -> bool:
    """A Path, or a string naming a file, folder or glob: one line without spaces (a text has them)."""
    if isinstance(item, Path):
        return True
    return "\n" not in item and (Path(item).exists() or " " not in item.strip())


class LedgerHandle:
    """One open ledger (a SQLite file or a PostgreSQL URL). Use it as a context manager or ``close()`` it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.ledger: Ledger = open_ledger(settings)
        self._incidents = IncidentService(settings, self.ledger)
        self._entities = EntityService(settings, self.ledger)
        self._screening: ScreeningService | None = None

    def __enter__(self) -> LedgerHandle:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.ledger.close()

    def __repr__(self) -> str:
        return f"<LedgerHandle {self.ledger.location}>"

    # --- adding reports --------------------------------------------------------------------------------
    def ingest(self, items: str | Path | Iterable[str | Path], published: str | None = None,
               read: bool = True) -> IngestSummary:
        """Store reports and read them, as ``wireledger ingest`` does: each item is a path (a file, folder
        or glob, as a ``Path`` or a one-line string without spaces) or the text of a report. Then the
        incidents, entities and screening are brought up to date."""
        _check_published(published)
        batch = [items] if isinstance(items, str | Path) else list(items)
        paths = [str(i) for i in batch if _is_path(i)]
        texts = [str(i) for i in batch if not _is_path(i)]
        from ..ingest import IngestOptions

        pipeline = pipeline_for(self.settings) if read else None
        reader = pipeline.read if pipeline is not None else None

        def documents() -> Iterator[Document | Problem]:
            from ..ingest import iter_inputs

            if paths:
                yield from iter_inputs(paths, IngestOptions(published=published), self.settings)
            for text in texts:
                try:
                    yield text_document(text, published)
                except WireledgerError as exc:
                    yield exc.problem

        summary = ingest([], IngestOptions(published=published), self.settings, read=reader,
                         store=self.ledger.documents, documents=documents())
        self.sync()
        return summary

    def read(self, text: str, published: str | None = None, title: str | None = None) -> Reading:
        """Read one text, store it with its reading, and return the reading (the stored one when the same
        text, or a near-duplicate of it, is already in the ledger)."""
        _check_published(published)
        doc = text_document(text, published, title)
        summary = ingest([], None, self.settings, read=pipeline_for(self.settings).read,
                         store=self.ledger.documents, documents=[doc])
        self.sync()
        from ..merge.reading_json import reading_from_dict

        stored = self.ledger.documents.get_document(doc.id)
        home = (stored.canonical_id or stored.id) if stored is not None else doc.id
        data = self.ledger.documents.get_reading(home)
        document = self.ledger.documents.get_document(home)
        if data is None or document is None:
            why = [str(p) for p in summary.skipped] + [w for w in summary.warnings if w.startswith("W001")]
            raise WireledgerError("E130", doc.source_id, "the text was stored without a reading"
                                  + (f" ({'; '.join(why)})" if why else ""), "`reread` tries again")
        return reading_from_dict(data, document)

    def sync(self) -> None:
        """Bring incidents, ledger entities and screening up to date with the readings."""
        self._incidents.sync()
        self._entities.sync()

    # --- questions -------------------------------------------------------------------------------------
    def incidents(self, *, place: str | None = None, date_from: str | None = None, date_to: str | None = None,
                  type_: str | None = None, min_sources: int = 0, background: bool = True) -> ResultSet:
        """The incidents (oldest first), as ``wireledger incidents`` lists them."""
        return ResultSet(self._incidents.incidents(place=place, date_from=date_from, date_to=date_to,
                                                   type_=type_, min_sources=min_sources,
                                                   background=background))

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        """One incident with every fact and its sources (``wireledger incident ID``), plus ``redirects``
        followed and ``related`` incidents; None when the id led to an incident that is gone."""
        record, hops = self._incidents.record(incident_id)
        if record is None:
            return None
        return {**record.to_dict(), "redirects": hops, "related": self._incidents.related(record.id)}

    def timeline(self, name: str | None = None, *, place: str | None = None, date_from: str | None = None,
                 date_to: str | None = None, type_: str | None = None) -> ResultSet:
        """The incidents of a person or organisation, or of a place, in date order."""
        entries = self._incidents.timeline(name, place, date_from, date_to, type_)
        return ResultSet(e.to_dict() for e in entries)

    def entities(self, *, type_: str | None = None, name: str | None = None, sanctioned: bool = False,
                 limit: int | None = None) -> ResultSet:
        """Ledger entities (people and organisations across reports)."""
        return ResultSet(self._entities.entities(type_=type_, name=name, sanctioned=sanctioned, limit=limit))

    def entity(self, entity_id: str) -> dict[str, Any]:
        """One ledger entity: names, titles, roles, reports, sanctions matches (``wireledger entity ID``)."""
        return dict(self._entities.entity(entity_id)["entity"])

    def search(self, query: str, limit: int = 20) -> ResultSet:
        """Full-text search over the reports (words, "phrases", prefix*)."""
        return ResultSet(search_results(query, self.settings, limit=limit, store=self.ledger.documents))

    def screen(self, name: str, threshold: float | None = None) -> ResultSet:
        """A name screened against the loaded sanctions lists: the matches, best first."""
        if self._screening is None:
            self._screening = ScreeningService(self.settings, self.ledger)
        result = self._screening.screen(name, threshold=threshold)
        return ResultSet(m.to_dict() for m in result.matches)

    def export(self, fmt: str, path: str | Path | None = None, **filters: Any) -> str | dict[str, int]:
        """The incidents (``filters`` as ``incidents`` takes them) in an export format: the text, or, with
        ``path``, the file written and its counts."""
        stream = export(self.settings, fmt, ledger=self.ledger, **filters)
        if path is not None:
            return export_to_file(stream, path)
        with stream:
            return "".join(stream)


def open_handle(db: str | Path = "wireledger.db", settings: Settings | None = None,
                **overrides: Any) -> LedgerHandle:
    """Open (or create) the ledger ``db``: a SQLite file or a ``postgresql://`` URL."""
    base = settings or Settings.load()
    return LedgerHandle(base.with_(db=str(db), **overrides))
