"""``wireledger eval gva`` and ``wireledger eval muc4`` on small inputs we write here."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from wireledger.cli import cli

ARTICLES = [
    {
        "doc_id": "a1",
        "incident_id": "9001",
        "title": "Man wounded in Fresno shooting",
        "dct": "2025-04-14",
        "content": "FRESNO, Calif. - A 23-year-old man was shot in the leg late Sunday outside a house on "
        "East Butler Avenue, police said. He was taken to a hospital in stable condition.",
    },
    {
        "doc_id": "a2",
        "incident_id": "9002",
        "title": "Two killed in Dallas",
        "dct": "2025-04-16",
        "content": "Two men were shot and killed in Dallas on Tuesday night, police said. The gunman fled.",
    },
    {"doc_id": "a3", "incident_id": "9003", "title": "Empty page", "dct": "2025-04-16", "content": ""},
]
INCIDENTS = [
    {
        "incident_id": "9001",
        "date": "April 13, 2025",
        "state": "California",
        "city_or_county": "Fresno",
        "num_killed": 0,
        "num_injured": 1,
        "participants": [],
    },
    {
        "incident_id": "9002",
        "date": "April 15, 2025",
        "state": "Texas",
        "city_or_county": "Dallas",
        "num_killed": 2,
        "num_injured": 0,
        "participants": [{"Type": " Victim", "Name": " Ray Holt"}],
    },
]


def _jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_eval_gva_reads_and_scores(tmp_path: Path) -> None:
    _jsonl(tmp_path / "articles.jsonl", ARTICLES)
    _jsonl(tmp_path / "incidents.jsonl", INCIDENTS)
    out = tmp_path / "readings.jsonl"
    args = ["eval", "gva", "--data", str(tmp_path), "--first", "5", "--out", str(out), "--format", "json"]
    result = CliRunner().invoke(cli, [*args, "--null-as-zero"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["command"] == "eval gva" and scores["articles"] == 2  # the empty article is not scored
    assert scores["date"] == 1.0 and scores["killed"] == 1.0 and scores["wounded"] == 1.0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_eval_gva_reads_an_unknown_count_as_zero_only_when_asked(tmp_path: Path) -> None:
    """ "Two men were shot and killed" says nothing of others hurt: the reading leaves the wounded unknown,
    the Archive codes them 0 ("none reported"); ``--null-as-zero`` scores as ``score_gva.py`` does."""
    _jsonl(tmp_path / "articles.jsonl", ARTICLES)
    _jsonl(tmp_path / "incidents.jsonl", INCIDENTS)
    args = ["eval", "gva", "--data", str(tmp_path), "--first", "5", "--format", "json"]
    strict = json.loads(CliRunner().invoke(cli, args).output)
    lenient = json.loads(CliRunner().invoke(cli, [*args, "--null-as-zero"]).output)
    assert strict["wounded"] == 0.5 and lenient["wounded"] == 1.0


def test_eval_gva_without_data_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "gva", "--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 2


MESSAGE = {
    "docid": "T-1",
    "text": "LIMA, 12 MAR 90 -- [TEXT] TERRORISTS BOMBED A POWER PYLON IN LIMA TODAY.",
    "templates": [
        {
            "INCIDENT: TYPE": "BOMBING",
            "PERP: INDIVIDUAL ID": '"TERRORISTS"',
            "PHYS TGT: ID": '"POWER PYLON"',
            "INCIDENT: INSTRUMENT ID": "-",
        }
    ],
}


def test_eval_muc4_scores_readings_against_gold(tmp_path: Path) -> None:
    gold = _jsonl(tmp_path / "gold.jsonl", [MESSAGE])
    reading = {
        "document": {"id": "T-1"},
        "entities": [{"id": "e1", "name": "pylon", "type": "facility"}],
        "events": [
            {
                "type": "bombing",
                "background": False,
                "participants": [
                    {"name": "terrorists", "role": "perpetrator"},
                    {"entity": "e1", "name": "the pylon", "role": "target"},
                ],
                "weapons": [],
            }
        ],
    }
    readings = _jsonl(tmp_path / "readings.jsonl", [reading])
    result = CliRunner().invoke(cli, ["eval", "muc4", str(readings), "--gold", str(gold), "--format", "json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["roles"]["overall"]["F1"] == 1.0
    assert scores["incident_type"]["accuracy"] == 1.0


def test_eval_muc4_reads_messages(tmp_path: Path) -> None:
    gold = _jsonl(tmp_path / "gold.jsonl", [MESSAGE])
    result = CliRunner().invoke(cli, ["eval", "muc4", str(gold)])
    assert result.exit_code == 0, result.output
    assert "MUC overall F1 =" in result.output and "incident type accuracy" in result.output
