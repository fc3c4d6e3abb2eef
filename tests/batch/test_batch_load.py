"""``wireledger load``: a batch output (Parquet written here with pyarrow, as Spark writes it) into a
SQLite ledger, shown by ``documents`` and ``incidents``, and loading twice adds nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from wireledger.batch.records import ERROR, ERROR_COLUMNS, READING, READING_COLUMNS, read_lines
from wireledger.cli import cli
from wireledger.ingest import IngestOptions
from wireledger.nlp.pipeline import Pipeline
from wireledger.services import ingest
from wireledger.services.ledger import sync_ledger
from wireledger.settings import Settings
from wl_testing import FIXTURES

pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install 'wireledger[spark]')")
pq = pytest.importorskip("pyarrow.parquet")

ARTICLES = FIXTURES / "batch" / "articles.jsonl"
_TYPES = {"string": pa.string(), "int": pa.int32()}


def write_batch_output(out: Path, rows: list[tuple[str, tuple[Any, ...]]]) -> None:
    """The two datasets of a batch job, as folders of part files like Spark's."""
    for kind, columns, path in ((READING, READING_COLUMNS, out), (ERROR, ERROR_COLUMNS,
                                                                   out.with_suffix(".errors.parquet"))):
        schema = pa.schema([(name, _TYPES[t]) for name, t in columns.items()])
        values = [v for k, v in rows if k == kind]
        table = pa.table({name: [v[i] for v in values] for i, name in enumerate(columns)}, schema=schema)
        path.mkdir()
        pq.write_table(table, path / "part-00000.parquet")
        (path / "_SUCCESS").write_text("")


def _run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args])


@pytest.fixture(scope="module")
def batch_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = ARTICLES.read_text(encoding="utf-8")
    lines = [(str(ARTICLES), n, t) for n, t in enumerate(text.splitlines(), 1)]
    rows = list(read_lines(lines, IngestOptions(), Settings(), pipeline=Pipeline(Settings())))
    out = tmp_path_factory.mktemp("batch") / "articles.parquet"
    write_batch_output(out, rows)
    return out


def test_load_puts_documents_readings_and_incidents_in_the_ledger(batch_output: Path, tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    first = _run(db, "load", str(batch_output), "--format", "json")
    assert first.exit_code == 1, first.output  # the error table's E110 and E112 are skipped inputs
    data = json.loads(first.stdout)
    assert data["command"] == "load"
    assert (data["readings_in_file"], data["stored"], data["readings"]) == (4, 4, 4)
    assert sorted(p["code"] for p in data["problems"]) == ["E110", "E112"]
    assert data["sync"]["incidents"]["merged"] == 4

    documents = _run(db, "documents")
    assert documents.exit_code == 0
    assert "Two killed in market shooting in Denver" in documents.stdout
    assert len(documents.stdout.splitlines()) == 4
    incidents = _run(db, "incidents")
    assert incidents.exit_code == 0
    assert "armed_assault" in incidents.stdout and "bombing" in incidents.stdout

    again = _run(db, "load", str(batch_output), "--format", "json")
    assert again.exit_code == 0, again.output  # the same problems, already recorded
    data = json.loads(again.stdout)
    assert (data["stored"], data["duplicates"], data["readings"], data["skipped_new"]) == (0, 4, 0, 0)
    assert _run(db, "documents").stdout == documents.stdout
    assert _run(db, "incidents").stdout == incidents.stdout


def test_load_gives_the_ledger_that_ingest_gives(batch_output: Path, tmp_path: Path) -> None:
    loaded, ingested = tmp_path / "loaded.db", tmp_path / "ingested.db"
    assert _run(loaded, "load", str(batch_output), "--no-errors").exit_code == 0
    settings = Settings(db=str(ingested))
    ingest([str(ARTICLES)], IngestOptions(), settings, read=Pipeline(settings).read)
    sync_ledger(settings)
    for command in ("documents", "incidents"):
        assert _run(loaded, command).stdout == _run(ingested, command).stdout


def test_load_of_a_missing_output_is_a_coded_error(tmp_path: Path) -> None:
    result = _run(tmp_path / "l.db", "load", str(tmp_path / "nothing.parquet"))
    assert result.exit_code == 2
    assert result.stderr.startswith("E150 ")
    assert not (tmp_path / "l.db").exists()  # no empty ledger left behind
