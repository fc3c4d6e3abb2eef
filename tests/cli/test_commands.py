"""The commands through click's CliRunner, on our fixture articles and a real SQLite ledger."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from wireledger.cli import cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cli"
HARBOUR = FIXTURES / "harbour_shooting.txt"


def _run(db: Path, *args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], input=input, env=env)


def _json(result: Result) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    db = tmp_path / "ledger.db"
    result = _run(db, "ingest", str(FIXTURES))
    assert result.exit_code == 1, result.output  # empty.txt is skipped
    return db


def test_ingest_summary_names_every_skipped_input(tmp_path: Path) -> None:
    result = _run(tmp_path / "l.db", "ingest", str(FIXTURES))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "read             3" in lines and "stored           3" in lines
    assert "skipped          1" in lines
    assert f"E101 {FIXTURES / 'empty.txt'}: empty file (0 bytes); skipped" in lines
    again = _run(tmp_path / "l.db", "ingest", str(FIXTURES), "--format", "json")
    summary = _json(again)
    assert again.exit_code == 0
    counts = (summary["stored"], summary["duplicates"], summary["skipped"], summary["skipped_new"])
    assert counts == (0, 3, 1, 0)
    assert summary["schema_version"] == "1.0" and summary["problems"][0]["known"] is True


def test_show_prints_title_headings_sources_then_text(ledger: Path) -> None:
    result = _run(ledger, "show", str(HARBOUR))
    assert result.exit_code == 0
    out = result.stdout.splitlines()
    assert out[0] == "Gunman wounds two dock workers at Port Elmsworth terminal"
    sections = out.index("Sections:")
    sources = out.index("Sources:")
    assert out[sections + 1:sources] == ["  Shots at the gate", "  Search for the attacker"]
    assert out[sources + 1:sources + 4] == ["  Port Elmsworth harbour police", "  St Brennan's Hospital",
                                            "  Elmsworth Evening Post"]
    assert out.index("Two dock workers were wounded on Tuesday evening when a gunman opened fire near the "
                     "container terminal in Port Elmsworth, harbour police said.") > sources


def test_show_by_id_source_id_and_json(ledger: Path) -> None:
    shown = _json(_run(ledger, "show", str(HARBOUR), "--format", "json"))
    doc = shown["document"]
    assert shown["schema_version"] == "1.0" and shown["command"] == "show"
    assert doc["sections"] == ["Shots at the gate", "Search for the attacker"]
    assert doc["published"] == "2025-03-04"
    # ingest reads by default: the stored reading is shown with the document
    assert any(e["type"] in ("armed_assault", "assassination") for e in shown["reading"]["events"])
    by_id = _json(_run(ledger, "show", doc["id"], "--format", "json"))
    assert by_id["document"]["text"] == doc["text"]
    span = doc["section_spans"][0]
    assert doc["text"][span["start"]:span["heading_end"]] == "Shots at the gate"


def test_show_unknown_exits_1_with_a_coded_line(ledger: Path) -> None:
    result = _run(ledger, "show", "doc_0000")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("E151 doc_0000: no stored document")


def test_documents_listing_and_paging(ledger: Path) -> None:
    text = _run(ledger, "documents")
    assert text.exit_code == 0 and len(text.stdout.splitlines()) == 3
    assert "2025-03-04  en  Gunman wounds two dock workers at Port Elmsworth terminal" in text.stdout
    listed = _json(_run(ledger, "documents", "--format", "json"))["documents"]
    assert [d["source_ids"][0] for d in listed] == sorted(str(p) for p in FIXTURES.glob("*.txt")
                                                          if p.stat().st_size)
    page = _json(_run(ledger, "documents", "--limit", "1", "--offset", "1", "--format", "json"))
    assert page["documents"] == listed[1:2]


def test_search_text_and_json(ledger: Path) -> None:
    result = _run(ledger, "search", "parcel", "bomb")
    assert result.exit_code == 0
    assert "Parcel bomb injures stallholder at Dravik covered market" in result.stdout
    assert "[parcel] [bomb]" in result.stdout.lower()
    data = _json(_run(ledger, "search", '"covered market"', "--format", "json"))
    assert data["query"] == '"covered market"' and len(data["hits"]) == 1
    assert _run(ledger, "search", "nothingmatchesthis").stdout.strip() == "no matches"


def test_stats_json(ledger: Path) -> None:
    data = _json(_run(ledger, "stats", "--format", "json"))
    stats = data["stats"]
    assert (stats["documents"], stats["source_ids"], stats["skipped_inputs"]) == (3, 3, 1)
    assert stats["skipped_by_code"] == {"E101": 1}
    assert "documents        3" in _run(ledger, "stats").stdout


@pytest.mark.parametrize("args", [["documents"], ["show", str(HARBOUR)], ["search", "gunman"], ["stats"],
                                  ["ingest", str(HARBOUR)]])
def test_every_command_speaks_json_with_a_schema_version(ledger: Path, args: list[str]) -> None:
    result = _run(ledger, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    data = _json(result)
    assert data["schema_version"] == "1.0" and data["command"] == args[0]


def test_jsonl_from_stdin_with_field_options(tmp_path: Path) -> None:
    rows = [{"doc_id": "n-1", "body": "Police in Hesk arrested two men after a jewellery shop was robbed at "
             "gunpoint on Saturday.", "headline": "Two held after Hesk robbery", "date": "2025-02-01"},
            {"doc_id": "n-2", "body": ""}]
    stdin = "".join(json.dumps(r) + "\n" for r in rows)
    result = _run(tmp_path / "s.db", "ingest", "-", "--format-in", "jsonl", "--id-field", "doc_id",
                  "--text-field", "body", "--title-field", "headline", "--published-field", "date",
                  "--format", "json", input=stdin)
    summary = _json(result)
    assert result.exit_code == 1 and summary["stored"] == 1 and summary["problems"][0]["code"] == "E112"
    # stdin cannot be recognised on a later run, so its problems are never "already reported"
    again = _run(tmp_path / "s.db", "ingest", "-", "--format-in", "jsonl", "--id-field", "doc_id",
                 "--text-field", "body", "--title-field", "headline", input=stdin)
    assert again.exit_code == 1 and "already reported" not in again.stdout
    doc = _json(_run(tmp_path / "s.db", "show", "n-1", "--format", "json"))["document"]
    assert doc["title"] == "Two held after Hesk robbery" and doc["published"] == "2025-02-01"
    # the headline field is read as the report's headline, in front of the body
    assert doc["text"].startswith("Two held after Hesk robbery\n\nPolice in Hesk")
    assert doc["title_span"] == [0, len("Two held after Hesk robbery")]


def test_published_option_dates_undated_inputs(tmp_path: Path) -> None:
    market = str(FIXTURES / "market_bomb.txt")
    assert _run(tmp_path / "p.db", "ingest", market, "--published", "2025-07-06").exit_code == 0
    doc = _json(_run(tmp_path / "p.db", "show", market, "--format", "json"))["document"]
    assert doc["published"] == "2025-07-06"


def test_db_from_environment_and_flag(tmp_path: Path) -> None:
    env_db, flag_db = tmp_path / "env.db", tmp_path / "flag.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(HARBOUR)], env={"WIRELEDGER_DB": str(env_db)})
    assert result.exit_code == 0 and env_db.exists()
    runner.invoke(cli, ["--db", str(flag_db), "ingest", str(HARBOUR)], env={"WIRELEDGER_DB": str(env_db)})
    assert flag_db.exists()


@pytest.mark.parametrize(("args", "code"), [
    (["ingest"], "E150"),
    (["ingest", str(HARBOUR), "--published", "06/02/2026"], "E150"),
    (["search", "*", '""'], "E150"),
])
def test_usage_errors_exit_2_with_a_coded_line(ledger: Path, args: list[str], code: str) -> None:
    result = _run(ledger, *args)
    assert result.exit_code == 2 and result.stderr.startswith(code)


def test_unknown_option_exits_2_and_a_missing_ledger_1(tmp_path: Path) -> None:
    unknown = _run(tmp_path / "x.db", "ingest", "--no-such-option", str(HARBOUR))
    assert unknown.exit_code == 2 and unknown.stderr.startswith("E150")
    missing = _run(tmp_path / "absent.db", "documents")
    assert missing.exit_code == 1 and missing.stderr.startswith("E100")
    assert not (tmp_path / "absent.db").exists()


def test_nothing_readable_exits_2(tmp_path: Path) -> None:
    result = _run(tmp_path / "n.db", "ingest", str(FIXTURES / "empty.txt"), str(tmp_path / "gone.txt"))
    assert result.exit_code == 2
    assert "E100" in result.stdout and "E101" in result.stdout


def test_terminal_control_characters_in_documents_are_not_printed(tmp_path: Path) -> None:
    evil = tmp_path / "evil.txt"
    evil.write_text("Title: Bad \x1b[31mred\x1b[0m title\n\nA boat capsized off Saltmere; nine crew were "
                    "rescued by a trawler.\x07\n", encoding="utf-8")
    _run(tmp_path / "e.db", "ingest", str(evil))
    out = _run(tmp_path / "e.db", "show", str(evil)).stdout
    assert "\x1b" not in out and "\x07" not in out and "Bad [31mred[0m title" in out


def test_ingest_of_nothing_leaves_no_empty_ledger_behind(tmp_path: Path) -> None:
    result = _run(tmp_path / "n.db", "ingest", str(tmp_path / "gone.txt"))
    assert result.exit_code == 2 and "E100" in result.output  # the summary names the missing input
    assert not list(tmp_path.glob("n.db*"))
    kept = _run(tmp_path / "k.db", "ingest", str(HARBOUR), "--no-read")
    assert kept.exit_code == 0
    again = _run(tmp_path / "k.db", "ingest", str(tmp_path / "gone.txt"))  # a ledger with documents stays
    assert again.exit_code == 2 and (tmp_path / "k.db").exists()
