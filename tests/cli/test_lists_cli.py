"""``wireledger lists load|show`` and ``wireledger screen`` through click's CliRunner on our list fixtures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from wireledger.cli import cli

SANCTIONS = Path(__file__).resolve().parents[1] / "fixtures" / "sanctions"


def _run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def _json(result: Result) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    db = tmp_path / "ledger.db"
    result = _run(
        db,
        "lists",
        "load",
        str(SANCTIONS / "ofac_2025-03-01"),
        str(SANCTIONS / "uk"),
        str(SANCTIONS / "eu" / "32099R0001.csv"),
        "--as-of",
        "2026-03-01",
    )
    assert result.exit_code == 0, result.output
    return db


def test_load_reports_each_list_and_its_problems(tmp_path: Path) -> None:
    result = _run(tmp_path / "l.db", "lists", "load", str(SANCTIONS / "ofac_2025-03-01"), "--format", "json")
    assert result.exit_code == 0
    payload = _json(result)
    (loaded,) = payload["loaded"]
    assert (loaded["list_id"], loaded["status"], loaded["entries"]) == ("us_ofac_sdn", "loaded", 7)
    assert [p["code"] for p in payload["problems"]] == ["W140"]
    assert "W140" in result.stderr


def test_companion_before_its_list_is_an_error_and_later_adds(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    alone = _run(db, "lists", "load", str(SANCTIONS / "ofac_2026-03-02" / "alt.csv"))
    assert alone.exit_code == 2 and "E140" in alone.stderr
    _run(db, "lists", "load", str(SANCTIONS / "ofac_2025-03-01"))
    added = _run(db, "lists", "load", str(SANCTIONS / "ofac_2026-03-02" / "alt.csv"))
    assert added.exit_code == 0 and "added to the current version" in added.stdout
    shown = _json(_run(db, "lists", "show", "us_ofac_sdn", "--format", "json"))
    assert [v["kind"] for v in shown["lists"]] == ["full", "companion"]


def test_show_lists_the_current_versions(ledger: Path) -> None:
    result = _run(ledger, "lists", "show")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    # --as-of dates the files that print no date; the OFSI file's own "Last Updated" wins
    assert any(line.startswith("us_ofac_sdn  2026-03-01 (as_of)  current") for line in lines)
    assert any(line.startswith("uk_ofsi_consolidated  2026-03-03 (file)  current") for line in lines)
    assert any(line.startswith("eu_32099R0001  2026-03-01 (as_of)  current") for line in lines)
    # the folder held the OFSI csv and xlsx forms: one is current, the other kept as history
    assert sum("uk_ofsi_consolidated" in line for line in lines) == 1
    history = _run(ledger, "lists", "show", "uk_ofsi_consolidated").stdout.splitlines()
    assert len(history) == 2 and sum("current" in line for line in history) == 1


def test_screen_json_with_context(ledger: Path) -> None:
    result = _run(
        ledger,
        "screen",
        "Timur Khazarov",
        "--affiliation",
        "GRU",
        "--position",
        "first deputy head of the GRU",
        "--rank",
        "Lieutenant General",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    payload = _json(result)
    assert payload["query"] == "Timur Khazarov"
    first = payload["matches"][0]
    assert {"list", "entry_id", "name", "score", "explanation"} <= set(first)
    assert "DEMIRKOV" not in first["name"]
    assert any("DEMIRKOV" in m["name"] and m["different_person"] for m in payload["set_aside"])
    assert not any("DEMIRKOV" in m["name"] and not m["different_person"] for m in payload["matches"])


def test_screen_text_explains_and_nothing_found_exits_1(ledger: Path) -> None:
    found = _run(ledger, "screen", "Тимур Хазаров")
    assert found.exit_code == 0
    assert "transliterated" in found.stdout and "MATCH" in found.stdout
    nothing = _run(ledger, "screen", "Margaret Hollis", "--format", "json")
    assert nothing.exit_code == 1 and _json(nothing)["matches"] == []


def test_screen_records_matches_with_their_version(ledger: Path) -> None:
    _run(ledger, "screen", "Timur Khazarov", "--birth-year", "1963", "--record")
    shown = _json(_run(ledger, "lists", "show", "--matches", "--format", "json"))
    assert shown["matches"] and all(m["version_is_current"] for m in shown["matches"])
    assert {m["list"] for m in shown["matches"]} >= {"us_ofac_sdn", "uk_ofsi_consolidated"}


def test_screen_without_lists_and_bad_arguments(tmp_path: Path) -> None:
    empty = _run(tmp_path / "empty.db", "screen", "Timur Khazarov")
    assert empty.exit_code == 1 and "E141" in empty.stderr
    bad_date = _run(tmp_path / "x.db", "lists", "load", str(SANCTIONS / "eu"), "--as-of", "yesterday")
    assert bad_date.exit_code == 2 and "E150" in bad_date.stderr
    bad_threshold = _run(tmp_path / "x.db", "screen", "A B", "--threshold", "7")
    assert bad_threshold.exit_code == 2
