"""``wireledger read``: readings printed without storing, in json, jsonl and text, checked against
docs/reading.schema.json; problems on stderr as coded lines."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from click.testing import CliRunner, Result

from wireledger.cli import cli
from wl_testing import ROOT, require_shared

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
MINSK = ARTICLES / "entities_minsk_general.txt"
SPRINGFIELD = ARTICLES / "entities_springfield_shooting.txt"


@cache
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "docs" / "reading.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["read", *args], input=input)


def valid(reading: dict[str, Any]) -> dict[str, Any]:
    errors = [f"{e.json_path}: {e.message}" for e in validator().iter_errors(reading)]
    assert not errors, errors[:5]
    text = reading["document"]["text"]
    for entity in reading["entities"]:
        for m in entity["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    return reading


def test_one_document_is_one_json_object_that_follows_the_schema() -> None:
    result = run(str(MINSK), "--format", "json", "--published", "2025-06-03")
    assert result.exit_code == 0, result.output
    reading = valid(json.loads(result.stdout))
    assert reading["document"]["source_id"] == str(MINSK)
    assert reading["document"]["published"] == "2025-06-03"
    names = {e["name"]: e for e in reading["entities"]}
    assert names["Anton Zhuravsky"]["titles"] == ["Major General"]
    assert names["Krynica"]["type"] == "media"


def test_several_documents_are_a_json_list_or_jsonl_lines_and_text_summaries() -> None:
    result = run(str(MINSK), str(SPRINGFIELD), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [valid(r)["document"]["title"] for r in lines] == [
        "General wounded outside his home", "Two hurt in shooting near Springfield bus station"]
    result = run(str(MINSK), str(SPRINGFIELD), "--format", "text")
    assert result.exit_code == 0
    assert result.stdout.count("  entities: ") == 2
    assert "Two hurt in shooting near Springfield bus station  (2025-09-14)" in result.stdout


def test_jsonl_input_keeps_its_ids_and_problems_go_to_stderr(tmp_path: Path) -> None:
    rows = [{"doc_id": "a-17", "content": MINSK.read_text(encoding="utf-8"), "dct": "2025-06-03"},
            {"doc_id": "a-18", "content": ""}]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = run(str(path), str(tmp_path / "missing.txt"), "--format", "json", "--id-field", "doc_id",
                 "--text-field", "content", "--published-field", "dct")
    assert result.exit_code == 1  # something was read, something was not
    reading = valid(json.loads(result.stdout))
    assert reading["document"]["id"] == "a-17" and reading["document"]["source_id"] == "a-17"
    codes = sorted(line.split()[0] for line in result.stderr.splitlines())
    assert codes == ["E100", "E112"], result.stderr


def test_usage_errors_exit_2() -> None:
    result = run(str(MINSK), "--published", "June 3")
    assert result.exit_code == 2 and result.stderr.startswith("E150")
    result = run(str(MINSK), "--model", "en_no_such_model_xx")
    assert result.exit_code == 2 and "en_no_such_model_xx" in result.stderr


def test_founding_example_passes_the_reference_check(tmp_path: Path) -> None:
    seed = require_shared("seed", "alekseev.txt")
    checker = require_shared("eval", "check_seed.py")
    result = run(str(seed), "--published", "2026-02-06", "--format", "json")
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "seed.json"
    out.write_text(result.stdout, encoding="utf-8")
    valid(json.loads(result.stdout))
    check = subprocess.run([sys.executable, str(checker), str(out), "--group", "reading"],
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout


def test_a_headline_record_reads_as_a_person_not_a_town_and_each_place_shows_once(tmp_path: Path) -> None:
    row = {"id": "k-1", "headline": "Man stabbed outside pub on Tanner Lane",
           "body": "A 31-year-old man was stabbed outside a pub on Tanner Lane late on Friday, police said.",
           "date": "2026-02-01"}
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    result = run(str(path), "--title-field", "headline", "--text-field", "body", "--published-field", "date",
                 "--format", "text")
    assert result.exit_code == 0, result.output
    entities = next(line for line in result.stdout.splitlines() if line.startswith("  entities: "))
    assert "Man (location)" not in entities  # "Man" is also a town in Côte d'Ivoire
    main = next(line for line in result.stdout.splitlines() if line.startswith("  main event: "))
    assert main.count("Tanner Lane") == 1
