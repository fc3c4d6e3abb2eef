"""The ingest use case: inputs -> Documents -> (optionally) Readings -> the ledger.

Each document goes into the ledger in its own transaction, with its reading when a reader is given, so
an interrupted run resumes cleanly: content already stored is recognised by its id and only gains the
new source id. Near-duplicates of a stored story are linked to its canonical copy and not read again.

With a batch reader (``read_many``, e.g. the pipeline's ``pipe`` with its processes), the documents that
will need a reading are read ahead in order, in batches, while the documents themselves are still stored
one by one in input order; a document read ahead that turns out to be a near-duplicate costs one wasted
reading, nothing else.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from ..errors import Problem, WireledgerError
from ..ingest import Fetcher, IngestOptions, count_inputs, iter_inputs
from ..ingest.sources import STDIN_NAME
from ..model import Document, Reading
from ..settings import Settings
from ..store import NEAR_DUPLICATE, SOURCE_ADDED, GroupMember, Store, canonical_id, open_store
from ..store.ledger import remove_if_unused, sqlite_path
from .near_duplicates import fingerprint, similar_documents
from .provenance import reading_statements

Read = Callable[[Document], Reading]
# reads documents in order, one result per document: its Reading, or an E130 Problem when it failed
ReadMany = Callable[[Iterable[Document]], Iterator[Reading | Problem]]

EXIT_OK = 0  # every input was stored or was already present
EXIT_SKIPPED = 1  # some inputs (or parts of them) were skipped: see the coded lines
EXIT_NOTHING = 2  # nothing could be read, or a usage error
STEP_FAILED = "W130"  # a reading step failed on a document (nlp/pipeline.py)


@dataclass
class IngestSummary:
    """What one ingest run did. ``skipped`` holds the problems first seen in this run; ``known_skips``
    those an earlier run already reported for the same input (they do not make the exit code 1)."""

    read: int = 0  # documents read from the inputs
    stored: int = 0  # new documents stored as their own canonical copy
    near_duplicates: int = 0  # new documents stored and linked to a canonical copy (not read)
    duplicates: int = 0  # documents whose content was already stored
    sources_added: int = 0  # ...of which this run added a new source id
    relinked: int = 0  # stored documents that became copies of a newly arrived canonical copy
    readings: int = 0  # documents read by the reader and stored with their reading
    skipped: list[Problem] = field(default_factory=list)
    known_skips: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # coded lines: W... input: cause
    step_failures: int = 0  # reading steps that failed (W130, among the warnings)

    @property
    def exit_code(self) -> int:
        if self.read == 0:
            return EXIT_NOTHING
        return EXIT_SKIPPED if self.skipped else EXIT_OK

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read, "stored": self.stored, "near_duplicates": self.near_duplicates,
            "duplicates": self.duplicates, "sources_added": self.sources_added, "relinked": self.relinked,
            "readings": self.readings, "skipped": len(self.skipped) + len(self.known_skips),
            "skipped_new": len(self.skipped), "warnings": len(self.warnings),
            "step_failures": self.step_failures, "exit_code": self.exit_code,
            "problems": [p.to_dict() | {"known": False} for p in self.skipped]
            + [p.to_dict() | {"known": True} for p in self.known_skips],
            "warning_list": [{"code": w.split(" ", 1)[0], "message": w} for w in self.warnings],
        }


@dataclass(frozen=True)
class ProgressUpdate:
    done: int  # inputs handled so far (documents and skipped inputs)
    total: int | None  # inputs expected, when they can be counted cheaply
    summary: IngestSummary


Progress = Callable[[ProgressUpdate], None]


def ingest(
    paths: Iterable[str],
    options: IngestOptions | None = None,
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
    read: Read | None = None,
    read_many: ReadMany | None = None,
    store: Store | None = None,
    stdin: BinaryIO | None = None,
    fetcher: Fetcher | None = None,
    documents: Iterable[Document | Problem] | None = None,
) -> IngestSummary:
    """Ingest files, folders, globs or ``-`` (stdin) into the ledger named by ``settings.db``.

    ``fetcher`` fetches the pages feed items link to (only with ``options.follow_links``); ``stdin``
    replaces ``sys.stdin`` for the path ``-``; ``store`` is an open ledger to use instead of opening one.

    ``read`` is the reading pipeline (e.g. ``Pipeline(settings).read``): when given, every new canonical
    document in English is read and its reading stored in the same transaction as the document.
    ``read_many`` (with ``read``) reads the new documents ahead in batches (see the module docstring).

    ``documents``: documents (and input problems) made elsewhere, ingested instead of ``paths``
    (``wireledger load`` hands in those of a batch job's readings).
    """
    settings = settings or Settings.load()
    options = options or IngestOptions()
    paths = list(paths)
    own_store = store is None
    new_file = own_store and _new_sqlite_ledger(settings.db)
    ledger = store if store is not None else open_store(settings)
    summary = IngestSummary()
    try:
        total = None if documents is not None or "-" in paths else count_inputs(paths, options, settings)
        items: Iterable[Document | Problem] = documents if documents is not None else iter_inputs(
            paths, options, settings, fetcher=fetcher, stdin=stdin)
        offers: Iterator[tuple[Document | Problem, Read | None]] = (
            _read_ahead(items, ledger, read, read_many) if read is not None and read_many is not None
            else ((item, read) for item in items)
        )
        for done, (item, item_read) in enumerate(offers, start=1):
            if isinstance(item, Problem):
                _note_problem(ledger, item, summary)
            else:
                summary.read += 1
                summary.warnings.extend(item.warnings)
                _offer(ledger, item, item_read, settings, summary)
            if progress is not None:
                progress(ProgressUpdate(done, total, summary))
    finally:
        if own_store:
            ledger.close()
            if new_file and not summary.stored and not summary.near_duplicates:
                remove_if_unused(settings.db)  # nothing came of it: leave no empty ledger behind
    return summary


def _new_sqlite_ledger(db: str) -> bool:
    path = sqlite_path(db)
    return path is not None and not path.exists()


class _ReadAheadFailed(Exception):
    """A reading made ahead failed: its Problem's cause, reported by ``_read`` like any failed reading."""


def _read_ahead(items: Iterable[Document | Problem], ledger: Store, read: Read,
                read_many: ReadMany) -> Iterator[tuple[Document | Problem, Read | None]]:
    """Each input in order, with the ``read`` to offer it with: documents not yet stored are read ahead
    through ``read_many``; an input is handed on once its reading (if it needed one) is back."""
    pending: deque[tuple[Document | Problem, bool]] = deque()  # inputs pulled, not yet handed on
    reading_order: deque[Document] = deque()  # documents sent to read_many, in order
    done: dict[str, Reading | Problem] = {}
    sent: set[str] = set()

    def to_read() -> Iterator[Document]:
        for item in items:
            needs = (isinstance(item, Document) and item.id not in sent and _readable(item)
                     and not ledger.has_document(item.id))
            pending.append((item, needs))
            if needs:
                assert isinstance(item, Document)
                sent.add(item.id)
                reading_order.append(item)
                yield item

    def from_cache(doc: Document) -> Reading:
        found = done.pop(doc.id, None)
        if isinstance(found, Reading):
            return found
        if isinstance(found, Problem):
            raise _ReadAheadFailed(found.cause)
        return read(doc)  # not read ahead (e.g. stored without a reading by an earlier run)

    def ready() -> Iterator[tuple[Document | Problem, Read | None]]:
        while pending and (not pending[0][1] or getattr(pending[0][0], "id", None) in done):
            item, _ = pending.popleft()
            yield item, from_cache

    for result in read_many(to_read()):
        done[reading_order.popleft().id] = result
        yield from ready()
    yield from ready()
    while pending:  # only when read_many returned fewer results than documents: read them one by one
        yield pending.popleft()[0], read


def _note_problem(ledger: Store, problem: Problem, summary: IngestSummary) -> None:
    if not problem.is_error:
        summary.warnings.append(str(problem))
        return
    new = ledger.record_skip(problem)
    # what came through stdin cannot be recognised on a later run: its problems are always new
    if new or problem.input.startswith(STDIN_NAME):
        summary.skipped.append(problem)
    else:
        summary.known_skips.append(problem)


def _readable(doc: Document) -> bool:
    """The reading is English-only for now: documents flagged as another language are not read (W001)."""
    return not any(w.startswith("W001") for w in doc.warnings)


def _offer(ledger: Store, doc: Document, read: Read | None, settings: Settings,
           summary: IngestSummary) -> None:
    try:
        if ledger.has_document(doc.id):
            _already_stored(ledger, doc, read, summary)
        else:
            _store_new(ledger, doc, read, settings, summary)
    except WireledgerError as exc:
        summary.skipped.append(exc.problem)
    except Exception as exc:  # a broken document is reported and skipped; the batch goes on
        summary.skipped.append(Problem("E120", doc.source_id, f"could not be stored ({exc})", "skipped"))


def _already_stored(ledger: Store, doc: Document, read: Read | None, summary: IngestSummary) -> None:
    result = ledger.add_document(doc)
    summary.duplicates += 1
    if result.status == SOURCE_ADDED:
        summary.sources_added += 1
    # a canonical copy stored without its reading (an earlier run without a reader, or a reading that
    # failed) is read now
    if read is not None and result.canonical_id is None and not ledger.has_reading(doc.id):
        stored = ledger.get_document(doc.id)
        if stored is not None and _readable(stored):
            reading = _read(read, stored, summary)
            if reading is not None:
                ledger.save_reading(reading, reading_statements(reading))
                summary.readings += 1


def _store_new(ledger: Store, doc: Document, read: Read | None, settings: Settings,
               summary: IngestSummary) -> None:
    fp = fingerprint(doc)
    similar = similar_documents(fp, ledger.near_duplicate_candidates(fp.band_keys), settings)
    canonical = doc.id
    if similar:
        group = ledger.near_duplicate_group([c for c, _ in similar])
        canonical = canonical_id([*group, GroupMember(doc.id, doc.published)])
    reading = None
    if read is not None and canonical == doc.id and _readable(doc):
        reading = _read(read, doc, summary)
    statements = reading_statements(reading) if reading is not None else []
    result = ledger.add_document(doc, fingerprint=fp, near_duplicate_of=[c for c, _ in similar],
                                 reading=reading, statements=statements)
    summary.relinked += len(result.relinked)
    if result.reading_saved:
        summary.readings += 1
    if result.status == NEAR_DUPLICATE:
        summary.near_duplicates += 1
        best = max(s for _, s in similar)
        cause = f"near-duplicate of {result.canonical_id} (similarity {best:.2f})"
        summary.warnings.append(str(Problem("W003", doc.source_id, cause, "linked, not read again")))
    else:
        summary.stored += 1


def _read(read: Read, doc: Document, summary: IngestSummary) -> Reading | None:
    try:
        reading = read(doc)
    except _ReadAheadFailed as exc:
        summary.skipped.append(Problem("E130", doc.source_id, str(exc),
                                       "document stored without its reading; a rerun tries again"))
        return None
    except Exception as exc:  # a failed reading is reported; the document is still stored
        summary.skipped.append(Problem("E130", doc.source_id, f"reading failed ({type(exc).__name__}: {exc})",
                                       "document stored without its reading; a rerun tries again"))
        return None
    # a step that failed (W130) leaves the reading without its output: the summary says so
    failed = [w for w in reading.warnings if w.startswith(f"{STEP_FAILED} ")]
    summary.warnings.extend(failed)
    summary.step_failures += len(failed)
    return reading
