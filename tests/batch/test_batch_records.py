"""What a batch partition does with its lines, without Spark: rows, coded errors, one pipeline per worker."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from wireledger.batch import records
from wireledger.batch.records import ERROR, ERROR_COLUMNS, READING, READING_COLUMNS, read_lines
from wireledger.errors import Problem
from wireledger.ingest import IngestOptions, iter_inputs
from wireledger.model import Document, Reading
from wireledger.nlp.pipeline import Pipeline, reading_failed
from wireledger.settings import Settings
from wl_testing import FIXTURES

ARTICLES = FIXTURES / "batch" / "articles.jsonl"


def _lines(path: Path = ARTICLES) -> list[records.InputLine]:
    name = str(path)
    return [(name, n, text) for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)]


def _rows(kind: str, rows: Iterable[records.Row]) -> list[dict[str, object]]:
    columns = READING_COLUMNS if kind == READING else ERROR_COLUMNS
    return [dict(zip(columns, values, strict=True)) for k, values in rows if k == kind]


class _FailingOn:
    """A reader that fails on one source id and reads nothing of the others (an empty reading)."""

    def __init__(self, source_id: str) -> None:
        self.source_id = source_id

    def pipe(self, documents: Iterable[Document], processes: int = 1,
             batch_size: int = 32) -> Iterator[Reading | Problem]:
        for doc in documents:
            if doc.source_id == self.source_id:
                yield reading_failed(doc, RuntimeError("boom"))
            else:
                yield Reading(document=doc)


@pytest.fixture(scope="module")
def rows() -> list[records.Row]:
    return list(read_lines(_lines(), IngestOptions(), Settings(batch_size=2), pipeline=Pipeline(Settings())))


def test_every_line_gives_one_row_and_blank_lines_none(rows: list[records.Row]) -> None:
    readings = _rows(READING, rows)
    errors = _rows(ERROR, rows)
    assert [r["source_id"] for r in readings] == ["wl-b1", "wl-b2", "wl-b3", "wl-b4"]
    assert [(e["line"], e["code"]) for e in errors] == [(3, "E110"), (4, "E112")]
    assert errors[0]["record"] == _lines()[2][2]  # the line as read, to fix and read again
    assert str(errors[1]["message"]).startswith(f"E112 {ARTICLES}:4: field 'text' is empty")


def test_ids_and_titles_are_those_of_wireledger_read(rows: list[records.Row]) -> None:
    documents = [d for d in iter_inputs([str(ARTICLES)], IngestOptions(), Settings())
                 if isinstance(d, Document)]
    readings = _rows(READING, rows)
    assert [(r["document_id"], r["title"]) for r in readings] == [(d.id, d.title) for d in documents]
    first = json.loads(str(readings[0]["reading"]))
    assert first["document"]["id"] == "wl-b1" and first["document"]["content_id"] == documents[0].id


def test_flat_columns_describe_the_main_event(rows: list[records.Row]) -> None:
    by_source = {r["source_id"]: r for r in _rows(READING, rows)}
    shooting = by_source["wl-b1"]
    assert (shooting["event_type"], shooting["killed"], shooting["wounded"]) == ("armed_assault", 2, 3)
    assert shooting["place"] is not None and "Denver" in str(shooting["place"])
    reading = json.loads(str(shooting["reading"]))
    main = next(e for e in reading["events"] if not e["background"])
    assert shooting["event_date"] == main["date"]["value"]
    budget = by_source["wl-b4"]
    assert budget["event_type"] is None and budget["events"] == 0


def test_a_failing_reading_is_an_E130_row_and_the_rest_go_on() -> None:
    rows = list(read_lines(_lines(), IngestOptions(), Settings(), pipeline=_FailingOn("wl-b2")))  # type: ignore[arg-type]
    errors = _rows(ERROR, rows)
    assert sorted((int(str(e["line"])), str(e["code"])) for e in errors) == [(2, "E130"), (3, "E110"),
                                                                             (4, "E112")]
    assert any("boom" in str(e["message"]) for e in errors)
    assert len(_rows(READING, rows)) == 3


def test_a_document_not_in_english_is_a_W001_row() -> None:
    text = ("La policía informó que dos personas murieron y tres resultaron heridas en un tiroteo en el "
            "mercado central de la ciudad el martes por la noche, según las autoridades locales.")
    line = ("x.jsonl", 1, json.dumps({"id": "es-1", "text": text}))
    rows = list(read_lines([line], IngestOptions(), Settings(), pipeline=_FailingOn("none")))  # type: ignore[arg-type]
    assert [(k, v[3]) for k, v in rows] == [(ERROR, "W001")]


def test_the_pipeline_is_built_once_per_worker_process(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[Settings] = []

    class Counted:
        def __init__(self, settings: Settings) -> None:
            built.append(settings)

    monkeypatch.setattr("wireledger.nlp.pipeline.Pipeline", Counted)
    monkeypatch.setattr(records, "_PIPELINES", {})
    one, other = Settings(), Settings(batch_size=7)
    first = records.worker_pipeline(one)
    assert records.worker_pipeline(one) is first
    assert records.worker_pipeline(Settings()) is first  # equal settings share it
    assert records.worker_pipeline(other) is not first
    assert built == [one, other]


def test_a_line_over_the_size_limit_is_refused_E107() -> None:
    line = ("x.jsonl", 5, json.dumps({"id": "long", "text": "word " * 400}))
    rows = list(read_lines([line], IngestOptions(), Settings(max_bytes=1000), pipeline=_FailingOn("none")))  # type: ignore[arg-type]
    assert [(k, v[3]) for k, v in rows] == [(ERROR, "E107")]
    assert rows[0][1][4].startswith("E107 x.jsonl:5: line is over the")


def test_file_names_are_not_read_as_hadoop_globs() -> None:
    from wireledger.batch.spark import errors_path, literal_path

    assert literal_path("file:///d/a b/x[1]*{a,b}?.jsonl") == r"file:///d/a b/x\[1\]\*\{a,b\}\?.jsonl"
    assert errors_path("out/gva.parquet") == "out/gva.errors.parquet"
    assert errors_path("out/gva/") == "out/gva.errors.parquet"
