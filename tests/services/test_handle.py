"""The Python API's handle and result sets: what they return is what the services (and so the commands)
give; pandas is optional; paths and texts are told apart by a rule the docs state."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import wireledger
from wireledger.cli import cli
from wireledger.services import example_article
from wireledger.services.handle import ResultSet, _is_path


def test_the_package_face() -> None:
    assert {"read", "open", "LedgerHandle", "ResultSet"} <= set(wireledger.__all__)
    assert all(hasattr(wireledger, name) for name in wireledger.__all__)


def test_result_sets_are_sequences_of_dicts() -> None:
    rows = ResultSet([{"id": "a", "n": 1}, {"id": "b", "n": None}])
    assert len(rows) == 2 and rows[1]["id"] == "b" and rows[:1] == [{"id": "a", "n": 1}]
    frame = rows.to_dataframe()
    assert list(frame.columns) == ["id", "n"] and frame.shape == (2, 2)


def test_without_pandas_to_dataframe_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if it were not installed
    with pytest.raises(wireledger.WireledgerError) as caught:
        ResultSet([{"id": "a"}]).to_dataframe()
    assert caught.value.code == "E150" and "pandas" in str(caught.value)


def test_paths_and_texts(tmp_path: Path) -> None:
    assert _is_path(tmp_path) and _is_path(str(tmp_path)) and _is_path("reports/*.txt")
    assert not _is_path("Gunmen attacked a checkpoint.") and not _is_path("one\ntwo")


@pytest.mark.slow
def test_the_handle_answers_as_the_commands_do(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    with wireledger.open(db) as ledger:
        summary = ledger.ingest(example_article(), published="2026-02-03")
        assert summary.stored == 1
        again = ledger.ingest([Path(example_article()).read_text(encoding="utf-8")], published="2026-02-03")
        assert again.stored == 0 and again.duplicates == 1  # the same text, given as a text
        listed = ledger.incidents()
        ids = [i["id"] for i in listed]
        shown = ledger.incident(ids[0])
        entities = ledger.entities().to_list()
    cli_list = json.loads(CliRunner().invoke(cli, ["--db", db, "incidents", "--format", "json"]).stdout)
    assert listed.to_list() == cli_list["incidents"]
    cli_one = json.loads(CliRunner().invoke(cli, ["--db", db, "incident", ids[0], "--format", "json"]).stdout)
    assert {k: v for k, v in shown.items() if k not in ("redirects", "related")} == cli_one["incident"]
    assert shown["related"] == cli_one["related"]
    cli_entities = json.loads(CliRunner().invoke(cli, ["--db", db, "entities", "--format", "json"]).stdout)
    assert entities == cli_entities["entities"]


def test_a_bad_date_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(wireledger.WireledgerError) as caught:
        wireledger.read("Gunmen attacked a checkpoint.", published="yesterday")
    assert caught.value.code == "E150"


@pytest.mark.slow
def test_read_gives_the_reading_the_read_command_prints() -> None:
    path = example_article()
    reading = wireledger.read(Path(path).read_text(encoding="utf-8"), published="2026-02-03").to_dict()
    printed = json.loads(CliRunner().invoke(cli, ["read", path, "--published", "2026-02-03",
                                                  "--format", "json"]).stdout)
    for part in ("entities", "events", "claims"):
        assert reading[part] == printed[part], part
    assert reading["document"]["content_id"] == printed["document"]["content_id"]


@pytest.mark.slow
def test_the_handle_and_its_exports_on_each_engine(db_url: str) -> None:
    text = Path(example_article()).read_text(encoding="utf-8")
    with wireledger.open(db_url) as ledger:
        ledger.read(text, published="2026-02-03")
        listed = ledger.incidents()
        exported = json.loads(str(ledger.export("json")))
        assert [i["id"] for i in exported["incidents"]] == [i["id"] for i in listed]
        first = exported["incidents"][0]
        first.pop("entities")
        assert first == {k: v for k, v in ledger.incident(listed[0]["id"]).items()
                         if k not in ("redirects", "related")}


@pytest.mark.slow
def test_a_text_that_cannot_be_read_is_stored_and_the_error_says_why(tmp_path: Path) -> None:
    from wl_testing import FIXTURES

    french = (FIXTURES / "ingest" / "french_report.txt").read_text(encoding="utf-8")
    with wireledger.open(str(tmp_path / "ledger.db")) as ledger:
        with pytest.raises(wireledger.WireledgerError) as caught:
            ledger.read(french, published="2026-03-02")
        assert caught.value.code == "E130" and "W001" in str(caught.value)
        assert ledger.ledger.documents.stats()["documents"] == 1  # stored all the same: nothing is lost


@pytest.mark.slow
def test_the_pipeline_is_built_once_whatever_the_ledger() -> None:
    from wireledger.services.handle import pipeline_for
    from wireledger.settings import Settings

    assert pipeline_for(Settings(db="one.db")) is pipeline_for(Settings(db="postgresql://h/two"))
