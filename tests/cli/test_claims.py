"""`wireledger claims --about NAME` and `wireledger sources` on a report we wrote (read, not stored)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wireledger.cli import cli

REPORT = """Outlet: Valley Herald

Gunman wounds guard at depot

A security guard was shot in the leg at the Marlow bus depot on Tuesday night, police said, citing witnesses.

Depot owner Carla Menz told the Valley Herald that the guard, Paul Odum, had asked for better lighting.

The attacker has not been identified.
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("claims") / "depot.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_claims_about_a_person_as_json(report: Path) -> None:
    result = CliRunner().invoke(cli, ["claims", "--about", "Paul Odum", str(report), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["command"] == "claims" and data["claims"]
    chains = [c["attribution"] for c in data["claims"]]
    assert ["Carla Menz", "Valley Herald"] in chains


def test_claims_about_nobody_exits_1(report: Path) -> None:
    result = CliRunner().invoke(cli, ["claims", "--about", "Zebulon Quarry", str(report)])
    assert result.exit_code == 1
    assert "0 claims" in result.output


def test_sources_table(report: Path) -> None:
    result = CliRunner().invoke(cli, ["sources", str(report), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {r["source"]: r for r in json.loads(result.output)["sources"]}
    assert rows["witnesses"]["as_origin"] >= 1 and rows["witnesses"]["type"] == "person"
    assert rows["police"]["as_relay"] >= 1 and rows["police"]["type"] == "official"
    assert rows["Valley Herald"]["type"] == "outlet"
    text = CliRunner().invoke(cli, ["sources", str(report)]).output
    assert "police (official)" in text


def test_eval_attribution_on_a_fixture_folder(tmp_path: Path) -> None:
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "attribution"
    for name in ("01_citing_chain.yaml", "10_denial_verb.yaml"):
        (tmp_path / name).write_text((fixtures / name).read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "attribution", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)["fixtures"]
    assert scores["fixtures"] == 2 and scores["expectations"] == 4
    assert 0.0 <= scores["source_precision"] <= 1.0 and scores["per_fixture"][0]["name"] == "citing chain"


def test_eval_attribution_without_fixtures_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "attribution", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
