"""A reading step that raises costs only its own output (W130), never the document; the bracket-subject
crash of the claims (once E130 on whole documents) is gone."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import attribution_support
import pytest
from reading_support import ARTICLES, ENTITY_STEPS, fixture_document

from wireledger.errors import CODES, UsageError
from wireledger.model import Entity, Reading
from wireledger.nlp.base import ReadingDoc
from wireledger.nlp.pipeline import Pipeline
from wireledger.nlp.registry import StepContext, register_step
from wireledger.services import IngestOptions, ingest
from wireledger.settings import Settings

FAILING = "test.half_done"


@dataclass
class HalfDoneStep:
    """Writes an entity, then fails: a real step that breaks in the middle of its work."""

    name: str = "wireledger.test_half_done"
    version: str = "1"
    reads: tuple[str, ...] = ("entities",)
    writes: tuple[str, ...] = ("entities",)

    def __call__(self, doc: ReadingDoc) -> ReadingDoc:
        doc.entities.append(Entity(id="ent_half", type="person", name="Half Done"))
        if doc.entities:
            doc.entities[0].name = "Renamed By A Broken Step"
        raise ZeroDivisionError("division by zero in the test step")


@register_step(FAILING)
def make_half_done(context: StepContext) -> HalfDoneStep:
    return HalfDoneStep()


@pytest.fixture(scope="module")
def pipelines() -> tuple[Pipeline, Pipeline]:
    broken = Pipeline(only=ENTITY_STEPS)
    broken.add_step(FAILING, after="entities")
    return Pipeline(only=ENTITY_STEPS), broken


def test_a_failing_step_is_a_coded_warning_and_the_reading_goes_on(
        pipelines: tuple[Pipeline, Pipeline]) -> None:
    whole, broken = pipelines
    document = fixture_document("entities_springfield_shooting.txt")
    reading = broken.read(document)
    expected = whole.read(document)
    warnings = [w for w in reading.warnings if w.startswith("W130")]
    assert len(warnings) == 1 and "W130" in CODES
    assert "wireledger.test_half_done@1" in warnings[0] and "ZeroDivisionError" in warnings[0]
    # without the failing step's output: nothing it wrote stays, and the later steps ran as usual
    assert reading.to_dict()["entities"] == expected.to_dict()["entities"]
    assert reading.steps == expected.steps
    assert "Half Done" not in {e.name for e in reading.entities}


def test_pipe_keeps_every_document_when_a_step_fails(pipelines: tuple[Pipeline, Pipeline]) -> None:
    _, broken = pipelines
    docs = [fixture_document(n) for n in ("entities_springfield_shooting.txt", "entities_minsk_general.txt")]
    results = list(broken.pipe(docs, batch_size=2))
    assert all(isinstance(r, Reading) for r in results) and len(results) == 2
    assert all(any(w.startswith("W130") for w in r.warnings) for r in results if isinstance(r, Reading))


def test_adding_an_unknown_step_or_after_an_absent_one_is_a_usage_error(
        pipelines: tuple[Pipeline, Pipeline]) -> None:
    whole, _ = pipelines
    with pytest.raises(UsageError):
        whole.add_step("test.no_such_step")
    with pytest.raises(UsageError):
        whole.add_step(FAILING, after="attribution")


def test_a_bracket_read_as_a_subject_is_no_subject_and_no_failure() -> None:
    # "[...] was reported killed": the parser takes the bracket for the subject of the passive verb
    document = fixture_document("claims_bracket_subject.txt")
    assert (ARTICLES / "claims_bracket_subject.txt").exists()
    reading = attribution_support.pipeline().read(document)
    assert not [w for w in reading.warnings if w.startswith("W130")], reading.warnings
    assert any(s.startswith("wireledger.attribution@") for s in reading.steps)
    assert reading.claims
    assert all(c.subject is None or c.subject.strip("[]. ") for c in reading.claims)


def test_the_ingest_summary_counts_and_shows_failed_steps(
        pipelines: tuple[Pipeline, Pipeline], tmp_path: Path) -> None:
    """W130 travels on the reading, not the document: the ingest summary still counts and lists it."""
    _, broken = pipelines
    settings = Settings(db=str(tmp_path / "ledger.db"))
    paths = [str(ARTICLES / n) for n in ("entities_springfield_shooting.txt", "entities_minsk_general.txt")]
    summary = ingest(paths, IngestOptions(published="2026-02-01"), settings, read=broken.read)
    assert summary.readings == 2 and summary.step_failures == 2
    failed = [w for w in summary.warnings if w.startswith("W130 ")]
    assert len(failed) == 2 and all("wireledger.test_half_done@1" in w for w in failed)
    data = summary.to_dict()
    assert data["step_failures"] == 2 and sum(w["code"] == "W130" for w in data["warning_list"]) == 2
